//! The reference records an operator manages from their tabs: customers, partners, sales
//! reps, engineers, product codes and portal users. One public API over every kind
//! ([`RecordKind`], [`RecordInput`]): read, create, edit (version-checked, audited), delete
//! while nothing refers to it, retire and restore. Reads need `ViewData`, writes
//! `EditReferenceData`.

pub mod companies;
pub mod kind;
pub mod partners;
pub mod people;
pub mod portal_users;
pub mod product_codes;

use self::kind::Kind;
use super::{ServiceError, authorize};
use crate::auth::Actor;
use crate::db::DbConnection;
use crate::domain::Permission;
pub use crate::domain::company_input::{CompanyForm, CompanyInput};
pub use crate::domain::reference_input::{
    PartnerInput, PersonInput, PortalUserInput, ProductInput,
};

/// Runs `$body` with `$k` the [`Kind`] of `$kind`.
macro_rules! dispatch {
    ($kind:expr, $k:ident => $body:expr) => {
        match $kind {
            RecordKind::Company => {
                type $k = companies::Companies;
                $body
            }
            RecordKind::Partner => {
                type $k = partners::Partners;
                $body
            }
            RecordKind::SalesRep => {
                type $k = people::SalesReps;
                $body
            }
            RecordKind::Engineer => {
                type $k = people::Engineers;
                $body
            }
            RecordKind::ProductCode => {
                type $k = product_codes::ProductCodes;
                $body
            }
            RecordKind::PortalUser => {
                type $k = portal_users::PortalUsers;
                $body
            }
        }
    };
}

/// Runs `$body` with `$k` the [`Kind`] and `$i` the typed input of `$input`.
macro_rules! with_input {
    ($input:expr, $k:ident, $i:ident => $body:expr) => {
        match $input {
            RecordInput::Company($i) => {
                type $k = companies::Companies;
                $body
            }
            RecordInput::Partner($i) => {
                type $k = partners::Partners;
                $body
            }
            RecordInput::SalesRep($i) => {
                type $k = people::SalesReps;
                $body
            }
            RecordInput::Engineer($i) => {
                type $k = people::Engineers;
                $body
            }
            RecordInput::ProductCode($i) => {
                type $k = product_codes::ProductCodes;
                $body
            }
            RecordInput::PortalUser($i) => {
                type $k = portal_users::PortalUsers;
                $body
            }
        }
    };
}

/// A kind of reference record.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum RecordKind {
    Company,
    Partner,
    SalesRep,
    Engineer,
    ProductCode,
    PortalUser,
}

impl RecordKind {
    /// The entity as audit rows name it.
    #[must_use]
    pub fn entity(self) -> &'static str {
        match self {
            RecordKind::Company => "company",
            RecordKind::Partner => "partner",
            RecordKind::SalesRep => "sales_rep",
            RecordKind::Engineer => "engineer",
            RecordKind::ProductCode => "product_code",
            RecordKind::PortalUser => "portal_user",
        }
    }

    /// What messages call one: "sales rep".
    #[must_use]
    pub fn noun(self) -> &'static str {
        match self {
            RecordKind::Company => "company",
            RecordKind::Partner => "partner",
            RecordKind::SalesRep => "sales rep",
            RecordKind::Engineer => "engineer",
            RecordKind::ProductCode => "product code",
            RecordKind::PortalUser => "portal user",
        }
    }

    /// How the kind is retired and restored: ("archive", "unarchive").
    #[must_use]
    pub fn retire_verbs(self) -> (&'static str, &'static str) {
        dispatch!(self, K => K::RETIRE.actions)
    }
}

/// A record as typed into its form.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum RecordInput {
    Company(CompanyInput),
    Partner(PartnerInput),
    SalesRep(PersonInput),
    Engineer(PersonInput),
    ProductCode(ProductInput),
    PortalUser(PortalUserInput),
}

impl RecordInput {
    #[must_use]
    pub fn kind(&self) -> RecordKind {
        match self {
            RecordInput::Company(_) => RecordKind::Company,
            RecordInput::Partner(_) => RecordKind::Partner,
            RecordInput::SalesRep(_) => RecordKind::SalesRep,
            RecordInput::Engineer(_) => RecordKind::Engineer,
            RecordInput::ProductCode(_) => RecordKind::ProductCode,
            RecordInput::PortalUser(_) => RecordKind::PortalUser,
        }
    }

    /// An empty form's input of `kind`.
    #[must_use]
    pub fn empty(kind: RecordKind) -> Self {
        match kind {
            RecordKind::Company => RecordInput::Company(CompanyInput::default()),
            RecordKind::Partner => RecordInput::Partner(PartnerInput::default()),
            RecordKind::SalesRep => RecordInput::SalesRep(PersonInput::default()),
            RecordKind::Engineer => RecordInput::Engineer(PersonInput::default()),
            RecordKind::ProductCode => RecordInput::ProductCode(ProductInput::default()),
            RecordKind::PortalUser => RecordInput::PortalUser(PortalUserInput::default()),
        }
    }

    /// What messages call the record: its name, code or email.
    #[must_use]
    pub fn name(&self) -> String {
        with_input!(self, K, i => K::name_of(i))
    }
}

/// A stored record as its form needs it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Record {
    pub id: i64,
    pub version: i32,
    /// Archived, deactivated or disabled.
    pub retired: bool,
    pub input: RecordInput,
    /// A portal user's company, by name (the form's picker shows it).
    pub company: Option<String>,
}

impl Record {
    #[must_use]
    pub fn kind(&self) -> RecordKind {
        self.input.kind()
    }
}

/// The record `id` of `kind`.
///
/// # Errors
/// Forbidden (needs `ViewData`), not found, or database errors.
pub fn get(
    conn: &mut DbConnection,
    actor: &Actor,
    kind: RecordKind,
    id: i64,
) -> Result<Record, ServiceError> {
    authorize(actor, Permission::ViewData)?;
    let stored = dispatch!(kind, K => {
        let s = kind::get::<K>(conn, id)?;
        kind::Stored {
            input: K::wrap(s.input),
            version: s.version,
            retired: s.retired,
        }
    });
    let company = match &stored.input {
        RecordInput::PortalUser(u) => super::refs::company(conn, u.company_id.unwrap_or_default())?,
        _ => None,
    };
    Ok(Record {
        id,
        version: stored.version,
        retired: stored.retired,
        input: stored.input,
        company,
    })
}

/// Creates the record; returns its id.
///
/// # Errors
/// Forbidden (needs `EditReferenceData`), field errors (a taken name, email or code names
/// its holder), or database errors.
pub fn create(
    conn: &mut DbConnection,
    actor: &Actor,
    input: &RecordInput,
) -> Result<i64, ServiceError> {
    authorize(actor, Permission::EditReferenceData)?;
    with_input!(input, K, i => kind::create::<K>(conn, actor, i))
}

/// Saves an edit of the record `id` made on `expected_version`; returns the new version.
///
/// # Errors
/// Forbidden, field errors, not found, [`ServiceError::Stale`] (someone saved first), or
/// database errors.
pub fn update(
    conn: &mut DbConnection,
    actor: &Actor,
    id: i64,
    expected_version: i32,
    input: &RecordInput,
) -> Result<i32, ServiceError> {
    authorize(actor, Permission::EditReferenceData)?;
    with_input!(input, K, i => kind::update::<K>(conn, actor, id, expected_version, i))
}

/// Deletes a record nothing refers to.
///
/// # Errors
/// Forbidden, a refusal saying what refers to it, not found, stale, or database errors.
pub fn delete(
    conn: &mut DbConnection,
    actor: &Actor,
    kind: RecordKind,
    id: i64,
    expected_version: i32,
) -> Result<(), ServiceError> {
    authorize(actor, Permission::EditReferenceData)?;
    dispatch!(kind, K => kind::delete::<K>(conn, actor, id, expected_version))
}

/// Archives, deactivates or disables (`retired`) the record, or restores it; returns the
/// new version.
///
/// # Errors
/// Forbidden, not found, stale, or database errors.
pub fn set_retired(
    conn: &mut DbConnection,
    actor: &Actor,
    kind: RecordKind,
    id: i64,
    expected_version: i32,
    retired: bool,
) -> Result<i32, ServiceError> {
    authorize(actor, Permission::EditReferenceData)?;
    dispatch!(kind, K => kind::set_retired::<K>(conn, actor, id, expected_version, retired))
}
