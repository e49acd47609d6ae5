//! What sits over the main screen while an action runs: a form, a picker, a status menu,
//! a confirmation, the history, an inline cell edit, or the wait for the record an action
//! needs. Its state, its key scopes, and how it is drawn.

use chrono::NaiveDate;
use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;

use super::browse::{self, Browse};
use super::forms::{self, FormOverlay};
use super::history::{self, HistoryView};
use crate::domain::{DeploymentStatus, LicenseStatus};
use crate::service::deployments::DeploymentRecord;
use crate::service::licenses::LicenseRecord;
use crate::tui::edits::EditRequest;
use crate::tui::keymap::Scope;
use crate::tui::one_line;
use crate::tui::theme::Theme;
use crate::tui::widgets::dialog;
use crate::tui::widgets::input::TextInput;
use crate::tui::widgets::menu::{Menu, MenuItem};
use crate::tui::widgets::picker::Picker;

/// What to open once the record arrives.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Intent {
    Edit,
    Status,
    Purchase,
    Schedule,
    Delete,
    /// Inline edit of this column of the license list.
    Cell(usize),
    DeploymentStatus,
    DeploymentEdit,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StatusMenu {
    pub record: Box<LicenseRecord>,
    pub menu: Menu,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DeploymentMenu {
    pub record: Box<DeploymentRecord>,
    pub menu: Menu,
    /// The day of the step; today unless typed.
    pub date: TextInput,
    pub pending: Option<u64>,
    pub error: Option<String>,
}

/// One cell of the license list edited in place.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CellEdit {
    pub record: Box<LicenseRecord>,
    pub column: usize,
    pub input: TextInput,
    /// For the reference columns.
    pub picker: Option<Picker>,
    pub pending: Option<u64>,
    pub error: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Overlay {
    Loading {
        seq: u64,
        intent: Intent,
    },
    Form(Box<FormOverlay>),
    Status(StatusMenu),
    Deployment(DeploymentMenu),
    /// A destructive request waiting for y/n; then its request in flight.
    Confirm {
        question: String,
        request: EditRequest,
        pending: Option<u64>,
    },
    History(HistoryView),
    Cell(CellEdit),
}

/// The status menu of a license: every status, the refused ones with the reason.
#[must_use]
pub fn license_menu(record: &LicenseRecord, today: NaiveDate) -> Menu {
    let from = record.effective_status(today);
    let items = LicenseStatus::ALL
        .into_iter()
        .map(|to| MenuItem {
            label: to.to_string(),
            refused: from.check_transition(to).err().map(|e| e.to_string()),
        })
        .collect();
    Menu::new(
        format!("Status of {} (now {from})", record.license_key),
        items,
    )
}

#[must_use]
pub fn deployment_menu(record: &DeploymentRecord) -> Menu {
    let from = record.status;
    let items = DeploymentStatus::ALL
        .iter()
        .map(|to| MenuItem {
            label: to.label().to_owned(),
            refused: from.check_transition(*to).err().map(|e| e.to_string()),
        })
        .collect();
    Menu::new(
        format!(
            "Deployment #{} of {} (now {})",
            record.id,
            record.license_key,
            from.label()
        ),
        items,
    )
}

impl Overlay {
    #[must_use]
    pub fn scopes(&self) -> &'static [Scope] {
        match self {
            Overlay::Loading { .. } => &[Scope::Overlay, Scope::Global],
            Overlay::Form(f) if f.form.picker.is_some() => &[Scope::Picker, Scope::Global],
            Overlay::Form(f) if f.form.confirm_discard => &[Scope::Confirm, Scope::Global],
            Overlay::Form(_) => &[Scope::Editor, Scope::Global],
            Overlay::Cell(c) if c.picker.is_some() => &[Scope::Picker, Scope::Global],
            Overlay::Cell(_) => &[Scope::Cell, Scope::Global],
            Overlay::Status(_) | Overlay::Deployment(_) => &[Scope::Menu, Scope::Global],
            Overlay::Confirm { .. } => &[Scope::Confirm, Scope::Global],
            Overlay::History(_) => &[Scope::History, Scope::Global],
        }
    }

    /// Whether a request the overlay waits for is in flight.
    #[must_use]
    pub fn busy(&self) -> bool {
        match self {
            Overlay::Loading { .. } => true,
            Overlay::Form(f) => f.form.pending.is_some() || f.reload.is_some(),
            Overlay::Cell(c) => c.pending.is_some(),
            Overlay::Deployment(d) => d.pending.is_some(),
            Overlay::Confirm { pending, .. } => pending.is_some(),
            Overlay::History(h) => h.seq.is_some(),
            Overlay::Status(_) => false,
        }
    }
}

pub fn render(frame: &mut Frame, body: Rect, b: &Browse, theme: Theme) {
    let Some(overlay) = &b.overlay else {
        return;
    };
    match overlay.as_ref() {
        Overlay::Loading { .. } => {}
        Overlay::Form(f) => f.form.render(frame, body, forms::hint(f, theme), theme),
        Overlay::Status(s) => {
            let extra = vec![hint_line(
                &[("↑↓", "move"), ("Enter", "set"), ("Esc", "cancel")],
                theme,
            )];
            s.menu.render(frame, body, &extra, theme);
        }
        Overlay::Deployment(d) => render_deployment(frame, body, d, theme),
        Overlay::Confirm {
            question, pending, ..
        } => {
            let outer = dialog::centered(body, 60, 6);
            let inner = dialog::boxed(frame, outer, "Confirm", theme);
            let last = if pending.is_some() {
                Line::styled("working…", theme.muted())
            } else {
                hint_line(&[("y", "yes"), ("n Esc", "no")], theme)
            };
            let text = vec![Line::raw(one_line(question)), Line::default(), last];
            frame.render_widget(Paragraph::new(text), inner);
        }
        Overlay::History(h) => history::render(frame, body, h, theme),
        Overlay::Cell(c) => render_cell(frame, body, b, c, theme),
    }
}

fn hint_line(keys: &[(&str, &str)], theme: Theme) -> Line<'static> {
    let mut spans = Vec::new();
    for (k, what) in keys {
        spans.push(Span::styled((*k).to_owned(), theme.key()));
        spans.push(Span::raw(format!(" {what}  ")));
    }
    Line::from(spans)
}

fn render_deployment(frame: &mut Frame, body: Rect, d: &DeploymentMenu, theme: Theme) {
    let mut extra = vec![Line::default()];
    if let Some(e) = &d.error {
        extra.push(Line::styled(
            format!("error: {}", one_line(e)),
            theme.error(),
        ));
    } else if d.pending.is_some() {
        extra.push(Line::styled("saving…", theme.muted()));
    }
    extra.push(hint_line(
        &[("↑↓", "move"), ("Enter", "set"), ("Esc", "cancel")],
        theme,
    ));
    let below = d.menu.render(frame, body, &extra, theme);
    // The date line, typed in place (digits and -), on the first line under the items.
    if below.height > 0 {
        let row = Rect::new(below.x, below.y, below.width, 1);
        d.date.render(frame, row, "on date", 7, true, theme);
    }
}

fn render_cell(frame: &mut Frame, body: Rect, b: &Browse, c: &CellEdit, theme: Theme) {
    if let Some(p) = &c.picker {
        p.render(frame, body, theme);
        return;
    }
    let Some(tab) = b.tab() else {
        return;
    };
    let label = crate::db::queries::license_list::COLUMNS
        .get(c.column)
        .copied()
        .unwrap_or("cell");
    // In place: over the cell when its place is known, else on the table's top border.
    let row = browse::cell_area(body, b, tab, c.column).unwrap_or_else(|| {
        let (_, table, _) = browse::areas(body, b.shows_detail());
        Rect::new(table.x + 1, table.y, table.width.saturating_sub(2), 1)
    });
    let wide = Rect::new(row.x, row.y, row.width.max(24), 1).intersection(body);
    c.input
        .render(frame, wide, "", 0, c.pending.is_none(), theme);
    let (_, table, _) = browse::areas(body, b.shows_detail());
    let note_y = table.bottom().saturating_sub(1);
    let note = match (&c.error, c.pending) {
        (Some(e), _) => Line::styled(format!(" error: {} ", one_line(e)), theme.error()),
        (None, Some(_)) => Line::styled(" saving… ", theme.muted()),
        (None, None) => Line::from(vec![
            Span::raw(format!(" {label}: ")),
            Span::styled("Enter", theme.key()),
            Span::raw(" save  "),
            Span::styled("Esc", theme.key()),
            Span::raw(" cancel "),
        ]),
    };
    let r = Rect::new(table.x + 1, note_y, table.width.saturating_sub(2), 1);
    frame.render_widget(Paragraph::new(note), r);
}
