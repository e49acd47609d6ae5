//! Purchase pages: newest first, with the license and customer they belong to.

use chrono::NaiveDate;
use diesel::prelude::*;

use super::format;
use super::page::{Page, PageRequest, Row, SortKey};
use crate::db::DbConnection;
use crate::db::schema::{companies, licenses, purchases};
use crate::joined_page;

pub const COLUMNS: &[&str] = &[
    "Date", "License", "Company", "Kind", "Seats +", "Cost", "Revenue", "Order",
];

type Tuple = (
    i64,
    NaiveDate,
    String,
    String,
    String,
    i32,
    i64,
    i64,
    String,
    String,
);

/// # Errors
/// Database errors.
pub fn page(conn: &mut DbConnection, req: &PageRequest, limit: usize) -> QueryResult<Page> {
    let rows = joined_page!(
        conn,
        purchases::table,
        purchases::id,
        purchases::table
            .inner_join(licenses::table.inner_join(companies::table))
            .select((
                purchases::id,
                purchases::purchase_date,
                licenses::license_key,
                companies::name,
                purchases::kind,
                purchases::seats_added,
                purchases::cost_minor,
                purchases::revenue_minor,
                purchases::currency,
                purchases::order_number,
            )),
        Tuple,
        req,
        limit,
        true
    );
    let rows = rows
        .into_iter()
        .map(
            |(id, date, key, company, kind, seats, cost, revenue, currency, order)| Row {
                key: SortKey::None,
                id,
                cells: vec![
                    format::date(date),
                    key,
                    company,
                    kind,
                    seats.to_string(),
                    format::money(cost, &currency),
                    format::money(revenue, &currency),
                    order,
                ],
            },
        )
        .collect();
    Ok(Page::from_scan(rows, req, limit))
}
