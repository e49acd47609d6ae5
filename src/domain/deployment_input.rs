//! A deployment's editable fields and their rules, plus the dates a status step sets.

use chrono::NaiveDate;

use super::fields::{self, FieldErrors};
use super::license::DeploymentStatus;
use super::license_input::NOTES_MAX;
use super::{DomainError, text};

pub const ENVIRONMENT_MAX: usize = 64;

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DeploymentInput {
    pub license_id: i64,
    pub engineer_id: Option<i64>,
    pub scheduled_date: Option<NaiveDate>,
    /// Where it goes, such as "production" or "EU cloud"; may be empty.
    pub environment: String,
    pub notes: String,
}

impl DeploymentInput {
    /// # Errors
    /// Every broken rule, by field.
    pub fn validate(&self) -> Result<DeploymentInput, FieldErrors> {
        let mut e = FieldErrors::new();
        let environment = e.check(
            "environment",
            text::check_line("environment", &self.environment, ENVIRONMENT_MAX, false),
        );
        let notes = e.check(
            "notes",
            text::check_multiline("notes", &self.notes, NOTES_MAX),
        );
        e.into_result(DeploymentInput {
            environment: environment.unwrap_or_default(),
            notes: notes.unwrap_or_default(),
            ..self.clone()
        })
    }
}

/// The deployment form as typed; license and engineer come from pickers.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct DeploymentForm {
    pub license_id: i64,
    pub engineer_id: Option<i64>,
    /// Empty: not scheduled yet.
    pub scheduled_date: String,
    pub environment: String,
    pub notes: String,
}

impl DeploymentForm {
    #[must_use]
    pub fn from_input(input: &DeploymentInput) -> Self {
        Self {
            license_id: input.license_id,
            engineer_id: input.engineer_id,
            scheduled_date: input
                .scheduled_date
                .map(|d| d.to_string())
                .unwrap_or_default(),
            environment: input.environment.clone(),
            notes: input.notes.clone(),
        }
    }

    /// # Errors
    /// Every problem, by field name.
    pub fn parse(&self) -> Result<DeploymentInput, FieldErrors> {
        let mut e = FieldErrors::new();
        let scheduled = e.check(
            "scheduled_date",
            fields::parse_optional_date("scheduled date", &self.scheduled_date),
        );
        let input = DeploymentInput {
            license_id: self.license_id,
            engineer_id: self.engineer_id,
            scheduled_date: scheduled.flatten(),
            environment: self.environment.clone(),
            notes: self.notes.clone(),
        };
        match input.validate() {
            Ok(valid) if e.is_empty() => Ok(valid),
            Ok(_) => Err(e),
            Err(more) => {
                for (field, message) in more.iter() {
                    e.push(field, message);
                }
                Err(e)
            }
        }
    }
}

/// The started and completed dates after moving to `to` on `on`.
///
/// # Errors
/// When `on` is before the start date of the deployment.
pub fn step_dates(
    to: DeploymentStatus,
    on: NaiveDate,
    started: Option<NaiveDate>,
) -> Result<(Option<NaiveDate>, Option<NaiveDate>), DomainError> {
    if let Some(start) = started
        && on < start
    {
        return Err(DomainError::Invalid(format!(
            "{on} is before the deployment started ({start})"
        )));
    }
    Ok(match to {
        DeploymentStatus::Planned => (started, None),
        DeploymentStatus::InProgress => (Some(on), None),
        DeploymentStatus::Completed | DeploymentStatus::Failed | DeploymentStatus::Cancelled => {
            (started, Some(on))
        }
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(s: &str) -> NaiveDate {
        NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap()
    }

    #[test]
    fn form_parses_and_checks_text() {
        let f = DeploymentForm {
            license_id: 1,
            engineer_id: Some(2),
            scheduled_date: "2026-05-04".into(),
            environment: " production ".into(),
            notes: "Kunde: Müller 🚀\nنشر".into(),
        };
        let input = f.parse().unwrap();
        assert_eq!(input.environment, "production");
        assert_eq!(input.scheduled_date, Some(d("2026-05-04")));
        assert_eq!(DeploymentForm::from_input(&input).parse().unwrap(), input);
        let unscheduled = DeploymentForm {
            scheduled_date: String::new(),
            ..f.clone()
        };
        assert_eq!(unscheduled.parse().unwrap().scheduled_date, None);
        let e = DeploymentForm {
            scheduled_date: "soon".into(),
            environment: "x".repeat(ENVIRONMENT_MAX + 1),
            notes: "\u{2067}".into(),
            ..f
        }
        .parse()
        .unwrap_err();
        let fields: Vec<_> = e.iter().map(|(f, _)| f).collect();
        assert_eq!(fields, ["scheduled_date", "environment", "notes"]);
    }

    #[test]
    fn steps_set_dates() {
        use DeploymentStatus as D;
        let on = d("2026-05-04");
        assert_eq!(
            step_dates(D::InProgress, on, None).unwrap(),
            (Some(on), None)
        );
        let start = Some(d("2026-05-01"));
        assert_eq!(
            step_dates(D::Completed, on, start).unwrap(),
            (start, Some(on))
        );
        assert_eq!(
            step_dates(D::Cancelled, on, None).unwrap(),
            (None, Some(on))
        );
        let err = step_dates(D::Failed, d("2026-04-30"), start).unwrap_err();
        assert!(err.to_string().contains("before the deployment started"));
    }
}
