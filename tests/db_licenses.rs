//! License use cases on both backends: create/edit with field errors, lifecycle, delete,
//! optimistic locking across two connections, audit rows and their rollback, role gating,
//! and the expiry sweep.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::too_many_lines,
    clippy::type_complexity
)]

mod common;

use chrono::{Duration, NaiveDate};
use common::builders::{
    CompanyBuilder, LicenseBuilder, PartnerBuilder, ProductBuilder, PurchaseBuilder,
    SalesRepBuilder,
};
use common::fixtures::{self, date};
use common::{TestDb, actor, each_backend};
use diesel::connection::SimpleConnection;
use diesel::prelude::*;
use lms::auth::Actor;
use lms::db::schema::audit_log;
use lms::db::schema::licenses as license_rows;
use lms::domain::{LicenseStatus as S, Role, Seats};
use lms::service::ServiceError;
use lms::service::licenses::{self, LicenseForm, LicenseInput};

struct Refs {
    company: i64,
    product: i64,
    partner: i64,
    rep: i64,
}

fn refs(db: &mut TestDb) -> Refs {
    let c = &mut db.conn;
    Refs {
        company: CompanyBuilder::new("Acme Robotics").insert(c).id,
        product: ProductBuilder::new("LMS-ENT").insert(c).id,
        partner: PartnerBuilder::new("Reseller SARL").insert(c).id,
        rep: SalesRepBuilder::new("Rita Rep").insert(c).id,
    }
}

fn input(r: &Refs) -> LicenseInput {
    LicenseInput {
        company_id: r.company,
        product_code_id: r.product,
        partner_id: Some(r.partner),
        sales_rep_id: None,
        seats: Seats::Limited(25),
        start_date: date("2026-01-01"),
        end_date: today() + Duration::days(365),
        notes: "שלום עולם 🚀\nsecond line\twith tab".into(),
    }
}

fn today() -> NaiveDate {
    lms::db::now().date()
}

/// (operator id, action, changes JSON) of a license's audit rows, oldest first.
fn audit_rows(db: &mut TestDb, id: i64) -> Vec<(Option<i64>, String, serde_json::Value)> {
    let rows: Vec<(Option<i64>, String, String)> = audit_log::table
        .filter(audit_log::entity.eq("license"))
        .filter(audit_log::entity_id.eq(id))
        .order(audit_log::id.asc())
        .select((
            audit_log::operator_id,
            audit_log::action,
            audit_log::changes,
        ))
        .load(&mut db.conn)
        .unwrap();
    rows.into_iter()
        .map(|(o, a, c)| (o, a, serde_json::from_str(&c).unwrap()))
        .collect()
}

fn license_count(db: &mut TestDb) -> i64 {
    license_rows::table
        .count()
        .get_result(&mut db.conn)
        .unwrap()
}

fn fields_of(err: &ServiceError) -> Vec<&'static str> {
    match err {
        ServiceError::Fields(f) => f.iter().map(|(f, _)| f).collect(),
        other => panic!("expected field errors, got {other:?}"),
    }
}

#[test]
fn create_and_get_round_trip_text_and_references() {
    each_backend(|db| {
        let r = refs(db);
        let sales = actor(db, Role::Sales);
        let id = licenses::create(&mut db.conn, &sales, &input(&r)).unwrap();
        let rec = licenses::get(&mut db.conn, &sales, id).unwrap();
        assert_eq!(rec.license_key, lms::domain::license_key(id));
        assert_eq!((rec.status, rec.version), (S::Draft, 1));
        assert_eq!(rec.input, input(&r), "{}", db.name());
        assert_eq!(rec.company, "Acme Robotics");
        assert_eq!(rec.product_code, "LMS-ENT");
        assert_eq!(rec.partner.as_deref(), Some("Reseller SARL"));
        assert_eq!(rec.sales_rep, None);
        assert_eq!(rec.form().parse().unwrap(), rec.input);
        let rows = audit_rows(db, id);
        assert_eq!(rows.len(), 1);
        let (op, action, changes) = &rows[0];
        assert_eq!((*op, action.as_str()), (Some(sales.operator_id), "create"));
        assert_eq!(changes["status"], serde_json::json!([null, "draft"]));
        assert_eq!(
            changes["company_id"],
            serde_json::json!([null, format!("Acme Robotics #{}", r.company)])
        );
        assert_eq!(changes["notes"][1], "שלום עולם 🚀\nsecond line\twith tab");
        // A field the license was created without is no change: not listed.
        assert!(changes.get("sales_rep_id").is_none(), "{changes}");
        // Keys are unique and follow the id.
        let id2 = licenses::create(&mut db.conn, &sales, &input(&r)).unwrap();
        assert_ne!(
            licenses::get(&mut db.conn, &sales, id2)
                .unwrap()
                .license_key,
            rec.license_key
        );
        assert!(matches!(
            licenses::get(&mut db.conn, &sales, 999_999),
            Err(ServiceError::NotFound(_))
        ));
    });
}

#[test]
fn bad_input_is_refused_field_by_field_and_nothing_is_stored() {
    each_backend(|db| {
        let r = refs(db);
        let admin = actor(db, Role::Admin);
        let bad = LicenseInput {
            end_date: date("2025-12-31"),
            notes: "ok\u{1b}[2J".into(),
            seats: Seats::Limited(0),
            ..input(&r)
        };
        let err = licenses::create(&mut db.conn, &admin, &bad).unwrap_err();
        assert_eq!(fields_of(&err), ["seats", "end_date", "notes"]);
        let missing = LicenseInput {
            company_id: 999,
            sales_rep_id: Some(998),
            ..input(&r)
        };
        let err = licenses::create(&mut db.conn, &admin, &missing).unwrap_err();
        assert_eq!(fields_of(&err), ["company_id", "sales_rep_id"]);
        assert!(err.to_string().contains("no company #999"), "{err}");
        let long = LicenseInput {
            notes: "x".repeat(licenses::NOTES_MAX + 1),
            ..input(&r)
        };
        let err = licenses::create(&mut db.conn, &admin, &long).unwrap_err();
        assert!(err.to_string().contains("too long"), "{err}");
        // A form with empty fields never reaches the database.
        let e = LicenseForm::default().parse().unwrap_err();
        assert!(e.len() >= 5, "{e}");
        assert_eq!(license_count(db), 0);
        let audits: i64 = audit_log::table.count().get_result(&mut db.conn).unwrap();
        assert_eq!(audits, 0);
    });
}

#[test]
fn update_audits_only_changed_fields_and_skips_no_ops() {
    each_backend(|db| {
        let r = refs(db);
        let sales = actor(db, Role::Sales);
        let id = licenses::create(&mut db.conn, &sales, &input(&r)).unwrap();
        let edited = LicenseInput {
            seats: Seats::Unlimited,
            sales_rep_id: Some(r.rep),
            notes: "مرحبا 👋🏽".into(),
            ..input(&r)
        };
        assert_eq!(
            licenses::update(&mut db.conn, &sales, id, 1, &edited).unwrap(),
            2
        );
        let rec = licenses::get(&mut db.conn, &sales, id).unwrap();
        assert_eq!((rec.input.clone(), rec.version), (edited.clone(), 2));
        let rows = audit_rows(db, id);
        let (_, action, changes) = rows.last().unwrap();
        assert_eq!(action, "update");
        let mut keys: Vec<_> = changes.as_object().unwrap().keys().cloned().collect();
        keys.sort();
        assert_eq!(keys, ["notes", "sales_rep_id", "seats"]);
        assert_eq!(changes["seats"], serde_json::json!(["25", "unlimited"]));
        assert_eq!(
            changes["sales_rep_id"],
            serde_json::json!([null, format!("Rita Rep #{}", r.rep)])
        );
        // Saving the same values writes nothing.
        assert_eq!(
            licenses::update(&mut db.conn, &sales, id, 2, &edited).unwrap(),
            2
        );
        assert_eq!(audit_rows(db, id).len(), 2);
        // Field errors on update too.
        let err = licenses::update(
            &mut db.conn,
            &sales,
            id,
            2,
            &LicenseInput {
                product_code_id: 4242,
                ..edited
            },
        )
        .unwrap_err();
        assert_eq!(fields_of(&err), ["product_code_id"]);
    });
}

#[test]
fn a_second_operator_saving_first_makes_the_first_save_stale() {
    each_backend(|db| {
        let r = refs(db);
        let alice = actor(db, Role::Sales);
        let bob = actor(db, Role::Manager);
        let id = licenses::create(&mut db.conn, &alice, &input(&r)).unwrap();
        // Both open version 1; bob saves from another connection (another process).
        let opened = licenses::get(&mut db.conn, &alice, id).unwrap();
        let mut other = db.connect_again();
        let bobs = LicenseInput {
            seats: Seats::Limited(30),
            ..opened.input.clone()
        };
        licenses::update(&mut other, &bob, id, opened.version, &bobs).unwrap();
        let alices = LicenseInput {
            notes: "alice's note".into(),
            ..opened.input.clone()
        };
        let err = licenses::update(&mut db.conn, &alice, id, opened.version, &alices).unwrap_err();
        let ServiceError::Stale { by, at } = &err else {
            panic!("expected stale, got {err:?}")
        };
        assert_eq!(by.as_str(), bob.username.as_str());
        let at = at.to_owned();
        assert!((lms::db::now() - at).num_seconds().abs() < 60, "{at}");
        let msg = err.to_string();
        assert!(
            msg.contains(&format!("changed by {}", bob.username)),
            "{msg}"
        );
        assert!(msg.contains("reload"), "{msg}");
        // Bob's save stands; alice's did not land; status changes are checked too.
        let now_rec = licenses::get(&mut db.conn, &alice, id).unwrap();
        assert_eq!((now_rec.input, now_rec.version), (bobs, 2));
        assert!(matches!(
            licenses::set_status(&mut db.conn, &alice, id, 1, S::Terminated),
            Err(ServiceError::Stale { .. })
        ));
        assert!(matches!(
            licenses::delete(&mut db.conn, &alice, id, 1),
            Err(ServiceError::Stale { .. })
        ));
        // After reloading, alice's edit goes through.
        assert_eq!(
            licenses::update(&mut db.conn, &alice, id, 2, &alices).unwrap(),
            3
        );
    });
}

#[test]
fn lifecycle_steps_allowed_and_refused_with_reasons() {
    each_backend(|db| {
        let r = refs(db);
        let m = actor(db, Role::Manager);
        let future = LicenseInput {
            end_date: today() + Duration::days(30),
            ..input(&r)
        };
        let id = licenses::create(&mut db.conn, &m, &future).unwrap();
        let mut v = 1;
        for to in [S::Active, S::Suspended, S::Active, S::Expired] {
            v = licenses::set_status(&mut db.conn, &m, id, v, to).unwrap();
        }
        assert_eq!(v, 5);
        let err = licenses::set_status(&mut db.conn, &m, id, v, S::Active).unwrap_err();
        assert!(err.to_string().contains("renewal"), "{err}");
        let err = licenses::set_status(&mut db.conn, &m, id, v, S::Draft).unwrap_err();
        assert!(err.to_string().contains("back to draft"), "{err}");
        v = licenses::set_status(&mut db.conn, &m, id, v, S::Terminated).unwrap();
        let err = licenses::set_status(&mut db.conn, &m, id, v, S::Active).unwrap_err();
        assert!(err.to_string().contains("final"), "{err}");
        let actions: Vec<_> = audit_rows(db, id).into_iter().map(|r| r.1).collect();
        assert_eq!(actions.len(), 6);
        assert!(actions[1..].iter().all(|a| a == "status"));
        // A suspended license past its end date is renewed, not reactivated.
        let past = LicenseInput {
            start_date: date("2020-01-01"),
            end_date: today() - Duration::days(1),
            ..input(&r)
        };
        let id = licenses::create(&mut db.conn, &m, &past).unwrap();
        let err = licenses::set_status(&mut db.conn, &m, id, 1, S::Active).unwrap_err();
        assert!(err.to_string().contains("record a renewal"), "{err}");
        assert_eq!(
            licenses::get(&mut db.conn, &m, id).unwrap().status,
            S::Draft
        );
    });
}

#[test]
fn only_a_bare_draft_is_deleted() {
    each_backend(|db| {
        let r = refs(db);
        let sales = actor(db, Role::Sales);
        let id = licenses::create(&mut db.conn, &sales, &input(&r)).unwrap();
        licenses::delete(&mut db.conn, &sales, id, 1).unwrap();
        assert_eq!(license_count(db), 0);
        let rows = audit_rows(db, id);
        assert_eq!(rows.last().unwrap().1, "delete");
        assert_eq!(
            rows.last().unwrap().2["status"],
            serde_json::json!(["draft", null])
        );

        let active = licenses::create(&mut db.conn, &sales, &input(&r)).unwrap();
        licenses::set_status(&mut db.conn, &sales, active, 1, S::Active).unwrap();
        let err = licenses::delete(&mut db.conn, &sales, active, 2).unwrap_err();
        assert!(err.to_string().contains("terminate it instead"), "{err}");

        let bought = licenses::create(&mut db.conn, &sales, &input(&r)).unwrap();
        PurchaseBuilder::new(bought)
            .revenue(100)
            .on("2026-01-02")
            .insert(&mut db.conn);
        let err = licenses::delete(&mut db.conn, &sales, bought, 1).unwrap_err();
        assert!(err.to_string().contains("1 purchase(s)"), "{err}");
        assert!(err.to_string().contains("terminate it instead"), "{err}");
        assert_eq!(license_count(db), 2);
    });
}

#[test]
fn a_failure_after_the_audit_row_rolls_back_change_and_audit() {
    each_backend(|db| {
        let r = refs(db);
        let sales = actor(db, Role::Sales);
        let id = licenses::create(&mut db.conn, &sales, &input(&r)).unwrap();
        // The audit row is inserted, then the database fails the statement.
        let disarm = fixtures::fail_inserts(&mut db.conn, "audit_log", "NEW.action = 'update'");
        let edited = LicenseInput {
            seats: Seats::Limited(99),
            ..input(&r)
        };
        let err = licenses::update(&mut db.conn, &sales, id, 1, &edited).unwrap_err();
        assert!(err.to_string().contains("boom"), "{err}");
        let rec = licenses::get(&mut db.conn, &sales, id).unwrap();
        assert_eq!((rec.input.seats, rec.version), (Seats::Limited(25), 1));
        assert_eq!(audit_rows(db, id).len(), 1);
        db.conn.batch_execute(&disarm).unwrap();

        let disarm = fixtures::fail_inserts(&mut db.conn, "audit_log", "NEW.action = 'create'");
        assert!(licenses::create(&mut db.conn, &sales, &input(&r)).is_err());
        assert_eq!(license_count(db), 1);
        db.conn.batch_execute(&disarm).unwrap();
    });
}

#[test]
fn every_role_is_gated_for_every_license_action() {
    each_backend(|db| {
        let r = refs(db);
        let admin = actor(db, Role::Admin);
        for role in Role::ALL {
            let who: Actor = actor(db, role);
            let may_edit = matches!(role, Role::Admin | Role::Manager | Role::Sales);
            let id = licenses::create(&mut db.conn, &admin, &input(&r)).unwrap();
            let forbidden = |res: Result<(), ServiceError>| match res {
                Err(ServiceError::Forbidden { .. }) => true,
                Ok(()) => false,
                Err(other) => panic!("{role}: {other}"),
            };
            assert!(
                licenses::get(&mut db.conn, &who, id).is_ok(),
                "{role} reads"
            );
            let checks = [
                forbidden(licenses::create(&mut db.conn, &who, &input(&r)).map(|_| ())),
                forbidden(
                    licenses::update(
                        &mut db.conn,
                        &who,
                        id,
                        1,
                        &LicenseInput {
                            seats: Seats::Limited(3),
                            ..input(&r)
                        },
                    )
                    .map(|_| ()),
                ),
                forbidden(
                    licenses::set_status(
                        &mut db.conn,
                        &who,
                        id,
                        if may_edit { 2 } else { 1 },
                        S::Active,
                    )
                    .map(|_| ()),
                ),
            ];
            assert_eq!(checks, [!may_edit; 3], "{role}");
            let fresh = licenses::create(&mut db.conn, &admin, &input(&r)).unwrap();
            assert_eq!(
                forbidden(licenses::delete(&mut db.conn, &who, fresh, 1)),
                !may_edit,
                "{role} delete"
            );
            if !may_edit {
                let err = licenses::create(&mut db.conn, &who, &input(&r)).unwrap_err();
                assert!(
                    err.to_string()
                        .contains("needs role admin or manager or sales"),
                    "{err}"
                );
            }
        }
    });
}

#[test]
fn the_sweep_expires_due_licenses_with_system_audit_rows() {
    each_backend(|db| {
        let r = refs(db);
        let sales = actor(db, Role::Sales);
        let t = today();
        let yesterday = (t - Duration::days(1)).to_string();
        let c = &mut db.conn;
        let past = ("2020-01-01", yesterday.as_str());
        let today_s = t.to_string();
        let license = |c: &mut lms::db::DbConnection, status, (starts, ends): (&str, &str)| {
            LicenseBuilder::new()
                .company(r.company)
                .product(r.product)
                .seats(5)
                .status(status)
                .starts(starts)
                .ends(ends)
                .insert(c)
                .id
        };
        let due_active = license(c, S::Active, past);
        let due_suspended = LicenseBuilder::new()
            .company(r.company)
            .product(r.product)
            .unlimited()
            .status(S::Suspended)
            .starts(past.0)
            .ends(past.1)
            .insert(c)
            .id;
        let ends_today = license(c, S::Active, ("2020-01-01", &today_s));
        let draft = license(c, S::Draft, past);
        let terminated = license(c, S::Terminated, past);
        // An operator had the active one open before the sweep.
        let opened = licenses::get(c, &sales, due_active).unwrap();
        assert_eq!(opened.effective_status(t), S::Expired);
        assert_eq!(licenses::expire_due(c, t).unwrap(), 2);
        assert_eq!(licenses::expire_due(c, t).unwrap(), 0);
        let status = |db: &mut TestDb, id| licenses::get(&mut db.conn, &sales, id).unwrap().status;
        assert_eq!(status(db, due_active), S::Expired);
        assert_eq!(status(db, due_suspended), S::Expired);
        assert_eq!(status(db, ends_today), S::Active);
        assert_eq!(status(db, draft), S::Draft);
        assert_eq!(status(db, terminated), S::Terminated);
        let rows = audit_rows(db, due_suspended);
        assert_eq!(rows.len(), 1);
        assert_eq!(rows[0].0, None);
        assert_eq!(rows[0].1, "expire");
        assert_eq!(
            rows[0].2["status"],
            serde_json::json!(["suspended", "expired"])
        );
        let err = licenses::update(
            &mut db.conn,
            &sales,
            due_active,
            opened.version,
            &LicenseInput {
                notes: "late edit".into(),
                ..opened.input
            },
        )
        .unwrap_err();
        assert!(err.to_string().contains("changed by the system"), "{err}");
        // Tomorrow, the one ending today is due too.
        assert_eq!(
            licenses::expire_due(&mut db.conn, t + Duration::days(1)).unwrap(),
            1
        );
    });
}

/// The sweep's query, as Diesel builds it in `licenses::expire_due`, is answered from the
/// `(status, end_date)` index on SQLite, not by a table scan.
#[test]
fn the_sweep_query_uses_the_status_end_date_index_on_sqlite() {
    #[derive(diesel::QueryableByName)]
    struct Plan {
        #[diesel(sql_type = diesel::sql_types::Text)]
        detail: String,
    }
    let mut db = common::sqlite_db();
    let plan: Vec<Plan> = diesel::sql_query(
        "EXPLAIN QUERY PLAN SELECT licenses.id, licenses.status FROM licenses \
         WHERE licenses.status IN ('active', 'suspended') AND licenses.end_date < '2026-01-01' \
         LIMIT 500",
    )
    .load(&mut db.conn)
    .unwrap();
    let text: Vec<_> = plan.into_iter().map(|p| p.detail).collect();
    assert!(
        text.iter().any(|d| d.contains("INDEX licenses_status_end")),
        "{text:?}"
    );
}
