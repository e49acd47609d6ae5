//! Export: the rows of a list written as CSV or JSON as they come, a page at a time, so
//! memory stays the same whatever the number of rows. The use case that walks the list
//! and checks the operator's rights is `service::export`; this module only writes.
//!
//! Cells are written so that `lms import` reads them back unchanged: dates `YYYY-MM-DD`,
//! times `YYYY-MM-DD HH:MM:SS`, money in major units without grouping (its currency in a
//! column of its own), seats a number or `unlimited`, flags `true`/`false`. Text from the
//! data goes through `report::output_safety`: formulas defused in CSV, controls escaped
//! in JSON, neutralised on a terminal.

pub mod cells;
pub mod file;
pub mod writer;

pub use writer::Writer;

/// The file format.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Format {
    /// RFC 4180, one header line then one line per row.
    #[default]
    Csv,
    /// An array of objects keyed by the CSV's header names.
    Json,
}

impl Format {
    /// The file name extension.
    #[must_use]
    pub const fn extension(self) -> &'static str {
        match self {
            Format::Csv => "csv",
            Format::Json => "json",
        }
    }
}

/// How the rows are written.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Options {
    pub format: Format,
    /// A UTF-8 byte order mark first, so that Excel reads the CSV as UTF-8.
    pub excel: bool,
}

/// What can go wrong while writing.
#[derive(Debug, thiserror::Error)]
pub enum ExportError {
    #[error("--excel adds a byte order mark for spreadsheets: it applies to CSV only, not JSON")]
    ExcelJson,
    #[error("{0}")]
    Io(#[from] std::io::Error),
    #[error("{0}")]
    Csv(#[from] csv::Error),
}

impl Options {
    /// # Errors
    /// `--excel` with JSON.
    pub fn check(self) -> Result<Self, ExportError> {
        if self.excel && self.format == Format::Json {
            Err(ExportError::ExcelJson)
        } else {
            Ok(self)
        }
    }
}
