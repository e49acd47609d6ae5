//! The report's figures, derived from the aggregates: per-company rows with their flags,
//! and totals. Integer arithmetic throughout; money stays per currency.

use std::collections::{BTreeMap, HashMap};

use super::monthly::RevenueMonths;
use super::params::{UtilizationQuery, Window};
use super::queries::MoneyRow;
use crate::domain::money::div_round;
use crate::domain::text::count;
use crate::domain::{Currency, DomainError, Money, PerCurrency};

/// The compliance and usage flags of one company (see the README's definitions). Four
/// independent yes/no facts, so plain bools read best.
#[allow(clippy::struct_excessive_bools)]
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Flags {
    /// More active users than licensed seats.
    pub over_active: bool,
    /// More registered users than licensed seats.
    pub over_registered: bool,
    /// Utilization below the threshold.
    pub under_used: bool,
    /// Licensed, but nobody active in the window.
    pub idle: bool,
}

impl Flags {
    /// The flags of a company with `seats` limited licensed seats (and an unlimited
    /// licence when `unlimited`), `registered` and `active` users, under-used below
    /// `under_used_pct` percent. The one place the dashboard's flag rules are written.
    #[must_use]
    pub fn of(
        seats: i64,
        unlimited: bool,
        registered: i64,
        active: i64,
        under_used_pct: u32,
    ) -> Flags {
        let limited = !unlimited;
        let pct = i64::from(under_used_pct);
        Flags {
            over_active: limited && active > seats,
            over_registered: limited && registered > seats,
            under_used: limited && seats > 0 && i128::from(active) * 100 < i128::from(pct * seats),
            idle: (seats > 0 || unlimited) && active == 0,
        }
    }

    /// The set flags as words, so they read without colour: "over,over-reg,under,idle".
    #[must_use]
    pub fn words(self) -> String {
        [
            (self.over_active, "over"),
            (self.over_registered, "over-reg"),
            (self.under_used, "under"),
            (self.idle, "idle"),
        ]
        .iter()
        .filter(|(on, _)| *on)
        .map(|(_, w)| *w)
        .collect::<Vec<_>>()
        .join(",")
    }
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CompanyRow {
    pub id: i64,
    pub name: String,
    /// Seats of the limited licences active on the reference date.
    pub licensed_seats: i64,
    /// An unlimited (site) licence is active: seats do not bound use.
    pub unlimited: bool,
    pub active_licenses: i64,
    pub registered: i64,
    pub active: i64,
    pub revenue: PerCurrency,
    pub cost: PerCurrency,
    pub flags: Flags,
}

impl CompanyRow {
    /// Active users per licensed seat in tenths of a percent, rounded half up; `None`
    /// when there are no limited seats to compare with (unlimited, or no licence).
    #[must_use]
    pub fn utilization_permille(&self) -> Option<i64> {
        utilization_permille(self.active, self.licensed_seats, self.unlimited)
    }

    /// "45.5%", "unlimited" or "-".
    #[must_use]
    pub fn utilization_text(&self) -> String {
        utilization_text(self.active, self.licensed_seats, self.unlimited)
    }

    /// "12", "unlimited" or "12 + unlimited".
    #[must_use]
    pub fn licensed_text(&self) -> String {
        licensed_text(self.licensed_seats, self.unlimited)
    }
}

/// `active` users per licensed seat in tenths of a percent, rounded half up; `None`
/// when there are no limited seats to compare with (unlimited, or no licence).
#[must_use]
pub fn utilization_permille(active: i64, licensed_seats: i64, unlimited: bool) -> Option<i64> {
    if unlimited || licensed_seats <= 0 {
        return None;
    }
    let n = i128::from(active) * 2000 + i128::from(licensed_seats);
    i64::try_from(n / (2 * i128::from(licensed_seats))).ok()
}

/// "45.5%", "1,250.0%", "unlimited" or "-".
#[must_use]
pub fn utilization_text(active: i64, licensed_seats: i64, unlimited: bool) -> String {
    match utilization_permille(active, licensed_seats, unlimited) {
        Some(p) => format!("{}.{}%", count(p / 10), p % 10),
        None if unlimited => "unlimited".to_owned(),
        None => "-".to_owned(),
    }
}

/// "12", "2,500", "unlimited" or "12 + unlimited" (for people: grouped in thousands).
#[must_use]
pub fn licensed_text(licensed_seats: i64, unlimited: bool) -> String {
    match (unlimited, licensed_seats) {
        (false, n) => count(n),
        (true, 0) => "unlimited".to_owned(),
        (true, n) => format!("{} + unlimited", count(n)),
    }
}

#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Totals {
    pub companies: i64,
    /// Limited seats; companies with an unlimited licence are counted apart.
    pub licensed_seats: i64,
    pub unlimited_companies: i64,
    pub registered: i64,
    pub active: i64,
    pub active_licenses: i64,
    pub revenue: PerCurrency,
    pub cost: PerCurrency,
    /// Licences with a purchase in each currency (the divisor of the average cost).
    pub licenses_by_currency: BTreeMap<Currency, i64>,
    pub over_active: i64,
    pub over_registered: i64,
    pub under_used: i64,
    pub idle: i64,
}

impl Totals {
    /// Cost per licence in each currency: that currency's cost over the licences bought in
    /// it, rounded half away from zero to the minor unit.
    #[must_use]
    pub fn average_cost(&self) -> Vec<Money> {
        self.cost
            .iter()
            .filter_map(|m| {
                let n = *self.licenses_by_currency.get(&m.currency)?;
                (n > 0).then(|| Money::new(div_round(m.minor, n), m.currency))
            })
            .collect()
    }
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct UtilizationReport {
    pub query: UtilizationQuery,
    pub window: Window,
    /// By company name.
    pub companies: Vec<CompanyRow>,
    pub totals: Totals,
    /// Revenue per currency and calendar month, the 12 months ending with the reference
    /// date's month.
    pub monthly: RevenueMonths,
}

/// The aggregates as the queries return them.
#[derive(Debug, Default)]
pub struct Aggregates {
    pub companies: Vec<(i64, String)>,
    pub licensed: Vec<super::queries::LicensedRow>,
    pub registered: Vec<(i64, i64)>,
    pub active: Vec<(i64, i64)>,
    pub money: Vec<MoneyRow>,
    pub monthly: Vec<super::monthly::MonthRow>,
}

/// Joins the aggregates by company and derives flags and totals.
///
/// # Errors
/// A purchase in a currency code that is not ISO 4217.
pub fn assemble(
    query: UtilizationQuery,
    window: Window,
    agg: Aggregates,
) -> Result<UtilizationReport, DomainError> {
    let index: HashMap<i64, usize> = agg
        .companies
        .iter()
        .enumerate()
        .map(|(i, (id, _))| (*id, i))
        .collect();
    let mut rows: Vec<CompanyRow> = agg
        .companies
        .into_iter()
        .map(|(id, name)| CompanyRow {
            id,
            name,
            licensed_seats: 0,
            unlimited: false,
            active_licenses: 0,
            registered: 0,
            active: 0,
            revenue: PerCurrency::default(),
            cost: PerCurrency::default(),
            flags: Flags::default(),
        })
        .collect();
    let mut totals = Totals::default();
    for (id, n, limited, seats) in agg.licensed {
        if let Some(r) = index.get(&id).and_then(|&i| rows.get_mut(i)) {
            r.active_licenses = n;
            r.unlimited = n > limited;
            r.licensed_seats = seats.unwrap_or(0);
        }
    }
    for (id, n) in agg.registered {
        if let Some(r) = index.get(&id).and_then(|&i| rows.get_mut(i)) {
            r.registered = n;
        }
    }
    for (id, n) in agg.active {
        if let Some(r) = index.get(&id).and_then(|&i| rows.get_mut(i)) {
            r.active = n;
        }
    }
    for m in agg.money {
        let currency: Currency = m.currency.parse()?;
        *totals.licenses_by_currency.entry(currency).or_insert(0) += m.licenses;
        let revenue = Money::new(m.revenue.unwrap_or(0), currency);
        let cost = Money::new(m.cost.unwrap_or(0), currency);
        totals.revenue.add(revenue);
        totals.cost.add(cost);
        if let Some(r) = index.get(&m.company_id).and_then(|&i| rows.get_mut(i)) {
            r.revenue.add(revenue);
            r.cost.add(cost);
        }
    }
    for r in &mut rows {
        let seats = r.licensed_seats;
        r.flags = Flags::of(
            seats,
            r.unlimited,
            r.registered,
            r.active,
            query.under_used_pct,
        );
        totals.companies += 1;
        totals.licensed_seats += seats;
        totals.unlimited_companies += i64::from(r.unlimited);
        totals.registered += r.registered;
        totals.active += r.active;
        totals.active_licenses += r.active_licenses;
        totals.over_active += i64::from(r.flags.over_active);
        totals.over_registered += i64::from(r.flags.over_registered);
        totals.under_used += i64::from(r.flags.under_used);
        totals.idle += i64::from(r.flags.idle);
    }
    let monthly = super::monthly::series(query.as_of, agg.monthly)?;
    Ok(UtilizationReport {
        query,
        window,
        companies: rows,
        totals,
        monthly,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn row(seats: i64, unlimited: bool, active: i64) -> CompanyRow {
        CompanyRow {
            id: 1,
            name: "A".into(),
            licensed_seats: seats,
            unlimited,
            active_licenses: 1,
            registered: 0,
            active,
            revenue: PerCurrency::default(),
            cost: PerCurrency::default(),
            flags: Flags::default(),
        }
    }

    #[test]
    fn utilization_rounds_half_up_in_tenths() {
        assert_eq!(row(3, false, 1).utilization_text(), "33.3%");
        assert_eq!(row(3, false, 2).utilization_text(), "66.7%");
        assert_eq!(row(8, false, 1).utilization_text(), "12.5%");
        assert_eq!(row(4, false, 6).utilization_text(), "150.0%");
        assert_eq!(row(0, true, 6).utilization_text(), "unlimited");
        assert_eq!(row(0, false, 6).utilization_text(), "-");
        assert_eq!(row(5, true, 1).licensed_text(), "5 + unlimited");
        assert_eq!(row(2500, true, 1).licensed_text(), "2,500 + unlimited");
        assert_eq!(row(2500, false, 1).licensed_text(), "2,500");
        assert_eq!(row(4, false, 50).utilization_text(), "1,250.0%");
    }

    #[test]
    fn averages_round_half_away_from_zero() {
        assert_eq!(div_round(5, 2), 3);
        assert_eq!(div_round(-5, 2), -3);
        assert_eq!(div_round(4, 3), 1);
        assert_eq!(div_round(0, 7), 0);
    }

    #[test]
    fn flags_read_as_words() {
        let f = Flags {
            over_active: true,
            idle: true,
            ..Flags::default()
        };
        assert_eq!(f.words(), "over,idle");
        assert_eq!(Flags::default().words(), "");
    }
}
