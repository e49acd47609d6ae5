//! `purchases.renewed`: whether a term (a `new` or `renewal` purchase, ending on its
//! `term_end`) was renewed, that is a renewal of the same licence recorded by `term_end`
//! plus [`GRACE_DAYS`] extended the licence past it (migration
//! `2026-12-07-100002_term_renewed`; the definition is the README's). Purchases are never
//! edited or deleted, so the flags change only when one is recorded ([`add_purchase`])
//! or loaded in bulk ([`rebuild`]).

use chrono::{Days, NaiveDate};
use diesel::connection::SimpleConnection;
use diesel::prelude::*;

use super::models::purchase::NewPurchase;
use super::schema::purchases;
use super::{BackendKind, DbConnection};
use crate::domain::PurchaseKind;

/// Days after a term's last day within which a renewal still counts as renewing it.
pub const GRACE_DAYS: u32 = 30;

/// The kinds of purchase that pay for a term.
const TERMS: [&str; 2] = ["new", "renewal"];

fn plus_grace(date: NaiveDate) -> NaiveDate {
    date.checked_add_days(Days::new(GRACE_DAYS.into()))
        .unwrap_or(NaiveDate::MAX)
}

fn minus_grace(date: NaiveDate) -> NaiveDate {
    date.checked_sub_days(Days::new(GRACE_DAYS.into()))
        .unwrap_or(NaiveDate::MIN)
}

/// Sets the flags purchase `id`, just inserted as `new`, decides: its own, when it is a
/// term that a renewal recorded earlier (a back-dated entry) already renewed; and, when
/// it is a renewal, those of the licence's terms it renews.
///
/// # Errors
/// Database errors; the caller's transaction then rolls back with the purchase.
pub fn add_purchase(conn: &mut DbConnection, id: i64, new: &NewPurchase) -> QueryResult<()> {
    use purchases::dsl as p;
    let Some(term_end) = new.term_end else {
        return Ok(());
    };
    if !TERMS.contains(&new.kind.as_str()) {
        return Ok(());
    }
    let renewal = PurchaseKind::Renewal.as_str();
    let renewed_before: bool = diesel::select(diesel::dsl::exists(
        p::purchases
            .filter(p::license_id.eq(new.license_id))
            .filter(p::kind.eq(renewal))
            .filter(p::term_end.gt(term_end))
            .filter(p::purchase_date.le(plus_grace(term_end))),
    ))
    .get_result(conn)?;
    if renewed_before {
        diesel::update(p::purchases.find(id))
            .set(p::renewed.eq(true))
            .execute(conn)?;
    }
    if new.kind == renewal {
        diesel::update(
            p::purchases
                .filter(p::license_id.eq(new.license_id))
                .filter(p::kind.eq_any(TERMS))
                .filter(p::term_end.lt(term_end))
                .filter(p::term_end.ge(minus_grace(new.purchase_date)))
                .filter(p::renewed.eq(false)),
        )
        .set(p::renewed.eq(true))
        .execute(conn)?;
    }
    Ok(())
}

/// Every flag from the purchases (after a bulk load or a repair).
///
/// # Errors
/// Database errors.
pub fn rebuild(conn: &mut DbConnection) -> QueryResult<()> {
    let g = GRACE_DAYS;
    conn.batch_execute(&match conn.kind() {
        BackendKind::Sqlite => format!(
            "UPDATE purchases SET renewed = 0 WHERE renewed <> 0; \
             UPDATE purchases SET renewed = 1 \
             WHERE kind IN ('new', 'renewal') AND EXISTS ( \
                 SELECT 1 FROM purchases r \
                 WHERE r.license_id = purchases.license_id AND r.kind = 'renewal' \
                   AND r.term_end > purchases.term_end \
                   AND r.purchase_date <= date(purchases.term_end, '+{g} days'));"
        ),
        // MySQL reads no other row of the table an UPDATE writes: the terms to flag
        // are gathered in a derived table first.
        BackendKind::Mysql => format!(
            "UPDATE purchases SET renewed = FALSE WHERE renewed; \
             UPDATE purchases t JOIN ( \
                 SELECT DISTINCT p.id FROM purchases p JOIN purchases r \
                     ON r.license_id = p.license_id AND r.kind = 'renewal' \
                     AND r.term_end > p.term_end \
                     AND r.purchase_date <= DATE_ADD(p.term_end, INTERVAL {g} DAY) \
                 WHERE p.kind IN ('new', 'renewal') \
             ) x ON x.id = t.id \
             SET t.renewed = TRUE;"
        ),
    })
}
