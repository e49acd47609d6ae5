//! Performance tracking (issue #12): sales reps, partners, engineers and the renewal
//! pipeline, each for a [`Period`] against the previous one. Every figure is a SQL
//! aggregate (GROUP BY in the database, see [`owner_queries`] and [`engineer_queries`]);
//! Rust only folds the grouped rows. The definitions are in the README and each
//! `lms report … --help`. [`owners`] and [`engineers::run`] are what the CLI reports call
//! through `service::reports`, and what a TUI screen will call.

pub mod convert;
pub mod engineer_queries;
pub mod engineers;
pub mod output;
pub mod owner_queries;
pub mod owners;
pub use owners::Figures;
pub mod sql;

use std::collections::BTreeMap;

use chrono::{Datelike as _, NaiveDate};
use diesel::prelude::*;

pub use owner_queries::{GRACE_DAYS, HORIZONS, Owner};
pub use owners::OwnerRow;

use crate::db::DbConnection;
use crate::db::schema::{partners, sales_reps};
use crate::db::text::DbText;
use crate::domain::{Currency, Period, PeriodKind};
use sql::Statement;

/// Months in the sparklines.
pub const SPARK_MONTHS: u32 = 12;

pub use super::ReportError;

/// What a sales, partners or renewals report is asked for.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PeriodQuery {
    pub period: Period,
    /// Where "ending within N days" counts from (renewals at stake, backlog, overdue).
    pub as_of: NaiveDate,
    /// Only this rep, partner or engineer (exact name).
    pub name: Option<String>,
}

/// The sales reps' or the partners' report.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct OwnerReport {
    pub owner: Owner,
    pub period: Period,
    pub previous: Period,
    pub as_of: NaiveDate,
    /// The sparkline's months, "YYYY-MM", oldest first.
    pub months: Vec<String>,
    /// By name; the row without an owner (id `None`) last.
    pub rows: Vec<OwnerRow>,
    /// All bookings per currency, every owner and none: (current, previous).
    pub totals: (BTreeMap<Currency, i64>, BTreeMap<Currency, i64>),
    /// The figures in the reporting currency, when one is set.
    pub conversion: Option<Conversion>,
}

/// A report's figures converted into a reporting currency (see [`convert`]).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Conversion {
    pub currency: Currency,
    /// Per owner id (`None`: no owner); the renewal pipeline's reps here.
    pub rows: convert::ByOwner,
    /// The pipeline's partners (empty in the other reports).
    pub partners: convert::ByOwner,
    /// Every owner and none.
    pub total: convert::OwnerConverted,
}

impl Conversion {
    fn new(currency: Currency, rows: convert::ByOwner, partners: convert::ByOwner) -> Self {
        let mut total = convert::OwnerConverted::default();
        for r in rows.values() {
            for (t, c) in total.bookings.iter_mut().zip(&r.bookings) {
                t.add(c);
            }
            for (t, c) in total.at_stake.iter_mut().zip(&r.at_stake) {
                t.add(c);
            }
        }
        Conversion {
            currency,
            rows,
            partners,
            total,
        }
    }

    /// Owner `id`'s converted figures (zeros when it has none).
    #[must_use]
    pub fn of(&self, id: Option<i64>) -> convert::OwnerConverted {
        self.rows.get(&id).cloned().unwrap_or_default()
    }

    /// Partner `id`'s, in the renewal pipeline.
    #[must_use]
    pub fn partner(&self, id: Option<i64>) -> convert::OwnerConverted {
        self.partners.get(&id).cloned().unwrap_or_default()
    }
}

/// The statements an owner report runs, in order (for [`sql::Statement::explain`]).
#[must_use]
pub fn owner_statements(
    owner: Owner,
    q: &PeriodQuery,
    reporting: Option<Currency>,
) -> Vec<Statement> {
    let (first, to) = spark_range(q.period);
    let mut out = vec![owner_queries::monthly(owner, first, to)];
    if months_within(q.period, first, to).is_none() {
        out.push(owner_queries::bookings(owner, q.period));
    }
    out.push(owner_queries::renewals(owner, q.period));
    if reporting.is_none() {
        out.push(owner_queries::at_stake(&[owner], q.as_of));
    }
    if owner == Owner::Partner
        && let Ok(previous) = q.period.prev()
    {
        out.push(owner_queries::partner_licenses(q.period, previous));
    }
    if let Some(to) = reporting {
        out.push(convert::bookings(owner, q.period, to));
        out.push(convert::at_stake(&[owner], q.as_of, to));
    }
    out
}

/// The "YYYY-MM" keys of `period`'s months when it is whole calendar months within
/// `[first, to)` (a month, a quarter or a year period there), else `None`.
fn months_within(period: Period, first: NaiveDate, to: NaiveDate) -> Option<Vec<String>> {
    if period.kind() == PeriodKind::Custom || period.from() < first || period.to() > to {
        return None;
    }
    let mut keys = Vec::new();
    let mut month = period.from();
    while month < period.to() {
        keys.push(month.format("%Y-%m").to_string());
        month = month.checked_add_months(chrono::Months::new(1))?;
    }
    Some(keys)
}

/// The sparkline's months `[first, to)`.
fn spark_range(period: Period) -> (NaiveDate, NaiveDate) {
    let months = period.months_back(SPARK_MONTHS);
    let first = months.first().copied().unwrap_or(period.from());
    let to = period
        .last_day()
        .with_day(1)
        .and_then(|d| d.checked_add_months(chrono::Months::new(1)))
        .unwrap_or(period.to());
    (first, to)
}

/// The sales reps' (or partners') report for `q`, only owner `only` when given. One read
/// transaction, so every figure sees the same data.
///
/// # Errors
/// A period out of range; a stored currency lms does not know; database errors.
pub fn owners(
    conn: &mut DbConnection,
    owner: Owner,
    q: &PeriodQuery,
    only: Option<i64>,
    reporting: Option<Currency>,
) -> Result<OwnerReport, ReportError> {
    let previous = q.period.prev()?;
    let months: Vec<String> = q
        .period
        .months_back(SPARK_MONTHS)
        .iter()
        .map(|d| d.format("%Y-%m").to_string())
        .collect();
    let (first, to) = spark_range(q.period);
    let mut fold = owners::Fold::default();
    let mut converted = convert::ByOwner::new();
    let names = crate::db::retry::transaction(conn, |conn| -> Result<_, ReportError> {
        let mut stake = None;
        if let Some(to) = reporting {
            converted.clear();
            for (period, prev) in [(q.period, false), (previous, true)] {
                let rows = convert::bookings(owner, period, to).load(conn)?;
                convert::fold_bookings(&mut converted, &rows, to, prev)?;
            }
            let rows = convert::at_stake(&[owner], q.as_of, to).load(conn)?;
            convert::fold_stake(&mut converted, &rows, to, owner)?;
            stake = Some(convert::unconverted_stake(&rows, owner));
        }
        let monthly: Vec<owner_queries::MonthRow> =
            owner_queries::monthly(owner, first, to).load(conn)?;
        fold.monthly(&monthly, &months)?;
        for (period, prev) in [(q.period, false), (previous, true)] {
            let bookings = match months_within(period, first, to) {
                Some(keys) => monthly
                    .iter()
                    .filter(|m| keys.contains(&m.month))
                    .map(|m| m.booking.clone())
                    .collect(),
                None => owner_queries::bookings(owner, period).load(conn)?,
            };
            fold.bookings(&bookings, prev)?;
            fold.renewals(&owner_queries::renewals(owner, period).load(conn)?, prev);
        }
        if owner == Owner::Partner {
            fold.licenses(&owner_queries::partner_licenses(q.period, previous).load(conn)?);
        }
        let stake = match stake.take() {
            Some(rows) => rows,
            None => owner_queries::at_stake(&[owner], q.as_of).load(conn)?,
        };
        fold.at_stake(&stake, owner)?;
        Ok(owner_names(conn, owner)?)
    })?;
    let totals = (totals(&fold, false), totals(&fold, true));
    let rows = named_rows(fold, &names, only);
    // The converted total is every owner's, as the per-currency totals are.
    let conversion = reporting.map(|c| Conversion::new(c, converted, convert::ByOwner::new()));
    Ok(OwnerReport {
        owner,
        period: q.period,
        previous,
        as_of: q.as_of,
        months,
        rows,
        totals,
        conversion,
    })
}

/// The folded rows with their names, the owners filtered to `only`. Every current owner
/// is listed, with zeros when idle (and the one asked for); retired ones when they have
/// figures; the purchases and licences with no owner when there are any.
fn named_rows(
    mut fold: owners::Fold,
    names: &[(i64, String, bool)],
    only: Option<i64>,
) -> Vec<OwnerRow> {
    for (id, _, current) in names {
        if *current || only == Some(*id) {
            fold.rows.entry(Some(*id)).or_insert_with(|| OwnerRow {
                id: Some(*id),
                ..OwnerRow::default()
            });
        }
    }
    let by_id: BTreeMap<i64, &String> = names.iter().map(|(id, n, _)| (*id, n)).collect();
    let mut rows: Vec<OwnerRow> = fold
        .rows
        .into_values()
        .filter(|r| only.is_none_or(|o| r.id == Some(o)))
        .map(|mut r| {
            r.name = match r.id {
                Some(id) => by_id.get(&id).map_or_else(String::new, |n| (*n).clone()),
                None => NO_OWNER.to_owned(),
            };
            r
        })
        .collect();
    rows.sort_by(|a, b| (a.id.is_none(), &a.name, a.id).cmp(&(b.id.is_none(), &b.name, b.id)));
    rows
}

/// The renewal pipeline: active and suspended licences ending within 30, 60 and 90 days
/// of `as_of`, by rep and by partner, with their revenue at stake per currency.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PipelineReport {
    pub as_of: NaiveDate,
    /// Only `at_stake` is filled in.
    pub reps: Vec<OwnerRow>,
    pub partners: Vec<OwnerRow>,
    /// The revenue at stake in the reporting currency, when one is set.
    pub conversion: Option<Conversion>,
}

/// The statements [`pipeline`] runs (for [`sql::Statement::explain`]).
#[must_use]
pub fn pipeline_statements(as_of: NaiveDate, to: Option<Currency>) -> Vec<Statement> {
    let both = [Owner::Rep, Owner::Partner];
    let mut out = vec![owner_queries::at_stake(&both, as_of)];
    if let Some(to) = to {
        out.push(convert::at_stake(&both, as_of, to));
    }
    out
}

/// The renewal pipeline as of `as_of`, only rep `rep` / partner `partner` when given
/// (each filter narrows its own list). One read transaction.
///
/// # Errors
/// A stored currency lms does not know; database errors.
pub fn pipeline(
    conn: &mut DbConnection,
    as_of: NaiveDate,
    rep: Option<i64>,
    partner: Option<i64>,
    to: Option<Currency>,
) -> Result<PipelineReport, ReportError> {
    let mut converted = (convert::ByOwner::new(), convert::ByOwner::new());
    let mut lists = crate::db::retry::transaction(conn, |conn| -> Result<_, ReportError> {
        if let Some(to) = to {
            let rows = convert::at_stake(&[Owner::Rep, Owner::Partner], as_of, to).load(conn)?;
            converted = (convert::ByOwner::new(), convert::ByOwner::new());
            convert::fold_stake(&mut converted.0, &rows, to, Owner::Rep)?;
            convert::fold_stake(&mut converted.1, &rows, to, Owner::Partner)?;
        }
        // One pass grouped by rep and partner, folded once per list.
        let rows: Vec<owner_queries::StakeRow> =
            owner_queries::at_stake(&[Owner::Rep, Owner::Partner], as_of).load(conn)?;
        let mut out = Vec::new();
        for (owner, only) in [(Owner::Rep, rep), (Owner::Partner, partner)] {
            let mut fold = owners::Fold::default();
            fold.at_stake(&rows, owner)?;
            // Only owners with something at stake (and the one asked for).
            let names: Vec<_> = owner_names(conn, owner)?
                .into_iter()
                .map(|(id, n, _)| (id, n, only == Some(id)))
                .collect();
            out.push(named_rows(fold, &names, only));
        }
        Ok(out)
    })?;
    let partners = lists.pop().unwrap_or_default();
    let reps = lists.pop().unwrap_or_default();
    let conversion = to.map(|c| Conversion::new(c, converted.0, converted.1));
    Ok(PipelineReport {
        as_of,
        reps,
        partners,
        conversion,
    })
}

/// The name shown for purchases and licences with no rep or partner.
pub const NO_OWNER: &str = "(none)";

fn totals(fold: &owners::Fold, previous: bool) -> BTreeMap<Currency, i64> {
    let mut out = BTreeMap::new();
    for row in fold.rows.values() {
        let f = if previous {
            &row.previous
        } else {
            &row.current
        };
        for (c, b) in &f.bookings {
            *out.entry(*c).or_default() += b.total();
        }
    }
    out
}

/// `(id, name, current)`: current means an active rep or a partner not archived.
fn owner_names(conn: &mut DbConnection, owner: Owner) -> QueryResult<Vec<(i64, String, bool)>> {
    // Names read lossily (see `DbText`): one that is not UTF-8 does not fail the report.
    let rows: Vec<(i64, DbText, bool)> = match owner {
        Owner::Rep => sales_reps::table
            .select((sales_reps::id, sales_reps::name, sales_reps::active))
            .load(conn)?,
        Owner::Partner => partners::table
            .select((partners::id, partners::name, partners::archived))
            .load::<(i64, DbText, bool)>(conn)?
            .into_iter()
            .map(|(id, n, archived)| (id, n, !archived))
            .collect(),
    };
    Ok(rows.into_iter().map(|(id, n, c)| (id, n.0, c)).collect())
}
