//! The one write helper (`service::write`) on both backends, through the license table:
//! the version check, the lost lock at the UPDATE, "nothing to change writes nothing",
//! refusals and audit failures rolling everything back, create and delete.
#![allow(clippy::unwrap_used, clippy::expect_used)]

mod common;

use chrono::NaiveDateTime;
use common::builders::LicenseBuilder;
use common::{TestDb, actor, each_backend, fixtures};
use diesel::prelude::*;
use lms::db::models::{License, LicenseChanges, NewLicense};
use lms::db::schema::{audit_log, licenses};
use lms::db::{DbConnection, now};
use lms::domain::Role;
use lms::service::ServiceError;
use lms::service::audit::{self, Author};
use lms::service::write::{self, Change};

/// A license at version 1 and the operator who edits it.
fn setup(db: &mut TestDb) -> (i64, i64) {
    let license = LicenseBuilder::new().insert(&mut db.conn);
    (license.id, actor(db, Role::Manager).operator_id)
}

/// `(notes, version, updated_at)` of a license.
fn row(conn: &mut DbConnection, id: i64) -> (String, i32, NaiveDateTime) {
    licenses::table
        .find(id)
        .select((licenses::notes, licenses::version, licenses::updated_at))
        .first(conn)
        .unwrap()
}

/// `(operator_id, action, changes)` of the audit rows of `entity` `id`.
fn audit_rows(
    conn: &mut DbConnection,
    entity: &str,
    id: i64,
) -> Vec<(Option<i64>, String, String)> {
    audit_log::table
        .filter(audit_log::entity.eq(entity))
        .filter(audit_log::entity_id.eq(id))
        .order(audit_log::id.asc())
        .select((
            audit_log::operator_id,
            audit_log::action,
            audit_log::changes,
        ))
        .load(conn)
        .unwrap()
}

/// A plan that sets the notes, audited as `update`.
fn notes<'a>(to: &str) -> Change<'a, License> {
    Change {
        set: LicenseChanges {
            notes: Some(to.to_owned()),
            ..LicenseChanges::default()
        },
        action: "update",
        audit: vec![("notes", Some(String::new()), Some(to.to_owned()))],
    }
}

#[test]
fn an_update_bumps_the_version_and_writes_its_audit_row() {
    each_backend(|db| {
        let (id, op) = setup(db);
        let saved = write::update::<License>(&mut db.conn, Author::Operator(op), id, 1, |_, r| {
            assert_eq!(r.version, 1);
            Ok(Some(notes("hello")))
        })
        .unwrap();
        assert_eq!(
            (saved.version, saved.written, saved.before.notes.as_str()),
            (2, true, "")
        );
        assert_eq!(row(&mut db.conn, id).0, "hello");
        assert_eq!(row(&mut db.conn, id).1, 2);
        assert_eq!(
            audit_rows(&mut db.conn, "license", id),
            [(
                Some(op),
                "update".to_owned(),
                r#"{"notes":["","hello"]}"#.to_owned()
            )],
            "{}",
            db.name()
        );
    });
}

#[test]
fn nothing_to_change_writes_nothing() {
    each_backend(|db| {
        let (id, op) = setup(db);
        let before = row(&mut db.conn, id);
        let saved =
            write::update::<License>(&mut db.conn, Author::Operator(op), id, 1, |_, _| Ok(None))
                .unwrap();
        assert_eq!((saved.version, saved.written), (1, false));
        assert_eq!(row(&mut db.conn, id), before);
        assert!(
            audit_rows(&mut db.conn, "license", id).is_empty(),
            "{}",
            db.name()
        );
    });
}

#[test]
fn a_lost_lock_is_stale_naming_who_saved_first_and_writes_nothing() {
    each_backend(|db| {
        let (id, op) = setup(db);
        let bob = actor(db, Role::Manager);
        // Bob saves version 1 first, from another connection.
        let mut other = db.connect_again();
        write::update::<License>(&mut other, (&bob).into(), id, 1, |_, _| {
            Ok(Some(notes("bob")))
        })
        .unwrap();
        let mut planned = false;
        let err = write::update::<License>(&mut db.conn, Author::Operator(op), id, 1, |_, _| {
            planned = true;
            Ok(Some(notes("alice")))
        })
        .unwrap_err();
        let ServiceError::Stale { by, .. } = &err else {
            panic!("expected stale, got {err:?}")
        };
        assert_eq!(by, &bob.username);
        assert!(!planned, "a stale version is refused before the plan runs");
        assert_eq!(row(&mut db.conn, id).0, "bob");

        // The lock lost between the read and the UPDATE (here: the plan itself moves the
        // version on): 0 rows matched, everything rolled back, stale.
        let before = row(&mut db.conn, id);
        let err = write::update::<License>(&mut db.conn, Author::Operator(op), id, 2, |c, _| {
            diesel::update(licenses::table.find(id))
                .set((
                    licenses::version.eq(licenses::version + 1),
                    licenses::notes.eq("moved"),
                ))
                .execute(c)?;
            Ok(Some(notes("alice")))
        })
        .unwrap_err();
        assert!(matches!(err, ServiceError::Stale { .. }), "{err:?}");
        assert_eq!(row(&mut db.conn, id), before, "{}", db.name());
        assert_eq!(audit_rows(&mut db.conn, "license", id).len(), 1);
    });
}

#[test]
fn a_refusal_or_a_failed_audit_row_rolls_everything_back() {
    each_backend(|db| {
        let (id, op) = setup(db);
        let before = row(&mut db.conn, id);
        let err = write::update::<License>(&mut db.conn, Author::Operator(op), id, 1, |c, _| {
            diesel::update(licenses::table.find(id))
                .set(licenses::notes.eq("half-done"))
                .execute(c)?;
            Err(ServiceError::Conflict("no".into()))
        })
        .unwrap_err();
        assert!(matches!(err, ServiceError::Conflict(_)), "{err:?}");
        assert_eq!(row(&mut db.conn, id), before);

        fixtures::fail_inserts(&mut db.conn, "audit_log", "NEW.action = 'update'");
        let err = write::update::<License>(&mut db.conn, Author::Operator(op), id, 1, |_, _| {
            Ok(Some(notes("unaudited")))
        })
        .unwrap_err();
        assert!(matches!(err, ServiceError::Database(_)), "{err:?}");
        assert_eq!(row(&mut db.conn, id), before, "{}", db.name());
        assert!(audit_rows(&mut db.conn, "license", id).is_empty());
    });
}

#[test]
fn create_reads_back_the_id_and_audits_it() {
    each_backend(|db| {
        let (earlier, op) = setup(db);
        let t = now();
        let mut new = NewLicense {
            license_key: "placeholder".into(),
            company_id: 0,
            product_code_id: 0,
            partner_id: None,
            sales_rep_id: None,
            seats: Some(5),
            start_date: t.date(),
            end_date: t.date(),
            status: "draft".into(),
            notes: String::new(),
            created_at: t,
            updated_at: t,
        };
        (new.company_id, new.product_code_id) = licenses::table
            .find(earlier)
            .select((licenses::company_id, licenses::product_code_id))
            .first(&mut db.conn)
            .unwrap();
        let id = db
            .conn
            .transaction(|c| {
                write::create(c, Author::Operator(op), &new, |c, id| {
                    // What else the new row needs runs with its id, in the transaction.
                    diesel::update(licenses::table.find(id))
                        .set(licenses::license_key.eq(format!("KEY-{id}")))
                        .execute(c)?;
                    Ok(audit::created([("license_key", Some(format!("KEY-{id}")))]))
                })
            })
            .unwrap();
        assert!(id > earlier);
        let key: String = licenses::table
            .find(id)
            .select(licenses::license_key)
            .first(&mut db.conn)
            .unwrap();
        assert_eq!(key, format!("KEY-{id}"));
        assert_eq!(
            audit_rows(&mut db.conn, "license", id),
            [(
                Some(op),
                "create".to_owned(),
                format!(r#"{{"license_key":[null,"KEY-{id}"]}}"#)
            )],
            "{}",
            db.name()
        );
        // A row that creates itself (the first operator) is its own author.
        assert_eq!(Author::Itself.operator_id(id), Some(id));
        assert_eq!(Author::System.operator_id(id), None);
    });
}

#[test]
fn delete_checks_the_version_and_audits_the_row_it_removed() {
    each_backend(|db| {
        let (id, op) = setup(db);
        let err =
            write::delete::<License>(&mut db.conn, Author::Operator(op), id, 7, |_, _| Ok(vec![]))
                .unwrap_err();
        assert!(matches!(err, ServiceError::Stale { .. }), "{err:?}");
        let err = write::delete::<License>(&mut db.conn, Author::Operator(op), id, 1, |_, _| {
            Err(ServiceError::Conflict("keep it".into()))
        })
        .unwrap_err();
        assert!(matches!(err, ServiceError::Conflict(_)), "{err:?}");
        let gone = write::delete::<License>(&mut db.conn, Author::Operator(op), id, 1, |_, r| {
            Ok(audit::deleted([(
                "license_key",
                Some(r.license_key.clone()),
            )]))
        })
        .unwrap();
        assert_eq!(gone.id, id);
        let left: i64 = licenses::table
            .filter(licenses::id.eq(id))
            .count()
            .get_result(&mut db.conn)
            .unwrap();
        assert_eq!(left, 0);
        assert_eq!(
            audit_rows(&mut db.conn, "license", id),
            [(
                Some(op),
                "delete".to_owned(),
                format!(r#"{{"license_key":["{}",null]}}"#, gone.license_key)
            )],
            "{}",
            db.name()
        );
    });
}
