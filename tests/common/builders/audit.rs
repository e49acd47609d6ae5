//! Audit rows with a fixed time, for history views that must not depend on the clock.

use chrono::NaiveDateTime;
use diesel::prelude::*;
use lms::db::DbConnection;
use lms::db::models::{AuditEntry, NewAuditEntry};
use lms::db::schema::audit_log;

use super::{IntoTimestamp, RowId, created};

/// An audit row as `service::audit::record` writes it. Defaults: by the system (no
/// operator), action `update`, at [`super::CREATED`], no field changes.
#[derive(Debug, Clone)]
pub struct AuditBuilder {
    operator_id: Option<i64>,
    at: NaiveDateTime,
    entity: String,
    entity_id: i64,
    action: String,
    changes: serde_json::Map<String, serde_json::Value>,
}

impl AuditBuilder {
    /// A change to `entity` (`license`, `purchase`, `deployment`) number `entity_id`.
    #[must_use]
    pub fn new(entity: &str, entity_id: impl RowId) -> Self {
        AuditBuilder {
            operator_id: None,
            at: created(),
            entity: entity.to_owned(),
            entity_id: entity_id.row_id(),
            action: "update".to_owned(),
            changes: serde_json::Map::new(),
        }
    }

    #[must_use]
    pub fn operator(mut self, operator_id: i64) -> Self {
        self.operator_id = Some(operator_id);
        self
    }

    #[must_use]
    pub fn at(mut self, at: impl IntoTimestamp) -> Self {
        self.at = at.into_timestamp();
        self
    }

    #[must_use]
    pub fn action(mut self, action: &str) -> Self {
        self.action = action.into();
        self
    }

    /// One changed field, `None` for absent.
    #[must_use]
    pub fn change(mut self, field: &str, before: Option<&str>, after: Option<&str>) -> Self {
        self.changes
            .insert(field.to_owned(), serde_json::json!([before, after]));
        self
    }

    pub fn insert(self, conn: &mut DbConnection) -> AuditEntry {
        let new = NewAuditEntry {
            operator_id: self.operator_id,
            at: self.at,
            entity: self.entity,
            entity_id: self.entity_id,
            action: self.action,
            changes: serde_json::Value::Object(self.changes).to_string(),
        };
        insert_and_load!(conn, audit_log, new, AuditEntry)
    }
}
