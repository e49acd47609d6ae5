//! `lms import`: a CSV file into one entity, all or nothing.
//!
//! One path does the dry run and the real run: every row is decided and written inside
//! one transaction, each row in its own savepoint, and the transaction commits only for
//! a real run with no error (or with `--skip-errors`). A dry run therefore takes exactly
//! the decisions the real run takes, and a run that dies at any point (Ctrl-C, `kill -9`,
//! the database going away) leaves the database as it was: nothing is visible before the
//! commit, and no DDL is run.

mod activity;
mod exchange_rates;
mod license_batch;
mod licenses;
mod purchases;
mod records;
mod resolve;
mod sort_keys;
pub mod summary;

use std::io::Read;

use diesel::Connection;

use super::{ServiceError, audit::FieldChange, authorize};
use crate::auth::Actor;
use crate::db::DbConnection;
use crate::domain::{FieldErrors, Permission};
use crate::import::cells::CellRules;
use crate::import::fields::Target;
use crate::import::mapping::Mapping;
use crate::import::reader::{BadRecord, CsvSource, FileError};
use crate::import::values::{self, CellError, Row};

pub use resolve::Resolver;

/// How to import.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Options {
    pub rules: CellRules,
    /// Write nothing: report what the import would do.
    pub dry_run: bool,
    /// Commit the good rows and report the bad ones instead of writing nothing.
    pub skip_errors: bool,
    /// Create a company, partner or product code a row names that does not exist.
    pub create_missing: bool,
    /// The country of the companies `create_missing` creates (ISO 3166-1 alpha-2).
    pub default_country: Option<String>,
    /// The file's name, for the audit rows (`import:NAME`).
    pub file_name: String,
}

/// What became of a row.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Outcome {
    New,
    /// The fields that change: name, before, after.
    Update(Vec<Change>),
    Unchanged,
    Error(Vec<CellError>),
}

/// One field an update changes.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Change {
    pub field: String,
    pub before: Option<String>,
    pub after: Option<String>,
}

impl Change {
    fn from_audit(changes: Vec<FieldChange<'_>>) -> Vec<Change> {
        changes
            .into_iter()
            .map(|(field, before, after)| Change {
                field: field.to_owned(),
                before,
                after,
            })
            .collect()
    }
}

/// A row's line and outcome. The report keeps those of updates and errors.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RowReport {
    pub line: u64,
    pub outcome: Outcome,
}

/// Rows per outcome.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Totals {
    pub new: u64,
    pub updated: u64,
    pub unchanged: u64,
    pub errors: u64,
}

impl Totals {
    #[must_use]
    pub fn rows(&self) -> u64 {
        self.new + self.updated + self.unchanged + self.errors
    }
}

/// What an import did, or would do.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Report {
    pub totals: Totals,
    /// Updates (with their changes) and errors, in file order.
    pub rows: Vec<RowReport>,
    /// Headers no field reads.
    pub skipped_columns: Vec<String>,
    /// The changes are in the database.
    pub committed: bool,
}

/// How far an import has come, for a progress bar.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Progress {
    pub rows: u64,
    /// Bytes of the file read so far.
    pub bytes: u64,
}

/// Asked after every batch of rows: `false` cancels the import (it rolls back).
pub trait Observer {
    fn progress(&mut self, progress: Progress) -> bool;
    /// A row that is not imported, with its cells as read, for a rejects file.
    fn rejected(&mut self, line: u64, cells: &[String], errors: &[CellError]);
}

/// Why an import stopped without a report.
#[derive(Debug, thiserror::Error)]
pub enum ImportError {
    #[error(transparent)]
    Service(#[from] ServiceError),
    #[error("{0}")]
    File(#[from] FileError),
    #[error("{0}")]
    Mapping(#[from] crate::import::mapping::MappingError),
    #[error("cancelled: nothing was written")]
    Cancelled,
}

impl From<diesel::result::Error> for ImportError {
    fn from(e: diesel::result::Error) -> Self {
        ImportError::Service(e.into())
    }
}

/// Progress is reported every this many rows.
const BATCH: u64 = 1_000;

/// Reads a file's header and maps it: what the TUI shows before anything is read.
///
/// # Errors
/// The file cannot be read, or the mapping is unusable.
pub fn open<R: Read>(
    target: Target,
    input: R,
    delimiter: Option<u8>,
    overrides: &[(String, String)],
) -> Result<(CsvSource<R>, Mapping), ImportError> {
    let source = CsvSource::open(input, delimiter)?;
    let mapping = Mapping::new(target, &source.headers, overrides)?;
    Ok((source, mapping))
}

/// Imports the records of `source` as `mapping` says.
///
/// # Errors
/// Forbidden without `ImportData`; the file failing mid-way; cancelled; database errors.
/// Bad rows are not errors: they are in the report.
pub fn run<R: Read>(
    conn: &mut DbConnection,
    actor: &Actor,
    source: &mut CsvSource<R>,
    mapping: &Mapping,
    options: &Options,
    observer: &mut dyn Observer,
) -> Result<Report, ImportError> {
    authorize(actor, Permission::ImportData)?;
    conn.bulk_write(true)?;
    let result = run_tuned(conn, actor, source, mapping, options, observer);
    conn.bulk_write(false)?;
    result
}

fn run_tuned<R: Read>(
    conn: &mut DbConnection,
    actor: &Actor,
    source: &mut CsvSource<R>,
    mapping: &Mapping,
    options: &Options,
    observer: &mut dyn Observer,
) -> Result<Report, ImportError> {
    let action = format!("import:{}", options.file_name);
    let mut report = Report {
        skipped_columns: mapping.skipped().into_iter().map(str::to_owned).collect(),
        ..Report::default()
    };
    let result = conn.transaction::<_, TxEnd, _>(|conn| {
        let mut ctx = Context {
            actor,
            action: &action,
            options,
            mapping,
            resolver: Resolver::new(options.create_missing),
            seen: std::collections::HashMap::new(),
            held: std::collections::HashMap::new(),
            sort_keys: sort_keys::SortKeys::default(),
        };
        let mut log = activity::Log::default();
        if mapping.target == Target::Activity {
            activity::begin(conn, &mut log)?;
        }
        let mut pending = Vec::new();
        loop {
            let next = source.next_record()?;
            let end = next.is_none();
            let decided = match next {
                None => flush(conn, &mut ctx, &mut log, std::mem::take(&mut pending))?,
                Some(Err(bad)) => vec![bad_record(bad)],
                Some(Ok(record)) => match values::read(mapping, &options.rules, &record) {
                    Err(errors) => vec![(record.line, record.cells, Outcome::Error(errors))],
                    Ok(row) => {
                        if let Some(size) = chunk_size(mapping.target) {
                            pending.push(Pending {
                                line: record.line,
                                cells: record.cells,
                                row,
                            });
                            if pending.len() < size {
                                continue;
                            }
                            flush(conn, &mut ctx, &mut log, std::mem::take(&mut pending))?
                        } else {
                            let outcome = one_row(conn, &mut ctx, &row)?;
                            vec![(record.line, record.cells, outcome)]
                        }
                    }
                },
            };
            let before = report.totals.rows() / BATCH;
            for (line, cells, outcome) in decided {
                tally(&mut report, line, &cells, outcome, observer);
            }
            if end {
                break;
            }
            if report.totals.rows() / BATCH > before {
                let progress = Progress {
                    rows: report.totals.rows(),
                    bytes: source.position(),
                };
                if !observer.progress(progress) {
                    return Err(TxEnd::Failed(ImportError::Cancelled));
                }
            }
        }
        activity::finish(conn, &ctx, &log)?;
        observer.progress(Progress {
            rows: report.totals.rows(),
            bytes: source.position(),
        });
        let commit = !options.dry_run && (report.totals.errors == 0 || options.skip_errors);
        if commit {
            Ok(())
        } else {
            Err(TxEnd::RolledBack)
        }
    });
    match result {
        Ok(()) => {
            report.committed = true;
            Ok(report)
        }
        Err(TxEnd::RolledBack) => Ok(report),
        Err(TxEnd::Failed(e)) => Err(e),
    }
}

/// A row read, waiting for its chunk.
pub(super) struct Pending {
    pub line: u64,
    pub cells: Vec<String>,
    pub row: Row,
}

/// A row's line, its cells as read, and what became of it.
pub(super) type Decided = (u64, Vec<String>, Outcome);

/// Rows per chunk for the entities decided and written a chunk at a time.
fn chunk_size(target: Target) -> Option<usize> {
    match target {
        Target::Activity => Some(activity::BATCH),
        Target::Licenses => Some(license_batch::BATCH),
        _ => None,
    }
}

/// Decides and writes a chunk of rows (empty at the end of a file of another entity).
fn flush(
    conn: &mut DbConnection,
    ctx: &mut Context<'_>,
    log: &mut activity::Log,
    batch: Vec<Pending>,
) -> Result<Vec<Decided>, ImportError> {
    if batch.is_empty() {
        return Ok(Vec::new());
    }
    match ctx.mapping.target {
        Target::Licenses => license_batch::flush(conn, ctx, batch),
        _ => activity::flush(conn, ctx, log, batch).map_err(RowFailure::into_import),
    }
}

/// How the import's transaction ends when it does not commit.
enum TxEnd {
    /// The dry run, or a run with errors: rolled back on purpose, with a full report.
    RolledBack,
    Failed(ImportError),
}

impl From<diesel::result::Error> for TxEnd {
    fn from(e: diesel::result::Error) -> Self {
        TxEnd::Failed(e.into())
    }
}

impl From<ImportError> for TxEnd {
    fn from(e: ImportError) -> Self {
        TxEnd::Failed(e)
    }
}

impl From<FileError> for TxEnd {
    fn from(e: FileError) -> Self {
        TxEnd::Failed(e.into())
    }
}

fn bad_record(bad: BadRecord) -> Decided {
    let column = bad
        .column
        .map_or_else(String::new, |c| format!("column {c}"));
    (
        bad.line,
        bad.cells,
        Outcome::Error(vec![CellError {
            column,
            value: String::new(),
            why: bad.why,
        }]),
    )
}

fn tally(
    report: &mut Report,
    line: u64,
    cells: &[String],
    outcome: Outcome,
    observer: &mut dyn Observer,
) {
    let t = &mut report.totals;
    match &outcome {
        Outcome::New => t.new += 1,
        Outcome::Unchanged => t.unchanged += 1,
        Outcome::Update(_) => t.updated += 1,
        Outcome::Error(errors) => {
            t.errors += 1;
            observer.rejected(line, cells, errors);
        }
    }
    if matches!(outcome, Outcome::Update(_) | Outcome::Error(_)) {
        report.rows.push(RowReport { line, outcome });
    }
}

/// What every row's import needs.
pub(super) struct Context<'a> {
    pub actor: &'a Actor,
    /// The audit rows' action: `import:FILE`.
    pub action: &'a str,
    pub options: &'a Options,
    pub mapping: &'a Mapping,
    pub resolver: Resolver,
    /// The line each key was first seen on.
    seen: std::collections::HashMap<String, u64>,
    /// New licenses a dry run decided and has not written, by key in lower case.
    held: std::collections::HashMap<String, crate::db::models::NewLicense>,
    /// The sort keys of the references new licenses name.
    sort_keys: sort_keys::SortKeys,
}

/// A row's own failure: a refusal to report on the row, or a failure of the import.
pub(super) enum RowFailure {
    Refused(Vec<CellError>),
    Failed(ImportError),
}

impl From<ServiceError> for RowFailure {
    fn from(e: ServiceError) -> Self {
        RowFailure::Failed(e.into())
    }
}

impl From<diesel::result::Error> for RowFailure {
    fn from(e: diesel::result::Error) -> Self {
        RowFailure::Failed(e.into())
    }
}

impl RowFailure {
    /// A failure outside a row's savepoint fails the import, a refusal included.
    fn into_import(self) -> ImportError {
        match self {
            RowFailure::Failed(e) => e,
            RowFailure::Refused(errors) => ImportError::Service(ServiceError::Conflict(
                errors
                    .into_iter()
                    .map(|e| e.why)
                    .collect::<Vec<_>>()
                    .join("; "),
            )),
        }
    }

    /// A refusal of the whole row, not of one cell.
    pub fn row(why: impl Into<String>) -> Self {
        RowFailure::Refused(vec![CellError {
            column: String::new(),
            value: String::new(),
            why: why.into(),
        }])
    }

    /// A refusal of one field, named by its column in the file.
    pub fn field(mapping: &Mapping, field: &str, value: &str, why: impl Into<String>) -> Self {
        RowFailure::Refused(vec![cell_error(mapping, field, value, why.into())])
    }

    /// A service refusal of the row's values (field errors, a conflict) is the row's;
    /// anything else fails the import.
    pub fn service(mapping: &Mapping, e: ServiceError) -> Self {
        match e {
            ServiceError::Fields(errors) => RowFailure::Refused(field_errors(mapping, &errors)),
            ServiceError::Invalid(e) => RowFailure::row(e.to_string()),
            ServiceError::Conflict(why) => RowFailure::row(why),
            ServiceError::NotFound(what) => RowFailure::row(format!("{what} is not there")),
            other => RowFailure::Failed(other.into()),
        }
    }
}

/// A field error as a cell error: the column that feeds the field, when one does.
pub(super) fn cell_error(mapping: &Mapping, field: &str, value: &str, why: String) -> CellError {
    let base = field.trim_end_matches("_id");
    let column = [field, base]
        .iter()
        .find_map(|f| mapping.column_of(f).map(|i| mapping.headers[i].clone()))
        .unwrap_or_else(|| field.to_owned());
    CellError {
        column,
        value: value.to_owned(),
        why,
    }
}

fn field_errors(mapping: &Mapping, errors: &FieldErrors) -> Vec<CellError> {
    errors
        .iter()
        .map(|(field, why)| cell_error(mapping, field, "", why.to_owned()))
        .collect()
}

/// The row's natural key as one text, compared whatever its case.
fn key_of(mapping: &Mapping, row: &Row) -> String {
    let mut key = String::new();
    for (field, slot) in mapping.target.fields().iter().zip(&row.slots) {
        if field.key {
            key.push_str(&format!("{slot:?}").to_lowercase());
            key.push('\u{1f}');
        }
    }
    key
}

/// Decides and writes one row in its own savepoint: a refused row leaves nothing behind.
fn one_row(
    conn: &mut DbConnection,
    ctx: &mut Context<'_>,
    row: &Row,
) -> Result<Outcome, ImportError> {
    let mark = ctx.resolver.mark();
    let key = key_of(ctx.mapping, row);
    let first = ctx.seen.get(&key).copied();
    let result = conn.transaction::<_, RowFailure, _>(|conn| {
        let outcome = match ctx.mapping.target {
            Target::Licenses => licenses::import(conn, ctx, row),
            Target::Purchases => purchases::import(conn, ctx, row),
            Target::ExchangeRates => exchange_rates::import(conn, ctx, row),
            _ => records::import(conn, ctx, row),
        }?;
        // A second row for one record may repeat it, not contradict it.
        match first {
            Some(line) if outcome != Outcome::Unchanged => Err(RowFailure::row(format!(
                "line {line} has the same key with other values: keep one row per record"
            ))),
            _ => Ok(outcome),
        }
    });
    ctx.seen.entry(key).or_insert(row.line);
    match result {
        Ok(outcome) => Ok(outcome),
        Err(RowFailure::Refused(errors)) => {
            ctx.resolver.forget_since(mark);
            Ok(Outcome::Error(errors))
        }
        Err(RowFailure::Failed(e)) => Err(e),
    }
}
