//! The `lms` binary as scripts use it: exit codes, one-line errors, stdin passwords.
#![allow(clippy::unwrap_used, clippy::expect_used)]

use std::io::Write;
use std::process::{Command, Output, Stdio};

fn lms(db: &std::path::Path, args: &[&str], stdin: &str) -> Output {
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
    // A command refused on its flags exits without reading its input.
    let written = child.stdin.take().unwrap().write_all(stdin.as_bytes());
    if let Err(e) = written {
        assert_eq!(e.kind(), std::io::ErrorKind::BrokenPipe, "{e}");
    }
    child.wait_with_output().unwrap()
}

fn text(b: &[u8]) -> String {
    String::from_utf8_lossy(b).into_owned()
}

#[test]
fn first_admin_then_gated_commands() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("cli.db");

    let out = lms(&db, &["migrate"], "");
    assert!(out.status.success(), "{}", text(&out.stderr));
    assert!(text(&out.stdout).contains("migration(s) applied"));

    // The first operator needs no login but must be an admin.
    let out = lms(
        &db,
        &[
            "user",
            "add",
            "boss",
            "--role",
            "viewer",
            "--password-stdin",
        ],
        "long enough pw\n",
    );
    assert!(!out.status.success());
    assert!(
        text(&out.stderr).contains("first operator must be an admin"),
        "{}",
        text(&out.stderr)
    );
    let out = lms(
        &db,
        &["user", "add", "boss", "--role", "admin", "--password-stdin"],
        "long enough pw\n",
    );
    assert!(out.status.success(), "{}", text(&out.stderr));
    assert_eq!(text(&out.stdout).trim(), "created operator boss (admin)");

    // Later accounts need an admin login.
    let out = lms(
        &db,
        &["user", "add", "eve", "--role", "viewer", "--password-stdin"],
        "long enough pw\n",
    );
    assert!(!out.status.success());
    assert!(
        text(&out.stderr).contains("--user"),
        "{}",
        text(&out.stderr)
    );

    let out = lms(
        &db,
        &["user", "list", "--user", "boss", "--password-stdin"],
        "long enough pw\n",
    );
    assert!(out.status.success(), "{}", text(&out.stderr));
    assert!(text(&out.stdout).contains("boss") && text(&out.stdout).contains("admin"));

    let out = lms(
        &db,
        &["user", "list", "--user", "boss", "--password-stdin"],
        "wrong password\n",
    );
    assert!(!out.status.success());
    assert_eq!(
        text(&out.stderr).trim(),
        "lms: error: wrong username or password"
    );

    // Business commands authenticate.
    let out = lms(&db, &["demo"], "");
    assert!(!out.status.success());
    assert!(
        text(&out.stderr).contains("--user NAME"),
        "{}",
        text(&out.stderr)
    );
}

#[test]
fn bad_input_gives_one_clear_line() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("x.db");
    for (args, expect) in [
        (
            vec!["--database-url", "postgres://h/db", "migrate"],
            "unsupported database URL scheme",
        ),
        (
            vec![
                "--database-url",
                "mysql://root@127.0.0.1:1/lms_nope",
                "migrate",
            ],
            if cfg!(feature = "mysql") {
                "cannot open the database"
            } else {
                "without MySQL support"
            },
        ),
        (
            vec!["--database-url", "mysql://root@127.0.0.1", "migrate"],
            "no database name",
        ),
        (
            vec!["user", "add", "x", "--role", "root", "--password-stdin"],
            "unknown role",
        ),
        (
            vec![
                "user",
                "add",
                "bad name",
                "--role",
                "admin",
                "--password-stdin",
            ],
            "username may use only",
        ),
        (
            vec!["user", "add", "ok", "--role", "admin", "--password-stdin"],
            "at least 10 characters",
        ),
    ] {
        let out = lms(&db, &args, "short\n");
        let err = text(&out.stderr);
        assert!(!out.status.success(), "{args:?}");
        assert!(err.contains(expect), "{args:?}: {err}");
        assert!(
            !err.contains("panicked") && !err.contains("backtrace"),
            "{err}"
        );
    }
}
