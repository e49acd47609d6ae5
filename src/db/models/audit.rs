use chrono::NaiveDateTime;
use diesel::prelude::*;

use crate::db::schema::audit_log;

#[derive(Debug, Clone, Queryable, Selectable, Identifiable)]
#[diesel(table_name = audit_log)]
pub struct AuditEntry {
    pub id: i64,
    pub operator_id: Option<i64>,
    pub at: NaiveDateTime,
    pub entity: String,
    pub entity_id: i64,
    pub action: String,
    /// Field-level before/after as JSON: `{"field": [before, after], ...}`.
    pub changes: String,
}

#[derive(Debug, Clone, Insertable)]
#[diesel(table_name = audit_log)]
pub struct NewAuditEntry {
    pub operator_id: Option<i64>,
    pub at: NaiveDateTime,
    pub entity: String,
    pub entity_id: i64,
    pub action: String,
    pub changes: String,
}
