//! How a list is drawn: only the rows that fit are built, the position ("row X of N")
//! and the money totals on the bottom border; the detail pane beside or below the table
//! for lists that have one ([`super::pane_view`]).

use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Cell, HighlightSpacing, Paragraph, Row, Table, TableState};

use super::export::HINT;
use super::paging::TabState;
use super::{List, Totals, pane_view};
use crate::domain::text::{Align, display_width, pad, sanitize};
use crate::tui::format::{self, one_line};
use crate::tui::theme::Theme;
use crate::tui::widgets::{columns, dialog};

const HIGHLIGHT: &str = "> ";
#[allow(clippy::cast_possible_truncation)]
const HIGHLIGHT_WIDTH: u16 = HIGHLIGHT.len() as u16;

/// What the totals are: the matching purchases' revenue, or the last purchases' of the
/// licenses under an "expiring" filter.
fn totals_what(list: &List) -> &'static str {
    if list.spec.totals == Totals::WhenExpiring {
        "last-purchase revenue"
    } else {
        "revenue"
    }
}

/// Revenue per currency (never summed across currencies) of what the filter matches, as
/// shown: one amount per currency.
fn totals_parts(list: &List) -> Option<Vec<String>> {
    let totals = list.tab.totals.as_ref()?;
    if totals.is_empty() {
        return None;
    }
    Some(
        totals
            .iter()
            .map(|t| format::money(t.revenue_minor, &t.currency))
            .collect(),
    )
}

/// The totals for the bottom border in `room` columns: every currency when they fit;
/// else as many as fit, then how many more and the key that lists them all. Never cut.
#[must_use]
pub fn totals_line(what: &str, parts: &[String], room: usize) -> Option<String> {
    let all = format!(" {what} {} ", parts.join(" · "));
    if display_width(&all) <= room {
        return Some(all);
    }
    (0..parts.len())
        .rev()
        .map(|shown| {
            let more = parts.len() - shown;
            let hint = format!("+{} more · T totals", format::grouped(more as u64));
            if shown == 0 {
                format!(" {what} {hint} ")
            } else {
                format!(" {what} {} · {hint} ", parts[..shown].join(" · "))
            }
        })
        .chain(std::iter::once(" T totals ".to_owned()))
        .find(|line| display_width(line) <= room)
}

#[must_use]
pub fn position_text(tab: &TabState) -> String {
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

/// The position, and the export key (greyed for a role that may not export).
fn bottom_right(list: &List, theme: Theme) -> Line<'static> {
    let mut spans = vec![Span::raw(format!(" {} ", position_text(&list.tab)))];
    if list.exports() {
        let style = if list.export.allowed {
            theme.key()
        } else {
            theme.muted()
        };
        spans.extend([Span::raw("· "), Span::styled(HINT, style), Span::raw(" ")]);
    }
    Line::from(spans)
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
    if let Some(first) = list.totals_popup {
        totals_popup(frame, area, list, first, theme);
    }
    super::export::render(frame, area, list, theme);
}

/// Every currency's total, one a line, amounts aligned; scrolled to line `first`.
pub fn totals_popup(frame: &mut Frame, area: Rect, list: &List, top: usize, theme: Theme) {
    let parts = totals_parts(list).unwrap_or_default();
    let title = format!(
        "{} · {} currencies",
        if list.spec.totals == Totals::WhenExpiring {
            "Last-purchase revenue"
        } else {
            "Revenue"
        },
        format::grouped(parts.len() as u64)
    );
    let amount_width = parts.iter().map(|p| display_width(p)).max().unwrap_or(0);
    let lines: Vec<Line> = match (&list.tab.totals, list.tab.totals_seq) {
        (_, Some(_)) | (None, None) => vec![Line::styled("loading…", theme.muted())],
        (Some(_), None) if parts.is_empty() => {
            vec![Line::styled("nothing matches: no totals", theme.muted())]
        }
        _ => parts
            .iter()
            .map(|p| Line::raw(pad(p, amount_width, Align::Right)))
            .collect(),
    };
    let width = u16::try_from(amount_width.max(display_width(&title)) + 6).unwrap_or(u16::MAX);
    let height = u16::try_from(lines.len() + 3).unwrap_or(u16::MAX);
    let outer = dialog::centered(area, width.max(36), height);
    let inner = dialog::boxed(frame, outer, &title, theme);
    let [body, foot] = Layout::vertical([Constraint::Fill(1), Constraint::Length(1)]).areas(inner);
    let shown = usize::from(body.height).max(1);
    let top = top.min(lines.len().saturating_sub(shown));
    let bottom = (top + shown).min(lines.len());
    let body_lines: Vec<Line> = lines.into_iter().skip(top).take(shown).collect();
    frame.render_widget(Paragraph::new(body_lines), body);
    let position = if parts.len() > shown {
        format!(
            "{}-{} of {} · ",
            format::grouped(top as u64 + 1),
            format::grouped(bottom as u64),
            format::grouped(parts.len() as u64)
        )
    } else {
        String::new()
    };
    frame.render_widget(
        Paragraph::new(Line::styled(
            format!("{position}j/k scroll · Esc closes"),
            theme.muted(),
        )),
        foot,
    );
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
        .title_bottom(bottom_right(list, theme).right_aligned());
    // The totals get what the position leaves of the bottom border, never overlapping it:
    // the currencies that fit, and `T` for all of them.
    let hint = if list.exports() { HINT.len() + 3 } else { 0 };
    let room =
        usize::from(area.width).saturating_sub(display_width(&position_text(tab)) + hint + 6);
    let block = match totals_parts(list).and_then(|p| totals_line(totals_what(list), &p, room)) {
        Some(t) => block.title_bottom(Line::styled(t, theme.muted()).left_aligned()),
        None => block,
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
