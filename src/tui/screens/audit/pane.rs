//! The detail pane of the Audit log tab: the selected change, each field "from → to" by
//! its label, as the license history shows them.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::Line;
use ratatui::widgets::{Block, Paragraph, Wrap};

use crate::service::history::HistoryEntry;
use crate::tui::one_line;
use crate::tui::screens::editing::history;
use crate::tui::screens::list::view::error_line;
use crate::tui::theme::Theme;

#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Pane {
    /// The audit row asked for, and the request in flight.
    pub want: Option<i64>,
    pub seq: Option<u64>,
    /// The row shown, by id.
    pub entry: Option<(i64, HistoryEntry)>,
    pub error: Option<String>,
}

impl Pane {
    /// The reply to request `seq` for row `id`; stale replies are dropped.
    pub fn arrived(&mut self, seq: u64, id: i64, result: Result<HistoryEntry, String>) {
        if self.seq != Some(seq) || self.want != Some(id) {
            return;
        }
        self.seq = None;
        match result {
            Ok(entry) => {
                self.entry = Some((id, entry));
                self.error = None;
            }
            Err(e) => self.error = Some(e),
        }
    }

    /// Request `seq` could not be run.
    pub fn failed(&mut self, seq: u64, error: &str) {
        if self.seq == Some(seq) {
            self.seq = None;
            self.error = Some(error.to_owned());
        }
    }
}

/// The pane in `area` for the row `selected` of the list.
pub fn render(frame: &mut Frame, area: Rect, pane: &Pane, selected: Option<i64>, theme: Theme) {
    let shown = pane
        .entry
        .as_ref()
        .filter(|(id, _)| Some(*id) == selected)
        .map(|(_, e)| e);
    let title = match shown {
        Some(e) => format!(
            " {} #{} · {} ",
            one_line(&e.entity),
            e.entity_id,
            one_line(&e.action)
        ),
        None => " Changes ".to_owned(),
    };
    let block = Block::bordered()
        .border_style(theme.border())
        .title(Line::styled(title, theme.title()));
    let inner = block.inner(area);
    frame.render_widget(block, area);
    let text = match (shown, selected, &pane.error) {
        (Some(e), _, _) if e.changes.is_empty() => {
            let mut lines = history::lines(std::slice::from_ref(e), theme);
            lines.push(Line::styled("    no fields recorded", theme.muted()));
            lines
        }
        (Some(e), _, _) => history::lines(std::slice::from_ref(e), theme),
        (None, None, _) => vec![Line::styled("no change selected", theme.muted())],
        (None, Some(_), Some(e)) => vec![error_line(e, theme)],
        (None, Some(_), None) => vec![Line::styled("loading…", theme.muted())],
    };
    frame.render_widget(Paragraph::new(text).wrap(Wrap { trim: false }), inner);
}
