//! A customer (company) as typed into a form, and its rules.

use super::FieldErrors;
use super::contact::{check_country, check_email};
use super::text::{check_line, check_multiline};

/// The longest company name the column holds.
pub const NAME_MAX: usize = 200;
/// Notes are TEXT; this keeps a form's notes readable.
pub const NOTES_MAX: usize = 4000;

/// A validated company.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct CompanyInput {
    pub name: String,
    /// ISO 3166-1 alpha-2.
    pub country: String,
    pub contact_email: String,
    pub notes: String,
}

/// A company form's text, field by field.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct CompanyForm {
    pub name: String,
    pub country: String,
    pub contact_email: String,
    pub notes: String,
}

impl CompanyForm {
    #[must_use]
    pub fn from_input(input: &CompanyInput) -> Self {
        CompanyForm {
            name: input.name.clone(),
            country: input.country.clone(),
            contact_email: input.contact_email.clone(),
            notes: input.notes.clone(),
        }
    }

    /// Every field's problem at once, or the company.
    ///
    /// # Errors
    /// The fields' problems.
    pub fn parse(&self) -> Result<CompanyInput, FieldErrors> {
        let mut e = FieldErrors::new();
        let name = e.check("name", check_line("name", &self.name, NAME_MAX, true));
        let country = e.check("country", check_country("country", &self.country, true));
        let contact_email = e.check(
            "contact_email",
            check_email("contact email", &self.contact_email, false),
        );
        let notes = e.check("notes", check_multiline("notes", &self.notes, NOTES_MAX));
        match (name, country, contact_email, notes) {
            (Some(name), Some(country), Some(contact_email), Some(notes)) => {
                e.into_result(CompanyInput {
                    name,
                    country,
                    contact_email,
                    notes,
                })
            }
            _ => Err(e),
        }
    }
}

impl CompanyInput {
    /// The same rules again (the service does not trust its caller).
    ///
    /// # Errors
    /// The fields' problems.
    pub fn validate(&self) -> Result<CompanyInput, FieldErrors> {
        CompanyForm::from_input(self).parse()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn form(name: &str, country: &str, email: &str) -> CompanyForm {
        CompanyForm {
            name: name.into(),
            country: country.into(),
            contact_email: email.into(),
            notes: String::new(),
        }
    }

    #[test]
    fn every_problem_at_once_under_its_field() {
        let ok = form("  Acme GmbH ", "de", "ops@acme.example")
            .parse()
            .unwrap();
        assert_eq!((ok.name.as_str(), ok.country.as_str()), ("Acme GmbH", "DE"));
        let e = form("", "XX", "nope").parse().unwrap_err();
        assert!(e.get("name").unwrap().contains("required"));
        assert!(e.get("country").unwrap().contains("ISO 3166"));
        assert!(e.get("contact_email").unwrap().contains("not an email"));
        let e = form("Evil\u{202E}Corp", "DE", "").parse().unwrap_err();
        assert!(e.get("name").unwrap().contains("text-direction"));
        let e = form(&"x".repeat(201), "DE", "").parse().unwrap_err();
        assert!(e.get("name").unwrap().contains("too long"));
        // Wide and emoji text is fine when it is printable.
        assert!(form("株式会社 🚀 Ünïcode", "JP", "").parse().is_ok());
    }
}
