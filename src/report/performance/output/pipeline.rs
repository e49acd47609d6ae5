//! The renewal pipeline as a table, CSV and JSON: by rep, then by partner, the licences
//! ending within 30, 60 and 90 days with their revenue at stake per currency.

use std::fmt::Write as _;

use serde_json::{Value, json};

use super::{converted, grid, money, money_json, plain};
use crate::domain::text::{Align, count};
use crate::report::output_safety::{self, Csv, CsvCell, Destination};
use crate::report::performance::{Conversion, HORIZONS, OwnerRow, PipelineReport};

fn stake_text(row: &OwnerRow, i: usize) -> [String; 2] {
    let s = &row.at_stake[i];
    let revenue: Vec<String> = s.revenue.iter().map(|(c, m)| money(*m, *c)).collect();
    [
        count(s.licenses),
        if revenue.is_empty() {
            "-".to_owned()
        } else {
            revenue.join(" | ")
        },
    ]
}

fn section(rows: &[OwnerRow], first: &str) -> String {
    let mut header = vec![first.to_owned()];
    for h in HORIZONS {
        header.push(format!("{h}D LICENCES"));
        header.push(format!("{h}D REVENUE"));
    }
    let header: Vec<&str> = header.iter().map(String::as_str).collect();
    let mut align = vec![Align::Right; header.len()];
    align[0] = Align::Left;
    let cells: Vec<Vec<String>> = rows
        .iter()
        .map(|r| {
            let mut c = vec![output_safety::people(&r.name).into_owned()];
            for i in 0..HORIZONS.len() {
                c.extend(stake_text(r, i));
            }
            c
        })
        .collect();
    grid(&header, &align, &cells)
}

/// The heading, by rep, by partner.
#[must_use]
pub fn table(r: &PipelineReport) -> String {
    let mut out = format!(
        "Renewal pipeline as of {}: active and suspended licences ending within 30, 60 \
         and 90 days (end date from {} to {} + N days), with the revenue of each one's \
         last purchase\n\n",
        r.as_of, r.as_of, r.as_of
    );
    out.push_str(&section(&r.reps, "SALES REP"));
    let _ = writeln!(out);
    out.push_str(&section(&r.partners, "PARTNER"));
    if let Some(conv) = &r.conversion {
        let _ = writeln!(out);
        out.push_str(&converted::heading(
            conv,
            "the last purchase of each licence",
        ));
        out.push_str(&converted::pipeline_table(conv, &r.reps, false));
        out.push_str(&converted::pipeline_table(conv, &r.partners, true));
    }
    out
}

/// One record per owner, horizon and currency (licences with no purchase: an empty
/// currency).
///
/// # Errors
/// Only if writing to memory fails.
pub fn csv(r: &PipelineReport, dest: Destination) -> Result<String, csv::Error> {
    let mut w = Csv::new(dest);
    let mut header = [
        "by",
        "id",
        "name",
        "within_days",
        "licenses",
        "currency",
        "revenue",
    ]
    .map(|h| CsvCell::Plain(h.to_owned()))
    .to_vec();
    if r.conversion.is_some() {
        header.extend(
            [
                "reporting_currency",
                "converted_revenue",
                "unconverted_licenses",
            ]
            .map(|h| CsvCell::Plain(h.to_owned())),
        );
    }
    w.record(&header)?;
    // The converted cells of an owner's horizon: the same on each of its records.
    let tail = |by: &str, row: &OwnerRow, i: usize| -> Vec<String> {
        r.conversion.as_ref().map_or_else(Vec::new, |conv| {
            let f = if by == "partner" {
                conv.partner(row.id)
            } else {
                conv.of(row.id)
            };
            let s = &f.at_stake[i];
            vec![
                conv.currency.code().to_owned(),
                plain(s.minor, conv.currency),
                s.unconverted_count().to_string(),
            ]
        })
    };
    for (by, rows) in [("rep", &r.reps), ("partner", &r.partners)] {
        for row in rows {
            for (i, (h, s)) in HORIZONS.iter().zip(&row.at_stake).enumerate() {
                let extra = tail(by, row, i);
                let head = |w: &mut Csv| -> Result<(), csv::Error> {
                    w.plain(by)?;
                    w.plain(&row.id.map_or_else(String::new, |i| i.to_string()))?;
                    w.data(&row.name)?;
                    w.plain(&h.to_string())?;
                    w.plain(&s.licenses.to_string())
                };
                if s.revenue.is_empty() {
                    head(&mut w)?;
                    w.plain("")?;
                    w.plain("")?;
                    for cell in &extra {
                        w.plain(cell)?;
                    }
                    w.end_record()?;
                }
                for (c, m) in &s.revenue {
                    head(&mut w)?;
                    w.plain(c.code())?;
                    w.plain(&plain(*m, *c))?;
                    for cell in &extra {
                        w.plain(cell)?;
                    }
                    w.end_record()?;
                }
            }
        }
    }
    w.finish()
}

fn rows_json(rows: &[OwnerRow], conv: Option<(&Conversion, bool)>) -> Value {
    rows.iter()
        .map(|o| {
            let converted = conv.map(|(c, partners)| {
                let f = if partners { c.partner(o.id) } else { c.of(o.id) };
                converted::owner_json(c.currency, &f.bookings, &f.at_stake)["at_stake"].clone()
            });
            let mut v = json!({
                "id": o.id,
                "name": o.name,
                "at_stake": HORIZONS.iter().zip(&o.at_stake).map(|(h, s)| json!({
                    "within_days": h,
                    "licenses": s.licenses,
                    "revenue": s.revenue.iter().map(|(c, m)| money_json(*m, *c)).collect::<Vec<_>>(),
                })).collect::<Vec<_>>(),
            });
            if let Some(c) = converted {
                v["converted_at_stake"] = c;
            }
            v
        })
        .collect()
}

/// # Errors
/// Only if serialising to memory fails.
pub fn json(r: &PipelineReport, dest: Destination) -> Result<String, serde_json::Error> {
    let mut doc = json!({
        "report": "renewals",
        "as_of": r.as_of.to_string(),
        "reps": rows_json(&r.reps, r.conversion.as_ref().map(|c| (c, false))),
        "partners": rows_json(&r.partners, r.conversion.as_ref().map(|c| (c, true))),
    });
    if let Some(c) = &r.conversion {
        doc["reporting_currency"] = json!(c.currency.code());
    }
    output_safety::json(dest, &doc)
}
