//! An exchange rate to a reporting currency (see `crate::domain::Rate`).

use chrono::{NaiveDate, NaiveDateTime};
use diesel::prelude::*;

use super::versioned::new_row;
use crate::db::schema::exchange_rates;

#[derive(Debug, Clone, PartialEq, Eq, Queryable, Selectable)]
#[diesel(table_name = exchange_rates)]
pub struct ExchangeRate {
    pub id: i64,
    pub reporting_currency: String,
    pub currency: String,
    pub rate_date: NaiveDate,
    /// The rate × 10^10.
    pub rate_e10: i64,
    pub created_at: NaiveDateTime,
    pub updated_at: NaiveDateTime,
}

#[derive(Debug, Clone, Insertable)]
#[diesel(table_name = exchange_rates)]
pub struct NewExchangeRate {
    pub reporting_currency: String,
    pub currency: String,
    pub rate_date: NaiveDate,
    pub rate_e10: i64,
    pub created_at: NaiveDateTime,
    pub updated_at: NaiveDateTime,
}

new_row!(NewExchangeRate, exchange_rates, "exchange_rate");
