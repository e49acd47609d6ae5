//! Replies for what is open over a list: records that open a form or menu, picker
//! choices, the outcome of a save, the history. A reply that no open overlay waits for is
//! dropped.

use super::forms::{self, FormOverlay, Purpose};
use super::overlay::{self, CellEdit, CellTarget, DeploymentMenu, Intent, Overlay, StatusMenu};
use super::record_form;
use super::requests::{EditError, Reply, Request, Saved};
use super::update::search;
use crate::domain::LicenseStatus;
use crate::service::deployments::DeploymentRecord;
use crate::service::licenses::LicenseRecord;
use crate::service::options::RefKind;
use crate::service::records::Record;
use crate::tui::screens::Ctx;
use crate::tui::widgets::edit_form::EditForm;
use crate::tui::widgets::input::TextInput;
use crate::tui::widgets::picker::Picker;

/// A reply for the overlay; the write it reports, when one happened (the overlay is
/// then closed and the screen refreshes what it shows).
pub fn reply(
    slot: &mut Option<Box<Overlay>>,
    ctx: &mut Ctx,
    seq: u64,
    reply: Reply,
) -> Option<Saved> {
    let overlay = slot.take()?;
    let mut done = None;
    let overlay = *overlay;
    let next = match reply {
        Reply::Options { result, .. } => Some(options_arrived(overlay, seq, result)),
        Reply::License(result) => license_arrived(ctx, overlay, seq, result),
        Reply::Deployment(result) => deployment_arrived(ctx, overlay, seq, result),
        Reply::Record(result) => record_arrived(ctx, overlay, seq, result),
        Reply::Saved(result) => saved(ctx, overlay, seq, result, &mut done),
        Reply::History(result) => Some(match overlay {
            Overlay::History(mut h) if h.seq == Some(seq) => {
                h.seq = None;
                match result {
                    Ok(v) => h.entries = Some(v),
                    Err(e) => h.error = Some(e),
                }
                Overlay::History(h)
            }
            other => other,
        }),
    };
    *slot = next.map(Box::new);
    done
}

/// A record read for an overlay: on the wait an action started, `open` makes what the
/// action opens; on a form's Ctrl-R after a stale save, `reload` makes the form again
/// (from the form as it was) and names the record. Anything else is left as it is.
fn arrived<R>(
    ctx: &mut Ctx,
    overlay: Overlay,
    seq: u64,
    result: Result<Box<R>, String>,
    open: impl FnOnce(&mut Ctx, Intent, Box<R>) -> Option<Overlay>,
    reload: impl FnOnce(&Ctx, &FormOverlay, &R) -> (FormOverlay, String),
) -> Option<Overlay> {
    match overlay {
        Overlay::Loading { seq: s, intent } if s == seq => match result {
            Ok(r) => open(ctx, intent, r),
            Err(e) => {
                ctx.error(e);
                None
            }
        },
        Overlay::Form(mut f) if f.reload == Some(seq) => {
            f.reload = None;
            match result {
                Ok(r) => {
                    let (again, what) = reload(ctx, &f, &r);
                    *f = again;
                    ctx.info(format!("reloaded {what}; apply your change again"));
                }
                Err(e) => f.form.error = Some(e),
            }
            Some(Overlay::Form(f))
        }
        other => Some(other),
    }
}

fn license_arrived(
    ctx: &mut Ctx,
    overlay: Overlay,
    seq: u64,
    result: Result<Box<LicenseRecord>, String>,
) -> Option<Overlay> {
    arrived(ctx, overlay, seq, result, open_for, |ctx, f, r| {
        let again = match f.purpose {
            // A purchase is new: the input stays, only the version moves on.
            Purpose::Purchase { .. } => {
                let mut again = forms::purchase(r, ctx.today);
                again.form.fields.clone_from(&f.form.fields);
                again.form.focus = f.form.focus;
                again
            }
            _ => forms::edit_license(r),
        };
        (again, format!("{} (version {})", r.license_key, r.version))
    })
}

fn deployment_arrived(
    ctx: &mut Ctx,
    overlay: Overlay,
    seq: u64,
    result: Result<Box<DeploymentRecord>, String>,
) -> Option<Overlay> {
    let open = |ctx: &mut Ctx, intent, d: Box<DeploymentRecord>| {
        Some(if intent == Intent::DeploymentEdit {
            Overlay::Form(Box::new(forms::edit_deployment(&d)))
        } else {
            Overlay::Deployment(DeploymentMenu {
                menu: overlay::deployment_menu(&d),
                record: d,
                date: TextInput::new(false).with_value(&ctx.today.to_string()),
                pending: None,
                error: None,
            })
        })
    };
    arrived(ctx, overlay, seq, result, open, |_, _, d| {
        let what = format!("deployment #{} (version {})", d.id, d.version);
        (forms::edit_deployment(d), what)
    })
}

/// A reference record read for its form, a cell edit, its deletion or retirement, or a
/// reload after a stale save.
fn record_arrived(
    ctx: &mut Ctx,
    overlay: Overlay,
    seq: u64,
    result: Result<Box<Record>, String>,
) -> Option<Overlay> {
    arrived(ctx, overlay, seq, result, open_record, |_, _, r| {
        let what = format!("{} (version {})", r.input.name(), r.version);
        (record_form::edit_record(r), what)
    })
}

/// The overlay an action on a reference record opens once the record is read.
#[allow(clippy::needless_pass_by_value)] // the shape `arrived` calls
fn open_record(ctx: &mut Ctx, intent: Intent, r: Box<Record>) -> Option<Overlay> {
    let kind = r.kind();
    let name = r.input.name();
    match intent {
        Intent::RecordDelete => Some(Overlay::Confirm {
            question: format!("Delete the {} {name}? This cannot be undone.", kind.noun()),
            request: Request::DeleteRecord {
                kind,
                id: r.id,
                version: r.version,
            },
            pending: None,
        }),
        Intent::RecordRetire => {
            let (retire, restore) = kind.retire_verbs();
            let verb = if r.retired { restore } else { retire };
            let why = if r.retired {
                "It comes back to pickers and default lists."
            } else {
                "It leaves pickers and default lists; history keeps it."
            };
            Some(Overlay::Confirm {
                question: format!("{} the {} {name}? {why}", capitalized(verb), kind.noun()),
                request: Request::RetireRecord {
                    kind,
                    id: r.id,
                    version: r.version,
                    retired: !r.retired,
                },
                pending: None,
            })
        }
        Intent::RecordCell(column, field) => open_record_cell(ctx, column, field, &r),
        _ => Some(Overlay::Form(Box::new(record_form::edit_record(&r)))),
    }
}

fn capitalized(word: &str) -> String {
    let mut c = word.chars();
    c.next()
        .map(|f| f.to_uppercase().chain(c).collect())
        .unwrap_or_default()
}

/// A record's field edited in place: text in a line over the cell, a reference from its
/// picker; a yes/no field is flipped and saved at once.
fn open_record_cell(
    ctx: &mut Ctx,
    column: usize,
    field: &'static str,
    r: &Record,
) -> Option<Overlay> {
    use crate::tui::widgets::edit_form::Value;
    let form = Box::new(record_form::edit_record(r));
    let value = form.form.field(field).map(|f| f.value.clone());
    let mut cell = CellEdit {
        target: CellTarget::Record { form, field },
        column,
        input: TextInput::new(false),
        picker: None,
        pending: None,
        error: None,
    };
    match value {
        Some(Value::Text(t)) => cell.input = TextInput::new(false).with_value(t.value()),
        Some(Value::Ref { kind, optional, .. }) => {
            let mut p = Picker::new(kind, optional, "");
            search(ctx, &mut p);
            cell.picker = Some(p);
        }
        Some(Value::Flag(b)) => {
            if let CellTarget::Record { form, .. } = &mut cell.target {
                form.form.set_flag(field, !b);
            }
            super::update::save_record_cell(ctx, &mut cell);
        }
        Some(Value::Choice { .. }) | None => {
            ctx.error(format!("{field} is edited in the form (e)"));
            return None;
        }
    }
    Some(Overlay::Cell(cell))
}

/// The overlay an action opens once its license is read.
fn open_for(ctx: &mut Ctx, intent: Intent, r: Box<LicenseRecord>) -> Option<Overlay> {
    let today = ctx.today;
    match intent {
        Intent::Edit => Some(Overlay::Form(Box::new(forms::edit_license(&r)))),
        Intent::Purchase => Some(Overlay::Form(Box::new(forms::purchase(&r, today)))),
        Intent::Schedule => Some(Overlay::Form(Box::new(forms::schedule(&r, today)))),
        Intent::Status | Intent::Cell(3) => Some(Overlay::Status(StatusMenu {
            menu: overlay::license_menu(&r, today),
            record: r,
        })),
        Intent::Delete => {
            if r.status != LicenseStatus::Draft {
                ctx.error(format!(
                    "{} is {}: only a draft without purchases can be deleted; terminate it instead (s)",
                    r.license_key, r.status
                ));
                return None;
            }
            Some(Overlay::Confirm {
                question: format!("Delete the draft {}? This cannot be undone.", r.license_key),
                request: Request::Delete {
                    id: r.id,
                    version: r.version,
                },
                pending: None,
            })
        }
        Intent::Cell(column) => open_cell(ctx, column, r),
        Intent::DeploymentStatus
        | Intent::DeploymentEdit
        | Intent::RecordEdit
        | Intent::RecordDelete
        | Intent::RecordRetire
        | Intent::RecordCell(..) => None,
    }
}

fn open_cell(ctx: &mut Ctx, column: usize, r: Box<LicenseRecord>) -> Option<Overlay> {
    let (text, picker) = match column {
        1 => (
            String::new(),
            Some(Picker::new(RefKind::Company, false, "")),
        ),
        2 => (
            String::new(),
            Some(Picker::new(RefKind::ProductCode, false, "")),
        ),
        7 => (String::new(), Some(Picker::new(RefKind::Partner, true, ""))),
        8 => (
            String::new(),
            Some(Picker::new(RefKind::SalesRep, true, "")),
        ),
        4 => (r.input.seats.to_string(), None),
        5 => (r.input.start_date.to_string(), None),
        6 => (r.input.end_date.to_string(), None),
        _ => {
            ctx.error("the license key is generated; it cannot be edited");
            return None;
        }
    };
    let picker = picker.map(|mut p| {
        search(ctx, &mut p);
        p
    });
    Some(Overlay::Cell(CellEdit {
        target: CellTarget::License(r),
        column,
        input: TextInput::new(false).with_value(&text),
        picker,
        pending: None,
        error: None,
    }))
}

fn saved(
    ctx: &mut Ctx,
    mut overlay: Overlay,
    seq: u64,
    result: Result<Saved, EditError>,
    done: &mut Option<Saved>,
) -> Option<Overlay> {
    if let Overlay::Form(f) = &mut overlay
        && child_saved(ctx, f, seq, &result)
    {
        return Some(overlay);
    }
    let waits = match &overlay {
        Overlay::Form(f) => f.form.pending == Some(seq),
        Overlay::Cell(c) => c.pending == Some(seq),
        Overlay::Deployment(d) => d.pending == Some(seq),
        Overlay::Confirm { pending, .. } => *pending == Some(seq),
        _ => false,
    };
    if !waits {
        return Some(overlay);
    }
    let error = match result {
        Ok(saved) => {
            *done = Some(saved);
            return None;
        }
        Err(e) => e,
    };
    match overlay {
        Overlay::Form(mut f) => {
            refused(&mut f.form, error);
            Some(Overlay::Form(f))
        }
        Overlay::Cell(mut c) => {
            c.pending = None;
            c.error = Some(match error {
                EditError::Stale(m) => format!("{m}; Esc, then edit again"),
                other => other.text(),
            });
            Some(Overlay::Cell(c))
        }
        Overlay::Deployment(mut d) => {
            d.pending = None;
            d.error = Some(error.text());
            Some(Overlay::Deployment(d))
        }
        _ => {
            ctx.error(error.text());
            None
        }
    }
}

/// A save the form shows the refusal of, under the fields or for the whole form.
fn refused(form: &mut EditForm, error: EditError) {
    form.pending = None;
    match error {
        EditError::Fields(fe) => form.errors = fe,
        EditError::Stale(m) => {
            form.error = Some(m);
            form.stale = true;
        }
        EditError::Other(m) => form.error = Some(m),
    }
}

/// The save of a record's form opened from a picker under `f` ("+ New …"): once saved,
/// the form that asked chooses the new record and the other tabs hear of it. Returns
/// whether the reply was for such a form.
fn child_saved(
    ctx: &mut Ctx,
    f: &mut FormOverlay,
    seq: u64,
    result: &Result<Saved, EditError>,
) -> bool {
    let Some(child) = f.child.as_deref_mut() else {
        return false;
    };
    if child.form.pending != Some(seq) {
        return child_saved(ctx, child, seq, result);
    }
    match result {
        Ok(saved) => {
            if let Some((_, id, name)) = &saved.new_record {
                f.form.choose(Some((*id, name.clone())));
            }
            ctx.info(saved.message.clone());
            ctx.emit(crate::tui::screens::Effect::DataChanged);
            f.child = None;
        }
        Err(e) => refused(&mut child.form, e.clone()),
    }
    true
}

fn options_arrived(
    overlay: Overlay,
    seq: u64,
    result: Result<Vec<(i64, String)>, String>,
) -> Overlay {
    match overlay {
        Overlay::Form(mut f) => {
            if let Some(p) = &mut f.top_mut().form.picker {
                p.arrived(seq, result);
            }
            Overlay::Form(f)
        }
        Overlay::Cell(mut c) => {
            if let Some(p) = &mut c.picker {
                p.arrived(seq, result);
            }
            Overlay::Cell(c)
        }
        other => other,
    }
}

/// A request the overlay waits for could not be delivered: stop waiting, say why.
pub fn failed(slot: &mut Option<Box<Overlay>>, seq: u64, error: &str) {
    let Some(o) = slot else {
        return;
    };
    match o.as_mut() {
        Overlay::Loading { seq: s, .. } if *s == seq => *slot = None,
        Overlay::Form(f) => {
            let f = f.top_mut();
            if f.form.pending == Some(seq) || f.reload == Some(seq) {
                f.form.pending = None;
                f.reload = None;
                f.form.error = Some(error.to_owned());
            }
            if let Some(p) = &mut f.form.picker {
                p.arrived(seq, Err(error.to_owned()));
            }
        }
        Overlay::Cell(c) => {
            if c.pending == Some(seq) {
                c.pending = None;
                c.error = Some(error.to_owned());
            }
            if let Some(p) = &mut c.picker {
                p.arrived(seq, Err(error.to_owned()));
            }
        }
        Overlay::Deployment(d) if d.pending == Some(seq) => {
            d.pending = None;
            d.error = Some(error.to_owned());
        }
        Overlay::Confirm { pending, .. } if *pending == Some(seq) => *slot = None,
        Overlay::History(h) if h.seq == Some(seq) => {
            h.seq = None;
            h.error = Some(error.to_owned());
        }
        _ => {}
    }
}
