use chrono::NaiveDateTime;
use diesel::prelude::*;

use super::versioned::{new_row, versioned};
use crate::db::schema::product_codes;

#[derive(Debug, Clone, Queryable, Selectable, Identifiable)]
#[diesel(table_name = product_codes)]
pub struct ProductCode {
    pub id: i64,
    pub code: String,
    /// Read lossily: bytes that are not UTF-8 show as U+FFFD (see `DbText`).
    #[diesel(deserialize_as = crate::db::text::DbText)]
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

/// What a product code edit may change (`None`: left as it is).
#[derive(Debug, Clone, Default, AsChangeset)]
#[diesel(table_name = product_codes)]
pub struct ProductCodeChanges {
    pub code: Option<String>,
    pub name: Option<String>,
    pub description: Option<String>,
    pub archived: Option<bool>,
}

versioned!(
    ProductCode,
    ProductCodeChanges,
    product_codes,
    "product_code"
);
new_row!(NewProductCode, product_codes, "product_code");
