//! The database edge: one connection type over SQLite and MySQL, migrations, session set-up.

pub mod activity_summary;
pub mod bulk;
pub mod doctor;
pub mod health;
pub mod introspect;
pub mod license_summary;
pub mod load_journal;
pub mod models;
pub mod money_summary;
pub mod owner_bookings;
pub mod queries;
pub mod renewals;
pub mod retry;
pub mod schema;
pub mod text;

use chrono::{NaiveDateTime, Timelike, Utc};
use diesel::connection::SimpleConnection;
use diesel::prelude::*;
use diesel_migrations::{EmbeddedMigrations, MigrationHarness, embed_migrations};

use crate::config::DatabaseUrl;

#[cfg(not(any(feature = "sqlite", feature = "mysql")))]
compile_error!("enable at least one of the features `sqlite` and `mysql`");

/// One connection type for both backends, so each query is written once.
#[derive(diesel::MultiConnection)]
pub enum DbConnection {
    #[cfg(feature = "sqlite")]
    Sqlite(diesel::SqliteConnection),
    #[cfg(feature = "mysql")]
    Mysql(diesel::MysqlConnection),
}

/// The backend type queries are built for (`MultiBackend`).
pub type Db = <DbConnection as Connection>::Backend;

/// Runs `$body` with `$c` bound to the backend's own connection. For what the
/// multi-connection enum cannot express, such as multi-row inserts.
#[macro_export]
macro_rules! with_backend {
    ($conn:expr, |$c:ident| $body:expr) => {
        match $conn {
            #[cfg(feature = "sqlite")]
            $crate::db::DbConnection::Sqlite($c) => $body,
            #[cfg(feature = "mysql")]
            $crate::db::DbConnection::Mysql($c) => $body,
        }
    };
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum BackendKind {
    Sqlite,
    Mysql,
}

impl BackendKind {
    #[must_use]
    pub fn name(self) -> &'static str {
        match self {
            BackendKind::Sqlite => "SQLite",
            BackendKind::Mysql => "MySQL",
        }
    }
}

/// Why the database could not be opened, in one line for the operator.
#[derive(Debug, thiserror::Error)]
pub enum ConnectError {
    #[error("cannot open the database: {0}")]
    Connection(#[from] diesel::ConnectionError),
    #[error("cannot prepare the database: {0}")]
    Setup(#[from] diesel::result::Error),
    /// A SQLite path in a directory that does not exist, or through a file.
    #[error(transparent)]
    Location(#[from] crate::config::ConfigError),
    #[error("cannot apply migrations: {0}")]
    Migration(String),
    /// No host of a MySQL URL naming several answered; each one's error.
    #[error("no database host answered: {0}")]
    NoHost(String),
    #[error("the database does not exist")]
    Missing,
    #[error("{0}")]
    Unsupported(String),
    /// A bulk load is running, or died and left the database to repair.
    #[error("{0}")]
    Unfinished(load_journal::Unfinished),
}

#[cfg(feature = "sqlite")]
const SQLITE_MIGRATIONS: EmbeddedMigrations = embed_migrations!("migrations/sqlite");
#[cfg(feature = "mysql")]
const MYSQL_MIGRATIONS: EmbeddedMigrations = embed_migrations!("migrations/mysql");

impl DbConnection {
    /// Opens the database `url` names and prepares the session (pragmas, SQL mode).
    /// A missing SQLite file or MySQL database is created.
    ///
    /// # Errors
    /// The backend's own message when it cannot be reached or set up.
    pub fn open(url: &DatabaseUrl) -> Result<Self, ConnectError> {
        Self::open_from(url, 0).map(|(conn, _)| conn)
    }

    /// [`DbConnection::open`], for a MySQL URL naming several hosts (the nodes of a
    /// cluster): tries them in turn from host `first` (wrapping around) and returns the
    /// connection with the index of the host that answered. Reconnecting passes the next
    /// host after the one that failed, so that a dead node is tried last.
    ///
    /// # Errors
    /// As [`DbConnection::open`]; when no host answers, every host's error.
    pub fn open_from(url: &DatabaseUrl, first: usize) -> Result<(Self, usize), ConnectError> {
        match url {
            DatabaseUrl::Sqlite(path) => Ok((open_sqlite(path)?, 0)),
            DatabaseUrl::Mysql(url) => each_host(url, first, open_mysql),
        }
    }

    /// Opens the database `url` names for reading its catalogue, and changes nothing: a
    /// missing SQLite file or MySQL database is an error, SQLite is opened read-only
    /// (no journal-mode switch) and the MySQL session is read-only.
    ///
    /// # Errors
    /// [`ConnectError::Missing`] when there is no such database; else the backend's message.
    pub fn open_read_only(url: &DatabaseUrl) -> Result<Self, ConnectError> {
        match url {
            DatabaseUrl::Sqlite(path) => open_sqlite_read_only(path),
            DatabaseUrl::Mysql(url) => {
                let (mut conn, _) = each_host(url, 0, |host| connect_mysql(host, false))?;
                conn.batch_execute("SET SESSION TRANSACTION READ ONLY")?;
                Ok(conn)
            }
        }
    }

    /// The embedded migrations of this connection's backend as `(version, name)`, in order.
    #[must_use]
    pub fn embedded_migrations(&self) -> Vec<(String, String)> {
        use diesel::migration::MigrationSource;
        fn list<DB: diesel::backend::Backend>(
            source: &impl MigrationSource<DB>,
        ) -> Vec<(String, String)> {
            // Embedded at compile time: reading them cannot fail.
            source
                .migrations()
                .unwrap_or_default()
                .iter()
                .map(|m| (m.name().version().to_string(), m.name().to_string()))
                .collect()
        }
        let mut all = match self {
            #[cfg(feature = "sqlite")]
            DbConnection::Sqlite(_) => list::<diesel::sqlite::Sqlite>(&SQLITE_MIGRATIONS),
            #[cfg(feature = "mysql")]
            DbConnection::Mysql(_) => list::<diesel::mysql::Mysql>(&MYSQL_MIGRATIONS),
        };
        all.sort();
        all
    }

    /// SQLite settings for one long write such as an import, on or back off: savepoint
    /// journals in memory, and a page cache (up to 256 MiB, used only as filled) that holds
    /// the transaction's pages rather than spilling them to the WAL. MySQL needs neither.
    ///
    /// # Errors
    /// Database errors.
    pub fn bulk_write(&mut self, on: bool) -> QueryResult<()> {
        match self {
            #[cfg(feature = "sqlite")]
            DbConnection::Sqlite(c) => c.batch_execute(if on {
                "PRAGMA temp_store = MEMORY; PRAGMA cache_size = -262144;"
            } else {
                "PRAGMA temp_store = DEFAULT; PRAGMA cache_size = -2000;"
            }),
            #[cfg(feature = "mysql")]
            DbConnection::Mysql(_) => Ok(()),
        }
    }

    #[must_use]
    pub fn kind(&self) -> BackendKind {
        match self {
            #[cfg(feature = "sqlite")]
            DbConnection::Sqlite(_) => BackendKind::Sqlite,
            #[cfg(feature = "mysql")]
            DbConnection::Mysql(_) => BackendKind::Mysql,
        }
    }

    /// Applies the embedded migrations that have not run yet; returns how many ran.
    ///
    /// # Errors
    /// When a migration fails; the message names it.
    pub fn migrate(&mut self) -> Result<usize, ConnectError> {
        let ran = match self {
            #[cfg(feature = "sqlite")]
            DbConnection::Sqlite(c) => c.run_pending_migrations(SQLITE_MIGRATIONS).map(|v| v.len()),
            #[cfg(feature = "mysql")]
            DbConnection::Mysql(c) => c.run_pending_migrations(MYSQL_MIGRATIONS).map(|v| v.len()),
        };
        ran.map_err(|e| ConnectError::Migration(e.to_string()))
    }

    /// The id of the row the last single-row insert on this connection created.
    /// Call it in the same transaction as the insert.
    ///
    /// # Errors
    /// Database errors.
    pub fn last_insert_id(&mut self) -> QueryResult<i64> {
        match self {
            #[cfg(feature = "sqlite")]
            DbConnection::Sqlite(c) => {
                diesel::select(sqlite_fns::last_insert_rowid()).get_result(c)
            }
            #[cfg(feature = "mysql")]
            DbConnection::Mysql(c) => diesel::select(mysql_fns::last_insert_id()).get_result(c),
        }
    }
}

#[cfg(feature = "sqlite")]
mod sqlite_fns {
    diesel::define_sql_function! { fn last_insert_rowid() -> BigInt; }
}

#[cfg(feature = "mysql")]
mod mysql_fns {
    diesel::define_sql_function! {
        #[sql_name = "LAST_INSERT_ID"]
        fn last_insert_id() -> BigInt;
    }
}

#[cfg(feature = "sqlite")]
fn open_sqlite(path: &std::path::Path) -> Result<DbConnection, ConnectError> {
    // No directory is created here: `DatabaseUrl::resolve` makes the default one. A
    // missing one is named (SQLite would only say "unable to open database file").
    crate::config::check_sqlite_directory(path)?;
    let mut conn = diesel::SqliteConnection::establish(&path.to_string_lossy())?;
    // WAL lets the TUI read while a CLI import writes; busy_timeout waits instead of failing.
    conn.batch_execute(
        "PRAGMA journal_mode = WAL; PRAGMA synchronous = NORMAL; \
         PRAGMA busy_timeout = 5000; PRAGMA foreign_keys = ON;",
    )?;
    Ok(DbConnection::Sqlite(conn))
}

/// Read-only, through an SQLite URI (`mode=ro`), so that not even a journal file appears.
#[cfg(feature = "sqlite")]
fn open_sqlite_read_only(path: &std::path::Path) -> Result<DbConnection, ConnectError> {
    if !path.is_file() {
        return Err(ConnectError::Missing);
    }
    let text = path.to_string_lossy();
    let mut uri = String::from("file:");
    for c in text.chars() {
        match c {
            '%' => uri.push_str("%25"),
            '?' => uri.push_str("%3f"),
            '#' => uri.push_str("%23"),
            c => uri.push(c),
        }
    }
    uri.push_str("?mode=ro");
    let mut conn = diesel::SqliteConnection::establish(&uri)?;
    conn.batch_execute("PRAGMA query_only = ON; PRAGMA busy_timeout = 5000;")?;
    Ok(DbConnection::Sqlite(conn))
}

#[cfg(not(feature = "sqlite"))]
fn open_sqlite_read_only(path: &std::path::Path) -> Result<DbConnection, ConnectError> {
    open_sqlite(path)
}

#[cfg(not(feature = "sqlite"))]
fn open_sqlite(_: &std::path::Path) -> Result<DbConnection, ConnectError> {
    Err(ConnectError::Unsupported(
        "this lms was built without SQLite support (feature `sqlite`)".to_owned(),
    ))
}

/// `connect` on each host `url` names, from host `first` on, until one answers.
fn each_host(
    url: &str,
    first: usize,
    connect: impl Fn(&str) -> Result<DbConnection, ConnectError>,
) -> Result<(DbConnection, usize), ConnectError> {
    let hosts = crate::config::mysql_hosts(url);
    if hosts.len() == 1 {
        return Ok((connect(url)?, 0));
    }
    let mut refusals = Vec::new();
    let n = hosts.len();
    for (i, host) in hosts.iter().enumerate().cycle().skip(first % n).take(n) {
        match connect(host) {
            Ok(conn) => return Ok((conn, i)),
            Err(e) => {
                let refusal = format!("{}: {e}", crate::config::mysql_host(host));
                tracing::warn!("{refusal}");
                refusals.push(refusal);
            }
        }
    }
    Err(ConnectError::NoHost(refusals.join("; ")))
}

#[cfg(feature = "mysql")]
fn open_mysql(url: &str) -> Result<DbConnection, ConnectError> {
    connect_mysql(url, true)
}

/// Connects and sets the session up; a missing database is created when `create_missing`.
#[cfg(feature = "mysql")]
fn connect_mysql(url: &str, create_missing: bool) -> Result<DbConnection, ConnectError> {
    let mut conn = match diesel::MysqlConnection::establish(url) {
        Ok(c) => c,
        Err(diesel::ConnectionError::BadConnection(msg)) if msg.contains("Unknown database") => {
            if !create_missing {
                return Err(ConnectError::Missing);
            }
            create_mysql_database(url)?;
            diesel::MysqlConnection::establish(url)?
        }
        Err(e) => return Err(e.into()),
    };
    conn.batch_execute(
        "SET SESSION sql_mode = 'STRICT_ALL_TABLES,NO_ZERO_IN_DATE,NO_ZERO_DATE,\
         ERROR_FOR_DIVISION_BY_ZERO,NO_ENGINE_SUBSTITUTION'; \
         SET SESSION time_zone = '+00:00'; \
         SET NAMES utf8mb4 COLLATE utf8mb4_unicode_ci;",
    )?;
    galera_session(&mut conn)?;
    Ok(DbConnection::Mysql(conn))
}

/// On a Galera node, every read waits until the node has applied what the cluster
/// committed before it (`wsrep_sync_wait` bit 1, added to what the server sets): the
/// lanes of one session, or a session that failed over, may be on different nodes, and
/// must still see what was just saved, and a refused save must name the change that beat
/// it. It costs a round trip of the group per read: 0.02 ms on loopback. Without wsrep
/// (a single MariaDB, or MySQL, which has no such variable) the session is left alone.
#[cfg(feature = "mysql")]
fn galera_session(conn: &mut diesel::MysqlConnection) -> QueryResult<()> {
    #[derive(QueryableByName)]
    struct Variable {
        #[diesel(sql_type = diesel::sql_types::Text, column_name = "Value")]
        value: String,
    }
    let wsrep: Vec<Variable> =
        diesel::sql_query("SHOW GLOBAL VARIABLES LIKE 'wsrep\\_on'").load(conn)?;
    if wsrep.iter().any(|v| v.value.eq_ignore_ascii_case("ON")) {
        conn.batch_execute("SET SESSION wsrep_sync_wait = @@GLOBAL.wsrep_sync_wait | 1")?;
    }
    Ok(())
}

/// Creates the database a MySQL URL names, so `DATABASE_URL=mysql://.../newdb` just works.
#[cfg(feature = "mysql")]
fn create_mysql_database(url: &str) -> Result<(), ConnectError> {
    let (server, name) = crate::config::split_mysql_database(url).ok_or_else(|| {
        ConnectError::Unsupported(format!(
            "no database name in the MySQL URL {}",
            crate::config::redact(url)
        ))
    })?;
    let mut conn = diesel::MysqlConnection::establish(&server)?;
    conn.batch_execute(&format!(
        "CREATE DATABASE IF NOT EXISTS `{name}` {MYSQL_DATABASE_OPTIONS}"
    ))?;
    Ok(())
}

/// What lms creates its MySQL databases with.
#[cfg(feature = "mysql")]
const MYSQL_DATABASE_OPTIONS: &str = "CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci";

#[cfg(not(feature = "mysql"))]
fn connect_mysql(url: &str, _: bool) -> Result<DbConnection, ConnectError> {
    open_mysql(url)
}

#[cfg(not(feature = "mysql"))]
fn open_mysql(_: &str) -> Result<DbConnection, ConnectError> {
    Err(ConnectError::Unsupported(
        "this lms was built without MySQL support: rebuild with `--features mysql`".to_owned(),
    ))
}

/// Now, in UTC, truncated to whole seconds so that both backends store the same value.
#[must_use]
pub fn now() -> NaiveDateTime {
    let t = Utc::now().naive_utc();
    t.with_nanosecond(0).unwrap_or(t)
}
