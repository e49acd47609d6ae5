//! A small form: labelled text inputs, one focused (or none after Esc), an error line and
//! a request in flight.

use ratatui::Frame;
use ratatui::crossterm::event::KeyEvent;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Paragraph, Wrap};

use ratatui::crossterm::event::KeyCode;

use super::dialog;
use super::input::TextInput;
use crate::tui::keys::{self, Binding, HelpRow, RouterKeys, bind, code};
use crate::tui::theme::Theme;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum FormKey {
    NextField,
    PrevField,
    Submit,
    Unfocus,
}

const KEYS: &[Binding<FormKey>] = &[
    bind(
        &[code(KeyCode::Tab), code(KeyCode::Down)],
        FormKey::NextField,
        "next field",
    ),
    bind(
        &[code(KeyCode::BackTab), code(KeyCode::Up)],
        FormKey::PrevField,
        "previous field",
    ),
    bind(&[code(KeyCode::Enter)], FormKey::Submit, "submit"),
    bind(
        &[code(KeyCode::Esc)],
        FormKey::Unfocus,
        "leave the input (then q quits)",
    ),
];

/// What surrounds a form drawn in its own centred box ([`Form::render_boxed`]).
pub struct Boxed<'a> {
    pub title: &'a str,
    pub width: u16,
    /// Lines above the fields.
    pub intro: Vec<Line<'static>>,
    /// Shown instead of the error while a request is in flight.
    pub busy: &'a str,
    /// The key line at the bottom.
    pub hint: Line<'static>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Field {
    pub label: &'static str,
    pub input: TextInput,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Form {
    pub fields: Vec<Field>,
    pub focus: Option<usize>,
    /// Shown under the fields, prefixed "error:".
    pub error: Option<String>,
    /// The request in flight (login, create), if any.
    pub pending: Option<u64>,
}

/// What a key did to the form.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum FormEvent {
    /// Not the form's key (with no input focused, `?` and `q` are the router's).
    Ignored,
    Handled,
    Submit,
}

impl Form {
    #[must_use]
    pub fn new(fields: &[(&'static str, bool)]) -> Self {
        Form {
            fields: fields
                .iter()
                .map(|&(label, masked)| Field {
                    label,
                    input: TextInput::new(masked),
                })
                .collect(),
            focus: Some(0),
            error: None,
            pending: None,
        }
    }

    #[must_use]
    pub fn value(&self, index: usize) -> &str {
        self.fields.get(index).map_or("", |f| f.input.value())
    }

    /// Fills field `index` (for tests and for keeping input after an error).
    pub fn set(&mut self, index: usize, value: &str) {
        if let Some(f) = self.fields.get_mut(index) {
            f.input.set(value);
        }
    }

    pub fn clear(&mut self, index: usize) {
        if let Some(f) = self.fields.get_mut(index) {
            f.input.clear();
        }
    }

    /// With an input focused the keys are typed; after Esc, `?` and `q` work.
    #[must_use]
    pub fn router_keys(&self) -> RouterKeys {
        if self.focus.is_some() {
            RouterKeys::None
        } else {
            RouterKeys::Commands
        }
    }

    #[must_use]
    pub fn help(&self) -> Vec<HelpRow> {
        keys::help(KEYS)
    }

    /// A key: a field move, submit, leaving the input, or text for the focused input.
    pub fn on_key(&mut self, key: &KeyEvent) -> FormEvent {
        let n = self.fields.len().max(1);
        match keys::lookup(KEYS, key) {
            Some(FormKey::NextField) => self.focus = Some(self.focus.map_or(0, |i| (i + 1) % n)),
            Some(FormKey::PrevField) => {
                self.focus = Some(self.focus.map_or(n - 1, |i| (i + n - 1) % n));
            }
            Some(FormKey::Unfocus) => self.focus = None,
            Some(FormKey::Submit) if self.pending.is_none() => return FormEvent::Submit,
            Some(FormKey::Submit) => {}
            None => {
                if self.pending.is_some() {
                    return FormEvent::Handled;
                }
                let Some(field) = self.focus.and_then(|i| self.fields.get_mut(i)) else {
                    return FormEvent::Ignored;
                };
                field.input.handle_key(key);
            }
        }
        FormEvent::Handled
    }

    /// A key, and on Enter the request `send` makes of the form (it returns the
    /// request's sequence number, or `None` with the form's error set). `false` when the
    /// key is not the form's.
    pub fn key_then(
        &mut self,
        key: &KeyEvent,
        send: impl FnOnce(&mut Form) -> Option<u64>,
    ) -> bool {
        match self.on_key(key) {
            FormEvent::Submit => {
                self.pending = send(self);
                true
            }
            FormEvent::Handled => true,
            FormEvent::Ignored => false,
        }
    }

    /// Whether `seq` is the reply the form waits for; it waits no longer.
    pub fn settle(&mut self, seq: u64) -> bool {
        let waited = self.pending == Some(seq);
        if waited {
            self.pending = None;
        }
        waited
    }

    /// Says what is wrong and puts the focus on the field to correct.
    pub fn refuse(&mut self, field: usize, message: impl Into<String>) {
        self.error = Some(message.into());
        self.focus = Some(field);
    }

    /// Request `seq` could not be run: stop waiting, say why.
    pub fn failed(&mut self, seq: u64, error: &str) {
        if self.settle(seq) {
            self.error = Some(error.to_owned());
        }
    }

    /// The key line under a session form: Enter does `submit`.
    #[must_use]
    pub fn hint(submit: &'static str, theme: Theme) -> Line<'static> {
        Line::from(vec![
            Span::styled("Enter", theme.key()),
            Span::raw(format!(" {submit}  ")),
            Span::styled("Tab", theme.key()),
            Span::raw(" next field  "),
            Span::styled("Esc", theme.key()),
            Span::raw(" then "),
            Span::styled("q", theme.key()),
            Span::raw(" quit"),
        ])
    }

    /// Lines needed by [`Form::render`]: one per field, a blank, the message (may wrap).
    #[must_use]
    pub fn height(&self) -> u16 {
        u16::try_from(self.fields.len())
            .unwrap_or(u16::MAX)
            .saturating_add(3)
    }

    pub fn render(&self, frame: &mut Frame, area: Rect, theme: Theme, busy_text: &str) {
        let label_width = self
            .fields
            .iter()
            .map(|f| f.label.chars().count())
            .max()
            .unwrap_or(0);
        let label_width = u16::try_from(label_width).unwrap_or(20);
        let mut y = area.y;
        for (i, field) in self.fields.iter().enumerate() {
            if y >= area.bottom() {
                return;
            }
            let row = Rect::new(area.x, y, area.width, 1);
            let focused = self.focus == Some(i) && self.pending.is_none();
            field
                .input
                .render(frame, row, field.label, label_width, focused, theme);
            y += 1;
        }
        y += 1;
        if y >= area.bottom() {
            return;
        }
        let msg = Rect::new(area.x, y, area.width, area.bottom() - y);
        let line = if self.pending.is_some() {
            Line::from(Span::styled(busy_text.to_owned(), theme.muted()))
        } else if let Some(e) = &self.error {
            Line::from(vec![
                Span::styled("error: ", theme.error()),
                Span::styled(crate::tui::one_line(e), theme.error()),
            ])
        } else {
            Line::default()
        };
        frame.render_widget(Paragraph::new(line).wrap(Wrap { trim: true }), msg);
    }

    /// The form in a box centred in `area`: the intro, the fields and their message, the
    /// key line at the bottom.
    pub fn render_boxed(&self, frame: &mut Frame, area: Rect, boxed: Boxed, theme: Theme) {
        let intro_height = u16::try_from(boxed.intro.len()).unwrap_or(u16::MAX);
        let height = intro_height.saturating_add(self.height()).saturating_add(3);
        let outer = dialog::centered(area, boxed.width, height);
        let inner = dialog::boxed(frame, outer, boxed.title, theme);
        frame.render_widget(
            Paragraph::new(boxed.intro).wrap(Wrap { trim: false }),
            inner,
        );
        let fields = Rect::new(
            inner.x,
            inner.y.saturating_add(intro_height),
            inner.width,
            self.height(),
        );
        self.render(frame, fields.intersection(inner), theme, boxed.busy);
        let hint_y = inner.bottom().saturating_sub(1);
        if hint_y >= fields.bottom() {
            frame.render_widget(
                Paragraph::new(boxed.hint),
                Rect::new(inner.x, hint_y, inner.width, 1),
            );
        }
    }
}
