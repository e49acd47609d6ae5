//! Keyset paging and the license detail, on both backends.
mod common;

use common::builders::{CompanyBuilder, LicenseBuilder, ProductBuilder, PurchaseBuilder};
use common::fixtures::date;
use common::{actor, each_backend};
use lms::db::DbConnection;
use lms::db::queries::list::ListQuery;
use lms::db::queries::page::{PageRequest, Value};
use lms::domain::{PurchaseKind, Role};
use lms::service::ServiceError;
use lms::service::browse::{self, Entity};

/// `n` active licenses of one company and product, 10, 11, .. seats; their ids in order.
fn licenses(conn: &mut DbConnection, n: i32) -> Vec<i64> {
    let acme = CompanyBuilder::new("Acme Robotics").insert(conn);
    let product = ProductBuilder::new("LMS-ENT").insert(conn);
    (0..n)
        .map(|i| {
            LicenseBuilder::new()
                .company(&acme)
                .product(&product)
                .seats(10 + i)
                .starts("2026-01-01")
                .ends("2027-01-01")
                .insert(conn)
                .id
        })
        .collect()
}

fn keys(page: &lms::db::queries::page::Page) -> Vec<String> {
    page.rows
        .iter()
        .map(|r| lms::tui::format::cell(&r.cells[0]))
        .collect()
}

#[test]
fn license_pages_walk_forward_and_back() {
    each_backend(|db| {
        let ids = licenses(&mut db.conn, 25);
        let viewer = actor(db, Role::Viewer);
        let conn = &mut db.conn;
        assert_eq!(
            browse::count(conn, &viewer, Entity::Licenses, &ListQuery::default()).unwrap(),
            25
        );

        let first = browse::page(
            conn,
            &viewer,
            Entity::Licenses,
            &ListQuery::default(),
            &PageRequest::First,
            10,
        )
        .unwrap();
        assert_eq!(first.rows.len(), 10);
        assert_eq!(first.rows[0].id, ids[0]);
        assert_eq!(keys(&first)[0], lms::domain::license_key(ids[0]));
        assert!(!first.has_before && first.has_after);

        let second = browse::page(
            conn,
            &viewer,
            Entity::Licenses,
            &ListQuery::default(),
            &PageRequest::After(first.rows[9].cursor()),
            10,
        )
        .unwrap();
        assert_eq!(second.rows[0].id, ids[10]);
        assert!(second.has_before && second.has_after);

        let last = browse::page(
            conn,
            &viewer,
            Entity::Licenses,
            &ListQuery::default(),
            &PageRequest::Last,
            10,
        )
        .unwrap();
        assert_eq!(
            last.rows.iter().map(|r| r.id).collect::<Vec<_>>(),
            ids[15..].to_vec()
        );
        assert!(last.has_before && !last.has_after);

        let back = browse::page(
            conn,
            &viewer,
            Entity::Licenses,
            &ListQuery::default(),
            &PageRequest::Before(last.rows[0].cursor()),
            10,
        )
        .unwrap();
        assert_eq!(
            back.rows.iter().map(|r| r.id).collect::<Vec<_>>(),
            ids[5..15].to_vec()
        );

        // A row's cells are the stored values, typed; the UI formats them.
        let row = &first.rows[0].cells;
        assert_eq!(
            &row[1..5],
            &[
                Value::from("Acme Robotics"),
                Value::from("LMS-ENT"),
                Value::from("active"),
                Value::Seats(Some(10)),
            ]
        );
        assert_eq!(
            &row[5..7],
            &[
                Value::from(date("2026-01-01")),
                Value::from(date("2027-01-01"))
            ]
        );
        let shown: Vec<String> = row.iter().map(lms::tui::format::cell).collect();
        assert_eq!(&shown[4..7], &["10", "2026-01-01", "2027-01-01"]);
    });
}

#[test]
fn every_tab_pages_and_counts_on_an_empty_database() {
    each_backend(|db| {
        let viewer = actor(db, Role::Viewer);
        // The viewer reads every list but the audit log (`ViewAudit`); an engineer reads it.
        let engineer = actor(db, Role::Engineer);
        for entity in Entity::ALL {
            let viewer = if viewer.role.allows(entity.permission()) {
                &viewer
            } else {
                &engineer
            };
            let page = browse::page(
                &mut db.conn,
                viewer,
                entity,
                &ListQuery::default(),
                &PageRequest::First,
                40,
            )
            .unwrap();
            assert!(page.rows.is_empty() && !page.has_after, "{entity:?}");
            assert_eq!(
                browse::count(&mut db.conn, viewer, entity, &ListQuery::default()).unwrap(),
                0,
                "{entity:?}"
            );
        }
    });
}

#[test]
fn detail_sums_money_per_currency_never_across() {
    each_backend(|db| {
        let ids = licenses(&mut db.conn, 2);
        let viewer = actor(db, Role::Viewer);
        let conn = &mut db.conn;
        for (kind, revenue, currency, on) in [
            (PurchaseKind::New, 100_000, "EUR", "2026-01-01"),
            (PurchaseKind::Renewal, 50_000, "EUR", "2026-06-01"),
            (PurchaseKind::Expansion, 7_000, "USD", "2026-03-01"),
        ] {
            PurchaseBuilder::new(ids[0])
                .kind(kind)
                .revenue(revenue)
                .currency(currency)
                .on(on)
                .insert(conn);
        }
        let d = browse::license_detail(conn, &viewer, ids[0]).unwrap();
        assert_eq!(d.purchase_count, 3);
        assert_eq!(
            d.money,
            vec![
                ("EUR".into(), 75_000, 150_000),
                ("USD".into(), 3_500, 7_000)
            ]
        );
        assert_eq!(
            d.last_purchase.as_ref().map(|(_, k)| k.as_str()),
            Some("renewal")
        );
        assert_eq!(d.company, "Acme Robotics");
        assert!(matches!(
            browse::license_detail(conn, &viewer, 999_999),
            Err(ServiceError::NotFound(_))
        ));
    });
}
