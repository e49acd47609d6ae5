//! The `lms` binary as scripts run it: on a SQLite file through `DATABASE_URL` (the
//! report tests), or on any test database through `--database-url`.
#![allow(dead_code, clippy::unwrap_used, clippy::expect_used)]

use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};

use lms::config::DatabaseUrl;
use lms::db::DbConnection;

/// The admin `boss`'s password, as `--password-stdin` reads it.
pub const PW: &str = "long enough pw\n";

/// Runs `cmd` with `stdin` fed in and its output piped.
fn finish(cmd: &mut Command, stdin: &str) -> Output {
    let mut child = cmd
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("start lms");
    // A command refused before it reads stdin may have exited and closed the pipe already.
    let mut pipe = child.stdin.take().expect("stdin piped");
    if let Err(e) = pipe.write_all(stdin.as_bytes()) {
        assert_eq!(e.kind(), std::io::ErrorKind::BrokenPipe, "{e}");
    }
    drop(pipe);
    child.wait_with_output().expect("lms ran")
}

/// `lms args` on the SQLite file `db`, its home beside it.
pub fn lms(db: &Path, args: &[&str], stdin: &str) -> Output {
    finish(
        Command::new(env!("CARGO_BIN_EXE_lms"))
            .args(args)
            .env("DATABASE_URL", db)
            .env_remove("LMS_PASSWORD")
            .env("HOME", db.parent().unwrap())
            .env("XDG_DATA_HOME", db.parent().unwrap()),
        stdin,
    )
}

/// What `--database-url` takes for `url`: the MySQL URL with its password, not the
/// redacted form `Display` gives.
pub fn url_text(url: &DatabaseUrl) -> String {
    match url {
        DatabaseUrl::Sqlite(path) => path.display().to_string(),
        DatabaseUrl::Mysql(url) => url.clone(),
    }
}

/// `lms --database-url URL args` with `LMS_PASSWORD` unset and its home (data, log) in
/// `home`.
pub fn run(url: &DatabaseUrl, home: &Path, args: &[&str], stdin: &str) -> Output {
    finish(
        Command::new(env!("CARGO_BIN_EXE_lms"))
            .arg("--database-url")
            .arg(url_text(url))
            .args(args)
            .env_remove("DATABASE_URL")
            .env_remove("LMS_PASSWORD")
            .env("HOME", home)
            .env("XDG_DATA_HOME", home)
            .env("XDG_STATE_HOME", home),
        stdin,
    )
}

/// Makes the admin `boss` (password [`PW`]) with `lms user add`.
pub fn add_admin(url: &DatabaseUrl, home: &Path) {
    let out = run(
        url,
        home,
        &["user", "add", "boss", "--role", "admin", "--password-stdin"],
        PW,
    );
    assert!(out.status.success(), "{}", text(&out.stderr));
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
