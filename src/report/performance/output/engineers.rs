//! The engineers' report as a table, CSV and JSON: one row per engineer, then the
//! per-region roll-up.

use std::fmt::Write as _;

use serde_json::{Value, json};

use super::{change, grid, pct, pct_plain, period_json, period_text, spark};
use crate::domain::text::{Align, count};
use crate::report::output_safety::{self, Csv, CsvCell, Destination};
use crate::report::performance::engineers::{EngineerReport, Lead, Row};

fn days(v: Option<i64>) -> String {
    v.map_or_else(|| "-".to_owned(), |d| d.to_string())
}

fn rows_table(rows: &[Row], first: &str) -> String {
    let header = [
        first,
        "COMPLETED",
        "CHANGE",
        "FAILED",
        "CANCELLED",
        "SUCCESS",
        "PREVIOUS",
        "SCHED. MEDIAN",
        "SCHED. P90",
        "START MEDIAN",
        "START P90",
        "BACKLOG",
        "OVERDUE",
        "COMPLETED 12M",
        "FAILED 12M",
    ];
    let mut align = [Align::Right; 15];
    align[0] = Align::Left;
    align[13] = Align::Left;
    align[14] = Align::Left;
    let cells: Vec<Vec<String>> = rows
        .iter()
        .map(|r| {
            let (f, p) = (&r.current, &r.previous);
            vec![
                output_safety::people(&r.name).into_owned(),
                count(f.completed),
                change(f.completed, p.completed),
                count(f.failed),
                count(f.cancelled),
                pct(f.success_permille()),
                pct(p.success_permille()),
                days(f.from_scheduled.median),
                days(f.from_scheduled.p90),
                days(f.from_started.median),
                days(f.from_started.p90),
                count(r.backlog),
                count(r.overdue),
                spark(&r.monthly_completed),
                spark(&r.monthly_failed),
            ]
        })
        .collect();
    grid(&header, &align, &cells)
}

/// The heading, the engineers, the regions.
#[must_use]
pub fn table(r: &EngineerReport) -> String {
    let mut out = format!(
        "Engineers {}, compared with {}\n\
         Lead times in days (nearest-rank median and 90th percentile) of the deployments \
         completed in the period\n\
         Backlog and overdue as of {}\n\n",
        period_text(r.period),
        period_text(r.previous),
        r.as_of
    );
    out.push_str(&rows_table(&r.engineers, "ENGINEER"));
    let _ = writeln!(out, "\nBy region");
    out.push_str(&rows_table(&r.regions, "REGION"));
    out
}

const COLUMNS: &[&str] = &[
    "completed",
    "failed",
    "cancelled",
    "success_rate_pct",
    "lead_scheduled_median_days",
    "lead_scheduled_p90_days",
    "lead_started_median_days",
    "lead_started_p90_days",
];

/// One record per engineer, then one per region (`kind` says which).
///
/// # Errors
/// Only if writing to memory fails.
pub fn csv(r: &EngineerReport, dest: Destination) -> Result<String, csv::Error> {
    let mut w = Csv::new(dest);
    let mut header: Vec<String> = ["kind", "engineer_id", "name", "region"]
        .map(str::to_owned)
        .to_vec();
    for p in ["", "previous_"] {
        header.extend(COLUMNS.iter().map(|c| format!("{p}{c}")));
    }
    header.extend(["backlog".to_owned(), "overdue".to_owned()]);
    header.extend(r.months.iter().map(|m| format!("completed_{m}")));
    header.extend(r.months.iter().map(|m| format!("failed_{m}")));
    w.record(&header.into_iter().map(CsvCell::Plain).collect::<Vec<_>>())?;
    let opt = |v: Option<i64>| v.map_or_else(String::new, |d| d.to_string());
    for (kind, rows) in [("engineer", &r.engineers), ("region", &r.regions)] {
        for row in rows {
            let mut rec = vec![
                CsvCell::Plain(kind.to_owned()),
                CsvCell::Plain(row.id.map_or_else(String::new, |i| i.to_string())),
                CsvCell::Data(row.name.clone()),
                CsvCell::Data(row.region.clone()),
            ];
            for f in [&row.current, &row.previous] {
                rec.extend(
                    [
                        f.completed.to_string(),
                        f.failed.to_string(),
                        f.cancelled.to_string(),
                        pct_plain(f.success_permille()),
                        opt(f.from_scheduled.median),
                        opt(f.from_scheduled.p90),
                        opt(f.from_started.median),
                        opt(f.from_started.p90),
                    ]
                    .map(CsvCell::Plain),
                );
            }
            rec.push(CsvCell::Plain(row.backlog.to_string()));
            rec.push(CsvCell::Plain(row.overdue.to_string()));
            for v in row.monthly_completed.iter().chain(&row.monthly_failed) {
                rec.push(CsvCell::Plain(v.to_string()));
            }
            w.record(&rec)?;
        }
    }
    w.finish()
}

fn lead_json(l: Lead) -> Value {
    json!({"median_days": l.median, "p90_days": l.p90, "deployments": l.n})
}

fn row_json(r: &Row) -> Value {
    let figures = |f: &crate::report::performance::engineers::Figures| {
        json!({
            "completed": f.completed,
            "failed": f.failed,
            "cancelled": f.cancelled,
            "success_permille": f.success_permille(),
            "lead_from_scheduled": lead_json(f.from_scheduled),
            "lead_from_started": lead_json(f.from_started),
        })
    };
    json!({
        "id": r.id,
        "name": r.name,
        "region": r.region,
        "current": figures(&r.current),
        "previous": figures(&r.previous),
        "backlog": r.backlog,
        "overdue": r.overdue,
        "monthly_completed": r.monthly_completed,
        "monthly_failed": r.monthly_failed,
    })
}

/// # Errors
/// Only if serialising to memory fails.
pub fn json(r: &EngineerReport, dest: Destination) -> Result<String, serde_json::Error> {
    let doc = json!({
        "report": "engineers",
        "period": period_json(r.period),
        "previous_period": period_json(r.previous),
        "as_of": r.as_of.to_string(),
        "months": r.months,
        "engineers": r.engineers.iter().map(row_json).collect::<Vec<_>>(),
        "regions": r.regions.iter().map(row_json).collect::<Vec<_>>(),
    });
    output_safety::json(dest, &doc)
}
