//! What opens over the Operators list: its state and its keys.

use super::keys::{self, DialogKey, OperatorKey};
use crate::auth::Secret;
use crate::domain::Role;
use crate::service::account_actions::AccountAction;
use crate::service::operators::OperatorSummary;
use crate::tui::keys::Binding;
use crate::tui::widgets::form::Form;
use crate::tui::widgets::menu::{Menu, MenuItem};

pub const USERNAME: usize = 0;
pub const ROLE: usize = 1;
pub const PASSWORD: usize = 2;
pub const REPEAT: usize = 3;

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Dialog {
    /// Waiting for the account the key acts on.
    Loading { seq: u64, key: OperatorKey },
    /// The new-operator form; its request in flight is the form's.
    Create(Form),
    /// The roles to choose from for an account.
    Roles {
        target: Box<OperatorSummary>,
        menu: Menu,
    },
    /// A question before an action; then its request in flight.
    Confirm {
        target: Box<OperatorSummary>,
        action: AccountAction,
        pending: Option<u64>,
    },
    /// A reset's one-time password, shown this once.
    OneTime { username: String, password: Secret },
}

/// The new-operator form.
#[must_use]
pub fn create_form() -> Form {
    Form::new(&[
        ("Username", false),
        ("Role", false),
        ("Password", true),
        ("Repeat password", true),
    ])
}

/// Every role for `target`, its current one refused.
#[must_use]
pub fn role_menu(target: &OperatorSummary) -> Menu {
    let items = Role::ALL
        .into_iter()
        .map(|r| MenuItem {
            label: r.to_string(),
            refused: (r.as_str() == target.role).then(|| "the current role".to_owned()),
        })
        .collect();
    Menu::new(format!("Role of {}", target.username), items)
}

/// What `key` does to `target` once it is read (the role menu has its own step).
#[must_use]
pub fn opened(key: OperatorKey, target: Box<OperatorSummary>) -> Option<Dialog> {
    let action = match key {
        OperatorKey::Role => {
            let menu = role_menu(&target);
            return Some(Dialog::Roles { target, menu });
        }
        OperatorKey::ToggleDisabled if target.disabled => AccountAction::Enable,
        OperatorKey::ToggleDisabled => AccountAction::Disable,
        OperatorKey::Unlock => AccountAction::Unlock,
        OperatorKey::ResetPassword => AccountAction::ResetPassword,
        OperatorKey::New => return None,
    };
    Some(Dialog::Confirm {
        target,
        action,
        pending: None,
    })
}

impl Dialog {
    #[must_use]
    pub fn keys(&self) -> &'static [Binding<DialogKey>] {
        match self {
            Dialog::Create(_) => keys::FORM,
            Dialog::Roles { .. } => keys::MENU,
            Dialog::Confirm { .. } => keys::CONFIRM,
            Dialog::Loading { .. } | Dialog::OneTime { .. } => keys::CLOSE,
        }
    }

    /// Whether request `seq` is the one this dialog waits for.
    #[must_use]
    pub fn waits_for(&self, seq: u64) -> bool {
        match self {
            Dialog::Loading { seq: s, .. } => *s == seq,
            Dialog::Create(form) => form.pending == Some(seq),
            Dialog::Confirm { pending, .. } => *pending == Some(seq),
            Dialog::Roles { .. } | Dialog::OneTime { .. } => false,
        }
    }

    #[must_use]
    pub fn busy(&self) -> bool {
        match self {
            Dialog::Loading { .. } => true,
            Dialog::Create(form) => form.pending.is_some(),
            Dialog::Confirm { pending, .. } => pending.is_some(),
            Dialog::Roles { .. } | Dialog::OneTime { .. } => false,
        }
    }
}
