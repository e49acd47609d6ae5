//! What an operator enters for a license, and its field rules. The form holds text; `parse`
//! turns it into a checked [`LicenseInput`] or the list of what is wrong, field by field.

use chrono::NaiveDate;

use super::fields::{self, FieldErrors};
use super::license::Seats;
use super::text;

/// Notes are free text, several lines, within this many characters.
pub const NOTES_MAX: usize = 2_000;

/// A license's editable fields. References are row ids chosen from pickers.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LicenseInput {
    pub company_id: i64,
    pub product_code_id: i64,
    pub partner_id: Option<i64>,
    pub sales_rep_id: Option<i64>,
    pub seats: Seats,
    pub start_date: NaiveDate,
    pub end_date: NaiveDate,
    pub notes: String,
}

impl LicenseInput {
    /// Checks the rules that do not need the database and returns the input normalised
    /// (notes trimmed, line endings `\n`).
    ///
    /// # Errors
    /// Every broken rule, by field.
    pub fn validate(&self) -> Result<LicenseInput, FieldErrors> {
        let mut errors = FieldErrors::new();
        if let Seats::Limited(n) = self.seats
            && (n == 0 || i32::try_from(n).is_err())
        {
            errors.push("seats", format!("seats must be from 1 to {}", i32::MAX));
        }
        if self.end_date < self.start_date {
            errors.push(
                "end_date",
                format!(
                    "end date {} is before the start date {}",
                    self.end_date, self.start_date
                ),
            );
        }
        let notes = errors.check(
            "notes",
            text::check_multiline("notes", &self.notes, NOTES_MAX),
        );
        errors.into_result(LicenseInput {
            notes: notes.unwrap_or_default(),
            ..self.clone()
        })
    }
}

/// The license form as typed: text fields plus the ids the pickers chose (`None` = nothing
/// chosen yet).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct LicenseForm {
    pub company_id: Option<i64>,
    pub product_code_id: Option<i64>,
    pub partner_id: Option<i64>,
    pub sales_rep_id: Option<i64>,
    pub seats: String,
    pub start_date: String,
    pub end_date: String,
    pub notes: String,
}

impl LicenseForm {
    /// The form pre-filled with `input`, for editing.
    #[must_use]
    pub fn from_input(input: &LicenseInput) -> Self {
        Self {
            company_id: Some(input.company_id),
            product_code_id: Some(input.product_code_id),
            partner_id: input.partner_id,
            sales_rep_id: input.sales_rep_id,
            seats: input.seats.to_string(),
            start_date: input.start_date.to_string(),
            end_date: input.end_date.to_string(),
            notes: input.notes.clone(),
        }
    }

    /// Parses and validates every field, reporting all problems at once.
    ///
    /// # Errors
    /// Every problem, by the name of the [`LicenseInput`] field it belongs to.
    pub fn parse(&self) -> Result<LicenseInput, FieldErrors> {
        let mut errors = FieldErrors::new();
        if self.company_id.is_none() {
            errors.push("company_id", "choose a company");
        }
        if self.product_code_id.is_none() {
            errors.push("product_code_id", "choose a product code");
        }
        let seats = if self.seats.trim().is_empty() {
            errors.push("seats", "seats is required (a number, or \"unlimited\")");
            None
        } else {
            errors.check("seats", self.seats.parse::<Seats>())
        };
        let start = errors.check(
            "start_date",
            fields::parse_date("start date", &self.start_date),
        );
        let end = errors.check("end_date", fields::parse_date("end date", &self.end_date));
        let (
            Some(company_id),
            Some(product_code_id),
            Some(seats),
            Some(start_date),
            Some(end_date),
        ) = (self.company_id, self.product_code_id, seats, start, end)
        else {
            // Still report the notes, so the operator sees everything in one go.
            errors.check(
                "notes",
                text::check_multiline("notes", &self.notes, NOTES_MAX),
            );
            return Err(errors);
        };
        let input = LicenseInput {
            company_id,
            product_code_id,
            partner_id: self.partner_id,
            sales_rep_id: self.sales_rep_id,
            seats,
            start_date,
            end_date,
            notes: self.notes.clone(),
        };
        match (input.validate(), errors.is_empty()) {
            (Ok(valid), true) => Ok(valid),
            (Ok(_), false) => Err(errors),
            (Err(more), _) => {
                for (field, message) in more.iter() {
                    errors.push(field, message);
                }
                Err(errors)
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn form() -> LicenseForm {
        LicenseForm {
            company_id: Some(1),
            product_code_id: Some(2),
            partner_id: None,
            sales_rep_id: Some(3),
            seats: "25".into(),
            start_date: "2026-01-01".into(),
            end_date: "2026-12-31".into(),
            notes: "שלום 🚀\nsecond line".into(),
        }
    }

    #[test]
    fn a_good_form_parses_and_round_trips() {
        let input = form().parse().unwrap();
        assert_eq!(input.seats, Seats::Limited(25));
        assert_eq!(input.notes, "שלום 🚀\nsecond line");
        assert_eq!(LicenseForm::from_input(&input).parse().unwrap(), input);
        let site = LicenseForm {
            seats: "unlimited".into(),
            end_date: "2026-01-01".into(),
            ..form()
        };
        assert_eq!(site.parse().unwrap().seats, Seats::Unlimited);
    }

    #[test]
    fn every_bad_field_is_reported_at_once() {
        let bad = LicenseForm {
            company_id: None,
            product_code_id: None,
            seats: "0".into(),
            start_date: "2026-13-01".into(),
            end_date: String::new(),
            notes: "x\u{1b}[31m".into(),
            ..form()
        };
        let e = bad.parse().unwrap_err();
        let fields: Vec<_> = e.iter().map(|(f, _)| f).collect();
        assert_eq!(
            fields,
            [
                "company_id",
                "product_code_id",
                "seats",
                "start_date",
                "end_date",
                "notes"
            ]
        );
        assert_eq!(e.get("end_date"), Some("end date is required"));
    }

    #[test]
    fn end_before_start_and_long_notes() {
        let e = LicenseForm {
            end_date: "2025-12-31".into(),
            notes: "n".repeat(NOTES_MAX + 1),
            ..form()
        }
        .parse()
        .unwrap_err();
        assert!(e.get("end_date").unwrap().contains("before the start date"));
        assert!(e.get("notes").unwrap().contains("too long"));
        let e = LicenseForm {
            seats: String::new(),
            ..form()
        }
        .parse()
        .unwrap_err();
        assert!(e.get("seats").unwrap().contains("required"));
        let ok = LicenseForm {
            notes: "n".repeat(NOTES_MAX),
            ..form()
        };
        assert!(ok.parse().is_ok());
    }

    #[test]
    fn validate_catches_inputs_built_in_code() {
        let mut input = form().parse().unwrap();
        input.seats = Seats::Limited(0);
        input.notes = "a\u{202E}b".into();
        let e = input.validate().unwrap_err();
        assert!(e.get("seats").is_some());
        assert!(e.get("notes").is_some());
    }
}
