//! A one-line text input with a cursor, optionally masked for passwords.

use ratatui::Frame;
use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use ratatui::layout::{Position, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;

use crate::tui::theme::Theme;

const MASK: char = '•';

#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct TextInput {
    value: String,
    /// Cursor position in characters.
    cursor: usize,
    pub masked: bool,
}

impl TextInput {
    #[must_use]
    pub fn new(masked: bool) -> Self {
        TextInput {
            masked,
            ..TextInput::default()
        }
    }

    #[must_use]
    pub fn with_value(mut self, value: &str) -> Self {
        self.set(value);
        self
    }

    #[must_use]
    pub fn value(&self) -> &str {
        &self.value
    }

    pub fn set(&mut self, value: &str) {
        self.value = value.chars().filter(|c| !c.is_control()).collect();
        self.cursor = self.value.chars().count();
    }

    pub fn clear(&mut self) {
        self.value.clear();
        self.cursor = 0;
    }

    fn byte_at(&self, char_index: usize) -> usize {
        self.value
            .char_indices()
            .nth(char_index)
            .map_or(self.value.len(), |(i, _)| i)
    }

    fn len(&self) -> usize {
        self.value.chars().count()
    }

    /// Edits the value; returns whether the key was used.
    pub fn handle_key(&mut self, key: &KeyEvent) -> bool {
        if key.modifiers.contains(KeyModifiers::ALT) {
            return false;
        }
        let ctrl = key.modifiers.contains(KeyModifiers::CONTROL);
        match key.code {
            KeyCode::Char('u') if ctrl => {
                let at = self.byte_at(self.cursor);
                self.value.replace_range(..at, "");
                self.cursor = 0;
            }
            KeyCode::Char('a') if ctrl => self.cursor = 0,
            KeyCode::Char('e') if ctrl => self.cursor = self.len(),
            KeyCode::Char(_) if ctrl => return false,
            KeyCode::Char(c) if !c.is_control() => {
                let at = self.byte_at(self.cursor);
                self.value.insert(at, c);
                self.cursor += 1;
            }
            KeyCode::Backspace if self.cursor > 0 => {
                self.cursor -= 1;
                let at = self.byte_at(self.cursor);
                self.value.remove(at);
            }
            KeyCode::Delete if self.cursor < self.len() => {
                let at = self.byte_at(self.cursor);
                self.value.remove(at);
            }
            KeyCode::Left => self.cursor = self.cursor.saturating_sub(1),
            KeyCode::Right => self.cursor = (self.cursor + 1).min(self.len()),
            KeyCode::Home => self.cursor = 0,
            KeyCode::End => self.cursor = self.len(),
            KeyCode::Backspace | KeyCode::Delete => {}
            _ => return false,
        }
        true
    }

    /// What is drawn: the value, or one mask character per character.
    #[must_use]
    pub fn shown(&self) -> String {
        if self.masked {
            std::iter::repeat_n(MASK, self.len()).collect()
        } else {
            crate::domain::text::sanitize(&self.value).into_owned()
        }
    }

    /// Draws `label` and the value on one line; when `focused`, places the terminal cursor.
    pub fn render(
        &self,
        frame: &mut Frame,
        area: Rect,
        label: &str,
        label_width: u16,
        focused: bool,
        theme: Theme,
    ) {
        if area.width == 0 || area.height == 0 {
            return;
        }
        let marker = if focused { "> " } else { "  " };
        let label_style = if focused {
            theme.focused()
        } else {
            theme.label()
        };
        let head = format!("{marker}{label:<width$} ", width = usize::from(label_width));
        let head_width = u16::try_from(Span::raw(head.as_str()).width()).unwrap_or(u16::MAX);
        let field_width = usize::from(area.width.saturating_sub(head_width));
        let shown = self.shown();
        // Keep the cursor in view: drop characters from the front until it fits.
        let chars: Vec<char> = shown.chars().collect();
        let mut start = 0;
        let cursor = self.cursor.min(chars.len());
        while start < cursor && width_of(&chars[start..cursor]) >= field_width.max(1) {
            start += 1;
        }
        let mut visible: String = chars[start..].iter().collect();
        let pad = field_width.saturating_sub(Span::raw(visible.as_str()).width());
        visible.extend(std::iter::repeat_n(' ', pad));
        let cursor_col = width_of(&chars[start..cursor]);
        let line = Line::from(vec![
            Span::styled(head, label_style),
            Span::styled(visible, theme.input()),
        ]);
        frame.render_widget(Paragraph::new(line), area);
        if focused {
            let x = area
                .x
                .saturating_add(head_width)
                .saturating_add(u16::try_from(cursor_col).unwrap_or(u16::MAX))
                .min(area.right().saturating_sub(1));
            frame.set_cursor_position(Position::new(x, area.y));
        }
    }
}

fn width_of(chars: &[char]) -> usize {
    Span::raw(chars.iter().collect::<String>()).width()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn press(input: &mut TextInput, code: KeyCode) {
        input.handle_key(&KeyEvent::new(code, KeyModifiers::NONE));
    }

    #[test]
    fn edits_at_the_cursor_and_masks() {
        let mut i = TextInput::new(true);
        for c in "pässwort".chars() {
            press(&mut i, KeyCode::Char(c));
        }
        press(&mut i, KeyCode::Left);
        press(&mut i, KeyCode::Backspace);
        press(&mut i, KeyCode::Char('X'));
        assert_eq!(i.value(), "pässwoXt");
        assert_eq!(i.shown(), "••••••••");
        press(&mut i, KeyCode::Home);
        press(&mut i, KeyCode::Delete);
        assert_eq!(i.value(), "ässwoXt");
        i.handle_key(&KeyEvent::new(KeyCode::Char('u'), KeyModifiers::CONTROL));
        assert_eq!(i.value(), "ässwoXt");
        press(&mut i, KeyCode::End);
        i.handle_key(&KeyEvent::new(KeyCode::Char('u'), KeyModifiers::CONTROL));
        assert_eq!(i.value(), "");
        assert!(!i.handle_key(&KeyEvent::new(KeyCode::Enter, KeyModifiers::NONE)));
    }
}
