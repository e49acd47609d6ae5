//! Purchases on both backends: what new, renewal and expansion do to the license, refusals,
//! audit rows and their rollback, the optimistic lock, and role gating.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::too_many_lines,
    clippy::type_complexity
)]

mod common;

use chrono::{Duration, NaiveDate};
use common::builders::{CompanyBuilder, ProductBuilder, SalesRepBuilder};
use common::fixtures::{self, date};
use common::{TestDb, actor, each_backend};
use diesel::connection::SimpleConnection;
use diesel::prelude::*;
use lms::auth::Actor;
use lms::db::schema::{audit_log, purchases as purchase_rows};
use lms::domain::{LicenseStatus as S, Money, PurchaseKind, Role, Seats};
use lms::service::purchases::{self, PurchaseForm, PurchaseInput};
use lms::service::{ServiceError, licenses};

fn today() -> NaiveDate {
    lms::db::now().date()
}

/// A draft license ending in 100 days, created through the service (so it has an audit row).
fn draft(db: &mut TestDb, who: &Actor, seats: Seats) -> i64 {
    let c = &mut db.conn;
    let company = CompanyBuilder::new(&format!("Co {}", rand_suffix()))
        .insert(c)
        .id;
    let product = ProductBuilder::new(&format!("P{}", rand_suffix()))
        .insert(c)
        .id;
    licenses::create(
        c,
        who,
        &licenses::LicenseInput {
            company_id: company,
            product_code_id: product,
            partner_id: None,
            sales_rep_id: None,
            seats,
            start_date: date("2026-01-01").min(today()),
            end_date: today() + Duration::days(100),
            notes: String::new(),
        },
    )
    .unwrap()
}

fn rand_suffix() -> u64 {
    use std::sync::atomic::{AtomicU64, Ordering};
    static N: AtomicU64 = AtomicU64::new(0);
    N.fetch_add(1, Ordering::Relaxed)
}

fn eur(minor: i64) -> Money {
    Money::new(minor, "EUR".parse().unwrap())
}

fn buy(license_id: i64, kind: PurchaseKind) -> PurchaseInput {
    PurchaseInput {
        license_id,
        kind,
        purchase_date: today(),
        seats_added: 0,
        cost: eur(50_000),
        revenue: eur(123_450),
        order_number: "PO-4711".into(),
        sales_rep_id: None,
        partner_id: None,
        new_end_date: None,
    }
}

/// (entity, action, changes) of every audit row touching the license, oldest first.
fn audits(db: &mut TestDb) -> Vec<(String, String, serde_json::Value)> {
    let rows: Vec<(String, String, String)> = audit_log::table
        .order(audit_log::id.asc())
        .select((audit_log::entity, audit_log::action, audit_log::changes))
        .load(&mut db.conn)
        .unwrap();
    rows.into_iter()
        .map(|(e, a, c)| (e, a, serde_json::from_str(&c).unwrap()))
        .collect()
}

fn purchase_count(db: &mut TestDb) -> i64 {
    purchase_rows::table
        .count()
        .get_result(&mut db.conn)
        .unwrap()
}

#[test]
fn new_activates_a_draft_and_is_only_the_first_purchase() {
    each_backend(|db| {
        let sales = actor(db, Role::Sales);
        let rep = SalesRepBuilder::new("Rita Rep").insert(&mut db.conn).id;
        let id = draft(db, &sales, Seats::Limited(10));
        let input = PurchaseInput {
            sales_rep_id: Some(rep),
            ..buy(id, PurchaseKind::New)
        };
        let (pid, v) = purchases::record(&mut db.conn, &sales, 1, &input).unwrap();
        assert_eq!(v, 2);
        let rec = licenses::get(&mut db.conn, &sales, id).unwrap();
        assert_eq!((rec.status, rec.version), (S::Active, 2));
        let rows = audits(db);
        assert_eq!(rows.len(), 3, "{rows:?}");
        let (entity, action, changes) = &rows[1];
        assert_eq!(
            (entity.as_str(), action.as_str()),
            ("license", "purchase:new")
        );
        assert_eq!(changes["status"], serde_json::json!(["draft", "active"]));
        let (entity, action, changes) = &rows[2];
        assert_eq!((entity.as_str(), action.as_str()), ("purchase", "create"));
        assert_eq!(changes["revenue"][1], "1,234.50 EUR");
        assert_eq!(changes["sales_rep_id"][1], format!("Rita Rep #{rep}"));
        let stored: (i64, String, i64) = purchase_rows::table
            .find(pid)
            .select((
                purchase_rows::revenue_minor,
                purchase_rows::currency,
                purchase_rows::license_id,
            ))
            .first(&mut db.conn)
            .unwrap();
        assert_eq!(stored, (123_450, "EUR".to_owned(), id));
        let err =
            purchases::record(&mut db.conn, &sales, 2, &buy(id, PurchaseKind::New)).unwrap_err();
        assert!(err.to_string().contains("already has a purchase"), "{err}");
        assert_eq!(purchase_count(db), 1);
    });
}

#[test]
fn renewal_extends_the_end_date_and_is_the_way_back_from_expired() {
    each_backend(|db| {
        let sales = actor(db, Role::Sales);
        let id = draft(db, &sales, Seats::Limited(10));
        let err = purchases::record(
            &mut db.conn,
            &sales,
            1,
            &PurchaseInput {
                new_end_date: Some(today() + Duration::days(400)),
                ..buy(id, PurchaseKind::Renewal)
            },
        )
        .unwrap_err();
        assert!(
            err.to_string()
                .contains("new purchase of this license first"),
            "{err}"
        );
        purchases::record(&mut db.conn, &sales, 1, &buy(id, PurchaseKind::New)).unwrap();
        let v = licenses::set_status(&mut db.conn, &sales, id, 2, S::Expired).unwrap();
        let old_end = today() + Duration::days(100);
        let early = PurchaseInput {
            new_end_date: Some(old_end),
            ..buy(id, PurchaseKind::Renewal)
        };
        let err = purchases::record(&mut db.conn, &sales, v, &early).unwrap_err();
        assert!(
            err.to_string()
                .contains("must be after the current end date"),
            "{err}"
        );
        let new_end = today() + Duration::days(465);
        let renewal = PurchaseInput {
            new_end_date: Some(new_end),
            ..buy(id, PurchaseKind::Renewal)
        };
        let (_, v) = purchases::record(&mut db.conn, &sales, v, &renewal).unwrap();
        let rec = licenses::get(&mut db.conn, &sales, id).unwrap();
        assert_eq!(
            (rec.status, rec.input.end_date, rec.version),
            (S::Active, new_end, v)
        );
        let (_, action, changes) = audits(db).into_iter().rev().nth(1).unwrap();
        assert_eq!(action, "purchase:renewal");
        assert_eq!(changes["status"], serde_json::json!(["expired", "active"]));
        assert_eq!(
            changes["end_date"],
            serde_json::json!([old_end.to_string(), new_end.to_string()])
        );
    });
}

#[test]
fn expansion_adds_seats_and_terminated_licenses_take_nothing() {
    each_backend(|db| {
        let m = actor(db, Role::Manager);
        let id = draft(db, &m, Seats::Limited(10));
        purchases::record(&mut db.conn, &m, 1, &buy(id, PurchaseKind::New)).unwrap();
        let more = PurchaseInput {
            seats_added: 5,
            ..buy(id, PurchaseKind::Expansion)
        };
        let (_, v) = purchases::record(&mut db.conn, &m, 2, &more).unwrap();
        let rec = licenses::get(&mut db.conn, &m, id).unwrap();
        assert_eq!(
            (rec.input.seats, rec.status),
            (Seats::Limited(15), S::Active)
        );
        let (_, action, changes) = audits(db).into_iter().rev().nth(1).unwrap();
        assert_eq!(action, "purchase:expansion");
        assert_eq!(changes["seats"], serde_json::json!(["10", "15"]));

        let site = draft(db, &m, Seats::Unlimited);
        purchases::record(&mut db.conn, &m, 1, &buy(site, PurchaseKind::New)).unwrap();
        let err = purchases::record(
            &mut db.conn,
            &m,
            2,
            &PurchaseInput {
                license_id: site,
                ..more.clone()
            },
        )
        .unwrap_err();
        assert!(err.to_string().contains("unlimited"), "{err}");

        let v = licenses::set_status(&mut db.conn, &m, id, v, S::Terminated).unwrap();
        for input in [&more, &buy(id, PurchaseKind::New)] {
            let err = purchases::record(&mut db.conn, &m, v, input).unwrap_err();
            assert!(err.to_string().contains("terminated"), "{err}");
        }
        assert_eq!(purchase_count(db), 3);
    });
}

#[test]
fn bad_purchase_fields_are_refused_by_field() {
    each_backend(|db| {
        let sales = actor(db, Role::Sales);
        let id = draft(db, &sales, Seats::Limited(10));
        let mixed = PurchaseInput {
            revenue: Money::new(1, "USD".parse().unwrap()),
            order_number: "PO\u{202E}1".into(),
            sales_rep_id: Some(9_999),
            ..buy(id, PurchaseKind::New)
        };
        let err = purchases::record(&mut db.conn, &sales, 1, &mixed).unwrap_err();
        let ServiceError::Fields(f) = &err else {
            panic!("{err:?}")
        };
        assert!(f.get("revenue").unwrap().contains("same currency"));
        assert!(f.get("order_number").is_some());
        let unknown_rep = PurchaseInput {
            sales_rep_id: Some(9_999),
            ..buy(id, PurchaseKind::New)
        };
        let err = purchases::record(&mut db.conn, &sales, 1, &unknown_rep).unwrap_err();
        let ServiceError::Fields(f) = &err else {
            panic!("{err:?}")
        };
        assert!(
            f.get("sales_rep_id")
                .unwrap()
                .contains("no sales rep #9999")
        );
        let form = PurchaseForm {
            license_id: id,
            kind: "new".into(),
            purchase_date: today().to_string(),
            cost: "10".into(),
            revenue: "12".into(),
            currency: "ZZZ".into(),
            ..PurchaseForm::default()
        };
        assert!(form.parse().unwrap_err().get("currency").is_some());
        assert_eq!(purchase_count(db), 0);
        assert_eq!(audits(db).len(), 1);
    });
}

#[test]
fn a_failed_purchase_insert_rolls_back_the_license_change_and_its_audit_row() {
    each_backend(|db| {
        let sales = actor(db, Role::Sales);
        let id = draft(db, &sales, Seats::Limited(10));
        // Fails after the license was updated and its audit row written.
        let disarm = fixtures::fail_inserts(&mut db.conn, "purchases", "NEW.kind = 'new'");
        let err =
            purchases::record(&mut db.conn, &sales, 1, &buy(id, PurchaseKind::New)).unwrap_err();
        assert!(err.to_string().contains("boom"), "{err}");
        db.conn.batch_execute(&disarm).unwrap();
        let rec = licenses::get(&mut db.conn, &sales, id).unwrap();
        assert_eq!((rec.status, rec.version), (S::Draft, 1));
        assert_eq!(audits(db).len(), 1);
        assert_eq!(purchase_count(db), 0);
        // The same purchase succeeds once the database accepts it.
        purchases::record(&mut db.conn, &sales, 1, &buy(id, PurchaseKind::New)).unwrap();
    });
}

#[test]
fn a_purchase_on_a_license_changed_elsewhere_is_stale() {
    each_backend(|db| {
        let alice = actor(db, Role::Sales);
        let bob = actor(db, Role::Admin);
        let id = draft(db, &alice, Seats::Limited(10));
        let mut other = db.connect_again();
        licenses::set_status(&mut other, &bob, id, 1, S::Active).unwrap();
        let err =
            purchases::record(&mut db.conn, &alice, 1, &buy(id, PurchaseKind::New)).unwrap_err();
        assert!(
            err.to_string()
                .contains(&format!("changed by {}", bob.username)),
            "{err}"
        );
        assert_eq!(purchase_count(db), 0);
        purchases::record(&mut db.conn, &alice, 2, &buy(id, PurchaseKind::New)).unwrap();
    });
}

#[test]
fn every_role_is_gated_for_recording_purchases() {
    each_backend(|db| {
        let admin = actor(db, Role::Admin);
        for role in Role::ALL {
            let who = actor(db, role);
            let id = draft(db, &admin, Seats::Limited(1));
            let res = purchases::record(&mut db.conn, &who, 1, &buy(id, PurchaseKind::New));
            let may = matches!(role, Role::Admin | Role::Manager | Role::Sales);
            match res {
                Ok(_) => assert!(may, "{role}"),
                Err(ServiceError::Forbidden { .. }) => assert!(!may, "{role}"),
                Err(e) => panic!("{role}: {e}"),
            }
        }
    });
}
