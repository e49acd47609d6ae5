//! A searchable picker for a reference (company, product code, partner, sales rep,
//! engineer): type to search, ↑/↓ to move, Enter to choose, Esc to cancel. Optional
//! references offer "(none)" first, which clears them. A picker in a form may offer
//! "+ New company…" last, which opens that record's form on top. The choices come from
//! the worker.

use ratatui::Frame;
use ratatui::crossterm::event::KeyEvent;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;

use super::dialog;
use super::input::TextInput;
use crate::service::options::{LIMIT, RefKind};
use crate::tui::one_line;
use crate::tui::theme::Theme;

const NONE: &str = "(none)";

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Picker {
    pub kind: RefKind,
    pub optional: bool,
    pub query: TextInput,
    /// The choices for the query, once they arrived.
    pub options: Option<Vec<(i64, String)>>,
    /// Index into the shown items ("(none)" first when optional).
    pub selected: usize,
    /// The search in flight.
    pub seq: Option<u64>,
    pub error: Option<String>,
    /// Offers "+ New …" as the last item.
    pub offer_new: bool,
}

/// What Enter chose: a row, or nothing (cleared).
pub type Choice = Option<(i64, String)>;

impl Picker {
    #[must_use]
    pub fn new(kind: RefKind, optional: bool, query: &str) -> Self {
        Picker {
            kind,
            optional,
            query: TextInput::new(false).with_value(query),
            options: None,
            selected: 0,
            seq: None,
            error: None,
            offer_new: false,
        }
    }

    /// The picker with "+ New …" as its last item.
    #[must_use]
    pub fn offering_new(mut self) -> Self {
        self.offer_new = true;
        self
    }

    /// Whether "+ New …" is highlighted (once the choices arrived).
    #[must_use]
    pub fn wants_new(&self) -> bool {
        self.offer_new && self.options.is_some() && self.selected + 1 == self.len()
    }

    fn new_item(&self) -> String {
        format!("+ New {}…", self.kind.label())
    }

    fn len(&self) -> usize {
        self.options.as_ref().map_or(0, Vec::len)
            + usize::from(self.optional)
            + usize::from(self.offer_new && self.options.is_some())
    }

    pub fn down(&mut self) {
        if self.selected + 1 < self.len() {
            self.selected += 1;
        }
    }

    pub fn up(&mut self) {
        self.selected = self.selected.saturating_sub(1);
    }

    /// Types into the search; returns whether the text changed (search again).
    pub fn on_key(&mut self, key: &KeyEvent) -> bool {
        let before = self.query.value().to_owned();
        self.query.handle_key(key);
        before != self.query.value()
    }

    /// The choices for the search that was sent as `seq` arrived.
    pub fn arrived(&mut self, seq: u64, result: Result<Vec<(i64, String)>, String>) {
        if self.seq != Some(seq) {
            return;
        }
        self.seq = None;
        match result {
            Ok(rows) => {
                self.options = Some(rows);
                self.error = None;
                // With a search typed, the first match is more likely wanted than "(none)".
                self.selected = usize::from(self.optional && !self.query.value().is_empty());
                self.selected = self.selected.min(self.len().saturating_sub(1));
            }
            Err(e) => self.error = Some(e),
        }
    }

    /// The highlighted item: `Some(choice)` when there is one to choose.
    #[must_use]
    pub fn chosen(&self) -> Option<Choice> {
        if self.optional && self.selected == 0 {
            return Some(None);
        }
        let i = self.selected - usize::from(self.optional);
        self.options
            .as_ref()
            .and_then(|o| o.get(i))
            .map(|c| Some(c.clone()))
    }

    pub fn render(&self, frame: &mut Frame, area: Rect, theme: Theme) {
        let height = area.height.min(18);
        let outer = dialog::centered(area, 56, height);
        let label = self.kind.label();
        let article = if label.starts_with(['a', 'e', 'i', 'o', 'u']) {
            "an"
        } else {
            "a"
        };
        let title = format!("Choose {article} {label}");
        let inner = dialog::boxed(frame, outer, &title, theme);
        if inner.height < 4 {
            return;
        }
        self.query.render(
            frame,
            Rect::new(inner.x, inner.y, inner.width, 1),
            "search",
            6,
            true,
            theme,
        );
        let list_height = usize::from(inner.height.saturating_sub(3));
        let mut items: Vec<String> = Vec::new();
        if self.optional {
            items.push(NONE.to_owned());
        }
        if let Some(o) = &self.options {
            items.extend(o.iter().map(|(_, name)| one_line(name)));
            if self.offer_new {
                items.push(self.new_item());
            }
        }
        let start = (self.selected + 1).saturating_sub(list_height);
        let mut lines: Vec<Line> = items
            .iter()
            .enumerate()
            .skip(start)
            .take(list_height)
            .map(|(i, name)| {
                if i == self.selected {
                    Line::styled(format!("> {name}"), theme.selected())
                } else {
                    Line::raw(format!("  {name}"))
                }
            })
            .collect();
        let found = self.options.as_ref().map(Vec::len);
        let note = match (&self.error, found, self.seq) {
            (Some(e), _, _) => Line::styled(format!("error: {}", one_line(e)), theme.error()),
            (None, None, _) | (None, _, Some(_)) => Line::styled("searching…", theme.muted()),
            (None, Some(0), None) if self.offer_new => Line::styled(
                format!("nothing matches; Enter adds a new {label}"),
                theme.muted(),
            ),
            (None, Some(0), None) => Line::styled("nothing matches; type less", theme.muted()),
            (None, Some(n), None) if i64::try_from(n).is_ok_and(|n| n >= LIMIT) => Line::styled(
                format!("first {LIMIT} shown; type to narrow"),
                theme.muted(),
            ),
            (None, Some(_), None) => Line::default(),
        };
        let room = lines.len() < list_height && note.width() > 0;
        if lines.is_empty() || found == Some(0) || room {
            lines.push(note);
        }
        let list = Rect::new(
            inner.x,
            inner.y + 1,
            inner.width,
            inner.height.saturating_sub(2),
        );
        frame.render_widget(Paragraph::new(lines), list);
        let hint = Line::from(vec![
            Span::styled("↑↓", theme.key()),
            Span::raw(" move  "),
            Span::styled("Enter", theme.key()),
            Span::raw(" choose  "),
            Span::styled("Esc", theme.key()),
            Span::raw(" cancel"),
        ]);
        frame.render_widget(
            Paragraph::new(hint),
            Rect::new(inner.x, inner.bottom().saturating_sub(1), inner.width, 1),
        );
    }
}
