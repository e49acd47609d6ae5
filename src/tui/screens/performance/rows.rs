//! The rows of each board, from the service's report. Money is per currency: a rep or
//! partner has one row per currency it has a figure in (the engine's shape), never a sum
//! of two currencies. Names are drawn neutralised (`domain::text::one_line`).

use crate::domain::Currency;
use crate::domain::filter::by_id;
use crate::domain::money::div_round;
use crate::domain::text::{count, one_line};
use crate::report::performance::convert::{Converted, OwnerConverted};
use crate::report::performance::engineers::{EngineerReport, Figures as Done, Lead, Row};
use crate::report::performance::output::converted::{rate_dates, unconverted_text};
use crate::report::performance::output::owners::currencies;
use crate::report::performance::output::{amount, change, pct, share_of, spark};
use crate::report::performance::owners::{Bookings, Figures};
use crate::report::performance::{
    GRACE_DAYS, HORIZONS, Owner, OwnerReport, OwnerRow, PipelineReport,
};
use crate::service::browse::Entity;

use super::Report;
use super::table::Line;

/// The report's rows in its own order (by name).
#[must_use]
pub fn lines(report: &Report) -> Vec<Line> {
    match report {
        Report::Sales(r) | Report::Partners(r) => owners(r),
        Report::Engineers(r) => engineers(r),
        Report::Renewals(r) => renewals(r),
    }
}

/// The change in per thousand of the previous figure, for sorting ("Chg").
fn change_key(now: i64, prev: i64) -> Option<i64> {
    (prev != 0).then(|| div_round((now - prev) * 1000, prev.abs()))
}

/// "now (prev P, change)".
fn vs(now: &str, prev: &str, chg: &str) -> String {
    format!("{now} (prev {prev}, {chg})")
}

fn counted_vs(now: i64, prev: i64) -> String {
    vs(&count(now), &count(prev), &change(now, prev))
}

fn money_or_dash(v: Option<i64>, c: Option<Currency>) -> String {
    match (v, c) {
        (Some(v), Some(c)) => amount(v, c),
        _ => "-".to_owned(),
    }
}

/// What `Enter` opens for an owner: its licences.
fn owner_open(owner: Owner, id: Option<i64>) -> Option<(Entity, String)> {
    let word = match owner {
        Owner::Rep => "rep",
        Owner::Partner => "partner",
    };
    id.map(|id| (Entity::Licenses, by_id(word, id)))
}

/// Sales reps or partners: a row per owner and currency.
#[must_use]
pub fn owners(r: &OwnerReport) -> Vec<Line> {
    let mut out = Vec::new();
    for o in &r.rows {
        let cs = currencies(o);
        if cs.is_empty() {
            out.push(owner_line(r, o, None));
        }
        for c in cs {
            out.push(owner_line(r, o, Some(c)));
        }
    }
    out
}

fn bookings(f: &Figures, c: Option<Currency>) -> Bookings {
    c.and_then(|c| f.bookings.get(&c).copied())
        .unwrap_or_default()
}

fn owner_line(r: &OwnerReport, o: &OwnerRow, c: Option<Currency>) -> Line {
    let (now, before) = (bookings(&o.current, c), bookings(&o.previous, c));
    let money = |v: i64| money_or_dash(Some(v), c);
    let mut l = Line {
        open: owner_open(r.owner, o.id),
        title: one_line(&o.name),
        currency: c.map_or_else(String::new, |c| c.code().to_owned()),
        ..Line::default()
    };
    l.text(one_line(&o.name));
    l.text(c.map_or("-", Currency::code));
    if let Some(conv) = &r.conversion {
        converted_cell(&mut l, &conv.of(o.id).bookings[0], conv.currency);
    }
    l.num(money(now.total()), Some(now.total()));
    l.num(money(before.total()), Some(before.total()));
    l.num(
        change(now.total(), before.total()),
        change_key(now.total(), before.total()),
    );
    let monthly = c.and_then(|c| o.monthly.get(&c));
    let share = c.and_then(|c| share_of(&r.totals.0, &o.current, c));
    if r.owner == Owner::Partner {
        l.num(pct(share), share);
    }
    l.num(
        monthly.map_or_else(String::new, |m| spark(m)),
        monthly.map(|m| m.iter().sum()),
    );
    let stake = c.map_or(0, |c| o.stake().revenue.get(&c).copied().unwrap_or(0));
    let rate = o.current.renewal.rate_permille();
    match r.owner {
        Owner::Rep => {
            l.num(money(now.new), Some(now.new));
            l.num(money(now.renewal), Some(now.renewal));
            l.num(money(now.expansion), Some(now.expansion));
            l.num(count(now.purchases), Some(now.purchases));
            l.num(money_or_dash(now.average(), c), now.average());
            l.num(count(o.current.new_licenses), Some(o.current.new_licenses));
            l.num(pct(rate), rate);
            l.num(
                count(o.current.expansion_seats),
                Some(o.current.expansion_seats),
            );
        }
        Owner::Partner => {
            let lic = o.current.licenses;
            l.num(count(lic.licenses), Some(lic.licenses));
            l.num(count(lic.seats), Some(lic.seats));
            l.num(count(lic.companies), Some(lic.companies));
            l.num(pct(rate), rate);
            l.num(count(now.purchases), Some(now.purchases));
        }
    }
    l.num(money(stake), Some(stake));
    owner_detail(&mut l, r, o, c, (now, before));
    l
}

fn owner_detail(
    line: &mut Line,
    report: &OwnerReport,
    row: &OwnerRow,
    cur: Option<Currency>,
    (now, before): (Bookings, Bookings),
) {
    let money = |v: i64| money_or_dash(Some(v), cur);
    let figure = |a: i64, b: i64| vs(&money(a), &money(b), &change(a, b));
    let code = cur.map_or("-", Currency::code);
    line.detail(
        format!("Bookings {code}"),
        figure(now.total(), before.total()),
    );
    line.detail("New", figure(now.new, before.new));
    line.detail("Renewal", figure(now.renewal, before.renewal));
    line.detail("Expansion", figure(now.expansion, before.expansion));
    line.detail(
        format!("Purchases {code}"),
        counted_vs(now.purchases, before.purchases),
    );
    line.detail(
        "Average",
        format!(
            "{} (prev {})",
            money_or_dash(now.average(), cur),
            money_or_dash(before.average(), cur)
        ),
    );
    let (f, p) = (&row.current, &row.previous);
    if report.owner == Owner::Partner {
        let share = |f| cur.and_then(|c| share_of(&report.totals.0, f, c));
        line.detail(
            "Share",
            format!("{} (prev {})", pct(share(f)), pct(share(p))),
        );
        let (a, b) = (f.licenses, p.licenses);
        line.detail("Licences", counted_vs(a.licenses, b.licenses));
        line.detail("Seats", counted_vs(a.seats, b.seats));
        line.detail("Unlimited", counted_vs(a.unlimited, b.unlimited));
        line.detail("Companies", counted_vs(a.companies, b.companies));
    } else {
        line.detail("Sold (new)", counted_vs(f.new_licenses, p.new_licenses));
        line.detail(
            "Expansion seats",
            counted_vs(f.expansion_seats, p.expansion_seats),
        );
    }
    line.detail(
        format!("Renewal rate ({GRACE_DAYS} d grace)"),
        format!(
            "{} of {} ended (prev {} of {})",
            pct(f.renewal.rate_permille()),
            count(f.renewal.ended),
            pct(p.renewal.rate_permille()),
            count(p.renewal.ended)
        ),
    );
    if let Some(conv) = &report.conversion {
        let to = conv.currency;
        let c = conv.of(row.id);
        let [now, before] = &c.bookings;
        line.detail(
            format!("In {to} (all currencies)"),
            format!(
                "{} · unconverted {} · {} · at stake ≤90 d {}",
                vs(
                    &amount(now.minor, to),
                    &amount(before.minor, to),
                    &change(now.minor, before.minor)
                ),
                unconverted_text(now),
                rate_dates(now),
                amount(c.at_stake[2].minor, to)
            ),
        );
    }
    for (stake, h) in row.at_stake.iter().zip(HORIZONS) {
        let rev = cur.map_or(0, |c| stake.revenue.get(&c).copied().unwrap_or(0));
        line.detail(
            format!("Ending ≤{h} d"),
            format!("{} lic, {}", count(stake.licenses), money(rev)),
        );
    }
}

/// The owner's figure in the reporting currency, the same on each of its rows.
fn converted_cell(l: &mut Line, c: &Converted, to: Currency) {
    l.num(amount(c.minor, to), Some(c.minor));
}

fn days(v: Option<i64>) -> String {
    v.map_or_else(|| "-".to_owned(), |d| d.to_string())
}

fn lead(l: &mut Line, lead: Lead) {
    l.num(days(lead.median), lead.median);
    l.num(days(lead.p90), lead.p90);
}

/// Engineers, then the per-region roll-up.
#[must_use]
pub fn engineers(r: &EngineerReport) -> Vec<Line> {
    let mut out: Vec<Line> = r
        .engineers
        .iter()
        .map(|e| engineer_line(e, false))
        .collect();
    out.extend(r.regions.iter().map(|e| engineer_line(e, true)));
    out
}

fn engineer_line(e: &Row, region: bool) -> Line {
    let (f, p): (&Done, &Done) = (&e.current, &e.previous);
    let name = one_line(&e.name);
    let mut l = Line {
        group: u8::from(region),
        open: if region {
            None
        } else {
            e.id.map(|id| (Entity::Deployments, by_id("engineer", id)))
        },
        title: if region {
            format!("Region {name}")
        } else {
            name.clone()
        },
        ..Line::default()
    };
    if region {
        l.text(format!("Σ {name}"));
        l.text("(roll-up)");
    } else {
        l.text(name);
        l.text(one_line(&e.region));
    }
    l.num(count(f.completed), Some(f.completed));
    l.num(
        change(f.completed, p.completed),
        change_key(f.completed, p.completed),
    );
    l.num(count(f.failed), Some(f.failed));
    l.num(count(f.cancelled), Some(f.cancelled));
    l.num(pct(f.success_permille()), f.success_permille());
    l.num(pct(p.success_permille()), p.success_permille());
    l.num(
        spark(&e.monthly_completed),
        Some(e.monthly_completed.iter().sum()),
    );
    lead(&mut l, f.from_scheduled);
    l.num(count(e.backlog), Some(e.backlog));
    l.num(count(e.overdue), Some(e.overdue));
    lead(&mut l, f.from_started);
    l.detail("Completed", counted_vs(f.completed, p.completed));
    l.detail("Failed", counted_vs(f.failed, p.failed));
    l.detail("Cancelled", counted_vs(f.cancelled, p.cancelled));
    l.detail(
        "Success",
        format!(
            "{} (prev {})",
            pct(f.success_permille()),
            pct(p.success_permille())
        ),
    );
    for (label, now, prev) in [
        ("Lead from scheduled", f.from_scheduled, p.from_scheduled),
        ("Lead from started", f.from_started, p.from_started),
    ] {
        l.detail(
            label,
            format!(
                "median {} p90 {} d of {} (prev {} / {} d of {})",
                days(now.median),
                days(now.p90),
                count(now.n),
                days(prev.median),
                days(prev.p90),
                count(prev.n)
            ),
        );
    }
    l.detail("Backlog", count(e.backlog));
    l.detail("Overdue", count(e.overdue));
    l.detail("Completed 12 m", spark(&e.monthly_completed));
    l.detail("Failed 12 m", spark(&e.monthly_failed));
    l
}

/// The pipeline: reps, then partners, a row per owner and currency at stake.
#[must_use]
pub fn renewals(r: &PipelineReport) -> Vec<Line> {
    let mut out = Vec::new();
    for (group, owner, rows) in [(0, Owner::Rep, &r.reps), (1, Owner::Partner, &r.partners)] {
        for o in rows {
            let cs: Vec<Option<Currency>> = {
                let cs: Vec<Currency> = o.stake().revenue.keys().copied().collect();
                if cs.is_empty() {
                    vec![None]
                } else {
                    cs.into_iter().map(Some).collect()
                }
            };
            for c in cs {
                let converted = r.conversion.as_ref().map(|conv| {
                    let f = match owner {
                        Owner::Rep => conv.of(o.id),
                        Owner::Partner => conv.partner(o.id),
                    };
                    (f, conv.currency)
                });
                let mut line = stake_line(group, owner, o, c, converted.as_ref());
                if let Some((f, to)) = &converted {
                    for (s, h) in f.at_stake.iter().zip(HORIZONS) {
                        line.detail(
                            format!("In {to} ≤{h} d"),
                            format!(
                                "{} · unconverted {}",
                                amount(s.minor, *to),
                                unconverted_text(s)
                            ),
                        );
                    }
                }
                out.push(line);
            }
        }
    }
    out
}

fn stake_line(
    group: u8,
    owner: Owner,
    o: &OwnerRow,
    c: Option<Currency>,
    converted: Option<&(OwnerConverted, Currency)>,
) -> Line {
    let mut l = Line {
        group,
        open: owner_open(owner, o.id),
        title: one_line(&o.name),
        currency: c.map_or_else(String::new, |c| c.code().to_owned()),
        ..Line::default()
    };
    l.text(match owner {
        Owner::Rep => "Rep",
        Owner::Partner => "Partner",
    });
    l.text(one_line(&o.name));
    l.text(c.map_or("-", Currency::code));
    if let Some((f, to)) = converted {
        converted_cell(&mut l, &f.at_stake[2], *to);
    }
    for stake in &o.at_stake {
        let rev = c.and_then(|c| stake.revenue.get(&c).copied());
        l.num(money_or_dash(rev, c), rev);
    }
    for (stake, h) in o.at_stake.iter().zip(HORIZONS) {
        let rev = c.and_then(|c| stake.revenue.get(&c).copied());
        l.num(count(stake.licenses), Some(stake.licenses));
        l.detail(
            format!("Ending ≤{h} d"),
            format!(
                "{} licences, {}",
                count(stake.licenses),
                money_or_dash(rev, c)
            ),
        );
    }
    l
}
