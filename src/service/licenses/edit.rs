//! Create, edit and delete licenses.

use crate::db::retry;
use diesel::prelude::*;

use super::{LicenseInput, RefNames, audit_fields, check_refs, input_of};
use crate::auth::Actor;
use crate::db::models::{License, LicenseChanges, NewLicense};
use crate::db::schema::{deployments, licenses, purchases};
use crate::db::{DbConnection, money_summary, now};
use crate::domain::{LicenseStatus, Permission, license_key};
use crate::service::audit::{self, FieldChange};
use crate::service::write::{self, Change};
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
    retry::transaction(conn, |conn| {
        let names = check_refs(conn, &input)?;
        let t = now();
        let new = NewLicense {
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
        };
        write::create(conn, actor.into(), &new, |conn, id| {
            let key = license_key(id);
            diesel::update(licenses::table.find(id))
                .set(licenses::license_key.eq(&key))
                .execute(conn)?;
            let mut changes: Vec<FieldChange<'_>> = vec![
                ("license_key", None, Some(key)),
                ("status", None, Some(LicenseStatus::Draft.to_string())),
            ];
            changes.extend(audit::created(audit_fields(&input, Some(&names))));
            Ok(changes)
        })
    })
}

/// The license this operator created moments ago with exactly these values, if any: asked
/// when a create is repeated because its first commit went unanswered, so that a create
/// that did land is not made twice. Only for such a repeat: two equal licenses on purpose
/// are allowed.
///
/// # Errors
/// Forbidden, field errors, or database errors.
pub fn landed_create(
    conn: &mut DbConnection,
    actor: &Actor,
    input: &LicenseInput,
) -> Result<Option<i64>, ServiceError> {
    authorize(actor, Permission::EditLicenses)?;
    let input = input.validate()?;
    let recent = write::recent_creates(conn, actor, "license")?;
    Ok(recent
        .into_iter()
        .find(|id| super::get(conn, actor, *id).is_ok_and(|r| r.input == input)))
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
    write::transaction(conn, |conn| {
        let saved =
            write::update_in::<License>(conn, actor.into(), id, expected_version, |conn, row| {
                let before = input_of(row)?;
                if before == input {
                    return Ok(None);
                }
                let new_names = check_refs(conn, &input)?;
                let old_names: RefNames = check_refs(conn, &before)?;
                Ok(Some(Change {
                    set: changes_of(&input),
                    action: "update",
                    audit: audit::diff(
                        audit_fields(&before, Some(&old_names)),
                        audit_fields(&input, Some(&new_names)),
                    ),
                }))
            })?;
        if saved.written {
            money_summary::move_license(conn, id, saved.before.company_id, input.company_id)?;
        }
        Ok(saved.version)
    })
}

/// Every editable column, set from the form.
fn changes_of(input: &LicenseInput) -> LicenseChanges {
    LicenseChanges {
        company_id: Some(input.company_id),
        product_code_id: Some(input.product_code_id),
        partner_id: Some(input.partner_id),
        sales_rep_id: Some(input.sales_rep_id),
        seats: Some(input.seats.to_db()),
        start_date: Some(input.start_date),
        end_date: Some(input.end_date),
        notes: Some(input.notes.clone()),
        status: None,
    }
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
    write::delete::<License>(conn, actor.into(), id, expected_version, |conn, row| {
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
        let before = input_of(row)?;
        let names = check_refs(conn, &before)?;
        let mut changes: Vec<FieldChange<'_>> = vec![
            ("license_key", Some(row.license_key.clone()), None),
            ("status", Some(row.status.clone()), None),
        ];
        changes.extend(audit::deleted(audit_fields(&before, Some(&names))));
        Ok(changes)
    })?;
    Ok(())
}
