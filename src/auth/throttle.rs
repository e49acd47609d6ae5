//! The login throttle: a lock per account that grows with the failed logins in a row and
//! never lasts long. From the fifth failure on, each failure locks the account for
//! [`FIRST_LOCK`], doubled for every further failure up to [`LONGEST_LOCK`]; while locked,
//! sign-ins are refused without counting. So a guesser soon gets one guess per
//! [`LONGEST_LOCK`] (a dozen an hour), and can keep an account (even the last admin) out
//! only by spending each of them on it; a lock ends at most [`LONGEST_LOCK`] after the last
//! failure. A hard lock let anyone lock every admin out with five tries. The owner of the database lifts a lock at once with `lms user unlock NAME`.

use chrono::{Duration, NaiveDateTime};

/// Failed logins in a row before the account is locked: the first few are typos.
pub const MAX_FAILED_ATTEMPTS: i32 = 5;
/// The lock after [`MAX_FAILED_ATTEMPTS`] failures in a row.
pub const FIRST_LOCK: Duration = Duration::seconds(15);
/// The longest lock, however many failures.
pub const LONGEST_LOCK: Duration = Duration::minutes(5);

/// The lock still in force at `now`, if any.
#[must_use]
pub fn still_locked(
    locked_until: Option<NaiveDateTime>,
    now: NaiveDateTime,
) -> Option<NaiveDateTime> {
    locked_until.filter(|until| *until > now)
}

/// How long an account is locked once it has `failed_attempts` failed logins in a row;
/// `None` while it stays below [`MAX_FAILED_ATTEMPTS`].
#[must_use]
pub fn lock_for(failed_attempts: i32) -> Option<Duration> {
    let beyond = failed_attempts.checked_sub(MAX_FAILED_ATTEMPTS)?;
    let doublings = u32::try_from(beyond).ok()?;
    // 2^5 x 15 s passes the longest lock already; larger shifts only overflow.
    let lock = FIRST_LOCK * 2_i32.pow(doublings.min(5));
    Some(lock.min(LONGEST_LOCK))
}

/// Until when an account is locked once it has `failed_attempts` failed logins in a row
/// (the one at `now` included); `None` while it stays below [`MAX_FAILED_ATTEMPTS`].
#[must_use]
pub fn lock_after(failed_attempts: i32, now: NaiveDateTime) -> Option<NaiveDateTime> {
    lock_for(failed_attempts).map(|lock| now + lock)
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
    fn the_lock_grows_from_the_fifth_failure_and_stops_at_five_minutes() {
        let seconds = |n| lock_for(n).map(|d| d.num_seconds());
        for n in [-1, 0, 1, MAX_FAILED_ATTEMPTS - 1] {
            assert_eq!(seconds(n), None, "{n}");
        }
        let grown: Vec<_> = (5..=11).map(seconds).collect();
        let want = [15, 30, 60, 120, 240, 300, 300].map(Some);
        assert_eq!(grown, want);
        assert_eq!(seconds(i32::MAX), Some(300));
        assert_eq!(
            lock_after(MAX_FAILED_ATTEMPTS, now()),
            Some(now() + FIRST_LOCK)
        );
        assert_eq!(lock_after(1, now()), None);
    }

    #[test]
    fn a_lock_holds_until_its_time() {
        let until = now() + FIRST_LOCK;
        assert_eq!(still_locked(Some(until), now()), Some(until));
        assert_eq!(still_locked(Some(until), until), None);
        assert_eq!(still_locked(None, now()), None);
    }
}
