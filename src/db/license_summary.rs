//! The licence list's read models of the purchases: `license_currencies` (which licences
//! have a purchase in which currency) and `license_last_purchase` (each licence's last
//! recorded purchase and its money), defined by migration
//! `2026-12-06-100001_license_read_models` (and `2026-12-07-100003`, the last purchase's
//! date). Purchases are never edited or deleted, and a
//! licence with purchases is never deleted: a new purchase ([`add_purchase`]) and a bulk
//! load ([`rebuild`]) are the only changes.

use diesel::connection::SimpleConnection;
use diesel::prelude::*;

use super::DbConnection;
use super::models::purchase::NewPurchase;
use super::schema::{license_currencies, license_last_purchase};

/// Notes purchase `id`, just inserted as `new`; `first_in_currency` when the licence had
/// no other purchase in its currency.
///
/// # Errors
/// Database errors; the caller's transaction then rolls back with the purchase.
pub fn add_purchase(
    conn: &mut DbConnection,
    id: i64,
    new: &NewPurchase,
    first_in_currency: bool,
) -> QueryResult<()> {
    use license_last_purchase::dsl as last;
    if first_in_currency {
        diesel::insert_into(license_currencies::table)
            .values((
                license_currencies::currency.eq(new.currency.as_str()),
                license_currencies::license_id.eq(new.license_id),
            ))
            .execute(conn)?;
    }
    let money = (
        last::purchase_id.eq(id),
        last::currency.eq(new.currency.as_str()),
        last::revenue_minor.eq(new.revenue_minor),
        last::cost_minor.eq(new.cost_minor),
        last::purchase_date.eq(new.purchase_date),
    );
    // Only a later purchase replaces the row: ids grow, but two transactions may commit
    // out of order.
    let updated = diesel::update(
        last::license_last_purchase
            .filter(last::license_id.eq(new.license_id))
            .filter(last::purchase_id.lt(id)),
    )
    .set(money)
    .execute(conn)?;
    if updated == 0 {
        let exists: i64 = last::license_last_purchase
            .filter(last::license_id.eq(new.license_id))
            .count()
            .get_result(conn)?;
        if exists == 0 {
            diesel::insert_into(last::license_last_purchase)
                .values((last::license_id.eq(new.license_id), money))
                .execute(conn)?;
        }
    }
    Ok(())
}

/// Recomputes both tables from the purchases (after a bulk load or a repair).
///
/// # Errors
/// Database errors.
pub fn rebuild(conn: &mut DbConnection) -> QueryResult<()> {
    conn.batch_execute(
        "DELETE FROM license_currencies; \
         INSERT INTO license_currencies (currency, license_id) \
           SELECT DISTINCT currency, license_id FROM purchases; \
         DELETE FROM license_last_purchase; \
         INSERT INTO license_last_purchase \
           (license_id, purchase_id, currency, revenue_minor, cost_minor, purchase_date) \
         SELECT p.license_id, p.id, p.currency, p.revenue_minor, p.cost_minor, \
                p.purchase_date \
         FROM purchases p \
         JOIN (SELECT MAX(id) AS id FROM purchases GROUP BY license_id) m ON m.id = p.id;",
    )
}
