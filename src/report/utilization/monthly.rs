//! Revenue per currency and month over the last 12 months: what the Dashboard's revenue
//! chart draws, one small chart per currency, each on its own scale. Currencies are never
//! put on one scale or added: until a reporting currency exists, 69M JPY is not "more"
//! than 2M EUR.

use std::collections::BTreeMap;

use chrono::{Datelike, Months, NaiveDate};

use crate::domain::{Currency, DomainError, Money};

/// Months in the series: a year, ending with the reference date's month.
pub const MONTHS: usize = 12;

/// `(currency, "YYYY-MM", revenue)` as the SQL aggregate returns it.
pub type MonthRow = (String, String, Option<i64>);

/// One currency's revenue per month, oldest first, aligned with [`RevenueMonths::months`].
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CurrencyMonths {
    pub currency: Currency,
    /// Minor units per month; a month without purchases is 0.
    pub minor: [i64; MONTHS],
}

impl CurrencyMonths {
    /// The 12 months together.
    #[must_use]
    pub fn total(&self) -> Money {
        Money::new(self.minor.iter().sum(), self.currency)
    }

    /// The best month (at least zero): the top of this currency's own scale.
    #[must_use]
    pub fn max(&self) -> Money {
        Money::new(
            self.minor.iter().copied().max().unwrap_or(0).max(0),
            self.currency,
        )
    }
}

/// The months and each currency's revenue in them, by currency code.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RevenueMonths {
    /// The first day of each month, oldest first; the last is the reference month.
    pub months: [NaiveDate; MONTHS],
    /// Only currencies with a purchase in the 12 months, by code.
    pub series: Vec<CurrencyMonths>,
}

impl RevenueMonths {
    /// The first day of the oldest month: purchases from this date on are counted.
    #[must_use]
    pub fn from(&self) -> NaiveDate {
        self.months[0]
    }
}

/// The first days of the 12 months that end with `as_of`'s month, oldest first.
#[must_use]
pub fn months_to(as_of: NaiveDate) -> [NaiveDate; MONTHS] {
    let first = as_of.with_day(1).unwrap_or(as_of);
    let mut out = [first; MONTHS];
    for (i, m) in out.iter_mut().enumerate() {
        let back = u32::try_from(MONTHS - 1 - i).unwrap_or(0);
        *m = first.checked_sub_months(Months::new(back)).unwrap_or(first);
    }
    out
}

/// The series from the aggregate's rows: every month present, empty ones zero; rows
/// outside the 12 months (none, from the query) are ignored.
///
/// # Errors
/// A purchase in a currency code that is not ISO 4217.
pub fn series(as_of: NaiveDate, rows: Vec<MonthRow>) -> Result<RevenueMonths, DomainError> {
    let months = months_to(as_of);
    let keys: Vec<String> = months
        .iter()
        .map(|m| m.format("%Y-%m").to_string())
        .collect();
    let mut by: BTreeMap<Currency, [i64; MONTHS]> = BTreeMap::new();
    for (code, month, minor) in rows {
        let currency: Currency = code.parse()?;
        let slot = by.entry(currency).or_insert([0; MONTHS]);
        if let Some(i) = keys.iter().position(|k| *k == month) {
            slot[i] += minor.unwrap_or(0);
        }
    }
    Ok(RevenueMonths {
        months,
        series: by
            .into_iter()
            .map(|(currency, minor)| CurrencyMonths { currency, minor })
            .collect(),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(s: &str) -> NaiveDate {
        s.parse().unwrap()
    }

    fn row(code: &str, month: &str, minor: i64) -> MonthRow {
        (code.to_owned(), month.to_owned(), Some(minor))
    }

    #[test]
    fn twelve_months_end_with_the_reference_month() {
        let m = months_to(d("2026-03-15"));
        assert_eq!(m[0], d("2025-04-01"));
        assert_eq!(m[11], d("2026-03-01"));
        assert!(m.windows(2).all(|w| w[0] < w[1]));
        // Month ends and leap days stay in their month.
        assert_eq!(months_to(d("2024-02-29"))[11], d("2024-02-01"));
        assert_eq!(months_to(d("2025-12-31"))[0], d("2025-01-01"));
    }

    #[test]
    fn empty_months_are_zero_and_currencies_stay_apart() {
        let s = series(
            d("2026-03-15"),
            vec![
                row("JPY", "2026-01", 69_000_000),
                row("EUR", "2025-04", 100),
                row("EUR", "2026-03", 250),
                row("eur", "2026-03", 50),
            ],
        )
        .unwrap();
        assert_eq!(s.from(), d("2025-04-01"));
        let codes: Vec<&str> = s.series.iter().map(|c| c.currency.code()).collect();
        assert_eq!(codes, ["EUR", "JPY"]);
        let eur = &s.series[0];
        assert_eq!(eur.minor, [100, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 300]);
        assert_eq!(eur.total().to_string(), "4.00 EUR");
        assert_eq!(eur.max().to_string(), "3.00 EUR");
        let jpy = &s.series[1];
        assert_eq!(jpy.minor[9], 69_000_000);
        assert_eq!(jpy.minor.iter().filter(|m| **m == 0).count(), 11);
        assert_eq!(jpy.total().to_string(), "69,000,000 JPY");

        let none = series(d("2026-03-15"), Vec::new()).unwrap();
        assert!(none.series.is_empty());
        assert!(series(d("2026-03-15"), vec![row("XXY", "2026-03", 1)]).is_err());
    }
}
