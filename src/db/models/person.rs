//! Sales reps and engineers share one shape: a named person with a unique email and a region.

use chrono::NaiveDateTime;
use diesel::prelude::*;

use crate::db::schema::{engineers, sales_reps};

macro_rules! person_models {
    ($row:ident, $new:ident, $table:ident) => {
        #[derive(Debug, Clone, Queryable, Selectable, Identifiable)]
        #[diesel(table_name = $table)]
        pub struct $row {
            pub id: i64,
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
    };
}

person_models!(SalesRep, NewSalesRep, sales_reps);
person_models!(Engineer, NewEngineer, engineers);
