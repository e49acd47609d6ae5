//! insta snapshots of every screen at 80x24 and 200x60: the real app driven by keys
//! against a real SQLite database filled by the fixture builders, with a fixed `today`
//! and fixed timestamps. Reviewed like code: `cargo insta review` after a change.
//!
//! Only the app's public surface is used, so the snapshots survive refactors of the TUI's
//! internals: `App::new`, `App::update`, `App::drain_outbox`, `Msg`, the `driver`
//! functions (`pump`, `press`, `type_text`, `screen_text`) and `Theme::plain()`. Nothing
//! reads `App`'s fields.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::too_many_lines)]

mod common;

use chrono::{Local, NaiveDate, TimeZone};
use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use ratatui::layout::Rect;

use common::TestDb;
use common::builders::{
    ActivityBuilder, AuditBuilder, CompanyBuilder, DeploymentBuilder, EngineerBuilder,
    LicenseBuilder, PartnerBuilder, PortalUserBuilder, ProductBuilder, PurchaseBuilder,
    SalesRepBuilder, ts,
};
use lms::domain::{DeploymentStatus, LicenseStatus, PurchaseKind, Role};
use lms::service::operators;
use lms::tui::app::App;
use lms::tui::driver::{press, pump, screen_text, type_text};
use lms::tui::event::Msg;
use lms::tui::theme::Theme;

const SIZES: [(u16, u16); 2] = [(80, 24), (200, 60)];
const PASSWORD: &str = "correct horse 1";
/// What the status bar and the start screens call the database (no temporary path).
const DB_LABEL: &str = "SQLite /var/lib/lms/lms.db";

fn today() -> NaiveDate {
    NaiveDate::from_ymd_opt(2025, 3, 1).unwrap()
}

/// Every timestamp the fixture writes, UTC; shown in local time, so normalised below.
const TIMESTAMPS: &[&str] = &[
    common::builders::CREATED,
    "2025-01-02 10:00:00",
    "2025-01-02 10:05:00",
    "2025-01-20 16:45:30",
    "2025-02-03 11:15:00",
    "2025-02-27 08:00:00",
    "2025-02-27 09:12:44",
    "2025-02-28 17:30:05",
];

/// What still depends on where and when the test runs, redacted from the snapshots:
/// local renderings of the fixture's UTC timestamps are put back to UTC (the snapshots are
/// made in UTC), and the wall clock's date and time, should they reach the screen, become
/// placeholders. (The fixture's own dates are all before the wall clock's.)
fn filters() -> Vec<(String, String)> {
    let mut filters = Vec::new();
    for utc in TIMESTAMPS {
        let local = Local
            .from_utc_datetime(&ts(utc))
            .format("%Y-%m-%d %H:%M:%S")
            .to_string();
        if local != *utc {
            filters.push((regex_escape(&local), (*utc).to_owned()));
        }
    }
    let day = Local::now().format("%Y-%m-%d").to_string();
    filters.push((format!(r"{day} \d\d:\d\d(:\d\d)?"), "[now]".to_owned()));
    filters.push((day, "[today]".to_owned()));
    filters
}

fn regex_escape(s: &str) -> String {
    s.chars()
        .map(|c| {
            if c.is_ascii_alphanumeric() || c == ' ' {
                c.to_string()
            } else {
                format!("\\{c}")
            }
        })
        .collect()
}

/// Snapshots the app as drawn at `w` x `h` (its own size), named `<name>@<w>x<h>`.
fn snap(app: &App, (w, h): (u16, u16), name: &str) {
    let filters = filters();
    let filters: Vec<(&str, &str)> = filters
        .iter()
        .map(|(a, b)| (a.as_str(), b.as_str()))
        .collect();
    insta::with_settings!({ filters => filters }, {
        insta::assert_snapshot!(format!("{name}@{w}x{h}"), screen_text(app, w, h));
    });
}

fn new_app((w, h): (u16, u16)) -> App {
    App::new(
        DB_LABEL.to_owned(),
        Rect::new(0, 0, w, h),
        today(),
        Theme::plain(),
    )
}

fn key(app: &mut App, db: &mut TestDb, code: KeyCode) {
    press(app, code);
    pump(app, &mut db.conn);
}

fn ctrl(app: &mut App, c: char) {
    app.update(Msg::Key(KeyEvent::new(
        KeyCode::Char(c),
        KeyModifiers::CONTROL,
    )));
}

/// The operators, reference data, licenses, purchases, deployments, portal users, their
/// activity and a license's audit trail, all with fixed dates and times.
fn seed(db: &mut TestDb) {
    let c = &mut db.conn;
    let admin = operators::add(c, None, "admin", PASSWORD, Role::Admin).unwrap();
    operators::add(c, Some(&admin), "sam", PASSWORD, Role::Sales).unwrap();

    let acme = CompanyBuilder::new("Acme GmbH")
        .notes("Key account; renewals through Channel AG.")
        .insert(c);
    let globex = CompanyBuilder::new("Globex Corporation")
        .country("US")
        .contact_email("it@globex.example")
        .created_at("2025-01-20 16:45:30")
        .insert(c);
    let initech = CompanyBuilder::new("Initech AG")
        .country("CH")
        .created_at("2025-02-03 11:15:00")
        .insert(c);
    let channel = PartnerBuilder::new("Channel AG")
        .contact_email("sales@channel.example")
        .insert(c);
    PartnerBuilder::new("Northwind Resellers")
        .country("GB")
        .insert(c);
    let pro = ProductBuilder::new("PRO").name("Professional").insert(c);
    let ent = ProductBuilder::new("ENT")
        .name("Enterprise")
        .description("All modules, priority support")
        .insert(c);
    let rita = SalesRepBuilder::new("Rita Rep").insert(c);
    SalesRepBuilder::new("Sam Seller")
        .region("AMER")
        .active(false)
        .insert(c);
    let eve = EngineerBuilder::new("Eve Engineer").insert(c);
    EngineerBuilder::new("Oskar Onsite")
        .region("DACH")
        .insert(c);

    let acme_pro = LicenseBuilder::new()
        .company(&acme)
        .product(&pro)
        .partner(&channel)
        .sales_rep(&rita)
        .seats(15)
        .starts("2025-01-01")
        .ends("2025-12-31")
        .notes("Renewal due in December.")
        .insert(c);
    let globex_ent = LicenseBuilder::new()
        .company(&globex)
        .product(&ent)
        .unlimited()
        .starts("2024-06-01")
        .ends("2026-05-31")
        .insert(c);
    LicenseBuilder::new()
        .company(&initech)
        .product(&pro)
        .seats(5)
        .status(LicenseStatus::Draft)
        .starts("2025-04-01")
        .ends("2026-03-31")
        .insert(c);
    LicenseBuilder::new()
        .company(&acme)
        .product(&ent)
        .seats(25)
        .status(LicenseStatus::Suspended)
        .starts("2024-01-01")
        .ends("2025-06-30")
        .insert(c);

    let first = PurchaseBuilder::new(&acme_pro)
        .on("2025-01-02")
        .revenue(150_000)
        .cost(100_000)
        .order_number("PO-1001")
        .sales_rep(&rita)
        .partner(&channel)
        .insert(c);
    PurchaseBuilder::new(&acme_pro)
        .kind(PurchaseKind::Expansion)
        .on("2025-02-03")
        .seats_added(5)
        .revenue(50_000)
        .order_number("PO-1002")
        .insert(c);
    PurchaseBuilder::new(&globex_ent)
        .on("2024-06-01")
        .revenue(1_200_000)
        .currency("USD")
        .order_number("G-77")
        .insert(c);

    DeploymentBuilder::new(&acme_pro)
        .engineer(&eve)
        .status(DeploymentStatus::Completed)
        .scheduled("2025-01-10")
        .started("2025-01-12")
        .completed("2025-01-14")
        .insert(c);
    DeploymentBuilder::new(&globex_ent)
        .scheduled("2025-03-15")
        .environment("staging")
        .notes("Waiting for the customer's VPN access.")
        .insert(c);

    let jane = PortalUserBuilder::new(&acme, "jdoe")
        .name("Jane Doe")
        .email("jane.doe@acme.example")
        .insert(c);
    PortalUserBuilder::new(&acme, "msmith")
        .name("Max Smith")
        .disabled(true)
        .created_at("2025-01-20 16:45:30")
        .insert(c);
    let gus = PortalUserBuilder::new(&globex, "g-001")
        .name("Gus Globex")
        .insert(c);
    ActivityBuilder::new(&jane)
        .at("2025-02-27 08:00:00")
        .insert(c);
    ActivityBuilder::new(&jane)
        .at("2025-02-27 09:12:44")
        .action("download")
        .detail("installer 4.2.1")
        .insert(c);
    ActivityBuilder::new(&gus)
        .at("2025-02-28 17:30:05")
        .status("failed")
        .detail("bad password")
        .insert(c);

    AuditBuilder::new("license", &acme_pro)
        .operator(admin.operator_id)
        .action("create")
        .at("2025-01-02 10:00:00")
        .change("seats", None, Some("10"))
        .change("status", None, Some("draft"))
        .insert(c);
    AuditBuilder::new("purchase", &first)
        .operator(admin.operator_id)
        .action("purchase:new")
        .at("2025-01-02 10:05:00")
        .change("revenue", None, Some("1,500.00 EUR"))
        .insert(c);
    AuditBuilder::new("license", &acme_pro)
        .operator(admin.operator_id)
        .action("purchase:expansion")
        .at("2025-02-03 11:15:00")
        .change("seats", Some("10"), Some("15"))
        .insert(c);
}

fn seeded() -> TestDb {
    let mut db = common::sqlite_db();
    seed(&mut db);
    db
}

/// Started, connected and signed in as `admin`: on the Licenses tab.
fn signed_in(db: &mut TestDb, size: (u16, u16)) -> App {
    let mut app = new_app(size);
    pump(&mut app, &mut db.conn);
    type_text(&mut app, "admin");
    press(&mut app, KeyCode::Tab);
    type_text(&mut app, PASSWORD);
    key(&mut app, db, KeyCode::Enter);
    app
}

#[test]
fn start_screens() {
    for size in SIZES {
        // The first frame, before the database is touched.
        let app = new_app(size);
        snap(&app, size, "connecting");

        // The database cannot be opened: the error the worker would send.
        let mut app = new_app(size);
        let _hello = app.drain_outbox();
        let url = lms::config::DatabaseUrl::Sqlite("/dev/null/lms.db".into());
        let error = lms::db::DbConnection::open(&url)
            .err()
            .expect("a path under /dev/null cannot be opened")
            .to_string();
        app.update(Msg::Reply(lms::tui::worker::Delivery {
            seq: 0,
            to: lms::tui::screens::ScreenId::Session,
            reply: lms::tui::worker::Reply::ConnectFailed(error),
        }));
        snap(&app, size, "connect_failed");
    }
}

#[test]
fn first_run_and_demo_offer() {
    for size in SIZES {
        let mut db = common::sqlite_db();
        let mut app = new_app(size);
        pump(&mut app, &mut db.conn);
        snap(&app, size, "first_run");
        type_text(&mut app, "Boss");
        press(&mut app, KeyCode::Tab);
        type_text(&mut app, PASSWORD);
        press(&mut app, KeyCode::Tab);
        type_text(&mut app, "something else");
        press(&mut app, KeyCode::Enter);
        snap(&app, size, "first_run_error");
        type_text(&mut app, PASSWORD);
        press(&mut app, KeyCode::Tab);
        type_text(&mut app, PASSWORD);
        key(&mut app, &mut db, KeyCode::Enter);
        snap(&app, size, "demo_offer");
    }
}

#[test]
fn sign_in() {
    let mut db = seeded();
    for size in SIZES {
        let mut app = new_app(size);
        pump(&mut app, &mut db.conn);
        snap(&app, size, "sign_in");
        type_text(&mut app, "admin");
        press(&mut app, KeyCode::Tab);
        type_text(&mut app, "not the password");
        key(&mut app, &mut db, KeyCode::Enter);
        snap(&app, size, "sign_in_error");
    }
}

#[test]
fn every_tab() {
    let mut db = seeded();
    for size in SIZES {
        let mut app = signed_in(&mut db, size);
        // The detail pane is shown by default; `d` hides it.
        snap(&app, size, "tab_1_licenses");
        key(&mut app, &mut db, KeyCode::Char('d'));
        snap(&app, size, "tab_1_licenses_without_detail");
        key(&mut app, &mut db, KeyCode::Char('d'));
        for (n, name) in [
            ('2', "companies"),
            ('3', "partners"),
            ('4', "sales_reps"),
            ('5', "purchases"),
            ('6', "deployments"),
            ('7', "engineers"),
            ('8', "portal_users"),
            ('9', "activity"),
            ('0', "dashboard"),
        ] {
            key(&mut app, &mut db, KeyCode::Char(n));
            snap(&app, size, &format!("tab_{n}_{name}"));
        }
        key(&mut app, &mut db, KeyCode::Char('c'));
        snap(&app, size, "tab_0_dashboard_charts");
    }
}

#[test]
fn audit_log_tab() {
    let mut db = seeded();
    for size in SIZES {
        let mut app = signed_in(&mut db, size);
        // Behind the Dashboard, before an admin's Operators tab: Shift-Tab twice.
        key(&mut app, &mut db, KeyCode::BackTab);
        key(&mut app, &mut db, KeyCode::BackTab);
        // The oldest change: its fields hold no time of today (the sign-in's would).
        key(&mut app, &mut db, KeyCode::Char('G'));
        snap(&app, size, "tab_audit");
        press(&mut app, KeyCode::Char('/'));
        type_text(&mut app, "action:purchase");
        key(&mut app, &mut db, KeyCode::Enter);
        snap(&app, size, "tab_audit_filtered");
        key(&mut app, &mut db, KeyCode::Char('j'));
        snap(&app, size, "tab_audit_filtered_second_row");
    }
}

#[test]
fn filter_prompt_and_help() {
    let mut db = seeded();
    for size in SIZES {
        let mut app = signed_in(&mut db, size);
        press(&mut app, KeyCode::Char('/'));
        type_text(&mut app, "acme status:bogus");
        key(&mut app, &mut db, KeyCode::Enter);
        snap(&app, size, "filter_prompt_error");
        press(&mut app, KeyCode::Esc);
        press(&mut app, KeyCode::Esc);
        pump(&mut app, &mut db.conn);
        press(&mut app, KeyCode::Char('?'));
        snap(&app, size, "help_licenses");
    }
}

#[test]
fn license_forms_and_picker() {
    let mut db = seeded();
    for size in SIZES {
        let mut app = signed_in(&mut db, size);
        key(&mut app, &mut db, KeyCode::Char('n'));
        snap(&app, size, "license_form_new");
        // The first field is the company: Enter opens its picker.
        key(&mut app, &mut db, KeyCode::Enter);
        snap(&app, size, "license_form_company_picker");
        press(&mut app, KeyCode::Esc);
        press(&mut app, KeyCode::Esc);
        pump(&mut app, &mut db.conn);

        key(&mut app, &mut db, KeyCode::Char('e'));
        snap(&app, size, "license_form_edit");
        // A bad value, saved: the field's error next to it.
        for _ in 0..4 {
            press(&mut app, KeyCode::Tab);
        }
        ctrl(&mut app, 'e');
        ctrl(&mut app, 'u');
        type_text(&mut app, "ten");
        ctrl(&mut app, 's');
        pump(&mut app, &mut db.conn);
        snap(&app, size, "license_form_edit_error");
    }
}

#[test]
fn license_workflows() {
    let mut db = seeded();
    for size in SIZES {
        let mut app = signed_in(&mut db, size);
        key(&mut app, &mut db, KeyCode::Char('s'));
        snap(&app, size, "status_menu");
        key(&mut app, &mut db, KeyCode::Esc);

        key(&mut app, &mut db, KeyCode::Char('h'));
        snap(&app, size, "history");
        key(&mut app, &mut db, KeyCode::Esc);

        // → puts the cell cursor on Company (drawn by style only: the text is unchanged);
        // Enter edits it in place, with the company picker.
        key(&mut app, &mut db, KeyCode::Right);
        snap(&app, size, "cell_cursor");
        key(&mut app, &mut db, KeyCode::Enter);
        snap(&app, size, "cell_edit_company");
        key(&mut app, &mut db, KeyCode::Esc);
        // Three more → to Seats: a text cell.
        for _ in 0..3 {
            press(&mut app, KeyCode::Right);
        }
        key(&mut app, &mut db, KeyCode::Enter);
        snap(&app, size, "cell_edit_seats");
        key(&mut app, &mut db, KeyCode::Esc);

        key(&mut app, &mut db, KeyCode::Char('p'));
        snap(&app, size, "purchase_form");
        key(&mut app, &mut db, KeyCode::Esc);

        key(&mut app, &mut db, KeyCode::Char('S'));
        snap(&app, size, "deployment_form");
        key(&mut app, &mut db, KeyCode::Esc);

        // An active license is not deleted: the refusal comes before any question.
        key(&mut app, &mut db, KeyCode::Delete);
        snap(&app, size, "delete_refused");
        // The draft LIC-000003: asked first.
        key(&mut app, &mut db, KeyCode::Char('j'));
        key(&mut app, &mut db, KeyCode::Char('j'));
        key(&mut app, &mut db, KeyCode::Delete);
        snap(&app, size, "delete_confirmation");
        key(&mut app, &mut db, KeyCode::Char('n'));
        snap(&app, size, "delete_declined");
    }
}

#[test]
fn operators_tab() {
    let mut db = seeded();
    for size in SIZES {
        let mut app = signed_in(&mut db, size);
        // The last tab, an admin's only.
        key(&mut app, &mut db, KeyCode::BackTab);
        snap(&app, size, "tab_operators");
        key(&mut app, &mut db, KeyCode::Char('j'));
        key(&mut app, &mut db, KeyCode::Char('c'));
        snap(&app, size, "operators_role_menu");
        key(&mut app, &mut db, KeyCode::Esc);
        key(&mut app, &mut db, KeyCode::Char('n'));
        type_text(&mut app, "new\u{202e}name");
        key(&mut app, &mut db, KeyCode::Enter);
        snap(&app, size, "operators_new_form_error");
        key(&mut app, &mut db, KeyCode::Esc);
    }
}
