//! The performance reports as text for people (table) and for scripts (CSV, JSON),
//! through [`crate::report::output_safety`] like every report.

use super::{OwnerReport, OwnerRow};
use crate::domain::Currency;
use crate::domain::money::div_round;

/// An owner's share of all bookings in `currency` in the period, per thousand, rounded
/// half away from zero; `None` when nobody booked in that currency.
#[must_use]
pub fn share_permille(r: &OwnerReport, row: &OwnerRow, currency: Currency) -> Option<i64> {
    let all = *r.totals.0.get(&currency)?;
    let own = row
        .current
        .bookings
        .get(&currency)
        .map_or(0, super::owners::Bookings::total);
    (all != 0).then(|| div_round(own * 1000, all))
}
