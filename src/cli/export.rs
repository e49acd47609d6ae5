//! `lms export ENTITY`: every row of a list (or the utilization report) as CSV or JSON,
//! to standard output or to a file that appears whole or not at all.

use std::io::Write;
use std::path::PathBuf;

use anyhow::{Result, anyhow};
use lms::db::DbConnection;
use lms::export::file::check_target;
use lms::export::{Format, Options};
use lms::report::output_safety::Destination;
use lms::service::export::{self, Subject};

use super::auth::AuthArgs;

#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum FormatArg {
    Csv,
    Json,
}

// Doc comments here are --help text, shown verbatim: no Markdown.
#[allow(clippy::doc_markdown)]
#[derive(Debug, clap::Args)]
pub struct ExportArgs {
    /// What to export: licenses, companies, partners, sales-reps, product-codes,
    /// purchases, deployments, engineers, portal-users, activity, audit or utilization.
    #[arg(value_name = "ENTITY")]
    entity: String,
    #[command(flatten)]
    auth: AuthArgs,
    /// Only the rows this filter matches, in the list's / filter language
    /// ("status:active company:acme"); utilization takes the Dashboard's
    /// key=value words ("status=active currency=EUR").
    #[arg(
        long,
        value_name = "FILTER",
        default_value = "",
        allow_hyphen_values = true
    )]
    filter: String,
    /// Sort by this column of the list (its header as the TUI shows it,
    /// case-insensitive); default: the list's own order.
    #[arg(long, value_name = "COLUMN")]
    sort: Option<String>,
    /// Descending order.
    #[arg(long)]
    desc: bool,
    #[arg(long, value_enum, default_value_t = FormatArg::Csv)]
    format: FormatArg,
    /// Write to FILE (created or replaced only once complete) instead of standard output.
    #[arg(short = 'o', long = "output", value_name = "FILE")]
    output: Option<PathBuf>,
    /// Start the CSV with a UTF-8 byte order mark, so that Excel reads it as UTF-8.
    #[arg(long)]
    excel: bool,
}

/// Reads only: it migrates nothing.
pub fn run(conn: &mut DbConnection, args: &ExportArgs) -> Result<()> {
    let today = chrono::Utc::now().date_naive();
    // Refuse bad input before asking for a password or touching a file.
    let subject = Subject::parse(
        args.entity.trim(),
        &args.filter,
        args.sort.as_deref(),
        args.desc,
        today,
    )?;
    let options = Options {
        format: match args.format {
            FormatArg::Csv => Format::Csv,
            FormatArg::Json => Format::Json,
        },
        excel: args.excel,
    }
    .check()?;
    if let Some(path) = &args.output {
        check_target(path).map_err(|e| anyhow!(e))?;
    }
    let actor = args.auth.login(conn)?;
    let mut no_progress = |_| {};
    if let Some(path) = &args.output {
        let rows = export::to_file(conn, &actor, &subject, options, path, &mut no_progress)?;
        eprintln!("exported {rows} rows to {}", path.display());
    } else {
        let mut out = PipeOut {
            inner: std::io::stdout().lock(),
            closed: false,
        };
        let done = export::export(
            conn,
            &actor,
            &subject,
            options,
            Destination::stdout(),
            &mut out,
            &mut no_progress,
        )
        .map(|_| ());
        // `lms export … | head`: the reader has what it wanted; stop without an error.
        if !out.closed {
            done?;
        }
    }
    Ok(())
}

/// Standard output that notes when its reader has gone (a closed pipe).
struct PipeOut<W> {
    inner: W,
    closed: bool,
}

impl<W: Write> PipeOut<W> {
    fn note<T>(&mut self, result: std::io::Result<T>) -> std::io::Result<T> {
        if let Err(e) = &result {
            self.closed |= e.kind() == std::io::ErrorKind::BrokenPipe;
        }
        result
    }
}

impl<W: Write> Write for PipeOut<W> {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        let result = self.inner.write(buf);
        self.note(result)
    }

    fn flush(&mut self) -> std::io::Result<()> {
        let result = self.inner.flush();
        self.note(result)
    }
}
