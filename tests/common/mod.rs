//! Test support: every database test body runs on SQLite and, when `LMS_TEST_MYSQL_URL` is
//! set, on MariaDB/MySQL, each test on a database of its own. In CI (`CI=true`) a missing
//! MySQL URL fails the run instead of skipping.
#![allow(dead_code, clippy::unwrap_used, clippy::expect_used)]

pub mod builders;
pub mod cli;
pub mod fixtures;
pub mod forms;
pub mod galera;
pub mod importing;
pub mod live;
pub mod money;
pub mod performance;
pub mod proxy;
pub mod read_models;
pub mod refusals;
pub mod screens;
pub mod utilization;

use std::sync::atomic::{AtomicU32, Ordering};

use lms::auth::Actor;
use lms::config::DatabaseUrl;
use lms::db::DbConnection;
use lms::domain::Role;

/// A migrated database that removes itself when dropped.
pub struct TestDb {
    pub conn: DbConnection,
    pub url: DatabaseUrl,
    _dir: Option<tempfile::TempDir>,
    mysql_drop: Option<(String, String)>,
}

impl TestDb {
    pub fn name(&self) -> &'static str {
        self.conn.kind().name()
    }

    /// A second, independent connection to the same database (another "process").
    pub fn connect_again(&self) -> DbConnection {
        DbConnection::open(&self.url).expect("reconnect")
    }
}

impl Drop for TestDb {
    fn drop(&mut self) {
        #[cfg(feature = "mysql")]
        if let Some((url, name)) = self.mysql_drop.take() {
            use diesel::Connection;
            use diesel::connection::SimpleConnection;
            // Through the first host that answers: a cluster's node may be down by now.
            for host in lms::config::mysql_hosts(&url) {
                let server = lms::config::split_mysql_database(&host).map(|(s, _)| s);
                if let Some(Ok(mut c)) = server.map(|s| diesel::MysqlConnection::establish(&s)) {
                    let _ = c.batch_execute(&format!("DROP DATABASE IF EXISTS `{name}`"));
                    break;
                }
            }
        }
    }
}

static COUNTER: AtomicU32 = AtomicU32::new(0);

fn unique_suffix() -> String {
    let n = COUNTER.fetch_add(1, Ordering::Relaxed);
    let nanos = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map_or(0, |d| d.subsec_nanos());
    format!("{}_{n}_{nanos}", std::process::id())
}

pub fn sqlite_db() -> TestDb {
    let dir = tempfile::tempdir().expect("tempdir");
    let url = DatabaseUrl::Sqlite(dir.path().join("test.db"));
    let mut conn = DbConnection::open(&url).expect("open sqlite");
    conn.migrate().expect("migrate sqlite");
    TestDb {
        conn,
        url,
        _dir: Some(dir),
        mysql_drop: None,
    }
}

/// The MySQL server URL for tests, or `None` to skip MySQL. Panics in CI when unset.
pub fn mysql_server_url() -> Option<String> {
    match std::env::var("LMS_TEST_MYSQL_URL") {
        Ok(u) if !u.trim().is_empty() => Some(u.trim().trim_end_matches('/').to_owned()),
        _ => {
            assert!(
                std::env::var("CI").map_or(true, |v| v != "true"),
                "CI=true but LMS_TEST_MYSQL_URL is not set: MySQL tests must run in CI"
            );
            None
        }
    }
}

#[cfg(feature = "mysql")]
pub fn mysql_db() -> Option<TestDb> {
    let server = mysql_server_url()?;
    Some(mysql_db_on(
        &server,
        &format!("lms_test_{}", unique_suffix()),
    ))
}

/// A migrated database `name` on the MySQL server (or the nodes: several hosts) `server`
/// names, dropped when the value is.
#[cfg(feature = "mysql")]
pub fn mysql_db_on(server: &str, name: &str) -> TestDb {
    let text = format!("{server}/{name}");
    let url = DatabaseUrl::parse(&text).expect("mysql url");
    // open() creates the database when it is missing.
    let conn = DbConnection::open(&url)
        .unwrap_or_else(|e| panic!("open {url} (is the server reachable?): {e}"));
    // Made before migrating, so that a failed migration drops the database too.
    let mut db = TestDb {
        conn,
        url,
        _dir: None,
        mysql_drop: Some((text, name.to_owned())),
    };
    db.conn.migrate().expect("migrate mysql");
    db
}

#[cfg(not(feature = "mysql"))]
pub fn mysql_db() -> Option<TestDb> {
    if mysql_server_url().is_some() {
        panic!("LMS_TEST_MYSQL_URL is set but this test build lacks the `mysql` feature");
    }
    None
}

/// Runs `body` once per available backend, each on a fresh, migrated database.
pub fn each_backend(body: impl Fn(&mut TestDb)) {
    let mut sqlite = sqlite_db();
    body(&mut sqlite);
    if let Some(mut mysql) = mysql_db() {
        body(&mut mysql);
    }
}

/// An operator row of `role` (no usable password) and the actor for it, for tests that
/// call use cases directly.
pub fn actor(db: &mut TestDb, role: Role) -> Actor {
    use diesel::prelude::*;
    use lms::db::schema::operators;
    let username = format!("test-{role}-{}", unique_suffix());
    diesel::insert_into(operators::table)
        .values(&lms::db::models::NewOperator {
            username: &username,
            password_hash: "!",
            role: role.as_str(),
            disabled: false,
            failed_attempts: 0,
            created_at: lms::db::now(),
        })
        .execute(&mut db.conn)
        .expect("insert operator");
    let operator_id = operators::table
        .filter(operators::username.eq(&username))
        .select(operators::id)
        .first(&mut db.conn)
        .expect("operator id");
    Actor {
        operator_id,
        username,
        role,
    }
}
