//! Export any list (and the utilization report) as CSV or JSON: every row the list's
//! filter matches, in its order, streamed a page at a time so memory stays flat.
//! Gated by `ExportData` and the list's own permission (the audit log needs `ViewAudit`).

use std::io::Write;
use std::path::Path;

use chrono::NaiveDate;
use diesel::Connection;

use super::browse::{self, Entity};
use super::{ServiceError, authorize};
use crate::auth::Actor;
use crate::db::DbConnection;
use crate::db::queries::export::names::Names;
use crate::db::queries::export::{activity, licenses, parties};
use crate::db::queries::license_list;
use crate::db::queries::list::{ListQuery, Sort};
use crate::db::queries::page::{Cursor, PageRequest, Value};
use crate::domain::filter::Filter;
use crate::domain::{DomainError, Permission};
use crate::export::cells;
use crate::export::file::AtomicFile;
use crate::export::{Options, Writer};
use crate::import::fields::Target;
use crate::report::output_safety::Destination;

/// Rows per keyset page and per record query: MariaDB plans `IN` lists of about 500 ids
/// as primary-key lookups, longer ones as a derived table it may scan.
pub const PAGE_ROWS: usize = 500;

/// Rows per page of a list read with its records by range ([`walk_licenses`]): no `IN`
/// list, so pages can be larger and round trips fewer.
pub const SCAN_ROWS: usize = 1000;

/// What to export: a list under its filter and order, or the utilization report.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Subject {
    List { entity: Entity, query: ListQuery },
    Utilization(super::export_utilization::Plan),
}

/// The names `lms export` takes: every list, and `utilization`.
#[must_use]
pub fn subject_names() -> Vec<&'static str> {
    let mut names: Vec<&'static str> = Entity::ALL.iter().map(|e| e.name()).collect();
    names.push(super::export_utilization::NAME);
    names
}

impl Subject {
    /// The export `name` (`licenses`, `sales-reps`, `utilization` ...) filtered by
    /// `filter` (the list's `/` language; the dashboard's `key=value` words for
    /// utilization), sorted by the column named `sort` (case-insensitive; the list's own
    /// order when `None`), descending with `desc`. `today` is what `expiring:` counts from
    /// and the utilization report's reference date.
    ///
    /// # Errors
    /// An unknown name, a bad filter or an unknown sort column, each named.
    pub fn parse(
        name: &str,
        filter: &str,
        sort: Option<&str>,
        desc: bool,
        today: NaiveDate,
    ) -> Result<Subject, DomainError> {
        if name == super::export_utilization::NAME {
            return super::export_utilization::Plan::parse(filter, sort, desc, today)
                .map(Subject::Utilization);
        }
        let entity = Entity::parse(name).ok_or_else(|| {
            DomainError::Invalid(format!(
                "nothing to export called {name:?}; choose one of {}",
                subject_names().join(", ")
            ))
        })?;
        let qualifiers = entity.qualifiers().unwrap_or_default();
        let filter = Filter::parse(filter, qualifiers)
            .map_err(|e| DomainError::Invalid(format!("--filter: {e}")))?;
        let mut query = entity.default_query();
        if let Some(column) = sort {
            query.sort = Sort {
                column: entity.sort_column(column)?,
                descending: desc,
            };
        } else if desc {
            query.sort.descending = true;
        }
        query.filter = filter;
        query.today = Some(today);
        Ok(Subject::List { entity, query })
    }

    /// A short name for file names and messages.
    #[must_use]
    pub fn name(&self) -> &'static str {
        match self {
            Subject::List { entity, .. } => entity.name(),
            Subject::Utilization(_) => super::export_utilization::NAME,
        }
    }
}

/// Writes every row of `subject` to `out` as `options` says, text made safe for `dest`;
/// `progress` hears the number of rows written after each page. Gives `out` back with
/// the number of rows, once the file is complete.
///
/// # Errors
/// Forbidden without `ExportData` or the list's permission; a bad utilization filter;
/// database errors; a failed write.
pub fn export<W: Write>(
    conn: &mut DbConnection,
    actor: &Actor,
    subject: &Subject,
    options: Options,
    dest: Destination,
    out: W,
    progress: &mut dyn FnMut(u64),
) -> Result<(W, u64), ServiceError> {
    authorize(actor, Permission::ExportData)?;
    options.check()?;
    match subject {
        Subject::List { entity, query } => {
            authorize(actor, entity.permission())?;
            if *entity == Entity::Operators {
                return Err(not_exported());
            }
            let mut writer = Writer::new(options, dest, out, columns(*entity))?;
            // One read transaction: every page sees the same data, even while others write.
            conn.transaction(|conn| walk(conn, *entity, query, &mut writer, progress))?;
            let rows = writer.rows();
            Ok((writer.finish()?, rows))
        }
        Subject::Utilization(plan) => {
            super::export_utilization::export(conn, actor, plan, options, dest, out, progress)
        }
    }
}

/// [`export`] to the file `path`, which appears whole once every row is written, or not
/// at all (an error leaves any file already there as it was). Gives the number of rows.
///
/// # Errors
/// As [`export`]; a path that cannot be written, named.
pub fn to_file(
    conn: &mut DbConnection,
    actor: &Actor,
    subject: &Subject,
    options: Options,
    path: &Path,
    progress: &mut dyn FnMut(u64),
) -> Result<u64, ServiceError> {
    let file = AtomicFile::create(path).map_err(ServiceError::Internal)?;
    let (file, rows) = export(
        conn,
        actor,
        subject,
        options,
        Destination::Stream,
        file,
        progress,
    )?;
    file.commit().map_err(ServiceError::Internal)?;
    Ok(rows)
}

/// Every page of the list, each page's records loaded in one query and written.
fn walk<W: Write>(
    conn: &mut DbConnection,
    entity: Entity,
    query: &ListQuery,
    writer: &mut Writer<W>,
    progress: &mut dyn FnMut(u64),
) -> Result<(), ServiceError> {
    if entity == Entity::Licenses {
        return walk_licenses(conn, query, writer, progress);
    }
    let mut req = PageRequest::First;
    loop {
        let page = browse::unchecked_page(conn, entity, query, &req, PAGE_ROWS)?;
        let ids: Vec<i64> = page.rows.iter().map(|r| r.id).collect();
        for record in records(conn, entity, &ids)? {
            writer.row(&record)?;
        }
        progress(writer.rows());
        match page.rows.last() {
            Some(last) if page.has_after => req = PageRequest::After(last.cursor()),
            _ => return Ok(()),
        }
    }
}

/// The license list (the one that grows to millions): each page read with its records in
/// one keyset range scan, their references' names from a cache ([`Names`]).
fn walk_licenses<W: Write>(
    conn: &mut DbConnection,
    query: &ListQuery,
    writer: &mut Writer<W>,
    progress: &mut dyn FnMut(u64),
) -> Result<(), ServiceError> {
    let mut names = Names::default();
    let mut req = PageRequest::First;
    loop {
        let mut rows = license_list::export_scan(conn, query, &req, SCAN_ROWS)?;
        let more = rows.len() > SCAN_ROWS;
        rows.truncate(SCAN_ROWS);
        names.fill(conn, &rows)?;
        for (_, _, record) in &rows {
            writer.row_cells(&cells::license(record, &names))?;
        }
        progress(writer.rows());
        match rows.last() {
            Some((id, key, _)) if more => {
                req = PageRequest::After(Cursor {
                    key: key.clone(),
                    id: *id,
                });
            }
            _ => return Ok(()),
        }
    }
}

/// The file's columns for `entity`: the importer's field names for what it imports.
#[must_use]
pub fn columns(entity: Entity) -> Vec<String> {
    let fixed = match entity {
        Entity::Deployments => licenses::DEPLOYMENT_COLUMNS,
        Entity::Audit => activity::AUDIT_COLUMNS,
        _ => {
            return target(entity)
                .map(|t| t.exported().map(|f| f.name.to_owned()).collect())
                .unwrap_or_default();
        }
    };
    fixed.iter().map(|c| (*c).to_owned()).collect()
}

/// The importable entity a list holds.
#[must_use]
pub fn target(entity: Entity) -> Option<Target> {
    Some(match entity {
        Entity::Licenses => Target::Licenses,
        Entity::Companies => Target::Companies,
        Entity::Partners => Target::Partners,
        Entity::SalesReps => Target::SalesReps,
        Entity::Engineers => Target::Engineers,
        Entity::ProductCodes => Target::ProductCodes,
        Entity::Purchases => Target::Purchases,
        Entity::PortalUsers => Target::PortalUsers,
        Entity::Activity => Target::Activity,
        Entity::Deployments | Entity::Audit | Entity::Operators => return None,
    })
}

/// The export records of `ids`, in their order.
fn records(
    conn: &mut DbConnection,
    entity: Entity,
    ids: &[i64],
) -> Result<Vec<Vec<Value>>, ServiceError> {
    if ids.is_empty() {
        return Ok(Vec::new());
    }
    Ok(match entity {
        Entity::Purchases => licenses::purchases(conn, ids),
        Entity::Deployments => licenses::deployments(conn, ids),
        Entity::Companies => parties::companies(conn, ids),
        Entity::Partners => parties::partners(conn, ids),
        Entity::SalesReps => parties::sales_reps(conn, ids),
        Entity::Engineers => parties::engineers(conn, ids),
        Entity::ProductCodes => parties::product_codes(conn, ids),
        Entity::PortalUsers => activity::portal_users(conn, ids),
        Entity::Activity => activity::app_log(conn, ids),
        Entity::Audit => activity::audit(conn, ids),
        // Read with their records by `walk_licenses`.
        Entity::Licenses => {
            return Err(ServiceError::Internal(
                "licenses are exported by range".to_owned(),
            ));
        }
        Entity::Operators => return Err(not_exported()),
    }?)
}

/// The operator accounts are administration, not data: not exported.
fn not_exported() -> ServiceError {
    ServiceError::Invalid(DomainError::Invalid(
        "operator accounts are not exported".to_owned(),
    ))
}
