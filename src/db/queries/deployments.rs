//! Deployment pages: newest first, with license, customer and engineer.

use chrono::NaiveDate;
use diesel::prelude::*;

use super::list::ListQuery;
use super::page::{Page, PageRequest, Row, SortKey, contains};
use crate::db::DbConnection;
use crate::db::schema::{companies, deployments, engineers, licenses};
use crate::db::text::DbText;
use crate::domain::filter::{Qualifier, Term};
use crate::joined_page;

/// Names read lossily (see [`DbText`]).
type Tuple = (
    i64,
    String,
    DbText,
    Option<DbText>,
    String,
    Option<NaiveDate>,
    Option<NaiveDate>,
    Option<NaiveDate>,
    String,
);

/// The qualifiers the deployment list understands.
pub const QUALIFIERS: &[Qualifier] = &[
    Qualifier::DeploymentStatus,
    Qualifier::Engineer,
    Qualifier::Company,
    Qualifier::Date,
];

/// Adds `query`'s filter (dates compare the scheduled date) to a boxed deployments query.
macro_rules! filtered {
    ($q:expr, $query:expr) => {{
        let query: &ListQuery = $query;
        let mut q =
            crate::words_filter!($q, query, deployments::environment, deployments::license_id);
        for term in &query.filter.terms {
            q = match term {
                Term::DeploymentStatus(list) => {
                    q.filter(deployments::status.eq_any(list.iter().map(|s| s.as_str())))
                }
                Term::Name(Qualifier::Company, n) => q.filter(
                    deployments::license_id.eq_any(crate::license_ids_of_companies!(contains(n))),
                ),
                Term::Name(_, n) => q.filter(
                    deployments::engineer_id.eq_any(
                        engineers::table
                            .filter(engineers::name.like(contains(n)).escape('\\'))
                            .select(engineers::id.nullable()),
                    ),
                ),
                Term::Id(Qualifier::Company, id) => q.filter(
                    deployments::license_id.eq_any(
                        licenses::table
                            .filter(licenses::company_id.eq(*id))
                            .select(licenses::id),
                    ),
                ),
                Term::Id(_, id) => q.filter(deployments::engineer_id.eq(*id)),
                Term::Date(_, cmp, d) => {
                    let d = *d;
                    crate::date_filter!(q, deployments::scheduled_date, cmp, d)
                }
                // Other lists' qualifiers: `Filter::parse` with `QUALIFIERS` refuses them.
                _ => q,
            };
        }
        q
    }};
}

/// Newest first.
///
/// # Errors
/// Database errors.
pub fn page(
    conn: &mut DbConnection,
    query: &ListQuery,
    req: &PageRequest,
    limit: usize,
) -> QueryResult<Page> {
    let rows = joined_page!(
        conn,
        filtered!(
            deployments::table.select(deployments::id).into_boxed(),
            query
        ),
        deployments::id,
        deployments::table
            .inner_join(licenses::table.inner_join(companies::table))
            .left_join(engineers::table)
            .select((
                deployments::id,
                licenses::license_key,
                companies::name,
                engineers::name.nullable(),
                deployments::status,
                deployments::scheduled_date,
                deployments::started_date,
                deployments::completed_date,
                deployments::environment,
            )),
        Tuple,
        req,
        limit,
        query.sort.descending
    );
    let rows = rows
        .into_iter()
        .map(
            |(id, key, company, engineer, status, scheduled, started, completed, env)| Row {
                key: SortKey::None,
                id,
                cells: vec![
                    key.into(),
                    company.into(),
                    engineer.into(),
                    status.into(),
                    scheduled.into(),
                    started.into(),
                    completed.into(),
                    env.into(),
                ],
            },
        )
        .collect();
    Ok(Page::from_scan(rows, req, limit))
}

/// How many deployments match.
///
/// # Errors
/// Database errors.
pub fn count(conn: &mut DbConnection, query: &ListQuery) -> QueryResult<i64> {
    filtered!(deployments::table.count().into_boxed(), query).get_result(conn)
}
