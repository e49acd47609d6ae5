//! `lms import` through the service, on SQLite and MariaDB: dry run equal to the real run
//! and writing nothing, upsert by natural key, re-import unchanged, all or nothing,
//! --skip-errors, references and --create-missing, audit rows, roles.
#![allow(clippy::unwrap_used)]

mod common;

use common::builders::{CompanyBuilder, LicenseBuilder, PartnerBuilder, ProductBuilder};
use common::{TestDb, actor, each_backend};
use std::fmt::Write as _;

use diesel::prelude::*;
use lms::db::schema::{audit_log, companies, licenses, partners, product_codes};
use lms::domain::Role;
use lms::import::fields::Target;
use lms::import::values::CellError;
use lms::service::import::{self, ImportError, Observer, Options, Outcome, Progress, Report};

#[derive(Default)]
struct Seen {
    rejected: Vec<(u64, Vec<String>)>,
    cancel_after: Option<u64>,
}

impl Observer for Seen {
    fn progress(&mut self, p: Progress) -> bool {
        self.cancel_after.is_none_or(|n| p.rows < n)
    }
    fn rejected(&mut self, line: u64, cells: &[String], _: &[CellError]) {
        self.rejected.push((line, cells.to_vec()));
    }
}

fn run_as(
    db: &mut TestDb,
    role: Role,
    target: Target,
    csv: &str,
    options: &Options,
    seen: &mut Seen,
) -> Result<Report, ImportError> {
    let who = actor(db, role);
    let (mut source, mapping) = import::open(target, csv.as_bytes(), None, &[])?;
    import::run(&mut db.conn, &who, &mut source, &mapping, options, seen)
}

fn run(db: &mut TestDb, target: Target, csv: &str, options: &Options) -> Report {
    run_as(db, Role::Admin, target, csv, options, &mut Seen::default()).unwrap()
}

fn real() -> Options {
    Options {
        file_name: "in.csv".into(),
        ..Options::default()
    }
}

fn dry() -> Options {
    Options {
        dry_run: true,
        ..real()
    }
}

fn totals(r: &Report) -> (u64, u64, u64, u64) {
    let t = r.totals;
    (t.new, t.updated, t.unchanged, t.errors)
}

fn company_names(db: &mut TestDb) -> Vec<(String, String, bool)> {
    companies::table
        .select((companies::name, companies::country, companies::archived))
        .order(companies::name)
        .load(&mut db.conn)
        .unwrap()
}

const COMPANIES: &str = "\u{feff}Name;Country;Contact;Archived\r\n\
    Acme GmbH;de;ops@acme.example;no\r\n\
    \"Beta; Inc\";US;;yes\r\n";

#[test]
fn a_dry_run_writes_nothing_and_the_real_run_takes_its_decisions() {
    each_backend(|db| {
        CompanyBuilder::new("Acme GmbH")
            .country("DE")
            .insert(&mut db.conn);
        let audit_before: i64 = audit_log::table.count().get_result(&mut db.conn).unwrap();
        let before = company_names(db);
        let planned = run(db, Target::Companies, COMPANIES, &dry());
        assert_eq!(totals(&planned), (1, 1, 0, 0), "{}", db.name());
        assert!(!planned.committed);
        assert_eq!(company_names(db), before);
        let audit_after: i64 = audit_log::table.count().get_result(&mut db.conn).unwrap();
        assert_eq!(audit_after, audit_before);

        let done = run(db, Target::Companies, COMPANIES, &real());
        assert!(done.committed);
        assert_eq!(done.totals, planned.totals);
        assert_eq!(done.rows, planned.rows);
        let Outcome::Update(changes) = &done.rows[0].outcome else {
            panic!("{:?}", done.rows)
        };
        assert_eq!(done.rows[0].line, 2);
        assert_eq!(changes.len(), 1);
        assert_eq!(changes[0].field, "contact_email");
        assert_eq!(changes[0].after.as_deref(), Some("ops@acme.example"));
        assert_eq!(
            company_names(db),
            [
                ("Acme GmbH".into(), "DE".into(), false),
                ("Beta; Inc".into(), "US".into(), true)
            ]
        );
        // Importing the same file again changes nothing.
        let again = run(db, Target::Companies, COMPANIES, &real());
        assert_eq!(totals(&again), (0, 0, 2, 0));
    });
}

#[test]
fn imported_rows_are_audited_with_the_file_name() {
    each_backend(|db| {
        run(db, Target::Companies, COMPANIES, &real());
        let actions: Vec<(String, String)> = audit_log::table
            .filter(audit_log::entity.eq("company"))
            .select((audit_log::action, audit_log::changes))
            .order(audit_log::id)
            .load(&mut db.conn)
            .unwrap();
        let names: Vec<&str> = actions.iter().map(|(a, _)| a.as_str()).collect();
        // Two creates, and Beta archived: each row of the import names the file.
        assert_eq!(names, ["import:in.csv"; 3], "{}", db.name());
        assert!(actions[0].1.contains("Acme GmbH"));
    });
}

#[test]
fn any_bad_row_means_nothing_is_written_and_every_bad_row_is_listed() {
    each_backend(|db| {
        let csv = "name,country\nGood One,DE\nBad,XX\nGood Two,FR\n,DE\nWorse,\n";
        let mut seen = Seen::default();
        let r = run_as(db, Role::Admin, Target::Companies, csv, &real(), &mut seen).unwrap();
        assert_eq!(totals(&r), (2, 0, 0, 3), "{}", db.name());
        assert!(!r.committed);
        assert!(company_names(db).is_empty());
        let lines: Vec<u64> = r.rows.iter().map(|r| r.line).collect();
        assert_eq!(lines, [3, 5, 6]);
        let Outcome::Error(e) = &r.rows[0].outcome else {
            panic!()
        };
        assert_eq!(e[0].column, "country");
        assert!(e[0].why.contains("XX"), "{e:?}");
        let Outcome::Error(e) = &r.rows[1].outcome else {
            panic!()
        };
        assert!(e[0].why.contains("identifies the row"), "{e:?}");
        let Outcome::Error(e) = &r.rows[2].outcome else {
            panic!()
        };
        assert!(e[0].why.contains("required"), "{e:?}");
        assert_eq!(seen.rejected.len(), 3);
    });
}

#[test]
fn skip_errors_commits_the_good_rows_and_hands_back_the_bad_ones() {
    each_backend(|db| {
        let csv = "name,country\nGood One,DE\nBad,XX\nGood Two,FR\n";
        let options = Options {
            skip_errors: true,
            ..real()
        };
        let mut seen = Seen::default();
        let r = run_as(db, Role::Admin, Target::Companies, csv, &options, &mut seen).unwrap();
        assert!(r.committed);
        assert_eq!(totals(&r), (2, 0, 0, 1));
        assert_eq!(company_names(db).len(), 2, "{}", db.name());
        assert_eq!(
            seen.rejected,
            [(3, vec!["Bad".to_owned(), "XX".to_owned()])]
        );
    });
}

#[test]
fn a_second_row_for_one_record_may_repeat_it_but_not_contradict_it() {
    each_backend(|db| {
        let csv = "name,country\nAcme,DE\nACME,DE\nacme,FR\n";
        let r = run(db, Target::Companies, csv, &dry());
        assert_eq!(totals(&r), (1, 0, 1, 1), "{}", db.name());
        let Outcome::Error(e) = &r.rows[0].outcome else {
            panic!("{r:?}")
        };
        assert_eq!(r.rows[0].line, 4);
        assert!(e[0].why.contains("line 2"), "{e:?}");
    });
}

#[test]
fn cancelling_rolls_everything_back() {
    each_backend(|db| {
        let mut csv = String::from("name,country\n");
        for i in 0..1_100 {
            writeln!(csv, "Company {i},DE").unwrap();
        }
        let mut seen = Seen {
            cancel_after: Some(1_000),
            ..Seen::default()
        };
        let e = run_as(db, Role::Admin, Target::Companies, &csv, &real(), &mut seen).unwrap_err();
        assert!(matches!(e, ImportError::Cancelled), "{e}");
        assert!(company_names(db).is_empty(), "{}", db.name());
    });
}

#[test]
fn only_roles_that_may_import_data_can() {
    each_backend(|db| {
        for role in [Role::Viewer, Role::Sales, Role::Engineer] {
            let e = run_as(
                db,
                role,
                Target::Companies,
                COMPANIES,
                &real(),
                &mut Seen::default(),
            );
            assert!(
                matches!(
                    e,
                    Err(ImportError::Service(
                        lms::service::ServiceError::Forbidden { .. }
                    ))
                ),
                "{role}"
            );
        }
        assert!(company_names(db).is_empty());
    });
}

fn license_rows(db: &mut TestDb) -> Vec<(String, String, String, Option<i32>, String)> {
    licenses::table
        .inner_join(companies::table)
        .inner_join(product_codes::table)
        .select((
            licenses::license_key,
            companies::name,
            product_codes::code,
            licenses::seats,
            licenses::status,
        ))
        .order(licenses::license_key)
        .load(&mut db.conn)
        .unwrap()
}

#[test]
fn licenses_upsert_by_key_with_references_by_name_and_code() {
    each_backend(|db| {
        let acme = CompanyBuilder::new("Acme GmbH").insert(&mut db.conn);
        CompanyBuilder::new("Beta").insert(&mut db.conn);
        let product = ProductBuilder::new("LMS-ENT")
            .name("Enterprise")
            .insert(&mut db.conn);
        PartnerBuilder::new("Resell AG").insert(&mut db.conn);
        let old = LicenseBuilder::new()
            .company(&acme)
            .product(&product)
            .seats(10)
            .insert(&mut db.conn)
            .license_key;
        // Snipe-IT style headers, day-first dates, a name for the product.
        let csv = format!(
            "Product Key,Company,Name,Seats,Purchase Date,Expiration Date,Supplier\n\
             {old},acme gmbh,LMS-ENT,25,01/01/2026,31/12/2026,\n\
             ZZ-NEW,Beta,Enterprise,unlimited,01/02/2026,31/01/2099,Resell AG\n"
        );
        let csv = csv.as_str();
        let options = Options {
            rules: lms::import::cells::CellRules {
                date_format: Some("%d/%m/%Y".into()),
                decimal_comma: false,
            },
            ..real()
        };
        let r = run(db, Target::Licenses, csv, &options);
        assert_eq!(totals(&r), (1, 1, 0, 0), "{}: {:?}", db.name(), r.rows);
        let rows = license_rows(db);
        assert_eq!((rows[0].0.as_str(), rows[0].3), (old.as_str(), Some(25)));
        assert_eq!(rows[1].0, "ZZ-NEW");
        assert_eq!(
            (rows[1].1.as_str(), rows[1].2.as_str(), rows[1].3),
            ("Beta", "LMS-ENT", None)
        );
        assert_eq!(rows[1].4, "active");
        let again = run(db, Target::Licenses, csv, &options);
        assert_eq!(totals(&again), (0, 0, 2, 0), "{:?}", again.rows);
    });
}

#[test]
fn a_missing_reference_is_an_error_unless_create_missing_creates_it() {
    each_backend(|db| {
        ProductBuilder::new("LMS-ENT").insert(&mut db.conn);
        let csv = "license_key,company,product_code,partner,seats,start_date,end_date\n\
                   K-1,Nowhere Ltd,LMS-ENT,New Partner,5,2026-01-01,2026-12-31\n";
        let r = run(db, Target::Licenses, csv, &dry());
        let Outcome::Error(e) = &r.rows[0].outcome else {
            panic!("{r:?}")
        };
        assert_eq!(e[0].column, "company");
        assert!(e[0].why.contains("--create-missing"), "{e:?}");
        let without_country = Options {
            create_missing: true,
            ..real()
        };
        let r = run(db, Target::Licenses, csv, &without_country);
        let Outcome::Error(e) = &r.rows[0].outcome else {
            panic!("{r:?}")
        };
        assert!(e[0].why.contains("--country"), "{e:?}");
        let options = Options {
            create_missing: true,
            default_country: Some("GB".into()),
            ..real()
        };
        let r = run(db, Target::Licenses, csv, &options);
        assert_eq!(totals(&r), (1, 0, 0, 0), "{}: {:?}", db.name(), r.rows);
        assert_eq!(
            company_names(db),
            [("Nowhere Ltd".into(), "GB".into(), false)]
        );
        let partner: String = partners::table
            .select(partners::name)
            .first(&mut db.conn)
            .unwrap();
        assert_eq!(partner, "New Partner");
        let created: i64 = audit_log::table
            .filter(audit_log::action.eq("import:in.csv"))
            .count()
            .get_result(&mut db.conn)
            .unwrap();
        assert_eq!(created, 3, "company, partner and license audited");
    });
}

#[test]
fn a_status_change_follows_the_lifecycle() {
    each_backend(|db| {
        let acme = CompanyBuilder::new("Acme").insert(&mut db.conn);
        let product = ProductBuilder::new("P").insert(&mut db.conn);
        let key = LicenseBuilder::new()
            .company(&acme)
            .product(&product)
            .status(lms::domain::LicenseStatus::Terminated)
            .insert(&mut db.conn)
            .license_key;
        let r = run(
            db,
            Target::Licenses,
            &format!("license_key,status\n{key},active\n"),
            &dry(),
        );
        let Outcome::Error(e) = &r.rows[0].outcome else {
            panic!("{r:?}")
        };
        assert_eq!(e[0].column, "status", "{}", db.name());
        let r = run(
            db,
            Target::Licenses,
            &format!("license_key,status\n{key},bogus\n"),
            &dry(),
        );
        assert_eq!(r.totals.errors, 1);
    });
}
