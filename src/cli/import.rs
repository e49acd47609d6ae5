//! `lms import ENTITY FILE`: a CSV file into lms, all or nothing, with a dry run that
//! takes the same decisions. The report lists every update's changes and every bad row.

use std::fs::File;
use std::io::{IsTerminal, Write};
use std::path::PathBuf;
use std::process::ExitCode;
use std::time::{Duration, Instant};

use anyhow::{Context, Result};
use lms::db::DbConnection;
use lms::import::cells::{CellRules, check_date_format};
use lms::import::fields::Target;
use lms::import::mapping::parse_overrides;
use lms::import::reader::parse_delimiter;
use lms::import::rejects::Rejects;
use lms::import::values::CellError;
use lms::report::output_safety::people;
use lms::service::import::{self, Observer, Options, Progress, Report, summary};

use super::auth::AuthArgs;

// Doc comments here are --help text, shown verbatim: no Markdown.
// Each flag is the operator's own switch.
#[allow(clippy::doc_markdown, clippy::struct_excessive_bools)]
#[derive(Debug, clap::Args)]
pub struct ImportArgs {
    #[command(flatten)]
    auth: AuthArgs,
    /// What the file holds: companies, partners, sales-reps, engineers, product-codes,
    /// licenses, purchases, portal-users or activity (portal activity-log rows).
    #[arg(value_name = "ENTITY", value_parser = target)]
    entity: Target,
    /// The CSV file (UTF-8, with or without a BOM).
    #[arg(value_name = "FILE")]
    file: PathBuf,
    /// Write nothing: tag every row new, update, unchanged or error, with each update's
    /// changes and each error's reason.
    #[arg(long)]
    dry_run: bool,
    /// Import the good rows and write the bad ones to FILE.rejects.csv, with an error
    /// column, to fix and import again. Without it any bad row means nothing is written.
    #[arg(long)]
    skip_errors: bool,
    /// Create the companies, partners and product codes rows name that do not exist.
    #[arg(long)]
    create_missing: bool,
    /// The country (ISO code such as DE) of the companies --create-missing creates.
    #[arg(long, value_name = "CC")]
    country: Option<String>,
    /// The delimiter: , ; | or tab (default: found from the header line).
    #[arg(long, value_name = "CHAR", value_parser = parse_delimiter)]
    delimiter: Option<u8>,
    /// How the file writes dates, as a chrono format such as %d/%m/%Y (ISO dates are
    /// always read).
    #[arg(long, value_name = "FORMAT")]
    date_format: Option<String>,
    /// Amounts use a decimal comma: 1.234,56.
    #[arg(long)]
    decimal_comma: bool,
    /// Which column feeds which field, over the matching by name:
    /// "Customer=company,Qty=seats,Colour=" (an empty field skips the column).
    #[arg(long, value_name = "COLUMN=FIELD,...")]
    map: Option<String>,
}

fn target(s: &str) -> Result<Target, String> {
    Target::importable().find(|t| t.name() == s).ok_or_else(|| {
        let names: Vec<&str> = Target::importable().map(Target::name).collect();
        format!("{s:?} cannot be imported: choose {}", names.join(", "))
    })
}

/// Runs the import; exit 1 when rows were refused and nothing was written.
pub fn run(conn: &mut DbConnection, args: &ImportArgs) -> Result<ExitCode> {
    let overrides = match &args.map {
        Some(m) => parse_overrides(m)?,
        None => Vec::new(),
    };
    if let Some(format) = &args.date_format {
        check_date_format(format).map_err(|e| anyhow::anyhow!("--date-format {e}"))?;
    }
    let file =
        File::open(&args.file).with_context(|| format!("cannot open {}", args.file.display()))?;
    let size = file.metadata().map_or(0, |m| m.len());
    let (mut source, mapping) = import::open(args.entity, file, args.delimiter, &overrides)
        .with_context(|| format!("{}", args.file.display()))?;
    let actor = args.auth.login(conn)?;
    let options = Options {
        rules: CellRules {
            date_format: args.date_format.clone(),
            decimal_comma: args.decimal_comma,
        },
        dry_run: args.dry_run,
        skip_errors: args.skip_errors,
        create_missing: args.create_missing,
        default_country: args.country.clone(),
        file_name: args
            .file
            .file_name()
            .map_or_else(String::new, |n| n.to_string_lossy().into_owned()),
    };
    let mut observer = Cli::new(
        size,
        // A dry run writes nothing, a rejects file included: its report lists the rows.
        (args.skip_errors && !args.dry_run).then(|| Rejects::new(&args.file, &source.headers)),
    );
    let report = import::run(conn, &actor, &mut source, &mapping, &options, &mut observer)?;
    let rejects = observer.finish()?;
    print_report(&report, args, rejects.as_ref())?;
    Ok(if report.totals.errors > 0 && !report.committed {
        ExitCode::FAILURE
    } else {
        ExitCode::SUCCESS
    })
}

/// Progress on stderr, and the rejects file.
struct Cli {
    size: u64,
    started: Instant,
    last: Instant,
    terminal: bool,
    rejects: Option<Rejects>,
}

impl Cli {
    fn new(size: u64, rejects: Option<Rejects>) -> Self {
        Cli {
            size,
            started: Instant::now(),
            last: Instant::now(),
            terminal: std::io::stderr().is_terminal(),
            rejects,
        }
    }

    /// Ends the progress line; the rejects file's path when rows were written to it.
    fn finish(&mut self) -> Result<Option<PathBuf>> {
        if self.terminal {
            eprint!("\r\x1b[2K");
        }
        match self.rejects.take() {
            Some(r) => r.finish().map_err(anyhow::Error::msg),
            None => Ok(None),
        }
    }
}

impl Observer for Cli {
    fn progress(&mut self, p: Progress) -> bool {
        let now = Instant::now();
        let every = if self.terminal {
            Duration::from_millis(200)
        } else {
            Duration::from_secs(5)
        };
        if now.duration_since(self.last) < every {
            return true;
        }
        self.last = now;
        let secs = now.duration_since(self.started).as_secs_f64().max(0.001);
        #[allow(clippy::cast_precision_loss)]
        let (rate, done) = (
            p.rows as f64 / secs,
            p.bytes as f64 / self.size.max(1) as f64,
        );
        let left = if done > 0.0 { secs / done - secs } else { 0.0 };
        let line = format!(
            "{:>3.0}%  {} rows  {:.0} rows/s  about {:.0} s left",
            (done * 100.0).min(100.0),
            p.rows,
            rate,
            left.max(0.0)
        );
        if self.terminal {
            let filled = (done.clamp(0.0, 1.0) * 30.0).round();
            #[allow(clippy::cast_possible_truncation, clippy::cast_sign_loss)]
            let filled = filled as usize;
            eprint!(
                "\r\x1b[2K[{}{}] {line}",
                "#".repeat(filled),
                " ".repeat(30 - filled)
            );
        } else {
            eprintln!("lms import: {line}");
        }
        true
    }

    fn rejected(&mut self, _line: u64, cells: &[String], errors: &[CellError]) {
        if let Some(r) = &mut self.rejects {
            r.add(cells, errors);
        }
    }
}

fn print_report(report: &Report, args: &ImportArgs, rejects: Option<&PathBuf>) -> Result<()> {
    let mut out = std::io::stdout().lock();
    let lines = summary::details(report)
        .into_iter()
        .chain(summary::skipped(report))
        .chain([
            summary::totals(&report.totals),
            summary::verdict(
                report,
                args.dry_run,
                rejects.map(PathBuf::as_path),
                "use --skip-errors",
            ),
        ]);
    for line in lines {
        writeln!(out, "{}", people(&line))?;
    }
    Ok(())
}
