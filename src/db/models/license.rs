use chrono::{NaiveDate, NaiveDateTime};
use diesel::prelude::*;

use super::versioned::{new_row, versioned};
use crate::db::schema::licenses;

#[derive(Debug, Clone, Queryable, Selectable, Identifiable)]
#[diesel(table_name = licenses)]
pub struct License {
    pub id: i64,
    pub license_key: String,
    pub company_id: i64,
    pub product_code_id: i64,
    pub partner_id: Option<i64>,
    pub sales_rep_id: Option<i64>,
    /// `None` is unlimited (site licence).
    pub seats: Option<i32>,
    pub start_date: NaiveDate,
    pub end_date: NaiveDate,
    pub status: String,
    pub notes: String,
    pub version: i32,
    pub created_at: NaiveDateTime,
    pub updated_at: NaiveDateTime,
}

// `None` is NULL, not DEFAULT (a NULL id is a new id on both backends): what lets SQLite
// take a batch of new licenses in one multi-row INSERT.
#[derive(Debug, Clone, Insertable)]
#[diesel(table_name = licenses, treat_none_as_default_value = false)]
pub struct NewLicense {
    pub license_key: String,
    pub company_id: i64,
    pub product_code_id: i64,
    pub partner_id: Option<i64>,
    pub sales_rep_id: Option<i64>,
    pub seats: Option<i32>,
    pub start_date: NaiveDate,
    pub end_date: NaiveDate,
    pub status: String,
    pub notes: String,
    pub created_at: NaiveDateTime,
    pub updated_at: NaiveDateTime,
}

/// A new license with its sort keys (see the `licenses` schema), for a bulk writer that
/// keeps them itself (`db::bulk`).
#[derive(Debug, Clone, Insertable)]
#[diesel(table_name = licenses, treat_none_as_default_value = false)]
pub struct NewKeyedLicense {
    #[diesel(embed)]
    pub license: NewLicense,
    pub company_name: String,
    pub product_key: String,
    pub partner_name: String,
    pub rep_name: String,
}

/// What a version-checked update of a license may set; `None` leaves a column alone.
#[derive(Debug, Clone, Default, AsChangeset)]
#[diesel(table_name = licenses)]
pub struct LicenseChanges {
    pub company_id: Option<i64>,
    pub product_code_id: Option<i64>,
    pub partner_id: Option<Option<i64>>,
    pub sales_rep_id: Option<Option<i64>>,
    pub seats: Option<Option<i32>>,
    pub start_date: Option<NaiveDate>,
    pub end_date: Option<NaiveDate>,
    pub status: Option<String>,
    pub notes: Option<String>,
}

versioned!(License, LicenseChanges, licenses, "license");
new_row!(NewLicense, licenses, "license");
