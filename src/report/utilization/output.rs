//! The report as text for people (table) and for scripts (CSV, JSON). Names from the
//! database are made safe for where the text goes by [`crate::report::output_safety`].

use std::collections::BTreeSet;
use std::fmt::Write as _;

use serde_json::{Value, json};

use super::model::{CompanyRow, UtilizationReport};
use crate::domain::text::{Align, count, display_width, pad};
use crate::domain::{Currency, PerCurrency};
use crate::report::output_safety::{self, Csv, CsvCell, Destination};

fn money_json(sums: &PerCurrency) -> Value {
    Value::Array(
        sums.iter()
            .map(|m| json!({"currency": m.currency.code(), "minor": m.minor, "amount": m.plain()}))
            .collect(),
    )
}

/// Which filters are set, as `key=value` words ("none" when none).
#[must_use]
pub fn filters_text(r: &UtilizationReport) -> String {
    let f = &r.query.filters;
    let mut parts = Vec::new();
    if let Some(c) = &f.company {
        parts.push(format!("company={c}"));
    }
    if let Some(p) = &f.partner {
        parts.push(format!("partner={p}"));
    }
    if !f.statuses.is_empty() {
        let s: Vec<&str> = f.statuses.iter().map(|s| s.as_str()).collect();
        parts.push(format!("status={}", s.join(",")));
    }
    if let Some(c) = f.currency {
        parts.push(format!("currency={c}"));
    }
    if let Some(d) = f.from {
        parts.push(format!("from={d}"));
    }
    if let Some(d) = f.to {
        parts.push(format!("to={d}"));
    }
    if parts.is_empty() {
        "none".to_owned()
    } else {
        output_safety::people(&parts.join(" ")).into_owned()
    }
}

/// "activity 2026-03-01 to 2026-03-14 (14 days before 2026-03-15)".
#[must_use]
pub fn window_text(r: &UtilizationReport) -> String {
    let last = r.window.to.date().pred_opt().unwrap_or(r.window.to.date());
    format!(
        "activity {} to {} ({} days before {})",
        r.window.from.date(),
        last,
        r.window.days,
        r.query.as_of
    )
}

/// # Errors
/// Only if writing to memory fails.
pub fn json(r: &UtilizationReport, dest: Destination) -> Result<String, serde_json::Error> {
    let t = &r.totals;
    let companies: Vec<Value> = r.companies.iter().map(company_json).collect();
    let f = &r.query.filters;
    let doc = json!({
        "as_of": r.query.as_of.to_string(),
        "window": {
            "days": r.window.days,
            "from": r.window.from.format("%Y-%m-%dT%H:%M:%SZ").to_string(),
            "to_exclusive": r.window.to.format("%Y-%m-%dT%H:%M:%SZ").to_string(),
        },
        "under_used_below_pct": r.query.under_used_pct,
        "filters": {
            "company": f.company,
            "partner": f.partner,
            "statuses": f.statuses.iter().map(|s| s.as_str()).collect::<Vec<_>>(),
            "currency": f.currency.map(Currency::code),
            "from": f.from.map(|d| d.to_string()),
            "to": f.to.map(|d| d.to_string()),
        },
        "totals": {
            "companies": t.companies,
            "licensed_seats": t.licensed_seats,
            "unlimited_companies": t.unlimited_companies,
            "registered_users": t.registered,
            "active_users": t.active,
            "active_licenses": t.active_licenses,
            "revenue": money_json(&t.revenue),
            "cost": money_json(&t.cost),
            "average_cost_per_license": t.average_cost().into_iter()
                .map(|m| json!({"currency": m.currency.code(), "minor": m.minor, "amount": m.plain()}))
                .collect::<Vec<_>>(),
            "over_licensed_by_active": t.over_active,
            "over_licensed_by_registered": t.over_registered,
            "under_used": t.under_used,
            "idle": t.idle,
        },
        "companies": companies,
    });
    output_safety::json(dest, &doc)
}

fn company_json(c: &CompanyRow) -> Value {
    json!({
        "id": c.id,
        "name": c.name,
        "licensed_seats": c.licensed_seats,
        "unlimited": c.unlimited,
        "active_licenses": c.active_licenses,
        "registered_users": c.registered,
        "active_users": c.active,
        "utilization_permille": c.utilization_permille(),
        "over_licensed_by_active": c.flags.over_active,
        "over_licensed_by_registered": c.flags.over_registered,
        "under_used": c.flags.under_used,
        "idle": c.flags.idle,
        "revenue": money_json(&c.revenue),
        "cost": money_json(&c.cost),
    })
}

/// The CSV's columns of a company before its money (a revenue and a cost column per
/// currency follow); `lms export utilization` writes the same.
pub const COMPANY_COLUMNS: &[&str] = &[
    "company_id",
    "company",
    "licensed_seats",
    "unlimited",
    "active_licenses",
    "registered_users",
    "active_users",
    "utilization_pct",
    "over_licensed_by_active",
    "over_licensed_by_registered",
    "under_used",
    "idle",
];

/// One row per company; a revenue and a cost column per currency present.
///
/// # Errors
/// Only if writing to memory fails.
pub fn csv(r: &UtilizationReport, dest: Destination) -> Result<String, csv::Error> {
    let currencies: BTreeSet<Currency> = r.totals.revenue.iter().map(|m| m.currency).collect();
    let mut w = Csv::new(dest);
    let mut header: Vec<CsvCell> = COMPANY_COLUMNS
        .iter()
        .map(|s| CsvCell::Plain((*s).to_owned()))
        .collect();
    for c in &currencies {
        header.push(CsvCell::Plain(format!("revenue_{c}")));
        header.push(CsvCell::Plain(format!("cost_{c}")));
    }
    w.record(&header)?;
    for c in &r.companies {
        let util = c
            .utilization_permille()
            .map_or_else(String::new, |p| format!("{}.{}", p / 10, p % 10));
        let figures = [
            c.licensed_seats.to_string(),
            c.unlimited.to_string(),
            c.active_licenses.to_string(),
            c.registered.to_string(),
            c.active.to_string(),
            util,
            c.flags.over_active.to_string(),
            c.flags.over_registered.to_string(),
            c.flags.under_used.to_string(),
            c.flags.idle.to_string(),
        ];
        let mut rec = vec![
            CsvCell::Plain(c.id.to_string()),
            CsvCell::Data(c.name.clone()),
        ];
        rec.extend(figures.into_iter().map(CsvCell::Plain));
        for cur in &currencies {
            for sums in [&c.revenue, &c.cost] {
                let m = sums.iter().find(|m| m.currency == *cur);
                rec.push(CsvCell::Plain(
                    m.map_or_else(|| "0".to_owned(), crate::domain::Money::plain),
                ));
            }
        }
        w.record(&rec)?;
    }
    w.finish()
}

/// The key figures, then a table of companies aligned by display width (wide and
/// zero-width characters in names do not shift the columns). For people, wherever it
/// goes: names as the TUI shows them, counts grouped in thousands as on the dashboard;
/// CSV and JSON stay plain.
#[must_use]
pub fn table(r: &UtilizationReport) -> String {
    let t = &r.totals;
    let mut out = String::new();
    let avg: Vec<String> = t.average_cost().iter().map(ToString::to_string).collect();
    let avg = if avg.is_empty() {
        "-".to_owned()
    } else {
        avg.join(" | ")
    };
    let lines = [
        format!("Utilization as of {}", r.query.as_of),
        format!("Active users:         {}", window_text(r)),
        format!("Filters:              {}", filters_text(r)),
        String::new(),
        format!(
            "Licensed seats:       {}{}",
            count(t.licensed_seats),
            if t.unlimited_companies > 0 {
                format!(" + unlimited at {} companies", count(t.unlimited_companies))
            } else {
                String::new()
            }
        ),
        format!("Registered users:     {}", count(t.registered)),
        format!("Active users:         {}", count(t.active)),
        format!("Active licences:      {}", count(t.active_licenses)),
        format!("Revenue:              {}", t.revenue),
        format!("Cost:                 {}", t.cost),
        format!("Avg cost per licence: {avg}"),
        format!(
            "Over-licensed:        {} by active users, {} by registered users",
            count(t.over_active),
            count(t.over_registered)
        ),
        format!(
            "Under-used (<{}%):    {}",
            r.query.under_used_pct,
            count(t.under_used)
        ),
        format!("Idle:                 {}", count(t.idle)),
        format!("Companies:            {}", count(t.companies)),
        String::new(),
    ];
    for l in lines {
        let _ = writeln!(out, "{l}");
    }
    out.push_str(&companies_table(r));
    out
}

/// One line per company, every line the same display width.
fn companies_table(r: &UtilizationReport) -> String {
    let mut out = String::new();
    let header = [
        "COMPANY",
        "LICENSED",
        "REGISTERED",
        "ACTIVE",
        "UTIL",
        "FLAGS",
        "REVENUE",
    ];
    // Names and words left, numbers (and money) right.
    let align = [
        Align::Left,
        Align::Right,
        Align::Right,
        Align::Right,
        Align::Right,
        Align::Left,
        Align::Right,
    ];
    let rows: Vec<[String; 7]> = r
        .companies
        .iter()
        .map(|c| {
            [
                output_safety::people(&c.name).into_owned(),
                c.licensed_text(),
                count(c.registered),
                count(c.active),
                c.utilization_text(),
                c.flags.words(),
                c.revenue.to_string(),
            ]
        })
        .collect();
    let mut widths = header.map(display_width);
    for row in &rows {
        for (w, cell) in widths.iter_mut().zip(row) {
            *w = (*w).max(display_width(cell));
        }
    }
    let line = |cells: &[String]| -> String {
        cells
            .iter()
            .zip(widths)
            .zip(align)
            .map(|((cell, w), a)| pad(cell, w, a))
            .collect::<Vec<_>>()
            .join("  ")
    };
    let _ = writeln!(out, "{}", line(&header.map(str::to_owned)));
    for row in &rows {
        let _ = writeln!(out, "{}", line(row));
    }
    out
}
