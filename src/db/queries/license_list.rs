//! The license list: filtered and sorted in SQL, keyset-paged on (sort value, id).
//!
//! Filters on names (company, product, partner, rep) and currencies are `IN`/`EXISTS`
//! subqueries, so step one of the page (ids and sort values) touches only the tables the
//! sort column needs; step two loads the displayed columns of those ids
//! ([`super::page::in_order`] says why).

use chrono::{Days, NaiveDate};
use diesel::prelude::*;

// Re-exported where they used to be defined, for the callers in `tui/` (being refactored
// in parallel); new code imports them from `list`.
pub use super::list::{ListQuery, Sort};
use super::page::{Page, PageRequest, Row, SortKey, Value, contains, in_order};
use super::purchases::CurrencyTotal;
use super::{kept, sum_bigint};
use crate::db::DbConnection;
use crate::db::schema::{
    companies, license_counts, license_last_purchase, licenses, partners, product_codes, sales_reps,
};
use crate::db::text::DbText;
use crate::domain::LicenseStatus;
use crate::domain::filter::{Qualifier, Term};

/// The qualifiers the license list understands.
pub const QUALIFIERS: &[Qualifier] = &[
    Qualifier::Status,
    Qualifier::Company,
    Qualifier::Partner,
    Qualifier::Product,
    Qualifier::Rep,
    Qualifier::Currency,
    Qualifier::Starts,
    Qualifier::Ends,
    Qualifier::Expiring,
];

/// Adds the WHERE clauses of `$query` (a [`ListQuery`]) to the boxed `$q`, whose FROM
/// includes `licenses`. A macro because the boxed type differs with the sort's joins.
macro_rules! filtered {
    ($q:expr, $query:expr) => {{
        let mut q = $q;
        let query: &ListQuery = $query;
        // Aliased: the sort may have joined the same tables into the outer query.
        let (fc, fp, fa, fr) = diesel::alias!(
            companies as filter_companies,
            product_codes as filter_products,
            partners as filter_partners,
            sales_reps as filter_reps
        );
        for word in &query.filter.words {
            // The trigram index narrows the licences down (SQLite); the LIKE below
            // keeps those that contain the word.
            if let Some(indexed) = $crate::db::queries::words::license_words(word) {
                q = q.filter(indexed);
            }
            let p = contains(word);
            q = q.filter(
                licenses::license_key
                    .like(p.clone())
                    .escape('\\')
                    .or(licenses::company_id.eq_any(
                        fc.filter(fc.field(companies::name).like(p.clone()).escape('\\'))
                            .select(fc.field(companies::id)),
                    ))
                    .or(licenses::product_code_id.eq_any(
                        fp.filter(fp.field(product_codes::code).like(p.clone()).escape('\\'))
                            .select(fp.field(product_codes::id)),
                    ))
                    .or(licenses::partner_id.eq_any(
                        fa.filter(fa.field(partners::name).like(p.clone()).escape('\\'))
                            .select(fa.field(partners::id).nullable()),
                    ))
                    .or(licenses::sales_rep_id.eq_any(
                        fr.filter(fr.field(sales_reps::name).like(p.clone()).escape('\\'))
                            .select(fr.field(sales_reps::id).nullable()),
                    ))
                    .or(licenses::notes.like(p).escape('\\')),
            );
        }
        for term in &query.filter.terms {
            q = match term {
                Term::LicenseStatus(list) => {
                    q.filter(licenses::status.eq_any(list.iter().map(|s| s.as_str())))
                }
                Term::Name(Qualifier::Company, n) => q.filter(
                    licenses::company_id.eq_any(
                        fc.filter(fc.field(companies::name).like(contains(n)).escape('\\'))
                            .select(fc.field(companies::id)),
                    ),
                ),
                Term::Name(Qualifier::Product, n) => q.filter(
                    licenses::product_code_id.eq_any(
                        fp.filter(
                            fp.field(product_codes::code)
                                .like(contains(n))
                                .escape('\\')
                                .or(fp.field(product_codes::name).like(contains(n)).escape('\\')),
                        )
                        .select(fp.field(product_codes::id)),
                    ),
                ),
                Term::Name(Qualifier::Partner, n) => q.filter(
                    licenses::partner_id.eq_any(
                        fa.filter(fa.field(partners::name).like(contains(n)).escape('\\'))
                            .select(fa.field(partners::id).nullable()),
                    ),
                ),
                Term::Name(_, n) => q.filter(
                    licenses::sales_rep_id.eq_any(
                        fr.filter(fr.field(sales_reps::name).like(contains(n)).escape('\\'))
                            .select(fr.field(sales_reps::id).nullable()),
                    ),
                ),
                Term::Id(Qualifier::Company, id) => q.filter(licenses::company_id.eq(*id)),
                Term::Id(Qualifier::Product, id) => q.filter(licenses::product_code_id.eq(*id)),
                Term::Id(Qualifier::Partner, id) => q.filter(licenses::partner_id.eq(*id)),
                Term::Id(_, id) => q.filter(licenses::sales_rep_id.eq(*id)),
                // The kept pairs, in licence id order: one range of their key.
                Term::Currency(c) => q.filter(
                    licenses::id.eq_any(
                        crate::db::schema::license_currencies::table
                            .filter(
                                crate::db::schema::license_currencies::currency
                                    .eq(c.code().to_owned()),
                            )
                            .select(crate::db::schema::license_currencies::license_id),
                    ),
                ),
                Term::Date(which, cmp, d) => {
                    let d = *d;
                    if *which == Qualifier::Starts {
                        crate::date_filter!(q, licenses::start_date, cmp, d)
                    } else {
                        crate::date_filter!(q, licenses::end_date, cmp, d)
                    }
                }
                Term::Expiring(days) => {
                    let today = query.today.unwrap_or_else(|| crate::db::now().date());
                    let until = today
                        .checked_add_days(Days::new(u64::from(*days)))
                        .unwrap_or(NaiveDate::MAX);
                    q.filter(licenses::status.eq_any([
                        LicenseStatus::Active.as_str(),
                        LicenseStatus::Suspended.as_str(),
                    ]))
                    .filter(licenses::end_date.between(today, until))
                }
                // Other lists' qualifiers: `Filter::parse` with `QUALIFIERS` refuses them.
                Term::DeploymentStatus(_)
                | Term::Kind(_)
                | Term::Flag(..)
                | Term::Archived(_)
                | Term::ActiveWithin(_)
                | Term::Country { .. } => q,
            };
        }
        q
    }};
}
// The timeline's company rows and coverage filter licences the same way.
pub(crate) use filtered;

/// Keyset condition, order and limit (+1 look-ahead) on the sort expression `$e` then
/// the id `$id`, applied to the boxed `$q`; not loaded. `$variant` is the [`SortKey`]
/// variant of the value; a cursor of another variant (the sort changed) starts from the
/// list's end.
#[macro_export]
macro_rules! sorted_keyset {
    ($q:expr, $e:expr, $id:expr, $variant:ident, $req:expr, $limit:expr, $desc:expr) => {{
        use $crate::db::queries::page::{PageRequest, SortKey};
        let q = $q;
        let req: &PageRequest = $req;
        let cursor = match req {
            PageRequest::After(c) | PageRequest::Before(c) => match &c.key {
                SortKey::$variant(k) => Some((k.clone(), c.id)),
                _ => None,
            },
            PageRequest::First | PageRequest::Last => None,
        };
        let upward = matches!(req, PageRequest::After(_)) != $desc;
        // Spelled out for MariaDB, as a row value for SQLite (see `row_value`).
        let q = match cursor {
            Some((k, id)) if upward => {
                q.filter($e.gt(k.clone()).or($e.eq(k.clone()).and($id.gt(id))).and(
                    $crate::db::queries::row_value::row_compare($e, $id, k, id, true),
                ))
            }
            Some((k, id)) => q.filter($e.lt(k.clone()).or($e.eq(k.clone()).and($id.lt(id))).and(
                $crate::db::queries::row_value::row_compare($e, $id, k, id, false),
            )),
            None => q,
        };
        let ascending = req.is_forward() != $desc;
        let q = if ascending {
            q.order(($e.asc(), $id.asc()))
        } else {
            q.order(($e.desc(), $id.desc()))
        };
        q.limit(i64::try_from($limit).unwrap_or(i64::MAX).saturating_add(1))
    }};
}

/// [`sorted_keyset!`], loading `(id, value)` pairs as `(id, SortKey)`.
#[macro_export]
macro_rules! sorted_ids {
    ($conn:expr, $q:expr, $e:expr, $id:expr, $variant:ident, $req:expr, $limit:expr, $desc:expr) => {{
        use $crate::db::queries::page::SortKey;
        $crate::sorted_keyset!($q, $e, $id, $variant, $req, $limit, $desc)
            .load::<(i64, $crate::sort_value!($variant))>($conn)?
            .into_iter()
            .map(|(id, k)| (id, SortKey::$variant(k.into())))
            .collect::<Vec<(i64, SortKey)>>()
    }};
}

/// The list's sort column: the joins its value needs, the value, its key type; `$by` is
/// called with them (`$by!(from, key, Variant)`), `$plain` is the id order (column 0, the
/// license key, is the id's order).
macro_rules! by_sort_column {
    ($column:expr, $by:ident, $plain:expr) => {
        match $column {
            // The company's name as the licence keeps it (see migration
            // `2026-12-06-100002_license_company_sort_key`): no join, one index walk.
            1 => $by!(licenses::table, licenses::company_name, Text),
            // Kept on the licence like the company's name
            // (`2026-12-06-100007_license_reference_sort_keys`).
            2 => $by!(licenses::table, licenses::product_key, Text),
            3 => $by!(licenses::table, licenses::status, Text),
            // COALESCE(seats, 2147483647), a generated column (never NULL).
            4 => $by!(licenses::table, licenses::seats_key.assume_not_null(), Int),
            5 => $by!(licenses::table, licenses::start_date, Date),
            6 => $by!(licenses::table, licenses::end_date, Date),
            // No partner / no rep: '' (first).
            7 => $by!(licenses::table, licenses::partner_name, Text),
            8 => $by!(licenses::table, licenses::rep_name, Text),
            _ => $plain,
        }
    };
}

/// Step one: the page's ids and sort values, in scan order.
fn scan(
    conn: &mut DbConnection,
    query: &ListQuery,
    req: &PageRequest,
    limit: usize,
) -> QueryResult<Vec<(i64, SortKey)>> {
    let desc = query.sort.descending;
    macro_rules! by {
        ($from:expr, $key:expr, $variant:ident) => {{
            let q = filtered!($from.select((licenses::id, $key)).into_boxed(), query);
            crate::sorted_ids!(conn, q, $key, licenses::id, $variant, req, limit, desc)
        }};
    }
    Ok(by_sort_column!(query.sort.column, by, {
        let q = filtered!(licenses::table.select(licenses::id).into_boxed(), query);
        let ids: Vec<i64> = crate::keyset_page!(q, licenses::id, req, limit, desc).load(conn)?;
        ids.into_iter().map(|id| (id, SortKey::None)).collect()
    }))
}

/// A license as exported, its references by id (text read lossily): key, company,
/// product, partner, rep, seats, start, end, status, notes.
pub type Record = (
    DbText,
    i64,
    i64,
    Option<i64>,
    Option<i64>,
    Option<i32>,
    NaiveDate,
    NaiveDate,
    DbText,
    DbText,
);

/// The columns of a [`Record`].
macro_rules! record_columns {
    () => {
        (
            licenses::license_key,
            licenses::company_id,
            licenses::product_code_id,
            licenses::partner_id,
            licenses::sales_rep_id,
            licenses::seats,
            licenses::start_date,
            licenses::end_date,
            licenses::status,
            licenses::notes,
        )
    };
}

/// The rows of the page after `req` (forward only), each with its sort value and its
/// [`Record`]: an export reads every license once. Up to `limit` + 1 rows (the last one
/// says there are more).
///
/// In id order, one keyset range scan over the primary key reads the records too. In
/// another order the scan reads only what the sort's index covers (ids and values), then
/// the records of those ids, 500 at a time: asked for whole records, MariaDB sorts the
/// whole filtered table for every page.
///
/// # Errors
/// Database errors.
pub fn export_scan(
    conn: &mut DbConnection,
    query: &ListQuery,
    req: &PageRequest,
    limit: usize,
) -> QueryResult<Vec<(i64, SortKey, Record)>> {
    if query.sort.column != 0 {
        let keys = scan(conn, query, req, limit)?;
        let mut found: Vec<(i64, Record)> = Vec::with_capacity(keys.len());
        for chunk in keys.chunks(500) {
            let ids: Vec<i64> = chunk.iter().map(|(id, _)| *id).collect();
            let rows: Vec<(i64, Record)> = licenses::table
                .filter(licenses::id.eq_any(&ids))
                .select((licenses::id, record_columns!()))
                .load(conn)?;
            found.extend(in_order(&ids, rows, |r| r.0));
        }
        // By id: a row gone since the scan (not in this read transaction) is left out.
        let mut found = found.into_iter().peekable();
        return Ok(keys
            .into_iter()
            .filter_map(|(id, key)| found.next_if(|(f, _)| *f == id).map(|(_, r)| (id, key, r)))
            .collect());
    }
    let q = filtered!(
        licenses::table
            .select((licenses::id, record_columns!()))
            .into_boxed(),
        query
    );
    Ok(
        crate::keyset_page!(q, licenses::id, req, limit, query.sort.descending)
            .load::<(i64, Record)>(conn)?
            .into_iter()
            .map(|(id, r)| (id, SortKey::None, r))
            .collect(),
    )
}

/// Names read lossily (see [`DbText`]).
type ListTuple = (
    i64,
    String,
    DbText,
    String,
    String,
    Option<i32>,
    NaiveDate,
    NaiveDate,
    Option<DbText>,
    Option<DbText>,
);

/// One page of the license list.
///
/// # Errors
/// Database errors.
pub fn page(
    conn: &mut DbConnection,
    query: &ListQuery,
    req: &PageRequest,
    limit: usize,
) -> QueryResult<Page> {
    let keys = scan(conn, query, req, limit)?;
    let ids: Vec<i64> = keys.iter().map(|(id, _)| *id).collect();
    let found: Vec<ListTuple> = licenses::table
        .inner_join(companies::table)
        .inner_join(product_codes::table)
        .left_join(partners::table)
        .left_join(sales_reps::table)
        .filter(licenses::id.eq_any(&ids))
        .select((
            licenses::id,
            licenses::license_key,
            companies::name,
            product_codes::code,
            licenses::status,
            licenses::seats,
            licenses::start_date,
            licenses::end_date,
            partners::name.nullable(),
            sales_reps::name.nullable(),
        ))
        .load(conn)?;
    let found = in_order(&ids, found, |r| r.0);
    let rows = found
        .into_iter()
        .zip(keys)
        .map(
            |((id, key, company, product, status, seats, start, end, partner, rep), (_, k))| Row {
                id,
                key: k,
                cells: vec![
                    key.into(),
                    company.into(),
                    product.into(),
                    status.into(),
                    Value::Seats(seats),
                    start.into(),
                    end.into(),
                    partner.into(),
                    rep.into(),
                ],
            },
        )
        .collect();
    Ok(Page::from_scan(rows, req, limit))
}

/// How many licenses match the filter.
///
/// # Errors
/// Database errors.
pub fn count(conn: &mut DbConnection, query: &ListQuery) -> QueryResult<i64> {
    // One currency, maybe a company: the kept licences per company and currency answer
    // it from a few rows per company.
    if kept::only_company_and_currency(query) && kept::currency_terms(query) == 1 {
        let n: Option<i64> = crate::kept_filtered!(
            company_money::table
                .select(sum_bigint(company_money::licenses))
                .into_boxed(),
            query
        )
        .get_result(conn)?;
        return Ok(n.unwrap_or(0));
    }
    // No term but status and company: the kept licences per company and status.
    if query.filter.words.is_empty()
        && query.filter.terms.iter().all(|t| {
            matches!(
                t,
                Term::LicenseStatus(_)
                    | Term::Name(Qualifier::Company, _)
                    | Term::Id(Qualifier::Company, _)
            )
        })
    {
        return kept_count(conn, query);
    }
    filtered!(licenses::table.count().into_boxed(), query).get_result(conn)
}

/// [`count`] from `license_counts` (kept by triggers, exact in every write's
/// transaction), under `status:` and `company:` terms only.
fn kept_count(conn: &mut DbConnection, query: &ListQuery) -> QueryResult<i64> {
    let mut q = license_counts::table
        .select(sum_bigint(license_counts::licenses))
        .into_boxed();
    for term in &query.filter.terms {
        q = match term {
            Term::LicenseStatus(list) => {
                q.filter(license_counts::status.eq_any(list.iter().map(|s| s.as_str())))
            }
            Term::Name(_, n) => q.filter(
                license_counts::company_id.eq_any(
                    companies::table
                        .filter(companies::name.like(contains(n)).escape('\\'))
                        .select(companies::id),
                ),
            ),
            Term::Id(_, id) => q.filter(license_counts::company_id.eq(*id)),
            _ => q,
        };
    }
    Ok(q.get_result::<Option<i64>>(conn)?.unwrap_or(0))
}

/// The revenue of the last recorded purchase of each license matching `query`, summed
/// per currency: what the renewals of an "expiring soon" list are worth.
///
/// # Errors
/// Database errors.
pub fn last_purchase_totals(
    conn: &mut DbConnection,
    query: &ListQuery,
) -> QueryResult<Vec<CurrencyTotal>> {
    let rows: Vec<(String, i64, Option<i64>, Option<i64>)> = filtered!(
        licenses::table
            .inner_join(license_last_purchase::table)
            .group_by(license_last_purchase::currency)
            .select((
                license_last_purchase::currency,
                diesel::dsl::count_star(),
                sum_bigint(license_last_purchase::cost_minor),
                sum_bigint(license_last_purchase::revenue_minor),
            ))
            .into_boxed(),
        query
    )
    .order(license_last_purchase::currency.asc())
    .load(conn)?;
    Ok(CurrencyTotal::from_rows(rows))
}
