//! The detail of one license (the list is in [`super::license_list`]).

use chrono::{NaiveDate, NaiveDateTime};
use diesel::prelude::*;

use super::sum_bigint;
use crate::db::DbConnection;
use crate::db::schema::{
    companies, deployments, engineers, licenses, partners, product_codes, purchases, sales_reps,
};
use crate::db::text::DbText;

/// Everything the detail pane shows about one license.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LicenseDetail {
    pub id: i64,
    pub license_key: String,
    pub company: String,
    pub product_code: String,
    pub product_name: String,
    pub partner: Option<String>,
    pub sales_rep: Option<String>,
    pub seats: Option<i32>,
    pub start_date: NaiveDate,
    pub end_date: NaiveDate,
    pub status: String,
    pub notes: String,
    pub version: i32,
    pub created_at: NaiveDateTime,
    pub updated_at: NaiveDateTime,
    pub purchase_count: i64,
    pub last_purchase: Option<(NaiveDate, String)>,
    /// (currency, cost, revenue) in minor units, one entry per currency.
    pub money: Vec<(String, i64, i64)>,
    pub deployment_count: i64,
    /// (status, engineer) of the most recent deployment.
    pub last_deployment: Option<(String, Option<String>)>,
}

type DetailTuple = (
    (
        i64,
        String,
        Option<i32>,
        NaiveDate,
        NaiveDate,
        String,
        String,
        i32,
        NaiveDateTime,
        NaiveDateTime,
    ),
    // Names read lossily (see `DbText`).
    DbText,
    String,
    DbText,
    Option<DbText>,
    Option<DbText>,
);

/// # Errors
/// Database errors; `Ok(None)` when there is no such license.
pub fn detail(conn: &mut DbConnection, id: i64) -> QueryResult<Option<LicenseDetail>> {
    let found: Option<DetailTuple> = licenses::table
        .inner_join(companies::table)
        .inner_join(product_codes::table)
        .left_join(partners::table)
        .left_join(sales_reps::table)
        .filter(licenses::id.eq(id))
        .select((
            (
                licenses::id,
                licenses::license_key,
                licenses::seats,
                licenses::start_date,
                licenses::end_date,
                licenses::status,
                licenses::notes,
                licenses::version,
                licenses::created_at,
                licenses::updated_at,
            ),
            companies::name,
            product_codes::code,
            product_codes::name,
            partners::name.nullable(),
            sales_reps::name.nullable(),
        ))
        .first(conn)
        .optional()?;
    let Some((l, company, product_code, product_name, partner, sales_rep)) = found else {
        return Ok(None);
    };
    let purchase_count: i64 = purchases::table
        .filter(purchases::license_id.eq(id))
        .count()
        .get_result(conn)?;
    let last_purchase: Option<(NaiveDate, String)> = purchases::table
        .filter(purchases::license_id.eq(id))
        .order((purchases::purchase_date.desc(), purchases::id.desc()))
        .select((purchases::purchase_date, purchases::kind))
        .first(conn)
        .optional()?;
    let money: Vec<(String, Option<i64>, Option<i64>)> = purchases::table
        .filter(purchases::license_id.eq(id))
        .group_by(purchases::currency)
        .select((
            purchases::currency,
            sum_bigint(purchases::cost_minor),
            sum_bigint(purchases::revenue_minor),
        ))
        .order(purchases::currency.asc())
        .load(conn)?;
    let deployment_count: i64 = deployments::table
        .filter(deployments::license_id.eq(id))
        .count()
        .get_result(conn)?;
    let last_deployment: Option<(String, Option<DbText>)> = deployments::table
        .left_join(engineers::table)
        .filter(deployments::license_id.eq(id))
        .order(deployments::id.desc())
        .select((deployments::status, engineers::name.nullable()))
        .first(conn)
        .optional()?;
    Ok(Some(LicenseDetail {
        id: l.0,
        license_key: l.1,
        company: company.into(),
        product_code,
        product_name: product_name.into(),
        partner: partner.map(String::from),
        sales_rep: sales_rep.map(String::from),
        seats: l.2,
        start_date: l.3,
        end_date: l.4,
        status: l.5,
        notes: l.6,
        version: l.7,
        created_at: l.8,
        updated_at: l.9,
        purchase_count,
        last_purchase,
        money: money
            .into_iter()
            .map(|(c, cost, rev)| (c, cost.unwrap_or(0), rev.unwrap_or(0)))
            .collect(),
        deployment_count,
        last_deployment: last_deployment
            .map(|(status, engineer)| (status, engineer.map(String::from))),
    }))
}
