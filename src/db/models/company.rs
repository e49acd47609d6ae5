use chrono::NaiveDateTime;
use diesel::prelude::*;

use super::versioned::{new_row, versioned};
use crate::db::schema::companies;

#[derive(Debug, Clone, Queryable, Selectable, Identifiable)]
#[diesel(table_name = companies)]
pub struct Company {
    pub id: i64,
    /// Read lossily: bytes that are not UTF-8 show as U+FFFD (see `DbText`).
    #[diesel(deserialize_as = crate::db::text::DbText)]
    pub name: String,
    pub country: String,
    pub contact_email: String,
    pub notes: String,
    pub archived: bool,
    pub version: i32,
    pub created_at: NaiveDateTime,
    pub updated_at: NaiveDateTime,
}

#[derive(Debug, Clone, Insertable)]
#[diesel(table_name = companies)]
pub struct NewCompany {
    pub id: Option<i64>,
    pub name: String,
    pub country: String,
    pub contact_email: String,
    pub notes: String,
    pub created_at: NaiveDateTime,
    pub updated_at: NaiveDateTime,
}

/// What a company edit may change (`None`: left as it is).
#[derive(Debug, Clone, Default, AsChangeset)]
#[diesel(table_name = companies)]
pub struct CompanyChanges {
    pub name: Option<String>,
    pub country: Option<String>,
    pub contact_email: Option<String>,
    pub notes: Option<String>,
    pub archived: Option<bool>,
}

versioned!(Company, CompanyChanges, companies, "company");
new_row!(NewCompany, companies, "company");
