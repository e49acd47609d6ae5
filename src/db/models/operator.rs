use chrono::NaiveDateTime;
use diesel::prelude::*;

use super::versioned::new_row;
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
