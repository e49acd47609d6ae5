//! Transactions the server gave up on (deadlock 1213, lock wait timeout 1205) are run
//! again by the one helper every service transaction goes through; an optimistic-lock loss
//! never is. And a save repeated after its first try may have committed is told from
//! someone else's save by its version, its author and its values.
#![allow(clippy::unwrap_used, clippy::expect_used)]

mod common;

use std::sync::atomic::{AtomicU32, Ordering};
use std::sync::{Arc, Barrier};
use std::thread;
use std::time::Duration;

use diesel::connection::SimpleConnection;
use diesel::prelude::*;
use diesel::result::{DatabaseErrorKind, Error};

use common::builders::{CompanyBuilder, LicenseBuilder, ProductBuilder};
use common::{actor, each_backend};
use lms::db::retry::{self, RETRIES};
use lms::db::schema::companies;
use lms::domain::{Role, Seats};
use lms::service::ServiceError;
use lms::service::write::{self, TxError};
use lms::service::{deployments, licenses};

fn deadlock() -> Error {
    Error::DatabaseError(
        DatabaseErrorKind::Unknown,
        Box::new("Deadlock found when trying to get lock; try restarting transaction".to_owned()),
    )
}

#[test]
fn a_transient_error_is_retried_a_few_times_then_reported() {
    each_backend(|db| {
        let tries = AtomicU32::new(0);
        let r: Result<(), Error> = retry::transaction(&mut db.conn, |_| {
            tries.fetch_add(1, Ordering::SeqCst);
            Err(deadlock())
        });
        assert!(
            matches!(r, Err(ref e) if lms::db::health::is_transient(e)),
            "{r:?}"
        );
        assert_eq!(tries.load(Ordering::SeqCst), 1 + RETRIES);

        // Passing on the second try: one retry, the result of the second.
        let tries = AtomicU32::new(0);
        let r: Result<u32, Error> = retry::transaction(&mut db.conn, |_| {
            match tries.fetch_add(1, Ordering::SeqCst) {
                0 => Err(deadlock()),
                n => Ok(n),
            }
        });
        assert_eq!(r.unwrap(), 1);
    });
}

#[test]
fn a_lost_lock_a_refusal_and_a_nested_transaction_are_not_retried() {
    each_backend(|db| {
        let tries = AtomicU32::new(0);
        let r = write::transaction(&mut db.conn, |_| -> Result<(), TxError> {
            tries.fetch_add(1, Ordering::SeqCst);
            Err(TxError::Lost {
                entity: "license",
                id: 1,
            })
        });
        assert!(matches!(r, Err(ServiceError::Stale { .. })), "{r:?}");
        assert_eq!(
            tries.load(Ordering::SeqCst),
            1,
            "a lost lock goes to the user"
        );

        let tries = AtomicU32::new(0);
        let r = write::transaction(&mut db.conn, |_| -> Result<(), TxError> {
            tries.fetch_add(1, Ordering::SeqCst);
            Err(ServiceError::Conflict("no".into()).into())
        });
        assert!(matches!(r, Err(ServiceError::Conflict(_))), "{r:?}");
        assert_eq!(tries.load(Ordering::SeqCst), 1);

        // Inside an outer transaction the server rolled the outer one back too: only the
        // outermost may start again.
        let tries = AtomicU32::new(0);
        let r: Result<(), Error> = db.conn.transaction(|conn| {
            retry::transaction(conn, |_| -> Result<(), Error> {
                tries.fetch_add(1, Ordering::SeqCst);
                Err(deadlock())
            })
        });
        assert!(r.is_err());
        assert_eq!(tries.load(Ordering::SeqCst), 1);
    });
}

fn version(conn: &mut lms::db::DbConnection, id: i64) -> i32 {
    companies::table
        .find(id)
        .select(companies::version)
        .first(conn)
        .unwrap()
}

fn bump(conn: &mut lms::db::DbConnection, id: i64) -> Result<usize, Error> {
    diesel::update(companies::table.find(id))
        .set(companies::version.eq(companies::version + 1))
        .execute(conn)
}

/// Two sessions lock two rows in opposite order: the server kills one with 1213, the
/// helper runs it again, and both commit, each exactly once.
#[test]
fn a_real_deadlock_is_retried_and_both_transactions_commit_once() {
    let Some(mut db) = common::mysql_db() else {
        return;
    };
    let a = CompanyBuilder::new("Row A").insert(&mut db.conn).id;
    let b = CompanyBuilder::new("Row B").insert(&mut db.conn).id;
    let (va, vb) = (version(&mut db.conn, a), version(&mut db.conn, b));
    let both_locked = Arc::new(Barrier::new(2));
    let tries = Arc::new([AtomicU32::new(0), AtomicU32::new(0)]);
    let sessions: Vec<_> = [(0, a, b), (1, b, a)]
        .into_iter()
        .map(|(i, first, second)| {
            let mut conn = db.connect_again();
            let (both_locked, tries) = (Arc::clone(&both_locked), Arc::clone(&tries));
            thread::spawn(move || {
                retry::transaction(&mut conn, |conn| {
                    let try_no = tries[i].fetch_add(1, Ordering::SeqCst);
                    bump(conn, first)?;
                    if try_no == 0 {
                        both_locked.wait();
                    }
                    bump(conn, second)
                })
            })
        })
        .collect();
    for s in sessions {
        s.join().unwrap().expect("both commit in the end");
    }
    let total: u32 = tries.iter().map(|t| t.load(Ordering::SeqCst)).sum();
    assert_eq!(total, 3, "one of the two was run again, once");
    assert_eq!(
        version(&mut db.conn, a),
        va + 2,
        "each transaction bumped A once"
    );
    assert_eq!(
        version(&mut db.conn, b),
        vb + 2,
        "each transaction bumped B once"
    );
}

/// A lock held longer than the waiter's `innodb_lock_wait_timeout`: 1205, run again, and
/// it passes once the holder commits.
#[test]
fn a_lock_wait_timeout_is_retried() {
    let Some(mut db) = common::mysql_db() else {
        return;
    };
    let a = CompanyBuilder::new("Row A").insert(&mut db.conn).id;
    let v = version(&mut db.conn, a);
    let mut holder = db.connect_again();
    let mut waiter = db.connect_again();
    waiter
        .batch_execute("SET SESSION innodb_lock_wait_timeout = 1")
        .unwrap();
    let locked = Arc::new(Barrier::new(2));
    let hold = {
        let locked = Arc::clone(&locked);
        thread::spawn(move || {
            holder
                .transaction(|conn| {
                    bump(conn, a)?;
                    locked.wait();
                    thread::sleep(Duration::from_millis(1500));
                    Ok::<_, Error>(())
                })
                .unwrap();
        })
    };
    locked.wait();
    let tries = AtomicU32::new(0);
    retry::transaction(&mut waiter, |conn| {
        tries.fetch_add(1, Ordering::SeqCst);
        bump(conn, a)
    })
    .expect("passes once the lock is free");
    hold.join().unwrap();
    assert!(
        tries.load(Ordering::SeqCst) >= 2,
        "it timed out at least once"
    );
    assert_eq!(version(&mut db.conn, a), v + 2);
}

/// The first try of a save committed but its answer was lost; the operator saves again
/// from the same version with the same values: saved, not "changed by you". Another
/// operator's save, or other values, remain a conflict.
#[test]
fn a_repeated_save_that_already_landed_is_recognised() {
    each_backend(|db| {
        let company = CompanyBuilder::new("Acme").insert(&mut db.conn).id;
        let product = ProductBuilder::new("PRO").insert(&mut db.conn).id;
        let id = LicenseBuilder::new()
            .company(company)
            .product(product)
            .seats(10)
            .insert(&mut db.conn)
            .id;
        let alice = actor(db, Role::Sales);
        let bob = actor(db, Role::Sales);
        let opened = licenses::get(&mut db.conn, &alice, id).unwrap();
        let mut input = opened.input.clone();
        input.seats = Seats::Limited(20);

        // The first try (its answer lost), then the same save again.
        assert_eq!(
            licenses::update(&mut db.conn, &alice, id, opened.version, &input).unwrap(),
            opened.version + 1
        );
        assert_eq!(
            licenses::update(&mut db.conn, &alice, id, opened.version, &input).unwrap(),
            opened.version + 1,
            "recognised as this save"
        );
        let stored = licenses::get(&mut db.conn, &alice, id).unwrap();
        assert_eq!(stored.version, opened.version + 1, "nothing written twice");

        // Other values from the same version: a conflict.
        let mut other = input.clone();
        other.seats = Seats::Limited(25);
        let r = licenses::update(&mut db.conn, &alice, id, opened.version, &other);
        assert!(matches!(r, Err(ServiceError::Stale { .. })), "{r:?}");

        // Bob saves; his own repeat with other values conflicts, and alice's with the
        // same values is still his save, not hers.
        let mut bobs = input.clone();
        bobs.seats = Seats::Limited(30);
        licenses::update(&mut db.conn, &bob, id, stored.version, &bobs).unwrap();
        let r = licenses::update(&mut db.conn, &bob, id, stored.version, &input);
        assert!(matches!(r, Err(ServiceError::Stale { .. })), "{r:?}");
        let r = licenses::update(&mut db.conn, &alice, id, stored.version, &bobs);
        assert!(
            matches!(r, Err(ServiceError::Stale { ref by, .. }) if *by == bob.username),
            "{r:?}"
        );
        let stored = licenses::get(&mut db.conn, &alice, id).unwrap();
        assert_eq!(stored.input.seats, Seats::Limited(30));
        assert_eq!(stored.version, opened.version + 2);
    });
}

/// A create has no version: its repeat asks for this operator's license of a moment ago
/// with the same values.
#[test]
fn a_landed_create_is_found_by_its_author_and_values() {
    each_backend(|db| {
        let company = CompanyBuilder::new("Acme").insert(&mut db.conn).id;
        let product = ProductBuilder::new("PRO").insert(&mut db.conn).id;
        let template = LicenseBuilder::new()
            .company(company)
            .product(product)
            .seats(10)
            .starts("2025-01-01")
            .ends("2030-12-31")
            .insert(&mut db.conn)
            .id;
        let alice = actor(db, Role::Sales);
        let bob = actor(db, Role::Sales);
        let mut input = licenses::get(&mut db.conn, &alice, template).unwrap().input;
        input.seats = Seats::Limited(7);
        assert_eq!(
            licenses::landed_create(&mut db.conn, &alice, &input).unwrap(),
            None
        );
        let id = licenses::create(&mut db.conn, &alice, &input).unwrap();
        assert_eq!(
            licenses::landed_create(&mut db.conn, &alice, &input).unwrap(),
            Some(id)
        );
        assert_eq!(
            licenses::landed_create(&mut db.conn, &bob, &input).unwrap(),
            None,
            "not bob's"
        );
        let mut other = input.clone();
        other.seats = Seats::Limited(8);
        assert_eq!(
            licenses::landed_create(&mut db.conn, &alice, &other).unwrap(),
            None,
            "other values"
        );
        let viewer = actor(db, Role::Viewer);
        assert!(matches!(
            licenses::landed_create(&mut db.conn, &viewer, &input),
            Err(ServiceError::Forbidden { .. })
        ));

        // A scheduled deployment, the same way.
        let eng = actor(db, Role::Engineer);
        let plan = lms::domain::deployment_input::DeploymentInput {
            license_id: template,
            engineer_id: None,
            scheduled_date: chrono::NaiveDate::from_ymd_opt(2026, 12, 1),
            environment: "production".into(),
            notes: String::new(),
        };
        assert_eq!(
            deployments::landed_schedule(&mut db.conn, &eng, &plan).unwrap(),
            None
        );
        let did = deployments::schedule(&mut db.conn, &eng, &plan).unwrap();
        assert_eq!(
            deployments::landed_schedule(&mut db.conn, &eng, &plan).unwrap(),
            Some(did)
        );
        let staging = lms::domain::deployment_input::DeploymentInput {
            environment: "staging".into(),
            ..plan.clone()
        };
        assert_eq!(
            deployments::landed_schedule(&mut db.conn, &eng, &staging).unwrap(),
            None
        );
    });
}
