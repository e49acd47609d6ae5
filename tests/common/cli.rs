//! The `lms` binary as scripts run it, on a SQLite file, for the report tests.
#![allow(dead_code, clippy::unwrap_used, clippy::expect_used)]

use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};

use lms::config::DatabaseUrl;
use lms::db::DbConnection;

/// The admin `boss`'s password, as `--password-stdin` reads it.
pub const PW: &str = "long enough pw\n";

/// `lms args` on the SQLite file `db`, `stdin` fed in, output piped.
pub fn lms(db: &Path, args: &[&str], stdin: &str) -> Output {
    let mut child = Command::new(env!("CARGO_BIN_EXE_lms"))
        .args(args)
        .env("DATABASE_URL", db)
        .env_remove("LMS_PASSWORD")
        .env("HOME", db.parent().unwrap())
        .env("XDG_DATA_HOME", db.parent().unwrap())
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    // A command refused before it reads stdin may have exited and closed the pipe already.
    if let Err(e) = child.stdin.take().unwrap().write_all(stdin.as_bytes()) {
        assert_eq!(e.kind(), std::io::ErrorKind::BrokenPipe, "{e}");
    }
    child.wait_with_output().unwrap()
}

pub fn text(b: &[u8]) -> String {
    String::from_utf8_lossy(b).into_owned()
}

/// A SQLite database in `dir` with an admin `boss` and the utilization fixture.
pub fn setup(dir: &Path) -> PathBuf {
    let db = dir.join("report.db");
    let out = lms(
        &db,
        &["user", "add", "boss", "--role", "admin", "--password-stdin"],
        PW,
    );
    assert!(out.status.success(), "{}", text(&out.stderr));
    let mut conn = DbConnection::open(&DatabaseUrl::Sqlite(db.clone())).unwrap();
    super::utilization::load(&mut conn);
    db
}
