//! The purchase list: newest purchase date first (or oldest, reversed), filtered in SQL,
//! with totals per currency over everything that matches.

use chrono::NaiveDate;
use diesel::prelude::*;

use super::list::ListQuery;
use super::page::{Page, PageRequest, Row, Value, contains, in_order};
use super::{kept, sum_bigint};
use crate::db::DbConnection;
use crate::db::schema::{companies, company_money, licenses, partners, purchases, sales_reps};
use crate::db::text::DbText;
use crate::domain::filter::{Qualifier, Term};

/// The qualifiers the purchase list understands.
pub const QUALIFIERS: &[Qualifier] = &[
    Qualifier::Kind,
    Qualifier::Currency,
    Qualifier::Date,
    Qualifier::Company,
    Qualifier::Rep,
    Qualifier::Partner,
];

/// Adds `query`'s filter to a boxed purchases query. Names are matched through
/// subqueries, so the page's first step reads `purchases` alone.
macro_rules! filtered {
    ($q:expr, $query:expr) => {{
        let query: &ListQuery = $query;
        let mut q = crate::words_filter!($q, query, purchases::order_number, purchases::license_id);
        for term in &query.filter.terms {
            q = match term {
                Term::Kind(kinds) => {
                    q.filter(purchases::kind.eq_any(kinds.iter().map(|k| k.as_str())))
                }
                Term::Currency(c) => q.filter(purchases::currency.eq(c.code().to_owned())),
                Term::Date(_, cmp, d) => {
                    let d = *d;
                    crate::date_filter!(q, purchases::purchase_date, cmp, d)
                }
                Term::Name(Qualifier::Company, n) => q.filter(
                    purchases::license_id.eq_any(crate::license_ids_of_companies!(contains(n))),
                ),
                Term::Name(Qualifier::Partner, n) => q.filter(
                    purchases::partner_id.eq_any(
                        partners::table
                            .filter(partners::name.like(contains(n)).escape('\\'))
                            .select(partners::id.nullable()),
                    ),
                ),
                Term::Name(_, n) => q.filter(
                    purchases::sales_rep_id.eq_any(
                        sales_reps::table
                            .filter(sales_reps::name.like(contains(n)).escape('\\'))
                            .select(sales_reps::id.nullable()),
                    ),
                ),
                Term::Id(Qualifier::Company, id) => q.filter(
                    purchases::license_id.eq_any(
                        licenses::table
                            .filter(licenses::company_id.eq(*id))
                            .select(licenses::id),
                    ),
                ),
                Term::Id(Qualifier::Partner, id) => q.filter(purchases::partner_id.eq(*id)),
                Term::Id(_, id) => q.filter(purchases::sales_rep_id.eq(*id)),
                // Other lists' qualifiers: `Filter::parse` with `QUALIFIERS` refuses them.
                _ => q,
            };
        }
        q
    }};
}

/// The company name read lossily (see [`DbText`]).
type Tuple = (
    i64,
    NaiveDate,
    String,
    DbText,
    String,
    i32,
    i64,
    i64,
    String,
    String,
);

/// # Errors
/// Database errors.
pub fn page(
    conn: &mut DbConnection,
    query: &ListQuery,
    req: &PageRequest,
    limit: usize,
) -> QueryResult<Page> {
    // The sort column is always the date (newest first by default, see `ListQuery::for`).
    let desc = query.sort.descending;
    let q = filtered!(
        purchases::table
            .select((purchases::id, purchases::purchase_date))
            .into_boxed(),
        query
    );
    let keys = crate::sorted_ids!(
        conn,
        q,
        purchases::purchase_date,
        purchases::id,
        Date,
        req,
        limit,
        desc
    );
    let ids: Vec<i64> = keys.iter().map(|(id, _)| *id).collect();
    let found: Vec<Tuple> = purchases::table
        .inner_join(licenses::table.inner_join(companies::table))
        .filter(purchases::id.eq_any(&ids))
        .select((
            purchases::id,
            purchases::purchase_date,
            licenses::license_key,
            companies::name,
            purchases::kind,
            purchases::seats_added,
            purchases::cost_minor,
            purchases::revenue_minor,
            purchases::currency,
            purchases::order_number,
        ))
        .load(conn)?;
    let rows = in_order(&ids, found, |r| r.0)
        .into_iter()
        .zip(keys)
        .map(
            |((id, date, key, company, kind, seats, cost, revenue, currency, order), (_, k))| Row {
                id,
                key: k,
                cells: vec![
                    date.into(),
                    key.into(),
                    company.into(),
                    kind.into(),
                    Value::Count(seats.into()),
                    Value::Money(cost, currency.clone()),
                    Value::Money(revenue, currency),
                    order.into(),
                ],
            },
        )
        .collect();
    Ok(Page::from_scan(rows, req, limit))
}

/// How many purchases match.
///
/// # Errors
/// Database errors.
pub fn count(conn: &mut DbConnection, query: &ListQuery) -> QueryResult<i64> {
    if kept_answers(query) {
        let n: Option<i64> = crate::kept_filtered!(
            company_money::table
                .select(sum_bigint(company_money::purchases))
                .into_boxed(),
            query
        )
        .get_result(conn)?;
        return Ok(n.unwrap_or(0));
    }
    filtered!(purchases::table.count().into_boxed(), query).get_result(conn)
}

/// `(currency, SUM(purchases), SUM(cost), SUM(revenue))` over `company_money`.
type KeptSums = (String, Option<i64>, Option<i64>, Option<i64>);

/// Whether the kept money answers the count and totals of `query` (see [`kept`]): then
/// they read a few rows per company instead of every matching purchase (2.26M
/// unfiltered at 1M licences).
fn kept_answers(query: &ListQuery) -> bool {
    kept::only_company_and_currency(query)
}

/// Cost and revenue of the matching purchases, one entry per currency (never added
/// across currencies), by currency code.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CurrencyTotal {
    pub currency: String,
    pub purchases: i64,
    pub cost_minor: i64,
    pub revenue_minor: i64,
}

/// # Errors
/// Database errors.
pub fn totals(conn: &mut DbConnection, query: &ListQuery) -> QueryResult<Vec<CurrencyTotal>> {
    if kept_answers(query) {
        let rows: Vec<KeptSums> = crate::kept_filtered!(
            company_money::table
                .group_by(company_money::currency)
                .select((
                    company_money::currency,
                    sum_bigint(company_money::purchases),
                    sum_bigint(company_money::cost_minor),
                    sum_bigint(company_money::revenue_minor),
                ))
                .into_boxed(),
            query
        )
        .order(company_money::currency.asc())
        .load(conn)?;
        return Ok(CurrencyTotal::from_rows(
            rows.into_iter()
                .map(|(c, n, cost, revenue)| (c, n.unwrap_or(0), cost, revenue))
                .collect(),
        ));
    }
    let rows: Vec<(String, i64, Option<i64>, Option<i64>)> = filtered!(
        purchases::table
            .group_by(purchases::currency)
            .select(crate::currency_totals!())
            .into_boxed(),
        query
    )
    .order(purchases::currency.asc())
    .load(conn)?;
    Ok(CurrencyTotal::from_rows(rows))
}

/// The columns [`CurrencyTotal::from_rows`] reads, for a query grouped by currency over
/// `purchases`.
#[macro_export]
macro_rules! currency_totals {
    () => {
        (
            $crate::db::schema::purchases::currency,
            diesel::dsl::count_star(),
            $crate::db::queries::sum_bigint($crate::db::schema::purchases::cost_minor),
            $crate::db::queries::sum_bigint($crate::db::schema::purchases::revenue_minor),
        )
    };
}

impl CurrencyTotal {
    /// From `(currency, purchases, SUM(cost), SUM(revenue))` rows.
    #[must_use]
    pub fn from_rows(rows: Vec<(String, i64, Option<i64>, Option<i64>)>) -> Vec<Self> {
        rows.into_iter()
            .map(|(currency, n, cost, revenue)| CurrencyTotal {
                currency,
                purchases: n,
                cost_minor: cost.unwrap_or(0),
                revenue_minor: revenue.unwrap_or(0),
            })
            .collect()
    }
}
