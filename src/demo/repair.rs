//! Making the database whole after a MySQL demo load, finished or not.
//!
//! The MySQL load commits as it goes and drops indexes and triggers for its duration
//! ([`super::load`]), so before it drops anything it journals what it will drop
//! ([`load_journal`]). [`restore`] ends every load that way, in the loader's process; when
//! that process died (`kill -9`, a lost link, a full disk), [`repair`] does the same from
//! the journal in the next one (`lms migrate`, `lms demo`):
//! - a load whose rows were not all committed (`loading`) is removed: the tables held no
//!   business row when it began (it refuses otherwise), so they are emptied, read models
//!   included;
//! - a load whose rows and audit row were committed (`loaded`) keeps them;
//! - either way each dropped index or trigger that is missing is created again from the
//!   definition the load read off the migrated schema, the activity read models are
//!   computed again, and the journal row goes last, so a repair that dies is run again.

use diesel::Connection as _;
use diesel::connection::SimpleConnection;
use serde::{Deserialize, Serialize};

use super::indexes::{self, Index};
use super::{DemoError, DemoProgress};
use crate::db::activity_summary::{self, Trigger};
use crate::db::load_journal::{self, Unfinished};
use crate::db::money_summary;
use crate::db::{BackendKind, DbConnection};

/// What a load dropped, as its journal row holds it.
#[derive(Debug, Serialize, Deserialize)]
pub(super) struct Dropped {
    pub indexes: Vec<Index>,
    pub triggers: Vec<Trigger>,
}

impl Dropped {
    pub fn to_json(&self) -> Result<String, DemoError> {
        serde_json::to_string(self).map_err(|e| DemoError::Internal(e.to_string()))
    }
}

/// What [`repair`] did.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Repaired {
    /// The load as the journal described it.
    pub load: Unfinished,
    /// Its rows were removed (it had not finished committing them).
    pub rows_removed: bool,
    /// Indexes and triggers created again.
    pub indexes: usize,
    pub triggers: usize,
}

/// The tables a demo load writes, business rows and read models, emptied when an
/// unfinished load is removed.
const LOADED_TABLES: [&str; 20] = [
    "app_log",
    "portal_users",
    "deployments",
    "purchases",
    "licenses",
    "product_codes",
    "engineers",
    "sales_reps",
    "partners",
    "companies",
    "company_money",
    "company_month_money",
    "license_counts",
    "license_currencies",
    "license_last_purchase",
    "owner_month_bookings",
    "partner_license_months",
    "app_log_counts",
    "portal_user_activity",
    "portal_user_counts",
];

/// Repairs what an interrupted load left, if the journal holds one. `None` when there was
/// nothing to repair.
///
/// # Errors
/// - [`DemoError::Running`] when the load's process is still at work;
/// - database errors; the journal row stays, so the next repair starts again.
pub fn repair(
    conn: &mut DbConnection,
    progress: &mut dyn FnMut(DemoProgress),
) -> Result<Option<Repaired>, DemoError> {
    let Some(load) = load_journal::unfinished(conn)? else {
        return Ok(None);
    };
    if !load_journal::lock(conn)? {
        return Err(DemoError::Running(load.to_string()));
    }
    let repaired = serde_json::from_str::<Dropped>(&load.schema_restore)
        .map_err(|e| {
            DemoError::Internal(format!(
                "the load journal's schema_restore is unreadable: {e}"
            ))
        })
        .and_then(|dropped| {
            without_foreign_key_checks(conn, |conn| {
                restore(conn, &dropped, load.rows_complete, progress)
            })
        });
    let unlocked = load_journal::unlock(conn);
    let (indexes, triggers) = repaired?;
    unlocked?;
    Ok(Some(Repaired {
        rows_removed: !load.rows_complete,
        load,
        indexes,
        triggers,
    }))
}

/// Ends a load: empties the tables unless `rows_complete`, creates what of `dropped` is
/// missing, computes the purchases' and the activity's read models and deletes the
/// journal. Returns how many
/// indexes and triggers it created. Needs `foreign_key_checks = 0` on MySQL (to empty a
/// parent table, and to add an index a foreign key will use).
pub(super) fn restore(
    conn: &mut DbConnection,
    dropped: &Dropped,
    rows_complete: bool,
    progress: &mut dyn FnMut(DemoProgress),
) -> Result<(usize, usize), DemoError> {
    if !rows_complete {
        for table in LOADED_TABLES {
            // Our own constants, never input. TRUNCATE frees a 10M-row table at once.
            conn.batch_execute(&match conn.kind() {
                BackendKind::Sqlite => format!("DELETE FROM {table}"),
                BackendKind::Mysql => format!("TRUNCATE TABLE {table}"),
            })?;
        }
    }
    let tables: Vec<&str> = LOADED_TABLES.to_vec();
    let present = indexes::secondary(conn, &tables)?;
    let missing: Vec<Index> = dropped
        .indexes
        .iter()
        .filter(|i| !present.iter().any(|p| p.same_name(i)))
        .cloned()
        .collect();
    indexes::rebuild(conn, &missing, progress)?;
    // After the indexes: the renewal flags join each purchase to its licence's others,
    // which without `purchases_license_renewal` is a quadratic nested loop on MySQL
    // (2.1M purchases: more than 15 minutes, against seconds with it).
    conn.transaction(money_summary::rebuild)?;
    activity_summary::rebuild(conn)?;
    let there = activity_summary::list(conn)?;
    let absent: Vec<Trigger> = dropped
        .triggers
        .iter()
        .filter(|t| !there.iter().any(|p| p.name() == t.name()))
        .cloned()
        .collect();
    activity_summary::resume(conn, &absent)?;
    load_journal::finish(conn)?;
    Ok((missing.len(), absent.len()))
}

/// Runs `f` with MySQL's `foreign_key_checks` off, restored afterwards whatever happened.
pub(super) fn without_foreign_key_checks<T>(
    conn: &mut DbConnection,
    f: impl FnOnce(&mut DbConnection) -> Result<T, DemoError>,
) -> Result<T, DemoError> {
    if conn.kind() == BackendKind::Sqlite {
        return f(conn);
    }
    conn.batch_execute(
        "SET @lms_repair_fk = @@SESSION.foreign_key_checks; \
         SET SESSION foreign_key_checks = 0;",
    )?;
    let result = f(conn);
    let restored = conn.batch_execute("SET SESSION foreign_key_checks = @lms_repair_fk;");
    let value = result?;
    restored?;
    Ok(value)
}
