//! The `?` overlay: the keys of the screen underneath, generated from its key tables and
//! the router's.

use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;

use crate::tui::keys::HelpRow;
use crate::tui::theme::Theme;
use crate::tui::widgets::dialog;

/// Draws the help; the rows whose description is in `greyed` are dimmed (the operator's
/// role may not use them).
pub fn render(
    frame: &mut Frame,
    area: Rect,
    screen: &str,
    rows: &[HelpRow],
    greyed: &[&str],
    scroll: u16,
    theme: Theme,
) {
    let key_width = rows
        .iter()
        .map(|(k, _)| Span::raw(k.as_str()).width())
        .max()
        .unwrap_or(0)
        .max(4);
    let mut lines: Vec<Line> = rows
        .iter()
        .map(|(keys, what)| {
            if greyed.contains(what) {
                return Line::styled(
                    format!("{keys:<key_width$}  {what} (not for your role)"),
                    theme.muted(),
                );
            }
            Line::from(vec![
                Span::styled(format!("{keys:<key_width$}  "), theme.key()),
                Span::raw(*what),
            ])
        })
        .collect();
    lines.push(Line::default());
    let all = u16::try_from(lines.len() + 1).unwrap_or(u16::MAX);
    // Taller than the screen: j/k scroll, and the last line says so.
    let fits = all.saturating_add(2) <= area.height;
    lines.push(Line::styled(
        if fits {
            "Esc, ? or q closes this help"
        } else {
            "j/k scroll · Esc, ? or q closes this help"
        },
        theme.muted(),
    ));
    let scroll = if fits {
        0
    } else {
        scroll.min(all.saturating_add(2).saturating_sub(area.height))
    };
    let height = u16::try_from(lines.len())
        .unwrap_or(u16::MAX)
        .saturating_add(2);
    let width = lines
        .iter()
        .map(Line::width)
        .max()
        .map_or(40, |w| u16::try_from(w).unwrap_or(u16::MAX))
        .saturating_add(4)
        .max(40);
    let outer = dialog::centered(area, width, height);
    let inner = dialog::boxed(frame, outer, &format!("Keys · {screen}"), theme);
    // The closing line stays in view whatever the scroll.
    let closing = lines.pop().unwrap_or_default();
    let [body, last] = Layout::vertical([Constraint::Fill(1), Constraint::Length(1)]).areas(inner);
    frame.render_widget(Paragraph::new(lines).scroll((scroll, 0)), body);
    frame.render_widget(Paragraph::new(closing), last);
}
