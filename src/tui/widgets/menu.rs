//! A menu of choices where some are refused: refused ones stay listed, dimmed, with the
//! reason, so the operator learns why rather than wondering where the choice went.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Paragraph, Wrap};

use super::dialog;
use crate::tui::one_line;
use crate::tui::theme::Theme;

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct MenuItem {
    pub label: String,
    /// Why it cannot be chosen; `None` when it can.
    pub refused: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Menu {
    pub title: String,
    pub items: Vec<MenuItem>,
    pub selected: usize,
}

impl Menu {
    /// A menu with the first allowed item selected.
    #[must_use]
    pub fn new(title: String, items: Vec<MenuItem>) -> Self {
        let selected = items.iter().position(|i| i.refused.is_none()).unwrap_or(0);
        Menu {
            title,
            items,
            selected,
        }
    }

    pub fn down(&mut self) {
        if self.selected + 1 < self.items.len() {
            self.selected += 1;
        }
    }

    pub fn up(&mut self) {
        self.selected = self.selected.saturating_sub(1);
    }

    #[must_use]
    pub fn current(&self) -> Option<&MenuItem> {
        self.items.get(self.selected)
    }

    /// Lines the items take.
    fn lines(&self, theme: Theme) -> Vec<Line<'static>> {
        self.items
            .iter()
            .enumerate()
            .map(|(i, item)| {
                let marker = if i == self.selected { "> " } else { "  " };
                let mut spans = vec![Span::raw(marker.to_owned())];
                match &item.refused {
                    None => spans.push(Span::raw(one_line(&item.label))),
                    Some(why) => {
                        spans.push(Span::styled(one_line(&item.label), theme.muted()));
                        spans.push(Span::styled(
                            format!("  refused: {}", one_line(why)),
                            theme.muted(),
                        ));
                    }
                }
                let line = Line::from(spans);
                if i == self.selected {
                    line.style(theme.selected())
                } else {
                    line
                }
            })
            .collect()
    }

    /// Draws the menu centred in `area` with `extra` lines (a date, a note) under it.
    pub fn render(
        &self,
        frame: &mut Frame,
        area: Rect,
        extra: &[Line<'static>],
        theme: Theme,
    ) -> Rect {
        let mut lines = self.lines(theme);
        lines.push(Line::default());
        lines.extend(extra.iter().cloned());
        let width = lines
            .iter()
            .map(Line::width)
            .max()
            .map_or(40, |w| u16::try_from(w).unwrap_or(u16::MAX))
            .saturating_add(4)
            .clamp(40, 78);
        let height = u16::try_from(lines.len())
            .unwrap_or(u16::MAX)
            .saturating_add(2);
        let outer = dialog::centered(area, width, height);
        let inner = dialog::boxed(frame, outer, &self.title, theme);
        frame.render_widget(Paragraph::new(lines).wrap(Wrap { trim: false }), inner);
        inner
    }
}
