//! The reference pickers' choices (companies, product codes, partners, sales reps, active
//! engineers), gated like every other read.

use super::{ServiceError, authorize};
use crate::auth::Actor;
use crate::db::DbConnection;
use crate::db::queries::options;
use crate::domain::Permission;

pub use crate::db::queries::options::{LIMIT, RefKind};

/// (id, display name) of the rows of `kind` whose name contains `text`, by name, at most
/// [`LIMIT`]. Names are business data, so the gate is [`Permission::ViewData`].
///
/// # Errors
/// Forbidden (needs `ViewData`) or database errors.
pub fn search(
    conn: &mut DbConnection,
    actor: &Actor,
    kind: RefKind,
    text: &str,
) -> Result<Vec<(i64, String)>, ServiceError> {
    authorize(actor, Permission::ViewData)?;
    Ok(options::search(conn, kind, text)?)
}
