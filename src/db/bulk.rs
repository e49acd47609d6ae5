//! Multi-row inserts whose writer keeps the read models itself. On MySQL the insert
//! triggers of `licenses` and `app_log` test the session variable
//! `@lms_writer_keeps_read_models` (migration `2026-12-07-100001`) and leave the row to
//! the writer while it is set: a quarter of a bulk licence import went to the triggers'
//! per-row lookups and upserts. SQLite's triggers cost little where the row already
//! holds its keys, and run as always.

use std::collections::HashMap;

use diesel::connection::SimpleConnection;
use diesel::prelude::*;

use super::DbConnection;
use super::models::NewLicense;

/// Runs `insert` with the insert triggers leaving the read models to the caller where
/// the backend allows it, and returns whether they did: the caller then adds what it
/// inserted (see [`add_license_counts`]). The variable is cleared whatever `insert`
/// returns, so no later statement of the session skips its triggers.
///
/// # Errors
/// Database errors, `insert`'s first.
pub fn keeping_read_models<T>(
    conn: &mut DbConnection,
    insert: impl FnOnce(&mut DbConnection) -> QueryResult<T>,
) -> QueryResult<(T, bool)> {
    match conn {
        #[cfg(feature = "sqlite")]
        DbConnection::Sqlite(_) => Ok((insert(conn)?, false)),
        #[cfg(feature = "mysql")]
        DbConnection::Mysql(_) => {
            conn.batch_execute("SET @lms_writer_keeps_read_models = 1")?;
            let inserted = insert(conn);
            let cleared = conn.batch_execute("SET @lms_writer_keeps_read_models = NULL");
            let inserted = inserted?;
            cleared?;
            Ok((inserted, true))
        }
    }
}

/// Adds `rows`, inserted under [`keeping_read_models`], to `license_counts`: one
/// statement for the lot.
///
/// # Errors
/// Database errors.
pub fn add_license_counts(conn: &mut DbConnection, rows: &[NewLicense]) -> QueryResult<()> {
    let mut tally: HashMap<(i64, &str), i64> = HashMap::new();
    for r in rows {
        *tally.entry((r.company_id, r.status.as_str())).or_default() += 1;
    }
    if tally.is_empty() {
        return Ok(());
    }
    let values = vec!["(?, ?, ?)"; tally.len()].join(", ");
    let (insert, conflict) = match conn.kind() {
        super::BackendKind::Sqlite => (
            "INSERT INTO license_counts (company_id, status, licenses) VALUES",
            "ON CONFLICT (company_id, status) DO UPDATE SET licenses = licenses + excluded.licenses",
        ),
        super::BackendKind::Mysql => (
            "INSERT INTO license_counts (company_id, status, licenses) VALUES",
            "ON DUPLICATE KEY UPDATE licenses = licenses + VALUES(licenses)",
        ),
    };
    let sql = format!("{insert} {values} {conflict}");
    crate::with_backend!(conn, |c| {
        let mut q = diesel::sql_query(&sql).into_boxed();
        for ((company, status), n) in &tally {
            q = q
                .bind::<diesel::sql_types::BigInt, _>(*company)
                .bind::<diesel::sql_types::Text, _>(*status)
                .bind::<diesel::sql_types::BigInt, _>(*n);
        }
        q.execute(c)
    })
    .map(drop)
}
