//! Where the database is, as the operator gives it: a mistyped path is refused with one
//! line and creates nothing; only the default data directory is made without asking.
#![allow(clippy::unwrap_used, clippy::expect_used)]

use std::path::Path;
use std::process::{Command, Output};

/// `lms args` in `cwd`, with `home` as every XDG directory and `DATABASE_URL` as given.
fn lms(cwd: &Path, home: &Path, database_url: Option<&Path>, args: &[&str]) -> Output {
    let mut command = Command::new(env!("CARGO_BIN_EXE_lms"));
    match database_url {
        Some(url) => command.env("DATABASE_URL", url),
        None => command.env_remove("DATABASE_URL"),
    };
    command
        .args(args)
        .current_dir(cwd)
        .env("HOME", home)
        .env("XDG_DATA_HOME", home.join("data"))
        .env("XDG_STATE_HOME", home.join("state"))
        .output()
        .unwrap()
}

fn text(b: &[u8]) -> String {
    String::from_utf8_lossy(b).into_owned()
}

#[track_caller]
fn assert_refused(out: &Output, expect: &str) {
    let err = text(&out.stderr);
    assert_eq!(out.status.code(), Some(1), "{err}");
    assert_eq!(err.lines().count(), 1, "{err}");
    assert!(err.starts_with("lms: error: "), "{err}");
    assert!(err.contains(expect), "{expect:?} not in {err:?}");
    assert!(out.stdout.is_empty(), "{}", text(&out.stdout));
}

#[test]
fn a_missing_directory_is_refused_wherever_the_path_comes_from() {
    let dir = tempfile::tempdir().unwrap();
    let home = dir.path();
    let missing = home.join("no").join("such").join("dir");
    let db = missing.join("lms.db");
    let expect = format!("the directory {} does not exist", missing.display());

    let flag = ["--database-url", db.to_str().unwrap(), "migrate"];
    assert_refused(&lms(home, home, None, &flag), &expect);
    assert_refused(&lms(home, home, Some(&db), &["migrate"]), &expect);
    // A .env in the working directory.
    std::fs::write(
        home.join(".env"),
        format!("DATABASE_URL=sqlite://{}\n", db.display()),
    )
    .unwrap();
    assert_refused(&lms(home, home, None, &["migrate"]), &expect);
    // The interactive screen is refused the same way, before it takes the terminal.
    assert_refused(&lms(home, home, None, &[]), &expect);
    // Other commands read the same setting.
    let list = ["user", "list", "--user", "boss", "--password-stdin"];
    assert_refused(&lms(home, home, None, &list), &expect);

    assert!(!home.join("no").exists(), "a directory was created");
    assert!(!home.join("data").exists(), "the default was used");
}

#[test]
fn a_path_through_a_file_is_not_a_directory() {
    let dir = tempfile::tempdir().unwrap();
    let home = dir.path();
    let file = home.join("notes.txt");
    std::fs::write(&file, "not a directory").unwrap();
    for db in [file.join("lms.db"), file.join("deeper").join("lms.db")] {
        let out = lms(home, home, Some(&db), &["migrate"]);
        assert_refused(&out, &format!("{} is not a directory", file.display()));
    }
}

#[test]
fn the_default_data_directory_is_created_silently() {
    let dir = tempfile::tempdir().unwrap();
    let home = dir.path();
    let out = lms(home, home, None, &["migrate"]);
    assert!(out.status.success(), "{}", text(&out.stderr));
    assert!(out.stderr.is_empty(), "{}", text(&out.stderr));
    assert!(home.join("data").join("lms").join("lms.db").is_file());
    // A path in a directory that exists is created as before.
    let db = home.join("second.db");
    let out = lms(home, home, Some(&db), &["migrate"]);
    assert!(out.status.success(), "{}", text(&out.stderr));
    assert!(db.is_file());
}
