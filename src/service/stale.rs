//! Optimistic locking: when `UPDATE ... WHERE version = ?` matches nothing, tell the operator
//! who changed the row and when, from its latest audit row.

use diesel::prelude::*;

use super::ServiceError;
pub use crate::db::queries::audit::operator_name;
use crate::db::schema::{audit_log, operators};
use crate::db::{DbConnection, now};

/// The error for a lost optimistic lock on `entity` `id`. Call it after the failed
/// transaction has ended: inside it, a MySQL snapshot would not see the other save.
#[must_use]
pub fn stale(conn: &mut DbConnection, entity: &str, id: i64) -> ServiceError {
    match latest_change(conn, entity, id) {
        Ok(Some((at, operator, name))) => ServiceError::Stale {
            by: operator_name(operator, name),
            at,
        },
        Ok(None) => ServiceError::Stale {
            by: "another session".to_owned(),
            at: now(),
        },
        Err(e) => ServiceError::Database(e),
    }
}

/// The operator (none for the system) of the latest audited change of `entity` `id`, or
/// `None` when it has none.
///
/// # Errors
/// Database errors.
pub fn latest_author(
    conn: &mut DbConnection,
    entity: &str,
    id: i64,
) -> QueryResult<Option<Option<i64>>> {
    Ok(latest_change(conn, entity, id)?.map(|(_, operator, _)| operator))
}

/// When, and by whom (id and name), a change was made.
type Change = (chrono::NaiveDateTime, Option<i64>, Option<String>);

/// The latest audited change of `entity` `id`.
fn latest_change(conn: &mut DbConnection, entity: &str, id: i64) -> QueryResult<Option<Change>> {
    audit_log::table
        .left_join(operators::table)
        .filter(audit_log::entity.eq(entity))
        .filter(audit_log::entity_id.eq(id))
        .order((audit_log::at.desc(), audit_log::id.desc()))
        .select((
            audit_log::at,
            audit_log::operator_id,
            operators::username.nullable(),
        ))
        .first(conn)
        .optional()
}
