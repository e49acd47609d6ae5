//! The license workflows' keys: actions on the Licenses and Deployments tabs, and the keys
//! of forms, pickers, menus, confirmations, the history view and inline cell edits.
//! Looked up after `keymap::BINDINGS`, and listed in the help the same way.

use ratatui::crossterm::event::KeyCode;

use super::keymap::{Action, Binding, Scope, bind, ch, code, ctrl};

pub const BINDINGS: &[Binding] = &[
    bind(
        Scope::Licenses,
        &[ch('n')],
        Action::NewLicense,
        "new license",
    ),
    bind(
        Scope::Licenses,
        &[ch('e')],
        Action::EditLicense,
        "edit the license",
    ),
    bind(
        Scope::Licenses,
        &[ch('s')],
        Action::StatusMenu,
        "change the status (refused steps say why)",
    ),
    bind(
        Scope::Licenses,
        &[ch('p')],
        Action::Purchase,
        "record a purchase: new, renewal, expansion",
    ),
    bind(
        Scope::Licenses,
        &[ch('S')],
        Action::ScheduleDeployment,
        "schedule a deployment",
    ),
    bind(
        Scope::Licenses,
        &[ch('h')],
        Action::History,
        "change history",
    ),
    bind(
        Scope::Licenses,
        &[code(KeyCode::Delete)],
        Action::DeleteLicense,
        "delete (a draft without purchases only)",
    ),
    bind(
        Scope::Licenses,
        &[code(KeyCode::Left)],
        Action::CellLeft,
        "cell cursor left",
    ),
    bind(
        Scope::Licenses,
        &[code(KeyCode::Right)],
        Action::CellRight,
        "cell cursor right",
    ),
    bind(
        Scope::Licenses,
        &[code(KeyCode::Enter), ch('i')],
        Action::EditCell,
        "edit the cell in place",
    ),
    bind(
        Scope::Deployments,
        &[ch('s')],
        Action::AdvanceDeployment,
        "move the deployment to its next status",
    ),
    bind(
        Scope::Deployments,
        &[ch('e')],
        Action::EditDeployment,
        "edit the deployment",
    ),
    bind(
        Scope::Editor,
        &[code(KeyCode::Tab), code(KeyCode::Down)],
        Action::NextField,
        "next field",
    ),
    bind(
        Scope::Editor,
        &[code(KeyCode::BackTab), code(KeyCode::Up)],
        Action::PrevField,
        "previous field",
    ),
    bind(
        Scope::Editor,
        &[code(KeyCode::Enter)],
        Action::Submit,
        "save; on a company, product, partner, rep or engineer field: pick one",
    ),
    bind(Scope::Editor, &[ctrl('s')], Action::Save, "save"),
    bind(
        Scope::Editor,
        &[code(KeyCode::Esc)],
        Action::Cancel,
        "close (asks first when there are unsaved changes)",
    ),
    bind(
        Scope::Editor,
        &[ctrl('r')],
        Action::ReloadRecord,
        "after \"changed by …\": reload the record",
    ),
    bind(
        Scope::Picker,
        &[code(KeyCode::Down)],
        Action::Down,
        "next choice",
    ),
    bind(
        Scope::Picker,
        &[code(KeyCode::Up)],
        Action::Up,
        "previous choice",
    ),
    bind(
        Scope::Picker,
        &[code(KeyCode::Enter)],
        Action::Choose,
        "choose ((none) clears an optional one)",
    ),
    bind(
        Scope::Picker,
        &[code(KeyCode::Esc)],
        Action::Cancel,
        "cancel",
    ),
    bind(
        Scope::Menu,
        &[ch('j'), code(KeyCode::Down)],
        Action::Down,
        "next status",
    ),
    bind(
        Scope::Menu,
        &[ch('k'), code(KeyCode::Up)],
        Action::Up,
        "previous status",
    ),
    bind(
        Scope::Menu,
        &[code(KeyCode::Enter)],
        Action::Choose,
        "set this status",
    ),
    bind(
        Scope::Menu,
        &[code(KeyCode::Esc), ch('q')],
        Action::Cancel,
        "cancel",
    ),
    bind(Scope::Confirm, &[ch('y')], Action::Yes, "yes"),
    bind(
        Scope::Confirm,
        &[ch('n'), code(KeyCode::Esc)],
        Action::No,
        "no",
    ),
    bind(
        Scope::History,
        &[ch('j'), code(KeyCode::Down)],
        Action::Down,
        "scroll down",
    ),
    bind(
        Scope::History,
        &[ch('k'), code(KeyCode::Up)],
        Action::Up,
        "scroll up",
    ),
    bind(
        Scope::History,
        &[code(KeyCode::PageDown), ctrl('f')],
        Action::PageDown,
        "page down",
    ),
    bind(
        Scope::History,
        &[code(KeyCode::PageUp), ctrl('b')],
        Action::PageUp,
        "page up",
    ),
    bind(
        Scope::History,
        &[code(KeyCode::Esc), ch('q'), ch('h')],
        Action::Cancel,
        "close",
    ),
    bind(
        Scope::Cell,
        &[code(KeyCode::Enter)],
        Action::Save,
        "save the cell",
    ),
    bind(Scope::Cell, &[code(KeyCode::Esc)], Action::Cancel, "cancel"),
    bind(
        Scope::Overlay,
        &[code(KeyCode::Esc)],
        Action::Cancel,
        "cancel",
    ),
];
