//! Importing licenses by their key: a new key is created with the status the file gives
//! (or, without one, active until its end date and expired after), a known key is
//! updated field by field with the rules of the license form and of the lifecycle.

use chrono::NaiveDate;
use diesel::prelude::*;

use super::{Change, Context, Outcome, RowFailure, purchases};
use crate::db::models::{License, LicenseChanges, NewLicense};
use crate::db::schema::licenses;
use crate::db::{DbConnection, money_summary, now};
use crate::domain::license_input::LicenseInput;
use crate::domain::money::Money;
use crate::domain::{LicenseStatus, PurchaseKind, Seats};
use crate::import::fields::{Field, Kind as FieldKind};
use crate::import::values::{Row, Slot, Val};
use crate::service::audit;
use crate::service::audit::FieldChange;
use crate::service::licenses::{RefNames, audit_fields, check_refs, input_of};
use crate::service::write::{self, Change as WriteChange};

/// A license as the file leaves it.
struct Wanted {
    input: LicenseInput,
    status: Option<LicenseStatus>,
    /// The references' names, for a new license's audit row (an update reads them from
    /// the ids it ends up with).
    names: RefNames,
}

/// A new license decided without a write: its row and its audit row's changes.
pub(super) struct Fresh {
    pub new: NewLicense,
    pub audit: Vec<FieldChange<'static>>,
}

/// What the chunked path makes of a row, deciding without a write.
pub(super) enum Decision {
    Fresh(Fresh),
    Unchanged,
    /// An update, or a row that carries a purchase or may create a reference: the
    /// per-row path, in its own savepoint.
    PerRow,
}

/// Decides `row` against its `stored` license (if any) without writing. A refusal is
/// the row's and leaves nothing behind.
pub(super) fn decide(
    conn: &mut DbConnection,
    ctx: &mut Context<'_>,
    row: &Row,
    stored: Option<&License>,
) -> Result<Decision, RowFailure> {
    let given = |name: &str| matches!(row.slot(ctx.mapping, name), Slot::Given(_));
    // A created reference is a write; a carried purchase depends on the license's writes.
    if ctx.options.create_missing || ["order_number", "cost", "revenue"].into_iter().any(given) {
        return Ok(Decision::PerRow);
    }
    let key = license_key(ctx, row)?;
    let wanted = wanted(conn, ctx, row, stored)?;
    let input = wanted
        .input
        .validate()
        .map_err(|e| RowFailure::service(ctx.mapping, e.into()))?;
    let Some(stored) = stored else {
        return Ok(Decision::Fresh(fresh(
            key,
            &input,
            wanted.status,
            &wanted.names,
        )));
    };
    let before = input_of(stored).map_err(|e| RowFailure::service(ctx.mapping, e))?;
    let unchanged = before == input
        && wanted
            .status
            .is_none_or(|s| s.as_str() == stored.status.as_str());
    Ok(if unchanged {
        Decision::Unchanged
    } else {
        Decision::PerRow
    })
}

/// The row's license key, which identifies it.
pub(super) fn license_key<'r>(ctx: &Context<'_>, row: &'r Row) -> Result<&'r str, RowFailure> {
    match row.slot(ctx.mapping, "license_key") {
        Slot::Given(Val::Text(key)) => Ok(key),
        _ => Err(RowFailure::field(
            ctx.mapping,
            "license_key",
            "",
            "license_key is empty: it identifies the row",
        )),
    }
}

pub(super) fn import(
    conn: &mut DbConnection,
    ctx: &mut Context<'_>,
    row: &Row,
) -> Result<Outcome, RowFailure> {
    let key = license_key(ctx, row)?;
    let stored: Option<License> = licenses::table
        .filter(licenses::license_key.eq(key))
        .select(License::as_select())
        .first(conn)
        .optional()?;
    let wanted = wanted(conn, ctx, row, stored.as_ref())?;
    let input = wanted
        .input
        .validate()
        .map_err(|e| RowFailure::service(ctx.mapping, e.into()))?;
    let (id, outcome) = match stored {
        None => (
            create(conn, ctx, fresh(key, &input, wanted.status, &wanted.names))?,
            Outcome::New,
        ),
        Some(stored) => (
            stored.id,
            update(conn, ctx, &stored, &input, wanted.status)?,
        ),
    };
    let Some(purchase) = carried_purchase(ctx, row, &input)? else {
        return Ok(outcome);
    };
    let given = |name: &str| !matches!(row.slot(ctx.mapping, name), Slot::Absent);
    let bought = purchases::upsert(conn, ctx, id, purchase, &given)?;
    Ok(match (outcome, bought) {
        (outcome, Outcome::Unchanged) | (outcome @ Outcome::New, _) => outcome,
        (Outcome::Update(mut changes), _) => {
            changes.push(bought_change());
            Outcome::Update(changes)
        }
        (_, _) => Outcome::Update(vec![bought_change()]),
    })
}

fn bought_change() -> Change {
    Change {
        field: "purchase".to_owned(),
        before: None,
        after: Some("new".to_owned()),
    }
}

/// The `new` purchase a license row carries in its purchase columns (Snipe-IT's
/// `Purchase Cost` and `Order Number`), dated from the license's start.
fn carried_purchase(
    ctx: &Context<'_>,
    row: &Row,
    input: &LicenseInput,
) -> Result<Option<purchases::Wanted>, RowFailure> {
    let m = ctx.mapping;
    let money = |name: &str| match row.slot(m, name) {
        Slot::Given(Val::Money(v)) => Some(*v),
        _ => None,
    };
    let order = match row.slot(m, "order_number") {
        Slot::Given(Val::Text(t)) => Some(t.clone()),
        _ => None,
    };
    let (cost, revenue) = (money("cost"), money("revenue"));
    if order.is_none() && cost.is_none() && revenue.is_none() {
        return Ok(None);
    }
    let currency = match (cost, revenue, row.slot(m, "currency")) {
        (Some(c), _, _) => c.currency,
        (_, Some(r), _) => r.currency,
        (_, _, Slot::Given(Val::Currency(c))) => *c,
        _ => {
            return Err(RowFailure::field(
                m,
                "currency",
                "",
                "the purchase on this row needs a currency: add a currency column or a code \
                 in the amount",
            ));
        }
    };
    Ok(Some(purchases::Wanted {
        kind: PurchaseKind::New,
        date: input.start_date,
        order: order.unwrap_or_default(),
        seats_added: None,
        cost,
        revenue: revenue.unwrap_or(Money::new(0, currency)),
        rep: input.sales_rep_id,
        partner: input.partner_id,
        term_end: None,
    }))
}

/// The new license `key` with `input`: with no status given, active until its end date
/// and expired after.
fn fresh(
    key: &str,
    input: &LicenseInput,
    status: Option<LicenseStatus>,
    names: &RefNames,
) -> Fresh {
    let status = status.unwrap_or(if input.end_date < now().date() {
        LicenseStatus::Expired
    } else {
        LicenseStatus::Active
    });
    let t = now();
    let mut audit = vec![
        ("license_key", None, Some(key.to_owned())),
        ("status", None, Some(status.to_string())),
    ];
    audit.extend(audit::created(audit_fields(input, Some(names))));
    Fresh {
        new: NewLicense {
            license_key: key.to_owned(),
            company_id: input.company_id,
            product_code_id: input.product_code_id,
            partner_id: input.partner_id,
            sales_rep_id: input.sales_rep_id,
            seats: input.seats.to_db(),
            start_date: input.start_date,
            end_date: input.end_date,
            status: status.as_str().to_owned(),
            notes: input.notes.clone(),
            created_at: t,
            updated_at: t,
        },
        audit,
    }
}

/// Creates the license; returns its id.
fn create(conn: &mut DbConnection, ctx: &Context<'_>, fresh: Fresh) -> Result<i64, RowFailure> {
    write::create_as(conn, ctx.actor.into(), ctx.action, &fresh.new, |_, _| {
        Ok(fresh.audit)
    })
    .map_err(|e| RowFailure::service(ctx.mapping, e))
}

fn update(
    conn: &mut DbConnection,
    ctx: &Context<'_>,
    row: &License,
    input: &LicenseInput,
    status: Option<LicenseStatus>,
) -> Result<Outcome, RowFailure> {
    let before = input_of(row).map_err(|e| RowFailure::service(ctx.mapping, e))?;
    let old_status: LicenseStatus = row
        .status
        .parse()
        .map_err(|e: crate::domain::DomainError| RowFailure::row(e.to_string()))?;
    let status = status.unwrap_or(old_status);
    if before == *input && status == old_status {
        return Ok(Outcome::Unchanged);
    }
    if status != old_status {
        old_status.check_transition(status).map_err(|e| {
            RowFailure::field(ctx.mapping, "status", status.as_str(), e.to_string())
        })?;
    }
    let old_names = check_refs(conn, &before).map_err(|e| RowFailure::service(ctx.mapping, e))?;
    let names = check_refs(conn, input).map_err(|e| RowFailure::service(ctx.mapping, e))?;
    let mut changes = audit::diff(
        audit_fields(&before, Some(&old_names)),
        audit_fields(input, Some(&names)),
    );
    if status != old_status {
        changes.push((
            "status",
            Some(old_status.to_string()),
            Some(status.to_string()),
        ));
    }
    let report = Change::from_audit(changes.clone());
    write::update_in::<License>(conn, ctx.actor.into(), row.id, row.version, |_, _| {
        Ok(Some(WriteChange {
            set: LicenseChanges {
                company_id: Some(input.company_id),
                product_code_id: Some(input.product_code_id),
                partner_id: Some(input.partner_id),
                sales_rep_id: Some(input.sales_rep_id),
                seats: Some(input.seats.to_db()),
                start_date: Some(input.start_date),
                end_date: Some(input.end_date),
                status: Some(status.as_str().to_owned()),
                notes: Some(input.notes.clone()),
            },
            action: ctx.action,
            audit: changes,
        }))
    })
    .map_err(|e| match e {
        write::TxError::Failed(e) => RowFailure::service(ctx.mapping, e),
        write::TxError::Lost { .. } => {
            RowFailure::row("the license changed while it was imported; import again")
        }
    })?;
    if row.company_id != input.company_id {
        money_summary::move_license(conn, row.id, row.company_id, input.company_id)?;
    }
    Ok(Outcome::Update(report))
}

/// Refuses a slot that leaves a required field without a value.
fn check_slot(ctx: &Context<'_>, field: &Field, slot: &Slot, new: bool) -> Result<(), RowFailure> {
    let why = match slot {
        Slot::Absent if new && field.required => {
            format!("a new license needs a {} column", field.name)
        }
        Slot::Empty if field.required => format!("{} is required", field.name),
        _ => return Ok(()),
    };
    Err(RowFailure::field(ctx.mapping, field.name, "", why))
}

/// The stored license (or a blank one) with the row's fields laid over it, references
/// found and named.
fn wanted(
    conn: &mut DbConnection,
    ctx: &mut Context<'_>,
    row: &Row,
    stored: Option<&License>,
) -> Result<Wanted, RowFailure> {
    let mut names = RefNames {
        company: String::new(),
        product_code: String::new(),
        partner: None,
        sales_rep: None,
    };
    let blank = NaiveDate::MIN;
    let mut input = match stored {
        Some(l) => input_of(l).map_err(|e| RowFailure::service(ctx.mapping, e))?,
        None => LicenseInput {
            company_id: 0,
            product_code_id: 0,
            partner_id: None,
            sales_rep_id: None,
            seats: Seats::Unlimited,
            start_date: blank,
            end_date: blank,
            notes: String::new(),
        },
    };
    let mut status = None;
    let fields = ctx.mapping.target.fields();
    for (field, slot) in fields.iter().zip(&row.slots) {
        if field.key || !field.exported {
            continue;
        }
        check_slot(ctx, field, slot, stored.is_none())?;
        let value = match slot {
            Slot::Absent => continue,
            Slot::Empty => None,
            Slot::Given(v) => Some(v),
        };
        let found = match (field.kind, value) {
            (FieldKind::Ref(r), Some(Val::Ref(text))) => {
                let mut resolver = std::mem::take(&mut ctx.resolver);
                let found = resolver.find(conn, ctx, field.name, r, text);
                ctx.resolver = resolver;
                Some(found?)
            }
            _ => None,
        };
        match (field.name, value) {
            ("company", _) => {
                let f = found.unwrap_or_default();
                (input.company_id, names.company) = (f.id, f.name);
            }
            ("product_code", _) => {
                let f = found.unwrap_or_default();
                (input.product_code_id, names.product_code) = (f.id, f.name);
            }
            ("partner", _) => {
                input.partner_id = found.as_ref().map(|f| f.id);
                names.partner = found.map(|f| f.name);
            }
            ("sales_rep", _) => {
                input.sales_rep_id = found.as_ref().map(|f| f.id);
                names.sales_rep = found.map(|f| f.name);
            }
            ("seats", Some(Val::Seats(s))) => input.seats = *s,
            ("start_date", Some(Val::Date(d))) => input.start_date = *d,
            ("end_date", Some(Val::Date(d))) => input.end_date = *d,
            ("status", Some(Val::Text(t))) => {
                status = Some(t.trim().to_lowercase().parse().map_err(
                    |e: crate::domain::DomainError| {
                        RowFailure::field(ctx.mapping, "status", t, e.to_string())
                    },
                )?);
            }
            ("status", None) => {}
            ("notes", v) => {
                input.notes = match v {
                    Some(Val::Text(t)) => t.clone(),
                    _ => String::new(),
                };
            }
            (name, _) => {
                return Err(RowFailure::field(
                    ctx.mapping,
                    name,
                    "",
                    "cannot be read here",
                ));
            }
        }
    }
    Ok(Wanted {
        input,
        status,
        names,
    })
}
