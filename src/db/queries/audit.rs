//! The audit log as a list: every change, newest first, keyset-paged on (time, id), with
//! free words and the `operator:`, `entity:`, `action:` and `date:` qualifiers, all in SQL.
//! The indexes `audit_log(at)`, `(operator_id, at)`, `(entity, at)` and `(action, at)`
//! serve the order with or without one qualifier.

use chrono::{Local, NaiveDate, NaiveDateTime, NaiveTime, TimeZone};
use diesel::prelude::*;
use diesel::sql_types::Bool;

use super::list::ListQuery;
use super::page::{Page, PageRequest, Row, Value, contains, in_order};
use crate::db::models::audit::decode_changes;
use crate::db::schema::{audit_log, operators};
use crate::db::text::DbText;
use crate::db::{Db, DbConnection};
use crate::domain::filter::{Cmp, Qualifier, Term};
use crate::domain::labels::field_label;

/// The qualifiers the audit log understands.
pub const QUALIFIERS: &[Qualifier] = &[
    Qualifier::Operator,
    Qualifier::Entity,
    Qualifier::Action,
    Qualifier::Date,
];

/// Who made the changes no operator made (the expiry sweep, failed logins).
pub const SYSTEM: &str = "the system";

/// How an audit row's operator is shown: the name, or "the system" for automatic changes.
#[must_use]
pub fn operator_name(operator_id: Option<i64>, username: Option<String>) -> String {
    match (operator_id, username) {
        (_, Some(name)) => name,
        (None, None) => SYSTEM.to_owned(),
        (Some(id), None) => format!("operator #{id}"),
    }
}

type Condition = Box<dyn BoxableExpression<audit_log::table, Db, SqlType = Bool>>;

/// The WHERE conditions of `query`, each on `audit_log` alone (names by subquery).
fn conditions(query: &ListQuery) -> Vec<Condition> {
    let mut out: Vec<Condition> = Vec::new();
    for word in &query.filter.words {
        let p = contains(word);
        out.push(Box::new(
            audit_log::changes
                .like(p.clone())
                .escape('\\')
                .or(audit_log::entity.like(p.clone()).escape('\\'))
                .or(audit_log::action.like(p).escape('\\')),
        ));
    }
    for term in &query.filter.terms {
        match term {
            Term::Name(Qualifier::Operator, n) => out.push(by_operator(n)),
            Term::Name(Qualifier::Entity, n) => {
                out.push(Box::new(audit_log::entity.eq_any(codes(n))));
            }
            Term::Name(Qualifier::Action, n) => out.push(by_action(n)),
            Term::Date(_, cmp, d) => {
                let (from, until) = on_days(*cmp, *d);
                if let Some(t) = from {
                    out.push(Box::new(audit_log::at.ge(t)));
                }
                if let Some(t) = until {
                    out.push(Box::new(audit_log::at.lt(t)));
                }
            }
            // Other lists' qualifiers: `Filter::parse` with `QUALIFIERS` refuses them.
            _ => {}
        }
    }
    out
}

/// Operators whose name contains `n`; "the system" when its name does.
fn by_operator(n: &str) -> Condition {
    let named = audit_log::operator_id.assume_not_null().eq_any(
        operators::table
            .filter(operators::username.like(contains(n)).escape('\\'))
            .select(operators::id),
    );
    if SYSTEM.contains(&n.to_lowercase()) {
        Box::new(named.or(audit_log::operator_id.is_null()))
    } else {
        Box::new(named)
    }
}

/// The comma-separated codes of `value`, lower-cased.
fn codes(value: &str) -> Vec<String> {
    value
        .split(',')
        .map(|c| c.trim().to_lowercase())
        .filter(|c| !c.is_empty())
        .collect()
}

/// Actions among the codes; a code without a colon also means its kinds
/// (`purchase` matches `purchase:new`, `purchase:renewal`, …).
fn by_action(value: &str) -> Condition {
    let codes = codes(value);
    let mut any: Condition = Box::new(audit_log::action.eq_any(codes.clone()));
    for code in codes.iter().filter(|c| !c.contains(':')) {
        // `%code%` without its wildcards: the code's characters, escaped.
        let escaped = contains(code);
        let prefix = format!("{}:%", &escaped[1..escaped.len() - 1]);
        any = Box::new(any.or(audit_log::action.like(prefix).escape('\\')));
    }
    any
}

/// The UTC time at which the operator's local day `d` starts (the Time column is shown
/// in local time, so `date:` means local days).
fn day_start(d: NaiveDate) -> NaiveDateTime {
    let midnight = d.and_time(NaiveTime::MIN);
    Local
        .from_local_datetime(&midnight)
        .earliest()
        .map_or(midnight, |t| t.naive_utc())
}

/// `date:` as a range of `at`: from (inclusive), until (exclusive).
pub(super) fn on_days(cmp: Cmp, d: NaiveDate) -> (Option<NaiveDateTime>, Option<NaiveDateTime>) {
    let start = day_start(d);
    let end = day_start(d.succ_opt().unwrap_or(NaiveDate::MAX));
    match cmp {
        Cmp::Lt => (None, Some(start)),
        Cmp::Le => (None, Some(end)),
        Cmp::Eq => (Some(start), Some(end)),
        Cmp::Ge => (Some(start), None),
        Cmp::Gt => (Some(end), None),
    }
}

/// The changed fields, by label: "Seats, Status".
#[must_use]
pub fn summary(entity: &str, changes: &str) -> String {
    match decode_changes(changes) {
        Ok(fields) => fields
            .iter()
            .map(|(column, _, _)| field_label(entity, column))
            .collect::<Vec<_>>()
            .join(", "),
        Err(_) => "(unreadable)".to_owned(),
    }
}

/// An audit row: id, time, operator id and name, entity, entity id, action and the
/// changes (JSON); the operator's name and the changes read lossily (see [`DbText`]).
pub type Entry = (
    i64,
    NaiveDateTime,
    Option<i64>,
    Option<DbText>,
    String,
    i64,
    String,
    DbText,
);

/// The audit rows `ids`, in that order, with their operators' names.
///
/// # Errors
/// Database errors.
pub fn entries(conn: &mut DbConnection, ids: &[i64]) -> QueryResult<Vec<Entry>> {
    let found: Vec<Entry> = audit_log::table
        .left_join(operators::table)
        .filter(audit_log::id.eq_any(ids))
        .select((
            audit_log::id,
            audit_log::at,
            audit_log::operator_id,
            operators::username.nullable(),
            audit_log::entity,
            audit_log::entity_id,
            audit_log::action,
            audit_log::changes,
        ))
        .load(conn)?;
    Ok(in_order(ids, found, |r| r.0))
}

/// The list's cells of an audit row: time, operator, entity, id, action and the changed
/// fields.
#[must_use]
pub fn list_cells(entry: &Entry) -> Vec<Value> {
    let (_, at, operator, name, entity, entity_id, action, changes) = entry;
    vec![
        (*at).into(),
        operator_name(*operator, name.clone().map(String::from)).into(),
        entity.as_str().into(),
        (*entity_id).into(),
        action.as_str().into(),
        summary(entity, &changes.0).into(),
    ]
}

/// One page: time, operator, entity, id, action and the changed fields. The ids and
/// times are paged over `audit_log` alone, then those rows are loaded with their names.
///
/// # Errors
/// Database errors.
pub fn page(
    conn: &mut DbConnection,
    query: &ListQuery,
    req: &PageRequest,
    limit: usize,
) -> QueryResult<Page> {
    let mut q = audit_log::table
        .select((audit_log::id, audit_log::at))
        .into_boxed();
    for c in conditions(query) {
        q = q.filter(c);
    }
    let desc = query.sort.descending;
    let keys = crate::sorted_ids!(
        conn,
        q,
        audit_log::at,
        audit_log::id,
        Time,
        req,
        limit,
        desc
    );
    let ids: Vec<i64> = keys.iter().map(|(id, _)| *id).collect();
    let found = entries(conn, &ids)?;
    let rows = found
        .into_iter()
        .zip(keys)
        .map(|(entry, (_, key))| Row {
            id: entry.0,
            key,
            cells: list_cells(&entry),
        })
        .collect();
    Ok(Page::from_scan(rows, req, limit))
}

/// How many audit rows match.
///
/// # Errors
/// Database errors.
pub fn count(conn: &mut DbConnection, query: &ListQuery) -> QueryResult<i64> {
    let mut q = audit_log::table.count().into_boxed();
    for c in conditions(query) {
        q = q.filter(c);
    }
    q.get_result(conn)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_codes_and_summaries() {
        assert_eq!(operator_name(None, None), "the system");
        assert_eq!(operator_name(Some(3), None), "operator #3");
        assert_eq!(operator_name(Some(3), Some("ann".into())), "ann");
        assert_eq!(codes(" License,,PURCHASE "), vec!["license", "purchase"]);
        assert_eq!(
            summary(
                "license",
                r#"{"seats":["1","2"],"partner_id":[null,"X #1"]}"#
            ),
            "Partner, Seats"
        );
        assert_eq!(summary("license", "{}"), "");
        assert_eq!(summary("license", "nope"), "(unreadable)");
    }
}
