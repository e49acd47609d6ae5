//! The reference records through the service layer, on both backends, for every kind
//! (customer, partner, sales rep, engineer, product code, portal user): create, edit with
//! the version check, the audit row and history of each write, uniqueness naming the
//! holder, delete refused while anything refers to the record and allowed after, archive
//! (deactivate, disable) and restore, the gate for every role, and bad input that stores
//! nothing.
#![allow(clippy::unwrap_used, clippy::expect_used)]

mod common;

use diesel::prelude::*;

use common::builders::{ActivityBuilder, CompanyBuilder, DeploymentBuilder, LicenseBuilder};
use common::{TestDb, actor, each_backend};
use lms::db::DbConnection;
use lms::db::schema::audit_log;
use lms::domain::{Permission, Role};
use lms::service::records::{
    self, CompanyInput, PartnerInput, PersonInput, PortalUserInput, ProductInput, RecordInput,
    RecordKind,
};
use lms::service::{ServiceError, history};

const KINDS: [RecordKind; 6] = [
    RecordKind::Company,
    RecordKind::Partner,
    RecordKind::SalesRep,
    RecordKind::Engineer,
    RecordKind::ProductCode,
    RecordKind::PortalUser,
];

/// A valid input of `kind`, distinct for each `n`; portal users belong to `company`.
fn valid(kind: RecordKind, n: u32, company: i64) -> RecordInput {
    let person = PersonInput {
        name: format!("Person {n}"),
        email: format!("person{n}@vendor.example"),
        region: "EMEA".into(),
        active: true,
    };
    match kind {
        RecordKind::Company => RecordInput::Company(CompanyInput {
            name: format!("Company {n}"),
            country: "DE".into(),
            contact_email: format!("ops{n}@acme.example"),
            notes: String::new(),
        }),
        RecordKind::Partner => RecordInput::Partner(PartnerInput {
            name: format!("Partner {n}"),
            country: "FR".into(),
            contact_email: String::new(),
        }),
        RecordKind::SalesRep => RecordInput::SalesRep(person),
        RecordKind::Engineer => RecordInput::Engineer(person),
        RecordKind::ProductCode => RecordInput::ProductCode(ProductInput {
            code: format!("LMS-{n}"),
            name: format!("Product {n}"),
            description: String::new(),
        }),
        RecordKind::PortalUser => RecordInput::PortalUser(PortalUserInput {
            company_id: Some(company),
            external_user_id: format!("u-{n}"),
            email: format!("user{n}@acme.example"),
            name: format!("User {n}"),
            disabled: false,
        }),
    }
}

/// `input` with its unique field (name, email, code) set to `value`, and the field's key.
fn with_unique(input: &RecordInput, value: &str) -> (RecordInput, &'static str) {
    let mut input = input.clone();
    let field = match &mut input {
        RecordInput::Company(i) => {
            i.name = value.into();
            "name"
        }
        RecordInput::Partner(i) => {
            i.name = value.into();
            "name"
        }
        RecordInput::SalesRep(i) | RecordInput::Engineer(i) => {
            i.email = value.into();
            "email"
        }
        RecordInput::ProductCode(i) => {
            i.code = value.into();
            "code"
        }
        RecordInput::PortalUser(i) => {
            i.email = value.into();
            "email"
        }
    };
    (input, field)
}

/// The value of the unique field of the record `n` of `kind`, in another case.
fn unique_in_other_case(kind: RecordKind, n: u32) -> String {
    match kind {
        RecordKind::Company => format!("COMPANY {n}"),
        RecordKind::Partner => format!("partner {n}"),
        RecordKind::SalesRep | RecordKind::Engineer => format!("PERSON{n}@Vendor.Example"),
        RecordKind::ProductCode => format!("lms-{n}"),
        RecordKind::PortalUser => format!("USER{n}@acme.example"),
    }
}

/// An edit of `input` that changes one field.
fn edited(input: &RecordInput) -> RecordInput {
    let mut input = input.clone();
    match &mut input {
        RecordInput::Company(i) => i.country = "at".into(),
        RecordInput::Partner(i) => i.contact_email = "sales@partner.example".into(),
        RecordInput::SalesRep(i) | RecordInput::Engineer(i) => i.region = "APAC".into(),
        RecordInput::ProductCode(i) => i.description = "Floating seats".into(),
        RecordInput::PortalUser(i) => i.name = "Renamed".into(),
    }
    input
}

fn audit_rows(conn: &mut DbConnection, kind: RecordKind, action: &str) -> i64 {
    audit_log::table
        .filter(audit_log::entity.eq(kind.entity()))
        .filter(audit_log::action.eq(action))
        .count()
        .get_result(conn)
        .unwrap()
}

fn manager(db: &mut TestDb) -> lms::auth::Actor {
    actor(db, Role::Manager)
}

#[test]
fn create_edit_conflict_and_history_for_every_kind() {
    each_backend(|db| {
        let who = manager(db);
        let company = CompanyBuilder::new("Home Co").insert(&mut db.conn).id;
        for kind in KINDS {
            let input = valid(kind, 1, company);
            let id = records::create(&mut db.conn, &who, &input).unwrap();
            assert_eq!(audit_rows(&mut db.conn, kind, "create"), 1, "{kind:?}");
            let record = records::get(&mut db.conn, &who, kind, id).unwrap();
            assert_eq!(record.kind(), kind);
            assert!(!record.retired);
            let change = edited(&record.input);
            let v = records::update(&mut db.conn, &who, id, record.version, &change).unwrap();
            assert_eq!(v, record.version + 1, "{kind:?}");
            let stored = records::get(&mut db.conn, &who, kind, id).unwrap();
            assert_ne!(stored.input, record.input, "{kind:?}: the edit is stored");
            // Unchanged: nothing written.
            assert_eq!(
                records::update(&mut db.conn, &who, id, v, &stored.input).unwrap(),
                v
            );
            assert_eq!(audit_rows(&mut db.conn, kind, "update"), 1, "{kind:?}");
            // Someone saved first: refused, nothing written.
            let err = records::update(&mut db.conn, &who, id, record.version, &input).unwrap_err();
            assert!(
                matches!(err, ServiceError::Stale { .. }),
                "{kind:?}: {err:?}"
            );
            // The history: the edit, then the creation without its empty fields.
            let h = history::record_history(&mut db.conn, &who, kind.entity(), id).unwrap();
            assert_eq!(h.len(), 2, "{kind:?}: {h:?}");
            assert!(
                h[1].changes.iter().all(|c| c.2.is_some()),
                "{kind:?}: a creation lists only the fields given: {:?}",
                h[1].changes
            );
        }
    });
}

#[test]
fn a_taken_name_email_or_code_is_refused_naming_its_holder() {
    each_backend(|db| {
        let who = manager(db);
        let company = CompanyBuilder::new("Home Co").insert(&mut db.conn).id;
        for kind in KINDS {
            let first = records::create(&mut db.conn, &who, &valid(kind, 1, company)).unwrap();
            let (clash, field) =
                with_unique(&valid(kind, 2, company), &unique_in_other_case(kind, 1));
            let err = records::create(&mut db.conn, &who, &clash).unwrap_err();
            let ServiceError::Fields(f) = &err else {
                panic!("{kind:?}: {err:?}")
            };
            let message = f.get(field).unwrap_or_default();
            assert!(message.contains(&format!("#{first}")), "{kind:?}: {f}");
            // Renaming another record onto it is refused the same way.
            let second = records::create(&mut db.conn, &who, &valid(kind, 2, company)).unwrap();
            let err = records::update(&mut db.conn, &who, second, 1, &clash).unwrap_err();
            assert!(
                err.to_string().contains(&format!("#{first}")),
                "{kind:?}: {err}"
            );
        }
    });
}

/// Inserts a row that refers to the record `id` of `kind`; the refusal's words.
fn refer(db: &mut TestDb, kind: RecordKind, id: i64) -> &'static str {
    let conn = &mut db.conn;
    match kind {
        RecordKind::Company => {
            LicenseBuilder::new().company(id).insert(conn);
            "1 license refers to it"
        }
        RecordKind::Partner => {
            LicenseBuilder::new().partner(id).insert(conn);
            "1 license refers to it"
        }
        RecordKind::SalesRep => {
            LicenseBuilder::new().sales_rep(id).insert(conn);
            LicenseBuilder::new().sales_rep(id).insert(conn);
            "2 licenses refer to it"
        }
        RecordKind::Engineer => {
            let license = LicenseBuilder::new().insert(conn);
            DeploymentBuilder::new(&license).engineer(id).insert(conn);
            "1 deployment refers to it"
        }
        RecordKind::ProductCode => {
            LicenseBuilder::new().product(id).insert(conn);
            "1 license refers to it"
        }
        RecordKind::PortalUser => {
            let user: lms::db::models::PortalUser = {
                use lms::db::schema::portal_users;
                portal_users::table
                    .find(id)
                    .select(lms::db::models::PortalUser::as_select())
                    .first(conn)
                    .unwrap()
            };
            for _ in 0..3 {
                ActivityBuilder::new(&user).insert(conn);
            }
            "3 activity rows refer to it"
        }
    }
}

#[test]
fn delete_is_refused_while_anything_refers_and_allowed_after() {
    each_backend(|db| {
        let who = manager(db);
        let company = CompanyBuilder::new("Home Co").insert(&mut db.conn).id;
        for kind in KINDS {
            let used = records::create(&mut db.conn, &who, &valid(kind, 1, company)).unwrap();
            let words = refer(db, kind, used);
            let err = records::delete(&mut db.conn, &who, kind, used, 1).unwrap_err();
            let text = err.to_string();
            assert!(
                text.contains(&format!("cannot be deleted: {words}")),
                "{kind:?}: {text}"
            );
            assert!(
                text.contains("instead"),
                "{kind:?}: says what to do: {text}"
            );
            assert!(records::get(&mut db.conn, &who, kind, used).is_ok());
            let free = records::create(&mut db.conn, &who, &valid(kind, 2, company)).unwrap();
            records::delete(&mut db.conn, &who, kind, free, 1).unwrap();
            assert!(matches!(
                records::get(&mut db.conn, &who, kind, free),
                Err(ServiceError::NotFound(_))
            ));
            assert_eq!(audit_rows(&mut db.conn, kind, "delete"), 1, "{kind:?}");
        }
        // The home company of the portal user kept above.
        let err = records::delete(&mut db.conn, &who, RecordKind::Company, company, 1).unwrap_err();
        assert!(err.to_string().contains("1 portal user refers"), "{err}");
    });
}

#[test]
fn retire_and_restore_every_kind() {
    each_backend(|db| {
        let who = manager(db);
        let company = CompanyBuilder::new("Home Co").insert(&mut db.conn).id;
        for kind in KINDS {
            let id = records::create(&mut db.conn, &who, &valid(kind, 1, company)).unwrap();
            let v = records::set_retired(&mut db.conn, &who, kind, id, 1, true).unwrap();
            assert_eq!(v, 2);
            let r = records::get(&mut db.conn, &who, kind, id).unwrap();
            assert!(r.retired, "{kind:?}");
            let (retire, restore) = kind.retire_verbs();
            assert_eq!(audit_rows(&mut db.conn, kind, retire), 1, "{kind:?}");
            // Retiring what is retired writes nothing.
            assert_eq!(
                records::set_retired(&mut db.conn, &who, kind, id, 2, true).unwrap(),
                2
            );
            // A stale retire is refused.
            assert!(matches!(
                records::set_retired(&mut db.conn, &who, kind, id, 1, false),
                Err(ServiceError::Stale { .. })
            ));
            records::set_retired(&mut db.conn, &who, kind, id, 2, false).unwrap();
            assert!(!records::get(&mut db.conn, &who, kind, id).unwrap().retired);
            assert_eq!(audit_rows(&mut db.conn, kind, restore), 1, "{kind:?}");
        }
    });
}

fn forbidden<T>(r: &Result<T, ServiceError>) -> bool {
    matches!(r, Err(ServiceError::Forbidden { .. }))
}

#[test]
fn every_role_is_gated_for_every_action() {
    each_backend(|db| {
        let company = CompanyBuilder::new("Home Co").insert(&mut db.conn).id;
        let admin = actor(db, Role::Admin);
        let mut n = 10;
        for kind in KINDS {
            let id = records::create(&mut db.conn, &admin, &valid(kind, 1, company)).unwrap();
            for role in Role::ALL {
                let who = actor(db, role);
                n += 1;
                let writes = role.allows(Permission::EditReferenceData);
                let created = records::create(&mut db.conn, &who, &valid(kind, n, company));
                assert_eq!(!forbidden(&created), writes, "{kind:?} {role}: {created:?}");
                let current = records::get(&mut db.conn, &who, kind, id).unwrap();
                let edit = records::update(
                    &mut db.conn,
                    &who,
                    id,
                    current.version,
                    &edited(&current.input),
                );
                assert_eq!(!forbidden(&edit), writes, "{kind:?} {role}: {edit:?}");
                let v = records::get(&mut db.conn, &who, kind, id).unwrap().version;
                let retire = records::set_retired(&mut db.conn, &who, kind, id, v, false);
                assert_eq!(!forbidden(&retire), writes, "{kind:?} {role}: {retire:?}");
                if let Ok(created) = created {
                    let del = records::delete(&mut db.conn, &who, kind, created, 1);
                    assert!(del.is_ok(), "{kind:?} {role}: {del:?}");
                } else {
                    let del = records::delete(&mut db.conn, &who, kind, id, v);
                    assert!(forbidden(&del), "{kind:?} {role}: {del:?}");
                }
            }
        }
    });
}

/// Bad values of each kind's fields: (field, input).
fn bad_inputs(kind: RecordKind, company: i64) -> Vec<(&'static str, RecordInput)> {
    let base = valid(kind, 7, company);
    let long = "x".repeat(201);
    let mut out = Vec::new();
    let mut put = |field: &'static str, f: &dyn Fn(&mut RecordInput)| {
        let mut i = base.clone();
        f(&mut i);
        out.push((field, i));
    };
    let names: [&str; 4] = ["", &long, "Evil\u{202E}Corp", "Bell\u{0007}"];
    for bad in names {
        match kind {
            RecordKind::ProductCode => put("name", &|i| {
                if let RecordInput::ProductCode(p) = i {
                    p.name = bad.into();
                }
            }),
            RecordKind::PortalUser => put("external_user_id", &|i| {
                if let RecordInput::PortalUser(p) = i {
                    p.external_user_id = if bad.is_empty() {
                        String::new()
                    } else {
                        format!("{bad}{long}")
                    };
                }
            }),
            _ => put("name", &|i| match i {
                RecordInput::Company(c) => c.name = bad.into(),
                RecordInput::Partner(p) => p.name = bad.into(),
                RecordInput::SalesRep(p) | RecordInput::Engineer(p) => p.name = bad.into(),
                _ => {}
            }),
        }
    }
    for email in ["not an email", "a@b", "x@@y.example", "ann@exa mple.com"] {
        match kind {
            RecordKind::Company | RecordKind::Partner => put("contact_email", &|i| match i {
                RecordInput::Company(c) => c.contact_email = email.into(),
                RecordInput::Partner(p) => p.contact_email = email.into(),
                _ => {}
            }),
            RecordKind::ProductCode => put("code", &|i| {
                if let RecordInput::ProductCode(p) = i {
                    p.code = email.into();
                }
            }),
            _ => put("email", &|i| match i {
                RecordInput::SalesRep(p) | RecordInput::Engineer(p) => p.email = email.into(),
                RecordInput::PortalUser(p) => p.email = email.into(),
                _ => {}
            }),
        }
    }
    if matches!(kind, RecordKind::Company | RecordKind::Partner) {
        for country in ["XX", "Germany", "D\u{0000}"] {
            put("country", &|i| match i {
                RecordInput::Company(c) => c.country = country.into(),
                RecordInput::Partner(p) => p.country = country.into(),
                _ => {}
            });
        }
    }
    if kind == RecordKind::PortalUser {
        put("company_id", &|i| {
            if let RecordInput::PortalUser(p) = i {
                p.company_id = None;
            }
        });
    }
    out
}

#[test]
fn bad_input_stores_nothing_and_odd_text_is_stored_as_typed() {
    each_backend(|db| {
        let who = manager(db);
        let company = CompanyBuilder::new("Home Co").insert(&mut db.conn).id;
        for kind in KINDS {
            for (field, input) in bad_inputs(kind, company) {
                let err = records::create(&mut db.conn, &who, &input).unwrap_err();
                let ServiceError::Fields(f) = &err else {
                    panic!("{kind:?} {field}: {err:?}")
                };
                assert!(f.get(field).is_some(), "{kind:?} {field}: {f}");
            }
            let entity = kind.entity();
            let stored: i64 = audit_log::table
                .filter(audit_log::entity.eq(entity))
                .count()
                .get_result(&mut db.conn)
                .unwrap();
            assert_eq!(stored, 0, "{kind:?}: nothing written");
        }
        // A portal user of a company that is not there is refused under its field.
        let mut ghost = valid(RecordKind::PortalUser, 8, company);
        if let RecordInput::PortalUser(p) = &mut ghost {
            p.company_id = Some(company + 1000);
        }
        let err = records::create(&mut db.conn, &who, &ghost).unwrap_err();
        assert!(err.to_string().contains("no company"), "{err}");
        // SQL fragments and wide text are names like any other, stored as typed.
        for (n, name) in ["Robert'); DROP TABLE partners;--", "株式会社 🚀 عربي"]
            .into_iter()
            .enumerate()
        {
            let (input, _) = with_unique(
                &valid(RecordKind::Partner, 20 + u32::try_from(n).unwrap(), company),
                name,
            );
            let id = records::create(&mut db.conn, &who, &input).unwrap();
            assert_eq!(
                records::get(&mut db.conn, &who, RecordKind::Partner, id)
                    .unwrap()
                    .input
                    .name(),
                name
            );
        }
        // A product code is stored upper-cased.
        let id = records::create(
            &mut db.conn,
            &who,
            &with_unique(&valid(RecordKind::ProductCode, 30, company), "ent-pro-9").0,
        )
        .unwrap();
        assert_eq!(
            records::get(&mut db.conn, &who, RecordKind::ProductCode, id)
                .unwrap()
                .input
                .name(),
            "ENT-PRO-9"
        );
    });
}
