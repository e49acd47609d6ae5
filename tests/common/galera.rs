//! The MariaDB Galera cluster that `.ci/galera` starts, as the tests see it:
//! `LMS_TEST_GALERA_URL` names every node (`mysql://user:pw@h1:p1,h2:p2,h3:p3`, no
//! database) and `LMS_TEST_GALERA_NODES` each node's server PID (`port:pid,…`), for the
//! test that kills one. Unset, the cluster tests skip and say why, in CI too: `.ci/test`
//! runs them without a cluster.
#![allow(dead_code, clippy::unwrap_used, clippy::expect_used)]

use diesel::prelude::*;

use lms::config::{DatabaseUrl, mysql_host, mysql_hosts};
use lms::db::DbConnection;

use super::TestDb;

pub struct Cluster {
    /// Every node, without a database.
    server: String,
}

/// The cluster, or `None` after saying why the test does not run.
pub fn cluster() -> Option<Cluster> {
    match std::env::var("LMS_TEST_GALERA_URL") {
        Ok(u) if !u.trim().is_empty() => Some(Cluster {
            server: u.trim().trim_end_matches('/').to_owned(),
        }),
        _ => {
            eprintln!("skipped: LMS_TEST_GALERA_URL is not set (bash .ci/galera starts a cluster)");
            None
        }
    }
}

impl Cluster {
    /// A migrated database of the test's own (`lms_test_galera_…`), opened through the URL
    /// naming every node (so on the first), dropped with the value.
    pub fn db(&self) -> TestDb {
        let db = super::mysql_db_on(
            &self.server,
            &format!("lms_test_galera_{}", super::unique_suffix()),
        );
        assert!(
            nodes(&db) >= 2,
            "LMS_TEST_GALERA_URL names one host: a cluster has several"
        );
        db
    }
}

fn url_text(db: &TestDb) -> &str {
    match &db.url {
        DatabaseUrl::Mysql(url) => url,
        DatabaseUrl::Sqlite(_) => unreachable!("a cluster database is MySQL"),
    }
}

/// How many nodes the URL names.
pub fn nodes(db: &TestDb) -> usize {
    mysql_hosts(url_text(db)).len()
}

/// `db` on node `i` (from 0, in the URL's order) alone.
pub fn node_url(db: &TestDb, i: usize) -> DatabaseUrl {
    DatabaseUrl::parse(&mysql_hosts(url_text(db))[i]).unwrap()
}

/// A connection of its own to `db` on node `i`.
pub fn connect(db: &TestDb, i: usize) -> DbConnection {
    let url = node_url(db, i);
    DbConnection::open(&url).unwrap_or_else(|e| panic!("open {url}: {e}"))
}

/// Node `i`'s `host:port`.
pub fn host(db: &TestDb, i: usize) -> String {
    mysql_host(&mysql_hosts(url_text(db))[i]).to_owned()
}

/// The PID of node `i`'s server from `LMS_TEST_GALERA_NODES`, checked to be a MariaDB
/// server (a PID the list names wrongly must not be killed).
pub fn server_pid(db: &TestDb, i: usize) -> u32 {
    let host = host(db, i);
    let port = host.rsplit(':').next().unwrap();
    let list = std::env::var("LMS_TEST_GALERA_NODES")
        .expect("LMS_TEST_GALERA_NODES (port:pid,…) names the servers' PIDs");
    let pid: u32 = list
        .split(',')
        .find_map(|entry| entry.trim().strip_prefix(port)?.strip_prefix(':'))
        .unwrap_or_else(|| panic!("LMS_TEST_GALERA_NODES={list} has no port {port}"))
        .parse()
        .unwrap();
    let cmdline = std::fs::read(format!("/proc/{pid}/cmdline")).unwrap_or_default();
    let cmdline = String::from_utf8_lossy(&cmdline);
    assert!(
        cmdline.contains("mariadbd") || cmdline.contains("mysqld"),
        "PID {pid} is not a MariaDB server: {cmdline:?}"
    );
    pid
}

/// `kill -9 pid`, and waits until it is gone.
pub fn kill_9(pid: u32) {
    let status = std::process::Command::new("kill")
        .args(["-9", &pid.to_string()])
        .status()
        .unwrap();
    assert!(status.success(), "kill -9 {pid}");
    let gone = (0..100).any(|_| {
        std::thread::sleep(std::time::Duration::from_millis(50));
        !std::path::Path::new(&format!("/proc/{pid}")).exists()
            || std::fs::read_to_string(format!("/proc/{pid}/stat"))
                .is_ok_and(|s| s.contains(") Z "))
    });
    assert!(gone, "PID {pid} still runs after kill -9");
}

#[derive(QueryableByName)]
struct Shown {
    #[diesel(sql_type = diesel::sql_types::Text, column_name = "Value")]
    value: String,
}

/// The value a `SHOW … LIKE 'name'` statement gives (`SHOW SESSION VARIABLES LIKE
/// 'wsrep_sync_wait'`), `None` when it gives no row.
pub fn show(conn: &mut DbConnection, statement: &str) -> Option<String> {
    let rows: Vec<Shown> = diesel::sql_query(statement).load(conn).unwrap();
    rows.into_iter().next().map(|r| r.value)
}

/// A `SHOW GLOBAL STATUS` counter of node `i`.
pub fn counter(db: &TestDb, i: usize, name: &str) -> u64 {
    show(
        &mut connect(db, i),
        &format!("SHOW GLOBAL STATUS LIKE '{name}'"),
    )
    .unwrap_or_else(|| panic!("no status {name}"))
    .parse()
    .unwrap()
}

/// Transactions the cluster rolled back for a write conflict between nodes, on every
/// node: each reached lms as error 1213. A certification failure is a commit that lost;
/// a brute-force abort, a transaction a replicated write went through.
pub fn conflicts(db: &TestDb) -> u64 {
    (0..nodes(db))
        .map(|i| {
            counter(db, i, "wsrep_local_cert_failures") + counter(db, i, "wsrep_local_bf_aborts")
        })
        .sum()
}
