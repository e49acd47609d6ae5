//! The bottom line: who is logged in, on which database, the latest message, and a
//! loading indicator while requests are in flight.

use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;

use crate::tui::theme::Theme;

/// A message for the operator; errors are drawn prefixed "error:".
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Status {
    pub text: String,
    pub error: bool,
}

impl Status {
    #[must_use]
    pub fn info(text: impl Into<String>) -> Self {
        Status {
            text: text.into(),
            error: false,
        }
    }

    #[must_use]
    pub fn error(text: impl Into<String>) -> Self {
        Status {
            text: text.into(),
            error: true,
        }
    }
}

pub struct StatusBar<'a> {
    /// "admin (admin)" or "not signed in".
    pub who: &'a str,
    /// The backend name, or "connecting…".
    pub database: &'a str,
    pub message: Option<&'a Status>,
    /// Some(frame) while requests are in flight.
    pub busy: Option<u64>,
    /// The key hint on the right ("? help").
    pub hint: &'a str,
}

const SPINNER: [&str; 4] = ["-", "\\", "|", "/"];

/// `text` cut to `width` columns, with an ellipsis when cut.
fn ellipsize(text: &str, width: usize) -> String {
    if Span::raw(text).width() <= width {
        return text.to_owned();
    }
    let mut out = String::new();
    for c in text.chars() {
        if Span::raw(out.as_str()).width() + Span::raw(c.to_string()).width() + 1 > width {
            break;
        }
        out.push(c);
    }
    out.push('…');
    out
}

/// The loading indicator and as many of the key hint's items (separated by two spaces:
/// "? help  q quit") as leave `message_w` columns of `room` to the message. The first
/// item always stays, so a long message is cut rather than hiding how to get help.
fn right_part(busy: &str, hint: &str, room: usize, message_w: usize) -> String {
    let items: Vec<&str> = hint.split("  ").filter(|i| !i.is_empty()).collect();
    // A blank on each side: a cut message does not run into the hint.
    let with = |n: usize| format!(" {busy}{} ", items[..n].join("  "));
    (1..=items.len())
        .rev()
        .map(with)
        .find(|right| message_w + Span::raw(right.as_str()).width() <= room)
        .unwrap_or_else(|| with(items.len().min(1)))
}

pub fn render(frame: &mut Frame, area: Rect, bar: &StatusBar, theme: Theme) {
    let base = theme.status_bar();
    let left = format!(" {} │ {} │ ", bar.who, bar.database);
    let busy = bar.busy.map(|tick| {
        let i = usize::try_from(tick % 4).unwrap_or(0);
        format!("{} loading ", SPINNER[i])
    });
    let message_text = bar.message.map(|m| {
        let prefix = if m.error { "error: " } else { "" };
        format!("{prefix}{}", crate::tui::one_line(&m.text))
    });
    let message_w = message_text.as_deref().map_or(0, |t| Span::raw(t).width());
    let room = usize::from(area.width).saturating_sub(Span::raw(left.as_str()).width());
    let right = right_part(busy.as_deref().unwrap_or(""), bar.hint, room, message_w);
    let left_w = u16::try_from(Span::raw(left.as_str()).width()).unwrap_or(u16::MAX);
    let right_w = u16::try_from(Span::raw(right.as_str()).width()).unwrap_or(u16::MAX);
    let [l, m, r] = Layout::horizontal([
        Constraint::Length(left_w),
        Constraint::Fill(1),
        Constraint::Length(right_w),
    ])
    .areas(area);
    frame.render_widget(Paragraph::new(Line::styled(left, base)).style(base), l);
    let style = match bar.message {
        Some(s) if s.error => base.patch(theme.error()),
        _ => base,
    };
    let text = message_text.unwrap_or_default();
    let message = Line::styled(ellipsize(&text, usize::from(m.width)), style);
    frame.render_widget(Paragraph::new(message).style(base), m);
    frame.render_widget(Paragraph::new(Line::styled(right, base)).style(base), r);
}

#[cfg(test)]
mod tests {
    use ratatui::Terminal;
    use ratatui::backend::TestBackend;

    use super::*;

    fn bottom(width: u16, bar: &StatusBar) -> String {
        let mut terminal = Terminal::new(TestBackend::new(width, 1)).unwrap();
        terminal
            .draw(|f| render(f, f.area(), bar, Theme::plain()))
            .unwrap();
        let buf = terminal.backend().buffer();
        (0..width).map(|x| buf[(x, 0)].symbol()).collect()
    }

    #[test]
    fn the_hint_keeps_what_fits_and_at_least_its_first_item() {
        let long = Status::error("database error: ".to_owned() + &"x".repeat(200));
        let short = Status::info("saved");
        let bar = |message, busy| StatusBar {
            who: "admin (admin)",
            database: "MySQL",
            message,
            busy,
            hint: "? help  q quit",
        };
        let line = bottom(80, &bar(Some(&short), None));
        assert!(line.contains("saved") && line.trim_end().ends_with("? help  q quit"));
        for busy in [None, Some(1)] {
            let line = bottom(80, &bar(Some(&long), busy));
            let line = line.trim_end();
            assert!(line.ends_with("? help"), "{line:?}");
            assert!(line.contains("x…"), "{line:?}");
            assert_eq!(busy.is_some(), line.contains("loading"), "{line:?}");
        }
        // Two items fit beside a message one short of the whole hint.
        assert_eq!(right_part("", "a b  c  d e", 20, 10), " a b  c ");
        assert_eq!(right_part("- loading ", "", 20, 30), " - loading  ");
    }
}
