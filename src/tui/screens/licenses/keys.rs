//! The Licenses tab's own keys (the list's follow them).

use ratatui::crossterm::event::KeyCode;

use crate::tui::keys::{Binding, bind, ch, code};

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum LicenseKey {
    ToggleDetail,
    /// Cycle the "ends within 30/60/90 days" filter.
    Expiring,
    New,
    Edit,
    StatusMenu,
    Purchase,
    ScheduleDeployment,
    History,
    Delete,
    CellLeft,
    CellRight,
    EditCell,
}

pub const KEYS: &[Binding<LicenseKey>] = &[
    bind(
        &[ch('d')],
        LicenseKey::ToggleDetail,
        "show/hide the detail pane",
    ),
    bind(
        &[ch('x')],
        LicenseKey::Expiring,
        "expiring soon: ending within 30, 60, 90 days, off",
    ),
    bind(&[ch('n')], LicenseKey::New, "new license"),
    bind(&[ch('e')], LicenseKey::Edit, "edit the license"),
    bind(
        &[ch('s')],
        LicenseKey::StatusMenu,
        "change the status (refused steps say why)",
    ),
    bind(
        &[ch('p')],
        LicenseKey::Purchase,
        "record a purchase: new, renewal, expansion",
    ),
    bind(
        &[ch('S')],
        LicenseKey::ScheduleDeployment,
        "schedule a deployment",
    ),
    bind(&[ch('h')], LicenseKey::History, "change history"),
    bind(
        &[code(KeyCode::Delete)],
        LicenseKey::Delete,
        "delete (a draft without purchases only)",
    ),
    bind(
        &[code(KeyCode::Left)],
        LicenseKey::CellLeft,
        "cell cursor left",
    ),
    bind(
        &[code(KeyCode::Right)],
        LicenseKey::CellRight,
        "cell cursor right",
    ),
    bind(
        &[code(KeyCode::Enter), ch('i')],
        LicenseKey::EditCell,
        "edit the cell in place",
    ),
];
