//! Login with lockout: five failures in a row lock the account for fifteen minutes.

use diesel::prelude::*;

use super::{Actor, password};
use crate::db::models::Operator;
use crate::db::schema::operators;
use crate::db::{DbConnection, now};
use crate::domain::{Role, operator as rules};
use crate::service::ServiceError;

/// Checks `username`/`password`; on success records the login and returns the actor.
/// Unknown user and wrong password give the same error and take the same time.
///
/// # Errors
/// [`ServiceError::BadCredentials`], [`ServiceError::Locked`], [`ServiceError::Disabled`].
pub fn login(
    conn: &mut DbConnection,
    username: &str,
    password: &str,
) -> Result<Actor, ServiceError> {
    let name = username.trim().to_ascii_lowercase();
    let found: Option<Operator> = operators::table
        .filter(operators::username.eq(&name))
        .select(Operator::as_select())
        .first(conn)
        .optional()?;
    let Some(op) = found else {
        password::waste_time(password);
        return Err(ServiceError::BadCredentials);
    };
    let at = now();
    if let Some(until) = op.locked_until.filter(|u| *u > at) {
        password::waste_time(password);
        return Err(ServiceError::Locked { until });
    }
    if !password::verify(password, &op.password_hash) {
        let (attempts, locked) = rules::after_failure(op.failed_attempts, at);
        diesel::update(operators::table.find(op.id))
            .set((
                operators::failed_attempts.eq(attempts),
                operators::locked_until.eq(locked),
            ))
            .execute(conn)?;
        return Err(match locked {
            Some(until) => ServiceError::Locked { until },
            None => ServiceError::BadCredentials,
        });
    }
    if op.disabled {
        return Err(ServiceError::Disabled);
    }
    let role: Role = op.role.parse()?;
    diesel::update(operators::table.find(op.id))
        .set((
            operators::failed_attempts.eq(0),
            operators::locked_until.eq(None::<chrono::NaiveDateTime>),
            operators::last_login_at.eq(Some(at)),
        ))
        .execute(conn)?;
    Ok(Actor {
        operator_id: op.id,
        username: op.username,
        role,
    })
}
