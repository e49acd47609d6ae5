//! Rules for operator accounts: usernames, password strength, lockout.

use chrono::{Duration, NaiveDateTime};

use super::DomainError;

pub const MIN_PASSWORD_CHARS: usize = 10;
pub const MAX_PASSWORD_BYTES: usize = 1024;
/// Failed logins in a row before an account is locked for [`LOCKOUT`].
pub const MAX_FAILED_ATTEMPTS: i32 = 5;
pub const LOCKOUT: Duration = Duration::minutes(15);

/// # Errors
/// When the name is empty, too long, or has characters other than letters, digits, `.`, `_`, `-`.
pub fn check_username(name: &str) -> Result<String, DomainError> {
    let n = name.trim();
    if n.is_empty() || n.len() > 64 {
        return Err(DomainError::Invalid(
            "username must be 1 to 64 characters".to_owned(),
        ));
    }
    if !n
        .chars()
        .all(|c| c.is_ascii_alphanumeric() || matches!(c, '.' | '_' | '-'))
    {
        return Err(DomainError::Invalid(
            "username may use only letters, digits, '.', '_' and '-'".to_owned(),
        ));
    }
    Ok(n.to_ascii_lowercase())
}

/// # Errors
/// When the password is shorter than [`MIN_PASSWORD_CHARS`] or absurdly long.
pub fn check_password(password: &str) -> Result<(), DomainError> {
    if password.chars().count() < MIN_PASSWORD_CHARS {
        return Err(DomainError::Invalid(format!(
            "password must be at least {MIN_PASSWORD_CHARS} characters"
        )));
    }
    if password.len() > MAX_PASSWORD_BYTES {
        return Err(DomainError::Invalid(format!(
            "password must be at most {MAX_PASSWORD_BYTES} bytes"
        )));
    }
    Ok(())
}

/// The lockout state after one more failed login.
#[must_use]
pub fn after_failure(failed_attempts: i32, now: NaiveDateTime) -> (i32, Option<NaiveDateTime>) {
    let attempts = failed_attempts.saturating_add(1);
    if attempts >= MAX_FAILED_ATTEMPTS {
        (attempts, Some(now + LOCKOUT))
    } else {
        (attempts, None)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn usernames() {
        assert_eq!(check_username(" Alice.Ops ").unwrap(), "alice.ops");
        for bad in ["", "a b", "ünï", "x;drop", &"a".repeat(65)] {
            assert!(check_username(bad).is_err(), "{bad:?}");
        }
    }

    #[test]
    fn passwords() {
        assert!(check_password("short").is_err());
        assert!(check_password("long enough pw").is_ok());
        assert!(check_password(&"x".repeat(2000)).is_err());
    }

    #[test]
    fn lockout_after_max_failures() {
        let now = chrono::DateTime::from_timestamp(1_700_000_000, 0)
            .unwrap()
            .naive_utc();
        assert_eq!(after_failure(0, now), (1, None));
        assert_eq!(
            after_failure(MAX_FAILED_ATTEMPTS - 1, now),
            (MAX_FAILED_ATTEMPTS, Some(now + LOCKOUT))
        );
    }
}
