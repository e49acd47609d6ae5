//! `lms report timeline` read column by column against the dates in the database: the
//! binary is run with a fixed width, zoom, range and today, and every cell of every bar
//! is checked against the month it stands for, computed here with chrono alone.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::too_many_lines)]

mod common;

use std::path::{Path, PathBuf};
use std::process::Output;

use chrono::{Datelike, Months, NaiveDate};

use common::builders::{CompanyBuilder, DeploymentBuilder, LicenseBuilder, PurchaseBuilder};
use common::cli::PW;
use lms::config::DatabaseUrl;
use lms::db::DbConnection;
use lms::domain::{DeploymentStatus, LicenseStatus, PurchaseKind};

const WIDTH: usize = 64;
/// `label_width(64)`: the label column, then a one-cell rule, then the months.
const LABEL: usize = 16;
const COLUMNS: usize = WIDTH - LABEL - 1;

fn lms(db: &Path, args: &[&str]) -> Output {
    common::cli::lms(db, args, PW)
}

fn d(s: &str) -> NaiveDate {
    s.parse().unwrap()
}

/// A license as the test expects to see it: its key, dates, fill, and marks by date.
struct Want {
    key: String,
    start: NaiveDate,
    end: NaiveDate,
    fill: char,
    marks: Vec<(NaiveDate, char)>,
}

fn setup(dir: &Path) -> (PathBuf, Vec<Want>) {
    let db = dir.join("timeline.db");
    let out = lms(
        &db,
        &["user", "add", "boss", "--role", "admin", "--password-stdin"],
    );
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let conn = &mut DbConnection::open(&DatabaseUrl::Sqlite(db.clone())).unwrap();
    let co = CompanyBuilder::new("Acme").insert(conn);
    let mut wants = Vec::new();
    let mut add = |conn: &mut DbConnection,
                   status,
                   start: &str,
                   end: &str,
                   fill,
                   marks: Vec<(NaiveDate, char)>| {
        let l = LicenseBuilder::new()
            .company(&co)
            .status(status)
            .starts(start)
            .ends(end)
            .insert(conn);
        wants.push(Want {
            key: l.license_key.clone(),
            start: d(start),
            end: d(end),
            fill,
            marks,
        });
        l
    };
    // A calendar year; half-month ends; a year end crossed (February's second half
    // starts on the 15th in 2025); half a month at the far end.
    add(
        conn,
        LicenseStatus::Active,
        "2024-01-01",
        "2024-12-31",
        '█',
        vec![],
    );
    add(
        conn,
        LicenseStatus::Expired,
        "2024-02-20",
        "2024-05-10",
        '░',
        vec![],
    );
    add(
        conn,
        LicenseStatus::Suspended,
        "2024-11-01",
        "2025-02-15",
        '▓',
        vec![],
    );
    add(
        conn,
        LicenseStatus::Terminated,
        "2025-03-17",
        "2025-03-31",
        '─',
        vec![],
    );
    // Two terms (a renewal from 2025), an expansion and a deployment.
    let renewed = add(
        conn,
        LicenseStatus::Active,
        "2024-01-01",
        "2025-12-31",
        '█',
        vec![
            (d("2025-01-01"), '┃'),
            (d("2024-06-10"), '+'),
            (d("2024-03-05"), '◆'),
        ],
    );
    PurchaseBuilder::new(&renewed)
        .on("2023-12-20")
        .term_end("2024-12-31")
        .insert(conn);
    PurchaseBuilder::new(&renewed)
        .kind(PurchaseKind::Renewal)
        .on("2024-12-01")
        .term_end("2025-12-31")
        .order_number("R-1")
        .insert(conn);
    PurchaseBuilder::new(&renewed)
        .kind(PurchaseKind::Expansion)
        .on("2024-06-10")
        .order_number("X-1")
        .insert(conn);
    DeploymentBuilder::new(&renewed)
        .status(DeploymentStatus::Completed)
        .completed("2024-03-05")
        .insert(conn);
    // Outside the range: not listed.
    add(
        conn,
        LicenseStatus::Draft,
        "2028-01-01",
        "2028-12-31",
        '┈',
        vec![],
    );
    (db, wants)
}

/// The glyph a month column must hold for a bar from `start` to `end`: full when the
/// bar covers both halves of the month (the second half starts on day (days + 1) / 2 + 1),
/// a half block for one half, blank when it misses the month.
fn expected(month: NaiveDate, start: NaiveDate, end: NaiveDate, fill: char) -> char {
    let next = month + Months::new(1);
    let last = next.pred_opt().unwrap();
    if end < month || start > last {
        return ' ';
    }
    let days = (next - month).num_days();
    let mid = month + chrono::Days::new(u64::try_from((days + 1) / 2).unwrap());
    match (start < mid, end >= mid) {
        (true, true) => fill,
        (true, false) => '▌',
        (false, true) => '▐',
        (false, false) => ' ',
    }
}

fn month_of(column: usize) -> NaiveDate {
    d("2024-01-01") + Months::new(u32::try_from(column).unwrap())
}

#[test]
fn every_cell_matches_the_database_dates() {
    let dir = tempfile::tempdir().unwrap();
    let (db, wants) = setup(dir.path());
    let width = WIDTH.to_string();
    let out = lms(
        &db,
        &[
            "report",
            "timeline",
            "--user",
            "boss",
            "--password-stdin",
            "--zoom",
            "month",
            "--width",
            &width,
            "--from",
            "2024-01-01",
            "--to",
            "2025-12-31",
            "--today",
            "2023-06-01",
        ],
    );
    let text = String::from_utf8(out.stdout).unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let lines: Vec<Vec<char>> = text.lines().map(|l| l.chars().collect()).collect();
    let cells = |line: &[char]| -> Vec<char> {
        let mut row: Vec<char> = line.iter().skip(LABEL + 1).copied().collect();
        row.resize(COLUMNS, ' ');
        row
    };
    // The axis: each year's label on its January, each month's initial on its column.
    let years: String = cells(&lines[1]).into_iter().collect();
    for column in (0..COLUMNS).filter(|c| month_of(*c).month() == 1) {
        let year = month_of(column).year().to_string();
        assert_eq!(
            years.chars().skip(column).take(4).collect::<String>(),
            year,
            "year label at column {column}:\n{text}"
        );
    }
    let initials = cells(&lines[2]);
    for (column, got) in initials.iter().enumerate() {
        let want = month_of(column)
            .format("%b")
            .to_string()
            .chars()
            .next()
            .unwrap();
        assert_eq!(*got, want, "month initial at column {column}:\n{text}");
    }
    for want in &wants {
        let found: Vec<&Vec<char>> = lines
            .iter()
            .filter(|l| l.iter().collect::<String>().contains(&want.key))
            .collect();
        if want.start.year() > 2025 {
            assert!(
                found.is_empty(),
                "{} is outside the range:\n{text}",
                want.key
            );
            continue;
        }
        assert_eq!(found.len(), 1, "{} once:\n{text}", want.key);
        let row = cells(found[0]);
        for (column, got) in row.iter().enumerate() {
            let month = month_of(column);
            let mark = want
                .marks
                .iter()
                .find(|(date, _)| date.year() == month.year() && date.month() == month.month());
            let expect =
                mark.map_or_else(|| expected(month, want.start, want.end, want.fill), |m| m.1);
            assert_eq!(
                *got,
                expect,
                "{} in {}: got {got:?}, want {expect:?}\n{text}",
                want.key,
                month.format("%Y-%m")
            );
        }
    }
    // The legend closes the chart and names every status (in short words at 64 columns).
    let legend = text.lines().last().unwrap();
    for word in ["█active", "▓susp", "░expired", "─term", "┈draft"] {
        assert!(legend.contains(word), "legend {legend:?}");
    }
}
