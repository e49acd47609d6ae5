//! The Dashboard's keys. Moving through the table uses the lists' keys (`list::keys::NAV`).

use ratatui::crossterm::event::KeyCode;

use crate::tui::keys::{Binding, bind, ch, code};

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum DashboardKey {
    WindowUp,
    WindowDown,
    DayBack,
    DayForward,
    Today,
    SortNext,
    SortPrev,
    SortReverse,
    Search,
    EditFilters,
    ToggleCharts,
    /// The selected company's licenses, on the Licenses tab.
    OpenCompany,
}

pub const KEYS: &[Binding<DashboardKey>] = &[
    bind(
        &[ch('+'), ch('=')],
        DashboardKey::WindowUp,
        "longer activity window (7, 14, 30, 90 days)",
    ),
    bind(
        &[ch('-')],
        DashboardKey::WindowDown,
        "shorter activity window",
    ),
    bind(
        &[ch('[')],
        DashboardKey::DayBack,
        "reference date a day earlier",
    ),
    bind(
        &[ch(']')],
        DashboardKey::DayForward,
        "reference date a day later",
    ),
    bind(&[ch('t')], DashboardKey::Today, "reference date today"),
    bind(
        &[ch('>'), ch('s')],
        DashboardKey::SortNext,
        "sort by the next column",
    ),
    bind(
        &[ch('<')],
        DashboardKey::SortPrev,
        "sort by the previous column",
    ),
    bind(
        &[ch('r'), ch('S')],
        DashboardKey::SortReverse,
        "reverse the sort",
    ),
    bind(
        &[ch('/')],
        DashboardKey::Search,
        "search companies (name or flag)",
    ),
    bind(
        &[ch('f')],
        DashboardKey::EditFilters,
        "filters: company= partner= status= currency= from= to=",
    ),
    bind(&[ch('c')], DashboardKey::ToggleCharts, "charts / table"),
    bind(
        &[code(KeyCode::Enter)],
        DashboardKey::OpenCompany,
        "the selected company's licenses",
    ),
];

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum InputKey {
    Apply,
    Close,
}

/// The search or filter input: printable keys go to it.
pub const INPUT: &[Binding<InputKey>] = &[
    bind(&[code(KeyCode::Enter)], InputKey::Apply, "apply"),
    bind(
        &[code(KeyCode::Esc)],
        InputKey::Close,
        "close the input (a search is cleared)",
    ),
];
