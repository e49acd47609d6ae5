//! A refused sign-in, recorded. Every refusal (unknown name, wrong password, locked or
//! disabled account) runs the same statements in one transaction: bump the account's
//! failure count (by one for a wrong password, by nothing otherwise; an unknown name's
//! update finds no row), read it back, write one audit row. So the database time, like
//! the argon2 time, does not tell an unknown name from an account, and every attempt is in
//! the audit log as the system's (nobody is signed in), on entity `operator`:
//!
//! - `login_failed`: a wrong password (`failed_attempts` before and after), or an unknown
//!   name (id 0, `reason`; what was typed is not kept: it may be a password);
//! - `locked`: the wrong password that locks the account (`locked_until` too);
//! - `login_refused`: a sign-in while locked or disabled (`reason`), not counted.

use crate::db::retry;
use diesel::prelude::*;

use super::{ServiceError, audit};
use crate::auth::throttle;
use crate::db::DbConnection;
use crate::db::models::Operator;
use crate::db::schema::operators;

/// The audit row's id for a name that is no account: no operator row has it.
const NO_ACCOUNT: i64 = 0;

/// Why a sign-in was refused.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Refusal {
    UnknownName,
    WrongPassword,
    Locked {
        until: chrono::NaiveDateTime,
    },
    /// The right password for a disabled account.
    Disabled,
}

/// What the transaction found: the failures in a row after this one, and the lock it set.
type Counted = (Option<i32>, Option<chrono::NaiveDateTime>);

/// Records the refusal of a sign-in as `op` (`None`: no such name) at `at`, and returns
/// the error to answer with: worded alike for every refusal.
pub(super) fn record(
    conn: &mut DbConnection,
    op: Option<&Operator>,
    refusal: Refusal,
    at: chrono::NaiveDateTime,
) -> ServiceError {
    let (id, refusal) = match op {
        Some(op) => (op.id, refusal),
        None => (NO_ACCOUNT, Refusal::UnknownName),
    };
    let outcome = retry::transaction(conn, |conn| {
        let row = operators::table.find(id);
        let counted = i32::from(refusal == Refusal::WrongPassword);
        diesel::update(row)
            .set(operators::failed_attempts.eq(operators::failed_attempts + counted))
            .execute(conn)?;
        let attempts: Option<i32> = row
            .select(operators::failed_attempts)
            .first(conn)
            .optional()?;
        let lock = attempts
            .filter(|_| counted == 1)
            .and_then(|n| throttle::lock_after(n, at));
        if let Some(until) = lock {
            diesel::update(row)
                .set(operators::locked_until.eq(Some(until)))
                .execute(conn)?;
        }
        let (action, changes) = audit_row(op, refusal, attempts, lock);
        audit::record(conn, None, "operator", id, action, &changes)?;
        Ok::<Counted, diesel::result::Error>((attempts, lock))
    });
    match outcome {
        Ok(counted) => answer(op, refusal, counted),
        Err(e) => ServiceError::Database(e),
    }
}

/// The audit row of a refusal: its action and fields.
fn audit_row(
    op: Option<&Operator>,
    refusal: Refusal,
    attempts: Option<i32>,
    lock: Option<chrono::NaiveDateTime>,
) -> (&'static str, Vec<audit::FieldChange<'static>>) {
    let reason = |why: String| vec![("reason", None, Some(why))];
    match (refusal, attempts) {
        (Refusal::WrongPassword, Some(n)) => {
            let mut changes = vec![(
                "failed_attempts",
                Some((n - 1).to_string()),
                Some(n.to_string()),
            )];
            let Some(until) = lock else {
                return ("login_failed", changes);
            };
            let before = op.and_then(|o| o.locked_until).map(|t| t.to_string());
            changes.push(("locked_until", before, Some(until.to_string())));
            ("locked", changes)
        }
        (Refusal::Locked { until }, _) => {
            ("login_refused", reason(format!("locked until {until}")))
        }
        (Refusal::Disabled, _) => ("login_refused", reason("disabled".to_owned())),
        // An unknown name, or an account deleted since it was read.
        (Refusal::UnknownName | Refusal::WrongPassword, _) => {
            ("login_failed", reason("no such operator".to_owned()))
        }
    }
}

/// The log line of a refusal, and the error to answer with. What was typed as a name is
/// not logged unless it is an account's: it may be a password typed into the wrong field.
fn answer(op: Option<&Operator>, refusal: Refusal, (attempts, lock): Counted) -> ServiceError {
    let (Some(op), Some(attempts)) = (op, attempts) else {
        tracing::info!("sign-in refused: no such operator");
        return ServiceError::BadCredentials;
    };
    let name = &op.username;
    match (refusal, lock) {
        (Refusal::WrongPassword, Some(until)) => {
            tracing::warn!(operator = %name, attempts, %until, "account locked after {attempts} failed logins in a row");
            ServiceError::Locked { until }
        }
        (Refusal::Locked { until }, _) => {
            tracing::info!(operator = %name, %until, "sign-in refused: locked");
            ServiceError::Locked { until }
        }
        (Refusal::Disabled, _) => {
            tracing::info!(operator = %name, "sign-in refused: disabled");
            ServiceError::Disabled
        }
        (Refusal::WrongPassword | Refusal::UnknownName, _) => {
            tracing::info!(operator = %name, attempts, "sign-in refused: wrong password");
            ServiceError::BadCredentials
        }
    }
}
