//! What an admin does to an operator account: change the role, disable and enable it,
//! unlock it (password resets are `service::passwords`); and the unlock without a login
//! that the owner of the database runs when no admin can sign in. Each is one version-checked
//! write with its audit row (`service::write`) and a log line. The last active admin can
//! be neither demoted nor disabled, so the system always keeps someone who can manage it.

use diesel::prelude::*;

use super::audit::{Author, FieldChange};
use super::write::{self, Change};
use super::{ServiceError, authorize};
use crate::auth::Actor;
use crate::db::DbConnection;
use crate::db::models::{Operator, OperatorChanges};
use crate::db::schema::operators;
use crate::domain::{Permission, Role};

/// A planned change of an operator row.
pub(super) fn account_change<'a>(
    set: OperatorChanges,
    action: &'a str,
    audit: Vec<FieldChange<'a>>,
) -> Change<'a, Operator> {
    Change { set, action, audit }
}

/// The audit fields of clearing `row`'s failures and lock.
pub(super) fn unlock_fields(row: &Operator) -> Vec<FieldChange<'static>> {
    let mut fields = Vec::new();
    if row.failed_attempts != 0 {
        fields.push((
            "failed_attempts",
            Some(row.failed_attempts.to_string()),
            Some("0".to_owned()),
        ));
    }
    if let Some(until) = row.locked_until {
        fields.push(("locked_until", Some(until.to_string()), None));
    }
    fields
}

fn yes_no(b: bool) -> String {
    if b { "yes" } else { "no" }.to_owned()
}

/// Whether `row` is an admin who can sign in (a lock passes; disabling does not).
fn active_admin(row: &Operator) -> bool {
    row.role == Role::Admin.as_str() && !row.disabled
}

/// Refuses a change that leaves no active admin: `row` is one, and stops being one.
/// On MySQL the other admins' rows are read with `FOR UPDATE`, so two admins demoting
/// each other at once cannot both succeed (one waits, or the deadlock is retried).
fn keep_an_admin(conn: &mut DbConnection, row: &Operator) -> Result<(), ServiceError> {
    let others = operators::table
        .filter(operators::role.eq(Role::Admin.as_str()))
        .filter(operators::disabled.eq(false))
        .filter(operators::id.ne(row.id))
        .select(operators::id);
    let ids: Vec<i64> = match conn {
        #[cfg(feature = "sqlite")]
        DbConnection::Sqlite(c) => others.load(c)?,
        #[cfg(feature = "mysql")]
        DbConnection::Mysql(c) => others.for_update().load(c)?,
    };
    if ids.is_empty() {
        return Err(ServiceError::Conflict(format!(
            "{} is the last active admin: make another operator an admin first",
            row.username
        )));
    }
    Ok(())
}

/// Gives operator `id` (at `expected_version`) the role `role`. Returns whether anything
/// changed.
///
/// # Errors
/// Forbidden (needs `ManageOperators`), not found, stale, the last active admin, or
/// database errors.
pub fn set_role(
    conn: &mut DbConnection,
    actor: &Actor,
    id: i64,
    expected_version: i32,
    role: Role,
) -> Result<bool, ServiceError> {
    authorize(actor, Permission::ManageOperators)?;
    let saved =
        write::update::<Operator>(conn, actor.into(), id, expected_version, |conn, row| {
            if row.role == role.as_str() {
                return Ok(None);
            }
            if active_admin(row) && role != Role::Admin {
                keep_an_admin(conn, row)?;
            }
            let set = OperatorChanges {
                role: Some(role.as_str().to_owned()),
                ..OperatorChanges::default()
            };
            let audit = vec![("role", Some(row.role.clone()), Some(role.to_string()))];
            Ok(Some(account_change(set, "role", audit)))
        })?;
    if saved.written {
        tracing::info!(
            by = %actor.username,
            operator = %saved.before.username,
            from = %saved.before.role,
            to = %role,
            "operator role changed"
        );
    }
    Ok(saved.written)
}

/// Disables (`true`) or enables operator `id` (at `expected_version`): a disabled
/// account cannot sign in. Returns whether anything changed.
///
/// # Errors
/// Forbidden (needs `ManageOperators`), not found, stale, the last active admin, or
/// database errors.
pub fn set_disabled(
    conn: &mut DbConnection,
    actor: &Actor,
    id: i64,
    expected_version: i32,
    disabled: bool,
) -> Result<bool, ServiceError> {
    authorize(actor, Permission::ManageOperators)?;
    let action = if disabled { "disable" } else { "enable" };
    let saved =
        write::update::<Operator>(conn, actor.into(), id, expected_version, |conn, row| {
            if row.disabled == disabled {
                return Ok(None);
            }
            if disabled && active_admin(row) {
                keep_an_admin(conn, row)?;
            }
            let set = OperatorChanges {
                disabled: Some(disabled),
                ..OperatorChanges::default()
            };
            let audit = vec![(
                "disabled",
                Some(yes_no(row.disabled)),
                Some(yes_no(disabled)),
            )];
            Ok(Some(account_change(set, action, audit)))
        })?;
    if saved.written {
        tracing::info!(
            by = %actor.username,
            operator = %saved.before.username,
            "operator account {action}d"
        );
    }
    Ok(saved.written)
}

/// Clears operator `id`'s failed logins and lock (at `expected_version`). Returns whether
/// anything changed (`false`: it was not locked and had no failures).
///
/// # Errors
/// Forbidden (needs `ManageOperators`), not found, stale, or database errors.
pub fn unlock(
    conn: &mut DbConnection,
    actor: &Actor,
    id: i64,
    expected_version: i32,
) -> Result<bool, ServiceError> {
    authorize(actor, Permission::ManageOperators)?;
    let saved = clear_lock(conn, actor.into(), id, expected_version, "unlock")?;
    if saved.written {
        tracing::info!(
            by = %actor.username,
            operator = %saved.before.username,
            "operator account unlocked"
        );
    }
    Ok(saved.written)
}

/// Clears the failed logins and lock of the operator named `username`, with no operator
/// signed in: the way back in when every admin is locked, for whoever holds the database
/// (`lms user unlock NAME` without `--user`), who could change the row directly anyway.
/// Audited as the system's, action `unlock_without_login`. Returns whether anything
/// changed.
///
/// # Errors
/// Not found, stale (the account changed meanwhile), or database errors.
pub fn unlock_without_login(conn: &mut DbConnection, username: &str) -> Result<bool, ServiceError> {
    let row = super::operators::named(conn, username)?;
    let saved = clear_lock(
        conn,
        Author::System,
        row.id,
        row.version,
        "unlock_without_login",
    )?;
    if saved.written {
        tracing::warn!(operator = %row.username, "operator account unlocked without a login");
    }
    Ok(saved.written)
}

/// One version-checked write that clears `id`'s failures and lock, audited as `action`;
/// nothing is written when there is nothing to clear.
fn clear_lock(
    conn: &mut DbConnection,
    by: Author,
    id: i64,
    expected_version: i32,
    action: &'static str,
) -> Result<write::Saved<Operator>, ServiceError> {
    write::update::<Operator>(conn, by, id, expected_version, |_, row| {
        let audit = unlock_fields(row);
        if audit.is_empty() {
            return Ok(None);
        }
        let set = OperatorChanges {
            failed_attempts: Some(0),
            locked_until: Some(None),
            ..OperatorChanges::default()
        };
        Ok(Some(account_change(set, action, audit)))
    })
}
