//! `lms report utilization`: the dashboard's figures for cron jobs and scripts.

use anyhow::Result;
use chrono::NaiveDate;
use lms::db::DbConnection;
use lms::domain::{Currency, LicenseStatus};
use lms::report::output_safety::Destination;
use lms::report::utilization::{Filters, UtilizationQuery, output, params};

use super::auth::AuthArgs;
use super::numbers;

// Doc comments here are --help text, shown verbatim: no Markdown.
#[allow(clippy::doc_markdown)]
#[derive(Debug, clap::Subcommand)]
pub enum ReportCommand {
    /// Licensed seats against registered and active users per company, with compliance
    /// flags and revenue per currency.
    Utilization(UtilizationArgs),
    /// The license timeline as text: one bar per license (or, with --group, per
    /// company) over a calendar axis, as the Timeline tab draws it. ANSI colour on a
    /// terminal unless NO_COLOR is set; plain text to a file or pipe.
    Timeline(super::report_timeline::TimelineArgs),
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum Format {
    Table,
    Csv,
    Json,
}

// Doc comments here are --help text, shown verbatim: no Markdown.
#[allow(clippy::doc_markdown)]
#[derive(Debug, clap::Args)]
pub struct UtilizationArgs {
    #[command(flatten)]
    auth: AuthArgs,
    /// Active users: activity in the N whole days before the reference date (1-3650).
    #[arg(long, value_name = "N", default_value_t = params::DEFAULT_WINDOW_DAYS,
          value_parser = window_days, allow_negative_numbers = true)]
    window_days: u32,
    /// Reference date, YYYY-MM-DD (default: today, UTC).
    #[arg(long, value_name = "DATE", value_parser = date)]
    as_of: Option<NaiveDate>,
    /// Under-used: utilization below PCT percent (0-100).
    #[arg(long, value_name = "PCT", default_value_t = params::DEFAULT_UNDER_USED_PCT,
          value_parser = under_used, allow_negative_numbers = true)]
    under_used: u32,
    /// Only this company (exact name).
    #[arg(long, value_name = "NAME")]
    company: Option<String>,
    /// Only licences sold through this partner (exact name).
    #[arg(long, value_name = "NAME")]
    partner: Option<String>,
    /// Only licences in these statuses (comma-separated or repeated).
    #[arg(long, value_name = "STATUS", value_delimiter = ',')]
    status: Vec<LicenseStatus>,
    /// Only licences with purchases in this ISO 4217 currency, and only its money.
    #[arg(long, value_name = "CODE")]
    currency: Option<Currency>,
    /// Only licences whose period reaches DATE or later.
    #[arg(long, value_name = "DATE", value_parser = date)]
    from: Option<NaiveDate>,
    /// Only licences whose period starts by DATE.
    #[arg(long, value_name = "DATE", value_parser = date)]
    to: Option<NaiveDate>,
    #[arg(long, value_enum, default_value_t = Format::Table)]
    format: Format,
}

fn date(s: &str) -> Result<NaiveDate, String> {
    NaiveDate::parse_from_str(s.trim(), "%Y-%m-%d")
        .map_err(|_| format!("expected a date as YYYY-MM-DD, not {s:?}"))
}

fn window_days(s: &str) -> Result<u32, String> {
    let n = numbers::whole(s)?;
    params::check_window_days(n).map_err(|e| e.to_string())?;
    Ok(n)
}

fn under_used(s: &str) -> Result<u32, String> {
    let n = numbers::whole(s)?;
    params::check_under_used(n).map_err(|e| e.to_string())?;
    Ok(n)
}

/// Opens no transaction of its own and migrates nothing: a report only reads.
pub fn run(conn: &mut DbConnection, cmd: ReportCommand) -> Result<()> {
    match cmd {
        ReportCommand::Timeline(args) => super::report_timeline::run(conn, &args),
        ReportCommand::Utilization(args) => {
            let query = UtilizationQuery {
                as_of: args
                    .as_of
                    .unwrap_or_else(|| chrono::Utc::now().date_naive()),
                window_days: args.window_days,
                under_used_pct: args.under_used,
                filters: Filters {
                    company: args.company,
                    partner: args.partner,
                    statuses: args.status,
                    currency: args.currency,
                    from: args.from,
                    to: args.to,
                },
            };
            // Refuse bad input before asking for a password.
            query.check()?;
            let actor = args.auth.login(conn)?;
            let report = lms::service::reports::utilization(conn, &actor, query)?;
            let dest = Destination::stdout();
            let text = match args.format {
                Format::Table => output::table(&report),
                Format::Csv => output::csv(&report, dest)?,
                Format::Json => output::json(&report, dest)?,
            };
            print!("{text}");
            Ok(())
        }
    }
}
