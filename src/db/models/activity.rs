//! The customer's portal users and their activity log.

use chrono::NaiveDateTime;
use diesel::prelude::*;

use crate::db::schema::{app_log, portal_users};

#[derive(Debug, Clone, Queryable, Selectable, Identifiable)]
#[diesel(table_name = portal_users)]
pub struct PortalUser {
    pub id: i64,
    pub company_id: i64,
    pub external_user_id: String,
    pub email: String,
    pub name: String,
    pub disabled: bool,
    pub created_at: NaiveDateTime,
    pub version: i32,
    pub updated_at: Option<NaiveDateTime>,
}

#[derive(Debug, Clone, Insertable)]
#[diesel(table_name = portal_users)]
pub struct NewPortalUser {
    pub id: Option<i64>,
    pub company_id: i64,
    pub external_user_id: String,
    pub email: String,
    pub name: String,
    pub disabled: bool,
    pub created_at: NaiveDateTime,
}

#[derive(Debug, Clone, Queryable, Selectable, Identifiable)]
#[diesel(table_name = app_log)]
pub struct AppLogEntry {
    pub id: i64,
    pub user_id: i64,
    pub company_id: i64,
    pub ts: NaiveDateTime,
    pub action: String,
    pub status: String,
    pub detail: String,
}

#[derive(Debug, Clone, Insertable)]
#[diesel(table_name = app_log)]
pub struct NewAppLogEntry {
    pub user_id: i64,
    pub company_id: i64,
    pub ts: NaiveDateTime,
    pub action: String,
    pub status: String,
    pub detail: String,
}
