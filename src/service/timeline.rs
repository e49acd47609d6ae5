//! The license timeline's reads: the license list's rows with what the chart draws on
//! them, and the grouped view's companies. Gated by `ViewData`, like the list itself.

use std::collections::HashMap;

use super::{ServiceError, authorize};
use crate::auth::Actor;
use crate::db::DbConnection;
use crate::db::queries::list::ListQuery;
use crate::db::queries::page::{Page, PageRequest};
use crate::domain::Permission;
use crate::report::timeline::{CompanyCoverage, LicenseMarks, queries};

/// The purchases and completed deployments of licenses `ids` (the rows on screen).
///
/// # Errors
/// Forbidden without `ViewData`; database errors.
pub fn marks(
    conn: &mut DbConnection,
    actor: &Actor,
    ids: &[i64],
) -> Result<HashMap<i64, LicenseMarks>, ServiceError> {
    authorize(actor, Permission::ViewData)?;
    Ok(queries::marks(conn, ids)?)
}

/// One page of the companies holding a license that `query` matches, by name, with the
/// coverage of those licenses.
///
/// # Errors
/// Forbidden without `ViewData`; database errors.
pub fn companies(
    conn: &mut DbConnection,
    actor: &Actor,
    query: &ListQuery,
    req: &PageRequest,
    limit: usize,
) -> Result<(Page, HashMap<i64, CompanyCoverage>), ServiceError> {
    authorize(actor, Permission::ViewData)?;
    let page = queries::company_page(conn, query, req, limit.clamp(1, 1000))?;
    let ids: Vec<i64> = page.rows.iter().map(|r| r.id).collect();
    let coverage = queries::coverage(conn, query, &ids)?;
    Ok((page, coverage))
}

/// How many companies hold a license that `query` matches.
///
/// # Errors
/// Forbidden without `ViewData`; database errors.
pub fn count_companies(
    conn: &mut DbConnection,
    actor: &Actor,
    query: &ListQuery,
) -> Result<u64, ServiceError> {
    authorize(actor, Permission::ViewData)?;
    Ok(u64::try_from(queries::company_count(conn, query)?).unwrap_or(0))
}
