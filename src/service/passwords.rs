//! Passwords: an operator changes their own (the current one asked), which is also how
//! an operator signs in after an admin's reset; an admin resets someone's to a one-time
//! password that lms makes up, shows once, and never stores in the clear.
//!
//! argon2 runs before the transaction opens: it must not hold a write lock.

use super::audit::Author;
use super::operator_admin::account_change;
use super::{ServiceError, authorize, sessions, write};
use crate::auth::{Actor, password};
use crate::db::DbConnection;
use crate::db::models::{Operator, OperatorChanges};
use crate::domain::{DomainError, Permission, operator as rules};

/// Changes `username`'s password from `current` to `new`, clears a forced change, and
/// records the sign-in: the operator is signed in afterwards. `current` is checked as at
/// login (a wrong one counts as a failed login; the refusal is the same generic one).
///
/// # Errors
/// The login refusals, a `new` password that breaks the rules or equals `current`, stale
/// (the account changed meanwhile), or database errors.
pub fn change_own(
    conn: &mut DbConnection,
    username: &str,
    current: &str,
    new: &str,
) -> Result<Actor, ServiceError> {
    rules::check_password(new)?;
    if new == current {
        return Err(DomainError::Invalid(
            "the new password must differ from the current one".to_owned(),
        )
        .into());
    }
    let (op, at) = sessions::authenticate(conn, username, current)?;
    let actor = sessions::actor_of(&op)?;
    let hash = password::hash(new).map_err(ServiceError::Internal)?;
    let set = OperatorChanges {
        password_hash: Some(hash),
        must_change_password: Some(false),
        failed_attempts: Some(0),
        locked_until: Some(None),
        last_login_at: Some(Some(at)),
        ..OperatorChanges::default()
    };
    let forced = op.must_change_password;
    write::update::<Operator>(conn, Author::from(&actor), op.id, op.version, |_, row| {
        let mut audit = vec![("password", None, Some("changed".to_owned()))];
        if row.must_change_password {
            audit.push((
                "must_change_password",
                Some("yes".into()),
                Some("no".into()),
            ));
        }
        audit.push((
            "last_login_at",
            row.last_login_at.map(|t| t.to_string()),
            Some(at.to_string()),
        ));
        Ok(Some(account_change(set.clone(), "password_change", audit)))
    })?;
    tracing::info!(operator = %actor.username, forced, "operator changed their password");
    Ok(actor)
}

/// Resets operator `id`'s password (at `expected_version`) to a new one-time password,
/// which it returns to be shown once: only its hash is stored, the operator must choose a
/// new password at the next login, and failures and a lock are cleared.
///
/// # Errors
/// Forbidden (needs `ManageOperators`), not found, stale, or database errors.
pub fn reset(
    conn: &mut DbConnection,
    actor: &Actor,
    id: i64,
    expected_version: i32,
) -> Result<String, ServiceError> {
    authorize(actor, Permission::ManageOperators)?;
    let one_time = password::one_time().map_err(ServiceError::Internal)?;
    let hash = password::hash(&one_time).map_err(ServiceError::Internal)?;
    let set = OperatorChanges {
        password_hash: Some(hash),
        must_change_password: Some(true),
        failed_attempts: Some(0),
        locked_until: Some(None),
        ..OperatorChanges::default()
    };
    let saved = write::update::<Operator>(conn, actor.into(), id, expected_version, |_, row| {
        let mut audit = vec![("password", None, Some("reset".to_owned()))];
        if !row.must_change_password {
            audit.push((
                "must_change_password",
                Some("no".into()),
                Some("yes".into()),
            ));
        }
        audit.extend(super::operator_admin::unlock_fields(row));
        Ok(Some(account_change(set.clone(), "password_reset", audit)))
    })?;
    tracing::info!(
        by = %actor.username,
        operator = %saved.before.username,
        "password reset to a one-time password"
    );
    Ok(one_time)
}
