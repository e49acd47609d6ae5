//! Company names holding terminal escapes (SGR, OSC 52 clipboard, OSC 0 title, a C1 CSI)
//! and bidi controls, through every `lms report` format: exact in files and pipes (JSON
//! `\u`-escaped), neutralised like the TUI on a terminal, the timeline's own colours kept.
#![allow(clippy::unwrap_used, clippy::expect_used)]

mod common;

use std::path::Path;
use std::process::{Command, Output, Stdio};

use common::builders::{CompanyBuilder, LicenseBuilder, ProductBuilder};
use common::cli::{PW, lms, setup, text};
use lms::config::DatabaseUrl;
use lms::db::DbConnection;

const HOSTILE: [&str; 6] = [
    "Red\x1b[31mCorp",
    "Clip\x1b]52;c;ZWNobyBwd25lZA==\x07board",
    "Title\x1b]0;pwned\x07Co",
    "C1\u{9b}31mInc",
    "Bidi\u{202e}evil\u{2066}iso\u{2069}",
    "Marks\u{200e}\u{200f}\u{61c}Del\x7fLtd",
];

/// The fixture, plus one active license per hostile name.
fn hostile_db(dir: &Path) -> std::path::PathBuf {
    let db = setup(dir);
    let mut conn = DbConnection::open(&DatabaseUrl::Sqlite(db.clone())).unwrap();
    let product = ProductBuilder::new("LMS-HOSTILE").insert(&mut conn);
    for name in HOSTILE {
        let company = CompanyBuilder::new(name).insert(&mut conn);
        LicenseBuilder::new()
            .company(&company)
            .product(&product)
            .seats(5)
            .starts("2026-01-01")
            .ends("2026-12-31")
            .insert(&mut conn);
    }
    db
}

const UTILIZATION: [&str; 6] = [
    "report",
    "utilization",
    "--user",
    "boss",
    "--as-of",
    "2026-03-15",
];
const TIMELINE: [&str; 8] = [
    "report",
    "timeline",
    "--user",
    "boss",
    "--today",
    "2026-03-15",
    "--width",
    "100",
];

/// Control and bidi characters in `text`, line breaks aside.
fn controls(text: &str) -> Vec<char> {
    text.chars()
        .filter(|c| lms::domain::text::is_unsafe(*c) && !matches!(c, '\n' | '\r'))
        .collect()
}

/// `lms args` with standard output on a pseudo-terminal (util-linux `script`), the
/// password from `LMS_PASSWORD`; what the terminal received, its `\r\n` made `\n`.
fn on_terminal(db: &Path, args: &[&str]) -> String {
    let command: Vec<String> = std::iter::once(env!("CARGO_BIN_EXE_lms"))
        .chain(args.iter().copied())
        .map(|a| format!("'{a}'"))
        .collect();
    let out: Output = Command::new("script")
        .args(["-qefc", &command.join(" "), "/dev/null"])
        .env("DATABASE_URL", db)
        .env("LMS_PASSWORD", PW.trim())
        .env("HOME", db.parent().unwrap())
        .env("XDG_DATA_HOME", db.parent().unwrap())
        .env_remove("NO_COLOR")
        .stdin(Stdio::null())
        .output()
        .expect("util-linux `script` runs a command on a pseudo-terminal");
    let seen = text(&out.stdout);
    assert!(out.status.success(), "{args:?}: {seen}");
    seen.replace("\r\n", "\n")
}

#[test]
fn machine_formats_are_exact_in_a_pipe_and_json_escapes_every_control() {
    let dir = tempfile::tempdir().unwrap();
    let db = hostile_db(dir.path());

    let out = lms(
        &db,
        &[&UTILIZATION[..], &["--password-stdin", "--format", "csv"]].concat(),
        PW,
    );
    assert!(out.status.success(), "{}", text(&out.stderr));
    let mut reader = csv::Reader::from_reader(out.stdout.as_slice());
    let names: Vec<String> = reader.records().map(|r| r.unwrap()[1].to_owned()).collect();
    for name in HOSTILE {
        assert!(
            names.iter().any(|n| n == name),
            "{name:?} not exact in {names:?}"
        );
    }

    let out = lms(
        &db,
        &[&UTILIZATION[..], &["--password-stdin", "--format", "json"]].concat(),
        PW,
    );
    assert!(out.status.success(), "{}", text(&out.stderr));
    let json = text(&out.stdout);
    assert_eq!(controls(&json), Vec::<char>::new(), "{json}");
    for escaped in [
        "\\u001b", "\\u0007", "\\u009b", "\\u202e", "\\u2066", "\\u200f", "\\u061c", "\\u007f",
    ] {
        assert!(json.contains(escaped), "{escaped} not in {json}");
    }
    let doc: serde_json::Value = serde_json::from_str(&json).unwrap();
    let names: Vec<&str> = doc["companies"]
        .as_array()
        .unwrap()
        .iter()
        .map(|c| c["name"].as_str().unwrap())
        .collect();
    for name in HOSTILE {
        assert!(names.contains(&name), "{name:?} not exact in {names:?}");
    }

    // For people: neutralised wherever it goes.
    let out = lms(&db, &[&UTILIZATION[..], &["--password-stdin"]].concat(), PW);
    let table = text(&out.stdout);
    assert_eq!(controls(&table), Vec::<char>::new(), "{table}");
    assert!(table.contains("Red\u{FFFD}[31mCorp"), "{table}");
    let out = lms(&db, &[&TIMELINE[..], &["--password-stdin"]].concat(), PW);
    let chart = text(&out.stdout);
    assert!(out.status.success(), "{}", text(&out.stderr));
    assert_eq!(controls(&chart), Vec::<char>::new(), "{chart}");
    assert!(chart.contains("Title"), "{chart}");
}

#[test]
fn every_format_on_a_terminal_is_neutralised_like_the_tui() {
    let dir = tempfile::tempdir().unwrap();
    let db = hostile_db(dir.path());
    for format in ["table", "csv", "json"] {
        let seen = on_terminal(&db, &[&UTILIZATION[..], &["--format", format]].concat());
        assert_eq!(controls(&seen), Vec::<char>::new(), "{format}: {seen}");
        assert!(seen.contains("Red\u{FFFD}[31mCorp"), "{format}: {seen}");
        assert!(seen.contains("C1\u{FFFD}31mInc"), "{format}: {seen}");
    }
    // The timeline's colours are its own SGR codes; nothing else reaches the terminal.
    let seen = on_terminal(&db, &TIMELINE);
    assert!(seen.contains("\x1b["), "no colour: {seen}");
    let mut rest = seen.as_str();
    while let Some(at) = rest.find('\x1b') {
        rest = &rest[at + 1..];
        let end = rest.find('m').unwrap_or(rest.len());
        let code = &rest[..end];
        assert!(
            code.starts_with('[') && code[1..].chars().all(|c| c.is_ascii_digit() || c == ';'),
            "not a colour code: {:?}",
            &rest[..rest.len().min(20)]
        );
    }
    let without_sgr: String = seen.split('\x1b').collect::<Vec<_>>().join("");
    assert_eq!(controls(&without_sgr), Vec::<char>::new(), "{seen}");
}
