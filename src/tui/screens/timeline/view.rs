//! How the Timeline tab is drawn: the chart in a bordered block (its title says the
//! rows, the filter and the dates in view), the license's detail pane beside or below it
//! (not in the grouped view), and an open form or menu on top.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Paragraph};

use super::TimelineScreen;
use crate::tui::format::{self, one_line};
use crate::tui::screens::View;
use crate::tui::screens::editing::overlay::{self, Table};
use crate::tui::screens::licenses::{detail, view as licenses_view};
use crate::tui::screens::list::view::{error_line, position_text, totals_popup};
use crate::tui::widgets::timeline::{Chart, bar_rows};

/// The bordered chart and, when shown, the detail pane.
fn areas(area: Rect, s: &TimelineScreen) -> (Rect, Option<Rect>) {
    licenses_view::areas(area, s.licenses.detail.visible && !s.grouped)
}

/// Where the chart itself is drawn (inside the border).
#[must_use]
pub fn chart_inner(area: Rect, s: &TimelineScreen) -> Rect {
    Block::bordered().inner(areas(area, s).0)
}

/// "Today" is within the expiring filter's window, or 30 days without one.
fn expiring_days(s: &TimelineScreen) -> u32 {
    s.licenses
        .list
        .tab
        .query
        .filter
        .terms
        .iter()
        .find_map(|t| match t {
            crate::domain::filter::Term::Expiring(d) => Some(*d),
            _ => None,
        })
        .unwrap_or(30)
}

pub fn render(frame: &mut Frame, area: Rect, s: &TimelineScreen, view: &View) {
    let theme = view.theme;
    let (outer, pane) = areas(area, s);
    let scale = s.scale(area);
    let (from, to) = scale.dates();
    let tab = if s.grouped {
        &s.groups
    } else {
        &s.licenses.list.tab
    };
    let what = if s.grouped {
        " Timeline · companies "
    } else {
        " Timeline · licenses "
    };
    let mut title = vec![Span::styled(what, theme.title())];
    let filter = &s.licenses.list.tab.filter_text;
    if !filter.is_empty() {
        title.push(Span::styled(
            format!("/ {} ", one_line(filter)),
            theme.focused(),
        ));
    }
    title.push(Span::styled(
        format!(
            "· {} – {} · {} ",
            format::date(from),
            format::date(to),
            scale.zoom
        ),
        theme.muted(),
    ));
    let block = Block::bordered()
        .border_style(theme.border())
        .title(Line::from(title))
        .title_bottom(Line::from(format!(" {} ", position_text(tab))).right_aligned());
    let inner = block.inner(outer);
    frame.render_widget(block, outer);
    let rows = s.rows();
    let heading = if s.grouped {
        "Company (licenses)"
    } else {
        "License  Company"
    };
    let chart = Chart {
        scale,
        rows: &rows,
        selected: Some(tab.selected),
        today: view.today,
        expiring_days: expiring_days(s),
        theme,
        heading,
    };
    frame.render_widget(chart, inner);
    // Nothing to draw yet, or nothing at all: say so where the first bar would be.
    if rows.is_empty() {
        let text = match (&tab.error, &tab.page) {
            (Some(e), _) => error_line(e, theme),
            (None, None) => Line::styled("loading…", theme.muted()),
            (None, Some(_)) if filter.is_empty() => Line::styled(
                "  no licenses yet — n adds one (on this tab or Licenses)",
                theme.muted(),
            ),
            (None, Some(_)) => Line::styled(
                "  nothing matches the filter — Esc clears it",
                theme.muted(),
            ),
        };
        let y = inner.y + crate::tui::widgets::timeline::HEADER_ROWS;
        if y < inner.bottom() && bar_rows(inner.height) > 0 {
            frame.render_widget(Paragraph::new(text), Rect::new(inner.x, y, inner.width, 1));
        }
    }
    if let Some(pane) = pane {
        let selected = s.licenses.list.tab.selected_row().map(|r| {
            let key = r.cells.first().map(format::cell).unwrap_or_default();
            (r.id, key)
        });
        let selected = selected.as_ref().map(|(id, key)| (*id, key.as_str()));
        detail::render(frame, pane, &s.licenses.detail, selected, theme, view.today);
    }
    let list = &s.licenses.list;
    if let Some(prompt) = &list.prompt {
        let line = Rect::new(outer.x + 1, outer.y, outer.width.saturating_sub(2), 1);
        prompt.render(frame, line, "filter /", 8, true, theme);
    }
    if let Some(first) = list.totals_popup {
        totals_popup(frame, outer, list, first, theme);
    }
    if let Some(o) = &s.licenses.overlay {
        let on = Table {
            area: outer,
            cell: None,
            label: "License",
        };
        overlay::render(frame, view.body, o, on, theme);
    }
}
