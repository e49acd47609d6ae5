//! A form open over a list: what it is for (with the ids and version it was opened at),
//! its fields, and the reload in flight after a stale save.

use crate::service::records::RecordKind;
use crate::tui::widgets::edit_form::EditForm;

/// What a form is for, with the ids and the version it was opened at.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Purpose {
    NewLicense,
    EditLicense {
        id: i64,
        version: i32,
    },
    Purchase {
        license_id: i64,
        version: i32,
    },
    Schedule {
        license_id: i64,
    },
    EditDeployment {
        id: i64,
        version: i32,
        license_id: i64,
    },
    /// A new customer, partner, rep, engineer, product code or portal user.
    NewRecord(RecordKind),
    EditRecord {
        kind: RecordKind,
        id: i64,
        version: i32,
    },
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FormOverlay {
    pub purpose: Purpose,
    pub form: EditForm,
    /// Ctrl-R's reload in flight (after a stale save).
    pub reload: Option<u64>,
    /// A record's form opened from this form's picker ("+ New company…"): on save, the
    /// new record is chosen in the field that asked for it.
    pub child: Option<Box<FormOverlay>>,
}

impl FormOverlay {
    /// The form the operator is typing in: the innermost child.
    #[must_use]
    pub fn top(&self) -> &FormOverlay {
        self.child.as_deref().map_or(self, FormOverlay::top)
    }

    /// Whether this form or one opened from it was changed.
    #[must_use]
    pub fn dirty(&self) -> bool {
        self.form.dirty() || self.child.as_ref().is_some_and(|c| c.dirty())
    }

    /// The form the operator is typing in, to change it.
    pub fn top_mut(&mut self) -> &mut FormOverlay {
        match self.child {
            Some(ref mut child) => child.top_mut(),
            None => self,
        }
    }
}
