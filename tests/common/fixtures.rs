//! Small fixture builders that insert rows directly, for tests that need data but not the
//! demo generator.
#![allow(dead_code, clippy::unwrap_used, clippy::expect_used)]

use chrono::NaiveDate;
use diesel::prelude::*;
use lms::db::models::{
    NewCompany, NewEngineer, NewLicense, NewPartner, NewProductCode, NewPurchase, NewSalesRep,
};
use lms::db::schema::{
    companies, engineers, licenses, partners, product_codes, purchases, sales_reps,
};
use lms::db::{DbConnection, now};

pub fn date(s: &str) -> NaiveDate {
    NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap()
}

pub fn company(conn: &mut DbConnection, name: &str) -> i64 {
    let t = now();
    diesel::insert_into(companies::table)
        .values(&NewCompany {
            id: None,
            name: name.into(),
            country: "DE".into(),
            contact_email: format!("ops@{}.example", name.to_lowercase().replace(' ', "")),
            notes: String::new(),
            created_at: t,
            updated_at: t,
        })
        .execute(conn)
        .unwrap();
    conn.last_insert_id().unwrap()
}

pub fn product(conn: &mut DbConnection, code: &str) -> i64 {
    let t = now();
    diesel::insert_into(product_codes::table)
        .values(&NewProductCode {
            id: None,
            code: code.into(),
            name: format!("{code} edition"),
            description: String::new(),
            created_at: t,
            updated_at: t,
        })
        .execute(conn)
        .unwrap();
    conn.last_insert_id().unwrap()
}

pub fn partner(conn: &mut DbConnection, name: &str) -> i64 {
    let t = now();
    diesel::insert_into(partners::table)
        .values(&NewPartner {
            id: None,
            name: name.into(),
            country: "FR".into(),
            contact_email: String::new(),
            created_at: t,
            updated_at: t,
        })
        .execute(conn)
        .unwrap();
    conn.last_insert_id().unwrap()
}

pub fn sales_rep(conn: &mut DbConnection, name: &str) -> i64 {
    let t = now();
    diesel::insert_into(sales_reps::table)
        .values(&NewSalesRep {
            id: None,
            name: name.into(),
            email: format!("{}@rep.example", name.to_lowercase().replace(' ', ".")),
            region: "EMEA".into(),
            active: true,
            created_at: t,
            updated_at: t,
        })
        .execute(conn)
        .unwrap();
    conn.last_insert_id().unwrap()
}

pub fn engineer(conn: &mut DbConnection, name: &str, active: bool) -> i64 {
    let t = now();
    diesel::insert_into(engineers::table)
        .values(&NewEngineer {
            id: None,
            name: name.into(),
            email: format!("{}@eng.example", name.to_lowercase().replace(' ', ".")),
            region: "EMEA".into(),
            active,
            created_at: t,
            updated_at: t,
        })
        .execute(conn)
        .unwrap();
    conn.last_insert_id().unwrap()
}

/// Arms a trigger that makes the database refuse inserts into `table` when `condition`
/// (SQL on `NEW`) holds; returns the statement that removes it.
pub fn fail_inserts(conn: &mut DbConnection, table: &str, condition: &str) -> String {
    use diesel::connection::SimpleConnection;
    let sql = match conn.kind() {
        lms::db::BackendKind::Sqlite => format!(
            "CREATE TRIGGER test_boom AFTER INSERT ON {table} WHEN {condition} \
             BEGIN SELECT RAISE(ABORT, 'boom'); END;"
        ),
        lms::db::BackendKind::Mysql => format!(
            "CREATE TRIGGER test_boom AFTER INSERT ON {table} FOR EACH ROW \
             BEGIN IF {condition} THEN SIGNAL SQLSTATE '45000' SET MESSAGE_TEXT = 'boom'; \
             END IF; END"
        ),
    };
    conn.batch_execute(&sql).unwrap();
    "DROP TRIGGER test_boom;".to_owned()
}

/// Inserts a license with key `LIC-<id>`; returns its id.
pub fn license(
    conn: &mut DbConnection,
    company_id: i64,
    product_id: i64,
    seats: Option<i32>,
    status: &str,
    (start, end): (&str, &str),
) -> i64 {
    let t = now();
    conn.transaction(|conn| {
        diesel::insert_into(licenses::table)
            .values(&NewLicense {
                id: None,
                license_key: format!("TMP-{}", uuidish()),
                company_id,
                product_code_id: product_id,
                partner_id: None,
                sales_rep_id: None,
                seats,
                start_date: date(start),
                end_date: date(end),
                status: status.into(),
                notes: String::new(),
                created_at: t,
                updated_at: t,
            })
            .execute(conn)?;
        let id = conn.last_insert_id()?;
        diesel::update(licenses::table.find(id))
            .set(licenses::license_key.eq(lms::domain::license_key(id)))
            .execute(conn)?;
        QueryResult::Ok(id)
    })
    .unwrap()
}

pub fn purchase(
    conn: &mut DbConnection,
    license_id: i64,
    kind: &str,
    revenue: i64,
    currency: &str,
    on: &str,
) {
    diesel::insert_into(purchases::table)
        .values(&NewPurchase {
            license_id,
            kind: kind.into(),
            purchase_date: date(on),
            seats_added: 0,
            cost_minor: revenue / 2,
            revenue_minor: revenue,
            currency: currency.into(),
            order_number: format!("PO-{license_id}"),
            sales_rep_id: None,
            partner_id: None,
            created_at: now(),
        })
        .execute(conn)
        .unwrap();
    lms::db::money_summary::add_purchase(conn, license_id, currency, revenue, revenue / 2).unwrap();
}

fn uuidish() -> String {
    use std::sync::atomic::{AtomicU64, Ordering};
    static N: AtomicU64 = AtomicU64::new(0);
    format!(
        "{}-{}",
        std::process::id(),
        N.fetch_add(1, Ordering::Relaxed)
    )
}

/// `n` active licenses for one company and product; returns their ids in order.
pub fn licenses(conn: &mut DbConnection, n: usize) -> Vec<i64> {
    let c = company(conn, "Acme Robotics");
    let p = product(conn, "LMS-ENT");
    (0..n)
        .map(|i| {
            license(
                conn,
                c,
                p,
                Some(10 + i32::try_from(i).unwrap()),
                "active",
                ("2026-01-01", "2027-01-01"),
            )
        })
        .collect()
}
