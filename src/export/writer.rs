//! The CSV or JSON stream: the header (or `[`), a row at a time, and the end.

use std::io::{BufWriter, Write};

use super::cells::{Cell, cell};
use super::{ExportError, Format, Options};
use crate::db::queries::page::Value;
use crate::report::output_safety::{Csv, Destination, write_json_str};

/// The UTF-8 byte order mark Excel needs to read a CSV file as UTF-8.
const BOM: &[u8] = b"\xEF\xBB\xBF";

enum Out<W: Write> {
    // Boxed: the CSV writer carries its buffer's state inline.
    Csv(Box<Csv<W>>),
    Json { out: BufWriter<W>, first: bool },
}

/// Writes rows of [`Value`]s under `columns`, as they come.
pub struct Writer<W: Write> {
    dest: Destination,
    columns: Vec<String>,
    out: Out<W>,
    rows: u64,
}

impl<W: Write> Writer<W> {
    /// Starts the file: the byte order mark (`--excel`) and the header line, or `[`.
    ///
    /// # Errors
    /// `--excel` with JSON; when writing fails.
    pub fn new(
        options: Options,
        dest: Destination,
        mut out: W,
        columns: Vec<String>,
    ) -> Result<Self, ExportError> {
        let options = options.check()?;
        let out = match options.format {
            Format::Csv => {
                if options.excel {
                    out.write_all(BOM)?;
                }
                let mut csv = Csv::to_writer(dest, out);
                for c in &columns {
                    csv.plain(c)?;
                }
                csv.end_record()?;
                Out::Csv(Box::new(csv))
            }
            Format::Json => {
                let mut out = BufWriter::with_capacity(64 * 1024, out);
                out.write_all(b"[")?;
                Out::Json { out, first: true }
            }
        };
        Ok(Writer {
            dest,
            columns,
            out,
            rows: 0,
        })
    }

    /// The rows written so far.
    #[must_use]
    pub fn rows(&self) -> u64 {
        self.rows
    }

    /// One row, its values in the order of the columns.
    ///
    /// # Errors
    /// When writing fails.
    pub fn row(&mut self, values: &[Value]) -> Result<(), ExportError> {
        let cells: Vec<Cell<'_>> = values.iter().map(cell).collect();
        self.row_cells(&cells)
    }

    /// One row, its cells in the order of the columns.
    ///
    /// # Errors
    /// When writing fails.
    pub fn row_cells(&mut self, cells: &[Cell<'_>]) -> Result<(), ExportError> {
        let dest = self.dest;
        let mut number = itoa::Buffer::new();
        match &mut self.out {
            Out::Csv(csv) => {
                for c in cells {
                    match c {
                        Cell::Text(t) => csv.data(t)?,
                        Cell::Number(n) => csv.plain(number.format(*n))?,
                        Cell::Flag(b) => csv.plain(if *b { "true" } else { "false" })?,
                        Cell::Figure(f) => csv.plain(f)?,
                        Cell::Empty => csv.plain("")?,
                    }
                }
                csv.end_record()?;
            }
            Out::Json { out, first } => {
                out.write_all(if *first { b"\n{" } else { b",\n{" })?;
                *first = false;
                for (i, (name, c)) in self.columns.iter().zip(cells).enumerate() {
                    if i > 0 {
                        out.write_all(b",")?;
                    }
                    write_json_str(dest, &mut *out, name)?;
                    out.write_all(b":")?;
                    match c {
                        Cell::Text(t) => write_json_str(dest, &mut *out, t)?,
                        Cell::Number(n) => out.write_all(number.format(*n).as_bytes())?,
                        Cell::Flag(b) => out.write_all(if *b { b"true" } else { b"false" })?,
                        Cell::Figure(f) => write_json_str(dest, &mut *out, f)?,
                        Cell::Empty => out.write_all(b"null")?,
                    }
                }
                out.write_all(b"}")?;
            }
        }
        self.rows += 1;
        Ok(())
    }

    /// Ends the file (JSON's `]`), flushes, and gives the writer back.
    ///
    /// # Errors
    /// When writing fails.
    pub fn finish(self) -> Result<W, ExportError> {
        match self.out {
            Out::Csv(csv) => Ok(csv.into_inner()?),
            Out::Json { mut out, first } => {
                out.write_all(if first { b"]\n" } else { b"\n]\n" })?;
                out.into_inner()
                    .map_err(|e| ExportError::Io(e.into_error()))
            }
        }
    }
}
