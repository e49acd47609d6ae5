//! Telling what a database error means for the connection: a connection that is gone
//! (reconnect), a transaction the server gave up on (deadlock, lock wait timeout: run it
//! again), or anything else (report it). And a watch on a connection that notices the
//! first, whichever layer turned the error into a message.
//!
//! Diesel's MySQL backend keeps the error number to itself: only 1213 shows, as
//! `SerializationFailure`, and only on prepared statements (on `COMMIT`, sent as plain
//! text, it is `Unknown`). So the server's and the client library's own messages are
//! matched, which are fixed texts in MariaDB and MySQL alike.

use std::sync::{Arc, Mutex, PoisonError};

use diesel::connection::{Connection, Instrumentation, InstrumentationEvent};
use diesel::result::{DatabaseErrorKind, Error};

use super::{BackendKind, DbConnection};

/// The client's and the server's words for a connection that is gone or unusable:
/// 2006 (server has gone away), 2013 and 2055 (lost connection), 2002/2003 (can't
/// connect), 1927 (connection killed), 1053 (server shutdown), 4031 (idle disconnect),
/// and a Galera node that has left the cluster's primary component (1047, WSREP).
const LOST: [&str; 9] = [
    "server has gone away",
    "lost connection to",
    "can't connect to",
    "connection was killed",
    "server shutdown in progress",
    "connection refused",
    "disconnected by the server",
    "wsrep has not yet prepared node",
    "broken pipe",
];

/// 1213 (deadlock; also a Galera certification failure) and 1205 (lock wait timeout):
/// the server rolled back, and the same transaction may well pass when run again.
const TRANSIENT: [&str; 3] = [
    "deadlock found",
    "lock wait timeout exceeded",
    "try restarting transaction",
];

fn says(message: &str, words: &[&str]) -> bool {
    let message = message.to_ascii_lowercase();
    words.iter().any(|w| message.contains(w))
}

/// Whether `message` (a driver's error text) says the connection is gone.
#[must_use]
pub fn message_says_lost(message: &str) -> bool {
    says(message, &LOST)
}

/// Whether the connection that gave `e` is gone or unusable: open a new one.
#[must_use]
pub fn is_connection_lost(e: &Error) -> bool {
    match e {
        // A failed rollback after a failed statement: diesel will not use it again.
        Error::DatabaseError(DatabaseErrorKind::ClosedConnection, _)
        | Error::BrokenTransactionManager => true,
        Error::DatabaseError(_, info) => message_says_lost(info.message()),
        Error::RollbackErrorOnCommit {
            rollback_error,
            commit_error,
        } => is_connection_lost(rollback_error) || is_connection_lost(commit_error),
        _ => false,
    }
}

/// Whether `e` is a deadlock (1213) or a lock wait timeout (1205): the transaction may be
/// run again as it is.
#[must_use]
pub fn is_transient(e: &Error) -> bool {
    match e {
        Error::DatabaseError(DatabaseErrorKind::SerializationFailure, _) => true,
        Error::DatabaseError(_, info) => says(info.message(), &TRANSIENT),
        Error::RollbackErrorOnCommit { commit_error, .. } => is_transient(commit_error),
        _ => false,
    }
}

/// How a connection was lost.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Lost {
    /// It went while a `COMMIT` was on its way: the transaction may or may not have been
    /// committed. Lost before, the server rolled it back.
    pub at_commit: bool,
    /// The driver's message.
    pub message: String,
}

/// Notices, through the connection's instrumentation, the first statement that failed
/// because the connection is gone, whatever became of the error afterwards (a screen's
/// reply holds only its words).
#[derive(Debug, Clone, Default)]
pub struct LinkWatch(Arc<Mutex<Option<Lost>>>);

impl LinkWatch {
    /// A watch on `conn`. SQLite is a file: there is no link to lose, nothing to watch.
    #[must_use]
    pub fn install(conn: &mut DbConnection) -> Self {
        let watch = LinkWatch::default();
        if conn.kind() == BackendKind::Mysql {
            conn.set_instrumentation(watch.clone());
        }
        watch
    }

    /// The loss seen since the last call, if any.
    #[must_use]
    pub fn take(&self) -> Option<Lost> {
        self.0.lock().unwrap_or_else(PoisonError::into_inner).take()
    }

    fn note(&self, query: &str, error: &Error) {
        if !is_connection_lost(error) {
            return;
        }
        let mut seen = self.0.lock().unwrap_or_else(PoisonError::into_inner);
        // The first failure tells where it went; the failed ROLLBACK after it adds nothing.
        if seen.is_none() {
            *seen = Some(Lost {
                at_commit: query.trim().eq_ignore_ascii_case("commit"),
                message: error.to_string(),
            });
        }
    }
}

impl Instrumentation for LinkWatch {
    fn on_connection_event(&mut self, event: InstrumentationEvent<'_>) {
        if let InstrumentationEvent::FinishQuery {
            query,
            error: Some(error),
            ..
        } = event
        {
            self.note(&query.to_string(), error);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn db_error(kind: DatabaseErrorKind, message: &str) -> Error {
        Error::DatabaseError(kind, Box::new(message.to_owned()))
    }

    #[test]
    fn lost_connections_are_told_by_their_words() {
        for m in [
            "Server has gone away",
            "MySQL server has gone away",
            "Lost connection to server during query",
            "Lost connection to MySQL server at 'reading initial communication packet', system error: 0",
            "Can't connect to server on '127.0.0.1' (111)",
            "Connection was killed",
            "WSREP has not yet prepared node for application use",
        ] {
            assert!(
                is_connection_lost(&db_error(DatabaseErrorKind::Unknown, m)),
                "{m}"
            );
            assert!(
                !is_transient(&db_error(DatabaseErrorKind::Unknown, m)),
                "{m}"
            );
        }
        assert!(is_connection_lost(&Error::BrokenTransactionManager));
    }

    #[test]
    fn deadlocks_and_lock_waits_are_transient() {
        let deadlock = "Deadlock found when trying to get lock; try restarting transaction";
        let wait = "Lock wait timeout exceeded; try restarting transaction";
        // 1213 on a prepared statement, and on COMMIT (plain text, kind unknown).
        assert!(is_transient(&db_error(
            DatabaseErrorKind::SerializationFailure,
            deadlock
        )));
        assert!(is_transient(&db_error(
            DatabaseErrorKind::Unknown,
            deadlock
        )));
        assert!(is_transient(&db_error(DatabaseErrorKind::Unknown, wait)));
        assert!(!is_connection_lost(&db_error(
            DatabaseErrorKind::Unknown,
            deadlock
        )));
    }

    #[test]
    fn other_errors_are_neither() {
        for e in [
            db_error(DatabaseErrorKind::UniqueViolation, "Duplicate entry 'x'"),
            db_error(DatabaseErrorKind::Unknown, "Table 'lms.nope' doesn't exist"),
            db_error(DatabaseErrorKind::Unknown, "database is locked"),
            Error::NotFound,
        ] {
            assert!(!is_connection_lost(&e), "{e}");
            assert!(!is_transient(&e), "{e}");
        }
    }

    #[test]
    fn the_watch_keeps_the_first_loss_and_where_it_happened() {
        let watch = LinkWatch::default();
        let lost = db_error(DatabaseErrorKind::Unknown, "Lost connection to server");
        watch.note("UPDATE licenses SET seats = ?", &lost);
        watch.note("COMMIT", &lost);
        let seen = watch.take();
        assert_eq!(seen.map(|l| l.at_commit), Some(false));
        assert_eq!(watch.take(), None);

        watch.note("COMMIT", &lost);
        assert_eq!(watch.take().map(|l| l.at_commit), Some(true));

        // Refusals that leave the connection usable are not losses.
        let duplicate = db_error(DatabaseErrorKind::UniqueViolation, "Duplicate entry");
        watch.note("COMMIT", &duplicate);
        assert_eq!(watch.take(), None);
    }
}
