//! The company form: name, a country from the ISO 3166 list (a picker), contact email,
//! notes. The text goes through the domain's parser, so the rules live in one place.

use super::form_overlay::{FormOverlay, Purpose};
use crate::domain::FieldErrors;
use crate::domain::contact::{alpha2_of, country_label};
use crate::service::companies::{CompanyForm, CompanyInput, CompanyRecord};
use crate::service::options::RefKind;
use crate::tui::widgets::edit_form::{EditField, EditForm};

fn fields(input: &CompanyInput) -> Vec<EditField> {
    let country = celes_numeric(&input.country).map(|n| (n, country_label(&input.country)));
    vec![
        EditField::text("name", "Name", &input.name),
        EditField::reference("country", "Country", RefKind::Country, country, false),
        EditField::text("contact_email", "Contact email", &input.contact_email),
        EditField::text("notes", "Notes", &input.notes),
    ]
}

/// The numeric ISO code of a stored two-letter code: what the country picker chooses.
fn celes_numeric(alpha2: &str) -> Option<i64> {
    crate::domain::contact::search_countries(alpha2, 300)
        .into_iter()
        .find(|(n, _)| alpha2_of(*n) == Some(alpha2))
        .map(|(n, _)| n)
}

#[must_use]
pub fn new_company() -> FormOverlay {
    FormOverlay {
        purpose: Purpose::NewCompany,
        form: EditForm::new("New company".to_owned(), fields(&CompanyInput::default())),
        reload: None,
    }
}

#[must_use]
pub fn edit_company(r: &CompanyRecord) -> FormOverlay {
    FormOverlay {
        purpose: Purpose::EditCompany {
            id: r.id,
            version: r.version,
        },
        form: EditForm::new(
            format!("Edit {} (version {})", r.input.name, r.version),
            fields(&r.input),
        ),
        reload: None,
    }
}

/// The company the form's text makes, or its field errors.
///
/// # Errors
/// Every field problem the domain's parser finds.
pub fn parse(f: &EditForm) -> Result<CompanyInput, FieldErrors> {
    CompanyForm {
        name: f.text("name"),
        country: f
            .id("country")
            .and_then(alpha2_of)
            .unwrap_or_default()
            .to_owned(),
        contact_email: f.text("contact_email"),
        notes: f.text("notes"),
    }
    .parse()
}
