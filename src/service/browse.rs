//! Read-only browsing of every list, paged in SQL. Gated by `ViewData`; the audit log by
//! `ViewAudit`, the operator accounts by `ManageOperators`.

use super::{ServiceError, authorize};
use crate::auth::Actor;
use crate::db::DbConnection;
use crate::db::queries::license_list;
use crate::db::queries::licenses::LicenseDetail;
use crate::db::queries::list::ListQuery;
use crate::db::queries::page::{Page, PageRequest};
use crate::db::queries::{activity, audit, deployments, licenses, operators, parties, purchases};
use crate::domain::Permission;
use crate::domain::filter::Qualifier;

/// A list the operator can browse; each is a tab.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Entity {
    Licenses,
    Companies,
    Partners,
    SalesReps,
    ProductCodes,
    Purchases,
    Deployments,
    Engineers,
    PortalUsers,
    Activity,
    Audit,
    /// The operator accounts (admins only; not in [`Entity::ALL`]).
    Operators,
}

impl Entity {
    /// The lists of business data and its history, each a tab for every role.
    pub const ALL: [Entity; 11] = [
        Entity::Licenses,
        Entity::Companies,
        Entity::Partners,
        Entity::SalesReps,
        Entity::ProductCodes,
        Entity::Purchases,
        Entity::Deployments,
        Entity::Engineers,
        Entity::PortalUsers,
        Entity::Activity,
        Entity::Audit,
    ];

    /// The `/` filter's qualifiers of the lists that filter (every list but Operators).
    #[must_use]
    pub const fn qualifiers(self) -> Option<&'static [Qualifier]> {
        match self {
            Entity::Licenses => Some(license_list::QUALIFIERS),
            Entity::Companies | Entity::Partners => Some(parties::COMPANY_QUALIFIERS),
            Entity::SalesReps | Entity::Engineers => Some(parties::PERSON_QUALIFIERS),
            Entity::ProductCodes => Some(parties::PRODUCT_QUALIFIERS),
            Entity::Purchases => Some(purchases::QUALIFIERS),
            Entity::Deployments => Some(deployments::QUALIFIERS),
            Entity::PortalUsers => Some(activity::USER_QUALIFIERS),
            Entity::Activity => Some(activity::LOG_QUALIFIERS),
            Entity::Audit => Some(audit::QUALIFIERS),
            Entity::Operators => None,
        }
    }

    /// What browsing the list needs.
    #[must_use]
    pub fn permission(self) -> Permission {
        match self {
            Entity::Audit => Permission::ViewAudit,
            Entity::Operators => Permission::ManageOperators,
            _ => Permission::ViewData,
        }
    }
}

/// One page of `entity` in display order, filtered and sorted by `query` (the
/// Operators list ignores it: it is in id order).
///
/// # Errors
/// Forbidden without the entity's [`Entity::permission`]; database errors.
pub fn page(
    conn: &mut DbConnection,
    actor: &Actor,
    entity: Entity,
    query: &ListQuery,
    req: &PageRequest,
    limit: usize,
) -> Result<Page, ServiceError> {
    authorize(actor, entity.permission())?;
    let limit = limit.clamp(1, 1000);
    Ok(match entity {
        Entity::Licenses => license_list::page(conn, query, req, limit),
        Entity::Companies => parties::companies(conn, query, req, limit),
        Entity::Partners => parties::partners(conn, query, req, limit),
        Entity::SalesReps => parties::sales_reps(conn, query, req, limit),
        Entity::Engineers => parties::engineers(conn, query, req, limit),
        Entity::ProductCodes => parties::product_codes(conn, query, req, limit),
        Entity::Purchases => purchases::page(conn, query, req, limit),
        Entity::Deployments => deployments::page(conn, query, req, limit),
        Entity::PortalUsers => activity::portal_users(conn, query, req, limit),
        Entity::Activity => activity::app_log(conn, query, req, limit),
        Entity::Operators => operators::page(conn, req, limit),
        Entity::Audit => audit::page(conn, query, req, limit),
    }?)
}

/// How many rows of `entity` match `query` (see [`page`]).
///
/// # Errors
/// Forbidden without the entity's [`Entity::permission`]; database errors.
pub fn count(
    conn: &mut DbConnection,
    actor: &Actor,
    entity: Entity,
    query: &ListQuery,
) -> Result<i64, ServiceError> {
    use crate::db::queries::{deployments as deployments_q, purchases as purchases_q};
    authorize(actor, entity.permission())?;
    Ok(match entity {
        Entity::Licenses => license_list::count(conn, query),
        Entity::Companies => parties::count_companies(conn, query),
        Entity::Partners => parties::count_partners(conn, query),
        Entity::SalesReps => parties::count_sales_reps(conn, query),
        Entity::Engineers => parties::count_engineers(conn, query),
        Entity::ProductCodes => parties::count_product_codes(conn, query),
        Entity::Purchases => purchases_q::count(conn, query),
        Entity::Deployments => deployments_q::count(conn, query),
        Entity::PortalUsers => activity::count_portal_users(conn, query),
        Entity::Activity => activity::count_app_log(conn, query),
        Entity::Operators => operators::count(conn),
        Entity::Audit => audit::count(conn, query),
    }?)
}

/// The detail of one license.
///
/// # Errors
/// Forbidden without `ViewData`; `NotFound`; database errors.
pub fn license_detail(
    conn: &mut DbConnection,
    actor: &Actor,
    id: i64,
) -> Result<LicenseDetail, ServiceError> {
    authorize(actor, Permission::ViewData)?;
    licenses::detail(conn, id)?.ok_or_else(|| ServiceError::NotFound(format!("license {id}")))
}

/// Money per currency of what `query` matches: on the Purchases list its purchases; on
/// the license list the last purchase of each license (what renewing them is worth).
/// Other lists have none.
///
/// # Errors
/// Forbidden without `ViewData`; database errors.
pub fn totals(
    conn: &mut DbConnection,
    actor: &Actor,
    entity: Entity,
    query: &ListQuery,
) -> Result<Vec<purchases::CurrencyTotal>, ServiceError> {
    authorize(actor, Permission::ViewData)?;
    Ok(match entity {
        Entity::Purchases => purchases::totals(conn, query)?,
        Entity::Licenses => license_list::last_purchase_totals(conn, query)?,
        _ => Vec::new(),
    })
}
