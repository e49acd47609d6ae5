//! Names of referenced rows, looked up to prove they exist and to make audit rows readable.

use diesel::prelude::*;

use super::ServiceError;
use crate::db::DbConnection;
use crate::db::schema::{companies, engineers, partners, product_codes, sales_reps};
use crate::domain::FieldErrors;

macro_rules! name_lookup {
    ($fn_name:ident, $table:ident, $column:ident) => {
        /// The display name of the row `id`, or `None` when there is no such row.
        ///
        /// # Errors
        /// Database errors.
        pub fn $fn_name(conn: &mut DbConnection, id: i64) -> QueryResult<Option<String>> {
            $table::table
                .find(id)
                .select($table::$column)
                .first(conn)
                .optional()
        }
    };
}

name_lookup!(company, companies, name);
name_lookup!(product_code, product_codes, code);
name_lookup!(partner, partners, name);
name_lookup!(sales_rep, sales_reps, name);

/// An engineer's name and whether they are active.
///
/// # Errors
/// Database errors.
pub fn engineer(conn: &mut DbConnection, id: i64) -> QueryResult<Option<(String, bool)>> {
    engineers::table
        .find(id)
        .select((engineers::name, engineers::active))
        .first(conn)
        .optional()
}

/// Looks up a required reference; a missing row becomes a field error.
pub(crate) fn require(
    errors: &mut FieldErrors,
    field: &'static str,
    what: &str,
    id: i64,
    found: Option<String>,
) -> String {
    found.unwrap_or_else(|| {
        errors.push(
            field,
            format!("there is no {what} #{id}; choose one from the list"),
        );
        String::new()
    })
}

/// Looks up an optional reference (`None` = not set).
///
/// # Errors
/// Database errors; a missing row is recorded in `errors`.
pub(crate) fn optional(
    conn: &mut DbConnection,
    errors: &mut FieldErrors,
    field: &'static str,
    what: &str,
    id: Option<i64>,
    lookup: fn(&mut DbConnection, i64) -> QueryResult<Option<String>>,
) -> Result<Option<String>, ServiceError> {
    let Some(id) = id else { return Ok(None) };
    let found = lookup(conn, id)?;
    Ok(Some(require(errors, field, what, id, found)))
}

/// The name of an optional partner; a missing one is an error on the field `partner_id`.
///
/// # Errors
/// Database errors.
pub(crate) fn optional_partner(
    conn: &mut DbConnection,
    errors: &mut FieldErrors,
    id: Option<i64>,
) -> Result<Option<String>, ServiceError> {
    optional(conn, errors, "partner_id", "partner", id, partner)
}

/// The name of an optional sales rep; a missing one is an error on the field `sales_rep_id`.
///
/// # Errors
/// Database errors.
pub(crate) fn optional_sales_rep(
    conn: &mut DbConnection,
    errors: &mut FieldErrors,
    id: Option<i64>,
) -> Result<Option<String>, ServiceError> {
    optional(conn, errors, "sales_rep_id", "sales rep", id, sales_rep)
}

/// How a reference appears in audit rows: name and id, so history stays readable after a
/// rename and exact at the same time.
#[must_use]
pub fn audit_value(id: Option<i64>, name: Option<&str>) -> Option<String> {
    id.map(|id| match name {
        Some(n) if !n.is_empty() => format!("{n} #{id}"),
        _ => format!("#{id}"),
    })
}
