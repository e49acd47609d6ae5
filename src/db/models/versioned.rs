//! The row-level mechanics of a write, per table: a version-checked update or delete of a
//! row with an optimistic lock, and a single-row insert that reads its id back. One line per
//! table implements them ([`versioned!`], [`new_row!`]); `service::write` builds the use
//! cases' writes (load, check, update, audit row) on them.

use chrono::NaiveDateTime;
use diesel::QueryResult;

use crate::db::DbConnection;

/// A table whose rows carry an optimistic lock: a `version` that every update bumps and
/// checks (`WHERE id = ? AND version = ?`), and an `updated_at`.
pub trait Versioned: Sized {
    /// The entity's name in audit rows and messages: `license`, `deployment`.
    const ENTITY: &'static str;
    /// What an update may set: a `#[derive(AsChangeset)]` struct whose `None` fields are
    /// left as they are (`Option<Option<T>>` for a nullable column).
    type Changes;

    fn version(&self) -> i32;

    /// The row `id`, if there is one.
    ///
    /// # Errors
    /// Database errors.
    fn find(conn: &mut DbConnection, id: i64) -> QueryResult<Option<Self>>;

    /// `UPDATE .. SET <changes>, version = expected + 1, updated_at = at WHERE id = ? AND
    /// version = expected`. Returns the rows matched: 0 means someone else saved first.
    ///
    /// # Errors
    /// Database errors.
    fn update_if_current(
        conn: &mut DbConnection,
        id: i64,
        expected: i32,
        changes: &Self::Changes,
        at: NaiveDateTime,
    ) -> QueryResult<usize>;

    /// `DELETE .. WHERE id = ? AND version = expected`. Returns the rows matched.
    ///
    /// # Errors
    /// Database errors.
    fn delete_if_current(conn: &mut DbConnection, id: i64, expected: i32) -> QueryResult<usize>;
}

/// A row to insert on its own, whose new id is read back in the same transaction (no
/// `RETURNING` through the multi-backend connection).
pub trait NewRow {
    /// The entity's name in audit rows.
    const ENTITY: &'static str;

    /// Inserts the row; returns its id.
    ///
    /// # Errors
    /// Database errors (a unique key taken, a missing reference ...).
    fn insert(&self, conn: &mut DbConnection) -> QueryResult<i64>;
}

/// `versioned!(Row, RowChanges, table, "entity")`: [`Versioned`] for the model `Row` of
/// `table` (which has `id`, `version` and `updated_at` columns).
macro_rules! versioned {
    ($row:ty, $changes:ty, $table:ident, $entity:literal) => {
        impl $crate::db::models::Versioned for $row {
            const ENTITY: &'static str = $entity;
            type Changes = $changes;

            fn version(&self) -> i32 {
                self.version
            }

            fn find(
                conn: &mut $crate::db::DbConnection,
                id: i64,
            ) -> diesel::QueryResult<Option<Self>> {
                use diesel::prelude::*;
                $table::table
                    .find(id)
                    .select(<$row>::as_select())
                    .first(conn)
                    .optional()
            }

            fn update_if_current(
                conn: &mut $crate::db::DbConnection,
                id: i64,
                expected: i32,
                changes: &$changes,
                at: chrono::NaiveDateTime,
            ) -> diesel::QueryResult<usize> {
                use diesel::prelude::*;
                diesel::update(
                    $table::table
                        .filter($table::id.eq(id))
                        .filter($table::version.eq(expected)),
                )
                .set((
                    changes,
                    $table::version.eq(expected + 1),
                    $table::updated_at.eq(at),
                ))
                .execute(conn)
            }

            fn delete_if_current(
                conn: &mut $crate::db::DbConnection,
                id: i64,
                expected: i32,
            ) -> diesel::QueryResult<usize> {
                use diesel::prelude::*;
                diesel::delete(
                    $table::table
                        .filter($table::id.eq(id))
                        .filter($table::version.eq(expected)),
                )
                .execute(conn)
            }
        }
    };
}

/// `new_row!(NewRow, table, "entity")`: [`NewRow`] for the insert model `NewRow` of `table`.
macro_rules! new_row {
    ($new:ty, $table:ident, $entity:literal) => {
        impl $crate::db::models::NewRow for $new {
            const ENTITY: &'static str = $entity;

            fn insert(&self, conn: &mut $crate::db::DbConnection) -> diesel::QueryResult<i64> {
                use diesel::prelude::*;
                diesel::insert_into($table::table)
                    .values(self)
                    .execute(conn)?;
                conn.last_insert_id()
            }
        }
    };
}

pub(crate) use {new_row, versioned};
