//! The main screen: a tab bar over `Entity::ALL`, one paged table per tab, and the license
//! detail pane on the Licenses tab. Only the rows on screen are fetched and built.

use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Cell, HighlightSpacing, Paragraph, Row, Table, TableState};

use super::dashboard::{self, Dashboard};
use super::detail;
use crate::db::queries::licenses::LicenseDetail;
use crate::domain::text::sanitize;
use crate::service::browse::Entity;
use crate::tui::paging::TabState;
use crate::tui::theme::Theme;
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
        render_table(frame, table_area, tab, theme);
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

fn position_text(tab: &TabState) -> String {
    let n = |v: Option<u64>| v.map_or_else(|| "…".to_owned(), grouped);
    match tab.position() {
        (None, Some(0)) => "no rows".to_owned(),
        (None, _) if tab.page.as_ref().is_some_and(|p| p.rows.is_empty()) => "no rows".to_owned(),
        (row, total) => format!("row {} of {}", n(row), n(total)),
    }
}

fn render_table(frame: &mut Frame, area: Rect, tab: &TabState, theme: Theme) {
    let title = Line::styled(format!(" {} ", tab.entity.title()), theme.title());
    let block = Block::bordered()
        .border_style(theme.border())
        .title(title)
        .title_bottom(Line::from(format!(" {} ", position_text(tab))).right_aligned());
    let inner = block.inner(area);
    frame.render_widget(block, area);
    let headers = tab.entity.columns();
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
        headers,
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
        .row_highlight_style(theme.selected());
    let mut state = TableState::default().with_selected(Some(tab.selected.saturating_sub(start)));
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
