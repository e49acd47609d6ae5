//! Drawing the Performance tab: the view and period on top, the ranking, and the
//! selected row's figures against the previous period below. Only the rows on screen
//! are built into the table.

use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Cell, HighlightSpacing, Paragraph, Row, Table, TableState, Wrap};

use super::table::{self, Column};
use super::{Board, Performance, Report};
use crate::domain::text::{grouped, one_line};
use crate::report::performance::output::converted::{rate_dates, unconverted_text};
use crate::report::performance::output::{amount, change, period_text};
use crate::tui::theme::Theme;
use crate::tui::widgets::columns;

const HIGHLIGHT: &str = "> ";

pub fn render(frame: &mut Frame, area: Rect, p: &Performance, theme: Theme) {
    let lines = p.lines();
    let selected = p.selected.min(lines.len().saturating_sub(1));
    let inner_width = usize::from(area.width.saturating_sub(2)).max(1);
    let detail = lines.get(selected).map(|l| detail_line(l, theme));
    // The detail pane takes what it needs, up to a third of the screen.
    let detail_rows = detail.as_ref().map_or(0, |(_, d)| {
        let wrapped = d.width().max(1).div_ceil(inner_width);
        let cap = usize::from(area.height / 3).max(1);
        u16::try_from(wrapped.min(cap) + 2).unwrap_or(3)
    });
    let converted = converted_line(p, theme);
    let [head, input, main, below] = Layout::vertical([
        Constraint::Length(4 + u16::from(converted.is_some())),
        Constraint::Length(u16::from(p.picking)),
        Constraint::Fill(1),
        Constraint::Length(detail_rows),
    ])
    .areas(area);
    header(frame, head, p, theme, converted);
    if p.picking {
        p.input.render(frame, input, "Period", 8, true, theme);
    }
    if p.report.as_ref().is_none_or(|r| r.board() != p.board) {
        let text = match &p.error {
            Some(e) => Line::styled(format!("error: {}", one_line(e)), theme.error()),
            None => Line::styled("loading the report…", theme.muted()),
        };
        frame.render_widget(Paragraph::new(text), main);
        return;
    }
    ranking(frame, main, p, &lines, selected, theme);
    if let Some((title, text)) = detail {
        let block = Block::bordered()
            .border_style(theme.border())
            .title(Line::styled(format!(" {title} "), theme.title()));
        frame.render_widget(
            Paragraph::new(text).block(block).wrap(Wrap { trim: true }),
            below,
        );
    }
}

/// With a reporting currency: the converted total of the report on screen, what could
/// not be converted and the rate dates used.
fn converted_line(p: &Performance, theme: Theme) -> Option<Line<'static>> {
    let to = p.currency?;
    let conv = p.report.as_ref().and_then(|r| match &**r {
        Report::Sales(o) | Report::Partners(o) if r.board() == p.board => o.conversion.as_ref(),
        Report::Renewals(x) if r.board() == p.board => x.conversion.as_ref(),
        _ => None,
    });
    let mut spans = vec![Span::styled(format!("In {to} "), theme.label())];
    match (conv, p.board) {
        (_, Board::Engineers) => spans.push(Span::raw("(no money in this view)")),
        (None, _) => spans.push(Span::styled("loading…", theme.muted())),
        (Some(c), Board::Renewals) => {
            let s = &c.total.at_stake[2];
            spans.push(Span::raw(format!(
                "ending ≤90 d {} · unconverted {} · {}",
                amount(s.minor, to),
                unconverted_text(s),
                rate_dates(s)
            )));
        }
        (Some(c), _) => {
            let [now, before] = &c.total.bookings;
            spans.push(Span::raw(format!(
                "bookings {} (prev {}, {}) · unconverted {} · {}",
                amount(now.minor, to),
                amount(before.minor, to),
                change(now.minor, before.minor),
                unconverted_text(now),
                rate_dates(now)
            )));
        }
    }
    Some(Line::from(spans))
}

fn header(
    frame: &mut Frame,
    area: Rect,
    p: &Performance,
    theme: Theme,
    converted: Option<Line<'static>>,
) {
    let status = if p.loading() { "  loading…" } else { "" };
    let block = Block::bordered()
        .border_style(theme.border())
        .title(Line::styled(
            format!(" Performance · {}{status} ", p.board.title()),
            theme.title(),
        ));
    let mut views = vec![Span::styled("View ", theme.label())];
    for b in Board::ALL {
        let name = format!(" {} ", b.title());
        views.push(if b == p.board {
            Span::styled(format!("[{}]", name.trim()), theme.tab_active())
        } else {
            Span::styled(name, theme.muted())
        });
    }
    let when = if p.board == Board::Renewals {
        vec![
            Span::styled("Ending within 30, 60, 90 days of ", theme.label()),
            Span::raw(p.as_of.to_string()),
        ]
    } else {
        let previous = p
            .period
            .prev()
            .map_or_else(|_| "-".to_owned(), |v| v.to_string());
        vec![
            Span::styled("Period ", theme.label()),
            Span::raw(period_text(p.period)),
            Span::styled(" vs ", theme.label()),
            Span::raw(previous),
            Span::styled(" · as of ", theme.label()),
            Span::raw(p.as_of.to_string()),
        ]
    };
    let mut lines = vec![Line::from(views), Line::from(when)];
    lines.extend(converted);
    frame.render_widget(Paragraph::new(lines).block(block), area);
}

/// "Label value · Label value …" for the selected row, and whose it is.
fn detail_line(l: &table::Line, theme: Theme) -> (String, Line<'static>) {
    let mut spans = Vec::new();
    for (i, (label, text)) in l.detail.iter().enumerate() {
        if i > 0 {
            spans.push(Span::styled(" · ", theme.muted()));
        }
        spans.push(Span::styled(format!("{label} "), theme.label()));
        spans.push(Span::raw(text.clone()));
    }
    (l.title.clone(), Line::from(spans))
}

fn sort_text(p: &Performance, cols: &[Column]) -> String {
    match p.sort.and_then(|c| cols.get(c)) {
        Some(c) => format!("{} {}", c.title, if p.descending { "↓" } else { "↑" }),
        None => "name".to_owned(),
    }
}

fn ranking(
    frame: &mut Frame,
    area: Rect,
    p: &Performance,
    lines: &[table::Line],
    selected: usize,
    theme: Theme,
) {
    let cols = &p.columns();
    let block = Block::bordered()
        .border_style(theme.border())
        .title(Line::styled(
            format!(" {} · sort {} ", p.board.title(), sort_text(p, cols)),
            theme.title(),
        ))
        .title_bottom(
            Line::from(format!(
                " {} rows · v view · [ ] p period · s sort · Enter open · ? keys ",
                grouped(lines.len() as u64)
            ))
            .right_aligned(),
        );
    let inner = block.inner(area);
    frame.render_widget(block, area);
    let visible = usize::from(inner.height.saturating_sub(1));
    let start = (selected + 1).saturating_sub(visible);
    let shown: Vec<Vec<String>> = lines
        .iter()
        .skip(start)
        .take(visible)
        .map(|l| l.cells.clone())
        .collect();
    let headers: Vec<String> = cols
        .iter()
        .enumerate()
        .map(|(i, c)| match p.sort {
            Some(s) if s == i => format!("{}{}", c.title, if p.descending { "↓" } else { "↑" }),
            _ => c.title.to_string(),
        })
        .collect();
    let header_refs: Vec<&str> = headers.iter().map(String::as_str).collect();
    let highlight = u16::try_from(HIGHLIGHT.len()).unwrap_or(2);
    let widths = columns::fit(
        &header_refs,
        &shown,
        inner.width.saturating_sub(highlight),
        1,
    );
    // Figures right-aligned, sparklines and names left.
    let right = |i: usize| {
        cols.get(i)
            .is_some_and(|c| c.numeric && c.title != "12 months")
    };
    let cell = |i: usize, text: String| {
        let line = Line::from(text);
        Cell::from(if right(i) { line.right_aligned() } else { line })
    };
    let header = Row::new(
        headers
            .into_iter()
            .take(widths.len())
            .enumerate()
            .map(|(i, h)| cell(i, h)),
    )
    .style(theme.header());
    let empty = shown.is_empty();
    let body: Vec<Row> = shown
        .into_iter()
        .map(|r| {
            Row::new(
                r.into_iter()
                    .take(widths.len())
                    .enumerate()
                    .map(|(i, c)| cell(i, c)),
            )
        })
        .collect();
    let t = Table::new(body, widths.iter().map(|w| Constraint::Length(*w)))
        .header(header)
        .column_spacing(1)
        .highlight_symbol(HIGHLIGHT)
        .highlight_spacing(HighlightSpacing::Always)
        .row_highlight_style(theme.selected());
    let mut state = TableState::default().with_selected((!empty).then_some(selected - start));
    frame.render_stateful_widget(t, inner, &mut state);
    if empty && inner.height > 1 {
        frame.render_widget(
            Paragraph::new(Line::styled("  (nothing in this period)", theme.muted())),
            Rect::new(inner.x, inner.y + 1, inner.width, 1),
        );
    }
}
