//! The licence list's kept read models stay exact after every kind of write, on both
//! backends: the company name, product code and partner and rep names each licence keeps
//! as its sort keys and the licences per
//! company and status (triggers), and each licence's currencies and last purchase (kept
//! with the purchases), and the trigram index the free word reads (SQLite). After each
//! write they are compared with the same figures computed from scratch.
#![allow(clippy::unwrap_used)]

mod common;

use std::collections::BTreeMap;

use chrono::{Datelike, Days, Local, NaiveDate};
use common::builders::{CompanyBuilder, PartnerBuilder, ProductBuilder, SalesRepBuilder};
use common::money::{assert_licence_models, buy, load_small_demo, new_license};
use common::{TestDb, actor, each_backend, importing};
use diesel::prelude::*;
use lms::db::queries::license_list::{self, QUALIFIERS};
use lms::db::queries::list::{ListQuery, Sort};
use lms::db::queries::page::PageRequest;
use lms::db::schema::{companies, license_counts, licenses};
use lms::domain::filter::Filter;
use lms::domain::{LicenseStatus, Role};
use lms::import::fields::Target;
use lms::service::licenses as license_service;
use lms::service::records::{self, RecordInput, RecordKind};

/// Every licence's kept company name equals its company's, byte for byte; and the
/// purchases' read models equal the purchases.
fn check(db: &mut TestDb, after: &str) {
    let label = format!("{}: after {after}", db.name());
    // In hex: the bytes, whatever the collation calls equal.
    let rows: Vec<(i64, String, String)> = licenses::table
        .inner_join(companies::table)
        .select((
            licenses::id,
            diesel::dsl::sql::<diesel::sql_types::Text>("HEX(licenses.company_name)"),
            diesel::dsl::sql::<diesel::sql_types::Text>("HEX(companies.name)"),
        ))
        .load(&mut db.conn)
        .unwrap();
    assert!(!rows.is_empty(), "{label}: no licences");
    for (id, kept, name) in rows {
        assert_eq!(kept, name, "{label}: licence {id}'s company name, in hex");
    }
    let keys: Vec<(i64, String, String)> = diesel::sql_query(
        "SELECT l.id, \
           HEX(CONCAT(l.product_key, '|', l.partner_name, '|', l.rep_name)) AS kept, \
           HEX(CONCAT(p.code, '|', COALESCE(a.name, ''), '|', COALESCE(r.name, ''))) AS joined \
         FROM licenses l JOIN product_codes p ON p.id = l.product_code_id \
         LEFT JOIN partners a ON a.id = l.partner_id \
         LEFT JOIN sales_reps r ON r.id = l.sales_rep_id ORDER BY l.id",
    )
    .load::<Keys>(&mut db.conn)
    .unwrap()
    .into_iter()
    .map(|k| (k.id, k.kept, k.joined))
    .collect();
    for (id, kept, joined) in keys {
        assert_eq!(
            kept, joined,
            "{label}: licence {id}'s product, partner and rep keys"
        );
    }
    assert_licence_models(&mut db.conn, &label);
    let kept: Vec<(i64, String, i64)> = license_counts::table
        .filter(license_counts::licenses.ne(0))
        .select((
            license_counts::company_id,
            license_counts::status,
            license_counts::licenses,
        ))
        .order((license_counts::company_id, license_counts::status))
        .load(&mut db.conn)
        .unwrap();
    let scratch: Vec<(i64, String, i64)> = licenses::table
        .group_by((licenses::company_id, licenses::status))
        .select((
            licenses::company_id,
            licenses::status,
            diesel::dsl::count_star(),
        ))
        .order((licenses::company_id, licenses::status))
        .load(&mut db.conn)
        .unwrap();
    assert_eq!(kept, scratch, "{label}: license_counts");
    assert_partner_months(db, &label);
    assert_words(db, &label);
}

/// The licence's text as the free word reads it: key, company, product, partner, rep,
/// notes, each joined from its own table.
const TEXTS: &str = "SELECT l.id, l.license_key AS key_, c.name AS company, p.code AS product, \
     COALESCE(a.name, '') AS partner, COALESCE(r.name, '') AS rep, l.notes \
     FROM licenses l JOIN companies c ON c.id = l.company_id \
     JOIN product_codes p ON p.id = l.product_code_id \
     LEFT JOIN partners a ON a.id = l.partner_id LEFT JOIN sales_reps r ON r.id = l.sales_rep_id";

#[derive(QueryableByName)]
struct Texts {
    #[diesel(sql_type = diesel::sql_types::Text)]
    key_: String,
    #[diesel(sql_type = diesel::sql_types::Text)]
    company: String,
    #[diesel(sql_type = diesel::sql_types::Text)]
    product: String,
    #[diesel(sql_type = diesel::sql_types::Text)]
    partner: String,
    #[diesel(sql_type = diesel::sql_types::Text)]
    rep: String,
    #[diesel(sql_type = diesel::sql_types::Text)]
    notes: String,
}

#[derive(QueryableByName)]
struct Id {
    #[diesel(sql_type = diesel::sql_types::BigInt)]
    id: i64,
}

/// Each free word lists the licences whose text contains it, as a plain `LIKE` over the
/// joined texts finds them (on SQLite the list asks the trigram index first), for words
/// cut from every licence's texts in the other case, two-letter words (no trigram), words
/// of FTS5's query syntax and a word found nowhere. On SQLite the index also passes FTS5's own check against the
/// licences.
fn assert_words(db: &mut TestDb, label: &str) {
    if db.name() == "sqlite" {
        diesel::sql_query(
            "INSERT INTO licenses_words (licenses_words, rank) VALUES ('integrity-check', 1)",
        )
        .execute(&mut db.conn)
        .unwrap_or_else(|e| panic!("{label}: the trigram index: {e}"));
    }
    let texts: Vec<Texts> = diesel::sql_query(TEXTS).load(&mut db.conn).unwrap();
    // FTS5's query syntax is text inside the quoted string the list passes.
    let mut words: Vec<String> = ["zz-nowhere", "me", "a*b", "^Acme", "NEAR(cme", "x+y-z"]
        .map(String::from)
        .to_vec();
    for t in &texts {
        for text in [
            &t.key_, &t.company, &t.product, &t.partner, &t.rep, &t.notes,
        ] {
            let ascii: String = text.chars().filter(char::is_ascii_alphanumeric).collect();
            for len in [2, 3, 5] {
                if let Some(cut) = ascii.get(1..=len) {
                    words.push(cut.chars().map(swap_case).collect());
                }
            }
        }
    }
    words.sort();
    words.dedup();
    // Many licences in the demo: a sample of the words keeps this quick.
    let step = (words.len() / 150).max(1);
    for word in words.iter().step_by(step) {
        let p = format!("%{word}%");
        let expected: Vec<i64> = diesel::sql_query(format!(
            "SELECT id FROM ({TEXTS}) t WHERE key_ LIKE ? OR company LIKE ? OR product LIKE ? \
             OR partner LIKE ? OR rep LIKE ? OR notes LIKE ? ORDER BY id"
        ))
        .bind::<diesel::sql_types::Text, _>(&p)
        .bind::<diesel::sql_types::Text, _>(&p)
        .bind::<diesel::sql_types::Text, _>(&p)
        .bind::<diesel::sql_types::Text, _>(&p)
        .bind::<diesel::sql_types::Text, _>(&p)
        .bind::<diesel::sql_types::Text, _>(&p)
        .load::<Id>(&mut db.conn)
        .unwrap()
        .into_iter()
        .map(|r| r.id)
        .collect();
        let query = ListQuery {
            filter: Filter::parse(word, QUALIFIERS).unwrap(),
            sort: Sort::default(),
            today: None,
        };
        let listed: Vec<i64> =
            license_list::page(&mut db.conn, &query, &PageRequest::First, 100_000)
                .unwrap()
                .rows
                .iter()
                .map(|r| r.id)
                .collect();
        assert_eq!(listed, expected, "{label}: the free word {word:?}");
        let counted = license_list::count(&mut db.conn, &query).unwrap();
        assert_eq!(
            counted,
            i64::try_from(expected.len()).unwrap(),
            "{label}: the count of {word:?}"
        );
    }
}

fn swap_case(c: char) -> char {
    if c.is_ascii_uppercase() {
        c.to_ascii_lowercase()
    } else {
        c.to_ascii_uppercase()
    }
}

type PartnerMonth = ((i64, NaiveDate, NaiveDate), [i64; 3]);

/// `partner_license_months` equals the licences that are not drafts, counted per
/// partner (0 for none), first month and last month here.
fn assert_partner_months(db: &mut TestDb, label: &str) {
    use lms::db::schema::partner_license_months as m;
    let kept: Vec<PartnerMonth> = m::table
        .filter(m::licenses.ne(0))
        .select((
            m::partner_id,
            m::start_month,
            m::end_month,
            m::licenses,
            m::seats,
            m::unlimited,
        ))
        .order((m::partner_id, m::start_month, m::end_month))
        .load::<(i64, NaiveDate, NaiveDate, i64, i64, i64)>(&mut db.conn)
        .unwrap()
        .into_iter()
        .map(|(p, s, e, n, seats, unlimited)| ((p, s, e), [n, seats, unlimited]))
        .collect();
    let rows: Vec<(Option<i64>, NaiveDate, NaiveDate, Option<i32>)> = licenses::table
        .filter(licenses::status.ne(LicenseStatus::Draft.as_str()))
        .select((
            licenses::partner_id,
            licenses::start_date,
            licenses::end_date,
            licenses::seats,
        ))
        .load(&mut db.conn)
        .unwrap();
    let month = |d: NaiveDate| d.with_day(1).unwrap();
    let mut scratch: BTreeMap<(i64, NaiveDate, NaiveDate), [i64; 3]> = BTreeMap::new();
    for (partner, start, end, seats) in rows {
        let t = scratch
            .entry((partner.unwrap_or(0), month(start), month(end)))
            .or_default();
        t[0] += 1;
        t[1] += i64::from(seats.unwrap_or(0));
        t[2] += i64::from(seats.is_none());
    }
    let scratch: Vec<PartnerMonth> = scratch.into_iter().collect();
    assert_eq!(kept, scratch, "{label}: partner_license_months");
}

#[derive(diesel::QueryableByName)]
struct Keys {
    #[diesel(sql_type = diesel::sql_types::BigInt)]
    id: i64,
    #[diesel(sql_type = diesel::sql_types::Text)]
    kept: String,
    #[diesel(sql_type = diesel::sql_types::Text)]
    joined: String,
}

/// The licence ids sorted by company, A to Z.
fn by_company(db: &mut TestDb) -> Vec<i64> {
    sorted_by(db, 1)
}

/// The licence ids sorted by list column `column`, ascending.
fn sorted_by(db: &mut TestDb, column: usize) -> Vec<i64> {
    let query = ListQuery {
        filter: Filter::parse("", QUALIFIERS).unwrap(),
        sort: Sort {
            column,
            descending: false,
        },
        today: None,
    };
    license_list::page(&mut db.conn, &query, &PageRequest::First, 100)
        .unwrap()
        .rows
        .iter()
        .map(|r| r.id)
        .collect()
}

fn rename(db: &mut TestDb, id: i64, name: &str) {
    let admin = actor(db, Role::Admin);
    let record = records::get(&mut db.conn, &admin, RecordKind::Company, id).unwrap();
    let RecordInput::Company(mut input) = record.input else {
        panic!("not a company")
    };
    input.name = name.into();
    records::update(
        &mut db.conn,
        &admin,
        id,
        record.version,
        &RecordInput::Company(input),
    )
    .unwrap();
}

/// Renames each reference (partner, rep, product code), checking the keys after each.
fn rename_references(db: &mut TestDb, which: &[(RecordKind, i64)]) {
    let admin = actor(db, Role::Admin);
    for &(kind, id) in which {
        let record = records::get(&mut db.conn, &admin, kind, id).unwrap();
        let input = match record.input {
            RecordInput::Partner(mut p) => {
                p.name = "Alpha Resell".into();
                RecordInput::Partner(p)
            }
            RecordInput::SalesRep(mut r) => {
                r.name = "Abel Rep".into();
                RecordInput::SalesRep(r)
            }
            RecordInput::ProductCode(mut p) => {
                p.code = "NEW-PRO".into();
                RecordInput::ProductCode(p)
            }
            other => panic!("{other:?}"),
        };
        records::update(&mut db.conn, &admin, id, record.version, &input).unwrap();
        check(db, &format!("a {kind:?} renamed"));
    }
}

#[test]
fn every_kind_of_write_keeps_them_exact() {
    each_backend(|db| {
        let acme = CompanyBuilder::new("Acme").insert(&mut db.conn).id;
        let beta = CompanyBuilder::new("Beta").insert(&mut db.conn).id;
        let product = ProductBuilder::new("PRO").insert(&mut db.conn).id;
        let manager = actor(db, Role::Manager);
        let today = Local::now().date_naive();
        let one = new_license(db, acme, product);
        let two = new_license(db, beta, product);
        check(db, "create");
        assert_eq!(by_company(db), [one, two], "{}", db.name());

        let renew_to = today.checked_add_days(Days::new(700)).unwrap().to_string();
        buy(db, one, "new", "100.00", "EUR", "");
        buy(db, one, "renewal", "80.50", "EUR", &renew_to);
        buy(db, one, "expansion", "20.00", "USD", "3");
        buy(db, two, "new", "1000", "JPY", "");
        check(db, "a purchase of each kind");

        // An edit that keeps the company, then one that moves the licence.
        let record = license_service::get(&mut db.conn, &manager, one).unwrap();
        let mut edited = record.input.clone();
        edited.notes = "renewal call booked".into();
        let version =
            license_service::update(&mut db.conn, &manager, one, record.version, &edited).unwrap();
        check(db, "an edit");
        edited.company_id = beta;
        license_service::update(&mut db.conn, &manager, one, version, &edited).unwrap();
        check(db, "a company change");

        // A renamed company takes its licences with it in the order.
        let three = new_license(db, acme, product);
        assert_eq!(by_company(db), [three, one, two], "{}", db.name());
        rename(db, beta, "Aardvark");
        check(db, "a rename");
        assert_eq!(by_company(db), [one, two, three], "{}", db.name());
        // A rename in case only: MariaDB's collation calls the names equal, the key
        // still follows.
        rename(db, beta, "AARDVARK");
        check(db, "a rename in case only");

        // A partner and a rep on one licence; each reference renamed takes its key along.
        let partner = PartnerBuilder::new("Zeta Resell").insert(&mut db.conn).id;
        let rep = SalesRepBuilder::new("Yann Rep").insert(&mut db.conn).id;
        let record = license_service::get(&mut db.conn, &manager, one).unwrap();
        let mut edited = record.input.clone();
        edited.partner_id = Some(partner);
        edited.sales_rep_id = Some(rep);
        license_service::update(&mut db.conn, &manager, one, record.version, &edited).unwrap();
        check(db, "a partner and a rep set");
        // Sorted by partner or rep: none ('') first, then the named one.
        assert_eq!(sorted_by(db, 7), [two, three, one], "{}", db.name());
        rename_references(
            db,
            &[
                (RecordKind::Partner, partner),
                (RecordKind::SalesRep, rep),
                (RecordKind::ProductCode, product),
            ],
        );

        let record = license_service::get(&mut db.conn, &manager, two).unwrap();
        lms::service::licenses::set_status(
            &mut db.conn,
            &manager,
            two,
            record.version,
            LicenseStatus::Terminated,
        )
        .unwrap();
        check(db, "a termination");
        let record = license_service::get(&mut db.conn, &manager, three).unwrap();
        license_service::delete(&mut db.conn, &manager, three, record.version).unwrap();
        check(db, "a deletion");

        // References named in another case: the keys are the stored names (the rep's,
        // not the e-mail it is matched on), in two companies and two statuses.
        let csv = "license_key,company,product_code,partner,sales_rep,seats,status,start_date,end_date\n\
                   IMP-1,acme,new-pro,,,4,,2026-01-01,2026-12-31\n\
                   IMP-2,aardvark,NEW-PRO,alpha resell,Abel Rep,unlimited,expired,2025-01-01,2025-12-31\n";
        let r = importing::run(
            db,
            Target::Licenses,
            csv,
            &importing::options("l.csv", false),
        );
        assert_eq!(r.totals.errors, 0, "{:?}", r.rows);
        check(db, "a licence import");
        let csv = "license_key,kind,purchase_date,revenue,cost,currency,order_number\n\
                   IMP-1,new,2026-01-01,12.00,3.00,GBP,PO-1\n";
        let r = importing::run(
            db,
            Target::Purchases,
            csv,
            &importing::options("p.csv", false),
        );
        assert_eq!(r.totals.errors, 0, "{:?}", r.rows);
        check(db, "a purchase import");
    });
}

#[test]
fn the_demo_loader_fills_them() {
    each_backend(|db| {
        load_small_demo(db);
        check(db, "the demo load");
    });
}

/// A bulk insert that fails still hands the read models back to the triggers: the
/// session's next licence gets its keys and its count (MySQL's guard variable is cleared).
#[test]
fn a_failed_bulk_insert_leaves_the_triggers_on() {
    each_backend(|db| {
        let acme = CompanyBuilder::new("Acme").insert(&mut db.conn).id;
        let product = ProductBuilder::new("PRO").insert(&mut db.conn).id;
        let failed = lms::db::bulk::keeping_read_models(&mut db.conn, |conn| {
            diesel::sql_query(
                "INSERT INTO licenses (license_key, company_id, product_code_id, start_date, \
                 end_date, status, notes, created_at, updated_at) VALUES ('X-1', 999999, 1, \
                 '2026-01-01', '2026-12-31', 'active', '', '2026-01-01 00:00:00', \
                 '2026-01-01 00:00:00')",
            )
            .execute(conn)
        });
        assert!(
            failed.is_err(),
            "{}: the insert names no company",
            db.name()
        );
        new_license(db, acme, product);
        check(db, "a failed bulk insert, then a licence");
    });
}
