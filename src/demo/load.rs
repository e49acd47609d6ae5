//! Batched, streamed inserts of the generated rows.
//!
//! Common to both backends:
//! - Rows are generated as they are inserted: at most one chunk is in memory.
//! - A chunk holds as many rows as fit in SQLite's 32,766 bind variables, capped at
//!   [`MAX_CHUNK_ROWS`] (MariaDB's limit, 65,535 placeholders, is higher).
//! - Progress is reported after every chunk.
//!
//! SQLite:
//! - Diesel multi-row `INSERT ... VALUES (..), (..)` with bound values. Diesel cannot build
//!   those through the `DbConnection` enum, so each chunk goes to the inner connection
//!   (`with_backend!`). Full chunks are passed as fixed-size arrays: their statement has a
//!   static query id, so Diesel prepares it once per table and reuses it.
//! - One transaction for the whole load, audit row included: a failure leaves nothing.
//!   Inside it the tables' secondary indexes are dropped and rebuilt at the end (a sorted
//!   build instead of millions of random B-tree inserts); the UNIQUE ones stay. The
//!   activity read models' triggers are dropped too, and the read models computed once at
//!   the end ([`activity_summary`]) instead of two upserts per activity row.
//!   Progress reports the rebuild as table `indexes` (done of total indexes).
//! - For the load only: a 256 MiB page cache, no automatic WAL checkpoints (each lets
//!   the next write restart the WAL, which empties the page cache), foreign keys off (the
//!   rows are consistent by construction), sorter helper threads for the index rebuild.
//!   All restored afterwards, also on error, then one `wal_checkpoint(TRUNCATE)`.
//!
//! Measured effect on SQLite (100k licenses + 1M activity rows, CPU seconds): 14.8 with
//! the default settings and indexes kept; 6.9 with the large page cache, no automatic
//! checkpoints, one transaction and indexes rebuilt (11.9 keeping the indexes, 7.6 with
//! foreign keys on); 4.9 with sorter threads and the timestamp formatting of [`Ts`].
//!
//! MySQL/MariaDB:
//! - Text multi-row INSERTs with literal values ([`super::sql_text`] has the numbers).
//! - One transaction per [`ROWS_PER_TRANSACTION`] rows: a failure near the end of a
//!   10M-row load does not have to roll back 10M rows (InnoDB rollbacks are slow).
//! - Secondary indexes dropped and rebuilt at the end, as on SQLite ([`super::indexes`]),
//!   also on error; the activity read models' triggers likewise, the read models computed
//!   once at the end ([`activity_summary`]).
//! - `foreign_key_checks` and `unique_checks` off for the load, restored afterwards, also
//!   on error. A failed load deletes the rows it committed (the tables were empty before),
//!   so the operator can fix the cause and run it again.
//! - Crash-safe through a journal: before it drops anything the load commits what it
//!   will drop ([`load_journal`]) and holds a lock for its session; it marks the journal
//!   `loaded` with its audit row and deletes it once the schema is whole. A load killed at
//!   any point leaves the journal row, which every later lms refuses to work past until
//!   `lms migrate` or `lms demo` has repaired it ([`repair`]).

use std::time::Instant;

use chrono::NaiveDate;
use diesel::connection::SimpleConnection;
use diesel::prelude::*;

use super::activity::{AppLogRows, PortalUserRows};
use super::generate::World;
use super::licenses::{LicenseRows, PerLicenseRows};
use super::repair::{self, Dropped};
#[cfg(doc)]
use super::rows::Ts;
use super::rows::{
    AppLogRow, CompanyRow, DeploymentRow, EngineerRow, LicenseRow, PartnerRow, PortalUserRow,
    ProductCodeRow, PurchaseRow, SalesRepRow,
};
use super::{Counts, DemoError, DemoProgress, DemoReport, DemoSize};
use super::{indexes, sql_text};
use crate::db::schema::{
    app_log, companies, deployments, engineers, licenses, partners, portal_users, product_codes,
    purchases, sales_reps,
};
use crate::db::{BackendKind, DbConnection, activity_summary, load_journal, money_summary};

/// The caller's hook that writes the audit row of a finished load.
type Record<'a> = &'a mut dyn FnMut(&mut DbConnection, &Counts) -> QueryResult<()>;

/// Bind variables SQLite accepts in one statement (`SQLITE_MAX_VARIABLE_NUMBER`, the
/// default since 3.32).
const MAX_BIND_VARIABLES: usize = 32_766;
/// Larger chunks stop paying off and only hold more memory.
pub const MAX_CHUNK_ROWS: usize = 2_000;
/// MySQL commits this often.
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

/// Defines `fn $name(conn, rows)`: one multi-row INSERT of `rows` into `$table`. On
/// SQLite a chunk of exactly `$n` rows goes in as an array, whose prepared statement
/// Diesel caches; on MySQL the rows are sent as SQL text.
macro_rules! insert_fn {
    ($name:ident, $row:ty, $table:path, $n:expr) => {
        fn $name(conn: &mut DbConnection, rows: Vec<$row>) -> QueryResult<()> {
            if conn.kind() == BackendKind::Mysql {
                let mut sql = String::with_capacity(rows.len() * 160);
                sql_text::insert_statement(&rows, &mut sql);
                return conn.batch_execute(&sql);
            }
            match <Box<[$row; $n]>>::try_from(rows.into_boxed_slice()) {
                Ok(full) => crate::with_backend!(conn, |c| {
                    diesel::insert_into($table).values(&*full).execute(c)
                }),
                Err(part) => crate::with_backend!(conn, |c| {
                    diesel::insert_into($table).values(&part[..]).execute(c)
                }),
            }
            .map(|_| ())
        }
    };
}

// Inserted columns per table: the schema's columns minus `version` where it has one.
const COMPANY_CHUNK: usize = chunk_rows(7);
const PARTNER_CHUNK: usize = chunk_rows(6);
const PERSON_CHUNK: usize = chunk_rows(7);
const PRODUCT_CHUNK: usize = chunk_rows(6);
const LICENSE_CHUNK: usize = chunk_rows(17);
const PURCHASE_CHUNK: usize = chunk_rows(12);
const DEPLOYMENT_CHUNK: usize = chunk_rows(11);
const PORTAL_USER_CHUNK: usize = chunk_rows(7);
const APP_LOG_CHUNK: usize = chunk_rows(7);

insert_fn!(
    insert_companies,
    CompanyRow,
    companies::table,
    COMPANY_CHUNK
);
insert_fn!(insert_partners, PartnerRow, partners::table, PARTNER_CHUNK);
insert_fn!(
    insert_sales_reps,
    SalesRepRow,
    sales_reps::table,
    PERSON_CHUNK
);
insert_fn!(
    insert_engineers,
    EngineerRow,
    engineers::table,
    PERSON_CHUNK
);
insert_fn!(
    insert_products,
    ProductCodeRow,
    product_codes::table,
    PRODUCT_CHUNK
);
insert_fn!(insert_licenses, LicenseRow, licenses::table, LICENSE_CHUNK);
insert_fn!(
    insert_purchases,
    PurchaseRow,
    purchases::table,
    PURCHASE_CHUNK
);
insert_fn!(
    insert_deployments,
    DeploymentRow,
    deployments::table,
    DEPLOYMENT_CHUNK
);
insert_fn!(
    insert_portal_users,
    PortalUserRow,
    portal_users::table,
    PORTAL_USER_CHUNK
);
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
    size: &DemoSize,
    today: NaiveDate,
    progress: &mut dyn FnMut(DemoProgress),
    record: Record<'_>,
) -> Result<DemoReport, DemoError> {
    let repaired = super::repair(conn, progress)?;
    ensure_empty(conn)?;
    let started = Instant::now();
    let world = World::new(size, today);
    let rows = match conn.kind() {
        BackendKind::Sqlite => load_sqlite(conn, &world, progress, record)?,
        BackendKind::Mysql => load_mysql(conn, &world, progress, record)?,
    };
    let total_rows = rows.iter().map(|(_, n)| n).sum();
    Ok(DemoReport {
        repaired,
        rows,
        total_rows,
        elapsed: started.elapsed(),
    })
}

type Rows = Vec<(&'static str, u64)>;

fn load_sqlite(
    conn: &mut DbConnection,
    world: &World,
    progress: &mut dyn FnMut(DemoProgress),
    record: Record<'_>,
) -> Result<Rows, DemoError> {
    let saved = sqlite_settings(conn)?;
    // Helper threads let SQLite's sorter rebuild the indexes on every core.
    let cores = std::thread::available_parallelism().map_or(1, std::num::NonZeroUsize::get);
    let set = conn.batch_execute(&format!(
        "PRAGMA cache_size = -{SQLITE_LOAD_CACHE_KIB}; PRAGMA wal_autocheckpoint = 0; \
         PRAGMA foreign_keys = OFF; PRAGMA threads = {};",
        cores.min(4)
    ));
    let result = set.map_err(DemoError::from).and_then(|()| {
        conn.transaction(|conn| {
            let indexes = indexes::secondary(conn, &TABLES.map(|(t, _)| t))?;
            indexes::drop_all(conn, &indexes)?;
            let triggers = activity_summary::suspend(conn)?;
            let mut loader = Loader {
                conn: &mut *conn,
                progress: &mut *progress,
                rows: Vec::with_capacity(TABLES.len()),
                commit_every: None,
            };
            loader.all(world)?;
            let rows = loader.rows;
            indexes::rebuild(conn, &indexes, &mut *progress)?;
            money_summary::rebuild(conn)?;
            activity_summary::rebuild(conn)?;
            activity_summary::resume(conn, &triggers)?;
            record(conn, &rows)?;
            Ok::<_, DemoError>(rows)
        })
    });
    let restored = conn.batch_execute(&format!(
        "PRAGMA foreign_keys = {}; PRAGMA cache_size = {}; PRAGMA wal_autocheckpoint = {}; \
         PRAGMA threads = {}; PRAGMA wal_checkpoint(TRUNCATE);",
        saved.foreign_keys, saved.cache_size, saved.wal_autocheckpoint, saved.threads
    ));
    let rows = result?;
    restored?;
    Ok(rows)
}

fn load_mysql(
    conn: &mut DbConnection,
    world: &World,
    progress: &mut dyn FnMut(DemoProgress),
    record: Record<'_>,
) -> Result<Rows, DemoError> {
    if !load_journal::lock(conn)? {
        return Err(DemoError::Running(
            "another session is loading demo data into this database".to_owned(),
        ));
    }
    let loaded = journaled_load(conn, world, progress, record);
    let unlocked = load_journal::unlock(conn);
    let rows = loaded?;
    unlocked?;
    Ok(rows)
}

/// The MySQL load under the load lock: journaled before anything is dropped, so that a
/// load killed at any point is repaired by the next process ([`repair`]).
fn journaled_load(
    conn: &mut DbConnection,
    world: &World,
    progress: &mut dyn FnMut(DemoProgress),
    record: Record<'_>,
) -> Result<Rows, DemoError> {
    let dropped = Dropped {
        indexes: indexes::secondary(conn, &TABLES.map(|(t, _)| t))?,
        triggers: activity_summary::list(conn)?,
    };
    load_journal::begin(conn, "demo", &dropped.to_json()?)?;
    conn.batch_execute(
        "SET @lms_demo_uc = @@SESSION.unique_checks; SET SESSION unique_checks = 0;",
    )?;
    let result = repair::without_foreign_key_checks(conn, |conn| {
        indexes::drop_all(conn, &dropped.indexes)?;
        activity_summary::suspend(conn)?;
        let mut loader = Loader {
            conn: &mut *conn,
            progress: &mut *progress,
            rows: Vec::with_capacity(TABLES.len()),
            commit_every: Some(ROWS_PER_TRANSACTION),
        };
        let inserted = loader.all(world);
        let rows = loader.rows;
        // Data without its audit row counts as a failed load too.
        Ok(inserted.and_then(|()| {
            conn.transaction(|c| {
                record(c, &rows)?;
                load_journal::mark_loaded(c)
            })
            .map_err(DemoError::from)
            .map(|()| rows)
        }))
    });
    // The schema comes out as it went in whatever happened; a failed load is removed.
    let restored = repair::without_foreign_key_checks(conn, |conn| {
        let complete = matches!(result, Ok(Ok(_)));
        repair::restore(conn, &dropped, complete, progress)
    });
    let checks = conn.batch_execute("SET SESSION unique_checks = @lms_demo_uc;");
    let rows = result??;
    restored?;
    checks?;
    Ok(rows)
}

/// Refuses to load into a database that holds any business row.
fn ensure_empty(conn: &mut DbConnection) -> Result<(), DemoError> {
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
        Some(((_, what), _)) => Err(DemoError::NotEmpty(format!(
            "the database already holds {what}: demo data is loaded only into an empty \
             database, so that it is never mixed with or written over real data"
        ))),
        None => Ok(()),
    }
}

/// SQLite page cache for the load, in KiB (a negative `cache_size`). With the default
/// (2 MiB) SQLite reads pages back from the OS for nearly every row, 5x slower.
const SQLITE_LOAD_CACHE_KIB: i64 = 256 * 1024;

/// SQLite settings changed for the load, with the values to put back.
struct SqliteSettings {
    cache_size: i64,
    wal_autocheckpoint: i64,
    foreign_keys: i64,
    threads: i64,
}

fn sqlite_settings(conn: &mut DbConnection) -> Result<SqliteSettings, DemoError> {
    #[derive(QueryableByName)]
    struct Cache {
        #[diesel(sql_type = diesel::sql_types::BigInt)]
        cache_size: i64,
    }
    #[derive(QueryableByName)]
    struct Checkpoint {
        #[diesel(sql_type = diesel::sql_types::BigInt)]
        wal_autocheckpoint: i64,
    }
    #[derive(QueryableByName)]
    struct ForeignKeys {
        #[diesel(sql_type = diesel::sql_types::BigInt)]
        foreign_keys: i64,
    }
    #[derive(QueryableByName)]
    struct Threads {
        #[diesel(sql_type = diesel::sql_types::BigInt)]
        threads: i64,
    }
    let cache: Cache = diesel::sql_query("PRAGMA cache_size").get_result(conn)?;
    let checkpoint: Checkpoint = diesel::sql_query("PRAGMA wal_autocheckpoint").get_result(conn)?;
    let fk: ForeignKeys = diesel::sql_query("PRAGMA foreign_keys").get_result(conn)?;
    let threads: Threads = diesel::sql_query("PRAGMA threads").get_result(conn)?;
    Ok(SqliteSettings {
        cache_size: cache.cache_size,
        wal_autocheckpoint: checkpoint.wal_autocheckpoint,
        foreign_keys: fk.foreign_keys,
        threads: threads.threads,
    })
}

struct Loader<'a> {
    conn: &'a mut DbConnection,
    progress: &'a mut dyn FnMut(DemoProgress),
    /// Rows inserted (and, with `commit_every`, committed) so far, per table.
    rows: Rows,
    /// Commit after this many rows; `None`: the caller holds one transaction.
    commit_every: Option<u64>,
}

impl Loader<'_> {
    fn all(&mut self, world: &World) -> Result<(), DemoError> {
        let size = &world.size;
        let companies = (0..world.companies.len()).filter_map(|i| world.company_row(i));
        self.table(
            "companies",
            size.companies.into(),
            companies,
            COMPANY_CHUNK,
            insert_companies,
        )?;
        let partners = (0..u64::from(size.partners)).map(|i| world.partner_row(i));
        self.table(
            "partners",
            size.partners.into(),
            partners,
            PARTNER_CHUNK,
            insert_partners,
        )?;
        let reps = (0..u64::from(size.sales_reps)).map(|i| world.person_row(i, false).into());
        self.table(
            "sales_reps",
            size.sales_reps.into(),
            reps,
            PERSON_CHUNK,
            insert_sales_reps,
        )?;
        let engineers = (0..u64::from(size.engineers)).map(|i| world.person_row(i, true).into());
        self.table(
            "engineers",
            size.engineers.into(),
            engineers,
            PERSON_CHUNK,
            insert_engineers,
        )?;
        let products = (0..u64::from(size.product_codes)).map(|i| world.product_row(i));
        self.table(
            "product_codes",
            size.product_codes.into(),
            products,
            PRODUCT_CHUNK,
            insert_products,
        )?;
        let mut licenses = LicenseRows::new(world);
        self.table(
            "licenses",
            size.licenses,
            &mut licenses,
            LICENSE_CHUNK,
            insert_licenses,
        )?;
        let (purchases, deployments) = (licenses.purchases, licenses.deployments);
        let rows = PerLicenseRows::purchases(world);
        self.table(
            "purchases",
            purchases,
            rows,
            PURCHASE_CHUNK,
            insert_purchases,
        )?;
        let rows = PerLicenseRows::deployments(world);
        self.table(
            "deployments",
            deployments,
            rows,
            DEPLOYMENT_CHUNK,
            insert_deployments,
        )?;
        let rows = PortalUserRows::new(world);
        self.table(
            "portal_users",
            size.portal_users,
            rows,
            PORTAL_USER_CHUNK,
            insert_portal_users,
        )?;
        let rows = AppLogRows::new(world);
        self.table(
            "app_log",
            size.activity_rows,
            rows,
            APP_LOG_CHUNK,
            insert_app_log,
        )
    }

    /// Streams `rows` into a table in chunks of `chunk`, reporting progress after each
    /// chunk, and committing every `commit_every` rows when set.
    fn table<R>(
        &mut self,
        table: &'static str,
        total: u64,
        rows: impl Iterator<Item = R>,
        chunk: usize,
        insert: fn(&mut DbConnection, Vec<R>) -> QueryResult<()>,
    ) -> Result<(), DemoError> {
        let mut rows = rows.peekable();
        // Shared by the chunk loop (progress) and the bookkeeping after each commit.
        let done = std::cell::Cell::new(0_u64);
        self.rows.push((table, 0));
        let progress = &mut *self.progress;
        let per_transaction = self.commit_every.unwrap_or(u64::MAX);
        // Inserts up to `per_transaction` rows; true when the rows are used up.
        let mut some = |conn: &mut DbConnection| -> Result<bool, DemoError> {
            let mut in_tx = 0_u64;
            while in_tx < per_transaction {
                let batch: Vec<R> = rows.by_ref().take(chunk).collect();
                if batch.is_empty() {
                    return Ok(true);
                }
                let n = batch.len() as u64;
                insert(conn, batch)?;
                in_tx += n;
                done.set(done.get() + n);
                progress(DemoProgress {
                    table,
                    done: done.get(),
                    total,
                });
            }
            Ok(rows.peek().is_none())
        };
        loop {
            let finished = if self.commit_every.is_some() {
                self.conn.transaction(&mut some)?
            } else {
                some(self.conn)?
            };
            if let Some(last) = self.rows.last_mut() {
                last.1 = done.get();
            }
            if finished {
                break;
            }
        }
        let done = done.get();
        if done == total {
            Ok(())
        } else {
            Err(DemoError::Internal(format!(
                "demo data: generated {done} {table} rows, expected {total}"
            )))
        }
    }
}
