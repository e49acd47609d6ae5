//! How the password screen is drawn.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};

use super::PasswordScreen;
use crate::domain::operator::MIN_PASSWORD_CHARS;
use crate::tui::one_line;
use crate::tui::theme::Theme;
use crate::tui::widgets::form::{Boxed, Form};

pub fn render(frame: &mut Frame, area: Rect, screen: &PasswordScreen, theme: Theme) {
    let why = if screen.forced {
        "Your password was reset by an admin: choose a new one to continue."
    } else {
        "Change your password."
    };
    let intro = vec![
        Line::from(vec![
            Span::styled("Operator ", theme.label()),
            Span::raw(one_line(&screen.username)),
        ]),
        Line::from(why),
        Line::styled(
            format!("Passwords need at least {MIN_PASSWORD_CHARS} characters."),
            theme.muted(),
        ),
        Line::default(),
    ];
    let hint = if screen.forced {
        Form::hint("change", theme)
    } else {
        Line::from(vec![
            Span::styled("Enter", theme.key()),
            Span::raw(" change  "),
            Span::styled("Tab", theme.key()),
            Span::raw(" next field  "),
            Span::styled("Esc Esc", theme.key()),
            Span::raw(" back"),
        ])
    };
    let boxed = Boxed {
        title: "lms · change password",
        width: 72,
        intro,
        busy: "changing the password…",
        hint,
    };
    screen.form.render_boxed(frame, area, boxed, theme);
}
