//! Create, edit and delete licenses.

use diesel::prelude::*;

use super::{LicenseInput, RefNames, audit_fields, check_refs, input_of, load};
use crate::auth::Actor;
use crate::db::models::NewLicense;
use crate::db::schema::{deployments, licenses, purchases};
use crate::db::{DbConnection, now};
use crate::domain::{LicenseStatus, Permission, license_key};
use crate::service::audit::{self, FieldChange};
use crate::service::stale::or_stale;
use crate::service::{ServiceError, authorize};

/// Creates a draft license; its key is derived from the new id in the same transaction.
/// Returns the id.
///
/// # Errors
/// Forbidden (needs `EditLicenses`), field errors (including missing references), or
/// database errors.
pub fn create(
    conn: &mut DbConnection,
    actor: &Actor,
    input: &LicenseInput,
) -> Result<i64, ServiceError> {
    authorize(actor, Permission::EditLicenses)?;
    let input = input.validate()?;
    conn.transaction(|conn| {
        let names = check_refs(conn, &input)?;
        let t = now();
        diesel::insert_into(licenses::table)
            .values(&NewLicense {
                id: None,
                // Unique placeholder until the id is known; replaced before commit.
                license_key: format!(
                    "new-{}-{}",
                    actor.operator_id,
                    t.and_utc().timestamp_micros()
                ),
                company_id: input.company_id,
                product_code_id: input.product_code_id,
                partner_id: input.partner_id,
                sales_rep_id: input.sales_rep_id,
                seats: input.seats.to_db(),
                start_date: input.start_date,
                end_date: input.end_date,
                status: LicenseStatus::Draft.as_str().to_owned(),
                notes: input.notes.clone(),
                created_at: t,
                updated_at: t,
            })
            .execute(conn)?;
        let id = conn.last_insert_id()?;
        let key = license_key(id);
        diesel::update(licenses::table.find(id))
            .set(licenses::license_key.eq(&key))
            .execute(conn)?;
        let mut changes: Vec<FieldChange<'_>> = vec![
            ("license_key", None, Some(key)),
            ("status", None, Some(LicenseStatus::Draft.to_string())),
        ];
        changes.extend(
            audit_fields(&input, Some(&names))
                .into_iter()
                .map(|(f, v)| (f, None, v)),
        );
        audit::record(
            conn,
            Some(actor.operator_id),
            "license",
            id,
            "create",
            &changes,
        )?;
        Ok(id)
    })
}

/// Saves an edit made on version `expected_version`; returns the new version. Only changed
/// fields are audited; when nothing changed, nothing is written.
///
/// # Errors
/// Forbidden, field errors, not found, [`ServiceError::Stale`] when someone saved first, or
/// database errors.
pub fn update(
    conn: &mut DbConnection,
    actor: &Actor,
    id: i64,
    expected_version: i32,
    input: &LicenseInput,
) -> Result<i32, ServiceError> {
    authorize(actor, Permission::EditLicenses)?;
    let input = input.validate()?;
    let outcome = conn.transaction(|conn| {
        let row = load(conn, id)?;
        if row.version != expected_version {
            return Ok(None);
        }
        let before = input_of(&row)?;
        if before == input {
            return Ok(Some(row.version));
        }
        let new_names = check_refs(conn, &input)?;
        let old_names: RefNames = check_refs(conn, &before)?;
        let changes: Vec<FieldChange<'_>> = audit_fields(&before, Some(&old_names))
            .into_iter()
            .zip(audit_fields(&input, Some(&new_names)))
            .filter(|((_, b), (_, a))| a != b)
            .map(|((field, b), (_, a))| (field, b, a))
            .collect();
        let n = diesel::update(
            licenses::table
                .filter(licenses::id.eq(id))
                .filter(licenses::version.eq(expected_version)),
        )
        .set((
            licenses::company_id.eq(input.company_id),
            licenses::product_code_id.eq(input.product_code_id),
            licenses::partner_id.eq(input.partner_id),
            licenses::sales_rep_id.eq(input.sales_rep_id),
            licenses::seats.eq(input.seats.to_db()),
            licenses::start_date.eq(input.start_date),
            licenses::end_date.eq(input.end_date),
            licenses::notes.eq(&input.notes),
            licenses::version.eq(expected_version + 1),
            licenses::updated_at.eq(now()),
        ))
        .execute(conn)?;
        if n == 0 {
            return Ok(None);
        }
        crate::db::money_summary::move_license(conn, id, before.company_id, input.company_id)?;
        audit::record(
            conn,
            Some(actor.operator_id),
            "license",
            id,
            "update",
            &changes,
        )?;
        Ok(Some(expected_version + 1))
    });
    or_stale(conn, "license", id, outcome)
}

/// Deletes a draft that has no purchases and no deployments; anything else is terminated
/// instead, so its history stays.
///
/// # Errors
/// Forbidden, not found, stale, a conflict explaining why it cannot be deleted, or database
/// errors.
pub fn delete(
    conn: &mut DbConnection,
    actor: &Actor,
    id: i64,
    expected_version: i32,
) -> Result<(), ServiceError> {
    authorize(actor, Permission::EditLicenses)?;
    let outcome = conn.transaction(|conn| {
        let row = load(conn, id)?;
        if row.version != expected_version {
            return Ok(None);
        }
        if row.status != LicenseStatus::Draft.as_str() {
            return Err(ServiceError::Conflict(format!(
                "{} is {}: only a draft can be deleted; terminate it instead",
                row.license_key, row.status
            )));
        }
        let bought: i64 = purchases::table
            .filter(purchases::license_id.eq(id))
            .count()
            .get_result(conn)?;
        let deployed: i64 = deployments::table
            .filter(deployments::license_id.eq(id))
            .count()
            .get_result(conn)?;
        if bought + deployed > 0 {
            return Err(ServiceError::Conflict(format!(
                "{} has {bought} purchase(s) and {deployed} deployment(s): \
                 only a draft without them can be deleted; terminate it instead",
                row.license_key
            )));
        }
        let n = diesel::delete(
            licenses::table
                .filter(licenses::id.eq(id))
                .filter(licenses::version.eq(expected_version)),
        )
        .execute(conn)?;
        if n == 0 {
            return Ok(None);
        }
        let before = input_of(&row)?;
        let names = check_refs(conn, &before)?;
        let mut changes: Vec<FieldChange<'_>> = vec![
            ("license_key", Some(row.license_key.clone()), None),
            ("status", Some(row.status.clone()), None),
        ];
        changes.extend(
            audit_fields(&before, Some(&names))
                .into_iter()
                .map(|(f, v)| (f, v, None)),
        );
        audit::record(
            conn,
            Some(actor.operator_id),
            "license",
            id,
            "delete",
            &changes,
        )?;
        Ok(Some(()))
    });
    or_stale(conn, "license", id, outcome)
}
