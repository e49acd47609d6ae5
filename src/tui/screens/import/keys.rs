//! The Import screen's keys, one table per step.

use ratatui::crossterm::event::KeyCode;

use crate::tui::keys::{Binding, bind, ch, code, ctrl};

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ImportKey {
    Next,
    Prev,
    Change,
    Open,
    Close,
    Down,
    Up,
    PageDown,
    PageUp,
    Pick,
    Skip,
    DryRun,
    Cancel,
    Import,
    Back,
}

pub const FILE: &[Binding<ImportKey>] = &[
    bind(
        &[code(KeyCode::Tab), code(KeyCode::Down)],
        ImportKey::Next,
        "next field",
    ),
    bind(
        &[code(KeyCode::BackTab), code(KeyCode::Up)],
        ImportKey::Prev,
        "previous field",
    ),
    bind(
        &[ch(' '), code(KeyCode::Right), code(KeyCode::Left)],
        ImportKey::Change,
        "change the choice",
    ),
    bind(
        &[code(KeyCode::Enter)],
        ImportKey::Open,
        "read the file's columns",
    ),
    bind(&[code(KeyCode::Esc)], ImportKey::Close, "back to the lists"),
];

pub const MAPPING: &[Binding<ImportKey>] = &[
    bind(
        &[ch('j'), code(KeyCode::Down)],
        ImportKey::Down,
        "next column",
    ),
    bind(
        &[ch('k'), code(KeyCode::Up)],
        ImportKey::Up,
        "previous column",
    ),
    bind(
        &[code(KeyCode::Enter), ch('e')],
        ImportKey::Pick,
        "choose the field the column feeds",
    ),
    bind(
        &[ch('x'), code(KeyCode::Delete)],
        ImportKey::Skip,
        "skip the column",
    ),
    bind(
        &[ch('d')],
        ImportKey::DryRun,
        "dry run: what the import would do",
    ),
    bind(&[code(KeyCode::Esc)], ImportKey::Back, "back to the file"),
];

pub const PICKER: &[Binding<ImportKey>] = &[
    bind(
        &[ch('j'), code(KeyCode::Down)],
        ImportKey::Down,
        "next field",
    ),
    bind(
        &[ch('k'), code(KeyCode::Up)],
        ImportKey::Up,
        "previous field",
    ),
    bind(&[code(KeyCode::Enter)], ImportKey::Pick, "feed this field"),
    bind(&[code(KeyCode::Esc)], ImportKey::Back, "keep the field"),
];

pub const RUNNING: &[Binding<ImportKey>] = &[bind(
    &[code(KeyCode::Esc), ctrl('c')],
    ImportKey::Cancel,
    "cancel: nothing is written",
)];

const SCROLL_DOWN: &[crate::tui::keys::Key] = &[ch('j'), code(KeyCode::Down)];
const SCROLL_UP: &[crate::tui::keys::Key] = &[ch('k'), code(KeyCode::Up)];

pub const DRY_REPORT: &[Binding<ImportKey>] = &[
    bind(
        &[ch('i')],
        ImportKey::Import,
        "import: the same run, written",
    ),
    bind(SCROLL_DOWN, ImportKey::Down, "scroll down"),
    bind(SCROLL_UP, ImportKey::Up, "scroll up"),
    bind(&[code(KeyCode::PageDown)], ImportKey::PageDown, "page down"),
    bind(&[code(KeyCode::PageUp)], ImportKey::PageUp, "page up"),
    bind(
        &[code(KeyCode::Esc)],
        ImportKey::Back,
        "back to the mapping",
    ),
];

pub const REPORT: &[Binding<ImportKey>] = &[
    bind(
        &[code(KeyCode::Enter), code(KeyCode::Esc)],
        ImportKey::Close,
        "back to the lists",
    ),
    bind(SCROLL_DOWN, ImportKey::Down, "scroll down"),
    bind(SCROLL_UP, ImportKey::Up, "scroll up"),
    bind(&[code(KeyCode::PageDown)], ImportKey::PageDown, "page down"),
    bind(&[code(KeyCode::PageUp)], ImportKey::PageUp, "page up"),
];
