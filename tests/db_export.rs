//! `service::export` on both backends: every matching row (more than one page) in the
//! list's filter and order, the importer's header names, cells as the importer reads
//! them, formula defusing in text cells only, JSON escaping, terminal neutralisation,
//! the roles, and bad input refused with its reason.
#![allow(clippy::unwrap_used, clippy::expect_used)]

mod common;

use diesel::prelude::*;

use common::builders::{
    ActivityBuilder, CompanyBuilder, DeploymentBuilder, EngineerBuilder, LicenseBuilder,
    PartnerBuilder, PortalUserBuilder, ProductBuilder, PurchaseBuilder, SalesRepBuilder,
};
use common::fixtures::date;
use common::{TestDb, actor, each_backend};
use lms::auth::Actor;
use lms::db::queries::list::ListQuery;
use lms::db::queries::page::{PageRequest, Value};
use lms::domain::{LicenseStatus, Role};
use lms::export::{Format, Options};
use lms::import::fields::Target;
use lms::report::output_safety::Destination;
use lms::service::ServiceError;
use lms::service::browse::{self, Entity};
use lms::service::export::{self, PAGE_ROWS, SCAN_ROWS, Subject};

fn subject(name: &str, filter: &str, sort: Option<&str>, desc: bool) -> Subject {
    Subject::parse(name, filter, sort, desc, date("2026-03-15")).unwrap()
}

/// The export of `subject` as `format` to a stream, as text.
fn exported(
    db: &mut TestDb,
    who: &Actor,
    subject: &Subject,
    format: Format,
    dest: Destination,
) -> Result<String, ServiceError> {
    let options = Options {
        format,
        excel: false,
    };
    let mut pages = Vec::new();
    let (bytes, rows) = export::export(
        &mut db.conn,
        who,
        subject,
        options,
        dest,
        Vec::new(),
        &mut |n| pages.push(n),
    )?;
    assert_eq!(
        pages.last().copied().unwrap_or(0),
        rows,
        "progress ends at the total"
    );
    Ok(String::from_utf8(bytes).unwrap())
}

/// The CSV export of `subject`: its header and records, as a CSV parser reads them.
fn csv_of(db: &mut TestDb, who: &Actor, subject: &Subject) -> (Vec<String>, Vec<Vec<String>>) {
    let text = exported(db, who, subject, Format::Csv, Destination::Stream).unwrap();
    let mut reader = csv::Reader::from_reader(text.as_bytes());
    let header = reader
        .headers()
        .unwrap()
        .iter()
        .map(str::to_owned)
        .collect();
    let rows = reader
        .records()
        .map(|r| r.unwrap().iter().map(str::to_owned).collect())
        .collect();
    (header, rows)
}

/// One row of each list, with a value of every kind.
fn one_of_each(db: &mut TestDb) {
    let conn = &mut db.conn;
    let acme = CompanyBuilder::new("Acme GmbH")
        .country("DE")
        .notes("key account")
        .insert(conn);
    let partner = PartnerBuilder::new("Pixel IT").insert(conn);
    let rep = SalesRepBuilder::new("Ann Rep")
        .email("ann@rep.example")
        .insert(conn);
    let engineer = EngineerBuilder::new("Eve Eng")
        .email("eve@eng.example")
        .insert(conn);
    let product = ProductBuilder::new("LMS-ENT")
        .name("Enterprise")
        .insert(conn);
    let lic = LicenseBuilder::new()
        .company(&acme)
        .product(&product)
        .partner(&partner)
        .sales_rep(&rep)
        .unlimited()
        .status(LicenseStatus::Active)
        .starts("2026-01-01")
        .ends("2026-12-31")
        .insert(conn);
    for (currency, revenue, cost) in [("EUR", 123_456, 500), ("JPY", 1234, 1000), ("BHD", 1234, 5)]
    {
        PurchaseBuilder::new(&lic)
            .currency(currency)
            .revenue(revenue)
            .cost(cost)
            .order_number(&format!("PO-{currency}"))
            .sales_rep(&rep)
            .partner(&partner)
            .on("2026-01-01")
            .term_end("2026-12-31")
            .insert(conn);
    }
    DeploymentBuilder::new(&lic)
        .engineer(&engineer)
        .scheduled("2026-02-01")
        .insert(conn);
    let user = PortalUserBuilder::new(&acme, "emp-1")
        .email("u1@acme.example")
        .disabled(true)
        .insert(conn);
    ActivityBuilder::new(&user)
        .at("2026-03-01 08:09:10")
        .action("login")
        .insert(conn);
    common::builders::AuditBuilder::new("license", lic.id)
        .change("seats", Some("5"), Some("10"))
        .insert(conn);
    let old = CompanyBuilder::new("Old Co").insert(conn);
    diesel::update(lms::db::schema::companies::table.find(old.id))
        .set(lms::db::schema::companies::archived.eq(true))
        .execute(conn)
        .unwrap();
}

/// Cell `cell` of every row of `entity`'s list under `query`, as the TUI walks it a page
/// of its largest size at a time.
fn list_walk(
    db: &mut TestDb,
    who: &Actor,
    entity: Entity,
    query: &ListQuery,
    cell: usize,
) -> Vec<String> {
    let mut shown = Vec::new();
    let mut req = PageRequest::First;
    loop {
        let page = browse::page(&mut db.conn, who, entity, query, &req, 1000).unwrap();
        shown.extend(page.rows.iter().map(|r| match &r.cells[cell] {
            Value::Text(k) => k.clone(),
            other => panic!("{other:?}"),
        }));
        match page.rows.last() {
            Some(last) if page.has_after => req = PageRequest::After(last.cursor()),
            _ => return shown,
        }
    }
}

/// The export of `name` under `filter` and `sort` holds the list's rows in its order
/// (the list's cell `cell` is the export's first column), more than `pages` pages.
fn exports_as_listed(
    db: &mut TestDb,
    who: &Actor,
    (name, filter, sort, desc): (&str, &str, Option<&str>, bool),
    cell: usize,
    page_rows: usize,
) {
    let s = subject(name, filter, sort, desc);
    let Subject::List { entity, query } = &s else {
        unreachable!()
    };
    let expected = list_walk(db, who, *entity, query, cell);
    let count = browse::count(&mut db.conn, who, *entity, query).unwrap();
    let (_, rows) = csv_of(db, who, &s);
    let first: Vec<String> = rows.into_iter().map(|r| r[0].clone()).collect();
    let what = format!("{name} {filter:?} {sort:?} on {}", db.name());
    assert_eq!(i64::try_from(first.len()).unwrap(), count, "{what}");
    assert!(first.len() > page_rows, "{what}: more than one page");
    assert_eq!(first, expected, "{what}");
}

#[test]
fn every_matching_row_is_exported_in_the_lists_order_across_pages() {
    each_backend(|db| {
        let conn = &mut db.conn;
        let companies: Vec<_> = ["Zeta", "Alpha", "Mid"]
            .iter()
            .map(|n| CompanyBuilder::new(n).insert(conn))
            .collect();
        let product = ProductBuilder::new("P").insert(conn);
        conn.transaction::<_, diesel::result::Error, _>(|conn| {
            for i in 0..SCAN_ROWS + 300 {
                let status = if i % 7 == 0 {
                    LicenseStatus::Suspended
                } else {
                    LicenseStatus::Active
                };
                LicenseBuilder::new()
                    .company(&companies[i % 3])
                    .product(&product)
                    .seats(i32::try_from(i % 50).unwrap() + 1)
                    .status(status)
                    .starts("2025-01-01")
                    // Many ties, so the order within a date is the id's.
                    .ends(date("2026-01-01") + chrono::Days::new((i % 40) as u64))
                    .insert(conn);
            }
            for i in 0..PAGE_ROWS + 200 {
                CompanyBuilder::new(&format!("Co {i:04}"))
                    .country(["DE", "FR", "GB"][i % 3])
                    .insert(conn);
            }
            Ok(())
        })
        .unwrap();
        let who = actor(db, Role::Sales);
        // Licenses: read by range, a page of SCAN_ROWS at a time.
        for (filter, sort, desc) in [
            ("status:active", Some("END"), true),
            ("", Some("company"), false),
            ("", None, false),
        ] {
            exports_as_listed(db, &who, ("licenses", filter, sort, desc), 0, SCAN_ROWS);
        }
        // The other lists: keyset pages of PAGE_ROWS, then their records by id.
        for (filter, sort, desc) in [("co", Some("Country"), true), ("", None, false)] {
            exports_as_listed(db, &who, ("companies", filter, sort, desc), 1, PAGE_ROWS);
        }
    });
}

#[test]
fn headers_are_the_importers_field_names_and_rows_fill_them() {
    each_backend(|db| {
        one_of_each(db);
        let who = actor(db, Role::Admin);
        for entity in Entity::ALL {
            let (header, rows) = csv_of(db, &who, &subject(entity.name(), "", None, false));
            match export::target(entity) {
                Some(t) => {
                    let names: Vec<&str> = t.exported().map(|f| f.name).collect();
                    assert_eq!(header, names, "{entity:?}");
                    assert!(Target::ALL.contains(&t));
                }
                None => assert_eq!(header, export::columns(entity), "{entity:?}"),
            }
            assert!(!rows.is_empty(), "{entity:?} on {}", db.name());
            for row in &rows {
                assert_eq!(row.len(), header.len(), "{entity:?}: {row:?}");
            }
        }
        let (header, _) = csv_of(db, &who, &subject("deployments", "", None, false));
        assert_eq!(header[..3], ["license_key", "company", "engineer"]);
        let (header, _) = csv_of(db, &who, &subject("audit", "", None, false));
        assert!(header.contains(&"changes".to_owned()), "{header:?}");
    });
}

/// The row of `rows` whose `column` of `header` is `value`, by column name.
fn row_where(
    header: &[String],
    rows: &[Vec<String>],
    column: &str,
    value: &str,
) -> std::collections::HashMap<String, String> {
    let at = header.iter().position(|h| h == column).unwrap();
    let row = rows
        .iter()
        .find(|r| r[at] == value)
        .unwrap_or_else(|| panic!("no row with {column} = {value} in {rows:?}"));
    header.iter().cloned().zip(row.iter().cloned()).collect()
}

#[test]
fn cells_are_written_as_the_importer_reads_them() {
    each_backend(|db| {
        one_of_each(db);
        let who = actor(db, Role::Sales);
        let (head, rows) = csv_of(db, &who, &subject("licenses", "", None, false));
        let lic = row_where(&head, &rows, "company", "Acme GmbH");
        assert_eq!(lic["product_code"], "LMS-ENT");
        assert_eq!(lic["partner"], "Pixel IT");
        assert_eq!(lic["sales_rep"], "ann@rep.example");
        assert_eq!(lic["seats"], "unlimited");
        assert_eq!(lic["start_date"], "2026-01-01");
        assert_eq!(lic["end_date"], "2026-12-31");
        assert_eq!(lic["status"], "active");
        let key = lic["license_key"].clone();

        let (head, rows) = csv_of(db, &who, &subject("purchases", "", None, false));
        for (currency, revenue, cost) in [
            ("EUR", "1234.56", "5.00"),
            ("JPY", "1234", "1000"),
            ("BHD", "1.234", "0.005"),
        ] {
            let p = row_where(&head, &rows, "currency", currency);
            assert_eq!((p["revenue"].as_str(), p["cost"].as_str()), (revenue, cost));
            assert_eq!(p["license_key"], key);
            assert_eq!(p["order_number"], format!("PO-{currency}"));
            assert_eq!(p["kind"], "new");
            assert_eq!(p["purchase_date"], "2026-01-01");
            assert_eq!(p["term_end"], "2026-12-31");
            assert_eq!(p["sales_rep"], "ann@rep.example");
            assert_eq!(p["partner"], "Pixel IT");
        }

        let (head, rows) = csv_of(db, &who, &subject("companies", "archived:yes", None, false));
        assert_eq!(
            row_where(&head, &rows, "name", "Old Co")["archived"],
            "true"
        );
        let (head, rows) = csv_of(db, &who, &subject("companies", "", None, false));
        let company = row_where(&head, &rows, "name", "Acme GmbH");
        assert_eq!(
            (company["archived"].as_str(), company["notes"].as_str()),
            ("false", "key account")
        );
        assert_eq!(company["country"], "DE");

        let (head, rows) = csv_of(db, &who, &subject("portal-users", "", None, false));
        let u = row_where(&head, &rows, "external_user_id", "emp-1");
        assert_eq!(
            (u["company"].as_str(), u["disabled"].as_str()),
            ("Acme GmbH", "true")
        );

        let (head, rows) = csv_of(db, &who, &subject("activity", "", None, false));
        let a = row_where(&head, &rows, "user", "emp-1");
        assert_eq!(a["ts"], "2026-03-01 08:09:10");
        assert_eq!(a["company"], "Acme GmbH");

        let (head, rows) = csv_of(db, &who, &subject("sales-reps", "", None, false));
        assert_eq!(
            row_where(&head, &rows, "email", "ann@rep.example")["active"],
            "true"
        );

        let (head, rows) = csv_of(db, &who, &subject("deployments", "", None, false));
        let d = row_where(&head, &rows, "license_key", &key);
        assert_eq!(d["engineer"], "eve@eng.example");
        assert_eq!(
            (d["scheduled_date"].as_str(), d["completed_date"].as_str()),
            ("2026-02-01", "")
        );

        let (head, rows) = csv_of(db, &who, &subject("audit", "entity:license", None, false));
        let e = row_where(&head, &rows, "entity", "license");
        assert_eq!(e["changes"], r#"{"seats":["5","10"]}"#);
        assert_eq!(e["changed"], "Seats");
    });
}

#[test]
fn formulas_are_defused_in_text_cells_and_figures_are_never_altered() {
    each_backend(|db| {
        let conn = &mut db.conn;
        let names = [
            "=SUM(A1)", "+1", "-2", "@cmd", "\tTab", "\rCr", "'=quoted", "Plain",
        ];
        let product = ProductBuilder::new("P").insert(conn);
        for name in names {
            let c = CompanyBuilder::new(name).insert(conn);
            let lic = LicenseBuilder::new()
                .company(&c)
                .product(&product)
                .insert(conn);
            PurchaseBuilder::new(&lic)
                .revenue(-500)
                .cost(-1)
                .insert(conn);
        }
        let who = actor(db, Role::Sales);
        let (h, rows) = csv_of(db, &who, &subject("companies", "", None, false));
        let at = h.iter().position(|c| c == "name").unwrap();
        let written: Vec<&str> = rows.iter().map(|r| r[at].as_str()).collect();
        assert_eq!(
            written,
            [
                "'=SUM(A1)",
                "'+1",
                "'-2",
                "'@cmd",
                "'\tTab",
                "'\rCr",
                "''=quoted",
                "Plain"
            ]
        );
        for (cell, name) in written.iter().zip(names) {
            assert_eq!(lms::domain::text::restore_formula(cell), name);
        }
        let (h, rows) = csv_of(db, &who, &subject("purchases", "", None, false));
        assert_eq!(rows.len(), names.len());
        for row in &rows {
            let p = row_where(&h, std::slice::from_ref(row), "currency", "EUR");
            assert_eq!(
                (p["revenue"].as_str(), p["cost"].as_str()),
                ("-5.00", "-0.01")
            );
            assert_eq!(p["purchase_date"], "2025-01-01");
        }
        // JSON has no formulas: names stay exact.
        let text = exported(
            db,
            &who,
            &subject("companies", "", None, false),
            Format::Json,
            Destination::Stream,
        )
        .unwrap();
        let doc: serde_json::Value = serde_json::from_str(&text).unwrap();
        let got: Vec<&str> = doc
            .as_array()
            .unwrap()
            .iter()
            .map(|o| o["name"].as_str().unwrap())
            .collect();
        assert_eq!(got, names);
    });
}

/// Terminal escapes in a name: C0 (ESC, BEL), C1 (CSI), DEL and bidi overrides.
const HOSTILE: &str =
    "Evil\x1b]52;c;ZXZpbA==\x07 C1\u{9b}31m Del\x7f Rlo\u{202e}x Iso\u{2066}y\u{2069}";

#[test]
fn json_escapes_controls_and_the_terminal_sees_them_neutralised() {
    each_backend(|db| {
        CompanyBuilder::new(HOSTILE).insert(&mut db.conn);
        let who = actor(db, Role::Sales);
        let s = subject("companies", "", None, false);
        let text = exported(db, &who, &s, Format::Json, Destination::Stream).unwrap();
        for escaped in [
            "\\u001b", "\\u0007", "\\u009b", "\\u007f", "\\u202e", "\\u2066", "\\u2069",
        ] {
            assert!(text.contains(escaped), "{escaped} in {text}");
        }
        assert!(
            !text
                .chars()
                .any(|c| lms::domain::text::is_unsafe(c) && c != '\n'),
            "{text}"
        );
        let doc: serde_json::Value = serde_json::from_str(&text).unwrap();
        assert_eq!(doc[0]["name"], HOSTILE);
        assert_eq!(doc[0]["archived"], false);

        for format in [Format::Csv, Format::Json] {
            let shown = exported(db, &who, &s, format, Destination::Terminal).unwrap();
            assert!(
                !shown
                    .chars()
                    .any(|c| lms::domain::text::is_unsafe(c) && c != '\n'),
                "{format:?}: {shown:?}"
            );
            assert!(shown.contains("Evil\u{FFFD}]52"), "{format:?}: {shown:?}");
        }
        // A file or a pipe gets the name exactly.
        let (h, rows) = csv_of(db, &who, &s);
        assert_eq!(row_where(&h, &rows, "name", HOSTILE)["name"], HOSTILE);
    });
}

#[test]
fn an_empty_list_is_a_header_or_an_empty_array() {
    each_backend(|db| {
        let who = actor(db, Role::Sales);
        let s = subject("partners", "", None, false);
        let csv = exported(db, &who, &s, Format::Csv, Destination::Stream).unwrap();
        assert_eq!(csv, "name,country,contact_email,archived\n");
        let json = exported(db, &who, &s, Format::Json, Destination::Stream).unwrap();
        assert_eq!(json, "[]\n");
    });
}

#[test]
fn roles_without_export_are_refused_and_audit_needs_its_own_right() {
    each_backend(|db| {
        one_of_each(db);
        for role in [Role::Viewer, Role::Engineer] {
            let who = actor(db, role);
            for name in ["licenses", "audit", "utilization"] {
                let err = exported(
                    db,
                    &who,
                    &subject(name, "", None, false),
                    Format::Csv,
                    Destination::Stream,
                )
                .unwrap_err();
                assert!(
                    matches!(
                        err,
                        ServiceError::Forbidden {
                            permission: lms::domain::Permission::ExportData
                        }
                    ),
                    "{role} {name}: {err}"
                );
                assert!(err.to_string().contains("export data"), "{err}");
            }
        }
        for role in [Role::Sales, Role::Manager, Role::Admin] {
            let who = actor(db, role);
            for name in ["licenses", "audit", "utilization"] {
                exported(
                    db,
                    &who,
                    &subject(name, "", None, false),
                    Format::Csv,
                    Destination::Stream,
                )
                .unwrap_or_else(|e| panic!("{role} {name}: {e}"));
            }
        }
    });
}

#[test]
fn bad_input_is_refused_with_its_reason() {
    let today = date("2026-03-15");
    let err = |name: &str, filter: &str, sort: Option<&str>| {
        Subject::parse(name, filter, sort, false, today)
            .unwrap_err()
            .to_string()
    };
    let e = err("licences", "", None);
    assert!(
        e.contains("\"licences\"") && e.contains("sales-reps") && e.contains("utilization"),
        "{e}"
    );
    assert!(err("operators", "", None).contains("nothing to export"));
    let e = err("licenses", "status:bogus", None);
    assert!(e.starts_with("--filter: ") && e.contains("bogus"), "{e}");
    let e = err("licenses", "kind:new", None);
    assert!(e.contains("kind"), "{e}");
    let e = err("licenses", "", Some("colour"));
    assert!(e.contains("\"colour\"") && e.contains("\"End\""), "{e}");
    let e = err("utilization", "colour=red", None);
    assert!(e.contains("colour"), "{e}");
    let e = err("utilization", "", Some("nope"));
    assert!(e.contains("utilization_pct"), "{e}");
    let e = Options {
        format: Format::Json,
        excel: true,
    }
    .check()
    .unwrap_err()
    .to_string();
    assert!(e.contains("--excel") && e.contains("JSON"), "{e}");
}

#[test]
fn utilization_is_the_reports_rows_sorted_as_asked() {
    each_backend(|db| {
        common::utilization::load(&mut db.conn);
        let who = actor(db, Role::Sales);
        let report = lms::service::reports::utilization(
            &mut db.conn,
            &who,
            lms::report::utilization::UtilizationQuery {
                as_of: date("2026-03-15"),
                window_days: 14,
                under_used_pct: 30,
                filters: lms::report::utilization::Filters::default(),
            },
        )
        .unwrap();
        let (h, rows) = csv_of(db, &who, &subject("utilization", "", None, false));
        assert_eq!(h[..2], ["company_id", "company"]);
        let names: Vec<&str> = rows.iter().map(|r| r[1].as_str()).collect();
        let expected: Vec<&str> = report.companies.iter().map(|c| c.name.as_str()).collect();
        assert_eq!(names, expected);
        let (_, rows) = csv_of(
            db,
            &who,
            &subject("utilization", "", Some("ACTIVE_USERS"), true),
        );
        let active: Vec<i64> = rows.iter().map(|r| r[6].parse().unwrap()).collect();
        assert!(active.windows(2).all(|w| w[0] >= w[1]), "{active:?}");
    });
}
