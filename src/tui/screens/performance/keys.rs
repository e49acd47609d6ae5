//! The Performance tab's keys. Moving through the table uses the lists' keys
//! (`list::keys::NAV`); sorting uses the same keys as the lists and the Dashboard.

use ratatui::crossterm::event::KeyCode;

use crate::tui::keys::{Binding, bind, ch, code};

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PerformanceKey {
    NextBoard,
    PrevBoard,
    PeriodBack,
    PeriodForward,
    PickPeriod,
    ThisPeriod,
    SortNext,
    SortPrev,
    SortReverse,
    /// The selected rep's or partner's licences, the engineer's deployments.
    Open,
    /// The selected engineer's overdue deployments.
    Overdue,
    /// The next reporting currency with rates, "off" first.
    Currency,
}

pub const KEYS: &[Binding<PerformanceKey>] = &[
    bind(
        &[ch('v')],
        PerformanceKey::NextBoard,
        "next view: sales reps, partners, engineers, renewals",
    ),
    bind(&[ch('V')], PerformanceKey::PrevBoard, "previous view"),
    bind(&[ch('[')], PerformanceKey::PeriodBack, "previous period"),
    bind(&[ch(']')], PerformanceKey::PeriodForward, "next period"),
    bind(
        &[ch('p')],
        PerformanceKey::PickPeriod,
        "pick a period: month, quarter, year, 2026-07, 2026-Q3, 2026, from..to",
    ),
    bind(
        &[ch('t')],
        PerformanceKey::ThisPeriod,
        "the period holding today",
    ),
    bind(
        &[ch('>'), ch('s')],
        PerformanceKey::SortNext,
        "sort by the next column",
    ),
    bind(
        &[ch('<')],
        PerformanceKey::SortPrev,
        "sort by the previous column",
    ),
    bind(
        &[ch('r'), ch('S')],
        PerformanceKey::SortReverse,
        "reverse the sort",
    ),
    bind(
        &[code(KeyCode::Enter)],
        PerformanceKey::Open,
        "the rep's or partner's licenses, the engineer's deployments",
    ),
    bind(
        &[ch('o')],
        PerformanceKey::Overdue,
        "the engineer's overdue deployments: planned, scheduled before the as-of date",
    ),
    bind(
        &[ch('c')],
        PerformanceKey::Currency,
        "reporting currency: off, then each one with exchange rates (for this session)",
    ),
];

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum InputKey {
    Apply,
    Close,
}

/// The period prompt: printable keys go to it.
pub const INPUT: &[Binding<InputKey>] = &[
    bind(&[code(KeyCode::Enter)], InputKey::Apply, "use this period"),
    bind(
        &[code(KeyCode::Esc)],
        InputKey::Close,
        "close the prompt, keep the period",
    ),
];
