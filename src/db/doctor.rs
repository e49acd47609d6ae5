//! `lms doctor`: the live schema against what the embedded migrations define.
//!
//! "What the migrations define" is a scratch database of the same backend, migrated and
//! read back through the same catalogue queries ([`super::introspect`]): an in-memory
//! SQLite database, or on MySQL a database `lms_doctor_<pid>_<random>` on the same server,
//! dropped afterwards (a guard drops it on every path out). The database being checked is
//! opened read-only and only its catalogue and `__diesel_schema_migrations` are read.

use std::collections::BTreeSet;

use diesel::Connection;

use super::introspect::{self, Index, Schema, Table};
use super::{ConnectError, DbConnection};
use crate::config::DatabaseUrl;

#[derive(Debug, thiserror::Error)]
pub enum DoctorError {
    #[error(transparent)]
    Connect(#[from] ConnectError),
    #[error("cannot read the schema: {0}")]
    Read(#[from] diesel::result::Error),
    #[error(
        "cannot create the scratch database {name} that the migrations are applied to for \
         comparison: {reason}. The account needs CREATE and DROP on databases named lms_doctor_%"
    )]
    Scratch { name: String, reason: String },
    #[error("cannot drop the scratch database {name}: {reason}. Drop it by hand")]
    ScratchLeft { name: String, reason: String },
}

/// Every difference between the database `url` names and the embedded migrations, one
/// line each, in a stable order; empty when they agree. Changes nothing in that database.
///
/// # Errors
/// When the database cannot be opened or read, or the scratch database not made.
pub fn check(url: &DatabaseUrl) -> Result<Vec<String>, DoctorError> {
    let mut live = DbConnection::open_read_only(url)?;
    let found = introspect::read(&mut live)?;
    let applied = introspect::applied_migrations(&mut live)?;
    let embedded = live.embedded_migrations();
    let unfinished = super::load_journal::unfinished(&mut live)?;
    drop(live);
    let expected = expected_schema(url)?;
    let mut out: Vec<String> = unfinished.iter().map(ToString::to_string).collect();
    out.extend(migration_differences(&applied, &embedded));
    out.extend(compare(&found, &expected));
    Ok(out)
}

/// Lines for migrations not applied, and for applied versions this lms does not know.
#[must_use]
pub fn migration_differences(applied: &[String], embedded: &[(String, String)]) -> Vec<String> {
    let applied_set: BTreeSet<&str> = applied.iter().map(String::as_str).collect();
    let known: BTreeSet<&str> = embedded.iter().map(|(v, _)| v.as_str()).collect();
    let pending: Vec<&str> = embedded
        .iter()
        .filter(|(v, _)| !applied_set.contains(v.as_str()))
        .map(|(_, name)| name.as_str())
        .collect();
    let unknown: Vec<&str> = applied_set.difference(&known).copied().collect();
    let mut out = Vec::new();
    if !pending.is_empty() {
        out.push(format!(
            "{} not applied: {} (run lms migrate)",
            count(pending.len(), "migration"),
            pending.join(", ")
        ));
    }
    if !unknown.is_empty() {
        out.push(format!(
            "{} applied that this lms does not know (a newer lms?): {}",
            count(unknown.len(), "migration"),
            unknown.join(", ")
        ));
    }
    out
}

fn count(n: usize, noun: &str) -> String {
    crate::domain::text::counted(n, noun, &format!("{noun}s"))
}

/// Every difference between the schema `found` in the database and the one `expected`,
/// by table name, then columns, then indexes.
#[must_use]
pub fn compare(found: &Schema, expected: &Schema) -> Vec<String> {
    let names: BTreeSet<&String> = found.keys().chain(expected.keys()).collect();
    let mut out = Vec::new();
    for name in names {
        match (found.get(name), expected.get(name)) {
            (None, Some(_)) => out.push(format!("table {name}: missing")),
            (Some(_), None) => out.push(format!(
                "table {name}: in the database but not in the migrations"
            )),
            (Some(f), Some(e)) => compare_table(name, f, e, &mut out),
            (None, None) => {}
        }
    }
    out
}

fn compare_table(table: &str, found: &Table, expected: &Table, out: &mut Vec<String>) {
    for want in &expected.columns {
        let Some(got) = found.columns.iter().find(|c| c.name == want.name) else {
            out.push(format!("column {table}.{}: missing", want.name));
            continue;
        };
        if !got.db_type.eq_ignore_ascii_case(&want.db_type) {
            out.push(format!(
                "column {table}.{}: type {} in the database, {} expected",
                want.name, got.db_type, want.db_type
            ));
        }
        if got.nullable != want.nullable {
            out.push(format!(
                "column {table}.{}: {} in the database, {} expected",
                want.name,
                null_word(got.nullable),
                null_word(want.nullable)
            ));
        }
    }
    for got in &found.columns {
        if !expected.columns.iter().any(|c| c.name == got.name) {
            out.push(format!(
                "column {table}.{}: in the database but not in the migrations",
                got.name
            ));
        }
    }
    let names: BTreeSet<&String> = found
        .indexes
        .keys()
        .chain(expected.indexes.keys())
        .collect();
    for name in names {
        match (found.indexes.get(name), expected.indexes.get(name)) {
            (None, Some(_)) => out.push(format!("index {table}.{name}: missing")),
            (Some(_), None) => out.push(format!(
                "index {table}.{name}: in the database but not in the migrations"
            )),
            (Some(got), Some(want)) => {
                if got.columns != want.columns {
                    out.push(format!(
                        "index {table}.{name}: {} in the database, {} expected",
                        column_list(got),
                        column_list(want)
                    ));
                }
                if got.unique != want.unique {
                    out.push(format!(
                        "index {table}.{name}: {} in the database, {} expected",
                        unique_word(got.unique),
                        unique_word(want.unique)
                    ));
                }
            }
            (None, None) => {}
        }
    }
}

fn column_list(index: &Index) -> String {
    format!("({})", index.columns.join(", "))
}

fn null_word(nullable: bool) -> &'static str {
    if nullable { "NULL" } else { "NOT NULL" }
}

fn unique_word(unique: bool) -> &'static str {
    if unique { "unique" } else { "not unique" }
}

/// The schema the embedded migrations build on `url`'s backend.
fn expected_schema(url: &DatabaseUrl) -> Result<Schema, DoctorError> {
    match url {
        DatabaseUrl::Sqlite(_) => sqlite_scratch(),
        DatabaseUrl::Mysql(url) => mysql_scratch(url),
    }
}

#[cfg(feature = "sqlite")]
fn sqlite_scratch() -> Result<Schema, DoctorError> {
    let conn = diesel::SqliteConnection::establish(":memory:").map_err(ConnectError::from)?;
    migrated_schema(DbConnection::Sqlite(conn))
}

#[cfg(not(feature = "sqlite"))]
fn sqlite_scratch() -> Result<Schema, DoctorError> {
    Err(ConnectError::Unsupported("this lms was built without SQLite support".to_owned()).into())
}

fn migrated_schema(mut conn: DbConnection) -> Result<Schema, DoctorError> {
    conn.migrate()?;
    Ok(introspect::read(&mut conn)?)
}

#[cfg(feature = "mysql")]
fn mysql_scratch(url: &str) -> Result<Schema, DoctorError> {
    let scratch = ScratchDatabase::create(url)?;
    let schema = migrated_schema(super::connect_mysql(&scratch.url, false)?);
    // Dropped here on success and on failure alike; a failed drop is said.
    scratch.drop_now()?;
    schema
}

#[cfg(not(feature = "mysql"))]
fn mysql_scratch(_: &str) -> Result<Schema, DoctorError> {
    Err(ConnectError::Unsupported("this lms was built without MySQL support".to_owned()).into())
}

/// The prefix of scratch database names; tests look for leftovers by it.
pub const SCRATCH_PREFIX: &str = "lms_doctor_";

/// A database of its own on the server, dropped when this goes out of scope.
#[cfg(feature = "mysql")]
struct ScratchDatabase {
    server: Option<diesel::MysqlConnection>,
    name: String,
    url: String,
}

#[cfg(feature = "mysql")]
impl ScratchDatabase {
    fn create(url: &str) -> Result<Self, DoctorError> {
        use diesel::connection::SimpleConnection;
        let mut random = [0u8; 4];
        let name = getrandom::fill(&mut random)
            .map(|()| {
                format!(
                    "{SCRATCH_PREFIX}{}_{:08x}",
                    std::process::id(),
                    u32::from_le_bytes(random)
                )
            })
            .map_err(|e| DoctorError::Scratch {
                name: SCRATCH_PREFIX.to_owned(),
                reason: format!("no random source: {e}"),
            })?;
        let scratch_error = |reason: String| DoctorError::Scratch {
            name: name.clone(),
            reason,
        };
        // On the first host that answers, when the URL names several (a cluster's nodes).
        let mut refused = "the URL names no database".to_owned();
        let mut found = None;
        for host in crate::config::mysql_hosts(url) {
            let Some((server_url, _)) = crate::config::split_mysql_database(&host) else {
                continue;
            };
            match diesel::MysqlConnection::establish(&server_url) {
                Ok(server) => {
                    found = Some((server, host));
                    break;
                }
                Err(e) => refused = e.to_string(),
            }
        }
        let (mut server, host) = found.ok_or_else(|| scratch_error(refused))?;
        let scratch_url = crate::config::with_mysql_database(&host, &name)
            .ok_or_else(|| scratch_error("the URL names no database".to_owned()))?;
        server
            .batch_execute(&format!(
                "CREATE DATABASE `{name}` {}",
                super::MYSQL_DATABASE_OPTIONS
            ))
            .map_err(|e| scratch_error(e.to_string()))?;
        Ok(ScratchDatabase {
            server: Some(server),
            name,
            url: scratch_url,
        })
    }

    /// Drops the database now, saying whether that worked.
    fn drop_now(mut self) -> Result<(), DoctorError> {
        self.drop_database()
            .map_err(|reason| DoctorError::ScratchLeft {
                name: self.name.clone(),
                reason,
            })
    }

    fn drop_database(&mut self) -> Result<(), String> {
        use diesel::connection::SimpleConnection;
        let Some(mut server) = self.server.take() else {
            return Ok(());
        };
        server
            .batch_execute(&format!("DROP DATABASE IF EXISTS `{}`", self.name))
            .map_err(|e| e.to_string())
    }
}

#[cfg(feature = "mysql")]
impl Drop for ScratchDatabase {
    fn drop(&mut self) {
        if let Err(reason) = self.drop_database() {
            tracing::warn!(database = %self.name, %reason, "scratch database left behind");
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::db::introspect::Column;

    fn table(columns: &[(&str, &str, bool)], indexes: &[(&str, bool, &[&str])]) -> Table {
        Table {
            columns: columns
                .iter()
                .map(|&(name, db_type, nullable)| Column {
                    name: name.to_owned(),
                    db_type: db_type.to_owned(),
                    nullable,
                })
                .collect(),
            indexes: indexes
                .iter()
                .map(|&(name, unique, cols)| {
                    let columns = cols.iter().map(|c| (*c).to_owned()).collect();
                    (name.to_owned(), Index { unique, columns })
                })
                .collect(),
        }
    }

    #[test]
    fn uniqueness_type_and_case_are_compared_as_meant() {
        let expected = Schema::from([(
            "t".to_owned(),
            table(&[("a", "BIGINT", false)], &[("t_a", true, &["a"])]),
        )]);
        let found = Schema::from([(
            "t".to_owned(),
            table(&[("a", "bigint", false)], &[("t_a", false, &["a"])]),
        )]);
        assert_eq!(
            compare(&found, &expected),
            ["index t.t_a: not unique in the database, unique expected"]
        );
        assert!(compare(&expected, &expected).is_empty());
    }

    #[test]
    fn pending_and_unknown_migrations_are_named() {
        let embedded = [
            ("1".to_owned(), "0001_a".to_owned()),
            ("2".to_owned(), "0002_b".to_owned()),
        ];
        assert!(migration_differences(&["1".into(), "2".into()], &embedded).is_empty());
        assert_eq!(
            migration_differences(&["1".into(), "9".into()], &embedded),
            [
                "1 migration not applied: 0002_b (run lms migrate)",
                "1 migration applied that this lms does not know (a newer lms?): 9",
            ]
        );
        assert_eq!(
            migration_differences(&[], &embedded),
            ["2 migrations not applied: 0001_a, 0002_b (run lms migrate)"]
        );
    }
}
