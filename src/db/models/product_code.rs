use chrono::NaiveDateTime;
use diesel::prelude::*;

use crate::db::schema::product_codes;

#[derive(Debug, Clone, Queryable, Selectable, Identifiable)]
#[diesel(table_name = product_codes)]
pub struct ProductCode {
    pub id: i64,
    pub code: String,
    pub name: String,
    pub description: String,
    pub archived: bool,
    pub version: i32,
    pub created_at: NaiveDateTime,
    pub updated_at: NaiveDateTime,
}

#[derive(Debug, Clone, Insertable)]
#[diesel(table_name = product_codes)]
pub struct NewProductCode {
    pub id: Option<i64>,
    pub code: String,
    pub name: String,
    pub description: String,
    pub created_at: NaiveDateTime,
    pub updated_at: NaiveDateTime,
}
