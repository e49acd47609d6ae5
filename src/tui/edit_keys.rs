//! The license workflows' part of `App::update` for keys: starting an action from the
//! Licenses or Deployments tab (after checking the operator's role), and keys while a form,
//! picker, menu, confirmation, history or cell edit is open.

use ratatui::crossterm::event::{KeyCode, KeyEvent};

use super::app::{App, Screen};
use super::edits::EditRequest;
use super::keymap::Action;
use super::screens::forms::{self, Purpose};
use super::screens::history::HistoryView;
use super::screens::overlay::{CellEdit, DeploymentMenu, Intent, Overlay, StatusMenu};
use super::widgets::picker::Picker;
use super::widgets::status_bar::Status;
use super::worker::Request;
use crate::db::queries::license_list::COLUMNS;
use crate::domain::{LicenseStatus, Permission, fields};
use crate::service::ServiceError;
use crate::service::browse::Entity;

/// The cell cursor moves over these columns of the license list (not the generated key).
const FIRST_EDITABLE: usize = 1;
const HISTORY_PAGE: i32 = 10;

fn permission(action: Action) -> Option<Permission> {
    Some(match action {
        Action::NewLicense
        | Action::EditLicense
        | Action::StatusMenu
        | Action::DeleteLicense
        | Action::EditCell => Permission::EditLicenses,
        Action::Purchase => Permission::RecordPurchases,
        Action::ScheduleDeployment | Action::AdvanceDeployment | Action::EditDeployment => {
            Permission::ManageDeployments
        }
        Action::History => Permission::ViewAudit,
        _ => return None,
    })
}

impl App {
    /// Queues an edit request as the signed-in operator; its sequence number.
    fn edit(&mut self, edit: EditRequest) -> Option<u64> {
        let actor = self.actor.clone()?;
        Some(self.outbox.send(Request::Edit { actor, edit }))
    }

    pub(super) fn set_overlay(&mut self, overlay: Option<Overlay>) {
        if let Screen::Main(b) = &mut self.screen {
            b.overlay = overlay.map(Box::new);
        }
    }

    /// A workflow key on a list tab: checks the role, then opens what the action needs.
    pub(super) fn start_action(&mut self, action: Action) {
        if let Some(p) = permission(action)
            && !self.actor.as_ref().is_some_and(|a| a.role.allows(p))
        {
            let e = ServiceError::Forbidden { permission: p };
            self.status = Some(Status::error(e.to_string()));
            return;
        }
        let today = self.today;
        let Screen::Main(b) = &mut self.screen else {
            return;
        };
        let columns = COLUMNS.len();
        match action {
            Action::CellRight => {
                b.cell = Some(b.cell.map_or(FIRST_EDITABLE, |c| {
                    if c + 1 >= columns {
                        FIRST_EDITABLE
                    } else {
                        c + 1
                    }
                }));
                return;
            }
            Action::CellLeft => {
                b.cell = Some(b.cell.map_or(columns - 1, |c| {
                    if c <= FIRST_EDITABLE {
                        columns - 1
                    } else {
                        c - 1
                    }
                }));
                return;
            }
            Action::NewLicense => {
                b.overlay = Some(Box::new(Overlay::Form(Box::new(forms::new_license(today)))));
                return;
            }
            _ => {}
        }
        let Some(row) = b.tab().and_then(|t| t.selected_row()) else {
            self.status = Some(Status::error("nothing selected".to_owned()));
            return;
        };
        let (id, key) = (row.id, row.cells.first().cloned().unwrap_or_default());
        let intent = match action {
            Action::EditLicense => Intent::Edit,
            Action::StatusMenu => Intent::Status,
            Action::Purchase => Intent::Purchase,
            Action::ScheduleDeployment => Intent::Schedule,
            Action::DeleteLicense => Intent::Delete,
            Action::AdvanceDeployment => Intent::DeploymentStatus,
            Action::EditDeployment => Intent::DeploymentEdit,
            Action::EditCell => {
                let Some(c) = b.cell else {
                    b.cell = Some(FIRST_EDITABLE);
                    self.status = Some(Status::info(
                        "← → choose the cell, then Enter or i edits it".to_owned(),
                    ));
                    return;
                };
                Intent::Cell(c)
            }
            Action::History => {
                if let Some(seq) = self.edit(EditRequest::History { license_id: id }) {
                    self.set_overlay(Some(Overlay::History(HistoryView::new(key, seq))));
                }
                return;
            }
            _ => return,
        };
        let request = if b.entity() == Entity::Deployments {
            EditRequest::Deployment { id }
        } else {
            EditRequest::License { id }
        };
        if let Some(seq) = self.edit(request) {
            self.set_overlay(Some(Overlay::Loading { seq, intent }));
        }
    }

    /// A key while an overlay is open.
    pub(super) fn overlay_key(&mut self, action: Option<Action>, key: &KeyEvent) {
        let Screen::Main(b) = &mut self.screen else {
            return;
        };
        let Some(overlay) = b.overlay.take() else {
            return;
        };
        let next = match *overlay {
            Overlay::Loading { .. } if action == Some(Action::Cancel) => None,
            o @ (Overlay::Loading { .. }
            | Overlay::Confirm {
                pending: Some(_), ..
            }) => Some(o),
            Overlay::Form(mut f) => self
                .form_key(&mut f, action, key)
                .then_some(Overlay::Form(f)),
            Overlay::Status(s) => self.status_key(s, action),
            Overlay::Deployment(mut d) => self
                .deployment_key(&mut d, action, key)
                .then_some(Overlay::Deployment(d)),
            Overlay::Confirm {
                question,
                request,
                pending: None,
            } => match action {
                Some(Action::Yes) => {
                    let pending = self.edit(request.clone());
                    Some(Overlay::Confirm {
                        question,
                        request,
                        pending,
                    })
                }
                Some(Action::No) => None,
                _ => Some(Overlay::Confirm {
                    question,
                    request,
                    pending: None,
                }),
            },
            Overlay::History(mut h) => match action {
                Some(Action::Cancel) => None,
                Some(a) => {
                    h.scroll_by(match a {
                        Action::Down => 1,
                        Action::Up => -1,
                        Action::PageDown => HISTORY_PAGE,
                        Action::PageUp => -HISTORY_PAGE,
                        _ => 0,
                    });
                    Some(Overlay::History(h))
                }
                None => Some(Overlay::History(h)),
            },
            Overlay::Cell(mut c) => self
                .cell_key(&mut c, action, key)
                .then_some(Overlay::Cell(c)),
        };
        self.set_overlay(next);
    }

    /// Keys of an open picker; returns whether it stays open and what Enter chose.
    fn picker_key(
        &mut self,
        picker: &mut Picker,
        action: Option<Action>,
        key: &KeyEvent,
    ) -> PickerOutcome {
        match action {
            Some(Action::Down) => picker.down(),
            Some(Action::Up) => picker.up(),
            Some(Action::Cancel) => return PickerOutcome::Cancelled,
            Some(Action::Choose) => {
                if let Some(choice) = picker.chosen() {
                    return PickerOutcome::Chosen(choice);
                }
            }
            Some(_) => {}
            None => {
                if picker.on_key(key) {
                    self.search(picker);
                }
            }
        }
        PickerOutcome::Open
    }

    pub(super) fn search(&mut self, picker: &mut Picker) {
        picker.seq = self.edit(EditRequest::Options {
            kind: picker.kind,
            text: picker.query.value().to_owned(),
        });
    }

    /// Keys of a form; returns whether it stays open.
    fn form_key(
        &mut self,
        f: &mut forms::FormOverlay,
        action: Option<Action>,
        key: &KeyEvent,
    ) -> bool {
        if let Some(mut picker) = f.form.picker.take() {
            match self.picker_key(&mut picker, action, key) {
                PickerOutcome::Open => f.form.picker = Some(picker),
                PickerOutcome::Chosen(choice) => f.form.choose(choice),
                PickerOutcome::Cancelled => {}
            }
            return true;
        }
        if f.form.confirm_discard {
            match action {
                Some(Action::Yes) => return false,
                Some(Action::No) => f.form.confirm_discard = false,
                _ => {}
            }
            return true;
        }
        match action {
            Some(Action::NextField) => f.form.next(),
            Some(Action::PrevField) => f.form.prev(),
            Some(Action::Submit) if f.form.on_reference() => self.open_picker(f, ""),
            Some(Action::Submit | Action::Save) => self.save_form(f),
            Some(Action::Cancel) if f.form.pending.is_none() => {
                if !f.form.dirty() {
                    return false;
                }
                f.form.confirm_discard = true;
            }
            Some(Action::ReloadRecord) => {
                if !f.form.stale {
                    self.status = Some(Status::info(
                        "Ctrl-R reloads after a save was refused as changed by someone else"
                            .to_owned(),
                    ));
                    return true;
                }
                let request = match f.purpose {
                    Purpose::EditLicense { id, .. } => EditRequest::License { id },
                    Purpose::Purchase { license_id, .. } => EditRequest::License { id: license_id },
                    Purpose::EditDeployment { id, .. } => EditRequest::Deployment { id },
                    Purpose::NewLicense | Purpose::Schedule { .. } => return true,
                };
                f.reload = self.edit(request);
            }
            Some(_) => {}
            None => {
                if f.form.on_key(key) {
                    let typed = match key.code {
                        ratatui::crossterm::event::KeyCode::Char(c) => c.to_string(),
                        _ => String::new(),
                    };
                    self.open_picker(f, &typed);
                }
            }
        }
        true
    }

    fn open_picker(&mut self, f: &mut forms::FormOverlay, query: &str) {
        if let Some(mut picker) = f.form.picker_for_focus(query) {
            self.search(&mut picker);
            f.form.picker = Some(picker);
        }
    }

    fn save_form(&mut self, f: &mut forms::FormOverlay) {
        if f.form.pending.is_some() || f.reload.is_some() {
            return;
        }
        match forms::submit(f) {
            Ok(request) => {
                f.form.errors = crate::domain::FieldErrors::new();
                f.form.error = None;
                f.form.pending = self.edit(request);
            }
            Err(errors) => {
                f.form.error = None;
                f.form.errors = errors;
            }
        }
    }

    fn status_key(&mut self, s: StatusMenu, action: Option<Action>) -> Option<Overlay> {
        let mut s = s;
        match action {
            Some(Action::Down) => s.menu.down(),
            Some(Action::Up) => s.menu.up(),
            Some(Action::Cancel) => return None,
            Some(Action::Choose) => {
                let to = LicenseStatus::ALL.get(s.menu.selected).copied();
                match (s.menu.current().and_then(|i| i.refused.clone()), to) {
                    (Some(why), _) => self.status = Some(Status::error(why)),
                    (None, Some(to)) => {
                        let request = EditRequest::SetStatus {
                            id: s.record.id,
                            version: s.record.version,
                            to,
                        };
                        let key = &s.record.license_key;
                        if to == LicenseStatus::Terminated {
                            return Some(Overlay::Confirm {
                                question: format!(
                                    "Terminate {key}? A terminated license is final."
                                ),
                                request,
                                pending: None,
                            });
                        }
                        let pending = self.edit(request.clone());
                        return Some(Overlay::Confirm {
                            question: format!("{key}: setting the status to {to}"),
                            request,
                            pending,
                        });
                    }
                    (None, None) => {}
                }
            }
            _ => {}
        }
        Some(Overlay::Status(s))
    }

    /// Keys of the deployment status menu; returns whether it stays open.
    fn deployment_key(
        &mut self,
        d: &mut DeploymentMenu,
        action: Option<Action>,
        key: &KeyEvent,
    ) -> bool {
        if d.pending.is_some() {
            return true;
        }
        match action {
            Some(Action::Down) => d.menu.down(),
            Some(Action::Up) => d.menu.up(),
            Some(Action::Cancel) => return false,
            Some(Action::Choose) => {
                let to = crate::domain::DeploymentStatus::ALL
                    .get(d.menu.selected)
                    .copied();
                if let Some(why) = d.menu.current().and_then(|i| i.refused.clone()) {
                    d.error = Some(why);
                    return true;
                }
                match (fields::parse_date("date", d.date.value()), to) {
                    (Err(e), _) => d.error = Some(e.to_string()),
                    (Ok(on), Some(to)) => {
                        d.error = None;
                        d.pending = self.edit(EditRequest::Advance {
                            id: d.record.id,
                            version: d.record.version,
                            to,
                            on,
                        });
                    }
                    (Ok(_), None) => {}
                }
            }
            Some(_) => {}
            // A date: digits and `-` only; editing keys (Backspace, arrows) pass.
            None => match key.code {
                KeyCode::Char(c) if !(c.is_ascii_digit() || c == '-') => {}
                _ => {
                    d.date.handle_key(key);
                }
            },
        }
        true
    }

    /// Keys of an inline cell edit; returns whether it stays open.
    fn cell_key(&mut self, c: &mut CellEdit, action: Option<Action>, key: &KeyEvent) -> bool {
        if c.pending.is_some() {
            return true;
        }
        if let Some(mut picker) = c.picker.take() {
            match self.picker_key(&mut picker, action, key) {
                PickerOutcome::Open => c.picker = Some(picker),
                PickerOutcome::Cancelled => return false,
                PickerOutcome::Chosen(choice) => {
                    let mut form = c.record.form();
                    let id = choice.map(|(id, _)| id);
                    match c.column {
                        1 => form.company_id = id,
                        2 => form.product_code_id = id,
                        7 => form.partner_id = id,
                        _ => form.sales_rep_id = id,
                    }
                    self.save_cell(c, &form);
                }
            }
            return true;
        }
        match action {
            Some(Action::Cancel) => return false,
            Some(Action::Save) => {
                let mut form = c.record.form();
                let text = c.input.value().to_owned();
                match c.column {
                    4 => form.seats = text,
                    5 => form.start_date = text,
                    _ => form.end_date = text,
                }
                self.save_cell(c, &form);
            }
            Some(_) => {}
            None => {
                c.input.handle_key(key);
            }
        }
        true
    }

    fn save_cell(&mut self, c: &mut CellEdit, form: &crate::domain::license_input::LicenseForm) {
        match form.parse() {
            Ok(input) => {
                c.error = None;
                c.pending = self.edit(EditRequest::SaveLicense {
                    id: Some((c.record.id, c.record.version)),
                    input,
                });
            }
            Err(e) => c.error = Some(e.to_string()),
        }
    }
}

enum PickerOutcome {
    Open,
    Chosen(crate::tui::widgets::picker::Choice),
    Cancelled,
}
