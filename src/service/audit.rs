//! The audit trail: one row per change, written in the same transaction as the change.

use diesel::prelude::*;

use crate::db::models::NewAuditEntry;
use crate::db::schema::audit_log;
use crate::db::{DbConnection, now};

/// One changed field: name, value before, value after (`None` = absent).
pub type FieldChange<'a> = (&'a str, Option<String>, Option<String>);

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
    let map: serde_json::Map<String, serde_json::Value> = changes
        .iter()
        .map(|(field, before, after)| ((*field).to_owned(), serde_json::json!([before, after])))
        .collect();
    diesel::insert_into(audit_log::table)
        .values(&NewAuditEntry {
            operator_id,
            at: now(),
            entity: entity.to_owned(),
            entity_id,
            action: action.to_owned(),
            changes: serde_json::Value::Object(map).to_string(),
        })
        .execute(conn)
        .map(|_| ())
}
