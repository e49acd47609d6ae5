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
    let full = format!("{}{} ", busy.as_deref().unwrap_or(""), bar.hint);
    // A message has the room before the key hint does.
    let room = usize::from(area.width).saturating_sub(Span::raw(left.as_str()).width());
    let right = if message_w + Span::raw(full.as_str()).width() <= room {
        full
    } else {
        busy.unwrap_or_default()
    };
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
