//! The Operators tab's keys, and those of what opens over it.

use ratatui::crossterm::event::KeyCode;

use crate::tui::keys::{Binding, bind, ch, code};

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum OperatorKey {
    New,
    Role,
    ToggleDisabled,
    Unlock,
    ResetPassword,
}

pub const KEYS: &[Binding<OperatorKey>] = &[
    bind(&[ch('n')], OperatorKey::New, "new operator"),
    bind(&[ch('c')], OperatorKey::Role, "change the role"),
    bind(
        &[ch('d')],
        OperatorKey::ToggleDisabled,
        "disable the account, or enable it again",
    ),
    bind(
        &[ch('u')],
        OperatorKey::Unlock,
        "unlock: clear the lock and failed logins",
    ),
    bind(
        &[ch('p')],
        OperatorKey::ResetPassword,
        "reset the password to a one-time password, shown once",
    ),
];

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum DialogKey {
    Down,
    Up,
    Choose,
    Yes,
    No,
    Close,
}

/// The new-operator form (other keys go to the form: Tab moves, text is typed).
pub const FORM: &[Binding<DialogKey>] = &[
    bind(
        &[code(KeyCode::Enter)],
        DialogKey::Choose,
        "create the operator",
    ),
    bind(&[code(KeyCode::Esc)], DialogKey::Close, "cancel"),
];

/// The role menu.
pub const MENU: &[Binding<DialogKey>] = &[
    bind(
        &[ch('j'), code(KeyCode::Down)],
        DialogKey::Down,
        "next role",
    ),
    bind(
        &[ch('k'), code(KeyCode::Up)],
        DialogKey::Up,
        "previous role",
    ),
    bind(&[code(KeyCode::Enter)], DialogKey::Choose, "give this role"),
    bind(&[code(KeyCode::Esc), ch('q')], DialogKey::Close, "cancel"),
];

/// A yes/no question.
pub const CONFIRM: &[Binding<DialogKey>] = &[
    bind(&[ch('y')], DialogKey::Yes, "yes"),
    bind(&[ch('n'), code(KeyCode::Esc)], DialogKey::No, "no"),
];

/// The one-time password, shown once, or the wait for a record.
pub const CLOSE: &[Binding<DialogKey>] = &[bind(
    &[code(KeyCode::Enter), code(KeyCode::Esc)],
    DialogKey::Close,
    "close",
)];
