//! Utilization: licensed seats against registered and active portal users per company,
//! with compliance and usage flags and money per currency (issue #4; definitions in the
//! README). [`run`] is what the CLI report and the TUI dashboard both call, through
//! `service::reports`.

pub mod model;
pub mod monthly;
pub mod output;
pub mod params;
pub mod queries;

use crate::db::retry;

pub use model::{CompanyRow, Flags, Totals, UtilizationReport};
pub use params::{Filters, UtilizationQuery, Window};
pub use queries::Resolved;

use crate::db::DbConnection;

pub use super::ReportError;

/// Runs the aggregates in one read transaction, so every figure sees the same data.
///
/// # Errors
/// Database errors; a stored currency code that is not ISO 4217.
pub fn run(
    conn: &mut DbConnection,
    query: UtilizationQuery,
    f: &Resolved,
) -> Result<UtilizationReport, ReportError> {
    let window = query.window()?;
    let agg = retry::transaction(conn, |conn| {
        let companies = queries::companies(conn, f)?;
        let ids: Vec<i64> = companies.iter().map(|(id, _)| *id).collect();
        diesel::QueryResult::Ok(model::Aggregates {
            licensed: queries::licensed(conn, f, query.as_of)?,
            registered: queries::registered(conn, &ids)?,
            active: queries::active(conn, &ids, window.from, window.to)?,
            money: queries::money(conn, f)?,
            monthly: queries::monthly_revenue(conn, f, &monthly::months_to(query.as_of))?,
            companies,
        })
    })?;
    Ok(model::assemble(query, window, agg)?)
}
