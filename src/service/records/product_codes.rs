//! Product codes: what a license is sold for. The code is unique (stored upper-cased);
//! licenses refer to it; retired by archiving.

use chrono::NaiveDateTime;
use diesel::prelude::*;

use super::companies::{refuse_taken, some};
use super::kind::{ARCHIVE, Kind, Retire};
use crate::db::DbConnection;
use crate::db::models::{NewProductCode, ProductCode, ProductCodeChanges};
use crate::db::schema::{licenses, product_codes};
use crate::domain::FieldErrors;
use crate::domain::reference_input::ProductInput;
use crate::service::ServiceError;

pub struct ProductCodes;

impl Kind for ProductCodes {
    type Row = ProductCode;
    type New = NewProductCode;
    type Input = ProductInput;
    const RETIRE: Retire = ARCHIVE;

    fn validate(input: &ProductInput) -> Result<ProductInput, FieldErrors> {
        input.validate()
    }

    fn input_of(p: &ProductCode) -> ProductInput {
        ProductInput {
            code: p.code.clone(),
            name: p.name.clone(),
            description: p.description.clone(),
        }
    }

    fn wrap(input: Self::Input) -> super::RecordInput {
        super::RecordInput::ProductCode(input)
    }

    fn name_of(input: &ProductInput) -> String {
        input.code.clone()
    }

    fn retired(row: &ProductCode) -> bool {
        row.archived
    }

    fn audit_fields(
        _: &mut DbConnection,
        i: &ProductInput,
    ) -> QueryResult<Vec<(&'static str, Option<String>)>> {
        Ok(vec![
            ("code", Some(i.code.clone())),
            ("name", some(&i.name)),
            ("description", some(&i.description)),
        ])
    }

    fn new_row(i: &ProductInput, at: NaiveDateTime) -> NewProductCode {
        NewProductCode {
            id: None,
            code: i.code.clone(),
            name: i.name.clone(),
            description: i.description.clone(),
            created_at: at,
            updated_at: at,
        }
    }

    fn changes(i: &ProductInput) -> ProductCodeChanges {
        ProductCodeChanges {
            code: Some(i.code.clone()),
            name: Some(i.name.clone()),
            description: Some(i.description.clone()),
            archived: None,
        }
    }

    fn retire_changes(retired: bool) -> ProductCodeChanges {
        ProductCodeChanges {
            archived: Some(retired),
            ..ProductCodeChanges::default()
        }
    }

    fn check_free(
        conn: &mut DbConnection,
        input: &ProductInput,
        except: Option<i64>,
    ) -> Result<(), ServiceError> {
        let holder = crate::taken_by!(conn, product_codes, code, input.code, except)?;
        refuse_taken("code", holder, "product", "already has the code")
    }

    fn references(
        conn: &mut DbConnection,
        id: i64,
    ) -> QueryResult<Vec<(i64, &'static str, &'static str)>> {
        Ok(vec![(
            licenses::table
                .filter(licenses::product_code_id.eq(id))
                .count()
                .get_result(conn)?,
            "license",
            "licenses",
        )])
    }
}
