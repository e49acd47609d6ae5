//! The Timeline tab's own keys. The license list's keys (`/`, sort, `j`/`k`, PgDn, `G`)
//! and the license workflows (`e`, `p`, `s`, `S`, `n`, `x`, `d`) follow them, through the
//! Licenses tab's component.

use ratatui::crossterm::event::KeyCode;

use crate::tui::keys::{Binding, bind, ch, code};

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TimelineKey {
    ZoomIn,
    ZoomOut,
    Earlier,
    Later,
    ScreenEarlier,
    ScreenLater,
    Today,
    Group,
    Open,
    History,
}

pub const KEYS: &[Binding<TimelineKey>] = &[
    bind(
        &[ch('+'), ch('=')],
        TimelineKey::ZoomIn,
        "zoom in: year, quarter, month, week, day",
    ),
    bind(&[ch('-'), ch('_')], TimelineKey::ZoomOut, "zoom out"),
    bind(
        &[ch('h'), code(KeyCode::Left)],
        TimelineKey::Earlier,
        "earlier by one column",
    ),
    bind(
        &[ch('l'), code(KeyCode::Right)],
        TimelineKey::Later,
        "later by one column",
    ),
    bind(
        &[ch('H')],
        TimelineKey::ScreenEarlier,
        "earlier by a screen",
    ),
    bind(&[ch('L')], TimelineKey::ScreenLater, "later by a screen"),
    bind(&[ch('t')], TimelineKey::Today, "centre on today"),
    bind(
        &[ch('g')],
        TimelineKey::Group,
        "group by company (coverage and its lapses) / back to licenses",
    ),
    bind(
        &[code(KeyCode::Enter)],
        TimelineKey::Open,
        "open the license (a company: its licenses)",
    ),
    bind(
        &[ch('v')],
        TimelineKey::History,
        "the license's change history",
    ),
];
