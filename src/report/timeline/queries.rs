//! The timeline's SQL. Rows are the license list's (filtered and sorted the same way,
//! `license_list::page`); these queries add what the chart draws on them, for the rows on
//! screen only: each license's purchases and completed deployments, and in the grouped
//! view the companies holding matching licenses and the spans those licenses cover.

use std::collections::HashMap;

use chrono::{Days, NaiveDate};
use diesel::dsl::sql;
use diesel::prelude::*;
use diesel::sql_types::BigInt;

use super::{CompanyCoverage, LicenseMarks};
use crate::db::DbConnection;
use crate::db::queries::license_list::filtered;
use crate::db::queries::list::ListQuery;
use crate::db::queries::page::{Page, PageRequest, Row, contains};
use crate::db::schema::{
    companies, deployments, licenses, partners, product_codes, purchases, sales_reps,
};
use crate::domain::filter::{Qualifier, Term};
use crate::domain::timeline::{Span, TermPurchase};
use crate::domain::{DeploymentStatus, LicenseStatus, PurchaseKind};

/// The purchases and completed deployments of licenses `ids`.
///
/// # Errors
/// Database errors.
pub fn marks(conn: &mut DbConnection, ids: &[i64]) -> QueryResult<HashMap<i64, LicenseMarks>> {
    let mut out: HashMap<i64, LicenseMarks> = ids
        .iter()
        .map(|id| (*id, LicenseMarks::default()))
        .collect();
    if ids.is_empty() {
        return Ok(out);
    }
    let bought: Vec<(i64, String, NaiveDate, Option<NaiveDate>)> = purchases::table
        .filter(purchases::license_id.eq_any(ids))
        .select((
            purchases::license_id,
            purchases::kind,
            purchases::purchase_date,
            purchases::term_end,
        ))
        .load(conn)?;
    for (license, kind, date, term_end) in bought {
        let Some(m) = out.get_mut(&license) else {
            continue;
        };
        // A kind another tool wrote that lms does not know is not a term: skip it.
        match kind.parse::<PurchaseKind>() {
            Ok(PurchaseKind::Expansion) => m.expansions.push(date),
            Ok(kind) => m.purchases.push(TermPurchase {
                kind,
                date,
                term_end,
            }),
            Err(_) => {}
        }
    }
    let done: Vec<(i64, Option<NaiveDate>)> = deployments::table
        .filter(deployments::license_id.eq_any(ids))
        .filter(deployments::status.eq(DeploymentStatus::Completed.as_str()))
        .select((deployments::license_id, deployments::completed_date))
        .load(conn)?;
    for (license, date) in done {
        if let (Some(m), Some(date)) = (out.get_mut(&license), date) {
            m.deployments.push(date);
        }
    }
    for m in out.values_mut() {
        m.expansions.sort_unstable();
        m.deployments.sort_unstable();
    }
    Ok(out)
}

/// Whether a per-company probe answers `query` from the `(company_id, status)` index
/// alone. Then walking companies by name and probing each for its first matching license
/// is cheap, where MariaDB would otherwise turn `IN`/`EXISTS` into a materialised
/// semi-join over every license (270 ms at 1M, unfiltered). A filter on anything else may
/// match few licenses per company: there the semi-join, which reads the matches once, wins.
fn probe_per_company(query: &ListQuery) -> bool {
    query.filter.words.is_empty()
        && query
            .filter
            .terms
            .iter()
            .all(|t| matches!(t, Term::LicenseStatus(_)))
}

/// Companies holding a license that matches `query`, as a boxed query on `companies`
/// for the backend connection `$c`; `$then` receives it. A macro because the boxed type
/// is the backend's own.
macro_rules! holding_companies {
    ($query:expr, |$q:ident| $then:expr) => {{
        let query: &ListQuery = $query;
        if probe_per_company(query) {
            // A scalar subquery with LIMIT 1: MariaDB cannot rewrite it into a semi-join.
            // Diesel refuses an outer column in a boxed subquery, hence the SQL literal;
            // both backends accept the unquoted name.
            let first = filtered!(
                licenses::table
                    .filter(licenses::company_id.eq(sql::<BigInt>("companies.id")))
                    .select(licenses::id)
                    .into_boxed(),
                query
            )
            .single_value();
            let $q = companies::table.filter(first.is_not_null()).into_boxed();
            $then
        } else {
            let holding = filtered!(
                licenses::table.select(licenses::company_id).into_boxed(),
                query
            );
            let $q = companies::table
                .filter(companies::id.eq_any(holding))
                .into_boxed();
            $then
        }
    }};
}

/// One page of the companies that hold a license matching `query`, by name.
///
/// # Errors
/// Database errors.
pub fn company_page(
    conn: &mut DbConnection,
    query: &ListQuery,
    req: &PageRequest,
    limit: usize,
) -> QueryResult<Page> {
    // On the backend's own connection: a boxed subquery of the multi-backend type is
    // not SQL for either backend.
    let keys = crate::with_backend!(conn, |c| {
        holding_companies!(query, |q| {
            crate::sorted_ids!(
                c,
                q.select((companies::id, companies::name)),
                companies::name,
                companies::id,
                Text,
                req,
                limit,
                false
            )
        })
    });
    let rows = keys
        .into_iter()
        .map(|(id, key)| {
            let name = match &key {
                crate::db::queries::page::SortKey::Text(n) => n.clone(),
                _ => String::new(),
            };
            Row {
                id,
                key,
                cells: vec![name.into()],
            }
        })
        .collect();
    Ok(Page::from_scan(rows, req, limit))
}

/// How many companies hold a license matching `query`.
///
/// # Errors
/// Database errors.
pub fn company_count(conn: &mut DbConnection, query: &ListQuery) -> QueryResult<i64> {
    crate::with_backend!(conn, |c| {
        holding_companies!(query, |q| q.count().get_result(c))
    })
}

/// For each company of `ids`: how many of its licenses match `query`, and the union of
/// the days those licenses cover. Drafts cover nothing yet.
///
/// # Errors
/// Database errors.
pub fn coverage(
    conn: &mut DbConnection,
    query: &ListQuery,
    ids: &[i64],
) -> QueryResult<HashMap<i64, CompanyCoverage>> {
    let mut out: HashMap<i64, CompanyCoverage> = HashMap::new();
    if ids.is_empty() {
        return Ok(out);
    }
    let rows: Vec<(i64, String, NaiveDate, NaiveDate)> = filtered!(
        licenses::table
            .filter(licenses::company_id.eq_any(ids))
            .select((
                licenses::company_id,
                licenses::status,
                licenses::start_date,
                licenses::end_date,
            ))
            .into_boxed(),
        query
    )
    .load(conn)?;
    let mut spans: HashMap<i64, Vec<Span>> = HashMap::new();
    for (company, status, from, to) in rows {
        let c = out.entry(company).or_default();
        c.licenses += 1;
        if status != LicenseStatus::Draft.as_str() {
            spans.entry(company).or_default().push(Span::new(from, to));
        }
    }
    for (company, list) in spans {
        if let Some(c) = out.get_mut(&company) {
            c.covered = crate::domain::timeline::union(list);
        }
    }
    Ok(out)
}
