//! Fixture builders in the crates.io style (`crates_io_test_utils/src/builders/`): each row
//! kind has a builder with sensible defaults for everything, setters for what a test cares
//! about, and `insert(conn)`, which writes the row and returns it as read back (the model).
//!
//! ```ignore
//! let acme = CompanyBuilder::new("Acme").country("DE").insert(conn);
//! let lic = LicenseBuilder::new()
//!     .company(&acme)
//!     .seats(10)
//!     .status(LicenseStatus::Active)
//!     .starts("2025-01-01")
//!     .ends("2025-12-31")
//!     .insert(conn);
//! PurchaseBuilder::new(&lic).revenue(150_000).currency("EUR").insert(conn);
//! ```
//!
//! References take a model or a bare id (`RowId`). A builder whose required parent is not
//! given creates one with defaults (a license without a company gets a fresh company).
//! Timestamps default to [`CREATED`], a fixed instant, so renders of `created_at` columns
//! do not depend on the clock.
#![allow(dead_code, unused_imports, clippy::unwrap_used, clippy::expect_used)]

/// Inserts one row with `$new` and reads it back by its new id as `$model`.
macro_rules! insert_and_load {
    ($conn:expr, $table:ident, $new:expr, $model:ty) => {
        $conn
            .transaction(|conn| {
                diesel::insert_into($table::table)
                    .values(&$new)
                    .execute(conn)?;
                let id = conn.last_insert_id()?;
                $table::table
                    .find(id)
                    .select(<$model>::as_select())
                    .first(conn)
            })
            .unwrap_or_else(|e| panic!("insert into {}: {e}", stringify!($table)))
    };
}

mod activity;
mod audit;
mod license;
mod parties;
mod purchase;

pub use activity::{ActivityBuilder, PortalUserBuilder};
pub use audit::AuditBuilder;
pub use license::{DeploymentBuilder, LicenseBuilder};
pub use parties::{
    CompanyBuilder, EngineerBuilder, PartnerBuilder, ProductBuilder, SalesRepBuilder,
};
pub use purchase::PurchaseBuilder;

use std::sync::atomic::{AtomicU64, Ordering};

use chrono::{NaiveDate, NaiveDateTime};
use lms::db::models::{
    AppLogEntry, AuditEntry, Company, Deployment, Engineer, License, Partner, PortalUser,
    ProductCode, Purchase, SalesRep,
};

/// The default `created_at`/`updated_at` of every built row: 2025-01-15 09:30:00 UTC.
pub const CREATED: &str = "2025-01-15 09:30:00";

#[must_use]
pub fn created() -> NaiveDateTime {
    ts(CREATED)
}

/// `2025-01-15 09:30:00` as a timestamp (UTC).
#[must_use]
pub fn ts(s: &str) -> NaiveDateTime {
    NaiveDateTime::parse_from_str(s, "%Y-%m-%d %H:%M:%S")
        .unwrap_or_else(|e| panic!("bad timestamp {s:?}: {e}"))
}

/// A date given as `NaiveDate` or as `"YYYY-MM-DD"`.
pub trait IntoDate {
    fn into_date(self) -> NaiveDate;
}

impl IntoDate for NaiveDate {
    fn into_date(self) -> NaiveDate {
        self
    }
}

impl IntoDate for &str {
    fn into_date(self) -> NaiveDate {
        NaiveDate::parse_from_str(self, "%Y-%m-%d")
            .unwrap_or_else(|e| panic!("bad date {self:?}: {e}"))
    }
}

impl IntoDate for &String {
    fn into_date(self) -> NaiveDate {
        self.as_str().into_date()
    }
}

/// A timestamp given as `NaiveDateTime` or as `"YYYY-MM-DD HH:MM:SS"`.
pub trait IntoTimestamp {
    fn into_timestamp(self) -> NaiveDateTime;
}

impl IntoTimestamp for NaiveDateTime {
    fn into_timestamp(self) -> NaiveDateTime {
        self
    }
}

impl IntoTimestamp for &str {
    fn into_timestamp(self) -> NaiveDateTime {
        ts(self)
    }
}

/// A row a builder can refer to: its model or its bare id.
pub trait RowId {
    fn row_id(self) -> i64;
}

impl RowId for i64 {
    fn row_id(self) -> i64 {
        self
    }
}

macro_rules! row_id {
    ($($model:ty),+) => {
        $(
            impl RowId for &$model {
                fn row_id(self) -> i64 {
                    self.id
                }
            }
            impl RowId for $model {
                fn row_id(self) -> i64 {
                    self.id
                }
            }
        )+
    };
}

row_id!(
    AppLogEntry,
    AuditEntry,
    Company,
    Deployment,
    Engineer,
    License,
    Partner,
    PortalUser,
    ProductCode,
    Purchase,
    SalesRep
);

/// A number unique in this test process, for default names and keys.
pub(crate) fn unique() -> u64 {
    static N: AtomicU64 = AtomicU64::new(1);
    N.fetch_add(1, Ordering::Relaxed)
}

/// `Rita Rep` -> `rita.rep` (with `sep` "."), for default e-mail addresses.
pub(crate) fn slug(name: &str, sep: &str) -> String {
    name.to_lowercase().replace(' ', sep)
}
