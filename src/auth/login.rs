//! The login decision, without IO: the service layer reads the account, asks [`check`],
//! and records what it says (`service::sessions::login`).

use chrono::NaiveDateTime;

use super::{password, throttle};

/// What a login attempt needs to know of the stored account.
#[derive(Debug, Clone, Copy)]
pub struct Account<'a> {
    /// The argon2id PHC string.
    pub password_hash: &'a str,
    pub disabled: bool,
    pub locked_until: Option<NaiveDateTime>,
}

/// The outcome of one login attempt.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Verdict {
    /// No such account: answered exactly as a wrong password.
    Unknown,
    /// Locked until then: refused without looking at the password.
    Locked { until: NaiveDateTime },
    /// A wrong password: one more failed attempt to record.
    WrongPassword,
    /// The right password for a disabled account.
    Disabled,
    /// The right password for a usable account.
    Accepted,
}

/// Checks `password` against `account` (`None`: no such username) at `now`. Every path
/// costs one argon2 verification, so an unknown name or a locked account answers no faster
/// than a wrong password. While locked, the password is checked but its answer is not
/// used: a guess during a lock tells nothing, not even when it is right.
#[must_use]
pub fn check(account: Option<Account<'_>>, password: &str, now: NaiveDateTime) -> Verdict {
    let Some(account) = account else {
        password::waste_time(password);
        return Verdict::Unknown;
    };
    let right = password::verify(password, account.password_hash);
    if let Some(until) = throttle::still_locked(account.locked_until, now) {
        return Verdict::Locked { until };
    }
    if !right {
        Verdict::WrongPassword
    } else if account.disabled {
        Verdict::Disabled
    } else {
        Verdict::Accepted
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn verdicts() {
        let now = chrono::DateTime::from_timestamp(1_700_000_000, 0)
            .unwrap()
            .naive_utc();
        let hash = password::hash("correct horse battery").unwrap();
        let account = Account {
            password_hash: &hash,
            disabled: false,
            locked_until: None,
        };
        let check = |a: Option<Account<'_>>, pw| check(a, pw, now);
        assert_eq!(check(None, "correct horse battery"), Verdict::Unknown);
        assert_eq!(
            check(Some(account), "correct horse battery"),
            Verdict::Accepted
        );
        assert_eq!(check(Some(account), "wrong"), Verdict::WrongPassword);
        let disabled = Account {
            disabled: true,
            ..account
        };
        assert_eq!(
            check(Some(disabled), "correct horse battery"),
            Verdict::Disabled
        );
        // A disabled account with a wrong password is a wrong password (it counts).
        assert_eq!(check(Some(disabled), "wrong"), Verdict::WrongPassword);
        let until = now + throttle::LONGEST_LOCK;
        let locked = Account {
            locked_until: Some(until),
            ..account
        };
        assert_eq!(
            check(Some(locked), "correct horse battery"),
            Verdict::Locked { until }
        );
        // A guess while locked is no wrong password: it does not count.
        assert_eq!(check(Some(locked), "wrong"), Verdict::Locked { until });
        let expired = Account {
            locked_until: Some(now),
            ..account
        };
        assert_eq!(
            check(Some(expired), "correct horse battery"),
            Verdict::Accepted
        );
    }
}
