//! Licenses a chunk at a time. The chunk's stored licenses are read in one query, each
//! row is decided without a write, and the chunk's new licenses and their audit rows are
//! written with one INSERT each. No savepoint is needed: every check comes before the
//! write, and the write of checked rows cannot be refused.
//!
//! A row the chunk cannot decide alone goes through the per-row path in its own
//! savepoint, after what the chunk decided before it is written, so the file's order
//! holds: an update, a key seen earlier in the file, a row that carries a purchase, and
//! every row under `--create-missing`.
//!
//! A dry run writes no new license at all: it holds them, and writes one only when a
//! later row of the file names its key, the one way a row's decision depends on another
//! row's license. Its decisions are therefore the real run's.

use std::collections::HashMap;

use diesel::prelude::*;

use super::licenses::{self, Decision, Fresh};
use super::{Context, Decided, ImportError, Outcome, Pending, RowFailure, key_of, one_row};
use crate::db::models::{License, NewLicense};
use crate::db::schema::licenses as table;
use crate::db::{DbConnection, bulk};
use crate::service::audit::{self, Author};

/// Rows per chunk: 500 licenses of 12 columns stay well under both backends' limits on
/// bound parameters (SQLite 32,766, MySQL 65,535).
pub(super) const BATCH: usize = 500;

/// Decides a chunk of license rows and writes them. Returns each row's outcome.
pub(super) fn flush(
    conn: &mut DbConnection,
    ctx: &mut Context<'_>,
    batch: Vec<Pending>,
) -> Result<Vec<Decided>, ImportError> {
    let stored = stored(conn, ctx, &batch)?;
    let mut decided = Vec::with_capacity(batch.len());
    let mut fresh: Vec<Fresh> = Vec::new();
    for p in batch {
        let key = key_of(ctx.mapping, &p.row);
        // The query compared keys as the database does (SQLite with their case, MySQL
        // without), so what it found is the row's license; among keys that differ only
        // in case (SQLite) the exact one.
        let found = licenses::license_key(ctx, &p.row).ok().and_then(|k| {
            let same = stored.get(&k.to_lowercase())?;
            same.iter().find(|l| l.license_key == k).or(same.first())
        });
        let decision = if ctx.seen.contains_key(&key) {
            Ok(Decision::PerRow)
        } else {
            licenses::decide(conn, ctx, &p.row, found)
        };
        let outcome = match decision {
            Ok(Decision::PerRow) => {
                write(conn, ctx, std::mem::take(&mut fresh))?;
                if let Some(held) = licenses::license_key(ctx, &p.row)
                    .ok()
                    .and_then(|k| ctx.held.remove(&k.to_lowercase()))
                {
                    write_rows(conn, ctx, &[held])?;
                }
                decided.push((p.line, p.cells, one_row(conn, ctx, &p.row)?));
                continue;
            }
            Ok(Decision::Fresh(f)) if ctx.options.dry_run => {
                ctx.held.insert(f.new.license_key.to_lowercase(), f.new);
                Outcome::New
            }
            Ok(Decision::Fresh(f)) => {
                fresh.push(f);
                Outcome::New
            }
            Ok(Decision::Unchanged) => Outcome::Unchanged,
            Err(RowFailure::Refused(errors)) => Outcome::Error(errors),
            Err(RowFailure::Failed(e)) => return Err(e),
        };
        ctx.seen.entry(key).or_insert(p.line);
        decided.push((p.line, p.cells, outcome));
    }
    write(conn, ctx, fresh)?;
    Ok(decided)
}

/// The stored licenses the chunk's keys name, by key in lower case: one query.
fn stored(
    conn: &mut DbConnection,
    ctx: &Context<'_>,
    batch: &[Pending],
) -> QueryResult<HashMap<String, Vec<License>>> {
    let keys: Vec<&str> = batch
        .iter()
        .filter_map(|p| licenses::license_key(ctx, &p.row).ok())
        .collect();
    let rows: Vec<License> = table::table
        .filter(table::license_key.eq_any(&keys))
        .select(License::as_select())
        .load(conn)?;
    let mut by_key: HashMap<String, Vec<License>> = HashMap::with_capacity(rows.len());
    for row in rows {
        by_key
            .entry(row.license_key.to_lowercase())
            .or_default()
            .push(row);
    }
    Ok(by_key)
}

/// Inserts licenses with their sort keys in one statement, keeping their counts where
/// the triggers leave them to the writer.
fn write_rows(
    conn: &mut DbConnection,
    ctx: &mut Context<'_>,
    rows: &[NewLicense],
) -> QueryResult<()> {
    let keyed = ctx.sort_keys.keyed(conn, rows)?;
    let (_, kept) = bulk::keeping_read_models(conn, |conn| {
        crate::with_backend!(conn, |c| {
            diesel::insert_into(table::table).values(&keyed).execute(c)
        })
    })?;
    if kept {
        bulk::add_license_counts(conn, rows)?;
        bulk::add_partner_months(conn, rows)?;
    }
    Ok(())
}

/// Writes new licenses with one INSERT, then their audit rows with another.
fn write(conn: &mut DbConnection, ctx: &mut Context<'_>, fresh: Vec<Fresh>) -> QueryResult<()> {
    if fresh.is_empty() {
        return Ok(());
    }
    let (rows, changes): (Vec<_>, Vec<_>) = fresh.into_iter().map(|f| (f.new, f.audit)).unzip();
    write_rows(conn, ctx, &rows)?;
    // The ids by key: nothing may assume that a batch's ids are consecutive (Galera
    // steps them by the node count).
    let keys: Vec<&str> = rows.iter().map(|r| r.license_key.as_str()).collect();
    let ids: HashMap<String, i64> = table::table
        .filter(table::license_key.eq_any(&keys))
        .select((table::license_key, table::id))
        .load::<(String, i64)>(conn)?
        .into_iter()
        .collect();
    let by = Author::from(ctx.actor);
    let entries = rows
        .iter()
        .zip(&changes)
        .map(|(row, changes)| {
            let id = *ids
                .get(&row.license_key)
                .ok_or(diesel::result::Error::NotFound)?;
            Ok(audit::entry(
                by.operator_id(id),
                "license",
                id,
                ctx.action,
                changes,
            ))
        })
        .collect::<QueryResult<Vec<_>>>()?;
    audit::record_all(conn, &entries)
}
