//! The sales reps' and partners' figures, folded from the GROUP BY rows of
//! [`super::owner_queries`] into one row per owner. Integer arithmetic; money per currency.

use std::collections::BTreeMap;

use serde::Serialize;

use super::owner_queries::{
    BookingRow, HORIZONS, MonthRow, Owner, PartnerLicenseRow, RenewalRow, StakeRow,
};
use crate::domain::money::div_round;
use crate::domain::{Currency, DomainError, PurchaseKind};

/// One currency's bookings of an owner in a period, in minor units.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize)]
pub struct Bookings {
    pub new: i64,
    pub renewal: i64,
    pub expansion: i64,
    /// Purchases in this currency.
    pub purchases: i64,
}

impl Bookings {
    #[must_use]
    pub fn total(&self) -> i64 {
        self.new + self.renewal + self.expansion
    }

    /// The average purchase, rounded half away from zero; `None` without purchases.
    #[must_use]
    pub fn average(&self) -> Option<i64> {
        (self.purchases > 0).then(|| div_round(self.total(), self.purchases))
    }
}

/// Terms ended in a period and how many were renewed.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize)]
pub struct Renewal {
    pub ended: i64,
    pub renewed: i64,
}

impl Renewal {
    /// Renewed per thousand ended, rounded half away from zero; `None` when none ended.
    #[must_use]
    pub fn rate_permille(&self) -> Option<i64> {
        (self.ended > 0).then(|| div_round(self.renewed * 1000, self.ended))
    }
}

/// A partner's licences that ran in a period.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize)]
pub struct LicenseFigures {
    pub licenses: i64,
    /// Seats of the limited ones.
    pub seats: i64,
    pub unlimited: i64,
    pub companies: i64,
}

/// An owner's figures in one period.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Figures {
    pub bookings: BTreeMap<Currency, Bookings>,
    /// All purchases, every currency.
    pub purchases: i64,
    /// `new` purchases: licences sold.
    pub new_licenses: i64,
    /// Seats added by `expansion` purchases.
    pub expansion_seats: i64,
    pub renewal: Renewal,
    /// Partners only.
    pub licenses: LicenseFigures,
}

/// Licences ending soon and the revenue of their last purchases.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Stake {
    pub licenses: i64,
    pub revenue: BTreeMap<Currency, i64>,
}

/// One rep or partner (or the purchases and licences with none: `id` `None`).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct OwnerRow {
    pub id: Option<i64>,
    pub name: String,
    pub current: Figures,
    pub previous: Figures,
    /// Ending within each of [`HORIZONS`] days of the as-of date (cumulative).
    pub at_stake: [Stake; 3],
    /// Bookings per currency in each month of the sparkline, oldest first.
    pub monthly: BTreeMap<Currency, Vec<i64>>,
}

impl OwnerRow {
    /// Ending within 90 days: the sales report's "open renewals at stake".
    #[must_use]
    pub fn stake(&self) -> &Stake {
        &self.at_stake[2]
    }
}

pub(crate) fn currency(code: &str) -> Result<Currency, DomainError> {
    code.parse()
}

/// Rows per owner id, created on first sight.
#[derive(Debug, Default)]
pub struct Fold {
    pub rows: BTreeMap<Option<i64>, OwnerRow>,
}

impl Fold {
    fn row(&mut self, id: Option<i64>) -> &mut OwnerRow {
        self.rows.entry(id).or_insert_with(|| OwnerRow {
            id,
            ..OwnerRow::default()
        })
    }

    fn figures(&mut self, id: Option<i64>, previous: bool) -> &mut Figures {
        let row = self.row(id);
        if previous {
            &mut row.previous
        } else {
            &mut row.current
        }
    }

    /// # Errors
    /// A stored currency or kind lms does not know.
    pub fn bookings(&mut self, rows: &[BookingRow], previous: bool) -> Result<(), DomainError> {
        for r in rows {
            let kind: PurchaseKind = r.kind.parse()?;
            let f = self.figures(r.owner_id, previous);
            let b = f.bookings.entry(currency(&r.currency)?).or_default();
            let revenue = r.revenue.unwrap_or(0);
            match kind {
                PurchaseKind::New => {
                    b.new += revenue;
                    f.new_licenses += r.purchases;
                }
                PurchaseKind::Renewal => b.renewal += revenue,
                PurchaseKind::Expansion => {
                    b.expansion += revenue;
                    f.expansion_seats += r.seats.unwrap_or(0);
                }
            }
            b.purchases += r.purchases;
            f.purchases += r.purchases;
        }
        Ok(())
    }

    pub fn renewals(&mut self, rows: &[RenewalRow], previous: bool) {
        for r in rows {
            self.figures(r.owner_id, previous).renewal = Renewal {
                ended: r.ended,
                renewed: r.renewed.unwrap_or(0),
            };
        }
    }

    pub fn licenses(&mut self, rows: &[PartnerLicenseRow]) {
        for r in rows {
            let row = self.row(r.owner_id);
            row.current.licenses = LicenseFigures {
                licenses: r.licenses.unwrap_or(0),
                seats: r.seats.unwrap_or(0),
                unlimited: r.unlimited.unwrap_or(0),
                companies: r.companies,
            };
            row.previous.licenses = LicenseFigures {
                licenses: r.prev_licenses.unwrap_or(0),
                seats: r.prev_seats.unwrap_or(0),
                unlimited: r.prev_unlimited.unwrap_or(0),
                companies: r.prev_companies,
            };
        }
    }

    /// # Errors
    /// A stored currency lms does not know.
    pub fn at_stake(&mut self, rows: &[StakeRow], owner: Owner) -> Result<(), DomainError> {
        for r in rows {
            let row = self.row(match owner {
                Owner::Rep => r.rep_key,
                Owner::Partner => r.partner_key,
            });
            // Cumulative: a licence ending within 30 days also ends within 60 and 90.
            for (stake, horizon) in row.at_stake.iter_mut().zip(HORIZONS) {
                if r.horizon <= i64::from(horizon) {
                    stake.licenses += r.licenses;
                    if let Some(code) = &r.currency {
                        *stake.revenue.entry(currency(code)?).or_default() +=
                            r.revenue.unwrap_or(0);
                    }
                }
            }
        }
        Ok(())
    }

    /// `months` are the sparkline's "YYYY-MM" keys, oldest first.
    ///
    /// # Errors
    /// A stored currency lms does not know.
    pub fn monthly(&mut self, rows: &[MonthRow], months: &[String]) -> Result<(), DomainError> {
        for r in rows {
            let Some(i) = months.iter().position(|m| *m == r.month) else {
                continue;
            };
            let b = &r.booking;
            let series = self
                .row(b.owner_id)
                .monthly
                .entry(currency(&b.currency)?)
                .or_insert_with(|| vec![0; months.len()]);
            series[i] += b.revenue.unwrap_or(0);
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn averages_and_rates_round_half_away_from_zero() {
        let b = Bookings {
            new: 1000,
            renewal: 1,
            expansion: 0,
            purchases: 2,
        };
        assert_eq!(b.average(), Some(501));
        assert_eq!(Bookings::default().average(), None);
        let r = |ended, renewed| Renewal { ended, renewed }.rate_permille();
        assert_eq!(r(3, 2), Some(667));
        assert_eq!(r(3, 1), Some(333));
        assert_eq!(r(8, 1), Some(125));
        assert_eq!(r(0, 0), None);
    }
}
