//! The list's keys: moving through rows and pages, reloading, sorting, the `/` filter.

use ratatui::crossterm::event::KeyCode;

use crate::tui::keys::{Binding, bind, ch, code, ctrl};

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ListKey {
    Down,
    Up,
    PageDown,
    PageUp,
    First,
    Last,
    Reload,
    SortNext,
    SortPrev,
    SortReverse,
    /// Open the `/` filter prompt.
    Filter,
    /// Drop the filter.
    ClearFilter,
    /// The list related to the selected row, filtered to it (lists with a detail pane).
    Related,
    /// A company's portal users.
    Users,
    /// Open the popup with every currency's total.
    Totals,
    /// Open the export dialog.
    Export,
}

/// Every list.
pub const NAV: &[Binding<ListKey>] = &[
    bind(&[ch('j'), code(KeyCode::Down)], ListKey::Down, "next row"),
    bind(&[ch('k'), code(KeyCode::Up)], ListKey::Up, "previous row"),
    bind(
        &[code(KeyCode::PageDown), ctrl('f')],
        ListKey::PageDown,
        "next page",
    ),
    bind(
        &[code(KeyCode::PageUp), ctrl('b')],
        ListKey::PageUp,
        "previous page",
    ),
    bind(&[ch('g'), code(KeyCode::Home)], ListKey::First, "first row"),
    bind(&[ch('G'), code(KeyCode::End)], ListKey::Last, "last row"),
    bind(
        &[ctrl('r'), code(KeyCode::F(5))],
        ListKey::Reload,
        "reload page and count",
    ),
];

/// Lists that sort by any column.
pub const SORT: &[Binding<ListKey>] = &[
    bind(&[ch('>')], ListKey::SortNext, "sort by the next column"),
    bind(&[ch('<')], ListKey::SortPrev, "sort by the previous column"),
];

/// Lists with a `/` filter.
pub const FILTER: &[Binding<ListKey>] = &[
    bind(&[ch('r')], ListKey::SortReverse, "reverse the sort order"),
    bind(
        &[ch('/')],
        ListKey::Filter,
        "filter, e.g. acme status:active ends:<2027-01-01 (README: Filters)",
    ),
    bind(
        &[code(KeyCode::Esc)],
        ListKey::ClearFilter,
        "clear the filter",
    ),
];

/// Lists with money totals on the bottom line.
pub const TOTALS: &[Binding<ListKey>] = &[bind(
    &[ch('T')],
    ListKey::Totals,
    "all revenue totals, one per currency",
)];

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PopupKey {
    Down,
    Up,
    PageDown,
    PageUp,
    First,
    Last,
    Close,
}

/// The totals popup, while it is open.
pub const TOTALS_POPUP: &[Binding<PopupKey>] = &[
    bind(
        &[ch('j'), code(KeyCode::Down)],
        PopupKey::Down,
        "scroll down",
    ),
    bind(&[ch('k'), code(KeyCode::Up)], PopupKey::Up, "scroll up"),
    bind(
        &[code(KeyCode::PageDown), ctrl('f')],
        PopupKey::PageDown,
        "page down",
    ),
    bind(
        &[code(KeyCode::PageUp), ctrl('b')],
        PopupKey::PageUp,
        "page up",
    ),
    bind(
        &[ch('g'), code(KeyCode::Home)],
        PopupKey::First,
        "first currency",
    ),
    bind(
        &[ch('G'), code(KeyCode::End)],
        PopupKey::Last,
        "last currency",
    ),
    bind(
        &[code(KeyCode::Esc), ch('q'), ch('T')],
        PopupKey::Close,
        "close the totals",
    ),
];

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PromptKey {
    Apply,
    Close,
}

/// The `/` prompt, while it is open: printable keys go to the input.
pub const PROMPT: &[Binding<PromptKey>] = &[
    bind(
        &[code(KeyCode::Enter)],
        PromptKey::Apply,
        "apply the filter",
    ),
    bind(
        &[code(KeyCode::Esc)],
        PromptKey::Close,
        "close the prompt, keeping the filter in force",
    ),
];
