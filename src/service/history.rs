//! The change history of one license: its own audit rows and those of its purchases and
//! deployments, newest first, with the field-level changes decoded.

use chrono::NaiveDateTime;
use diesel::prelude::*;

use super::stale::operator_name;
use super::{ServiceError, authorize};
use crate::auth::Actor;
use crate::db::DbConnection;
use crate::db::schema::{audit_log, deployments, operators, purchases};
use crate::domain::Permission;

/// One changed field: (field, before, after); `None` = absent.
pub type Change = (String, Option<String>, Option<String>);

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
        match &self.operator {
            Some(name) => name.clone(),
            None => "the system".to_owned(),
        }
    }
}

type Row = (
    NaiveDateTime,
    Option<i64>,
    Option<String>,
    String,
    i64,
    String,
    String,
);

/// The columns of a history row, newest first: (at, operator id, username, entity,
/// entity id, action, changes).
macro_rules! history_rows {
    ($query:expr, $conn:expr) => {
        $query
            .order((audit_log::at.desc(), audit_log::id.desc()))
            .select((
                audit_log::at,
                audit_log::operator_id,
                operators::username.nullable(),
                audit_log::entity,
                audit_log::entity_id,
                audit_log::action,
                audit_log::changes,
            ))
            .load::<Row>($conn)
    };
}

/// A license's history: its own audit rows, and those of its purchases and deployments.
///
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
    let rows = history_rows!(
        audit_log::table.left_join(operators::table).filter(
            audit_log::entity
                .eq("license")
                .and(audit_log::entity_id.eq(license_id))
                .or(audit_log::entity
                    .eq("purchase")
                    .and(audit_log::entity_id.eq_any(of_purchases)))
                .or(audit_log::entity
                    .eq("deployment")
                    .and(audit_log::entity_id.eq_any(of_deployments))),
        ),
        conn
    )?;
    entries(rows)
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
    let rows = history_rows!(
        audit_log::table
            .left_join(operators::table)
            .filter(audit_log::entity.eq(entity))
            .filter(audit_log::entity_id.eq(id)),
        conn
    )?;
    entries(rows)
}

fn entries(rows: Vec<Row>) -> Result<Vec<HistoryEntry>, ServiceError> {
    rows.into_iter()
        .map(
            |(at, operator_id, username, entity, entity_id, action, changes)| {
                Ok(HistoryEntry {
                    at,
                    operator: operator_id.map(|id| operator_name(Some(id), username)),
                    changes: decode(&changes).map_err(|why| {
                        ServiceError::Internal(format!(
                            "audit row of {entity} #{entity_id} is unreadable: {why}"
                        ))
                    })?,
                    entity,
                    entity_id,
                    action,
                })
            },
        )
        .collect()
}

/// Decodes `{"field": [before, after], ...}`; non-string values are shown as JSON.
fn decode(json: &str) -> Result<Vec<Change>, String> {
    let value: serde_json::Value = serde_json::from_str(json).map_err(|e| e.to_string())?;
    let serde_json::Value::Object(map) = value else {
        return Err("not an object".to_owned());
    };
    let text = |v: Option<&serde_json::Value>| match v {
        None | Some(serde_json::Value::Null) => None,
        Some(serde_json::Value::String(s)) => Some(s.clone()),
        Some(other) => Some(other.to_string()),
    };
    map.into_iter()
        .map(|(field, pair)| match pair {
            serde_json::Value::Array(v) if v.len() == 2 => {
                Ok((field, text(v.first()), text(v.get(1))))
            }
            other => Err(format!("field {field} holds {other}, not [before, after]")),
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::decode;

    #[test]
    fn decodes_before_and_after() {
        let got = decode(r#"{"seats":["25","30"],"notes":[null,"שלום 🚀"],"n":[1,true]}"#).unwrap();
        assert_eq!(
            got,
            vec![
                (
                    "n".to_owned(),
                    Some("1".to_owned()),
                    Some("true".to_owned())
                ),
                ("notes".to_owned(), None, Some("שלום 🚀".to_owned())),
                (
                    "seats".to_owned(),
                    Some("25".to_owned()),
                    Some("30".to_owned())
                ),
            ]
        );
        assert_eq!(decode("{}").unwrap(), vec![]);
        assert!(decode("[1]").is_err());
        assert!(decode(r#"{"a":[1]}"#).is_err());
        assert!(decode("not json").is_err());
    }
}
