//! Pages of the reference lists: customers, partners, sales reps, engineers, product
//! codes. Each is filtered (free words over its text columns plus its qualifiers) and
//! sorted by any column in SQL, keyset-paged on (sort value, id). The tables are small
//! (hundreds to thousands of rows), so no index beyond the primary key is needed.
//!
//! Companies, partners and product codes can be archived: their lists show the current
//! records unless the filter says `archived:yes` (only archived) or `archived:any`.

use diesel::prelude::*;
use diesel::sql_types::{Bool, Text};

use super::list::ListQuery;
use super::page::{Page, PageRequest, Row, SortKey, Value, contains, in_order};
use crate::db::schema::{companies, engineers, partners, product_codes, sales_reps};
use crate::db::text::DbText;
use crate::db::{Db, DbConnection};
use crate::domain::filter::{Archived, Qualifier, Term};

/// The qualifiers of the Companies and Partners lists.
pub const COMPANY_QUALIFIERS: &[Qualifier] = &[Qualifier::Country, Qualifier::Archived];
/// The qualifiers of the Product codes list.
pub const PRODUCT_QUALIFIERS: &[Qualifier] = &[Qualifier::Archived];
/// The qualifiers of the Sales reps and Engineers lists.
pub const PERSON_QUALIFIERS: &[Qualifier] = &[Qualifier::Region, Qualifier::Active];

diesel::define_sql_function! {
    /// `LOWER(x)`, the same on both backends for ASCII.
    #[sql_name = "LOWER"]
    fn lower(x: Text) -> Text;
}

diesel::define_sql_function! {
    /// `REPLACE(x, from, to)`.
    #[sql_name = "REPLACE"]
    fn replace(x: Text, from: Text, to: Text) -> Text;
}

/// A WHERE condition on one table.
type Condition<T> = Box<dyn BoxableExpression<T, Db, SqlType = Bool>>;

/// `$column` matches a `country:` term: its spelling (lower case, spaces removed) is one
/// of the country's codes or names, or it contains the typed fragment.
macro_rules! country_matches {
    ($column:expr, $spellings:expr, $fragment:expr) => {{
        let squashed = lower(replace($column, " ", ""));
        let any: Condition<_> = Box::new(squashed.eq_any($spellings.clone()));
        match $fragment {
            Some(f) => Box::new(any.or($column.like(contains(f)).escape('\\'))),
            None => any,
        }
    }};
}

/// The conditions of a companies or partners query (`$t` is the table module).
macro_rules! company_conditions {
    ($t:ident, $query:expr) => {{
        let query: &ListQuery = $query;
        let mut out: Vec<Condition<$t::table>> = Vec::new();
        for word in &query.filter.words {
            let p = contains(word);
            out.push(Box::new(
                $t::name
                    .like(p.clone())
                    .escape('\\')
                    .or($t::country.like(p.clone()).escape('\\'))
                    .or($t::contact_email.like(p).escape('\\')),
            ));
        }
        for term in &query.filter.terms {
            if let Term::Country {
                spellings,
                fragment,
            } = term
            {
                out.push(country_matches!($t::country, spellings, fragment.as_ref()));
            }
        }
        match query.filter.archived() {
            Archived::No => out.push(Box::new($t::archived.eq(false))),
            Archived::Yes => out.push(Box::new($t::archived.eq(true))),
            Archived::Any => {}
        }
        out
    }};
}

/// The conditions of a sales reps or engineers query.
macro_rules! person_conditions {
    ($t:ident, $query:expr) => {{
        let query: &ListQuery = $query;
        let mut out: Vec<Condition<$t::table>> = Vec::new();
        for word in &query.filter.words {
            let p = contains(word);
            out.push(Box::new(
                $t::name
                    .like(p.clone())
                    .escape('\\')
                    .or($t::email.like(p.clone()).escape('\\'))
                    .or($t::region.like(p).escape('\\')),
            ));
        }
        for term in &query.filter.terms {
            match term {
                Term::Name(Qualifier::Region, r) => {
                    out.push(Box::new($t::region.like(contains(r)).escape('\\')));
                }
                Term::Flag(_, active) => out.push(Box::new($t::active.eq(*active))),
                _ => {}
            }
        }
        out
    }};
}

fn product_conditions(query: &ListQuery) -> Vec<Condition<product_codes::table>> {
    let mut out: Vec<Condition<product_codes::table>> = Vec::new();
    for word in &query.filter.words {
        let p = contains(word);
        out.push(Box::new(
            product_codes::code
                .like(p.clone())
                .escape('\\')
                .or(product_codes::name.like(p.clone()).escape('\\'))
                .or(product_codes::description.like(p).escape('\\')),
        ));
    }
    match query.filter.archived() {
        Archived::No => out.push(Box::new(product_codes::archived.eq(false))),
        Archived::Yes => out.push(Box::new(product_codes::archived.eq(true))),
        Archived::Any => {}
    }
    out
}

/// Step one of a page of a one-table list: the ids and sort values of the rows that
/// match `$conditions`, in scan order. `$sorts` maps a column index to its expression
/// and [`SortKey`] variant; any other column is the id's order.
macro_rules! scan {
    ($conn:expr, $t:ident, $conditions:expr, $query:expr, $req:expr, $limit:expr,
     { $($n:literal => ($e:expr, $variant:ident)),* $(,)? }) => {{
        let query: &ListQuery = $query;
        let desc = query.sort.descending;
        match query.sort.column {
            $($n => {
                let mut q = $t::table.select(($t::id, $e)).into_boxed();
                for c in $conditions {
                    q = q.filter(c);
                }
                $crate::keyset_sorted!($conn, q, $e, $t::id, $variant, $req, $limit, desc)
            })*
            _ => {
                let mut q = $t::table.select($t::id).into_boxed();
                for c in $conditions {
                    q = q.filter(c);
                }
                let ids: Vec<i64> =
                    $crate::keyset_page!(q, $t::id, $req, $limit, desc).load($conn)?;
                ids.into_iter().map(|id| (id, SortKey::None)).collect::<Vec<_>>()
            }
        }
    }};
}

/// Step two: the rows of `keys` (as loaded by `$select`), in order, as list rows.
macro_rules! rows {
    ($conn:expr, $t:ident, $select:expr, $tuple:ty, $keys:expr, $cells:expr) => {{
        let keys: Vec<(i64, SortKey)> = $keys;
        let ids: Vec<i64> = keys.iter().map(|(id, _)| *id).collect();
        let found: Vec<$tuple> = $t::table
            .filter($t::id.eq_any(&ids))
            .select($select)
            .load($conn)?;
        in_order(&ids, found, |r| r.0)
            .into_iter()
            .zip(keys)
            .map(|(r, (id, key))| Row {
                id,
                key,
                cells: $cells(r),
            })
            .collect::<Vec<Row>>()
    }};
}

/// `SELECT COUNT(*)` of `$t` under `$conditions`.
macro_rules! count {
    ($conn:expr, $t:ident, $conditions:expr) => {{
        let mut q = $t::table.count().into_boxed();
        for c in $conditions {
            q = q.filter(c);
        }
        q.get_result::<i64>($conn)
    }};
}

type NamedTuple = (i64, DbText, DbText, DbText, chrono::NaiveDateTime);

fn named_cells((id, name, country, email, created): NamedTuple) -> Vec<Value> {
    vec![
        id.into(),
        name.into(),
        country.into(),
        email.into(),
        created.into(),
    ]
}

/// Companies: ID, Company, Country, Contact, Created.
///
/// # Errors
/// Database errors.
pub fn companies(
    conn: &mut DbConnection,
    query: &ListQuery,
    req: &PageRequest,
    limit: usize,
) -> QueryResult<Page> {
    use companies as t;
    let keys = scan!(conn, t, company_conditions!(t, query), query, req, limit, {
        1 => (t::name, Text),
        2 => (t::country, Text),
        3 => (t::contact_email, Text),
        4 => (t::created_at, Time),
    });
    let select = (t::id, t::name, t::country, t::contact_email, t::created_at);
    let rows = rows!(conn, t, select, NamedTuple, keys, named_cells);
    Ok(Page::from_scan(rows, req, limit))
}

/// # Errors
/// Database errors.
pub fn count_companies(conn: &mut DbConnection, query: &ListQuery) -> QueryResult<i64> {
    count!(conn, companies, company_conditions!(companies, query))
}

/// Partners: ID, Partner, Country, Contact, Created.
///
/// # Errors
/// Database errors.
pub fn partners(
    conn: &mut DbConnection,
    query: &ListQuery,
    req: &PageRequest,
    limit: usize,
) -> QueryResult<Page> {
    use partners as t;
    let keys = scan!(conn, t, company_conditions!(t, query), query, req, limit, {
        1 => (t::name, Text),
        2 => (t::country, Text),
        3 => (t::contact_email, Text),
        4 => (t::created_at, Time),
    });
    let select = (t::id, t::name, t::country, t::contact_email, t::created_at);
    let rows = rows!(conn, t, select, NamedTuple, keys, named_cells);
    Ok(Page::from_scan(rows, req, limit))
}

/// # Errors
/// Database errors.
pub fn count_partners(conn: &mut DbConnection, query: &ListQuery) -> QueryResult<i64> {
    count!(conn, partners, company_conditions!(partners, query))
}

type PersonTuple = (i64, DbText, DbText, DbText, bool);

fn person_cells((id, name, email, region, active): PersonTuple) -> Vec<Value> {
    vec![
        id.into(),
        name.into(),
        email.into(),
        region.into(),
        active.into(),
    ]
}

/// Sales reps: ID, Name, Email, Region, Active.
///
/// # Errors
/// Database errors.
pub fn sales_reps(
    conn: &mut DbConnection,
    query: &ListQuery,
    req: &PageRequest,
    limit: usize,
) -> QueryResult<Page> {
    use sales_reps as t;
    let keys = scan!(conn, t, person_conditions!(t, query), query, req, limit, {
        1 => (t::name, Text),
        2 => (t::email, Text),
        3 => (t::region, Text),
        4 => (t::active, Bool),
    });
    let select = (t::id, t::name, t::email, t::region, t::active);
    let rows = rows!(conn, t, select, PersonTuple, keys, person_cells);
    Ok(Page::from_scan(rows, req, limit))
}

/// # Errors
/// Database errors.
pub fn count_sales_reps(conn: &mut DbConnection, query: &ListQuery) -> QueryResult<i64> {
    count!(conn, sales_reps, person_conditions!(sales_reps, query))
}

/// Engineers: ID, Name, Email, Region, Active.
///
/// # Errors
/// Database errors.
pub fn engineers(
    conn: &mut DbConnection,
    query: &ListQuery,
    req: &PageRequest,
    limit: usize,
) -> QueryResult<Page> {
    use engineers as t;
    let keys = scan!(conn, t, person_conditions!(t, query), query, req, limit, {
        1 => (t::name, Text),
        2 => (t::email, Text),
        3 => (t::region, Text),
        4 => (t::active, Bool),
    });
    let select = (t::id, t::name, t::email, t::region, t::active);
    let rows = rows!(conn, t, select, PersonTuple, keys, person_cells);
    Ok(Page::from_scan(rows, req, limit))
}

/// # Errors
/// Database errors.
pub fn count_engineers(conn: &mut DbConnection, query: &ListQuery) -> QueryResult<i64> {
    count!(conn, engineers, person_conditions!(engineers, query))
}

/// Product codes: ID, Code, Name, Description.
///
/// # Errors
/// Database errors.
pub fn product_codes(
    conn: &mut DbConnection,
    query: &ListQuery,
    req: &PageRequest,
    limit: usize,
) -> QueryResult<Page> {
    use product_codes as t;
    let keys = scan!(conn, t, product_conditions(query), query, req, limit, {
        1 => (t::code, Text),
        2 => (t::name, Text),
        3 => (t::description, Text),
    });
    let select = (t::id, t::code, t::name, t::description);
    let rows = rows!(
        conn,
        t,
        select,
        (i64, DbText, DbText, DbText),
        keys,
        |(id, code, name, description): (i64, DbText, DbText, DbText)| -> Vec<Value> {
            vec![id.into(), code.into(), name.into(), description.into()]
        }
    );
    Ok(Page::from_scan(rows, req, limit))
}

/// # Errors
/// Database errors.
pub fn count_product_codes(conn: &mut DbConnection, query: &ListQuery) -> QueryResult<i64> {
    count!(conn, product_codes, product_conditions(query))
}
