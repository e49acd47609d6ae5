//! The report's SQL: one GROUP BY per figure, each answered from an index (see the
//! migration `utilization_indexes` and the EXPLAIN plans in the README). Nothing here reads
//! more than one row per company (or per company and currency) into memory.

use chrono::{Months, NaiveDate, NaiveDateTime};
use diesel::dsl::{count, count_star, sum};
use diesel::prelude::*;

use super::monthly::{MONTHS, MonthRow};
use crate::db::DbConnection;
use crate::db::money_summary::month_key;
use crate::db::queries::sum_bigint;
use crate::db::schema::{
    app_log, companies, company_money, company_month_money, licenses, partners, portal_users,
    purchases,
};
use crate::db::text::DbText;

/// Company ids per `IN (...)` list. MariaDB turns lists of 1,000 values or more into a
/// derived table and then reads whole companies instead of the window's range.
const IN_CHUNK: usize = 500;

// Revenue is grouped by the licence's company and the purchase's currency.
diesel::allow_columns_to_appear_in_same_group_by_clause!(licenses::company_id, purchases::currency);

/// [`super::Filters`] with names resolved to ids.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Resolved {
    pub company_id: Option<i64>,
    pub partner_id: Option<i64>,
    pub statuses: Vec<String>,
    pub currency: Option<String>,
    pub from: Option<NaiveDate>,
    pub to: Option<NaiveDate>,
    pub narrows: bool,
}

/// Applies the licence filters except currency to a boxed query that has `licenses`.
macro_rules! license_filters {
    ($query:expr, $f:expr) => {{
        let f: &Resolved = $f;
        let mut q = $query;
        if let Some(c) = f.company_id {
            q = q.filter(licenses::company_id.eq(c));
        }
        if let Some(p) = f.partner_id {
            q = q.filter(licenses::partner_id.eq(p));
        }
        if !f.statuses.is_empty() {
            q = q.filter(licenses::status.eq_any(f.statuses.clone()));
        }
        if let Some(from) = f.from {
            q = q.filter(licenses::end_date.ge(from));
        }
        if let Some(to) = f.to {
            q = q.filter(licenses::start_date.le(to));
        }
        q
    }};
}

/// Restricts a boxed query that has `licenses` to licences with a purchase in the currency.
macro_rules! currency_filter {
    ($query:expr, $f:expr) => {{
        let f: &Resolved = $f;
        let mut q = $query;
        if let Some(cur) = &f.currency {
            q = q.filter(
                licenses::id.eq_any(
                    purchases::table
                        .filter(purchases::currency.eq(cur.clone()))
                        .select(purchases::license_id),
                ),
            );
        }
        q
    }};
}

/// The id of the company (or partner) with exactly this name.
///
/// # Errors
/// Database errors.
pub fn company_id(conn: &mut DbConnection, name: &str) -> QueryResult<Option<i64>> {
    companies::table
        .filter(companies::name.eq(name))
        .select(companies::id)
        .first(conn)
        .optional()
}

/// # Errors
/// Database errors.
pub fn partner_id(conn: &mut DbConnection, name: &str) -> QueryResult<Option<i64>> {
    partners::table
        .filter(partners::name.eq(name))
        .select(partners::id)
        .first(conn)
        .optional()
}

/// The companies reported on: all (or the one filtered), or with licence filters only
/// those with a matching licence. `(id, name)` by name.
///
/// # Errors
/// Database errors.
pub fn companies(conn: &mut DbConnection, f: &Resolved) -> QueryResult<Vec<(i64, String)>> {
    let base = || {
        let q = companies::table
            .select((companies::id, companies::name))
            .into_boxed();
        match f.company_id {
            Some(c) => q.filter(companies::id.eq(c)),
            None => q,
        }
    };
    // Names read lossily (see `DbText`): one that is not UTF-8 does not fail the report.
    let mut out: Vec<(i64, DbText)> = if f.narrows {
        // Boxed subqueries do not nest through the multi-backend: fetch the ids first.
        let chosen = license_filters!(
            licenses::table
                .select(licenses::company_id)
                .distinct()
                .into_boxed(),
            f
        );
        let ids: Vec<i64> = currency_filter!(chosen, f).load(conn)?;
        let mut out = Vec::with_capacity(ids.len());
        for chunk in ids.chunks(IN_CHUNK) {
            out.extend(base().filter(companies::id.eq_any(chunk)).load(conn)?);
        }
        out
    } else {
        base().load(conn)?
    };
    out.sort_by(|a, b| a.1.cmp(&b.1).then(a.0.cmp(&b.0)));
    Ok(out.into_iter().map(|(id, name)| (id, name.0)).collect())
}

/// `(company, licences, of which limited, sum of limited seats)`.
pub type LicensedRow = (i64, i64, i64, Option<i64>);

/// Per company, the chosen licences active on `as_of` (status active, `start_date <= as_of
/// <= end_date`): `(company, licences, of which limited, sum of limited seats)`.
///
/// # Errors
/// Database errors.
pub fn licensed(
    conn: &mut DbConnection,
    f: &Resolved,
    as_of: NaiveDate,
) -> QueryResult<Vec<LicensedRow>> {
    let q = licenses::table
        .filter(licenses::status.eq(crate::domain::LicenseStatus::Active.as_str()))
        .filter(licenses::start_date.le(as_of))
        .filter(licenses::end_date.ge(as_of))
        .group_by(licenses::company_id)
        .select((
            licenses::company_id,
            count_star(),
            count(licenses::seats),
            sum(licenses::seats),
        ))
        .into_boxed();
    let q = license_filters!(q, f);
    currency_filter!(q, f).load(conn)
}

/// Per company in `ids`, portal users that are not disabled.
///
/// # Errors
/// Database errors.
pub fn registered(conn: &mut DbConnection, ids: &[i64]) -> QueryResult<Vec<(i64, i64)>> {
    let mut out = Vec::new();
    for chunk in ids.chunks(IN_CHUNK) {
        out.extend(
            portal_users::table
                .filter(portal_users::company_id.eq_any(chunk))
                .filter(portal_users::disabled.eq(false))
                .group_by(portal_users::company_id)
                .select((portal_users::company_id, count_star()))
                .load::<(i64, i64)>(conn)?,
        );
    }
    Ok(out)
}

/// Per company in `ids`, distinct users with an activity row in `[from, to)`. The IN list
/// lets both databases seek `(company_id, ts)` per company instead of scanning the index.
///
/// # Errors
/// Database errors.
pub fn active(
    conn: &mut DbConnection,
    ids: &[i64],
    from: NaiveDateTime,
    to: NaiveDateTime,
) -> QueryResult<Vec<(i64, i64)>> {
    let mut out = Vec::new();
    for chunk in ids.chunks(IN_CHUNK) {
        out.extend(
            app_log::table
                .filter(app_log::company_id.eq_any(chunk))
                .filter(app_log::ts.ge(from))
                .filter(app_log::ts.lt(to))
                .group_by(app_log::company_id)
                .select((
                    app_log::company_id,
                    count(app_log::user_id).aggregate_distinct(),
                ))
                .load::<(i64, i64)>(conn)?,
        );
    }
    Ok(out)
}

/// One row of [`money`].
#[derive(Debug, Clone, PartialEq, Eq, Queryable)]
pub struct MoneyRow {
    pub company_id: i64,
    pub currency: String,
    pub revenue: Option<i64>,
    pub cost: Option<i64>,
    /// Distinct licences with a purchase in this currency.
    pub licenses: i64,
}

/// Per company and currency, over all purchases of the chosen licences: revenue, cost and
/// how many licences they were for. Currencies are never added together.
///
/// # Errors
/// Database errors.
pub fn money(conn: &mut DbConnection, f: &Resolved) -> QueryResult<Vec<MoneyRow>> {
    // Without licence-level filters the kept totals answer it: ~1,000 rows read instead
    // of every purchase joined to its licence (see `db::money_summary`).
    if f.partner_id.is_none() && f.statuses.is_empty() && f.from.is_none() && f.to.is_none() {
        let mut q = company_money::table
            .filter(company_money::purchases.gt(0))
            .select((
                company_money::company_id,
                company_money::currency,
                company_money::revenue_minor.nullable(),
                company_money::cost_minor.nullable(),
                company_money::licenses,
            ))
            .into_boxed();
        if let Some(c) = f.company_id {
            q = q.filter(company_money::company_id.eq(c));
        }
        if let Some(cur) = &f.currency {
            q = q.filter(company_money::currency.eq(cur.clone()));
        }
        return q.load(conn);
    }
    let q = purchases::table
        .inner_join(licenses::table)
        .group_by((licenses::company_id, purchases::currency))
        .select((
            licenses::company_id,
            purchases::currency,
            sum_bigint(purchases::revenue_minor),
            sum_bigint(purchases::cost_minor),
            count(purchases::license_id).aggregate_distinct(),
        ))
        .into_boxed();
    let mut q = license_filters!(q, f);
    if let Some(cur) = &f.currency {
        q = q.filter(purchases::currency.eq(cur.clone()));
    }
    q.load(conn)
}

/// A date's month as "YYYY-MM", written the same on both backends: `SUBSTR(date, 1, 7)`
/// (SQLite keeps dates as ISO text; MySQL reads a DATE as ISO text in a string function).
#[derive(Debug, Clone, Copy, diesel::query_builder::QueryId)]
pub struct MonthOf<E>(pub E);

impl<E> Expression for MonthOf<E>
where
    E: Expression<SqlType = diesel::sql_types::Date>,
{
    type SqlType = diesel::sql_types::Text;
}

impl<E, DB> diesel::query_builder::QueryFragment<DB> for MonthOf<E>
where
    DB: diesel::backend::Backend,
    E: diesel::query_builder::QueryFragment<DB>,
{
    fn walk_ast<'b>(
        &'b self,
        mut out: diesel::query_builder::AstPass<'_, 'b, DB>,
    ) -> QueryResult<()> {
        out.push_sql("SUBSTR(");
        self.0.walk_ast(out.reborrow())?;
        out.push_sql(", 1, 7)");
        Ok(())
    }
}

impl<E, QS> AppearsOnTable<QS> for MonthOf<E>
where
    E: AppearsOnTable<QS>,
    Self: Expression,
{
}

impl<E, QS> SelectableExpression<QS> for MonthOf<E>
where
    E: SelectableExpression<QS>,
    Self: AppearsOnTable<QS>,
{
}

// A grouping key, never an aggregate.
impl<E, GB> diesel::expression::ValidGrouping<GB> for MonthOf<E> {
    type IsAggregate = diesel::expression::is_aggregate::Never;
}

// Grouped by (currency, month): the month is not the currency.
impl<E> diesel::expression::IsContainedInGroupBy<purchases::currency> for MonthOf<E> {
    type Output = diesel::expression::is_contained_in_group_by::No;
}

/// Revenue per currency and calendar month of the chosen licences' purchases in the
/// `months` (whole months): `(currency, "YYYY-MM", revenue)`.
///
/// Without licence-level filters the kept `company_month_money` answers it (about one row
/// per company, currency and month, read from its month index). Otherwise one GROUP BY
/// over the months' range of `purchases_date_money` joined to the licences.
///
/// # Errors
/// Database errors.
pub fn monthly_revenue(
    conn: &mut DbConnection,
    f: &Resolved,
    months: &[NaiveDate; MONTHS],
) -> QueryResult<Vec<MonthRow>> {
    let (first, last) = (months[0], months[MONTHS - 1]);
    if f.partner_id.is_none() && f.statuses.is_empty() && f.from.is_none() && f.to.is_none() {
        let mut q = company_month_money::table
            .filter(company_month_money::month_key.ge(month_key(first)))
            .filter(company_month_money::month_key.le(month_key(last)))
            .group_by((
                company_month_money::currency,
                company_month_money::month_key,
            ))
            .select((
                company_month_money::currency,
                company_month_money::month_key,
                sum_bigint(company_month_money::revenue_minor),
            ))
            .into_boxed();
        if let Some(c) = f.company_id {
            q = q.filter(company_month_money::company_id.eq(c));
        }
        if let Some(cur) = &f.currency {
            q = q.filter(company_month_money::currency.eq(cur.clone()));
        }
        return q.load(conn);
    }
    let end = last
        .checked_add_months(Months::new(1))
        .and_then(|d| d.pred_opt())
        .unwrap_or(last);
    let month = MonthOf(purchases::purchase_date);
    let q = purchases::table
        .inner_join(licenses::table)
        .filter(purchases::purchase_date.ge(first))
        .filter(purchases::purchase_date.le(end))
        .group_by((purchases::currency, month))
        .select((
            purchases::currency,
            month,
            sum_bigint(purchases::revenue_minor),
        ))
        .into_boxed();
    let mut q = license_filters!(q, f);
    if let Some(cur) = &f.currency {
        q = q.filter(purchases::currency.eq(cur.clone()));
    }
    q.load(conn)
}
