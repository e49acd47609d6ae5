//! Pages of the reference lists: customers, partners, sales reps, engineers, product codes.

use chrono::NaiveDateTime;
use diesel::prelude::*;

use super::page::{Page, PageRequest, Row, SortKey};
use crate::db::DbConnection;
use crate::db::schema::{companies, engineers, partners, product_codes, sales_reps};
use crate::keyset_page;

pub const PARTNER_COLUMNS: &[&str] = &["ID", "Partner", "Country", "Contact", "Created"];
pub const PRODUCT_COLUMNS: &[&str] = &["ID", "Code", "Name", "Description"];

fn named_rows(rows: Vec<(i64, String, String, String, NaiveDateTime)>) -> Vec<Row> {
    rows.into_iter()
        .map(|(id, name, country, email, created)| Row {
            key: SortKey::None,
            id,
            cells: vec![
                id.into(),
                name.into(),
                country.into(),
                email.into(),
                created.into(),
            ],
        })
        .collect()
}

/// # Errors
/// Database errors.
pub fn companies(conn: &mut DbConnection, req: &PageRequest, limit: usize) -> QueryResult<Page> {
    let q = companies::table
        .select((
            companies::id,
            companies::name,
            companies::country,
            companies::contact_email,
            companies::created_at,
        ))
        .into_boxed();
    let rows = keyset_page!(q, companies::id, req, limit, false).load(conn)?;
    Ok(Page::from_scan(named_rows(rows), req, limit))
}

/// # Errors
/// Database errors.
pub fn partners(conn: &mut DbConnection, req: &PageRequest, limit: usize) -> QueryResult<Page> {
    let q = partners::table
        .select((
            partners::id,
            partners::name,
            partners::country,
            partners::contact_email,
            partners::created_at,
        ))
        .into_boxed();
    let rows = keyset_page!(q, partners::id, req, limit, false).load(conn)?;
    Ok(Page::from_scan(named_rows(rows), req, limit))
}

fn person_rows(rows: Vec<(i64, String, String, String, bool)>) -> Vec<Row> {
    rows.into_iter()
        .map(|(id, name, email, region, active)| Row {
            key: SortKey::None,
            id,
            cells: vec![
                id.into(),
                name.into(),
                email.into(),
                region.into(),
                active.into(),
            ],
        })
        .collect()
}

/// # Errors
/// Database errors.
pub fn sales_reps(conn: &mut DbConnection, req: &PageRequest, limit: usize) -> QueryResult<Page> {
    let q = sales_reps::table
        .select((
            sales_reps::id,
            sales_reps::name,
            sales_reps::email,
            sales_reps::region,
            sales_reps::active,
        ))
        .into_boxed();
    let rows = keyset_page!(q, sales_reps::id, req, limit, false).load(conn)?;
    Ok(Page::from_scan(person_rows(rows), req, limit))
}

/// # Errors
/// Database errors.
pub fn engineers(conn: &mut DbConnection, req: &PageRequest, limit: usize) -> QueryResult<Page> {
    let q = engineers::table
        .select((
            engineers::id,
            engineers::name,
            engineers::email,
            engineers::region,
            engineers::active,
        ))
        .into_boxed();
    let rows = keyset_page!(q, engineers::id, req, limit, false).load(conn)?;
    Ok(Page::from_scan(person_rows(rows), req, limit))
}

/// # Errors
/// Database errors.
pub fn product_codes(
    conn: &mut DbConnection,
    req: &PageRequest,
    limit: usize,
) -> QueryResult<Page> {
    let q = product_codes::table
        .select((
            product_codes::id,
            product_codes::code,
            product_codes::name,
            product_codes::description,
        ))
        .into_boxed();
    let rows: Vec<(i64, String, String, String)> =
        keyset_page!(q, product_codes::id, req, limit, false).load(conn)?;
    let rows = rows
        .into_iter()
        .map(|(id, code, name, description)| Row {
            key: SortKey::None,
            id,
            cells: vec![id.into(), code.into(), name.into(), description.into()],
        })
        .collect();
    Ok(Page::from_scan(rows, req, limit))
}
