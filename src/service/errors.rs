//! Errors of the use cases, worded for the operator (status bar, CLI line).

use crate::domain::{DomainError, FieldErrors, Permission, Role};

#[derive(Debug, thiserror::Error)]
pub enum ServiceError {
    #[error("not allowed: {} needs role {}", .permission.describe(), roles(*.permission))]
    Forbidden { permission: Permission },
    /// Deliberately the same message for an unknown user, a wrong password, a locked and
    /// a disabled account: a login refusal never tells whether the account exists. Admins
    /// see locks and disabled accounts on the Operators tab.
    #[error("{GENERIC_REFUSAL}")]
    BadCredentials,
    /// Too many failed logins in a row; worded as [`ServiceError::BadCredentials`].
    #[error("{GENERIC_REFUSAL}")]
    Locked { until: chrono::NaiveDateTime },
    /// Worded as [`ServiceError::BadCredentials`].
    #[error("{GENERIC_REFUSAL}")]
    Disabled,
    /// The right password, but an admin reset it: a new one must be chosen before the
    /// operator may do anything else.
    #[error("your password was reset: choose a new one first")]
    MustChangePassword,
    #[error("{0}")]
    Invalid(#[from] DomainError),
    /// Problems with form fields, each tied to its field (show them next to the fields).
    #[error("{0}")]
    Fields(#[from] FieldErrors),
    /// The optimistic lock lost: someone saved the row after it was read. `by` is the
    /// operator of the latest change ("the system" for the expiry sweep), `at` is UTC.
    #[error("changed by {by} at {} UTC since you opened it; reload to see it", .at.format("%Y-%m-%d %H:%M"))]
    Stale {
        by: String,
        at: chrono::NaiveDateTime,
    },
    #[error("{0}")]
    Conflict(String),
    #[error("{0} not found")]
    NotFound(String),
    #[error("database error: {0}")]
    Database(#[from] diesel::result::Error),
    #[error("{0}")]
    Internal(String),
}

/// What a refused login says, whatever the reason.
pub const GENERIC_REFUSAL: &str = "wrong username or password";

fn roles(permission: Permission) -> String {
    Role::holders(permission)
        .iter()
        .map(|r| r.as_str())
        .collect::<Vec<_>>()
        .join(" or ")
}

impl ServiceError {
    /// Maps a unique-key violation to a readable conflict, leaving other errors as they are.
    #[must_use]
    pub fn unique(err: diesel::result::Error, what: &str) -> Self {
        use diesel::result::{DatabaseErrorKind, Error};
        match err {
            Error::DatabaseError(DatabaseErrorKind::UniqueViolation, _) => {
                ServiceError::Conflict(format!("{what} already exists"))
            }
            other => ServiceError::Database(other),
        }
    }
}

/// A deadlock or lock wait timeout, which the transaction helper runs again.
impl crate::db::retry::Transient for ServiceError {
    fn is_transient(&self) -> bool {
        matches!(self, ServiceError::Database(e) if crate::db::health::is_transient(e))
    }
}

/// A failed export write, worded for the operator; `--excel` with JSON is bad input.
impl From<crate::export::ExportError> for ServiceError {
    fn from(e: crate::export::ExportError) -> Self {
        match e {
            crate::export::ExportError::ExcelJson => {
                ServiceError::Invalid(DomainError::Invalid(e.to_string()))
            }
            other => ServiceError::Internal(format!("writing the export failed: {other}")),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn stale_names_who_and_when() {
        let at = chrono::NaiveDate::from_ymd_opt(2026, 11, 21)
            .and_then(|d| d.and_hms_opt(10, 4, 59))
            .unwrap();
        let e = ServiceError::Stale {
            by: "alice".into(),
            at,
        };
        assert_eq!(
            e.to_string(),
            "changed by alice at 2026-11-21 10:04 UTC since you opened it; reload to see it"
        );
    }

    #[test]
    fn login_refusals_do_not_tell_why() {
        let until = chrono::NaiveDate::from_ymd_opt(2026, 11, 21)
            .and_then(|d| d.and_hms_opt(10, 4, 59))
            .unwrap();
        for e in [
            ServiceError::Locked { until },
            ServiceError::Disabled,
            ServiceError::BadCredentials,
        ] {
            assert_eq!(e.to_string(), "wrong username or password");
        }
    }

    #[test]
    fn forbidden_names_the_roles_needed() {
        let e = ServiceError::Forbidden {
            permission: Permission::ManageDeployments,
        };
        assert_eq!(
            e.to_string(),
            "not allowed: manage deployments needs role admin or manager or engineer"
        );
    }
}
