//! How the sign-in screen is drawn.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};

use crate::tui::theme::Theme;
use crate::tui::widgets::form::{Boxed, Form};

pub fn render(frame: &mut Frame, area: Rect, form: &Form, db_label: &str, theme: Theme) {
    let intro = vec![
        Line::from(vec![
            Span::styled("Database ", theme.label()),
            Span::raw(crate::tui::one_line(db_label)),
        ]),
        Line::default(),
    ];
    let boxed = Boxed {
        title: "lms · sign in",
        width: 64,
        intro,
        busy: "signing in…",
        hint: Form::hint("sign in", theme),
    };
    form.render_boxed(frame, area, boxed, theme);
}
