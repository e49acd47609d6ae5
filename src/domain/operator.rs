//! Rules for operator accounts: usernames and password strength. The login throttle is
//! `auth::throttle`.

use super::DomainError;

pub const MIN_PASSWORD_CHARS: usize = 10;
pub const MAX_PASSWORD_BYTES: usize = 1024;

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
}
