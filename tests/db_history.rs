//! A license's change history on both backends: every step of its life with its operator,
//! newest first, including purchases and deployments, and nothing of other licenses.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::too_many_lines,
    clippy::type_complexity
)]

mod common;

use chrono::{Duration, NaiveDate};
use common::builders::{CompanyBuilder, LicenseBuilder, ProductBuilder};
use common::fixtures::date;
use common::{actor, each_backend};
use lms::domain::{DeploymentStatus as D, LicenseStatus as S, Money, PurchaseKind, Role, Seats};
use lms::service::history::{self, HistoryEntry};
use lms::service::{ServiceError, deployments, licenses, purchases};

fn today() -> NaiveDate {
    lms::db::now().date()
}

fn input(company: i64, product: i64) -> licenses::LicenseInput {
    licenses::LicenseInput {
        company_id: company,
        product_code_id: product,
        partner_id: None,
        sales_rep_id: None,
        seats: Seats::Limited(10),
        start_date: date("2026-01-01"),
        end_date: today() + Duration::days(30),
        notes: "first".into(),
    }
}

fn steps(h: &[HistoryEntry]) -> Vec<(String, String, Option<String>)> {
    h.iter()
        .map(|e| (e.entity.clone(), e.action.clone(), e.operator.clone()))
        .collect()
}

#[test]
fn history_shows_every_step_with_its_operator_newest_first() {
    each_backend(|db| {
        let sales = actor(db, Role::Sales);
        let eng = actor(db, Role::Engineer);
        let c = &mut db.conn;
        let company = CompanyBuilder::new("Acme").insert(c).id;
        let product = ProductBuilder::new("ENT").insert(c).id;
        let id = licenses::create(c, &sales, &input(company, product)).unwrap();
        let other = licenses::create(c, &sales, &input(company, product)).unwrap();
        let v = licenses::update(
            c,
            &sales,
            id,
            1,
            &licenses::LicenseInput {
                notes: "שלום 🚀".into(),
                ..input(company, product)
            },
        )
        .unwrap();
        let eur = |m| Money::new(m, "EUR".parse().unwrap());
        let buy = |kind, seats_added, new_end_date| purchases::PurchaseInput {
            license_id: id,
            kind,
            purchase_date: today(),
            seats_added,
            cost: eur(100),
            revenue: eur(200),
            order_number: String::new(),
            sales_rep_id: None,
            partner_id: None,
            new_end_date,
        };
        let (pid, v) = purchases::record(c, &sales, v, &buy(PurchaseKind::New, 0, None)).unwrap();
        let new_end = today() + Duration::days(400);
        let (_, v) =
            purchases::record(c, &sales, v, &buy(PurchaseKind::Renewal, 0, Some(new_end))).unwrap();
        let dep = deployments::schedule(
            c,
            &eng,
            &deployments::DeploymentInput {
                license_id: id,
                engineer_id: None,
                scheduled_date: None,
                environment: "prod".into(),
                notes: String::new(),
            },
        )
        .unwrap();
        let dv = deployments::advance(c, &eng, dep, 1, D::InProgress, today()).unwrap();
        deployments::advance(c, &eng, dep, dv, D::Completed, today()).unwrap();
        licenses::set_status(c, &sales, id, v, S::Terminated).unwrap();
        licenses::update(
            c,
            &sales,
            other,
            1,
            &licenses::LicenseInput {
                notes: "not mine".into(),
                ..input(company, product)
            },
        )
        .unwrap();

        let h = history::license_history(c, &eng, id).unwrap();
        let s = |e: &str, a: &str, who: &lms::auth::Actor| {
            (e.to_owned(), a.to_owned(), Some(who.username.clone()))
        };
        assert_eq!(
            steps(&h),
            vec![
                s("license", "status", &sales),
                s("deployment", "status", &eng),
                s("deployment", "status", &eng),
                s("deployment", "create", &eng),
                s("purchase", "create", &sales),
                s("license", "purchase:renewal", &sales),
                s("purchase", "create", &sales),
                s("license", "purchase:new", &sales),
                s("license", "update", &sales),
                s("license", "create", &sales),
            ],
            "{}",
            db.name()
        );
        assert!(h.windows(2).all(|w| w[0].at >= w[1].at));
        let update = &h[8];
        assert_eq!(
            update.changes,
            vec![(
                "notes".to_owned(),
                Some("first".to_owned()),
                Some("שלום 🚀".to_owned())
            )]
        );
        assert_eq!(
            h[7].changes[0],
            (
                "status".to_owned(),
                Some("draft".to_owned()),
                Some("active".to_owned())
            )
        );
        assert_eq!(h[6].entity_id, pid);
        assert!(
            h[5].changes
                .iter()
                .any(|(f, _, a)| f == "end_date" && a.as_deref() == Some(&*new_end.to_string()))
        );
        assert_eq!(h[0].changes[0].2.as_deref(), Some("terminated"));
        // Roles without ViewAudit are refused.
        let viewer = actor(db, Role::Viewer);
        assert!(matches!(
            history::license_history(&mut db.conn, &viewer, id),
            Err(ServiceError::Forbidden { .. })
        ));
        for role in [Role::Admin, Role::Manager, Role::Sales, Role::Engineer] {
            let who = actor(db, role);
            assert_eq!(
                history::license_history(&mut db.conn, &who, id)
                    .unwrap()
                    .len(),
                10
            );
        }
    });
}

#[test]
fn the_sweep_appears_as_the_system() {
    each_backend(|db| {
        let admin = actor(db, Role::Admin);
        let c = &mut db.conn;
        let id = LicenseBuilder::new()
            .seats(1)
            .starts("2020-01-01")
            .ends("2021-01-01")
            .insert(c)
            .id;
        assert_eq!(licenses::expire_due(c, today()).unwrap(), 1);
        let h = history::license_history(c, &admin, id).unwrap();
        assert_eq!(h.len(), 1);
        assert_eq!(
            (h[0].operator.as_deref(), h[0].by()),
            (None, "the system".to_owned())
        );
        assert_eq!(h[0].action, "expire");
        assert!(
            history::license_history(c, &admin, 123_456)
                .unwrap()
                .is_empty()
        );
    });
}
