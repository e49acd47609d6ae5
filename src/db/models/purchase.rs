use chrono::{NaiveDate, NaiveDateTime};
use diesel::prelude::*;

use super::versioned::new_row;
use crate::db::schema::purchases;

#[derive(Debug, Clone, Queryable, Selectable, Identifiable)]
#[diesel(table_name = purchases)]
pub struct Purchase {
    pub id: i64,
    pub license_id: i64,
    pub kind: String,
    pub purchase_date: NaiveDate,
    pub seats_added: i32,
    pub cost_minor: i64,
    pub revenue_minor: i64,
    pub currency: String,
    pub order_number: String,
    pub sales_rep_id: Option<i64>,
    pub partner_id: Option<i64>,
    pub created_at: NaiveDateTime,
    /// The licence's end date as this purchase left it: the end of the term it paid for
    /// (`None` for an expansion, and for purchases recorded before it was kept).
    pub term_end: Option<NaiveDate>,
}

#[derive(Debug, Clone, Insertable)]
#[diesel(table_name = purchases)]
pub struct NewPurchase {
    pub license_id: i64,
    pub kind: String,
    pub purchase_date: NaiveDate,
    pub seats_added: i32,
    pub cost_minor: i64,
    pub revenue_minor: i64,
    pub currency: String,
    pub order_number: String,
    pub sales_rep_id: Option<i64>,
    pub partner_id: Option<i64>,
    pub created_at: NaiveDateTime,
    /// The licence's end date as this purchase left it: the end of the term it paid for
    /// (`None` for an expansion, and for purchases recorded before it was kept).
    pub term_end: Option<NaiveDate>,
}

new_row!(NewPurchase, purchases, "purchase");
