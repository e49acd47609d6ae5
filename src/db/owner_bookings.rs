//! `owner_month_bookings`: purchases, revenue and seats added per calendar month, rep,
//! partner, kind and currency (migration `2026-12-07-100004_owner_month_bookings`), for
//! the sales reps' and partners' reports. 0 stands for no rep or partner. Purchases are
//! never edited or deleted, so [`add_purchase`] and [`rebuild`] are the only writers.

use chrono::{Datelike, NaiveDate};
use diesel::connection::SimpleConnection;
use diesel::prelude::*;

use super::models::purchase::NewPurchase;
use super::schema::owner_month_bookings;
use super::{BackendKind, DbConnection};

/// The first day of `date`'s month: the table's month key.
#[must_use]
pub fn month_of(date: NaiveDate) -> NaiveDate {
    date.with_day(1).unwrap_or(date)
}

/// Adds purchase `new`, just inserted, to its month's row.
///
/// # Errors
/// Database errors; the caller's transaction then rolls back with the purchase.
pub fn add_purchase(conn: &mut DbConnection, new: &NewPurchase) -> QueryResult<()> {
    use owner_month_bookings::dsl as b;
    let key = (
        b::month.eq(month_of(new.purchase_date)),
        b::sales_rep_id.eq(new.sales_rep_id.unwrap_or(0)),
        b::partner_id.eq(new.partner_id.unwrap_or(0)),
        b::kind.eq(new.kind.as_str()),
        b::currency.eq(new.currency.as_str()),
    );
    let seats = i64::from(new.seats_added);
    let updated = diesel::update(
        b::owner_month_bookings
            .filter(key.0)
            .filter(key.1)
            .filter(key.2)
            .filter(key.3)
            .filter(key.4),
    )
    .set((
        b::purchases.eq(b::purchases + 1),
        b::revenue_minor.eq(b::revenue_minor + new.revenue_minor),
        b::seats_added.eq(b::seats_added + seats),
    ))
    .execute(conn)?;
    if updated == 0 {
        diesel::insert_into(b::owner_month_bookings)
            .values((
                key,
                b::purchases.eq(1),
                b::revenue_minor.eq(new.revenue_minor),
                b::seats_added.eq(seats),
            ))
            .execute(conn)?;
    }
    Ok(())
}

/// Every row from the purchases (after a bulk load or a repair).
///
/// # Errors
/// Database errors.
pub fn rebuild(conn: &mut DbConnection) -> QueryResult<()> {
    let month = match conn.kind() {
        BackendKind::Sqlite => "date(purchase_date, 'start of month')",
        BackendKind::Mysql => "purchase_date - INTERVAL (DAYOFMONTH(purchase_date) - 1) DAY",
    };
    conn.batch_execute(&format!(
        "DELETE FROM owner_month_bookings; \
         INSERT INTO owner_month_bookings \
           (month, sales_rep_id, partner_id, kind, currency, purchases, revenue_minor, \
            seats_added) \
         SELECT m.month, m.rep, m.partner, m.kind, m.currency, COUNT(*), \
                SUM(m.revenue_minor), SUM(m.seats_added) \
         FROM (SELECT {month} AS month, COALESCE(sales_rep_id, 0) AS rep, \
                      COALESCE(partner_id, 0) AS partner, kind, currency, revenue_minor, \
                      seats_added FROM purchases) m \
         GROUP BY m.month, m.rep, m.partner, m.kind, m.currency;"
    ))
}
