//! Keys as data: one table of (scope, keys, action, description). The handler looks keys up
//! here and the help overlay is generated from the same rows, so they cannot disagree.

use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};

/// Where a binding applies. A screen is a list of scopes, most specific first.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Scope {
    /// Everywhere, including text inputs.
    Global,
    /// The connecting and "cannot open the database" screens.
    Start,
    /// A form with a focused text input: printable keys go to the input.
    Form,
    /// A form with no focused input (after Esc): letters are commands again.
    FormIdle,
    DemoOffer,
    DemoDone,
    /// Every table tab.
    Browse,
    /// The Licenses tab only.
    Licenses,
    /// Tabs with a `/` filter: Licenses, Purchases, Deployments.
    Filterable,
    /// The `/` filter prompt: printable keys go to the input.
    Prompt,
    /// The help overlay.
    Help,
    // License workflows (bindings in `keymap_edit`).
    /// The Deployments tab.
    Deployments,
    /// A license, purchase or deployment form.
    Editor,
    /// A reference picker: printable keys go to its search.
    Picker,
    /// A status menu.
    Menu,
    /// A yes/no question.
    Confirm,
    /// The history view.
    History,
    /// An inline cell edit.
    Cell,
    /// Waiting for the record an action needs.
    Overlay,
    /// The Dashboard tab.
    Dashboard,
    /// The Dashboard's search or filter input.
    DashboardInput,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Action {
    Quit,
    /// Ctrl-C: quit from anywhere.
    ForceQuit,
    Help,
    CloseHelp,
    NextField,
    PrevField,
    Submit,
    Unfocus,
    Yes,
    No,
    Continue,
    NextTab,
    PrevTab,
    /// A number key; the tab is the digit.
    GoTab,
    Down,
    Up,
    PageDown,
    PageUp,
    First,
    Last,
    ToggleDetail,
    Reload,
    SortNext,
    SortPrev,
    SortReverse,
    /// Open the `/` filter prompt.
    Filter,
    /// Drop the filter.
    ClearFilter,
    /// Cycle the "ends within 30/60/90 days" filter.
    Expiring,
    // License workflows (bindings in `keymap_edit`).
    NewLicense,
    EditLicense,
    StatusMenu,
    Purchase,
    ScheduleDeployment,
    History,
    DeleteLicense,
    CellLeft,
    CellRight,
    EditCell,
    AdvanceDeployment,
    EditDeployment,
    Save,
    Cancel,
    ReloadRecord,
    Choose,
    // The Dashboard's.
    WindowUp,
    WindowDown,
    DayBack,
    DayForward,
    Today,
    Search,
    EditFilters,
    ToggleCharts,
    /// The selected company's licenses, on the Licenses tab.
    OpenCompany,
}

/// A key: its code, and whether Ctrl is held. Shift is part of the character (`G`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Key {
    pub code: KeyCode,
    pub ctrl: bool,
}

pub(super) const fn ch(c: char) -> Key {
    Key {
        code: KeyCode::Char(c),
        ctrl: false,
    }
}

pub(super) const fn code(code: KeyCode) -> Key {
    Key { code, ctrl: false }
}

pub(super) const fn ctrl(c: char) -> Key {
    Key {
        code: KeyCode::Char(c),
        ctrl: true,
    }
}

pub struct Binding {
    pub scope: Scope,
    pub keys: &'static [Key],
    pub action: Action,
    pub description: &'static str,
    /// Overrides the label built from `keys` (for "1-9").
    pub label: Option<&'static str>,
}

pub(super) const fn bind(
    scope: Scope,
    keys: &'static [Key],
    action: Action,
    description: &'static str,
) -> Binding {
    Binding {
        scope,
        keys,
        action,
        description,
        label: None,
    }
}

const DIGITS: &[Key] = &[
    ch('1'),
    ch('2'),
    ch('3'),
    ch('4'),
    ch('5'),
    ch('6'),
    ch('7'),
    ch('8'),
    ch('9'),
    ch('0'),
];

pub const BINDINGS: &[Binding] = &[
    bind(
        Scope::Help,
        &[code(KeyCode::Esc), ch('?'), ch('q')],
        Action::CloseHelp,
        "close this help",
    ),
    bind(
        Scope::Help,
        &[ch('j'), code(KeyCode::Down)],
        Action::Down,
        "scroll down",
    ),
    bind(
        Scope::Help,
        &[ch('k'), code(KeyCode::Up)],
        Action::Up,
        "scroll up",
    ),
    bind(
        Scope::Start,
        &[ch('q'), code(KeyCode::Esc)],
        Action::Quit,
        "quit",
    ),
    bind(
        Scope::Form,
        &[code(KeyCode::Tab), code(KeyCode::Down)],
        Action::NextField,
        "next field",
    ),
    bind(
        Scope::Form,
        &[code(KeyCode::BackTab), code(KeyCode::Up)],
        Action::PrevField,
        "previous field",
    ),
    bind(
        Scope::Form,
        &[code(KeyCode::Enter)],
        Action::Submit,
        "submit",
    ),
    bind(
        Scope::Form,
        &[code(KeyCode::Esc)],
        Action::Unfocus,
        "leave the input (then q quits)",
    ),
    bind(Scope::FormIdle, &[ch('?')], Action::Help, "show keys"),
    bind(Scope::FormIdle, &[ch('q')], Action::Quit, "quit"),
    bind(
        Scope::DemoOffer,
        &[ch('y')],
        Action::Yes,
        "load the demo data",
    ),
    bind(
        Scope::DemoOffer,
        &[ch('n'), code(KeyCode::Esc)],
        Action::No,
        "start with an empty database",
    ),
    bind(
        Scope::DemoDone,
        &[code(KeyCode::Enter), code(KeyCode::Esc), ch(' ')],
        Action::Continue,
        "continue",
    ),
    bind(
        Scope::Browse,
        &[ch('j'), code(KeyCode::Down)],
        Action::Down,
        "next row",
    ),
    bind(
        Scope::Browse,
        &[ch('k'), code(KeyCode::Up)],
        Action::Up,
        "previous row",
    ),
    bind(
        Scope::Browse,
        &[code(KeyCode::PageDown), ctrl('f')],
        Action::PageDown,
        "next page",
    ),
    bind(
        Scope::Browse,
        &[code(KeyCode::PageUp), ctrl('b')],
        Action::PageUp,
        "previous page",
    ),
    bind(
        Scope::Browse,
        &[ch('g'), code(KeyCode::Home)],
        Action::First,
        "first row",
    ),
    bind(
        Scope::Browse,
        &[ch('G'), code(KeyCode::End)],
        Action::Last,
        "last row",
    ),
    bind(
        Scope::Browse,
        &[code(KeyCode::Tab)],
        Action::NextTab,
        "next tab",
    ),
    bind(
        Scope::Browse,
        &[code(KeyCode::BackTab)],
        Action::PrevTab,
        "previous tab",
    ),
    Binding {
        scope: Scope::Browse,
        keys: DIGITS,
        action: Action::GoTab,
        description: "go to tab",
        label: Some("1-9 0"),
    },
    bind(
        Scope::Licenses,
        &[ch('d')],
        Action::ToggleDetail,
        "show/hide the detail pane",
    ),
    bind(
        Scope::Licenses,
        &[ch('>')],
        Action::SortNext,
        "sort by the next column",
    ),
    bind(
        Scope::Dashboard,
        &[ch('+'), ch('=')],
        Action::WindowUp,
        "longer activity window (7, 14, 30, 90 days)",
    ),
    bind(
        Scope::Dashboard,
        &[ch('-')],
        Action::WindowDown,
        "shorter activity window",
    ),
    bind(
        Scope::Dashboard,
        &[ch('[')],
        Action::DayBack,
        "reference date a day earlier",
    ),
    bind(
        Scope::Dashboard,
        &[ch(']')],
        Action::DayForward,
        "reference date a day later",
    ),
    bind(
        Scope::Dashboard,
        &[ch('t')],
        Action::Today,
        "reference date today",
    ),
    bind(
        Scope::Dashboard,
        &[ch('>'), ch('s')],
        Action::SortNext,
        "sort by the next column",
    ),
    bind(
        Scope::Dashboard,
        &[ch('<')],
        Action::SortPrev,
        "sort by the previous column",
    ),
    bind(
        Scope::Licenses,
        &[ch('<')],
        Action::SortPrev,
        "sort by the previous column",
    ),
    bind(
        Scope::Filterable,
        &[ch('r')],
        Action::SortReverse,
        "reverse the sort order",
    ),
    bind(
        Scope::Filterable,
        &[ch('/')],
        Action::Filter,
        "filter, e.g. acme status:active ends:<2027-01-01 (README: Filters)",
    ),
    bind(
        Scope::Filterable,
        &[code(KeyCode::Esc)],
        Action::ClearFilter,
        "clear the filter",
    ),
    bind(
        Scope::Licenses,
        &[ch('x')],
        Action::Expiring,
        "expiring soon: ending within 30, 60, 90 days, off",
    ),
    bind(
        Scope::Prompt,
        &[code(KeyCode::Enter)],
        Action::Submit,
        "apply the filter",
    ),
    bind(
        Scope::Prompt,
        &[code(KeyCode::Esc)],
        Action::Unfocus,
        "close the prompt, keeping the filter in force",
    ),
    bind(
        Scope::Dashboard,
        &[ch('r'), ch('S')],
        Action::SortReverse,
        "reverse the sort",
    ),
    bind(
        Scope::Dashboard,
        &[ch('/')],
        Action::Search,
        "search companies (name or flag)",
    ),
    bind(
        Scope::Dashboard,
        &[ch('f')],
        Action::EditFilters,
        "filters: company= partner= status= currency= from= to=",
    ),
    bind(
        Scope::Dashboard,
        &[ch('c')],
        Action::ToggleCharts,
        "charts / table",
    ),
    bind(
        Scope::Dashboard,
        &[code(KeyCode::Enter)],
        Action::OpenCompany,
        "the selected company's licenses",
    ),
    bind(
        Scope::DashboardInput,
        &[code(KeyCode::Enter)],
        Action::Submit,
        "apply",
    ),
    bind(
        Scope::DashboardInput,
        &[code(KeyCode::Esc)],
        Action::Unfocus,
        "close the input (a search is cleared)",
    ),
    bind(
        Scope::Browse,
        &[ctrl('r'), code(KeyCode::F(5))],
        Action::Reload,
        "reload page and count",
    ),
    bind(Scope::Browse, &[ch('?')], Action::Help, "show keys"),
    bind(Scope::Browse, &[ch('q')], Action::Quit, "quit"),
    bind(
        Scope::Global,
        &[code(KeyCode::F(1))],
        Action::Help,
        "show keys",
    ),
    bind(
        Scope::Global,
        &[ctrl('c')],
        Action::ForceQuit,
        "quit from anywhere",
    ),
];

impl Key {
    fn matches(self, event: &KeyEvent) -> bool {
        let ctrl = event.modifiers.contains(KeyModifiers::CONTROL);
        let alt = event.modifiers.contains(KeyModifiers::ALT);
        if alt || ctrl != self.ctrl {
            return false;
        }
        match (self.code, event.code) {
            // Terminals report Ctrl-letters in either case.
            (KeyCode::Char(a), KeyCode::Char(b)) if self.ctrl => a.eq_ignore_ascii_case(&b),
            (a, b) => a == b,
        }
    }

    #[must_use]
    pub fn label(self) -> String {
        let name = match self.code {
            KeyCode::Char(' ') => "Space".to_owned(),
            KeyCode::Char(c) if self.ctrl => c.to_ascii_uppercase().to_string(),
            KeyCode::Char(c) => c.to_string(),
            KeyCode::Down => "↓".to_owned(),
            KeyCode::Up => "↑".to_owned(),
            KeyCode::Left => "←".to_owned(),
            KeyCode::Right => "→".to_owned(),
            KeyCode::PageDown => "PgDn".to_owned(),
            KeyCode::PageUp => "PgUp".to_owned(),
            KeyCode::BackTab => "Shift-Tab".to_owned(),
            KeyCode::F(n) => format!("F{n}"),
            other => other.to_string(),
        };
        if self.ctrl {
            format!("Ctrl-{name}")
        } else {
            name
        }
    }
}

/// Every binding: this table, then the license workflows' table.
fn all() -> impl Iterator<Item = &'static Binding> {
    BINDINGS.iter().chain(super::keymap_edit::BINDINGS)
}

/// The action bound to `event` in the first of `scopes` that binds it.
#[must_use]
pub fn action_for(scopes: &[Scope], event: &KeyEvent) -> Option<Action> {
    scopes.iter().find_map(|scope| {
        all()
            .filter(|b| b.scope == *scope)
            .find(|b| b.keys.iter().any(|k| k.matches(event)))
            .map(|b| b.action)
    })
}

/// The digit of a number key, 1-based, for [`Action::GoTab`].
#[must_use]
pub fn digit(event: &KeyEvent) -> Option<usize> {
    match event.code {
        // `0` is the tenth tab.
        KeyCode::Char('0') => Some(10),
        KeyCode::Char(c) => c.to_digit(10).and_then(|d| usize::try_from(d).ok()),
        _ => None,
    }
}

/// (keys, description) rows for the help overlay of a screen with these scopes.
#[must_use]
pub fn help_rows(scopes: &[Scope]) -> Vec<(String, &'static str)> {
    scopes
        .iter()
        .flat_map(|scope| all().filter(move |b| b.scope == *scope))
        .map(|b| {
            let label = b.label.map_or_else(
                || {
                    b.keys
                        .iter()
                        .map(|k| k.label())
                        .collect::<Vec<_>>()
                        .join(" ")
                },
                str::to_owned,
            );
            (label, b.description)
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn key(code: KeyCode, modifiers: KeyModifiers) -> KeyEvent {
        KeyEvent::new(code, modifiers)
    }

    #[test]
    fn lookup_respects_scope_order_and_modifiers() {
        let browse = [Scope::Licenses, Scope::Browse, Scope::Global];
        let j = key(KeyCode::Char('j'), KeyModifiers::NONE);
        assert_eq!(action_for(&browse, &j), Some(Action::Down));
        assert_eq!(action_for(&[Scope::Form, Scope::Global], &j), None);
        let big_g = key(KeyCode::Char('G'), KeyModifiers::SHIFT);
        assert_eq!(action_for(&browse, &big_g), Some(Action::Last));
        let ctrl_c = key(KeyCode::Char('c'), KeyModifiers::CONTROL);
        assert_eq!(
            action_for(&[Scope::Form, Scope::Global], &ctrl_c),
            Some(Action::ForceQuit)
        );
        let enter = key(KeyCode::Enter, KeyModifiers::NONE);
        assert_eq!(action_for(&browse, &enter), Some(Action::EditCell));
        assert_eq!(action_for(&[Scope::Browse, Scope::Global], &enter), None);
        let back = key(KeyCode::BackTab, KeyModifiers::SHIFT);
        assert_eq!(action_for(&browse, &back), Some(Action::PrevTab));
        assert_eq!(digit(&key(KeyCode::Char('7'), KeyModifiers::NONE)), Some(7));
    }

    #[test]
    fn help_rows_come_from_the_same_table() {
        let rows = help_rows(&[Scope::Browse, Scope::Global]);
        assert!(rows.iter().any(|(k, d)| k == "j ↓" && *d == "next row"));
        assert!(rows.iter().any(|(k, _)| k == "1-9 0"));
        assert!(rows.iter().any(|(k, _)| k == "Ctrl-C"));
        assert!(!rows.iter().any(|(_, d)| d.contains("detail")));
    }
}
