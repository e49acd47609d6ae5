//! Field-level validation results: every problem of a form at once, each tied to the field
//! it belongs to, so the form can show it next to that field.

use std::fmt;

use chrono::NaiveDate;

use super::DomainError;
use super::text;

/// Problems found in a form, in field order. Field names are those of the input struct
/// (`start_date`, `notes`, ...); messages are whole sentences that name the field.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct FieldErrors(Vec<(&'static str, String)>);

impl FieldErrors {
    #[must_use]
    pub fn new() -> Self {
        Self::default()
    }

    /// A single problem with one field.
    #[must_use]
    pub fn one(field: &'static str, message: impl Into<String>) -> Self {
        let mut e = Self::new();
        e.push(field, message);
        e
    }

    pub fn push(&mut self, field: &'static str, message: impl Into<String>) {
        self.0.push((field, message.into()));
    }

    /// Keeps `Ok` values and records the error of an `Err` under `field`.
    pub fn check<T>(&mut self, field: &'static str, result: Result<T, DomainError>) -> Option<T> {
        match result {
            Ok(v) => Some(v),
            Err(e) => {
                self.push(field, e.to_string());
                None
            }
        }
    }

    #[must_use]
    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }

    #[must_use]
    pub fn len(&self) -> usize {
        self.0.len()
    }

    /// The message for `field`, if it has one (the first, when several).
    #[must_use]
    pub fn get(&self, field: &str) -> Option<&str> {
        self.0
            .iter()
            .find(|(f, _)| *f == field)
            .map(|(_, m)| m.as_str())
    }

    pub fn iter(&self) -> impl Iterator<Item = (&'static str, &str)> + '_ {
        self.0.iter().map(|(f, m)| (*f, m.as_str()))
    }

    /// `Ok(value)` when nothing was recorded.
    ///
    /// # Errors
    /// `self` when any problem was recorded.
    pub fn into_result<T>(self, value: T) -> Result<T, FieldErrors> {
        if self.is_empty() {
            Ok(value)
        } else {
            Err(self)
        }
    }
}

impl fmt::Display for FieldErrors {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        for (i, (_, message)) in self.0.iter().enumerate() {
            if i > 0 {
                f.write_str("; ")?;
            }
            f.write_str(message)?;
        }
        Ok(())
    }
}

impl std::error::Error for FieldErrors {}

/// Parses a required `YYYY-MM-DD` date typed into a form.
///
/// # Errors
/// A message naming `label` when the text is empty or not a calendar date.
pub fn parse_date(label: &str, value: &str) -> Result<NaiveDate, DomainError> {
    parse_optional_date(label, value)?
        .ok_or_else(|| DomainError::Invalid(format!("{label} is required")))
}

/// Parses an optional `YYYY-MM-DD` date: empty text is `None`.
///
/// # Errors
/// A message naming `label` when the text is not a calendar date.
pub fn parse_optional_date(label: &str, value: &str) -> Result<Option<NaiveDate>, DomainError> {
    let t = value.trim();
    if t.is_empty() {
        return Ok(None);
    }
    NaiveDate::parse_from_str(t, "%Y-%m-%d")
        .map(Some)
        .map_err(|_| {
            DomainError::Invalid(format!(
                "{label} {:?} is not a date (use YYYY-MM-DD)",
                text::sanitize(t)
            ))
        })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn collects_and_joins() {
        let mut e = FieldErrors::new();
        assert!(e.is_empty());
        assert_eq!(e.check("seats", Ok::<_, DomainError>(3)), Some(3));
        let bad: Result<u8, _> = Err(DomainError::Invalid("seats must be 1 or more".into()));
        assert_eq!(e.check("seats", bad), None);
        e.push("notes", "notes is too long");
        assert_eq!(e.len(), 2);
        assert_eq!(e.get("notes"), Some("notes is too long"));
        assert_eq!(e.get("end_date"), None);
        assert_eq!(e.to_string(), "seats must be 1 or more; notes is too long");
        assert!(e.into_result(()).is_err());
        assert_eq!(FieldErrors::new().into_result(5), Ok(5));
    }

    #[test]
    fn dates_parse_strictly() {
        assert_eq!(
            parse_date("start date", " 2026-02-28 ").unwrap(),
            NaiveDate::from_ymd_opt(2026, 2, 28).unwrap()
        );
        for bad in [
            "2026-02-30",
            "28.02.2026",
            "2026-2",
            "tomorrow",
            "2026-01-01\u{1b}",
        ] {
            let err = parse_date("start date", bad).unwrap_err().to_string();
            assert!(err.starts_with("start date "), "{err}");
            assert!(!err.contains('\u{1b}'), "{err}");
        }
        assert_eq!(
            parse_date("end date", "  ").unwrap_err().to_string(),
            "end date is required"
        );
        assert_eq!(parse_optional_date("scheduled date", "").unwrap(), None);
    }
}
