//! The tab bar: "1 Licenses  2 Companies …", the active tab reversed. When the full titles
//! do not fit, inactive tabs use short ones, then the gaps between tabs shrink to one space,
//! then the active tab is short too.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;

use crate::tui::theme::Theme;

/// (full title, short title) per tab.
pub fn render(frame: &mut Frame, area: Rect, titles: &[(&str, &str)], active: usize, theme: Theme) {
    let label = |i: usize, t: &str, tight: bool| {
        if tight {
            format!(" {} {t}", i + 1)
        } else {
            format!(" {} {t} ", i + 1)
        }
    };
    let width = |short_inactive: bool, short_active: bool, tight: bool| -> usize {
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
                Span::raw(label(i, t, tight)).width()
            })
            .sum()
    };
    let avail = usize::from(area.width);
    let (short_inactive, short_active, tight) = [
        (false, false, false),
        (true, false, false),
        (true, false, true),
    ]
    .into_iter()
    .find(|&(si, sa, t)| width(si, sa, t) <= avail)
    .unwrap_or((true, true, true));
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
            let text = label(i, if short_here { short } else { full }, tight);
            if is_active {
                Span::styled(text, theme.tab_active())
            } else {
                Span::styled(text, theme.tab_inactive())
            }
        })
        .collect();
    frame.render_widget(Paragraph::new(Line::from(spans)), area);
}
