//! Pages of the customers' portal users and of their activity log (newest first).

use chrono::NaiveDateTime;
use diesel::prelude::*;

use super::page::{Page, PageRequest, Row, SortKey};
use crate::db::DbConnection;
use crate::db::schema::{app_log, companies, portal_users};
use crate::joined_page;

pub const LOG_COLUMNS: &[&str] = &["Time", "Company", "User", "Action", "Status", "Detail"];

/// # Errors
/// Database errors.
pub fn portal_users(conn: &mut DbConnection, req: &PageRequest, limit: usize) -> QueryResult<Page> {
    let rows = joined_page!(
        conn,
        portal_users::table.select(portal_users::id).into_boxed(),
        portal_users::id,
        portal_users::table.inner_join(companies::table).select((
            portal_users::id,
            companies::name,
            portal_users::external_user_id,
            portal_users::email,
            portal_users::name,
            portal_users::disabled,
            portal_users::created_at,
        )),
        (i64, String, String, String, String, bool, NaiveDateTime),
        req,
        limit,
        false
    );
    let rows = rows
        .into_iter()
        .map(|(id, company, ext, email, name, disabled, created)| Row {
            key: SortKey::None,
            id,
            cells: vec![
                company.into(),
                ext.into(),
                email.into(),
                name.into(),
                disabled.into(),
                created.into(),
            ],
        })
        .collect();
    Ok(Page::from_scan(rows, req, limit))
}

/// # Errors
/// Database errors.
pub fn app_log(conn: &mut DbConnection, req: &PageRequest, limit: usize) -> QueryResult<Page> {
    let rows = joined_page!(
        conn,
        app_log::table.select(app_log::id).into_boxed(),
        app_log::id,
        app_log::table
            .inner_join(companies::table)
            .inner_join(portal_users::table)
            .select((
                app_log::id,
                app_log::ts,
                companies::name,
                portal_users::email,
                app_log::action,
                app_log::status,
                app_log::detail,
            )),
        (i64, NaiveDateTime, String, String, String, String, String),
        req,
        limit,
        true
    );
    let rows = rows
        .into_iter()
        .map(|(id, ts, company, user, action, status, detail)| Row {
            key: SortKey::None,
            id,
            cells: vec![
                ts.into(),
                company.into(),
                user.into(),
                action.into(),
                status.into(),
                detail.into(),
            ],
        })
        .collect();
    Ok(Page::from_scan(rows, req, limit))
}
