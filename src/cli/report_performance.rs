//! `lms report sales|partners|engineers|renewals`: the performance figures for scripts,
//! computed by `service::performance` as the TUI's Performance views will be.

use anyhow::Result;
use chrono::NaiveDate;
use lms::db::DbConnection;
use lms::domain::{Currency, Period, PeriodKind};
use lms::report::output_safety::Destination;
use std::fmt::Write as _;

use lms::report::performance::output::{engineers, owners, pipeline};
use lms::report::performance::sql::Dialect;
use lms::report::performance::{self as perf, Owner, PeriodQuery};

use super::auth::AuthArgs;
use super::formats::{Format, date};

fn reporting(s: &str) -> Result<Currency, String> {
    s.parse()
        .map_err(|e: lms::domain::DomainError| e.to_string())
}

fn period(s: &str) -> Result<Period, String> {
    s.parse()
        .map_err(|e: lms::domain::DomainError| e.to_string())
}

// Doc comments here are --help text, shown verbatim: no Markdown.
#[allow(clippy::doc_markdown)]
#[derive(Debug, clap::Args)]
pub struct PeriodArgs {
    #[command(flatten)]
    auth: AuthArgs,
    /// The period: YYYY (a year), YYYY-QN (a quarter), YYYY-MM (a month) or
    /// YYYY-MM-DD..YYYY-MM-DD (days, both included). Default: the quarter of --as-of.
    /// Each figure is also given for the previous period of the same kind (a custom
    /// range: the same number of days just before it).
    #[arg(long, value_name = "PERIOD", value_parser = period, conflicts_with_all = ["from", "to"])]
    period: Option<Period>,
    /// First day of a custom period, YYYY-MM-DD (with --to).
    #[arg(long, value_name = "DATE", value_parser = date, requires = "to")]
    from: Option<NaiveDate>,
    /// Last day of a custom period, included, YYYY-MM-DD (with --from).
    #[arg(long, value_name = "DATE", value_parser = date, requires = "from")]
    to: Option<NaiveDate>,
    /// The day "ending within N days" and "overdue" count from, YYYY-MM-DD (default:
    /// today, UTC). Those figures read the records as they stand now.
    #[arg(long, value_name = "DATE", value_parser = date)]
    as_of: Option<NaiveDate>,
    #[arg(long, value_enum, default_value_t = Format::Table)]
    format: Format,
    /// Print how the database plans each of the report's queries (SQLite EXPLAIN QUERY
    /// PLAN, MySQL EXPLAIN FORMAT=JSON) instead of the report.
    #[arg(long)]
    explain: bool,
}

impl PeriodArgs {
    fn query(&self, name: Option<&String>) -> Result<PeriodQuery> {
        let as_of = self
            .as_of
            .unwrap_or_else(|| chrono::Utc::now().date_naive());
        let period = match (self.period, self.from, self.to) {
            (Some(p), _, _) => p,
            (None, Some(from), Some(to)) => Period::custom(from, to)?,
            _ => Period::containing(PeriodKind::Quarter, as_of)?,
        };
        // The previous period must exist too.
        period.prev()?;
        Ok(PeriodQuery {
            period,
            as_of,
            name: name.cloned(),
        })
    }
}

#[derive(Debug, clap::Args)]
pub struct SalesArgs {
    #[command(flatten)]
    common: PeriodArgs,
    /// Only this sales rep (exact name).
    #[arg(long, value_name = "NAME")]
    rep: Option<String>,
    /// Also convert the money into this reporting currency (ISO 4217, e.g. EUR), with
    /// the rates loaded by `lms import exchange-rates`. Each purchase takes the rate of
    /// its date for its currency, or else the latest earlier one; a purchase already in
    /// the reporting currency counts at 1; one with no rate on or before its date is
    /// unconverted (shown with its count and amount per currency), never guessed. The
    /// purchases of one owner, currency and rate date are summed, converted exactly and
    /// rounded once, half away from zero, to the reporting currency's minor unit. The
    /// per-currency figures stay; the converted columns are added.
    #[arg(long, value_name = "CODE", value_parser = reporting)]
    currency: Option<Currency>,
}

#[derive(Debug, clap::Args)]
pub struct PartnersArgs {
    #[command(flatten)]
    common: PeriodArgs,
    /// Only this partner (exact name).
    #[arg(long, value_name = "NAME")]
    partner: Option<String>,
    /// Also convert the money into this reporting currency (ISO 4217, e.g. EUR), with
    /// the rates loaded by `lms import exchange-rates`. Each purchase takes the rate of
    /// its date for its currency, or else the latest earlier one; a purchase already in
    /// the reporting currency counts at 1; one with no rate on or before its date is
    /// unconverted (shown with its count and amount per currency), never guessed. The
    /// purchases of one owner, currency and rate date are summed, converted exactly and
    /// rounded once, half away from zero, to the reporting currency's minor unit. The
    /// per-currency figures stay; the converted columns are added.
    #[arg(long, value_name = "CODE", value_parser = reporting)]
    currency: Option<Currency>,
}

#[derive(Debug, clap::Args)]
pub struct EngineersArgs {
    #[command(flatten)]
    common: PeriodArgs,
    /// Only this engineer (exact name); the per-region roll-up stays everyone's.
    #[arg(long, value_name = "NAME")]
    engineer: Option<String>,
}

// Doc comments here are --help text, shown verbatim: no Markdown.
#[allow(clippy::doc_markdown)]
#[derive(Debug, clap::Args)]
pub struct RenewalsArgs {
    #[command(flatten)]
    auth: AuthArgs,
    /// The day the horizons count from, YYYY-MM-DD (default: today, UTC).
    #[arg(long, value_name = "DATE", value_parser = date)]
    as_of: Option<NaiveDate>,
    /// Only this sales rep in the list by rep (exact name).
    #[arg(long, value_name = "NAME")]
    rep: Option<String>,
    /// Only this partner in the list by partner (exact name).
    #[arg(long, value_name = "NAME")]
    partner: Option<String>,
    /// Also convert the money into this reporting currency (ISO 4217, e.g. EUR), with
    /// the rates loaded by `lms import exchange-rates`. Each licence's last purchase takes the rate of
    /// its date for its currency, or else the latest earlier one; a purchase already in
    /// the reporting currency counts at 1; one with no rate on or before its date is
    /// unconverted (shown with its count and amount per currency), never guessed. The
    /// purchases of one owner, currency and rate date are summed, converted exactly and
    /// rounded once, half away from zero, to the reporting currency's minor unit. The
    /// per-currency figures stay; the converted columns are added.
    #[arg(long, value_name = "CODE", value_parser = reporting)]
    currency: Option<Currency>,
    #[arg(long, value_enum, default_value_t = Format::Table)]
    format: Format,
    /// Print how the database plans the report's queries instead of the report.
    #[arg(long)]
    explain: bool,
}

/// Which performance report.
pub enum Which {
    Sales(SalesArgs),
    Partners(PartnersArgs),
    Engineers(EngineersArgs),
    Renewals(RenewalsArgs),
}

/// Bad input is refused before the password is asked; the report only reads.
pub fn run(conn: &mut DbConnection, which: Which) -> Result<()> {
    if let Some(text) = explain(conn, &which)? {
        print!("{text}");
        return Ok(());
    }
    let dest = Destination::stdout();
    let text = match which {
        Which::Sales(a) => {
            let q = a.common.query(a.rep.as_ref())?;
            let actor = a.common.auth.login(conn)?;
            let r = lms::service::performance::owners_in(conn, &actor, Owner::Rep, &q, a.currency)?;
            owner_text(&r, a.common.format, dest)?
        }
        Which::Partners(a) => {
            let q = a.common.query(a.partner.as_ref())?;
            let actor = a.common.auth.login(conn)?;
            let r =
                lms::service::performance::owners_in(conn, &actor, Owner::Partner, &q, a.currency)?;
            owner_text(&r, a.common.format, dest)?
        }
        Which::Engineers(a) => {
            let q = a.common.query(a.engineer.as_ref())?;
            let actor = a.common.auth.login(conn)?;
            let r = lms::service::performance::engineers(conn, &actor, &q)?;
            match a.common.format {
                Format::Table => engineers::table(&r),
                Format::Csv => engineers::csv(&r, dest)?,
                Format::Json => engineers::json(&r, dest)?,
            }
        }
        Which::Renewals(a) => {
            let as_of = a.as_of.unwrap_or_else(|| chrono::Utc::now().date_naive());
            let actor = a.auth.login(conn)?;
            let r = lms::service::performance::renewals_in(
                conn,
                &actor,
                as_of,
                (a.rep.as_deref(), a.partner.as_deref()),
                a.currency,
            )?;
            match a.format {
                Format::Table => pipeline::table(&r),
                Format::Csv => pipeline::csv(&r, dest)?,
                Format::Json => pipeline::json(&r, dest)?,
            }
        }
    };
    print!("{text}");
    Ok(())
}

/// With `--explain`, the plans of the report's statements, after a login (they are the
/// report's own SQL, with its binds).
fn explain(conn: &mut DbConnection, which: &Which) -> Result<Option<String>> {
    let dialect = Dialect::of(conn);
    let (auth, statements) = match which {
        Which::Sales(a) if a.common.explain => {
            let q = a.common.query(None)?;
            (
                &a.common.auth,
                perf::owner_statements(Owner::Rep, &q, a.currency),
            )
        }
        Which::Partners(a) if a.common.explain => {
            let q = a.common.query(None)?;
            (
                &a.common.auth,
                perf::owner_statements(Owner::Partner, &q, a.currency),
            )
        }
        Which::Engineers(a) if a.common.explain => {
            let q = a.common.query(None)?;
            (&a.common.auth, perf::engineers::statements(dialect, &q))
        }
        Which::Renewals(a) if a.explain => {
            let as_of = a.as_of.unwrap_or_else(|| chrono::Utc::now().date_naive());
            (&a.auth, perf::pipeline_statements(as_of, a.currency))
        }
        _ => return Ok(None),
    };
    let actor = auth.login(conn)?;
    lms::service::authorize(&actor, lms::domain::Permission::ViewReports)?;
    let mut out = String::new();
    for s in &statements {
        let _ = writeln!(out, "-- {}\n{}", s.name, s.sql);
        for line in s.explain(conn)? {
            let _ = writeln!(out, "   {line}");
        }
        out.push('\n');
    }
    Ok(Some(out))
}

fn owner_text(
    r: &lms::report::performance::OwnerReport,
    format: Format,
    dest: Destination,
) -> Result<String> {
    Ok(match format {
        Format::Table => owners::table(r),
        Format::Csv => owners::csv(r, dest)?,
        Format::Json => owners::json(r, dest)?,
    })
}
