//! `lms::db::doctor::check` on both backends: a freshly migrated database matches; each
//! kind of schema damage is named; a reverted migration is reported; the checked database
//! is not written to; the MySQL scratch database does not outlive the check.
#![allow(clippy::unwrap_used, clippy::expect_used)]

mod common;

use common::TestDb;
use common::builders::{LicenseBuilder, PurchaseBuilder};
use diesel::connection::SimpleConnection;
use diesel::prelude::*;
use diesel_migrations::{EmbeddedMigrations, MigrationHarness, embed_migrations};
use lms::db::BackendKind;
use lms::db::doctor::check;

#[cfg(feature = "sqlite")]
const SQLITE: EmbeddedMigrations = embed_migrations!("migrations/sqlite");
#[cfg(feature = "mysql")]
const MYSQL: EmbeddedMigrations = embed_migrations!("migrations/mysql");

fn sql(db: &mut TestDb, statements: &str) {
    db.conn
        .batch_execute(statements)
        .unwrap_or_else(|e| panic!("{}: {statements}: {e}", db.name()));
}

/// How many `lms_doctor_<this pid>_*` databases the server holds (0 on SQLite).
fn scratch_databases(db: &mut TestDb, pid: u32) -> i64 {
    #[derive(QueryableByName)]
    struct N {
        #[diesel(sql_type = diesel::sql_types::BigInt)]
        n: i64,
    }
    if db.conn.kind() != BackendKind::Mysql {
        return 0;
    }
    diesel::sql_query(format!(
        "SELECT COUNT(*) AS n FROM information_schema.SCHEMATA \
         WHERE SCHEMA_NAME LIKE 'lms\\_doctor\\_{pid}\\_%'"
    ))
    .get_result::<N>(&mut db.conn)
    .unwrap()
    .n
}

/// Each table's row count and the applied migrations: what a check must leave as it was.
fn fingerprint(db: &mut TestDb) -> (Vec<(String, i64)>, Vec<String>) {
    #[derive(QueryableByName)]
    struct N {
        #[diesel(sql_type = diesel::sql_types::BigInt)]
        n: i64,
    }
    let tables = lms::db::introspect::read(&mut db.conn).unwrap();
    let counts = tables
        .keys()
        .map(|t| {
            let n = diesel::sql_query(format!("SELECT COUNT(*) AS n FROM {t}"))
                .get_result::<N>(&mut db.conn)
                .unwrap()
                .n;
            (t.clone(), n)
        })
        .collect();
    let applied = lms::db::introspect::applied_migrations(&mut db.conn).unwrap();
    (counts, applied)
}

fn revert_last_migration(db: &mut TestDb) {
    match &mut db.conn {
        #[cfg(feature = "sqlite")]
        lms::db::DbConnection::Sqlite(c) => c.revert_last_migration(SQLITE).map(|_| ()),
        #[cfg(feature = "mysql")]
        lms::db::DbConnection::Mysql(c) => c.revert_last_migration(MYSQL).map(|_| ()),
    }
    .unwrap();
}

#[test]
fn a_freshly_migrated_database_matches_and_the_scratch_database_is_dropped() {
    common::each_backend(|db| {
        let pid = std::process::id();
        let before = scratch_databases(db, pid);
        let differences = check(&db.url).unwrap();
        assert!(differences.is_empty(), "{}: {differences:#?}", db.name());
        assert_eq!(scratch_databases(db, pid), before, "{}", db.name());
        assert_eq!(before, 0);
    });
}

#[test]
fn each_kind_of_damage_is_named() {
    common::each_backend(|db| {
        let on = |table: &str| match db.conn.kind() {
            BackendKind::Sqlite => String::new(),
            BackendKind::Mysql => format!(" ON {table}"),
        };
        let statements = format!(
            "DROP INDEX licenses_status_end{licenses};
             DROP INDEX purchases_license{purchases};
             CREATE INDEX purchases_license ON purchases (license_id, purchase_date);
             CREATE UNIQUE INDEX stray_index ON companies (name, id);
             ALTER TABLE purchases ADD COLUMN legacy_code TEXT;
             DROP TABLE portal_user_counts;
             CREATE TABLE stray_table (id BIGINT NOT NULL PRIMARY KEY);",
            licenses = on("licenses"),
            purchases = on("purchases"),
        );
        sql(db, &statements);
        let differences = check(&db.url).unwrap();
        assert_eq!(
            differences,
            [
                "index companies.stray_index: in the database but not in the migrations",
                "index licenses.licenses_status_end: missing",
                "table portal_user_counts: missing",
                "column purchases.legacy_code: in the database but not in the migrations",
                "index purchases.purchases_license: (license_id, purchase_date) in the database, \
                 (license_id, purchase_date, currency, revenue_minor) expected",
                "table stray_table: in the database but not in the migrations",
            ],
            "{}",
            db.name()
        );
    });
}

#[test]
fn a_column_type_and_nullability_change_is_named() {
    common::each_backend(|db| {
        let (statements, found, expected) = match db.conn.kind() {
            // SQLite cannot alter a column: the table is made again.
            BackendKind::Sqlite => (
                "DROP TABLE portal_user_counts;
                 CREATE TABLE portal_user_counts (company_id BIGINT NOT NULL PRIMARY KEY,
                   users VARCHAR(5), disabled BIGINT NOT NULL);",
                "VARCHAR(5)",
                "BIGINT",
            ),
            BackendKind::Mysql => (
                "ALTER TABLE portal_user_counts MODIFY users VARCHAR(5) NULL",
                "varchar(5)",
                "bigint(20)",
            ),
        };
        sql(db, statements);
        assert_eq!(
            check(&db.url).unwrap(),
            [
                format!(
                    "column portal_user_counts.users: type {found} in the database, \
                     {expected} expected"
                ),
                "column portal_user_counts.users: NULL in the database, NOT NULL expected"
                    .to_owned(),
            ],
            "{}",
            db.name()
        );
    });
}

#[test]
fn a_reverted_migration_is_reported() {
    common::each_backend(|db| {
        // The newest migration, whichever it is (names start with their date).
        let last = db
            .conn
            .embedded_migrations()
            .into_iter()
            .map(|(_, name)| name)
            .max()
            .unwrap();
        revert_last_migration(db);
        let differences = check(&db.url).unwrap();
        assert_eq!(
            differences.first().cloned(),
            Some(format!("1 migration not applied: {last} (run lms migrate)")),
            "{}: {differences:#?}",
            db.name()
        );
    });
}

/// Not the rows, not the migrations table: not even with a migration pending.
#[test]
fn doctor_writes_nothing() {
    common::each_backend(|db| {
        let license = LicenseBuilder::new().seats(5).insert(&mut db.conn);
        PurchaseBuilder::new(&license).insert(&mut db.conn);
        // Reverted first: SQLite's DROP COLUMN checks the triggers, and one of them
        // writes the table dropped next.
        revert_last_migration(db);
        sql(db, "DROP TABLE portal_user_counts");
        let before = fingerprint(db);
        assert!(!before.1.is_empty());
        assert!(!check(&db.url).unwrap().is_empty());
        assert_eq!(fingerprint(db), before, "{}: doctor wrote", db.name());
    });
}

/// Diesel's own `applied_migrations()` creates `__diesel_schema_migrations`; doctor must not.
#[test]
fn doctor_does_not_create_the_migrations_table() {
    common::each_backend(|db| {
        sql(db, "DROP TABLE __diesel_schema_migrations");
        let differences = check(&db.url).unwrap();
        let all = db.conn.embedded_migrations().len();
        assert!(
            differences[0].starts_with(&format!(
                "{all} migrations not applied: 2026-11-21-000001_create_schema, "
            )),
            "{}: {differences:#?}",
            db.name()
        );
        assert!(
            db.conn
                .batch_execute("SELECT COUNT(*) FROM __diesel_schema_migrations")
                .is_err(),
            "{}: the migrations table came back",
            db.name()
        );
    });
}
