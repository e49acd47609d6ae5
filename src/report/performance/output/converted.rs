//! The converted columns of the performance reports when a reporting currency is set:
//! a table section, CSV cells and JSON objects (see `performance::convert`).

use std::fmt::Write as _;

use serde_json::{Value, json};

use super::{amount, change, grid, money, money_json, plain};
use crate::domain::Currency;
use crate::domain::text::{Align, count};
use crate::report::output_safety::{self, CsvCell};
use crate::report::performance::convert::Converted;
use crate::report::performance::{Conversion, OwnerRow};

/// "2 (1,000 JPY | 5.00 USD)", "-" when everything converted.
#[must_use]
pub fn unconverted_text(c: &Converted) -> String {
    if c.unconverted.is_empty() {
        return "-".to_owned();
    }
    let amounts: Vec<String> = c
        .unconverted
        .iter()
        .map(|(cur, (_, m))| money(*m, *cur))
        .collect();
    format!("{} ({})", count(c.unconverted_count()), amounts.join(" | "))
}

/// "rates from 2026-01-02 to 2026-03-31", or that none was needed.
#[must_use]
pub fn rate_dates(c: &Converted) -> String {
    match (c.oldest_rate, c.latest_rate) {
        (Some(o), Some(l)) if o == l => format!("rate of {o}"),
        (Some(o), Some(l)) => format!("rates from {o} to {l}"),
        _ => "no rate needed".to_owned(),
    }
}

/// The heading line of a converted section.
#[must_use]
pub fn heading(conv: &Conversion, what: &str) -> String {
    let to = conv.currency;
    format!(
        "Converted into {to} (amounts in {to}): {what} at the rate of each purchase's date \
         or the latest earlier one; unconverted: no rate on or before the date\n"
    )
}

/// A sales or partners report's converted section: bookings now and before, the change,
/// the revenue at stake, what could not be converted, and the rate dates used.
#[must_use]
pub fn owners_table(conv: &Conversion, rows: &[OwnerRow]) -> String {
    let to = conv.currency;
    let header = [
        "NAME",
        "BOOKINGS",
        "PREVIOUS",
        "CHANGE",
        "AT STAKE",
        "UNCONVERTED",
        "PREV. UNCONVERTED",
        "RATES USED",
    ];
    let mut align = vec![Align::Right; header.len()];
    align[0] = Align::Left;
    align[5] = Align::Left;
    align[6] = Align::Left;
    align[7] = Align::Left;
    let line = |name: String, b: &[Converted; 2], stake: &Converted| -> Vec<String> {
        vec![
            name,
            amount(b[0].minor, to),
            amount(b[1].minor, to),
            change(b[0].minor, b[1].minor),
            amount(stake.minor, to),
            unconverted_text(&b[0]),
            unconverted_text(&b[1]),
            rate_dates(&b[0]),
        ]
    };
    let mut cells: Vec<Vec<String>> = rows
        .iter()
        .map(|o| {
            let c = conv.of(o.id);
            line(
                output_safety::people(&o.name).into_owned(),
                &c.bookings,
                &c.at_stake[2],
            )
        })
        .collect();
    cells.push(line(
        "TOTAL".to_owned(),
        &conv.total.bookings,
        &conv.total.at_stake[2],
    ));
    let mut out = heading(
        conv,
        "bookings and the last purchase of each licence at stake",
    );
    out.push_str(&grid(&header, &align, &cells));
    out
}

/// The renewal pipeline's converted section for one list (by rep or by partner).
#[must_use]
pub fn pipeline_table(conv: &Conversion, rows: &[OwnerRow], partners: bool) -> String {
    let to = conv.currency;
    let mut header = vec![if partners { "PARTNER" } else { "SALES REP" }.to_owned()];
    for h in crate::report::performance::HORIZONS {
        header.push(format!("{h}D {to}"));
        header.push(format!("{h}D UNCONVERTED"));
    }
    let header: Vec<&str> = header.iter().map(String::as_str).collect();
    let align: Vec<Align> = (0..header.len())
        .map(|i| {
            if i % 2 == 1 {
                Align::Right
            } else {
                Align::Left
            }
        })
        .collect();
    let cells: Vec<Vec<String>> = rows
        .iter()
        .map(|o| {
            let c = if partners {
                conv.partner(o.id)
            } else {
                conv.of(o.id)
            };
            let mut line = vec![output_safety::people(&o.name).into_owned()];
            for s in &c.at_stake {
                line.push(amount(s.minor, to));
                line.push(unconverted_text(s));
            }
            line
        })
        .collect();
    let mut out = String::new();
    let _ = writeln!(out);
    out.push_str(&grid(&header, &align, &cells));
    out
}

/// The CSV header cells added for the converted figures.
#[must_use]
pub fn csv_header() -> Vec<CsvCell> {
    [
        "reporting_currency",
        "converted_bookings",
        "previous_converted_bookings",
        "converted_at_stake",
        "unconverted_purchases",
        "unconverted_amount",
        "previous_unconverted_purchases",
        "previous_unconverted_amount",
        "oldest_rate_date",
        "latest_rate_date",
    ]
    .map(|h| CsvCell::Plain(h.to_owned()))
    .to_vec()
}

/// Owner `o`'s converted cells on its record of currency `c` (the unconverted amount is
/// that currency's; the counts are every currency's).
#[must_use]
pub fn csv_cells(conv: &Conversion, o: &OwnerRow, c: Option<Currency>) -> Vec<CsvCell> {
    let to = conv.currency;
    let f = conv.of(o.id);
    let [now, before] = &f.bookings;
    let left = |x: &Converted| {
        c.and_then(|c| x.unconverted.get(&c).map(|(_, m)| plain(*m, c)))
            .unwrap_or_default()
    };
    [
        to.code().to_owned(),
        plain(now.minor, to),
        plain(before.minor, to),
        plain(f.at_stake[2].minor, to),
        now.unconverted_count().to_string(),
        left(now),
        before.unconverted_count().to_string(),
        left(before),
        now.oldest_rate.map(|d| d.to_string()).unwrap_or_default(),
        now.latest_rate.map(|d| d.to_string()).unwrap_or_default(),
    ]
    .map(CsvCell::Plain)
    .to_vec()
}

/// One converted figure as JSON.
#[must_use]
pub fn json_of(to: Currency, c: &Converted) -> Value {
    json!({
        "total": money_json(c.minor, to),
        "converted": c.converted,
        "unconverted": c.unconverted.iter().map(|(cur, (n, m))| json!({
            "count": n,
            "amount": money_json(*m, *cur),
        })).collect::<Vec<_>>(),
        "oldest_rate_date": c.oldest_rate.map(|d| d.to_string()),
        "latest_rate_date": c.latest_rate.map(|d| d.to_string()),
    })
}

/// An owner's converted bookings (current, previous) and at stake (30/60/90 days).
#[must_use]
pub fn owner_json(to: Currency, b: &[Converted; 2], stake: &[Converted; 3]) -> Value {
    json!({
        "currency": to.code(),
        "bookings": json_of(to, &b[0]),
        "previous_bookings": json_of(to, &b[1]),
        "at_stake": crate::report::performance::HORIZONS.iter().zip(stake).map(|(h, s)| json!({
            "within_days": h,
            "revenue": json_of(to, s),
        })).collect::<Vec<_>>(),
    })
}
