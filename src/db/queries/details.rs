//! The figures of the entity tabs' detail panes. Each function is one SQL aggregate over
//! the rows of one company, partner, sales rep, engineer, product code or portal user,
//! answered from an index that holds every column it reads (the index is named on each
//! function; see the migration `detail_indexes`). Nothing here loads a table: a function
//! returns one row, or one row per status or currency.
//!
//! The company's licensed seats, registered and active users are the utilization report's
//! own queries (`report::utilization::queries`), so the pane and the dashboard agree.

use chrono::{NaiveDate, NaiveDateTime};
use diesel::dsl::{count, count_star, max, sum};
use diesel::prelude::*;

use super::sum_bigint;
use crate::db::DbConnection;
use crate::db::schema::{
    app_log, companies, company_money, deployments, engineers, licenses, partners, portal_users,
    product_codes, purchases, sales_reps,
};
use crate::db::text::DbText;
use crate::domain::{DeploymentStatus, LicenseStatus};

/// Revenue in one currency (never added to another currency's).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Revenue {
    pub currency: String,
    pub purchases: i64,
    pub revenue_minor: i64,
}

impl Revenue {
    fn from_rows(rows: Vec<(String, i64, Option<i64>)>) -> Vec<Revenue> {
        rows.into_iter()
            .map(|(currency, purchases, revenue)| Revenue {
                currency,
                purchases,
                revenue_minor: revenue.unwrap_or(0),
            })
            .collect()
    }
}

/// The most recent purchase of a company's licenses.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LastPurchase {
    pub date: NaiveDate,
    pub kind: String,
    pub revenue_minor: i64,
    pub currency: String,
}

/// What a table row is called, by id: `None` when there is no such row.
///
/// # Errors
/// Database errors.
pub fn company_name(conn: &mut DbConnection, id: i64) -> QueryResult<Option<String>> {
    shown(
        companies::table
            .find(id)
            .select(companies::name)
            .first(conn)
            .optional(),
    )
}

/// # Errors
/// Database errors.
pub fn partner_name(conn: &mut DbConnection, id: i64) -> QueryResult<Option<String>> {
    shown(
        partners::table
            .find(id)
            .select(partners::name)
            .first(conn)
            .optional(),
    )
}

/// # Errors
/// Database errors.
pub fn sales_rep_name(conn: &mut DbConnection, id: i64) -> QueryResult<Option<String>> {
    shown(
        sales_reps::table
            .find(id)
            .select(sales_reps::name)
            .first(conn)
            .optional(),
    )
}

/// # Errors
/// Database errors.
pub fn engineer_name(conn: &mut DbConnection, id: i64) -> QueryResult<Option<String>> {
    shown(
        engineers::table
            .find(id)
            .select(engineers::name)
            .first(conn)
            .optional(),
    )
}

/// `(code, name)`.
///
/// # Errors
/// Database errors.
pub fn product_code(conn: &mut DbConnection, id: i64) -> QueryResult<Option<(String, String)>> {
    let found: Option<(String, DbText)> = product_codes::table
        .find(id)
        .select((product_codes::code, product_codes::name))
        .first(conn)
        .optional()?;
    Ok(found.map(|(code, name)| (code, name.into())))
}

/// `(email, company)` of a portal user.
///
/// # Errors
/// Database errors.
pub fn portal_user(conn: &mut DbConnection, id: i64) -> QueryResult<Option<(String, String)>> {
    let found: Option<(String, DbText)> = portal_users::table
        .inner_join(companies::table)
        .filter(portal_users::id.eq(id))
        .select((portal_users::email, companies::name))
        .first(conn)
        .optional()?;
    Ok(found.map(|(email, company)| (email, company.into())))
}

/// A name read lossily (see [`DbText`]), as shown.
fn shown(name: QueryResult<Option<DbText>>) -> QueryResult<Option<String>> {
    name.map(|n| n.map(String::from))
}

/// A company's licenses per status, by status: `licenses_company_status`.
///
/// # Errors
/// Database errors.
pub fn company_licenses_by_status(
    conn: &mut DbConnection,
    company: i64,
) -> QueryResult<Vec<(String, i64)>> {
    licenses::table
        .filter(licenses::company_id.eq(company))
        .group_by(licenses::status)
        .select((licenses::status, count_star()))
        .order(licenses::status.asc())
        .load(conn)
}

/// A company's revenue per currency, from the kept totals (`company_money`'s key).
///
/// # Errors
/// Database errors.
pub fn company_revenue(conn: &mut DbConnection, company: i64) -> QueryResult<Vec<Revenue>> {
    let rows: Vec<(String, i64, Option<i64>)> = company_money::table
        .filter(company_money::company_id.eq(company))
        .filter(company_money::purchases.gt(0))
        .select((
            company_money::currency,
            company_money::purchases,
            company_money::revenue_minor.nullable(),
        ))
        .order(company_money::currency.asc())
        .load(conn)?;
    Ok(Revenue::from_rows(rows))
}

/// The latest purchase of any of a company's licenses (ties: the last recorded): the
/// latest of the last purchases `company_money` keeps per currency (a handful of rows),
/// then that one purchase row. Walking the company's purchases instead read 23,000 pages
/// for a company of 6,730 licenses on a 128 MiB MariaDB buffer pool (0.2-0.35 s).
///
/// # Errors
/// Database errors.
pub fn company_last_purchase(
    conn: &mut DbConnection,
    company: i64,
) -> QueryResult<Option<LastPurchase>> {
    let last: Option<Option<i64>> = company_money::table
        .filter(company_money::company_id.eq(company))
        .filter(company_money::last_purchase_id.is_not_null())
        .order((
            company_money::last_purchase_date.desc(),
            company_money::last_purchase_id.desc(),
        ))
        .select(company_money::last_purchase_id)
        .first(conn)
        .optional()?;
    let Some(Some(last)) = last else {
        return Ok(None);
    };
    let row: Option<(NaiveDate, String, i64, String)> = purchases::table
        .filter(purchases::id.eq(last))
        .select((
            purchases::purchase_date,
            purchases::kind,
            purchases::revenue_minor,
            purchases::currency,
        ))
        .first(conn)
        .optional()?;
    Ok(
        row.map(|(date, kind, revenue_minor, currency)| LastPurchase {
            date,
            kind,
            revenue_minor,
            currency,
        }),
    )
}

/// A partner's licenses and the distinct companies they are for:
/// `licenses_partner_company_dates` (its first two columns).
///
/// # Errors
/// Database errors.
pub fn partner_licenses(conn: &mut DbConnection, partner: i64) -> QueryResult<(i64, i64)> {
    licenses::table
        .filter(licenses::partner_id.eq(partner))
        .select((
            count_star(),
            count(licenses::company_id).aggregate_distinct(),
        ))
        .first(conn)
}

/// Revenue per currency of the purchases a partner sold: `purchases_partner_money`.
///
/// # Errors
/// Database errors.
pub fn partner_revenue(conn: &mut DbConnection, partner: i64) -> QueryResult<Vec<Revenue>> {
    let rows: Vec<(String, i64, Option<i64>)> = purchases::table
        .filter(purchases::partner_id.eq(partner))
        .group_by(purchases::currency)
        .select((
            purchases::currency,
            count_star(),
            sum_bigint(purchases::revenue_minor),
        ))
        .order(purchases::currency.asc())
        .load(conn)?;
    Ok(Revenue::from_rows(rows))
}

/// The licenses a sales rep owns: `licenses_sales_rep`.
///
/// # Errors
/// Database errors.
pub fn rep_licenses(conn: &mut DbConnection, rep: i64) -> QueryResult<i64> {
    licenses::table
        .filter(licenses::sales_rep_id.eq(rep))
        .count()
        .get_result(conn)
}

/// Purchases a sales rep sold dated `from..=to`, per currency:
/// `purchases_rep_date_money`.
///
/// # Errors
/// Database errors.
pub fn rep_revenue(
    conn: &mut DbConnection,
    rep: i64,
    from: NaiveDate,
    to: NaiveDate,
) -> QueryResult<Vec<Revenue>> {
    let rows: Vec<(String, i64, Option<i64>)> = purchases::table
        .filter(purchases::sales_rep_id.eq(rep))
        .filter(purchases::purchase_date.between(from, to))
        .group_by(purchases::currency)
        .select((
            purchases::currency,
            count_star(),
            sum_bigint(purchases::revenue_minor),
        ))
        .order(purchases::currency.asc())
        .load(conn)?;
    Ok(Revenue::from_rows(rows))
}

/// An engineer's deployments that are planned or in progress: `deployments_engineer`.
///
/// # Errors
/// Database errors.
pub fn engineer_open(conn: &mut DbConnection, engineer: i64) -> QueryResult<i64> {
    deployments::table
        .filter(deployments::engineer_id.eq(engineer))
        .filter(deployments::status.eq_any([
            DeploymentStatus::Planned.as_str(),
            DeploymentStatus::InProgress.as_str(),
        ]))
        .count()
        .get_result(conn)
}

/// An engineer's deployments completed `from..=to`: `deployments_engineer_completed`.
///
/// # Errors
/// Database errors.
pub fn engineer_completed(
    conn: &mut DbConnection,
    engineer: i64,
    from: NaiveDate,
    to: NaiveDate,
) -> QueryResult<i64> {
    deployments::table
        .filter(deployments::engineer_id.eq(engineer))
        .filter(deployments::status.eq(DeploymentStatus::Completed.as_str()))
        .filter(deployments::completed_date.between(from, to))
        .count()
        .get_result(conn)
}

/// `(licenses, of which limited, the limited ones' seats)`.
pub type Seats = (i64, i64, Option<i64>);

/// A product code's licenses per status, with the limited ones and their seats, by
/// status: one pass over the product's entries of `licenses_product_end`, grouped in
/// the index's order. Its licenses are the sum; its active ones the `active` row. (Two
/// passes, a count and the active licenses' seats, cost 1.5-2 times as much at 200,000
/// licenses of one product on MariaDB; testing the dates on each active license made it
/// evaluate every row, 2-3 times slower again.)
///
/// # Errors
/// Database errors.
pub fn product_by_status(
    conn: &mut DbConnection,
    product: i64,
) -> QueryResult<Vec<(String, Seats)>> {
    let rows: Vec<(String, i64, i64, Option<i64>)> = licenses::table
        .filter(licenses::product_code_id.eq(product))
        .group_by(licenses::status)
        .select((
            licenses::status,
            count_star(),
            count(licenses::seats),
            sum(licenses::seats),
        ))
        .order(licenses::status.asc())
        .load(conn)?;
    Ok(rows
        .into_iter()
        .map(|(status, n, limited, seats)| (status, (n, limited, seats)))
        .collect())
}

/// A product code's active licenses that ended before `on` (the expiry sweep has not
/// reached them yet): a short range of `licenses_product_end`.
///
/// # Errors
/// Database errors.
pub fn product_active_ended(
    conn: &mut DbConnection,
    product: i64,
    on: NaiveDate,
) -> QueryResult<Seats> {
    licenses::table
        .filter(licenses::product_code_id.eq(product))
        .filter(licenses::status.eq(LicenseStatus::Active.as_str()))
        .filter(licenses::end_date.lt(on))
        .select((count_star(), count(licenses::seats), sum(licenses::seats)))
        .first(conn)
}

/// A product code's active licenses that start after `on`: a short range of
/// `licenses_product_start`.
///
/// # Errors
/// Database errors.
pub fn product_active_not_started(
    conn: &mut DbConnection,
    product: i64,
    on: NaiveDate,
) -> QueryResult<Seats> {
    licenses::table
        .filter(licenses::product_code_id.eq(product))
        .filter(licenses::status.eq(LicenseStatus::Active.as_str()))
        .filter(licenses::start_date.gt(on))
        .select((count_star(), count(licenses::seats), sum(licenses::seats)))
        .first(conn)
}

/// A portal user's latest activity: `app_log_user_ts` (made by the migration
/// `entity_list_indexes`, for the `user:` filter).
///
/// # Errors
/// Database errors.
pub fn user_last_activity(
    conn: &mut DbConnection,
    user: i64,
) -> QueryResult<Option<NaiveDateTime>> {
    app_log::table
        .filter(app_log::user_id.eq(user))
        .select(max(app_log::ts))
        .first(conn)
}

/// A portal user's activity rows in `[from, to)`: `app_log_user_ts`.
///
/// # Errors
/// Database errors.
pub fn user_activity(
    conn: &mut DbConnection,
    user: i64,
    from: NaiveDateTime,
    to: NaiveDateTime,
) -> QueryResult<i64> {
    app_log::table
        .filter(app_log::user_id.eq(user))
        .filter(app_log::ts.ge(from))
        .filter(app_log::ts.lt(to))
        .count()
        .get_result(conn)
}
