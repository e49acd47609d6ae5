//! The performance reports as text for people (table) and for scripts (CSV, JSON),
//! through [`crate::report::output_safety`] like every report: names from the database
//! shown as the TUI shows them in the table, exact in CSV and JSON written to a file or a
//! pipe, neutralised when standard output is a terminal.

pub mod converted;
pub mod engineers;
pub mod owners;
pub mod pipeline;

use std::collections::BTreeMap;
use std::fmt::Write as _;

use serde_json::{Value, json};

use super::{Figures, OwnerReport, OwnerRow};
use crate::domain::money::div_round;
use crate::domain::text::{Align, display_width, pad};
use crate::domain::{Currency, Money, Period};

/// An owner's share of all bookings in `currency` in the period, per thousand, rounded
/// half away from zero; `None` when nobody booked in that currency.
#[must_use]
pub fn share_permille(r: &OwnerReport, row: &OwnerRow, currency: Currency) -> Option<i64> {
    share_of(&r.totals.0, &row.current, currency)
}

/// The share of `figures`' bookings in `currency` of `totals`', per thousand.
#[must_use]
pub fn share_of(
    totals: &BTreeMap<Currency, i64>,
    figures: &Figures,
    currency: Currency,
) -> Option<i64> {
    let all = *totals.get(&currency)?;
    let own = figures
        .bookings
        .get(&currency)
        .map_or(0, super::owners::Bookings::total);
    (all != 0).then(|| div_round(own * 1000, all))
}

/// A per-thousand figure as a percentage with one decimal ("50.0%"), "-" when undefined.
#[must_use]
pub fn pct(permille: Option<i64>) -> String {
    permille.map_or_else(
        || "-".to_owned(),
        |p| {
            let sign = if p < 0 { "-" } else { "" };
            format!("{sign}{}.{}%", p.abs() / 10, p.abs() % 10)
        },
    )
}

/// The same per-thousand figure as a plain decimal for CSV ("50.0"), empty when undefined.
#[must_use]
pub fn pct_plain(permille: Option<i64>) -> String {
    permille.map_or_else(String::new, |p| {
        pct(Some(p)).trim_end_matches('%').to_owned()
    })
}

/// The change from `previous` to `current` in percent of `previous` ("+12.5%", "-3.0%");
/// "new" from nothing, "-" from nothing to nothing.
#[must_use]
pub fn change(current: i64, previous: i64) -> String {
    if previous == 0 {
        return if current == 0 { "-" } else { "new" }.to_owned();
    }
    let p = div_round((current - previous) * 1000, previous.abs());
    let text = pct(Some(p));
    if p >= 0 { format!("+{text}") } else { text }
}

/// A series as a one-line chart on its own scale: `·` for nothing, else `▁` to `█`.
#[must_use]
pub fn spark(values: &[i64]) -> String {
    const BARS: [char; 8] = ['▁', '▂', '▃', '▄', '▅', '▆', '▇', '█'];
    let max = values.iter().copied().max().unwrap_or(0).max(1);
    values
        .iter()
        .map(|v| {
            if *v <= 0 {
                '·'
            } else {
                // 1..=max onto 0..=7; any value at least the lowest bar.
                let i = usize::try_from((v * 8 - 1) / max).unwrap_or(0).min(7);
                BARS[i]
            }
        })
        .collect()
}

/// Money for people: "1,234.50 EUR".
#[must_use]
pub fn money(minor: i64, currency: Currency) -> String {
    Money::new(minor, currency).to_string()
}

/// Money in a column of one currency: "1,234.50" (the section names the currency).
#[must_use]
pub fn amount(minor: i64, currency: Currency) -> String {
    let text = money(minor, currency);
    text.strip_suffix(currency.code())
        .map_or_else(|| text.clone(), |t| t.trim_end().to_owned())
}

/// Money for CSV: "1234.50".
#[must_use]
pub fn plain(minor: i64, currency: Currency) -> String {
    Money::new(minor, currency).plain()
}

/// Money for JSON: `{currency, minor, amount}`, as `lms report utilization` writes it.
#[must_use]
pub fn money_json(minor: i64, currency: Currency) -> Value {
    json!({"currency": currency.code(), "minor": minor, "amount": plain(minor, currency)})
}

/// A period for JSON: its label, first day and last day (both included).
#[must_use]
pub fn period_json(p: Period) -> Value {
    json!({"label": p.to_string(), "from": p.from().to_string(), "to": p.last_day().to_string()})
}

/// "2026-Q2 (2026-04-01 to 2026-06-30)".
#[must_use]
pub fn period_text(p: Period) -> String {
    format!("{p} ({} to {})", p.from(), p.last_day())
}

/// Lines of cells aligned by display width, two spaces apart. Cells are already made safe
/// for people by the caller.
#[must_use]
pub fn grid(header: &[&str], align: &[Align], rows: &[Vec<String>]) -> String {
    let mut widths: Vec<usize> = header.iter().map(|h| display_width(h)).collect();
    for row in rows {
        for (w, cell) in widths.iter_mut().zip(row) {
            *w = (*w).max(display_width(cell));
        }
    }
    let line = |cells: Vec<&str>| -> String {
        let text = cells
            .iter()
            .zip(&widths)
            .zip(align)
            .map(|((cell, w), a)| pad(cell, *w, *a))
            .collect::<Vec<_>>()
            .join("  ");
        text.trim_end().to_owned()
    };
    let mut out = String::new();
    let _ = writeln!(out, "{}", line(header.to_vec()));
    for row in rows {
        let _ = writeln!(out, "{}", line(row.iter().map(String::as_str).collect()));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn changes_percentages_and_sparklines() {
        assert_eq!(change(150, 100), "+50.0%");
        assert_eq!(change(50, 100), "-50.0%");
        assert_eq!(change(100, 100), "+0.0%");
        assert_eq!(change(5, 0), "new");
        assert_eq!(change(0, 0), "-");
        assert_eq!(pct(Some(667)), "66.7%");
        assert_eq!(pct(None), "-");
        assert_eq!(pct_plain(Some(1000)), "100.0");
        assert_eq!(spark(&[0, 1, 4, 8]), "·▁▄█");
        assert_eq!(spark(&[0, 0]), "··");
    }
}
