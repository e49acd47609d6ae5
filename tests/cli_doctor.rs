//! `lms doctor` as scripts run it: exit 0 when the schema matches, 1 with the differences
//! listed, 2 when the check cannot run; names from the database never reach the terminal
//! raw; the MySQL scratch database is gone when the process ends.
#![allow(clippy::unwrap_used, clippy::expect_used)]

mod common;

use std::process::{Command, Output};

use common::cli::url_text;
use diesel::connection::SimpleConnection;
use lms::config::DatabaseUrl;

/// `lms --database-url URL doctor`, and the process id it ran as.
fn doctor(url: &str) -> (Output, u32) {
    let home = tempfile::tempdir().unwrap();
    let child = Command::new(env!("CARGO_BIN_EXE_lms"))
        .args(["--database-url", url, "doctor"])
        .env_remove("DATABASE_URL")
        .env("HOME", home.path())
        .env("XDG_DATA_HOME", home.path())
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .unwrap();
    let pid = child.id();
    (child.wait_with_output().unwrap(), pid)
}

fn text(b: &[u8]) -> String {
    String::from_utf8_lossy(b).into_owned()
}

/// The `lms_doctor_<pid>_*` databases on the server of `db` (none on SQLite).
fn scratch_left(db: &mut common::TestDb, pid: u32) -> Vec<String> {
    use diesel::prelude::*;
    #[derive(QueryableByName)]
    struct Name {
        #[diesel(sql_type = diesel::sql_types::Text)]
        name: String,
    }
    if db.conn.kind() != lms::db::BackendKind::Mysql {
        return Vec::new();
    }
    diesel::sql_query(format!(
        "SELECT SCHEMA_NAME AS name FROM information_schema.SCHEMATA \
         WHERE SCHEMA_NAME LIKE 'lms\\_doctor\\_{pid}\\_%'"
    ))
    .load::<Name>(&mut db.conn)
    .unwrap()
    .into_iter()
    .map(|n| n.name)
    .collect()
}

#[test]
fn a_matching_schema_exits_0_and_leaves_no_scratch_database() {
    common::each_backend(|db| {
        let (out, pid) = doctor(&url_text(&db.url));
        assert_eq!(out.status.code(), Some(0), "{}", text(&out.stderr));
        assert!(
            text(&out.stdout).ends_with(": the schema matches the migrations\n"),
            "{}",
            text(&out.stdout)
        );
        assert_eq!(scratch_left(db, pid), Vec::<String>::new(), "{}", db.name());
    });
}

#[test]
fn differences_exit_1_with_the_list_and_safe_names() {
    common::each_backend(|db| {
        // A name holding ESC [31m (red) and a bidi override.
        db.conn
            .batch_execute(
                "CREATE INDEX `evil\u{1b}[31m\u{202e}x` ON companies (name, id); \
                 ALTER TABLE purchases ADD COLUMN legacy_code TEXT;",
            )
            .unwrap();
        let (out, pid) = doctor(&url_text(&db.url));
        assert_eq!(out.status.code(), Some(1), "{}", text(&out.stderr));
        let stdout = text(&out.stdout);
        assert!(
            stdout.ends_with(
                " 2 differences between the schema and the migrations:\n  \
                 index companies.evil\u{fffd}[31m\u{fffd}x: in the database but not in the \
                 migrations\n  column purchases.legacy_code: in the database but not in the \
                 migrations\n"
            ),
            "{}: {stdout}",
            db.name()
        );
        assert!(!stdout.contains('\u{1b}') && !stdout.contains('\u{202e}'));
        assert_eq!(scratch_left(db, pid), Vec::<String>::new(), "{}", db.name());
    });
}

#[test]
fn a_missing_database_exits_2_and_is_not_created() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("none.db");
    let (out, _) = doctor(&path.display().to_string());
    assert_eq!(out.status.code(), Some(2));
    assert_eq!(
        text(&out.stderr),
        format!(
            "lms: error: sqlite://{}: the database does not exist\n",
            path.display()
        )
    );
    assert!(!path.exists(), "doctor created the file");
    if let Some(server) = common::mysql_server_url() {
        let (out, _) = doctor(&format!("{server}/lms_doctor_absent_db"));
        assert_eq!(out.status.code(), Some(2));
        assert!(
            text(&out.stderr).ends_with("/lms_doctor_absent_db: the database does not exist\n"),
            "{}",
            text(&out.stderr)
        );
    }
}

#[test]
fn an_unreachable_server_exits_2() {
    // Port 9 (discard) on loopback: nothing listens there.
    let (out, _) = doctor("mysql://nobody@127.0.0.1:9/lms");
    assert_eq!(out.status.code(), Some(2), "{}", text(&out.stderr));
    let stderr = text(&out.stderr);
    assert!(
        stderr.starts_with(
            "lms: error: mysql://nobody:***@127.0.0.1:9/lms: cannot open the database"
        ),
        "{stderr}"
    );
    assert_eq!(stderr.lines().count(), 1, "{stderr}");
}

/// Drops the MySQL account it names when dropped.
struct Account<'a>(&'a mut common::TestDb, String);

impl Drop for Account<'_> {
    fn drop(&mut self) {
        let _ = self
            .0
            .conn
            .batch_execute(&format!("DROP USER IF EXISTS '{}'@'%'", self.1));
    }
}

/// An account that may read the database but not create one: a clear refusal, exit 2.
#[test]
fn an_account_without_create_exits_2_saying_what_it_needs() {
    let Some(mut db) = common::mysql_db() else {
        return;
    };
    let DatabaseUrl::Mysql(url) = db.url.clone() else {
        unreachable!()
    };
    let (_, name) = lms::config::split_mysql_database(&url).unwrap();
    let user = format!("ro_{}", std::process::id());
    // `_` in a GRANT's database name is a wildcard: escaped, the grant names this database
    // alone, which an account with rights on `lms\_test\_%` only (.ci/test's) may give.
    let exact = name.replace('_', "\\_");
    db.conn
        .batch_execute(&format!(
            "CREATE USER '{user}'@'%' IDENTIFIED BY 'read-only-pw'; \
             GRANT SELECT ON `{exact}`.* TO '{user}'@'%';"
        ))
        .unwrap();
    let account = Account(&mut db, user.clone());
    let host = url.split_once('@').unwrap().1;
    let (out, _) = doctor(&format!("mysql://{user}:read-only-pw@{host}"));
    drop(account);
    let stderr = text(&out.stderr);
    assert_eq!(out.status.code(), Some(2), "{stderr}");
    assert!(
        stderr.contains(": cannot create the scratch database lms_doctor_")
            && stderr
                .ends_with(". The account needs CREATE and DROP on databases named lms_doctor_%\n"),
        "{stderr}"
    );
    assert!(!stderr.contains("read-only-pw"), "{stderr}");
}
