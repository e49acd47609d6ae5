//! Plain types and rules. No IO, no Diesel, no terminal: most unit tests live here.

pub mod company_input;
pub mod contact;
pub mod deployment;
pub mod deployment_input;
pub mod expiry;
pub mod fields;
pub mod filter;
pub mod labels;
pub mod license;
pub mod license_input;
pub mod money;
pub mod operator;
pub mod period;
pub mod purchase_input;
pub mod rate;
pub mod reference_input;
pub mod role;
pub mod text;
pub mod time_scale;
pub mod timeline;

pub use expiry::effective_status;
pub use fields::FieldErrors;
pub use license::{DeploymentStatus, LicenseStatus, PurchaseKind, Seats, license_key};
pub use money::{Currency, Money, PerCurrency};
pub use period::{Period, PeriodKind};
pub use rate::Rate;
pub use role::{Permission, Role};

/// A broken business rule, worded for the operator.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum DomainError {
    #[error("unknown role {0:?} (expected admin, manager, sales, engineer or viewer)")]
    UnknownRole(String),
    #[error("unknown {what} {value:?}")]
    UnknownValue { what: &'static str, value: String },
    #[error("cannot change status from {from} to {to}: {why}")]
    Transition {
        from: LicenseStatus,
        to: LicenseStatus,
        why: String,
    },
    #[error("cannot move the deployment from {} to {}: {why}", .from.label(), .to.label())]
    DeploymentTransition {
        from: DeploymentStatus,
        to: DeploymentStatus,
        why: String,
    },
    #[error("{0}")]
    Invalid(String),
}
