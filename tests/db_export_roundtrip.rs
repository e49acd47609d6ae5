//! Export → import is a no-op, on both backends: every importable list exported as CSV
//! (formulas defused, money in minor units, unlimited seats, flags, references by natural
//! key) and read back by `lms import`'s engine reports every row unchanged.
#![allow(clippy::unwrap_used, clippy::expect_used)]

mod common;

use common::builders::{
    ActivityBuilder, CompanyBuilder, EngineerBuilder, LicenseBuilder, PartnerBuilder,
    PortalUserBuilder, ProductBuilder, PurchaseBuilder, SalesRepBuilder,
};
use common::{TestDb, actor, each_backend};
use lms::domain::{LicenseStatus, Role};
use lms::export::{Format, Options};
use lms::import::fields::Target;
use lms::report::output_safety::Destination;
use lms::service::export::{self, Subject};
use lms::service::import::{self, Observer, Progress};

struct Quiet;

impl Observer for Quiet {
    fn progress(&mut self, _: Progress) -> bool {
        true
    }
    fn rejected(&mut self, _: u64, _: &[String], _: &[lms::import::values::CellError]) {}
}

/// Names a spreadsheet would run, and one that already looks defused.
const TRICKY: [&str; 4] = ["=SUM(A1)", "@cmd", "-minus", "'=quoted"];

fn data(db: &mut TestDb) {
    let conn = &mut db.conn;
    let partner = PartnerBuilder::new("+Partner")
        .contact_email("sales@partner.example")
        .insert(conn);
    let rep = SalesRepBuilder::new("Ann Rep").insert(conn);
    EngineerBuilder::new("Eve Eng").insert(conn);
    let product = ProductBuilder::new("LMS-ENT")
        .name("=Enterprise")
        .insert(conn);
    for (i, name) in TRICKY.iter().enumerate() {
        let company = CompanyBuilder::new(name)
            .contact_email(&format!("ops{i}@customer.example"))
            .notes("line one\nline two")
            .insert(conn);
        let mut license = LicenseBuilder::new()
            .company(&company)
            .product(&product)
            .partner(&partner)
            .sales_rep(&rep)
            .status(LicenseStatus::Active)
            .starts("2026-01-01")
            .ends("2026-12-31");
        license = if i == 0 {
            license.unlimited()
        } else {
            license.seats(10)
        };
        let license = license.insert(conn);
        let currency = ["EUR", "JPY", "BHD", "USD"][i];
        PurchaseBuilder::new(&license)
            .currency(currency)
            .revenue(123_456)
            .cost(1_001)
            .order_number(&format!("PO-{i}"))
            .sales_rep(&rep)
            .on("2026-01-01")
            .term_end("2026-12-31")
            .insert(conn);
        let user = PortalUserBuilder::new(&company, &format!("@user{i}"))
            .email(&format!("user{i}@customer.example"))
            .disabled(i % 2 == 0)
            .insert(conn);
        ActivityBuilder::new(&user)
            .at("2026-03-01 08:09:10")
            .action("login")
            .detail("=HYPERLINK(\"x\")")
            .insert(conn);
    }
}

#[test]
fn every_exported_list_imports_back_unchanged() {
    each_backend(|db| {
        data(db);
        let who = actor(db, Role::Admin);
        for target in Target::ALL {
            let subject = Subject::parse(
                target.name(),
                "",
                None,
                false,
                chrono::Utc::now().date_naive(),
            )
            .unwrap();
            let (csv, rows) = export::export(
                &mut db.conn,
                &who,
                &subject,
                Options {
                    format: Format::Csv,
                    excel: true,
                },
                Destination::Stream,
                Vec::new(),
                &mut |_| {},
            )
            .unwrap();
            assert!(rows > 0, "{}", target.name());
            let (mut source, mapping) = import::open(target, csv.as_slice(), None, &[])
                .unwrap_or_else(|e| panic!("{}: {e}", target.name()));
            let options = import::Options {
                dry_run: true,
                file_name: format!("{}.csv", target.name()),
                ..import::Options::default()
            };
            let report = import::run(
                &mut db.conn,
                &who,
                &mut source,
                &mapping,
                &options,
                &mut Quiet,
            )
            .unwrap_or_else(|e| panic!("{}: {e}", target.name()));
            let t = report.totals;
            assert_eq!(
                (t.new, t.updated, t.errors, t.unchanged),
                (0, 0, 0, rows),
                "{} on {}: {:?}",
                target.name(),
                db.name(),
                report.rows
            );
        }
    });
}
