//! The keys of what opens over a list: forms, pickers, menus, confirmations, the history
//! and inline cell edits. Printable keys not bound here go to the focused input.

use ratatui::crossterm::event::KeyCode;

use crate::tui::keys::{Binding, bind, ch, code, ctrl};

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum OverlayKey {
    NextField,
    PrevField,
    Submit,
    Save,
    Cancel,
    ReloadRecord,
    Down,
    Up,
    PageDown,
    PageUp,
    Choose,
    Yes,
    No,
}

/// A license, purchase or deployment form.
pub const EDITOR: &[Binding<OverlayKey>] = &[
    bind(
        &[code(KeyCode::Tab), code(KeyCode::Down)],
        OverlayKey::NextField,
        "next field",
    ),
    bind(
        &[code(KeyCode::BackTab), code(KeyCode::Up)],
        OverlayKey::PrevField,
        "previous field",
    ),
    bind(
        &[code(KeyCode::Enter)],
        OverlayKey::Submit,
        "save; on a company, product, partner, rep or engineer field: pick one",
    ),
    bind(&[ctrl('s')], OverlayKey::Save, "save"),
    bind(
        &[code(KeyCode::Esc)],
        OverlayKey::Cancel,
        "close (asks first when there are unsaved changes)",
    ),
    bind(
        &[ctrl('r')],
        OverlayKey::ReloadRecord,
        "after \"changed by …\": reload the record",
    ),
];

/// A reference picker: printable keys go to its search.
pub const PICKER: &[Binding<OverlayKey>] = &[
    bind(&[code(KeyCode::Down)], OverlayKey::Down, "next choice"),
    bind(&[code(KeyCode::Up)], OverlayKey::Up, "previous choice"),
    bind(
        &[code(KeyCode::Enter)],
        OverlayKey::Choose,
        "choose ((none) clears an optional one)",
    ),
    bind(&[code(KeyCode::Esc)], OverlayKey::Cancel, "cancel"),
];

/// A status menu.
pub const MENU: &[Binding<OverlayKey>] = &[
    bind(
        &[ch('j'), code(KeyCode::Down)],
        OverlayKey::Down,
        "next status",
    ),
    bind(
        &[ch('k'), code(KeyCode::Up)],
        OverlayKey::Up,
        "previous status",
    ),
    bind(
        &[code(KeyCode::Enter)],
        OverlayKey::Choose,
        "set this status",
    ),
    bind(&[code(KeyCode::Esc), ch('q')], OverlayKey::Cancel, "cancel"),
];

/// A yes/no question.
pub const CONFIRM: &[Binding<OverlayKey>] = &[
    bind(&[ch('y')], OverlayKey::Yes, "yes"),
    bind(&[ch('n'), code(KeyCode::Esc)], OverlayKey::No, "no"),
];

/// The history view.
pub const HISTORY: &[Binding<OverlayKey>] = &[
    bind(
        &[ch('j'), code(KeyCode::Down)],
        OverlayKey::Down,
        "scroll down",
    ),
    bind(&[ch('k'), code(KeyCode::Up)], OverlayKey::Up, "scroll up"),
    bind(
        &[code(KeyCode::PageDown), ctrl('f')],
        OverlayKey::PageDown,
        "page down",
    ),
    bind(
        &[code(KeyCode::PageUp), ctrl('b')],
        OverlayKey::PageUp,
        "page up",
    ),
    bind(
        &[code(KeyCode::Esc), ch('q'), ch('h')],
        OverlayKey::Cancel,
        "close",
    ),
];

/// An inline cell edit.
pub const CELL: &[Binding<OverlayKey>] = &[
    bind(&[code(KeyCode::Enter)], OverlayKey::Save, "save the cell"),
    bind(&[code(KeyCode::Esc)], OverlayKey::Cancel, "cancel"),
];

/// Waiting for the record an action needs.
pub const LOADING: &[Binding<OverlayKey>] =
    &[bind(&[code(KeyCode::Esc)], OverlayKey::Cancel, "cancel")];
