//! The customer's portal users and their activity log.

use chrono::NaiveDateTime;
use diesel::prelude::*;

use super::versioned::{new_row, versioned};
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

/// What a portal user edit may change (`None`: left as it is).
#[derive(Debug, Clone, Default, AsChangeset)]
#[diesel(table_name = portal_users)]
pub struct PortalUserChanges {
    pub company_id: Option<i64>,
    pub external_user_id: Option<String>,
    pub email: Option<String>,
    pub name: Option<String>,
    pub disabled: Option<bool>,
}

versioned!(PortalUser, PortalUserChanges, portal_users, "portal_user");
new_row!(NewPortalUser, portal_users, "portal_user");

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

// Not treating `None` as DEFAULT is what lets Diesel write a batch of these as one
// multi-row INSERT on SQLite, rather than one INSERT per row in a savepoint.
#[derive(Debug, Clone, Insertable)]
#[diesel(table_name = app_log, treat_none_as_default_value = false)]
pub struct NewAppLogEntry {
    pub user_id: i64,
    pub company_id: i64,
    pub ts: NaiveDateTime,
    pub action: String,
    pub status: String,
    pub detail: String,
}
