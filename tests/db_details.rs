//! The entity tabs' detail panes (`service::details`) on both backends: each figure
//! against a hand-computed fixture (zero and empty cases, several currencies, window
//! edges), then every pane of a generated demo book against SQL written apart from the
//! service's, and the gate.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::too_many_lines,
    clippy::many_single_char_names
)]

mod common;

use chrono::NaiveDate;
use diesel::prelude::*;
use diesel::sql_types::{BigInt, Date, Nullable, Text, Timestamp};

use common::builders::{
    ActivityBuilder, CompanyBuilder, DeploymentBuilder, EngineerBuilder, LicenseBuilder,
    PartnerBuilder, PortalUserBuilder, ProductBuilder, PurchaseBuilder, SalesRepBuilder, ts,
};
use lms::db::DbConnection;
use lms::db::queries::details::{LastPurchase, Revenue};
use lms::domain::{DeploymentStatus, LicenseStatus, PurchaseKind, Role};
use lms::report::utilization::Flags;
use lms::service::ServiceError;
use lms::service::details::{self, Detail, DetailKind};

fn day(s: &str) -> NaiveDate {
    NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap()
}

/// The app's today in these tests: the activity window is 2025-02-15 00:00 to
/// 2025-03-01 00:00 (today excluded), the rep's year 2025, "recently completed" from
/// 2024-12-01.
fn today() -> NaiveDate {
    day("2025-03-01")
}

fn revenue(currency: &str, purchases: i64, revenue_minor: i64) -> Revenue {
    Revenue {
        currency: currency.to_owned(),
        purchases,
        revenue_minor,
    }
}

#[test]
fn company_pane_figures() {
    common::each_backend(|db| {
        let actor = common::actor(db, Role::Viewer);
        let c = &mut db.conn;
        let acme = CompanyBuilder::new("Acme").insert(c);
        let other = CompanyBuilder::new("Other").insert(c);
        // In force today: 10 + 5 seats. Active but ended: counted by status, not in seats.
        let l1 = LicenseBuilder::new()
            .company(&acme)
            .seats(10)
            .starts("2025-01-01")
            .ends("2025-12-31")
            .insert(c);
        let l2 = LicenseBuilder::new()
            .company(&acme)
            .seats(5)
            .starts("2025-02-01")
            .ends("2025-03-01")
            .insert(c);
        LicenseBuilder::new()
            .company(&acme)
            .seats(50)
            .starts("2024-01-01")
            .ends("2025-02-28")
            .insert(c);
        let l4 = LicenseBuilder::new()
            .company(&acme)
            .status(LicenseStatus::Expired)
            .starts("2024-01-01")
            .ends("2024-12-31")
            .insert(c);
        LicenseBuilder::new()
            .company(&acme)
            .status(LicenseStatus::Draft)
            .starts("2025-06-01")
            .ends("2026-05-31")
            .insert(c);
        // Another company's license and money must not leak in.
        let lo = LicenseBuilder::new().company(&other).seats(99).insert(c);
        PurchaseBuilder::new(&lo)
            .on("2025-02-28")
            .revenue(999_999)
            .insert(c);

        PurchaseBuilder::new(&l1)
            .on("2025-01-01")
            .revenue(100_000)
            .currency("EUR")
            .insert(c);
        PurchaseBuilder::new(&l2)
            .on("2025-02-03")
            .kind(PurchaseKind::Expansion)
            .revenue(50_000)
            .currency("USD")
            .insert(c);
        // Same date, recorded later: the last purchase.
        PurchaseBuilder::new(&l4)
            .on("2025-02-03")
            .kind(PurchaseKind::Renewal)
            .revenue(30_000)
            .currency("EUR")
            .insert(c);

        let u1 = PortalUserBuilder::new(&acme, "u1").insert(c);
        let u2 = PortalUserBuilder::new(&acme, "u2").insert(c);
        PortalUserBuilder::new(&acme, "u3").insert(c);
        let gone = PortalUserBuilder::new(&acme, "u4").disabled(true).insert(c);
        let stranger = PortalUserBuilder::new(&other, "x").insert(c);
        ActivityBuilder::new(&u1)
            .at("2025-02-15 00:00:00")
            .insert(c);
        ActivityBuilder::new(&u1)
            .at("2025-02-28 23:59:59")
            .insert(c);
        ActivityBuilder::new(&u2)
            .at("2025-02-14 23:59:59")
            .insert(c); // before the window
        ActivityBuilder::new(&u2)
            .at("2025-03-01 00:00:00")
            .insert(c); // today: not in it
        ActivityBuilder::new(&gone)
            .at("2025-02-20 10:00:00")
            .insert(c); // disabled, but active
        ActivityBuilder::new(&stranger)
            .at("2025-02-20 10:00:00")
            .insert(c);

        let d = details::company(c, &actor, acme.id, today()).unwrap();
        assert_eq!(d.name, "Acme");
        assert_eq!(
            d.licenses_by_status,
            vec![
                ("active".to_owned(), 3),
                ("draft".to_owned(), 1),
                ("expired".to_owned(), 1)
            ],
            "{}",
            db.conn.kind().name()
        );
        let u = d.usage;
        assert_eq!(
            (
                u.licensed_seats,
                u.unlimited,
                u.active_licenses,
                u.registered,
                u.active,
                u.window_days
            ),
            (15, false, 2, 3, 2, 14)
        );
        assert_eq!(u.utilization_text(), "13.3%");
        assert_eq!(
            u.flags,
            Flags {
                under_used: true,
                ..Flags::default()
            }
        );
        assert_eq!(
            d.revenue,
            vec![revenue("EUR", 2, 130_000), revenue("USD", 1, 50_000)]
        );
        assert_eq!(
            d.last_purchase,
            Some(LastPurchase {
                date: day("2025-02-03"),
                kind: "renewal".to_owned(),
                revenue_minor: 30_000,
                currency: "EUR".to_owned(),
            })
        );

        // The dashboard's flags: more users than seats, an unlimited license, nobody active.
        let busy = CompanyBuilder::new("Busy").insert(c);
        LicenseBuilder::new()
            .company(&busy)
            .seats(1)
            .starts("2025-01-01")
            .ends("2025-12-31")
            .insert(c);
        for n in 0..3 {
            let u = PortalUserBuilder::new(&busy, &format!("b{n}")).insert(c);
            ActivityBuilder::new(&u).at("2025-02-20 08:00:00").insert(c);
        }
        let b = details::company(c, &actor, busy.id, today()).unwrap().usage;
        assert_eq!(
            b.flags,
            Flags {
                over_active: true,
                over_registered: true,
                ..Flags::default()
            }
        );
        assert_eq!(b.utilization_text(), "300.0%");
        let site = CompanyBuilder::new("Site").insert(c);
        LicenseBuilder::new()
            .company(&site)
            .unlimited()
            .starts("2025-01-01")
            .ends("2025-12-31")
            .insert(c);
        let s = details::company(c, &actor, site.id, today()).unwrap().usage;
        assert_eq!(
            (s.unlimited, s.licensed_text(), s.utilization_text()),
            (true, "unlimited".to_owned(), "unlimited".to_owned())
        );
        assert_eq!(
            s.flags,
            Flags {
                idle: true,
                ..Flags::default()
            }
        );

        // Nothing at all.
        let empty = CompanyBuilder::new("Empty").insert(c);
        let e = details::company(c, &actor, empty.id, today()).unwrap();
        assert!(e.licenses_by_status.is_empty());
        assert_eq!(
            (e.usage.licensed_seats, e.usage.registered, e.usage.active),
            (0, 0, 0)
        );
        assert_eq!(e.usage.flags, Flags::default());
        assert_eq!(e.usage.utilization_text(), "-");
        assert!(e.revenue.is_empty());
        assert_eq!(e.last_purchase, None);
    });
}

#[test]
fn partner_rep_engineer_product_and_user_panes() {
    common::each_backend(|db| {
        let actor = common::actor(db, Role::Sales);
        let c = &mut db.conn;
        let a = CompanyBuilder::new("A").insert(c);
        let b = CompanyBuilder::new("B").insert(c);
        let partner = PartnerBuilder::new("Channel").insert(c);
        let idle_partner = PartnerBuilder::new("Idle").insert(c);
        let rep = SalesRepBuilder::new("Rita").insert(c);
        let pro = ProductBuilder::new("PRO").insert(c);
        let std_ = ProductBuilder::new("STD").insert(c);
        let l1 = LicenseBuilder::new()
            .company(&a)
            .partner(&partner)
            .sales_rep(&rep)
            .product(&pro)
            .seats(10)
            .starts("2025-01-01")
            .ends("2025-12-31")
            .insert(c);
        let l2 = LicenseBuilder::new()
            .company(&a)
            .partner(&partner)
            .product(&pro)
            .seats(4)
            .starts("2025-03-01")
            .ends("2025-03-01")
            .insert(c);
        let l3 = LicenseBuilder::new()
            .company(&b)
            .partner(&partner)
            .sales_rep(&rep)
            .product(&pro)
            .unlimited()
            .starts("2024-01-01")
            .ends("2026-12-31")
            .insert(c);
        // Not in force today: suspended, not started yet, ended yesterday.
        LicenseBuilder::new()
            .company(&b)
            .product(&pro)
            .status(LicenseStatus::Suspended)
            .seats(100)
            .insert(c);
        LicenseBuilder::new()
            .company(&b)
            .product(&pro)
            .seats(100)
            .starts("2025-03-02")
            .ends("2025-12-31")
            .insert(c);
        LicenseBuilder::new()
            .company(&b)
            .product(&pro)
            .seats(100)
            .starts("2025-01-01")
            .ends("2025-02-28")
            .insert(c);

        // The purchase's own partner and rep count, in three currencies, never added up.
        PurchaseBuilder::new(&l1)
            .on("2025-01-01")
            .partner(&partner)
            .sales_rep(&rep)
            .revenue(100_000)
            .currency("EUR")
            .insert(c);
        PurchaseBuilder::new(&l2)
            .on("2025-12-31")
            .partner(&partner)
            .sales_rep(&rep)
            .revenue(20_000)
            .currency("EUR")
            .insert(c);
        PurchaseBuilder::new(&l3)
            .on("2024-12-31")
            .partner(&partner)
            .sales_rep(&rep)
            .revenue(7_000)
            .currency("GBP")
            .insert(c);
        PurchaseBuilder::new(&l3)
            .on("2026-01-01")
            .sales_rep(&rep)
            .revenue(1)
            .currency("GBP")
            .insert(c);
        PurchaseBuilder::new(&l3)
            .on("2025-06-30")
            .sales_rep(&rep)
            .revenue(300_000)
            .currency("JPY")
            .insert(c);
        PurchaseBuilder::new(&l1)
            .on("2025-02-01")
            .revenue(55)
            .currency("EUR")
            .insert(c); // nobody's

        let p = details::partner(c, &actor, partner.id).unwrap();
        assert_eq!(
            (p.name.as_str(), p.licenses, p.companies),
            ("Channel", 3, 2)
        );
        assert_eq!(
            p.revenue,
            vec![revenue("EUR", 2, 120_000), revenue("GBP", 1, 7_000)]
        );
        let p = details::partner(c, &actor, idle_partner.id).unwrap();
        assert_eq!((p.licenses, p.companies, p.revenue.len()), (0, 0, 0));

        let r = details::sales_rep(c, &actor, rep.id, today()).unwrap();
        assert_eq!((r.name.as_str(), r.licenses, r.year), ("Rita", 2, 2025));
        assert_eq!(
            r.purchases,
            vec![revenue("EUR", 2, 120_000), revenue("JPY", 1, 300_000)]
        );
        let r = details::sales_rep(c, &actor, rep.id, day("2023-06-01")).unwrap();
        assert!(r.purchases.is_empty());

        let pr = details::product_code(c, &actor, pro.id, today()).unwrap();
        assert_eq!(
            (
                pr.code.as_str(),
                pr.licenses,
                pr.active_licenses,
                pr.active_seats,
                pr.unlimited
            ),
            ("PRO", 6, 3, 14, 1)
        );
        let none = details::product_code(c, &actor, std_.id, today()).unwrap();
        assert_eq!(
            (
                none.licenses,
                none.active_licenses,
                none.active_seats,
                none.unlimited
            ),
            (0, 0, 0, 0)
        );

        let eve = EngineerBuilder::new("Eve").insert(c);
        let bob = EngineerBuilder::new("Bob").insert(c);
        let dep = |status, completed: Option<&str>| {
            let d = DeploymentBuilder::new(&l1).engineer(&eve).status(status);
            match completed {
                Some(date) => d.completed(date),
                None => d,
            }
        };
        dep(DeploymentStatus::Planned, None).insert(c);
        dep(DeploymentStatus::InProgress, None).insert(c);
        dep(DeploymentStatus::Failed, None).insert(c);
        dep(DeploymentStatus::Cancelled, None).insert(c);
        dep(DeploymentStatus::Completed, Some("2024-12-01")).insert(c); // 90 days ago: in
        dep(DeploymentStatus::Completed, Some("2024-11-30")).insert(c); // 91: out
        dep(DeploymentStatus::Completed, Some("2025-03-01")).insert(c);
        DeploymentBuilder::new(&l1)
            .engineer(&bob)
            .status(DeploymentStatus::Planned)
            .insert(c);
        DeploymentBuilder::new(&l1)
            .status(DeploymentStatus::Planned)
            .insert(c);
        let e = details::engineer(c, &actor, eve.id, today()).unwrap();
        assert_eq!(
            (e.name.as_str(), e.open, e.completed, e.completed_days),
            ("Eve", 2, 2, 90)
        );
        let e = details::engineer(c, &actor, bob.id, today()).unwrap();
        assert_eq!((e.open, e.completed), (1, 0));

        let jane = PortalUserBuilder::new(&a, "jane")
            .email("jane@a.example")
            .insert(c);
        let joe = PortalUserBuilder::new(&a, "joe").insert(c);
        ActivityBuilder::new(&jane)
            .at("2025-02-15 00:00:00")
            .insert(c);
        ActivityBuilder::new(&jane)
            .at("2025-02-20 12:00:00")
            .insert(c);
        ActivityBuilder::new(&jane)
            .at("2025-02-14 23:59:59")
            .insert(c);
        ActivityBuilder::new(&jane)
            .at("2025-03-01 08:00:00")
            .insert(c); // latest, not in window
        ActivityBuilder::new(&joe)
            .at("2025-02-20 12:00:00")
            .insert(c);
        let u = details::portal_user(c, &actor, jane.id, today()).unwrap();
        assert_eq!(
            (u.email.as_str(), u.company.as_str()),
            ("jane@a.example", "A")
        );
        assert_eq!(u.last_activity, Some(ts("2025-03-01 08:00:00")));
        assert_eq!((u.activity, u.window_days), (2, 14));
        let quiet = PortalUserBuilder::new(&b, "quiet").insert(c);
        let q = details::portal_user(c, &actor, quiet.id, today()).unwrap();
        assert_eq!((q.last_activity, q.activity), (None, 0));
    });
}

#[test]
fn every_role_with_view_data_sees_the_panes_and_missing_rows_are_not_found() {
    common::each_backend(|db| {
        let c = CompanyBuilder::new("Acme").insert(&mut db.conn);
        for role in Role::ALL {
            let actor = common::actor(db, role);
            // Every role has ViewData today; one without it would be refused here.
            let got = details::detail(&mut db.conn, &actor, DetailKind::Company, c.id, today());
            assert_eq!(
                got.is_ok(),
                role.allows(lms::domain::Permission::ViewData),
                "{role}: {got:?}"
            );
        }
        let actor = common::actor(db, Role::Viewer);
        for kind in [
            DetailKind::Company,
            DetailKind::Partner,
            DetailKind::SalesRep,
            DetailKind::Engineer,
            DetailKind::ProductCode,
            DetailKind::PortalUser,
        ] {
            let err = details::detail(&mut db.conn, &actor, kind, 9_999, today()).unwrap_err();
            assert!(matches!(err, ServiceError::NotFound(_)), "{kind:?}: {err}");
        }
    });
}

#[derive(QueryableByName, Debug, PartialEq, Eq)]
struct N {
    #[diesel(sql_type = BigInt)]
    n: i64,
}

#[derive(QueryableByName, Debug, PartialEq, Eq)]
struct Money {
    #[diesel(sql_type = Text)]
    currency: String,
    #[diesel(sql_type = BigInt)]
    purchases: i64,
    #[diesel(sql_type = BigInt)]
    revenue: i64,
}

#[derive(QueryableByName, Debug, PartialEq, Eq)]
struct Last {
    #[diesel(sql_type = Nullable<Timestamp>)]
    at: Option<chrono::NaiveDateTime>,
}

#[derive(QueryableByName, Debug, PartialEq, Eq)]
struct Buy {
    #[diesel(sql_type = Date)]
    purchase_date: NaiveDate,
    #[diesel(sql_type = Text)]
    kind: String,
    #[diesel(sql_type = BigInt)]
    revenue_minor: i64,
    #[diesel(sql_type = Text)]
    currency: String,
}

fn n(conn: &mut DbConnection, sql: &str, id: i64) -> i64 {
    diesel::sql_query(sql)
        .bind::<BigInt, _>(id)
        .get_result::<N>(conn)
        .unwrap_or_else(|e| panic!("{sql}: {e}"))
        .n
}

fn money(conn: &mut DbConnection, sql: &str, id: i64) -> Vec<Revenue> {
    diesel::sql_query(sql)
        .bind::<BigInt, _>(id)
        .load::<Money>(conn)
        .unwrap_or_else(|e| panic!("{sql}: {e}"))
        .into_iter()
        .map(|m| revenue(&m.currency, m.purchases, m.revenue))
        .collect()
}

/// Every pane of a small generated book against SQL written apart from the service's:
/// plain joins and CASE sums over whole tables, with the dates as literals.
#[test]
fn every_pane_of_a_demo_book_agrees_with_independent_sql() {
    common::each_backend(|db| {
        let admin = common::actor(db, Role::Admin);
        let size = lms::service::demo::DemoSize {
            companies: 12,
            partners: 3,
            sales_reps: 4,
            engineers: 3,
            product_codes: 4,
            licenses: 120,
            portal_users: 150,
            activity_rows: 3_000,
            activity_days: 60,
            seed: 7,
        };
        lms::service::demo::load(&mut db.conn, &admin, &size, today(), &mut |_| {}).unwrap();
        let c = &mut db.conn;
        let money_sql = |filter: &str| {
            format!(
                "SELECT currency, CAST(COUNT(*) AS SIGNED) AS purchases, \
                 CAST(SUM(revenue_minor) AS SIGNED) AS revenue FROM purchases \
                 WHERE {filter} GROUP BY currency ORDER BY currency"
            )
        };
        // SQLite has no SIGNED type name; its CAST to INTEGER is the same here.
        let sqlite = c.kind() == lms::db::BackendKind::Sqlite;
        let fix = |sql: String| {
            if sqlite {
                sql.replace("AS SIGNED", "AS INTEGER")
            } else {
                sql
            }
        };
        let mut checked = 0;
        for id in 1..=12 {
            let d = details::company(c, &admin, id, today()).unwrap();
            let total: i64 = d.licenses_by_status.iter().map(|(_, k)| k).sum();
            assert_eq!(
                total,
                n(
                    c,
                    "SELECT COUNT(*) AS n FROM licenses WHERE company_id = ?",
                    id
                )
            );
            for (status, k) in &d.licenses_by_status {
                let sql = format!(
                    "SELECT COUNT(*) AS n FROM licenses WHERE company_id = ? AND status = '{status}'"
                );
                assert_eq!(*k, n(c, &sql, id));
            }
            let seats = n(c, &fix("SELECT CAST(COALESCE(SUM(seats), 0) AS SIGNED) AS n FROM licenses WHERE company_id = ? AND status = 'active' AND start_date <= '2025-03-01' AND end_date >= '2025-03-01'".into()), id);
            assert_eq!(d.usage.licensed_seats, seats, "company {id}");
            assert_eq!(
                d.usage.registered,
                n(
                    c,
                    "SELECT COUNT(*) AS n FROM portal_users WHERE company_id = ? AND disabled = 0",
                    id
                )
            );
            assert_eq!(
                d.usage.active,
                n(
                    c,
                    "SELECT COUNT(DISTINCT user_id) AS n FROM app_log WHERE company_id = ? AND ts >= '2025-02-15 00:00:00' AND ts < '2025-03-01 00:00:00'",
                    id
                )
            );
            let sql = money_sql("license_id IN (SELECT id FROM licenses WHERE company_id = ?)");
            assert_eq!(d.revenue, money(c, &fix(sql), id), "company {id}");
            let last: Option<Buy> = diesel::sql_query(
                "SELECT p.purchase_date, p.kind, p.revenue_minor, p.currency FROM purchases p \
                 WHERE p.license_id IN (SELECT id FROM licenses WHERE company_id = ?) \
                 ORDER BY p.purchase_date DESC, p.id DESC LIMIT 1",
            )
            .bind::<BigInt, _>(id)
            .get_result(c)
            .optional()
            .unwrap();
            assert_eq!(
                d.last_purchase,
                last.map(|b| LastPurchase {
                    date: b.purchase_date,
                    kind: b.kind,
                    revenue_minor: b.revenue_minor,
                    currency: b.currency
                })
            );
            checked += 1;
        }
        for id in 1..=3 {
            let p = details::partner(c, &admin, id).unwrap();
            assert_eq!(
                p.licenses,
                n(
                    c,
                    "SELECT COUNT(*) AS n FROM licenses WHERE partner_id = ?",
                    id
                )
            );
            assert_eq!(
                p.companies,
                n(
                    c,
                    "SELECT COUNT(*) AS n FROM companies WHERE id IN (SELECT company_id FROM licenses WHERE partner_id = ?)",
                    id
                )
            );
            assert_eq!(p.revenue, money(c, &fix(money_sql("partner_id = ?")), id));
            assert!(p.licenses > 0, "the demo gives partner {id} licenses");
            checked += 1;
        }
        for id in 1..=4 {
            let r = details::sales_rep(c, &admin, id, today()).unwrap();
            assert_eq!(
                r.licenses,
                n(
                    c,
                    "SELECT COUNT(*) AS n FROM licenses WHERE sales_rep_id = ?",
                    id
                )
            );
            let sql = money_sql(
                "sales_rep_id = ? AND purchase_date >= '2025-01-01' AND purchase_date <= '2025-12-31'",
            );
            assert_eq!(r.purchases, money(c, &fix(sql), id));
            checked += 1;
        }
        for id in 1..=3 {
            let e = details::engineer(c, &admin, id, today()).unwrap();
            assert_eq!(
                e.open,
                n(
                    c,
                    "SELECT COUNT(*) AS n FROM deployments WHERE engineer_id = ? AND status IN ('planned', 'in_progress')",
                    id
                )
            );
            assert_eq!(
                e.completed,
                n(
                    c,
                    "SELECT COUNT(*) AS n FROM deployments WHERE engineer_id = ? AND status = 'completed' AND completed_date BETWEEN '2024-12-01' AND '2025-03-01'",
                    id
                )
            );
            assert!(
                e.open + e.completed > 0,
                "the demo keeps engineer {id} busy"
            );
            checked += 1;
        }
        for id in 1..=4 {
            let p = details::product_code(c, &admin, id, today()).unwrap();
            assert_eq!(
                p.licenses,
                n(
                    c,
                    "SELECT COUNT(*) AS n FROM licenses WHERE product_code_id = ?",
                    id
                )
            );
            let in_force = "product_code_id = ? AND status = 'active' AND start_date <= '2025-03-01' AND end_date >= '2025-03-01'";
            assert_eq!(
                p.active_licenses,
                n(
                    c,
                    &format!("SELECT COUNT(*) AS n FROM licenses WHERE {in_force}"),
                    id
                )
            );
            assert_eq!(
                p.active_seats,
                n(
                    c,
                    &fix(format!(
                        "SELECT CAST(COALESCE(SUM(seats), 0) AS SIGNED) AS n FROM licenses WHERE {in_force}"
                    )),
                    id
                )
            );
            assert_eq!(
                p.unlimited,
                n(
                    c,
                    &format!(
                        "SELECT COUNT(*) AS n FROM licenses WHERE {in_force} AND seats IS NULL"
                    ),
                    id
                )
            );
            checked += 1;
        }
        for id in (1..=150).step_by(7) {
            let u = details::portal_user(c, &admin, id, today()).unwrap();
            let last: Last =
                diesel::sql_query("SELECT MAX(ts) AS at FROM app_log WHERE user_id = ?")
                    .bind::<BigInt, _>(id)
                    .get_result(c)
                    .unwrap();
            assert_eq!(u.last_activity, last.at);
            assert_eq!(
                u.activity,
                n(
                    c,
                    "SELECT COUNT(*) AS n FROM app_log WHERE user_id = ? AND ts >= '2025-02-15 00:00:00' AND ts < '2025-03-01 00:00:00'",
                    id
                )
            );
            checked += 1;
        }
        assert_eq!(checked, 12 + 3 + 4 + 3 + 4 + 22);
        // Through the one entry point the TUI uses, the same figures.
        let via = details::detail(c, &admin, DetailKind::Partner, 1, today()).unwrap();
        assert_eq!(
            via,
            Detail::Partner(details::partner(c, &admin, 1).unwrap())
        );
    });
}
