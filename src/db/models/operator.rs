use chrono::NaiveDateTime;
use diesel::prelude::*;

use super::versioned::{new_row, versioned};
use crate::db::schema::operators;

#[derive(Debug, Clone, Queryable, Selectable, Identifiable)]
#[diesel(table_name = operators)]
pub struct Operator {
    pub id: i64,
    pub username: String,
    pub password_hash: String,
    pub role: String,
    pub disabled: bool,
    pub failed_attempts: i32,
    pub locked_until: Option<NaiveDateTime>,
    pub created_at: NaiveDateTime,
    pub last_login_at: Option<NaiveDateTime>,
    /// Set by a password reset: the next login must choose a new password first.
    pub must_change_password: bool,
    pub version: i32,
    /// `None` until an admin or the operator changed the account.
    pub updated_at: Option<NaiveDateTime>,
}

#[derive(Debug, Insertable)]
#[diesel(table_name = operators)]
pub struct NewOperator<'a> {
    pub username: &'a str,
    pub password_hash: &'a str,
    pub role: &'a str,
    pub disabled: bool,
    pub failed_attempts: i32,
    pub created_at: NaiveDateTime,
}

new_row!(NewOperator<'_>, operators, "operator");

/// What an account change may set (role, disabled, lock, password); `None` leaves a
/// column as it is.
#[derive(Debug, Clone, Default, AsChangeset)]
#[diesel(table_name = operators)]
pub struct OperatorChanges {
    pub role: Option<String>,
    pub disabled: Option<bool>,
    pub failed_attempts: Option<i32>,
    pub locked_until: Option<Option<NaiveDateTime>>,
    pub password_hash: Option<String>,
    pub must_change_password: Option<bool>,
    pub last_login_at: Option<Option<NaiveDateTime>>,
}

versioned!(Operator, OperatorChanges, operators, "operator");
