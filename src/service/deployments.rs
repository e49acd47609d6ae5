//! Deployments of a license: schedule, edit, and move through planned -> in progress ->
//! completed | failed, or cancelled. Every write is version-checked and audited.

use crate::db::retry;
use chrono::NaiveDate;
use diesel::prelude::*;

use super::write::{self, Change};
use super::{ServiceError, audit, authorize, refs};
use crate::auth::Actor;
use crate::db::models::{Deployment, DeploymentChanges, License, NewDeployment};
use crate::db::schema::{deployments, engineers, licenses as license_rows};
use crate::db::{DbConnection, now};
use crate::domain::deployment_input::step_dates;
use crate::domain::{DeploymentStatus, FieldErrors, LicenseStatus, Permission, effective_status};

pub use crate::domain::deployment_input::{DeploymentForm, DeploymentInput};

/// A deployment as the edit form needs it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DeploymentRecord {
    pub id: i64,
    pub input: DeploymentInput,
    pub license_key: String,
    pub engineer: Option<String>,
    pub status: DeploymentStatus,
    pub started_date: Option<NaiveDate>,
    pub completed_date: Option<NaiveDate>,
    pub version: i32,
}

/// # Errors
/// Forbidden (needs `ViewData`), not found, or database errors.
pub fn get(
    conn: &mut DbConnection,
    actor: &Actor,
    id: i64,
) -> Result<DeploymentRecord, ServiceError> {
    authorize(actor, Permission::ViewData)?;
    let (d, license_key, engineer): (Deployment, String, Option<String>) = deployments::table
        .inner_join(license_rows::table)
        .left_join(engineers::table)
        .filter(deployments::id.eq(id))
        .select((
            Deployment::as_select(),
            license_rows::license_key,
            engineers::name.nullable(),
        ))
        .first(conn)
        .optional()?
        .ok_or_else(|| ServiceError::NotFound(format!("deployment #{id}")))?;
    Ok(DeploymentRecord {
        id,
        input: input_of(&d),
        license_key,
        engineer,
        status: d.status.parse()?,
        started_date: d.started_date,
        completed_date: d.completed_date,
        version: d.version,
    })
}

/// The deployment this operator scheduled moments ago with exactly these values, if any:
/// for a schedule repeated after its first commit went unanswered (see
/// `licenses::landed_create`).
///
/// # Errors
/// Forbidden, field errors, or database errors.
pub fn landed_schedule(
    conn: &mut DbConnection,
    actor: &Actor,
    input: &DeploymentInput,
) -> Result<Option<i64>, ServiceError> {
    authorize(actor, Permission::ManageDeployments)?;
    let input = input.validate()?;
    let recent = write::recent_creates(conn, actor, "deployment")?;
    Ok(recent
        .into_iter()
        .find(|id| get(conn, actor, *id).is_ok_and(|r| r.input == input)))
}

/// Schedules a planned deployment; returns its id.
///
/// # Errors
/// Forbidden (needs `ManageDeployments`), field errors, a refusal on an expired or
/// terminated license, not found, or database errors.
pub fn schedule(
    conn: &mut DbConnection,
    actor: &Actor,
    input: &DeploymentInput,
) -> Result<i64, ServiceError> {
    authorize(actor, Permission::ManageDeployments)?;
    let input = input.validate()?;
    retry::transaction(conn, |conn| {
        let license_key = check_license(conn, input.license_id)?;
        let engineer = check_engineer(conn, input.engineer_id)?;
        let t = now();
        let new = NewDeployment {
            license_id: input.license_id,
            engineer_id: input.engineer_id,
            status: DeploymentStatus::Planned.as_str().to_owned(),
            scheduled_date: input.scheduled_date,
            started_date: None,
            completed_date: None,
            environment: input.environment.clone(),
            notes: input.notes.clone(),
            created_at: t,
            updated_at: t,
        };
        write::create(conn, actor.into(), &new, |_, _| {
            let mut changes = vec![("status", None, Some(DeploymentStatus::Planned.to_string()))];
            changes.extend(audit::created(audit_fields(
                &input,
                &license_key,
                engineer.as_deref(),
            )));
            Ok(changes)
        })
    })
}

/// Saves an edit made on `expected_version`; returns the new version. A deployment stays
/// with its license; a finished one can still be edited (to note what happened). Only changed fields are audited; no change writes nothing.
///
/// # Errors
/// Forbidden, field errors, not found, stale, or database errors.
pub fn update(
    conn: &mut DbConnection,
    actor: &Actor,
    id: i64,
    expected_version: i32,
    input: &DeploymentInput,
) -> Result<i32, ServiceError> {
    authorize(actor, Permission::ManageDeployments)?;
    let input = input.validate()?;
    let saved =
        write::update::<Deployment>(conn, actor.into(), id, expected_version, |conn, row| {
            let before = input_of(row);
            if before == input {
                return Ok(None);
            }
            if before.license_id != input.license_id {
                return Err(FieldErrors::one(
                    "license_id",
                    "a deployment cannot move to another license; schedule a new one",
                )
                .into());
            }
            let license_key = write::load::<License>(conn, row.license_id)?.license_key;
            let old_engineer = engineer_name(conn, before.engineer_id)?;
            let new_engineer = if input.engineer_id == before.engineer_id {
                old_engineer.clone()
            } else {
                check_engineer(conn, input.engineer_id)?
            };
            Ok(Some(Change {
                set: DeploymentChanges {
                    engineer_id: Some(input.engineer_id),
                    scheduled_date: Some(input.scheduled_date),
                    environment: Some(input.environment.clone()),
                    notes: Some(input.notes.clone()),
                    ..DeploymentChanges::default()
                },
                action: "update",
                audit: audit::diff(
                    audit_fields(&before, &license_key, old_engineer.as_deref()),
                    audit_fields(&input, &license_key, new_engineer.as_deref()),
                ),
            }))
        })?;
    Ok(saved.version)
}

/// Moves a deployment to `to` on the date `on` (starting sets the start date; completing,
/// failing or cancelling sets the completion date). Returns the new version.
///
/// # Errors
/// Forbidden, a refused step with its reason, not found, stale, or database errors.
pub fn advance(
    conn: &mut DbConnection,
    actor: &Actor,
    id: i64,
    expected_version: i32,
    to: DeploymentStatus,
    on: NaiveDate,
) -> Result<i32, ServiceError> {
    authorize(actor, Permission::ManageDeployments)?;
    let saved =
        write::update::<Deployment>(conn, actor.into(), id, expected_version, |conn, row| {
            let from: DeploymentStatus = row.status.parse()?;
            from.check_transition(to)?;
            if to == DeploymentStatus::InProgress {
                check_license(conn, row.license_id)?;
            }
            let (started, completed) = step_dates(to, on, row.started_date)?;
            let date = |d: Option<NaiveDate>| d.map(|d| d.to_string());
            let mut audit = vec![("status", Some(from.to_string()), Some(to.to_string()))];
            for (field, old, new) in [
                ("started_date", row.started_date, started),
                ("completed_date", row.completed_date, completed),
            ] {
                if old != new {
                    audit.push((field, date(old), date(new)));
                }
            }
            Ok(Some(Change {
                set: DeploymentChanges {
                    status: Some(to.as_str().to_owned()),
                    started_date: Some(started),
                    completed_date: Some(completed),
                    ..DeploymentChanges::default()
                },
                action: "status",
                audit,
            }))
        })?;
    Ok(saved.version)
}

fn input_of(d: &Deployment) -> DeploymentInput {
    DeploymentInput {
        license_id: d.license_id,
        engineer_id: d.engineer_id,
        scheduled_date: d.scheduled_date,
        environment: d.environment.clone(),
        notes: d.notes.clone(),
    }
}

/// The license key, when the license may get deployment work (not expired or terminated).
fn check_license(conn: &mut DbConnection, license_id: i64) -> Result<String, ServiceError> {
    let row = match write::load::<License>(conn, license_id) {
        Err(ServiceError::NotFound(_)) => {
            return Err(FieldErrors::one(
                "license_id",
                format!("there is no license #{license_id}"),
            )
            .into());
        }
        other => other?,
    };
    let status = effective_status(row.status.parse()?, row.end_date, now().date());
    if matches!(status, LicenseStatus::Expired | LicenseStatus::Terminated) {
        return Err(ServiceError::Conflict(format!(
            "{} is {status}: no deployment work on it{}",
            row.license_key,
            if status == LicenseStatus::Expired {
                "; renew it first"
            } else {
                ""
            }
        )));
    }
    Ok(row.license_key)
}

/// The engineer's name; a missing or inactive engineer is a field error.
fn check_engineer(
    conn: &mut DbConnection,
    id: Option<i64>,
) -> Result<Option<String>, ServiceError> {
    let Some(id) = id else { return Ok(None) };
    match refs::engineer(conn, id)? {
        Some((name, true)) => Ok(Some(name)),
        Some((name, false)) => Err(FieldErrors::one(
            "engineer_id",
            format!("{name} is no longer an active engineer"),
        )
        .into()),
        None => Err(FieldErrors::one(
            "engineer_id",
            format!("there is no engineer #{id}; choose one from the list"),
        )
        .into()),
    }
}

fn engineer_name(conn: &mut DbConnection, id: Option<i64>) -> Result<Option<String>, ServiceError> {
    let Some(id) = id else { return Ok(None) };
    Ok(refs::engineer(conn, id)?.map(|(name, _)| name))
}

fn audit_fields(
    input: &DeploymentInput,
    license_key: &str,
    engineer: Option<&str>,
) -> [(&'static str, Option<String>); 5] {
    [
        (
            "license_id",
            refs::audit_value(Some(input.license_id), Some(license_key)),
        ),
        (
            "engineer_id",
            refs::audit_value(input.engineer_id, engineer),
        ),
        (
            "scheduled_date",
            input.scheduled_date.map(|d| d.to_string()),
        ),
        ("environment", Some(input.environment.clone())),
        ("notes", Some(input.notes.clone())),
    ]
}
