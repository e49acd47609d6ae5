//! The Audit log list on both backends: newest first on (time, id), keyset pages forward
//! and back, the count, each `/` qualifier, hostile filter text, and the `ViewAudit` gate.
#![allow(clippy::unwrap_used, clippy::expect_used)]

mod common;

use chrono::{Duration, NaiveDateTime};
use common::builders::{AuditBuilder, ts};
use common::{TestDb, actor, each_backend};
use lms::auth::Actor;
use lms::db::DbConnection;
use lms::db::queries::list::ListQuery;
use lms::db::queries::page::{PageRequest, Value};
use lms::domain::Role;
use lms::domain::filter::Filter;
use lms::service::browse::{self, Entity};
use lms::service::{ServiceError, history};

/// One seeded audit row as the test expects to find it.
#[derive(Debug, Clone)]
struct Seeded {
    id: i64,
    at: NaiveDateTime,
    operator: Option<String>,
    entity: &'static str,
    action: &'static str,
}

const ENTITIES: [&str; 3] = ["license", "purchase", "deployment"];
const ACTIONS: [&str; 4] = ["create", "update", "purchase:new", "status"];

/// 25 rows: pairs share a time (noon UTC, a day apart), so ties are broken by id; the
/// last one inserted is the oldest, so id order is not time order.
fn seed(db: &mut TestDb, ann: &Actor, bob: &Actor) -> Vec<Seeded> {
    let base = ts("2025-01-01 12:00:00");
    let mut out = Vec::new();
    for i in 0..25_i64 {
        let at = if i == 24 {
            ts("2024-12-31 12:00:00")
        } else {
            base + Duration::days(i / 2)
        };
        let who = match i % 3 {
            0 => None,
            1 => Some(ann),
            _ => Some(bob),
        };
        let entity = ENTITIES[usize::try_from(i % 3).unwrap()];
        let action = ACTIONS[usize::try_from(i % 4).unwrap()];
        let mut b = AuditBuilder::new(entity, 100 + i)
            .at(at)
            .action(action)
            .change("seats", Some(&i.to_string()), Some(&(i + 1).to_string()))
            .change("partner_id", None, Some("Channel AG #1"));
        if let Some(a) = who {
            b = b.operator(a.operator_id);
        }
        let row = b.insert(&mut db.conn);
        out.push(Seeded {
            id: row.id,
            at,
            operator: who.map(|a| a.username.clone()),
            entity,
            action,
        });
    }
    out
}

/// Newest first: time, then id, both descending.
fn newest_first(rows: impl IntoIterator<Item = Seeded>) -> Vec<i64> {
    let mut rows: Vec<Seeded> = rows.into_iter().collect();
    rows.sort_by_key(|r| std::cmp::Reverse((r.at, r.id)));
    rows.into_iter().map(|r| r.id).collect()
}

fn query(text: &str) -> ListQuery {
    ListQuery {
        filter: Filter::parse(text, Entity::Audit.qualifiers().unwrap()).unwrap(),
        ..ListQuery::newest_first()
    }
}

/// Every id of the list, walked page by page forward from the first page, and backward
/// from the last page (put back in display order); both must agree.
fn walk(conn: &mut DbConnection, who: &Actor, q: &ListQuery, limit: usize) -> Vec<i64> {
    let page = |conn: &mut DbConnection, req: &PageRequest| {
        browse::page(conn, who, Entity::Audit, q, req, limit).unwrap()
    };
    let mut forward = Vec::new();
    let mut p = page(conn, &PageRequest::First);
    loop {
        assert!(p.rows.len() <= limit);
        assert!(forward.len() <= 100, "the walk does not end: {forward:?}");
        forward.extend(p.rows.iter().map(|r| r.id));
        match p.rows.last() {
            Some(last) if p.has_after => p = page(conn, &PageRequest::After(last.cursor())),
            _ => break,
        }
    }
    let mut backward = Vec::new();
    let mut p = page(conn, &PageRequest::Last);
    loop {
        assert!(
            backward.len() <= 100,
            "the walk back does not end: {backward:?}"
        );
        backward.splice(0..0, p.rows.iter().map(|r| r.id));
        match p.rows.first() {
            Some(first) if p.has_before => p = page(conn, &PageRequest::Before(first.cursor())),
            _ => break,
        }
    }
    assert_eq!(forward, backward, "forward and backward walks differ");
    forward
}

/// Which seeded rows a filter keeps.
type Keep<'a> = Box<dyn Fn(&Seeded) -> bool + 'a>;

fn count(conn: &mut DbConnection, who: &Actor, q: &ListQuery) -> usize {
    usize::try_from(browse::count(conn, who, Entity::Audit, q).unwrap()).unwrap()
}

#[test]
fn the_audit_log_pages_newest_first_on_time_then_id() {
    each_backend(|db| {
        let ann = actor(db, Role::Manager);
        let bob = actor(db, Role::Sales);
        let seeded = seed(db, &ann, &bob);
        let eng = actor(db, Role::Engineer);
        let conn = &mut db.conn;

        let all = newest_first(seeded.clone());
        assert_eq!(all.last(), Some(&seeded[24].id), "the oldest row is last");
        assert_eq!(walk(conn, &eng, &query(""), 5), all);
        assert_eq!(walk(conn, &eng, &query(""), 7), all);
        assert_eq!(count(conn, &eng, &query("")), 25);

        // `r`: oldest first.
        let reversed = ListQuery {
            sort: lms::db::queries::list::Sort::default(),
            ..query("")
        };
        let mut oldest = all.clone();
        oldest.reverse();
        assert_eq!(walk(conn, &eng, &reversed, 4), oldest);

        // The cells of the newest row.
        let first = browse::page(
            conn,
            &eng,
            Entity::Audit,
            &query(""),
            &PageRequest::First,
            3,
        )
        .unwrap();
        let newest = seeded.iter().find(|s| s.id == all[0]).unwrap();
        assert_eq!(
            first.rows[0].cells,
            vec![
                Value::Time(Some(newest.at)),
                Value::Text(
                    newest
                        .operator
                        .clone()
                        .unwrap_or_else(|| "the system".into())
                ),
                Value::Text(newest.entity.into()),
                Value::Int(100 + 23),
                Value::Text(newest.action.into()),
                Value::Text("Partner, Seats".into()),
            ]
        );

        assert_eq!(count(conn, &eng, &query("")), 25);
    });
}

#[test]
fn each_qualifier_and_word_is_applied_in_sql() {
    each_backend(|db| {
        let ann = actor(db, Role::Manager);
        let bob = actor(db, Role::Sales);
        let seeded = seed(db, &ann, &bob);
        let eng = actor(db, Role::Engineer);
        let backend = db.name();
        let conn = &mut db.conn;
        let day = |s: &str| ts(&format!("{s} 00:00:00")).date();
        let cases: Vec<(String, Keep<'_>)> = vec![
            (
                format!("operator:{}", &ann.username[5..]),
                Box::new(|s: &Seeded| s.operator.as_deref() == Some(ann.username.as_str())),
            ),
            (
                "operator:system".into(),
                Box::new(|s: &Seeded| s.operator.is_none()),
            ),
            (
                "entity:license".into(),
                Box::new(|s: &Seeded| s.entity == "license"),
            ),
            (
                "entity:LICENSE,deployment".into(),
                Box::new(|s: &Seeded| s.entity != "purchase"),
            ),
            (
                "action:update".into(),
                Box::new(|s: &Seeded| s.action == "update"),
            ),
            (
                "action:purchase".into(),
                Box::new(|s: &Seeded| s.action == "purchase:new"),
            ),
            (
                "action:purchase:new".into(),
                Box::new(|s: &Seeded| s.action == "purchase:new"),
            ),
            ("action:purch".into(), Box::new(|_: &Seeded| false)),
            (
                "date:2025-01-03".into(),
                Box::new(move |s: &Seeded| s.at.date() == day("2025-01-03")),
            ),
            (
                "date:<2025-01-03".into(),
                Box::new(move |s: &Seeded| s.at.date() < day("2025-01-03")),
            ),
            (
                "date:<=2025-01-03".into(),
                Box::new(move |s: &Seeded| s.at.date() <= day("2025-01-03")),
            ),
            (
                "date:>2025-01-03".into(),
                Box::new(move |s: &Seeded| s.at.date() > day("2025-01-03")),
            ),
            (
                "date:>=2025-01-03".into(),
                Box::new(move |s: &Seeded| s.at.date() >= day("2025-01-03")),
            ),
            (
                "operator:system entity:license date:>=2025-01-02".into(),
                Box::new(move |s: &Seeded| {
                    s.operator.is_none()
                        && s.entity == "license"
                        && s.at.date() >= day("2025-01-02")
                }),
            ),
            // Free words: the entity, the action or the changed values.
            (
                "deploy".into(),
                Box::new(|s: &Seeded| s.entity == "deployment"),
            ),
            ("channel".into(), Box::new(|_: &Seeded| true)),
            // SQL fragments and LIKE wildcards are data, never SQL.
            (
                "entity:\"license' OR '1'='1\"".into(),
                Box::new(|_: &Seeded| false),
            ),
            ("operator:%".into(), Box::new(|_: &Seeded| false)),
            (
                "\"'; DROP TABLE audit_log; --\"".into(),
                Box::new(|_: &Seeded| false),
            ),
            ("action:_pdate".into(), Box::new(|_: &Seeded| false)),
        ];
        for (text, keep) in &cases {
            let want = newest_first(seeded.iter().filter(|s| keep(s)).cloned());
            let q = query(text);
            assert_eq!(walk(conn, &eng, &q, 3), want, "{backend}: {text}");
            assert_eq!(count(conn, &eng, &q), want.len(), "count of {text}");
        }
        assert_eq!(
            count(conn, &eng, &query("")),
            25,
            "the table is still whole"
        );
    });
}

#[test]
fn only_roles_with_view_audit_read_the_audit_log() {
    each_backend(|db| {
        let ann = actor(db, Role::Manager);
        let bob = actor(db, Role::Sales);
        let seeded = seed(db, &ann, &bob);
        for role in Role::ALL {
            let who = actor(db, role);
            let conn = &mut db.conn;
            let page = browse::page(
                conn,
                &who,
                Entity::Audit,
                &query(""),
                &PageRequest::First,
                5,
            );
            let n = browse::count(conn, &who, Entity::Audit, &query(""));
            let entry = history::entry(conn, &who, seeded[0].id);
            if role.allows(lms::domain::Permission::ViewAudit) {
                assert_eq!(page.unwrap().rows.len(), 5, "{role}");
                assert_eq!(n.unwrap(), 25, "{role}");
                let e = entry.unwrap();
                assert_eq!((e.entity.as_str(), e.entity_id), ("license", 100));
                assert_eq!(e.changes.len(), 2);
            } else {
                for err in [page.err(), n.err(), entry.err()] {
                    let err = err.expect("refused");
                    assert!(
                        matches!(err, ServiceError::Forbidden { .. }),
                        "{role}: {err}"
                    );
                    assert_eq!(
                        err.to_string(),
                        "not allowed: view change history needs role admin or manager or sales or engineer"
                    );
                }
            }
        }
        // Exactly the viewer lacks it today.
        assert_eq!(
            Role::ALL
                .into_iter()
                .filter(|r| !r.allows(lms::domain::Permission::ViewAudit))
                .collect::<Vec<_>>(),
            vec![Role::Viewer]
        );
        let admin = actor(db, Role::Admin);
        assert!(matches!(
            history::entry(&mut db.conn, &admin, 999_999),
            Err(ServiceError::NotFound(_))
        ));
    });
}
