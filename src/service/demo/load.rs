//! Batched, streamed inserts of the generated rows.
//!
//! - Multi-row `INSERT ... VALUES (..), (..)` per chunk. Diesel cannot build those through
//!   the `DbConnection` enum, so each chunk is dispatched to the backend's own connection
//!   (`with_backend!`), inside a transaction opened on the enum.
//! - A chunk holds as many rows as fit in SQLite's 32,766 bind variables (MariaDB allows
//!   65,535), capped at [`MAX_CHUNK_ROWS`]. Full chunks are passed as fixed-size arrays:
//!   their statement has a static query id, so Diesel prepares it once per table and
//!   reuses it; only a table's last, shorter chunk is prepared on its own.
//! - One transaction per [`ROWS_PER_TRANSACTION`] rows: commits stay cheap, and neither the
//!   SQLite WAL nor the InnoDB undo log grows with the whole load.
//! - Rows are generated as they are inserted; at most one chunk is in memory.
//! - MySQL/MariaDB: `foreign_key_checks` and `unique_checks` are off for the load (the
//!   rows are consistent by construction) and restored afterwards, also on error.
//! - A failed load deletes the rows it inserted (the tables were empty before), so the
//!   operator can fix the cause and run it again.

use std::time::Instant;

use chrono::NaiveDate;
use diesel::connection::SimpleConnection;
use diesel::prelude::*;

use super::activity::{AppLogRows, PortalUserRows};
use super::generate::World;
use super::licenses::{LicenseRows, PerLicenseRows};
use super::rows::{
    AppLogRow, CompanyRow, DeploymentRow, EngineerRow, LicenseRow, PartnerRow, PortalUserRow,
    ProductCodeRow, PurchaseRow, SalesRepRow,
};
use super::{DemoProgress, DemoReport, DemoSize};
use crate::auth::Actor;
use crate::db::schema::{
    app_log, companies, deployments, engineers, licenses, partners, portal_users, product_codes,
    purchases, sales_reps,
};
use crate::db::{BackendKind, DbConnection};
use crate::service::{ServiceError, audit};

/// Bind variables SQLite accepts in one statement (`SQLITE_MAX_VARIABLE_NUMBER`, the
/// default since 3.32); MariaDB's limit (65,535 placeholders) is higher.
const MAX_BIND_VARIABLES: usize = 32_766;
/// Larger chunks stop paying off and only hold more memory.
pub const MAX_CHUNK_ROWS: usize = 2_000;
pub const ROWS_PER_TRANSACTION: u64 = 50_000;

/// Rows per chunk for a table inserting `columns` columns.
const fn chunk_rows(columns: usize) -> usize {
    let fit = MAX_BIND_VARIABLES / columns;
    if fit < MAX_CHUNK_ROWS {
        fit
    } else {
        MAX_CHUNK_ROWS
    }
}

/// Defines `fn $name(conn, rows)`: one multi-row INSERT of `rows` into `$table`. A chunk
/// of exactly `$n` rows goes in as an array, whose prepared statement Diesel caches.
macro_rules! insert_fn {
    ($name:ident, $row:ty, $table:path, $n:expr) => {
        fn $name(conn: &mut DbConnection, rows: Vec<$row>) -> QueryResult<usize> {
            match <Box<[$row; $n]>>::try_from(rows.into_boxed_slice()) {
                Ok(full) => crate::with_backend!(conn, |c| {
                    diesel::insert_into($table).values(&*full).execute(c)
                }),
                Err(part) => crate::with_backend!(conn, |c| {
                    diesel::insert_into($table).values(&part[..]).execute(c)
                }),
            }
        }
    };
}

// Inserted columns per table: the schema's columns minus `version` where it has one.
const COMPANY_CHUNK: usize = chunk_rows(7);
const PARTNER_CHUNK: usize = chunk_rows(6);
const PERSON_CHUNK: usize = chunk_rows(7);
const PRODUCT_CHUNK: usize = chunk_rows(6);
const LICENSE_CHUNK: usize = chunk_rows(13);
const PURCHASE_CHUNK: usize = chunk_rows(12);
const DEPLOYMENT_CHUNK: usize = chunk_rows(11);
const PORTAL_USER_CHUNK: usize = chunk_rows(7);
const APP_LOG_CHUNK: usize = chunk_rows(7);

insert_fn!(insert_companies, CompanyRow, companies::table, COMPANY_CHUNK);
insert_fn!(insert_partners, PartnerRow, partners::table, PARTNER_CHUNK);
insert_fn!(insert_sales_reps, SalesRepRow, sales_reps::table, PERSON_CHUNK);
insert_fn!(insert_engineers, EngineerRow, engineers::table, PERSON_CHUNK);
insert_fn!(insert_products, ProductCodeRow, product_codes::table, PRODUCT_CHUNK);
insert_fn!(insert_licenses, LicenseRow, licenses::table, LICENSE_CHUNK);
insert_fn!(insert_purchases, PurchaseRow, purchases::table, PURCHASE_CHUNK);
insert_fn!(insert_deployments, DeploymentRow, deployments::table, DEPLOYMENT_CHUNK);
insert_fn!(insert_portal_users, PortalUserRow, portal_users::table, PORTAL_USER_CHUNK);
insert_fn!(insert_app_log, AppLogRow, app_log::table, APP_LOG_CHUNK);

/// Business tables in load order, with the words used in messages.
const TABLES: [(&str, &str); 10] = [
    ("companies", "companies"),
    ("partners", "partners"),
    ("sales_reps", "sales reps"),
    ("engineers", "engineers"),
    ("product_codes", "product codes"),
    ("licenses", "licenses"),
    ("purchases", "purchases"),
    ("deployments", "deployments"),
    ("portal_users", "portal users"),
    ("app_log", "activity rows"),
];

pub(super) fn run(
    conn: &mut DbConnection,
    actor: &Actor,
    size: &DemoSize,
    today: NaiveDate,
    progress: &mut dyn FnMut(DemoProgress),
) -> Result<DemoReport, ServiceError> {
    ensure_empty(conn)?;
    let started = Instant::now();
    let world = World::new(size, today);
    let saved = session_begin(conn)?;
    let mut loader = Loader {
        conn: &mut *conn,
        progress,
        rows: Vec::with_capacity(TABLES.len()),
    };
    let result = loader.all(&world);
    let rows = loader.rows;
    if result.is_err() {
        remove(conn, &rows);
    }
    let restored = session_end(conn, saved);
    result?;
    restored?;
    let changes: Vec<audit::FieldChange<'_>> = rows
        .iter()
        .map(|(table, n)| (*table, None, Some(n.to_string())))
        .chain([
            ("seed", None, Some(size.seed.to_string())),
            ("today", None, Some(today.to_string())),
        ])
        .collect();
    conn.transaction(|c| audit::record(c, Some(actor.operator_id), "demo", 0, "load", &changes))?;
    let total_rows = rows.iter().map(|(_, n)| n).sum();
    Ok(DemoReport {
        rows,
        total_rows,
        elapsed: started.elapsed(),
    })
}

/// Refuses to load into a database that holds any business row.
fn ensure_empty(conn: &mut DbConnection) -> Result<(), ServiceError> {
    macro_rules! holds {
        ($table:ident) => {
            $table::table
                .select($table::id)
                .first::<i64>(conn)
                .optional()?
                .is_some()
        };
    }
    let held = [
        holds!(companies),
        holds!(partners),
        holds!(sales_reps),
        holds!(engineers),
        holds!(product_codes),
        holds!(licenses),
        holds!(purchases),
        holds!(deployments),
        holds!(portal_users),
        holds!(app_log),
    ];
    match TABLES.iter().zip(held).find(|(_, held)| *held) {
        Some(((_, what), _)) => Err(ServiceError::Conflict(format!(
            "the database already holds {what}: demo data is loaded only into an empty \
             database, so that it is never mixed with or written over real data"
        ))),
        None => Ok(()),
    }
}

/// SQLite page cache for the load, in KiB (a negative `cache_size`): enough to keep the
/// hot index pages of millions of rows in memory. The default (2 MiB) makes SQLite read
/// index pages back from the OS for nearly every row: 30x slower.
const SQLITE_LOAD_CACHE_KIB: i64 = 256 * 1024;

/// Session settings for the load; [`session_end`] restores them. MySQL: no FK or
/// secondary-unique checks. SQLite: a large page cache.
fn session_begin(conn: &mut DbConnection) -> Result<Option<i64>, ServiceError> {
    match conn.kind() {
        BackendKind::Mysql => {
            conn.batch_execute(
                "SET @lms_demo_fk = @@SESSION.foreign_key_checks, \
                     @lms_demo_uc = @@SESSION.unique_checks; \
                 SET SESSION foreign_key_checks = 0, unique_checks = 0;",
            )?;
            Ok(None)
        }
        BackendKind::Sqlite => {
            let cache: i64 = diesel::select(diesel::dsl::sql::<diesel::sql_types::BigInt>(
                "(SELECT cache_size FROM pragma_cache_size())",
            ))
            .get_result(conn)?;
            conn.batch_execute(&format!("PRAGMA cache_size = -{SQLITE_LOAD_CACHE_KIB};"))?;
            Ok(Some(cache))
        }
    }
}

fn session_end(conn: &mut DbConnection, saved: Option<i64>) -> Result<(), ServiceError> {
    match conn.kind() {
        BackendKind::Mysql => conn.batch_execute(
            "SET SESSION foreign_key_checks = @lms_demo_fk, unique_checks = @lms_demo_uc;",
        )?,
        BackendKind::Sqlite => {
            if let Some(cache) = saved {
                conn.batch_execute(&format!("PRAGMA cache_size = {cache};"))?;
            }
        }
    }
    Ok(())
}

/// After a failure: deletes the rows the load inserted, children first. The tables were
/// empty before, and the load used ids `1..=n`, so only those ids are removed.
fn remove(conn: &mut DbConnection, inserted: &[(&'static str, u64)]) {
    macro_rules! purge {
        ($table:ident) => {{
            let n = inserted
                .iter()
                .find(|(t, _)| *t == stringify!($table))
                .map_or(0, |(_, n)| *n);
            // Committed rows are exactly `1..=n`: a failed transaction left nothing.
            let upto = i64::try_from(n).unwrap_or(i64::MAX);
            if n > 0 && let Err(e) = diesel::delete($table::table.filter($table::id.le(upto))).execute(conn) {
                tracing::warn!("demo load: could not remove demo {}: {e}", stringify!($table));
            }
        }};
    }
    purge!(app_log);
    purge!(portal_users);
    purge!(deployments);
    purge!(purchases);
    purge!(licenses);
    purge!(product_codes);
    purge!(engineers);
    purge!(sales_reps);
    purge!(partners);
    purge!(companies);
}

struct Loader<'a> {
    conn: &'a mut DbConnection,
    progress: &'a mut dyn FnMut(DemoProgress),
    /// Rows inserted so far, per table.
    rows: Vec<(&'static str, u64)>,
}

impl Loader<'_> {
    fn all(&mut self, world: &World) -> Result<(), ServiceError> {
        let size = &world.size;
        let companies = (0..world.companies.len()).filter_map(|i| world.company_row(i));
        self.table("companies", size.companies.into(), companies, COMPANY_CHUNK, insert_companies)?;
        let partners = (0..u64::from(size.partners)).map(|i| world.partner_row(i));
        self.table("partners", size.partners.into(), partners, PARTNER_CHUNK, insert_partners)?;
        let reps = (0..u64::from(size.sales_reps)).map(|i| world.person_row(i, false).into());
        self.table("sales_reps", size.sales_reps.into(), reps, PERSON_CHUNK, insert_sales_reps)?;
        let engineers = (0..u64::from(size.engineers)).map(|i| world.person_row(i, true).into());
        self.table("engineers", size.engineers.into(), engineers, PERSON_CHUNK, insert_engineers)?;
        let products = (0..u64::from(size.product_codes)).map(|i| world.product_row(i));
        self.table("product_codes", size.product_codes.into(), products, PRODUCT_CHUNK, insert_products)?;
        let mut licenses = LicenseRows::new(world);
        self.table("licenses", size.licenses, &mut licenses, LICENSE_CHUNK, insert_licenses)?;
        let (purchases, deployments) = (licenses.purchases, licenses.deployments);
        let rows = PerLicenseRows::purchases(world);
        self.table("purchases", purchases, rows, PURCHASE_CHUNK, insert_purchases)?;
        let rows = PerLicenseRows::deployments(world);
        self.table("deployments", deployments, rows, DEPLOYMENT_CHUNK, insert_deployments)?;
        let rows = PortalUserRows::new(world);
        self.table("portal_users", size.portal_users, rows, PORTAL_USER_CHUNK, insert_portal_users)?;
        let rows = AppLogRows::new(world);
        self.table("app_log", size.activity_rows, rows, APP_LOG_CHUNK, insert_app_log)
    }

    /// Streams `rows` into a table in chunks of `chunk`, committing every
    /// [`ROWS_PER_TRANSACTION`] rows and reporting progress after each chunk.
    fn table<R>(
        &mut self,
        table: &'static str,
        total: u64,
        rows: impl Iterator<Item = R>,
        chunk: usize,
        insert: fn(&mut DbConnection, Vec<R>) -> QueryResult<usize>,
    ) -> Result<(), ServiceError> {
        let mut rows = rows.peekable();
        let mut done = 0_u64;
        self.rows.push((table, 0));
        let progress = &mut *self.progress;
        while rows.peek().is_some() {
            self.conn.transaction(|conn| {
                let mut in_tx = 0_u64;
                while in_tx < ROWS_PER_TRANSACTION {
                    let batch: Vec<R> = rows.by_ref().take(chunk).collect();
                    if batch.is_empty() {
                        break;
                    }
                    let n = batch.len() as u64;
                    insert(conn, batch)?;
                    in_tx += n;
                    done += n;
                    progress(DemoProgress { table, done, total });
                }
                Ok::<_, ServiceError>(())
            })?;
            if let Some(last) = self.rows.last_mut() {
                last.1 = done;
            }
        }
        if done == total {
            Ok(())
        } else {
            Err(ServiceError::Internal(format!(
                "demo data: generated {done} {table} rows, expected {total}"
            )))
        }
    }
}
