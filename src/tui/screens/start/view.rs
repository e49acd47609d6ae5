//! How the start screen is drawn: connecting, and the error when it cannot.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Paragraph, Wrap};

use crate::tui::one_line;
use crate::tui::theme::Theme;
use crate::tui::widgets::dialog;

/// Ticks (120 ms each) after which the wait gets an explanation.
const SLOW_TICKS: u64 = 10;

pub fn connecting(frame: &mut Frame, area: Rect, db_label: &str, ticks: u64, theme: Theme) {
    let mut lines = vec![
        Line::styled("lms · License Management System", theme.title()),
        Line::default(),
        Line::from(format!("Connecting to {} …", one_line(db_label))),
    ];
    if ticks >= SLOW_TICKS {
        // Opening also migrates the schema and expires overdue licenses: the first start
        // after an upgrade builds new indexes, which takes a while on large databases.
        lines.push(Line::styled(
            "Still opening: it also applies schema updates, slow on large databases.",
            theme.muted(),
        ));
    }
    let height = u16::try_from(lines.len())
        .unwrap_or(u16::MAX)
        .saturating_add(2);
    let outer = dialog::centered(area, 76, height);
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
