//! `lms report sales|partners|engineers|renewals` as scripts use them: the formats on the
//! hand-computed fixture (`common/performance.rs`), hostile names, and one clear error
//! line with a non-zero exit for every bad flag.
#![allow(clippy::unwrap_used, clippy::expect_used)]

mod common;

use std::path::{Path, PathBuf};
use std::process::Output;

use common::builders::{
    CompanyBuilder, LicenseBuilder, ProductBuilder, PurchaseBuilder, SalesRepBuilder,
};
use common::cli::{PW, lms, text};
use common::performance;
use lms::config::DatabaseUrl;
use lms::db::DbConnection;

fn setup(dir: &Path) -> PathBuf {
    let db = dir.join("perf.db");
    let out = lms(
        &db,
        &["user", "add", "boss", "--role", "admin", "--password-stdin"],
        PW,
    );
    assert!(out.status.success(), "{}", text(&out.stderr));
    // A viewer, added by boss (boss's password from LMS_PASSWORD, the new one from stdin).
    let mut viewer = std::process::Command::new(env!("CARGO_BIN_EXE_lms"));
    viewer
        .args([
            "user",
            "add",
            "eyes",
            "--role",
            "viewer",
            "--password-stdin",
            "--user",
            "boss",
        ])
        .env("DATABASE_URL", &db)
        .env("LMS_PASSWORD", PW.trim_end())
        .env("HOME", dir)
        .env("XDG_DATA_HOME", dir)
        .stdin(std::process::Stdio::piped())
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped());
    let mut child = viewer.spawn().unwrap();
    std::io::Write::write_all(&mut child.stdin.take().unwrap(), PW.as_bytes()).unwrap();
    let out = child.wait_with_output().unwrap();
    assert!(out.status.success(), "{}", text(&out.stderr));
    let mut conn = DbConnection::open(&DatabaseUrl::Sqlite(db.clone())).unwrap();
    performance::load(&mut conn);
    performance::load_engineers(&mut conn);
    // A hostile rep with a GBP sale in the period, so the name reaches every section.
    let evil = SalesRepBuilder::new("Evil\u{1b}]0;pwned\u{7} \u{202e}Rep").insert(&mut conn);
    let product = ProductBuilder::new("EVIL").insert(&mut conn);
    let company = CompanyBuilder::new("Evil Co").insert(&mut conn);
    let lic = LicenseBuilder::new()
        .company(&company)
        .product(&product)
        .insert(&mut conn);
    PurchaseBuilder::new(&lic)
        .sales_rep(&evil)
        .on("2026-05-01")
        .revenue(1)
        .currency("GBP")
        .insert(&mut conn);
    db
}

fn report(db: &Path, which: &str, extra: &[&str]) -> Output {
    let mut args = vec!["report", which, "--user", "boss", "--password-stdin"];
    if !extra.contains(&"--as-of") {
        args.extend(["--as-of", performance::AS_OF]);
    }
    if !extra
        .iter()
        .any(|a| ["--period", "--from", "--to"].contains(a))
        && which != "renewals"
    {
        args.extend(["--period", performance::PERIOD]);
    }
    args.extend_from_slice(extra);
    lms(db, &args, PW)
}

fn ok(out: &Output) -> String {
    assert!(out.status.success(), "{}", text(&out.stderr));
    text(&out.stdout)
}

#[test]
fn sales_json_csv_and_table() {
    let dir = tempfile::tempdir().unwrap();
    let db = setup(dir.path());

    let doc: serde_json::Value =
        serde_json::from_str(&ok(&report(&db, "sales", &["--format", "json"]))).unwrap();
    assert_eq!(doc["period"]["label"], "2026-Q2");
    assert_eq!(doc["period"]["to"], "2026-06-30");
    assert_eq!(doc["previous_period"]["label"], "2026-Q1");
    assert_eq!(doc["grace_days"], 30);
    let ann = doc["reps"]
        .as_array()
        .unwrap()
        .iter()
        .find(|r| r["name"] == "Ann")
        .unwrap();
    assert_eq!(ann["current"]["bookings"][0]["currency"], "EUR");
    assert_eq!(ann["current"]["bookings"][0]["total"]["minor"], 320_001);
    assert_eq!(
        ann["current"]["bookings"][0]["average_purchase"]["amount"],
        "1066.67"
    );
    assert_eq!(ann["current"]["renewal"]["rate_permille"], 500);
    assert_eq!(ann["at_stake"][2]["licenses"], 2);
    assert_eq!(doc["totals"]["current"][2]["currency"], "JPY");
    assert_eq!(doc["totals"]["current"][2]["amount"], "500000");

    let csv = ok(&report(&db, "sales", &["--format", "csv", "--rep", "Ann"]));
    let lines: Vec<&str> = csv.lines().collect();
    assert!(
        lines[0].starts_with(
            "rep_id,rep,currency,bookings,new,renewal,expansion,purchases,average_purchase,"
        ),
        "{}",
        lines[0]
    );
    assert!(
        lines[0].ends_with(",bookings_2026-05,bookings_2026-06"),
        "{}",
        lines[0]
    );
    assert_eq!(lines.len(), 3, "Ann's EUR and USD records: {csv}");
    assert!(lines[1].starts_with("1,Ann,EUR,3200.01,2000.00,1100.00,100.01,3,1066.67,1500.00,1500.00,0.00,0.00,1,1500.00,"), "{}", lines[1]);

    let table = ok(&report(&db, "sales", &[]));
    assert!(
        table.contains("Sales reps 2026-Q2 (2026-04-01 to 2026-06-30), compared with 2026-Q1"),
        "{table}"
    );
    let eur = table.split("EUR (amounts in EUR)").nth(1).unwrap();
    let ranked: Vec<&str> = eur
        .lines()
        .skip(2)
        .take(2)
        .map(|l| l.split_whitespace().nth(1).unwrap())
        .collect();
    assert_eq!(ranked, ["Ann", "(none)"], "{table}");
    assert!(table.contains("3,200.01"), "{table}");
    // Names as the TUI shows them, in the currency sections and in the last one.
    let gbp = table.split("GBP (amounts in GBP)").nth(1).unwrap();
    let gbp = gbp.split("\n\n").next().unwrap();
    assert!(gbp.contains("Evil�]0;pwned� �Rep"), "{table}");
    let all = table.split("All currencies").nth(1).unwrap();
    assert!(all.contains("Evil�]0;pwned� �Rep"), "{table}");
    assert!(!table.contains('\u{1b}'), "{table}");
}

#[test]
fn hostile_names_stay_exact_in_a_pipe_and_escaped_in_json() {
    let dir = tempfile::tempdir().unwrap();
    let db = setup(dir.path());
    let json = ok(&report(&db, "sales", &["--format", "json"]));
    assert!(
        !json.contains('\u{1b}') && !json.contains('\u{202e}'),
        "{json}"
    );
    assert!(json.contains("\\u001b]0;pwned\\u0007 \\u202eRep"), "{json}");
    let csv = ok(&report(&db, "sales", &["--format", "csv"]));
    assert!(
        csv.contains("Evil\u{1b}]0;pwned\u{7} \u{202e}Rep"),
        "exact in a pipe"
    );
}

#[test]
fn partners_engineers_and_renewals() {
    let dir = tempfile::tempdir().unwrap();
    let db = setup(dir.path());
    let doc: serde_json::Value = serde_json::from_str(&ok(&report(
        &db,
        "partners",
        &["--format", "json", "--partner", "P1"],
    )))
    .unwrap();
    let p1 = &doc["partners"][0];
    assert_eq!(p1["name"], "P1");
    assert_eq!(
        p1["share_permille"][0],
        serde_json::json!({"currency": "EUR", "permille": 979})
    );
    assert_eq!(p1["current"]["licenses"]["licenses"], 5);
    assert_eq!(p1["current"]["licenses"]["companies"], 2);

    let csv = ok(&report(
        &db,
        "engineers",
        &["--format", "csv", "--engineer", "Eve"],
    ));
    let lines: Vec<&str> = csv.lines().collect();
    assert!(lines[0].starts_with("kind,engineer_id,name,region,completed,failed,cancelled,success_rate_pct,lead_scheduled_median_days,"), "{}", lines[0]);
    assert!(
        lines[1].contains(",Eve,EMEA,4,1,1,80.0,2,9,1,3,1,2,0,33.3,1,1,"),
        "{}",
        lines[1]
    );
    assert_eq!(lines.iter().filter(|l| l.starts_with("region,")).count(), 3);
    let table = ok(&report(&db, "engineers", &[]));
    assert!(table.contains("By region"), "{table}");

    let doc: serde_json::Value =
        serde_json::from_str(&ok(&report(&db, "renewals", &["--format", "json"]))).unwrap();
    assert_eq!(doc["as_of"], "2026-07-01");
    let bob = doc["reps"]
        .as_array()
        .unwrap()
        .iter()
        .find(|r| r["name"] == "Bob")
        .unwrap();
    assert_eq!(bob["at_stake"][1]["revenue"][0]["minor"], 500_000);
    let csv = ok(&report(
        &db,
        "renewals",
        &["--format", "csv", "--rep", "Ann"],
    ));
    assert!(csv.contains("rep,1,Ann,90,2,EUR,90.00"), "{csv}");
}

#[test]
fn every_role_may_read_reports_and_the_plans_name_the_indexes() {
    let dir = tempfile::tempdir().unwrap();
    let db = setup(dir.path());
    let out = lms(
        &db,
        &[
            "report",
            "sales",
            "--user",
            "eyes",
            "--password-stdin",
            "--period",
            "2026-Q2",
            "--format",
            "json",
        ],
        PW,
    );
    ok(&out);
    let plans = ok(&report(&db, "engineers", &["--explain"]));
    assert!(plans.contains("deployments_status_completed"), "{plans}");
    let plans = ok(&report(&db, "sales", &["--explain"]));
    assert!(
        plans.contains("owner_month_bookings") && plans.contains("purchases_term_end"),
        "{plans}"
    );
}

#[test]
fn bad_flags_give_one_clear_line() {
    let dir = tempfile::tempdir().unwrap();
    let db = setup(dir.path());
    for (which, args, expect) in [
        (
            "sales",
            vec!["--period", "2026-Q5"],
            "quarter 5 is not 1 to 4",
        ),
        ("sales", vec!["--period", "Q3"], "expected a period as YYYY"),
        (
            "sales",
            vec!["--period", "2026-13"],
            "month 13 is not 1 to 12",
        ),
        ("sales", vec!["--from", "2026-01-01"], "--to <DATE>"),
        (
            "sales",
            vec!["--from", "2026-02-01", "--to", "2026-01-01"],
            "ends (2026-01-01) before it starts",
        ),
        (
            "sales",
            vec![
                "--period",
                "2026",
                "--from",
                "2026-01-01",
                "--to",
                "2026-02-01",
            ],
            "cannot be used with",
        ),
        (
            "sales",
            vec!["--as-of", "01/07/2026"],
            "expected a date as YYYY-MM-DD",
        ),
        (
            "sales",
            vec!["--rep", "Nobody"],
            "sales rep \"Nobody\" not found",
        ),
        ("sales", vec!["--rep", " "], "the sales rep name is empty"),
        (
            "partners",
            vec!["--partner", "Nobody"],
            "partner \"Nobody\" not found",
        ),
        (
            "engineers",
            vec!["--engineer", "Nobody"],
            "engineer \"Nobody\" not found",
        ),
        (
            "renewals",
            vec!["--partner", "Nobody"],
            "partner \"Nobody\" not found",
        ),
        (
            "renewals",
            vec!["--period", "2026"],
            "unexpected argument '--period'",
        ),
        ("sales", vec!["--format", "xml"], "invalid value 'xml'"),
    ] {
        let out = report(&db, which, &args);
        let err = text(&out.stderr);
        assert!(!out.status.success(), "{which} {args:?}");
        assert!(err.contains(expect), "{which} {args:?}: {err}");
        assert!(out.stdout.is_empty(), "{args:?}");
        assert!(!err.contains("panicked"), "{err}");
        assert!(err.lines().next().unwrap().contains("error"), "{err}");
    }
    let out = lms(
        &db,
        &["report", "sales", "--user", "boss", "--password-stdin"],
        "wrong password\n",
    );
    assert_eq!(
        text(&out.stderr).trim(),
        "lms: error: wrong username or password"
    );
}
