//! The login throttle: five failed logins in a row lock the account for fifteen minutes.

use chrono::{Duration, NaiveDateTime};

/// Failed logins in a row before an account is locked for [`LOCKOUT`].
pub const MAX_FAILED_ATTEMPTS: i32 = 5;
pub const LOCKOUT: Duration = Duration::minutes(15);

/// The lock still in force at `now`, if any.
#[must_use]
pub fn still_locked(
    locked_until: Option<NaiveDateTime>,
    now: NaiveDateTime,
) -> Option<NaiveDateTime> {
    locked_until.filter(|until| *until > now)
}

/// Until when an account is locked once it has `failed_attempts` failed logins in a row
/// (the one at `now` included); `None` while it stays below [`MAX_FAILED_ATTEMPTS`].
#[must_use]
pub fn lock_after(failed_attempts: i32, now: NaiveDateTime) -> Option<NaiveDateTime> {
    (failed_attempts >= MAX_FAILED_ATTEMPTS).then(|| now + LOCKOUT)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn now() -> NaiveDateTime {
        chrono::DateTime::from_timestamp(1_700_000_000, 0)
            .unwrap()
            .naive_utc()
    }

    #[test]
    fn lockout_after_max_failures() {
        assert_eq!(lock_after(1, now()), None);
        assert_eq!(lock_after(MAX_FAILED_ATTEMPTS - 1, now()), None);
        assert_eq!(
            lock_after(MAX_FAILED_ATTEMPTS, now()),
            Some(now() + LOCKOUT)
        );
        // Once the lock has run out, the next failure locks again at once.
        assert_eq!(
            lock_after(MAX_FAILED_ATTEMPTS + 1, now()),
            Some(now() + LOCKOUT)
        );
    }

    #[test]
    fn a_lock_holds_until_its_time() {
        let until = now() + LOCKOUT;
        assert_eq!(still_locked(Some(until), now()), Some(until));
        assert_eq!(still_locked(Some(until), until), None);
        assert_eq!(still_locked(None, now()), None);
    }
}
