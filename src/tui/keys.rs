//! Keys as data. Every screen and widget owns a table of [`Binding`]s over its own action
//! enum; the handler looks keys up there and the `?` help is generated from the same rows,
//! so they cannot disagree. The router's own keys (help, quit, tabs) are here too.

use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};

/// A key: its code, and whether Ctrl is held. Shift is part of the character (`G`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Key {
    pub code: KeyCode,
    pub ctrl: bool,
}

#[must_use]
pub const fn ch(c: char) -> Key {
    Key {
        code: KeyCode::Char(c),
        ctrl: false,
    }
}

#[must_use]
pub const fn code(code: KeyCode) -> Key {
    Key { code, ctrl: false }
}

#[must_use]
pub const fn ctrl(c: char) -> Key {
    Key {
        code: KeyCode::Char(c),
        ctrl: true,
    }
}

/// Keys bound to an action of type `A`, with the help text.
pub struct Binding<A: 'static> {
    pub keys: &'static [Key],
    pub action: A,
    pub description: &'static str,
    /// Overrides the label built from `keys` (for "1-9 0").
    pub label: Option<&'static str>,
}

#[must_use]
pub const fn bind<A>(keys: &'static [Key], action: A, description: &'static str) -> Binding<A> {
    Binding {
        keys,
        action,
        description,
        label: None,
    }
}

/// One line of the help: the keys and what they do.
pub type HelpRow = (String, &'static str);

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

/// The action `event` is bound to in `table`.
#[must_use]
pub fn lookup<A: Copy>(table: &[Binding<A>], event: &KeyEvent) -> Option<A> {
    table
        .iter()
        .find(|b| b.keys.iter().any(|k| k.matches(event)))
        .map(|b| b.action)
}

/// The help rows of `table`, in its order.
#[must_use]
pub fn help<A>(table: &[Binding<A>]) -> Vec<HelpRow> {
    table
        .iter()
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

/// The digit of a number key, 1-based (`0` is the tenth), for going to a tab.
#[must_use]
pub fn digit(event: &KeyEvent) -> Option<usize> {
    match event.code {
        KeyCode::Char('0') => Some(10),
        KeyCode::Char(c) => c.to_digit(10).and_then(|d| usize::try_from(d).ok()),
        _ => None,
    }
}

/// The router's actions: what every screen shares.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Global {
    Help,
    Quit,
    /// Ctrl-C: quit from anywhere, text inputs included.
    ForceQuit,
    NextTab,
    PrevTab,
    /// A number key; the tab is the digit.
    GoTab,
    /// Change one's own password.
    Password,
    /// The Import screen, for the list on screen (else licenses).
    Import,
}

/// Which of the router's keys a screen leaves to it (beyond [`ALWAYS`]).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum RouterKeys {
    /// A text input or dialog has the keys: only F1 and Ctrl-C.
    None,
    /// `?` help and `q` quit.
    Commands,
    /// Those and the tab keys.
    Tabs,
}

/// Keys that work everywhere, text inputs included.
pub const ALWAYS: &[Binding<Global>] = &[
    bind(&[code(KeyCode::F(1))], Global::Help, "show keys"),
    bind(&[ctrl('c')], Global::ForceQuit, "quit from anywhere"),
];

pub const COMMANDS: &[Binding<Global>] = &[
    bind(&[ch('?')], Global::Help, "show keys"),
    bind(&[ch('q')], Global::Quit, "quit"),
];

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

pub const TABS: &[Binding<Global>] = &[
    bind(&[code(KeyCode::Tab)], Global::NextTab, "next tab"),
    bind(&[code(KeyCode::BackTab)], Global::PrevTab, "previous tab"),
    Binding {
        keys: DIGITS,
        action: Global::GoTab,
        description: "go to tab",
        label: Some("1-9 0"),
    },
    bind(&[ctrl('p')], Global::Password, "change your password"),
    bind(&[ch('I')], Global::Import, IMPORT_HELP),
];

/// The help row of the import key, greyed for a role that may not import.
pub const IMPORT_HELP: &str = "import a CSV file into this list (or licenses)";

/// The help overlay's own keys.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum HelpKey {
    Close,
    Down,
    Up,
}

pub const HELP: &[Binding<HelpKey>] = &[
    bind(
        &[code(KeyCode::Esc), ch('?'), ch('q')],
        HelpKey::Close,
        "close this help",
    ),
    bind(
        &[ch('j'), code(KeyCode::Down)],
        HelpKey::Down,
        "scroll down",
    ),
    bind(&[ch('k'), code(KeyCode::Up)], HelpKey::Up, "scroll up"),
];

/// The router's keys for a screen that leaves it `level`, in lookup order.
#[must_use]
pub fn router_tables(level: RouterKeys) -> Vec<&'static [Binding<Global>]> {
    match level {
        RouterKeys::None => vec![ALWAYS],
        RouterKeys::Commands => vec![COMMANDS, ALWAYS],
        RouterKeys::Tabs => vec![TABS, COMMANDS, ALWAYS],
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn key(code: KeyCode, modifiers: KeyModifiers) -> KeyEvent {
        KeyEvent::new(code, modifiers)
    }

    #[test]
    fn lookup_respects_modifiers() {
        let j = key(KeyCode::Char('j'), KeyModifiers::NONE);
        assert_eq!(lookup(HELP, &j), Some(HelpKey::Down));
        assert_eq!(lookup(COMMANDS, &j), None);
        let ctrl_c = key(KeyCode::Char('C'), KeyModifiers::CONTROL);
        assert_eq!(lookup(ALWAYS, &ctrl_c), Some(Global::ForceQuit));
        let alt_q = key(KeyCode::Char('q'), KeyModifiers::ALT);
        assert_eq!(lookup(COMMANDS, &alt_q), None);
        let back = key(KeyCode::BackTab, KeyModifiers::SHIFT);
        assert_eq!(lookup(TABS, &back), Some(Global::PrevTab));
        assert_eq!(digit(&key(KeyCode::Char('7'), KeyModifiers::NONE)), Some(7));
        assert_eq!(
            digit(&key(KeyCode::Char('0'), KeyModifiers::NONE)),
            Some(10)
        );
    }

    #[test]
    fn help_rows_come_from_the_same_table() {
        let rows = help(TABS);
        assert!(rows.iter().any(|(k, _)| k == "1-9 0"));
        assert!(
            rows.iter()
                .any(|(k, d)| k == "Shift-Tab" && *d == "previous tab")
        );
        let rows = help(ALWAYS);
        assert!(rows.iter().any(|(k, _)| k == "Ctrl-C"));
    }
}
