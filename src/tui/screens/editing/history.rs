//! The `h` overlay: every change of one license, its purchases and its deployments, newest
//! first: when (local time), who, what, and each field (by its label) from what to what.
//! Scrollable.

use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;

use crate::domain::labels::field_label;
use crate::service::history::HistoryEntry;
use crate::tui::format;
use crate::tui::one_line;
use crate::tui::theme::Theme;
use crate::tui::widgets::dialog;

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct HistoryView {
    pub license_key: String,
    /// The request in flight.
    pub seq: Option<u64>,
    pub entries: Option<Vec<HistoryEntry>>,
    pub error: Option<String>,
    /// First line shown.
    pub scroll: u16,
}

impl HistoryView {
    #[must_use]
    pub fn new(license_key: String, seq: u64) -> Self {
        HistoryView {
            license_key,
            seq: Some(seq),
            entries: None,
            error: None,
            scroll: 0,
        }
    }

    /// Moves the first line shown by `lines`, within the history.
    pub fn scroll_by(&mut self, lines: i32) {
        let total: usize = self
            .entries
            .as_ref()
            .map_or(0, |v| v.iter().map(|e| 1 + e.changes.len()).sum());
        let max = i32::try_from(total.saturating_sub(1)).unwrap_or(i32::MAX);
        let now = i32::from(self.scroll);
        self.scroll = u16::try_from((now + lines).clamp(0, max)).unwrap_or(0);
    }
}

fn or_dash(v: Option<&String>) -> String {
    v.map_or_else(|| "—".to_owned(), |s| one_line(s))
}

/// The lines of the history, one heading per change and one line per field.
#[must_use]
pub fn lines(entries: &[HistoryEntry], theme: Theme) -> Vec<Line<'static>> {
    let mut out = Vec::new();
    for e in entries {
        let what = if e.entity == "license" {
            e.action.clone()
        } else {
            format!("{} #{} {}", e.entity, e.entity_id, e.action)
        };
        out.push(Line::from(vec![
            Span::styled(format::local_time(e.at), theme.label()),
            Span::raw("  "),
            Span::styled(one_line(&e.by()), theme.key()),
            Span::raw("  "),
            Span::styled(one_line(&what), theme.title()),
        ]));
        for (field, before, after) in &e.changes {
            out.push(Line::raw(format!(
                "    {}: {} → {}",
                one_line(&field_label(&e.entity, field)),
                or_dash(before.as_ref()),
                or_dash(after.as_ref())
            )));
        }
    }
    out
}

pub fn render(frame: &mut Frame, area: Rect, view: &HistoryView, theme: Theme) {
    let outer = dialog::centered(area, area.width.saturating_sub(2), area.height);
    let title = format!("History of {} · newest first", one_line(&view.license_key));
    let inner = dialog::boxed(frame, outer, &title, theme);
    let [body, foot] = Layout::vertical([Constraint::Fill(1), Constraint::Length(1)]).areas(inner);
    let all = match (&view.entries, &view.error) {
        (_, Some(e)) => vec![Line::styled(
            format!("error: {}", one_line(e)),
            theme.error(),
        )],
        (None, None) => vec![Line::styled("loading…", theme.muted())],
        (Some(v), None) if v.is_empty() => vec![Line::styled("no changes recorded", theme.muted())],
        (Some(v), None) => lines(v, theme),
    };
    let total = u16::try_from(all.len()).unwrap_or(u16::MAX);
    let scroll = view.scroll.min(total.saturating_sub(body.height));
    frame.render_widget(Paragraph::new(all).scroll((scroll, 0)), body);
    let last = scroll.saturating_add(body.height).min(total);
    let foot_line = Line::from(vec![
        Span::styled("j/k PgUp/PgDn", theme.key()),
        Span::raw(" scroll  "),
        Span::styled("Esc", theme.key()),
        Span::raw(" close  "),
        Span::styled(
            format!(
                "lines {}-{} of {}",
                format::grouped(u64::from(scroll.saturating_add(1).min(total))),
                format::grouped(u64::from(last)),
                format::grouped(u64::from(total))
            ),
            theme.muted(),
        ),
    ]);
    frame.render_widget(Paragraph::new(foot_line), foot);
}
