//! The license workflows' part of `App::update` for worker replies: records that open a
//! form or menu, picker choices, the outcome of a save, the history. A reply that no open
//! overlay waits for is dropped. After a save the list, its count and the detail refresh.

use super::app::{App, Screen};
use super::edits::{EditError, EditReply, Saved};
use super::paging::TabState;
use super::screens::browse::Browse;
use super::screens::forms::{self, Purpose};
use super::screens::overlay::{self, CellEdit, DeploymentMenu, Intent, Overlay, StatusMenu};
use super::widgets::input::TextInput;
use super::widgets::picker::Picker;
use super::widgets::status_bar::Status;
use crate::db::queries::license_list::Sort;
use crate::db::queries::options::RefKind;
use crate::domain::LicenseStatus;
use crate::service::browse::Entity;
use crate::service::deployments::DeploymentRecord;
use crate::service::licenses::LicenseRecord;

impl App {
    pub(super) fn edit_reply(&mut self, seq: u64, reply: EditReply) {
        let Screen::Main(b) = &mut self.screen else {
            return;
        };
        let Some(overlay) = b.overlay.take() else {
            return;
        };
        let overlay = *overlay;
        let next = match reply {
            EditReply::Options { result, .. } => Some(options_arrived(overlay, seq, result)),
            EditReply::License(result) => self.license_arrived(overlay, seq, result),
            EditReply::Deployment(result) => self.deployment_arrived(overlay, seq, result),
            EditReply::Saved(result) => self.saved(overlay, seq, result),
            EditReply::History(result) => Some(match overlay {
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
        self.set_overlay(next);
    }

    fn license_arrived(
        &mut self,
        overlay: Overlay,
        seq: u64,
        result: Result<Box<LicenseRecord>, String>,
    ) -> Option<Overlay> {
        match overlay {
            Overlay::Loading { seq: s, intent } if s == seq => match result {
                Ok(r) => self.open_for(intent, r),
                Err(e) => {
                    self.status = Some(Status::error(e));
                    None
                }
            },
            Overlay::Form(mut f) if f.reload == Some(seq) => {
                f.reload = None;
                match result {
                    Ok(r) => {
                        let keep = f.form.clone();
                        *f = match f.purpose {
                            // A purchase is new: the input stays, only the version moves on.
                            Purpose::Purchase { .. } => {
                                let mut again = forms::purchase(&r, self.today);
                                again.form.fields = keep.fields;
                                again.form.focus = keep.focus;
                                again
                            }
                            _ => forms::edit_license(&r),
                        };
                        self.status = Some(Status::info(format!(
                            "reloaded {} (version {}); apply your change again",
                            r.license_key, r.version
                        )));
                    }
                    Err(e) => f.form.error = Some(e),
                }
                Some(Overlay::Form(f))
            }
            other => Some(other),
        }
    }

    fn deployment_arrived(
        &mut self,
        overlay: Overlay,
        seq: u64,
        result: Result<Box<DeploymentRecord>, String>,
    ) -> Option<Overlay> {
        match overlay {
            Overlay::Loading { seq: s, intent } if s == seq => match (result, intent) {
                (Ok(d), Intent::DeploymentEdit) => {
                    Some(Overlay::Form(Box::new(forms::edit_deployment(&d))))
                }
                (Ok(d), _) => Some(Overlay::Deployment(DeploymentMenu {
                    menu: overlay::deployment_menu(&d),
                    record: d,
                    date: TextInput::new(false).with_value(&self.today.to_string()),
                    pending: None,
                    error: None,
                })),
                (Err(e), _) => {
                    self.status = Some(Status::error(e));
                    None
                }
            },
            Overlay::Form(mut f) if f.reload == Some(seq) => {
                f.reload = None;
                match result {
                    Ok(d) => {
                        *f = forms::edit_deployment(&d);
                        self.status = Some(Status::info(format!(
                            "reloaded deployment #{} (version {}); apply your change again",
                            d.id, d.version
                        )));
                    }
                    Err(e) => f.form.error = Some(e),
                }
                Some(Overlay::Form(f))
            }
            other => Some(other),
        }
    }

    /// The overlay an action opens once its license is read.
    fn open_for(&mut self, intent: Intent, r: Box<LicenseRecord>) -> Option<Overlay> {
        let today = self.today;
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
                    self.status = Some(Status::error(format!(
                        "{} is {}: only a draft without purchases can be deleted; terminate it instead (s)",
                        r.license_key, r.status
                    )));
                    return None;
                }
                Some(Overlay::Confirm {
                    question: format!("Delete the draft {}? This cannot be undone.", r.license_key),
                    request: crate::tui::edits::EditRequest::Delete {
                        id: r.id,
                        version: r.version,
                    },
                    pending: None,
                })
            }
            Intent::Cell(column) => self.open_cell(column, r),
            Intent::DeploymentStatus | Intent::DeploymentEdit => None,
        }
    }

    fn open_cell(&mut self, column: usize, r: Box<LicenseRecord>) -> Option<Overlay> {
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
                self.status = Some(Status::error(
                    "the license key is generated; it cannot be edited".to_owned(),
                ));
                return None;
            }
        };
        let picker = picker.map(|mut p| {
            self.search(&mut p);
            p
        });
        Some(Overlay::Cell(CellEdit {
            record: r,
            column,
            input: TextInput::new(false).with_value(&text),
            picker,
            pending: None,
            error: None,
        }))
    }

    fn saved(
        &mut self,
        overlay: Overlay,
        seq: u64,
        result: Result<Saved, EditError>,
    ) -> Option<Overlay> {
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
                self.after_save(&saved);
                return None;
            }
            Err(e) => e,
        };
        match overlay {
            Overlay::Form(mut f) => {
                f.form.pending = None;
                match error {
                    EditError::Fields(fe) => f.form.errors = fe,
                    EditError::Stale(m) => {
                        f.form.error = Some(m);
                        f.form.stale = true;
                    }
                    EditError::Other(m) => f.form.error = Some(m),
                }
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
                self.status = Some(Status::error(error.text()));
                None
            }
        }
    }

    /// Says what happened and refreshes the list, its count and the detail pane.
    fn after_save(&mut self, saved: &Saved) {
        self.status = Some(Status::info(saved.message.clone()));
        let Screen::Main(b) = &mut self.screen else {
            return;
        };
        for tab in &mut b.tabs {
            tab.total = None;
            tab.count_seq = None;
        }
        b.detail.detail = None;
        b.detail.want = None;
        b.detail.seq = None;
        // A new license is the last row of the unfiltered list in id order: go there.
        // Under a filter or another order it may sit anywhere, or be filtered out.
        let to_new = saved.created
            && b.tab_mut().is_some_and(|t| {
                t.entity == Entity::Licenses
                    && t.query.filter.is_empty()
                    && t.query.sort == Sort::default()
            });
        if to_new {
            self.fetch_page(TabState::last_fetch());
        } else {
            self.reload_page();
        }
        self.fetch_count();
    }
}

fn options_arrived(
    overlay: Overlay,
    seq: u64,
    result: Result<Vec<(i64, String)>, String>,
) -> Overlay {
    match overlay {
        Overlay::Form(mut f) => {
            if let Some(p) = &mut f.form.picker {
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
pub(super) fn failed(b: &mut Browse, seq: u64, error: &str) {
    let Some(o) = &mut b.overlay else {
        return;
    };
    match o.as_mut() {
        Overlay::Loading { seq: s, .. } if *s == seq => b.overlay = None,
        Overlay::Form(f) => {
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
        Overlay::Confirm { pending, .. } if *pending == Some(seq) => b.overlay = None,
        Overlay::History(h) if h.seq == Some(seq) => {
            h.seq = None;
            h.error = Some(error.to_owned());
        }
        _ => {}
    }
}
