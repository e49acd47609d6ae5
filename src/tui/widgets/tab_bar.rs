//! The tab bar: "1 Licenses  2 Companies …", the active tab reversed. When the full titles
//! do not fit, inactive tabs use short ones.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;

use crate::tui::theme::Theme;

/// (full title, short title) per tab.
pub fn render(frame: &mut Frame, area: Rect, titles: &[(&str, &str)], active: usize, theme: Theme) {
    let label = |i: usize, t: &str| format!(" {} {t} ", i + 1);
    let width = |short_inactive: bool, short_active: bool| -> usize {
        titles
            .iter()
            .enumerate()
            .map(|(i, (full, short))| {
                let short_here = if i == active {
                    short_active
                } else {
                    short_inactive
                };
                let t = if short_here { short } else { full };
                Span::raw(label(i, t)).width()
            })
            .sum()
    };
    let avail = usize::from(area.width);
    let (short_inactive, short_active) = if width(false, false) <= avail {
        (false, false)
    } else if width(true, false) <= avail {
        (true, false)
    } else {
        (true, true)
    };
    let spans: Vec<Span> = titles
        .iter()
        .enumerate()
        .map(|(i, (full, short))| {
            let is_active = i == active;
            let short_here = if is_active {
                short_active
            } else {
                short_inactive
            };
            let text = label(i, if short_here { short } else { full });
            if is_active {
                Span::styled(text, theme.tab_active())
            } else {
                Span::styled(text, theme.tab_inactive())
            }
        })
        .collect();
    frame.render_widget(Paragraph::new(Line::from(spans)), area);
}
