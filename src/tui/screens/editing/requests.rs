//! The editing component's requests: read a record for editing, search the pickers'
//! choices, write through the service layer, or read a license's history. Replies keep field errors and "changed by someone else" apart from other
//! errors, so the form can show each where it belongs.

use chrono::NaiveDate;

use crate::auth::Actor;
use crate::db::DbConnection;
use crate::domain::deployment_input::DeploymentInput;
use crate::domain::license_input::LicenseInput;
use crate::domain::purchase_input::PurchaseInput;
use crate::domain::{DeploymentStatus, FieldErrors, LicenseStatus, license_key};
use crate::service::deployments::{self, DeploymentRecord};
use crate::service::history::{self, HistoryEntry};
use crate::service::licenses::{self, LicenseRecord};
use crate::service::options::RefKind;
use crate::service::records::{self, Record, RecordInput, RecordKind};
use crate::service::{ServiceError, options, purchases};
use crate::tui::format;
use crate::tui::screens::{Job, signed_in};

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Request {
    /// A picker's choices for the typed text.
    Options {
        kind: RefKind,
        text: String,
    },
    /// A license as the forms need it (values, names, version).
    License {
        id: i64,
    },
    Deployment {
        id: i64,
    },
    /// Create (`id` None) or update the license `id` read at `version`.
    SaveLicense {
        id: Option<(i64, i32)>,
        input: LicenseInput,
    },
    SetStatus {
        id: i64,
        version: i32,
        to: LicenseStatus,
    },
    Delete {
        id: i64,
        version: i32,
    },
    /// A purchase against the license read at `version`.
    Purchase {
        version: i32,
        input: PurchaseInput,
    },
    Schedule {
        input: DeploymentInput,
    },
    SaveDeployment {
        id: i64,
        version: i32,
        input: DeploymentInput,
    },
    Advance {
        id: i64,
        version: i32,
        to: DeploymentStatus,
        on: NaiveDate,
    },
    History {
        license_id: i64,
    },
    /// One record's history (`entity` as the audit log names it).
    RecordHistory {
        entity: &'static str,
        id: i64,
    },
    /// A reference record as its form needs it.
    Record {
        kind: RecordKind,
        id: i64,
    },
    /// Create (`id` None) or update the record `id` read at `version`.
    SaveRecord {
        id: Option<(i64, i32)>,
        input: RecordInput,
    },
    DeleteRecord {
        kind: RecordKind,
        id: i64,
        version: i32,
    },
    /// Archive, deactivate or disable (`retired`), or restore.
    RetireRecord {
        kind: RecordKind,
        id: i64,
        version: i32,
        retired: bool,
    },
}

/// Why a write did not happen.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum EditError {
    /// Shown next to the fields.
    Fields(FieldErrors),
    /// Another operator saved first: who and when (local time), worded for the form.
    Stale(String),
    /// Anything else, worded for the operator (refusals, forbidden, database errors).
    Other(String),
}

impl EditError {
    #[must_use]
    pub fn from_service(e: ServiceError) -> Self {
        match e {
            ServiceError::Fields(f) => EditError::Fields(f),
            ServiceError::Stale { by, at } => EditError::Stale(format!(
                "not saved: {by} changed it at {} since you opened it",
                format::local_time(at)
            )),
            other => EditError::Other(other.to_string()),
        }
    }

    /// One line for the status bar.
    #[must_use]
    pub fn text(&self) -> String {
        match self {
            EditError::Fields(f) => f.to_string(),
            EditError::Stale(s) | EditError::Other(s) => s.clone(),
        }
    }
}

/// A write that happened: what to tell the operator, and the license it touched.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Saved {
    pub message: String,
    pub license_id: Option<i64>,
    /// A new license: the list moves to it.
    pub created: bool,
    /// A new reference record: what a picker that asked for it selects.
    pub new_record: Option<(RecordKind, i64, String)>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Reply {
    Options {
        kind: RefKind,
        result: Result<Vec<(i64, String)>, String>,
    },
    License(Result<Box<LicenseRecord>, String>),
    Deployment(Result<Box<DeploymentRecord>, String>),
    Saved(Result<Saved, EditError>),
    History(Result<Vec<HistoryEntry>, String>),
    Record(Result<Box<Record>, String>),
}

fn saved(message: String, license_id: Option<i64>) -> Saved {
    Saved {
        message,
        license_id,
        created: false,
        new_record: None,
    }
}

impl Job for Request {
    type Reply = Reply;

    /// A newer search supersedes a queued one.
    fn slot(&self) -> Option<&'static str> {
        matches!(self, Request::Options { .. }).then_some("options")
    }

    fn run(self, conn: &mut DbConnection, actor: Option<&Actor>) -> Reply {
        match signed_in(actor) {
            Ok(actor) => execute(conn, actor, self),
            Err(e) => Reply::Saved(Err(EditError::Other(e))),
        }
    }

    /// A new license or deployment whose first save went unanswered at its commit: when
    /// this operator made one with these very values moments ago, that was it; reported
    /// as saved, not made twice. Reference records refuse a second of the same name
    /// anyway, and edits are checked by their version.
    fn run_repeat(self, conn: &mut DbConnection, actor: Option<&Actor>) -> Reply {
        let Ok(actor) = signed_in(actor) else {
            return self.run(conn, None);
        };
        let landed = match &self {
            Request::SaveLicense { id: None, input } => licenses::landed_create(conn, actor, input)
                .map(|id| {
                    id.map(|id| Saved {
                        created: true,
                        ..saved(format!("created {}", license_key(id)), Some(id))
                    })
                }),
            Request::Schedule { input } => {
                deployments::landed_schedule(conn, actor, input).map(|id| {
                    id.map(|did| {
                        let key = license_key(input.license_id);
                        saved(
                            format!("scheduled deployment #{did} for {key}"),
                            Some(input.license_id),
                        )
                    })
                })
            }
            _ => Ok(None),
        };
        match landed {
            Ok(Some(saved)) => Reply::Saved(Ok(saved)),
            Ok(None) => execute(conn, actor, self),
            Err(e) => Reply::Saved(Err(EditError::from_service(e))),
        }
    }
}

/// Runs one edit request on `conn` as `actor`.
fn execute(conn: &mut DbConnection, actor: &Actor, request: Request) -> Reply {
    let text = |e: ServiceError| e.to_string();
    let write = |r: Result<Saved, ServiceError>| Reply::Saved(r.map_err(EditError::from_service));
    match request {
        Request::Options { kind, text: typed } => Reply::Options {
            kind,
            result: options::search(conn, actor, kind, &typed).map_err(text),
        },
        Request::License { id } => {
            Reply::License(licenses::get(conn, actor, id).map(Box::new).map_err(text))
        }
        Request::Deployment { id } => Reply::Deployment(
            deployments::get(conn, actor, id)
                .map(Box::new)
                .map_err(text),
        ),
        Request::SaveLicense { id: None, input } => {
            write(licenses::create(conn, actor, &input).map(|id| Saved {
                created: true,
                ..saved(format!("created {}", license_key(id)), Some(id))
            }))
        }
        Request::SaveLicense {
            id: Some((id, version)),
            input,
        } => write(
            licenses::update(conn, actor, id, version, &input)
                .map(|v| saved(format!("saved {} (version {v})", license_key(id)), Some(id))),
        ),
        Request::SetStatus { id, version, to } => write(
            licenses::set_status(conn, actor, id, version, to)
                .map(|_| saved(format!("{} is now {to}", license_key(id)), Some(id))),
        ),
        Request::Delete { id, version } => write(
            licenses::delete(conn, actor, id, version)
                .map(|()| saved(format!("deleted {}", license_key(id)), Some(id))),
        ),
        Request::Purchase { version, input } => {
            let id = input.license_id;
            let kind = input.kind;
            write(
                purchases::record(conn, actor, version, &input).map(|(pid, _)| {
                    saved(
                        format!("recorded {kind} purchase #{pid} on {}", license_key(id)),
                        Some(id),
                    )
                }),
            )
        }
        Request::Schedule { input } => {
            let id = input.license_id;
            write(deployments::schedule(conn, actor, &input).map(|did| {
                saved(
                    format!("scheduled deployment #{did} for {}", license_key(id)),
                    Some(id),
                )
            }))
        }
        Request::SaveDeployment { id, version, input } => write(
            deployments::update(conn, actor, id, version, &input)
                .map(|_| saved(format!("saved deployment #{id}"), Some(input.license_id))),
        ),
        Request::Advance {
            id,
            version,
            to,
            on,
        } => write(
            deployments::advance(conn, actor, id, version, to, on).map(|_| {
                saved(
                    format!("deployment #{id} is now {} ({on})", to.label()),
                    None,
                )
            }),
        ),
        Request::History { license_id } => {
            Reply::History(history::license_history(conn, actor, license_id).map_err(text))
        }
        Request::RecordHistory { entity, id } => {
            Reply::History(history::record_history(conn, actor, entity, id).map_err(text))
        }
        Request::Record { .. }
        | Request::SaveRecord { .. }
        | Request::DeleteRecord { .. }
        | Request::RetireRecord { .. } => record(conn, actor, request),
    }
}

/// The reference record requests of [`execute`].
fn record(conn: &mut DbConnection, actor: &Actor, request: Request) -> Reply {
    let write = |r: Result<Saved, ServiceError>| Reply::Saved(r.map_err(EditError::from_service));
    match request {
        Request::Record { kind, id } => Reply::Record(
            records::get(conn, actor, kind, id)
                .map(Box::new)
                .map_err(|e| e.to_string()),
        ),
        Request::SaveRecord { id: None, input } => {
            let (kind, name) = (input.kind(), input.name());
            write(records::create(conn, actor, &input).map(|id| Saved {
                new_record: Some((kind, id, name.clone())),
                ..saved(format!("created the {} {name}", kind.noun()), None)
            }))
        }
        Request::SaveRecord {
            id: Some((id, version)),
            input,
        } => write(
            records::update(conn, actor, id, version, &input)
                .map(|v| saved(format!("saved {} (version {v})", input.name()), None)),
        ),
        Request::DeleteRecord { kind, id, version } => write(
            records::delete(conn, actor, kind, id, version)
                .map(|()| saved(format!("deleted {} #{id}", kind.noun()), None)),
        ),
        Request::RetireRecord {
            kind,
            id,
            version,
            retired,
        } => {
            let (retire, restore) = kind.retire_verbs();
            let verb = if retired { retire } else { restore };
            write(
                records::set_retired(conn, actor, kind, id, version, retired)
                    .map(|_| saved(format!("{verb}d {} #{id}", kind.noun()), None)),
            )
        }
        _ => Reply::Saved(Err(EditError::Other("not a record request".to_owned()))),
    }
}
