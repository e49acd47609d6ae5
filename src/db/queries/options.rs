//! Choices for the reference pickers: up to [`LIMIT`] rows of one kind whose name matches
//! the typed text (a `LIKE '%text%'` with the wildcards taken literally), by name.
//! Retired records (archived companies, partners and product codes; inactive reps and
//! engineers) are not offered: history keeps them, new work does not choose them.

use diesel::prelude::*;

use super::page::contains;
use crate::db::DbConnection;
use crate::db::schema::{companies, engineers, partners, product_codes, sales_reps};
use crate::db::text::DbText;

/// At most this many choices are shown; typing narrows them.
pub const LIMIT: i64 = 50;

/// What a picker chooses.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum RefKind {
    Company,
    ProductCode,
    Partner,
    SalesRep,
    /// Active engineers only (a deployment cannot be given to an inactive one).
    Engineer,
    /// A country of the ISO 3166-1 list (not a table): its numeric code and `DE · Germany`.
    Country,
}

impl RefKind {
    /// Words for titles and messages.
    #[must_use]
    pub fn label(self) -> &'static str {
        match self {
            RefKind::Company => "company",
            RefKind::ProductCode => "product code",
            RefKind::Partner => "partner",
            RefKind::SalesRep => "sales rep",
            RefKind::Engineer => "engineer",
            RefKind::Country => "country",
        }
    }
}

/// (id, display name) of the rows of `kind` matching `text`, by name, at most [`LIMIT`].
/// Product codes show as `CODE · name` and match on either.
///
/// # Errors
/// Database errors.
pub fn search(
    conn: &mut DbConnection,
    kind: RefKind,
    text: &str,
) -> QueryResult<Vec<(i64, String)>> {
    let p = contains(text.trim());
    // Names read lossily (see `DbText`): a name that is not UTF-8 does not hide the rest.
    let named: Vec<(i64, DbText)> = match kind {
        RefKind::Country => {
            return Ok(crate::domain::contact::search_countries(
                text,
                usize::try_from(LIMIT).unwrap_or(50),
            ));
        }
        RefKind::Company => companies::table
            .filter(companies::archived.eq(false))
            .filter(companies::name.like(&p).escape('\\'))
            .order((companies::name, companies::id))
            .select((companies::id, companies::name))
            .limit(LIMIT)
            .load(conn)?,
        RefKind::Partner => partners::table
            .filter(partners::archived.eq(false))
            .filter(partners::name.like(&p).escape('\\'))
            .order((partners::name, partners::id))
            .select((partners::id, partners::name))
            .limit(LIMIT)
            .load(conn)?,
        RefKind::SalesRep => sales_reps::table
            .filter(sales_reps::active.eq(true))
            .filter(sales_reps::name.like(&p).escape('\\'))
            .order((sales_reps::name, sales_reps::id))
            .select((sales_reps::id, sales_reps::name))
            .limit(LIMIT)
            .load(conn)?,
        RefKind::Engineer => engineers::table
            .filter(engineers::active.eq(true))
            .filter(engineers::name.like(&p).escape('\\'))
            .order((engineers::name, engineers::id))
            .select((engineers::id, engineers::name))
            .limit(LIMIT)
            .load(conn)?,
        RefKind::ProductCode => {
            let rows: Vec<(i64, String, DbText)> = product_codes::table
                .filter(product_codes::archived.eq(false))
                .filter(
                    product_codes::code
                        .like(&p)
                        .escape('\\')
                        .or(product_codes::name.like(&p).escape('\\')),
                )
                .order((product_codes::code, product_codes::id))
                .select((product_codes::id, product_codes::code, product_codes::name))
                .limit(LIMIT)
                .load(conn)?;
            return Ok(rows
                .into_iter()
                .map(|(id, code, name)| (id, format!("{code} · {name}")))
                .collect());
        }
    };
    Ok(named.into_iter().map(|(id, name)| (id, name.0)).collect())
}
