//! The license list's filter and sort, applied in SQL, keyset-paged in every order, on
//! both backends.
#![allow(clippy::unwrap_used)]

mod common;

use common::builders::{
    CompanyBuilder, EngineerBuilder, LicenseBuilder, ProductBuilder, PurchaseBuilder,
};
use common::{TestDb, actor, each_backend, fixtures};
use lms::db::DbConnection;
use lms::db::queries::license_list::QUALIFIERS;
use lms::db::queries::list::{ListQuery, Sort};
use lms::db::queries::page::{Page, PageRequest};
use lms::domain::filter::Filter;
use lms::domain::{LicenseStatus as S, PurchaseKind as K, Role};
use lms::service::browse::{self, Entity};

/// Twelve licenses over three companies, two products, several statuses, seats, dates
/// and currencies. Returns the ids in insert order.
fn data(db: &mut TestDb) -> Vec<i64> {
    let c = &mut db.conn;
    let acme = CompanyBuilder::new("Acme Robotics").insert(c).id;
    let beta = CompanyBuilder::new("Beta_Works 100%").insert(c).id;
    let zed = CompanyBuilder::new("Zed Systems").insert(c).id;
    let ent = ProductBuilder::new("LMS-ENT").insert(c).id;
    let std = ProductBuilder::new("LMS-STD").insert(c).id;
    let rows = [
        (acme, ent, Some(10), S::Active, "2026-01-01", "2027-01-31"),
        (acme, std, None, S::Active, "2026-02-01", "2026-12-15"),
        (beta, ent, Some(5), S::Suspended, "2025-06-01", "2026-12-01"),
        (beta, std, Some(50), S::Expired, "2024-01-01", "2025-01-01"),
        (zed, ent, Some(20), S::Draft, "2027-01-01", "2028-01-01"),
        (zed, std, Some(7), S::Terminated, "2025-01-01", "2026-01-01"),
        (acme, ent, Some(10), S::Active, "2026-03-01", "2027-03-01"),
        (beta, ent, Some(3), S::Active, "2026-05-01", "2026-11-30"),
        (zed, std, Some(15), S::Active, "2026-06-01", "2029-06-01"),
        (acme, std, Some(1), S::Suspended, "2026-07-01", "2027-07-01"),
        (beta, ent, None, S::Active, "2026-08-01", "2028-08-01"),
        (zed, ent, Some(99), S::Expired, "2023-01-01", "2024-01-01"),
    ];
    let ids: Vec<i64> = rows
        .into_iter()
        .map(|(company, product, seats, status, starts, ends)| {
            let license = LicenseBuilder::new()
                .company(company)
                .product(product)
                .status(status)
                .starts(starts)
                .ends(ends);
            match seats {
                Some(n) => license.seats(n),
                None => license.unlimited(),
            }
            .insert(c)
            .id
        })
        .collect();
    purchase(c, ids[0], K::New, 100_000, "EUR", "2026-01-01");
    purchase(c, ids[2], K::New, 50_000, "USD", "2025-06-01");
    purchase(c, ids[7], K::Renewal, 9_900, "EUR", "2026-05-01");
    ids
}

fn purchase(c: &mut DbConnection, license: i64, kind: K, revenue: i64, currency: &str, on: &str) {
    PurchaseBuilder::new(license)
        .kind(kind)
        .revenue(revenue)
        .currency(currency)
        .on(on)
        .insert(c);
}

fn query(filter: &str, column: usize, descending: bool) -> ListQuery {
    ListQuery {
        filter: Filter::parse(filter, QUALIFIERS).unwrap(),
        sort: Sort { column, descending },
        today: Some(fixtures::date("2026-11-21")),
    }
}

/// Walks the whole list forward with pages of `limit`, then backward from the end; both
/// walks must give the same rows in the same order.
fn walk(db: &mut TestDb, q: &ListQuery, limit: usize) -> Vec<i64> {
    let viewer = actor(db, Role::Viewer);
    let conn = &mut db.conn;
    let fetch = |conn: &mut lms::db::DbConnection, req| -> Page {
        browse::page(conn, &viewer, Entity::Licenses, q, &req, limit).unwrap()
    };
    let mut forward = Vec::new();
    let mut page = fetch(conn, PageRequest::First);
    loop {
        forward.extend(page.rows.iter().map(|r| r.id));
        match page.rows.last() {
            Some(last) if page.has_after => page = fetch(conn, PageRequest::After(last.cursor())),
            _ => break,
        }
    }
    let mut backward = Vec::new();
    let mut page = fetch(conn, PageRequest::Last);
    loop {
        backward.splice(0..0, page.rows.iter().map(|r| r.id));
        match page.rows.first() {
            Some(first) if page.has_before => {
                page = fetch(conn, PageRequest::Before(first.cursor()));
            }
            _ => break,
        }
    }
    assert_eq!(forward, backward, "{}: {q:?}", db.name());
    let n = browse::count(&mut db.conn, &viewer, Entity::Licenses, q).unwrap();
    assert_eq!(
        usize::try_from(n).unwrap(),
        forward.len(),
        "{}: count {q:?}",
        db.name()
    );
    forward
}

fn pick(ids: &[i64], positions: &[usize]) -> Vec<i64> {
    positions.iter().map(|&i| ids[i]).collect()
}

#[test]
fn every_column_sorts_both_ways_across_pages() {
    each_backend(|db| {
        let ids = data(db);
        // Expected orders by position in `data`, ties broken by id.
        let cases: [(usize, &[usize]); 9] = [
            (0, &[0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11]),
            (1, &[0, 1, 6, 9, 2, 3, 7, 10, 4, 5, 8, 11]),
            (2, &[0, 2, 4, 6, 7, 10, 11, 1, 3, 5, 8, 9]),
            (3, &[0, 1, 6, 7, 8, 10, 4, 3, 11, 2, 9, 5]),
            // Unlimited seats sort above every number.
            (4, &[9, 7, 2, 5, 0, 6, 8, 4, 3, 11, 1, 10]),
            (5, &[11, 3, 5, 2, 0, 1, 6, 7, 8, 9, 10, 4]),
            (6, &[11, 3, 5, 7, 2, 1, 0, 6, 9, 4, 10, 8]),
            // No partner / no rep anywhere: the id decides.
            (7, &[0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11]),
            (8, &[0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11]),
        ];
        for (column, order) in cases {
            for limit in [1, 5, 40] {
                let up = walk(db, &query("", column, false), limit);
                assert_eq!(up, pick(&ids, order), "{} column {column}", db.name());
                let down = walk(db, &query("", column, true), limit);
                let mut reversed = pick(&ids, order);
                reversed.reverse();
                assert_eq!(down, reversed, "{} column {column} reversed", db.name());
            }
        }
    });
}

#[test]
fn filters_apply_in_sql_and_combine() {
    each_backend(|db| {
        let ids = data(db);
        let cases: [(&str, &[usize]); 21] = [
            ("status:active", &[0, 1, 6, 7, 8, 10]),
            ("status:suspended,expired", &[2, 3, 9, 11]),
            ("company:acme", &[0, 1, 6, 9]),
            ("ACME status:suspended", &[9]),
            // LIKE wildcards in the text are literal.
            ("company:_works", &[2, 3, 7, 10]),
            ("100%", &[2, 3, 7, 10]),
            ("%", &[2, 3, 7, 10]),
            ("product:std", &[1, 3, 5, 8, 9]),
            // `=`: the whole name or code, in any case (the jumps and drill-downs).
            ("company:=\"acme robotics\"", &[0, 1, 6, 9]),
            ("company:=acme", &[]),
            ("company:=\"Beta_Works 100%\"", &[2, 3, 7, 10]),
            ("company:=Beta_Works", &[]),
            ("product:=LMS-STD product:=lms-std", &[1, 3, 5, 8, 9]),
            ("currency:EUR", &[0, 7]),
            // One currency and a company: counted from the kept money per company (`walk`
            // checks the count).
            ("currency:EUR company:acme", &[0]),
            ("currency:eur company:#1", &[0]),
            ("currency:EUR status:active", &[0, 7]),
            ("currency:EUR currency:USD", &[]),
            ("ends:<2026-12-02 starts:>=2025-06-01", &[2, 7]),
            // Active or suspended, ending from today to today + 30 days.
            ("expiring:30", &[1, 2, 7]),
            ("nothing-matches-this", &[]),
        ];
        for (filter, expected) in cases {
            let got = walk(db, &query(filter, 0, false), 2);
            assert_eq!(got, pick(&ids, expected), "{}: {filter}", db.name());
        }
        // A licence bought in two currencies: both terms must hold, so the kept money
        // per company and currency cannot count it.
        purchase(&mut db.conn, ids[0], K::Expansion, 500, "USD", "2026-02-01");
        let both = query("currency:EUR currency:USD", 0, false);
        assert_eq!(walk(db, &both, 2), pick(&ids, &[0]), "{}", db.name());
        // Filter and sort together: active licenses by end date, latest first.
        let got = walk(db, &query("status:active", 6, true), 4);
        assert_eq!(got, pick(&ids, &[8, 10, 6, 0, 1, 7]), "{}", db.name());
    });
}

fn list_query(entity: Entity, filter: &str, descending: bool) -> ListQuery {
    ListQuery {
        filter: Filter::parse(filter, entity.qualifiers().unwrap()).unwrap(),
        sort: Sort {
            column: 0,
            descending,
        },
        today: None,
    }
}

/// Ids of every page of `entity`, forward.
fn all_ids(db: &mut TestDb, entity: Entity, q: &ListQuery) -> Vec<i64> {
    let viewer = actor(db, Role::Viewer);
    let mut out = Vec::new();
    let mut req = PageRequest::First;
    loop {
        let page = browse::page(&mut db.conn, &viewer, entity, q, &req, 2).unwrap();
        out.extend(page.rows.iter().map(|r| r.id));
        match page.rows.last() {
            Some(last) if page.has_after => req = PageRequest::After(last.cursor()),
            _ => break,
        }
    }
    let n = browse::count(&mut db.conn, &viewer, entity, q).unwrap();
    assert_eq!(
        usize::try_from(n).unwrap(),
        out.len(),
        "{}: count",
        db.name()
    );
    out
}

#[test]
fn purchases_filter_by_date_order_and_total_per_currency() {
    use diesel::prelude::*;
    use lms::db::schema::purchases;
    each_backend(|db| {
        let ids = data(db);
        let c = &mut db.conn;
        purchase(c, ids[1], K::New, 20_000, "EUR", "2026-02-01");
        purchase(c, ids[1], K::Expansion, 5_050, "EUR", "2026-06-01");
        purchase(c, ids[8], K::New, 7_000, "JPY", "2026-06-01");
        let by_date: Vec<(i64, chrono::NaiveDate)> = purchases::table
            .select((purchases::id, purchases::purchase_date))
            .order((purchases::purchase_date.desc(), purchases::id.desc()))
            .load(c)
            .unwrap();
        let newest: Vec<i64> = by_date.iter().map(|(id, _)| *id).collect();
        assert_eq!(
            all_ids(
                db,
                Entity::Purchases,
                &list_query(Entity::Purchases, "", true)
            ),
            newest,
            "{}: newest date first",
            db.name()
        );
        let mut oldest = newest.clone();
        oldest.reverse();
        let got = all_ids(
            db,
            Entity::Purchases,
            &list_query(Entity::Purchases, "", false),
        );
        assert_eq!(got, oldest, "{}: reversed", db.name());

        let eur = list_query(Entity::Purchases, "currency:eur date:>=2026-01-01", true);
        assert_eq!(
            all_ids(db, Entity::Purchases, &eur).len(),
            4,
            "{}",
            db.name()
        );
        let viewer = actor(db, Role::Viewer);
        let totals = browse::totals(
            &mut db.conn,
            &viewer,
            Entity::Purchases,
            &list_query(Entity::Purchases, "", true),
        )
        .unwrap();
        let got: Vec<(&str, i64, i64)> = totals
            .iter()
            .map(|t| (t.currency.as_str(), t.purchases, t.revenue_minor))
            .collect();
        assert_eq!(
            got,
            vec![("EUR", 4, 134_950), ("JPY", 1, 7_000), ("USD", 1, 50_000)],
            "{}: one total per currency, never summed across",
            db.name()
        );
        let acme = list_query(Entity::Purchases, "company:acme kind:new,expansion", true);
        assert_eq!(
            all_ids(db, Entity::Purchases, &acme).len(),
            3,
            "{}",
            db.name()
        );
        let totals = browse::totals(&mut db.conn, &viewer, Entity::Purchases, &acme).unwrap();
        assert_eq!(totals.len(), 1);
        assert_eq!(totals[0].revenue_minor, 125_050);
        assert_eq!(totals[0].cost_minor, 50_000 + 10_000 + 2_525);

        // Expiring within 30 days of 2026-11-21: positions 1 (EUR, last purchase the
        // 5,050 expansion), 2 (USD 50,000) and 7 (EUR 9,900 renewal).
        let expiring = query("expiring:30", 6, false);
        let totals = browse::totals(&mut db.conn, &viewer, Entity::Licenses, &expiring).unwrap();
        let got: Vec<(&str, i64, i64)> = totals
            .iter()
            .map(|t| (t.currency.as_str(), t.purchases, t.revenue_minor))
            .collect();
        assert_eq!(
            got,
            vec![("EUR", 2, 5_050 + 9_900), ("USD", 1, 50_000)],
            "{}: last purchase per license, per currency",
            db.name()
        );
    });
}

#[test]
fn deployments_filter_by_status_engineer_company_and_date() {
    use lms::domain::deployment_input::DeploymentInput;
    use lms::service::deployments;
    each_backend(|db| {
        let ids = data(db);
        let erin = EngineerBuilder::new("Erin Engineer")
            .insert(&mut db.conn)
            .id;
        let omar = EngineerBuilder::new("Omar Onsite").insert(&mut db.conn).id;
        let manager = actor(db, Role::Manager);
        let plan = [
            (ids[0], Some(erin), "2026-12-01"),
            (ids[1], Some(omar), "2026-12-05"),
            (ids[7], Some(erin), "2027-01-10"),
            (ids[8], None, "2027-02-01"),
        ];
        // Deployment work needs a license that has not expired by the real date the
        // service checks against: keep these running whatever day the test runs on.
        {
            use diesel::prelude::*;
            use lms::db::schema::licenses;
            let ids: Vec<i64> = plan.iter().map(|p| p.0).collect();
            diesel::update(licenses::table.filter(licenses::id.eq_any(ids)))
                .set(licenses::end_date.eq(fixtures::date("2099-12-31")))
                .execute(&mut db.conn)
                .unwrap();
        }
        let made: Vec<i64> = plan
            .iter()
            .map(|(license, engineer, day)| {
                let input = DeploymentInput {
                    license_id: *license,
                    engineer_id: *engineer,
                    scheduled_date: Some(fixtures::date(day)),
                    environment: "production".into(),
                    notes: String::new(),
                };
                deployments::schedule(&mut db.conn, &manager, &input).unwrap()
            })
            .collect();
        deployments::advance(
            &mut db.conn,
            &manager,
            made[1],
            1,
            lms::domain::DeploymentStatus::InProgress,
            fixtures::date("2026-11-21"),
        )
        .unwrap();
        let q = |f: &str| list_query(Entity::Deployments, f, true);
        let newest: Vec<i64> = made.iter().rev().copied().collect();
        assert_eq!(
            all_ids(db, Entity::Deployments, &q("")),
            newest,
            "{}",
            db.name()
        );
        let cases: [(&str, Vec<i64>); 5] = [
            ("status:in_progress", vec![made[1]]),
            ("status:planned engineer:erin", vec![made[2], made[0]]),
            ("company:acme", vec![made[1], made[0]]),
            ("date:>=2027-01-01", vec![made[3], made[2]]),
            ("production date:<2026-12-02", vec![made[0]]),
        ];
        for (filter, expected) in cases {
            assert_eq!(
                all_ids(db, Entity::Deployments, &q(filter)),
                expected,
                "{}: {filter}",
                db.name()
            );
        }
        // A license status is not a deployment status.
        assert!(Filter::parse("status:active", Entity::Deployments.qualifiers().unwrap()).is_err());
    });
}
