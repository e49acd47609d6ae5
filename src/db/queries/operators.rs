//! The operator accounts as the Operators tab lists them, in id order (never the hash).

use chrono::NaiveDateTime;
use diesel::prelude::*;

use super::page::{Page, PageRequest, Row, Value};
use crate::db::DbConnection;
use crate::db::schema::operators;
use crate::keyset_page;

/// The cells of a row, in this order (the tab's columns follow it).
pub const COLUMNS: &[&str] = &[
    "Username",
    "Role",
    "Disabled",
    "Locked until",
    "Failed",
    "Last login",
    "Created",
];

type Listed = (
    i64,
    String,
    String,
    bool,
    Option<NaiveDateTime>,
    i32,
    Option<NaiveDateTime>,
    NaiveDateTime,
);

/// # Errors
/// Database errors.
pub fn page(conn: &mut DbConnection, req: &PageRequest, limit: usize) -> QueryResult<Page> {
    let q = operators::table
        .select((
            operators::id,
            operators::username,
            operators::role,
            operators::disabled,
            operators::locked_until,
            operators::failed_attempts,
            operators::last_login_at,
            operators::created_at,
        ))
        .into_boxed();
    let rows: Vec<Listed> = keyset_page!(q, operators::id, req, limit, false).load(conn)?;
    let rows = rows
        .into_iter()
        .map(
            |(id, name, role, disabled, locked, failed, last, created)| {
                Row::new(
                    id,
                    vec![
                        name.into(),
                        role.into(),
                        disabled.into(),
                        locked.into(),
                        Value::Count(failed.into()),
                        last.into(),
                        created.into(),
                    ],
                )
            },
        )
        .collect();
    Ok(Page::from_scan(rows, req, limit))
}

/// # Errors
/// Database errors.
pub fn count(conn: &mut DbConnection) -> QueryResult<i64> {
    operators::table.count().get_result(conn)
}
