//! `company_money` and `company_month_money` as kept, and the same aggregated from the
//! purchases from scratch: the check that the read models stay exact.
#![allow(dead_code, clippy::unwrap_used, clippy::expect_used)]

use chrono::{Days, Local};
use diesel::prelude::*;
use lms::domain::license_input::LicenseInput;
use lms::domain::purchase_input::PurchaseForm;
use lms::domain::{Role, Seats};
use lms::service::{licenses, purchases};

use super::{TestDb, actor};
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

/// (currency, licence) pairs: `license_currencies` as kept, then from the purchases now.
type CurrencyPairs = Vec<(String, i64)>;
/// (licence, purchase, currency, revenue, cost).
type LastRow = (i64, i64, String, i64, i64, chrono::NaiveDate);

/// Asserts that the licence list's read models of the purchases (`license_currencies`,
/// `license_last_purchase`) equal the purchases aggregated from scratch.
pub fn assert_licence_models(c: &mut DbConnection, label: &str) {
    use lms::db::schema::{license_currencies as lc, license_last_purchase as last, purchases};
    let kept: CurrencyPairs = lc::table
        .select((lc::currency, lc::license_id))
        .order((lc::currency, lc::license_id))
        .load(c)
        .unwrap();
    let scratch: CurrencyPairs = purchases::table
        .select((purchases::currency, purchases::license_id))
        .distinct()
        .order((purchases::currency, purchases::license_id))
        .load(c)
        .unwrap();
    assert_eq!(kept, scratch, "{label}: license_currencies");
    let kept: Vec<LastRow> = last::table
        .select((
            last::license_id,
            last::purchase_id,
            last::currency,
            last::revenue_minor,
            last::cost_minor,
            last::purchase_date,
        ))
        .order(last::license_id)
        .load(c)
        .unwrap();
    let all: Vec<LastRow> = purchases::table
        .select((
            purchases::license_id,
            purchases::id,
            purchases::currency,
            purchases::revenue_minor,
            purchases::cost_minor,
            purchases::purchase_date,
        ))
        .order((purchases::license_id, purchases::id))
        .load(c)
        .unwrap();
    // The last of each licence's purchases, by id.
    let mut scratch: Vec<LastRow> = Vec::new();
    for row in all {
        match scratch.last_mut() {
            Some(prev) if prev.0 == row.0 => *prev = row,
            _ => scratch.push(row),
        }
    }
    assert_eq!(kept, scratch, "{label}: license_last_purchase");
    assert_owner_months(c, label);
}

type PurchaseMonth = (
    chrono::NaiveDate,
    Option<i64>,
    Option<i64>,
    String,
    String,
    i64,
    i32,
);
type OwnerMonth = (
    (chrono::NaiveDate, i64, i64, String, String),
    (i64, i64, i64),
);

/// `owner_month_bookings` against the purchases, summed here.
pub fn assert_owner_months(c: &mut DbConnection, label: &str) {
    use chrono::Datelike;
    use lms::db::schema::{owner_month_bookings as b, purchases as p};
    let kept: Vec<OwnerMonth> = b::table
        .select((
            (
                b::month,
                b::sales_rep_id,
                b::partner_id,
                b::kind,
                b::currency,
            ),
            (b::purchases, b::revenue_minor, b::seats_added),
        ))
        .load(c)
        .unwrap();
    let kept: std::collections::BTreeMap<_, _> = kept.into_iter().collect();
    let rows: Vec<PurchaseMonth> = p::table
        .select((
            p::purchase_date,
            p::sales_rep_id,
            p::partner_id,
            p::kind,
            p::currency,
            p::revenue_minor,
            p::seats_added,
        ))
        .load(c)
        .unwrap();
    let mut scratch = std::collections::BTreeMap::new();
    for (date, rep, partner, kind, currency, revenue, seats) in rows {
        let month = date.with_day(1).unwrap();
        let key = (
            month,
            rep.unwrap_or(0),
            partner.unwrap_or(0),
            kind,
            currency,
        );
        let sums: &mut (i64, i64, i64) = scratch.entry(key).or_default();
        sums.0 += 1;
        sums.1 += revenue;
        sums.2 += i64::from(seats);
    }
    assert_eq!(kept, scratch, "{label}: owner_month_bookings");
}

/// Records a purchase of `kind` on licence `id` through the purchase use case, dated
/// today: `extra` is the seats added (expansion) or the new end date (renewal).
pub fn buy(db: &mut TestDb, id: i64, kind: &str, amount: &str, currency: &str, extra: &str) {
    let manager = actor(db, Role::Manager);
    let record = licenses::get(&mut db.conn, &manager, id).unwrap();
    let today = Local::now().date_naive();
    let form = PurchaseForm {
        license_id: id,
        kind: kind.into(),
        purchase_date: today.to_string(),
        seats_added: if kind == "expansion" {
            extra.into()
        } else {
            String::new()
        },
        cost: amount.into(),
        revenue: amount.into(),
        currency: currency.into(),
        new_end_date: if kind == "renewal" {
            extra.into()
        } else {
            String::new()
        },
        ..PurchaseForm::default()
    };
    purchases::record(
        &mut db.conn,
        &manager,
        record.version,
        &form.parse().unwrap(),
    )
    .unwrap();
}

/// Creates a licence of `company_id` for `product` through the licence use case: 5 seats,
/// from today for 300 days. Its id.
pub fn new_license(db: &mut TestDb, company_id: i64, product: i64) -> i64 {
    let manager = actor(db, Role::Manager);
    let today = Local::now().date_naive();
    let input = LicenseInput {
        company_id,
        product_code_id: product,
        partner_id: None,
        sales_rep_id: None,
        seats: Seats::Limited(5),
        start_date: today,
        end_date: today.checked_add_days(Days::new(300)).unwrap(),
        notes: String::new(),
    };
    licenses::create(&mut db.conn, &manager, &input).unwrap()
}

/// Loads a small demo (8 companies, 80 licences) through the demo loader, which rebuilds
/// the read models from scratch.
pub fn load_small_demo(db: &mut TestDb) {
    load_demo_of(db, 80);
}

/// Loads a demo of 8 companies and `licenses` licences through the demo loader.
pub fn load_demo_of(db: &mut TestDb, licenses: u64) {
    let admin = actor(db, Role::Admin);
    let size = lms::service::demo::DemoSize {
        companies: 8,
        licenses,
        portal_users: 100,
        activity_rows: 500,
        ..lms::service::demo::DemoSize::default()
    };
    lms::service::demo::load(
        &mut db.conn,
        &admin,
        &size,
        Local::now().date_naive(),
        &mut |_| {},
    )
    .unwrap();
}
