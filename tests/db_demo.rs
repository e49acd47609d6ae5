//! Demo data on both backends: counts, coverage of statuses and currencies, realism of the
//! utilization mix, refusal to mix with real data, the gate, validation, determinism.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::too_many_lines,
    clippy::type_complexity
)]

mod common;

use std::collections::{BTreeMap, BTreeSet, HashMap, HashSet};

use chrono::{NaiveDate, NaiveDateTime};
use common::{TestDb, actor, each_backend};
use diesel::connection::SimpleConnection;
use diesel::prelude::*;
use lms::db::BackendKind;
use lms::db::models::{AuditEntry, License};
use lms::db::schema::{
    app_log, audit_log, companies, deployments, engineers, licenses, partners, portal_users,
    product_codes, purchases, sales_reps,
};
use lms::domain::{DomainError, LicenseStatus, Role};
use lms::service::ServiceError;
use lms::service::demo::{self, DemoProgress, DemoReport, DemoSize};

fn today() -> NaiveDate {
    NaiveDate::from_ymd_opt(2026, 3, 15).unwrap()
}

fn small() -> DemoSize {
    DemoSize {
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

fn load_small(db: &mut TestDb) -> DemoReport {
    let admin = actor(db, Role::Admin);
    let mut calls = 0_u32;
    let report = demo::load(
        &mut db.conn,
        &admin,
        &small(),
        today(),
        &mut |p: DemoProgress| {
            assert!(p.done <= p.total, "{p:?}");
            calls += 1;
        },
    )
    .unwrap();
    assert!(calls >= 10, "progress after each chunk of each table");
    report
}

fn count(db: &mut TestDb, table: &str) -> u64 {
    let conn = &mut db.conn;
    let n: i64 = match table {
        "companies" => companies::table.count().get_result(conn),
        "partners" => partners::table.count().get_result(conn),
        "sales_reps" => sales_reps::table.count().get_result(conn),
        "engineers" => engineers::table.count().get_result(conn),
        "product_codes" => product_codes::table.count().get_result(conn),
        "licenses" => licenses::table.count().get_result(conn),
        "purchases" => purchases::table.count().get_result(conn),
        "deployments" => deployments::table.count().get_result(conn),
        "portal_users" => portal_users::table.count().get_result(conn),
        "app_log" => app_log::table.count().get_result(conn),
        other => panic!("unknown table {other}"),
    }
    .unwrap();
    u64::try_from(n).unwrap()
}

#[test]
fn small_load_matches_the_size_and_covers_every_status_and_currency() {
    each_backend(|db| {
        let report = load_small(db);
        let size = small();
        let expected = [
            ("companies", u64::from(size.companies)),
            ("partners", u64::from(size.partners)),
            ("sales_reps", u64::from(size.sales_reps)),
            ("engineers", u64::from(size.engineers)),
            ("product_codes", u64::from(size.product_codes)),
            ("licenses", size.licenses),
            ("portal_users", size.portal_users),
            ("app_log", size.activity_rows),
        ];
        for (table, n) in expected {
            assert_eq!(report.count(table), n, "{} report {table}", db.name());
            assert_eq!(count(db, table), n, "{} table {table}", db.name());
        }
        for table in ["purchases", "deployments"] {
            assert!(report.count(table) >= size.licenses, "{table}");
            assert_eq!(count(db, table), report.count(table), "{table}");
        }
        assert_eq!(
            report.total_rows,
            report.rows.iter().map(|(_, n)| n).sum::<u64>()
        );
        assert!(report.rows_per_sec() > 0.0);

        // Every license status, with dates that fit it.
        let all: Vec<License> = licenses::table
            .select(License::as_select())
            .order(licenses::id)
            .load(&mut db.conn)
            .unwrap();
        let statuses: BTreeSet<&str> = all.iter().map(|l| l.status.as_str()).collect();
        for s in LicenseStatus::ALL {
            assert!(
                statuses.contains(s.as_str()),
                "{}: no {s} license",
                db.name()
            );
        }
        let t = today();
        for l in &all {
            assert_eq!(l.license_key, lms::domain::license_key(l.id));
            assert!(l.start_date <= l.end_date, "{l:?}");
            assert!(l.seats.is_none_or(|s| s >= 1), "{l:?}");
            match l.status.as_str() {
                "active" | "suspended" => assert!(l.start_date <= t && t <= l.end_date, "{l:?}"),
                "expired" => assert!(l.end_date < t, "{l:?}"),
                "draft" => assert!(l.start_date > t, "{l:?}"),
                _ => {}
            }
            assert!(l.created_at <= l.updated_at, "{l:?}");
            assert!(l.updated_at.date() < t, "{l:?}");
        }
        assert!(all.iter().filter(|l| l.status == "active").count() * 2 > all.len());

        // Purchases: a `new` one per license, several currencies, whole yen.
        let rows: Vec<(i64, String, String, i64, i64)> = purchases::table
            .select((
                purchases::license_id,
                purchases::kind,
                purchases::currency,
                purchases::revenue_minor,
                purchases::cost_minor,
            ))
            .load(&mut db.conn)
            .unwrap();
        let news: HashSet<i64> = rows.iter().filter(|r| r.1 == "new").map(|r| r.0).collect();
        assert_eq!(news.len() as u64, size.licenses);
        let currencies: BTreeSet<&str> = rows.iter().map(|r| r.2.as_str()).collect();
        for c in ["EUR", "USD", "GBP", "JPY", "CHF"] {
            assert!(
                currencies.contains(c),
                "{}: no {c} in {currencies:?}",
                db.name()
            );
        }
        for r in &rows {
            assert!(r.3 > 0 && r.4 >= 0 && r.4 < r.3, "{r:?}");
            if r.2 == "JPY" {
                assert_eq!(r.3 % 100, 0, "yen amounts are whole hundreds: {r:?}");
            }
        }
        let kinds: BTreeSet<&str> = rows.iter().map(|r| r.1.as_str()).collect();
        assert_eq!(
            kinds,
            BTreeSet::from(["expansion", "new", "renewal"]),
            "{}",
            db.name()
        );

        // Deployments in every status, dates in order.
        let deps: Vec<(
            String,
            Option<NaiveDate>,
            Option<NaiveDate>,
            Option<NaiveDate>,
        )> = deployments::table
            .select((
                deployments::status,
                deployments::scheduled_date,
                deployments::started_date,
                deployments::completed_date,
            ))
            .load(&mut db.conn)
            .unwrap();
        let dep_statuses: BTreeSet<&str> = deps.iter().map(|d| d.0.as_str()).collect();
        assert_eq!(
            dep_statuses,
            BTreeSet::from(["cancelled", "completed", "failed", "in_progress", "planned"]),
            "{}",
            db.name()
        );
        for d in &deps {
            match d.0.as_str() {
                // Failed ones end on the day they failed (issue 12).
                "completed" | "failed" => {
                    assert!(d.2.is_some() && d.3.is_some_and(|c| c < t), "{d:?}");
                }
                // Some planned work is overdue: scheduled in the past, not started.
                "planned" => assert!(d.1.is_some() && d.2.is_none() && d.3.is_none(), "{d:?}"),
                "in_progress" => assert!(d.2.is_some_and(|s| s < t) && d.3.is_none(), "{d:?}"),
                // Cancelled ones end on the day they were called off, never started.
                _ => assert!(d.2.is_none() && d.3.is_some_and(|c| c < t), "{d:?}"),
            }
        }

        // Some portal users are disabled; activity stays inside the window.
        let disabled: i64 = portal_users::table
            .filter(portal_users::disabled.eq(true))
            .count()
            .get_result(&mut db.conn)
            .unwrap();
        assert!(disabled > 0);
        let first: NaiveDateTime = app_log::table
            .select(app_log::ts)
            .order(app_log::ts.asc())
            .first(&mut db.conn)
            .unwrap();
        let last: NaiveDateTime = app_log::table
            .select(app_log::ts)
            .order(app_log::ts.desc())
            .first(&mut db.conn)
            .unwrap();
        assert!(first.date() >= t - chrono::Days::new(45), "{first}");
        assert!(last.date() < t, "{last}");

        // One audit row with the counts.
        let audit: Vec<AuditEntry> = audit_log::table
            .filter(audit_log::entity.eq("demo"))
            .select(AuditEntry::as_select())
            .load(&mut db.conn)
            .unwrap();
        assert_eq!(audit.len(), 1);
        assert_eq!((audit[0].entity_id, audit[0].action.as_str()), (0, "load"));
        let changes: serde_json::Value = serde_json::from_str(&audit[0].changes).unwrap();
        assert_eq!(changes["licenses"][1], "60");
        assert_eq!(changes["app_log"][1], "12000");
    });
}

/// One integer PRAGMA of a SQLite connection.
macro_rules! pragma {
    ($db:expr, $name:ident) => {{
        #[derive(QueryableByName)]
        struct Value {
            #[diesel(sql_type = diesel::sql_types::BigInt)]
            $name: i64,
        }
        let v: Value = diesel::sql_query(concat!("PRAGMA ", stringify!($name)))
            .get_result(&mut $db.conn)
            .unwrap();
        v.$name
    }};
}

/// The SQLite connection settings the load changes for speed.
fn sqlite_settings(db: &mut TestDb) -> [i64; 4] {
    [
        pragma!(db, cache_size),
        pragma!(db, wal_autocheckpoint),
        pragma!(db, foreign_keys),
        pragma!(db, threads),
    ]
}

#[test]
fn sqlite_settings_are_restored_and_foreign_keys_hold() {
    #[derive(QueryableByName)]
    struct Violation {
        #[diesel(sql_type = diesel::sql_types::Text)]
        #[allow(dead_code)]
        table: String,
    }
    let mut db = common::sqlite_db();
    let before = sqlite_settings(&mut db);
    load_small(&mut db);
    assert_eq!(sqlite_settings(&mut db), before);
    let violations: Vec<Violation> = diesel::sql_query("PRAGMA foreign_key_check")
        .load(&mut db.conn)
        .unwrap();
    assert_eq!(violations.len(), 0, "the load keeps every foreign key");
}

/// Every index of the schema, with its columns in order.
fn index_definitions(db: &mut TestDb) -> Vec<String> {
    #[derive(QueryableByName)]
    struct Def {
        #[diesel(sql_type = diesel::sql_types::Text)]
        def: String,
    }
    let sql = match db.conn.kind() {
        BackendKind::Sqlite => {
            "SELECT m.name || ':' || i.seqno || ':' || i.name AS def \
             FROM sqlite_master m, pragma_index_info(m.name) i \
             WHERE m.type = 'index' ORDER BY 1"
        }
        BackendKind::Mysql => {
            "SELECT CONCAT(TABLE_NAME, '.', INDEX_NAME, ':', SEQ_IN_INDEX, ':', COLUMN_NAME) \
             AS def FROM information_schema.STATISTICS WHERE TABLE_SCHEMA = DATABASE() \
             ORDER BY 1"
        }
    };
    let defs: Vec<Def> = diesel::sql_query(sql).load(&mut db.conn).unwrap();
    defs.into_iter().map(|d| d.def).collect()
}

#[test]
fn the_indexes_come_back_after_a_load() {
    each_backend(|db| {
        let before = index_definitions(db);
        assert!(
            before
                .iter()
                .any(|d| d.contains("app_log_company_ts_id_user")),
            "{}: {before:?}",
            db.name()
        );
        load_small(db);
        assert_eq!(index_definitions(db), before, "{}", db.name());
    });
}

/// Demo records are records the forms would accept: a company or partner the operator
/// opens and saves unchanged must not be refused, and an export must import back.
#[test]
fn demo_countries_are_iso_codes_as_the_forms_require() {
    each_backend(|db| {
        load_small(db);
        let mut stored: Vec<String> = companies::table
            .select(companies::country)
            .load(&mut db.conn)
            .unwrap();
        stored.extend(
            partners::table
                .select(partners::country)
                .load::<String>(&mut db.conn)
                .unwrap(),
        );
        assert!(!stored.is_empty());
        for country in stored {
            assert_eq!(
                lms::domain::contact::check_country("country", &country, true).ok(),
                Some(country.clone()),
                "{}: {country:?} is not what the company form stores",
                db.name()
            );
        }
    });
}

#[test]
fn utilization_varies_between_customers() {
    each_backend(|db| {
        load_small(db);
        let t = today();
        let since = (t - chrono::Days::new(14)).and_hms_opt(0, 0, 0).unwrap();
        // Seats of active licenses per company (None: unlimited).
        let lic: Vec<(i64, String, Option<i32>)> = licenses::table
            .select((licenses::company_id, licenses::status, licenses::seats))
            .load(&mut db.conn)
            .unwrap();
        let mut seats: HashMap<i64, Option<i64>> = HashMap::new();
        for (company, status, s) in lic {
            if status == "active" {
                let e = seats.entry(company).or_insert(Some(0));
                *e = match (*e, s) {
                    (Some(a), Some(b)) => Some(a + i64::from(b)),
                    _ => None,
                };
            }
        }
        let recent: Vec<(i64, i64)> = app_log::table
            .filter(app_log::ts.ge(since))
            .select((app_log::company_id, app_log::user_id))
            .distinct()
            .load(&mut db.conn)
            .unwrap();
        let mut active: BTreeMap<i64, i64> = BTreeMap::new();
        for (company, _) in recent {
            *active.entry(company).or_default() += 1;
        }
        let users: Vec<i64> = portal_users::table
            .select(portal_users::company_id)
            .load(&mut db.conn)
            .unwrap();
        let with_users: BTreeSet<i64> = users.into_iter().collect();
        let (mut over, mut idle, mut under, mut unlicensed) = (0, 0, 0, 0);
        for company in 1..=i64::from(small().companies) {
            let a = active.get(&company).copied().unwrap_or(0);
            match seats.get(&company) {
                Some(Some(s)) if a > *s => over += 1,
                Some(Some(s)) if a == 0 => idle += u32::from(*s > 0),
                Some(Some(s)) if a * 2 < *s => under += 1,
                None if with_users.contains(&company) => unlicensed += 1,
                _ => {}
            }
        }
        assert!(
            over >= 1 && idle >= 1 && under >= 1 && unlicensed >= 1,
            "{}: over {over}, idle {idle}, under {under}, unlicensed {unlicensed}",
            db.name()
        );
    });
}

#[test]
fn a_second_load_is_refused_and_changes_nothing() {
    each_backend(|db| {
        load_small(db);
        let admin = actor(db, Role::Admin);
        let err = demo::load(&mut db.conn, &admin, &small(), today(), &mut |_| {}).unwrap_err();
        assert!(matches!(err, ServiceError::Conflict(_)), "{err}");
        assert!(err.to_string().contains("already holds companies"), "{err}");
        assert_eq!(count(db, "licenses"), small().licenses);
        let audits: i64 = audit_log::table
            .filter(audit_log::entity.eq("demo"))
            .count()
            .get_result(&mut db.conn)
            .unwrap();
        assert_eq!(audits, 1);
    });
}

#[test]
fn a_load_into_reference_data_is_refused_too() {
    each_backend(|db| {
        let admin = actor(db, Role::Admin);
        let size = DemoSize {
            companies: 0,
            licenses: 0,
            portal_users: 0,
            activity_rows: 0,
            ..small()
        };
        demo::load(&mut db.conn, &admin, &size, today(), &mut |_| {}).unwrap();
        assert_eq!(count(db, "product_codes"), 6);
        let err = demo::load(&mut db.conn, &admin, &small(), today(), &mut |_| {}).unwrap_err();
        assert!(err.to_string().contains("already holds partners"), "{err}");
    });
}

#[test]
fn a_failed_load_leaves_nothing_behind_and_can_be_retried() {
    each_backend(|db| {
        let admin = actor(db, Role::Admin);
        // Make the database refuse one activity row, late in the load.
        let (arm, disarm) = match db.conn.kind() {
            BackendKind::Sqlite => (
                "CREATE TRIGGER demo_boom BEFORE INSERT ON app_log WHEN NEW.id = 7000 \
                 BEGIN SELECT RAISE(ABORT, 'boom'); END;",
                "DROP TRIGGER demo_boom;",
            ),
            BackendKind::Mysql => (
                "CREATE TRIGGER demo_boom BEFORE INSERT ON app_log FOR EACH ROW \
                 BEGIN IF NEW.id = 7000 THEN SIGNAL SQLSTATE '45000' \
                 SET MESSAGE_TEXT = 'boom'; END IF; END",
                "DROP TRIGGER demo_boom;",
            ),
        };
        db.conn.batch_execute(arm).unwrap();
        let indexes = index_definitions(db);
        let err = demo::load(&mut db.conn, &admin, &small(), today(), &mut |_| {}).unwrap_err();
        assert!(matches!(err, ServiceError::Database(_)), "{err}");
        assert_eq!(
            index_definitions(db),
            indexes,
            "{}: indexes rebuilt",
            db.name()
        );
        assert!(err.to_string().contains("boom"), "{err}");
        for table in [
            "companies",
            "partners",
            "sales_reps",
            "engineers",
            "product_codes",
            "licenses",
            "purchases",
            "deployments",
            "portal_users",
            "app_log",
        ] {
            assert_eq!(count(db, table), 0, "{}: {table} left behind", db.name());
        }
        let audits: i64 = audit_log::table
            .filter(audit_log::entity.eq("demo"))
            .count()
            .get_result(&mut db.conn)
            .unwrap();
        assert_eq!(audits, 0);
        if db.conn.kind() == BackendKind::Mysql {
            #[derive(QueryableByName)]
            struct Checks {
                #[diesel(sql_type = diesel::sql_types::BigInt)]
                fk: i64,
                #[diesel(sql_type = diesel::sql_types::BigInt)]
                uc: i64,
            }
            let c: Checks = diesel::sql_query(
                "SELECT @@SESSION.foreign_key_checks AS fk, @@SESSION.unique_checks AS uc",
            )
            .get_result(&mut db.conn)
            .unwrap();
            assert_eq!((c.fk, c.uc), (1, 1), "MySQL checks restored");
        }
        db.conn.batch_execute(disarm).unwrap();
        let report = demo::load(&mut db.conn, &admin, &small(), today(), &mut |_| {}).unwrap();
        assert_eq!(report.count("app_log"), small().activity_rows);
        assert_eq!(count(db, "app_log"), small().activity_rows);
    });
}

#[test]
fn only_admins_may_load() {
    each_backend(|db| {
        for role in [Role::Viewer, Role::Manager, Role::Sales, Role::Engineer] {
            let who = actor(db, role);
            let err = demo::load(&mut db.conn, &who, &small(), today(), &mut |_| {}).unwrap_err();
            assert!(
                matches!(err, ServiceError::Forbidden { .. }),
                "{role}: {err}"
            );
        }
        assert_eq!(count(db, "companies"), 0);
    });
}

#[test]
fn invalid_sizes_are_refused_before_anything_is_written() {
    each_backend(|db| {
        let admin = actor(db, Role::Admin);
        let cases = [
            (
                DemoSize {
                    companies: 0,
                    portal_users: 0,
                    activity_rows: 0,
                    ..small()
                },
                "at least one company",
            ),
            (
                DemoSize {
                    product_codes: 0,
                    ..small()
                },
                "at least one product code",
            ),
            (
                DemoSize {
                    portal_users: 0,
                    ..small()
                },
                "at least one portal user",
            ),
            (
                DemoSize {
                    activity_days: 0,
                    ..small()
                },
                "at least one activity day",
            ),
            (
                DemoSize {
                    licenses: lms::demo::MAX_LICENSES + 1,
                    ..small()
                },
                "at most",
            ),
            (
                DemoSize {
                    activity_rows: lms::demo::MAX_ACTIVITY_ROWS + 1,
                    ..small()
                },
                "at most",
            ),
        ];
        for (size, why) in cases {
            let err = demo::load(&mut db.conn, &admin, &size, today(), &mut |_| {}).unwrap_err();
            match &err {
                ServiceError::Invalid(DomainError::Invalid(msg)) => {
                    assert!(msg.contains(why), "{msg:?} should say {why:?}");
                }
                other => panic!("{size:?}: expected Invalid, got {other:?}"),
            }
        }
        assert_eq!(count(db, "companies"), 0);
        // Zero of the optional things is fine.
        let bare = DemoSize {
            partners: 0,
            sales_reps: 0,
            engineers: 0,
            activity_rows: 0,
            activity_days: 0,
            ..small()
        };
        let report = demo::load(&mut db.conn, &admin, &bare, today(), &mut |_| {}).unwrap();
        assert_eq!(report.count("licenses"), 60);
        assert_eq!(report.count("app_log"), 0);
    });
}

/// License rows and the whole activity log, as comparable values.
fn snapshot(db: &mut TestDb) -> (String, Vec<(i64, i64, i64, NaiveDateTime, String)>, String) {
    let lic: Vec<License> = licenses::table
        .select(License::as_select())
        .order(licenses::id)
        .load(&mut db.conn)
        .unwrap();
    let log = app_log::table
        .select((
            app_log::id,
            app_log::user_id,
            app_log::company_id,
            app_log::ts,
            app_log::action,
        ))
        .order(app_log::id)
        .load(&mut db.conn)
        .unwrap();
    let names: Vec<String> = companies::table
        .select(companies::name)
        .order(companies::id)
        .load(&mut db.conn)
        .unwrap();
    (format!("{lic:?}"), log, names.join("|"))
}

fn fresh_like(db: &TestDb) -> TestDb {
    match db.conn.kind() {
        BackendKind::Sqlite => common::sqlite_db(),
        BackendKind::Mysql => common::mysql_db().unwrap(),
    }
}

#[test]
fn same_seed_and_day_give_the_same_rows_on_every_backend() {
    let snapshots = std::cell::RefCell::new(Vec::new());
    each_backend(|db| {
        load_small(db);
        let a = snapshot(db);
        let mut other = fresh_like(db);
        load_small(&mut other);
        let b = snapshot(&mut other);
        assert_eq!(a.0, b.0, "{}: licenses differ", db.name());
        assert_eq!(a.1.len(), b.1.len());
        assert!(a.1 == b.1, "{}: activity differs", db.name());
        assert_eq!(a.2, b.2);
        // A different seed gives different data.
        let mut third = fresh_like(db);
        let admin = actor(&mut third, Role::Admin);
        let reseeded = DemoSize { seed: 8, ..small() };
        demo::load(&mut third.conn, &admin, &reseeded, today(), &mut |_| {}).unwrap();
        assert_ne!(snapshot(&mut third).2, a.2);
        snapshots.borrow_mut().push(a);
    });
    // SQLite and MySQL hold the same rows.
    if let [sqlite, mysql] = &snapshots.borrow()[..] {
        assert_eq!(sqlite.0, mysql.0);
        assert!(sqlite.1 == mysql.1);
        assert_eq!(sqlite.2, mysql.2);
    }
}
