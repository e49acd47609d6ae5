//! The pickers' choices through the service layer, on both backends: the gate is asked
//! and the answer is the query's.
#![allow(clippy::unwrap_used, clippy::expect_used)]

mod common;

use common::builders::{CompanyBuilder, EngineerBuilder};
use common::{actor, each_backend};
use lms::db::queries::options as query;
use lms::domain::{Permission, Role};
use lms::service::ServiceError;
use lms::service::options::{self, RefKind};

#[test]
fn every_role_that_may_view_data_gets_the_choices_and_no_other() {
    each_backend(|db| {
        CompanyBuilder::new("Acme Robotics").insert(&mut db.conn);
        CompanyBuilder::new("Acme 100% Foods").insert(&mut db.conn);
        CompanyBuilder::new("Globex").insert(&mut db.conn);
        EngineerBuilder::new("Ada Acme")
            .active(true)
            .insert(&mut db.conn);
        EngineerBuilder::new("Old Acme")
            .active(false)
            .insert(&mut db.conn);
        for role in Role::ALL {
            let who = actor(db, role);
            for (kind, text) in [
                (RefKind::Company, "acme"),
                (RefKind::Company, "100%"),
                (RefKind::Engineer, "acme"),
            ] {
                let got = options::search(&mut db.conn, &who, kind, text);
                if role.allows(Permission::ViewData) {
                    let want = query::search(&mut db.conn, kind, text).unwrap();
                    assert!(!want.is_empty(), "{kind:?} {text}");
                    assert_eq!(got.unwrap(), want, "{role} {kind:?} {text}");
                } else {
                    assert!(
                        matches!(got, Err(ServiceError::Forbidden { .. })),
                        "{role}: {got:?}"
                    );
                }
            }
        }
    });
}

#[test]
fn retired_records_leave_the_pickers_and_come_back_when_restored() {
    use lms::service::records::{self, RecordKind};
    each_backend(|db| {
        let admin = actor(db, Role::Admin);
        let company = CompanyBuilder::new("Acme Robotics").insert(&mut db.conn);
        let partner = common::builders::PartnerBuilder::new("Acme Reseller").insert(&mut db.conn);
        let product = common::builders::ProductBuilder::new("ACME-1").insert(&mut db.conn);
        let rep = common::builders::SalesRepBuilder::new("Ann Acme").insert(&mut db.conn);
        let names = |db: &mut common::TestDb, kind| {
            options::search(&mut db.conn, &admin, kind, "acme")
                .unwrap()
                .len()
        };
        for (kind, ref_kind, id) in [
            (RecordKind::Company, RefKind::Company, company.id),
            (RecordKind::Partner, RefKind::Partner, partner.id),
            (RecordKind::ProductCode, RefKind::ProductCode, product.id),
            (RecordKind::SalesRep, RefKind::SalesRep, rep.id),
        ] {
            assert_eq!(names(db, ref_kind), 1, "{kind:?}");
            let v = records::set_retired(&mut db.conn, &admin, kind, id, 1, true).unwrap();
            assert_eq!(names(db, ref_kind), 0, "{kind:?}: retired, not offered");
            records::set_retired(&mut db.conn, &admin, kind, id, v, false).unwrap();
            assert_eq!(names(db, ref_kind), 1, "{kind:?}: restored");
        }
    });
}
