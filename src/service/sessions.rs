//! Logging in: look the operator up, check the password ([`crate::auth::login::check`]),
//! and record the attempt. A login updates the operator row and writes its audit row
//! (entity `operator`, action `login`) in one transaction; every refusal is recorded by
//! `refused_logins`, at the same cost whatever its reason.
//!
//! The password is checked before the transaction opens: argon2 must not run inside one.

use crate::db::retry;
use diesel::prelude::*;

use super::refused_logins::{self, Refusal};
use super::{ServiceError, audit, operator_admin};
use crate::auth::Actor;
use crate::auth::login::{self, Account, Verdict};
use crate::db::models::Operator;
use crate::db::schema::operators;
use crate::db::{DbConnection, now};
use crate::domain::Role;

/// Checks `username`/`password`; on success records the login and returns the actor.
/// Every refusal is worded alike and takes the same time, whatever its reason.
///
/// # Errors
/// [`ServiceError::BadCredentials`], [`ServiceError::Locked`] (also for the failure that
/// locks the account), [`ServiceError::Disabled`] (all three worded alike),
/// [`ServiceError::MustChangePassword`] after an admin's reset (nothing is recorded: the
/// operator signs in by choosing a new password, `service::passwords::change_own`), or
/// database errors.
pub fn login(
    conn: &mut DbConnection,
    username: &str,
    password: &str,
) -> Result<Actor, ServiceError> {
    let (op, at) = authenticate(conn, username, password)?;
    if op.must_change_password {
        tracing::info!(operator = %op.username, "signed in with a one-time password: must choose a new one");
        return Err(ServiceError::MustChangePassword);
    }
    let actor = record_login(conn, &op, at)?;
    tracing::info!(operator = %actor.username, role = %actor.role, "signed in");
    Ok(actor)
}

/// The account whose password `password` is, and the time of the check; a refusal is
/// recorded (a wrong password counts, and may lock the account) by `refused_logins`.
///
/// # Errors
/// As [`login`], without `MustChangePassword`.
pub fn authenticate(
    conn: &mut DbConnection,
    username: &str,
    password: &str,
) -> Result<(Operator, chrono::NaiveDateTime), ServiceError> {
    let name = username.trim().to_ascii_lowercase();
    let found: Option<Operator> = operators::table
        .filter(operators::username.eq(&name))
        .select(Operator::as_select())
        .first(conn)
        .optional()?;
    let at = now();
    let account = found.as_ref().map(|op| Account {
        password_hash: &op.password_hash,
        disabled: op.disabled,
        locked_until: op.locked_until,
    });
    let refusal = match login::check(account, password, at) {
        Verdict::Accepted => match found {
            Some(op) => return Ok((op, at)),
            None => Refusal::UnknownName,
        },
        Verdict::Unknown => Refusal::UnknownName,
        Verdict::WrongPassword => Refusal::WrongPassword,
        Verdict::Locked { until } => Refusal::Locked { until },
        Verdict::Disabled => Refusal::Disabled,
    };
    Err(refused_logins::record(conn, found.as_ref(), refusal, at))
}

/// A successful login: failures and lock cleared, the time of the login recorded.
fn record_login(
    conn: &mut DbConnection,
    op: &Operator,
    at: chrono::NaiveDateTime,
) -> Result<Actor, ServiceError> {
    let actor = actor_of(op)?;
    retry::transaction(conn, |conn| {
        diesel::update(operators::table.find(op.id))
            .set((
                operators::failed_attempts.eq(0),
                operators::locked_until.eq(None::<chrono::NaiveDateTime>),
                operators::last_login_at.eq(Some(at)),
            ))
            .execute(conn)?;
        let mut changes = vec![(
            "last_login_at",
            op.last_login_at.map(|t| t.to_string()),
            Some(at.to_string()),
        )];
        changes.extend(operator_admin::unlock_fields(op));
        audit::record(conn, Some(op.id), "operator", op.id, "login", &changes)
    })?;
    Ok(actor)
}

/// The operator of `op`, as the service layer sees them once signed in.
///
/// # Errors
/// A role the database holds that lms does not know.
pub fn actor_of(op: &Operator) -> Result<Actor, ServiceError> {
    Ok(Actor {
        operator_id: op.id,
        username: op.username.clone(),
        role: op.role.parse::<Role>()?,
    })
}
