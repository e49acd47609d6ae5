//! The SQL of the sales reps' and partners' reports: one GROUP BY per figure, grouped by
//! the owner (a rep or a partner). What a purchase earns, and whether the term it paid for
//! was renewed, belongs to the purchase's rep or partner; what a licence does now (its
//! renewal at stake, its seats) to the licence's (see the README's definitions).

use chrono::{Datelike, Days, NaiveDate};
use diesel::QueryableByName;
use diesel::sql_types::{BigInt, Nullable, Text};

use super::sql::{Bind, Statement, list, month_of};
use crate::domain::{LicenseStatus, Period, PurchaseKind};

pub use crate::db::renewals::GRACE_DAYS;

/// The renewal pipeline's horizons: licences ending within 30, 60 and 90 days.
pub const HORIZONS: [u32; 3] = [30, 60, 90];

/// Whose figures a report groups by.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Owner {
    Rep,
    Partner,
}

impl Owner {
    /// The owner's column of the purchases or licences aliased `table`.
    pub(crate) fn column(self, table: &str) -> String {
        match self {
            Owner::Rep => format!("{table}.sales_rep_id"),
            Owner::Partner => format!("{table}.partner_id"),
        }
    }
}

pub(crate) fn period_binds(period: Period) -> Vec<Bind> {
    vec![Bind::Date(period.from()), Bind::Date(period.to())]
}

/// Per owner, kind and currency: the purchases dated in the period.
#[derive(Debug, Clone, PartialEq, Eq, QueryableByName)]
pub struct BookingRow {
    #[diesel(sql_type = Nullable<BigInt>)]
    pub owner_id: Option<i64>,
    #[diesel(sql_type = Text)]
    pub kind: String,
    #[diesel(sql_type = Text)]
    pub currency: String,
    #[diesel(sql_type = BigInt)]
    pub purchases: i64,
    #[diesel(sql_type = Nullable<BigInt>)]
    pub revenue: Option<i64>,
    #[diesel(sql_type = Nullable<BigInt>)]
    pub seats: Option<i64>,
}

#[must_use]
pub fn bookings(owner: Owner, period: Period) -> Statement {
    if whole_months(&[period]) {
        kept_bookings(owner, period)
    } else {
        bookings_scanned(owner, period)
    }
}

/// [`bookings`] from the purchases dated in the period (a range of days).
#[must_use]
pub fn bookings_scanned(owner: Owner, period: Period) -> Statement {
    let o = owner.column("p");
    Statement {
        name: "bookings",
        sql: format!(
            "SELECT {o} AS owner_id, p.kind AS kind, p.currency AS currency, \
             COUNT(*) AS purchases, SUM(p.revenue_minor) AS revenue, \
             SUM(p.seats_added) AS seats \
             FROM purchases p \
             WHERE p.purchase_date >= ? AND p.purchase_date < ? \
             GROUP BY {o}, p.kind, p.currency"
        ),
        binds: period_binds(period),
    }
}

/// [`bookings`] of whole months from the kept `owner_month_bookings`: a month, quarter or
/// year outside the sparkline's 12 months (a year's previous year) read 0.3 s of
/// purchases at 1M licences on MariaDB.
#[must_use]
pub fn kept_bookings(owner: Owner, period: Period) -> Statement {
    let o = owner.column("b");
    Statement {
        name: "bookings (kept months)",
        sql: format!(
            "SELECT NULLIF({o}, 0) AS owner_id, b.kind AS kind, b.currency AS currency, \
             SUM(b.purchases) AS purchases, SUM(b.revenue_minor) AS revenue, \
             SUM(b.seats_added) AS seats \
             FROM owner_month_bookings b \
             WHERE b.month >= ? AND b.month < ? \
             GROUP BY {o}, b.kind, b.currency"
        ),
        binds: period_binds(period),
    }
}

/// Whether every period starts and ends on a month's first day (`to` is exclusive): the
/// kept monthly tables answer them.
fn whole_months(periods: &[Period]) -> bool {
    periods
        .iter()
        .all(|p| p.from().day() == 1 && p.to().day() == 1)
}

/// Per owner, kind, currency and month: the purchases dated in the months, as
/// [`BookingRow`]s of one month each.
#[derive(Debug, Clone, PartialEq, Eq, QueryableByName)]
pub struct MonthRow {
    #[diesel(sql_type = Text)]
    pub month: String,
    #[diesel(embed)]
    pub booking: BookingRow,
}

/// `[from, to)` spans whole months. The sparkline's 12 months hold a month or quarter
/// period and the one before it, and a year period: their bookings are summed from these
/// rows instead of reading the same purchases again. Read from the kept
/// `owner_month_bookings` (`db::owner_bookings`, 0 for no owner), a few thousand rows.
#[must_use]
pub fn monthly(owner: Owner, from: NaiveDate, to: NaiveDate) -> Statement {
    let o = owner.column("b");
    let m = month_of("b.month");
    Statement {
        name: "monthly bookings",
        sql: format!(
            "SELECT NULLIF({o}, 0) AS owner_id, b.kind AS kind, b.currency AS currency, \
             {m} AS month, SUM(b.purchases) AS purchases, SUM(b.revenue_minor) AS revenue, \
             SUM(b.seats_added) AS seats \
             FROM owner_month_bookings b \
             WHERE b.month >= ? AND b.month < ? \
             GROUP BY {o}, b.kind, b.currency, b.month"
        ),
        binds: vec![Bind::Date(from), Bind::Date(to)],
    }
}

/// Per owner of the term's purchase: terms that ended in the period, and how many of them
/// were renewed.
#[derive(Debug, Clone, PartialEq, Eq, QueryableByName)]
pub struct RenewalRow {
    #[diesel(sql_type = Nullable<BigInt>)]
    pub owner_id: Option<i64>,
    #[diesel(sql_type = BigInt)]
    pub ended: i64,
    #[diesel(sql_type = Nullable<BigInt>)]
    pub renewed: Option<i64>,
}

/// A term is a `new` or `renewal` purchase with its `term_end` (the licence's last day
/// as that purchase left it). It ended in the period when `term_end` is in it; it was
/// renewed when a renewal of the same licence, recorded by `term_end + GRACE_DAYS`,
/// extended the licence past `term_end`: the purchase's kept `renewed` flag
/// (`db::renewals`). It belongs to the rep or partner who sold it (the purchase's), so
/// the whole figure is one range of `purchases_term_end`: no table row is read.
#[must_use]
pub fn renewals(owner: Owner, period: Period) -> Statement {
    let o = owner.column("t");
    let terms = list(&[PurchaseKind::New.as_str(), PurchaseKind::Renewal.as_str()]);
    Statement {
        name: "renewal rate",
        sql: format!(
            "SELECT {o} AS owner_id, COUNT(*) AS ended, \
             SUM(CASE WHEN t.renewed THEN 1 ELSE 0 END) AS renewed \
             FROM purchases t \
             WHERE t.term_end >= ? AND t.term_end < ? AND t.kind IN ({terms}) \
             GROUP BY {o}"
        ),
        binds: period_binds(period),
    }
}

/// Per licence rep and/or partner, horizon and currency: active and suspended licences
/// ending within the horizon, with the revenue of each one's last recorded purchase.
#[derive(Debug, Clone, PartialEq, Eq, QueryableByName)]
pub struct StakeRow {
    /// `None` also when not grouped by rep.
    #[diesel(sql_type = Nullable<BigInt>)]
    pub rep_key: Option<i64>,
    /// `None` also when not grouped by partner.
    #[diesel(sql_type = Nullable<BigInt>)]
    pub partner_key: Option<i64>,
    /// 30, 60 or 90: the licence ends within that many days but not a shorter horizon.
    #[diesel(sql_type = BigInt)]
    pub horizon: i64,
    /// `None` for licences with no purchase.
    #[diesel(sql_type = Nullable<Text>)]
    pub currency: Option<String>,
    #[diesel(sql_type = BigInt)]
    pub licenses: i64,
    #[diesel(sql_type = Nullable<BigInt>)]
    pub revenue: Option<i64>,
}

/// "Ending within N days" of `as_of` means an end date from `as_of` to `as_of + N`
/// days, both included, as the Licenses tab's `x` (`expiring:N`) filter reads it; the
/// last purchase is the one with the highest id, as that list's totals take it. Grouped
/// by each of `owners` (the pipeline asks for both in one pass).
#[must_use]
pub fn at_stake(owners: &[Owner], as_of: NaiveDate) -> Statement {
    let (licences, binds) = stake_licences(owners, as_of, false);
    Statement {
        name: "renewals at stake",
        sql: format!(
            "SELECT x.rep_key, x.partner_key, x.horizon, x.currency, COUNT(*) AS licenses, \
             SUM(x.revenue) AS revenue FROM ({licences}) x \
             GROUP BY {}, x.horizon, x.currency",
            stake_group(owners)
        ),
        binds,
    }
}

/// The GROUP BY keys of the owners' at-stake rows (of a derived table `x`).
#[must_use]
pub fn stake_group(owners: &[Owner]) -> String {
    let group: Vec<&str> = owners
        .iter()
        .map(|o| match o {
            Owner::Rep => "x.rep_key",
            Owner::Partner => "x.partner_key",
        })
        .collect();
    group.join(", ")
}

/// The licences at stake, one row each: `rep_key`, `partner_key`, `horizon`, and the
/// `currency` and `revenue` of its last purchase (and its `purchase_date` when `dated`),
/// with the binds of its `?`s.
#[must_use]
pub fn stake_licences(owners: &[Owner], as_of: NaiveDate, dated: bool) -> (String, Vec<Bind>) {
    let key = |owner: Owner, alias: &str| {
        if owners.contains(&owner) {
            format!("{} AS {alias}", owner.column("l"))
        } else {
            format!("NULL AS {alias}")
        }
    };
    let keys = format!(
        "{}, {}",
        key(Owner::Rep, "rep_key"),
        key(Owner::Partner, "partner_key")
    );
    // The licence's last purchase (highest id), its money and date, are kept in
    // `license_last_purchase`: one primary-key read per licence. Reading them from the
    // purchases took 0.65 s at 1M licences on MariaDB (1.1 s more with the date).
    let date = if dated {
        ", lp.purchase_date AS purchase_date"
    } else {
        ""
    };
    let day = |n: u32| {
        as_of
            .checked_add_days(Days::new(u64::from(n)))
            .unwrap_or(NaiveDate::MAX)
    };
    let [h1, h2, h3] = HORIZONS;
    let live = list(&[
        LicenseStatus::Active.as_str(),
        LicenseStatus::Suspended.as_str(),
    ]);
    (
        format!(
            "SELECT {keys}, \
             CASE WHEN l.end_date <= ? THEN {h1} WHEN l.end_date <= ? THEN {h2} ELSE {h3} END \
                 AS horizon, \
             lp.currency AS currency, lp.revenue_minor AS revenue{date} \
             FROM licenses l LEFT JOIN license_last_purchase lp ON lp.license_id = l.id \
             WHERE l.status IN ({live}) AND l.end_date >= ? AND l.end_date <= ?"
        ),
        vec![
            Bind::Date(day(h1)),
            Bind::Date(day(h2)),
            Bind::Date(as_of),
            Bind::Date(day(h3)),
        ],
    )
}

/// Per partner: the licences sold through it that ran during the period (and the
/// previous period: `prev_…`).
#[derive(Debug, Clone, PartialEq, Eq, QueryableByName)]
pub struct PartnerLicenseRow {
    #[diesel(sql_type = Nullable<BigInt>)]
    pub owner_id: Option<i64>,
    #[diesel(sql_type = Nullable<BigInt>)]
    pub licenses: Option<i64>,
    #[diesel(sql_type = Nullable<BigInt>)]
    pub seats: Option<i64>,
    #[diesel(sql_type = Nullable<BigInt>)]
    pub unlimited: Option<i64>,
    #[diesel(sql_type = BigInt)]
    pub companies: i64,
    #[diesel(sql_type = Nullable<BigInt>)]
    pub prev_licenses: Option<i64>,
    #[diesel(sql_type = Nullable<BigInt>)]
    pub prev_seats: Option<i64>,
    #[diesel(sql_type = Nullable<BigInt>)]
    pub prev_unlimited: Option<i64>,
    #[diesel(sql_type = BigInt)]
    pub prev_companies: i64,
}

/// Licences of any status but draft whose start..end range overlaps the period; their
/// seats as they stand, unlimited ones counted apart; the distinct companies holding them.
/// Periods of whole months read the kept `partner_license_months`
/// ([`partner_licenses_kept`]), others every licence ([`partner_licenses_scanned`]).
#[must_use]
pub fn partner_licenses(period: Period, previous: Period) -> Statement {
    if whole_months(&[period, previous]) {
        partner_licenses_kept(period, previous)
    } else {
        partner_licenses_scanned(period, previous)
    }
}

/// [`partner_licenses`] from `partner_license_months` for periods of whole months: a
/// licence ran during `[from, to)` when its end month is `from`'s or later and its start
/// month is before `to`'s. The companies are one probe per partner (and none) and
/// company of `licenses_partner_company_dates` for a licence that ran.
#[must_use]
pub fn partner_licenses_kept(period: Period, previous: Period) -> Statement {
    let draft = LicenseStatus::Draft.as_str();
    let sums = |p: &str| {
        let ran = "m.end_month >= ? AND m.start_month < ?";
        format!(
            "SUM(CASE WHEN {ran} THEN m.licenses ELSE 0 END) AS {p}licenses, \
             SUM(CASE WHEN {ran} THEN m.seats ELSE 0 END) AS {p}seats, \
             SUM(CASE WHEN {ran} THEN m.unlimited ELSE 0 END) AS {p}unlimited"
        )
    };
    let ran_at = |partner: &str| {
        format!(
            "CASE WHEN EXISTS (SELECT 1 FROM licenses l WHERE {partner} \
             AND l.company_id = c.id AND l.end_date >= ? AND l.start_date < ? \
             AND l.status <> '{draft}') THEN 1 ELSE 0 END"
        )
    };
    let companies = |partner: &str| {
        format!(
            "SUM({}) AS companies, SUM({}) AS prev_companies",
            ran_at(partner),
            ran_at(partner)
        )
    };
    let both = |binds: &mut Vec<Bind>, n: usize| {
        for p in [period, previous] {
            for _ in 0..n {
                binds.extend(period_binds(p));
            }
        }
    };
    let mut binds = Vec::new();
    // Companies: the partners', then the licences' with no partner.
    both(&mut binds, 1);
    both(&mut binds, 1);
    both(&mut binds, 3);
    binds.extend([Bind::Date(previous.from()), Bind::Date(period.to())]);
    Statement {
        name: "partner licences (kept months)",
        sql: format!(
            "SELECT k.owner_id AS owner_id, s.licenses AS licenses, s.seats AS seats, \
             s.unlimited AS unlimited, k.companies AS companies, \
             s.prev_licenses AS prev_licenses, s.prev_seats AS prev_seats, \
             s.prev_unlimited AS prev_unlimited, k.prev_companies AS prev_companies \
             FROM (SELECT pa.id AS owner_id, {} FROM partners pa CROSS JOIN companies c \
                   GROUP BY pa.id \
                   UNION ALL \
                   SELECT NULL, {} FROM companies c) k \
             LEFT JOIN (SELECT m.partner_id, {}, {} FROM partner_license_months m \
                        WHERE m.end_month >= ? AND m.start_month < ? \
                        GROUP BY m.partner_id) s \
               ON s.partner_id = COALESCE(k.owner_id, 0) \
             WHERE k.companies > 0 OR k.prev_companies > 0",
            companies("l.partner_id = pa.id"),
            companies("l.partner_id IS NULL"),
            sums(""),
            sums("prev_")
        ),
        binds,
    }
}

/// [`partner_licenses`] from every licence that ran during either period.
#[must_use]
pub fn partner_licenses_scanned(period: Period, previous: Period) -> Statement {
    let draft = LicenseStatus::Draft.as_str();
    let figures = |p: &str| {
        let ran = "l.end_date >= ? AND l.start_date < ?";
        format!(
            "SUM(CASE WHEN {ran} THEN 1 ELSE 0 END) AS {p}licenses, \
             SUM(CASE WHEN {ran} THEN l.seats ELSE 0 END) AS {p}seats, \
             SUM(CASE WHEN {ran} AND l.seats IS NULL THEN 1 ELSE 0 END) AS {p}unlimited, \
             COUNT(DISTINCT CASE WHEN {ran} THEN l.company_id END) AS {p}companies"
        )
    };
    let mut binds = Vec::new();
    for p in [period, previous] {
        for _ in 0..4 {
            binds.extend([Bind::Date(p.from()), Bind::Date(p.to())]);
        }
    }
    binds.extend([Bind::Date(previous.from()), Bind::Date(period.to())]);
    Statement {
        name: "partner licences",
        sql: format!(
            "SELECT l.partner_id AS owner_id, {}, {} \
             FROM licenses l \
             WHERE l.end_date >= ? AND l.start_date < ? AND l.status <> '{draft}' \
             GROUP BY l.partner_id",
            figures(""),
            figures("prev_")
        ),
        binds,
    }
}
