//! Read models: figures computed by SQL aggregates, gated by the service layer.

pub mod output_safety;
pub mod performance;
pub mod timeline;
pub mod utilization;

use crate::domain::DomainError;

/// Why a report has no figures.
#[derive(Debug, thiserror::Error)]
pub enum ReportError {
    #[error("{0}")]
    Invalid(#[from] DomainError),
    #[error("database error: {0}")]
    Database(#[from] diesel::result::Error),
}

/// A report's read transaction is run again after a deadlock or lock wait timeout.
impl crate::db::retry::Transient for ReportError {
    fn is_transient(&self) -> bool {
        matches!(self, ReportError::Database(e) if e.is_transient())
    }
}
