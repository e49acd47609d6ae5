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
}
