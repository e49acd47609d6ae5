//! Customers. Names are unique whatever their case (MariaDB's collation compares them so;
//! SQLite is told to); licenses and portal users refer to a company; retired by archiving.

use chrono::NaiveDateTime;
use diesel::prelude::*;

use super::kind::{ARCHIVE, Kind, Retire};
use crate::db::DbConnection;
use crate::db::models::{Company, CompanyChanges, NewCompany};
use crate::db::schema::{companies, licenses, portal_users};
use crate::domain::FieldErrors;
use crate::domain::company_input::CompanyInput;
use crate::service::ServiceError;

pub struct Companies;

/// `Some` of a non-empty text: empty fields are absent from audit rows.
pub(super) fn some(s: &str) -> Option<String> {
    (!s.is_empty()).then(|| s.to_owned())
}

/// A yes/no field as audit rows hold it (always present).
pub(super) fn yes_no(b: bool) -> Option<String> {
    some(if b { "yes" } else { "no" })
}

/// `Company #12 is already named "Acme"` as the field's error.
pub(super) fn refuse_taken(
    field: &'static str,
    holder: Option<(i64, String)>,
    what: &str,
    how: &str,
) -> Result<(), ServiceError> {
    match holder {
        Some((id, existing)) => {
            Err(FieldErrors::one(field, format!("{what} #{id} {how} {existing:?}")).into())
        }
        None => Ok(()),
    }
}

impl Kind for Companies {
    type Row = Company;
    type New = NewCompany;
    type Input = CompanyInput;
    const RETIRE: Retire = ARCHIVE;

    fn validate(input: &CompanyInput) -> Result<CompanyInput, FieldErrors> {
        input.validate()
    }

    fn input_of(c: &Company) -> CompanyInput {
        CompanyInput {
            name: c.name.clone(),
            country: c.country.clone(),
            contact_email: c.contact_email.clone(),
            notes: c.notes.clone(),
        }
    }

    fn wrap(input: Self::Input) -> super::RecordInput {
        super::RecordInput::Company(input)
    }

    fn name_of(input: &CompanyInput) -> String {
        input.name.clone()
    }

    fn retired(row: &Company) -> bool {
        row.archived
    }

    fn audit_fields(
        _: &mut DbConnection,
        i: &CompanyInput,
    ) -> QueryResult<Vec<(&'static str, Option<String>)>> {
        Ok(vec![
            ("name", Some(i.name.clone())),
            ("country", some(&i.country)),
            ("contact_email", some(&i.contact_email)),
            ("notes", some(&i.notes)),
        ])
    }

    fn new_row(i: &CompanyInput, at: NaiveDateTime) -> NewCompany {
        NewCompany {
            id: None,
            name: i.name.clone(),
            country: i.country.clone(),
            contact_email: i.contact_email.clone(),
            notes: i.notes.clone(),
            created_at: at,
            updated_at: at,
        }
    }

    fn changes(i: &CompanyInput) -> CompanyChanges {
        CompanyChanges {
            name: Some(i.name.clone()),
            country: Some(i.country.clone()),
            contact_email: Some(i.contact_email.clone()),
            notes: Some(i.notes.clone()),
            archived: None,
        }
    }

    fn retire_changes(retired: bool) -> CompanyChanges {
        CompanyChanges {
            archived: Some(retired),
            ..CompanyChanges::default()
        }
    }

    fn check_free(
        conn: &mut DbConnection,
        input: &CompanyInput,
        except: Option<i64>,
    ) -> Result<(), ServiceError> {
        let holder = crate::taken_by!(conn, companies, name, input.name, except)?;
        refuse_taken("name", holder, "company", "is already named")
    }

    fn references(
        conn: &mut DbConnection,
        id: i64,
    ) -> QueryResult<Vec<(i64, &'static str, &'static str)>> {
        Ok(vec![
            (
                licenses::table
                    .filter(licenses::company_id.eq(id))
                    .count()
                    .get_result(conn)?,
                "license",
                "licenses",
            ),
            (
                portal_users::table
                    .filter(portal_users::company_id.eq(id))
                    .count()
                    .get_result(conn)?,
                "portal user",
                "portal users",
            ),
        ])
    }
}
