//! `lms report utilization` as scripts use it: the three formats on the fixture, and one
//! clear error line with a non-zero exit for every bad flag.
#![allow(clippy::unwrap_used, clippy::expect_used)]

mod common;

use std::path::Path;
use std::process::Output;

use common::cli::{PW, lms, setup, text};
use lms::config::DatabaseUrl;
use lms::db::DbConnection;

fn report(db: &Path, extra: &[&str]) -> Output {
    let mut args = vec![
        "report",
        "utilization",
        "--user",
        "boss",
        "--password-stdin",
    ];
    if !extra.contains(&"--as-of") {
        args.extend(["--as-of", common::utilization::AS_OF]);
    }
    args.extend_from_slice(extra);
    lms(db, &args, PW)
}

#[test]
fn json_csv_and_table() {
    let dir = tempfile::tempdir().unwrap();
    let db = setup(dir.path());

    let out = report(&db, &["--format", "json"]);
    assert!(out.status.success(), "{}", text(&out.stderr));
    let doc: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(doc["as_of"], "2026-03-15");
    assert_eq!(doc["window"]["from"], "2026-03-01T00:00:00Z");
    assert_eq!(doc["window"]["to_exclusive"], "2026-03-15T00:00:00Z");
    let t = &doc["totals"];
    assert_eq!(t["licensed_seats"], 22);
    assert_eq!(t["unlimited_companies"], 1);
    assert_eq!(t["registered_users"], 12);
    assert_eq!(t["active_users"], 8);
    assert_eq!(t["active_licenses"], 4);
    assert_eq!(t["over_licensed_by_active"], 1);
    assert_eq!(t["over_licensed_by_registered"], 2);
    assert_eq!(
        (t["under_used"].as_i64(), t["idle"].as_i64()),
        (Some(1), Some(1))
    );
    assert_eq!(
        t["revenue"],
        serde_json::json!([
            {"currency": "EUR", "minor": 150_101, "amount": "1501.01"},
            {"currency": "JPY", "minor": 10_000, "amount": "10000"},
            {"currency": "USD", "minor": 530_000, "amount": "5300.00"},
        ])
    );
    assert_eq!(t["average_cost_per_license"][0]["minor"], 25_017);
    let companies = doc["companies"].as_array().unwrap();
    assert_eq!(companies.len(), 5);
    assert_eq!(companies[0]["name"], "Alpha");
    assert_eq!(companies[0]["utilization_permille"], 400);
    assert_eq!(companies[1]["unlimited"], true);
    assert_eq!(
        companies[1]["utilization_permille"],
        serde_json::Value::Null
    );

    let out = report(&db, &["--format", "csv", "--window-days", "30"]);
    assert!(out.status.success(), "{}", text(&out.stderr));
    let csv = text(&out.stdout);
    let lines: Vec<&str> = csv.lines().collect();
    assert_eq!(
        lines[0],
        "company_id,company,licensed_seats,unlimited,active_licenses,registered_users,\
         active_users,utilization_pct,over_licensed_by_active,over_licensed_by_registered,\
         under_used,idle,revenue_EUR,cost_EUR,revenue_JPY,cost_JPY,revenue_USD,cost_USD"
    );
    assert_eq!(
        lines[1],
        "1,Alpha,10,false,1,5,5,50.0,false,false,false,false,1201.01,600.50,0,0,300.00,150.00"
    );
    assert_eq!(lines.len(), 6);

    let out = report(&db, &["--company", "Gamma"]);
    assert!(out.status.success(), "{}", text(&out.stderr));
    let table = text(&out.stdout);
    assert!(
        table.contains("Filters:              company=Gamma"),
        "{table}"
    );
    assert!(
        table.contains("activity 2026-03-01 to 2026-03-14 (14 days before 2026-03-15)"),
        "{table}"
    );
    assert!(table.contains("Over-licensed:        1 by active users, 1 by registered users"));
    let last = table.lines().last().unwrap();
    assert_eq!(
        last,
        "Gamma           0           2       2     -  over,over-reg        -"
    );
}

/// Names wide (CJK, emoji, a ZWJ sequence), combining and zero-width, with thousands of
/// seats: the table's lines are all one display width and its counts grouped; CSV and
/// JSON carry the same figures plain.
#[test]
fn table_aligns_by_display_width_and_groups_thousands() {
    use common::builders::{CompanyBuilder, LicenseBuilder, ProductBuilder, PurchaseBuilder};
    use unicode_width::UnicodeWidthStr;

    let dir = tempfile::tempdir().unwrap();
    let db = setup(dir.path());
    let mut conn = DbConnection::open(&DatabaseUrl::Sqlite(db.clone())).unwrap();
    let product = ProductBuilder::new("LMS-WIDE").insert(&mut conn);
    let names = [
        "株式会社テスト",
        "Rocket 🚀 Labs",
        "👩\u{200D}💻 Devs",
        "Cafe\u{301} Cre\u{300}me",
        "Zero\u{200B}Width",
    ];
    for (i, name) in names.iter().enumerate() {
        let company = CompanyBuilder::new(name).insert(&mut conn);
        let license = LicenseBuilder::new()
            .company(&company)
            .product(&product)
            .seats(2500 * (i32::try_from(i).unwrap() + 1))
            .starts("2026-01-01")
            .ends("2026-12-31")
            .insert(&mut conn);
        PurchaseBuilder::new(&license)
            .revenue(123_456_789)
            .currency("JPY")
            .on("2026-01-01")
            .insert(&mut conn);
    }

    let out = report(&db, &["--format", "table"]);
    assert!(out.status.success(), "{}", text(&out.stderr));
    let table = text(&out.stdout);
    let rows: Vec<&str> = table
        .lines()
        .skip_while(|l| !l.starts_with("COMPANY"))
        .collect();
    assert_eq!(rows.len(), 1 + 5 + names.len(), "{table}");
    let widths: Vec<usize> = rows.iter().map(|l| l.width()).collect();
    assert!(
        widths.iter().all(|w| *w == widths[0]),
        "display widths {widths:?}:\n{table}"
    );
    assert!(
        table.contains("Licensed seats:       37,522 + unlimited"),
        "{table}"
    );
    let tokyo = rows
        .iter()
        .find(|l| l.starts_with("株式会社テスト"))
        .unwrap();
    assert!(
        tokyo.contains(" 2,500 ") && tokyo.contains("123,456,789 JPY"),
        "{tokyo}"
    );

    let out = report(&db, &["--format", "csv"]);
    let csv = text(&out.stdout);
    assert!(
        !csv.contains("2,500") && !csv.contains("123,456,789"),
        "{csv}"
    );
    let tokyo = csv.lines().find(|l| l.contains("株式会社テスト")).unwrap();
    assert!(
        tokyo.contains(",2500,") && tokyo.contains(",123456789,"),
        "{tokyo}"
    );

    let out = report(&db, &["--format", "json"]);
    let json = text(&out.stdout);
    assert!(
        !json.contains("2,500") && !json.contains("123,456,789"),
        "{json}"
    );
    let doc: serde_json::Value = serde_json::from_str(&json).unwrap();
    assert_eq!(doc["totals"]["licensed_seats"], 37_522);
}

#[test]
fn bad_flags_give_one_clear_line() {
    let dir = tempfile::tempdir().unwrap();
    let db = setup(dir.path());
    for (args, expect) in [
        (vec!["--window-days", "0"], "1 to 3650 days, not 0"),
        (vec!["--window-days", "9999"], "not 9999"),
        (vec!["--window-days", "two"], "expected a whole number"),
        (
            vec!["--as-of", "15/03/2026"],
            "expected a date as YYYY-MM-DD",
        ),
        (vec!["--under-used", "101"], "0 to 100 percent"),
        (
            vec!["--under-used", "-5"],
            "'-5' for '--under-used <PCT>': must not be negative",
        ),
        (vec!["--status", "sleeping"], "unknown license status"),
        (vec!["--currency", "EURO"], "ISO 4217"),
        (vec!["--from", "2026-13-01"], "expected a date"),
        (vec!["--to", "tomorrow"], "expected a date"),
        (
            vec!["--from", "2026-02-01", "--to", "2026-01-01"],
            "date range is reversed",
        ),
        (vec!["--company", "Nobody"], "company \"Nobody\" not found"),
        (vec!["--company", " "], "company name is empty"),
        (vec!["--partner", "Nobody"], "partner \"Nobody\" not found"),
        (vec!["--format", "xml"], "invalid value 'xml'"),
        (vec!["--bogus"], "unexpected argument '--bogus'"),
    ] {
        let out = report(&db, &args);
        let err = text(&out.stderr);
        assert!(!out.status.success(), "{args:?}");
        assert!(err.contains(expect), "{args:?}: {err}");
        assert!(out.stdout.is_empty(), "{args:?}");
        assert!(!err.contains("panicked"), "{err}");
        // The first line says what is wrong; clap may add a usage hint after it.
        assert!(err.lines().next().unwrap().contains("error"), "{err}");
    }
    // No operator, wrong password.
    let out = lms(&db, &["report", "utilization"], "");
    assert!(text(&out.stderr).contains("--user NAME"));
    let out = lms(
        &db,
        &[
            "report",
            "utilization",
            "--user",
            "boss",
            "--password-stdin",
        ],
        "wrong password\n",
    );
    assert_eq!(
        text(&out.stderr).trim(),
        "lms: error: wrong username or password"
    );
}
