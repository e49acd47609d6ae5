//! Change history with the field-level changes decoded: of one license (its own audit
//! rows and those of its purchases and deployments, newest first), and of one audit row
//! (the Audit log tab's detail pane).

use chrono::NaiveDateTime;
use diesel::prelude::*;

use super::stale::operator_name;
use super::{ServiceError, authorize};
use crate::auth::Actor;
use crate::db::DbConnection;
use crate::db::models::audit::decode_changes;
use crate::db::schema::{audit_log, deployments, operators, purchases};
use crate::db::text::DbText;
use crate::domain::Permission;

pub use crate::db::models::audit::Change;

/// One audit row as the history view shows it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct HistoryEntry {
    /// UTC; the view converts to local time.
    pub at: NaiveDateTime,
    /// The operator's name; `None` for changes made by the system (the expiry sweep).
    pub operator: Option<String>,
    /// `license`, `purchase` or `deployment`.
    pub entity: String,
    pub entity_id: i64,
    /// `create`, `update`, `status`, `delete`, `expire` or `purchase:<kind>`.
    pub action: String,
    /// (field, before, after), in field-name order.
    pub changes: Vec<Change>,
}

impl HistoryEntry {
    /// Who made the change, for display ("the system" for automatic changes).
    #[must_use]
    pub fn by(&self) -> String {
        operator_name(None, self.operator.clone())
    }
}

/// The operator's name and the changed values read lossily (see [`DbText`]).
type Row = (
    NaiveDateTime,
    Option<i64>,
    Option<DbText>,
    String,
    i64,
    String,
    DbText,
);

/// # Errors
/// Forbidden (needs `ViewAudit`), an unreadable audit row, or database errors.
pub fn license_history(
    conn: &mut DbConnection,
    actor: &Actor,
    license_id: i64,
) -> Result<Vec<HistoryEntry>, ServiceError> {
    authorize(actor, Permission::ViewAudit)?;
    let of_purchases = purchases::table
        .filter(purchases::license_id.eq(license_id))
        .select(purchases::id);
    let of_deployments = deployments::table
        .filter(deployments::license_id.eq(license_id))
        .select(deployments::id);
    let rows: Vec<Row> = audit_log::table
        .left_join(operators::table)
        .filter(
            audit_log::entity
                .eq("license")
                .and(audit_log::entity_id.eq(license_id))
                .or(audit_log::entity
                    .eq("purchase")
                    .and(audit_log::entity_id.eq_any(of_purchases)))
                .or(audit_log::entity
                    .eq("deployment")
                    .and(audit_log::entity_id.eq_any(of_deployments))),
        )
        .order((audit_log::at.desc(), audit_log::id.desc()))
        .select(columns())
        .load(conn)?;
    rows.into_iter().map(entry_of).collect()
}

/// The history of one record: its audit rows (`entity` as the audit log names it:
/// `company`, `partner` …).
///
/// # Errors
/// Forbidden (needs `ViewAudit`), an unreadable audit row, or database errors.
pub fn record_history(
    conn: &mut DbConnection,
    actor: &Actor,
    entity: &str,
    id: i64,
) -> Result<Vec<HistoryEntry>, ServiceError> {
    authorize(actor, Permission::ViewAudit)?;
    let rows: Vec<Row> = audit_log::table
        .left_join(operators::table)
        .filter(audit_log::entity.eq(entity))
        .filter(audit_log::entity_id.eq(id))
        .order((audit_log::at.desc(), audit_log::id.desc()))
        .select(columns())
        .load(conn)?;
    rows.into_iter().map(entry_of).collect()
}

/// One audit row by id, decoded (the Audit log tab's detail pane).
///
/// # Errors
/// Forbidden (needs `ViewAudit`), `NotFound`, an unreadable audit row, or database errors.
pub fn entry(
    conn: &mut DbConnection,
    actor: &Actor,
    id: i64,
) -> Result<HistoryEntry, ServiceError> {
    authorize(actor, Permission::ViewAudit)?;
    let row: Row = audit_log::table
        .left_join(operators::table)
        .filter(audit_log::id.eq(id))
        .select(columns())
        .first(conn)
        .optional()?
        .ok_or_else(|| ServiceError::NotFound(format!("audit row #{id}")))?;
    entry_of(row)
}

/// What [`Row`] is loaded from.
type Columns = (
    audit_log::at,
    audit_log::operator_id,
    diesel::dsl::Nullable<operators::username>,
    audit_log::entity,
    audit_log::entity_id,
    audit_log::action,
    audit_log::changes,
);

fn columns() -> Columns {
    (
        audit_log::at,
        audit_log::operator_id,
        operators::username.nullable(),
        audit_log::entity,
        audit_log::entity_id,
        audit_log::action,
        audit_log::changes,
    )
}

fn entry_of(
    (at, operator_id, username, entity, entity_id, action, changes): Row,
) -> Result<HistoryEntry, ServiceError> {
    Ok(HistoryEntry {
        at,
        operator: operator_id.map(|id| operator_name(Some(id), username.map(String::from))),
        changes: decode_changes(&changes.0).map_err(|why| {
            ServiceError::Internal(format!(
                "audit row of {entity} #{entity_id} is unreadable: {why}"
            ))
        })?,
        entity,
        entity_id,
        action,
    })
}
