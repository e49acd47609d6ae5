//! Sales reps and engineers share one shape: a named person with a unique email and a region.

use chrono::NaiveDateTime;
use diesel::prelude::*;

use super::versioned::{new_row, versioned};
use crate::db::schema::{engineers, sales_reps};

macro_rules! person_models {
    ($row:ident, $new:ident, $changes:ident, $table:ident, $entity:literal) => {
        #[derive(Debug, Clone, Queryable, Selectable, Identifiable)]
        #[diesel(table_name = $table)]
        pub struct $row {
            pub id: i64,
            /// Read lossily: bytes that are not UTF-8 show as U+FFFD (see `DbText`).
            #[diesel(deserialize_as = crate::db::text::DbText)]
            pub name: String,
            pub email: String,
            pub region: String,
            pub active: bool,
            pub version: i32,
            pub created_at: NaiveDateTime,
            pub updated_at: NaiveDateTime,
        }

        #[derive(Debug, Clone, Insertable)]
        #[diesel(table_name = $table)]
        pub struct $new {
            pub id: Option<i64>,
            pub name: String,
            pub email: String,
            pub region: String,
            pub active: bool,
            pub created_at: NaiveDateTime,
            pub updated_at: NaiveDateTime,
        }

        /// What an edit may change (`None`: left as it is).
        #[derive(Debug, Clone, Default, AsChangeset)]
        #[diesel(table_name = $table)]
        pub struct $changes {
            pub name: Option<String>,
            pub email: Option<String>,
            pub region: Option<String>,
            pub active: Option<bool>,
        }

        versioned!($row, $changes, $table, $entity);
        new_row!($new, $table, $entity);
    };
}

person_models!(
    SalesRep,
    NewSalesRep,
    SalesRepChanges,
    sales_reps,
    "sales_rep"
);
person_models!(
    Engineer,
    NewEngineer,
    EngineerChanges,
    engineers,
    "engineer"
);
