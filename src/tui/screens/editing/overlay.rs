//! What sits over the main screen while an action runs: a form, a picker, a status menu,
//! a confirmation, the history, an inline cell edit, or the wait for the record an action
//! needs. Its state, its keys, and how it is drawn.

use chrono::NaiveDate;
use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;

use super::forms::{self, FormOverlay};
use super::history::{self, HistoryView};
use super::keys::{self, OverlayKey};
use super::requests::Request;
use crate::domain::{DeploymentStatus, LicenseStatus};
use crate::service::deployments::DeploymentRecord;
use crate::service::licenses::LicenseRecord;
use crate::tui::keys::Binding;
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
    /// The edit form of a reference record.
    RecordEdit,
    /// Delete a reference record (asks first).
    RecordDelete,
    /// Archive, deactivate or disable a reference record, or restore it (asks first).
    RecordRetire,
    /// Inline edit of a reference record's field, shown in this column.
    RecordCell(usize, &'static str),
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

/// What a cell edit changes.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum CellTarget {
    /// A license, by the list's column.
    License(Box<LicenseRecord>),
    /// One field of a reference record, through its edit form (so the domain's rules and
    /// the version check are the form's).
    Record {
        form: Box<FormOverlay>,
        field: &'static str,
    },
}

/// One cell of a list edited in place.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CellEdit {
    pub target: CellTarget,
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
        request: Request,
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
    /// The keys of the overlay as it is now.
    #[must_use]
    pub fn keys(&self) -> &'static [Binding<OverlayKey>] {
        match self {
            Overlay::Loading { .. } => keys::LOADING,
            Overlay::Form(f) if f.top().form.picker.is_some() => keys::PICKER,
            Overlay::Form(f) if f.top().form.confirm_discard => keys::CONFIRM,
            Overlay::Form(_) => keys::EDITOR,
            Overlay::Cell(c) if c.picker.is_some() => keys::PICKER,
            Overlay::Cell(_) => keys::CELL,
            Overlay::Status(_) | Overlay::Deployment(_) => keys::MENU,
            Overlay::Confirm { .. } => keys::CONFIRM,
            Overlay::History(_) => keys::HISTORY,
        }
    }

    /// Whether closing it would lose what the operator typed: a changed form, or the
    /// form a record's form was opened from.
    #[must_use]
    pub fn unsaved(&self) -> bool {
        match self {
            Overlay::Form(f) => f.dirty(),
            _ => false,
        }
    }

    /// Whether a request the overlay waits for is in flight.
    #[must_use]
    pub fn busy(&self) -> bool {
        match self {
            Overlay::Loading { .. } => true,
            Overlay::Form(f) => {
                let top = f.top();
                top.form.pending.is_some() || top.reload.is_some()
            }
            Overlay::Cell(c) => c.pending.is_some(),
            Overlay::Deployment(d) => d.pending.is_some(),
            Overlay::Confirm { pending, .. } => pending.is_some(),
            Overlay::History(h) => h.seq.is_some(),
            Overlay::Status(_) => false,
        }
    }
}

/// Where a list's table is drawn, and its selected cell, for an inline cell edit.
#[derive(Debug, Clone, Copy)]
pub struct Table {
    pub area: Rect,
    pub cell: Option<Rect>,
    pub label: &'static str,
}

/// Draws `overlay` over `body`; `table` is where the list under it is drawn.
pub fn render(frame: &mut Frame, body: Rect, overlay: &Overlay, table: Table, theme: Theme) {
    match overlay {
        Overlay::Loading { .. } => {}
        Overlay::Form(f) => render_form(frame, body, f, theme),
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
        Overlay::Cell(c) => render_cell(frame, body, table, c, theme),
    }
}

/// A form, and the record's form opened from its picker on top of it.
fn render_form(frame: &mut Frame, body: Rect, f: &FormOverlay, theme: Theme) {
    f.form.render(frame, body, forms::hint(f, theme), theme);
    if let Some(child) = &f.child {
        // Inset, so that the form it will return to shows around it.
        let inset = dialog::centered(body, 72, body.height.saturating_sub(2));
        render_form(frame, inset, child, theme);
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

fn render_cell(frame: &mut Frame, body: Rect, table: Table, c: &CellEdit, theme: Theme) {
    if let Some(p) = &c.picker {
        p.render(frame, body, theme);
        return;
    }
    let label = table.label;
    // In place: over the cell when its place is known, else on the table's top border.
    let t = table.area;
    let row = table
        .cell
        .unwrap_or_else(|| Rect::new(t.x + 1, t.y, t.width.saturating_sub(2), 1));
    let wide = Rect::new(row.x, row.y, row.width.max(24), 1).intersection(body);
    c.input
        .render(frame, wide, "", 0, c.pending.is_none(), theme);
    let note_y = t.bottom().saturating_sub(1);
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
    let r = Rect::new(t.x + 1, note_y, t.width.saturating_sub(2), 1);
    frame.render_widget(Paragraph::new(note), r);
}
