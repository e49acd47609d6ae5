//! Centred boxes for the start, login, first-run and demo screens, and popups.

use ratatui::Frame;
use ratatui::layout::{Constraint, Rect};
use ratatui::text::Line;
use ratatui::widgets::{Block, Clear, Padding};

use crate::tui::theme::Theme;

/// A `width` x `height` rectangle centred in `area`, clipped to it.
#[must_use]
pub fn centered(area: Rect, width: u16, height: u16) -> Rect {
    area.centered(
        Constraint::Length(width.min(area.width)),
        Constraint::Length(height.min(area.height)),
    )
}

/// Clears `area`, draws a bordered box titled `title`, returns the inside.
pub fn boxed(frame: &mut Frame, area: Rect, title: &str, theme: Theme) -> Rect {
    let block = Block::bordered()
        .border_style(theme.border_focused())
        .title(Line::styled(format!(" {title} "), theme.title()))
        .padding(Padding::horizontal(1));
    let inner = block.inner(area);
    frame.render_widget(Clear, area);
    frame.render_widget(block, area);
    inner
}
