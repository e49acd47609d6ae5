//! The tab bar: "1 Licenses  2 Companies …", the active tab reversed. When the full titles
//! do not fit, inactive tabs use short ones, then the gaps between tabs shrink to one space,
//! then the active tab is short too. When even that is too wide, the bar shows a window of
//! tabs around the active one, with `‹` and `›` where tabs are hidden.

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
    let spans: Vec<(usize, Span)> = titles
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
            let style = if is_active {
                theme.tab_active()
            } else {
                theme.tab_inactive()
            };
            (i, Span::styled(text, style))
        })
        .collect();
    let (first, last) = window(
        &spans.iter().map(|(_, s)| s.width()).collect::<Vec<_>>(),
        active,
        avail,
    );
    let mut line: Vec<Span> = Vec::new();
    if first > 0 {
        line.push(Span::styled("‹", theme.tab_inactive()));
    }
    line.extend(
        spans
            .into_iter()
            .filter(|(i, _)| (first..=last).contains(i))
            .map(|(_, s)| s),
    );
    if last + 1 < titles.len() {
        line.push(Span::styled("›", theme.tab_inactive()));
    }
    frame.render_widget(Paragraph::new(Line::from(line)), area);
}

/// The first and last tab shown: all of them if they fit, else a window that holds the
/// active tab, leaving a column for each `‹`/`›` marker of hidden tabs.
fn window(widths: &[usize], active: usize, avail: usize) -> (usize, usize) {
    let n = widths.len();
    if n == 0 || widths.iter().sum::<usize>() <= avail {
        return (0, n.saturating_sub(1));
    }
    let active = active.min(n - 1);
    let cost = |first: usize, last: usize| {
        widths[first..=last].iter().sum::<usize>()
            + usize::from(first > 0)
            + usize::from(last + 1 < n)
    };
    let mut first = 0;
    while first < active && cost(first, active) > avail {
        first += 1;
    }
    let mut last = active;
    while last + 1 < n && cost(first, last + 1) <= avail {
        last += 1;
    }
    (first, last)
}

#[cfg(test)]
mod tests {
    use super::window;

    #[test]
    fn the_active_tab_is_always_in_the_window() {
        assert_eq!(window(&[5, 5, 5], 2, 15), (0, 2));
        // 13 tabs of 6 columns in 40: the window follows the active tab.
        let w = [6; 13];
        assert_eq!(window(&w, 0, 40), (0, 5));
        assert_eq!(window(&w, 12, 40), (7, 12));
        let (first, last) = window(&w, 8, 40);
        assert!(first <= 8 && 8 <= last);
    }
}
