//! The one shape of a write: load the row with its version, check the version the operator
//! opened, let the use case validate and plan the change, update with
//! `WHERE id = ? AND version = ?` (bumping the version), and write the audit row with the
//! field-level before/after, all in one transaction. A lost optimistic lock rolls the
//! transaction back and becomes [`ServiceError::Stale`] naming who saved first and when;
//! a plan that finds nothing to change writes nothing. A save repeated after its first
//! try's commit went unanswered (the connection died) is recognised when that try landed:
//! the row is one version on, by this author, and already holds the plan's values.
//! Deadlocks and lock wait timeouts run the transaction again ([`retry::transaction`]). [`create`] is the insert
//! counterpart (insert, read back the id, audit row).
//!
//! Generic over the table through [`Versioned`] and [`NewRow`], implemented per table by one
//! line in its model file (`db/models/<entity>.rs`), beside a `*Changes` changeset:
//!
//! ```ignore
//! #[derive(Debug, Clone, Default, AsChangeset)]
//! #[diesel(table_name = companies)]
//! pub struct CompanyChanges { pub name: Option<String>, pub notes: Option<String> }
//!
//! versioned!(Company, CompanyChanges, companies, "company");
//! new_row!(NewCompany, companies, "company");
//! ```
//!
//! ```ignore
//! // A use case: authorize, validate, then one call.
//! let saved = write::update::<Company>(conn, actor.into(), id, expected_version, |conn, row| {
//!     let before = input_of(row);
//!     if before == input {
//!         return Ok(None); // nothing to change: nothing is written
//!     }
//!     check_country(conn, &input)?; // refusals are errors, the transaction rolls back
//!     Ok(Some(Change {
//!         set: CompanyChanges { name: Some(input.name.clone()), ..Default::default() },
//!         action: "update",
//!         audit: audit::diff(audit_fields(&before), audit_fields(&input)),
//!     }))
//! })?;
//! Ok(saved.version)
//! ```

use diesel::prelude::*;

use super::ServiceError;
use super::audit::{self, Author, FieldChange};
use super::stale::{latest_author, stale};
use crate::db::models::{NewRow, Versioned};
use crate::db::{DbConnection, now, retry};

/// A change a use case plans for a row of `R`, given the row as it is.
pub struct Change<'a, R: Versioned> {
    /// The columns to set; `version` and `updated_at` are set by the write.
    pub set: R::Changes,
    /// The audit row's action: `update`, `status`, `purchase:renewal` ...
    pub action: &'a str,
    /// The audit row's fields, before and after.
    pub audit: Vec<FieldChange<'a>>,
}

/// What an update did.
#[derive(Debug, Clone)]
pub struct Saved<R> {
    /// The row as it was before the change.
    pub before: R,
    /// The row's version now: one more than the version opened, or that same version when
    /// nothing was written.
    pub version: i32,
    /// Whether the plan changed anything.
    pub written: bool,
}

/// Inside a write's transaction: a failure, or the optimistic lock lost on a row.
/// [`transaction`] turns the second into [`ServiceError::Stale`].
#[derive(Debug)]
pub enum TxError {
    Lost { entity: &'static str, id: i64 },
    Failed(ServiceError),
}

/// A lost optimistic lock is never run again: it goes to the operator.
impl crate::db::retry::Transient for TxError {
    fn is_transient(&self) -> bool {
        match self {
            TxError::Lost { .. } => false,
            TxError::Failed(e) => e.is_transient(),
        }
    }
}

impl From<ServiceError> for TxError {
    fn from(e: ServiceError) -> Self {
        TxError::Failed(e)
    }
}

impl From<diesel::result::Error> for TxError {
    fn from(e: diesel::result::Error) -> Self {
        TxError::Failed(e.into())
    }
}

impl From<crate::domain::DomainError> for TxError {
    fn from(e: crate::domain::DomainError) -> Self {
        TxError::Failed(e.into())
    }
}

/// Runs `body` in one transaction: for use cases that write more than one row around a
/// version-checked one ([`update_in`], [`delete_in`]). A deadlock or lock wait timeout
/// runs it again ([`retry::transaction`]). A lost lock rolls everything back and is
/// reported as [`ServiceError::Stale`], read after the transaction has ended (inside it, a
/// MySQL snapshot would not see the other save).
///
/// # Errors
/// Stale, or `body`'s error.
pub fn transaction<T>(
    conn: &mut DbConnection,
    body: impl FnMut(&mut DbConnection) -> Result<T, TxError>,
) -> Result<T, ServiceError> {
    match retry::transaction(conn, body) {
        Ok(v) => Ok(v),
        Err(TxError::Lost { entity, id }) => Err(stale(conn, entity, id)),
        Err(TxError::Failed(e)) => Err(e),
    }
}

/// The row `id` of `R`, or [`ServiceError::NotFound`] (`license #12`).
///
/// # Errors
/// Not found, or database errors.
pub fn load<R: Versioned>(conn: &mut DbConnection, id: i64) -> Result<R, ServiceError> {
    R::find(conn, id)?.ok_or_else(|| ServiceError::NotFound(format!("{} #{id}", R::ENTITY)))
}

/// The row `id`, provided it is still at `expected_version`.
fn current<R: Versioned>(
    conn: &mut DbConnection,
    id: i64,
    expected_version: i32,
) -> Result<R, TxError> {
    let row: R = load(conn, id)?;
    if row.version() == expected_version {
        Ok(row)
    } else {
        Err(lost::<R>(id))
    }
}

fn lost<R: Versioned>(id: i64) -> TxError {
    TxError::Lost {
        entity: R::ENTITY,
        id,
    }
}

/// A version-checked update in its own transaction; see the module documentation.
/// `plan` gets the row as stored and returns the change, `None` for nothing to change, or
/// an error (a refusal) that rolls everything back.
///
/// # Errors
/// Not found, [`ServiceError::Stale`] when the row is no longer at `expected_version`,
/// `plan`'s error, or database errors.
pub fn update<'a, R: Versioned>(
    conn: &mut DbConnection,
    by: Author,
    id: i64,
    expected_version: i32,
    mut plan: impl FnMut(&mut DbConnection, &R) -> Result<Option<Change<'a, R>>, ServiceError>,
) -> Result<Saved<R>, ServiceError> {
    transaction(conn, |conn| {
        update_in(conn, by, id, expected_version, &mut plan)
    })
}

/// [`update`] inside the caller's [`transaction`], for use cases that write more rows.
///
/// # Errors
/// As [`update`], the lost lock as [`TxError::Lost`].
pub fn update_in<'a, R: Versioned>(
    conn: &mut DbConnection,
    by: Author,
    id: i64,
    expected_version: i32,
    plan: impl FnOnce(&mut DbConnection, &R) -> Result<Option<Change<'a, R>>, ServiceError>,
) -> Result<Saved<R>, TxError> {
    let row: R = load(conn, id)?;
    if row.version() != expected_version {
        return landed_before(conn, by, id, expected_version, row, plan);
    }
    let Some(change) = plan(conn, &row)? else {
        return Ok(Saved {
            version: row.version(),
            before: row,
            written: false,
        });
    };
    if R::update_if_current(conn, id, expected_version, &change.set, now())? == 0 {
        return Err(lost::<R>(id));
    }
    audit::record(
        conn,
        by.operator_id(id),
        R::ENTITY,
        id,
        change.action,
        &change.audit,
    )?;
    Ok(Saved {
        before: row,
        version: expected_version + 1,
        written: true,
    })
}

/// The save again after its first try's outcome was unknown (the connection went during
/// the commit): when that try did commit, the row is one version on, its latest change is
/// this author's, and the plan finds nothing left to change (the row holds what the
/// operator asked for). That is this save, reported as saved, with nothing written again.
/// Anything else is someone else's save: the lost lock, as always.
fn landed_before<'a, R: Versioned>(
    conn: &mut DbConnection,
    by: Author,
    id: i64,
    expected_version: i32,
    row: R,
    plan: impl FnOnce(&mut DbConnection, &R) -> Result<Option<Change<'a, R>>, ServiceError>,
) -> Result<Saved<R>, TxError> {
    let own = row.version() == expected_version + 1
        && latest_author(conn, R::ENTITY, id)? == Some(by.operator_id(id))
        && matches!(plan(conn, &row), Ok(None));
    if !own {
        return Err(lost::<R>(id));
    }
    tracing::info!(
        "{} #{id}: version {} is this save's own",
        R::ENTITY,
        row.version()
    );
    Ok(Saved {
        version: row.version(),
        before: row,
        written: false,
    })
}

/// A version-checked delete in its own transaction, audited as `delete`. `check` gets the
/// row as stored and returns the audit row's fields (before, and nothing after), or an
/// error (a refusal) that rolls everything back. Returns the deleted row.
///
/// # Errors
/// Not found, stale, `check`'s error, or database errors.
pub fn delete<'a, R: Versioned>(
    conn: &mut DbConnection,
    by: Author,
    id: i64,
    expected_version: i32,
    mut check: impl FnMut(&mut DbConnection, &R) -> Result<Vec<FieldChange<'a>>, ServiceError>,
) -> Result<R, ServiceError> {
    transaction(conn, |conn| {
        delete_in(conn, by, id, expected_version, &mut check)
    })
}

/// [`delete`] inside the caller's [`transaction`].
///
/// # Errors
/// As [`delete`], the lost lock as [`TxError::Lost`].
pub fn delete_in<'a, R: Versioned>(
    conn: &mut DbConnection,
    by: Author,
    id: i64,
    expected_version: i32,
    check: impl FnOnce(&mut DbConnection, &R) -> Result<Vec<FieldChange<'a>>, ServiceError>,
) -> Result<R, TxError> {
    let row: R = current(conn, id, expected_version)?;
    let changes = check(conn, &row)?;
    if R::delete_if_current(conn, id, expected_version)? == 0 {
        return Err(lost::<R>(id));
    }
    audit::record(conn, by.operator_id(id), R::ENTITY, id, "delete", &changes)?;
    Ok(row)
}

/// How long after a create its repeat may still be the same create.
const REPEAT_WINDOW_MINUTES: i64 = 10;

/// The ids of the rows of `entity` that `actor` created in the last minutes, newest first
/// (a few): where a create repeated after an unanswered commit looks for itself.
///
/// # Errors
/// Database errors.
pub fn recent_creates(
    conn: &mut DbConnection,
    actor: &crate::auth::Actor,
    entity: &str,
) -> QueryResult<Vec<i64>> {
    use crate::db::schema::audit_log;
    let since = now() - chrono::Duration::minutes(REPEAT_WINDOW_MINUTES);
    audit_log::table
        .filter(audit_log::entity.eq(entity))
        .filter(audit_log::action.eq("create"))
        .filter(audit_log::operator_id.eq(actor.operator_id))
        .filter(audit_log::at.ge(since))
        .order(audit_log::id.desc())
        .select(audit_log::entity_id)
        .limit(5)
        .load(conn)
}

/// Inserts `new` in the caller's transaction, reads back its id, runs `then` (what else
/// the new row needs, such as a key derived from its id) and writes the audit row
/// (action `create`) with the fields `then` returns. Returns the id.
///
/// # Errors
/// Database errors (the insert's own, such as a unique key taken, come as
/// [`ServiceError::Database`]), or `then`'s error.
pub fn create<'a, N: NewRow>(
    conn: &mut DbConnection,
    by: Author,
    new: &N,
    then: impl FnOnce(&mut DbConnection, i64) -> Result<Vec<FieldChange<'a>>, ServiceError>,
) -> Result<i64, ServiceError> {
    create_as(conn, by, "create", new, then)
}

/// [`create`] with the audit row's action named (`import:FILE` for an imported row).
///
/// # Errors
/// As [`create`].
pub fn create_as<'a, N: NewRow>(
    conn: &mut DbConnection,
    by: Author,
    action: &str,
    new: &N,
    then: impl FnOnce(&mut DbConnection, i64) -> Result<Vec<FieldChange<'a>>, ServiceError>,
) -> Result<i64, ServiceError> {
    let id = new.insert(conn)?;
    let changes = then(conn, id)?;
    audit::record(conn, by.operator_id(id), N::ENTITY, id, action, &changes)?;
    Ok(id)
}
