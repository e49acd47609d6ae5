//! `lms export utilization`: the utilization report's company rows, computed by the same
//! code as the Dashboard and `lms report utilization`, as an export (one row per company;
//! a revenue and a cost column per currency).

use std::collections::BTreeSet;
use std::io::Write;

use chrono::NaiveDate;

use super::{ServiceError, authorize};
use crate::auth::Actor;
use crate::db::DbConnection;
use crate::db::queries::page::Value;
use crate::domain::{Currency, DomainError, Money, PerCurrency, Permission};
use crate::export::{Options, Writer};
use crate::report::output_safety::Destination;
use crate::report::utilization::model::CompanyRow;
use crate::report::utilization::output::COMPANY_COLUMNS;
use crate::report::utilization::params::{
    DEFAULT_UNDER_USED_PCT, DEFAULT_WINDOW_DAYS, Filters, UtilizationQuery,
};

/// Its name on the command line.
pub const NAME: &str = "utilization";

/// The columns before the money, which `--sort` may name: the report's CSV's.
pub const COLUMNS: &[&str] = COMPANY_COLUMNS;

/// The report asked for, and the order of its companies (a column of [`COLUMNS`],
/// descending); as the report orders them (by name) when `None`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Plan {
    pub query: UtilizationQuery,
    pub sort: Option<(usize, bool)>,
}

impl Plan {
    /// The report on `today` with the default window and threshold, filtered by the
    /// Dashboard's `key=value` words (`company="Acme Co" status=active currency=EUR`).
    ///
    /// # Errors
    /// A bad filter word or value, or an unknown sort column, named.
    pub fn parse(
        filter: &str,
        sort: Option<&str>,
        desc: bool,
        today: NaiveDate,
    ) -> Result<Plan, DomainError> {
        let filters =
            Filters::parse(filter).map_err(|e| DomainError::Invalid(format!("--filter: {e}")))?;
        let query = UtilizationQuery {
            as_of: today,
            window_days: DEFAULT_WINDOW_DAYS,
            under_used_pct: DEFAULT_UNDER_USED_PCT,
            filters,
        };
        query.check()?;
        let sort = match sort {
            Some(name) => Some((column(name)?, desc)),
            None => desc.then_some((1, true)),
        };
        Ok(Plan { query, sort })
    }
}

fn column(name: &str) -> Result<usize, DomainError> {
    COLUMNS
        .iter()
        .position(|c| c.eq_ignore_ascii_case(name.trim()))
        .ok_or_else(|| {
            DomainError::Invalid(format!(
                "{NAME} cannot be sorted by {name:?}; sort by {}",
                COLUMNS.join(", ")
            ))
        })
}

/// See [`super::export::export`]. The report is one set of aggregates (a row per
/// company), computed whole as the Dashboard computes it, then written.
pub(super) fn export<W: Write>(
    conn: &mut DbConnection,
    actor: &Actor,
    plan: &Plan,
    options: Options,
    dest: Destination,
    out: W,
    progress: &mut dyn FnMut(u64),
) -> Result<(W, u64), ServiceError> {
    authorize(actor, Permission::ViewReports)?;
    let report = super::reports::utilization(conn, actor, plan.query.clone())?;
    let currencies: BTreeSet<Currency> = report
        .totals
        .revenue
        .iter()
        .chain(report.totals.cost.iter())
        .map(|m| m.currency)
        .collect();
    let mut header: Vec<String> = COLUMNS.iter().map(|c| (*c).to_owned()).collect();
    for c in &currencies {
        header.push(format!("revenue_{c}"));
        header.push(format!("cost_{c}"));
    }
    let mut companies: Vec<&CompanyRow> = report.companies.iter().collect();
    if let Some((column, desc)) = plan.sort {
        companies.sort_by(|a, b| {
            let order = key(a, column).cmp(&key(b, column));
            if desc { order.reverse() } else { order }
        });
    }
    let mut writer = Writer::new(options, dest, out, header)?;
    for c in companies {
        writer.row(&cells(c, &currencies))?;
    }
    progress(writer.rows());
    let n = writer.rows();
    Ok((writer.finish()?, n))
}

fn cells(c: &CompanyRow, currencies: &BTreeSet<Currency>) -> Vec<Value> {
    let pct = c
        .utilization_permille()
        .map_or_else(String::new, |p| format!("{}.{}", p / 10, p % 10));
    let mut cells = vec![
        c.id.into(),
        c.name.as_str().into(),
        Value::Count(c.licensed_seats),
        c.unlimited.into(),
        Value::Count(c.active_licenses),
        Value::Count(c.registered),
        Value::Count(c.active),
        pct.into(),
        c.flags.over_active.into(),
        c.flags.over_registered.into(),
        c.flags.under_used.into(),
        c.flags.idle.into(),
    ];
    let amount = |sums: &PerCurrency, cur: Currency| {
        let m = sums.iter().find(|m| m.currency == cur);
        let m = m.unwrap_or(Money::new(0, cur));
        Value::Money(m.minor, cur.code().to_owned())
    };
    for cur in currencies {
        cells.push(amount(&c.revenue, *cur));
        cells.push(amount(&c.cost, *cur));
    }
    cells
}

/// How a company sorts by `column` of [`COLUMNS`]: numbers as numbers (utilization by
/// its tenths of a percent, none first), the name as text.
#[derive(Debug, PartialEq, Eq, PartialOrd, Ord)]
enum Key<'a> {
    Number(i64),
    Text(&'a str),
}

fn key(c: &CompanyRow, column: usize) -> Key<'_> {
    Key::Number(match column {
        0 => c.id,
        1 => return Key::Text(&c.name),
        2 => c.licensed_seats,
        3 => c.unlimited.into(),
        4 => c.active_licenses,
        5 => c.registered,
        6 => c.active,
        7 => c.utilization_permille().unwrap_or(-1),
        8 => c.flags.over_active.into(),
        9 => c.flags.over_registered.into(),
        10 => c.flags.under_used.into(),
        _ => c.flags.idle.into(),
    })
}
