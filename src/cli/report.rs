//! `lms report utilization`: the dashboard's figures for cron jobs and scripts.

use anyhow::Result;
use chrono::NaiveDate;
use lms::db::DbConnection;
use lms::domain::{Currency, LicenseStatus};
use lms::report::output_safety::Destination;
use lms::report::utilization::{Filters, UtilizationQuery, output, params};

use super::auth::AuthArgs;
use super::formats::{Format, date};
use super::numbers;
use super::report_performance::Which;

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
    /// Sales reps' performance in a period, against the previous period.
    ///
    /// Per rep: bookings (the revenue of the purchases dated in the period whose sales rep
    /// is the rep) per currency, split into new, renewal and expansion; the number of
    /// purchases and the average purchase per currency (rounded half away from zero);
    /// licences sold (new purchases); expansion seats added (seats of expansion
    /// purchases). Currencies are never added together: the table ranks the reps per
    /// currency by bookings.
    ///
    /// Renewal rate, by the term's sales rep (the rep of the purchase that paid for it): of
    /// the terms that ended in the period, the share renewed. A term is a new or renewal purchase with its term end (the licence's
    /// last day as that purchase left it); it ended in the period when its term end is in
    /// the period. It was renewed when a renewal purchase of the same licence that moves
    /// the end past the term end was recorded on or before term end + 30 days (the grace
    /// window): renewed before the end counts; renewed on day 31 or later does not. A
    /// terminated or expired licence with no such renewal counts as not renewed; so does a
    /// term whose grace window has not closed yet. Purchases recorded before term ends were
    /// kept (no term end) are not terms.
    ///
    /// At stake, by the licence's sales rep: active and suspended licences whose end date
    /// is from --as-of to --as-of + 90 days, both included (the Licenses tab's x filter),
    /// with the revenue of each one's last recorded purchase, per currency.
    ///
    /// 12 months: bookings per currency in each of the 12 calendar months ending with the
    /// period's last month. Purchases and licences with no rep are the "(none)" row.
    Sales(super::report_performance::SalesArgs),
    /// Partners' performance in a period, against the previous period.
    ///
    /// Per partner: bookings per currency (the purchases dated in the period whose partner
    /// is the partner) split into new, renewal and expansion, purchases, average purchase,
    /// and the share of all bookings in that currency in the period (every purchase, with
    /// a partner or none). Licences, seats, unlimited and companies: the licences sold
    /// through the partner (the licence's partner), any status but draft, whose start to
    /// end dates overlap the period; their seats as they stand now (unlimited ones counted
    /// apart) and the distinct companies holding them. Renewal rate as in `lms report sales
    /// --help`, by the term's partner; at stake by the licence's partner. Purchases and licences with no
    /// partner are the "(none)" row.
    Partners(super::report_performance::PartnersArgs),
    /// Engineers' deployments in a period, against the previous period, with a per-region
    /// roll-up.
    ///
    /// A deployment ends (completed, failed or cancelled) on its completed date, the date
    /// of its final step; it counts in the period holding that date. Success rate:
    /// completed / (completed + failed). Lead times, in whole days, of the deployments
    /// completed in the period: from the scheduled date to the completed date, and from
    /// the started date to the completed date (deployments without that start date are
    /// left out); the median and the 90th percentile by the nearest-rank method (the
    /// smallest value with at least 50% / 90% of the values at or below it).
    ///
    /// Backlog: deployments planned or in progress now; overdue: the planned (not started)
    /// ones scheduled before --as-of (default today). 12 months:
    /// completed and failed per calendar month, the 12 ending with the period's last
    /// month. Deployments with no engineer are the "(unassigned)" row.
    Engineers(super::report_performance::EngineersArgs),
    /// The renewal pipeline: active and suspended licences ending within 30, 60 and 90
    /// days of --as-of (end date from --as-of to --as-of + N days, both included; the
    /// horizons include each other), by the licence's sales rep and by its partner, with
    /// the revenue of each one's last recorded purchase per currency.
    Renewals(super::report_performance::RenewalsArgs),
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
        ReportCommand::Sales(a) => super::report_performance::run(conn, Which::Sales(a)),
        ReportCommand::Partners(a) => super::report_performance::run(conn, Which::Partners(a)),
        ReportCommand::Engineers(a) => super::report_performance::run(conn, Which::Engineers(a)),
        ReportCommand::Renewals(a) => super::report_performance::run(conn, Which::Renewals(a)),
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
