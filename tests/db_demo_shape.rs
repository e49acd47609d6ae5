//! The demo looks like a real vendor's book at two sizes, on both backends (issue 14 item
//! 3, issue 12's engineer data): every shape is measured from the loaded rows, with the
//! utilization report or plain queries, never with the generator's own code.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::cast_precision_loss,
    clippy::type_complexity
)]

mod common;

use std::collections::{BTreeMap, BTreeSet};

use chrono::{Days, NaiveDate, NaiveDateTime};
use common::{TestDb, actor, each_backend};
use diesel::prelude::*;
use lms::db::schema::{app_log, deployments, licenses, purchases};
use lms::domain::Role;
use lms::report::performance::GRACE_DAYS;
use lms::report::utilization::{self, Resolved, UtilizationQuery};
use lms::service::demo::{self, DemoSize};

fn today() -> NaiveDate {
    NaiveDate::from_ymd_opt(2026, 3, 15).unwrap()
}

/// The default demo, and a mid-size one (~5,000 licenses) whose history is denser.
fn sizes() -> [DemoSize; 2] {
    [
        DemoSize::default(),
        DemoSize {
            companies: 250,
            partners: 20,
            sales_reps: 30,
            engineers: 20,
            licenses: 5_000,
            portal_users: 10_000,
            activity_rows: 200_000,
            seed: 3,
            ..DemoSize::default()
        },
    ]
}

fn load(db: &mut TestDb, size: &DemoSize) {
    let admin = actor(db, Role::Admin);
    demo::load(&mut db.conn, &admin, size, today(), &mut |_| {}).unwrap();
}

fn share(part: usize, whole: usize) -> f64 {
    part as f64 / whole.max(1) as f64
}

fn days(from: NaiveDate, to: NaiveDate) -> i64 {
    (to - from).num_days()
}

/// Site licenses are rare; most limited customers use 30-95% of their seats, some use
/// more than they bought and some went idle: as the utilization report computes it, on
/// `as_of` (today, and long ago: activity covers the licence history).
/// Long ago, more users than seats are fine (licenses were added since), within `slack`.
fn utilization_is_realistic(db: &mut TestDb, as_of: NaiveDate, slack: f64, label: &str) {
    let report = utilization::run(
        &mut db.conn,
        UtilizationQuery::new(as_of),
        &Resolved::default(),
    )
    .unwrap();
    let rows = &report.companies;
    let site = rows.iter().filter(|c| c.unlimited).count();
    let limited: Vec<_> = rows
        .iter()
        .filter(|c| !c.unlimited && c.licensed_seats > 0)
        .collect();
    let healthy = limited
        .iter()
        .filter(|c| (300..=950).contains(&c.utilization_permille().unwrap()))
        .count();
    let over = limited
        .iter()
        .filter(|c| c.active > c.licensed_seats)
        .count();
    let idle = limited.iter().filter(|c| c.active == 0).count();
    let shape = format!(
        "{label}: {} companies, {site} site, {} limited: {healthy} at 30-95%, {over} over, \
         {idle} idle",
        rows.len(),
        limited.len()
    );
    assert!(
        site >= 1 && share(site, rows.len()) <= 0.08,
        "site licenses: {shape}"
    );
    assert!(
        share(healthy, limited.len()) >= 0.5 - slack,
        "most in 30-95%: {shape}"
    );
    assert!(
        over >= 1 && share(over, limited.len()) <= 0.15 + slack,
        "some over: {shape}"
    );
    assert!(
        (idle >= 1 || slack > 0.0) && share(idle, limited.len()) <= 0.15,
        "some idle: {shape}"
    );
}

/// Activity reaches back to the first licence, at about the same density as today.
fn activity_covers_the_history(db: &mut TestDb, label: &str) {
    let first_start: NaiveDate = licenses::table
        .select(diesel::dsl::min(licenses::start_date))
        .first::<Option<NaiveDate>>(&mut db.conn)
        .unwrap()
        .unwrap();
    let rows_in = |db: &mut TestDb, from: NaiveDate| -> i64 {
        let to = from.checked_add_days(Days::new(90)).unwrap();
        app_log::table
            .filter(app_log::ts.ge(from.and_hms_opt(0, 0, 0).unwrap()))
            .filter(app_log::ts.lt(to.and_hms_opt(0, 0, 0).unwrap()))
            .count()
            .get_result(&mut db.conn)
            .unwrap()
    };
    let first: NaiveDateTime = app_log::table
        .select(diesel::dsl::min(app_log::ts))
        .first::<Option<NaiveDateTime>>(&mut db.conn)
        .unwrap()
        .unwrap();
    assert!(
        first.date() <= first_start,
        "{label}: activity starts {first}, the first licence {first_start}"
    );
    let early = rows_in(db, first_start);
    let late = rows_in(db, today().checked_sub_days(Days::new(90)).unwrap());
    assert!(
        early * 10 >= late * 5,
        "{label}: {early} rows in the 90 days from {first_start}, {late} in the last 90"
    );
}

/// About 10-20% of the customers buy in two currencies, none in more.
fn some_companies_buy_in_two_currencies(db: &mut TestDb, label: &str) {
    let pairs: Vec<(i64, String)> = purchases::table
        .inner_join(licenses::table)
        .select((licenses::company_id, purchases::currency))
        .distinct()
        .load(&mut db.conn)
        .unwrap();
    let mut per: BTreeMap<i64, usize> = BTreeMap::new();
    for (company, _) in pairs {
        *per.entry(company).or_default() += 1;
    }
    let two = per.values().filter(|&&n| n == 2).count();
    let shape = format!("{label}: {two} of {} buy in two currencies", per.len());
    assert!(per.values().all(|&n| n <= 2), "{shape}");
    assert!((0.08..=0.22).contains(&share(two, per.len())), "{shape}");
}

/// How a term (a `new` or `renewal` purchase with its end) was followed up.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
enum Followup {
    Early,
    InGrace,
    AfterLapse,
    Never,
}

/// Terms that ended at least the grace period ago, by rep, with how each was renewed:
/// the first renewal of the licence that extends past the term's end.
fn renewals_by_rep(db: &mut TestDb) -> Vec<(Option<i64>, Followup)> {
    let rows: Vec<(i64, String, NaiveDate, Option<NaiveDate>, Option<i64>)> = purchases::table
        .select((
            purchases::license_id,
            purchases::kind,
            purchases::purchase_date,
            purchases::term_end,
            purchases::sales_rep_id,
        ))
        .load(&mut db.conn)
        .unwrap();
    let mut by_license: BTreeMap<i64, Vec<_>> = BTreeMap::new();
    for r in rows {
        by_license.entry(r.0).or_default().push(r);
    }
    let settled = today()
        .checked_sub_days(Days::new(u64::from(GRACE_DAYS) + 1))
        .unwrap();
    let mut out = Vec::new();
    for terms in by_license.values() {
        for (_, kind, _, end, rep) in terms {
            let Some(end) = *end else { continue };
            if kind == "expansion" || end >= settled {
                continue;
            }
            let renewed = terms
                .iter()
                .filter(|r| r.1 == "renewal" && r.3.is_some_and(|e| e > end))
                .map(|r| r.2)
                .min();
            let followup = match renewed.map(|d| days(end, d)) {
                None => Followup::Never,
                Some(late) if late <= 0 => Followup::Early,
                Some(late) if late <= i64::from(GRACE_DAYS) => Followup::InGrace,
                Some(_) => Followup::AfterLapse,
            };
            out.push((*rep, followup));
        }
    }
    out
}

/// Renewals come early, late within the grace, after a lapse, or never; reps differ in
/// their share of the bookings and in how often their renewals come in late.
fn renewals_and_reps_vary(db: &mut TestDb, label: &str) {
    let terms = renewals_by_rep(db);
    let mut kinds: BTreeMap<Followup, usize> = BTreeMap::new();
    for (_, f) in &terms {
        *kinds.entry(*f).or_default() += 1;
    }
    let of = |f| share(kinds.get(&f).copied().unwrap_or(0), terms.len());
    let shape = format!("{label}: {} ended terms: {kinds:?}", terms.len());
    assert!(of(Followup::Early) >= 0.4, "{shape}");
    assert!(of(Followup::InGrace) >= 0.03, "{shape}");
    assert!(of(Followup::AfterLapse) >= 0.01, "{shape}");
    assert!((0.05..=0.5).contains(&of(Followup::Never)), "{shape}");

    let sold: Vec<(Option<i64>, i64)> = purchases::table
        .group_by(purchases::sales_rep_id)
        .select((purchases::sales_rep_id, diesel::dsl::count_star()))
        .load(&mut db.conn)
        .unwrap();
    let counts: Vec<i64> = sold.iter().filter(|s| s.0.is_some()).map(|s| s.1).collect();
    let (most, least) = (counts.iter().max().unwrap(), counts.iter().min().unwrap());
    assert!(
        *most >= 3 * *least,
        "{label}: reps' purchases from {least} to {most}"
    );

    // The share of renewed terms that came in after the end, per rep with enough terms.
    let mut per_rep: BTreeMap<i64, (usize, usize)> = BTreeMap::new();
    for (rep, f) in terms {
        if let (Some(rep), true) = (
            rep,
            matches!(
                f,
                Followup::Early | Followup::InGrace | Followup::AfterLapse
            ),
        ) {
            let e = per_rep.entry(rep).or_default();
            e.0 += 1;
            e.1 += usize::from(f != Followup::Early);
        }
    }
    let late: Vec<f64> = per_rep
        .values()
        .filter(|(n, _)| *n >= 10)
        .map(|(n, l)| share(*l, *n))
        .collect();
    let spread =
        late.iter().copied().fold(0.0, f64::max) - late.iter().copied().fold(1.0, f64::min);
    assert!(
        late.len() >= 2 && spread >= 0.15,
        "{label}: late renewals per rep {late:?}"
    );
}

/// Engineers differ in success rate and lead time; failed and cancelled deployments end
/// on a day; some planned work is overdue.
fn engineers_vary(db: &mut TestDb, label: &str) {
    type Row = (
        Option<i64>,
        String,
        Option<NaiveDate>,
        Option<NaiveDate>,
        Option<NaiveDate>,
    );
    let rows: Vec<Row> = deployments::table
        .select((
            deployments::engineer_id,
            deployments::status,
            deployments::scheduled_date,
            deployments::started_date,
            deployments::completed_date,
        ))
        .load(&mut db.conn)
        .unwrap();
    let t = today();
    for r in &rows {
        if matches!(r.1.as_str(), "failed" | "cancelled") {
            assert!(
                r.4.is_some_and(|c| c < t),
                "{label}: ended without a day: {r:?}"
            );
        }
    }
    let overdue = rows
        .iter()
        .filter(|r| r.1 == "planned" && r.2.is_some_and(|s| s < t) && r.3.is_none())
        .count();
    assert!(overdue >= 1, "{label}: no overdue deployment");

    let mut per: BTreeMap<i64, (usize, usize, Vec<i64>)> = BTreeMap::new();
    for r in &rows {
        let Some(e) = r.0 else { continue };
        let slot = per.entry(e).or_default();
        match (r.1.as_str(), r.2, r.4) {
            ("completed", Some(s), Some(c)) => {
                slot.0 += 1;
                slot.2.push(days(s, c));
            }
            ("failed", _, _) => slot.1 += 1,
            _ => {}
        }
    }
    let busy: Vec<_> = per.values().filter(|v| v.0 + v.1 >= 15).collect();
    let success: Vec<f64> = busy.iter().map(|v| share(v.0, v.0 + v.1)).collect();
    let median: BTreeSet<i64> = busy
        .iter()
        .map(|v| {
            let mut d = v.2.clone();
            d.sort_unstable();
            d[d.len() / 2]
        })
        .collect();
    let spread =
        success.iter().copied().fold(0.0, f64::max) - success.iter().copied().fold(1.0, f64::min);
    assert!(
        busy.len() >= 3 && spread >= 0.08,
        "{label}: success rates {success:?}"
    );
    assert!(median.len() >= 2, "{label}: median lead times {median:?}");
}

fn assert_shapes(size: &DemoSize) {
    each_backend(|db| {
        load(db, size);
        let label = format!("{} at {} licenses", db.name(), size.licenses);
        utilization_is_realistic(db, today(), 0.0, &label);
        let past = today().checked_sub_days(Days::new(400)).unwrap();
        utilization_is_realistic(db, past, 0.2, &format!("{label} as of {past}"));
        activity_covers_the_history(db, &label);
        some_companies_buy_in_two_currencies(db, &label);
        renewals_and_reps_vary(db, &label);
        engineers_vary(db, &label);
    });
}

#[test]
fn the_default_demo_looks_like_a_real_vendor() {
    assert_shapes(&sizes()[0]);
}

#[test]
fn a_five_thousand_license_demo_looks_like_a_real_vendor() {
    assert_shapes(&sizes()[1]);
}
