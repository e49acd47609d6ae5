//! Importing purchases, keyed by (license key, order number, kind, date). A new purchase
//! goes through the purchase service, so it renews, expands or activates its license and
//! keeps `company_money` in step exactly as the purchase form does. A purchase is a
//! record of money: a row that matches a stored purchase by key but differs in an amount
//! is refused, never rewritten.

use chrono::NaiveDate;
use diesel::prelude::*;

use super::{Context, Outcome, RowFailure};
use crate::db::DbConnection;
use crate::db::models::Purchase;
use crate::db::schema::{licenses, purchases};
use crate::domain::PurchaseKind;
use crate::domain::money::{Currency, Money};
use crate::domain::purchase_input::PurchaseInput;
use crate::import::fields::Ref;
use crate::import::values::{Row, Slot, Val};

/// The purchase a row describes, references found.
pub(super) struct Wanted {
    pub kind: PurchaseKind,
    pub date: NaiveDate,
    pub order: String,
    pub seats_added: Option<i64>,
    pub cost: Option<Money>,
    pub revenue: Money,
    pub rep: Option<i64>,
    pub partner: Option<i64>,
    pub term_end: Option<NaiveDate>,
}

pub(super) fn import(
    conn: &mut DbConnection,
    ctx: &mut Context<'_>,
    row: &Row,
) -> Result<Outcome, RowFailure> {
    let m = ctx.mapping;
    let text = |name: &str| match row.slot(m, name) {
        Slot::Given(Val::Text(t) | Val::Ref(t)) => Ok(t.clone()),
        _ => Err(RowFailure::field(
            m,
            name,
            "",
            format!("{name} is empty: it identifies the row"),
        )),
    };
    let key = text("license_key")?;
    let license = find(conn, ctx, "license_key", Ref::License, &key)?;
    let wanted = wanted(conn, ctx, row)?;
    let given = |name: &str| !matches!(row.slot(m, name), Slot::Absent);
    upsert(conn, ctx, license, wanted, &given)
}

/// Records `wanted` against `license` unless it is there; `given` says which fields the
/// file gives (the others are not compared).
pub(super) fn upsert(
    conn: &mut DbConnection,
    ctx: &Context<'_>,
    license: i64,
    wanted: Wanted,
    given: &dyn Fn(&str) -> bool,
) -> Result<Outcome, RowFailure> {
    let m = ctx.mapping;
    let stored: Option<Purchase> = purchases::table
        .filter(purchases::license_id.eq(license))
        .filter(purchases::order_number.eq(&wanted.order))
        .filter(purchases::kind.eq(wanted.kind.as_str()))
        .filter(purchases::purchase_date.eq(wanted.date))
        .select(Purchase::as_select())
        .first(conn)
        .optional()?;
    if let Some(p) = stored {
        return compare(&p, &wanted, given);
    }
    let currency = wanted.revenue.currency;
    let input = PurchaseInput {
        license_id: license,
        kind: wanted.kind,
        purchase_date: wanted.date,
        seats_added: u32::try_from(wanted.seats_added.unwrap_or(0)).map_err(|_| {
            RowFailure::field(m, "seats_added", "", "seats added must not be negative")
        })?,
        cost: wanted.cost.unwrap_or(Money::new(0, currency)),
        revenue: wanted.revenue,
        order_number: wanted.order,
        sales_rep_id: wanted.rep,
        partner_id: wanted.partner,
        new_end_date: if wanted.kind == PurchaseKind::Renewal {
            wanted.term_end
        } else {
            None
        },
    };
    let version: i32 = licenses::table
        .find(license)
        .select(licenses::version)
        .first(conn)?;
    crate::service::purchases::record_as(conn, ctx.actor, Some(ctx.action), version, &input)
        .map_err(|e| RowFailure::service(m, e))?;
    Ok(Outcome::New)
}

fn find(
    conn: &mut DbConnection,
    ctx: &mut Context<'_>,
    field: &str,
    r: Ref,
    text: &str,
) -> Result<i64, RowFailure> {
    let mut resolver = std::mem::take(&mut ctx.resolver);
    let found = resolver.find(conn, ctx, field, r, text);
    ctx.resolver = resolver;
    Ok(found?.id)
}

fn wanted(conn: &mut DbConnection, ctx: &mut Context<'_>, row: &Row) -> Result<Wanted, RowFailure> {
    let m = ctx.mapping;
    let kind_text = match row.slot(m, "kind") {
        Slot::Given(Val::Text(t)) => t.trim().to_lowercase(),
        _ => String::new(),
    };
    let kind: PurchaseKind = kind_text.parse().map_err(|e: crate::domain::DomainError| {
        RowFailure::field(m, "kind", &kind_text, e.to_string())
    })?;
    let Slot::Given(Val::Date(date)) = row.slot(m, "purchase_date") else {
        return Err(RowFailure::field(
            m,
            "purchase_date",
            "",
            "purchase_date is required",
        ));
    };
    let order = match row.slot(m, "order_number") {
        Slot::Given(Val::Text(t)) => t.clone(),
        _ => String::new(),
    };
    let money = |name: &str| match row.slot(m, name) {
        Slot::Given(Val::Money(v)) => Some(*v),
        _ => None,
    };
    let Some(revenue) = money("revenue") else {
        return Err(RowFailure::field(m, "revenue", "", "revenue is required"));
    };
    let mut reference = |name: &str, r: Ref| match row.slot(m, name) {
        Slot::Given(Val::Ref(t)) => find(conn, ctx, name, r, t).map(Some),
        _ => Ok(None),
    };
    let rep = reference("sales_rep", Ref::SalesRep)?;
    let partner = reference("partner", Ref::Partner)?;
    Ok(Wanted {
        kind,
        date: *date,
        order,
        seats_added: match row.slot(m, "seats_added") {
            Slot::Given(Val::Count(n)) => Some(*n),
            _ => None,
        },
        cost: money("cost"),
        revenue,
        rep,
        partner,
        term_end: match row.slot(m, "term_end") {
            Slot::Given(Val::Date(d)) => Some(*d),
            _ => None,
        },
    })
}

/// A row that names a stored purchase: unchanged when every field it gives agrees.
fn compare(p: &Purchase, w: &Wanted, given: &dyn Fn(&str) -> bool) -> Result<Outcome, RowFailure> {
    let currency: Option<Currency> = p.currency.parse().ok();
    let stored_money = |minor: i64| currency.map(|c| Money::new(minor, c));
    let mut differ = Vec::new();
    let mut check = |name: &str, same: bool| {
        if !same && given(name) {
            differ.push(name.to_owned());
        }
    };
    check("revenue", stored_money(p.revenue_minor) == Some(w.revenue));
    check(
        "cost",
        w.cost
            .map_or(p.cost_minor == 0, |c| stored_money(p.cost_minor) == Some(c)),
    );
    check(
        "seats_added",
        i64::from(p.seats_added) == w.seats_added.unwrap_or(0),
    );
    check("sales_rep", p.sales_rep_id == w.rep);
    check("partner", p.partner_id == w.partner);
    // The term end is kept for every purchase but only a renewal's is the file's to say.
    if w.kind == PurchaseKind::Renewal {
        check("term_end", p.term_end == w.term_end);
    }
    if differ.is_empty() {
        Ok(Outcome::Unchanged)
    } else {
        Err(RowFailure::row(format!(
            "a purchase with this license, order number, kind and date is recorded with \
             another {}: a purchase is never changed by an import",
            differ.join(", ")
        )))
    }
}
