//! Multi-row inserts whose writer keeps the read models itself. On MySQL the insert
//! triggers of `licenses` and `app_log` test the session variable
//! `@lms_writer_keeps_read_models` (migration `2026-12-07-100001`) and leave the row to
//! the writer while it is set: a quarter of a bulk licence import went to the triggers'
//! per-row lookups and upserts. SQLite's triggers cost little where the row already
//! holds its keys, and run as always.

use std::collections::HashMap;

use chrono::{Datelike, Days, NaiveDate};
#[cfg(feature = "mysql")]
use diesel::connection::SimpleConnection;
use diesel::prelude::*;
use diesel::sql_types::{BigInt, Date};

use super::DbConnection;
use super::models::NewLicense;
use crate::domain::LicenseStatus;

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

/// The first day of `d`'s month.
fn month_of(d: NaiveDate) -> NaiveDate {
    d - Days::new(u64::from(d.day0()))
}

/// Adds `rows`, inserted under [`keeping_read_models`], to `partner_license_months` (the
/// ones that are not drafts, as the triggers count them): one statement for the lot.
///
/// # Errors
/// Database errors.
pub fn add_partner_months(conn: &mut DbConnection, rows: &[NewLicense]) -> QueryResult<()> {
    type Key = (i64, NaiveDate, NaiveDate);
    let mut tally: HashMap<Key, [i64; 3]> = HashMap::new();
    let draft = LicenseStatus::Draft.as_str();
    for r in rows.iter().filter(|r| r.status != draft) {
        let key = (
            r.partner_id.unwrap_or(0),
            month_of(r.start_date),
            month_of(r.end_date),
        );
        let t = tally.entry(key).or_default();
        t[0] += 1;
        t[1] += i64::from(r.seats.unwrap_or(0));
        t[2] += i64::from(r.seats.is_none());
    }
    if tally.is_empty() {
        return Ok(());
    }
    let values = vec!["(?, ?, ?, ?, ?, ?)"; tally.len()].join(", ");
    let conflict = match conn.kind() {
        super::BackendKind::Sqlite => {
            "ON CONFLICT (partner_id, start_month, end_month) DO UPDATE SET \
             licenses = licenses + excluded.licenses, seats = seats + excluded.seats, \
             unlimited = unlimited + excluded.unlimited"
        }
        super::BackendKind::Mysql => {
            "ON DUPLICATE KEY UPDATE licenses = licenses + VALUES(licenses), \
             seats = seats + VALUES(seats), unlimited = unlimited + VALUES(unlimited)"
        }
    };
    let sql = format!(
        "INSERT INTO partner_license_months \
         (partner_id, start_month, end_month, licenses, seats, unlimited) VALUES {values} \
         {conflict}"
    );
    crate::with_backend!(conn, |c| {
        let mut q = diesel::sql_query(&sql).into_boxed();
        for ((partner, start, end), [n, seats, unlimited]) in &tally {
            q = q
                .bind::<BigInt, _>(*partner)
                .bind::<Date, _>(*start)
                .bind::<Date, _>(*end)
                .bind::<BigInt, _>(*n)
                .bind::<BigInt, _>(*seats)
                .bind::<BigInt, _>(*unlimited);
        }
        q.execute(c)
    })
    .map(drop)
}
