//! `lms export` as scripts run it, on both backends: to a file that appears whole, with
//! `--excel`'s byte order mark, exact to a pipe, and one clear error line, a non-zero
//! exit and no file for every bad input.
#![allow(clippy::unwrap_used, clippy::expect_used)]

mod common;

use std::path::Path;
use std::process::Output;

use common::builders::CompanyBuilder;
use common::cli::{PW, add_admin, run, text};
use common::{TestDb, each_backend};

/// `lms export args` as the admin `boss` on `db`.
fn export(db: &TestDb, home: &Path, args: &[&str], stdin: &str) -> Output {
    let mut all = vec!["export"];
    all.extend_from_slice(args);
    all.extend(["--user", "boss", "--password-stdin"]);
    run(&db.url, home, &all, stdin)
}

/// A home for `lms` runs on `db`, which gets the admin `boss`.
fn with_boss(db: &TestDb) -> tempfile::TempDir {
    let home = tempfile::tempdir().unwrap();
    add_admin(&db.url, home.path());
    home
}

fn files_in(dir: &Path) -> Vec<String> {
    let mut names: Vec<String> = std::fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    names.sort();
    names
}

const NAME: &str = "=cmd|' /C calc'!A0\u{1b}[31m";

#[test]
fn export_to_a_file_a_pipe_and_for_excel() {
    each_backend(|db| {
        let home = with_boss(db);
        CompanyBuilder::new(NAME).insert(&mut db.conn);
        CompanyBuilder::new("Acme").insert(&mut db.conn);

        let dir = tempfile::tempdir().unwrap();
        let file = dir.path().join("companies.csv");
        let path = file.to_str().unwrap();
        let out = export(
            db,
            home.path(),
            &["companies", "-o", path, "--sort", "company"],
            PW,
        );
        assert!(out.status.success(), "{}", text(&out.stderr));
        assert_eq!(text(&out.stderr), format!("exported 2 rows to {path}\n"));
        assert!(out.stdout.is_empty());
        let mut reader = csv::Reader::from_path(&file).unwrap();
        let names: Vec<String> = reader.records().map(|r| r.unwrap()[0].to_owned()).collect();
        // `=` sorts before letters; the cell is defused, the controls exact in a file.
        assert_eq!(names, [format!("'{NAME}"), "Acme".to_owned()]);
        assert_eq!(files_in(dir.path()), ["companies.csv"]);

        let out = export(
            db,
            home.path(),
            &[
                "companies",
                "-o",
                path,
                "--excel",
                "--desc",
                "--sort",
                "Company",
            ],
            PW,
        );
        assert!(out.status.success(), "{}", text(&out.stderr));
        let bytes = std::fs::read(&file).unwrap();
        assert!(bytes.starts_with(b"\xEF\xBB\xBFname,country,"), "{bytes:?}");

        // A pipe gets the exact text.
        let out = export(
            db,
            home.path(),
            &["companies", "--format", "json", "--filter", "acme"],
            PW,
        );
        assert!(out.status.success(), "{}", text(&out.stderr));
        let doc: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
        assert_eq!(doc.as_array().unwrap().len(), 1);
        assert_eq!(doc[0]["name"], "Acme");
        let out = export(
            db,
            home.path(),
            &["companies", "--format", "json", "--sort", "id"],
            PW,
        );
        let doc: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
        assert_eq!(doc[0]["name"], NAME);
    });
}

/// `lms export … | head`: when the reader stops early, the export stops quietly, with
/// success and nothing on stderr, as other Unix tools do.
#[test]
fn a_reader_that_stops_early_ends_the_export_quietly() {
    use std::io::{Read, Write};
    use std::process::{Command, Stdio};
    let mut db = common::sqlite_db();
    let home = with_boss(&db);
    // Far more than a pipe's buffer holds.
    for i in 0..3_000 {
        CompanyBuilder::new(&format!("Company {i:05} with a long enough name"))
            .insert(&mut db.conn);
    }
    let mut child = Command::new(env!("CARGO_BIN_EXE_lms"))
        .arg("--database-url")
        .arg(common::cli::url_text(&db.url))
        .args(["export", "companies", "--user", "boss", "--password-stdin"])
        .env_remove("LMS_PASSWORD")
        .env("HOME", home.path())
        .env("XDG_DATA_HOME", home.path())
        .env("XDG_STATE_HOME", home.path())
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    child
        .stdin
        .take()
        .unwrap()
        .write_all(PW.as_bytes())
        .unwrap();
    let mut head = [0_u8; 64];
    child.stdout.take().unwrap().read_exact(&mut head).unwrap();
    // The reader goes away here, as `head` does.
    let out = child.wait_with_output().unwrap();
    assert!(head.starts_with(b"name,"));
    assert!(out.status.success(), "{:?}", out.status);
    assert_eq!(text(&out.stderr), "");
}

#[test]
fn bad_input_is_one_clear_line_and_leaves_no_file() {
    each_backend(|db| {
        let home = with_boss(db);
        let dir = tempfile::tempdir().unwrap();
        let file = dir.path().join("out.csv");
        let path = file.to_str().unwrap();
        let missing = dir.path().join("no such dir").join("out.csv");
        let missing = missing.to_str().unwrap();
        for (args, stdin, says) in [
            (
                vec!["licences", "-o", path],
                PW,
                "nothing to export called \"licences\"",
            ),
            (
                vec!["licenses", "--filter", "status:sold", "-o", path],
                PW,
                "--filter: ",
            ),
            (
                vec!["licenses", "--sort", "colour", "-o", path],
                PW,
                "cannot be sorted by \"colour\"; sort by \"License\"",
            ),
            (
                vec!["licenses", "--excel", "--format", "json", "-o", path],
                PW,
                "--excel",
            ),
            (vec!["licenses", "-o", missing], PW, "does not exist"),
            (
                vec!["licenses", "-o", path],
                "wrong password\n",
                "wrong username or password",
            ),
        ] {
            let out = export(db, home.path(), &args, stdin);
            let err = text(&out.stderr);
            assert!(!out.status.success(), "{args:?}");
            assert!(
                err.starts_with("lms: error: ") && err.contains(says),
                "{args:?}: {err}"
            );
            assert_eq!(err.lines().count(), 1, "{err}");
            assert!(out.stdout.is_empty(), "{args:?}");
            assert_eq!(files_in(dir.path()), Vec::<String>::new(), "{args:?}");
        }
    });
}
