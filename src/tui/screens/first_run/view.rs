//! How the first-run screen is drawn.

use crate::domain::operator::MIN_PASSWORD_CHARS;
use crate::tui::theme::Theme;
use crate::tui::widgets::dialog;
use crate::tui::widgets::form::Form;
use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Paragraph, Wrap};

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
    ];
    let intro_height = u16::try_from(intro.len()).unwrap_or(4).saturating_add(1);
    let height = intro_height.saturating_add(form.height()).saturating_add(3);
    let outer = dialog::centered(area, 76, height);
    let inner = dialog::boxed(frame, outer, "lms · first run", theme);
    frame.render_widget(Paragraph::new(intro).wrap(Wrap { trim: false }), inner);
    let fields = Rect::new(
        inner.x,
        inner.y.saturating_add(intro_height),
        inner.width,
        form.height(),
    );
    form.render(
        frame,
        fields.intersection(inner),
        theme,
        "creating the account…",
    );
    let hint_y = inner.bottom().saturating_sub(1);
    if hint_y >= fields.bottom() {
        let hint = Form::hint("create", theme);
        frame.render_widget(
            Paragraph::new(hint),
            Rect::new(inner.x, hint_y, inner.width, 1),
        );
    }
}
