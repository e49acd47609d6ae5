//! `src/db/schema.rs` is written by hand: this checks it against what the migrations build.
//! On each backend a fresh database is migrated and its tables, columns, column types and
//! nullability are compared with the `diesel::table!` declarations. A table or column on
//! one side only, a type that does not map, or a nullability that differs fails the test
//! with a line naming it.
//!
//! The declarations are read from the text of `schema.rs` (the generated `table!` format),
//! and that reading is itself checked against what Diesel compiled from the same file:
//! each table's `all_columns` (names through `debug_query`, SQL types through the type of
//! its `SqlType`), so a column the parser misses or mistypes fails too.
#![allow(clippy::unwrap_used, clippy::expect_used)]

mod common;

use std::collections::BTreeMap;
use std::fmt::Write as _;

use diesel::prelude::*;

/// One column as declared or as found: its SQL type and whether it may be NULL.
#[derive(Debug, Clone, PartialEq, Eq)]
struct Declared {
    /// The Diesel SQL type without `Nullable`, e.g. `BigInt`, `Text`, `Timestamp`.
    sql_type: String,
    nullable: bool,
}

#[derive(Debug, Clone, PartialEq, Eq)]
struct Found {
    /// The type as the database reports it, e.g. `INTEGER`, `varchar(64)`, `tinyint(1)`.
    db_type: String,
    nullable: bool,
}

/// Table -> columns in declaration order.
type Tables<T> = BTreeMap<String, Vec<(String, T)>>;

const SCHEMA_RS: &str = include_str!("../src/db/schema.rs");

/// Reads the `diesel::table!` blocks of `schema.rs`: each table's columns with their SQL
/// type and nullability. Doc comments and attributes are skipped; `#[sql_name = "x"]`
/// renames the following column.
fn parse_schema(text: &str) -> Tables<Declared> {
    let mut tables = Tables::new();
    let mut lines = text.lines().map(str::trim);
    while let Some(line) = lines.next() {
        if !(line.starts_with("diesel::table!") || line.starts_with("table!")) {
            continue;
        }
        // Skip to the `name (pk) {` line, past doc comments and attributes.
        let header = lines
            .by_ref()
            .find(|l| !l.is_empty() && !l.starts_with("///") && !l.starts_with("#["))
            .expect("a table header after `table!`");
        let name = header
            .split(|c: char| c == '(' || c == '{' || c.is_whitespace())
            .find(|s| !s.is_empty())
            .expect("a table name")
            .rsplit('.')
            .next()
            .unwrap()
            .to_owned();
        let mut columns = Vec::new();
        let mut sql_name: Option<String> = None;
        for line in lines.by_ref() {
            if line.starts_with('}') {
                break;
            }
            if let Some(rest) = line.strip_prefix("#[sql_name") {
                sql_name = rest.split('"').nth(1).map(str::to_owned);
                continue;
            }
            if line.is_empty() || line.starts_with("///") || line.starts_with("#[") {
                continue;
            }
            let (column, ty) = line
                .trim_end_matches(',')
                .split_once("->")
                .unwrap_or_else(|| panic!("schema.rs, table {name}: cannot read {line:?}"));
            let ty = ty.trim();
            let (sql_type, nullable) = match ty
                .strip_prefix("Nullable<")
                .and_then(|t| t.strip_suffix('>'))
            {
                Some(inner) => (inner.trim(), true),
                None => (ty, false),
            };
            let column = sql_name.take().unwrap_or_else(|| column.trim().to_owned());
            columns.push((
                column,
                Declared {
                    sql_type: last_path_segment(sql_type).to_owned(),
                    nullable,
                },
            ));
        }
        assert!(
            !columns.is_empty(),
            "schema.rs: table {name} has no columns"
        );
        tables.insert(name, columns);
    }
    assert!(!tables.is_empty(), "no diesel::table! found in schema.rs");
    tables
}

fn last_path_segment(path: &str) -> &str {
    path.rsplit("::").next().unwrap_or(path)
}

/// What Diesel compiled from `schema.rs`, per table: the column names of `all_columns`
/// (from the SQL it generates) and their SQL types (from the type of its `SqlType`).
macro_rules! compiled_tables {
    ($($table:ident),+ $(,)?) => {{
        let mut out: Tables<Declared> = Tables::new();
        $(
            {
                use lms::db::schema::$table::dsl as t;
                let sql = diesel::debug_query::<diesel::sqlite::Sqlite, _>(
                    &t::$table.select(lms::db::schema::$table::all_columns),
                )
                .to_string();
                let names = column_names(&sql);
                let types =
                    split_tuple(std::any::type_name::<lms::db::schema::$table::SqlType>());
                assert_eq!(names.len(), types.len(), "{}: {sql}", stringify!($table));
                out.insert(
                    stringify!($table).to_owned(),
                    names.into_iter().zip(types).collect(),
                );
            }
        )+
        out
    }};
}

/// The column names of a `SELECT` of qualified, quoted columns: ``SELECT `t`.`a`, `t`.`b` FROM `t` ``.
fn column_names(sql: &str) -> Vec<String> {
    let list = sql
        .strip_prefix("SELECT ")
        .and_then(|s| s.split(" FROM ").next())
        .unwrap_or_else(|| panic!("unexpected SQL {sql}"));
    list.split(", ")
        .map(|c| {
            c.rsplit('.')
                .next()
                .unwrap()
                .trim_matches('`')
                .trim_matches('"')
                .to_owned()
        })
        .collect()
}

/// `(diesel::sql_types::BigInt, diesel::sql_types::Nullable<diesel::sql_types::Text>)` ->
/// one `Declared` per element.
fn split_tuple(tuple: &str) -> Vec<Declared> {
    let inner = tuple
        .strip_prefix('(')
        .and_then(|t| t.strip_suffix(')'))
        .unwrap_or(tuple);
    let mut parts = Vec::new();
    let mut depth = 0;
    let mut start = 0;
    for (i, c) in inner.char_indices() {
        match c {
            '<' | '(' => depth += 1,
            '>' | ')' => depth -= 1,
            ',' if depth == 0 => {
                parts.push(inner[start..i].trim());
                start = i + 1;
            }
            _ => {}
        }
    }
    parts.push(inner[start..].trim());
    parts
        .into_iter()
        .filter(|p| !p.is_empty())
        .map(|p| {
            let (ty, nullable) = match p.split_once("Nullable<") {
                Some((_, rest)) => (rest.trim_end_matches('>'), true),
                None => (p, false),
            };
            Declared {
                sql_type: last_path_segment(ty).to_owned(),
                nullable,
            }
        })
        .collect()
}

/// The live database's tables and columns (`lms::db::introspect`, which leaves Diesel's
/// migrations table out).
fn live_schema(conn: &mut lms::db::DbConnection) -> Tables<Found> {
    lms::db::introspect::read(conn)
        .expect("read the live schema")
        .into_iter()
        .map(|(name, table)| {
            let columns = table
                .columns
                .into_iter()
                .map(|c| {
                    let found = Found {
                        db_type: c.db_type,
                        nullable: c.nullable,
                    };
                    (c.name, found)
                })
                .collect();
            (name, columns)
        })
        .collect()
}

/// Whether a column the database reports as `db_type` holds Diesel's `sql_type` on
/// `backend`, the way both backends are meant to map it.
fn maps(backend: lms::db::BackendKind, sql_type: &str, db_type: &str) -> bool {
    let t = db_type.to_ascii_lowercase();
    // `varchar(64)` -> `varchar`; `bigint(20)` -> `bigint`; `tinyint(1)` stays whole below.
    let base = t.split('(').next().unwrap_or(&t).trim();
    match (backend, sql_type) {
        (_, "Text" | "Varchar") => {
            matches!(
                base,
                "text" | "varchar" | "char" | "clob" | "tinytext" | "mediumtext" | "longtext"
            )
        }
        (lms::db::BackendKind::Sqlite, "BigInt") => matches!(base, "integer" | "bigint"),
        (lms::db::BackendKind::Mysql, "BigInt") => base == "bigint" && !t.contains("unsigned"),
        (lms::db::BackendKind::Sqlite, "Integer") => matches!(base, "integer" | "int"),
        (lms::db::BackendKind::Mysql, "Integer") => base == "int" && !t.contains("unsigned"),
        (_, "Date") => base == "date",
        (lms::db::BackendKind::Sqlite, "Timestamp") => matches!(base, "timestamp" | "datetime"),
        (lms::db::BackendKind::Mysql, "Timestamp") => matches!(base, "datetime" | "timestamp"),
        (lms::db::BackendKind::Sqlite, "Bool") => matches!(base, "boolean" | "bool"),
        (lms::db::BackendKind::Mysql, "Bool") => t == "tinyint(1)",
        _ => false,
    }
}

/// Every difference between the declarations and the live database, one line each.
fn differences(
    backend: lms::db::BackendKind,
    declared: &Tables<Declared>,
    live: &Tables<Found>,
) -> Vec<String> {
    let mut out = Vec::new();
    for (table, columns) in declared {
        let Some(found) = live.get(table) else {
            out.push(format!(
                "table {table}: declared in schema.rs but not created by the migrations"
            ));
            continue;
        };
        for (column, want) in columns {
            let Some((_, got)) = found.iter().find(|(n, _)| n == column) else {
                out.push(format!(
                    "column {table}.{column}: declared in schema.rs ({}) but not in the database",
                    describe(want)
                ));
                continue;
            };
            if !maps(backend, &want.sql_type, &got.db_type) {
                out.push(format!(
                    "column {table}.{column}: type mismatch: schema.rs says {}, the database has {}",
                    want.sql_type, got.db_type
                ));
            }
            if want.nullable != got.nullable {
                out.push(format!(
                    "column {table}.{column}: nullability mismatch: schema.rs says {}, the database \
                     says {}",
                    null_word(want.nullable),
                    null_word(got.nullable)
                ));
            }
        }
        for (column, got) in found {
            if !columns.iter().any(|(n, _)| n == column) {
                out.push(format!(
                    "column {table}.{column}: in the database ({} {}) but not in schema.rs",
                    got.db_type,
                    null_word(got.nullable)
                ));
            }
        }
    }
    for (table, found) in live {
        if !declared.contains_key(table) {
            let columns: Vec<&str> = found.iter().map(|(n, _)| n.as_str()).collect();
            out.push(format!(
                "table {table}: created by the migrations (columns {}) but not in schema.rs",
                columns.join(", ")
            ));
        }
    }
    out
}

fn describe(d: &Declared) -> String {
    format!("{} {}", d.sql_type, null_word(d.nullable))
}

fn null_word(nullable: bool) -> &'static str {
    if nullable { "NULL" } else { "NOT NULL" }
}

/// The parser reads what Diesel compiled: same tables, columns, types and nullability.
#[test]
fn the_parser_reads_schema_rs_as_diesel_does() {
    let parsed = parse_schema(SCHEMA_RS);
    let compiled = compiled_tables!(
        operators,
        companies,
        partners,
        sales_reps,
        engineers,
        product_codes,
        licenses,
        purchases,
        deployments,
        portal_users,
        app_log,
        audit_log,
        company_money,
        company_month_money,
        license_counts,
        license_currencies,
        license_last_purchase,
        owner_month_bookings,
        partner_license_months,
        app_log_counts,
        portal_user_activity,
        portal_user_counts,
        load_journal,
        exchange_rates,
    );
    let parsed_names: Vec<&String> = parsed.keys().collect();
    let compiled_names: Vec<&String> = compiled.keys().collect();
    assert_eq!(
        parsed_names, compiled_names,
        "a table of schema.rs is missing from compiled_tables! in this test (or the other way)"
    );
    for (table, columns) in &parsed {
        assert_eq!(
            columns, &compiled[table],
            "table {table}: the text of schema.rs read differently from what Diesel compiled"
        );
    }
}

#[test]
fn schema_rs_matches_the_migrations() {
    let declared = parse_schema(SCHEMA_RS);
    common::each_backend(|db| {
        let live = live_schema(&mut db.conn);
        let problems = differences(db.conn.kind(), &declared, &live);
        let mut message = String::new();
        for p in &problems {
            let _ = writeln!(message, "  {p}");
        }
        assert!(
            problems.is_empty(),
            "{}: src/db/schema.rs does not match the migrations:\n{message}",
            db.name()
        );
    });
}

/// The comparison itself finds each kind of difference (so a pass means something).
#[test]
fn each_kind_of_difference_is_named() {
    use lms::db::BackendKind::{Mysql, Sqlite};
    let declared = parse_schema(
        "diesel::table! {\n    t (id) {\n        id -> BigInt,\n        a -> Nullable<Text>,\n        \
         b -> Integer,\n        gone -> Date,\n    }\n}\n\
         diesel::table! {\n    /// doc\n    only_here (id) {\n        id -> BigInt,\n    }\n}\n",
    );
    let found = |ty: &str, nullable| Found {
        db_type: ty.to_owned(),
        nullable,
    };
    let mut live = Tables::new();
    live.insert(
        "t".to_owned(),
        vec![
            ("id".to_owned(), found("bigint(20)", false)),
            ("a".to_owned(), found("varchar(10)", false)),
            ("b".to_owned(), found("datetime", false)),
            ("extra".to_owned(), found("int(11)", true)),
        ],
    );
    live.insert(
        "only_there".to_owned(),
        vec![("x".to_owned(), found("INTEGER", false))],
    );
    let got = differences(Mysql, &declared, &live);
    assert_eq!(
        got,
        [
            "table only_here: declared in schema.rs but not created by the migrations",
            "column t.a: nullability mismatch: schema.rs says NULL, the database says NOT NULL",
            "column t.b: type mismatch: schema.rs says Integer, the database has datetime",
            "column t.gone: declared in schema.rs (Date NOT NULL) but not in the database",
            "column t.extra: in the database (int(11) NULL) but not in schema.rs",
            "table only_there: created by the migrations (columns x) but not in schema.rs",
        ]
    );
    // Types map per backend.
    assert!(maps(Sqlite, "BigInt", "INTEGER") && maps(Mysql, "BigInt", "bigint(20)"));
    assert!(!maps(Mysql, "BigInt", "int(11)") && !maps(Mysql, "Integer", "bigint(20)"));
    assert!(maps(Mysql, "Bool", "tinyint(1)") && !maps(Mysql, "Bool", "tinyint(4)"));
    assert!(maps(Sqlite, "Bool", "BOOLEAN") && !maps(Sqlite, "Bool", "INTEGER"));
    assert!(maps(Sqlite, "Timestamp", "TIMESTAMP") && maps(Mysql, "Timestamp", "datetime"));
    assert!(maps(Mysql, "Text", "char(3)") && maps(Mysql, "Text", "longtext"));
    assert!(!maps(Sqlite, "Text", "INTEGER") && !maps(Sqlite, "Date", "TIMESTAMP"));
}
