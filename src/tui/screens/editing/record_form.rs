//! The forms of the reference records (customer, partner, sales rep, engineer, product
//! code, portal user): one field per column, countries and companies from pickers, yes/no
//! fields toggled. The text goes through the domain's rules, so they live in one place.

use super::form_overlay::{FormOverlay, Purpose};
use crate::domain::FieldErrors;
use crate::domain::contact::{alpha2_of, country_label, search_countries};
use crate::service::options::RefKind;
use crate::service::records::{
    CompanyForm, PartnerInput, PersonInput, PortalUserInput, ProductInput, Record, RecordInput,
    RecordKind,
};
use crate::tui::widgets::edit_form::{EditField, EditForm};

/// The numeric ISO code of a stored two-letter code: what the country picker chooses.
fn country_choice(alpha2: &str) -> Option<(i64, String)> {
    search_countries(alpha2, 300)
        .into_iter()
        .find(|(n, _)| alpha2_of(*n) == Some(alpha2))
        .map(|(n, _)| (n, country_label(alpha2)))
}

fn country(required: bool, alpha2: &str) -> EditField {
    EditField::reference(
        "country",
        "Country",
        RefKind::Country,
        country_choice(alpha2),
        !required,
    )
}

fn person(i: &PersonInput) -> Vec<EditField> {
    vec![
        EditField::text("name", "Name", &i.name),
        EditField::text("email", "Email", &i.email),
        EditField::text("region", "Region", &i.region),
        EditField::flag("active", "Active", i.active),
    ]
}

/// The form's fields for `input`; `company` names a portal user's company.
fn fields(input: &RecordInput, company: Option<(i64, String)>) -> Vec<EditField> {
    match input {
        RecordInput::Company(i) => vec![
            EditField::text("name", "Name", &i.name),
            country(true, &i.country),
            EditField::text("contact_email", "Contact email", &i.contact_email),
            EditField::text("notes", "Notes", &i.notes),
        ],
        RecordInput::Partner(i) => vec![
            EditField::text("name", "Name", &i.name),
            country(false, &i.country),
            EditField::text("contact_email", "Contact email", &i.contact_email),
        ],
        RecordInput::SalesRep(i) | RecordInput::Engineer(i) => person(i),
        RecordInput::ProductCode(i) => vec![
            EditField::text("code", "Code", &i.code),
            EditField::text("name", "Name", &i.name),
            EditField::text("description", "Description", &i.description),
        ],
        RecordInput::PortalUser(i) => vec![
            EditField::reference("company_id", "Company", RefKind::Company, company, false),
            EditField::text("external_user_id", "User ID", &i.external_user_id),
            EditField::text("email", "Email", &i.email),
            EditField::text("name", "Name", &i.name),
            EditField::flag("disabled", "Disabled", i.disabled),
        ],
    }
}

/// The record a picker of `kind` chooses, when it is one an operator can add.
#[must_use]
pub fn record_kind(kind: RefKind) -> Option<RecordKind> {
    match kind {
        RefKind::Company => Some(RecordKind::Company),
        RefKind::ProductCode => Some(RecordKind::ProductCode),
        RefKind::Partner => Some(RecordKind::Partner),
        RefKind::SalesRep => Some(RecordKind::SalesRep),
        RefKind::Engineer => Some(RecordKind::Engineer),
        RefKind::Country => None,
    }
}

/// The form for a new record of `kind`.
#[must_use]
pub fn new_record(kind: RecordKind) -> FormOverlay {
    FormOverlay {
        purpose: Purpose::NewRecord(kind),
        form: EditForm::new(
            format!("New {}", kind.noun()),
            fields(&RecordInput::empty(kind), None),
        ),
        reload: None,
        child: None,
    }
}

/// The form editing `r`.
#[must_use]
pub fn edit_record(r: &Record) -> FormOverlay {
    let company = match &r.input {
        RecordInput::PortalUser(u) => u.company_id.zip(r.company.clone()),
        _ => None,
    };
    FormOverlay {
        purpose: Purpose::EditRecord {
            kind: r.kind(),
            id: r.id,
            version: r.version,
        },
        form: EditForm::new(
            format!(
                "Edit {} {} (version {})",
                r.kind().noun(),
                r.input.name(),
                r.version
            ),
            fields(&r.input, company),
        ),
        reload: None,
        child: None,
    }
}

/// The record of `kind` the form's text makes, or its field errors.
///
/// # Errors
/// Every field problem the domain's rules find.
pub fn parse(kind: RecordKind, f: &EditForm) -> Result<RecordInput, FieldErrors> {
    let country = || {
        f.id("country")
            .and_then(alpha2_of)
            .unwrap_or_default()
            .to_owned()
    };
    let person = || PersonInput {
        name: f.text("name"),
        email: f.text("email"),
        region: f.text("region"),
        active: f.flag("active"),
    };
    Ok(match kind {
        RecordKind::Company => RecordInput::Company(
            CompanyForm {
                name: f.text("name"),
                country: country(),
                contact_email: f.text("contact_email"),
                notes: f.text("notes"),
            }
            .parse()?,
        ),
        RecordKind::Partner => RecordInput::Partner(
            PartnerInput {
                name: f.text("name"),
                country: country(),
                contact_email: f.text("contact_email"),
            }
            .validate()?,
        ),
        RecordKind::SalesRep => RecordInput::SalesRep(person().validate()?),
        RecordKind::Engineer => RecordInput::Engineer(person().validate()?),
        RecordKind::ProductCode => RecordInput::ProductCode(
            ProductInput {
                code: f.text("code"),
                name: f.text("name"),
                description: f.text("description"),
            }
            .validate()?,
        ),
        RecordKind::PortalUser => RecordInput::PortalUser(
            PortalUserInput {
                company_id: f.id("company_id"),
                external_user_id: f.text("external_user_id"),
                email: f.text("email"),
                name: f.text("name"),
                disabled: f.flag("disabled"),
            }
            .validate()?,
        ),
    })
}
