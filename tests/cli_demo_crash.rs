//! `kill -9` of `lms demo` at the points where a MariaDB load used to leave a broken
//! database (issue 13, defect 1): while its rows were being committed, and while it rebuilt
//! the indexes it had dropped. Afterwards lms refuses to work on the database and says what
//! to run, `lms doctor` names the interrupted load, and `lms migrate` makes the schema whole
//! again, removing a half-loaded demo and keeping a complete one; then `lms demo` loads. On
//! SQLite the load is one transaction: a kill leaves nothing.
#![allow(clippy::unwrap_used, clippy::expect_used)]

mod common;

use std::io::{BufRead, BufReader};
use std::path::Path;
use std::process::{Child, Command, Stdio};
use std::sync::mpsc::{self, Receiver};
use std::time::{Duration, Instant};

use common::cli::{PW, add_admin, run, text, url_text};
use common::{TestDb, each_backend};
use diesel::connection::SimpleConnection;
use diesel::prelude::*;
use lms::db::BackendKind;
use lms::db::schema::audit_log;

const SIZE: [&str; 4] = ["--licenses", "30000", "--activity-rows", "300000"];

/// A command that reads business data as an operator.
const REPORT: [&str; 5] = [
    "report",
    "utilization",
    "--user",
    "boss",
    "--password-stdin",
];

const READ_MODELS: [&str; 5] = [
    "company_money",
    "company_month_money",
    "app_log_counts",
    "portal_user_activity",
    "portal_user_counts",
];

/// `lms demo` at [`SIZE`], its stderr's lines (the progress) sent to the receiver.
fn start_demo(db: &TestDb, home: &Path) -> (Child, Receiver<String>) {
    let mut child = Command::new(env!("CARGO_BIN_EXE_lms"))
        .args(["--database-url", &url_text(&db.url), "demo"])
        .args(["--user", "boss", "--password-stdin"])
        .args(SIZE)
        .env("HOME", home)
        .env("XDG_STATE_HOME", home)
        .stdin(Stdio::piped())
        .stdout(Stdio::null())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    std::io::Write::write_all(child.stdin.as_mut().unwrap(), PW.as_bytes()).unwrap();
    let stderr = child.stderr.take().unwrap();
    let (tx, rx) = mpsc::channel();
    std::thread::spawn(move || {
        for line in BufReader::new(stderr).lines().map_while(Result::ok) {
            if tx.send(line).is_err() {
                break;
            }
        }
    });
    (child, rx)
}

/// Waits for the progress line of `table` (written when the table is complete).
fn wait_for(lines: &Receiver<String>, table: &str) {
    let deadline = Instant::now() + Duration::from_secs(300);
    loop {
        let left = deadline.saturating_duration_since(Instant::now());
        let line = lines
            .recv_timeout(left)
            .unwrap_or_else(|e| panic!("no progress line for {table}: {e}"));
        if line.trim_start().starts_with(table) {
            return;
        }
    }
}

fn kill_9(mut child: Child) {
    assert!(
        child.try_wait().unwrap().is_none(),
        "finished before the kill"
    );
    child.kill().unwrap();
    child.wait().unwrap();
}

fn count(db: &TestDb, table: &str) -> i64 {
    let n: N = diesel::sql_query(format!("SELECT COUNT(*) AS n FROM {table}"))
        .get_result(&mut db.connect_again())
        .unwrap();
    n.n
}

#[derive(QueryableByName)]
struct N {
    #[diesel(sql_type = diesel::sql_types::BigInt)]
    n: i64,
}

/// `lms args`: exit code, stdout, stderr.
fn lms(db: &TestDb, home: &Path, args: &[&str]) -> (i32, String, String) {
    let out = run(&db.url, home, args, PW);
    (
        out.status.code().unwrap_or(-1),
        text(&out.stdout),
        text(&out.stderr),
    )
}

/// What every check of a database that an interrupted MySQL load left says.
fn assert_refused_until_repaired(db: &TestDb, home: &Path, removed: bool) {
    // The server may still be running the killed process's last statement, and holds its
    // lock until then: lms says so, and the test waits.
    let deadline = Instant::now() + Duration::from_secs(60);
    let (code, err) = loop {
        let (code, _, err) = lms(db, home, &REPORT);
        if !err.contains("is still running in another session") || Instant::now() > deadline {
            break (code, err);
        }
        std::thread::sleep(Duration::from_millis(200));
    };
    assert_eq!(code, 1, "{err}");
    assert!(
        err.contains("was interrupted") && err.contains("run `lms migrate`"),
        "{err}"
    );
    let (code, out, _) = lms(db, home, &["doctor"]);
    assert_eq!(code, 1, "{out}");
    assert!(out.contains("was interrupted"), "{out}");
    if removed {
        assert!(
            out.contains("index licenses.licenses_company_status: missing"),
            "{out}"
        );
    }
    let (code, out, err) = lms(db, home, &["migrate"]);
    assert_eq!(code, 0, "{out}{err}");
    let rows = if removed {
        "removed its rows"
    } else {
        "kept its rows"
    };
    assert!(
        out.contains("repaired the demo load") && out.contains(rows),
        "{out}"
    );
}

/// After any kill and `lms migrate`: the schema matches, nothing is journaled, lms works.
fn assert_whole(db: &TestDb, home: &Path) {
    let (code, out, err) = lms(db, home, &["doctor"]);
    assert_eq!(code, 0, "{out}{err}");
    assert_eq!(count(db, "load_journal"), 0);
    let mut conn = db.connect_again();
    assert_eq!(common::read_models::read_model_triggers(&mut conn), 3);
    if count(db, "app_log") > 0 {
        common::read_models::assert_activity_read_models_exact(&mut conn);
        // A load killed after its rows were complete gets the purchases' read models
        // from the repair, which computes them once the indexes are back.
        common::money::assert_licence_models(&mut conn, "repaired");
        assert_eq!(
            common::money::kept(&mut conn),
            common::money::from_scratch(&mut conn),
            "company_money after the repair"
        );
    } else {
        for table in READ_MODELS {
            assert_eq!(count(db, table), 0, "{table}");
        }
    }
    let (code, _, err) = lms(db, home, &REPORT);
    assert_eq!(code, 0, "{err}");
}

#[test]
fn killed_while_committing_rows_the_load_is_removed_by_the_next_migrate() {
    each_backend(|db| {
        let home = tempfile::tempdir().unwrap();
        add_admin(&db.url, home.path());
        let (child, lines) = start_demo(db, home.path());
        // Purchases are in (more than 50,000 rows, so a commit or more went through);
        // deployments are going in.
        wait_for(&lines, "purchases");
        kill_9(child);
        if db.conn.kind() == BackendKind::Mysql {
            assert!(
                count(db, "companies") > 0,
                "nothing committed before the kill"
            );
            assert_refused_until_repaired(db, home.path(), true);
        }
        assert_eq!(count(db, "companies"), 0);
        assert_eq!(count(db, "licenses"), 0);
        assert_eq!(count(db, "app_log"), 0);
        assert_whole(db, home.path());
        // Repaired once: a second migrate has nothing to do.
        let (code, out, _) = lms(db, home.path(), &["migrate"]);
        assert_eq!(code, 0);
        assert!(!out.contains("repaired"), "{out}");
        // And the demo loads.
        let (code, out, err) = lms(
            db,
            home.path(),
            &[
                "demo",
                "--user",
                "boss",
                "--password-stdin",
                "--licenses",
                "500",
            ],
        );
        assert_eq!(code, 0, "{out}{err}");
        assert_eq!(count(db, "licenses"), 500);
    });
}

#[test]
fn killed_while_rebuilding_indexes_the_complete_load_is_kept_and_indexed() {
    let Some(db) = common::mysql_db() else {
        return;
    };
    let home = tempfile::tempdir().unwrap();
    add_admin(&db.url, home.path());
    let (mut child, lines) = start_demo(&db, home.path());
    // Once the load has dropped its indexes and is writing rows, a reader's open
    // transaction on `purchases` holds that table's metadata lock, so the load's final
    // `ALTER TABLE purchases ADD INDEX` waits there: its rows and audit row committed, the
    // indexes of `app_log`, `deployments` and `licenses` rebuilt, the rest not.
    wait_for(&lines, "companies");
    let mut reader = db.connect_again();
    reader
        .batch_execute("BEGIN; SELECT id FROM purchases LIMIT 1;")
        .unwrap();
    let mut watch = db.connect_again();
    let deadline = Instant::now() + Duration::from_secs(300);
    let loader_thread = loop {
        assert!(
            Instant::now() < deadline,
            "the load never reached purchases' indexes"
        );
        if let Some(status) = child.try_wait().unwrap() {
            panic!("the load ended ({status}) without waiting at purchases' indexes");
        }
        let waiting: Option<i64> = diesel::sql_query(
            "SELECT ID AS id FROM information_schema.PROCESSLIST \
             WHERE STATE = 'Waiting for table metadata lock' AND INFO LIKE 'ALTER TABLE%'",
        )
        .get_result::<Id>(&mut watch)
        .optional()
        .unwrap()
        .map(|r| r.id);
        if let Some(id) = waiting {
            break id;
        }
        std::thread::sleep(Duration::from_millis(50));
    };
    // The process dies, and so does its session on the server.
    kill_9(child);
    watch
        .batch_execute(&format!("KILL CONNECTION {loader_thread}"))
        .unwrap();
    reader.batch_execute("COMMIT").unwrap();
    assert_refused_until_repaired(&db, home.path(), false);
    assert_eq!(count(&db, "licenses"), 30_000);
    assert_eq!(count(&db, "app_log"), 300_000);
    let audits: i64 = audit_log::table
        .filter(audit_log::entity.eq("demo"))
        .count()
        .get_result(&mut db.connect_again())
        .unwrap();
    assert_eq!(audits, 1);
    assert_whole(&db, home.path());
}

#[derive(QueryableByName)]
struct Id {
    #[diesel(sql_type = diesel::sql_types::BigInt)]
    id: i64,
}
