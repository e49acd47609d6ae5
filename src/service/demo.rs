//! Loading the demo data set: the gate and the audit row around the generator and bulk
//! loader in [`crate::demo`].

use chrono::NaiveDate;

use super::{ServiceError, audit, authorize};
use crate::auth::Actor;
use crate::db::DbConnection;
use crate::demo::DemoError;
use crate::domain::Permission;

pub use crate::demo::{DemoProgress, DemoReport, DemoSize, Repaired};

/// Fills an empty database with demo data of `size`, dated relative to `today`.
/// Calls `progress` after each inserted chunk. Ends with one audit row (entity `demo`,
/// action `load`) holding the row counts, the seed and the day, in the load's last
/// transaction.
///
/// # Errors
/// - [`ServiceError::Forbidden`] unless the actor may load demo data (admins);
/// - [`ServiceError::Invalid`] for sizes that do not fit together ([`DemoSize::validate`]);
/// - [`ServiceError::Conflict`] when the database already holds business data: nothing is
///   ever mixed with or written over real rows;
/// - database errors. A load that fails part-way removes what it inserted, so it can
///   simply be run again.
pub fn load(
    conn: &mut DbConnection,
    actor: &Actor,
    size: &DemoSize,
    today: NaiveDate,
    progress: &mut dyn FnMut(DemoProgress),
) -> Result<DemoReport, ServiceError> {
    authorize(actor, Permission::LoadDemo)?;
    let mut record = |conn: &mut DbConnection, rows: &crate::demo::Counts| {
        let changes: Vec<audit::FieldChange<'_>> = rows
            .iter()
            .map(|(table, n)| (*table, None, Some(n.to_string())))
            .chain([
                ("seed", None, Some(size.seed.to_string())),
                ("today", None, Some(today.to_string())),
            ])
            .collect();
        audit::record(conn, Some(actor.operator_id), "demo", 0, "load", &changes)
    };
    crate::demo::load(conn, size, today, progress, &mut record).map_err(service_error)
}

/// Makes the database whole after a demo load that was killed (its journal row is still
/// there): removes what it loaded unless all of it was committed, and creates again the
/// indexes and triggers it dropped. `None` when no load was interrupted. For `lms migrate`,
/// which needs no login: like the migrations, this only puts back what lms itself defined,
/// and removes only rows no operator ever saw (lms refuses to work past the journal row).
///
/// # Errors
/// [`ServiceError::Conflict`] while the load is still running; database errors.
pub fn repair_interrupted(
    conn: &mut DbConnection,
    progress: &mut dyn FnMut(DemoProgress),
) -> Result<Option<Repaired>, ServiceError> {
    crate::demo::repair(conn, progress).map_err(service_error)
}

fn service_error(e: DemoError) -> ServiceError {
    match e {
        DemoError::Invalid(e) => ServiceError::Invalid(e),
        DemoError::NotEmpty(why) | DemoError::Running(why) => ServiceError::Conflict(why),
        DemoError::Database(e) => ServiceError::Database(e),
        DemoError::Internal(why) => ServiceError::Internal(why),
    }
}
