//! `purchases.renewed` (the renewal rate's kept flag) equals its definition after every
//! purchase, on both backends: a term (`new` or `renewal`) was renewed when a renewal of
//! the same licence, recorded by the term's end + 30 days, extended the licence past it.
//! The writes cover a late renewal, one in time, and a term recorded after the renewal
//! that renews it (its licence's end moved back by an edit); the bulk rebuild agrees.
#![allow(clippy::unwrap_used)]

mod common;

use chrono::{Days, Local, NaiveDate};
use common::builders::{CompanyBuilder, ProductBuilder};
use common::money::{buy, load_small_demo, new_license};
use common::{TestDb, actor, each_backend};
use diesel::prelude::*;
use lms::db::schema::purchases;
use lms::domain::Role;
use lms::service::licenses as license_service;

type Row = (i64, i64, String, NaiveDate, Option<NaiveDate>, bool);

/// Each purchase's flag against the definition, computed here from the rows.
fn check(db: &mut TestDb, after: &str) -> Vec<(i64, bool)> {
    let rows: Vec<Row> = purchases::table
        .select((
            purchases::id,
            purchases::license_id,
            purchases::kind,
            purchases::purchase_date,
            purchases::term_end,
            purchases::renewed,
        ))
        .order(purchases::id)
        .load(&mut db.conn)
        .unwrap();
    let mut flags = Vec::new();
    for (id, license, kind, _, term_end, kept) in &rows {
        let want = matches!(kind.as_str(), "new" | "renewal")
            && term_end.is_some_and(|end| {
                rows.iter().any(|(_, l, k, date, r_end, _)| {
                    l == license
                        && k == "renewal"
                        && r_end.is_some_and(|r| r > end)
                        && *date <= end.checked_add_days(Days::new(30)).unwrap()
                })
            });
        assert_eq!(*kept, want, "{}: after {after}: purchase {id}", db.name());
        flags.push((*id, *kept));
    }
    flags
}

/// Moves licence `id`'s term to `start..end` (days from today) through the licence form.
fn move_term(db: &mut TestDb, id: i64, start: i64, end: i64) {
    let manager = actor(db, Role::Manager);
    let today = Local::now().date_naive();
    let day = |n: i64| today + chrono::Duration::days(n);
    let record = license_service::get(&mut db.conn, &manager, id).unwrap();
    let mut input = record.input.clone();
    input.start_date = day(start);
    input.end_date = day(end);
    license_service::update(&mut db.conn, &manager, id, record.version, &input).unwrap();
}

fn in_days(n: i64) -> String {
    (Local::now().date_naive() + chrono::Duration::days(n)).to_string()
}

#[test]
fn the_flag_follows_every_purchase() {
    each_backend(|db| {
        let acme = CompanyBuilder::new("Acme").insert(&mut db.conn).id;
        let product = ProductBuilder::new("PRO").insert(&mut db.conn).id;
        let id = new_license(db, acme, product);
        // The licence ended 100 days ago: its first term, renewed today, lapsed.
        move_term(db, id, -400, -100);
        buy(db, id, "new", "100.00", "EUR", "");
        check(db, "a new term");
        buy(db, id, "renewal", "100.00", "EUR", &in_days(700));
        let flags = check(db, "a late renewal");
        assert!(
            !flags[0].1,
            "{}: the lapsed term was not renewed",
            db.name()
        );
        buy(db, id, "renewal", "60.00", "EUR", &in_days(800));
        let flags = check(db, "a renewal in time");
        assert!(flags[1].1, "{}: the 700-day term was renewed", db.name());

        // A term ending in 200 days, recorded after the renewal (to 800 days) that
        // covers it.
        move_term(db, id, -10, 100);
        buy(db, id, "renewal", "70.00", "EUR", &in_days(200));
        let flags = check(db, "a term recorded after its renewal");
        assert!(flags[3].1, "{}: renewed by the earlier entry", db.name());

        lms::db::renewals::rebuild(&mut db.conn).unwrap();
        check(db, "a rebuild");
    });
}

#[test]
fn the_demo_loader_sets_them() {
    each_backend(|db| {
        load_small_demo(db);
        let flags = check(db, "the demo load");
        assert!(
            flags.iter().any(|f| f.1) && flags.iter().any(|f| !f.1),
            "{}: the demo has renewed and unrenewed terms",
            db.name()
        );
    });
}
