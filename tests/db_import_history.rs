//! `lms import purchases` and `lms import activity` on SQLite and MariaDB: purchases have
//! the purchase form's effect on their license and keep `company_money` in step; a
//! stored purchase is never rewritten; activity rows import once, in batches, with one
//! audit row.
#![allow(clippy::unwrap_used)]

mod common;

use std::fmt::Write as _;

use common::builders::{CompanyBuilder, LicenseBuilder, PortalUserBuilder, ProductBuilder};
use common::{TestDb, each_backend, importing};
use diesel::prelude::*;
use lms::db::schema::{app_log, audit_log, company_money, licenses, purchases};
use lms::import::fields::Target;
use lms::service::import::{Outcome, Report};

fn run(db: &mut TestDb, target: Target, csv: &str, dry_run: bool) -> Report {
    importing::run(db, target, csv, &importing::options("h.csv", dry_run))
}

fn totals(r: &Report) -> (u64, u64, u64, u64) {
    let t = r.totals;
    (t.new, t.updated, t.unchanged, t.errors)
}

/// A draft license of Acme, ending 2026-12-31; its key.
fn draft(db: &mut TestDb) -> String {
    let acme = CompanyBuilder::new("Acme").insert(&mut db.conn);
    let product = ProductBuilder::new("P").insert(&mut db.conn);
    LicenseBuilder::new()
        .company(&acme)
        .product(&product)
        .seats(10)
        .starts("2026-01-01")
        .ends("2026-12-31")
        .status(lms::domain::LicenseStatus::Draft)
        .insert(&mut db.conn)
        .license_key
}

fn license(db: &mut TestDb, key: &str) -> (String, Option<i32>, String) {
    licenses::table
        .filter(licenses::license_key.eq(key))
        .select((licenses::status, licenses::seats, licenses::end_date))
        .first::<(String, Option<i32>, chrono::NaiveDate)>(&mut db.conn)
        .map(|(s, n, e)| (s, n, e.to_string()))
        .unwrap()
}

type PerCurrency = Vec<(String, i64)>;

fn money_kept_and_summed(db: &mut TestDb) -> (PerCurrency, PerCurrency) {
    let kept: Vec<(String, i64)> = company_money::table
        .select((company_money::currency, company_money::revenue_minor))
        .order(company_money::currency)
        .load(&mut db.conn)
        .unwrap();
    let all: Vec<(String, i64)> = purchases::table
        .select((purchases::currency, purchases::revenue_minor))
        .load(&mut db.conn)
        .unwrap();
    let mut summed: std::collections::BTreeMap<String, i64> = std::collections::BTreeMap::new();
    for (c, r) in all {
        *summed.entry(c).or_default() += r;
    }
    (kept, summed.into_iter().collect())
}

#[test]
fn purchases_act_on_their_license_like_the_form_and_import_once() {
    each_backend(|db| {
        let key = draft(db);
        let csv = format!(
            "license_key,order_number,kind,purchase_date,seats_added,revenue,currency,term_end\n\
             {key},PO-1,new,2026-01-05,,\"1,200.00\",EUR,\n\
             {key},PO-2,expansion,2026-03-01,5,300.00,EUR,\n\
             {key},PO-3,renewal,2026-12-01,,1200,EUR,2027-12-31\n"
        );
        let dry = run(db, Target::Purchases, &csv, true);
        assert_eq!(totals(&dry), (3, 0, 0, 0), "{}: {:?}", db.name(), dry.rows);
        assert_eq!(license(db, &key).0, "draft", "the dry run wrote nothing");
        let done = run(db, Target::Purchases, &csv, false);
        assert_eq!(done.totals, dry.totals);
        let (status, seats, end) = license(db, &key);
        assert_eq!(
            (seats, end.as_str()),
            (Some(15), "2027-12-31"),
            "{}",
            db.name()
        );
        assert_ne!(status, "draft");
        let (kept, summed) = money_kept_and_summed(db);
        assert_eq!(kept, summed);
        assert_eq!(kept, [("EUR".to_owned(), 270_000)]);
        let name = db.name().to_owned();
        common::money::assert_licence_models(&mut db.conn, &name);
        let again = run(db, Target::Purchases, &csv, false);
        assert_eq!(totals(&again), (0, 0, 3, 0));
        assert_eq!(
            license(db, &key).1,
            Some(15),
            "an unchanged row adds no seats"
        );
    });
}

#[test]
fn a_stored_purchase_is_never_rewritten_and_a_bad_purchase_is_refused() {
    each_backend(|db| {
        let key = draft(db);
        let first = format!(
            "license_key,order_number,kind,purchase_date,revenue,currency\n\
             {key},PO-1,new,2026-01-05,100,EUR\n"
        );
        run(db, Target::Purchases, &first, false);
        let changed = first.replace(",100,", ",999,");
        let r = run(db, Target::Purchases, &changed, true);
        let Outcome::Error(e) = &r.rows[0].outcome else {
            panic!("{}: {r:?}", db.name())
        };
        assert!(e[0].why.contains("revenue"), "{e:?}");
        // A second new purchase for the license is the form's refusal.
        let second = format!(
            "license_key,order_number,kind,purchase_date,revenue,currency\n\
             {key},PO-9,new,2026-02-05,100,EUR\n\
             NO-SUCH-KEY,PO-9,new,2026-02-05,100,EUR\n\
             {key},PO-9,gift,2026-02-05,100,EUR\n"
        );
        let r = run(db, Target::Purchases, &second, false);
        assert_eq!(totals(&r), (0, 0, 0, 3), "{:?}", r.rows);
        assert!(!r.committed);
        let n: i64 = purchases::table.count().get_result(&mut db.conn).unwrap();
        assert_eq!(n, 1);
    });
}

#[test]
fn a_license_file_may_carry_the_purchase_that_sold_it() {
    each_backend(|db| {
        CompanyBuilder::new("Acme").insert(&mut db.conn);
        ProductBuilder::new("P").insert(&mut db.conn);
        let csv = "Serial,Company,Name,Seats,Purchase Date,Expiration Date,Purchase Cost,Order Number\n\
                   K-1,Acme,P,5,2026-01-01,2099-12-31,EUR 50.00,PO-7\n";
        let r = run(db, Target::Licenses, csv, false);
        assert_eq!(totals(&r), (1, 0, 0, 0), "{}: {:?}", db.name(), r.rows);
        let bought: (String, String, i64) = purchases::table
            .select((
                purchases::kind,
                purchases::order_number,
                purchases::cost_minor,
            ))
            .first(&mut db.conn)
            .unwrap();
        assert_eq!(bought, ("new".into(), "PO-7".into(), 5_000));
        let again = run(db, Target::Licenses, csv, false);
        assert_eq!(totals(&again), (0, 0, 1, 0), "{:?}", again.rows);
    });
}

#[test]
fn activity_rows_import_once_in_batches_with_one_audit_row() {
    each_backend(|db| {
        let acme = CompanyBuilder::new("Acme").insert(&mut db.conn);
        PortalUserBuilder::new(&acme, "u-1").insert(&mut db.conn);
        PortalUserBuilder::new(&acme, "u-2").insert(&mut db.conn);
        let mut csv = String::from("company,user_id,timestamp,action,status,detail\n");
        for i in 0..2_500 {
            let user = if i % 2 == 0 { "u-1" } else { "u-2" };
            writeln!(
                csv,
                "Acme,{user},2026-05-01 10:{:02}:{:02},login,ok,",
                i / 60 % 60,
                i % 60
            )
            .unwrap();
        }
        // Rows the file repeats, an unknown user and a bad time.
        csv.push_str("Acme,u-1,2026-05-01 10:00:00,login,ok,\n");
        csv.push_str("Acme,ghost,2026-05-01 10:00:00,login,ok,\n");
        csv.push_str("Acme,u-1,yesterday,login,ok,\n");
        let dry = run(db, Target::Activity, &csv, true);
        assert_eq!(dry.totals.errors, 2, "{}: {:?}", db.name(), dry.rows);
        assert!(!dry.committed);
        let n: i64 = app_log::table.count().get_result(&mut db.conn).unwrap();
        assert_eq!(n, 0);
        let mut ok = String::new();
        for l in csv
            .lines()
            .filter(|l| !l.contains("ghost") && !l.contains("yesterday"))
        {
            writeln!(ok, "{l}").unwrap();
        }
        let r = run(db, Target::Activity, &ok, false);
        // 2,500 distinct minute-seconds repeat after 3,600: all distinct, plus one repeat.
        assert_eq!(totals(&r), (2_500, 0, 1, 0));
        let n: i64 = app_log::table.count().get_result(&mut db.conn).unwrap();
        assert_eq!(n, 2_500);
        let audits: i64 = audit_log::table
            .filter(audit_log::entity.eq("app_log"))
            .count()
            .get_result(&mut db.conn)
            .unwrap();
        assert_eq!(audits, 1);
        let again = run(db, Target::Activity, &ok, false);
        assert_eq!(totals(&again), (0, 0, 2_501, 0));
    });
}
