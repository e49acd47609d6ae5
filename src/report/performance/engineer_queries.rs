//! The SQL of the engineers' report: one GROUP BY per figure, and the lead-time
//! percentiles picked by window functions (`ROW_NUMBER` and `COUNT` over each engineer's
//! or region's deployments in lead-time order), which both SQLite (3.25+) and MariaDB
//! (10.2+) run: only the median and 90th-percentile rows leave the database.
//!
//! A deployment ends (completed, failed or cancelled) on its `completed_date`, the date
//! of its final step; it is in a period when that date is.

use chrono::NaiveDate;
use diesel::QueryableByName;
use diesel::sql_types::{BigInt, Nullable, Text};

use super::sql::{Bind, Dialect, Statement, list, month_of};
use crate::domain::{DeploymentStatus as D, Period};

/// Per engineer and final status: deployments that ended in the period.
#[derive(Debug, Clone, PartialEq, Eq, QueryableByName)]
pub struct OutcomeRow {
    #[diesel(sql_type = Nullable<BigInt>)]
    pub engineer_id: Option<i64>,
    #[diesel(sql_type = Text)]
    pub status: String,
    #[diesel(sql_type = BigInt)]
    pub deployments: i64,
}

#[must_use]
pub fn outcomes(period: Period) -> Statement {
    let ended = list(&[
        D::Completed.as_str(),
        D::Failed.as_str(),
        D::Cancelled.as_str(),
    ]);
    Statement {
        name: "deployment outcomes",
        sql: format!(
            "SELECT d.engineer_id AS engineer_id, d.status AS status, COUNT(*) AS deployments \
             FROM deployments d \
             WHERE d.status IN ({ended}) AND d.completed_date >= ? AND d.completed_date < ? \
             GROUP BY d.engineer_id, d.status"
        ),
        binds: vec![Bind::Date(period.from()), Bind::Date(period.to())],
    }
}

/// Where a lead time starts.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum LeadFrom {
    Scheduled,
    Started,
}

/// What the percentiles are grouped by.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum LeadBy {
    Engineer,
    Region,
}

/// A percentile's row: the lead time at position `pos` of `n` in its group.
#[derive(Debug, Clone, PartialEq, Eq, QueryableByName)]
pub struct LeadRow {
    #[diesel(sql_type = Nullable<BigInt>)]
    pub engineer_id: Option<i64>,
    #[diesel(sql_type = Nullable<Text>)]
    pub region: Option<String>,
    #[diesel(sql_type = BigInt)]
    pub lead_days: i64,
    #[diesel(sql_type = BigInt)]
    pub pos: i64,
    #[diesel(sql_type = BigInt)]
    pub n: i64,
}

/// Whether `rank` (1-based, of `n` ascending values) is the nearest-rank `pct` percentile:
/// the smallest rank `k` with `k * 100 >= pct * n`. The SQL below applies the same rule.
#[must_use]
pub fn is_percentile_rank(rank: i64, n: i64, pct: i64) -> bool {
    rank * 100 >= pct * n && (rank - 1) * 100 < pct * n
}

/// The median (50th) and 90th-percentile lead times, in days, of the deployments
/// completed in the period, from their scheduled (or started) date to the completed
/// date; those without that start date are left out.
#[must_use]
pub fn lead_times(dialect: Dialect, from: LeadFrom, by: LeadBy, period: Period) -> Statement {
    let start = match from {
        LeadFrom::Scheduled => "d.scheduled_date",
        LeadFrom::Started => "d.started_date",
    };
    let days = dialect.days_between(start, "d.completed_date");
    let (key, select, join) = match by {
        LeadBy::Engineer => (
            "d.engineer_id",
            "d.engineer_id AS engineer_id, NULL AS region",
            "",
        ),
        LeadBy::Region => (
            "e.region",
            "NULL AS engineer_id, e.region AS region",
            " LEFT JOIN engineers e ON e.id = d.engineer_id",
        ),
    };
    let pick =
        |pct: i64| format!("(x.pos * 100 >= {pct} * x.n AND (x.pos - 1) * 100 < {pct} * x.n)");
    let completed = D::Completed.as_str();
    let name = match (from, by) {
        (LeadFrom::Scheduled, LeadBy::Engineer) => "lead times from scheduled, per engineer",
        (LeadFrom::Started, LeadBy::Engineer) => "lead times from started, per engineer",
        (LeadFrom::Scheduled, LeadBy::Region) => "lead times from scheduled, per region",
        (LeadFrom::Started, LeadBy::Region) => "lead times from started, per region",
    };
    Statement {
        name,
        sql: format!(
            "SELECT x.engineer_id, x.region, x.lead_days, x.pos, x.n FROM (\
             SELECT {select}, {days} AS lead_days, \
             ROW_NUMBER() OVER (PARTITION BY {key} ORDER BY {days}) AS pos, \
             COUNT(*) OVER (PARTITION BY {key}) AS n \
             FROM deployments d{join} \
             WHERE d.status = '{completed}' AND d.completed_date >= ? AND d.completed_date < ? \
             AND {start} IS NOT NULL) x \
             WHERE {} OR {}",
            pick(50),
            pick(90)
        ),
        binds: vec![Bind::Date(period.from()), Bind::Date(period.to())],
    }
}

/// Per engineer: open deployments now, and those of them overdue.
#[derive(Debug, Clone, PartialEq, Eq, QueryableByName)]
pub struct BacklogRow {
    #[diesel(sql_type = Nullable<BigInt>)]
    pub engineer_id: Option<i64>,
    #[diesel(sql_type = BigInt)]
    pub backlog: i64,
    #[diesel(sql_type = Nullable<BigInt>)]
    pub overdue: Option<i64>,
}

/// Backlog: planned or in progress. Overdue: planned (not started) with a scheduled date
/// before `as_of`.
#[must_use]
pub fn backlog(as_of: NaiveDate) -> Statement {
    let open = list(&[D::Planned.as_str(), D::InProgress.as_str()]);
    let planned = D::Planned.as_str();
    Statement {
        name: "backlog and overdue",
        sql: format!(
            "SELECT d.engineer_id AS engineer_id, COUNT(*) AS backlog, \
             SUM(CASE WHEN d.status = '{planned}' AND d.scheduled_date < ? THEN 1 ELSE 0 END) \
                 AS overdue \
             FROM deployments d WHERE d.status IN ({open}) \
             GROUP BY d.engineer_id"
        ),
        binds: vec![Bind::Date(as_of)],
    }
}

/// Per engineer, final status and month: completed and failed deployments.
#[derive(Debug, Clone, PartialEq, Eq, QueryableByName)]
pub struct MonthRow {
    #[diesel(sql_type = Nullable<BigInt>)]
    pub engineer_id: Option<i64>,
    #[diesel(sql_type = Text)]
    pub status: String,
    #[diesel(sql_type = Text)]
    pub month: String,
    #[diesel(sql_type = BigInt)]
    pub deployments: i64,
}

/// `[from, to)` spans whole months.
#[must_use]
pub fn monthly(from: NaiveDate, to: NaiveDate) -> Statement {
    let m = month_of("d.completed_date");
    let ended = list(&[D::Completed.as_str(), D::Failed.as_str()]);
    Statement {
        name: "monthly completed and failed",
        sql: format!(
            "SELECT d.engineer_id AS engineer_id, d.status AS status, {m} AS month, \
             COUNT(*) AS deployments \
             FROM deployments d \
             WHERE d.status IN ({ended}) AND d.completed_date >= ? AND d.completed_date < ? \
             GROUP BY d.engineer_id, d.status, {m}"
        ),
        binds: vec![Bind::Date(from), Bind::Date(to)],
    }
}

#[cfg(test)]
mod tests {
    use super::is_percentile_rank;

    fn rank(n: i64, pct: i64) -> Vec<i64> {
        (1..=n).filter(|k| is_percentile_rank(*k, n, pct)).collect()
    }

    #[test]
    fn nearest_rank_percentiles() {
        assert_eq!(rank(1, 50), [1]);
        assert_eq!(rank(2, 50), [1]);
        assert_eq!(rank(3, 50), [2]);
        assert_eq!(rank(4, 50), [2]);
        assert_eq!(rank(10, 90), [9]);
        assert_eq!(rank(11, 90), [10]);
        assert_eq!(rank(5, 90), [5]);
        assert_eq!(rank(1, 90), [1]);
    }
}
