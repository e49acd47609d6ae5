//! `company_money` (and the licence list's `license_currencies` and
//! `license_last_purchase`) stays equal to the purchases aggregated from scratch, through purchases,
//! a licence changing company, and the demo loader, on both backends: its totals and its
//! last purchase (latest date, then highest id) per company and currency.
#![allow(clippy::unwrap_used)]

mod common;

use chrono::{Days, Local};
use common::builders::{CompanyBuilder, ProductBuilder, PurchaseBuilder};
use common::money::{
    MoneyRow, assert_licence_models, buy, from_scratch, kept, load_small_demo, months, new_license,
};
use common::{actor, each_backend};
use diesel::prelude::*;
use lms::domain::{PurchaseKind, Role};
use lms::service::licenses;

#[test]
fn purchases_and_company_moves_keep_it_equal_to_the_purchases() {
    each_backend(|db| {
        let acme = CompanyBuilder::new("Acme").insert(&mut db.conn).id;
        let beta = CompanyBuilder::new("Beta").insert(&mut db.conn).id;
        let product = ProductBuilder::new("PRO").insert(&mut db.conn).id;
        let manager = actor(db, Role::Manager);
        let today = Local::now().date_naive();
        let one = new_license(db, acme, product);
        let two = new_license(db, acme, product);
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
        assert_eq!(
            kept(&mut db.conn),
            from_scratch(&mut db.conn),
            "{}",
            db.name()
        );
        let (by_month, scratch) = months(&mut db.conn);
        assert_eq!(by_month, scratch, "{}", db.name());
        assert!(by_month.iter().any(|r| r.2 == "2026-01"), "{by_month:?}");
        let name = db.name().to_owned();
        assert_licence_models(&mut db.conn, &name);
        let eur: Vec<MoneyRow> = kept(&mut db.conn)
            .into_iter()
            .filter(|r| r.1 == "EUR")
            .collect();
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
        assert_eq!(
            kept(&mut db.conn),
            from_scratch(&mut db.conn),
            "{}: after the move",
            db.name()
        );
        let (by_month, scratch) = months(&mut db.conn);
        assert_eq!(by_month, scratch, "{}: months after the move", db.name());
        assert_licence_models(&mut db.conn, "after the move");
        assert!(
            kept(&mut db.conn)
                .iter()
                .any(|r| r.0 == beta && r.1 == "USD"),
            "{}",
            db.name()
        );
    });
}

#[test]
fn the_demo_loader_rebuilds_it() {
    each_backend(|db| {
        load_small_demo(db);
        let rows = kept(&mut db.conn);
        assert!(rows.len() >= 8, "{}: {rows:?}", db.name());
        assert_eq!(rows, from_scratch(&mut db.conn), "{}", db.name());
        let (by_month, scratch) = months(&mut db.conn);
        assert!(by_month.len() >= 8, "{}: {by_month:?}", db.name());
        assert_eq!(by_month, scratch, "{}", db.name());
        let name = db.name().to_owned();
        assert_licence_models(&mut db.conn, &name);
    });
}
