//! Deployment pages: newest first, with license, customer and engineer.

use chrono::NaiveDate;
use diesel::prelude::*;

use super::format;
use super::page::{Page, PageRequest, Row, SortKey};
use crate::db::DbConnection;
use crate::db::schema::{companies, deployments, engineers, licenses};
use crate::joined_page;

pub const COLUMNS: &[&str] = &[
    "License",
    "Company",
    "Engineer",
    "Status",
    "Scheduled",
    "Started",
    "Completed",
    "Environment",
];

type Tuple = (
    i64,
    String,
    String,
    Option<String>,
    String,
    Option<NaiveDate>,
    Option<NaiveDate>,
    Option<NaiveDate>,
    String,
);

/// # Errors
/// Database errors.
pub fn page(conn: &mut DbConnection, req: &PageRequest, limit: usize) -> QueryResult<Page> {
    let rows = joined_page!(
        conn,
        deployments::table,
        deployments::id,
        deployments::table
            .inner_join(licenses::table.inner_join(companies::table))
            .left_join(engineers::table)
            .select((
                deployments::id,
                licenses::license_key,
                companies::name,
                engineers::name.nullable(),
                deployments::status,
                deployments::scheduled_date,
                deployments::started_date,
                deployments::completed_date,
                deployments::environment,
            )),
        Tuple,
        req,
        limit,
        true
    );
    let rows = rows
        .into_iter()
        .map(
            |(id, key, company, engineer, status, scheduled, started, completed, env)| Row {
                key: SortKey::None,
                id,
                cells: vec![
                    key,
                    company,
                    engineer.unwrap_or_default(),
                    status,
                    format::opt_date(scheduled),
                    format::opt_date(started),
                    format::opt_date(completed),
                    env,
                ],
            },
        )
        .collect();
    Ok(Page::from_scan(rows, req, limit))
}
