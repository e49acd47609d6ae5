//! Pages of the customers' portal users and of their activity log (newest first by
//! default), filtered and sorted by any column in SQL, keyset-paged on (sort value, id).
//!
//! Names (company, user) are matched through `IN` lists or subqueries, so the filter is
//! a condition on the list's own table; the page is paged over that table (joined only
//! to the table whose name the sort needs), then the shown columns of just those ids are
//! loaded ([`super::page::in_order`] says why).
//!
//! At 100,000 users and 10,000,000 log rows, what keeps each page and count fast:
//! - `company:` is resolved to company ids first (when at most [`MAX_IDS`] match), so
//!   that one company's rows come in the order of `app_log(company_id, ts, id, user_id)`.
//! - Counts come from read models kept exact by triggers (migration
//!   `2026-12-01-004102_list_read_models`) where the filter allows: the Activity count
//!   from `app_log_counts` (rows per company, action and status) unless the filter has
//!   words, `user:` or `date:` (those count over `app_log`'s indexes); the Portal users
//!   count from `portal_user_counts` (users and disabled ones per company) under
//!   `company:` and `disabled:` alone, and from `portal_user_activity` under `active:N`
//!   alone.
//! - `active:N` asks `portal_user_activity` (each user's latest activity) instead of the
//!   log: a primary-key probe per user shown.
//! - An `action:` or `status:` that no row has returns no page at once (the read model
//!   says so) instead of scanning the log for it.
//! - The portal users in company order (their default) are read a few companies at a
//!   time ([`users_by_company`]), the log in company order one company at a time
//!   ([`log_by_company`]).

use chrono::{Days, NaiveDate, NaiveDateTime, NaiveTime};
use diesel::dsl::exists;
use diesel::prelude::*;

use super::list::ListQuery;
use super::page::{Page, PageRequest, Row, SortKey, contains, in_order};
use super::sum_bigint;
use crate::db::DbConnection;
use crate::db::schema::{
    app_log, app_log_counts, companies, portal_user_activity, portal_user_counts, portal_users,
};
use crate::db::text::DbText;
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

/// `active:N`: activity since the start (UTC) of the day N days before `today`, so today
/// counts too (the utilization report's N-day window, plus today).
#[must_use]
pub fn active_since(today: NaiveDate, days: u32) -> NaiveDateTime {
    today
        .checked_sub_days(Days::new(u64::from(days)))
        .unwrap_or(NaiveDate::MIN)
        .and_time(NaiveTime::MIN)
}

/// Most companies a `company:` term may match and still be a list of ids (MariaDB turns
/// longer `IN` lists into a derived table); beyond it the term is a subquery.
const MAX_IDS: usize = 500;

/// The `company:` and `user:` terms of a query, each resolved to the ids of the
/// companies (users) whose name contains its text, in the order the terms come; `None`
/// when more than [`MAX_IDS`] match (the term is then a subquery). With a list of ids both
/// backends read one company's (user's) rows in the order of its index; with a subquery
/// MariaDB sorts all the matching rows, and SQLite builds the whole list per query.
#[derive(Debug, Default)]
struct Resolved {
    companies: Vec<Option<Vec<i64>>>,
    users: Vec<Option<Vec<i64>>>,
}

/// Up to [`MAX_IDS`] + 1 ids, or `None` when there are more than [`MAX_IDS`].
fn at_most(ids: Vec<i64>) -> Option<Vec<i64>> {
    (ids.len() <= MAX_IDS).then_some(ids)
}

fn resolve(conn: &mut DbConnection, query: &ListQuery) -> QueryResult<Resolved> {
    let most = i64::try_from(MAX_IDS + 1).unwrap_or(i64::MAX);
    let mut out = Resolved::default();
    for term in &query.filter.terms {
        match term {
            Term::Name(Qualifier::Company, text) => {
                let ids = companies::table
                    .filter(companies::name.like(contains(text)).escape('\\'))
                    .select(companies::id)
                    .order(companies::id)
                    .limit(most)
                    .load(conn)?;
                out.companies.push(at_most(ids));
            }
            Term::Name(Qualifier::User, text) => {
                let p = contains(text);
                let ids = portal_users::table
                    .filter(
                        portal_users::email
                            .like(p.clone())
                            .escape('\\')
                            .or(portal_users::name.like(p.clone()).escape('\\'))
                            .or(portal_users::external_user_id.like(p).escape('\\')),
                    )
                    .select(portal_users::id)
                    .order(portal_users::id)
                    .limit(most)
                    .load(conn)?;
                out.users.push(at_most(ids));
            }
            _ => {}
        }
    }
    Ok(out)
}

/// `$q` filtered by `$column IN` the companies of each `company:` term of `$query`
/// (`$resolved`, from [`resolve`]).
macro_rules! company_filtered {
    ($q:expr, $query:expr, $resolved:expr, $column:expr) => {{
        let mut q = $q;
        let (query, resolved): (&ListQuery, &Resolved) = ($query, $resolved);
        let fc = diesel::alias!(companies as company_terms);
        let mut ids = resolved.companies.iter();
        for term in &query.filter.terms {
            if let Term::Id(Qualifier::Company, id) = term {
                q = q.filter($column.eq(*id));
            }
            if let Term::Name(Qualifier::Company, n) = term {
                q = match ids.next() {
                    Some(Some(ids)) => q.filter($column.eq_any(ids.clone())),
                    _ => q.filter(
                        $column.eq_any(
                            fc.filter(fc.field(companies::name).like(contains(n)).escape('\\'))
                                .select(fc.field(companies::id)),
                        ),
                    ),
                };
            }
        }
        q
    }};
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
    ($q:expr, $query:expr, $terms:expr) => {{
        let query: &ListQuery = $query;
        let mut q = company_filtered!($q, query, $terms, portal_users::company_id);
        let fc = diesel::alias!(companies as filter_companies);
        for word in &query.filter.words {
            let p = contains(word);
            q = q.filter(
                portal_users::external_user_id
                    .like(p.clone())
                    .escape('\\')
                    .or(portal_users::email.like(p.clone()).escape('\\'))
                    .or(portal_users::name.like(p.clone()).escape('\\'))
                    .or(portal_users::company_id.eq_any(
                        fc.filter(fc.field(companies::name).like(p).escape('\\'))
                            .select(fc.field(companies::id)),
                    )),
            );
        }
        for term in &query.filter.terms {
            q = match term {
                Term::Flag(_, disabled) => q.filter(portal_users::disabled.eq(*disabled)),
                // A probe of the user's latest activity, by primary key: the list reads
                // only the users it shows (`IN (SELECT ..)` would make SQLite build the
                // list of every active user for each page).
                Term::ActiveWithin(days) => {
                    let today = query.today.unwrap_or_else(|| crate::db::now().date());
                    q.filter(exists(
                        portal_user_activity::table
                            .filter(portal_user_activity::user_id.eq(portal_users::id))
                            .filter(portal_user_activity::last_at.ge(active_since(today, *days))),
                    ))
                }
                // `company:` above; other lists' qualifiers: `Filter::parse` with the
                // list's refuses them.
                _ => q,
            };
        }
        q
    }};
}

/// Up to `limit` companies the filter's `company:` terms allow, in name order (`ascending`
/// or not), from `from`: a name and whether that name itself is included.
fn companies_from(
    conn: &mut DbConnection,
    query: &ListQuery,
    resolved: &Resolved,
    from: Option<&(String, bool)>,
    ascending: bool,
    limit: i64,
) -> QueryResult<Vec<(i64, String)>> {
    let mut next = company_filtered!(
        companies::table
            .select((companies::id, companies::name))
            .into_boxed(),
        query,
        resolved,
        companies::id
    );
    next = match (from.cloned(), ascending) {
        (Some((k, true)), true) => next.filter(companies::name.ge(k)),
        (Some((k, false)), true) => next.filter(companies::name.gt(k)),
        (Some((k, true)), false) => next.filter(companies::name.le(k)),
        (Some((k, false)), false) => next.filter(companies::name.lt(k)),
        (None, _) => next,
    };
    next = if ascending {
        next.order(companies::name.asc())
    } else {
        next.order(companies::name.desc())
    };
    // Names read lossily: the walk goes on past a name that is not UTF-8.
    Ok(next
        .limit(limit)
        .load::<(i64, DbText)>(conn)?
        .into_iter()
        .map(|(id, name)| (id, name.0))
        .collect())
}

/// Step one of the portal users in company order (their default): companies in name
/// order, a batch at a time (1, 2, 4, … up to 256 companies), and the users of each batch
/// that match, in (company name, id) order, until the page is full. One query over every
/// user would sort all 100,000 by company name (190 ms on MariaDB); a batch sorts only
/// its own users, and the first batch is usually enough.
fn users_by_company(
    conn: &mut DbConnection,
    query: &ListQuery,
    terms: &Resolved,
    req: &PageRequest,
    limit: usize,
) -> QueryResult<Vec<(i64, SortKey)>> {
    let desc = query.sort.descending;
    let ascending = req.is_forward() != desc;
    // The walk starts at the company of the cursor's row (its other users may follow).
    let mut from: Option<(String, bool)> = match req {
        PageRequest::After(c) | PageRequest::Before(c) => match &c.key {
            SortKey::Text(k) => Some((k.clone(), true)),
            _ => None,
        },
        PageRequest::First | PageRequest::Last => None,
    };
    let mut keys: Vec<(i64, SortKey)> = Vec::new();
    let mut batch: i64 = 1;
    loop {
        let group = companies_from(conn, query, terms, from.as_ref(), ascending, batch)?;
        let ids: Vec<i64> = group.iter().map(|(id, _)| *id).collect();
        let q = users_filtered!(
            portal_users::table
                .inner_join(companies::table)
                .filter(portal_users::company_id.eq_any(ids))
                .select((portal_users::id, companies::name))
                .into_boxed(),
            query,
            terms
        );
        // `want - 1` rows and the look-ahead one.
        let want = limit + 1 - keys.len();
        keys.extend(crate::keyset_sorted!(
            conn,
            q,
            companies::name,
            portal_users::id,
            Text,
            req,
            want - 1,
            desc
        ));
        let Some((_, last)) = group.last() else { break };
        if keys.len() > limit || group.len() < usize::try_from(batch).unwrap_or(0) {
            break;
        }
        from = Some((last.clone(), false));
        batch = (batch * 2).min(256);
    }
    Ok(keys)
}

/// The company and user names read lossily (see [`DbText`]).
type UserTuple = (i64, DbText, String, String, DbText, bool, NaiveDateTime);

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
    let terms = resolve(conn, query)?;
    macro_rules! by {
        ($e:expr, $variant:ident) => {{
            let q = users_filtered!(t::table.select((t::id, $e)).into_boxed(), query, &terms);
            crate::keyset_sorted!(conn, q, $e, t::id, $variant, req, limit, desc)
        }};
    }
    let keys = match query.sort.column {
        1 => by!(t::external_user_id, Text),
        2 => by!(t::email, Text),
        3 => by!(t::name, Text),
        4 => by!(t::disabled, Bool),
        5 => by!(t::created_at, Time),
        _ => users_by_company(conn, query, &terms, req, limit)?,
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
    // `active:N` alone: the users whose latest activity is recent enough, counted on the
    // read model's index (each of its users is a portal user: the log refers to them).
    let today = query.today.unwrap_or_else(|| crate::db::now().date());
    let since = query
        .filter
        .terms
        .iter()
        .map(|t| match t {
            Term::ActiveWithin(days) => Some(active_since(today, *days)),
            _ => None,
        })
        .collect::<Option<Vec<_>>>()
        .and_then(|s| s.into_iter().max());
    if let (Some(since), true) = (since, query.filter.words.is_empty()) {
        return portal_user_activity::table
            .filter(portal_user_activity::last_at.ge(since))
            .count()
            .get_result(conn);
    }
    let terms = resolve(conn, query)?;
    let by_company = query.filter.words.is_empty()
        && query.filter.terms.iter().all(|t| {
            matches!(
                t,
                Term::Name(Qualifier::Company, _)
                    | Term::Id(Qualifier::Company, _)
                    | Term::Flag(..)
            )
        });
    if !by_company {
        return users_filtered!(portal_users::table.count().into_boxed(), query, &terms)
            .get_result(conn);
    }
    // Unfiltered, or only `company:` and `disabled:`: the counts per company have it.
    let flags: Vec<bool> = query
        .filter
        .terms
        .iter()
        .filter_map(|t| match t {
            Term::Flag(_, disabled) => Some(*disabled),
            _ => None,
        })
        .collect();
    let q = company_filtered!(
        portal_user_counts::table.into_boxed(),
        query,
        &terms,
        portal_user_counts::company_id
    );
    let sum = match (flags.contains(&true), flags.contains(&false)) {
        (true, true) => return Ok(0),
        (true, false) => q
            .select(sum_bigint(portal_user_counts::disabled))
            .get_result::<Option<i64>>(conn)?,
        (false, true) => q
            .select(sum_bigint(
                portal_user_counts::users - portal_user_counts::disabled,
            ))
            .get_result::<Option<i64>>(conn)?,
        (false, false) => q
            .select(sum_bigint(portal_user_counts::users))
            .get_result::<Option<i64>>(conn)?,
    };
    Ok(sum.unwrap_or(0))
}

/// Adds the WHERE clauses of `$query` to the boxed `$q`, whose FROM includes `app_log`
/// (and maybe `companies` or `portal_users`, for the sort: the subqueries are aliased).
macro_rules! log_filtered {
    ($q:expr, $query:expr, $terms:expr) => {{
        let query: &ListQuery = $query;
        let resolved: &Resolved = $terms;
        let mut q = company_filtered!($q, query, resolved, app_log::company_id);
        let mut users = resolved.users.iter();
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
                Term::Name(Qualifier::User, n) => match users.next() {
                    Some(Some(ids)) => q.filter(app_log::user_id.eq_any(ids.clone())),
                    _ => q.filter(app_log::user_id.eq_any(user_ids(contains(n)))),
                },
                Term::Id(Qualifier::User, id) => q.filter(app_log::user_id.eq(*id)),
                Term::Name(Qualifier::Action, n) => q.filter(app_log::action.eq_any(codes(n))),
                Term::Name(Qualifier::LogStatus, n) => q.filter(app_log::status.eq_any(codes(n))),
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
                // `company:` above; other lists' qualifiers: `Filter::parse` with the
                // list's refuses them.
                _ => q,
            };
        }
        q
    }};
}

/// The company name read lossily (see [`DbText`]).
type LogTuple = (i64, NaiveDateTime, DbText, String, String, String, String);

/// Step one of a page of the activity log: ids and sort values, in scan order.
fn log_scan(
    conn: &mut DbConnection,
    query: &ListQuery,
    terms: &Resolved,
    req: &PageRequest,
    limit: usize,
) -> QueryResult<Vec<(i64, SortKey)>> {
    use app_log as t;
    let desc = query.sort.descending;
    macro_rules! by {
        ($from:expr, $e:expr, $variant:ident) => {{
            let q = log_filtered!($from.select((t::id, $e)).into_boxed(), query, terms);
            crate::keyset_sorted!(conn, q, $e, t::id, $variant, req, limit, desc)
        }};
    }
    Ok(match query.sort.column {
        1 => log_by_company(conn, query, terms, req, limit)?,
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

/// Step one of the activity log in company order: companies in name order, a chunk of
/// them at a time, and the matching rows of each company in (time, id) order, the order
/// of `app_log(company_id, ts, id, user_id)`, until the page is full. The key of a row is
/// its company's name and its time. Sorting the log by company name in one query sorts
/// all 10,000,000 rows (seconds); here a page costs one index range per company it shows.
fn log_by_company(
    conn: &mut DbConnection,
    query: &ListQuery,
    resolved: &Resolved,
    req: &PageRequest,
    limit: usize,
) -> QueryResult<Vec<(i64, SortKey)>> {
    let desc = query.sort.descending;
    let ascending = req.is_forward() != desc;
    let upward = matches!(req, PageRequest::After(_)) != desc;
    let cursor = match req {
        PageRequest::After(c) | PageRequest::Before(c) => match &c.key {
            SortKey::TextTime(name, ts) => Some((name.clone(), *ts, c.id)),
            _ => None,
        },
        PageRequest::First | PageRequest::Last => None,
    };
    let mut from = cursor.as_ref().map(|(name, _, _)| (name.clone(), true));
    let mut keys: Vec<(i64, SortKey)> = Vec::new();
    loop {
        let chunk = companies_from(conn, query, resolved, from.as_ref(), ascending, 64)?;
        for (company, name) in &chunk {
            let mut q = log_filtered!(
                app_log::table
                    .select((app_log::id, app_log::ts))
                    .filter(app_log::company_id.eq(*company))
                    .into_boxed(),
                query,
                resolved
            );
            if let Some((_, kt, ki)) = cursor.as_ref().filter(|c| &c.0 == name) {
                q = if upward {
                    q.filter(
                        app_log::ts
                            .ge(*kt)
                            .and(app_log::ts.gt(*kt).or(app_log::id.gt(*ki))),
                    )
                } else {
                    q.filter(
                        app_log::ts
                            .le(*kt)
                            .and(app_log::ts.lt(*kt).or(app_log::id.lt(*ki))),
                    )
                };
            }
            q = if ascending {
                q.order((app_log::ts.asc(), app_log::id.asc()))
            } else {
                q.order((app_log::ts.desc(), app_log::id.desc()))
            };
            let want = i64::try_from(limit + 1 - keys.len()).unwrap_or(i64::MAX);
            let rows: Vec<(i64, NaiveDateTime)> = q.limit(want).load(conn)?;
            keys.extend(
                rows.into_iter()
                    .map(|(id, ts)| (id, SortKey::TextTime(name.clone(), ts))),
            );
            if keys.len() > limit {
                return Ok(keys);
            }
        }
        match chunk.last() {
            Some((_, last)) if chunk.len() == 64 => from = Some((last.clone(), false)),
            _ => return Ok(keys),
        }
    }
}

/// Whether the read model has rows for the `company:`, `action:` and `status:` terms of
/// `query` (the others ignored), as a sum of its counters.
fn counted(conn: &mut DbConnection, query: &ListQuery, resolved: &Resolved) -> QueryResult<i64> {
    let mut q = company_filtered!(
        app_log_counts::table
            .select(sum_bigint(app_log_counts::entries))
            .into_boxed(),
        query,
        resolved,
        app_log_counts::company_id
    );
    for term in &query.filter.terms {
        q = match term {
            Term::Name(Qualifier::Action, n) => q.filter(app_log_counts::action.eq_any(codes(n))),
            Term::Name(Qualifier::LogStatus, n) => {
                q.filter(app_log_counts::status.eq_any(codes(n)))
            }
            _ => q,
        };
    }
    Ok(q.get_result::<Option<i64>>(conn)?.unwrap_or(0))
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
    let terms = resolve(conn, query)?;
    // No index serves `action:` and `status:`: the page scans the log in its order for
    // them. An action or status that no row has (a typo) would scan all of it; the read
    // model says so first.
    let coded = query
        .filter
        .terms
        .iter()
        .any(|t| matches!(t, Term::Name(Qualifier::Action | Qualifier::LogStatus, _)));
    if coded && counted(conn, query, &terms)? == 0 {
        return Ok(Page::from_scan(Vec::new(), req, limit));
    }
    let keys = log_scan(conn, query, &terms, req, limit)?;
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
    let terms = resolve(conn, query)?;
    let in_read_model = query.filter.words.is_empty()
        && query.filter.terms.iter().all(|t| {
            matches!(
                t,
                Term::Name(
                    Qualifier::Company | Qualifier::Action | Qualifier::LogStatus,
                    _
                ) | Term::Id(Qualifier::Company, _)
            )
        });
    if !in_read_model {
        return log_filtered!(app_log::table.count().into_boxed(), query, &terms).get_result(conn);
    }
    // Unfiltered, or only `company:`, `action:` and `status:`: the read model has it.
    counted(conn, query, &terms)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn active_since_the_start_of_the_day_n_days_ago() {
        let today = NaiveDate::from_ymd_opt(2026, 3, 15).unwrap_or_default();
        assert_eq!(active_since(today, 14).to_string(), "2026-03-01 00:00:00");
        assert_eq!(active_since(today, 1).to_string(), "2026-03-14 00:00:00");
        assert_eq!(codes(" Login,,API_call "), vec!["login", "api_call"]);
    }
}
