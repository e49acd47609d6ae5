//! Customers through the service layer, on both backends: create, unique names whatever
//! their case, edit with the version check, delete only when nothing refers to them, the
//! gate for every role, and bad input that stores nothing.
#![allow(clippy::unwrap_used, clippy::expect_used)]

mod common;

use diesel::prelude::*;

use common::builders::{CompanyBuilder, LicenseBuilder, PortalUserBuilder};
use common::{TestDb, actor, each_backend};
use lms::db::DbConnection;
use lms::db::schema::{audit_log, companies as rows};
use lms::domain::{Permission, Role};
use lms::service::ServiceError;
use lms::service::companies::{self, CompanyInput};

fn acme() -> CompanyInput {
    CompanyInput {
        name: "Acme Robotics".into(),
        country: "DE".into(),
        contact_email: "ops@acme.example".into(),
        notes: String::new(),
    }
}

fn count(conn: &mut DbConnection) -> i64 {
    rows::table.count().get_result(conn).unwrap()
}

fn audit_rows(conn: &mut DbConnection, action: &str) -> i64 {
    audit_log::table
        .filter(audit_log::entity.eq("company"))
        .filter(audit_log::action.eq(action))
        .count()
        .get_result(conn)
        .unwrap()
}

fn manager(db: &mut TestDb) -> lms::auth::Actor {
    actor(db, Role::Manager)
}

#[test]
fn create_edit_and_names_that_are_taken() {
    each_backend(|db| {
        let who = manager(db);
        let id = companies::create(&mut db.conn, &who, &acme()).unwrap();
        assert_eq!(audit_rows(&mut db.conn, "create"), 1);
        // The same name in another case is taken, and the refusal names the holder.
        let mut again = acme();
        again.name = "ACME robotics".into();
        let err = companies::create(&mut db.conn, &who, &again).unwrap_err();
        let ServiceError::Fields(f) = &err else {
            panic!("{err:?}")
        };
        assert_eq!(
            f.get("name"),
            Some(format!("company #{id} is already named \"Acme Robotics\"").as_str())
        );
        assert_eq!(count(&mut db.conn), 1);

        let record = companies::get(&mut db.conn, &who, id).unwrap();
        let mut edited = record.input.clone();
        edited.country = "at".into();
        let v = companies::update(&mut db.conn, &who, id, record.version, &edited).unwrap();
        assert_eq!(v, record.version + 1);
        assert_eq!(
            companies::get(&mut db.conn, &who, id)
                .unwrap()
                .input
                .country,
            "AT"
        );
        assert_eq!(audit_rows(&mut db.conn, "update"), 1);
        // Unchanged: nothing written.
        let stored = companies::get(&mut db.conn, &who, id).unwrap();
        assert_eq!(
            companies::update(&mut db.conn, &who, id, v, &stored.input).unwrap(),
            v
        );
        assert_eq!(audit_rows(&mut db.conn, "update"), 1);
        // Someone saved first: refused, nothing written.
        let err = companies::update(&mut db.conn, &who, id, record.version, &acme()).unwrap_err();
        assert!(matches!(err, ServiceError::Stale { .. }), "{err:?}");
        // Renaming onto another company's name is refused too.
        let other = CompanyBuilder::new("Globex").insert(&mut db.conn);
        let mut clash = stored.input.clone();
        clash.name = "globex".into();
        let err = companies::update(&mut db.conn, &who, id, v, &clash).unwrap_err();
        assert!(
            err.to_string().contains(&format!("company #{}", other.id)),
            "{err}"
        );
    });
}

#[test]
fn delete_only_what_nothing_refers_to() {
    each_backend(|db| {
        let who = manager(db);
        let used = CompanyBuilder::new("Used Co").insert(&mut db.conn);
        for _ in 0..2 {
            LicenseBuilder::new().company(&used).insert(&mut db.conn);
        }
        PortalUserBuilder::new(&used, "u-1").insert(&mut db.conn);
        let err = companies::delete(&mut db.conn, &who, used.id, used.version).unwrap_err();
        assert_eq!(
            err.to_string(),
            "Used Co cannot be deleted: 2 licenses and 1 portal user refer to it"
        );
        let free = CompanyBuilder::new("Free Co").insert(&mut db.conn);
        companies::delete(&mut db.conn, &who, free.id, free.version).unwrap();
        assert_eq!(count(&mut db.conn), 1);
        assert_eq!(audit_rows(&mut db.conn, "delete"), 1);
    });
}

#[test]
fn every_role_is_gated() {
    each_backend(|db| {
        for role in Role::ALL {
            let who = actor(db, role);
            let mut input = acme();
            input.name = format!("Co of {role}");
            let got = companies::create(&mut db.conn, &who, &input);
            if role.allows(Permission::EditReferenceData) {
                assert!(got.is_ok(), "{role}: {got:?}");
            } else {
                assert!(
                    matches!(got, Err(ServiceError::Forbidden { .. })),
                    "{role}: {got:?}"
                );
            }
        }
    });
}

#[test]
fn bad_input_stores_nothing() {
    each_backend(|db| {
        let who = manager(db);
        let long = "x".repeat(201);
        let cases: [(&str, &str, &str, &str); 8] = [
            ("name", "", "DE", ""),
            ("name", &long, "DE", ""),
            ("name", "Evil\u{202E}Corp", "DE", ""),
            ("name", "Tab\there", "DE", ""),
            ("country", "Acme", "XX", ""),
            ("country", "Acme", "Germany", ""),
            ("contact_email", "Acme", "DE", "not an email"),
            ("contact_email", "Acme", "DE", "a@b"),
        ];
        for (field, name, country, email) in cases {
            let input = CompanyInput {
                name: name.into(),
                country: country.into(),
                contact_email: email.into(),
                notes: String::new(),
            };
            let err = companies::create(&mut db.conn, &who, &input).unwrap_err();
            let ServiceError::Fields(f) = &err else {
                panic!("{field}: {err:?}")
            };
            assert!(f.get(field).is_some(), "{field}: {f}");
        }
        // SQL fragments and wide text are names like any other, stored as typed.
        for name in ["Robert'); DROP TABLE companies;--", "株式会社 🚀"] {
            let mut input = acme();
            input.name = name.into();
            let id = companies::create(&mut db.conn, &who, &input).unwrap();
            assert_eq!(
                companies::get(&mut db.conn, &who, id).unwrap().input.name,
                name
            );
        }
        assert_eq!(count(&mut db.conn), 2);
    });
}
