//! Companies, partners, sales reps, engineers and product codes as exported.

use diesel::prelude::*;

use super::cells_in_order;
use crate::db::DbConnection;
use crate::db::queries::page::Value;
use crate::db::schema::{companies, engineers, partners, product_codes, sales_reps};
use crate::db::text::DbText;

/// name, country, `contact_email`, notes, archived.
///
/// # Errors
/// Database errors.
pub fn companies(conn: &mut DbConnection, ids: &[i64]) -> QueryResult<Vec<Vec<Value>>> {
    use companies as t;
    let rows: Vec<(i64, DbText, DbText, DbText, DbText, bool)> = t::table
        .filter(t::id.eq_any(ids))
        .select((
            t::id,
            t::name,
            t::country,
            t::contact_email,
            t::notes,
            t::archived,
        ))
        .load(conn)?;
    Ok(cells_in_order(
        ids,
        rows,
        |r| r.0,
        |(_, name, country, email, notes, archived)| {
            vec![
                name.into(),
                country.into(),
                email.into(),
                notes.into(),
                archived.into(),
            ]
        },
    ))
}

/// name, country, `contact_email`, archived.
///
/// # Errors
/// Database errors.
pub fn partners(conn: &mut DbConnection, ids: &[i64]) -> QueryResult<Vec<Vec<Value>>> {
    use partners as t;
    let rows: Vec<(i64, DbText, DbText, DbText, bool)> = t::table
        .filter(t::id.eq_any(ids))
        .select((t::id, t::name, t::country, t::contact_email, t::archived))
        .load(conn)?;
    Ok(cells_in_order(
        ids,
        rows,
        |r| r.0,
        |(_, name, country, email, archived)| {
            vec![name.into(), country.into(), email.into(), archived.into()]
        },
    ))
}

/// A rep's or an engineer's cells: email, name, region, active.
fn person((_, email, name, region, active): (i64, DbText, DbText, DbText, bool)) -> Vec<Value> {
    vec![email.into(), name.into(), region.into(), active.into()]
}

/// email, name, region, active.
///
/// # Errors
/// Database errors.
pub fn sales_reps(conn: &mut DbConnection, ids: &[i64]) -> QueryResult<Vec<Vec<Value>>> {
    use sales_reps as t;
    let rows = t::table
        .filter(t::id.eq_any(ids))
        .select((t::id, t::email, t::name, t::region, t::active))
        .load(conn)?;
    Ok(cells_in_order(ids, rows, |r| r.0, person))
}

/// email, name, region, active.
///
/// # Errors
/// Database errors.
pub fn engineers(conn: &mut DbConnection, ids: &[i64]) -> QueryResult<Vec<Vec<Value>>> {
    use engineers as t;
    let rows = t::table
        .filter(t::id.eq_any(ids))
        .select((t::id, t::email, t::name, t::region, t::active))
        .load(conn)?;
    Ok(cells_in_order(ids, rows, |r| r.0, person))
}

/// code, name, description, archived.
///
/// # Errors
/// Database errors.
pub fn product_codes(conn: &mut DbConnection, ids: &[i64]) -> QueryResult<Vec<Vec<Value>>> {
    use product_codes as t;
    let rows: Vec<(i64, DbText, DbText, DbText, bool)> = t::table
        .filter(t::id.eq_any(ids))
        .select((t::id, t::code, t::name, t::description, t::archived))
        .load(conn)?;
    Ok(cells_in_order(
        ids,
        rows,
        |r| r.0,
        |(_, code, name, description, archived)| {
            vec![
                code.into(),
                name.into(),
                description.into(),
                archived.into(),
            ]
        },
    ))
}
