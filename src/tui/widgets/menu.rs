//! A menu of choices where some are refused: refused ones stay listed, dimmed, with the
//! reason, so the operator learns why rather than wondering where the choice went.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;

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

    /// Lines the items take at `width` columns: one per item, then its refusal reason
    /// wrapped under it, so nothing overlaps whatever the reason's length.
    fn lines(&self, width: usize, theme: Theme) -> Vec<Line<'static>> {
        let mut out = Vec::new();
        for (i, item) in self.items.iter().enumerate() {
            let marker = if i == self.selected { "> " } else { "  " };
            let style = if item.refused.is_some() {
                theme.muted()
            } else {
                ratatui::style::Style::default()
            };
            let line = Line::from(vec![
                Span::raw(marker.to_owned()),
                Span::styled(one_line(&item.label), style),
            ]);
            out.push(if i == self.selected {
                line.style(theme.selected())
            } else {
                line
            });
            if let Some(why) = &item.refused {
                let text = format!("refused: {}", one_line(why));
                for part in wrap(&text, width.saturating_sub(INDENT.len()).max(10)) {
                    out.push(Line::styled(format!("{INDENT}{part}"), theme.muted()));
                }
            }
        }
        out
    }

    /// Draws the menu centred in `area` with `extra` lines (a date, a note) under it;
    /// returns where the `extra` lines are.
    pub fn render(
        &self,
        frame: &mut Frame,
        area: Rect,
        extra: &[Line<'static>],
        theme: Theme,
    ) -> Rect {
        let width = area.width.clamp(20, 78);
        // Border and one column of padding on each side (`dialog::boxed`).
        let inner_width = usize::from(width.saturating_sub(4));
        let mut lines = self.lines(inner_width, theme);
        lines.push(Line::default());
        let items = u16::try_from(lines.len()).unwrap_or(u16::MAX);
        lines.extend(extra.iter().cloned());
        let height = u16::try_from(lines.len())
            .unwrap_or(u16::MAX)
            .saturating_add(2);
        let outer = dialog::centered(area, width, height);
        let inner = dialog::boxed(frame, outer, &self.title, theme);
        frame.render_widget(Paragraph::new(lines), inner);
        let top = inner.y.saturating_add(items).min(inner.bottom());
        Rect::new(
            inner.x,
            top,
            inner.width,
            inner.bottom().saturating_sub(top),
        )
    }
}

const INDENT: &str = "      ";

/// Greedy word wrap at `width` columns (a word longer than the width gets its own line).
fn wrap(text: &str, width: usize) -> Vec<String> {
    let mut lines = Vec::new();
    let mut line = String::new();
    for word in text.split_whitespace() {
        let needed = Span::raw(line.as_str()).width() + 1 + Span::raw(word).width();
        if !line.is_empty() && needed > width {
            lines.push(std::mem::take(&mut line));
        }
        if !line.is_empty() {
            line.push(' ');
        }
        line.push_str(word);
    }
    if !line.is_empty() {
        lines.push(line);
    }
    lines
}
