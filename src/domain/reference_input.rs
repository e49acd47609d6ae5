//! Partners, sales reps, engineers, product codes and portal users as typed into a form,
//! and their rules. Each input holds the form's text; `validate` returns it normalised
//! (trimmed, upper-cased where the rule says) or every field's problem at once. The
//! service validates again: it does not trust its caller.

use super::FieldErrors;
use super::contact::{check_country, check_email};
use super::text::{check_line, check_multiline};

/// The longest name the `name` columns hold.
pub const NAME_MAX: usize = 200;
/// The longest region the columns hold.
pub const REGION_MAX: usize = 64;
/// The longest product code the column holds.
pub const CODE_MAX: usize = 32;
/// The longest external (portal) user id the column holds.
pub const EXTERNAL_ID_MAX: usize = 64;
/// Descriptions are TEXT; this keeps a form's description readable.
pub const DESCRIPTION_MAX: usize = 4000;

/// A reseller.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct PartnerInput {
    pub name: String,
    /// ISO 3166-1 alpha-2, or empty.
    pub country: String,
    pub contact_email: String,
}

impl PartnerInput {
    /// # Errors
    /// The fields' problems.
    pub fn validate(&self) -> Result<PartnerInput, FieldErrors> {
        let mut e = FieldErrors::new();
        let name = e.check("name", check_line("name", &self.name, NAME_MAX, true));
        let country = e.check("country", check_country("country", &self.country, false));
        let contact_email = e.check(
            "contact_email",
            check_email("contact email", &self.contact_email, false),
        );
        match (name, country, contact_email) {
            (Some(name), Some(country), Some(contact_email)) => e.into_result(PartnerInput {
                name,
                country,
                contact_email,
            }),
            _ => Err(e),
        }
    }
}

/// A sales rep or a factory engineer: a named person with a unique email and a region.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PersonInput {
    pub name: String,
    pub email: String,
    pub region: String,
    pub active: bool,
}

impl Default for PersonInput {
    fn default() -> Self {
        PersonInput {
            name: String::new(),
            email: String::new(),
            region: String::new(),
            active: true,
        }
    }
}

impl PersonInput {
    /// # Errors
    /// The fields' problems.
    pub fn validate(&self) -> Result<PersonInput, FieldErrors> {
        let mut e = FieldErrors::new();
        let name = e.check("name", check_line("name", &self.name, NAME_MAX, true));
        let email = e.check("email", check_email("email", &self.email, true));
        let region = e.check(
            "region",
            check_line("region", &self.region, REGION_MAX, false),
        );
        match (name, email, region) {
            (Some(name), Some(email), Some(region)) => e.into_result(PersonInput {
                name,
                email,
                region,
                active: self.active,
            }),
            _ => Err(e),
        }
    }
}

/// What a license is sold for: a code such as `LMS-ENT-01`, a name, a description.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct ProductInput {
    pub code: String,
    pub name: String,
    pub description: String,
}

/// A product code: letters, digits and `-`, stored upper-cased.
fn check_code(value: &str) -> Result<String, super::DomainError> {
    let code = check_line("code", value, CODE_MAX, true)?.to_uppercase();
    if let Some(bad) = code
        .chars()
        .find(|c| !(c.is_ascii_uppercase() || c.is_ascii_digit() || *c == '-'))
    {
        return Err(super::DomainError::Invalid(format!(
            "code may hold only letters A-Z, digits and '-' (not {:?})",
            super::text::sanitize(&bad.to_string())
        )));
    }
    Ok(code)
}

impl ProductInput {
    /// # Errors
    /// The fields' problems.
    pub fn validate(&self) -> Result<ProductInput, FieldErrors> {
        let mut e = FieldErrors::new();
        let code = e.check("code", check_code(&self.code));
        let name = e.check("name", check_line("name", &self.name, NAME_MAX, true));
        let description = e.check(
            "description",
            check_multiline("description", &self.description, DESCRIPTION_MAX),
        );
        match (code, name, description) {
            (Some(code), Some(name), Some(description)) => e.into_result(ProductInput {
                code,
                name,
                description,
            }),
            _ => Err(e),
        }
    }
}

/// A user of a customer's portal: which company, the portal's own user id, email, name.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct PortalUserInput {
    pub company_id: Option<i64>,
    pub external_user_id: String,
    pub email: String,
    pub name: String,
    pub disabled: bool,
}

impl PortalUserInput {
    /// # Errors
    /// The fields' problems.
    pub fn validate(&self) -> Result<PortalUserInput, FieldErrors> {
        let mut e = FieldErrors::new();
        if self.company_id.is_none() {
            e.push("company_id", "company is required (pick one)");
        }
        let external = e.check(
            "external_user_id",
            check_line("user ID", &self.external_user_id, EXTERNAL_ID_MAX, true),
        );
        let email = e.check("email", check_email("email", &self.email, true));
        let name = e.check("name", check_line("name", &self.name, NAME_MAX, false));
        match (external, email, name) {
            (Some(external_user_id), Some(email), Some(name)) => e.into_result(PortalUserInput {
                company_id: self.company_id,
                external_user_id,
                email,
                name,
                disabled: self.disabled,
            }),
            _ => Err(e),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_product_code_is_upper_cased_letters_digits_and_dashes() {
        let p = ProductInput {
            code: " lms-ent-01 ".into(),
            name: "Enterprise".into(),
            description: String::new(),
        };
        assert_eq!(p.validate().unwrap().code, "LMS-ENT-01");
        for bad in ["LMS ENT", "LMS_ENT", "ÄÖ-1", "X;DROP", "LMS\u{202E}1"] {
            let e = ProductInput {
                code: bad.into(),
                ..p.clone()
            }
            .validate()
            .unwrap_err();
            assert!(e.get("code").is_some(), "{bad:?} accepted");
        }
        let e = ProductInput {
            code: "A".repeat(33),
            ..p
        }
        .validate()
        .unwrap_err();
        assert!(e.get("code").unwrap().contains("too long"));
    }

    #[test]
    fn people_need_a_name_and_a_valid_email() {
        let e = PersonInput::default().validate().unwrap_err();
        assert!(e.get("name").unwrap().contains("required"));
        assert!(e.get("email").unwrap().contains("required"));
        let e = PersonInput {
            name: "Ann\u{0007}".into(),
            email: "ann@".into(),
            region: "x".repeat(65),
            active: true,
        }
        .validate()
        .unwrap_err();
        assert!(e.get("name").unwrap().contains("control"));
        assert!(e.get("email").unwrap().contains("not an email"));
        assert!(e.get("region").unwrap().contains("too long"));
    }

    #[test]
    fn partners_and_portal_users_check_every_field() {
        let e = PartnerInput {
            name: String::new(),
            country: "ZZ".into(),
            contact_email: "no".into(),
        }
        .validate()
        .unwrap_err();
        assert_eq!(e.len(), 3);
        let e = PortalUserInput::default().validate().unwrap_err();
        assert!(e.get("company_id").is_some());
        assert!(e.get("external_user_id").unwrap().contains("required"));
        let ok = PortalUserInput {
            company_id: Some(1),
            external_user_id: " u-1 ".into(),
            email: "ann@acme.example".into(),
            name: "李 Ann 🚀".into(),
            disabled: false,
        }
        .validate()
        .unwrap();
        assert_eq!(ok.external_user_id, "u-1");
    }
}
