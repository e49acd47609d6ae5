//! How the first-run screen is drawn.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};

use crate::domain::operator::MIN_PASSWORD_CHARS;
use crate::tui::theme::Theme;
use crate::tui::widgets::form::{Boxed, Form};

pub fn render(frame: &mut Frame, area: Rect, form: &Form, db_label: &str, theme: Theme) {
    let intro = vec![
        Line::from("There is no operator account yet. Create the first administrator;"),
        Line::from("more accounts can be added later with `lms user add`."),
        Line::from(Span::styled(
            format!("Passwords need at least {MIN_PASSWORD_CHARS} characters."),
            theme.muted(),
        )),
        Line::from(vec![
            Span::styled("Database ", theme.label()),
            Span::raw(crate::tui::one_line(db_label)),
        ]),
        Line::default(),
    ];
    let boxed = Boxed {
        title: "lms · first run",
        width: 76,
        intro,
        busy: "creating the account…",
        hint: Form::hint("create", theme),
    };
    form.render_boxed(frame, area, boxed, theme);
}
