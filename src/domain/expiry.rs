//! How a license's status and its end date stay consistent.
//!
//! The rule:
//! - `end_date` is the last day a license is valid. From the next day on, an `active` or
//!   `suspended` license is expired.
//! - The stored status is moved to `expired` by a sweep (`service::licenses::expire_due`),
//!   run when the TUI connects, which writes one audit row per license
//!   (operator: the system). Reports and filters on `status` therefore agree with the dates
//!   up to the last sweep.
//! - Between sweeps, screens show [`effective_status`], which already applies the rule, so an
//!   operator never sees "active" on a license whose end date has passed.
//! - `draft` and `terminated` licenses never expire: a draft was never sold, a terminated one
//!   is final.
//! - The only way back from `expired` to `active` is a renewal purchase that moves the end
//!   date into the future. Reactivating a suspended license whose end date has passed is
//!   refused for the same reason.

use chrono::NaiveDate;

use super::license::LicenseStatus;

/// Whether a license with this status and end date is due to expire on `today`.
#[must_use]
pub fn is_due(status: LicenseStatus, end_date: NaiveDate, today: NaiveDate) -> bool {
    matches!(status, LicenseStatus::Active | LicenseStatus::Suspended) && end_date < today
}

/// The status to show on `today`: the stored one, or `expired` when the end date has passed
/// and the sweep has not caught up yet.
#[must_use]
pub fn effective_status(
    status: LicenseStatus,
    end_date: NaiveDate,
    today: NaiveDate,
) -> LicenseStatus {
    if is_due(status, end_date, today) {
        LicenseStatus::Expired
    } else {
        status
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use LicenseStatus as S;

    fn d(s: &str) -> NaiveDate {
        NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap()
    }

    #[test]
    fn the_end_date_is_the_last_valid_day() {
        let end = d("2026-06-30");
        assert_eq!(effective_status(S::Active, end, d("2026-06-30")), S::Active);
        assert_eq!(
            effective_status(S::Active, end, d("2026-07-01")),
            S::Expired
        );
        assert_eq!(
            effective_status(S::Suspended, end, d("2026-07-01")),
            S::Expired
        );
    }

    #[test]
    fn drafts_and_terminated_licenses_never_expire() {
        let end = d("2020-01-01");
        let today = d("2026-01-01");
        for s in [S::Draft, S::Terminated, S::Expired] {
            assert_eq!(effective_status(s, end, today), s);
            assert!(!is_due(s, end, today));
        }
        assert!(is_due(S::Active, end, today));
    }
}
