//! A customer's portal users. The portal's user id is unique within the company, and so is
//! the email whatever its case; activity rows refer to a user; retired by disabling.

use chrono::NaiveDateTime;
use diesel::prelude::*;

use super::companies::{refuse_taken, some, yes_no};
use super::kind::{Kind, Retire};
use crate::db::DbConnection;
use crate::db::models::{NewPortalUser, PortalUser, PortalUserChanges};
use crate::db::schema::{app_log, portal_users};
use crate::domain::FieldErrors;
use crate::domain::reference_input::PortalUserInput;
use crate::service::{ServiceError, refs};

pub struct PortalUsers;

fn company_of(input: &PortalUserInput) -> i64 {
    // `validate` has refused a missing company before any write.
    input.company_id.unwrap_or_default()
}

impl Kind for PortalUsers {
    type Row = PortalUser;
    type New = NewPortalUser;
    type Input = PortalUserInput;
    const RETIRE: Retire = Retire {
        field: "disabled",
        retired_value: true,
        actions: ("disable", "enable"),
    };

    fn validate(input: &PortalUserInput) -> Result<PortalUserInput, FieldErrors> {
        input.validate()
    }

    fn input_of(u: &PortalUser) -> PortalUserInput {
        PortalUserInput {
            company_id: Some(u.company_id),
            external_user_id: u.external_user_id.clone(),
            email: u.email.clone(),
            name: u.name.clone(),
            disabled: u.disabled,
        }
    }

    fn wrap(input: Self::Input) -> super::RecordInput {
        super::RecordInput::PortalUser(input)
    }

    fn name_of(input: &PortalUserInput) -> String {
        input.email.clone()
    }

    fn retired(row: &PortalUser) -> bool {
        row.disabled
    }

    fn audit_fields(
        conn: &mut DbConnection,
        i: &PortalUserInput,
    ) -> QueryResult<Vec<(&'static str, Option<String>)>> {
        let company = refs::company(conn, company_of(i))?;
        Ok(vec![
            (
                "company_id",
                refs::audit_value(i.company_id, company.as_deref()),
            ),
            ("external_user_id", some(&i.external_user_id)),
            ("email", some(&i.email)),
            ("name", some(&i.name)),
            ("disabled", yes_no(i.disabled)),
        ])
    }

    fn new_row(i: &PortalUserInput, at: NaiveDateTime) -> NewPortalUser {
        NewPortalUser {
            id: None,
            company_id: company_of(i),
            external_user_id: i.external_user_id.clone(),
            email: i.email.clone(),
            name: i.name.clone(),
            disabled: i.disabled,
            created_at: at,
        }
    }

    fn changes(i: &PortalUserInput) -> PortalUserChanges {
        PortalUserChanges {
            company_id: i.company_id,
            external_user_id: Some(i.external_user_id.clone()),
            email: Some(i.email.clone()),
            name: Some(i.name.clone()),
            disabled: Some(i.disabled),
        }
    }

    fn retire_changes(retired: bool) -> PortalUserChanges {
        PortalUserChanges {
            disabled: Some(retired),
            ..PortalUserChanges::default()
        }
    }

    fn check_free(
        conn: &mut DbConnection,
        input: &PortalUserInput,
        except: Option<i64>,
    ) -> Result<(), ServiceError> {
        let company = company_of(input);
        if refs::company(conn, company)?.is_none() {
            return Err(FieldErrors::one(
                "company_id",
                format!("there is no company #{company}; choose one from the list"),
            )
            .into());
        }
        let except = except.unwrap_or(-1);
        let same_company = || {
            portal_users::table
                .filter(portal_users::company_id.eq(company))
                .filter(portal_users::id.ne(except))
        };
        let holder: Option<(i64, String)> = same_company()
            .filter(portal_users::external_user_id.eq(&input.external_user_id))
            .select((portal_users::id, portal_users::external_user_id))
            .first(conn)
            .optional()?;
        refuse_taken(
            "external_user_id",
            holder,
            "portal user",
            "of this company already has the user ID",
        )?;
        let lower = diesel::dsl::sql::<diesel::sql_types::Text>("LOWER(email)");
        let holder: Option<(i64, String)> = same_company()
            .filter(lower.eq(input.email.to_lowercase()))
            .select((portal_users::id, portal_users::email))
            .first(conn)
            .optional()?;
        refuse_taken(
            "email",
            holder,
            "portal user",
            "of this company already has the email",
        )
    }

    fn references(
        conn: &mut DbConnection,
        id: i64,
    ) -> QueryResult<Vec<(i64, &'static str, &'static str)>> {
        // Through the company: (company_id, ts, user_id) is the index both backends have.
        let company: i64 = portal_users::table
            .find(id)
            .select(portal_users::company_id)
            .first(conn)?;
        Ok(vec![(
            app_log::table
                .filter(app_log::company_id.eq(company))
                .filter(app_log::user_id.eq(id))
                .count()
                .get_result(conn)?,
            "activity row",
            "activity rows",
        )])
    }
}
