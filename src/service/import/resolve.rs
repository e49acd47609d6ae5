//! Finding the records a file's rows refer to: a company or partner by name, a sales rep
//! by e-mail (or by a name only one rep has), a product by code or name, a license by
//! key. Names are matched whatever their case, as the forms' uniqueness rule does. With
//! `--create-missing`, a missing company, partner or product is created, audited like
//! any create.

use std::collections::HashMap;

use diesel::prelude::*;

use super::{Context, RowFailure};
use crate::db::DbConnection;
use crate::db::schema::{companies, licenses, partners, product_codes, sales_reps};
use crate::domain::company_input::CompanyInput;
use crate::domain::reference_input::{PartnerInput, ProductInput};
use crate::import::fields::Ref;
use crate::service::records::kind::{self, Kind};
use crate::service::records::product_codes::ProductCodes;
use crate::service::records::{companies as company_kind, partners as partner_kind};
use crate::taken_by;

/// A reference found: the row's id and its name as stored.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Found {
    pub id: i64,
    pub name: String,
}

/// Finds references, remembering what it found for the rows to come.
#[derive(Debug, Default)]
pub struct Resolver {
    create_missing: bool,
    found: HashMap<(RefKey, String), Found>,
    /// What this import created, in order, so a refused row's creations are forgotten.
    created: Vec<(RefKey, String)>,
}

/// [`Ref`] as a map key.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
enum RefKey {
    Company,
    Partner,
    SalesRep,
    ProductCode,
    License,
}

impl RefKey {
    fn of(r: Ref) -> Option<RefKey> {
        Some(match r {
            Ref::Company => RefKey::Company,
            Ref::Partner => RefKey::Partner,
            Ref::SalesRep => RefKey::SalesRep,
            Ref::ProductCode => RefKey::ProductCode,
            Ref::License => RefKey::License,
            Ref::PortalUser => return None,
        })
    }

    fn noun(self) -> &'static str {
        match self {
            RefKey::Company => "company",
            RefKey::Partner => "partner",
            RefKey::SalesRep => "sales rep",
            RefKey::ProductCode => "product code",
            RefKey::License => "license",
        }
    }
}

impl Resolver {
    #[must_use]
    pub fn new(create_missing: bool) -> Self {
        Resolver {
            create_missing,
            ..Resolver::default()
        }
    }

    /// A point to [`Resolver::forget_since`].
    pub(super) fn mark(&self) -> usize {
        self.created.len()
    }

    /// Forgets what was created since `mark`: its row was refused and rolled back.
    pub(super) fn forget_since(&mut self, mark: usize) {
        for key in self.created.drain(mark..) {
            self.found.remove(&key);
        }
    }

    /// The record `text` names in the field `field` (for the row's error).
    pub(super) fn find(
        &mut self,
        conn: &mut DbConnection,
        ctx: &Context<'_>,
        field: &str,
        r: Ref,
        text: &str,
    ) -> Result<Found, RowFailure> {
        let Some(kind) = RefKey::of(r) else {
            return Err(RowFailure::row(
                "a portal user is found through its company",
            ));
        };
        let key = (kind, text.to_lowercase());
        if let Some(found) = self.found.get(&key) {
            return Ok(found.clone());
        }
        let found = match lookup(conn, kind, text)? {
            Lookup::One(found) => found,
            Lookup::Several => {
                return Err(RowFailure::field(
                    ctx.mapping,
                    field,
                    text,
                    format!(
                        "several {}s are named {text:?}: give the e-mail instead",
                        kind.noun()
                    ),
                ));
            }
            Lookup::None => {
                let created = self
                    .create(conn, ctx, kind, text)
                    .map_err(|why| RowFailure::field(ctx.mapping, field, text, why))?;
                self.created.push(key.clone());
                created
            }
        };
        self.found.insert(key, found.clone());
        Ok(found)
    }

    /// Creates the missing `kind` named `text`, or says why not.
    fn create(
        &self,
        conn: &mut DbConnection,
        ctx: &Context<'_>,
        kind: RefKey,
        text: &str,
    ) -> Result<Found, String> {
        let missing = format!("there is no {} {text:?}", kind.noun());
        if !self.create_missing {
            return Err(format!("{missing} (--create-missing creates it)"));
        }
        let made = match kind {
            RefKey::Company => {
                let Some(country) = &ctx.options.default_country else {
                    return Err(format!(
                        "{missing}; a company needs a country: add --country CC to create it"
                    ));
                };
                make::<company_kind::Companies>(
                    conn,
                    ctx,
                    &CompanyInput {
                        name: text.to_owned(),
                        country: country.clone(),
                        ..CompanyInput::default()
                    },
                )
            }
            RefKey::Partner => make::<partner_kind::Partners>(
                conn,
                ctx,
                &PartnerInput {
                    name: text.to_owned(),
                    ..PartnerInput::default()
                },
            ),
            RefKey::ProductCode => make::<ProductCodes>(
                conn,
                ctx,
                &ProductInput {
                    code: text.to_owned(),
                    name: text.to_owned(),
                    description: String::new(),
                },
            ),
            RefKey::SalesRep => {
                return Err(format!("{missing}: import the sales reps first"));
            }
            RefKey::License => return Err(missing),
        };
        made.map_err(|e| format!("{missing}, and it cannot be created: {e}"))
    }
}

fn make<K: Kind>(
    conn: &mut DbConnection,
    ctx: &Context<'_>,
    input: &K::Input,
) -> Result<Found, crate::service::ServiceError> {
    let id = kind::create_as::<K>(conn, ctx.actor, ctx.action, input)?;
    Ok(Found {
        id,
        name: K::name_of(&K::validate(input)?),
    })
}

enum Lookup {
    None,
    One(Found),
    Several,
}

impl From<Option<(i64, String)>> for Lookup {
    fn from(row: Option<(i64, String)>) -> Self {
        row.map_or(Lookup::None, |(id, name)| Lookup::One(Found { id, name }))
    }
}

fn lookup(conn: &mut DbConnection, kind: RefKey, text: &str) -> QueryResult<Lookup> {
    let none = None::<i64>;
    Ok(match kind {
        RefKey::Company => taken_by!(conn, companies, name, text, none)?.into(),
        RefKey::Partner => taken_by!(conn, partners, name, text, none)?.into(),
        RefKey::ProductCode => match taken_by!(conn, product_codes, code, text, none)?.into() {
            Lookup::None => by_name(
                conn,
                product_codes::table
                    .filter(product_codes::name.eq(text))
                    .select((product_codes::id, product_codes::code))
                    .limit(2),
            )?,
            found => found,
        },
        RefKey::SalesRep => match taken_by!(conn, sales_reps, email, text, none)?.into() {
            Lookup::None => by_name(
                conn,
                sales_reps::table
                    .filter(sales_reps::name.eq(text))
                    .select((sales_reps::id, sales_reps::email))
                    .limit(2),
            )?,
            found => found,
        },
        RefKey::License => licenses::table
            .filter(licenses::license_key.eq(text))
            .select((licenses::id, licenses::license_key))
            .first::<(i64, String)>(conn)
            .optional()?
            .into(),
    })
}

/// A match by a name two records may share: one, or how many (at most 2 are read).
fn by_name<'q, Q>(conn: &mut DbConnection, query: Q) -> QueryResult<Lookup>
where
    Q: diesel::query_dsl::LoadQuery<'q, DbConnection, (i64, String)>,
{
    let rows: Vec<(i64, String)> = query.load(conn)?;
    Ok(match rows.len() {
        0 => Lookup::None,
        1 => rows.into_iter().next().into(),
        _ => Lookup::Several,
    })
}
