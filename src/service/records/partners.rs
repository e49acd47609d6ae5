//! Resellers. Names are unique whatever their case; licenses and purchases refer to a
//! partner; retired by archiving.

use chrono::NaiveDateTime;
use diesel::prelude::*;

use super::companies::{refuse_taken, some};
use super::kind::{ARCHIVE, Kind, Retire};
use crate::db::DbConnection;
use crate::db::models::{NewPartner, Partner, PartnerChanges};
use crate::db::schema::{licenses, partners, purchases};
use crate::domain::FieldErrors;
use crate::domain::reference_input::PartnerInput;
use crate::service::ServiceError;

pub struct Partners;

impl Kind for Partners {
    type Row = Partner;
    type New = NewPartner;
    type Input = PartnerInput;
    const RETIRE: Retire = ARCHIVE;

    fn validate(input: &PartnerInput) -> Result<PartnerInput, FieldErrors> {
        input.validate()
    }

    fn input_of(p: &Partner) -> PartnerInput {
        PartnerInput {
            name: p.name.clone(),
            country: p.country.clone(),
            contact_email: p.contact_email.clone(),
        }
    }

    fn wrap(input: Self::Input) -> super::RecordInput {
        super::RecordInput::Partner(input)
    }

    fn name_of(input: &PartnerInput) -> String {
        input.name.clone()
    }

    fn retired(row: &Partner) -> bool {
        row.archived
    }

    fn audit_fields(
        _: &mut DbConnection,
        i: &PartnerInput,
    ) -> QueryResult<Vec<(&'static str, Option<String>)>> {
        Ok(vec![
            ("name", Some(i.name.clone())),
            ("country", some(&i.country)),
            ("contact_email", some(&i.contact_email)),
        ])
    }

    fn new_row(i: &PartnerInput, at: NaiveDateTime) -> NewPartner {
        NewPartner {
            id: None,
            name: i.name.clone(),
            country: i.country.clone(),
            contact_email: i.contact_email.clone(),
            created_at: at,
            updated_at: at,
        }
    }

    fn changes(i: &PartnerInput) -> PartnerChanges {
        PartnerChanges {
            name: Some(i.name.clone()),
            country: Some(i.country.clone()),
            contact_email: Some(i.contact_email.clone()),
            archived: None,
        }
    }

    fn retire_changes(retired: bool) -> PartnerChanges {
        PartnerChanges {
            archived: Some(retired),
            ..PartnerChanges::default()
        }
    }

    fn check_free(
        conn: &mut DbConnection,
        input: &PartnerInput,
        except: Option<i64>,
    ) -> Result<(), ServiceError> {
        let holder = crate::taken_by!(conn, partners, name, input.name, except)?;
        refuse_taken("name", holder, "partner", "is already named")
    }

    fn references(
        conn: &mut DbConnection,
        id: i64,
    ) -> QueryResult<Vec<(i64, &'static str, &'static str)>> {
        Ok(vec![
            (
                licenses::table
                    .filter(licenses::partner_id.eq(id))
                    .count()
                    .get_result(conn)?,
                "license",
                "licenses",
            ),
            (
                purchases::table
                    .filter(purchases::partner_id.eq(id))
                    .count()
                    .get_result(conn)?,
                "purchase",
                "purchases",
            ),
        ])
    }
}
