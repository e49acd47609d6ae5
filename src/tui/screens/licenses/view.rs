//! How the Licenses tab is drawn: the list, the detail pane right of it (wide terminals)
//! or below it, and an open overlay on top.

use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};

use super::{LicensesScreen, SPEC, detail};
use crate::tui::format;
use crate::tui::screens::View;
use crate::tui::screens::editing::overlay::{self, Table};
use crate::tui::screens::list::view as list_view;

/// From this width on, the detail pane sits right of the table.
pub const WIDE: u16 = 150;
/// Width of the pane on the right.
pub const DETAIL_WIDTH: u16 = 56;
/// Height of the pane below the table.
pub const DETAIL_HEIGHT: u16 = 10;

/// The table and, when shown, the detail pane.
#[must_use]
pub fn areas(area: Rect, with_detail: bool) -> (Rect, Option<Rect>) {
    if !with_detail {
        return (area, None);
    }
    if area.width >= WIDE {
        let [table, pane] =
            Layout::horizontal([Constraint::Fill(1), Constraint::Length(DETAIL_WIDTH)]).areas(area);
        (table, Some(pane))
    } else {
        let [table, pane] =
            Layout::vertical([Constraint::Fill(1), Constraint::Length(DETAIL_HEIGHT)]).areas(area);
        (table, Some(pane))
    }
}

pub fn render(frame: &mut Frame, area: Rect, s: &LicensesScreen, view: &View) {
    let theme = view.theme;
    let (table, pane) = areas(area, s.detail.visible);
    list_view::render(frame, table, &s.list, s.cell, theme);
    if let Some(pane) = pane {
        let selected = s.list.tab.selected_row().map(|r| {
            let key = r.cells.first().map(format::cell).unwrap_or_default();
            (r.id, key)
        });
        let selected = selected.as_ref().map(|(id, key)| (*id, key.as_str()));
        detail::render(frame, pane, &s.detail, selected, theme, view.today);
    }
    if let Some(o) = &s.overlay {
        let column = match o.as_ref() {
            overlay::Overlay::Cell(c) => c.column,
            _ => 0,
        };
        let on = Table {
            area: table,
            cell: list_view::cell_area(table, &s.list, column),
            label: SPEC.columns.get(column).copied().unwrap_or("cell"),
        };
        overlay::render(frame, view.body, o, on, theme);
    }
}
