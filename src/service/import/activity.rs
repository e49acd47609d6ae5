//! Importing activity-log rows in batches: a million rows are read, checked and written
//! a thousand at a time with one INSERT each, inside the import's one transaction. A row
//! is keyed by (company, user, time, action): one already logged, or twice in the file,
//! is unchanged, so a file imports once however often it is run. The log is telemetry,
//! not a record an operator edits, so one audit row names the file and how many rows it
//! added, rather than one per row.
//!
//! The import adds what it counted to the log's read models itself, once at the end:
//! two upserts per row were most of the insert's cost. On SQLite, where DDL is part of
//! the transaction, the read-model triggers are dropped for the import and created again
//! before it commits; a rollback (dry run, error, `kill -9`) brings them back with
//! everything else, and no other writer can reach the log while the import holds the
//! write lock. On MySQL, where `DROP TRIGGER` commits, the triggers stay and skip the
//! import's own INSERTs (`db::bulk`).

use std::collections::{HashMap, HashSet};

use chrono::NaiveDateTime;
use diesel::prelude::*;

use super::{Context, Decided, Outcome, Pending, RowFailure};
use crate::db::activity_summary::{self, Added, Trigger};
use crate::db::models::NewAppLogEntry;
use crate::db::schema::{app_log, portal_users};
use crate::db::{BackendKind, DbConnection, bulk};
use crate::domain::text::check_line;
use crate::import::fields::Ref;
use crate::import::values::{CellError, Row, Slot, Val};
use crate::service::audit;

/// How many rows one INSERT carries.
pub(super) const BATCH: usize = 1_000;

/// What a row of the log is matched on: user, time, action.
type Key = (i64, NaiveDateTime, String);

/// The log rows of an import so far.
#[derive(Default)]
pub(super) struct Log {
    /// Portal users by (company, external id).
    users: HashMap<(i64, String), i64>,
    /// The keys of this file's rows, to find repeats.
    seen: HashSet<Key>,
    pub added: u64,
    /// The read-model triggers dropped for the import (SQLite).
    dropped: Vec<Trigger>,
    /// What the import added, for the read models.
    kept: Added,
}

/// Before the first row: drops the read-model triggers where DDL is transactional.
pub(super) fn begin(conn: &mut DbConnection, log: &mut Log) -> QueryResult<()> {
    if conn.kind() == BackendKind::Sqlite {
        log.dropped = activity_summary::suspend(conn)?;
    }
    Ok(())
}

fn text<'r>(row: &'r Row, ctx: &Context<'_>, name: &str) -> &'r str {
    match row.slot(ctx.mapping, name) {
        Slot::Given(Val::Text(t) | Val::Ref(t)) => t,
        _ => "",
    }
}

/// Decides a batch and writes its new rows in one INSERT. Returns each row's outcome.
pub(super) fn flush(
    conn: &mut DbConnection,
    ctx: &mut Context<'_>,
    log: &mut Log,
    batch: Vec<Pending>,
) -> Result<Vec<Decided>, RowFailure> {
    let mut decided = Vec::with_capacity(batch.len());
    let mut fresh: Vec<(usize, NewAppLogEntry)> = Vec::new();
    for p in batch {
        match entry(conn, ctx, log, &p.row) {
            Ok(e) => {
                fresh.push((decided.len(), e));
                decided.push((p.line, p.cells, Outcome::New));
            }
            Err(RowFailure::Refused(errors)) => {
                decided.push((p.line, p.cells, Outcome::Error(errors)));
            }
            Err(failed) => return Err(failed),
        }
    }
    let logged = already_logged(conn, &fresh)?;
    let mut rows = Vec::with_capacity(fresh.len());
    for (i, e) in fresh {
        let key = (e.user_id, e.ts, e.action.clone());
        if logged.contains(&key) || !log.seen.insert(key) {
            decided[i].2 = Outcome::Unchanged;
        } else {
            rows.push(e);
        }
    }
    if !rows.is_empty() {
        // Bound parameters on both backends: this is the file's text, never trusted.
        // The triggers are dropped (SQLite) or skip these rows (MySQL): `finish` adds them.
        bulk::keeping_read_models(conn, |conn| {
            crate::with_backend!(conn, |c| {
                diesel::insert_into(app_log::table)
                    .values(&rows[..])
                    .execute(c)
            })
        })?;
        log.added += rows.len() as u64;
        for r in &rows {
            log.kept.add(r);
        }
    }
    Ok(decided)
}

/// After the last row: the read models brought up to date and their triggers back, and
/// the audit row of the whole import, when it added rows.
pub(super) fn finish(conn: &mut DbConnection, ctx: &Context<'_>, log: &Log) -> QueryResult<()> {
    log.kept.apply(conn)?;
    activity_summary::resume(conn, &log.dropped)?;
    if log.added == 0 {
        return Ok(());
    }
    audit::record(
        conn,
        Some(ctx.actor.operator_id),
        "app_log",
        0,
        ctx.action,
        &[("rows", None, Some(log.added.to_string()))],
    )
}

/// The log row `row` describes, its company and user found.
fn entry(
    conn: &mut DbConnection,
    ctx: &mut Context<'_>,
    log: &mut Log,
    row: &Row,
) -> Result<NewAppLogEntry, RowFailure> {
    let m = ctx.mapping;
    let company_name = text(row, ctx, "company");
    let mut resolver = std::mem::take(&mut ctx.resolver);
    let company = resolver.find(conn, ctx, "company", Ref::Company, company_name);
    ctx.resolver = resolver;
    let company = company?.id;
    let external = text(row, ctx, "user").to_owned();
    let user = if let Some(id) = log.users.get(&(company, external.clone())) {
        *id
    } else {
        let id: i64 = portal_users::table
            .filter(portal_users::company_id.eq(company))
            .filter(portal_users::external_user_id.eq(&external))
            .select(portal_users::id)
            .first(conn)
            .optional()?
            .ok_or_else(|| {
                RowFailure::field(
                    m,
                    "user",
                    &external,
                    format!(
                        "{company_name} has no portal user {external:?}: import the portal \
                             users first"
                    ),
                )
            })?;
        log.users.insert((company, external), id);
        id
    };
    let Slot::Given(Val::Time(ts)) = row.slot(m, "ts") else {
        return Err(RowFailure::field(m, "ts", "", "the time is required"));
    };
    let mut errors: Vec<CellError> = Vec::new();
    let mut line = |name: &str, max: usize, required: bool| {
        let value = text(row, ctx, name);
        check_line(name, value, max, required).unwrap_or_else(|e| {
            errors.push(super::cell_error(m, name, value, e.to_string()));
            String::new()
        })
    };
    let action = line("action", 64, true);
    let status = line("status", 16, false);
    let detail = {
        let value = text(row, ctx, "detail");
        crate::domain::text::check_multiline("detail", value, 2_000).unwrap_or_else(|e| {
            errors.push(super::cell_error(m, "detail", value, e.to_string()));
            String::new()
        })
    };
    if !errors.is_empty() {
        return Err(RowFailure::Refused(errors));
    }
    Ok(NewAppLogEntry {
        user_id: user,
        company_id: company,
        ts: *ts,
        action,
        status,
        detail,
    })
}

/// The keys among `fresh` that the log already holds: one query per batch, through the
/// (user, time) index.
fn already_logged(
    conn: &mut DbConnection,
    fresh: &[(usize, NewAppLogEntry)],
) -> QueryResult<HashSet<Key>> {
    let (Some(from), Some(to)) = (
        fresh.iter().map(|(_, e)| e.ts).min(),
        fresh.iter().map(|(_, e)| e.ts).max(),
    ) else {
        return Ok(HashSet::new());
    };
    let users: HashSet<i64> = fresh.iter().map(|(_, e)| e.user_id).collect();
    let rows: Vec<Key> = app_log::table
        .filter(app_log::user_id.eq_any(users))
        .filter(app_log::ts.between(from, to))
        .select((app_log::user_id, app_log::ts, app_log::action))
        .load(conn)?;
    Ok(rows.into_iter().collect())
}
