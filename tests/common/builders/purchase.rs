//! Purchases, kept in step with the `company_money` read model as the service keeps it.

use chrono::{NaiveDate, NaiveDateTime};
use diesel::prelude::*;
use lms::db::DbConnection;
use lms::db::models::{NewPurchase, Purchase};
use lms::db::schema::purchases;
use lms::domain::PurchaseKind;

use super::{IntoDate, IntoTimestamp, RowId, created};

/// A purchase of a license. Defaults: kind `new`, on 2025-01-01, no seats added, revenue
/// 1,000.00 EUR, cost half the revenue, order `PO-<license id>`, no rep, no partner.
#[derive(Debug, Clone)]
pub struct PurchaseBuilder {
    license_id: i64,
    kind: PurchaseKind,
    purchase_date: NaiveDate,
    seats_added: i32,
    revenue_minor: i64,
    cost_minor: Option<i64>,
    currency: String,
    order_number: Option<String>,
    sales_rep_id: Option<i64>,
    partner_id: Option<i64>,
    created_at: NaiveDateTime,
    term_end: Option<NaiveDate>,
}

impl PurchaseBuilder {
    #[must_use]
    pub fn new(license: impl RowId) -> Self {
        PurchaseBuilder {
            license_id: license.row_id(),
            kind: PurchaseKind::New,
            purchase_date: "2025-01-01".into_date(),
            seats_added: 0,
            revenue_minor: 100_000,
            cost_minor: None,
            currency: "EUR".to_owned(),
            order_number: None,
            sales_rep_id: None,
            partner_id: None,
            created_at: created(),
            term_end: None,
        }
    }

    #[must_use]
    pub fn kind(mut self, kind: PurchaseKind) -> Self {
        self.kind = kind;
        self
    }

    #[must_use]
    pub fn on(mut self, date: impl IntoDate) -> Self {
        self.purchase_date = date.into_date();
        self
    }

    #[must_use]
    pub fn seats_added(mut self, seats: i32) -> Self {
        self.seats_added = seats;
        self
    }

    /// Revenue in minor units (cents).
    #[must_use]
    pub fn revenue(mut self, minor: i64) -> Self {
        self.revenue_minor = minor;
        self
    }

    /// Cost in minor units; half the revenue when not given.
    #[must_use]
    pub fn cost(mut self, minor: i64) -> Self {
        self.cost_minor = Some(minor);
        self
    }

    #[must_use]
    pub fn currency(mut self, currency: &str) -> Self {
        self.currency = currency.into();
        self
    }

    #[must_use]
    pub fn order_number(mut self, order: &str) -> Self {
        self.order_number = Some(order.to_owned());
        self
    }

    #[must_use]
    pub fn sales_rep(mut self, rep: impl RowId) -> Self {
        self.sales_rep_id = Some(rep.row_id());
        self
    }

    #[must_use]
    pub fn partner(mut self, partner: impl RowId) -> Self {
        self.partner_id = Some(partner.row_id());
        self
    }

    #[must_use]
    pub fn created_at(mut self, at: impl IntoTimestamp) -> Self {
        self.created_at = at.into_timestamp();
        self
    }

    /// The end of the term the purchase paid for (a new purchase's or a renewal's).
    #[must_use]
    pub fn term_end(mut self, date: impl IntoDate) -> Self {
        self.term_end = Some(date.into_date());
        self
    }

    pub fn insert(self, conn: &mut DbConnection) -> Purchase {
        let cost_minor = self.cost_minor.unwrap_or(self.revenue_minor / 2);
        let new = NewPurchase {
            license_id: self.license_id,
            kind: self.kind.as_str().to_owned(),
            purchase_date: self.purchase_date,
            seats_added: self.seats_added,
            cost_minor,
            revenue_minor: self.revenue_minor,
            currency: self.currency.clone(),
            order_number: self
                .order_number
                .unwrap_or_else(|| format!("PO-{}", self.license_id)),
            sales_rep_id: self.sales_rep_id,
            partner_id: self.partner_id,
            created_at: self.created_at,
            term_end: self.term_end,
        };
        conn.transaction(|conn| {
            diesel::insert_into(purchases::table)
                .values(&new)
                .execute(conn)?;
            let id = conn.last_insert_id()?;
            lms::db::money_summary::add_purchase(conn, id, &new)?;
            purchases::table
                .find(id)
                .select(Purchase::as_select())
                .first(conn)
        })
        .unwrap_or_else(|e| panic!("insert into purchases: {e}"))
    }
}
