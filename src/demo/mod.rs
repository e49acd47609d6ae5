//! Deterministic demo data: `lms demo` and the TUI's "load demo data". This module
//! generates the rows and bulk-loads them; the gate and the audit row are the service
//! layer's (`service::demo::load`), which calls [`load`].
//!
//! The same [`DemoSize`] (seed included) and the same `today` always give the same rows,
//! on either backend: every row is a pure function of the seed, its table and its id
//! ([`rng`]), and every date is relative to `today`. The data is meant to look like a real
//! vendor's book: companies in 19 countries selling in 11 currencies, licenses in every
//! status with dates that fit the status, purchases (new, renewal, expansion), deployments
//! in every status, and portal activity in which some customers use more seats than they
//! bought, some went idle, some barely use what they have and some have users but no
//! active license.
//!
//! Loading is batched and streamed: rows are generated chunk by chunk and inserted with
//! multi-row INSERTs, so millions of rows never sit in memory. On SQLite the whole load is
//! one transaction; on MySQL/MariaDB one per 50,000 rows, and a failed load removes what
//! it inserted. Either way a failure leaves the database as empty as it was. A MySQL load
//! that is killed outright is journaled: the next `lms migrate` or `lms demo` removes it
//! and restores the indexes it dropped ([`repair()`]), and lms refuses to work on the
//! database until then.

mod activity;
mod calendar;
mod generate;
mod indexes;
mod licenses;
mod load;
mod names;
mod repair;
mod rng;
mod rows;
mod sql_text;
mod words;

use std::time::Duration;

use chrono::NaiveDate;

use crate::db::DbConnection;
use crate::domain::DomainError;

pub use repair::{Repaired, repair};

/// Why a load did not happen or did not finish.
#[derive(Debug, thiserror::Error)]
pub enum DemoError {
    /// The sizes do not fit together or exceed a limit ([`DemoSize::validate`]).
    #[error("{0}")]
    Invalid(#[from] DomainError),
    /// The database already holds business rows; the message names which.
    #[error("{0}")]
    NotEmpty(String),
    /// Another session's load is at work on this database; the message says since when.
    #[error("{0}")]
    Running(String),
    #[error("database error: {0}")]
    Database(#[from] diesel::result::Error),
    /// The generator did not produce the rows it promised (a bug, not bad input).
    #[error("{0}")]
    Internal(String),
}

/// How much demo data to make. `Default` is a realistic small book; the CLI exposes every
/// field so the same code drives benchmarks with millions of rows.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct DemoSize {
    pub companies: u32,
    pub partners: u32,
    pub sales_reps: u32,
    pub engineers: u32,
    pub product_codes: u32,
    pub licenses: u64,
    pub portal_users: u64,
    /// Rows of `app_log` in total.
    pub activity_rows: u64,
    /// Activity covers the days `today - activity_days ..= today - 1`.
    pub activity_days: u32,
    pub seed: u64,
}

impl Default for DemoSize {
    fn default() -> Self {
        Self {
            companies: 60,
            partners: 12,
            sales_reps: 15,
            engineers: 10,
            product_codes: 12,
            licenses: 400,
            portal_users: 2_500,
            activity_rows: 150_000,
            activity_days: HISTORY_DAYS,
            seed: 42,
        }
    }
}

/// How far back the licenses reach (five years): every license starts on or after
/// `today - HISTORY_DAYS`, and activity covers that span unless asked otherwise.
pub const HISTORY_DAYS: u32 = 1_825;

/// Upper bounds that keep ids, seats and dates well inside their column types.
pub const MAX_COMPANIES: u32 = 1_000_000;
pub const MAX_PEOPLE: u32 = 100_000;
pub const MAX_PRODUCT_CODES: u32 = 10_000;
pub const MAX_LICENSES: u64 = 20_000_000;
pub const MAX_PORTAL_USERS: u64 = 50_000_000;
pub const MAX_ACTIVITY_ROWS: u64 = 500_000_000;
pub const MAX_ACTIVITY_DAYS: u32 = 3_660;

impl DemoSize {
    /// Checks the sizes before anything touches the database.
    ///
    /// # Errors
    /// A [`DomainError::Invalid`] naming the size that does not fit and why.
    pub fn validate(&self) -> Result<(), DomainError> {
        let bad = |msg: String| Err(DomainError::Invalid(msg));
        let limits: [(&str, u64, u64); 8] = [
            ("companies", self.companies.into(), MAX_COMPANIES.into()),
            ("partners", self.partners.into(), MAX_PEOPLE.into()),
            ("sales reps", self.sales_reps.into(), MAX_PEOPLE.into()),
            ("engineers", self.engineers.into(), MAX_PEOPLE.into()),
            (
                "product codes",
                self.product_codes.into(),
                MAX_PRODUCT_CODES.into(),
            ),
            ("licenses", self.licenses, MAX_LICENSES),
            ("portal users", self.portal_users, MAX_PORTAL_USERS),
            ("activity rows", self.activity_rows, MAX_ACTIVITY_ROWS),
        ];
        for (what, value, max) in limits {
            if value > max {
                return bad(format!("demo {what} must be at most {max}, not {value}"));
            }
        }
        if self.activity_days > MAX_ACTIVITY_DAYS {
            return bad(format!(
                "demo activity days must be at most {MAX_ACTIVITY_DAYS}, not {}",
                self.activity_days
            ));
        }
        if self.licenses > 0 && self.companies == 0 {
            return bad("demo licenses need at least one company".to_owned());
        }
        if self.licenses > 0 && self.product_codes == 0 {
            return bad("demo licenses need at least one product code".to_owned());
        }
        if self.portal_users > 0 && self.companies == 0 {
            return bad("demo portal users need at least one company".to_owned());
        }
        if self.activity_rows > 0 && self.portal_users == 0 {
            return bad("demo activity rows need at least one portal user".to_owned());
        }
        if self.activity_rows > 0 && self.activity_days == 0 {
            return bad("demo activity rows need at least one activity day".to_owned());
        }
        Ok(())
    }
}

/// Sent after every chunk: `done` of `total` rows of `table` are in. Tables come in load
/// order (`companies`, `partners`, `sales_reps`, `engineers`, `product_codes`, `licenses`,
/// `purchases`, `deployments`, `portal_users`, `app_log`); on SQLite a last step,
/// `indexes`, counts the secondary indexes rebuilt after the rows are in.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct DemoProgress {
    pub table: &'static str,
    pub done: u64,
    pub total: u64,
}

/// What a load inserted, table by table in load order (the one audit row not counted).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DemoReport {
    /// An interrupted load repaired before this one began.
    pub repaired: Option<Repaired>,
    pub rows: Vec<(&'static str, u64)>,
    pub total_rows: u64,
    pub elapsed: Duration,
}

impl DemoReport {
    /// Rows inserted per second of wall time (0 when no time passed).
    #[must_use]
    pub fn rows_per_sec(&self) -> f64 {
        let secs = self.elapsed.as_secs_f64();
        if secs > 0.0 {
            // Row counts stay far below 2^52, where f64 is exact.
            #[allow(clippy::cast_precision_loss)]
            let rows = self.total_rows as f64;
            rows / secs
        } else {
            0.0
        }
    }

    /// Rows inserted into `table` (0 when the table is not part of the report).
    #[must_use]
    pub fn count(&self, table: &str) -> u64 {
        self.rows
            .iter()
            .find(|(t, _)| *t == table)
            .map_or(0, |(_, n)| *n)
    }
}

/// Row counts per table in load order, as [`load`] hands them to its `record` hook.
pub type Counts = [(&'static str, u64)];

/// Fills an empty database with demo data of `size`, dated relative to `today`.
/// Calls `progress` after each inserted chunk, and `record` once with the row counts,
/// inside the load's last transaction: the caller writes its audit row there, so that data
/// without its audit row counts as a failed load too.
///
/// # Errors
/// - [`DemoError::Invalid`] for sizes that do not fit together ([`DemoSize::validate`]);
/// - [`DemoError::NotEmpty`] when the database already holds business data: nothing is
///   ever mixed with or written over real rows;
/// - database errors, including those of `record`. A load that fails part-way removes what
///   it inserted, so it can simply be run again.
pub fn load(
    conn: &mut DbConnection,
    size: &DemoSize,
    today: NaiveDate,
    progress: &mut dyn FnMut(DemoProgress),
    record: &mut dyn FnMut(&mut DbConnection, &Counts) -> diesel::QueryResult<()>,
) -> Result<DemoReport, DemoError> {
    size.validate()?;
    load::run(conn, size, today, progress, record)
}
