//! License use cases: create, read for editing, edit, lifecycle, delete, and the expiry
//! sweep. How status and end date stay consistent is documented in [`crate::domain::expiry`].

mod edit;
mod lifecycle;

pub use edit::{create, delete, landed_create, update};
pub use lifecycle::{expire_due, set_status};

pub use crate::domain::license_input::{LicenseForm, LicenseInput, NOTES_MAX};

use chrono::{NaiveDate, NaiveDateTime};
use diesel::prelude::*;

use super::{ServiceError, authorize, refs};
use crate::auth::Actor;
use crate::db::DbConnection;
use crate::db::models::License;
use crate::db::schema::{companies, licenses, partners, product_codes, sales_reps};
use crate::db::text::DbText;
use crate::domain::{LicenseStatus, Permission, Seats, effective_status};

/// A license as the edit form needs it: current values, version, and reference names.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LicenseRecord {
    pub id: i64,
    pub license_key: String,
    pub input: LicenseInput,
    pub company: String,
    pub product_code: String,
    pub partner: Option<String>,
    pub sales_rep: Option<String>,
    /// As stored; see [`LicenseRecord::effective_status`] for display.
    pub status: LicenseStatus,
    pub version: i32,
    pub created_at: NaiveDateTime,
    pub updated_at: NaiveDateTime,
}

impl LicenseRecord {
    /// The status to show on `today` (expired once the end date has passed).
    #[must_use]
    pub fn effective_status(&self, today: NaiveDate) -> LicenseStatus {
        effective_status(self.status, self.input.end_date, today)
    }

    /// The form pre-filled for editing.
    #[must_use]
    pub fn form(&self) -> LicenseForm {
        LicenseForm::from_input(&self.input)
    }
}

/// The row, company name, product code, partner and sales rep names.
/// Names read lossily (see [`DbText`]).
type RecordRow = (License, DbText, String, Option<DbText>, Option<DbText>);

/// # Errors
/// Forbidden (needs `ViewData`), not found, or database errors.
pub fn get(conn: &mut DbConnection, actor: &Actor, id: i64) -> Result<LicenseRecord, ServiceError> {
    authorize(actor, Permission::ViewData)?;
    let row: Option<RecordRow> = licenses::table
        .inner_join(companies::table)
        .inner_join(product_codes::table)
        .left_join(partners::table)
        .left_join(sales_reps::table)
        .filter(licenses::id.eq(id))
        .select((
            License::as_select(),
            companies::name,
            product_codes::code,
            partners::name.nullable(),
            sales_reps::name.nullable(),
        ))
        .first(conn)
        .optional()?;
    let (l, company, product_code, partner, sales_rep) =
        row.ok_or_else(|| ServiceError::NotFound(format!("license #{id}")))?;
    Ok(LicenseRecord {
        id: l.id,
        license_key: l.license_key.clone(),
        status: l.status.parse()?,
        version: l.version,
        created_at: l.created_at,
        updated_at: l.updated_at,
        input: input_of(&l)?,
        company: company.into(),
        product_code,
        partner: partner.map(String::from),
        sales_rep: sales_rep.map(String::from),
    })
}

/// The editable fields of a stored row.
pub(crate) fn input_of(l: &License) -> Result<LicenseInput, ServiceError> {
    Ok(LicenseInput {
        company_id: l.company_id,
        product_code_id: l.product_code_id,
        partner_id: l.partner_id,
        sales_rep_id: l.sales_rep_id,
        seats: Seats::from_db(l.seats)?,
        start_date: l.start_date,
        end_date: l.end_date,
        notes: l.notes.clone(),
    })
}

/// Reference names of an input, proving each reference exists.
pub(crate) struct RefNames {
    pub company: String,
    pub product_code: String,
    pub partner: Option<String>,
    pub sales_rep: Option<String>,
}

pub(crate) fn check_refs(
    conn: &mut DbConnection,
    input: &LicenseInput,
) -> Result<RefNames, ServiceError> {
    let mut e = crate::domain::FieldErrors::new();
    let found = refs::company(conn, input.company_id)?;
    let company = refs::require(&mut e, "company_id", "company", input.company_id, found);
    let found = refs::product_code(conn, input.product_code_id)?;
    let product_code = refs::require(
        &mut e,
        "product_code_id",
        "product code",
        input.product_code_id,
        found,
    );
    let partner = refs::optional_partner(conn, &mut e, input.partner_id)?;
    let sales_rep = refs::optional_sales_rep(conn, &mut e, input.sales_rep_id)?;
    Ok(e.into_result(RefNames {
        company,
        product_code,
        partner,
        sales_rep,
    })?)
}

/// Field values as audit rows show them, in form order.
pub(crate) fn audit_fields(
    input: &LicenseInput,
    names: Option<&RefNames>,
) -> [(&'static str, Option<String>); 8] {
    let name = |f: fn(&RefNames) -> Option<&str>| names.and_then(f);
    [
        (
            "company_id",
            refs::audit_value(Some(input.company_id), name(|n| Some(n.company.as_str()))),
        ),
        (
            "product_code_id",
            refs::audit_value(
                Some(input.product_code_id),
                name(|n| Some(n.product_code.as_str())),
            ),
        ),
        (
            "partner_id",
            refs::audit_value(input.partner_id, name(|n| n.partner.as_deref())),
        ),
        (
            "sales_rep_id",
            refs::audit_value(input.sales_rep_id, name(|n| n.sales_rep.as_deref())),
        ),
        ("seats", Some(input.seats.to_string())),
        ("start_date", Some(input.start_date.to_string())),
        ("end_date", Some(input.end_date.to_string())),
        ("notes", Some(input.notes.clone())),
    ]
}
