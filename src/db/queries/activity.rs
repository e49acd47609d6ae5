//! Pages of the customers' portal users and of their activity log (newest first by
//! default), filtered and sorted by any column in SQL, keyset-paged on (sort value, id).
//!
//! Names (company, user) are matched through `IN` subqueries, so the filter is a
//! condition on the list's own table; the page is paged over that table (joined only
//! to the table whose name the sort needs), then the shown columns of just those ids are
//! loaded ([`super::page::in_order`] says why).

use chrono::{Days, NaiveDate, NaiveDateTime, NaiveTime};
use diesel::dsl::exists;
use diesel::prelude::*;

use super::list::ListQuery;
use super::page::{Page, PageRequest, Row, SortKey, contains, in_order};
use crate::db::DbConnection;
use crate::db::schema::{app_log, companies, portal_users};
use crate::domain::filter::{Qualifier, Term};

/// The qualifiers of the Portal users list.
pub const USER_QUALIFIERS: &[Qualifier] = &[
    Qualifier::Company,
    Qualifier::Disabled,
    Qualifier::ActiveDays,
];

/// The qualifiers of the Activity list.
pub const LOG_QUALIFIERS: &[Qualifier] = &[
    Qualifier::Company,
    Qualifier::User,
    Qualifier::Action,
    Qualifier::LogStatus,
    Qualifier::Date,
];

/// `active:N`: the N whole days before `today` (UTC), the window of the utilization
/// report's active users: from (inclusive), until (exclusive).
#[must_use]
pub fn active_window(today: NaiveDate, days: u32) -> (NaiveDateTime, NaiveDateTime) {
    let until = today.and_time(NaiveTime::MIN);
    let from = today
        .checked_sub_days(Days::new(u64::from(days)))
        .unwrap_or(NaiveDate::MIN)
        .and_time(NaiveTime::MIN);
    (from, until)
}

/// The comma-separated codes of `value`, lower-cased (actions and statuses are stored
/// in lower case by the portal).
fn codes(value: &str) -> Vec<String> {
    value
        .split(',')
        .map(|c| c.trim().to_lowercase())
        .filter(|c| !c.is_empty())
        .collect()
}

/// Adds the WHERE clauses of `$query` to the boxed `$q`, whose FROM includes
/// `portal_users` (and maybe `companies`, for the sort: the subqueries are aliased).
macro_rules! users_filtered {
    ($q:expr, $query:expr) => {{
        let mut q = $q;
        let query: &ListQuery = $query;
        let (fc, fl) = diesel::alias!(companies as filter_companies, app_log as filter_log);
        let company_ids = |p: String| {
            fc.filter(fc.field(companies::name).like(p).escape('\\'))
                .select(fc.field(companies::id))
        };
        for word in &query.filter.words {
            let p = contains(word);
            q = q.filter(
                portal_users::external_user_id
                    .like(p.clone())
                    .escape('\\')
                    .or(portal_users::email.like(p.clone()).escape('\\'))
                    .or(portal_users::name.like(p.clone()).escape('\\'))
                    .or(portal_users::company_id.eq_any(company_ids(p))),
            );
        }
        for term in &query.filter.terms {
            q = match term {
                Term::Name(_, n) => {
                    q.filter(portal_users::company_id.eq_any(company_ids(contains(n))))
                }
                Term::Flag(_, disabled) => q.filter(portal_users::disabled.eq(*disabled)),
                Term::ActiveWithin(days) => {
                    let today = query.today.unwrap_or_else(|| crate::db::now().date());
                    let (from, until) = active_window(today, *days);
                    q.filter(exists(
                        fl.filter(fl.field(app_log::user_id).eq(portal_users::id))
                            .filter(fl.field(app_log::ts).ge(from))
                            .filter(fl.field(app_log::ts).lt(until)),
                    ))
                }
                // Other lists' qualifiers: `Filter::parse` with the list's refuses them.
                _ => q,
            };
        }
        q
    }};
}

type UserTuple = (i64, String, String, String, String, bool, NaiveDateTime);

/// Portal users: Company, User ID, Email, Name, Disabled, Created.
///
/// # Errors
/// Database errors.
pub fn portal_users(
    conn: &mut DbConnection,
    query: &ListQuery,
    req: &PageRequest,
    limit: usize,
) -> QueryResult<Page> {
    use portal_users as t;
    let desc = query.sort.descending;
    macro_rules! by {
        ($e:expr, $variant:ident) => {{
            let q = users_filtered!(t::table.select((t::id, $e)).into_boxed(), query);
            crate::keyset_sorted!(conn, q, $e, t::id, $variant, req, limit, desc)
        }};
    }
    let keys = match query.sort.column {
        1 => by!(t::external_user_id, Text),
        2 => by!(t::email, Text),
        3 => by!(t::name, Text),
        4 => by!(t::disabled, Bool),
        5 => by!(t::created_at, Time),
        _ => {
            let q = users_filtered!(
                t::table
                    .inner_join(companies::table)
                    .select((t::id, companies::name))
                    .into_boxed(),
                query
            );
            crate::keyset_sorted!(conn, q, companies::name, t::id, Text, req, limit, desc)
        }
    };
    let ids: Vec<i64> = keys.iter().map(|(id, _)| *id).collect();
    let found: Vec<UserTuple> = t::table
        .inner_join(companies::table)
        .filter(t::id.eq_any(&ids))
        .select((
            t::id,
            companies::name,
            t::external_user_id,
            t::email,
            t::name,
            t::disabled,
            t::created_at,
        ))
        .load(conn)?;
    let rows = in_order(&ids, found, |r| r.0)
        .into_iter()
        .zip(keys)
        .map(
            |((id, company, ext, email, name, disabled, created), (_, key))| Row {
                id,
                key,
                cells: vec![
                    company.into(),
                    ext.into(),
                    email.into(),
                    name.into(),
                    disabled.into(),
                    created.into(),
                ],
            },
        )
        .collect();
    Ok(Page::from_scan(rows, req, limit))
}

/// How many portal users match.
///
/// # Errors
/// Database errors.
pub fn count_portal_users(conn: &mut DbConnection, query: &ListQuery) -> QueryResult<i64> {
    users_filtered!(portal_users::table.count().into_boxed(), query).get_result(conn)
}

/// Adds the WHERE clauses of `$query` to the boxed `$q`, whose FROM includes `app_log`
/// (and maybe `companies` or `portal_users`, for the sort: the subqueries are aliased).
macro_rules! log_filtered {
    ($q:expr, $query:expr) => {{
        let mut q = $q;
        let query: &ListQuery = $query;
        let (fc, fu) = diesel::alias!(companies as filter_companies, portal_users as filter_users);
        let company_ids = |p: String| {
            fc.filter(fc.field(companies::name).like(p).escape('\\'))
                .select(fc.field(companies::id))
        };
        let user_ids = |p: String| {
            fu.filter(
                fu.field(portal_users::email)
                    .like(p.clone())
                    .escape('\\')
                    .or(fu.field(portal_users::name).like(p.clone()).escape('\\'))
                    .or(fu
                        .field(portal_users::external_user_id)
                        .like(p)
                        .escape('\\')),
            )
            .select(fu.field(portal_users::id))
        };
        for word in &query.filter.words {
            let p = contains(word);
            q = q.filter(
                app_log::action
                    .like(p.clone())
                    .escape('\\')
                    .or(app_log::status.like(p.clone()).escape('\\'))
                    .or(app_log::detail.like(p.clone()).escape('\\'))
                    .or(app_log::company_id.eq_any(company_ids(p.clone())))
                    .or(app_log::user_id.eq_any(user_ids(p))),
            );
        }
        for term in &query.filter.terms {
            q = match term {
                Term::Name(Qualifier::Company, n) => {
                    q.filter(app_log::company_id.eq_any(company_ids(contains(n))))
                }
                Term::Name(Qualifier::User, n) => {
                    q.filter(app_log::user_id.eq_any(user_ids(contains(n))))
                }
                Term::Name(Qualifier::Action, n) => q.filter(app_log::action.eq_any(codes(n))),
                Term::Name(_, n) => q.filter(app_log::status.eq_any(codes(n))),
                Term::Date(_, cmp, d) => {
                    let (from, until) = super::audit::on_days(*cmp, *d);
                    let q = match from {
                        Some(t) => q.filter(app_log::ts.ge(t)),
                        None => q,
                    };
                    match until {
                        Some(t) => q.filter(app_log::ts.lt(t)),
                        None => q,
                    }
                }
                // Other lists' qualifiers: `Filter::parse` with the list's refuses them.
                _ => q,
            };
        }
        q
    }};
}

type LogTuple = (i64, NaiveDateTime, String, String, String, String, String);

/// Step one of a page of the activity log: ids and sort values, in scan order.
fn log_scan(
    conn: &mut DbConnection,
    query: &ListQuery,
    req: &PageRequest,
    limit: usize,
) -> QueryResult<Vec<(i64, SortKey)>> {
    use app_log as t;
    let desc = query.sort.descending;
    macro_rules! by {
        ($from:expr, $e:expr, $variant:ident) => {{
            let q = log_filtered!($from.select((t::id, $e)).into_boxed(), query);
            crate::keyset_sorted!(conn, q, $e, t::id, $variant, req, limit, desc)
        }};
    }
    Ok(match query.sort.column {
        1 => by!(
            t::table.inner_join(companies::table.on(companies::id.eq(t::company_id))),
            companies::name,
            Text
        ),
        2 => by!(
            t::table.inner_join(portal_users::table),
            portal_users::email,
            Text
        ),
        3 => by!(t::table, t::action, Text),
        4 => by!(t::table, t::status, Text),
        5 => by!(t::table, t::detail, Text),
        _ => by!(t::table, t::ts, Time),
    })
}

/// Activity: Time, Company, User, Action, Status, Detail.
///
/// # Errors
/// Database errors.
pub fn app_log(
    conn: &mut DbConnection,
    query: &ListQuery,
    req: &PageRequest,
    limit: usize,
) -> QueryResult<Page> {
    let keys = log_scan(conn, query, req, limit)?;
    let ids: Vec<i64> = keys.iter().map(|(id, _)| *id).collect();
    let found: Vec<LogTuple> = app_log::table
        .inner_join(companies::table.on(companies::id.eq(app_log::company_id)))
        .inner_join(portal_users::table)
        .filter(app_log::id.eq_any(&ids))
        .select((
            app_log::id,
            app_log::ts,
            companies::name,
            portal_users::email,
            app_log::action,
            app_log::status,
            app_log::detail,
        ))
        .load(conn)?;
    let rows = in_order(&ids, found, |r| r.0)
        .into_iter()
        .zip(keys)
        .map(
            |((id, ts, company, user, action, status, detail), (_, key))| Row {
                id,
                key,
                cells: vec![
                    ts.into(),
                    company.into(),
                    user.into(),
                    action.into(),
                    status.into(),
                    detail.into(),
                ],
            },
        )
        .collect();
    Ok(Page::from_scan(rows, req, limit))
}

/// How many activity rows match.
///
/// # Errors
/// Database errors.
pub fn count_app_log(conn: &mut DbConnection, query: &ListQuery) -> QueryResult<i64> {
    log_filtered!(app_log::table.count().into_boxed(), query).get_result(conn)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn active_window_is_the_whole_days_before_today() {
        let today = NaiveDate::from_ymd_opt(2026, 3, 15).unwrap_or_default();
        let (from, until) = active_window(today, 14);
        assert_eq!(from.to_string(), "2026-03-01 00:00:00");
        assert_eq!(until.to_string(), "2026-03-15 00:00:00");
        assert_eq!(codes(" Login,,API_call "), vec!["login", "api_call"]);
    }
}
