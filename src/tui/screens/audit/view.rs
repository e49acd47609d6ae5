//! How the Audit log tab is drawn: the list, and the selected change's pane right of it
//! (wide terminals) or below it, laid out like the Licenses tab.

use ratatui::Frame;
use ratatui::layout::Rect;

use super::{AuditScreen, pane};
use crate::tui::screens::licenses::view as licenses_view;
use crate::tui::screens::list::view as list_view;
use crate::tui::theme::Theme;

/// The table and the pane.
#[must_use]
pub fn areas(area: Rect) -> (Rect, Rect) {
    let (table, pane) = licenses_view::areas(area, true);
    (table, pane.unwrap_or_default())
}

pub fn render(frame: &mut Frame, area: Rect, s: &AuditScreen, theme: Theme) {
    let (table, pane_area) = areas(area);
    list_view::render(frame, table, &s.list, None, theme);
    pane::render(frame, pane_area, &s.pane, s.list.tab.selected_id(), theme);
}
