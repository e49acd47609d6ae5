//! The audit trail: one row per change, written in the same transaction as the change.

use diesel::prelude::*;

use crate::auth::Actor;
use crate::db::models::NewAuditEntry;
use crate::db::schema::audit_log;
use crate::db::{DbConnection, now};

/// One changed field: name, value before, value after (`None` = absent).
pub type FieldChange<'a> = (&'a str, Option<String>, Option<String>);

/// Who an audit row names as the author of a write.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Author {
    /// A logged-in operator.
    Operator(i64),
    /// The system (the expiry sweep, a login attempt): no operator.
    System,
    /// The row written: the very first operator account, which nobody could log in to
    /// create, is recorded as created by itself.
    Itself,
}

impl Author {
    /// The audit row's `operator_id` for a write of the row `row_id`.
    #[must_use]
    pub fn operator_id(self, row_id: i64) -> Option<i64> {
        match self {
            Author::Operator(id) => Some(id),
            Author::System => None,
            Author::Itself => Some(row_id),
        }
    }
}

impl From<&Actor> for Author {
    fn from(actor: &Actor) -> Self {
        Author::Operator(actor.operator_id)
    }
}

/// The fields whose values differ between `before` and `after` (the same fields in the
/// same order, as a use case's `audit_fields` gives them), as changes.
pub fn diff<'a>(
    before: impl IntoIterator<Item = (&'a str, Option<String>)>,
    after: impl IntoIterator<Item = (&'a str, Option<String>)>,
) -> Vec<FieldChange<'a>> {
    before
        .into_iter()
        .zip(after)
        .filter(|((_, b), (_, a))| a != b)
        .map(|((field, b), (_, a))| (field, b, a))
        .collect()
}

/// Every field a new row was given, as changes from nothing (an empty field is no change).
pub fn created<'a>(
    fields: impl IntoIterator<Item = (&'a str, Option<String>)>,
) -> Vec<FieldChange<'a>> {
    fields
        .into_iter()
        .filter(|(_, v)| v.is_some())
        .map(|(f, v)| (f, None, v))
        .collect()
}

/// Every field a removed row had, as changes to nothing.
pub fn deleted<'a>(
    fields: impl IntoIterator<Item = (&'a str, Option<String>)>,
) -> Vec<FieldChange<'a>> {
    fields
        .into_iter()
        .filter(|(_, v)| v.is_some())
        .map(|(f, v)| (f, v, None))
        .collect()
}

/// Writes an audit row. `changes` becomes `{"field": [before, after], ...}`.
///
/// # Errors
/// Database errors; the caller's transaction then rolls back with the change.
pub fn record(
    conn: &mut DbConnection,
    operator_id: Option<i64>,
    entity: &str,
    entity_id: i64,
    action: &str,
    changes: &[FieldChange<'_>],
) -> QueryResult<()> {
    diesel::insert_into(audit_log::table)
        .values(&entry(operator_id, entity, entity_id, action, changes))
        .execute(conn)
        .map(|_| ())
}

/// The audit row of one change, to [`record`] or to [`record_all`] with others.
#[must_use]
pub fn entry(
    operator_id: Option<i64>,
    entity: &str,
    entity_id: i64,
    action: &str,
    changes: &[FieldChange<'_>],
) -> NewAuditEntry {
    let map: serde_json::Map<String, serde_json::Value> = changes
        .iter()
        .map(|(field, before, after)| ((*field).to_owned(), serde_json::json!([before, after])))
        .collect();
    NewAuditEntry {
        operator_id,
        at: now(),
        entity: entity.to_owned(),
        entity_id,
        action: action.to_owned(),
        changes: serde_json::Value::Object(map).to_string(),
    }
}

/// Writes many audit rows in one INSERT (a bulk write such as an import).
///
/// # Errors
/// Database errors.
pub fn record_all(conn: &mut DbConnection, entries: &[NewAuditEntry]) -> QueryResult<()> {
    if entries.is_empty() {
        return Ok(());
    }
    crate::with_backend!(conn, |c| {
        diesel::insert_into(audit_log::table)
            .values(entries)
            .execute(c)
    })
    .map(|_| ())
}
