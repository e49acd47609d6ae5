//! The `lms` binary as scripts use it: exit codes, one-line errors, stdin passwords.
#![allow(clippy::unwrap_used, clippy::expect_used)]

use std::io::Write;
use std::process::{Command, Output, Stdio};

fn lms(db: &std::path::Path, args: &[&str], stdin: &str) -> Output {
    lms_as(db, args, stdin, None)
}

/// `lms args` with `LMS_PASSWORD` set to `password` (else unset).
fn lms_as(db: &std::path::Path, args: &[&str], stdin: &str, password: Option<&str>) -> Output {
    let mut command = Command::new(env!("CARGO_BIN_EXE_lms"));
    match password {
        Some(pw) => command.env("LMS_PASSWORD", pw),
        None => command.env_remove("LMS_PASSWORD"),
    };
    let mut child = command
        .args(args)
        .env("DATABASE_URL", db)
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

/// Each ": "-separated part of an error line said once ("file is not a database: file is
/// not a database" was the cause printed twice).
fn assert_each_cause_once(err: &str) {
    let line = err.trim_end();
    let parts: Vec<&str> = line.split(": ").collect();
    for (i, part) in parts.iter().enumerate() {
        assert!(
            !parts[i + 1..].contains(part),
            "{part:?} said twice in {line:?}"
        );
    }
}

#[test]
fn bad_input_gives_one_clear_line() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("x.db");
    let not_a_database = dir.path().join("notes.txt");
    std::fs::write(&not_a_database, "hello, not SQLite at all\n".repeat(100)).unwrap();
    let not_a_database = not_a_database.to_str().unwrap();
    for (args, expect) in [
        (
            vec!["--database-url", not_a_database, "migrate"],
            "file is not a database",
        ),
        (
            vec!["demo", "--licenses", "-5"],
            "'-5' for '--licenses <LICENSES>': must not be negative",
        ),
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
        assert_each_cause_once(err.lines().next().unwrap_or_default());
    }
}

/// `lms user ...` run as the admin `boss` (password in `LMS_PASSWORD`): success, stdout.
fn as_boss(db: &std::path::Path, args: &[&str], stdin: &str) -> Result<String, String> {
    let mut all = args.to_vec();
    all.extend(["--user", "boss"]);
    let out = lms_as(db, &all, stdin, Some(BOSS_PW));
    if out.status.success() {
        Ok(text(&out.stdout))
    } else {
        assert!(out.stdout.is_empty(), "{}", text(&out.stdout));
        Err(text(&out.stderr))
    }
}

/// `lms user list` signed in as `sam` with `password` (from stdin): its stderr.
fn sam_lists(db: &std::path::Path, password: &str) -> String {
    let args = ["user", "list", "--user", "sam", "--password-stdin"];
    let out = lms(db, &args, &format!("{password}\n"));
    assert!(!out.status.success());
    // Refused before anything is printed, the header included.
    assert_eq!(text(&out.stdout), "");
    text(&out.stderr)
}

const BOSS_PW: &str = "long enough pw";

#[test]
fn user_administration_subcommands() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("users.db");
    let boss = ["user", "add", "boss", "--role", "admin", "--password-stdin"];
    assert!(lms(&db, &boss, &format!("{BOSS_PW}\n")).status.success());
    let add = ["user", "add", "sam", "--role", "sales", "--password-stdin"];
    let out = as_boss(&db, &add, "sam password 1\n").unwrap();
    assert_eq!(out.trim(), "created operator sam (sales)");

    // A non-admin is refused before the header is printed.
    assert!(sam_lists(&db, "sam password 1").contains("not allowed: manage operators"));

    assert_eq!(
        as_boss(&db, &["user", "role", "sam", "manager"], "")
            .unwrap()
            .trim(),
        "sam is now a manager"
    );
    let err = as_boss(&db, &["user", "role", "sam", "root"], "").unwrap_err();
    assert!(err.contains("unknown role"), "{err}");
    let err = as_boss(&db, &["user", "disable", "nobody"], "").unwrap_err();
    assert!(err.contains("operator \"nobody\" not found"), "{err}");

    assert_eq!(
        as_boss(&db, &["user", "disable", "sam"], "")
            .unwrap()
            .trim(),
        "disabled sam"
    );
    let generic = "lms: error: wrong username or password";
    assert_eq!(sam_lists(&db, "sam password 1").trim(), generic);
    assert_eq!(
        as_boss(&db, &["user", "enable", "sam"], "").unwrap().trim(),
        "enabled sam"
    );
    let err = as_boss(&db, &["user", "disable", "boss"], "").unwrap_err();
    assert!(err.contains("boss is the last active admin"), "{err}");
    let err = as_boss(&db, &["user", "role", "boss", "viewer"], "").unwrap_err();
    assert!(err.contains("boss is the last active admin"), "{err}");

    // Five wrong passwords lock sam; the lock says no more than a wrong password.
    for _ in 0..5 {
        assert_eq!(sam_lists(&db, "wrong password").trim(), generic);
    }
    assert_eq!(sam_lists(&db, "sam password 1").trim(), generic);
    assert_eq!(
        as_boss(&db, &["user", "unlock", "sam"], "").unwrap().trim(),
        "unlocked sam"
    );

    // Five guesses lock even the last admin; whoever holds the database unlocks it
    // without a login.
    let boss_lists = ["user", "list", "--user", "boss", "--password-stdin"];
    for _ in 0..5 {
        let out = lms(&db, &boss_lists, "a guess\n");
        assert_eq!(text(&out.stderr).trim(), generic);
    }
    assert_eq!(
        as_boss(&db, &["user", "list"], "").unwrap_err().trim(),
        generic
    );
    let out = lms(&db, &["user", "unlock", "BOSS"], "");
    assert!(out.status.success(), "{}", text(&out.stderr));
    assert_eq!(text(&out.stdout).trim(), "unlocked boss without a login");
    let out = lms(&db, &["user", "unlock", "boss"], "");
    assert_eq!(
        text(&out.stdout).trim(),
        "boss was not locked; nothing changed"
    );
    assert!(as_boss(&db, &["user", "list"], "").is_ok());

    // A reset prints a one-time password once; it only leads to choosing a new one.
    let out = as_boss(&db, &["user", "passwd", "sam"], "").unwrap();
    let one_time = out
        .lines()
        .find_map(|l| l.strip_prefix("one-time password for sam: "))
        .and_then(|rest| rest.split_whitespace().next())
        .expect("the one-time password")
        .to_owned();
    assert_eq!(one_time.len(), 20, "{out}");
    assert!(sam_lists(&db, &one_time).contains("choose a new one first"));
    let args = ["user", "passwd", "sam", "--password-stdin"];
    let out = lms(&db, &args, &format!("{one_time}\nsam password 2\n"));
    assert!(out.status.success(), "{}", text(&out.stderr));
    assert_eq!(text(&out.stdout).trim(), "changed the password of sam");
    assert!(sam_lists(&db, "sam password 2").contains("not allowed"));
}

#[test]
fn version_names_the_backends_compiled_in() {
    let out = Command::new(env!("CARGO_BIN_EXE_lms"))
        .arg("--version")
        .output()
        .unwrap();
    assert!(out.status.success());
    let text = String::from_utf8(out.stdout).unwrap();
    assert!(
        text.starts_with(&format!("lms {}", env!("CARGO_PKG_VERSION"))),
        "{text}"
    );
    assert_eq!(text.contains("sqlite"), cfg!(feature = "sqlite"), "{text}");
    assert_eq!(text.contains("mysql"), cfg!(feature = "mysql"), "{text}");
}

#[test]
fn the_log_is_in_the_state_directory_and_names_sign_ins_and_refusals_without_passwords() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("cli.db");
    let state = dir.path().join("state");
    let run_as = |args: &[&str], stdin: &str, login: Option<&str>| {
        let mut command = Command::new(env!("CARGO_BIN_EXE_lms"));
        if let Some(pw) = login {
            command.env("LMS_PASSWORD", pw);
        } else {
            command.env_remove("LMS_PASSWORD");
        }
        let mut child = command
            .args(args)
            .env("DATABASE_URL", &db)
            .env("HOME", dir.path())
            .env("XDG_DATA_HOME", dir.path())
            .env("XDG_STATE_HOME", &state)
            .env_remove("LMS_LOG")
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .unwrap();
        let _ = child.stdin.take().unwrap().write_all(stdin.as_bytes());
        child.wait_with_output().unwrap()
    };
    let run = |args: &[&str], stdin: &str| run_as(args, stdin, None);
    let add = ["user", "add", "boss", "--role", "admin", "--password-stdin"];
    assert!(run(&add, "long enough pw\n").status.success());
    let add_viewer = [
        "user",
        "add",
        "val",
        "--role",
        "viewer",
        "--user",
        "boss",
        "--password-stdin",
    ];
    let out = run_as(&add_viewer, "long enough pw\n", Some("long enough pw"));
    assert!(out.status.success(), "{}", text(&out.stderr));
    let list = ["user", "list", "--user", "val", "--password-stdin"];
    assert!(!run(&list, "long enough pw\n").status.success());
    assert!(!run(&list, "secret wrong pw\n").status.success());
    let log = std::fs::read_to_string(state.join("lms").join("lms.log")).unwrap();
    assert!(log.contains("signed in") && log.contains("val"), "{log}");
    assert!(log.contains("refused"), "{log}");
    assert!(log.contains("wrong password"), "{log}");
    assert!(
        !log.contains("long enough pw") && !log.contains("secret wrong pw"),
        "{log}"
    );
    assert!(
        !dir.path().join("lms").join("lms.log").exists(),
        "not in the data directory"
    );
}
