//! `company_money` stays equal to the purchases aggregated from scratch, through purchases,
//! a licence changing company, and the demo loader, on both backends: its totals and its
//! last purchase (latest date, then highest id) per company and currency.
#![allow(clippy::unwrap_used)]

mod common;

use chrono::{Days, Local};
use common::builders::{CompanyBuilder, ProductBuilder, PurchaseBuilder};
use common::{TestDb, actor, each_backend};
use diesel::prelude::*;
use lms::db::schema::company_money;
use lms::domain::Seats;
use lms::domain::license_input::LicenseInput;
use lms::domain::purchase_input::PurchaseForm;
use lms::domain::{PurchaseKind, Role};
use lms::service::{demo, licenses, purchases};

type MoneyRow = (i64, String, i64, i64, i64, i64, Option<i64>);
type MonthRow = (i64, String, String, i64, i64);

/// The kept table, without rows a move left at zero.
fn kept(db: &mut TestDb) -> Vec<MoneyRow> {
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
        .load(&mut db.conn)
        .unwrap()
}

/// `company_month_money` without rows a move left at zero, and the same aggregated from
/// the purchases now: (company, currency, month, purchases, revenue).
fn months(db: &mut TestDb) -> (Vec<MonthRow>, Vec<MonthRow>) {
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
        .load(&mut db.conn)
        .unwrap();
    let scratch: Vec<R> = diesel::sql_query(
        "SELECT l.company_id AS company_id, p.currency AS currency, \
         SUBSTR(p.purchase_date, 1, 7) AS month, COUNT(*) AS n, \
         CAST(SUM(p.revenue_minor) AS SIGNED) AS revenue \
         FROM purchases p JOIN licenses l ON l.id = p.license_id \
         GROUP BY l.company_id, p.currency, SUBSTR(p.purchase_date, 1, 7) \
         ORDER BY l.company_id, p.currency, SUBSTR(p.purchase_date, 1, 7)",
    )
    .load(&mut db.conn)
    .unwrap();
    let scratch = scratch
        .into_iter()
        .map(|r| (r.company_id, r.currency, r.month, r.n, r.revenue))
        .collect();
    (kept, scratch)
}

/// The same figures aggregated from the purchases now.
fn from_scratch(db: &mut TestDb) -> Vec<MoneyRow> {
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
    .load(&mut db.conn)
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

fn buy(db: &mut TestDb, id: i64, kind: &str, amount: &str, currency: &str, extra: &str) {
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

#[test]
fn purchases_and_company_moves_keep_it_equal_to_the_purchases() {
    each_backend(|db| {
        let acme = CompanyBuilder::new("Acme").insert(&mut db.conn).id;
        let beta = CompanyBuilder::new("Beta").insert(&mut db.conn).id;
        let product = ProductBuilder::new("PRO").insert(&mut db.conn).id;
        let manager = actor(db, Role::Manager);
        let today = Local::now().date_naive();
        let input = |company_id| LicenseInput {
            company_id,
            product_code_id: product,
            partner_id: None,
            sales_rep_id: None,
            seats: Seats::Limited(5),
            start_date: today,
            end_date: today.checked_add_days(Days::new(300)).unwrap(),
            notes: String::new(),
        };
        let one = licenses::create(&mut db.conn, &manager, &input(acme)).unwrap();
        let two = licenses::create(&mut db.conn, &manager, &input(acme)).unwrap();
        let renew_to = today.checked_add_days(Days::new(700)).unwrap().to_string();
        buy(db, one, "new", "100.00", "EUR", "");
        buy(db, one, "renewal", "80.50", "EUR", &renew_to);
        buy(db, one, "expansion", "20.00", "USD", "3");
        buy(db, two, "new", "1000", "JPY", "");
        // A fixture purchase goes through the same bookkeeping.
        PurchaseBuilder::new(two)
            .kind(PurchaseKind::Renewal)
            .revenue(9_900)
            .currency("EUR")
            .on("2026-01-01")
            .insert(&mut db.conn);
        assert_eq!(kept(db), from_scratch(db), "{}", db.name());
        let (by_month, scratch) = months(db);
        assert_eq!(by_month, scratch, "{}", db.name());
        assert!(by_month.iter().any(|r| r.2 == "2026-01"), "{by_month:?}");
        let eur: Vec<MoneyRow> = kept(db).into_iter().filter(|r| r.1 == "EUR").collect();
        // The renewal of licence one, today, is the last EUR purchase: the fixture's,
        // recorded after it, is dated earlier.
        let renewal: i64 = lms::db::schema::purchases::table
            .filter(lms::db::schema::purchases::license_id.eq(one))
            .filter(lms::db::schema::purchases::kind.eq("renewal"))
            .select(lms::db::schema::purchases::id)
            .first(&mut db.conn)
            .unwrap();
        assert_eq!(
            eur,
            vec![(
                acme,
                "EUR".to_owned(),
                3,
                2,
                10_000 + 8_050 + 9_900,
                18_050 + 4_950,
                Some(renewal)
            )],
            "{}",
            db.name()
        );

        // Licence one moves to Beta: its money moves with it.
        let record = licenses::get(&mut db.conn, &manager, one).unwrap();
        let mut moved = record.input.clone();
        moved.company_id = beta;
        licenses::update(&mut db.conn, &manager, one, record.version, &moved).unwrap();
        assert_eq!(kept(db), from_scratch(db), "{}: after the move", db.name());
        let (by_month, scratch) = months(db);
        assert_eq!(by_month, scratch, "{}: months after the move", db.name());
        assert!(
            kept(db).iter().any(|r| r.0 == beta && r.1 == "USD"),
            "{}",
            db.name()
        );
    });
}

#[test]
fn the_demo_loader_rebuilds_it() {
    each_backend(|db| {
        let admin = actor(db, Role::Admin);
        let size = demo::DemoSize {
            companies: 8,
            licenses: 80,
            portal_users: 100,
            activity_rows: 500,
            ..demo::DemoSize::default()
        };
        demo::load(
            &mut db.conn,
            &admin,
            &size,
            Local::now().date_naive(),
            &mut |_| {},
        )
        .unwrap();
        let rows = kept(db);
        assert!(rows.len() >= 8, "{}: {rows:?}", db.name());
        assert_eq!(rows, from_scratch(db), "{}", db.name());
        let (by_month, scratch) = months(db);
        assert!(by_month.len() >= 8, "{}: {by_month:?}", db.name());
        assert_eq!(by_month, scratch, "{}", db.name());
    });
}
