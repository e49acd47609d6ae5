//! The one shape of every reference record's use cases (customers, partners, reps,
//! engineers, product codes, portal users): validate, check uniqueness, write
//! version-checked with its audit row in the same transaction, refuse a delete while
//! anything refers to the record, retire it instead (archive, deactivate, disable).
//! A record kind supplies its rules through [`Kind`]; the use cases are written once here.

use crate::db::retry;
use chrono::NaiveDateTime;
use diesel::prelude::*;

use super::super::write::{self, Change};
use super::super::{ServiceError, audit};
use crate::auth::Actor;
use crate::db::models::{NewRow, Versioned};
use crate::db::{DbConnection, now};
use crate::domain::FieldErrors;

/// How a kind of record is retired rather than deleted.
pub struct Retire {
    /// The column (and audit field): `archived`, `active`, `disabled`.
    pub field: &'static str,
    /// The column's value on a retired record (`active` is false when retired).
    pub retired_value: bool,
    /// The audit actions: retiring, restoring.
    pub actions: (&'static str, &'static str),
}

/// Companies, partners and product codes are archived.
pub const ARCHIVE: Retire = Retire {
    field: "archived",
    retired_value: true,
    actions: ("archive", "unarchive"),
};

/// One kind of reference record.
pub trait Kind {
    type Row: Versioned;
    type New: NewRow;
    type Input: Clone + PartialEq;
    const RETIRE: Retire;

    /// The input's rules; the normalised input or every field's problem.
    ///
    /// # Errors
    /// The fields' problems.
    fn validate(input: &Self::Input) -> Result<Self::Input, FieldErrors>;
    fn input_of(row: &Self::Row) -> Self::Input;
    /// The input as the public [`super::RecordInput`].
    fn wrap(input: Self::Input) -> super::RecordInput;
    /// What messages call the record: its name, or its code.
    fn name_of(input: &Self::Input) -> String;
    /// Whether the stored row is retired.
    fn retired(row: &Self::Row) -> bool;
    /// The audited fields, in one order (for [`audit::diff`]); references by name.
    ///
    /// # Errors
    /// Database errors.
    fn audit_fields(
        conn: &mut DbConnection,
        input: &Self::Input,
    ) -> QueryResult<Vec<(&'static str, Option<String>)>>;
    fn new_row(input: &Self::Input, at: NaiveDateTime) -> Self::New;
    /// The changeset that stores `input`.
    fn changes(input: &Self::Input) -> <Self::Row as Versioned>::Changes;
    /// The changeset that sets the retire column.
    fn retire_changes(retired: bool) -> <Self::Row as Versioned>::Changes;
    /// Refuses a name, email or code another record holds, naming that record.
    ///
    /// # Errors
    /// Field errors naming the holder; database errors.
    fn check_free(
        conn: &mut DbConnection,
        input: &Self::Input,
        except: Option<i64>,
    ) -> Result<(), ServiceError>;
    /// What refers to the record, counted: `(count, "license", "licenses")`.
    ///
    /// # Errors
    /// Database errors.
    fn references(
        conn: &mut DbConnection,
        id: i64,
    ) -> QueryResult<Vec<(i64, &'static str, &'static str)>>;
}

/// `(holder id, holder's value)` of a row of `$table` whose `$col` equals `$value` whatever
/// its case, other than `$except`: the uniqueness check every kind makes.
#[macro_export]
macro_rules! taken_by {
    ($conn:expr, $table:ident, $col:ident, $value:expr, $except:expr) => {{
        use diesel::prelude::*;
        let lower =
            diesel::dsl::sql::<diesel::sql_types::Text>(concat!("LOWER(", stringify!($col), ")"));
        $table::table
            .filter(lower.eq($value.to_lowercase()))
            .filter($table::id.ne($except.unwrap_or(-1)))
            .select(($table::id, $table::$col))
            .first::<(i64, String)>($conn)
            .optional()
    }};
}

/// A stored record as its form needs it.
pub struct Stored<I> {
    pub input: I,
    pub version: i32,
    pub retired: bool,
}

/// # Errors
/// Not found, or database errors.
pub fn get<K: Kind>(conn: &mut DbConnection, id: i64) -> Result<Stored<K::Input>, ServiceError> {
    let row = write::load::<K::Row>(conn, id)?;
    Ok(Stored {
        input: K::input_of(&row),
        version: row.version(),
        retired: K::retired(&row),
    })
}

/// Creates the record; returns its id. The audit row lists the fields given.
///
/// # Errors
/// Field errors (a taken name names its holder), or database errors.
pub fn create<K: Kind>(
    conn: &mut DbConnection,
    actor: &Actor,
    input: &K::Input,
) -> Result<i64, ServiceError> {
    create_as::<K>(conn, actor, "create", input)
}

/// [`create`] with the audit row's action named.
///
/// # Errors
/// As [`create`].
pub fn create_as<K: Kind>(
    conn: &mut DbConnection,
    actor: &Actor,
    action: &str,
    input: &K::Input,
) -> Result<i64, ServiceError> {
    let input = K::validate(input)?;
    retry::transaction(conn, |conn| {
        K::check_free(conn, &input, None)?;
        write::create_as(
            conn,
            actor.into(),
            action,
            &K::new_row(&input, now()),
            |conn, _| Ok(audit::created(K::audit_fields(conn, &input)?)),
        )
    })
}

/// Saves an edit made on `expected_version`; returns the new version (the same one when
/// nothing changed, and then nothing is written).
///
/// # Errors
/// Field errors, not found, [`ServiceError::Stale`], or database errors.
pub fn update<K: Kind>(
    conn: &mut DbConnection,
    actor: &Actor,
    id: i64,
    expected_version: i32,
    input: &K::Input,
) -> Result<i32, ServiceError> {
    update_as::<K>(conn, actor, "update", id, expected_version, input)
}

/// [`update`] with the audit row's action named.
///
/// # Errors
/// As [`update`].
pub fn update_as<K: Kind>(
    conn: &mut DbConnection,
    actor: &Actor,
    action: &str,
    id: i64,
    expected_version: i32,
    input: &K::Input,
) -> Result<i32, ServiceError> {
    let input = K::validate(input)?;
    let saved = write::update::<K::Row>(conn, actor.into(), id, expected_version, |conn, row| {
        let before = K::input_of(row);
        if before == input {
            return Ok(None);
        }
        K::check_free(conn, &input, Some(id))?;
        Ok(Some(Change {
            set: K::changes(&input),
            action,
            audit: audit::diff(
                K::audit_fields(conn, &before)?,
                K::audit_fields(conn, &input)?,
            ),
        }))
    })?;
    Ok(saved.version)
}

/// "12 licenses and 3 portal users", or `None` when nothing refers to the record.
fn worded(counts: &[(i64, &str, &str)]) -> Option<String> {
    let parts: Vec<String> = counts
        .iter()
        .filter(|(n, _, _)| *n > 0)
        .map(|&(n, one, many)| {
            if n == 1 {
                format!("1 {one}")
            } else {
                format!("{n} {many}")
            }
        })
        .collect();
    let verb = if parts.len() == 1 && parts[0].starts_with("1 ") {
        "refers"
    } else {
        "refer"
    };
    (!parts.is_empty()).then(|| format!("{} {verb} to it", parts.join(" and ")))
}

/// Deletes a record nothing refers to; otherwise says what does and what to do instead.
///
/// # Errors
/// A refusal saying what refers to it, not found, stale, or database errors.
pub fn delete<K: Kind>(
    conn: &mut DbConnection,
    actor: &Actor,
    id: i64,
    expected_version: i32,
) -> Result<(), ServiceError> {
    write::delete::<K::Row>(conn, actor.into(), id, expected_version, |conn, row| {
        let input = K::input_of(row);
        if let Some(what) = worded(&K::references(conn, id)?) {
            return Err(ServiceError::Conflict(format!(
                "{} cannot be deleted: {what}; {} it instead",
                K::name_of(&input),
                K::RETIRE.actions.0
            )));
        }
        Ok(audit::deleted(K::audit_fields(conn, &input)?))
    })?;
    Ok(())
}

/// Retires (`retired`) or restores the record; returns the new version. Asking for the
/// state it is in writes nothing.
///
/// # Errors
/// Not found, stale, or database errors.
pub fn set_retired<K: Kind>(
    conn: &mut DbConnection,
    actor: &Actor,
    id: i64,
    expected_version: i32,
    retired: bool,
) -> Result<i32, ServiceError> {
    let r = K::RETIRE;
    let action = if retired { r.actions.0 } else { r.actions.1 };
    set_retired_as::<K>(conn, actor, action, id, expected_version, retired)
}

/// [`set_retired`] with the audit row's action named.
///
/// # Errors
/// As [`set_retired`].
pub fn set_retired_as<K: Kind>(
    conn: &mut DbConnection,
    actor: &Actor,
    action: &str,
    id: i64,
    expected_version: i32,
    retired: bool,
) -> Result<i32, ServiceError> {
    let r = K::RETIRE;
    let saved = write::update::<K::Row>(conn, actor.into(), id, expected_version, |_, row| {
        if K::retired(row) == retired {
            return Ok(None);
        }
        let word = |b: bool| Some(if b { "yes" } else { "no" }.to_owned());
        let stored = |retired: bool| word(retired == r.retired_value);
        Ok(Some(Change {
            set: K::retire_changes(retired),
            action,
            audit: vec![(r.field, stored(!retired), stored(retired))],
        }))
    })?;
    Ok(saved.version)
}

#[cfg(test)]
mod tests {
    use super::worded;

    #[test]
    fn a_refusal_counts_what_refers() {
        assert_eq!(worded(&[(0, "license", "licenses")]), None);
        assert_eq!(
            worded(&[(1, "license", "licenses")]).unwrap(),
            "1 license refers to it"
        );
        assert_eq!(
            worded(&[
                (12, "license", "licenses"),
                (3, "portal user", "portal users")
            ])
            .unwrap(),
            "12 licenses and 3 portal users refer to it"
        );
    }
}
