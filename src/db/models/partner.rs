use chrono::NaiveDateTime;
use diesel::prelude::*;

use crate::db::schema::partners;

#[derive(Debug, Clone, Queryable, Selectable, Identifiable)]
#[diesel(table_name = partners)]
pub struct Partner {
    pub id: i64,
    pub name: String,
    pub country: String,
    pub contact_email: String,
    pub archived: bool,
    pub version: i32,
    pub created_at: NaiveDateTime,
    pub updated_at: NaiveDateTime,
}

#[derive(Debug, Clone, Insertable)]
#[diesel(table_name = partners)]
pub struct NewPartner {
    pub id: Option<i64>,
    pub name: String,
    pub country: String,
    pub contact_email: String,
    pub created_at: NaiveDateTime,
    pub updated_at: NaiveDateTime,
}
