//! An editing form in a box: text fields, yes/no fields (Space toggles) and reference
//! fields (chosen with a picker), each
//! field's error drawn on the line under it, a form-level message (a refusal, "changed by
//! someone else"), and the keys at the bottom. Scrolls to keep the focused field in view.

use ratatui::Frame;
use ratatui::crossterm::event::KeyEvent;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Paragraph, Wrap};

use super::dialog;
use super::input::TextInput;
use super::picker::{Choice, Picker};
use crate::domain::FieldErrors;
use crate::service::options::RefKind;
use crate::tui::one_line;
use crate::tui::theme::Theme;

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Value {
    Text(TextInput),
    Ref {
        kind: RefKind,
        id: Option<i64>,
        name: String,
        optional: bool,
    },
    /// Yes or no: Space toggles, `y` and `n` set.
    Flag(bool),
    /// One of a closed set: `←`/`→` (or Space) step through it, typing picks by prefix.
    Choice {
        options: &'static [&'static str],
        selected: usize,
        /// What was typed since the field was entered, for the prefix search.
        typed: String,
    },
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct EditField {
    /// The input field's name, as `FieldErrors` names it (`start_date`, `company_id`).
    pub key: &'static str,
    pub label: &'static str,
    pub value: Value,
}

impl EditField {
    #[must_use]
    pub fn text(key: &'static str, label: &'static str, value: &str) -> Self {
        EditField {
            key,
            label,
            value: Value::Text(TextInput::new(false).with_value(value)),
        }
    }

    #[must_use]
    pub fn reference(
        key: &'static str,
        label: &'static str,
        kind: RefKind,
        chosen: Option<(i64, String)>,
        optional: bool,
    ) -> Self {
        let (id, name) = chosen.map_or((None, String::new()), |(id, n)| (Some(id), n));
        EditField {
            key,
            label,
            value: Value::Ref {
                kind,
                id,
                name,
                optional,
            },
        }
    }

    #[must_use]
    pub fn flag(key: &'static str, label: &'static str, value: bool) -> Self {
        EditField {
            key,
            label,
            value: Value::Flag(value),
        }
    }

    /// A closed set's field, `current` chosen (the first option if it is not one).
    #[must_use]
    pub fn choice(
        key: &'static str,
        label: &'static str,
        options: &'static [&'static str],
        current: &str,
    ) -> Self {
        EditField {
            key,
            label,
            value: Value::Choice {
                options,
                selected: options.iter().position(|o| *o == current).unwrap_or(0),
                typed: String::new(),
            },
        }
    }

    /// What the dirty check compares.
    fn snapshot(&self) -> String {
        match &self.value {
            Value::Text(t) => t.value().to_owned(),
            Value::Ref { id, .. } => format!("{id:?}"),
            Value::Flag(b) => b.to_string(),
            Value::Choice {
                options, selected, ..
            } => options
                .get(*selected)
                .copied()
                .unwrap_or_default()
                .to_owned(),
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct EditForm {
    pub title: String,
    pub fields: Vec<EditField>,
    pub focus: usize,
    pub errors: FieldErrors,
    /// A message for the whole form, prefixed "error:".
    pub error: Option<String>,
    /// The save was refused because someone else saved first; Ctrl-R reloads.
    pub stale: bool,
    /// The save in flight.
    pub pending: Option<u64>,
    pub picker: Option<Picker>,
    /// "discard changes? y/n" is asked.
    pub confirm_discard: bool,
    initial: Vec<String>,
}

impl EditForm {
    #[must_use]
    pub fn new(title: String, fields: Vec<EditField>) -> Self {
        let initial = fields.iter().map(EditField::snapshot).collect();
        EditForm {
            title,
            fields,
            focus: 0,
            errors: FieldErrors::new(),
            error: None,
            stale: false,
            pending: None,
            picker: None,
            confirm_discard: false,
            initial,
        }
    }

    /// Whether anything differs from what the form opened with.
    #[must_use]
    pub fn dirty(&self) -> bool {
        self.fields
            .iter()
            .map(EditField::snapshot)
            .ne(self.initial.iter().cloned())
    }

    #[must_use]
    pub fn field(&self, key: &str) -> Option<&EditField> {
        self.fields.iter().find(|f| f.key == key)
    }

    /// The text of field `key` ("" for a reference or an unknown key).
    #[must_use]
    pub fn text(&self, key: &str) -> String {
        match self.field(key).map(|f| &f.value) {
            Some(Value::Text(t)) => t.value().to_owned(),
            Some(Value::Choice {
                options, selected, ..
            }) => options
                .get(*selected)
                .copied()
                .unwrap_or_default()
                .to_owned(),
            _ => String::new(),
        }
    }

    /// The id chosen for reference field `key`.
    #[must_use]
    pub fn id(&self, key: &str) -> Option<i64> {
        match self.field(key).map(|f| &f.value) {
            Some(Value::Ref { id, .. }) => *id,
            _ => None,
        }
    }

    /// The value of yes/no field `key` (`false` for another kind or an unknown key).
    #[must_use]
    pub fn flag(&self, key: &str) -> bool {
        matches!(self.field(key).map(|f| &f.value), Some(Value::Flag(true)))
    }

    /// Sets yes/no field `key`.
    pub fn set_flag(&mut self, key: &str, value: bool) {
        if let Some(EditField {
            value: Value::Flag(b),
            ..
        }) = self.fields.iter_mut().find(|f| f.key == key)
        {
            *b = value;
        }
    }

    /// Sets reference field `key` to a choice.
    pub fn set_ref(&mut self, key: &str, choice: Choice) {
        if let Some(EditField {
            value: Value::Ref { id, name, .. },
            ..
        }) = self.fields.iter_mut().find(|f| f.key == key)
        {
            (*id, *name) = choice.map_or((None, String::new()), |(i, n)| (Some(i), n));
        }
    }

    pub fn set_text(&mut self, key: &str, value: &str) {
        if let Some(EditField {
            value: Value::Text(t),
            ..
        }) = self.fields.iter_mut().find(|f| f.key == key)
        {
            t.set(value);
        }
    }

    pub fn next(&mut self) {
        self.focus = (self.focus + 1) % self.fields.len().max(1);
    }

    pub fn prev(&mut self) {
        let n = self.fields.len().max(1);
        self.focus = (self.focus + n - 1) % n;
    }

    /// Whether the focused field is a reference (Enter opens its picker).
    #[must_use]
    pub fn on_reference(&self) -> bool {
        matches!(
            self.fields.get(self.focus).map(|f| &f.value),
            Some(Value::Ref { .. })
        )
    }

    /// A picker for the focused reference field, searching `query`.
    #[must_use]
    pub fn picker_for_focus(&self, query: &str) -> Option<Picker> {
        match self.fields.get(self.focus).map(|f| &f.value) {
            Some(Value::Ref { kind, optional, .. }) => Some(Picker::new(*kind, *optional, query)),
            _ => None,
        }
    }

    /// Puts the picker's choice into the focused reference field.
    pub fn choose(&mut self, choice: Choice) {
        if let Some(EditField {
            value: Value::Ref { id, name, .. },
            key,
            ..
        }) = self.fields.get_mut(self.focus)
        {
            (*id, *name) = choice.map_or((None, String::new()), |(i, n)| (Some(i), n));
            let key = *key;
            self.clear_error(key);
        }
    }

    fn clear_error(&mut self, key: &str) {
        let kept = self.errors.iter().filter(|(f, _)| *f != key);
        let mut errors = FieldErrors::new();
        for (f, m) in kept {
            errors.push(f, m);
        }
        self.errors = errors;
    }

    /// A key no binding took: typed into the focused text field. On a reference field a
    /// printable key returns `true`: open the picker with it.
    pub fn on_key(&mut self, key: &KeyEvent) -> bool {
        if self.pending.is_some() {
            return false;
        }
        match self.fields.get_mut(self.focus).map(|f| &mut f.value) {
            Some(Value::Text(t)) => {
                t.handle_key(key);
                false
            }
            Some(Value::Ref { .. }) => {
                matches!(key.code, ratatui::crossterm::event::KeyCode::Char(_))
            }
            Some(Value::Choice {
                options,
                selected,
                typed,
            }) => {
                choice_key(options, selected, typed, key);
                false
            }
            Some(Value::Flag(b)) => {
                match key.code {
                    ratatui::crossterm::event::KeyCode::Char(' ') => *b = !*b,
                    ratatui::crossterm::event::KeyCode::Char('y' | 'Y') => *b = true,
                    ratatui::crossterm::event::KeyCode::Char('n' | 'N') => *b = false,
                    _ => {}
                }
                false
            }
            None => false,
        }
    }

    /// The rows of the form before the message: (field index or none, line).
    fn layout(&self, theme: Theme) -> Vec<(Option<usize>, Line<'static>)> {
        let mut rows = Vec::new();
        for (i, f) in self.fields.iter().enumerate() {
            rows.push((Some(i), Line::default()));
            if let Some(e) = self.errors.get(f.key) {
                rows.push((
                    None,
                    Line::from(vec![
                        Span::raw("    "),
                        Span::styled(format!("↳ {}", one_line(e)), theme.error()),
                    ]),
                ));
            }
        }
        rows
    }

    fn label_width(&self) -> u16 {
        let w = self
            .fields
            .iter()
            .map(|f| f.label.chars().count())
            .max()
            .unwrap_or(0);
        u16::try_from(w).unwrap_or(20)
    }

    /// Draws the form in a box centred in `area`; `hint` is the key line at the bottom.
    pub fn render(&self, frame: &mut Frame, area: Rect, hint: Line<'static>, theme: Theme) {
        let rows = self.layout(theme);
        let message = self.message(theme);
        let wanted = u16::try_from(rows.len() + 4 + usize::from(message.is_some()))
            .unwrap_or(u16::MAX)
            .saturating_add(2);
        let outer = dialog::centered(area, 78, wanted);
        let inner = dialog::boxed(frame, outer, &one_line(&self.title), theme);
        let reserved: u16 = if message.is_some() { 3 } else { 2 };
        let room = usize::from(inner.height.saturating_sub(reserved)).max(1);
        // Scroll so the focused field and its error are in view.
        let focus_row = rows
            .iter()
            .position(|(f, _)| *f == Some(self.focus))
            .unwrap_or(0);
        let focus_end = focus_row
            + usize::from(
                self.errors
                    .get(self.fields.get(self.focus).map_or("", |f| f.key))
                    .is_some(),
            );
        let start = (focus_end + 1).saturating_sub(room);
        let label_width = self.label_width();
        for (n, (field, line)) in rows.iter().enumerate().skip(start).take(room) {
            let y = inner.y + u16::try_from(n - start).unwrap_or(0);
            let row = Rect::new(inner.x, y, inner.width, 1);
            match field.and_then(|i| self.fields.get(i).map(|f| (i, f))) {
                Some((i, f)) => self.render_field(frame, row, i, f, label_width, theme),
                None => frame.render_widget(Paragraph::new(line.clone()), row),
            }
        }
        let bottom = inner.bottom();
        if let Some(message) = message {
            let y = bottom.saturating_sub(3);
            let r = Rect::new(inner.x, y, inner.width, 2).intersection(inner);
            frame.render_widget(Paragraph::new(message).wrap(Wrap { trim: true }), r);
        }
        let r = Rect::new(inner.x, bottom.saturating_sub(1), inner.width, 1).intersection(inner);
        frame.render_widget(Paragraph::new(hint), r);
        if let Some(p) = &self.picker {
            p.render(frame, area, theme);
        }
    }

    fn message(&self, theme: Theme) -> Option<Line<'static>> {
        if self.confirm_discard {
            return Some(Line::styled(
                "discard changes? y discards, n goes back to the form",
                theme.focused(),
            ));
        }
        if self.pending.is_some() {
            return Some(Line::styled("saving…", theme.muted()));
        }
        if let Some(e) = &self.error {
            let mut spans = vec![Span::styled(
                format!("error: {}", one_line(e)),
                theme.error(),
            )];
            if self.stale {
                spans.push(Span::raw(" — "));
                spans.push(Span::styled("Ctrl-R", theme.key()));
                spans.push(Span::raw(" reloads it (then apply your change again)"));
            }
            return Some(Line::from(spans));
        }
        if !self.errors.is_empty() {
            return Some(Line::styled(
                "error: not saved; fix the fields marked ↳",
                theme.error(),
            ));
        }
        None
    }

    fn render_field(
        &self,
        frame: &mut Frame,
        row: Rect,
        index: usize,
        field: &EditField,
        label_width: u16,
        theme: Theme,
    ) {
        let focused = index == self.focus
            && self.pending.is_none()
            && self.picker.is_none()
            && !self.confirm_discard;
        match &field.value {
            Value::Text(input) => {
                input.render(frame, row, field.label, label_width, focused, theme);
            }
            Value::Ref { .. } | Value::Flag(_) | Value::Choice { .. } => {
                let shown = match &field.value {
                    Value::Choice {
                        options, selected, ..
                    } => {
                        let items: Vec<String> = options
                            .iter()
                            .enumerate()
                            .map(|(i, o)| format!("{} {o}", if i == *selected { "●" } else { "○" }))
                            .collect();
                        format!("{}  (← →)", items.join("  "))
                    }
                    Value::Ref {
                        id: Some(_), name, ..
                    } => format!("{} ▾", one_line(name)),
                    Value::Ref { optional: true, .. } => "(none) ▾".to_owned(),
                    Value::Ref { .. } => "(choose) ▾".to_owned(),
                    Value::Flag(true) => "[x] yes  (Space toggles)".to_owned(),
                    Value::Flag(false) => "[ ] no   (Space toggles)".to_owned(),
                    Value::Text(_) => String::new(),
                };
                // Same look as a text field, without a cursor.
                TextInput::new(false).with_value(&shown).render(
                    frame,
                    row,
                    field.label,
                    label_width,
                    false,
                    theme,
                );
                if focused {
                    let marker = Line::styled(
                        format!("> {:<w$}", field.label, w = usize::from(label_width)),
                        theme.focused(),
                    );
                    frame.render_widget(
                        Paragraph::new(marker),
                        Rect {
                            width: label_width + 2,
                            ..row
                        }
                        .intersection(row),
                    );
                }
            }
        }
    }
}

/// A key on a closed set's field: `←`/`→`/Space step (wrapping); a letter extends what
/// was typed and picks the first option it begins, or starts again from that letter.
fn choice_key(options: &[&str], selected: &mut usize, typed: &mut String, key: &KeyEvent) {
    use ratatui::crossterm::event::{KeyCode, KeyModifiers};
    let n = options.len().max(1);
    match key.code {
        KeyCode::Right | KeyCode::Char(' ') => *selected = (*selected + 1) % n,
        KeyCode::Left => *selected = (*selected + n - 1) % n,
        KeyCode::Char(c) if !key.modifiers.contains(KeyModifiers::CONTROL) => {
            typed.push(c.to_ascii_lowercase());
            let find = |prefix: &str| options.iter().position(|o| o.starts_with(prefix));
            if let Some(i) = find(typed) {
                *selected = i;
            } else {
                *typed = c.to_ascii_lowercase().to_string();
                if let Some(i) = find(typed) {
                    *selected = i;
                }
            }
        }
        _ => typed.clear(),
    }
}
