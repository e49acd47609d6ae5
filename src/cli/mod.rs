//! The command line: parsing and the subcommands' glue. Use cases live in `lms::service`.

mod auth;
mod demo;
mod doctor;
mod error_line;
mod export;
mod formats;
mod import;
pub mod logging;
mod numbers;
mod report;
mod report_performance;
mod report_timeline;
mod user;
mod user_admin;

use std::process::ExitCode;

use anyhow::{Context, Result};
use clap::{Parser, Subcommand};
use lms::config::DatabaseUrl;
use lms::db::DbConnection;

/// `lms --version`: the version and the database backends compiled in.
#[cfg(all(feature = "sqlite", feature = "mysql"))]
const VERSION: &str = concat!(env!("CARGO_PKG_VERSION"), " (backends: sqlite, mysql)");
#[cfg(all(feature = "sqlite", not(feature = "mysql")))]
const VERSION: &str = concat!(env!("CARGO_PKG_VERSION"), " (backend: sqlite)");
#[cfg(all(feature = "mysql", not(feature = "sqlite")))]
const VERSION: &str = concat!(env!("CARGO_PKG_VERSION"), " (backend: mysql)");

// Doc comments here are --help text, shown verbatim: no Markdown.
#[allow(clippy::doc_markdown)]
#[derive(Debug, Parser)]
#[command(name = "lms", version = VERSION, about = "Terminal License Management System")]
pub struct Cli {
    /// Database: mysql://user:pass@host:3306/db, sqlite://path or a file path.
    /// Defaults to $DATABASE_URL (also read from .env), else a SQLite file in the data directory.
    #[arg(long, global = true, value_name = "URL")]
    database_url: Option<String>,
    #[command(subcommand)]
    command: Option<Command>,
}

#[derive(Debug, Subcommand)]
enum Command {
    /// Apply pending database migrations and exit.
    Migrate,
    /// Compare the database's tables, columns and indexes with the migrations; change nothing.
    /// Exit 0 when they match, 1 listing each difference, 2 when the check failed.
    Doctor,
    /// Manage operator accounts.
    #[command(subcommand)]
    User(user::UserCommand),
    /// Load the deterministic demo data set (into an empty database).
    Demo(demo::DemoArgs),
    /// Every row of a list (or the utilization report) under a filter and order, as CSV
    /// or JSON, to standard output or a file.
    Export(export::ExportArgs),
    /// Import a CSV file: all rows or none, with a dry run that takes the same decisions.
    Import(import::ImportArgs),
    /// Reports for scripts: --format table, csv or json.
    #[command(subcommand)]
    Report(report::ReportCommand),
}

/// Runs the command line; the exit code is the command's own.
///
/// # Errors
/// A failed command, for `main` to print with [`print_error`] (exit 1).
pub fn run(cli: Cli, started: std::time::Instant) -> Result<ExitCode> {
    let resolve = || DatabaseUrl::resolve(cli.database_url.as_deref());
    let done = match cli.command {
        // Its own exit codes, errors included (2).
        Some(Command::Doctor) => return Ok(doctor::run(cli.database_url.as_deref())),
        None => lms::tui::run(resolve()?, started).context("the terminal UI failed"),
        Some(Command::Migrate) => {
            let url = resolve()?;
            let mut conn = open(&url)?;
            println!("{} migration(s) applied to {url}", conn.migrate()?);
            demo::repair(&mut conn)
        }
        // Operator accounts are not business data: an interrupted load does not stop them.
        Some(Command::User(cmd)) => user::run(&mut open_migrated(&resolve()?)?, cmd),
        // It repairs an interrupted load before loading.
        Some(Command::Demo(args)) => demo::run(&mut open_migrated(&resolve()?)?, &args),
        Some(Command::Import(args)) => {
            return import::run(&mut whole(open_migrated(&resolve()?)?)?, &args);
        }
        // Reports and exports read only: they do not migrate a database they are pointed at.
        Some(Command::Report(cmd)) => report::run(&mut whole(open(&resolve()?)?)?, cmd),
        Some(Command::Export(args)) => export::run(&mut whole(open(&resolve()?)?)?, &args),
    };
    done.map(|()| ExitCode::SUCCESS)
}

/// One clear line on stderr: the error and its causes, each once, without a backtrace.
pub fn print_error(err: &anyhow::Error) {
    eprintln!("lms: error: {}", error_line::line(err));
}

fn open(url: &DatabaseUrl) -> Result<DbConnection> {
    DbConnection::open(url).with_context(|| format!("{url}"))
}

/// `conn`, unless a bulk load is running or was interrupted there: its figures would be
/// wrong, and an import would mix with it.
fn whole(mut conn: DbConnection) -> Result<DbConnection> {
    lms::db::load_journal::refuse_interrupted(&mut conn)?;
    Ok(conn)
}

fn open_migrated(url: &DatabaseUrl) -> Result<DbConnection> {
    let mut conn = open(url)?;
    conn.migrate().with_context(|| format!("{url}"))?;
    Ok(conn)
}
