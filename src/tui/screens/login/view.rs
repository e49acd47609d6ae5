//! How the sign-in screen is drawn.

use crate::tui::theme::Theme;
use crate::tui::widgets::dialog;
use crate::tui::widgets::form::Form;
use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;

pub fn render(frame: &mut Frame, area: Rect, form: &Form, db_label: &str, theme: Theme) {
    let height = form.height().saturating_add(5);
    let outer = dialog::centered(area, 64, height);
    let inner = dialog::boxed(frame, outer, "lms · sign in", theme);
    let intro = vec![
        Line::from(vec![
            Span::styled("Database ", theme.label()),
            Span::raw(crate::tui::one_line(db_label)),
        ]),
        Line::default(),
    ];
    frame.render_widget(Paragraph::new(intro), inner);
    let fields = Rect::new(
        inner.x,
        inner.y.saturating_add(2),
        inner.width,
        form.height(),
    );
    form.render(frame, fields.intersection(inner), theme, "signing in…");
    let hint_y = inner.bottom().saturating_sub(1);
    if hint_y > fields.y {
        let hint = Form::hint("sign in", theme);
        frame.render_widget(
            Paragraph::new(hint),
            Rect::new(inner.x, hint_y, inner.width, 1),
        );
    }
}
