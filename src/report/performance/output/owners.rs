//! The sales reps' and partners' reports as a table, CSV and JSON. Money is per currency:
//! the table ranks the owners per currency, CSV has one record per owner and currency,
//! JSON one object per owner with its currencies.

use std::collections::BTreeSet;
use std::fmt::Write as _;

use serde_json::{Value, json};

use super::{
    amount, change, converted, grid, money_json, pct, pct_plain, period_json, period_text, plain,
    share_of, share_permille, spark,
};
use crate::domain::Currency;
use crate::domain::text::{Align, count};
use crate::report::output_safety::{self, Csv, CsvCell, Destination};
use crate::report::performance::owners::{Bookings, Figures};
use crate::report::performance::{GRACE_DAYS, HORIZONS, Owner, OwnerReport, OwnerRow};

fn who(r: &OwnerReport) -> (&'static str, &'static str) {
    match r.owner {
        Owner::Rep => ("Sales reps", "rep"),
        Owner::Partner => ("Partners", "partner"),
    }
}

/// Every currency an owner row has bookings in, in the period or the previous one, or
/// revenue at stake in. A currency only in the sparkline's older months makes no row.
#[must_use]
pub fn currencies(row: &OwnerRow) -> BTreeSet<Currency> {
    row.current
        .bookings
        .keys()
        .chain(row.previous.bookings.keys())
        .chain(row.stake().revenue.keys())
        .copied()
        .collect()
}

fn total(f: &Figures, c: Currency) -> Bookings {
    f.bookings.get(&c).copied().unwrap_or_default()
}

fn heading(r: &OwnerReport) -> String {
    let (title, _) = who(r);
    let [.., h] = HORIZONS;
    format!(
        "{title} {}, compared with {}\n\
         Renewal rate: terms ended in the period, renewed by {GRACE_DAYS} days after their end\n\
         At stake: active and suspended licences ending within {h} days of {}\n\n",
        period_text(r.period),
        period_text(r.previous),
        r.as_of
    )
}

/// The heading, one section per currency ranking the owners by bookings, and one of the
/// figures that are not money.
#[must_use]
pub fn table(r: &OwnerReport) -> String {
    let mut out = heading(r);
    let all: BTreeSet<Currency> = r.rows.iter().flat_map(currencies).collect();
    let partners = r.owner == Owner::Partner;
    for c in all {
        let mut ranked: Vec<&OwnerRow> = r
            .rows
            .iter()
            .filter(|o| currencies(o).contains(&c))
            .collect();
        ranked.sort_by_key(|o| std::cmp::Reverse(total(&o.current, c).total()));
        let mut header = vec![
            "#",
            "NAME",
            "BOOKINGS",
            "PREVIOUS",
            "CHANGE",
            "NEW",
            "RENEWAL",
            "EXPANSION",
            "PURCHASES",
            "AVERAGE",
            "AT STAKE",
            "12 MONTHS",
        ];
        if partners {
            header.insert(5, "SHARE");
        }
        let mut align = vec![Align::Right; header.len()];
        align[1] = Align::Left;
        *align.last_mut().unwrap_or(&mut Align::Left) = Align::Left;
        let rows: Vec<Vec<String>> = ranked
            .iter()
            .enumerate()
            .map(|(i, o)| {
                let (now, before) = (total(&o.current, c), total(&o.previous, c));
                let mut cells = vec![
                    (i + 1).to_string(),
                    output_safety::people(&o.name).into_owned(),
                    amount(now.total(), c),
                    amount(before.total(), c),
                    change(now.total(), before.total()),
                    amount(now.new, c),
                    amount(now.renewal, c),
                    amount(now.expansion, c),
                    count(now.purchases),
                    now.average()
                        .map_or_else(|| "-".to_owned(), |a| amount(a, c)),
                    amount(o.stake().revenue.get(&c).copied().unwrap_or(0), c),
                    o.monthly.get(&c).map_or_else(String::new, |m| spark(m)),
                ];
                if partners {
                    cells.insert(5, pct(share_permille(r, o, c)));
                }
                cells
            })
            .collect();
        let _ = writeln!(out, "{c} (amounts in {c})");
        out.push_str(&grid(&header, &align, &rows));
        out.push('\n');
    }
    out.push_str("All currencies\n");
    out.push_str(&counts_table(r));
    if let Some(conv) = &r.conversion {
        out.push('\n');
        out.push_str(&converted::owners_table(conv, &r.rows));
    }
    out
}

fn counts_table(r: &OwnerReport) -> String {
    let partners = r.owner == Owner::Partner;
    let mut header = vec![
        "NAME",
        "PURCHASES",
        "PREVIOUS",
        "SOLD (NEW)",
        "EXP. SEATS",
        "ENDED",
        "RENEWED",
        "RENEWAL RATE",
        "PREVIOUS",
        "AT STAKE",
    ];
    if partners {
        header.extend(["LICENCES", "SEATS", "UNLIMITED", "COMPANIES"]);
    }
    let mut align = vec![Align::Right; header.len()];
    align[0] = Align::Left;
    let rows: Vec<Vec<String>> = r
        .rows
        .iter()
        .map(|o| {
            let (f, p) = (&o.current, &o.previous);
            let mut cells = vec![
                output_safety::people(&o.name).into_owned(),
                count(f.purchases),
                count(p.purchases),
                count(f.new_licenses),
                count(f.expansion_seats),
                count(f.renewal.ended),
                count(f.renewal.renewed),
                pct(f.renewal.rate_permille()),
                pct(p.renewal.rate_permille()),
                count(o.stake().licenses),
            ];
            if partners {
                let l = f.licenses;
                cells.extend([l.licenses, l.seats, l.unlimited, l.companies].map(count));
            }
            cells
        })
        .collect();
    grid(&header, &align, &rows)
}

/// One record per owner and currency (an owner with no money in any: one record with an
/// empty currency); the figures that are not money repeat on each of an owner's records.
///
/// # Errors
/// Only if writing to memory fails.
pub fn csv(r: &OwnerReport, dest: Destination) -> Result<String, csv::Error> {
    let partners = r.owner == Owner::Partner;
    let mut out = Csv::new(dest);
    out.record(&csv_header(r))?;
    for o in &r.rows {
        let cs: Vec<Option<Currency>> = {
            let cs = currencies(o);
            if cs.is_empty() {
                vec![None]
            } else {
                cs.into_iter().map(Some).collect()
            }
        };
        for c in cs {
            out.record(&csv_record(r, o, c, partners))?;
        }
    }
    out.finish()
}

fn csv_header(r: &OwnerReport) -> Vec<CsvCell> {
    let (_, id) = who(r);
    let partners = r.owner == Owner::Partner;
    let mut header: Vec<String> = vec![format!("{id}_id"), id.to_owned(), "currency".to_owned()];
    for p in ["", "previous_"] {
        for col in [
            "bookings",
            "new",
            "renewal",
            "expansion",
            "purchases",
            "average_purchase",
        ] {
            header.push(format!("{p}{col}"));
        }
    }
    if partners {
        header.extend(["share_pct".to_owned(), "previous_share_pct".to_owned()]);
    }
    header.push("at_stake_revenue".to_owned());
    for p in ["", "previous_"] {
        for col in [
            "all_purchases",
            "licenses_sold",
            "expansion_seats",
            "terms_ended",
            "terms_renewed",
            "renewal_rate_pct",
        ] {
            header.push(format!("{p}{col}"));
        }
        if partners {
            for col in ["licenses", "seats", "unlimited_licenses", "companies"] {
                header.push(format!("{p}{col}"));
            }
        }
    }
    header.push("at_stake_licenses".to_owned());
    header.extend(r.months.iter().map(|m| format!("bookings_{m}")));
    let mut cells: Vec<CsvCell> = header.into_iter().map(CsvCell::Plain).collect();
    if r.conversion.is_some() {
        cells.extend(converted::csv_header());
    }
    cells
}

/// Owner `o`'s record for currency `c` (none: the figures that are not money).
fn csv_record(r: &OwnerReport, o: &OwnerRow, c: Option<Currency>, partners: bool) -> Vec<CsvCell> {
    let mut rec = vec![
        CsvCell::Plain(o.id.map_or_else(String::new, |i| i.to_string())),
        CsvCell::Data(o.name.clone()),
        CsvCell::Plain(c.map_or_else(String::new, |c| c.code().to_owned())),
    ];
    let amount = |minor: i64| c.map_or_else(String::new, |c| plain(minor, c));
    for f in [&o.current, &o.previous] {
        let b = c.map(|c| total(f, c)).unwrap_or_default();
        rec.extend(
            [
                amount(b.total()),
                amount(b.new),
                amount(b.renewal),
                amount(b.expansion),
                b.purchases.to_string(),
                b.average().map_or_else(String::new, amount),
            ]
            .map(CsvCell::Plain),
        );
    }
    if partners {
        for (totals, f) in [(&r.totals.0, &o.current), (&r.totals.1, &o.previous)] {
            let share = c.and_then(|c| share_of(totals, f, c));
            rec.push(CsvCell::Plain(pct_plain(share)));
        }
    }
    rec.push(CsvCell::Plain(amount(
        c.and_then(|c| o.stake().revenue.get(&c).copied())
            .unwrap_or(0),
    )));
    for f in [&o.current, &o.previous] {
        let mut cells = vec![
            f.purchases.to_string(),
            f.new_licenses.to_string(),
            f.expansion_seats.to_string(),
            f.renewal.ended.to_string(),
            f.renewal.renewed.to_string(),
            pct_plain(f.renewal.rate_permille()),
        ];
        if partners {
            let lic = f.licenses;
            cells.extend(
                [lic.licenses, lic.seats, lic.unlimited, lic.companies].map(|n| n.to_string()),
            );
        }
        rec.extend(cells.into_iter().map(CsvCell::Plain));
    }
    rec.push(CsvCell::Plain(o.stake().licenses.to_string()));
    let series = c.and_then(|c| o.monthly.get(&c));
    for i in 0..r.months.len() {
        rec.push(CsvCell::Plain(amount(
            series.and_then(|s| s.get(i).copied()).unwrap_or(0),
        )));
    }
    if let Some(conv) = &r.conversion {
        rec.extend(converted::csv_cells(conv, o, c));
    }
    rec
}

fn figures_json(f: &Figures, partners: bool) -> Value {
    let bookings: Vec<Value> = f
        .bookings
        .iter()
        .map(|(c, b)| {
            json!({
                "currency": c.code(),
                "total": money_json(b.total(), *c),
                "new": money_json(b.new, *c),
                "renewal": money_json(b.renewal, *c),
                "expansion": money_json(b.expansion, *c),
                "purchases": b.purchases,
                "average_purchase": b.average().map(|a| money_json(a, *c)),
            })
        })
        .collect();
    let mut v = json!({
        "bookings": bookings,
        "purchases": f.purchases,
        "licenses_sold": f.new_licenses,
        "expansion_seats": f.expansion_seats,
        "renewal": {
            "terms_ended": f.renewal.ended,
            "terms_renewed": f.renewal.renewed,
            "rate_permille": f.renewal.rate_permille(),
        },
    });
    if partners {
        let l = f.licenses;
        v["licenses"] = json!({
            "licenses": l.licenses, "seats": l.seats, "unlimited": l.unlimited,
            "companies": l.companies,
        });
    }
    v
}

/// One object per owner: the period's and the previous period's figures, the renewals at
/// stake within 30, 60 and 90 days, the monthly bookings per currency.
///
/// # Errors
/// Only if serialising to memory fails.
pub fn json(r: &OwnerReport, dest: Destination) -> Result<String, serde_json::Error> {
    let (_, id) = who(r);
    let partners = r.owner == Owner::Partner;
    let totals = |t: &std::collections::BTreeMap<Currency, i64>| -> Vec<Value> {
        t.iter().map(|(c, m)| money_json(*m, *c)).collect()
    };
    let rows: Vec<Value> = r
        .rows
        .iter()
        .map(|o| {
            let mut v = json!({
                "id": o.id,
                "name": o.name,
                "current": figures_json(&o.current, partners),
                "previous": figures_json(&o.previous, partners),
                "at_stake": HORIZONS.iter().zip(&o.at_stake).map(|(h, s)| json!({
                    "within_days": h,
                    "licenses": s.licenses,
                    "revenue": s.revenue.iter().map(|(c, m)| money_json(*m, *c)).collect::<Vec<_>>(),
                })).collect::<Vec<_>>(),
                "monthly_bookings": o.monthly.iter().map(|(c, s)| json!({
                    "currency": c.code(),
                    "minor": s,
                })).collect::<Vec<_>>(),
            });
            if let Some(conv) = &r.conversion {
                let c = conv.of(o.id);
                v["converted"] = converted::owner_json(conv.currency, &c.bookings, &c.at_stake);
            }
            if partners {
                v["share_permille"] = o
                    .current
                    .bookings
                    .keys()
                    .map(|c| json!({"currency": c.code(), "permille": share_permille(r, o, *c)}))
                    .collect();
            }
            v
        })
        .collect();
    let doc = json!({
        "report": if partners { "partners" } else { "sales" },
        "period": period_json(r.period),
        "previous_period": period_json(r.previous),
        "as_of": r.as_of.to_string(),
        "grace_days": GRACE_DAYS,
        "months": r.months,
        "totals": {"current": totals(&r.totals.0), "previous": totals(&r.totals.1)},
    });
    let mut doc = doc;
    if let Some(conv) = &r.conversion {
        doc["reporting_currency"] = json!(conv.currency.code());
        doc["converted_totals"] =
            converted::owner_json(conv.currency, &conv.total.bookings, &conv.total.at_stake);
    }
    doc[format!("{id}s")] = Value::Array(rows);
    output_safety::json(dest, &doc)
}
