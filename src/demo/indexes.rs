//! The demo tables' secondary indexes, dropped before a bulk load and rebuilt after it:
//! one sorted build per index instead of millions of random B-tree inserts. UNIQUE and
//! PRIMARY KEY indexes stay, so the load still cannot insert a duplicate key.
//!
//! On MariaDB with its default 128 MiB buffer pool the random inserts into
//! `app_log(company_id, ts, user_id)` and `app_log(user_id)` made the 10M-row load
//! I/O-bound (21,770 rows/s); without them the rows go in primary-key order.

use diesel::connection::SimpleConnection;
use diesel::prelude::*;
use diesel::sql_types::Text;

use super::DemoProgress;
use crate::db::{BackendKind, DbConnection};

#[derive(Debug, Clone, PartialEq, Eq, QueryableByName, serde::Serialize, serde::Deserialize)]
pub(super) struct Index {
    #[diesel(sql_type = Text)]
    table: String,
    #[diesel(sql_type = Text)]
    name: String,
    /// SQLite: the `CREATE INDEX` statement. MySQL: the quoted column list.
    #[diesel(sql_type = Text)]
    definition: String,
}

impl Index {
    /// The same index of the same table (definitions aside).
    pub(super) fn same_name(&self, other: &Index) -> bool {
        self.table == other.table && self.name == other.name
    }
}

/// The non-unique indexes of `tables`, by table then name.
pub(super) fn secondary(conn: &mut DbConnection, tables: &[&str]) -> QueryResult<Vec<Index>> {
    // Table names are our own constants, never input.
    let list = tables
        .iter()
        .map(|t| format!("'{t}'"))
        .collect::<Vec<_>>()
        .join(", ");
    let sql = match conn.kind() {
        // Indexes behind UNIQUE and PRIMARY KEY constraints have no SQL.
        BackendKind::Sqlite => format!(
            "SELECT tbl_name AS \"table\", name, sql AS definition FROM sqlite_master \
             WHERE type = 'index' AND sql IS NOT NULL AND sql NOT LIKE 'CREATE UNIQUE%' \
             AND tbl_name IN ({list}) ORDER BY tbl_name, name"
        ),
        BackendKind::Mysql => format!(
            "SELECT TABLE_NAME AS `table`, INDEX_NAME AS name, \
             GROUP_CONCAT(CONCAT('`', COLUMN_NAME, '`', \
               IF(SUB_PART IS NULL, '', CONCAT('(', SUB_PART, ')')), \
               IF(COLLATION = 'D', ' DESC', '')) \
               ORDER BY SEQ_IN_INDEX SEPARATOR ', ') AS definition \
             FROM information_schema.STATISTICS \
             WHERE TABLE_SCHEMA = DATABASE() AND NON_UNIQUE = 1 AND TABLE_NAME IN ({list}) \
             GROUP BY TABLE_NAME, INDEX_NAME ORDER BY TABLE_NAME, INDEX_NAME"
        ),
    };
    diesel::sql_query(sql).load(conn)
}

/// Drops `indexes`. MySQL needs `foreign_key_checks = 0` for an index a foreign key uses.
pub(super) fn drop_all(conn: &mut DbConnection, indexes: &[Index]) -> QueryResult<()> {
    match conn.kind() {
        BackendKind::Sqlite => indexes.iter().try_for_each(|index| {
            conn.batch_execute(&format!("DROP INDEX {}", quote_sqlite(&index.name)))
        }),
        BackendKind::Mysql => per_table(indexes).try_for_each(|(table, group)| {
            let clauses = group
                .iter()
                .map(|i| format!("DROP INDEX {}", quote_mysql(&i.name)))
                .collect::<Vec<_>>()
                .join(", ");
            conn.batch_execute(&format!("ALTER TABLE {} {clauses}", quote_mysql(table)))
        }),
    }
}

/// Builds `indexes` again, reporting progress as table `indexes`. On MySQL one ALTER per
/// table builds all of its indexes in one scan.
pub(super) fn rebuild(
    conn: &mut DbConnection,
    indexes: &[Index],
    progress: &mut dyn FnMut(DemoProgress),
) -> QueryResult<()> {
    let total = indexes.len() as u64;
    let mut done = 0;
    let mut report = |n: usize| {
        done += n as u64;
        progress(DemoProgress {
            table: "indexes",
            done,
            total,
        });
    };
    match conn.kind() {
        BackendKind::Sqlite => indexes.iter().try_for_each(|index| {
            conn.batch_execute(&index.definition)?;
            report(1);
            Ok(())
        }),
        BackendKind::Mysql => per_table(indexes).try_for_each(|(table, group)| {
            let clauses = group
                .iter()
                .map(|i| format!("ADD INDEX {} ({})", quote_mysql(&i.name), i.definition))
                .collect::<Vec<_>>()
                .join(", ");
            conn.batch_execute(&format!("ALTER TABLE {} {clauses}", quote_mysql(table)))?;
            report(group.len());
            Ok(())
        }),
    }
}

/// `indexes` (sorted by table) grouped by table.
fn per_table(indexes: &[Index]) -> impl Iterator<Item = (&str, &[Index])> {
    indexes
        .chunk_by(|a, b| a.table == b.table)
        .map(|group| (group[0].table.as_str(), group))
}

fn quote_sqlite(name: &str) -> String {
    format!("\"{}\"", name.replace('"', "\"\""))
}

fn quote_mysql(name: &str) -> String {
    format!("`{}`", name.replace('`', "``"))
}
