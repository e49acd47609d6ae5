//! Sales reps and engineers: one shape (a named person with a unique email and a region),
//! two tables. Retired by deactivating (`active` off); what refers to them differs.

use chrono::NaiveDateTime;
use diesel::prelude::*;

use super::companies::{refuse_taken, some, yes_no};
use super::kind::{Kind, Retire};
use crate::db::DbConnection;
use crate::db::models::{
    Engineer, EngineerChanges, NewEngineer, NewSalesRep, SalesRep, SalesRepChanges,
};
use crate::db::schema::{deployments, engineers, licenses, purchases, sales_reps};
use crate::domain::FieldErrors;
use crate::domain::reference_input::PersonInput;
use crate::service::ServiceError;

pub struct SalesReps;
pub struct Engineers;

/// [`Kind`] for a person table; `$refs` counts what refers to a row.
macro_rules! person_kind {
    ($kind:ty, $variant:ident, $row:ident, $new:ident, $changes:ident, $table:ident, $noun:literal, $refs:path) => {
        impl Kind for $kind {
            type Row = $row;
            type New = $new;
            type Input = PersonInput;
            const RETIRE: Retire = Retire {
                field: "active",
                retired_value: false,
                actions: ("deactivate", "activate"),
            };

            fn validate(input: &PersonInput) -> Result<PersonInput, FieldErrors> {
                input.validate()
            }

            fn input_of(p: &$row) -> PersonInput {
                PersonInput {
                    name: p.name.clone(),
                    email: p.email.clone(),
                    region: p.region.clone(),
                    active: p.active,
                }
            }

            fn wrap(input: PersonInput) -> super::RecordInput {
                super::RecordInput::$variant(input)
            }

            fn name_of(input: &PersonInput) -> String {
                input.name.clone()
            }

            fn retired(row: &$row) -> bool {
                !row.active
            }

            fn audit_fields(
                _: &mut DbConnection,
                i: &PersonInput,
            ) -> QueryResult<Vec<(&'static str, Option<String>)>> {
                Ok(vec![
                    ("name", Some(i.name.clone())),
                    ("email", some(&i.email)),
                    ("region", some(&i.region)),
                    ("active", yes_no(i.active)),
                ])
            }

            fn new_row(i: &PersonInput, at: NaiveDateTime) -> $new {
                $new {
                    id: None,
                    name: i.name.clone(),
                    email: i.email.clone(),
                    region: i.region.clone(),
                    active: i.active,
                    created_at: at,
                    updated_at: at,
                }
            }

            fn changes(i: &PersonInput) -> $changes {
                $changes {
                    name: Some(i.name.clone()),
                    email: Some(i.email.clone()),
                    region: Some(i.region.clone()),
                    active: Some(i.active),
                }
            }

            fn retire_changes(retired: bool) -> $changes {
                $changes {
                    active: Some(!retired),
                    ..$changes::default()
                }
            }

            fn check_free(
                conn: &mut DbConnection,
                input: &PersonInput,
                except: Option<i64>,
            ) -> Result<(), ServiceError> {
                let holder = crate::taken_by!(conn, $table, email, input.email, except)?;
                refuse_taken("email", holder, $noun, "already has the email")
            }

            fn references(
                conn: &mut DbConnection,
                id: i64,
            ) -> QueryResult<Vec<(i64, &'static str, &'static str)>> {
                $refs(conn, id)
            }
        }
    };
}

person_kind!(
    SalesReps,
    SalesRep,
    SalesRep,
    NewSalesRep,
    SalesRepChanges,
    sales_reps,
    "sales rep",
    rep_references
);
person_kind!(
    Engineers,
    Engineer,
    Engineer,
    NewEngineer,
    EngineerChanges,
    engineers,
    "engineer",
    engineer_references
);

fn rep_references(
    conn: &mut DbConnection,
    id: i64,
) -> QueryResult<Vec<(i64, &'static str, &'static str)>> {
    Ok(vec![
        (
            licenses::table
                .filter(licenses::sales_rep_id.eq(id))
                .count()
                .get_result(conn)?,
            "license",
            "licenses",
        ),
        (
            purchases::table
                .filter(purchases::sales_rep_id.eq(id))
                .count()
                .get_result(conn)?,
            "purchase",
            "purchases",
        ),
    ])
}

fn engineer_references(
    conn: &mut DbConnection,
    id: i64,
) -> QueryResult<Vec<(i64, &'static str, &'static str)>> {
    Ok(vec![(
        deployments::table
            .filter(deployments::engineer_id.eq(id))
            .count()
            .get_result(conn)?,
        "deployment",
        "deployments",
    )])
}
