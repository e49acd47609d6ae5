//! The activity log's read models, `app_log_counts` (rows per company, action and status)
//! and `portal_user_activity` (each portal user's latest activity). Triggers on `app_log`
//! keep them exact in the transaction of every write, whoever makes it (the customer
//! portal writes the log; migration `2026-12-01-004102_list_read_models` defines
//! them). Bulk loads [`suspend`] those triggers, then [`rebuild`] the read models from
//! the log and [`resume`] the triggers: one `GROUP BY` instead of two upserts per row.
//! An import into a log that already holds millions of rows counts what it adds instead
//! ([`Added`]) and applies that.

use std::collections::HashMap;

use chrono::NaiveDateTime;
use diesel::connection::SimpleConnection;
use diesel::prelude::*;
use diesel::sql_types::{BigInt, Text, Timestamp};

use super::models::NewAppLogEntry;
use super::{BackendKind, DbConnection};

/// The read-model triggers' names start with this.
const PREFIX: &str = "app_log_read_models_";

/// A suspended trigger: its name and the statement that creates it again.
#[derive(Debug, Clone, PartialEq, Eq, QueryableByName, serde::Serialize, serde::Deserialize)]
pub struct Trigger {
    #[diesel(sql_type = Text)]
    name: String,
    #[diesel(sql_type = Text)]
    definition: String,
}

impl Trigger {
    #[must_use]
    pub fn name(&self) -> &str {
        &self.name
    }
}

/// Drops the read-model triggers, returning them for [`resume`].
///
/// # Errors
/// Database errors.
pub fn suspend(conn: &mut DbConnection) -> QueryResult<Vec<Trigger>> {
    let triggers = list(conn)?;
    for t in &triggers {
        conn.batch_execute(&format!("DROP TRIGGER {}", t.name))?;
    }
    Ok(triggers)
}

/// The read-model triggers there are, with the statements that create them.
///
/// # Errors
/// Database errors.
pub fn list(conn: &mut DbConnection) -> QueryResult<Vec<Trigger>> {
    // The prefix is our own constant, never input.
    let sql = match conn.kind() {
        BackendKind::Sqlite => format!(
            "SELECT name, sql AS definition FROM sqlite_master \
             WHERE type = 'trigger' AND tbl_name = 'app_log' AND name LIKE '{PREFIX}%' \
             ORDER BY name"
        ),
        BackendKind::Mysql => format!(
            "SELECT TRIGGER_NAME AS name, CONCAT('CREATE TRIGGER `', TRIGGER_NAME, '` ', \
               ACTION_TIMING, ' ', EVENT_MANIPULATION, ' ON `', EVENT_OBJECT_TABLE, \
               '` FOR EACH ROW ', ACTION_STATEMENT) AS definition \
             FROM information_schema.TRIGGERS \
             WHERE TRIGGER_SCHEMA = DATABASE() AND EVENT_OBJECT_TABLE = 'app_log' \
               AND TRIGGER_NAME LIKE '{PREFIX}%' ORDER BY TRIGGER_NAME"
        ),
    };
    diesel::sql_query(sql).load(conn)
}

/// Creates the `triggers` [`suspend`] dropped again.
///
/// # Errors
/// Database errors.
pub fn resume(conn: &mut DbConnection, triggers: &[Trigger]) -> QueryResult<()> {
    triggers
        .iter()
        .try_for_each(|t| conn.batch_execute(&t.definition))
}

/// Computes both read models from the log.
///
/// # Errors
/// Database errors.
pub fn rebuild(conn: &mut DbConnection) -> QueryResult<()> {
    conn.batch_execute(
        "DELETE FROM app_log_counts; \
         INSERT INTO app_log_counts (company_id, action, status, entries) \
             SELECT company_id, action, status, COUNT(*) FROM app_log \
             GROUP BY company_id, action, status; \
         DELETE FROM portal_user_activity; \
         INSERT INTO portal_user_activity (user_id, last_at) \
             SELECT user_id, MAX(ts) FROM app_log GROUP BY user_id;",
    )
}

/// Log rows added while the triggers were suspended, as the insert trigger counts them.
#[derive(Debug, Default)]
pub struct Added {
    counts: HashMap<(i64, String, String), i64>,
    last: HashMap<i64, NaiveDateTime>,
}

impl Added {
    pub fn add(&mut self, row: &NewAppLogEntry) {
        let key = (row.company_id, row.action.clone(), row.status.clone());
        *self.counts.entry(key).or_default() += 1;
        let last = self.last.entry(row.user_id).or_insert(row.ts);
        *last = (*last).max(row.ts);
    }

    /// Adds the rows to both read models, as the insert trigger would have one by one.
    ///
    /// # Errors
    /// Database errors.
    pub fn apply(&self, conn: &mut DbConnection) -> QueryResult<()> {
        let (count, last) = match conn.kind() {
            BackendKind::Sqlite => (
                "INSERT INTO app_log_counts (company_id, action, status, entries) \
                 VALUES (?, ?, ?, ?) ON CONFLICT (company_id, action, status) \
                 DO UPDATE SET entries = entries + excluded.entries",
                "INSERT INTO portal_user_activity (user_id, last_at) VALUES (?, ?) \
                 ON CONFLICT (user_id) DO UPDATE SET last_at = MAX(last_at, excluded.last_at)",
            ),
            BackendKind::Mysql => (
                "INSERT INTO app_log_counts (company_id, action, status, entries) \
                 VALUES (?, ?, ?, ?) ON DUPLICATE KEY UPDATE entries = entries + VALUES(entries)",
                "INSERT INTO portal_user_activity (user_id, last_at) VALUES (?, ?) \
                 ON DUPLICATE KEY UPDATE last_at = GREATEST(last_at, VALUES(last_at))",
            ),
        };
        for ((company, action, status), n) in &self.counts {
            diesel::sql_query(count)
                .bind::<BigInt, _>(company)
                .bind::<Text, _>(action)
                .bind::<Text, _>(status)
                .bind::<BigInt, _>(n)
                .execute(conn)?;
        }
        for (user, at) in &self.last {
            diesel::sql_query(last)
                .bind::<BigInt, _>(user)
                .bind::<Timestamp, _>(at)
                .execute(conn)?;
        }
        Ok(())
    }
}
