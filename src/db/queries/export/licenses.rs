//! Purchases and deployments as exported (licenses: [`super::names`]).

use chrono::NaiveDate;
use diesel::prelude::*;

use super::cells_in_order;
use crate::db::DbConnection;
use crate::db::queries::page::Value;
use crate::db::schema::{
    companies, deployments, engineers, licenses, partners, purchases, sales_reps,
};
use crate::db::text::DbText;

type PurchaseTuple = (
    i64,
    DbText,
    DbText,
    DbText,
    NaiveDate,
    i32,
    i64,
    i64,
    String,
    Option<DbText>,
    Option<DbText>,
    Option<NaiveDate>,
);

/// `license_key`, `order_number`, kind, `purchase_date`, `seats_added`, cost, revenue, currency,
/// `sales_rep` (e-mail), partner, `term_end`.
///
/// # Errors
/// Database errors.
pub fn purchases(conn: &mut DbConnection, ids: &[i64]) -> QueryResult<Vec<Vec<Value>>> {
    // The purchase's own rep and partner, not its license's.
    let rows: Vec<PurchaseTuple> = purchases::table
        .inner_join(licenses::table)
        .left_join(sales_reps::table.on(sales_reps::id.nullable().eq(purchases::sales_rep_id)))
        .left_join(partners::table.on(partners::id.nullable().eq(purchases::partner_id)))
        .filter(purchases::id.eq_any(ids))
        .select((
            purchases::id,
            licenses::license_key,
            purchases::order_number,
            purchases::kind,
            purchases::purchase_date,
            purchases::seats_added,
            purchases::cost_minor,
            purchases::revenue_minor,
            purchases::currency,
            sales_reps::email.nullable(),
            partners::name.nullable(),
            purchases::term_end,
        ))
        .load(conn)?;
    Ok(cells_in_order(
        ids,
        rows,
        |r| r.0,
        |(_, key, order, kind, date, seats, cost, revenue, currency, rep, partner, term_end)| {
            vec![
                key.into(),
                order.into(),
                kind.into(),
                date.into(),
                Value::Count(seats.into()),
                Value::Money(cost, currency.clone()),
                Value::Money(revenue, currency.clone()),
                currency.into(),
                rep.into(),
                partner.into(),
                term_end.into(),
            ]
        },
    ))
}

/// The columns of [`deployments`]: the list's, the engineer by e-mail, and the notes.
pub const DEPLOYMENT_COLUMNS: &[&str] = &[
    "license_key",
    "company",
    "engineer",
    "status",
    "scheduled_date",
    "started_date",
    "completed_date",
    "environment",
    "notes",
];

type DeploymentTuple = (
    i64,
    DbText,
    DbText,
    Option<DbText>,
    DbText,
    Option<NaiveDate>,
    Option<NaiveDate>,
    Option<NaiveDate>,
    DbText,
    DbText,
);

/// See [`DEPLOYMENT_COLUMNS`].
///
/// # Errors
/// Database errors.
pub fn deployments(conn: &mut DbConnection, ids: &[i64]) -> QueryResult<Vec<Vec<Value>>> {
    let rows: Vec<DeploymentTuple> = deployments::table
        .inner_join(licenses::table.inner_join(companies::table))
        .left_join(engineers::table)
        .filter(deployments::id.eq_any(ids))
        .select((
            deployments::id,
            licenses::license_key,
            companies::name,
            engineers::email.nullable(),
            deployments::status,
            deployments::scheduled_date,
            deployments::started_date,
            deployments::completed_date,
            deployments::environment,
            deployments::notes,
        ))
        .load(conn)?;
    Ok(cells_in_order(
        ids,
        rows,
        |r| r.0,
        |(_, key, company, engineer, status, scheduled, started, completed, env, notes)| {
            vec![
                key.into(),
                company.into(),
                engineer.into(),
                status.into(),
                scheduled.into(),
                started.into(),
                completed.into(),
                env.into(),
                notes.into(),
            ]
        },
    ))
}
