//! What is left of the positional fixtures: dates, a trigger that makes inserts fail, and
//! `license`, a thin wrapper over [`LicenseBuilder`] for the TUI tests that still call it.
//! New tests use the builders in `common::builders`.
#![allow(dead_code, clippy::unwrap_used, clippy::expect_used)]

use chrono::NaiveDate;
use lms::db::DbConnection;

use super::builders::{IntoDate, LicenseBuilder};

pub fn date(s: &str) -> NaiveDate {
    s.into_date()
}

/// Arms a trigger that makes the database refuse inserts into `table` when `condition`
/// (SQL on `NEW`) holds; returns the statement that removes it.
pub fn fail_inserts(conn: &mut DbConnection, table: &str, condition: &str) -> String {
    use diesel::connection::SimpleConnection;
    let sql = match conn.kind() {
        lms::db::BackendKind::Sqlite => format!(
            "CREATE TRIGGER test_boom AFTER INSERT ON {table} WHEN {condition} \
             BEGIN SELECT RAISE(ABORT, 'boom'); END;"
        ),
        lms::db::BackendKind::Mysql => format!(
            "CREATE TRIGGER test_boom AFTER INSERT ON {table} FOR EACH ROW \
             BEGIN IF {condition} THEN SIGNAL SQLSTATE '45000' SET MESSAGE_TEXT = 'boom'; \
             END IF; END"
        ),
    };
    conn.batch_execute(&sql).unwrap();
    "DROP TRIGGER test_boom;".to_owned()
}

/// Inserts a license with key `LIC-<id>`; returns its id. Prefer [`LicenseBuilder`].
pub fn license(
    conn: &mut DbConnection,
    company_id: i64,
    product_id: i64,
    seats: Option<i32>,
    status: &str,
    (start, end): (&str, &str),
) -> i64 {
    let builder = LicenseBuilder::new()
        .company(company_id)
        .product(product_id)
        .status(status.parse().unwrap())
        .starts(start)
        .ends(end);
    match seats {
        Some(n) => builder.seats(n),
        None => builder.unlimited(),
    }
    .insert(conn)
    .id
}
