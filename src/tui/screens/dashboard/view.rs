//! Drawing the Dashboard: key figures on top, then the company table or the charts (`c`).
//! Only the table rows on screen are built.

use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Cell, HighlightSpacing, Paragraph, Row, Table, TableState, Wrap};

use super::{Column, Dashboard, Editing, View, charts};
use crate::report::utilization::output;
use crate::tui::format::{count, grouped};
use crate::tui::one_line;
use crate::tui::theme::Theme;
use crate::tui::widgets::columns;

const HIGHLIGHT: &str = "> ";

pub fn render(frame: &mut Frame, area: Rect, d: &Dashboard, theme: Theme) {
    let figures = figure_lines(d, theme);
    let inner_width = usize::from(area.width.saturating_sub(2)).max(1);
    // Lines wrap; leave the table or charts at least 8 rows.
    let wrapped: usize = figures
        .iter()
        .map(|l| l.width().max(1).div_ceil(inner_width))
        .sum();
    let max_head = area.height.saturating_sub(8).max(3);
    let head = u16::try_from(wrapped + 2).unwrap_or(u16::MAX).min(max_head);
    let input_rows = u16::from(d.editing.is_some());
    let [head_area, input_area, main] = Layout::vertical([
        Constraint::Length(head),
        Constraint::Length(input_rows),
        Constraint::Fill(1),
    ])
    .areas(area);

    let status = if d.loading() { "  loading…" } else { "" };
    let title = match &d.report {
        Some(r) => format!(
            " Dashboard as of {} · {}{status} ",
            r.query.as_of,
            output::window_text(r)
        ),
        None => format!(" Dashboard{status} "),
    };
    let block = Block::bordered()
        .border_style(theme.border())
        .title(Line::styled(title, theme.title()));
    frame.render_widget(
        Paragraph::new(figures)
            .block(block)
            .wrap(Wrap { trim: false }),
        head_area,
    );
    if let Some(what) = d.editing {
        let label = match what {
            Editing::Search => "Search",
            Editing::Filters => "Filters",
        };
        d.input.render(frame, input_area, label, 8, true, theme);
    }
    match (&d.report, d.view) {
        (None, _) => {
            let text = match &d.error {
                Some(e) => Line::styled(format!("error: {}", one_line(e)), theme.error()),
                None => Line::styled("loading the report…", theme.muted()),
            };
            frame.render_widget(Paragraph::new(text), main);
        }
        (Some(r), View::Charts) => charts::render(frame, main, r, theme),
        (Some(_), View::Table) => table(frame, main, d, theme),
    }
}

fn figure(label: &str, value: String, theme: Theme) -> Vec<Span<'static>> {
    vec![
        Span::styled(format!("{label} "), theme.label()),
        Span::raw(value),
        Span::raw("   "),
    ]
}

fn figure_lines(d: &Dashboard, theme: Theme) -> Vec<Line<'static>> {
    let Some(r) = &d.report else {
        return vec![Line::styled(
            format!(
                "as of {} · {} days · filters: {}",
                d.query.as_of,
                d.query.window_days,
                if d.filters_text.is_empty() {
                    "none"
                } else {
                    &d.filters_text
                }
            ),
            theme.muted(),
        )];
    };
    let t = &r.totals;
    let licensed = if t.unlimited_companies > 0 {
        format!(
            "{} + unlimited at {}",
            count(t.licensed_seats),
            count(t.unlimited_companies)
        )
    } else {
        count(t.licensed_seats)
    };
    let avg: Vec<String> = t.average_cost().iter().map(ToString::to_string).collect();
    let mut first = Vec::new();
    first.extend(figure("Licensed", licensed, theme));
    first.extend(figure("Registered", count(t.registered), theme));
    first.extend(figure(
        &format!("Active ({} d)", r.window.days),
        count(t.active),
        theme,
    ));
    let mut middle = Vec::new();
    middle.extend(figure("Active licences", count(t.active_licenses), theme));
    middle.extend(figure("Companies", count(t.companies), theme));
    let mut second = Vec::new();
    second.extend(figure(
        "Over-licensed",
        format!(
            "{} active / {} registered",
            count(t.over_active),
            count(t.over_registered)
        ),
        theme,
    ));
    second.extend(figure(
        &format!("Under-used <{}%", r.query.under_used_pct),
        count(t.under_used),
        theme,
    ));
    second.extend(figure("Idle", count(t.idle), theme));
    let sort = format!(
        "{} {}",
        d.sort.title(),
        if d.descending { "↓" } else { "↑" }
    );
    let mut last = figure("Filters", output::filters_text(r), theme);
    if !d.search.is_empty() {
        last.extend(figure("Search", one_line(&d.search), theme));
    }
    last.extend(figure("Sort", sort, theme));
    vec![
        Line::from(first),
        Line::from(middle),
        Line::from(second),
        Line::from(figure("Revenue", t.revenue.to_string(), theme)),
        Line::from(figure(
            "Avg cost/licence",
            if avg.is_empty() {
                "-".to_owned()
            } else {
                avg.join(" | ")
            },
            theme,
        )),
        Line::from(last),
    ]
}

fn cells(c: &crate::report::utilization::CompanyRow) -> Vec<String> {
    vec![
        one_line(&c.name),
        c.licensed_text(),
        count(c.registered),
        count(c.active),
        c.utilization_text(),
        c.flags.words(),
        c.revenue.to_string(),
    ]
}

fn table(frame: &mut Frame, area: Rect, d: &Dashboard, theme: Theme) {
    let rows = d.rows();
    let total = d.report.as_ref().map_or(0, |r| r.companies.len());
    let block = Block::bordered()
        .border_style(theme.border())
        .title(Line::styled(" Companies ", theme.title()))
        .title_bottom(
            Line::from(format!(
                " {} of {} · s sort · / search · f filters · c charts · ? keys ",
                grouped(rows.len() as u64),
                grouped(total as u64)
            ))
            .right_aligned(),
        );
    let inner = block.inner(area);
    frame.render_widget(block, area);
    let visible = usize::from(inner.height.saturating_sub(1));
    let selected = d.selected.min(rows.len().saturating_sub(1));
    let start = (selected + 1).saturating_sub(visible);
    let shown: Vec<Vec<String>> = rows
        .iter()
        .skip(start)
        .take(visible)
        .map(|c| cells(c))
        .collect();
    let headers: Vec<String> = Column::ALL
        .iter()
        .map(|c| {
            if *c == d.sort {
                format!("{}{}", c.title(), if d.descending { "↓" } else { "↑" })
            } else {
                c.title().to_owned()
            }
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
    let header = Row::new(
        headers
            .iter()
            .take(widths.len())
            .map(|h| Cell::from(h.clone())),
    )
    .style(theme.header());
    let empty = shown.is_empty();
    let body: Vec<Row> = shown
        .into_iter()
        .map(|r| Row::new(r.into_iter().take(widths.len()).map(Cell::from)))
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
        let y = inner.y + 1;
        frame.render_widget(
            Paragraph::new(Line::styled("  (no companies)", theme.muted())),
            Rect::new(inner.x, y, inner.width, 1),
        );
    }
}
