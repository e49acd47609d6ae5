//! How a list is drawn: only the rows that fit are built, the position ("row X of N")
//! and the money totals on the bottom border; the detail pane beside or below the table
//! for lists that have one ([`super::pane_view`]).

use ratatui::Frame;
use ratatui::layout::{Constraint, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Cell, HighlightSpacing, Paragraph, Row, Table, TableState};

use super::paging::TabState;
use super::{List, Totals, pane_view};
use crate::domain::text::sanitize;
use crate::tui::format::{self, one_line};
use crate::tui::theme::Theme;
use crate::tui::widgets::columns;

const HIGHLIGHT: &str = "> ";
#[allow(clippy::cast_possible_truncation)]
const HIGHLIGHT_WIDTH: u16 = HIGHLIGHT.len() as u16;

/// Revenue per currency (never summed across currencies) of what the filter matches:
/// the purchases, or the licenses' last purchases under an "expiring" filter.
fn totals_text(list: &List) -> Option<String> {
    let tab = &list.tab;
    let totals = tab.totals.as_ref()?;
    if totals.is_empty() {
        return None;
    }
    let parts: Vec<String> = totals
        .iter()
        .map(|t| format::money(t.revenue_minor, &t.currency))
        .collect();
    let what = if list.spec.totals == Totals::WhenExpiring {
        "last-purchase revenue"
    } else {
        "revenue"
    };
    Some(format!(" {what} {} ", parts.join(" · ")))
}

fn position_text(tab: &TabState) -> String {
    let n = |v: Option<u64>| v.map_or_else(|| "…".to_owned(), format::grouped);
    match tab.position() {
        (None, Some(0)) if !tab.query.filter.is_empty() => "no matching rows".to_owned(),
        (None, Some(0)) => "no rows".to_owned(),
        (None, _) if tab.page.as_ref().is_some_and(|p| p.rows.is_empty()) => "no rows".to_owned(),
        (row, total) if tab.query.filter.is_empty() => {
            format!("row {} of {}", n(row), n(total))
        }
        (row, total) => format!("row {} of {} matching", n(row), n(total)),
    }
}

/// The column headers, the sorted one marked with its direction (lists that sort).
fn headers(list: &List) -> Vec<String> {
    let (tab, sorts) = (&list.tab, list.spec.arrow);
    list.spec
        .columns
        .iter()
        .enumerate()
        .map(|(i, h)| {
            if sorts && i == tab.query.sort.column {
                let arrow = if tab.query.sort.descending {
                    '↓'
                } else {
                    '↑'
                };
                format!("{h} {arrow}")
            } else {
                (*h).to_owned()
            }
        })
        .collect()
}

/// The list in `area`: title (with the filter), headers, the rows on screen, the
/// position and totals on the bottom border; the `/` prompt over the title while open;
/// the detail pane, when the list has one, in its part of `area`.
pub fn render(frame: &mut Frame, area: Rect, list: &List, cell: Option<usize>, theme: Theme) {
    let (area, pane) = pane_view::areas(area, list);
    render_table(frame, area, list, cell, theme);
    if let Some(pane) = pane {
        pane_view::render(frame, pane, list, theme);
    }
    if let Some(prompt) = &list.prompt {
        // On the table's top border, where the title was.
        let line = Rect::new(
            area.x.saturating_add(1),
            area.y,
            area.width.saturating_sub(2),
            1,
        );
        prompt.render(frame, line, "filter /", 8, true, theme);
    }
}

fn render_table(frame: &mut Frame, area: Rect, list: &List, cell: Option<usize>, theme: Theme) {
    let tab = &list.tab;
    let mut title = vec![Span::styled(
        format!(" {} ", list.spec.title),
        theme.title(),
    )];
    if !tab.filter_text.is_empty() {
        title.push(Span::styled(
            format!("/ {} ", one_line(&tab.filter_text)),
            theme.focused(),
        ));
    }
    let title = Line::from(title);
    let block = Block::bordered()
        .border_style(theme.border())
        .title(title)
        .title_bottom(Line::from(format!(" {} ", position_text(tab))).right_aligned());
    // The totals get what the position leaves of the bottom border; cut, never overlapped.
    let room = usize::from(area.width).saturating_sub(position_text(tab).chars().count() + 6);
    let block = match totals_text(list) {
        Some(t) if room > 12 => {
            let t = if t.chars().count() > room {
                let mut cut: String = t.chars().take(room - 2).collect();
                cut.push_str("… ");
                cut
            } else {
                t
            };
            block.title_bottom(Line::styled(t, theme.muted()).left_aligned())
        }
        _ => block,
    };
    let inner = block.inner(area);
    frame.render_widget(block, area);
    let Some(Visible {
        headers,
        start,
        rows,
        widths,
    }) = visible(list, inner)
    else {
        let text = match &tab.error {
            Some(e) => error_line(e, theme),
            None => Line::styled("loading…", theme.muted()),
        };
        frame.render_widget(Paragraph::new(text), inner);
        return;
    };
    let header = Row::new(
        headers
            .iter()
            .take(widths.len())
            .map(|h| Cell::from(sanitize(h).into_owned())),
    )
    .style(theme.header());
    let body: Vec<Row> = rows
        .into_iter()
        .map(|cells| Row::new(cells.into_iter().take(widths.len()).map(Cell::from)))
        .collect();
    let empty = body.is_empty();
    let table = Table::new(body, widths.iter().map(|w| Constraint::Length(*w)))
        .header(header)
        .column_spacing(1)
        .highlight_symbol(HIGHLIGHT)
        .highlight_spacing(HighlightSpacing::Always)
        .row_highlight_style(theme.selected())
        .cell_highlight_style(theme.cell());
    let mut state = TableState::default()
        .with_selected(Some(tab.selected.saturating_sub(start)))
        .with_selected_column(cell);
    frame.render_stateful_widget(table, inner, &mut state);
    // Errors with a page on screen go to the status bar; an empty list says so.
    let y = inner.y.saturating_add(1);
    if empty && y < inner.bottom() {
        let text = match &tab.error {
            Some(e) => error_line(e, theme),
            None if tab.query.filter.is_empty() => {
                Line::styled(format!("  {}", list.spec.empty), theme.muted())
            }
            None => Line::styled(
                "  nothing matches the filter — Esc clears it",
                theme.muted(),
            ),
        };
        frame.render_widget(Paragraph::new(text), Rect::new(inner.x, y, inner.width, 1));
    }
}

/// Where column `column` of the selected row is drawn in a list drawn in `area` (for
/// the inline edit).
#[must_use]
pub fn cell_area(area: Rect, list: &List, column: usize) -> Option<Rect> {
    let (table, _) = pane_view::areas(area, list);
    let inner = Block::bordered().inner(table);
    let Visible { start, widths, .. } = visible(list, inner)?;
    let width = *widths.get(column)?;
    let before: u16 = widths.iter().take(column).map(|w| w + 1).sum();
    let row = u16::try_from(list.tab.selected.saturating_sub(start)).ok()?;
    let r = Rect::new(
        inner.x + HIGHLIGHT_WIDTH + before,
        inner.y + 1 + row,
        width,
        1,
    );
    Some(r.intersection(inner))
}

/// The rows that fit `inner` (a page is one screen, but a resize may shrink it), as
/// shown, with the headers and the column widths they need.
struct Visible {
    headers: Vec<String>,
    /// Index in the page of the first row shown.
    start: usize,
    rows: Vec<Vec<String>>,
    widths: Vec<u16>,
}

fn visible(list: &List, inner: Rect) -> Option<Visible> {
    let tab = &list.tab;
    let page = tab.page.as_ref()?;
    let fit = usize::from(inner.height.saturating_sub(1));
    let start = (tab.selected + 1).saturating_sub(fit);
    let rows: Vec<Vec<String>> = page
        .rows
        .iter()
        .skip(start)
        .take(fit)
        .map(|r| r.cells.iter().map(|c| one_line(&format::cell(c))).collect())
        .collect();
    let headers = headers(list);
    let names: Vec<&str> = headers.iter().map(String::as_str).collect();
    let widths = columns::fit(
        &names,
        &rows,
        inner.width.saturating_sub(HIGHLIGHT_WIDTH),
        1,
    );
    Some(Visible {
        headers,
        start,
        rows,
        widths,
    })
}

#[must_use]
pub fn error_line(e: &str, theme: Theme) -> Line<'static> {
    Line::from(vec![
        Span::styled("error: ", theme.error()),
        Span::styled(one_line(e), theme.error()),
    ])
}
