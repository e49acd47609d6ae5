//! The entity lists (Companies, Partners, Sales reps, Engineers, Product codes, Portal
//! users, Activity) filtered and sorted in SQL, on both backends: each qualifier, the
//! archived default, every column in both directions walked a few rows at a time from
//! either end (keyset: no row lost or repeated, ties broken by id), counts that match,
//! unknown qualifiers refused and hostile filter text refused or matching nothing.
#![allow(clippy::unwrap_used, clippy::expect_used)]

mod common;

use std::cmp::Ordering;

use diesel::prelude::*;

use common::builders::{
    ActivityBuilder, CompanyBuilder, EngineerBuilder, PartnerBuilder, PortalUserBuilder,
    ProductBuilder, SalesRepBuilder,
};
use common::fixtures::date;
use common::{TestDb, actor, each_backend};
use lms::auth::Actor;
use lms::db::DbConnection;
use lms::db::queries::list::{ListQuery, Sort};
use lms::db::queries::page::{Page, PageRequest, Row, Value};
use lms::domain::Role;
use lms::domain::filter::Filter;
use lms::service::browse::{self, Entity};

/// `text` parsed with `entity`'s qualifiers, as of 2026-03-15.
fn query(entity: Entity, text: &str) -> ListQuery {
    ListQuery {
        filter: Filter::parse(text, entity.qualifiers().unwrap()).unwrap(),
        today: Some(date("2026-03-15")),
        ..ListQuery::default()
    }
}

fn page(
    conn: &mut DbConnection,
    who: &Actor,
    entity: Entity,
    q: &ListQuery,
    req: &PageRequest,
    limit: usize,
) -> Page {
    browse::page(conn, who, entity, q, req, limit).unwrap()
}

/// Every row of the list, walked `limit` rows at a time from the first page forward, and
/// (checked to be the same rows) from the last page backward.
fn walk(
    conn: &mut DbConnection,
    who: &Actor,
    entity: Entity,
    q: &ListQuery,
    limit: usize,
) -> Vec<Row> {
    let mut forward: Vec<Row> = Vec::new();
    let mut req = PageRequest::First;
    loop {
        let p = page(conn, who, entity, q, &req, limit);
        assert!(p.rows.len() <= limit);
        let Some(last) = p.rows.last() else { break };
        req = PageRequest::After(last.cursor());
        forward.extend(p.rows.iter().cloned());
        assert!(forward.len() < 1000, "the walk does not advance");
        if !p.has_after {
            break;
        }
    }
    let mut backward: Vec<Row> = Vec::new();
    let mut req = PageRequest::Last;
    loop {
        let p = page(conn, who, entity, q, &req, limit);
        let Some(first) = p.rows.first() else { break };
        req = PageRequest::Before(first.cursor());
        backward.splice(0..0, p.rows.iter().cloned());
        assert!(backward.len() < 1000, "the walk does not advance");
        if !p.has_before {
            break;
        }
    }
    let ids = |rows: &[Row]| rows.iter().map(|r| r.id).collect::<Vec<_>>();
    assert_eq!(ids(&forward), ids(&backward), "{entity:?} {:?}", q.sort);
    forward
}

fn ids(rows: &[Row]) -> Vec<i64> {
    rows.iter().map(|r| r.id).collect()
}

/// The ids of the whole list (one walk) after checking that the count agrees.
fn matching(db: &mut TestDb, who: &Actor, entity: Entity, text: &str) -> Vec<i64> {
    let q = query(entity, text);
    let rows = walk(&mut db.conn, who, entity, &q, 2);
    let n = browse::count(&mut db.conn, who, entity, &q).unwrap();
    assert_eq!(
        usize::try_from(n).unwrap(),
        rows.len(),
        "{entity:?} {text:?}"
    );
    let mut ids = ids(&rows);
    ids.sort_unstable();
    ids
}

fn cmp_cells(a: &Value, b: &Value) -> Ordering {
    match (a, b) {
        (Value::Text(a), Value::Text(b)) => a.cmp(b),
        (Value::Int(a), Value::Int(b)) | (Value::Count(a), Value::Count(b)) => a.cmp(b),
        (Value::Time(a), Value::Time(b)) => a.cmp(b),
        (Value::YesNo(a), Value::YesNo(b)) => a.cmp(b),
        _ => panic!("cells of different kinds: {a:?} {b:?}"),
    }
}

/// Every column of `entity`, both ways: the walk 2 rows at a time holds every row of
/// `all` once, ordered by the column's cell then the id, in the sort's direction.
fn sorts_by_every_column(
    db: &mut TestDb,
    who: &Actor,
    entity: Entity,
    columns: usize,
    all: &[i64],
) {
    for column in 0..columns {
        for descending in [false, true] {
            let q = ListQuery {
                sort: Sort { column, descending },
                ..query(
                    entity,
                    if knows_archived(entity) {
                        "archived:any"
                    } else {
                        ""
                    },
                )
            };
            let rows = walk(&mut db.conn, who, entity, &q, 2);
            let mut got = ids(&rows);
            got.sort_unstable();
            assert_eq!(
                got, all,
                "{entity:?} column {column} descending {descending}"
            );
            for pair in rows.windows(2) {
                let order = cmp_cells(&pair[0].cells[column], &pair[1].cells[column])
                    .then(pair[0].id.cmp(&pair[1].id));
                let want = if descending {
                    Ordering::Greater
                } else {
                    Ordering::Less
                };
                assert_eq!(
                    order, want,
                    "{entity:?} column {column} descending {descending}: {:?} then {:?}",
                    pair[0], pair[1]
                );
            }
        }
    }
}

fn knows_archived(entity: Entity) -> bool {
    entity
        .qualifiers()
        .unwrap()
        .contains(&lms::domain::filter::Qualifier::Archived)
}

fn archive(conn: &mut DbConnection, entity: Entity, id: i64) {
    use lms::db::schema::{companies, partners, product_codes};
    match entity {
        Entity::Companies => diesel::update(companies::table.find(id))
            .set(companies::archived.eq(true))
            .execute(conn),
        Entity::Partners => diesel::update(partners::table.find(id))
            .set(partners::archived.eq(true))
            .execute(conn),
        Entity::ProductCodes => diesel::update(product_codes::table.find(id))
            .set(product_codes::archived.eq(true))
            .execute(conn),
        _ => unreachable!(),
    }
    .unwrap();
}

#[test]
fn companies_by_country_archived_words_and_every_column() {
    each_backend(|db| {
        let who = actor(db, Role::Viewer);
        let c = &mut db.conn;
        let acme = CompanyBuilder::new("Acme Robotics")
            .country("DE")
            .created_at("2025-02-01 10:00:00")
            .insert(c)
            .id;
        let bolt = CompanyBuilder::new("Bolt Works")
            .country("DE")
            .contact_email("it@bolt.example")
            .insert(c)
            .id;
        let cargo = CompanyBuilder::new("Cargo Ltd").country("GB").insert(c).id;
        let delta = CompanyBuilder::new("Delta Inc")
            .country("US")
            .created_at("2025-02-01 10:00:00")
            .insert(c)
            .id;
        // Stored as a name by older data (and the demo): found by code and by name.
        let echo = CompanyBuilder::new("Echo GmbH")
            .country("Germany")
            .insert(c)
            .id;
        let fox = CompanyBuilder::new("Fox Old").country("DE").insert(c).id;
        archive(c, Entity::Companies, fox);
        let e = Entity::Companies;

        // Archived companies are hidden by default, and counted only when shown.
        assert_eq!(
            matching(db, &who, e, ""),
            vec![acme, bolt, cargo, delta, echo]
        );
        assert_eq!(
            matching(db, &who, e, "archived:no"),
            vec![acme, bolt, cargo, delta, echo]
        );
        assert_eq!(matching(db, &who, e, "archived:yes"), vec![fox]);
        assert_eq!(
            matching(db, &who, e, "archived:any"),
            vec![acme, bolt, cargo, delta, echo, fox]
        );

        assert_eq!(matching(db, &who, e, "country:de"), vec![acme, bolt, echo]);
        assert_eq!(
            matching(db, &who, e, "country:DE archived:any"),
            vec![acme, bolt, echo, fox]
        );
        assert_eq!(
            matching(db, &who, e, "country:germ"),
            vec![acme, bolt, echo]
        );
        assert_eq!(matching(db, &who, e, "country:\"united k\""), vec![cargo]);
        assert_eq!(matching(db, &who, e, "country:usa"), vec![delta]);
        // Free words: name, country or contact, every word.
        assert_eq!(matching(db, &who, e, "bolt.example"), vec![bolt]);
        assert_eq!(matching(db, &who, e, "o gmbh"), vec![echo]);
        assert_eq!(matching(db, &who, e, "ROBOTICS"), vec![acme]);
        assert_eq!(matching(db, &who, e, "100%"), Vec::<i64>::new());

        sorts_by_every_column(db, &who, e, 5, &[acme, bolt, cargo, delta, echo, fox]);
    });
}

#[test]
fn partners_and_product_codes_hide_archived_ones() {
    each_backend(|db| {
        let who = actor(db, Role::Viewer);
        let c = &mut db.conn;
        let north = PartnerBuilder::new("North Channel")
            .country("SE")
            .insert(c)
            .id;
        let south = PartnerBuilder::new("South Resale")
            .country("FR")
            .contact_email("a@south.example")
            .insert(c)
            .id;
        let west = PartnerBuilder::new("West Old").country("FR").insert(c).id;
        archive(c, Entity::Partners, west);
        let ent = ProductBuilder::new("LMS-ENT")
            .name("Enterprise")
            .description("all modules")
            .insert(c)
            .id;
        let std = ProductBuilder::new("LMS-STD").name("Standard").insert(c).id;
        let old = ProductBuilder::new("LMS-OLD").name("Legacy").insert(c).id;
        archive(c, Entity::ProductCodes, old);

        let p = Entity::Partners;
        assert_eq!(matching(db, &who, p, ""), vec![north, south]);
        assert_eq!(matching(db, &who, p, "country:fr"), vec![south]);
        assert_eq!(
            matching(db, &who, p, "country:france archived:yes"),
            vec![west]
        );
        assert_eq!(matching(db, &who, p, "resale"), vec![south]);
        sorts_by_every_column(db, &who, p, 5, &[north, south, west]);

        let pc = Entity::ProductCodes;
        assert_eq!(matching(db, &who, pc, ""), vec![ent, std]);
        assert_eq!(matching(db, &who, pc, "archived:yes"), vec![old]);
        assert_eq!(matching(db, &who, pc, "modules"), vec![ent]);
        assert_eq!(
            matching(db, &who, pc, "lms- archived:any"),
            vec![ent, std, old]
        );
        sorts_by_every_column(db, &who, pc, 4, &[ent, std, old]);
    });
}

#[test]
fn reps_and_engineers_by_region_and_active() {
    each_backend(|db| {
        let who = actor(db, Role::Viewer);
        let c = &mut db.conn;
        let ann = SalesRepBuilder::new("Ann Archer")
            .region("EMEA")
            .insert(c)
            .id;
        let bob = SalesRepBuilder::new("Bob Baker")
            .region("APAC")
            .active(false)
            .insert(c)
            .id;
        let cy = SalesRepBuilder::new("Cy Cole").region("EMEA").insert(c).id;
        let dee = SalesRepBuilder::new("Dee Dunn")
            .region("North America")
            .insert(c)
            .id;
        let eva = EngineerBuilder::new("Eva Eng").region("APAC").insert(c).id;
        let fay = EngineerBuilder::new("Fay Field")
            .region("EMEA")
            .active(false)
            .insert(c)
            .id;
        let gus = EngineerBuilder::new("Gus Gray").region("EMEA").insert(c).id;
        let r = Entity::SalesReps;
        assert_eq!(matching(db, &who, r, ""), vec![ann, bob, cy, dee]);
        assert_eq!(matching(db, &who, r, "region:emea"), vec![ann, cy]);
        assert_eq!(matching(db, &who, r, "region:america"), vec![dee]);
        assert_eq!(matching(db, &who, r, "active:no"), vec![bob]);
        assert_eq!(
            matching(db, &who, r, "active:yes region:EMEA"),
            vec![ann, cy]
        );
        assert_eq!(matching(db, &who, r, "cole"), vec![cy]);
        assert_eq!(
            matching(db, &who, r, "rep.example"),
            vec![ann, bob, cy, dee]
        );
        sorts_by_every_column(db, &who, r, 5, &[ann, bob, cy, dee]);

        let e = Entity::Engineers;
        assert_eq!(matching(db, &who, e, "region:emea"), vec![fay, gus]);
        assert_eq!(matching(db, &who, e, "active:y"), vec![eva, gus]);
        assert_eq!(matching(db, &who, e, "field"), vec![fay]);
        sorts_by_every_column(db, &who, e, 5, &[eva, fay, gus]);
    });
}

#[test]
fn portal_users_by_company_disabled_and_recent_activity() {
    each_backend(|db| {
        let who = actor(db, Role::Viewer);
        let c = &mut db.conn;
        let acme = CompanyBuilder::new("Acme Robotics").insert(c);
        let bolt = CompanyBuilder::new("Bolt Works").insert(c);
        let a1 = PortalUserBuilder::new(&acme, "E0001")
            .email("ann@acme.example")
            .name("Ann")
            .insert(c);
        let a2 = PortalUserBuilder::new(&acme, "E0002")
            .email("bea@acme.example")
            .name("Bea")
            .disabled(true)
            .insert(c);
        let a3 = PortalUserBuilder::new(&acme, "E0003")
            .email("cy@acme.example")
            .name("Cy")
            .created_at("2025-03-01 08:00:00")
            .insert(c);
        let b1 = PortalUserBuilder::new(&bolt, "emp-01")
            .email("dan@bolt.example")
            .name("Dan")
            .insert(c);
        let b2 = PortalUserBuilder::new(&bolt, "emp-02")
            .email("eve@bolt.example")
            .name("Eve")
            .created_at("2025-03-01 08:00:00")
            .insert(c);
        let b3 = PortalUserBuilder::new(&bolt, "emp-03")
            .email("flo@bolt.example")
            .name("Flo")
            .insert(c);
        // Today is 2026-03-15: active:14 is activity since 2026-03-01 00:00, today's too;
        // a user's latest row counts (b2 was active long ago, then again today).
        let at = |c: &mut DbConnection, u: &lms::db::models::PortalUser, t: &str| {
            ActivityBuilder::new(u).at(t).insert(c);
        };
        at(c, &a1, "2026-03-14 12:00:00");
        at(c, &a3, "2026-03-01 00:00:00");
        at(c, &b1, "2026-02-28 23:59:59");
        at(c, &b2, "2026-01-10 09:00:00");
        at(c, &b3, "2026-01-10 09:00:00");
        at(c, &b2, "2026-03-15 07:00:00");
        let u = Entity::PortalUsers;
        let all = vec![a1.id, a2.id, a3.id, b1.id, b2.id, b3.id];
        assert_eq!(matching(db, &who, u, ""), all);
        let acme_users = vec![a1.id, a2.id, a3.id];
        let bolt_users = vec![b1.id, b2.id, b3.id];
        assert_eq!(matching(db, &who, u, "company:acme"), acme_users);
        assert_eq!(matching(db, &who, u, "company:o"), all);
        assert_eq!(matching(db, &who, u, "disabled:yes"), vec![a2.id]);
        assert_eq!(
            matching(db, &who, u, "disabled:no company:bolt"),
            bolt_users
        );
        assert_eq!(
            matching(db, &who, u, "active:14"),
            vec![a1.id, a3.id, b2.id]
        );
        assert_eq!(
            matching(db, &who, u, "active:15d"),
            vec![a1.id, a3.id, b1.id, b2.id]
        );
        assert_eq!(matching(db, &who, u, "active:1"), vec![a1.id, b2.id]);
        assert_eq!(matching(db, &who, u, "active:365 company:bolt"), bolt_users);
        // Free words: user id, e-mail, name or company.
        assert_eq!(matching(db, &who, u, "emp-"), bolt_users);
        assert_eq!(matching(db, &who, u, "robotics bea"), vec![a2.id]);
        sorts_by_every_column(db, &who, u, 6, &all);

        // The counts per company (a read model) follow moves, flags and deletes: each
        // count above is checked against the rows the list walks.
        diesel::update(lms::db::schema::portal_users::table.find(b3.id))
            .set((
                lms::db::schema::portal_users::company_id.eq(acme.id),
                lms::db::schema::portal_users::disabled.eq(true),
            ))
            .execute(&mut db.conn)
            .unwrap();
        assert_eq!(
            matching(db, &who, u, "company:acme"),
            vec![a1.id, a2.id, a3.id, b3.id]
        );
        assert_eq!(matching(db, &who, u, "disabled:yes"), vec![a2.id, b3.id]);
        assert_eq!(
            matching(db, &who, u, "company:bolt disabled:no"),
            vec![b1.id, b2.id]
        );
        assert_eq!(
            matching(db, &who, u, "disabled:yes disabled:no"),
            Vec::<i64>::new()
        );
        diesel::delete(lms::db::schema::portal_users::table.find(a2.id))
            .execute(&mut db.conn)
            .unwrap();
        assert_eq!(
            matching(db, &who, u, ""),
            vec![a1.id, a3.id, b1.id, b2.id, b3.id]
        );
        assert_eq!(matching(db, &who, u, "disabled:y company:ac"), vec![b3.id]);
    });
}

#[test]
fn activity_by_company_user_action_status_and_date() {
    each_backend(|db| {
        let who = actor(db, Role::Viewer);
        let c = &mut db.conn;
        let acme = CompanyBuilder::new("Acme Robotics").insert(c);
        let bolt = CompanyBuilder::new("Bolt Works").insert(c);
        let ann = PortalUserBuilder::new(&acme, "E0001")
            .email("ann@acme.example")
            .insert(c);
        let cy = PortalUserBuilder::new(&acme, "E0003")
            .email("cy@acme.example")
            .insert(c);
        let dan = PortalUserBuilder::new(&bolt, "emp-01")
            .email("dan@bolt.example")
            .insert(c);
        let log = |c: &mut DbConnection, u, at: &str, action: &str, status: &str, detail: &str| {
            ActivityBuilder::new(u)
                .at(at)
                .action(action)
                .status(status)
                .detail(detail)
                .insert(c)
                .id
        };
        let l1 = log(c, &ann, "2026-03-01 12:00:00", "login", "ok", "method=sso");
        let l2 = log(
            c,
            &ann,
            "2026-03-01 12:00:00",
            "api_call",
            "error",
            "HTTP 429 rate limited",
        );
        let l3 = log(
            c,
            &cy,
            "2026-03-02 12:00:00",
            "login",
            "error",
            "invalid credentials",
        );
        let l4 = log(
            c,
            &dan,
            "2026-03-02 12:00:00",
            "run_job",
            "ok",
            "job=nightly-sync",
        );
        let l5 = log(
            c,
            &dan,
            "2026-03-03 12:00:00",
            "login",
            "ok",
            "method=password",
        );
        let l6 = log(c, &cy, "2026-03-04 12:00:00", "logout", "ok", "");
        let a = Entity::Activity;
        let all = vec![l1, l2, l3, l4, l5, l6];
        assert_eq!(matching(db, &who, a, ""), all);
        assert_eq!(matching(db, &who, a, "company:acme"), vec![l1, l2, l3, l6]);
        assert_eq!(matching(db, &who, a, "user:cy@"), vec![l3, l6]);
        assert_eq!(matching(db, &who, a, "user:emp-01"), vec![l4, l5]);
        assert_eq!(matching(db, &who, a, "action:login"), vec![l1, l3, l5]);
        assert_eq!(
            matching(db, &who, a, "action:LOGIN,logout"),
            vec![l1, l3, l5, l6]
        );
        assert_eq!(matching(db, &who, a, "status:error"), vec![l2, l3]);
        assert_eq!(matching(db, &who, a, "date:2026-03-02"), vec![l3, l4]);
        assert_eq!(matching(db, &who, a, "date:>2026-03-02"), vec![l5, l6]);
        assert_eq!(
            matching(db, &who, a, "date:>=2026-03-02"),
            vec![l3, l4, l5, l6]
        );
        assert_eq!(matching(db, &who, a, "date:<2026-03-02"), vec![l1, l2]);
        assert_eq!(
            matching(db, &who, a, "date:<=2026-03-02"),
            vec![l1, l2, l3, l4]
        );
        assert_eq!(
            matching(db, &who, a, "company:acme date:>=2026-03-02"),
            vec![l3, l6]
        );
        assert_eq!(
            matching(db, &who, a, "company:bolt status:ok action:run_job"),
            vec![l4]
        );
        // Free words: action, status, detail, company or user.
        assert_eq!(matching(db, &who, a, "nightly"), vec![l4]);
        assert_eq!(matching(db, &who, a, "bolt login"), vec![l5]);
        assert_eq!(matching(db, &who, a, "429"), vec![l2]);

        // Newest first by default: the time, then the id, both descending.
        let q = ListQuery::newest_first();
        let rows = walk(&mut db.conn, &who, a, &q, 2);
        assert_eq!(ids(&rows), vec![l6, l5, l4, l3, l2, l1]);
        sorts_by_every_column(db, &who, a, 6, &all);
    });
}

/// Each list refuses the qualifiers it does not know, naming the ones it does.
#[test]
fn unknown_qualifiers_are_refused_with_the_list_s_own() {
    let cases = [
        (
            Entity::Companies,
            "region:emea",
            "this list knows country: archived)",
        ),
        (
            Entity::Partners,
            "active:yes",
            "this list knows country: archived)",
        ),
        (
            Entity::ProductCodes,
            "country:de",
            "this list knows archived)",
        ),
        (
            Entity::SalesReps,
            "archived:yes",
            "this list knows region: active)",
        ),
        (
            Entity::Engineers,
            "company:acme",
            "this list knows region: active)",
        ),
        (
            Entity::PortalUsers,
            "status:ok",
            "this list knows company: disabled: active)",
        ),
        (
            Entity::Activity,
            "archived:yes",
            "this list knows company: user: action: status: date)",
        ),
    ];
    for (entity, text, known) in cases {
        let err = Filter::parse(text, entity.qualifiers().unwrap())
            .unwrap_err()
            .to_string();
        let name = text.split(':').next().unwrap();
        assert!(err.starts_with(&format!("unknown filter {name}:")), "{err}");
        assert!(err.ends_with(known), "{entity:?}: {err}");
    }
}

/// Hostile filter text on every list: refused with a clear message, or a query that
/// matches nothing (the data holds none of it) and never fails.
#[test]
fn hostile_filter_text_is_refused_or_matches_nothing() {
    each_backend(|db| {
        let who = actor(db, Role::Viewer);
        let c = &mut db.conn;
        let acme = CompanyBuilder::new("Acme Robotics").insert(c);
        let user = PortalUserBuilder::new(&acme, "E0001").insert(c);
        ActivityBuilder::new(&user).insert(c);
        SalesRepBuilder::new("Ann Archer").insert(c);
        EngineerBuilder::new("Eva Eng").insert(c);
        PartnerBuilder::new("North Channel").insert(c);
        ProductBuilder::new("LMS-ENT").insert(c);
        let long = "x".repeat(501);
        let hostile = [
            "' OR 1=1 --",
            "\"; DROP TABLE companies; --\"",
            "%",
            "_",
            "\\",
            "robert'); DELETE FROM app_log; --",
            "👩‍💻 🙂",
            "東京 株式会社",
            "ｆｕｌｌｗｉｄｔｈ",
            "a\u{202E}b",
            "a\u{7}b",
            "tab\there",
            long.as_str(),
            "company:\"' OR ''='\"",
            "date:2026-13-40",
            "active:abc",
            "region:%",
        ];
        for entity in [
            Entity::Companies,
            Entity::Partners,
            Entity::ProductCodes,
            Entity::SalesReps,
            Entity::Engineers,
            Entity::PortalUsers,
            Entity::Activity,
        ] {
            for text in hostile {
                let Ok(filter) = Filter::parse(text, entity.qualifiers().unwrap()) else {
                    let err = Filter::parse(text, entity.qualifiers().unwrap()).unwrap_err();
                    let msg = err.to_string();
                    assert!(
                        msg.contains("unknown filter")
                            || msg.contains("control or text-direction")
                            || msg.contains("too long")
                            || msg.contains("YYYY-MM-DD")
                            || msg.contains("needs"),
                        "{entity:?} {text:?}: {msg}"
                    );
                    continue;
                };
                let q = ListQuery {
                    filter,
                    today: Some(date("2026-03-15")),
                    ..ListQuery::default()
                };
                let p = browse::page(&mut db.conn, &who, entity, &q, &PageRequest::First, 10)
                    .unwrap_or_else(|e| panic!("{entity:?} {text:?}: {e}"));
                let n = browse::count(&mut db.conn, &who, entity, &q).unwrap();
                assert!(
                    p.rows.is_empty(),
                    "{entity:?} {text:?} matched {:?}",
                    p.rows
                );
                assert_eq!(n, 0, "{entity:?} {text:?}");
            }
        }
        // Nothing was dropped or deleted.
        assert_eq!(matching(db, &who, Entity::Activity, "").len(), 1);
        assert_eq!(matching(db, &who, Entity::Companies, "").len(), 1);
    });
}

/// The Activity count (served by `app_log_counts` when the filter allows) and `active:N`
/// (served by `portal_user_activity`) follow every insert, update and delete of the log,
/// whoever writes it: each agrees with a count over `app_log` itself.
#[test]
fn activity_read_models_follow_every_write_to_the_log() {
    use lms::db::schema::app_log;
    each_backend(|db| {
        let who = actor(db, Role::Viewer);
        let c = &mut db.conn;
        let acme = CompanyBuilder::new("Acme Robotics").insert(c);
        let bolt = CompanyBuilder::new("Bolt Works").insert(c);
        let ann = PortalUserBuilder::new(&acme, "E0001").insert(c);
        let dan = PortalUserBuilder::new(&bolt, "emp-01").insert(c);
        let mut ids = Vec::new();
        for (u, at, action, status) in [
            (&ann, "2026-03-01 12:00:00", "login", "ok"),
            (&ann, "2026-03-10 12:00:00", "login", "error"),
            (&ann, "2026-03-12 12:00:00", "api_call", "ok"),
            (&dan, "2026-03-02 12:00:00", "login", "ok"),
            (&dan, "2026-03-03 12:00:00", "run_job", "ok"),
        ] {
            let id = ActivityBuilder::new(u)
                .at(at)
                .action(action)
                .status(status)
                .insert(c)
                .id;
            ids.push(id);
        }
        let check = |db: &mut TestDb, who: &Actor| {
            let counted = |db: &mut TestDb, text: &str| {
                browse::count(
                    &mut db.conn,
                    who,
                    Entity::Activity,
                    &query(Entity::Activity, text),
                )
                .unwrap()
            };
            let rows: Vec<(i64, String, String)> = app_log::table
                .select((app_log::company_id, app_log::action, app_log::status))
                .load(&mut db.conn)
                .unwrap();
            let n = |f: &dyn Fn(&(i64, String, String)) -> bool| {
                i64::try_from(rows.iter().filter(|r| f(r)).count()).unwrap()
            };
            assert_eq!(counted(db, ""), n(&|_| true));
            assert_eq!(counted(db, "company:acme"), n(&|r| r.0 == acme.id));
            assert_eq!(counted(db, "action:login"), n(&|r| r.1 == "login"));
            assert_eq!(
                counted(db, "company:bolt status:ok action:login,run_job"),
                n(&|r| r.0 == bolt.id && r.2 == "ok" && (r.1 == "login" || r.1 == "run_job"))
            );
            assert_eq!(counted(db, "status:nothing"), 0);
        };
        check(db, &who);
        // As of 2026-03-15: active:7 is since 2026-03-08.
        assert_eq!(
            matching(db, &who, Entity::PortalUsers, "active:7"),
            vec![ann.id]
        );

        // An update moves a row between counters and users.
        diesel::update(app_log::table.find(ids[2]))
            .set((
                app_log::company_id.eq(bolt.id),
                app_log::user_id.eq(dan.id),
                app_log::status.eq("error"),
            ))
            .execute(&mut db.conn)
            .unwrap();
        check(db, &who);
        assert_eq!(
            matching(db, &who, Entity::PortalUsers, "active:7"),
            vec![ann.id, dan.id]
        );
        // Deleting a user's latest row makes the one before it their latest.
        diesel::delete(app_log::table.find(ids[1]))
            .execute(&mut db.conn)
            .unwrap();
        check(db, &who);
        assert_eq!(
            matching(db, &who, Entity::PortalUsers, "active:7"),
            vec![dan.id]
        );
        assert_eq!(
            matching(db, &who, Entity::PortalUsers, "active:14"),
            vec![ann.id, dan.id]
        );
        // And deleting everything leaves nothing counted and nobody active.
        diesel::delete(app_log::table)
            .execute(&mut db.conn)
            .unwrap();
        check(db, &who);
        assert_eq!(
            matching(db, &who, Entity::PortalUsers, "active:3650"),
            Vec::<i64>::new()
        );
    });
}

/// A demo load suspends the read models' triggers (two upserts per activity row), then
/// computes the read models from the log and puts the triggers back: the counts agree
/// with the log, and a write after the load is counted again.
#[test]
fn a_demo_load_leaves_the_activity_read_models_exact_and_maintained() {
    use lms::db::schema::portal_user_activity;
    use lms::service::demo::{self, DemoSize};
    each_backend(|db| {
        let admin = actor(db, Role::Admin);
        let size = DemoSize {
            companies: 12,
            partners: 4,
            sales_reps: 5,
            engineers: 3,
            product_codes: 6,
            licenses: 60,
            portal_users: 400,
            activity_rows: 6_000,
            activity_days: 30,
            seed: 7,
        };
        demo::load(&mut db.conn, &admin, &size, date("2026-03-15"), &mut |_| {}).unwrap();
        let c = &mut db.conn;
        common::read_models::assert_activity_read_models_exact(c);
        // The triggers are back.
        let user: lms::db::models::PortalUser =
            lms::db::schema::portal_users::table.first(c).unwrap();
        ActivityBuilder::new(&user)
            .at("2026-03-15 08:00:00")
            .action("a new action")
            .insert(c);
        common::read_models::assert_activity_read_models_exact(c);
        let last: chrono::NaiveDateTime = portal_user_activity::table
            .find(user.id)
            .select(portal_user_activity::last_at)
            .first(c)
            .unwrap();
        assert_eq!(last.to_string(), "2026-03-15 08:00:00");
    });
}
