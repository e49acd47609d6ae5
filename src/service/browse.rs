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
use crate::domain::filter::Qualifier;
use crate::domain::{DomainError, Permission};

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

    /// The list's column headers, in the order of its cells: what the TUI's table shows
    /// and what `--sort` names. The sort column of a [`ListQuery`] is an index into it.
    #[must_use]
    pub const fn columns(self) -> &'static [&'static str] {
        match self {
            Entity::Licenses => &[
                "License",
                "Company",
                "Product",
                "Status",
                "Seats",
                "Start",
                "End",
                "Partner",
                "Sales rep",
            ],
            Entity::Companies => &["ID", "Company", "Country", "Contact", "Created"],
            Entity::Partners => &["ID", "Partner", "Country", "Contact", "Created"],
            Entity::SalesReps | Entity::Engineers => &["ID", "Name", "Email", "Region", "Active"],
            Entity::ProductCodes => &["ID", "Code", "Name", "Description"],
            Entity::Purchases => &[
                "Date", "License", "Company", "Kind", "Seats +", "Cost", "Revenue", "Order",
            ],
            Entity::Deployments => &[
                "License",
                "Company",
                "Engineer",
                "Status",
                "Scheduled",
                "Started",
                "Completed",
                "Environment",
            ],
            Entity::PortalUsers => &["Company", "User ID", "Email", "Name", "Disabled", "Created"],
            Entity::Activity => &["Time", "Company", "User", "Action", "Status", "Detail"],
            Entity::Audit => &["Time", "Operator", "Entity", "ID", "Action", "Changed"],
            Entity::Operators => operators::COLUMNS,
        }
    }

    /// Whether the list sorts by any of its columns; the others sort by their first
    /// column only (newest first, or reversed), the operator accounts not at all.
    #[must_use]
    pub const fn sorts_by_any_column(self) -> bool {
        !matches!(
            self,
            Entity::Purchases | Entity::Deployments | Entity::Audit | Entity::Operators
        )
    }

    /// The columns the list can be sorted by.
    #[must_use]
    pub fn sort_columns(self) -> &'static [&'static str] {
        let all = self.columns();
        match self {
            Entity::Operators => &[],
            _ if self.sorts_by_any_column() => all,
            _ => &all[..1],
        }
    }

    /// The index of the sort column named `name` (case-insensitive).
    ///
    /// # Errors
    /// An unknown or unsortable column, listing the ones the list sorts by.
    pub fn sort_column(self, name: &str) -> Result<usize, DomainError> {
        let valid = self.sort_columns();
        valid
            .iter()
            .position(|c| c.eq_ignore_ascii_case(name.trim()))
            .ok_or_else(|| {
                DomainError::Invalid(format!(
                    "{} cannot be sorted by {name:?}; sort by {}",
                    self.name(),
                    match valid {
                        [] => "nothing (it is in id order)".to_owned(),
                        _ => valid
                            .iter()
                            .map(|c| format!("{c:?}"))
                            .collect::<Vec<_>>()
                            .join(", "),
                    }
                ))
            })
    }

    /// The list's name on the command line (`lms export sales-reps`).
    #[must_use]
    pub const fn name(self) -> &'static str {
        match self {
            Entity::Licenses => "licenses",
            Entity::Companies => "companies",
            Entity::Partners => "partners",
            Entity::SalesReps => "sales-reps",
            Entity::ProductCodes => "product-codes",
            Entity::Purchases => "purchases",
            Entity::Deployments => "deployments",
            Entity::Engineers => "engineers",
            Entity::PortalUsers => "portal-users",
            Entity::Activity => "activity",
            Entity::Audit => "audit",
            Entity::Operators => "operators",
        }
    }

    /// The list of business data named `name` (as [`Entity::name`] spells it).
    #[must_use]
    pub fn parse(name: &str) -> Option<Entity> {
        Entity::ALL.into_iter().find(|e| e.name() == name)
    }

    /// The list's order before the operator sorts it: money, work and logs newest first,
    /// the others by their first column.
    #[must_use]
    pub fn default_query(self) -> ListQuery {
        match self {
            Entity::Purchases | Entity::Deployments | Entity::Audit | Entity::Activity => {
                ListQuery::newest_first()
            }
            _ => ListQuery::default(),
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
    Ok(unchecked_page(
        conn,
        entity,
        query,
        req,
        limit.clamp(1, 1000),
    )?)
}

/// [`page`] without the gate and the page size's bound: for use cases that authorized
/// the operator already (an export walks every page).
pub(super) fn unchecked_page(
    conn: &mut DbConnection,
    entity: Entity,
    query: &ListQuery,
    req: &PageRequest,
    limit: usize,
) -> diesel::QueryResult<Page> {
    match entity {
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
    }
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_round_trip() {
        for e in Entity::ALL {
            assert_eq!(Entity::parse(e.name()), Some(e));
        }
        assert_eq!(Entity::parse("operators"), None);
        assert_eq!(Entity::parse("Licenses"), None);
    }

    #[test]
    fn sort_columns_are_named_case_insensitively_and_unknown_ones_listed() {
        assert_eq!(Entity::Licenses.sort_column("end"), Ok(6));
        assert_eq!(Entity::Licenses.sort_column(" SALES REP "), Ok(8));
        assert_eq!(Entity::Purchases.sort_column("date"), Ok(0));
        let err = Entity::Licenses
            .sort_column("colour")
            .unwrap_err()
            .to_string();
        assert!(
            err.contains("\"colour\"") && err.contains("\"Sales rep\""),
            "{err}"
        );
        let err = Entity::Purchases
            .sort_column("company")
            .unwrap_err()
            .to_string();
        assert!(err.ends_with("sort by \"Date\""), "{err}");
    }
}
