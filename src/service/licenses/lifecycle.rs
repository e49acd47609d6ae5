//! Status changes: the operator's lifecycle steps and the system's expiry sweep.

use crate::db::retry;
use chrono::NaiveDate;
use diesel::prelude::*;

use crate::auth::Actor;
use crate::db::models::{License, LicenseChanges};
use crate::db::schema::{deployments, licenses};
use crate::db::{DbConnection, now};
use crate::domain::{DeploymentStatus, DomainError, LicenseStatus, Permission};
use crate::service::write::{self, Change};
use crate::service::{ServiceError, audit, authorize};

/// Licenses expired per transaction by the sweep.
const EXPIRE_BATCH: i64 = 500;

/// Moves a license to `to` through the lifecycle rules; returns the new version.
///
/// # Errors
/// Forbidden (needs `EditLicenses`), a refused transition with its reason, not found, stale,
/// or database errors.
pub fn set_status(
    conn: &mut DbConnection,
    actor: &Actor,
    id: i64,
    expected_version: i32,
    to: LicenseStatus,
) -> Result<i32, ServiceError> {
    authorize(actor, Permission::EditLicenses)?;
    let today = now().date();
    write::transaction(conn, |conn| {
        let saved = write::update_in(conn, actor.into(), id, expected_version, |_, row| {
            status_change(row, to, today).map(Some)
        })?;
        if to == LicenseStatus::Terminated {
            cancel_open_deployments(conn, actor, id)?;
        }
        Ok(saved.version)
    })
}

/// The step from `row`'s status to `to`, or why it is refused.
fn status_change(
    row: &License,
    to: LicenseStatus,
    today: NaiveDate,
) -> Result<Change<'static, License>, ServiceError> {
    let from: LicenseStatus = row.status.parse()?;
    from.check_transition(to)?;
    // Reactivating past the end date would only be undone by the next sweep.
    if to == LicenseStatus::Active && row.end_date < today {
        return Err(DomainError::Transition {
            from,
            to,
            why: format!(
                "its end date {} has passed; record a renewal instead",
                row.end_date
            ),
        }
        .into());
    }
    Ok(Change {
        set: LicenseChanges {
            status: Some(to.as_str().to_owned()),
            ..LicenseChanges::default()
        },
        action: "status",
        audit: vec![("status", Some(from.to_string()), Some(to.to_string()))],
    })
}

/// A terminated license gets no more deployment work: its planned and running deployments
/// are cancelled in the same transaction, each with its own audit row. Part of the
/// termination, so it needs only the permission to terminate.
fn cancel_open_deployments(
    conn: &mut DbConnection,
    actor: &Actor,
    license_id: i64,
) -> Result<(), ServiceError> {
    let open = [
        DeploymentStatus::Planned.as_str(),
        DeploymentStatus::InProgress.as_str(),
    ];
    let rows: Vec<(i64, String)> = deployments::table
        .filter(deployments::license_id.eq(license_id))
        .filter(deployments::status.eq_any(open))
        .select((deployments::id, deployments::status))
        .load(conn)?;
    let cancelled = DeploymentStatus::Cancelled.as_str();
    for (id, status) in rows {
        diesel::update(deployments::table.find(id))
            .set((
                deployments::status.eq(cancelled),
                deployments::version.eq(deployments::version + 1),
                deployments::updated_at.eq(now()),
            ))
            .execute(conn)?;
        audit::record(
            conn,
            Some(actor.operator_id),
            "deployment",
            id,
            "status",
            &[
                ("status", Some(status), Some(cancelled.to_owned())),
                ("reason", None, Some("license terminated".to_owned())),
            ],
        )?;
    }
    Ok(())
}

/// The expiry sweep: every `active` or `suspended` license whose end date is before `today`
/// becomes `expired`, with an audit row by the system (no operator). Runs in batches, one
/// transaction and one `UPDATE` per batch, found through the `(status, end_date)` index.
/// Returns how many licenses expired. Not gated: it runs on behalf of the system.
///
/// # Errors
/// Database errors; batches already committed stay committed.
pub fn expire_due(conn: &mut DbConnection, today: NaiveDate) -> Result<u64, ServiceError> {
    let due = [
        LicenseStatus::Active.as_str(),
        LicenseStatus::Suspended.as_str(),
    ];
    let mut total = 0_u64;
    let mut retries = 0;
    loop {
        let batch = retry::transaction(conn, |conn| {
            let rows: Vec<(i64, String)> = licenses::table
                .filter(licenses::status.eq_any(due))
                .filter(licenses::end_date.lt(today))
                .limit(EXPIRE_BATCH)
                .select((licenses::id, licenses::status))
                .load(conn)?;
            if rows.is_empty() {
                return Ok(0);
            }
            let ids: Vec<i64> = rows.iter().map(|r| r.0).collect();
            let n = diesel::update(
                licenses::table
                    .filter(licenses::id.eq_any(&ids))
                    .filter(licenses::status.eq_any(due))
                    .filter(licenses::end_date.lt(today)),
            )
            .set((
                licenses::status.eq(LicenseStatus::Expired.as_str()),
                licenses::version.eq(licenses::version + 1),
                licenses::updated_at.eq(now()),
            ))
            .execute(conn)?;
            if n != rows.len() {
                // Someone changed one of them meanwhile: undo and read the batch again.
                return Err(ServiceError::Conflict(
                    "licenses changed during the expiry sweep".to_owned(),
                ));
            }
            for (id, status) in &rows {
                audit::record(
                    conn,
                    None,
                    "license",
                    *id,
                    "expire",
                    &[(
                        "status",
                        Some(status.clone()),
                        Some(LicenseStatus::Expired.to_string()),
                    )],
                )?;
            }
            Ok(n as u64)
        });
        match batch {
            Ok(0) => return Ok(total),
            Ok(n) => total += n,
            Err(ServiceError::Conflict(_)) if retries < 3 => retries += 1,
            Err(e) => return Err(e),
        }
    }
}
