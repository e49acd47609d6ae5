//! The engineers' report: deployment outcomes, success rate and lead times per engineer
//! and per region, for a period against the previous one; backlog and overdue as of a
//! date; monthly completed and failed deployments.

use std::collections::BTreeMap;

use diesel::prelude::*;

use super::engineer_queries::{self as q, LeadBy, LeadFrom, LeadRow, OutcomeRow};
use super::sql::{Dialect, Statement};
use super::{PeriodQuery, ReportError, SPARK_MONTHS, spark_range};
use crate::db::DbConnection;
use crate::db::schema::engineers;
use crate::db::text::DbText;
use crate::domain::money::div_round;
use crate::domain::{DeploymentStatus, Period};

/// The name of the row for deployments with no engineer, and of the region of engineers
/// with none.
pub const UNASSIGNED: &str = "(unassigned)";

/// Nearest-rank median and 90th percentile, in days.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Lead {
    pub median: Option<i64>,
    pub p90: Option<i64>,
    /// Deployments measured.
    pub n: i64,
}

/// Deployments that ended in a period, and how long the completed ones took.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Figures {
    pub completed: i64,
    pub failed: i64,
    pub cancelled: i64,
    pub from_scheduled: Lead,
    pub from_started: Lead,
}

impl Figures {
    /// completed / (completed + failed), per thousand, rounded half away from zero.
    #[must_use]
    pub fn success_permille(&self) -> Option<i64> {
        let tried = self.completed + self.failed;
        (tried > 0).then(|| div_round(self.completed * 1000, tried))
    }

    fn add_outcomes(&mut self, other: &Figures) {
        self.completed += other.completed;
        self.failed += other.failed;
        self.cancelled += other.cancelled;
    }
}

/// An engineer's (or a region's) row.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Row {
    pub id: Option<i64>,
    pub name: String,
    pub region: String,
    pub current: Figures,
    pub previous: Figures,
    /// Planned or in progress now.
    pub backlog: i64,
    /// Planned, scheduled before the as-of date.
    pub overdue: i64,
    /// Completed and failed per month of the sparkline, oldest first.
    pub monthly_completed: Vec<i64>,
    pub monthly_failed: Vec<i64>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct EngineerReport {
    pub period: Period,
    pub previous: Period,
    pub as_of: chrono::NaiveDate,
    pub months: Vec<String>,
    /// By name; unassigned deployments last.
    pub engineers: Vec<Row>,
    /// By region (every engineer, whatever the name filter).
    pub regions: Vec<Row>,
}

/// The statements the report runs (for [`Statement::explain`]).
#[must_use]
pub fn statements(dialect: Dialect, query: &PeriodQuery) -> Vec<Statement> {
    let (first, to) = spark_range(query.period);
    let mut out = vec![q::outcomes(query.period)];
    for by in [LeadBy::Engineer, LeadBy::Region] {
        for from in [LeadFrom::Scheduled, LeadFrom::Started] {
            out.push(q::lead_times(dialect, from, by, query.period));
        }
    }
    out.push(q::backlog(query.as_of));
    out.push(q::monthly(first, to));
    out
}

type Key = (Option<i64>, Option<String>);

/// Figures per engineer id (or region) for one period.
fn period_figures(
    conn: &mut DbConnection,
    dialect: Dialect,
    period: Period,
) -> Result<BTreeMap<Key, Figures>, ReportError> {
    let mut out: BTreeMap<Key, Figures> = BTreeMap::new();
    let rows: Vec<OutcomeRow> = q::outcomes(period).load(conn)?;
    for r in rows {
        let f = out.entry((r.engineer_id, None)).or_default();
        match r.status.parse::<DeploymentStatus>()? {
            DeploymentStatus::Completed => f.completed += r.deployments,
            DeploymentStatus::Failed => f.failed += r.deployments,
            DeploymentStatus::Cancelled => f.cancelled += r.deployments,
            DeploymentStatus::Planned | DeploymentStatus::InProgress => {}
        }
    }
    for by in [LeadBy::Engineer, LeadBy::Region] {
        for from in [LeadFrom::Scheduled, LeadFrom::Started] {
            let rows: Vec<LeadRow> = q::lead_times(dialect, from, by, period).load(conn)?;
            for r in rows {
                let key = match by {
                    LeadBy::Engineer => (r.engineer_id, None),
                    LeadBy::Region => (None, Some(r.region.unwrap_or_default())),
                };
                let f = out.entry(key).or_default();
                let lead = match from {
                    LeadFrom::Scheduled => &mut f.from_scheduled,
                    LeadFrom::Started => &mut f.from_started,
                };
                lead.n = r.n;
                if q::is_percentile_rank(r.pos, r.n, 50) {
                    lead.median = Some(r.lead_days);
                }
                if q::is_percentile_rank(r.pos, r.n, 90) {
                    lead.p90 = Some(r.lead_days);
                }
            }
        }
    }
    Ok(out)
}

/// The engineers' report for `query`, only engineer `only` when given. One read
/// transaction.
///
/// # Errors
/// A period out of range; database errors.
pub fn run(
    conn: &mut DbConnection,
    query: &PeriodQuery,
    only: Option<i64>,
) -> Result<EngineerReport, ReportError> {
    let dialect = Dialect::of(conn);
    let previous = query.period.prev()?;
    let months: Vec<String> = query
        .period
        .months_back(SPARK_MONTHS)
        .iter()
        .map(|d| d.format("%Y-%m").to_string())
        .collect();
    let (first, to) = spark_range(query.period);
    let (current, prev, backlog, monthly, names) =
        crate::db::retry::transaction(conn, |conn| -> Result<_, ReportError> {
            Ok((
                period_figures(conn, dialect, query.period)?,
                period_figures(conn, dialect, previous)?,
                q::backlog(query.as_of).load::<q::BacklogRow>(conn)?,
                q::monthly(first, to).load::<q::MonthRow>(conn)?,
                engineers::table
                    .select((
                        engineers::id,
                        engineers::name,
                        engineers::region,
                        engineers::active,
                    ))
                    .load::<(i64, DbText, DbText, bool)>(conn)?,
            ))
        })?;

    let mut rows: BTreeMap<Option<i64>, Row> = BTreeMap::new();
    let blank = |id| Row {
        id,
        monthly_completed: vec![0; months.len()],
        monthly_failed: vec![0; months.len()],
        ..Row::default()
    };
    for (id, _, _, active) in &names {
        if *active || only == Some(*id) {
            rows.insert(Some(*id), blank(Some(*id)));
        }
    }
    for ((id, region), f) in &current {
        if region.is_none() {
            rows.entry(*id).or_insert_with(|| blank(*id)).current = *f;
        }
    }
    for ((id, region), f) in &prev {
        if region.is_none() {
            rows.entry(*id).or_insert_with(|| blank(*id)).previous = *f;
        }
    }
    for b in &backlog {
        let row = rows
            .entry(b.engineer_id)
            .or_insert_with(|| blank(b.engineer_id));
        row.backlog = b.backlog;
        row.overdue = b.overdue.unwrap_or(0);
    }
    for m in &monthly {
        let Some(i) = months.iter().position(|k| *k == m.month) else {
            continue;
        };
        let row = rows
            .entry(m.engineer_id)
            .or_insert_with(|| blank(m.engineer_id));
        match m.status.parse::<DeploymentStatus>()? {
            DeploymentStatus::Completed => row.monthly_completed[i] += m.deployments,
            DeploymentStatus::Failed => row.monthly_failed[i] += m.deployments,
            _ => {}
        }
    }
    let by_id: BTreeMap<i64, (&DbText, &DbText)> =
        names.iter().map(|(id, n, r, _)| (*id, (n, r))).collect();
    for row in rows.values_mut() {
        (row.name, row.region) = match row.id.and_then(|id| by_id.get(&id)) {
            Some((n, r)) => (n.0.clone(), r.0.clone()),
            None => (UNASSIGNED.to_owned(), String::new()),
        };
    }
    let regions = regions(&rows, &current, &prev, &blank);
    let mut engineers: Vec<Row> = rows
        .into_values()
        .filter(|r| only.is_none_or(|o| r.id == Some(o)))
        .collect();
    engineers.sort_by(|a, b| (a.id.is_none(), &a.name, a.id).cmp(&(b.id.is_none(), &b.name, b.id)));
    Ok(EngineerReport {
        period: query.period,
        previous,
        as_of: query.as_of,
        months,
        engineers,
        regions,
    })
}

/// The roll-up: the engineers' counts summed per region (each engineer has one region,
/// so the sums are exact), with the region's own percentiles from SQL.
fn regions(
    rows: &BTreeMap<Option<i64>, Row>,
    current: &BTreeMap<Key, Figures>,
    prev: &BTreeMap<Key, Figures>,
    blank: &dyn Fn(Option<i64>) -> Row,
) -> Vec<Row> {
    let mut out: BTreeMap<String, Row> = BTreeMap::new();
    for row in rows.values() {
        let region = if row.id.is_none() || row.region.is_empty() {
            String::new()
        } else {
            row.region.clone()
        };
        let r = out.entry(region.clone()).or_insert_with(|| {
            let mut r = blank(None);
            let key = (None, Some(region.clone()));
            if let Some(f) = current.get(&key) {
                (r.current.from_scheduled, r.current.from_started) =
                    (f.from_scheduled, f.from_started);
            }
            if let Some(f) = prev.get(&key) {
                (r.previous.from_scheduled, r.previous.from_started) =
                    (f.from_scheduled, f.from_started);
            }
            r.name = if region.is_empty() {
                UNASSIGNED.to_owned()
            } else {
                region.clone()
            };
            r.region.clone_from(&r.name);
            r
        });
        r.current.add_outcomes(&row.current);
        r.previous.add_outcomes(&row.previous);
        r.backlog += row.backlog;
        r.overdue += row.overdue;
        for (a, b) in r.monthly_completed.iter_mut().zip(&row.monthly_completed) {
            *a += b;
        }
        for (a, b) in r.monthly_failed.iter_mut().zip(&row.monthly_failed) {
            *a += b;
        }
    }
    out.into_values().collect()
}
