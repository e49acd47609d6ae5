//! Licenses are imported a chunk at a time (decided without writes, then written with one
//! INSERT per chunk): a file longer than a chunk, with updates, repeats and bad rows among
//! the new rows, keeps the per-row rules, the file's order and one audit row per license.
#![allow(clippy::unwrap_used, clippy::expect_used)]

mod common;

use std::collections::HashMap;
use std::fmt::Write as _;

use common::builders::{CompanyBuilder, LicenseBuilder, ProductBuilder};
use common::{TestDb, each_backend, importing};
use diesel::prelude::*;
use lms::db::BackendKind;
use lms::db::schema::{audit_log, licenses};
use lms::import::fields::Target;
use lms::service::import::{Options, Outcome, Report};

fn run(db: &mut TestDb, csv: &str, options: &Options) -> Report {
    importing::run(db, Target::Licenses, csv, options)
}

fn options(dry_run: bool) -> Options {
    Options {
        skip_errors: true,
        ..importing::options("big.csv", dry_run)
    }
}

/// 1,203 data rows (lines 2..=1204): new keys, and at fixed lines an update of a stored
/// license, identical repeats (in the same chunk and in a later one), a contradicting
/// repeat and an unknown company.
fn big_file(stored_key: &str) -> String {
    let mut csv = String::from("license_key,company,product_code,seats,start_date,end_date\n");
    for i in 0..1_203 {
        let line = i + 2;
        let row = match line {
            30 => "K0005,Acme GmbH,ENT,10,2026-01-01,2099-12-31".to_owned(),
            600 => format!("{stored_key},Acme GmbH,ENT,99,2026-01-01,2099-12-31"),
            700 => "K0010,Acme GmbH,ENT,10,2026-01-01,2099-12-31".to_owned(),
            800 => "K0020,Acme GmbH,ENT,11,2026-01-01,2099-12-31".to_owned(),
            900 => "K9999,Nobody Ltd,ENT,10,2026-01-01,2099-12-31".to_owned(),
            _ => format!("K{i:04},Acme GmbH,ENT,10,2026-01-01,2099-12-31"),
        };
        writeln!(csv, "{row}").unwrap();
    }
    csv
}

#[test]
fn a_file_longer_than_a_chunk_keeps_the_rules_the_order_and_the_audit() {
    each_backend(|db| {
        let acme = CompanyBuilder::new("Acme GmbH").insert(&mut db.conn);
        let product = ProductBuilder::new("ENT").insert(&mut db.conn);
        let stored = LicenseBuilder::new()
            .company(&acme)
            .product(&product)
            .seats(5)
            .insert(&mut db.conn)
            .license_key;
        let csv = big_file(&stored);

        let dry = run(db, &csv, &options(true));
        let real = run(db, &csv, &options(false));
        assert_eq!(dry.totals, real.totals, "{}", db.name());
        assert_eq!(dry.rows, real.rows, "{}", db.name());
        let t = real.totals;
        assert_eq!(
            (t.new, t.updated, t.unchanged, t.errors),
            (1_198, 1, 2, 2),
            "{}: {:?}",
            db.name(),
            real.rows
        );
        // Updates and errors, in the file's order, each with its own line.
        let lines: Vec<(u64, bool)> = real
            .rows
            .iter()
            .map(|r| (r.line, matches!(r.outcome, Outcome::Update(_))))
            .collect();
        assert_eq!(
            lines,
            [(600, true), (800, false), (900, false)],
            "{}",
            db.name()
        );

        // Every license the file created has exactly one audit row: its own id, the file.
        let created: HashMap<i64, String> = licenses::table
            .filter(licenses::license_key.like("K%"))
            .select((licenses::id, licenses::license_key))
            .load::<(i64, String)>(&mut db.conn)
            .unwrap()
            .into_iter()
            .collect();
        assert_eq!(created.len(), 1_198, "{}", db.name());
        let audited: Vec<(i64, String)> = audit_log::table
            .filter(audit_log::entity.eq("license"))
            .filter(audit_log::action.eq("import:big.csv"))
            .select((audit_log::entity_id, audit_log::changes))
            .load(&mut db.conn)
            .unwrap();
        assert_eq!(audited.len(), 1_199, "1,198 creates and one update");
        let mut per_license: HashMap<i64, u32> = HashMap::new();
        for (id, changes) in &audited {
            if let Some(key) = created.get(id) {
                assert!(changes.contains(&format!("\"{key}\"")), "{key}: {changes}");
                *per_license.entry(*id).or_default() += 1;
            }
        }
        assert_eq!(per_license.len(), 1_198, "{}", db.name());
        assert!(per_license.values().all(|n| *n == 1));

        let again = run(db, &csv, &options(false));
        let t = again.totals;
        assert_eq!(
            (t.new, t.updated, t.unchanged, t.errors),
            (0, 0, 1_201, 2),
            "{}",
            db.name()
        );
    });
}

/// A key stored with other case is one license on MySQL (case-insensitive) and another on
/// SQLite, as the database compares it.
#[test]
fn a_key_stored_with_other_case_is_decided_as_the_database_compares() {
    each_backend(|db| {
        let acme = CompanyBuilder::new("Acme GmbH").insert(&mut db.conn);
        let product = ProductBuilder::new("ENT").insert(&mut db.conn);
        let license = LicenseBuilder::new()
            .company(&acme)
            .product(&product)
            .seats(5)
            .insert(&mut db.conn);
        let (stored, start, end) = (license.license_key, license.start_date, license.end_date);
        // One letter in other case: neither the stored key nor its lower case.
        let at = stored.find(char::is_alphabetic).expect("keys have letters");
        let mut other_case = stored.clone();
        other_case.replace_range(at..=at, &stored[at..=at].to_lowercase());
        assert!(other_case != stored && other_case != stored.to_lowercase());
        let csv = format!(
            "license_key,company,product_code,seats,start_date,end_date\n\
             {other_case},Acme GmbH,ENT,5,{},{}\n",
            start.format("%Y-%m-%d"),
            end.format("%Y-%m-%d")
        );
        let r = run(db, &csv, &options(false));
        let t = r.totals;
        // The same license but for the key's case: another on SQLite, itself on MySQL.
        let expected = match db.conn.kind() {
            BackendKind::Sqlite => (1, 0),
            BackendKind::Mysql => (0, 1),
        };
        assert_eq!(
            (t.new, t.unchanged),
            expected,
            "{}: {:?}",
            db.name(),
            r.rows
        );
    });
}
