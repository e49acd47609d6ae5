//! Portal users, their activity and the audit log as exported.

use chrono::NaiveDateTime;
use diesel::prelude::*;

use super::cells_in_order;
use crate::db::DbConnection;
use crate::db::queries::audit;
use crate::db::queries::page::Value;
use crate::db::schema::{app_log, companies, portal_users};
use crate::db::text::DbText;

/// company, `external_user_id`, email, name, disabled.
///
/// # Errors
/// Database errors.
pub fn portal_users(conn: &mut DbConnection, ids: &[i64]) -> QueryResult<Vec<Vec<Value>>> {
    let rows: Vec<(i64, DbText, DbText, DbText, DbText, bool)> = portal_users::table
        .inner_join(companies::table)
        .filter(portal_users::id.eq_any(ids))
        .select((
            portal_users::id,
            companies::name,
            portal_users::external_user_id,
            portal_users::email,
            portal_users::name,
            portal_users::disabled,
        ))
        .load(conn)?;
    Ok(cells_in_order(
        ids,
        rows,
        |r| r.0,
        |(_, company, user, email, name, disabled)| {
            vec![
                company.into(),
                user.into(),
                email.into(),
                name.into(),
                disabled.into(),
            ]
        },
    ))
}

type LogTuple = (i64, DbText, DbText, NaiveDateTime, DbText, DbText, DbText);

/// company, user (its external id), ts, action, status, detail.
///
/// # Errors
/// Database errors.
pub fn app_log(conn: &mut DbConnection, ids: &[i64]) -> QueryResult<Vec<Vec<Value>>> {
    let rows: Vec<LogTuple> = app_log::table
        .inner_join(companies::table.on(companies::id.eq(app_log::company_id)))
        .inner_join(portal_users::table)
        .filter(app_log::id.eq_any(ids))
        .select((
            app_log::id,
            companies::name,
            portal_users::external_user_id,
            app_log::ts,
            app_log::action,
            app_log::status,
            app_log::detail,
        ))
        .load(conn)?;
    Ok(cells_in_order(
        ids,
        rows,
        |r| r.0,
        |(_, company, user, ts, action, status, detail)| {
            vec![
                company.into(),
                user.into(),
                ts.into(),
                action.into(),
                status.into(),
                detail.into(),
            ]
        },
    ))
}

/// The columns of [`audit`]: the list's, and the changes themselves as stored (JSON,
/// each field's `[before, after]`).
pub const AUDIT_COLUMNS: &[&str] = &[
    "at",
    "operator",
    "entity",
    "entity_id",
    "action",
    "changed",
    "changes",
];

/// See [`AUDIT_COLUMNS`].
///
/// # Errors
/// Database errors.
pub fn audit(conn: &mut DbConnection, ids: &[i64]) -> QueryResult<Vec<Vec<Value>>> {
    Ok(audit::entries(conn, ids)?
        .into_iter()
        .map(|entry| {
            let mut cells = audit::list_cells(&entry);
            cells.push(entry.7.into());
            cells
        })
        .collect())
}
