//! Exchange rates and the reporting currency (issue 12 item 5) on both backends: the
//! import (errors, re-import unchanged, an update audited), and hand-computed conversions
//! of the sales report (the exact date, an earlier date, no rate, JPY and KWD minor
//! units, rounding half away from zero), the renewal pipeline, the CLI's converted
//! columns and the Performance tab with a reporting currency.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::too_many_lines)]

mod common;

use std::fmt::Write as _;

use ratatui::crossterm::event::KeyCode;

use common::builders::{
    CompanyBuilder, LicenseBuilder, ProductBuilder, PurchaseBuilder, SalesRepBuilder,
};
use common::cli::{PW, lms, text};
use common::fixtures::date;
use common::importing::{options, run};
use common::{TestDb, actor, each_backend};
use lms::domain::{Currency, Role};
use lms::import::fields::Target;
use lms::report::performance::convert::Converted;
use lms::report::performance::{Owner, OwnerReport, PeriodQuery};
use lms::service::import::Outcome;
use lms::service::performance as perf;
use lms::tui::driver::{self, press, pump};
use lms::tui::screens::performance::Performance;

const RATES: &str = "\
Date,Currency,Base,Rate
2026-03-01,USD,EUR,0.8
2026-04-10,USD,EUR,0.95
2026-04-01,JPY,EUR,0.0062
2026-01-01,KWD,EUR,2.98
2026-04-01,EUR,JPY,161.235
";

fn cur(code: &str) -> Currency {
    code.parse().unwrap()
}

/// Rep Ann: in 2026-Q2 EUR 100.00; USD 100.00 on the day of a rate and USD 0.10 the
/// day after (one rate date: 100.10 x 0.95 = 95.095 -> 95.10); USD 50.01 before that rate
/// (the earlier one, 0.8: 40.008 -> 40.01); JPY 1,000 (6.20); KWD 12.345 (36.7881 ->
/// 36.79); GBP 20.00 with no rate at all (unconverted). In 2026-Q1 USD 10.00 at 0.8 (8.00)
/// and USD 5.00 before any USD rate (unconverted). Rep Bob: EUR 10.00 in Q2.
fn fixture(db: &mut TestDb) {
    purchases(&mut db.conn);
    let r = run(
        db,
        Target::ExchangeRates,
        RATES,
        &options("rates.csv", false),
    );
    assert_eq!((r.totals.new, r.totals.errors), (5, 0), "{r:?}");
}

/// The fixture's reps, licences and purchases.
fn purchases(conn: &mut lms::db::DbConnection) {
    let ann = SalesRepBuilder::new("Ann").insert(conn);
    let bob = SalesRepBuilder::new("Bob").insert(conn);
    let product = ProductBuilder::new("RATES").insert(conn);
    let company = CompanyBuilder::new("Rate Co").insert(conn);
    for (rep, on, minor, currency, ends) in [
        (ann.id, "2026-04-05", 10_000, "EUR", "2027-01-01"),
        // At stake within 30 days of 2026-07-01: 100.00 USD at 0.95 = 95.00 EUR.
        (ann.id, "2026-04-10", 10_000, "USD", "2026-07-20"),
        (ann.id, "2026-04-11", 10, "USD", "2027-01-01"),
        (ann.id, "2026-04-05", 5_001, "USD", "2027-01-01"),
        (ann.id, "2026-05-01", 1_000, "JPY", "2027-01-01"),
        (ann.id, "2026-05-02", 12_345, "KWD", "2027-01-01"),
        (ann.id, "2026-05-03", 2_000, "GBP", "2027-01-01"),
        (ann.id, "2026-03-15", 1_000, "USD", "2027-01-01"),
        (ann.id, "2026-02-01", 500, "USD", "2027-01-01"),
        (bob.id, "2026-04-02", 1_000, "EUR", "2027-01-01"),
        // In the sparkline's months only: no CAD row for Bob in 2026-Q2.
        (bob.id, "2025-08-15", 7_000, "CAD", "2027-01-01"),
    ] {
        let lic = LicenseBuilder::new()
            .company(&company)
            .product(&product)
            .sales_rep(rep)
            .starts("2026-01-01")
            .ends(ends)
            .insert(conn);
        PurchaseBuilder::new(&lic)
            .sales_rep(rep)
            .on(on)
            .revenue(minor)
            .currency(currency)
            .insert(conn);
    }
}

fn query() -> PeriodQuery {
    PeriodQuery {
        period: "2026-Q2".parse().unwrap(),
        as_of: date("2026-07-01"),
        name: None,
    }
}

fn sales(db: &mut TestDb, to: &str) -> OwnerReport {
    let who = actor(db, Role::Viewer);
    perf::owners_in(&mut db.conn, &who, Owner::Rep, &query(), Some(cur(to))).unwrap()
}

fn of(r: &OwnerReport, name: &str) -> [Converted; 2] {
    let row = r.rows.iter().find(|o| o.name == name).unwrap();
    r.conversion.as_ref().unwrap().of(row.id).bookings
}

#[test]
fn purchases_convert_at_their_date_or_the_latest_earlier_rate_and_never_guess() {
    each_backend(|db| {
        fixture(db);
        let r = sales(db, "EUR");
        let [now, before] = of(&r, "Ann");
        // 100.00 + 95.10 + 40.01 + 6.20 + 36.79 = 278.10 EUR.
        assert_eq!(now.minor, 27_810, "{}", db.name());
        assert_eq!(now.converted, 6);
        assert_eq!(now.unconverted, [(cur("GBP"), (1, 2_000))].into());
        assert_eq!(now.oldest_rate, Some(date("2026-01-01")));
        assert_eq!(now.latest_rate, Some(date("2026-04-10")));
        assert_eq!(before.minor, 800);
        assert_eq!(before.unconverted, [(cur("USD"), (1, 500))].into());
        assert_eq!(before.oldest_rate, Some(date("2026-03-01")));
        // The per-currency figures stay as they were.
        let ann = r.rows.iter().find(|o| o.name == "Ann").unwrap();
        assert_eq!(ann.current.bookings[&cur("USD")].total(), 15_011);
        // Bob: only EUR, no rate needed.
        let [bob, _] = of(&r, "Bob");
        assert_eq!((bob.minor, bob.oldest_rate), (1_000, None));
        let total = &r.conversion.as_ref().unwrap().total;
        assert_eq!(total.bookings[0].minor, 28_810);
        // At stake within 30 days: Ann's USD licence, 100.00 at 0.95.
        assert_eq!(total.at_stake[0].minor, 9_500);
        // Without a reporting currency nothing is converted.
        let who = actor(db, Role::Viewer);
        assert!(
            perf::sales(&mut db.conn, &who, &query())
                .unwrap()
                .conversion
                .is_none()
        );
        assert_eq!(
            perf::reporting_currencies(&mut db.conn, &who).unwrap(),
            vec![cur("EUR"), cur("JPY")]
        );
    });
}

#[test]
fn a_currency_only_in_older_months_makes_no_row() {
    each_backend(|db| {
        fixture(db);
        let who = actor(db, Role::Viewer);
        let r = perf::sales(&mut db.conn, &who, &query()).unwrap();
        let bob = r.rows.iter().find(|o| o.name == "Bob").unwrap();
        assert!(bob.monthly.contains_key(&cur("CAD")), "{}", db.name());
        assert_eq!(
            lms::report::performance::output::owners::currencies(bob),
            [cur("EUR")].into()
        );
        let table = lms::report::performance::output::owners::table(&r);
        assert!(!table.contains("CAD (amounts in CAD)"), "{table}");
    });
}

#[test]
fn zero_and_three_decimal_reporting_currencies_round_half_away_from_zero() {
    each_backend(|db| {
        fixture(db);
        let r = sales(db, "JPY");
        // 100.00 EUR x 161.235 = 16,123.5 -> 16,124 JPY; the rest has no JPY rate, but
        // the JPY purchase itself counts at 1.
        let [ann, _] = of(&r, "Ann");
        assert_eq!(ann.minor, 16_124 + 1_000, "{}", db.name());
        assert_eq!(ann.unconverted.len(), 3);
        assert_eq!(ann.unconverted[&cur("KWD")], (1, 12_345));
        // 10.00 EUR x 161.235 = 1,612.35 -> 1,612 JPY.
        let [bob, _] = of(&r, "Bob");
        assert_eq!(bob.minor, 1_612);
        // KWD as the reporting currency: the KWD purchase at 1 (12.345 = 12,345 fils),
        // everything else unconverted (no rates to KWD).
        let r = sales(db, "KWD");
        let [ann, _] = of(&r, "Ann");
        assert_eq!(ann.minor, 12_345);
        assert_eq!(ann.unconverted_count(), 6);
    });
}

#[test]
fn the_renewal_pipeline_converts_the_revenue_at_stake() {
    each_backend(|db| {
        fixture(db);
        let who = actor(db, Role::Viewer);
        let r = perf::renewals_in(
            &mut db.conn,
            &who,
            date("2026-07-01"),
            (None, None),
            Some(cur("EUR")),
        )
        .unwrap();
        let conv = r.conversion.unwrap();
        let ann = r.reps.iter().find(|o| o.name == "Ann").unwrap();
        let stake = &conv.of(ann.id).at_stake;
        assert_eq!(stake[0].minor, 9_500, "{}", db.name());
        assert_eq!(stake[0].latest_rate, Some(date("2026-04-10")));
        assert_eq!(conv.partner(None).at_stake[2].minor, 9_500);
    });
}

#[test]
fn the_rate_import_refuses_bad_rows_and_a_second_run_changes_nothing() {
    each_backend(|db| {
        fixture(db);
        // One audit row per rate the first run added, under its file's name.
        let audited = |db: &mut TestDb, action: &str| -> i64 {
            use diesel::prelude::*;
            use lms::db::schema::audit_log;
            audit_log::table
                .filter(audit_log::entity.eq("exchange_rate"))
                .filter(audit_log::action.eq(action))
                .count()
                .get_result(&mut db.conn)
                .unwrap()
        };
        assert_eq!(audited(db, "import:rates.csv"), 5, "{}", db.name());
        let again = run(
            db,
            Target::ExchangeRates,
            RATES,
            &options("rates.csv", false),
        );
        assert_eq!(again.totals.unchanged, 5, "{}", db.name());
        assert_eq!(again.totals.rows(), 5);
        assert_eq!(
            audited(db, "import:rates.csv"),
            5,
            "unchanged rows write no audit row"
        );
        let bad = "\
date,currency,to,rate
2026-05-01,USD,EUR,0
2026-05-01,CAD,EUR,-1.5
2026-05-01,CHF,EUR,1.2x
2026-05-01,SEK,EUR,0.00000000001
2026-05-01,XYZ,EUR,1.1
2026-05-01,EUR,EUR,1
2026-05-01,NOK,EUR,0.085
";
        let r = run(db, Target::ExchangeRates, bad, &options("bad.csv", false));
        assert_eq!((r.totals.new, r.totals.errors), (1, 6));
        assert!(!r.committed, "all or nothing");
        let whys: Vec<String> = r
            .rows
            .iter()
            .map(|row| match &row.outcome {
                Outcome::Error(e) => e
                    .iter()
                    .map(|c| c.why.clone())
                    .collect::<Vec<_>>()
                    .join("; "),
                other => format!("{other:?}"),
            })
            .collect();
        for (why, want) in whys.iter().zip([
            "more than zero",
            "not a rate",
            "not a rate",
            "more than 10 decimal places",
            "ISO 4217",
            "reporting currency itself",
        ]) {
            assert!(why.contains(want), "{why:?} should say {want:?}");
        }
        let who = actor(db, Role::Viewer);
        assert_eq!(
            perf::reporting_currencies(&mut db.conn, &who)
                .unwrap()
                .len(),
            2
        );
        // With --skip-errors the good row goes in; a changed rate is an audited update.
        let mut skip = options("bad.csv", false);
        skip.skip_errors = true;
        let r = run(db, Target::ExchangeRates, bad, &skip);
        assert!(r.committed);
        let changed = "date,currency,base,rate\n2026-03-01,USD,EUR,0.81\n";
        let dry = run(db, Target::ExchangeRates, changed, &options("c.csv", true));
        assert_eq!(dry.totals.updated, 1);
        let r = sales(db, "EUR");
        assert_eq!(of(&r, "Ann")[1].minor, 800, "the dry run wrote nothing");
        let r = run(db, Target::ExchangeRates, changed, &options("c.csv", false));
        match &r.rows[0].outcome {
            Outcome::Update(diff) => {
                assert_eq!(diff[0].before.as_deref(), Some("0.8"));
                assert_eq!(diff[0].after.as_deref(), Some("0.81"));
            }
            other => panic!("{other:?}"),
        }
        let r = sales(db, "EUR");
        assert_eq!(of(&r, "Ann")[1].minor, 810);
        assert_eq!(audited(db, "import:c.csv"), 1, "the update's audit row");
        // A viewer may not import.
        let viewer = actor(db, Role::Viewer);
        let (mut source, mapping) =
            lms::service::import::open(Target::ExchangeRates, changed.as_bytes(), None, &[])
                .unwrap();
        assert!(
            lms::service::import::run(
                &mut db.conn,
                &viewer,
                &mut source,
                &mapping,
                &options("c.csv", false),
                &mut common::importing::Quiet,
            )
            .is_err()
        );
    });
}

#[test]
fn the_cli_reports_add_the_converted_columns() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("rates.db");
    let out = lms(
        &db,
        &["user", "add", "boss", "--role", "admin", "--password-stdin"],
        PW,
    );
    assert!(out.status.success(), "{}", text(&out.stderr));
    let mut conn =
        lms::db::DbConnection::open(&lms::config::DatabaseUrl::Sqlite(db.clone())).unwrap();
    purchases(&mut conn);
    drop(conn);
    let file = dir.path().join("rates.csv");
    std::fs::write(&file, RATES).unwrap();
    let out = lms(
        &db,
        &[
            "import",
            "exchange-rates",
            file.to_str().unwrap(),
            "--user",
            "boss",
            "--password-stdin",
        ],
        PW,
    );
    assert!(out.status.success(), "{}", text(&out.stderr));
    let report = |extra: &[&str]| {
        let mut args = vec![
            "report",
            "sales",
            "--user",
            "boss",
            "--password-stdin",
            "--period",
            "2026-Q2",
            "--as-of",
            "2026-07-01",
        ];
        args.extend(extra);
        lms(&db, &args, PW)
    };
    let out = report(&["--currency", "EUR", "--format", "csv"]);
    assert!(out.status.success(), "{}", text(&out.stderr));
    let csv = text(&out.stdout);
    let mut lines = csv.lines();
    let header: Vec<&str> = lines.next().unwrap().split(',').collect();
    let col = |name: &str| header.iter().position(|h| *h == name).unwrap();
    let gbp = lines
        .find(|l| l.contains(",Ann,GBP,"))
        .unwrap()
        .split(',')
        .collect::<Vec<_>>();
    assert_eq!(gbp[col("reporting_currency")], "EUR");
    assert_eq!(gbp[col("converted_bookings")], "278.10");
    assert_eq!(gbp[col("previous_converted_bookings")], "8.00");
    assert_eq!(gbp[col("unconverted_purchases")], "1");
    assert_eq!(gbp[col("unconverted_amount")], "20.00");
    assert_eq!(gbp[col("latest_rate_date")], "2026-04-10");
    let table = text(&report(&["--currency", "EUR"]).stdout);
    assert!(table.contains("Converted into EUR"), "{table}");
    let plain = text(&report(&[]).stdout);
    assert!(!plain.contains("Converted into"), "{plain}");
    let json = text(&report(&["--currency", "EUR", "--format", "json"]).stdout);
    let v: serde_json::Value = serde_json::from_str(&json).unwrap();
    assert_eq!(v["converted_totals"]["bookings"]["total"]["minor"], 28_810);
    let bad = report(&["--currency", "EURO"]);
    assert!(!bad.status.success());
    assert!(text(&bad.stderr).contains("EURO"), "{}", text(&bad.stderr));
}

#[test]
fn the_performance_tab_cycles_the_reporting_currency() {
    each_backend(|db| {
        // The first operator is the app's admin; the fixture's importer comes after.
        let mut app = common::forms::admin_app(db, (120, 35), date("2026-07-01"));
        fixture(db);
        common::forms::to_performance(&mut app, &mut db.conn);
        // The fixture's quarter: 2026-Q3 holds 2026-07-01, so step back once.
        press(&mut app, KeyCode::Char('['));
        pump(&mut app, &mut db.conn);
        let before = driver::screen_text(&app, 120, 35);
        assert!(!before.contains("In EUR"), "{before}");
        press(&mut app, KeyCode::Char('c'));
        pump(&mut app, &mut db.conn);
        let eur = driver::screen_text(&app, 120, 35);
        assert!(eur.contains("In EUR bookings 288.10"), "{eur}");
        // Ranked by the converted bookings, across currencies: all of Ann's rows (278.10
        // in EUR) above Bob's, where per currency Bob's 10.00 EUR beat Ann's 20.00 GBP.
        let p = app.tab::<Performance>().unwrap();
        let ranked: Vec<(String, String)> = p
            .lines()
            .iter()
            .map(|l| (l.title.clone(), l.cells[2].clone()))
            .collect();
        assert_eq!(
            ranked.first(),
            Some(&("Ann".to_owned(), "278.10".to_owned()))
        );
        assert_eq!(ranked.last(), Some(&("Bob".to_owned(), "10.00".to_owned())));
        assert!(eur.contains("sort In EUR ↓"), "{eur}");
        if db.name().eq_ignore_ascii_case("sqlite") {
            insta::assert_snapshot!("performance_in_eur_120x35", eur);
        }
        press(&mut app, KeyCode::Char('c'));
        pump(&mut app, &mut db.conn);
        assert!(driver::screen_text(&app, 120, 35).contains("In JPY"));
        press(&mut app, KeyCode::Char('c'));
        pump(&mut app, &mut db.conn);
        let off = driver::screen_text(&app, 120, 35);
        assert!(!off.contains("In "), "{off}");
        // Off again: ranked per currency by bookings.
        assert!(off.contains("sort Bookings ↓"), "{off}");
        // The pipeline ranks by the converted 90-day stake.
        press(&mut app, KeyCode::Char('c'));
        press(&mut app, KeyCode::Char('V'));
        pump(&mut app, &mut db.conn);
        let pipeline = driver::screen_text(&app, 120, 35);
        assert!(pipeline.contains("sort 90d EUR ↓"), "{pipeline}");
    });
}

/// With a reporting currency the renewals at stake are read once, with their rates: each
/// owner's per-currency stake is the one the report shows without it. On the demo data,
/// where many licences share an owner, horizon and currency across rate dates.
#[test]
fn the_stake_per_currency_is_the_same_with_a_reporting_currency() {
    each_backend(|db| {
        common::money::load_demo_of(db, 1_000);
        // A rate on the first of every month, so licences of one owner and currency
        // fall on different rate dates.
        let mut rates = String::from("Date,Currency,Base,Rate\n");
        for year in 2018..=2026 {
            for month in 1..=12 {
                for (code, base) in [
                    ("USD", "EUR"),
                    ("GBP", "EUR"),
                    ("JPY", "EUR"),
                    ("EUR", "JPY"),
                ] {
                    writeln!(rates, "{year}-{month:02}-01,{code},{base},1.5").unwrap();
                }
            }
        }
        let r = run(
            db,
            Target::ExchangeRates,
            &rates,
            &options("rates.csv", false),
        );
        assert_eq!(r.totals.errors, 0, "{r:?}");
        let who = actor(db, Role::Viewer);
        let q = PeriodQuery {
            as_of: chrono::Local::now().date_naive(),
            ..query()
        };
        for owner in [Owner::Rep, Owner::Partner] {
            let stakes = |to: Option<Currency>, db: &mut TestDb| {
                let r = perf::owners_in(&mut db.conn, &who, owner, &q, to).unwrap();
                r.rows
                    .into_iter()
                    .map(|o| (o.name, o.at_stake))
                    .collect::<Vec<_>>()
            };
            let plain = stakes(None, db);
            assert!(
                plain
                    .iter()
                    .any(|(_, s)| s[2].licenses > 1 && !s[2].revenue.is_empty()),
                "{}: {owner:?}: an owner with licences at stake",
                db.name()
            );
            for to in ["EUR", "JPY"] {
                assert_eq!(
                    stakes(Some(cur(to)), db),
                    plain,
                    "{}: {owner:?} in {to}",
                    db.name()
                );
            }
        }
    });
}
