//! Customers: create, edit (version-checked), delete when nothing refers to them. Names
//! are unique whatever their case (MariaDB's collation compares them so; SQLite is told
//! to), and a refusal names the record in the way.

use diesel::prelude::*;

use super::write::{self, Change};
use super::{ServiceError, audit, authorize};
use crate::auth::Actor;
use crate::db::models::{Company, CompanyChanges, NewCompany};
use crate::db::schema::{companies, licenses, portal_users};
use crate::db::{DbConnection, now};
use crate::domain::{FieldErrors, Permission};

pub use crate::domain::company_input::{CompanyForm, CompanyInput};

/// A company as the edit form needs it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CompanyRecord {
    pub id: i64,
    pub input: CompanyInput,
    pub version: i32,
}

fn input_of(c: &Company) -> CompanyInput {
    CompanyInput {
        name: c.name.clone(),
        country: c.country.clone(),
        contact_email: c.contact_email.clone(),
        notes: c.notes.clone(),
    }
}

fn audit_fields(i: &CompanyInput) -> [(&'static str, Option<String>); 4] {
    let some = |s: &str| (!s.is_empty()).then(|| s.to_owned());
    [
        ("name", Some(i.name.clone())),
        ("country", some(&i.country)),
        ("contact_email", some(&i.contact_email)),
        ("notes", some(&i.notes)),
    ]
}

/// # Errors
/// Forbidden (needs `ViewData`), not found, or database errors.
pub fn get(conn: &mut DbConnection, actor: &Actor, id: i64) -> Result<CompanyRecord, ServiceError> {
    authorize(actor, Permission::ViewData)?;
    let c = write::load::<Company>(conn, id)?;
    Ok(CompanyRecord {
        id,
        input: input_of(&c),
        version: c.version,
    })
}

/// Refuses a name another company has (any case), naming it.
fn check_name_free(
    conn: &mut DbConnection,
    name: &str,
    except: Option<i64>,
) -> Result<(), ServiceError> {
    let lower = diesel::dsl::sql::<diesel::sql_types::Text>("LOWER(name)");
    let taken: Option<(i64, String)> = companies::table
        .filter(lower.eq(name.to_lowercase()))
        .filter(companies::id.ne(except.unwrap_or(-1)))
        .select((companies::id, companies::name))
        .first(conn)
        .optional()?;
    match taken {
        Some((id, existing)) => Err(FieldErrors::one(
            "name",
            format!("company #{id} is already named {existing:?}"),
        )
        .into()),
        None => Ok(()),
    }
}

/// Creates a company; returns its id.
///
/// # Errors
/// Forbidden (needs `EditReferenceData`), field errors (a taken name names its holder), or
/// database errors.
pub fn create(
    conn: &mut DbConnection,
    actor: &Actor,
    input: &CompanyInput,
) -> Result<i64, ServiceError> {
    authorize(actor, Permission::EditReferenceData)?;
    let input = input.validate()?;
    conn.transaction(|conn| {
        check_name_free(conn, &input.name, None)?;
        let t = now();
        let new = NewCompany {
            id: None,
            name: input.name.clone(),
            country: input.country.clone(),
            contact_email: input.contact_email.clone(),
            notes: input.notes.clone(),
            created_at: t,
            updated_at: t,
        };
        write::create(conn, actor.into(), &new, |_, _| {
            Ok(audit::created(audit_fields(&input)))
        })
    })
}

/// Saves an edit made on `expected_version`; returns the new version. No change writes
/// nothing.
///
/// # Errors
/// Forbidden, field errors, not found, [`ServiceError::Stale`], or database errors.
pub fn update(
    conn: &mut DbConnection,
    actor: &Actor,
    id: i64,
    expected_version: i32,
    input: &CompanyInput,
) -> Result<i32, ServiceError> {
    authorize(actor, Permission::EditReferenceData)?;
    let input = input.validate()?;
    let saved = write::update::<Company>(conn, actor.into(), id, expected_version, |conn, row| {
        let before = input_of(row);
        if before == input {
            return Ok(None);
        }
        check_name_free(conn, &input.name, Some(id))?;
        Ok(Some(Change {
            set: CompanyChanges {
                name: Some(input.name.clone()),
                country: Some(input.country.clone()),
                contact_email: Some(input.contact_email.clone()),
                notes: Some(input.notes.clone()),
            },
            action: "update",
            audit: audit::diff(audit_fields(&before), audit_fields(&input)),
        }))
    })?;
    Ok(saved.version)
}

/// What refers to a company, worded for a refusal: "12 licenses, 3 portal users".
fn references(conn: &mut DbConnection, id: i64) -> Result<Option<String>, ServiceError> {
    let n_licenses: i64 = licenses::table
        .filter(licenses::company_id.eq(id))
        .count()
        .get_result(conn)?;
    let n_users: i64 = portal_users::table
        .filter(portal_users::company_id.eq(id))
        .count()
        .get_result(conn)?;
    let mut parts = Vec::new();
    for (n, one, many) in [
        (n_licenses, "license", "licenses"),
        (n_users, "portal user", "portal users"),
    ] {
        match n {
            0 => {}
            1 => parts.push(format!("1 {one}")),
            n => parts.push(format!("{n} {many}")),
        }
    }
    Ok((!parts.is_empty()).then(|| parts.join(" and ")))
}

/// Deletes a company nothing refers to.
///
/// # Errors
/// Forbidden, a refusal saying what refers to it, not found, stale, or database errors.
pub fn delete(
    conn: &mut DbConnection,
    actor: &Actor,
    id: i64,
    expected_version: i32,
) -> Result<(), ServiceError> {
    authorize(actor, Permission::EditReferenceData)?;
    write::delete::<Company>(conn, actor.into(), id, expected_version, |conn, row| {
        if let Some(what) = references(conn, id)? {
            let verb = if what.starts_with("1 ") && !what.contains(" and ") {
                "refers"
            } else {
                "refer"
            };
            return Err(ServiceError::Conflict(format!(
                "{} cannot be deleted: {what} {verb} to it",
                row.name
            )));
        }
        Ok(audit::deleted(audit_fields(&input_of(row))))
    })?;
    Ok(())
}
