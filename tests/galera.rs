//! lms on a 3-node MariaDB Galera cluster (`bash .ci/galera` starts one and runs these):
//! the migrations and the demo on a cluster whose `AUTO_INCREMENT` ids step by the node
//! count, write conflicts between nodes (error 1213 at commit) ending as one save and one
//! clear refusal or as a retry, and a TUI session moving to the next node when its node
//! is killed. Each test on a database of its own; skipped, saying why, without a cluster.
//! The kill runs only when `LMS_TEST_GALERA_KILL=1` (the script runs it last, alone):
//! the other tests would lose their node under them.
#![allow(clippy::unwrap_used, clippy::expect_used)]

mod common;

use std::sync::{Arc, Barrier};
use std::thread;

use chrono::{Days, Local};
use diesel::prelude::*;
use ratatui::crossterm::event::KeyCode;

use common::actor;
use common::builders::{CompanyBuilder, ProductBuilder};
use common::forms::{PASSWORD, seed_with_active_license};
use common::galera::{self, cluster};
use common::live::Live;
use common::money::{from_scratch, kept, months};
use lms::auth::Actor;
use lms::db::schema::{audit_log, licenses};
use lms::db::{DbConnection, doctor, introspect};
use lms::domain::license_input::LicenseInput;
use lms::domain::purchase_input::PurchaseForm;
use lms::domain::{Role, Seats, license_key};
use lms::service::{self, ServiceError, demo, purchases};
use lms::tui::screens::editing::Overlay;

#[derive(QueryableByName)]
struct Named {
    #[diesel(sql_type = diesel::sql_types::Text)]
    name: String,
}

fn names(conn: &mut DbConnection, sql: &str) -> Vec<String> {
    diesel::sql_query(sql)
        .load::<Named>(conn)
        .unwrap()
        .into_iter()
        .map(|n| n.name)
        .collect()
}

#[test]
fn migrations_apply_on_every_node_with_innodb_and_a_primary_key_everywhere() {
    let Some(cluster) = cluster() else { return };
    let db = cluster.db();
    let embedded: Vec<String> = db
        .conn
        .embedded_migrations()
        .into_iter()
        .map(|(version, _)| version)
        .collect();
    for i in 0..galera::nodes(&db) {
        let mut conn = galera::connect(&db, i);
        let mut applied = introspect::applied_migrations(&mut conn).unwrap();
        applied.sort();
        assert_eq!(applied, embedded, "node {}", galera::host(&db, i));
        // Galera replicates InnoDB rows only, and needs a primary key on every table.
        let not_innodb = names(
            &mut conn,
            "SELECT TABLE_NAME AS name FROM information_schema.TABLES \
             WHERE TABLE_SCHEMA = DATABASE() AND TABLE_TYPE = 'BASE TABLE' \
             AND ENGINE <> 'InnoDB'",
        );
        assert_eq!(not_innodb, Vec::<String>::new(), "tables not InnoDB");
        let keyless = names(
            &mut conn,
            "SELECT t.TABLE_NAME AS name FROM information_schema.TABLES t \
             WHERE t.TABLE_SCHEMA = DATABASE() AND t.TABLE_TYPE = 'BASE TABLE' \
             AND NOT EXISTS (SELECT 1 FROM information_schema.TABLE_CONSTRAINTS c \
             WHERE c.TABLE_SCHEMA = t.TABLE_SCHEMA AND c.TABLE_NAME = t.TABLE_NAME \
             AND c.CONSTRAINT_TYPE = 'PRIMARY KEY')",
        );
        assert_eq!(
            keyless,
            Vec::<String>::new(),
            "tables without a primary key"
        );
    }
    // The schema the other nodes received is the one the migrations define, indexes too.
    let last = galera::nodes(&db) - 1;
    assert_eq!(
        doctor::check(&galera::node_url(&db, last)).unwrap(),
        Vec::<String>::new()
    );
}

/// lms's sessions on a node wait, before each read, until the node has applied what the
/// cluster committed: what one node saved is read back on another at once.
#[test]
fn sessions_wait_for_the_cluster_before_reading() {
    let Some(cluster) = cluster() else { return };
    let mut db = cluster.db();
    let manager = actor(&mut db, Role::Manager);
    let mut conns: Vec<DbConnection> = (0..galera::nodes(&db))
        .map(|i| galera::connect(&db, i))
        .collect();
    for (i, conn) in conns.iter_mut().enumerate() {
        let wait: u32 = galera::show(conn, "SHOW SESSION VARIABLES LIKE 'wsrep_sync_wait'")
            .unwrap()
            .parse()
            .unwrap();
        assert_eq!(
            wait & 1,
            1,
            "node {}: wsrep_sync_wait {wait}",
            galera::host(&db, i)
        );
    }
    let company = CompanyBuilder::new("Acme").insert(&mut conns[0]).id;
    let product = ProductBuilder::new("PRO").insert(&mut conns[0]).id;
    // Without the wait, 4 runs in 5 found a license just made on the first node missing
    // on the second within these 100 rounds.
    for round in 0..100_u32 {
        let input = license_input(company, product, 5 + round);
        let id = service::licenses::create(&mut conns[0], &manager, &input).unwrap();
        let seen = service::licenses::get(&mut conns[1], &manager, id);
        assert_eq!(seen.map(|r| r.input).ok(), Some(input), "round {round}");
    }
}

/// What `the_demo_loads…` loads: small, with every table.
fn small() -> demo::DemoSize {
    demo::DemoSize {
        companies: 12,
        partners: 4,
        sales_reps: 5,
        engineers: 3,
        product_codes: 6,
        licenses: 60,
        portal_users: 400,
        activity_rows: 12_000,
        activity_days: 45,
        seed: 7,
    }
}

fn license_input(company_id: i64, product_code_id: i64, seats: u32) -> LicenseInput {
    let today = Local::now().date_naive();
    LicenseInput {
        company_id,
        product_code_id,
        partner_id: None,
        sales_rep_id: None,
        seats: Seats::Limited(seats),
        start_date: today,
        end_date: today.checked_add_days(Days::new(365)).unwrap(),
        notes: String::new(),
    }
}

#[test]
fn the_demo_loads_and_ids_that_step_by_the_node_count_break_nothing() {
    let Some(cluster) = cluster() else { return };
    let mut db = cluster.db();
    let admin = actor(&mut db, Role::Admin);
    let report = demo::load(
        &mut db.conn,
        &admin,
        &small(),
        Local::now().date_naive(),
        &mut |_| {},
    )
    .unwrap();
    let loaded = |table: &str| report.rows.iter().find(|(t, _)| *t == table).unwrap().1;
    let last = galera::nodes(&db) - 1;

    // Read on another node: every row and the read models arrived.
    let mut other = galera::connect(&db, last);
    let count = |conn: &mut DbConnection, table: &str| -> u64 {
        #[derive(QueryableByName)]
        struct N {
            #[diesel(sql_type = diesel::sql_types::BigInt)]
            n: i64,
        }
        let n = diesel::sql_query(format!("SELECT COUNT(*) AS n FROM {table}"))
            .get_result::<N>(conn)
            .unwrap()
            .n;
        u64::try_from(n).unwrap()
    };
    for table in [
        "companies",
        "licenses",
        "purchases",
        "deployments",
        "app_log",
    ] {
        assert_eq!(count(&mut other, table), loaded(table), "{table}");
    }
    assert!(loaded("purchases") > 0);
    assert_eq!(kept(&mut other), from_scratch(&mut other));
    let (by_month, scratch) = months(&mut other);
    assert_eq!(by_month, scratch);
    common::read_models::assert_activity_read_models_exact(&mut other);
    // The loader dropped and rebuilt indexes and triggers: a node that did not run it has
    // them back.
    assert_eq!(
        doctor::check(&galera::node_url(&db, last)).unwrap(),
        Vec::<String>::new()
    );

    // New licenses made on each node: on one node the ids step by the node count (never
    // consecutive), all differ, and each key is made from its own id.
    let manager = actor(&mut db, Role::Manager);
    let input = license_input(1, 1, 5);
    let mut made = Vec::new();
    for i in [0, 0, 1, last] {
        let mut conn = galera::connect(&db, i);
        made.push(service::licenses::create(&mut conn, &manager, &input).unwrap());
    }
    let step = i64::try_from(galera::nodes(&db)).unwrap();
    assert_eq!(made[1] - made[0], step, "ids {made:?}");
    let mut sorted = made.clone();
    sorted.sort_unstable();
    sorted.dedup();
    assert_eq!(sorted.len(), made.len(), "ids {made:?}");
    for id in &made {
        let record = service::licenses::get(&mut other, &manager, *id).unwrap();
        assert_eq!(record.license_key, license_key(*id));
    }
    assert_eq!(count(&mut other, "licenses"), loaded("licenses") + 4);
}

/// Starts every `jobs` at the same moment, each on its own thread, and returns what each gave.
fn all_at_once<T: Send + 'static>(jobs: Vec<Box<dyn FnOnce() -> T + Send>>) -> Vec<T> {
    let barrier = Arc::new(Barrier::new(jobs.len()));
    let threads: Vec<_> = jobs
        .into_iter()
        .map(|job| {
            let barrier = Arc::clone(&barrier);
            thread::spawn(move || {
                barrier.wait();
                job()
            })
        })
        .collect();
    threads.into_iter().map(|t| t.join().unwrap()).collect()
}

#[test]
fn two_operators_on_two_nodes_editing_one_license_give_one_save_and_one_refusal() {
    let Some(cluster) = cluster() else { return };
    let mut db = cluster.db();
    let company = CompanyBuilder::new("Acme").insert(&mut db.conn).id;
    let product = ProductBuilder::new("PRO").insert(&mut db.conn).id;
    let ann = actor(&mut db, Role::Manager);
    let ben = actor(&mut db, Role::Manager);
    let id =
        service::licenses::create(&mut db.conn, &ann, &license_input(company, product, 5)).unwrap();
    let conflicts_before = galera::conflicts(&db);
    let rounds = 6;
    for round in 0..rounds {
        let mut check = galera::connect(&db, 2);
        let opened = service::licenses::get(&mut check, &ann, id).unwrap();
        let edit = |who: &Actor, node: usize, seats: u32| -> Box<dyn FnOnce() -> _ + Send> {
            let mut conn = galera::connect(&db, node);
            let who = who.clone();
            let mut input = opened.input.clone();
            input.seats = Seats::Limited(seats);
            let version = opened.version;
            Box::new(move || service::licenses::update(&mut conn, &who, id, version, &input))
        };
        let (ann_seats, ben_seats) = (10 + round * 2, 11 + round * 2);
        let results = all_at_once(vec![edit(&ann, 0, ann_seats), edit(&ben, 1, ben_seats)]);
        let (winner, seats) = match (&results[0], &results[1]) {
            (Ok(v), Err(ServiceError::Stale { by, .. })) => {
                assert_eq!(by, &ann.username, "the refusal names who saved first");
                (*v, ann_seats)
            }
            (Err(ServiceError::Stale { by, .. }), Ok(v)) => {
                assert_eq!(by, &ben.username, "the refusal names who saved first");
                (*v, ben_seats)
            }
            other => panic!("round {round}: not one save and one refusal: {other:?}"),
        };
        assert_eq!(winner, opened.version + 1, "the version went up once");
        let stored = service::licenses::get(&mut check, &ann, id).unwrap();
        assert_eq!(stored.version, winner);
        assert_eq!(
            stored.input.seats,
            Seats::Limited(seats),
            "the winner's value"
        );
    }
    // One audit row per save: nothing written twice, nothing lost.
    let updates: i64 = audit_log::table
        .filter(audit_log::entity.eq("license"))
        .filter(audit_log::entity_id.eq(id))
        .filter(audit_log::action.eq("update"))
        .count()
        .get_result(&mut galera::connect(&db, 2))
        .unwrap();
    assert_eq!(updates, i64::from(rounds));
    eprintln!(
        "{rounds} rounds; transactions the cluster rolled back (error 1213) meanwhile, other tests' included: {}",
        galera::conflicts(&db) - conflicts_before
    );
}

/// A new purchase of `amount` EUR of license `id`, opened at `version`, today.
fn purchase(id: i64, amount: &str) -> purchases::PurchaseInput {
    PurchaseForm {
        license_id: id,
        kind: "new".into(),
        purchase_date: Local::now().date_naive().to_string(),
        cost: amount.into(),
        revenue: amount.into(),
        currency: "EUR".into(),
        ..PurchaseForm::default()
    }
    .parse()
    .unwrap()
}

#[test]
fn concurrent_purchases_on_two_nodes_are_retried_or_refused_and_the_money_adds_up() {
    let Some(cluster) = cluster() else { return };
    let mut db = cluster.db();
    let company = CompanyBuilder::new("Acme").insert(&mut db.conn).id;
    let product = ProductBuilder::new("PRO").insert(&mut db.conn).id;
    let manager = actor(&mut db, Role::Manager);
    let conflicts_before = galera::conflicts(&db);
    let buy = |node: usize, id: i64, amount: &'static str| -> Box<dyn FnOnce() -> _ + Send> {
        let mut conn = galera::connect(&db, node);
        let manager = manager.clone();
        let version = service::licenses::get(&mut conn, &manager, id)
            .unwrap()
            .version;
        Box::new(move || purchases::record(&mut conn, &manager, version, &purchase(id, amount)))
    };
    let mut first = galera::connect(&db, 0);
    let mut new_license = || {
        service::licenses::create(&mut first, &manager, &license_input(company, product, 5))
            .unwrap()
    };
    let mut bought = 0;
    for round in 0..4 {
        // Two licenses of one company: both purchases update the company's money row,
        // on two nodes at once. The loser of the commit is run again and passes.
        let (a, b) = (new_license(), new_license());
        let results = all_at_once(vec![buy(0, a, "100.00"), buy(1, b, "250.00")]);
        for r in &results {
            assert!(r.is_ok(), "round {round}: {r:?}");
        }
        bought += 2;
        // One license on two nodes: one purchase, and one clear refusal.
        let c = new_license();
        let results = all_at_once(vec![buy(0, c, "10.00"), buy(1, c, "20.00")]);
        let refused = results
            .iter()
            .filter(|r| matches!(r, Err(ServiceError::Stale { .. })))
            .count();
        let saved = results.iter().filter(|r| r.is_ok()).count();
        assert_eq!((saved, refused), (1, 1), "round {round}: {results:?}");
        bought += 1;
    }
    let mut other = galera::connect(&db, 2);
    let rows = kept(&mut other);
    assert_eq!(rows, from_scratch(&mut other));
    assert_eq!(rows.len(), 1, "{rows:?}");
    assert_eq!(rows[0].2, bought, "every purchase counted once");
    let (by_month, scratch) = months(&mut other);
    assert_eq!(by_month, scratch);
    eprintln!(
        "transactions the cluster rolled back (error 1213) meanwhile, other tests' included: {}",
        galera::conflicts(&db) - conflicts_before
    );
}

/// A TUI session on the first node (through the URL naming every node); that node's
/// server is killed with SIGKILL; the session moves to the next node, and a refresh and a
/// save work there. Only with `LMS_TEST_GALERA_KILL=1`: it takes a node away for good.
#[test]
fn a_session_moves_to_the_next_node_when_its_node_is_killed() {
    let Some(cluster) = cluster() else { return };
    if std::env::var("LMS_TEST_GALERA_KILL").as_deref() != Ok("1") {
        eprintln!("skipped: kills a node; LMS_TEST_GALERA_KILL=1 runs it (.ci/galera, last)");
        return;
    }
    let mut db = cluster.db();
    let id = seed_with_active_license(&mut db);
    let pid = galera::server_pid(&db, 0);
    let mut live = Live::start(&db.url, common::forms::today());
    live.sign_in("alice", PASSWORD);
    assert!(live.screen().contains("LIC-"), "{}", live.screen());

    galera::kill_9(pid);
    live.ctrl('r');
    live.until("the session on the next node", |app| {
        app.reconnecting.is_empty()
            && app
                .status
                .as_ref()
                .is_some_and(|s| s.text.starts_with("reconnected"))
    });
    let moved = format!("reconnected to {}: ", galera::host(&db, 1));
    assert!(live.status().starts_with(&moved), "{}", live.status());

    live.ctrl('r');
    live.until("the list again", |app| {
        common::screens::list(app).is_some_and(|l| l.tab.page.is_some() && l.tab.total == Some(1))
    });
    assert!(
        live.screen().contains(&license_key(id)),
        "{}",
        live.screen()
    );
    live.press(KeyCode::Char('e'));
    live.until("the edit form", |app| {
        matches!(common::screens::overlay(app), Some(Overlay::Form(_)))
    });
    common::forms::fill(&mut live.app, "seats", "20");
    live.ctrl('s');
    live.until("the save", |app| common::screens::overlay(app).is_none());
    assert!(live.status().starts_with("saved LIC-"), "{}", live.status());
    let seats: Option<i32> = licenses::table
        .find(id)
        .select(licenses::seats)
        .first(&mut galera::connect(&db, 2))
        .unwrap();
    assert_eq!(seats, Some(20), "saved, and seen on the third node");
}
