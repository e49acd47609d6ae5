//! Importing reference records (companies, partners, sales reps, engineers, product
//! codes, portal users) through the records service, so a row passes the rules, the
//! uniqueness checks and the audit of the forms, under the action `import:FILE`.

use diesel::prelude::*;

use super::{Change, Context, Outcome, RowFailure};
use crate::db::DbConnection;
use crate::db::schema::portal_users;
use crate::domain::company_input::CompanyInput;
use crate::domain::reference_input::{PartnerInput, PersonInput, PortalUserInput, ProductInput};
use crate::import::fields::{Field, Kind as FieldKind, Target};
use crate::import::values::{Row, Slot, Val};
use crate::service::audit;
use crate::service::records::companies::Companies;
use crate::service::records::kind::{self, Kind};
use crate::service::records::partners::Partners;
use crate::service::records::people::{Engineers, SalesReps};
use crate::service::records::portal_users::PortalUsers;
use crate::service::records::product_codes::ProductCodes;
use crate::taken_by;

/// A reference kind as the importer fills it.
trait Importable: Kind<Input: Default> {
    /// The retire flag is a column of its own, set apart from the input (archived), not
    /// a field of the input (active, disabled).
    const RETIRE_APART: bool;

    /// The stored record the key fields of `input` name.
    fn find(conn: &mut DbConnection, input: &Self::Input) -> QueryResult<Option<i64>>;

    /// Sets `field` of `input` (`None` empties it).
    fn set(
        conn: &mut DbConnection,
        ctx: &mut Context<'_>,
        input: &mut Self::Input,
        field: &Field,
        value: Option<&Val>,
    ) -> Result<(), RowFailure>;
}

/// Imports `row` into the reference kind of the mapping's target.
pub(super) fn import(
    conn: &mut DbConnection,
    ctx: &mut Context<'_>,
    row: &Row,
) -> Result<Outcome, RowFailure> {
    match ctx.mapping.target {
        Target::Companies => one::<Companies>(conn, ctx, row),
        Target::Partners => one::<Partners>(conn, ctx, row),
        Target::SalesReps => one::<SalesReps>(conn, ctx, row),
        Target::Engineers => one::<Engineers>(conn, ctx, row),
        Target::ProductCodes => one::<ProductCodes>(conn, ctx, row),
        Target::PortalUsers => one::<PortalUsers>(conn, ctx, row),
        other => Err(RowFailure::row(format!(
            "{} are not reference records",
            other.name()
        ))),
    }
}

fn text(value: Option<&Val>) -> String {
    match value {
        Some(Val::Text(t) | Val::Ref(t)) => t.clone(),
        _ => String::new(),
    }
}

fn flag(value: Option<&Val>, empty: bool) -> bool {
    match value {
        Some(Val::Flag(b)) => *b,
        _ => empty,
    }
}

/// The value a slot gives, `None` when it empties the field.
fn given(slot: &Slot) -> Option<&Val> {
    match slot {
        Slot::Given(v) => Some(v),
        _ => None,
    }
}

fn one<K: Importable>(
    conn: &mut DbConnection,
    ctx: &mut Context<'_>,
    row: &Row,
) -> Result<Outcome, RowFailure> {
    let fields = ctx.mapping.target.fields();
    let mut input = K::Input::default();
    for (field, slot) in fields.iter().zip(&row.slots).filter(|(f, _)| f.key) {
        let Slot::Given(value) = slot else {
            return Err(RowFailure::field(
                ctx.mapping,
                field.name,
                "",
                format!("{} is empty: it identifies the row", field.name),
            ));
        };
        K::set(conn, ctx, &mut input, field, Some(value))?;
    }
    let stored = match K::find(conn, &input)? {
        Some(id) => Some((id, kind::get::<K>(conn, id)?)),
        None => None,
    };
    if let Some((_, s)) = &stored {
        input = s.input.clone();
    }
    let mut retired = stored.as_ref().is_some_and(|(_, s)| s.retired);
    for (field, slot) in fields.iter().zip(&row.slots) {
        if matches!(slot, Slot::Absent) {
            if stored.is_none() && field.required {
                return Err(RowFailure::field(
                    ctx.mapping,
                    field.name,
                    "",
                    format!("a new record needs a {} column", field.name),
                ));
            }
            continue;
        }
        if stored.is_none() && field.required && !matches!(slot, Slot::Given(_)) {
            return Err(RowFailure::field(
                ctx.mapping,
                field.name,
                "",
                format!("{} is required for a new record", field.name),
            ));
        }
        if K::RETIRE_APART && field.name == K::RETIRE.field {
            retired = flag(given(slot), false) == K::RETIRE.retired_value;
        } else if !field.key {
            K::set(conn, ctx, &mut input, field, given(slot))?;
        }
    }
    let service = |e| RowFailure::service(ctx.mapping, e);
    let Some((id, stored)) = stored else {
        let id = kind::create_as::<K>(conn, ctx.actor, ctx.action, &input).map_err(service)?;
        if K::RETIRE_APART && retired {
            let version = kind::get::<K>(conn, id)?.version;
            kind::set_retired_as::<K>(conn, ctx.actor, ctx.action, id, version, true)
                .map_err(service)?;
        }
        return Ok(Outcome::New);
    };
    let after = K::validate(&input).map_err(|e| service(e.into()))?;
    let retire_changes = K::RETIRE_APART && retired != stored.retired;
    if after == stored.input && !retire_changes {
        return Ok(Outcome::Unchanged);
    }
    let mut changes = audit::diff(
        K::audit_fields(conn, &stored.input)?,
        K::audit_fields(conn, &after)?,
    );
    let version = kind::update_as::<K>(conn, ctx.actor, ctx.action, id, stored.version, &after)
        .map_err(service)?;
    if retire_changes {
        let word = |r: bool| Some((r == K::RETIRE.retired_value).to_string());
        changes.push((K::RETIRE.field, word(stored.retired), word(retired)));
        kind::set_retired_as::<K>(conn, ctx.actor, ctx.action, id, version, retired)
            .map_err(service)?;
    }
    Ok(Outcome::Update(Change::from_audit(changes)))
}

impl Importable for Companies {
    const RETIRE_APART: bool = true;

    fn find(conn: &mut DbConnection, input: &CompanyInput) -> QueryResult<Option<i64>> {
        use crate::db::schema::companies;
        Ok(taken_by!(conn, companies, name, input.name, None::<i64>)?.map(|(id, _)| id))
    }

    fn set(
        _: &mut DbConnection,
        _: &mut Context<'_>,
        input: &mut CompanyInput,
        field: &Field,
        value: Option<&Val>,
    ) -> Result<(), RowFailure> {
        let t = text(value);
        match field.name {
            "name" => input.name = t,
            "country" => input.country = t,
            "contact_email" => input.contact_email = t,
            _ => input.notes = t,
        }
        Ok(())
    }
}

impl Importable for Partners {
    const RETIRE_APART: bool = true;

    fn find(conn: &mut DbConnection, input: &PartnerInput) -> QueryResult<Option<i64>> {
        use crate::db::schema::partners;
        Ok(taken_by!(conn, partners, name, input.name, None::<i64>)?.map(|(id, _)| id))
    }

    fn set(
        _: &mut DbConnection,
        _: &mut Context<'_>,
        input: &mut PartnerInput,
        field: &Field,
        value: Option<&Val>,
    ) -> Result<(), RowFailure> {
        let t = text(value);
        match field.name {
            "name" => input.name = t,
            "country" => input.country = t,
            _ => input.contact_email = t,
        }
        Ok(())
    }
}

/// A sales rep's or an engineer's field.
fn set_person(input: &mut PersonInput, field: &Field, value: Option<&Val>) {
    match field.name {
        "email" => input.email = text(value),
        "name" => input.name = text(value),
        "region" => input.region = text(value),
        // An empty `active` cell keeps the person active, as a new one is.
        _ => input.active = flag(value, true),
    }
}

/// Sales reps and engineers: people keyed by e-mail, filled alike.
macro_rules! importable_person {
    ($kind:ty, $table:ident) => {
        impl Importable for $kind {
            const RETIRE_APART: bool = false;

            fn find(conn: &mut DbConnection, input: &PersonInput) -> QueryResult<Option<i64>> {
                use crate::db::schema::$table;
                Ok(taken_by!(conn, $table, email, input.email, None::<i64>)?.map(|(id, _)| id))
            }

            fn set(
                _: &mut DbConnection,
                _: &mut Context<'_>,
                input: &mut PersonInput,
                field: &Field,
                value: Option<&Val>,
            ) -> Result<(), RowFailure> {
                set_person(input, field, value);
                Ok(())
            }
        }
    };
}

importable_person!(SalesReps, sales_reps);
importable_person!(Engineers, engineers);

impl Importable for ProductCodes {
    const RETIRE_APART: bool = true;

    fn find(conn: &mut DbConnection, input: &ProductInput) -> QueryResult<Option<i64>> {
        use crate::db::schema::product_codes;
        Ok(taken_by!(conn, product_codes, code, input.code, None::<i64>)?.map(|(id, _)| id))
    }

    fn set(
        _: &mut DbConnection,
        _: &mut Context<'_>,
        input: &mut ProductInput,
        field: &Field,
        value: Option<&Val>,
    ) -> Result<(), RowFailure> {
        let t = text(value);
        match field.name {
            // Codes are stored upper-cased; the key is matched as stored.
            "code" => input.code = t.to_uppercase(),
            "name" => input.name = t,
            _ => input.description = t,
        }
        Ok(())
    }
}

impl Importable for PortalUsers {
    const RETIRE_APART: bool = false;

    fn find(conn: &mut DbConnection, input: &PortalUserInput) -> QueryResult<Option<i64>> {
        portal_users::table
            .filter(portal_users::company_id.eq(input.company_id.unwrap_or_default()))
            .filter(portal_users::external_user_id.eq(&input.external_user_id))
            .select(portal_users::id)
            .first(conn)
            .optional()
    }

    fn set(
        conn: &mut DbConnection,
        ctx: &mut Context<'_>,
        input: &mut PortalUserInput,
        field: &Field,
        value: Option<&Val>,
    ) -> Result<(), RowFailure> {
        match (field.name, field.kind) {
            (_, FieldKind::Ref(r)) => {
                let name = text(value);
                let mut resolver = std::mem::take(&mut ctx.resolver);
                let found = resolver.find(conn, ctx, field.name, r, &name);
                ctx.resolver = resolver;
                input.company_id = Some(found?.id);
            }
            ("external_user_id", _) => input.external_user_id = text(value),
            ("email", _) => input.email = text(value),
            ("name", _) => input.name = text(value),
            _ => input.disabled = flag(value, false),
        }
        Ok(())
    }
}
