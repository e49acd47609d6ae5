//! Logging in: look the operator up, check the password ([`crate::auth::login::check`]),
//! and record the attempt. A failure, a lockout and a login each update the operator row and
//! write their audit row (entity `operator`; actions `login_failed`, `locked`, `login`) in
//! one transaction. Refusals that change nothing (unknown name, still locked, disabled,
//! a password to change first) write nothing.
//!
//! The password is checked before the transaction opens: argon2 must not run inside one.
//! The failure count is incremented in SQL, so concurrent wrong guesses all count.

use diesel::prelude::*;

use super::{ServiceError, audit, operator_admin};
use crate::auth::Actor;
use crate::auth::login::{self, Account, Verdict};
use crate::auth::throttle;
use crate::db::models::Operator;
use crate::db::schema::operators;
use crate::db::{DbConnection, now};
use crate::domain::Role;

/// Checks `username`/`password`; on success records the login and returns the actor.
/// Unknown user and wrong password give the same error and take the same time.
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

/// The account whose password `password` is, and the time of the check; a wrong password
/// is recorded as a failed login (and may lock the account) as [`login`] says.
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
    // What was typed as a name is not logged unless it is an account's: it may be a
    // password typed into the wrong field.
    let refused = |why: &str| {
        if let Some(op) = &found {
            tracing::info!(operator = %op.username, "sign-in refused: {why}");
        } else {
            tracing::info!("sign-in refused: no such operator");
        }
    };
    match login::check(account, password, at) {
        Verdict::Unknown => {
            refused("unknown");
            Err(ServiceError::BadCredentials)
        }
        Verdict::Locked { until } => {
            refused("locked");
            Err(ServiceError::Locked { until })
        }
        Verdict::Disabled => {
            refused("disabled");
            Err(ServiceError::Disabled)
        }
        Verdict::WrongPassword => {
            let op = found.ok_or(ServiceError::BadCredentials)?;
            Err(record_failure(conn, &op, at))
        }
        Verdict::Accepted => {
            let op = found.ok_or(ServiceError::BadCredentials)?;
            Ok((op, at))
        }
    }
}

/// One more failed attempt, and the lock when it is the one too many. Returns the error
/// to answer with.
fn record_failure(
    conn: &mut DbConnection,
    op: &Operator,
    at: chrono::NaiveDateTime,
) -> ServiceError {
    let outcome = conn.transaction(|conn| {
        let row = operators::table.find(op.id);
        diesel::update(row)
            .set(operators::failed_attempts.eq(operators::failed_attempts + 1))
            .execute(conn)?;
        let attempts: i32 = row.select(operators::failed_attempts).first(conn)?;
        let locked = throttle::lock_after(attempts, at);
        let mut changes = vec![(
            "failed_attempts",
            Some((attempts - 1).to_string()),
            Some(attempts.to_string()),
        )];
        if let Some(until) = locked {
            diesel::update(row)
                .set(operators::locked_until.eq(Some(until)))
                .execute(conn)?;
            changes.push((
                "locked_until",
                op.locked_until.map(|t| t.to_string()),
                Some(until.to_string()),
            ));
        }
        let action = if locked.is_some() {
            "locked"
        } else {
            "login_failed"
        };
        // Nobody is logged in: the attempt is recorded by the system, on the account.
        audit::record(conn, None, "operator", op.id, action, &changes)?;
        Ok::<_, diesel::result::Error>((attempts, locked))
    });
    match outcome {
        Ok((attempts, Some(until))) => {
            tracing::warn!(
                operator = %op.username,
                attempts,
                %until,
                "account locked after {attempts} failed logins in a row"
            );
            ServiceError::Locked { until }
        }
        Ok((attempts, None)) => {
            tracing::info!(operator = %op.username, attempts, "sign-in refused: wrong password");
            ServiceError::BadCredentials
        }
        Err(e) => ServiceError::Database(e),
    }
}

/// A successful login: failures and lock cleared, the time of the login recorded.
fn record_login(
    conn: &mut DbConnection,
    op: &Operator,
    at: chrono::NaiveDateTime,
) -> Result<Actor, ServiceError> {
    let actor = actor_of(op)?;
    conn.transaction(|conn| {
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
