//! Recording purchases. The purchase, its effect on the license and both audit rows are one
//! transaction, version-checked against the license the operator had open.

use diesel::prelude::*;

use super::stale::or_stale;
use super::{ServiceError, audit, authorize, licenses, refs};
use crate::auth::Actor;
use crate::db::models::NewPurchase;
use crate::db::schema::{licenses as license_rows, purchases};
use crate::db::{DbConnection, now};
use crate::domain::purchase_input::{LicenseState, purchase_effect};
use crate::domain::{FieldErrors, Permission, Seats};

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
    authorize(actor, Permission::RecordPurchases)?;
    let input = input.validate()?;
    let license_id = input.license_id;
    let today = now().date();
    let outcome = conn.transaction(|conn| {
        let row = licenses::load(conn, license_id)?;
        if row.version != expected_license_version {
            return Ok(None);
        }
        let mut e = FieldErrors::new();
        let rep = refs::optional(
            conn,
            &mut e,
            "sales_rep_id",
            "sales rep",
            input.sales_rep_id,
            refs::sales_rep,
        )?;
        let partner = refs::optional(
            conn,
            &mut e,
            "partner_id",
            "partner",
            input.partner_id,
            refs::partner,
        )?;
        e.into_result(())?;
        let bought: i64 = purchases::table
            .filter(purchases::license_id.eq(license_id))
            .count()
            .get_result(conn)?;
        let before = LicenseState {
            status: row.status.parse()?,
            seats: Seats::from_db(row.seats)?,
            end_date: row.end_date,
            has_purchases: bought > 0,
        };
        let effect = purchase_effect(before, &input, today)?;
        let status = effect.status.unwrap_or(before.status);
        let seats = effect.seats.unwrap_or(before.seats);
        let end_date = effect.end_date.unwrap_or(before.end_date);
        let version = expected_license_version + 1;
        let n = diesel::update(
            license_rows::table
                .filter(license_rows::id.eq(license_id))
                .filter(license_rows::version.eq(expected_license_version)),
        )
        .set((
            license_rows::status.eq(status.as_str()),
            license_rows::seats.eq(seats.to_db()),
            license_rows::end_date.eq(end_date),
            license_rows::version.eq(version),
            license_rows::updated_at.eq(now()),
        ))
        .execute(conn)?;
        if n == 0 {
            return Ok(None);
        }
        let mut changes = Vec::new();
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
                changes.push((field, Some(old), Some(new)));
            }
        }
        // A license row for every purchase, so the version bump has an author on record.
        let action = format!("purchase:{}", input.kind);
        audit::record(
            conn,
            Some(actor.operator_id),
            "license",
            license_id,
            &action,
            &changes,
        )?;

        let id = insert(
            conn,
            actor,
            &input,
            &row.license_key,
            rep.as_deref(),
            partner.as_deref(),
        )?;
        Ok(Some((id, version)))
    });
    or_stale(conn, "license", license_id, outcome)
}

/// Inserts the purchase row and its audit row; returns the purchase id.
fn insert(
    conn: &mut DbConnection,
    actor: &Actor,
    input: &PurchaseInput,
    license_key: &str,
    rep: Option<&str>,
    partner: Option<&str>,
) -> Result<i64, ServiceError> {
    let license_id = input.license_id;
    diesel::insert_into(purchases::table)
        .values(&NewPurchase {
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
        })
        .execute(conn)?;
    let id = conn.last_insert_id()?;
    crate::db::money_summary::add_purchase(
        conn,
        license_id,
        input.cost.currency.code(),
        input.revenue.minor,
        input.cost.minor,
    )?;
    let fields = [
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
        ("sales_rep_id", refs::audit_value(input.sales_rep_id, rep)),
        ("partner_id", refs::audit_value(input.partner_id, partner)),
        ("new_end_date", input.new_end_date.map(|d| d.to_string())),
    ];
    let changes: Vec<_> = fields.into_iter().map(|(f, v)| (f, None, v)).collect();
    audit::record(
        conn,
        Some(actor.operator_id),
        "purchase",
        id,
        "create",
        &changes,
    )?;
    Ok(id)
}
