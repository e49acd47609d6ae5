//! The first frame, drawn before the database is open, and the error when it cannot be.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Paragraph, Wrap};

use crate::tui::one_line;
use crate::tui::theme::Theme;
use crate::tui::widgets::dialog;

pub fn connecting(frame: &mut Frame, area: Rect, db_label: &str, theme: Theme) {
    let lines = vec![
        Line::styled("lms · License Management System", theme.title()),
        Line::default(),
        Line::from(format!("Connecting to {} …", one_line(db_label))),
    ];
    let outer = dialog::centered(area, 76, 5);
    let inner = dialog::boxed(frame, outer, "lms", theme);
    frame.render_widget(Paragraph::new(lines).wrap(Wrap { trim: false }), inner);
}

pub fn failed(frame: &mut Frame, area: Rect, db_label: &str, error: &str, theme: Theme) {
    let lines = vec![
        Line::from(format!("Database {}", one_line(db_label))),
        Line::default(),
        Line::from(vec![
            Span::styled("error: ", theme.error()),
            Span::styled(one_line(error), theme.error()),
        ]),
        Line::default(),
        Line::from(vec![Span::styled("q", theme.key()), Span::raw(" to quit")]),
    ];
    let outer = dialog::centered(area, 76, 10);
    let inner = dialog::boxed(frame, outer, "lms · cannot open the database", theme);
    frame.render_widget(Paragraph::new(lines).wrap(Wrap { trim: false }), inner);
}
