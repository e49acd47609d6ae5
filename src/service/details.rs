//! The detail panes of the entity tabs: what an operator asks next about the selected
//! company, partner, sales rep, engineer, product code or portal user. Gated by
//! `ViewData`; each figure is one SQL aggregate ([`crate::db::queries::details`]), all of
//! one pane read in one transaction so they agree with each other. Dates are counted from
//! the `today` the caller passes (the app's today), never from the clock here.

use crate::db::retry;
use chrono::{Datelike, Days, NaiveDate, NaiveDateTime};

use super::{ServiceError, authorize};
use crate::auth::Actor;
use crate::db::DbConnection;
use crate::db::queries::details::{self as q, LastPurchase, Revenue};
use crate::domain::{LicenseStatus, Permission};
use crate::report::utilization::model::{licensed_text, utilization_text};
use crate::report::utilization::queries as usage;
use crate::report::utilization::{Flags, Resolved, UtilizationQuery};

/// How many days back "completed recently" reaches on the engineer pane.
pub const COMPLETED_DAYS: u32 = 90;

/// Which detail pane a list shows.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum DetailKind {
    Company,
    Partner,
    SalesRep,
    Engineer,
    ProductCode,
    PortalUser,
}

/// A company's licensed seats against its portal users, as the dashboard counts them.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Usage {
    /// Seats of the limited licenses in force today.
    pub licensed_seats: i64,
    /// An unlimited (site) license is in force.
    pub unlimited: bool,
    pub active_licenses: i64,
    /// Portal users not disabled.
    pub registered: i64,
    /// Distinct users with activity in the window.
    pub active: i64,
    /// The activity window in days (the dashboard's default).
    pub window_days: u32,
    pub flags: Flags,
}

impl Usage {
    /// "45.5%", "unlimited" or "-".
    #[must_use]
    pub fn utilization_text(&self) -> String {
        utilization_text(self.active, self.licensed_seats, self.unlimited)
    }

    /// "12", "unlimited" or "12 + unlimited".
    #[must_use]
    pub fn licensed_text(&self) -> String {
        licensed_text(self.licensed_seats, self.unlimited)
    }
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CompanyDetail {
    pub id: i64,
    pub name: String,
    /// `(status, licenses)` by status; statuses without licenses are absent.
    pub licenses_by_status: Vec<(String, i64)>,
    pub usage: Usage,
    /// Per currency, by currency code.
    pub revenue: Vec<Revenue>,
    pub last_purchase: Option<LastPurchase>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PartnerDetail {
    pub id: i64,
    pub name: String,
    pub licenses: i64,
    /// Distinct companies of its licenses.
    pub companies: i64,
    /// Of the purchases it sold, per currency.
    pub revenue: Vec<Revenue>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SalesRepDetail {
    pub id: i64,
    pub name: String,
    /// Licenses whose sales rep it is.
    pub licenses: i64,
    /// The calendar year of the app's today.
    pub year: i32,
    /// The purchases it sold dated in that year, per currency.
    pub purchases: Vec<Revenue>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct EngineerDetail {
    pub id: i64,
    pub name: String,
    /// Planned or in progress.
    pub open: i64,
    /// Completed in the last [`COMPLETED_DAYS`] days (today included).
    pub completed: i64,
    pub completed_days: u32,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ProductDetail {
    pub id: i64,
    pub code: String,
    pub name: String,
    pub licenses: i64,
    /// Licenses in force today (active, today within their dates).
    pub active_licenses: i64,
    /// Seats of the limited ones among them.
    pub active_seats: i64,
    /// Unlimited (site) licenses among them.
    pub unlimited: i64,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PortalUserDetail {
    pub id: i64,
    pub email: String,
    pub company: String,
    /// UTC.
    pub last_activity: Option<NaiveDateTime>,
    /// Activity rows in the window.
    pub activity: i64,
    pub window_days: u32,
}

/// One pane's figures.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Detail {
    Company(CompanyDetail),
    Partner(PartnerDetail),
    SalesRep(SalesRepDetail),
    Engineer(EngineerDetail),
    ProductCode(ProductDetail),
    PortalUser(PortalUserDetail),
}

impl Detail {
    /// The row it is about.
    #[must_use]
    pub fn id(&self) -> i64 {
        match self {
            Detail::Company(d) => d.id,
            Detail::Partner(d) => d.id,
            Detail::SalesRep(d) => d.id,
            Detail::Engineer(d) => d.id,
            Detail::ProductCode(d) => d.id,
            Detail::PortalUser(d) => d.id,
        }
    }

    #[must_use]
    pub fn kind(&self) -> DetailKind {
        match self {
            Detail::Company(_) => DetailKind::Company,
            Detail::Partner(_) => DetailKind::Partner,
            Detail::SalesRep(_) => DetailKind::SalesRep,
            Detail::Engineer(_) => DetailKind::Engineer,
            Detail::ProductCode(_) => DetailKind::ProductCode,
            Detail::PortalUser(_) => DetailKind::PortalUser,
        }
    }
}

/// The pane of `kind` for row `id`, its dates counted from `today`.
///
/// # Errors
/// Forbidden without `ViewData`; `NotFound` when the row is gone; database errors.
pub fn detail(
    conn: &mut DbConnection,
    actor: &Actor,
    kind: DetailKind,
    id: i64,
    today: NaiveDate,
) -> Result<Detail, ServiceError> {
    Ok(match kind {
        DetailKind::Company => Detail::Company(company(conn, actor, id, today)?),
        DetailKind::Partner => Detail::Partner(partner(conn, actor, id)?),
        DetailKind::SalesRep => Detail::SalesRep(sales_rep(conn, actor, id, today)?),
        DetailKind::Engineer => Detail::Engineer(engineer(conn, actor, id, today)?),
        DetailKind::ProductCode => Detail::ProductCode(product_code(conn, actor, id, today)?),
        DetailKind::PortalUser => Detail::PortalUser(portal_user(conn, actor, id, today)?),
    })
}

fn found<T>(what: &str, id: i64, row: Option<T>) -> Result<T, ServiceError> {
    row.ok_or_else(|| ServiceError::NotFound(format!("{what} {id}")))
}

/// Licenses by status, seats against users (the dashboard's figures and flags for
/// `today`), revenue per currency and the last purchase.
///
/// # Errors
/// See [`detail`].
pub fn company(
    conn: &mut DbConnection,
    actor: &Actor,
    id: i64,
    today: NaiveDate,
) -> Result<CompanyDetail, ServiceError> {
    authorize(actor, Permission::ViewData)?;
    let query = UtilizationQuery::new(today);
    let window = query.window()?;
    retry::transaction(conn, |conn| {
        let name = found("company", id, q::company_name(conn, id)?)?;
        let only = Resolved {
            company_id: Some(id),
            ..Resolved::default()
        };
        let (active_licenses, unlimited, licensed_seats) = usage::licensed(conn, &only, today)?
            .first()
            .map_or((0, false, 0), |&(_, n, limited, seats)| {
                (n, n > limited, seats.unwrap_or(0))
            });
        let registered = first_count(&usage::registered(conn, &[id])?);
        let active = first_count(&usage::active(conn, &[id], window.from, window.to)?);
        let usage = Usage {
            licensed_seats,
            unlimited,
            active_licenses,
            registered,
            active,
            window_days: window.days,
            flags: Flags::of(
                licensed_seats,
                unlimited,
                registered,
                active,
                query.under_used_pct,
            ),
        };
        Ok(CompanyDetail {
            id,
            name,
            licenses_by_status: q::company_licenses_by_status(conn, id)?,
            usage,
            revenue: q::company_revenue(conn, id)?,
            last_purchase: q::company_last_purchase(conn, id)?,
        })
    })
}

/// The count of a per-company aggregate asked for one company (absent: none).
fn first_count(rows: &[(i64, i64)]) -> i64 {
    rows.first().map_or(0, |&(_, n)| n)
}

/// Licenses, companies served and revenue per currency.
///
/// # Errors
/// See [`detail`].
pub fn partner(
    conn: &mut DbConnection,
    actor: &Actor,
    id: i64,
) -> Result<PartnerDetail, ServiceError> {
    authorize(actor, Permission::ViewData)?;
    retry::transaction(conn, |conn| {
        let name = found("partner", id, q::partner_name(conn, id)?)?;
        let (licenses, companies) = q::partner_licenses(conn, id)?;
        Ok(PartnerDetail {
            id,
            name,
            licenses,
            companies,
            revenue: q::partner_revenue(conn, id)?,
        })
    })
}

/// Licenses owned and this calendar year's purchases per currency.
///
/// # Errors
/// See [`detail`].
pub fn sales_rep(
    conn: &mut DbConnection,
    actor: &Actor,
    id: i64,
    today: NaiveDate,
) -> Result<SalesRepDetail, ServiceError> {
    authorize(actor, Permission::ViewData)?;
    let year = today.year();
    let (Some(from), Some(to)) = (
        NaiveDate::from_ymd_opt(year, 1, 1),
        NaiveDate::from_ymd_opt(year, 12, 31),
    ) else {
        return Err(ServiceError::Internal(format!("no calendar year {year}")));
    };
    retry::transaction(conn, |conn| {
        let name = found("sales rep", id, q::sales_rep_name(conn, id)?)?;
        Ok(SalesRepDetail {
            id,
            name,
            licenses: q::rep_licenses(conn, id)?,
            year,
            purchases: q::rep_revenue(conn, id, from, to)?,
        })
    })
}

/// Open deployments and those completed in the last [`COMPLETED_DAYS`] days.
///
/// # Errors
/// See [`detail`].
pub fn engineer(
    conn: &mut DbConnection,
    actor: &Actor,
    id: i64,
    today: NaiveDate,
) -> Result<EngineerDetail, ServiceError> {
    authorize(actor, Permission::ViewData)?;
    let from = today
        .checked_sub_days(Days::new(u64::from(COMPLETED_DAYS)))
        .unwrap_or(NaiveDate::MIN);
    retry::transaction(conn, |conn| {
        let name = found("engineer", id, q::engineer_name(conn, id)?)?;
        Ok(EngineerDetail {
            id,
            name,
            open: q::engineer_open(conn, id)?,
            completed: q::engineer_completed(conn, id, from, today)?,
            completed_days: COMPLETED_DAYS,
        })
    })
}

/// Licenses, and the seats of those in force today.
///
/// # Errors
/// See [`detail`].
pub fn product_code(
    conn: &mut DbConnection,
    actor: &Actor,
    id: i64,
    today: NaiveDate,
) -> Result<ProductDetail, ServiceError> {
    authorize(actor, Permission::ViewData)?;
    retry::transaction(conn, |conn| {
        let (code, name) = found("product code", id, q::product_code(conn, id)?)?;
        // In force today (as the dashboard counts licensed seats): active, less those
        // that ended before today or start after it. The two never overlap.
        let by_status = q::product_by_status(conn, id)?;
        let licenses = by_status.iter().map(|(_, (n, _, _))| n).sum();
        let mut in_force = by_status
            .into_iter()
            .find(|(status, _)| status == LicenseStatus::Active.as_str())
            .map_or((0, 0, None), |(_, seats)| seats);
        for (n, limited, seats) in [
            q::product_active_ended(conn, id, today)?,
            q::product_active_not_started(conn, id, today)?,
        ] {
            in_force.0 -= n;
            in_force.1 -= limited;
            in_force.2 = Some(in_force.2.unwrap_or(0) - seats.unwrap_or(0));
        }
        let (active_licenses, limited, seats) = in_force;
        Ok(ProductDetail {
            id,
            code,
            name,
            licenses,
            active_licenses,
            active_seats: seats.unwrap_or(0),
            unlimited: active_licenses - limited,
        })
    })
}

/// Last activity, and activity rows in the dashboard's window before `today`.
///
/// # Errors
/// See [`detail`].
pub fn portal_user(
    conn: &mut DbConnection,
    actor: &Actor,
    id: i64,
    today: NaiveDate,
) -> Result<PortalUserDetail, ServiceError> {
    authorize(actor, Permission::ViewData)?;
    let window = UtilizationQuery::new(today).window()?;
    retry::transaction(conn, |conn| {
        let (email, company) = found("portal user", id, q::portal_user(conn, id)?)?;
        Ok(PortalUserDetail {
            id,
            email,
            company,
            last_activity: q::user_last_activity(conn, id)?,
            activity: q::user_activity(conn, id, window.from, window.to)?,
            window_days: window.days,
        })
    })
}
