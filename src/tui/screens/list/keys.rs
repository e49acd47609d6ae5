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
