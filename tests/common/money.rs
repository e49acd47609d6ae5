//! `company_money` and `company_month_money` as kept, and the same aggregated from the
//! purchases from scratch: the check that the read models stay exact.
#![allow(dead_code, clippy::unwrap_used, clippy::expect_used)]

use diesel::prelude::*;
use lms::db::DbConnection;
use lms::db::schema::company_money;

pub type MoneyRow = (i64, String, i64, i64, i64, i64, Option<i64>);
pub type MonthRow = (i64, String, String, i64, i64);

/// The kept table, without rows a move left at zero.
pub fn kept(c: &mut DbConnection) -> Vec<MoneyRow> {
    company_money::table
        .filter(company_money::purchases.gt(0))
        .select((
            company_money::company_id,
            company_money::currency,
            company_money::purchases,
            company_money::licenses,
            company_money::revenue_minor,
            company_money::cost_minor,
            company_money::last_purchase_id,
        ))
        .order((company_money::company_id, company_money::currency))
        .load(c)
        .unwrap()
}

/// `company_month_money` without rows a move left at zero, and the same aggregated from
/// the purchases now: (company, currency, month, purchases, revenue).
pub fn months(c: &mut DbConnection) -> (Vec<MonthRow>, Vec<MonthRow>) {
    use lms::db::schema::company_month_money as m;
    #[derive(QueryableByName)]
    struct R {
        #[diesel(sql_type = diesel::sql_types::BigInt)]
        company_id: i64,
        #[diesel(sql_type = diesel::sql_types::Text)]
        currency: String,
        #[diesel(sql_type = diesel::sql_types::Text)]
        month: String,
        #[diesel(sql_type = diesel::sql_types::BigInt)]
        n: i64,
        #[diesel(sql_type = diesel::sql_types::BigInt)]
        revenue: i64,
    }
    let kept = m::table
        .filter(m::purchases.gt(0))
        .select((
            m::company_id,
            m::currency,
            m::month_key,
            m::purchases,
            m::revenue_minor,
        ))
        .order((m::company_id, m::currency, m::month_key))
        .load(c)
        .unwrap();
    let scratch: Vec<R> = diesel::sql_query(
        "SELECT l.company_id AS company_id, p.currency AS currency, \
         SUBSTR(p.purchase_date, 1, 7) AS month, COUNT(*) AS n, \
         CAST(SUM(p.revenue_minor) AS SIGNED) AS revenue \
         FROM purchases p JOIN licenses l ON l.id = p.license_id \
         GROUP BY l.company_id, p.currency, SUBSTR(p.purchase_date, 1, 7) \
         ORDER BY l.company_id, p.currency, SUBSTR(p.purchase_date, 1, 7)",
    )
    .load(c)
    .unwrap();
    let scratch = scratch
        .into_iter()
        .map(|r| (r.company_id, r.currency, r.month, r.n, r.revenue))
        .collect();
    (kept, scratch)
}

/// The same figures aggregated from the purchases now.
pub fn from_scratch(c: &mut DbConnection) -> Vec<MoneyRow> {
    #[derive(QueryableByName)]
    struct R {
        #[diesel(sql_type = diesel::sql_types::BigInt)]
        company_id: i64,
        #[diesel(sql_type = diesel::sql_types::Text)]
        currency: String,
        #[diesel(sql_type = diesel::sql_types::BigInt)]
        n: i64,
        #[diesel(sql_type = diesel::sql_types::BigInt)]
        licenses: i64,
        #[diesel(sql_type = diesel::sql_types::BigInt)]
        revenue: i64,
        #[diesel(sql_type = diesel::sql_types::BigInt)]
        cost: i64,
        #[diesel(sql_type = diesel::sql_types::Nullable<diesel::sql_types::BigInt>)]
        last: Option<i64>,
    }
    let rows: Vec<R> = diesel::sql_query(
        "SELECT l.company_id AS company_id, p.currency AS currency, COUNT(*) AS n, \
         COUNT(DISTINCT p.license_id) AS licenses, \
         CAST(SUM(p.revenue_minor) AS SIGNED) AS revenue, \
         CAST(SUM(p.cost_minor) AS SIGNED) AS cost, \
         (SELECT q.id FROM purchases q JOIN licenses m ON m.id = q.license_id \
          WHERE m.company_id = l.company_id AND q.currency = p.currency \
          ORDER BY q.purchase_date DESC, q.id DESC LIMIT 1) AS last \
         FROM purchases p JOIN licenses l ON l.id = p.license_id \
         GROUP BY l.company_id, p.currency ORDER BY l.company_id, p.currency",
    )
    .load(c)
    .unwrap();
    rows.into_iter()
        .map(|r| {
            (
                r.company_id,
                r.currency,
                r.n,
                r.licenses,
                r.revenue,
                r.cost,
                r.last,
            )
        })
        .collect()
}
