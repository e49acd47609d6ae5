//! The optional reporting currency (issue 12 item 5): bookings and revenue at stake
//! converted with `exchange_rates`, beside the per-currency figures, never instead.
//!
//! Each purchase takes the rate of its own date for its currency, or else the latest
//! earlier one; a purchase already in the reporting currency counts at 1; a purchase with
//! no rate on or before its date is *unconverted*, counted with its amount in its own
//! currency, never guessed. The database finds the rate of each currency and day (a
//! running count over the rates and days sorted together) and sums the purchases per owner, currency and
//! rate date (GROUP BY); Rust converts each of those sums exactly (`i128`) and rounds it half
//! away from zero to the reporting currency's minor unit (see [`Rate::convert`]). So an
//! owner's converted total is the sum of its per-currency, per-rate-date sums, each
//! converted and rounded once.

use std::collections::BTreeMap;

use chrono::NaiveDate;
use diesel::QueryableByName;
use diesel::sql_types::{BigInt, Date, Nullable, Text};

use super::owner_queries::{self, HORIZONS, Owner, StakeRow};
use super::sql::{Bind, Statement};
use crate::domain::{Currency, DomainError, Period, Rate};

/// Money converted into the reporting currency, and what could not be.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Converted {
    /// Minor units of the reporting currency.
    pub minor: i64,
    /// Purchases (or licences at stake) converted, those already in the reporting
    /// currency included.
    pub converted: i64,
    /// Per currency with no usable rate: how many, and their amount in minor units.
    pub unconverted: BTreeMap<Currency, (i64, i64)>,
    /// The oldest and latest rate dates used (`None` when no rate was needed).
    pub oldest_rate: Option<NaiveDate>,
    pub latest_rate: Option<NaiveDate>,
}

impl Converted {
    /// How many could not be converted, every currency.
    #[must_use]
    pub fn unconverted_count(&self) -> i64 {
        self.unconverted.values().map(|(n, _)| n).sum()
    }

    /// Adds `other` (another owner's, another period's) into this one.
    pub fn add(&mut self, other: &Converted) {
        self.minor += other.minor;
        self.converted += other.converted;
        for (c, (n, m)) in &other.unconverted {
            let e = self.unconverted.entry(*c).or_default();
            e.0 += n;
            e.1 += m;
        }
        for d in [other.oldest_rate, other.latest_rate].into_iter().flatten() {
            self.dated(d);
        }
    }

    fn dated(&mut self, d: NaiveDate) {
        self.oldest_rate = Some(self.oldest_rate.map_or(d, |o| o.min(d)));
        self.latest_rate = Some(self.latest_rate.map_or(d, |l| l.max(d)));
    }

    /// Folds one group: `count` items of `currency` summing `minor`, at the rate of
    /// `rate` (date and rate × 10^10; `None` when there is none).
    ///
    /// # Errors
    /// A stored rate that is not one, or a sum too large to convert.
    fn fold(
        &mut self,
        to: Currency,
        currency: Currency,
        (count, minor): (i64, i64),
        rate: Option<(NaiveDate, i64)>,
    ) -> Result<(), DomainError> {
        if currency == to {
            self.minor += minor;
            self.converted += count;
            return Ok(());
        }
        let Some((date, scaled)) = rate else {
            let e = self.unconverted.entry(currency).or_default();
            e.0 += count;
            e.1 += minor;
            return Ok(());
        };
        let rate = Rate::from_scaled(scaled).map_err(|e| {
            DomainError::Invalid(format!("the stored {currency} rate of {date}: {e}"))
        })?;
        let value = rate.convert(minor, currency, to).ok_or_else(|| {
            DomainError::Invalid(format!("{minor} {currency} is too large to convert"))
        })?;
        self.minor = self.minor.checked_add(value).ok_or_else(|| {
            DomainError::Invalid(format!("the converted total in {to} is too large"))
        })?;
        self.converted += count;
        self.dated(date);
        Ok(())
    }
}

/// A table with one bind, the reporting currency's code: `b (currency, {day},
/// rate_date, rate_e10)`, each distinct currency and day of `{days}` (a table with
/// `currency` and `{day}`) with the latest rate on or before that day (NULLs: none). The
/// rates (one range of `exchange_rates_values`) and the days are sorted together per
/// currency; a running count (a window `SUM`) numbers each rate and gives each day the
/// number of its latest rate, so a rate and the days it serves share a number, the rate
/// first; `FIRST_VALUE` over that small group then carries the rate to its days. Three
/// slower ways were measured: a lookup per day (`ORDER BY rate_date DESC LIMIT 1`) read
/// every later rate on MariaDB, 2.7 s for a year of 50k licences with 13k daily rates; a
/// running `MAX(rate_date) OVER` per currency is quadratic there, 0.4 s for the rates
/// alone; the rates numbered apart and joined by number were scanned once per owner and
/// day by SQLite, 0.3 s a quarter at 1M licences with 1,080 monthly rates.
fn rate_numbers(days: &str, day: &str) -> String {
    let group = "PARTITION BY w.currency, w.k ORDER BY w.d, w.rated DESC \
                 ROWS UNBOUNDED PRECEDING";
    format!(
        "c AS (SELECT e.currency AS currency, e.rate_date AS d, 1 AS rated, \
         e.rate_e10 AS e10 FROM exchange_rates e WHERE e.reporting_currency = ? \
         UNION ALL SELECT DISTINCT currency, {day}, 0, NULL FROM {days} \
         WHERE currency IS NOT NULL), \
         w AS (SELECT c.currency, c.d, c.rated, c.e10, \
         SUM(c.rated) OVER (PARTITION BY c.currency ORDER BY c.d, c.rated DESC \
         ROWS UNBOUNDED PRECEDING) AS k FROM c), \
         b AS (SELECT v.currency, v.d AS {day}, v.rate_date, v.rate_e10 FROM (\
         SELECT w.currency, w.d, w.rated, \
         FIRST_VALUE(CASE WHEN w.rated = 1 THEN w.d END) OVER ({group}) AS rate_date, \
         FIRST_VALUE(w.e10) OVER ({group}) AS rate_e10 FROM w) v WHERE v.rated = 0)"
    )
}

/// Per owner, currency and rate date: the purchases dated in the period.
#[derive(Debug, Clone, PartialEq, Eq, QueryableByName)]
pub struct RatedRow {
    #[diesel(sql_type = Nullable<BigInt>)]
    pub owner_id: Option<i64>,
    /// Only in the pipeline's rows.
    #[diesel(sql_type = Nullable<BigInt>)]
    pub partner_key: Option<i64>,
    /// 0 for bookings; the at-stake horizon.
    #[diesel(sql_type = BigInt)]
    pub horizon: i64,
    #[diesel(sql_type = Nullable<Text>)]
    pub currency: Option<String>,
    #[diesel(sql_type = Nullable<Date>)]
    pub rate_date: Option<NaiveDate>,
    #[diesel(sql_type = Nullable<BigInt>)]
    pub rate_e10: Option<i64>,
    #[diesel(sql_type = BigInt)]
    pub items: i64,
    #[diesel(sql_type = Nullable<BigInt>)]
    pub revenue: Option<i64>,
}

/// The period's purchases per owner, currency and rate date, with that rate: the
/// purchases summed per owner, currency and day (`a`, a range of `purchases_date_owner`),
/// each distinct currency and day given its rate (see [`rate_numbers`]), then summed per
/// rate.
#[must_use]
pub fn bookings(owner: Owner, period: Period, to: Currency) -> Statement {
    let o = owner.column("p");
    let rates = rate_numbers("a", "pday");
    let mut binds = owner_queries::period_binds(period);
    binds.push(Bind::Code(to.code()));
    Statement {
        name: "converted bookings",
        sql: format!(
            "WITH a AS (SELECT {o} AS owner_id, p.currency AS currency, \
             p.purchase_date AS pday, COUNT(*) AS items, SUM(p.revenue_minor) AS revenue \
             FROM purchases p WHERE p.purchase_date >= ? AND p.purchase_date < ? \
             GROUP BY {o}, p.currency, p.purchase_date), {rates} \
             SELECT a.owner_id, NULL AS partner_key, 0 AS horizon, a.currency, b.rate_date, \
             b.rate_e10, SUM(a.items) AS items, SUM(a.revenue) AS revenue FROM a \
             JOIN b ON b.currency = a.currency AND b.pday = a.pday \
             GROUP BY a.owner_id, a.currency, b.rate_date, b.rate_e10"
        ),
        binds,
    }
}

/// The licences at stake per owner(s), horizon, currency and rate date of their last
/// purchase, with that rate: the licences (as the at-stake figure reads them) summed per
/// owner, horizon, currency and day of their last purchase (`s`), each distinct currency
/// and day given its rate. Summed first, `s` holds a few thousand rows where the licences
/// were 17,000 at 1M licences, each of which MariaDB matched against every day of its
/// currency (2.5 s).
#[must_use]
pub fn at_stake(owners: &[Owner], as_of: NaiveDate, to: Currency) -> Statement {
    let (licences, mut binds) = owner_queries::stake_licences(owners, as_of, true);
    binds.push(Bind::Code(to.code()));
    let rates = rate_numbers("s", "purchase_date");
    let group = owner_queries::stake_group(owners).replace("x.", "s.");
    let keys = "x.rep_key, x.partner_key, x.horizon, x.currency, x.purchase_date";
    let [rep_key, partner_key] = ["rep_key", "partner_key"].map(|k| {
        if group.contains(k) {
            format!("s.{k}")
        } else {
            "NULL".to_owned()
        }
    });
    Statement {
        name: "converted renewals at stake",
        sql: format!(
            "WITH s AS (SELECT {keys}, COUNT(*) AS items, SUM(x.revenue) AS revenue \
             FROM ({licences}) x GROUP BY {keys}), {rates} \
             SELECT {rep_key} AS owner_id, {partner_key} AS partner_key, s.horizon, \
             s.currency, b.rate_date, b.rate_e10, SUM(s.items) AS items, \
             SUM(s.revenue) AS revenue FROM s \
             LEFT JOIN b ON b.currency = s.currency AND b.purchase_date = s.purchase_date \
             GROUP BY {group}, s.horizon, s.currency, b.rate_date, b.rate_e10"
        ),
        binds,
    }
}

/// The converted figures of one owner.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct OwnerConverted {
    /// This period's and the previous period's bookings.
    pub bookings: [Converted; 2],
    /// Ending within each of [`HORIZONS`] days (cumulative).
    pub at_stake: [Converted; 3],
}

/// Per owner id (`None`: no owner).
pub type ByOwner = BTreeMap<Option<i64>, OwnerConverted>;

/// Folds the bookings rows of one period (`previous`: the previous one).
///
/// # Errors
/// A stored currency lms does not know, a bad stored rate, an amount too large.
pub fn fold_bookings(
    out: &mut ByOwner,
    rows: &[RatedRow],
    to: Currency,
    previous: bool,
) -> Result<(), DomainError> {
    for r in rows {
        let Some(code) = &r.currency else { continue };
        let c: Currency = code.parse()?;
        let slot = &mut out.entry(r.owner_id).or_default().bookings[usize::from(previous)];
        slot.fold(to, c, (r.items, r.revenue.unwrap_or(0)), rated(r))?;
    }
    Ok(())
}

fn rated(r: &RatedRow) -> Option<(NaiveDate, i64)> {
    r.rate_date.zip(r.rate_e10)
}

/// Folds the at-stake rows for `owner` (the rows may be grouped by both owners).
/// Licences with no purchase have nothing to convert and are left out.
///
/// # Errors
/// As [`fold_bookings`].
pub fn fold_stake(
    out: &mut ByOwner,
    rows: &[RatedRow],
    to: Currency,
    owner: Owner,
) -> Result<(), DomainError> {
    for r in rows {
        let Some(code) = &r.currency else { continue };
        let c: Currency = code.parse()?;
        let id = match owner {
            Owner::Rep => r.owner_id,
            Owner::Partner => r.partner_key,
        };
        let row = out.entry(id).or_default();
        for (stake, horizon) in row.at_stake.iter_mut().zip(HORIZONS) {
            if r.horizon <= i64::from(horizon) {
                stake.fold(to, c, (r.items, r.revenue.unwrap_or(0)), rated(r))?;
            }
        }
    }
    Ok(())
}

/// The renewals at stake in their own currencies, summed from the converted rows (which
/// hold the same licences, split by rate): a report with a reporting currency reads the
/// licences at stake once.
#[must_use]
pub fn unconverted_stake(rows: &[RatedRow], owner: Owner) -> Vec<StakeRow> {
    type Key = (Option<i64>, i64, Option<String>);
    let mut sums: BTreeMap<Key, (i64, Option<i64>)> = BTreeMap::new();
    for r in rows {
        let id = match owner {
            Owner::Rep => r.owner_id,
            Owner::Partner => r.partner_key,
        };
        let sum = sums.entry((id, r.horizon, r.currency.clone())).or_default();
        sum.0 += r.items;
        if let Some(revenue) = r.revenue {
            sum.1 = Some(sum.1.unwrap_or(0) + revenue);
        }
    }
    sums.into_iter()
        .map(|((id, horizon, currency), (licenses, revenue))| StakeRow {
            rep_key: id.filter(|_| owner == Owner::Rep),
            partner_key: id.filter(|_| owner == Owner::Partner),
            horizon,
            currency,
            licenses,
            revenue,
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn cur(code: &str) -> Currency {
        code.parse().unwrap()
    }

    #[test]
    fn groups_fold_into_a_total_with_unconverted_apart() {
        let (eur, usd, jpy) = (cur("EUR"), cur("USD"), cur("JPY"));
        let d = |s: &str| s.parse::<NaiveDate>().unwrap();
        let mut c = Converted::default();
        c.fold(eur, eur, (2, 1_000), None).unwrap();
        c.fold(
            eur,
            usd,
            (1, 10_000),
            Some((d("2026-03-01"), 9_200_000_000)),
        )
        .unwrap();
        c.fold(
            eur,
            usd,
            (1, 10_000),
            Some((d("2026-01-05"), 9_000_000_000)),
        )
        .unwrap();
        c.fold(eur, jpy, (3, 5_000), None).unwrap();
        assert_eq!(c.minor, 1_000 + 9_200 + 9_000);
        assert_eq!(c.converted, 4);
        assert_eq!(c.unconverted.get(&jpy), Some(&(3, 5_000)));
        assert_eq!(c.unconverted_count(), 3);
        assert_eq!(c.oldest_rate, Some(d("2026-01-05")));
        assert_eq!(c.latest_rate, Some(d("2026-03-01")));
        let mut sum = Converted::default();
        sum.add(&c);
        sum.add(&c);
        assert_eq!(sum.minor, 2 * c.minor);
        assert_eq!(sum.unconverted.get(&jpy), Some(&(6, 10_000)));
        assert!(
            c.fold(eur, usd, (1, 1), Some((d("2026-01-01"), 0)))
                .is_err()
        );
    }
}
