//! An admin's action on an operator account as the CLI and the Operators tab ask for it:
//! one entry point over `operator_admin` and `passwords::reset`, with the sentence that
//! says what happened.

use super::operators::OperatorSummary;
use super::{ServiceError, operator_admin, passwords};
use crate::auth::{Actor, Secret};
use crate::db::DbConnection;
use crate::domain::Role;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum AccountAction {
    Role(Role),
    Disable,
    Enable,
    Unlock,
    /// A new one-time password, to be changed at the next sign-in.
    ResetPassword,
}

impl AccountAction {
    /// The question asked before it is done.
    #[must_use]
    pub fn question(self, username: &str) -> String {
        match self {
            AccountAction::Role(role) => format!("Make {username} a {role}?"),
            AccountAction::Disable => format!("Disable {username}? They can no longer sign in."),
            AccountAction::Enable => format!("Enable {username} again?"),
            AccountAction::Unlock => format!("Unlock {username} and clear their failed logins?"),
            AccountAction::ResetPassword => format!(
                "Reset the password of {username}? lms makes up a one-time password, shown once."
            ),
        }
    }
}

/// What an action did.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Outcome {
    pub message: String,
    /// After a reset: the one-time password, to be shown once.
    pub one_time: Option<Secret>,
}

/// Does `action` to the account `target` as read (its id and version).
///
/// # Errors
/// Forbidden (needs `ManageOperators`), not found, stale, the last active admin, or
/// database errors.
pub fn apply(
    conn: &mut DbConnection,
    actor: &Actor,
    target: &OperatorSummary,
    action: AccountAction,
) -> Result<Outcome, ServiceError> {
    let (id, v, name) = (target.id, target.version, &target.username);
    let said = |changed: bool, done: String, already: &str| Outcome {
        message: if changed {
            done
        } else {
            format!("{name} {already}; nothing changed")
        },
        one_time: None,
    };
    Ok(match action {
        AccountAction::Role(role) => said(
            operator_admin::set_role(conn, actor, id, v, role)?,
            format!("{name} is now a {role}"),
            "has that role already",
        ),
        AccountAction::Disable => said(
            operator_admin::set_disabled(conn, actor, id, v, true)?,
            format!("disabled {name}"),
            "was disabled already",
        ),
        AccountAction::Enable => said(
            operator_admin::set_disabled(conn, actor, id, v, false)?,
            format!("enabled {name}"),
            "was enabled already",
        ),
        AccountAction::Unlock => said(
            operator_admin::unlock(conn, actor, id, v)?,
            format!("unlocked {name}"),
            "was not locked",
        ),
        AccountAction::ResetPassword => Outcome {
            one_time: Some(Secret::new(passwords::reset(conn, actor, id, v)?)),
            message: format!("reset the password of {name}; they choose a new one at sign-in"),
        },
    })
}
