//! Recording purchases. The purchase, its effect on the license and both audit rows are one
//! transaction, version-checked against the license the operator had open.

use chrono::NaiveDate;
use diesel::prelude::*;

use super::write::{self, Change};
use super::{ServiceError, audit, authorize, refs};
use crate::auth::Actor;
use crate::db::models::{License, LicenseChanges, NewPurchase};
use crate::db::schema::purchases;
use crate::db::{DbConnection, now};
use crate::domain::purchase_input::{LicenseState, purchase_effect};
use crate::domain::{FieldErrors, Permission, PurchaseKind, Seats};

pub use crate::domain::purchase_input::{LicenseEffect, PurchaseForm, PurchaseInput};

/// Records a purchase against the license the operator opened at `expected_license_version`.
/// Returns the purchase id and the license's new version.
///
/// # Errors
/// Forbidden (needs `RecordPurchases`), field errors, a refusal explaining why the purchase
/// does not fit the license, not found, stale, or database errors.
pub fn record(
    conn: &mut DbConnection,
    actor: &Actor,
    expected_license_version: i32,
    input: &PurchaseInput,
) -> Result<(i64, i32), ServiceError> {
    record_as(conn, actor, None, expected_license_version, input)
}

/// [`record`], with both audit rows under `action` when one is given (an import names
/// its file; its rules are then applied as of the purchase date), else the license's
/// `purchase:KIND` and the purchase's `create`.
///
/// # Errors
/// As [`record`].
pub fn record_as(
    conn: &mut DbConnection,
    actor: &Actor,
    action: Option<&str>,
    expected_license_version: i32,
    input: &PurchaseInput,
) -> Result<(i64, i32), ServiceError> {
    authorize(actor, Permission::RecordPurchases)?;
    let input = input.validate()?;
    let license_id = input.license_id;
    // An import replays a purchase as of its own date: a renewal recorded late is not
    // refused because its term has passed since.
    let today = if action.is_some() {
        input.purchase_date
    } else {
        now().date()
    };
    // A license row for every purchase, so the version bump has an author on record.
    let license_action = action.map_or_else(|| format!("purchase:{}", input.kind), str::to_owned);
    write::transaction(conn, |conn| {
        let mut names = Names::default();
        let saved = write::update_in::<License>(
            conn,
            actor.into(),
            license_id,
            expected_license_version,
            |conn, row| {
                names = check_refs(conn, &input)?;
                license_change(conn, row, &input, today, &license_action).map(Some)
            },
        )?;
        let term_end = match input.kind {
            PurchaseKind::New => Some(saved.before.end_date),
            PurchaseKind::Renewal => input.new_end_date,
            PurchaseKind::Expansion => None,
        };
        let id = insert(
            conn,
            (actor, action.unwrap_or("create")),
            &input,
            (&saved.before.license_key, term_end),
            &names,
        )?;
        Ok((id, saved.version))
    })
}

/// The names of a purchase's sales rep and partner, proving each exists.
#[derive(Default)]
struct Names {
    rep: Option<String>,
    partner: Option<String>,
}

fn check_refs(conn: &mut DbConnection, input: &PurchaseInput) -> Result<Names, ServiceError> {
    let mut e = FieldErrors::new();
    let rep = refs::optional_sales_rep(conn, &mut e, input.sales_rep_id)?;
    let partner = refs::optional_partner(conn, &mut e, input.partner_id)?;
    Ok(e.into_result(Names { rep, partner })?)
}

/// What the purchase does to the license `row`: its status, seats and end date, each
/// audited when it changes; or why the purchase does not fit the license.
fn license_change<'a>(
    conn: &mut DbConnection,
    row: &License,
    input: &PurchaseInput,
    today: NaiveDate,
    action: &'a str,
) -> Result<Change<'a, License>, ServiceError> {
    let bought: i64 = purchases::table
        .filter(purchases::license_id.eq(row.id))
        .count()
        .get_result(conn)?;
    let before = LicenseState {
        status: row.status.parse()?,
        seats: Seats::from_db(row.seats)?,
        end_date: row.end_date,
        has_purchases: bought > 0,
    };
    let effect = purchase_effect(before, input, today)?;
    let status = effect.status.unwrap_or(before.status);
    let seats = effect.seats.unwrap_or(before.seats);
    let end_date = effect.end_date.unwrap_or(before.end_date);
    let mut audit = Vec::new();
    for (field, old, new) in [
        ("status", before.status.to_string(), status.to_string()),
        ("seats", before.seats.to_string(), seats.to_string()),
        (
            "end_date",
            before.end_date.to_string(),
            end_date.to_string(),
        ),
    ] {
        if old != new {
            audit.push((field, Some(old), Some(new)));
        }
    }
    Ok(Change {
        set: LicenseChanges {
            status: Some(status.as_str().to_owned()),
            seats: Some(seats.to_db()),
            end_date: Some(end_date),
            ..LicenseChanges::default()
        },
        action,
        audit,
    })
}

/// Inserts the purchase row and its audit row; returns the purchase id.
fn insert(
    conn: &mut DbConnection,
    (actor, action): (&Actor, &str),
    input: &PurchaseInput,
    (license_key, term_end): (&str, Option<NaiveDate>),
    names: &Names,
) -> Result<i64, ServiceError> {
    let license_id = input.license_id;
    let new = NewPurchase {
        license_id,
        kind: input.kind.as_str().to_owned(),
        purchase_date: input.purchase_date,
        seats_added: i32::try_from(input.seats_added).unwrap_or(i32::MAX),
        cost_minor: input.cost.minor,
        revenue_minor: input.revenue.minor,
        currency: input.cost.currency.code().to_owned(),
        order_number: input.order_number.clone(),
        sales_rep_id: input.sales_rep_id,
        partner_id: input.partner_id,
        created_at: now(),
        term_end,
    };
    write::create_as(conn, actor.into(), action, &new, |conn, id| {
        crate::db::money_summary::add_purchase(conn, id, &new)?;
        Ok(audit::created([
            (
                "license_id",
                refs::audit_value(Some(license_id), Some(license_key)),
            ),
            ("kind", Some(input.kind.to_string())),
            ("purchase_date", Some(input.purchase_date.to_string())),
            ("seats_added", Some(input.seats_added.to_string())),
            ("cost", Some(input.cost.to_string())),
            ("revenue", Some(input.revenue.to_string())),
            ("order_number", Some(input.order_number.clone())),
            (
                "sales_rep_id",
                refs::audit_value(input.sales_rep_id, names.rep.as_deref()),
            ),
            (
                "partner_id",
                refs::audit_value(input.partner_id, names.partner.as_deref()),
            ),
            ("new_end_date", input.new_end_date.map(|d| d.to_string())),
        ]))
    })
}
