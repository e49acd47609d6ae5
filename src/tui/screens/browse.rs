//! The main screen: a tab bar over `Entity::ALL`, one paged table per tab, and the license
//! detail pane on the Licenses tab. Only the rows on screen are fetched and built.

use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Cell, HighlightSpacing, Paragraph, Row, Table, TableState};

use super::dashboard::{self, Dashboard};
use super::detail;
use super::overlay::Overlay;
use crate::db::queries::licenses::LicenseDetail;
use crate::domain::text::sanitize;
use crate::service::browse::Entity;
use crate::tui::paging::TabState;
use crate::tui::theme::Theme;
use crate::tui::widgets::input::TextInput;
use crate::tui::widgets::{columns, tab_bar};

/// From this width on, the detail pane sits right of the table.
pub const WIDE: u16 = 150;
/// Width of the pane on the right.
pub const DETAIL_WIDTH: u16 = 56;
/// Height of the pane below the table.
pub const DETAIL_HEIGHT: u16 = 10;
const HIGHLIGHT: &str = "> ";

#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct DetailPane {
    pub visible: bool,
    /// The license asked for, and the request in flight.
    pub want: Option<i64>,
    pub seq: Option<u64>,
    pub detail: Option<Box<LicenseDetail>>,
    pub error: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Browse {
    pub tabs: Vec<TabState>,
    /// `tabs.len()` is the Dashboard, the tab after the lists.
    pub active: usize,
    pub detail: DetailPane,
    /// The `/` filter prompt of the active tab, while it is open.
    pub prompt: Option<TextInput>,
    /// A form, menu, picker or view over the list (license workflows).
    pub overlay: Option<Box<Overlay>>,
    /// The license list's cell cursor (a column), once ←/→ moved it.
    pub cell: Option<usize>,
    /// Boxed: it would make `Screen::Main` much larger than the other screens.
    pub dashboard: Box<Dashboard>,
}

impl Default for Browse {
    /// For tests: the Dashboard's reference date is 1970-01-01 until set.
    fn default() -> Self {
        Browse::new(chrono::NaiveDate::default())
    }
}

impl Browse {
    #[must_use]
    pub fn new(today: chrono::NaiveDate) -> Self {
        Browse {
            tabs: Entity::ALL.into_iter().map(TabState::new).collect(),
            active: 0,
            detail: DetailPane {
                visible: true,
                ..DetailPane::default()
            },
            prompt: None,
            overlay: None,
            cell: None,
            dashboard: Box::new(Dashboard::new(today)),
        }
    }

    /// The list tabs and the Dashboard.
    #[must_use]
    pub fn tab_count(&self) -> usize {
        self.tabs.len() + 1
    }

    #[must_use]
    pub fn on_dashboard(&self) -> bool {
        self.active == self.tabs.len()
    }

    #[must_use]
    pub fn entity(&self) -> Entity {
        self.tabs
            .get(self.active)
            .map_or(Entity::Licenses, |t| t.entity)
    }

    #[must_use]
    pub fn tab(&self) -> Option<&TabState> {
        self.tabs.get(self.active)
    }

    pub fn tab_mut(&mut self) -> Option<&mut TabState> {
        self.tabs.get_mut(self.active)
    }

    /// Whether the detail pane is part of the layout now.
    #[must_use]
    pub fn shows_detail(&self) -> bool {
        !self.on_dashboard() && self.entity() == Entity::Licenses && self.detail.visible
    }
}

/// Tab titles for narrow terminals.
#[must_use]
pub fn short_title(entity: Entity) -> &'static str {
    match entity {
        Entity::Licenses => "Lic",
        Entity::Companies => "Co",
        Entity::Partners => "Ptnr",
        Entity::SalesReps => "Reps",
        Entity::Purchases => "Purch",
        Entity::Deployments => "Deploy",
        Entity::Engineers => "Eng",
        Entity::PortalUsers => "Users",
        Entity::Activity => "Log",
    }
}

/// The parts of the main screen's body: tab bar, table, detail pane.
#[must_use]
pub fn areas(body: Rect, with_detail: bool) -> (Rect, Rect, Option<Rect>) {
    let [tabs, rest] = Layout::vertical([Constraint::Length(1), Constraint::Fill(1)]).areas(body);
    if !with_detail {
        return (tabs, rest, None);
    }
    if rest.width >= WIDE {
        let [table, pane] =
            Layout::horizontal([Constraint::Fill(1), Constraint::Length(DETAIL_WIDTH)]).areas(rest);
        (tabs, table, Some(pane))
    } else {
        let [table, pane] =
            Layout::vertical([Constraint::Fill(1), Constraint::Length(DETAIL_HEIGHT)]).areas(rest);
        (tabs, table, Some(pane))
    }
}

/// Rows the table shows in `table` (inside the border, below the header): the page limit.
#[must_use]
pub fn visible_rows(table: Rect) -> u16 {
    table.height.saturating_sub(3)
}

/// The page size for a body of this size.
#[must_use]
pub fn page_limit(body: Rect, with_detail: bool) -> usize {
    let (_, table, _) = areas(body, with_detail);
    usize::from(visible_rows(table).max(1))
}

pub fn render(
    frame: &mut Frame,
    body: Rect,
    browse: &Browse,
    theme: Theme,
    today: chrono::NaiveDate,
) {
    let (tabs_area, table_area, pane) = areas(body, browse.shows_detail());
    let mut titles: Vec<(&str, &str)> = browse
        .tabs
        .iter()
        .map(|t| (t.entity.title(), short_title(t.entity)))
        .collect();
    titles.push(("Dashboard", "Dash"));
    tab_bar::render(frame, tabs_area, &titles, browse.active, theme);
    if browse.on_dashboard() {
        dashboard::view::render(frame, table_area, &browse.dashboard, theme);
        return;
    }
    if let Some(tab) = browse.tab() {
        let cell = browse.cell.filter(|_| tab.entity == Entity::Licenses);
        render_table(frame, table_area, tab, cell, theme);
        if let Some(prompt) = &browse.prompt {
            // On the table's top border, where the title was.
            let line = Rect::new(
                table_area.x.saturating_add(1),
                table_area.y,
                table_area.width.saturating_sub(2),
                1,
            );
            prompt.render(frame, line, "filter /", 8, true, theme);
        }
        if let Some(pane) = pane {
            let selected = tab
                .selected_row()
                .map(|r| (r.id, r.cells.first().map_or("", String::as_str)));
            detail::render(frame, pane, &browse.detail, selected, theme, today);
        }
    }
}

/// 1234567 as "1,234,567".
fn grouped(n: u64) -> String {
    let digits = n.to_string();
    let mut out = String::with_capacity(digits.len() + digits.len() / 3);
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push(',');
        }
        out.push(c);
    }
    out
}

/// Revenue per currency (never summed across currencies) of what the filter matches:
/// the purchases, or the licenses' last purchases under an "expiring" filter.
fn totals_text(tab: &TabState) -> Option<String> {
    let totals = tab.totals.as_ref()?;
    if totals.is_empty() {
        return None;
    }
    let parts: Vec<String> = totals
        .iter()
        .map(|t| crate::db::queries::format::money(t.revenue_minor, &t.currency))
        .collect();
    let what = if tab.entity == Entity::Licenses {
        "last-purchase revenue"
    } else {
        "revenue"
    };
    Some(format!(" {what} {} ", parts.join(" · ")))
}

fn position_text(tab: &TabState) -> String {
    let n = |v: Option<u64>| v.map_or_else(|| "…".to_owned(), grouped);
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
fn headers(tab: &TabState) -> Vec<String> {
    let sorts = matches!(tab.entity, Entity::Licenses | Entity::Purchases);
    tab.entity
        .columns()
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

fn render_table(frame: &mut Frame, area: Rect, tab: &TabState, cell: Option<usize>, theme: Theme) {
    let mut title = vec![Span::styled(
        format!(" {} ", tab.entity.title()),
        theme.title(),
    )];
    if !tab.filter_text.is_empty() {
        title.push(Span::styled(
            format!("/ {} ", crate::tui::one_line(&tab.filter_text)),
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
    let block = match totals_text(tab) {
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
    let header_text = headers(tab);
    let headers: Vec<&str> = header_text.iter().map(String::as_str).collect();
    let Some(page) = &tab.page else {
        let text = match &tab.error {
            Some(e) => error_line(e, theme),
            None => Line::styled("loading…", theme.muted()),
        };
        frame.render_widget(Paragraph::new(text), inner);
        return;
    };
    // Only the rows that fit are built (a page is one screen, but a resize may shrink it).
    let visible = usize::from(inner.height.saturating_sub(1));
    let start = (tab.selected + 1).saturating_sub(visible);
    let rows: Vec<Vec<String>> = page
        .rows
        .iter()
        .skip(start)
        .take(visible)
        .map(|r| r.cells.iter().map(|c| crate::tui::one_line(c)).collect())
        .collect();
    let highlight_width = u16::try_from(HIGHLIGHT.len()).unwrap_or(2);
    let widths = columns::fit(
        &headers,
        &rows,
        inner.width.saturating_sub(highlight_width),
        1,
    );
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
            None => Line::styled("  (no rows)", theme.muted()),
        };
        frame.render_widget(Paragraph::new(text), Rect::new(inner.x, y, inner.width, 1));
    }
}

/// Where column `column` of the selected row is drawn (for the inline edit).
#[must_use]
pub fn cell_area(body: Rect, browse: &Browse, tab: &TabState, column: usize) -> Option<Rect> {
    let (_, table, _) = areas(body, browse.shows_detail());
    let inner = Block::bordered().inner(table);
    let page = tab.page.as_ref()?;
    let visible = usize::from(inner.height.saturating_sub(1));
    let start = (tab.selected + 1).saturating_sub(visible);
    let rows: Vec<Vec<String>> = page
        .rows
        .iter()
        .skip(start)
        .take(visible)
        .map(|r| r.cells.iter().map(|c| crate::tui::one_line(c)).collect())
        .collect();
    let header_text = headers(tab);
    let headers: Vec<&str> = header_text.iter().map(String::as_str).collect();
    let highlight_width = u16::try_from(HIGHLIGHT.len()).unwrap_or(2);
    let widths = columns::fit(
        &headers,
        &rows,
        inner.width.saturating_sub(highlight_width),
        1,
    );
    let width = *widths.get(column)?;
    let before: u16 = widths.iter().take(column).map(|w| w + 1).sum();
    let row = u16::try_from(tab.selected.saturating_sub(start)).ok()?;
    let r = Rect::new(
        inner.x + highlight_width + before,
        inner.y + 1 + row,
        width,
        1,
    );
    Some(r.intersection(inner))
}

fn error_line(e: &str, theme: Theme) -> Line<'static> {
    Line::from(vec![
        Span::styled("error: ", theme.error()),
        Span::styled(crate::tui::one_line(e), theme.error()),
    ])
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn groups_thousands() {
        assert_eq!(grouped(0), "0");
        assert_eq!(grouped(999), "999");
        assert_eq!(grouped(1000), "1,000");
        assert_eq!(grouped(10_000_000), "10,000,000");
    }
}
