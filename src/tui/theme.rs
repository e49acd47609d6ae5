//! Styles. With `NO_COLOR` set (<https://no-color.org>) no colour is used at all; every
//! state that matters (selection, active tab, errors, focus) is also carried by a modifier
//! or by text, so the screen reads the same in monochrome.

use ratatui::style::{Color, Modifier, Style};

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Theme {
    pub color: bool,
}

impl Default for Theme {
    fn default() -> Self {
        Theme { color: true }
    }
}

impl Theme {
    /// Colour unless `NO_COLOR` is set to a non-empty value.
    #[must_use]
    pub fn from_env() -> Self {
        let no_color = std::env::var_os("NO_COLOR").is_some_and(|v| !v.is_empty());
        Theme { color: !no_color }
    }

    /// A theme without colour, as with `NO_COLOR`.
    #[must_use]
    pub fn plain() -> Self {
        Theme { color: false }
    }

    fn fg(self, style: Style, color: Color) -> Style {
        if self.color { style.fg(color) } else { style }
    }

    #[must_use]
    pub fn base(self) -> Style {
        Style::default()
    }

    #[must_use]
    pub fn title(self) -> Style {
        self.fg(Style::default().add_modifier(Modifier::BOLD), Color::Cyan)
    }

    #[must_use]
    pub fn header(self) -> Style {
        self.fg(
            Style::default().add_modifier(Modifier::BOLD | Modifier::UNDERLINED),
            Color::Yellow,
        )
    }

    /// The selected table row: reversed, so it shows without colour too.
    #[must_use]
    pub fn selected(self) -> Style {
        Style::default().add_modifier(Modifier::REVERSED | Modifier::BOLD)
    }

    /// The cell cursor inside the selected row: not reversed, underlined and bold, so it
    /// stands out of the reversed row without colour.
    #[must_use]
    pub fn cell(self) -> Style {
        Style::default()
            .remove_modifier(Modifier::REVERSED)
            .add_modifier(Modifier::UNDERLINED | Modifier::BOLD)
    }

    #[must_use]
    pub fn tab_active(self) -> Style {
        Style::default().add_modifier(Modifier::REVERSED | Modifier::BOLD)
    }

    #[must_use]
    pub fn tab_inactive(self) -> Style {
        self.fg(Style::default(), Color::Gray)
    }

    #[must_use]
    pub fn muted(self) -> Style {
        if self.color {
            Style::default().fg(Color::DarkGray)
        } else {
            Style::default().add_modifier(Modifier::DIM)
        }
    }

    /// Errors are always prefixed with "error:" as well.
    #[must_use]
    pub fn error(self) -> Style {
        self.fg(Style::default().add_modifier(Modifier::BOLD), Color::Red)
    }

    #[must_use]
    pub fn ok(self) -> Style {
        self.fg(Style::default(), Color::Green)
    }

    #[must_use]
    pub fn key(self) -> Style {
        self.fg(Style::default().add_modifier(Modifier::BOLD), Color::Cyan)
    }

    #[must_use]
    pub fn label(self) -> Style {
        self.fg(Style::default(), Color::Gray)
    }

    /// A focused input field: bold label and a `>` marker, not only colour.
    #[must_use]
    pub fn focused(self) -> Style {
        self.fg(Style::default().add_modifier(Modifier::BOLD), Color::Yellow)
    }

    /// The value area of a text input: underlined, so it shows without colour.
    #[must_use]
    pub fn input(self) -> Style {
        Style::default().add_modifier(Modifier::UNDERLINED)
    }

    #[must_use]
    pub fn border(self) -> Style {
        self.fg(Style::default(), Color::DarkGray)
    }

    #[must_use]
    pub fn border_focused(self) -> Style {
        self.fg(Style::default(), Color::Cyan)
    }

    #[must_use]
    pub fn status_bar(self) -> Style {
        if self.color {
            Style::default().bg(Color::DarkGray).fg(Color::White)
        } else {
            Style::default()
        }
    }
}
