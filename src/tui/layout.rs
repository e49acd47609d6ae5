//! Where things go on the terminal: the body and the status bar, the tab bar, the screen
//! below it, and the smallest terminal the screens are drawn in.

use ratatui::layout::{Constraint, Layout, Rect};

pub const MIN_WIDTH: u16 = 80;
pub const MIN_HEIGHT: u16 = 24;

#[must_use]
pub fn too_small(area: Rect) -> bool {
    area.width < MIN_WIDTH || area.height < MIN_HEIGHT
}

/// The screen's body and the status bar below it.
#[must_use]
pub fn split(area: Rect) -> (Rect, Rect) {
    let [body, status] = Layout::vertical([Constraint::Fill(1), Constraint::Length(1)]).areas(area);
    (body, status)
}

/// Where the active screen is drawn: the body, below the tab bar when there is one.
#[must_use]
pub fn screen_area(area: Rect, tabs: bool) -> Rect {
    let (body, _) = split(area);
    if !tabs {
        return body;
    }
    let [_, rest] = Layout::vertical([Constraint::Length(1), Constraint::Fill(1)]).areas(body);
    rest
}
