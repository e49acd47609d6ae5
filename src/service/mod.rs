//! Use cases: authorize -> validate -> transaction -> audit row. The only writers; the CLI
//! and the TUI both call these.

pub mod account_actions;
pub mod audit;
pub mod browse;
pub mod demo;
pub mod deployments;
pub mod details;
pub mod errors;
pub mod export;
pub mod export_utilization;
pub mod history;
pub mod import;
pub mod licenses;
pub mod operator_admin;
pub mod operators;
pub mod options;
pub mod passwords;
pub mod performance;
pub mod purchases;
pub mod records;
pub mod refs;
mod refused_logins;
pub mod reports;
pub mod sessions;
pub mod stale;
pub mod timeline;
pub mod write;

pub use errors::ServiceError;

use crate::auth::Actor;
use crate::domain::Permission;

/// The one gate. Deny by default: only what the role table allows passes.
///
/// # Errors
/// [`ServiceError::Forbidden`] naming the roles that may.
pub fn authorize(actor: &Actor, permission: Permission) -> Result<(), ServiceError> {
    if actor.role.allows(permission) {
        Ok(())
    } else {
        tracing::info!(
            operator = %actor.username,
            role = %actor.role,
            "refused: {} needs {permission:?}",
            permission.describe()
        );
        Err(ServiceError::Forbidden { permission })
    }
}
