//! The license record's rules: lifecycle states and transitions, seats, the human key.

use std::fmt;
use std::str::FromStr;

use super::DomainError;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum LicenseStatus {
    Draft,
    Active,
    Suspended,
    Expired,
    Terminated,
}

impl LicenseStatus {
    pub const ALL: [LicenseStatus; 5] = [
        LicenseStatus::Draft,
        LicenseStatus::Active,
        LicenseStatus::Suspended,
        LicenseStatus::Expired,
        LicenseStatus::Terminated,
    ];

    #[must_use]
    pub fn as_str(self) -> &'static str {
        match self {
            LicenseStatus::Draft => "draft",
            LicenseStatus::Active => "active",
            LicenseStatus::Suspended => "suspended",
            LicenseStatus::Expired => "expired",
            LicenseStatus::Terminated => "terminated",
        }
    }

    /// Whether an operator may move a license from `self` to `to` directly.
    /// `expired -> active` is reached only through a renewal purchase, so it is refused here.
    ///
    /// # Errors
    /// A [`DomainError::Transition`] that explains why the move is not allowed.
    pub fn check_transition(self, to: LicenseStatus) -> Result<(), DomainError> {
        use LicenseStatus as S;
        let allowed = matches!(
            (self, to),
            (S::Draft | S::Suspended, S::Active)
                | (S::Active, S::Suspended | S::Expired)
                | (
                    S::Draft | S::Active | S::Suspended | S::Expired,
                    S::Terminated
                )
        );
        if allowed {
            return Ok(());
        }
        let why = match (self, to) {
            (a, b) if a == b => format!("the license is already {a}"),
            (S::Terminated, _) => "a terminated license is final".to_owned(),
            (S::Expired, S::Active) => {
                "an expired license is reactivated by recording a renewal".to_owned()
            }
            (S::Draft, S::Suspended | S::Expired) => "a draft must be activated first".to_owned(),
            (_, S::Draft) => "a license cannot go back to draft".to_owned(),
            (S::Expired, S::Suspended) => "an expired license cannot be suspended".to_owned(),
            (S::Suspended, S::Expired) => "reactivate the license before it can expire".to_owned(),
            (a, b) => format!("{a} -> {b} is not a lifecycle step"),
        };
        Err(DomainError::Transition {
            from: self,
            to,
            why,
        })
    }

    /// The statuses reachable from `self` by an operator action.
    #[must_use]
    pub fn next_states(self) -> Vec<LicenseStatus> {
        Self::ALL
            .into_iter()
            .filter(|to| self.check_transition(*to).is_ok())
            .collect()
    }
}

impl fmt::Display for LicenseStatus {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

impl FromStr for LicenseStatus {
    type Err = DomainError;

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        Self::ALL
            .into_iter()
            .find(|v| v.as_str().eq_ignore_ascii_case(s.trim()))
            .ok_or_else(|| DomainError::UnknownValue {
                what: "license status",
                value: s.to_owned(),
            })
    }
}

/// Seats sold on a license. Site licenses are unlimited; stored as NULL.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Seats {
    Limited(u32),
    Unlimited,
}

impl Seats {
    /// # Errors
    /// Seats must be at least 1 (or unlimited).
    pub fn from_db(value: Option<i32>) -> Result<Self, DomainError> {
        match value {
            None => Ok(Seats::Unlimited),
            Some(n) if n >= 1 => Ok(Seats::Limited(n.unsigned_abs())),
            Some(n) => Err(DomainError::Invalid(format!(
                "seats must be at least 1, found {n}"
            ))),
        }
    }

    #[must_use]
    pub fn to_db(self) -> Option<i32> {
        match self {
            Seats::Limited(n) => Some(i32::try_from(n).unwrap_or(i32::MAX)),
            Seats::Unlimited => None,
        }
    }
}

impl fmt::Display for Seats {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Seats::Limited(n) => write!(f, "{n}"),
            Seats::Unlimited => f.write_str("unlimited"),
        }
    }
}

impl FromStr for Seats {
    type Err = DomainError;

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        let t = s.trim();
        if t.eq_ignore_ascii_case("unlimited") || t.eq_ignore_ascii_case("site") {
            return Ok(Seats::Unlimited);
        }
        match t.parse::<u32>() {
            Ok(n) if n >= 1 && i32::try_from(n).is_ok() => Ok(Seats::Limited(n)),
            _ => Err(DomainError::Invalid(format!(
                "seats must be a whole number from 1 to {} or \"unlimited\", not {t:?}",
                i32::MAX
            ))),
        }
    }
}

/// The human License ID shown to operators and customers, derived from the row id.
#[must_use]
pub fn license_key(id: i64) -> String {
    format!("LIC-{id:06}")
}

macro_rules! string_enum {
    ($(#[$meta:meta])* $name:ident, $what:literal, { $($variant:ident => $text:literal),+ $(,)? }) => {
        $(#[$meta])*
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
        pub enum $name { $($variant),+ }

        impl $name {
            pub const ALL: &'static [$name] = &[$($name::$variant),+];

            #[must_use]
            pub fn as_str(self) -> &'static str {
                match self { $($name::$variant => $text),+ }
            }
        }

        impl fmt::Display for $name {
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str(self.as_str())
            }
        }

        impl FromStr for $name {
            type Err = DomainError;

            fn from_str(s: &str) -> Result<Self, Self::Err> {
                Self::ALL
                    .iter()
                    .copied()
                    .find(|v| v.as_str().eq_ignore_ascii_case(s.trim()))
                    .ok_or_else(|| DomainError::UnknownValue { what: $what, value: s.to_owned() })
            }
        }
    };
}

string_enum!(
    /// Why money changed hands for a license.
    PurchaseKind, "purchase kind", {
        New => "new",
        Renewal => "renewal",
        Expansion => "expansion",
    }
);

string_enum!(
    /// Where a deployment stands.
    DeploymentStatus, "deployment status", {
        Planned => "planned",
        InProgress => "in_progress",
        Completed => "completed",
        Failed => "failed",
        Cancelled => "cancelled",
    }
);

#[cfg(test)]
mod tests {
    use super::*;
    use LicenseStatus as S;

    #[test]
    fn allowed_transitions() {
        for (from, to) in [
            (S::Draft, S::Active),
            (S::Active, S::Suspended),
            (S::Suspended, S::Active),
            (S::Active, S::Expired),
            (S::Draft, S::Terminated),
            (S::Active, S::Terminated),
            (S::Suspended, S::Terminated),
            (S::Expired, S::Terminated),
        ] {
            assert!(from.check_transition(to).is_ok(), "{from} -> {to}");
        }
    }

    #[test]
    fn refused_transitions_are_explained() {
        let err = S::Expired.check_transition(S::Active).unwrap_err();
        assert!(err.to_string().contains("renewal"), "{err}");
        let err = S::Terminated.check_transition(S::Active).unwrap_err();
        assert!(err.to_string().contains("final"), "{err}");
        let err = S::Active.check_transition(S::Draft).unwrap_err();
        assert!(err.to_string().contains("draft"), "{err}");
        assert!(S::Active.check_transition(S::Active).is_err());
        assert_eq!(S::Terminated.next_states(), Vec::<S>::new());
        assert_eq!(S::Draft.next_states(), vec![S::Active, S::Terminated]);
    }

    #[test]
    fn seats_parse_and_round_trip() {
        assert_eq!("25".parse::<Seats>().ok(), Some(Seats::Limited(25)));
        assert_eq!("Unlimited".parse::<Seats>().ok(), Some(Seats::Unlimited));
        for bad in ["0", "-3", "", "1.5", "ten", "99999999999"] {
            assert!(bad.parse::<Seats>().is_err(), "{bad:?}");
        }
        assert_eq!(Seats::from_db(None).ok(), Some(Seats::Unlimited));
        assert_eq!(Seats::Limited(7).to_db(), Some(7));
        assert!(Seats::from_db(Some(0)).is_err());
    }

    #[test]
    fn keys_and_string_enums() {
        assert_eq!(license_key(123), "LIC-000123");
        assert_eq!(license_key(1_234_567), "LIC-1234567");
        assert_eq!(
            "Renewal".parse::<PurchaseKind>().ok(),
            Some(PurchaseKind::Renewal)
        );
        assert_eq!(
            "in_progress".parse::<DeploymentStatus>().ok(),
            Some(DeploymentStatus::InProgress)
        );
        assert!("refund".parse::<PurchaseKind>().is_err());
        assert!("bogus".parse::<LicenseStatus>().is_err());
    }
}
