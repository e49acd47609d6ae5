//! The CSV import engine: reading real files (encodings, delimiters, quoting), the cell
//! rules, the column mapping, and the dry run that the real run repeats. Pure of IO
//! beyond the reader it is given; the service layer writes what it decides.

pub mod cells;
pub mod fields;
pub mod mapping;
pub mod reader;
pub mod rejects;
pub mod values;
