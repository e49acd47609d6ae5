//! The journal of a bulk load that commits as it goes (the MySQL demo load), and the lock
//! that says whether its loader still runs.
//!
//! Before such a load drops an index or writes a row it commits a journal row holding what
//! it will drop ([`begin`]); it marks the row `loaded` in the transaction of its audit row
//! ([`mark_loaded`]) and deletes it once the schema is whole again ([`finish`]). The
//! loader holds a MySQL user lock for its session, which the server frees when the session
//! ends, `kill -9` included. So a journal row whose lock is free is an interrupted load:
//! [`refuse_interrupted`] keeps lms from working on such a database, and the demo module's
//! repair (`lms migrate`, `lms demo`) makes it whole.
//!
//! SQLite loads in one transaction: a load that dies leaves nothing, and no journal row.

use std::fmt;

use chrono::NaiveDateTime;
use diesel::prelude::*;
use diesel::sql_types::{BigInt, Nullable};

use super::schema::load_journal;
use super::{BackendKind, ConnectError, DbConnection, now};

/// The journal row's `state` until every row and the audit row are committed.
pub const LOADING: &str = "loading";
/// The journal row's `state` once they are: only the schema may still be unfinished.
pub const LOADED: &str = "loaded";

/// A load whose journal row is there.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Unfinished {
    pub kind: String,
    /// Every row and the audit row were committed ([`LOADED`]).
    pub rows_complete: bool,
    pub started_at: NaiveDateTime,
    /// Its loader still holds the lock: it is running, not interrupted.
    pub running: bool,
    /// What the load dropped, as the loader wrote it (JSON).
    pub schema_restore: String,
}

impl fmt::Display for Unfinished {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let started = self.started_at.format("%Y-%m-%d %H:%M:%S UTC");
        if self.running {
            return write!(
                f,
                "a {} load started {started} is still running in another session: wait \
                 for it to finish",
                self.kind
            );
        }
        if self.rows_complete {
            write!(
                f,
                "a {} load started {started} was interrupted after its rows were in but \
                 before its indexes were all rebuilt: run `lms migrate` to rebuild them",
                self.kind
            )
        } else {
            write!(
                f,
                "a {} load started {started} was interrupted and left part of its rows: \
                 run `lms migrate` to remove them and restore the indexes it dropped (then \
                 `lms {}` to load again)",
                self.kind, self.kind
            )
        }
    }
}

/// Takes the load lock for this session. `false` when another session holds it. Always
/// `true` on SQLite, whose writers the database itself serialises.
///
/// # Errors
/// Database errors.
pub fn lock(conn: &mut DbConnection) -> QueryResult<bool> {
    lock_call(conn, "GET_LOCK(@lms_load_lock, 0)")
}

/// Frees the lock [`lock`] took.
///
/// # Errors
/// Database errors.
pub fn unlock(conn: &mut DbConnection) -> QueryResult<()> {
    lock_call(conn, "RELEASE_LOCK(@lms_load_lock)").map(|_| ())
}

/// Whether some session holds the load lock of this database.
fn lock_held(conn: &mut DbConnection) -> QueryResult<bool> {
    lock_call(conn, "IS_FREE_LOCK(@lms_load_lock)").map(|free| !free)
}

/// Runs a MySQL lock function on the lock of this database (its name holds the database's
/// name, at most 64 characters); `true` for 1.
fn lock_call(conn: &mut DbConnection, call: &str) -> QueryResult<bool> {
    #[derive(QueryableByName)]
    struct Answer {
        #[diesel(sql_type = Nullable<BigInt>)]
        answer: Option<i64>,
    }
    if conn.kind() == BackendKind::Sqlite {
        return Ok(true);
    }
    diesel::sql_query("SET @lms_load_lock = LEFT(CONCAT('lms_load:', DATABASE()), 64)")
        .execute(conn)?;
    let got: Answer = diesel::sql_query(format!("SELECT {call} AS answer")).get_result(conn)?;
    Ok(got.answer == Some(1))
}

/// Commits the journal row of a `kind` load about to drop what `schema_restore` describes.
///
/// # Errors
/// Database errors.
pub fn begin(conn: &mut DbConnection, kind: &str, schema_restore: &str) -> QueryResult<()> {
    diesel::insert_into(load_journal::table)
        .values((
            load_journal::kind.eq(kind),
            load_journal::state.eq(LOADING),
            load_journal::started_at.eq(now()),
            load_journal::schema_restore.eq(schema_restore),
        ))
        .execute(conn)
        .map(|_| ())
}

/// Marks the journal `loaded`: call it in the transaction that commits the audit row.
///
/// # Errors
/// Database errors.
pub fn mark_loaded(conn: &mut DbConnection) -> QueryResult<()> {
    diesel::update(load_journal::table)
        .set(load_journal::state.eq(LOADED))
        .execute(conn)
        .map(|_| ())
}

/// Deletes the journal: the load is over and the schema whole.
///
/// # Errors
/// Database errors.
pub fn finish(conn: &mut DbConnection) -> QueryResult<()> {
    diesel::delete(load_journal::table)
        .execute(conn)
        .map(|_| ())
}

/// The unfinished load, if the journal holds one. A database migrated before the journal
/// existed has none.
///
/// # Errors
/// Database errors.
pub fn unfinished(conn: &mut DbConnection) -> QueryResult<Option<Unfinished>> {
    if !super::introspect::has_table(conn, "load_journal")? {
        return Ok(None);
    }
    let row: Option<(String, String, NaiveDateTime, String)> = load_journal::table
        .order(load_journal::id)
        .select((
            load_journal::kind,
            load_journal::state,
            load_journal::started_at,
            load_journal::schema_restore,
        ))
        .first(conn)
        .optional()?;
    let Some((kind, state, started_at, schema_restore)) = row else {
        return Ok(None);
    };
    Ok(Some(Unfinished {
        kind,
        rows_complete: state == LOADED,
        started_at,
        running: lock_held(conn)?,
        schema_restore,
    }))
}

/// Refuses a database with an unfinished load, saying what to run.
///
/// # Errors
/// [`ConnectError::Unfinished`], or a database error.
pub fn refuse_interrupted(conn: &mut DbConnection) -> Result<(), ConnectError> {
    match unfinished(conn)? {
        Some(load) => Err(ConnectError::Unfinished(load)),
        None => Ok(()),
    }
}
