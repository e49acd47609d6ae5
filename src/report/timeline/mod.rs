//! The license timeline's read model: for the license rows on screen, their terms,
//! expansions and completed deployments; grouped by company, each company's coverage.
//! The TUI's Timeline tab and `lms report timeline` both draw [`ChartRow`]s.

pub mod queries;

use chrono::NaiveDate;

use crate::db::queries::page::{Row, Value};
use crate::domain::LicenseStatus;
use crate::domain::timeline::{Span, TermPurchase, terms};

/// What hangs off one license on the chart.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct LicenseMarks {
    /// The new purchase and the renewals: where the terms begin and end.
    pub purchases: Vec<TermPurchase>,
    pub expansions: Vec<NaiveDate>,
    /// Completion dates of completed deployments.
    pub deployments: Vec<NaiveDate>,
}

/// A company's licenses matching the filter, and the days they cover together.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct CompanyCoverage {
    pub licenses: i64,
    /// The union of the licenses' spans (drafts cover nothing), in date order.
    pub covered: Vec<Span>,
}

/// One license on the chart.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LicenseBar {
    pub id: i64,
    pub key: String,
    pub company: String,
    pub status: LicenseStatus,
    pub start: NaiveDate,
    pub end: NaiveDate,
    /// Consecutive terms from `start` to `end`.
    pub terms: Vec<Span>,
    pub expansions: Vec<NaiveDate>,
    pub deployments: Vec<NaiveDate>,
}

/// One company on the chart (grouped view).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CompanyBar {
    pub id: i64,
    pub name: String,
    pub coverage: CompanyCoverage,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ChartRow {
    License(LicenseBar),
    Company(CompanyBar),
}

impl LicenseBar {
    /// The bar of a row of the license list (`license_list::page`'s cells: key, company,
    /// product, status, seats, start, end, ...) with its marks. `None` for a row that is
    /// not a license row.
    #[must_use]
    pub fn from_row(row: &Row, marks: Option<&LicenseMarks>) -> Option<LicenseBar> {
        let text = |i: usize| match row.cells.get(i) {
            Some(Value::Text(s)) => Some(s.clone()),
            _ => None,
        };
        let date = |i: usize| match row.cells.get(i) {
            Some(Value::Date(d)) => *d,
            _ => None,
        };
        let (start, end) = (date(5)?, date(6)?);
        let status = text(3)?.parse().unwrap_or(LicenseStatus::Draft);
        let empty = LicenseMarks::default();
        let marks = marks.unwrap_or(&empty);
        Some(LicenseBar {
            id: row.id,
            key: text(0)?,
            company: text(1).unwrap_or_default(),
            status,
            start,
            end,
            terms: terms(start, end, &marks.purchases),
            expansions: marks.expansions.clone(),
            deployments: marks.deployments.clone(),
        })
    }
}

impl CompanyBar {
    /// The bar of a row of [`queries::company_page`] with its coverage.
    #[must_use]
    pub fn from_row(row: &Row, coverage: Option<&CompanyCoverage>) -> CompanyBar {
        let name = match row.cells.first() {
            Some(Value::Text(s)) => s.clone(),
            _ => String::new(),
        };
        CompanyBar {
            id: row.id,
            name,
            coverage: coverage.cloned().unwrap_or_default(),
        }
    }
}
