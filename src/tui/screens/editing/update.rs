//! Keys while a form, picker, menu, confirmation, history or cell edit is open over a
//! list. A key changes the overlay and may send a request; the overlay closes when the
//! function returns `None` for it.

use ratatui::crossterm::event::{KeyCode, KeyEvent};

use super::forms::{self, Purpose};
use super::keys::OverlayKey;
use super::overlay::{CellEdit, CellTarget, DeploymentMenu, Overlay, StatusMenu};
use super::record_form;
use super::requests::Request;
use crate::domain::{LicenseStatus, fields};
use crate::tui::keys::lookup;
use crate::tui::screens::Ctx;
use crate::tui::widgets::picker::Picker;

const HISTORY_PAGE: i32 = 10;

/// Queues an editing request; its sequence number, for the field that waits for it.
pub fn send(ctx: &mut Ctx, request: Request) -> Option<u64> {
    Some(ctx.send(request))
}

/// A key while an overlay is open.
pub fn key(slot: &mut Option<Box<Overlay>>, ctx: &mut Ctx, key: &KeyEvent) {
    let Some(overlay) = slot.take() else {
        return;
    };
    let action = lookup(overlay.keys(), key);
    let next = match *overlay {
        Overlay::Loading { .. } if action == Some(OverlayKey::Cancel) => None,
        o @ (Overlay::Loading { .. }
        | Overlay::Confirm {
            pending: Some(_), ..
        }) => Some(o),
        Overlay::Form(mut f) => form_key(ctx, &mut f, action, key).then_some(Overlay::Form(f)),
        Overlay::Status(s) => status_key(ctx, s, action),
        Overlay::Deployment(d) => deployment_key(ctx, d, action, key),
        Overlay::Confirm {
            question,
            request,
            pending: None,
        } => match action {
            Some(OverlayKey::Yes) => {
                let pending = send(ctx, request.clone());
                Some(Overlay::Confirm {
                    question,
                    request,
                    pending,
                })
            }
            Some(OverlayKey::No) => None,
            _ => Some(Overlay::Confirm {
                question,
                request,
                pending: None,
            }),
        },
        Overlay::History(mut h) => match action {
            Some(OverlayKey::Cancel) => None,
            Some(a) => {
                h.scroll_by(match a {
                    OverlayKey::Down => 1,
                    OverlayKey::Up => -1,
                    OverlayKey::PageDown => HISTORY_PAGE,
                    OverlayKey::PageUp => -HISTORY_PAGE,
                    _ => 0,
                });
                Some(Overlay::History(h))
            }
            None => Some(Overlay::History(h)),
        },
        Overlay::Cell(mut c) => cell_key(ctx, &mut c, action, key).then_some(Overlay::Cell(c)),
    };
    *slot = next.map(Box::new);
}

/// Keys of an open picker; returns whether it stays open and what Enter chose.
fn picker_key(
    ctx: &mut Ctx,
    picker: &mut Picker,
    action: Option<OverlayKey>,
    key: &KeyEvent,
) -> PickerOutcome {
    match action {
        Some(OverlayKey::Down) => picker.down(),
        Some(OverlayKey::Up) => picker.up(),
        Some(OverlayKey::Cancel) => return PickerOutcome::Cancelled,
        Some(OverlayKey::Choose) => {
            if picker.wants_new() {
                return PickerOutcome::New;
            }
            if let Some(choice) = picker.chosen() {
                return PickerOutcome::Chosen(choice);
            }
        }
        Some(_) => {}
        None => {
            if picker.on_key(key) {
                search(ctx, picker);
            }
        }
    }
    PickerOutcome::Open
}

pub fn search(ctx: &mut Ctx, picker: &mut Picker) {
    picker.seq = send(
        ctx,
        Request::Options {
            kind: picker.kind,
            text: picker.query.value().to_owned(),
        },
    );
}

/// Keys of a form; returns whether it stays open.
fn form_key(
    ctx: &mut Ctx,
    f: &mut forms::FormOverlay,
    action: Option<OverlayKey>,
    key: &KeyEvent,
) -> bool {
    if let Some(child) = f.child.as_deref_mut() {
        if !form_key(ctx, child, action, key) {
            f.child = None;
        }
        return true;
    }
    if let Some(mut picker) = f.form.picker.take() {
        match picker_key(ctx, &mut picker, action, key) {
            PickerOutcome::Open => f.form.picker = Some(picker),
            PickerOutcome::Chosen(choice) => f.form.choose(choice),
            PickerOutcome::New => f.child = new_from_picker(&picker).map(Box::new),
            PickerOutcome::Cancelled => {}
        }
        return true;
    }
    if f.form.confirm_discard {
        match action {
            Some(OverlayKey::Yes) => return false,
            Some(OverlayKey::No) => f.form.confirm_discard = false,
            _ => {}
        }
        return true;
    }
    match action {
        Some(OverlayKey::NextField) => f.form.next(),
        Some(OverlayKey::PrevField) => f.form.prev(),
        Some(OverlayKey::Submit) if f.form.on_reference() => open_picker(ctx, f, ""),
        Some(OverlayKey::Submit | OverlayKey::Save) => save_form(ctx, f),
        Some(OverlayKey::Cancel) if f.form.pending.is_none() => {
            if !f.form.dirty() {
                return false;
            }
            f.form.confirm_discard = true;
        }
        Some(OverlayKey::ReloadRecord) => {
            if !f.form.stale {
                ctx.info("Ctrl-R reloads after a save was refused as changed by someone else");
                return true;
            }
            let request = match f.purpose {
                Purpose::EditLicense { id, .. } => Request::License { id },
                Purpose::Purchase { license_id, .. } => Request::License { id: license_id },
                Purpose::EditDeployment { id, .. } => Request::Deployment { id },
                Purpose::EditRecord { kind, id, .. } => Request::Record { kind, id },
                Purpose::NewLicense | Purpose::Schedule { .. } | Purpose::NewRecord(_) => {
                    return true;
                }
            };
            f.reload = send(ctx, request);
        }
        Some(_) => {}
        None => {
            if f.form.on_key(key) {
                let typed = match key.code {
                    ratatui::crossterm::event::KeyCode::Char(c) => c.to_string(),
                    _ => String::new(),
                };
                open_picker(ctx, f, &typed);
            }
        }
    }
    true
}

/// The form of the record "+ New …" adds, its name (or code) taken from the search typed.
fn new_from_picker(picker: &Picker) -> Option<forms::FormOverlay> {
    let kind = record_form::record_kind(picker.kind)?;
    let mut child = record_form::new_record(kind);
    let first = child.form.fields.first().map(|f| f.key);
    if let Some(first) = first {
        child.form.set_text(first, picker.query.value().trim());
    }
    Some(child)
}

fn open_picker(ctx: &mut Ctx, f: &mut forms::FormOverlay, query: &str) {
    if let Some(mut picker) = f.form.picker_for_focus(query) {
        // Adding the record a form needs without leaving it, where the role may.
        if record_form::record_kind(picker.kind).is_some()
            && ctx.allows(crate::domain::Permission::EditReferenceData)
        {
            picker = picker.offering_new();
        }
        search(ctx, &mut picker);
        f.form.picker = Some(picker);
    }
}

fn save_form(ctx: &mut Ctx, f: &mut forms::FormOverlay) {
    if f.form.pending.is_some() || f.reload.is_some() {
        return;
    }
    match forms::submit(f) {
        Ok(request) => {
            f.form.errors = crate::domain::FieldErrors::new();
            f.form.error = None;
            f.form.pending = send(ctx, request);
        }
        Err(errors) => {
            f.form.error = None;
            f.form.errors = errors;
        }
    }
}

fn status_key(ctx: &mut Ctx, s: StatusMenu, action: Option<OverlayKey>) -> Option<Overlay> {
    let mut s = s;
    match action {
        Some(OverlayKey::Down) => s.menu.down(),
        Some(OverlayKey::Up) => s.menu.up(),
        Some(OverlayKey::Cancel) => return None,
        Some(OverlayKey::Choose) => {
            let to = LicenseStatus::ALL.get(s.menu.selected).copied();
            match (s.menu.current().and_then(|i| i.refused.clone()), to) {
                (Some(why), _) => ctx.error(why),
                (None, Some(to)) => {
                    let request = Request::SetStatus {
                        id: s.record.id,
                        version: s.record.version,
                        to,
                    };
                    let key = &s.record.license_key;
                    if to == LicenseStatus::Terminated {
                        return Some(Overlay::Confirm {
                            question: format!("Terminate {key}? A terminated license is final."),
                            request,
                            pending: None,
                        });
                    }
                    let pending = send(ctx, request.clone());
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

/// Keys of the deployment status menu: what is open next. A final step (completed,
/// failed, cancelled) cannot be undone, so it asks first.
fn deployment_key(
    ctx: &mut Ctx,
    mut d: DeploymentMenu,
    action: Option<OverlayKey>,
    key: &KeyEvent,
) -> Option<Overlay> {
    if d.pending.is_some() {
        return Some(Overlay::Deployment(d));
    }
    match action {
        Some(OverlayKey::Down) => d.menu.down(),
        Some(OverlayKey::Up) => d.menu.up(),
        Some(OverlayKey::Cancel) => return None,
        Some(OverlayKey::Choose) => {
            let to = crate::domain::DeploymentStatus::ALL
                .get(d.menu.selected)
                .copied();
            if let Some(why) = d.menu.current().and_then(|i| i.refused.clone()) {
                d.error = Some(why);
                return Some(Overlay::Deployment(d));
            }
            match (fields::parse_date("date", d.date.value()), to) {
                (Err(e), _) => d.error = Some(e.to_string()),
                (Ok(on), Some(to)) => {
                    let request = Request::Advance {
                        id: d.record.id,
                        version: d.record.version,
                        to,
                        on,
                    };
                    if to.is_final() {
                        return Some(Overlay::Confirm {
                            question: format!(
                                "Mark deployment #{} of {} {} on {on}? This is final.",
                                d.record.id,
                                d.record.license_key,
                                to.label()
                            ),
                            request,
                            pending: None,
                        });
                    }
                    d.error = None;
                    d.pending = send(ctx, request);
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
    Some(Overlay::Deployment(d))
}

/// Keys of an inline cell edit; returns whether it stays open.
fn cell_key(ctx: &mut Ctx, c: &mut CellEdit, action: Option<OverlayKey>, key: &KeyEvent) -> bool {
    if c.pending.is_some() {
        return true;
    }
    if let Some(mut picker) = c.picker.take() {
        match picker_key(ctx, &mut picker, action, key) {
            PickerOutcome::Open => c.picker = Some(picker),
            PickerOutcome::Cancelled | PickerOutcome::New => return false,
            PickerOutcome::Chosen(choice) => match &mut c.target {
                CellTarget::License(record) => {
                    let mut form = record.form();
                    let id = choice.map(|(id, _)| id);
                    match c.column {
                        1 => form.company_id = id,
                        2 => form.product_code_id = id,
                        7 => form.partner_id = id,
                        _ => form.sales_rep_id = id,
                    }
                    save_license_cell(ctx, c, &form);
                }
                CellTarget::Record { form, field } => {
                    form.form.set_ref(field, choice);
                    save_record_cell(ctx, c);
                }
            },
        }
        return true;
    }
    match action {
        Some(OverlayKey::Cancel) => return false,
        Some(OverlayKey::Save) => {
            let text = c.input.value().to_owned();
            match &mut c.target {
                CellTarget::License(record) => {
                    let mut form = record.form();
                    match c.column {
                        4 => form.seats = text,
                        5 => form.start_date = text,
                        _ => form.end_date = text,
                    }
                    save_license_cell(ctx, c, &form);
                }
                CellTarget::Record { form, field } => {
                    form.form.set_text(field, &text);
                    save_record_cell(ctx, c);
                }
            }
        }
        Some(_) => {}
        None => {
            c.input.handle_key(key);
        }
    }
    true
}

fn save_license_cell(
    ctx: &mut Ctx,
    c: &mut CellEdit,
    form: &crate::domain::license_input::LicenseForm,
) {
    let CellTarget::License(record) = &c.target else {
        return;
    };
    match form.parse() {
        Ok(input) => {
            c.error = None;
            c.pending = send(
                ctx,
                Request::SaveLicense {
                    id: Some((record.id, record.version)),
                    input,
                },
            );
        }
        Err(e) => c.error = Some(e.to_string()),
    }
}

/// Saves a reference record's cell through its form: the field's own error, if any.
pub fn save_record_cell(ctx: &mut Ctx, c: &mut CellEdit) {
    let CellTarget::Record { form, field } = &c.target else {
        return;
    };
    match forms::submit(form) {
        Ok(request) => {
            c.error = None;
            c.pending = send(ctx, request);
        }
        Err(e) => c.error = Some(e.get(field).map_or_else(|| e.to_string(), str::to_owned)),
    }
}

enum PickerOutcome {
    Open,
    /// "+ New …": open that record's form.
    New,
    Chosen(crate::tui::widgets::picker::Choice),
    Cancelled,
}
