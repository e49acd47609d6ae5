//! Importing exchange rates, keyed by (reporting currency, currency, rate date). A row
//! for a stored key with another rate updates it (the audit row keeps both); the same rate
//! is unchanged. A currency equal to its reporting currency is refused: it converts at 1.

use chrono::NaiveDate;
use diesel::prelude::*;

use super::{Change, Context, Outcome, RowFailure};
use crate::db::models::{NewExchangeRate, NewRow as _};
use crate::db::schema::exchange_rates;
use crate::db::{DbConnection, now};
use crate::domain::{Currency, Rate};
use crate::import::values::{Row, Slot, Val};
use crate::service::audit;

/// The entity name of the audit rows.
const ENTITY: &str = "exchange_rate";

pub(super) fn import(
    conn: &mut DbConnection,
    ctx: &Context<'_>,
    row: &Row,
) -> Result<Outcome, RowFailure> {
    let m = ctx.mapping;
    let missing = |name: &str| RowFailure::field(m, name, "", format!("{name} is required"));
    let currency = |name: &str| match row.slot(m, name) {
        Slot::Given(Val::Currency(c)) => Ok(*c),
        _ => Err(missing(name)),
    };
    let Slot::Given(Val::Date(date)) = row.slot(m, "rate_date") else {
        return Err(missing("rate_date"));
    };
    let (from, to) = (currency("currency")?, currency("reporting_currency")?);
    let Slot::Given(Val::Rate(rate)) = row.slot(m, "rate") else {
        return Err(missing("rate"));
    };
    if from == to {
        return Err(RowFailure::field(
            m,
            "currency",
            from.code(),
            format!("{from} is the reporting currency itself: it always converts at 1"),
        ));
    }
    upsert(conn, ctx, (to, from, *date), *rate)
}

fn upsert(
    conn: &mut DbConnection,
    ctx: &Context<'_>,
    (to, from, date): (Currency, Currency, NaiveDate),
    rate: Rate,
) -> Result<Outcome, RowFailure> {
    let stored: Option<(i64, i64)> = exchange_rates::table
        .filter(exchange_rates::reporting_currency.eq(to.code()))
        .filter(exchange_rates::currency.eq(from.code()))
        .filter(exchange_rates::rate_date.eq(date))
        .select((exchange_rates::id, exchange_rates::rate_e10))
        .first(conn)
        .optional()?;
    let operator = Some(ctx.actor.operator_id);
    match stored {
        Some((_, e10)) if e10 == rate.scaled() => Ok(Outcome::Unchanged),
        Some((id, e10)) => {
            diesel::update(exchange_rates::table.find(id))
                .set((
                    exchange_rates::rate_e10.eq(rate.scaled()),
                    exchange_rates::updated_at.eq(now()),
                ))
                .execute(conn)?;
            let before = Rate::from_scaled(e10).map_or_else(|e| e, |r| r.to_string());
            let changes = [("rate", Some(before), Some(rate.to_string()))];
            audit::record(conn, operator, ENTITY, id, ctx.action, &changes)?;
            Ok(Outcome::Update(Change::from_audit(changes.to_vec())))
        }
        None => {
            let at = now();
            let id = NewExchangeRate {
                reporting_currency: to.code().to_owned(),
                currency: from.code().to_owned(),
                rate_date: date,
                rate_e10: rate.scaled(),
                created_at: at,
                updated_at: at,
            }
            .insert(conn)?;
            let changes = audit::created([
                ("reporting_currency", Some(to.code().to_owned())),
                ("currency", Some(from.code().to_owned())),
                ("rate_date", Some(date.to_string())),
                ("rate", Some(rate.to_string())),
            ]);
            audit::record(conn, operator, ENTITY, id, ctx.action, &changes)?;
            Ok(Outcome::New)
        }
    }
}
