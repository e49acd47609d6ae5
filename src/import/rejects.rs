//! `FILE.rejects.csv`: the rows `--skip-errors` left out, with the file's own header and an
//! `error` column, to fix and import again. The CLI and the TUI write it the same way.

use std::fs::File;
use std::path::{Path, PathBuf};

use super::values::CellError;

/// Where the rejects of `file` go: next to it, `.rejects.csv` appended to its name.
#[must_use]
pub fn path_for(file: &Path) -> PathBuf {
    let mut name = file.as_os_str().to_owned();
    name.push(".rejects.csv");
    PathBuf::from(name)
}

/// A cell error as one line of text: column, value, why (what is known of them).
#[must_use]
pub fn error_text(e: &CellError) -> String {
    match (e.column.is_empty(), e.value.is_empty()) {
        (true, _) => e.why.clone(),
        (false, true) => format!("{}: {}", e.column, e.why),
        (false, false) => format!("{} {:?}: {}", e.column, e.value, e.why),
    }
}

/// The rejects file, created with the first rejected row (no bad row: no file).
#[derive(Debug)]
pub struct Rejects {
    path: PathBuf,
    headers: Vec<String>,
    writer: Option<csv::Writer<File>>,
    /// The first write that failed; the rows after it are not written.
    failed: Option<String>,
}

impl Rejects {
    /// The rejects of the file at `file`, whose header is `headers`.
    #[must_use]
    pub fn new(file: &Path, headers: &[String]) -> Self {
        Rejects {
            path: path_for(file),
            headers: headers.to_vec(),
            writer: None,
            failed: None,
        }
    }

    /// Writes a rejected row: its cells as read and why it was refused.
    pub fn add(&mut self, cells: &[String], errors: &[CellError]) {
        if self.failed.is_some() {
            return;
        }
        if let Err(e) = self.write(cells, errors) {
            self.failed = Some(format!("cannot write {}: {e}", self.path.display()));
        }
    }

    fn write(&mut self, cells: &[String], errors: &[CellError]) -> csv::Result<()> {
        if self.writer.is_none() {
            let mut w = csv::Writer::from_path(&self.path)?;
            let mut header = self.headers.clone();
            header.push("error".to_owned());
            w.write_record(&header)?;
            self.writer = Some(w);
        }
        let Some(writer) = &mut self.writer else {
            return Ok(());
        };
        let mut record: Vec<String> = cells.to_vec();
        record.resize(self.headers.len(), String::new());
        record.push(errors.iter().map(error_text).collect::<Vec<_>>().join("; "));
        writer.write_record(&record)
    }

    /// Flushes the file; its path when rows were written to it.
    ///
    /// # Errors
    /// A write that failed, worded for the operator.
    pub fn finish(self) -> Result<Option<PathBuf>, String> {
        if let Some(e) = self.failed {
            return Err(e);
        }
        match self.writer {
            Some(mut w) => {
                w.flush()
                    .map_err(|e| format!("cannot write {}: {e}", self.path.display()))?;
                Ok(Some(self.path))
            }
            None => Ok(None),
        }
    }
}
