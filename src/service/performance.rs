//! The performance reports (sales reps, partners, engineers, renewal pipeline). Gated by
//! `ViewReports`; names in filters are resolved to ids here. The CLI calls these, and so
//! will the TUI's Performance screen: a period query in, a report model out.

use chrono::NaiveDate;
use diesel::prelude::*;

use super::{ServiceError, authorize};
use crate::auth::Actor;
use crate::db::DbConnection;
use crate::db::schema::{engineers, exchange_rates, partners, sales_reps};
use crate::domain::{Currency, Permission};
use crate::report::performance::engineers::EngineerReport;
use crate::report::performance::{
    self as perf, Owner, OwnerReport, PeriodQuery, PipelineReport, ReportError,
};

fn service_error(e: ReportError) -> ServiceError {
    match e {
        ReportError::Invalid(e) => ServiceError::Invalid(e),
        ReportError::Database(e) => ServiceError::Database(e),
    }
}

/// Who a name filter names.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Named {
    Rep,
    Partner,
    Engineer,
}

/// The id of the rep, partner or engineer with exactly this name (the first made, when
/// two share it).
fn resolve(
    conn: &mut DbConnection,
    who: Named,
    name: Option<&str>,
) -> Result<Option<i64>, ServiceError> {
    let Some(name) = name.map(str::trim) else {
        return Ok(None);
    };
    let what = match who {
        Named::Rep => "sales rep",
        Named::Partner => "partner",
        Named::Engineer => "engineer",
    };
    if name.is_empty() {
        return Err(ServiceError::Invalid(crate::domain::DomainError::Invalid(
            format!("the {what} name is empty"),
        )));
    }
    let id: Option<i64> = match who {
        Named::Rep => sales_reps::table
            .filter(sales_reps::name.eq(name))
            .select(sales_reps::id)
            .order(sales_reps::id)
            .first(conn)
            .optional()?,
        Named::Partner => partners::table
            .filter(partners::name.eq(name))
            .select(partners::id)
            .order(partners::id)
            .first(conn)
            .optional()?,
        Named::Engineer => engineers::table
            .filter(engineers::name.eq(name))
            .select(engineers::id)
            .order(engineers::id)
            .first(conn)
            .optional()?,
    };
    id.map(Some)
        .ok_or_else(|| ServiceError::NotFound(format!("{what} {name:?}")))
}

/// The sales reps' report; `query.name` a rep.
///
/// # Errors
/// Forbidden without `ViewReports`; `NotFound` for an unknown rep; a period out of range;
/// database errors.
pub fn sales(
    conn: &mut DbConnection,
    actor: &Actor,
    query: &PeriodQuery,
) -> Result<OwnerReport, ServiceError> {
    owners_in(conn, actor, Owner::Rep, query, None)
}

/// The partners' report; `query.name` a partner.
///
/// # Errors
/// As [`sales`], for a partner.
pub fn partners(
    conn: &mut DbConnection,
    actor: &Actor,
    query: &PeriodQuery,
) -> Result<OwnerReport, ServiceError> {
    owners_in(conn, actor, Owner::Partner, query, None)
}

/// The sales reps' or partners' report, with the bookings and revenue at stake also
/// converted into the reporting currency `to` when one is given.
///
/// # Errors
/// As [`sales`]; a stored rate that cannot be used.
pub fn owners_in(
    conn: &mut DbConnection,
    actor: &Actor,
    owner: Owner,
    query: &PeriodQuery,
    to: Option<Currency>,
) -> Result<OwnerReport, ServiceError> {
    authorize(actor, Permission::ViewReports)?;
    let named = match owner {
        Owner::Rep => Named::Rep,
        Owner::Partner => Named::Partner,
    };
    let only = resolve(conn, named, query.name.as_deref())?;
    perf::owners(conn, owner, query, only, to).map_err(service_error)
}

/// The reporting currencies that have exchange rates, in code order.
///
/// # Errors
/// Forbidden without `ViewReports`; a stored code lms does not know; database errors.
pub fn reporting_currencies(
    conn: &mut DbConnection,
    actor: &Actor,
) -> Result<Vec<Currency>, ServiceError> {
    authorize(actor, Permission::ViewReports)?;
    let codes: Vec<String> = exchange_rates::table
        .select(exchange_rates::reporting_currency)
        .distinct()
        .order(exchange_rates::reporting_currency)
        .load(conn)?;
    codes
        .iter()
        .map(|c| c.parse().map_err(ServiceError::Invalid))
        .collect()
}

/// The engineers' report; `query.name` an engineer.
///
/// # Errors
/// As [`sales`], for an engineer.
pub fn engineers(
    conn: &mut DbConnection,
    actor: &Actor,
    query: &PeriodQuery,
) -> Result<EngineerReport, ServiceError> {
    authorize(actor, Permission::ViewReports)?;
    let only = resolve(conn, Named::Engineer, query.name.as_deref())?;
    perf::engineers::run(conn, query, only).map_err(service_error)
}

/// The renewal pipeline as of `as_of`, narrowed to a rep and/or a partner.
///
/// # Errors
/// Forbidden without `ViewReports`; `NotFound` for an unknown rep or partner; database
/// errors.
pub fn renewals(
    conn: &mut DbConnection,
    actor: &Actor,
    as_of: NaiveDate,
    rep: Option<&str>,
    partner: Option<&str>,
) -> Result<PipelineReport, ServiceError> {
    renewals_in(conn, actor, as_of, (rep, partner), None)
}

/// [`renewals`], with the revenue at stake also converted into the reporting currency
/// `to` when one is given.
///
/// # Errors
/// As [`renewals`]; a stored rate that cannot be used.
pub fn renewals_in(
    conn: &mut DbConnection,
    actor: &Actor,
    as_of: NaiveDate,
    (rep, partner): (Option<&str>, Option<&str>),
    to: Option<Currency>,
) -> Result<PipelineReport, ServiceError> {
    authorize(actor, Permission::ViewReports)?;
    let rep = resolve(conn, Named::Rep, rep)?;
    let partner = resolve(conn, Named::Partner, partner)?;
    perf::pipeline(conn, as_of, rep, partner, to).map_err(service_error)
}
