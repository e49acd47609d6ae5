//! Reports. Gated by `ViewReports`; names in filters are resolved to ids here.

use super::{ServiceError, authorize};
use crate::auth::Actor;
use crate::db::DbConnection;
use crate::domain::Permission;
use crate::report::utilization::{self, Resolved, UtilizationQuery, UtilizationReport};

/// The utilization report for `query`.
///
/// # Errors
/// Forbidden without `ViewReports`; invalid parameters; `NotFound` for an unknown company
/// or partner name; database errors.
pub fn utilization(
    conn: &mut DbConnection,
    actor: &Actor,
    query: UtilizationQuery,
) -> Result<UtilizationReport, ServiceError> {
    authorize(actor, Permission::ViewReports)?;
    query.check()?;
    let f = &query.filters;
    let company_id = match &f.company {
        Some(name) => Some(
            utilization::queries::company_id(conn, name.trim())?
                .ok_or_else(|| ServiceError::NotFound(format!("company {:?}", name.trim())))?,
        ),
        None => None,
    };
    let partner_id = match &f.partner {
        Some(name) => Some(
            utilization::queries::partner_id(conn, name.trim())?
                .ok_or_else(|| ServiceError::NotFound(format!("partner {:?}", name.trim())))?,
        ),
        None => None,
    };
    let resolved = Resolved {
        company_id,
        partner_id,
        statuses: f.statuses.iter().map(|s| s.as_str().to_owned()).collect(),
        currency: f.currency.map(|c| c.code().to_owned()),
        from: f.from,
        to: f.to,
        narrows: f.narrows_licenses(),
    };
    utilization::run(conn, query, &resolved).map_err(|e| match e {
        utilization::ReportError::Invalid(e) => ServiceError::Invalid(e),
        utilization::ReportError::Database(e) => ServiceError::Database(e),
    })
}
