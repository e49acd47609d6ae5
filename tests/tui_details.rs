//! The entity tabs' detail panes, driven by keys: each pane at 80x24 (insta snapshots,
//! fixed `today` and data), the pane following the selection, hostile names shown
//! neutralised, the jump keys in the `?` help, and `Enter` / `u` switching to the
//! related list already filtered.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::too_many_lines)]

mod common;

use chrono::{Local, NaiveDate, TimeZone};
use diesel::RunQueryDsl;
use ratatui::crossterm::event::KeyCode;
use ratatui::layout::Rect;

use common::TestDb;
use common::builders::{
    ActivityBuilder, CompanyBuilder, DeploymentBuilder, EngineerBuilder, LicenseBuilder,
    PartnerBuilder, PortalUserBuilder, ProductBuilder, PurchaseBuilder, SalesRepBuilder, ts,
};
use lms::domain::{DeploymentStatus, LicenseStatus, PurchaseKind, Role};
use lms::service::operators;
use lms::tui::app::App;
use lms::tui::driver::{press, pump, screen_text};
use lms::tui::screens::list::List;
use lms::tui::theme::Theme;

const W: u16 = 80;
const H: u16 = 24;

/// Control, bidi override, zero-width, wide and emoji characters in one name.
const HOSTILE: &str = "Evil\u{202E}Corp\u{1b}[2J 株式会社 🚀\u{200B}";

fn today() -> NaiveDate {
    NaiveDate::from_ymd_opt(2025, 3, 1).unwrap()
}

/// The activity times, shown in local time: put back to UTC for the snapshots.
const TIMES: &[&str] = &["2025-02-27 09:12:44", "2025-02-20 10:00:00"];

fn snap(app: &App, name: &str) {
    let filters: Vec<(String, String)> = TIMES
        .iter()
        .map(|utc| {
            let local = Local
                .from_utc_datetime(&ts(utc))
                .format("%Y-%m-%d %H:%M:%S")
                .to_string();
            (local, (*utc).to_owned())
        })
        .filter(|(a, b)| a != b)
        .collect();
    let filters: Vec<(&str, &str)> = filters
        .iter()
        .map(|(a, b)| (a.as_str(), b.as_str()))
        .collect();
    insta::with_settings!({ filters => filters }, {
        insta::assert_snapshot!(name, screen_text(app, W, H));
    });
}

/// Two rows on every entity tab: an ordinary one first, then one with a hostile name.
fn seed(db: &mut TestDb) {
    let c = &mut db.conn;
    operators::add(c, None, "admin", common::forms::PASSWORD, Role::Admin).unwrap();
    let acme = CompanyBuilder::new("Acme GmbH").insert(c);
    let evil = CompanyBuilder::new(HOSTILE).insert(c);
    let other = CompanyBuilder::new("Other Ltd").insert(c);
    let channel = PartnerBuilder::new("Channel AG").insert(c);
    PartnerBuilder::new("Bidi\u{2067}Partner\u{2069}").insert(c);
    let rita = SalesRepBuilder::new("Rita Rep").insert(c);
    SalesRepBuilder::new("山田太郎 👩‍💻").insert(c);
    let pro = ProductBuilder::new("PRO").name("Professional").insert(c);
    ProductBuilder::new("ENT")
        .name("Ent\u{202E}erprise\u{7}")
        .insert(c);
    let eve = EngineerBuilder::new("Eve Engineer").insert(c);
    EngineerBuilder::new("Ctl\u{1b}]0;pwned\u{7}Eng").insert(c);

    let l1 = LicenseBuilder::new()
        .company(&acme)
        .product(&pro)
        .partner(&channel)
        .sales_rep(&rita)
        .seats(10)
        .starts("2025-01-01")
        .ends("2025-12-31")
        .insert(c);
    LicenseBuilder::new()
        .company(&acme)
        .product(&pro)
        .seats(5)
        .status(LicenseStatus::Suspended)
        .insert(c);
    let l3 = LicenseBuilder::new()
        .company(&evil)
        .product(&pro)
        .unlimited()
        .starts("2024-06-01")
        .ends("2026-05-31")
        .insert(c);
    LicenseBuilder::new()
        .company(&other)
        .product(&pro)
        .insert(c);
    PurchaseBuilder::new(&l1)
        .on("2025-01-02")
        .revenue(150_000)
        .partner(&channel)
        .sales_rep(&rita)
        .insert(c);
    PurchaseBuilder::new(&l1)
        .kind(PurchaseKind::Expansion)
        .on("2025-02-03")
        .revenue(25_000)
        .currency("USD")
        .partner(&channel)
        .sales_rep(&rita)
        .insert(c);
    PurchaseBuilder::new(&l3)
        .on("2024-06-01")
        .revenue(1_200_000)
        .currency("JPY")
        .insert(c);
    DeploymentBuilder::new(&l1)
        .engineer(&eve)
        .status(DeploymentStatus::Completed)
        .completed("2025-01-14")
        .insert(c);
    DeploymentBuilder::new(&l1).engineer(&eve).insert(c);
    DeploymentBuilder::new(&l3).insert(c);

    let jane = PortalUserBuilder::new(&acme, "jdoe")
        .name("Jane Doe")
        .email("jane.doe@acme.example")
        .insert(c);
    let bad = PortalUserBuilder::new(&evil, "x")
        .email("evil\u{202E}moc.elpmaxe@x")
        .insert(c);
    PortalUserBuilder::new(&acme, "old")
        .disabled(true)
        .insert(c);
    ActivityBuilder::new(&jane)
        .at("2025-02-20 10:00:00")
        .insert(c);
    ActivityBuilder::new(&jane)
        .at("2025-02-27 09:12:44")
        .action("download")
        .insert(c);
    ActivityBuilder::new(&bad)
        .at("2025-02-20 10:00:00")
        .insert(c);
}

fn signed_in(db: &mut TestDb) -> App {
    let app = App::new(
        "SQLite /var/lib/lms/lms.db".to_owned(),
        Rect::new(0, 0, W, H),
        today(),
        Theme::plain(),
    );
    common::forms::sign_in(app, &mut db.conn, "admin")
}

fn key(app: &mut App, db: &mut TestDb, code: KeyCode) {
    press(app, code);
    pump(app, &mut db.conn);
}

/// Goes to the tab titled `title` (tabs 1-9, then 0 for the tenth).
fn tab(app: &mut App, db: &mut TestDb, digit: char, title: &str) {
    key(app, db, KeyCode::Char(digit));
    assert_eq!(app.screen_name(), title);
}

fn list(app: &App) -> &List {
    common::screens::list(app).expect("the active tab shows a list")
}

fn status(app: &App) -> String {
    app.status
        .as_ref()
        .map(|s| s.text.clone())
        .unwrap_or_default()
}

/// The cells of column `column` of the rows on screen.
fn column(app: &App, column: usize) -> Vec<String> {
    list(app)
        .tab
        .page
        .as_ref()
        .map(|p| {
            p.rows
                .iter()
                .map(|r| lms::tui::format::cell(&r.cells[column]))
                .collect()
        })
        .unwrap_or_default()
}

/// Nothing a terminal would act on reaches the screen: no control or bidi characters.
fn assert_neutral(screen: &str) {
    for c in screen.chars() {
        let bidi = matches!(
            c,
            '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}' | '\u{200E}' | '\u{200F}'
        );
        let control = c.is_control() && c != '\n';
        assert!(!(bidi || control), "{c:?} on screen:\n{screen}");
    }
}

#[test]
fn each_pane_at_80x24() {
    let mut db = common::sqlite_db();
    seed(&mut db);
    let mut app = signed_in(&mut db);
    for (digit, title, name) in [
        ('2', "Companies", "company"),
        ('3', "Partners", "partner"),
        ('4', "Sales reps", "sales_rep"),
        ('5', "Product codes", "product_code"),
        ('8', "Engineers", "engineer"),
        ('9', "Portal users", "portal_user"),
    ] {
        tab(&mut app, &mut db, digit, title);
        snap(&app, &format!("detail_{name}"));
        // The pane follows the selection: the second row, with its hostile name.
        key(&mut app, &mut db, KeyCode::Char('j'));
        let screen = screen_text(&app, W, H);
        assert_neutral(&screen);
        assert!(!screen.contains("loading…"), "{title}:\n{screen}");
        snap(&app, &format!("detail_{name}_hostile"));
    }
}

#[test]
fn the_pane_reads_again_after_a_reload_and_a_change_elsewhere() {
    let mut db = common::sqlite_db();
    seed(&mut db);
    let mut app = signed_in(&mut db);
    tab(&mut app, &mut db, '3', "Partners");
    assert!(screen_text(&app, W, H).contains("Licenses     1"));
    LicenseBuilder::new()
        .company(3)
        .product(1)
        .partner(1)
        .insert(&mut db.conn);
    common::forms::ctrl(&mut app, 'r');
    pump(&mut app, &mut db.conn);
    let screen = screen_text(&app, W, H);
    assert!(screen.contains("Licenses     2"), "{screen}");
    assert!(screen.contains("Companies    2 served"), "{screen}");
}

/// Another operator's save, then `Ctrl-R` on the Licenses tab: the license pane shows
/// the new record at once, without the cursor moving (issue 15, item 1).
#[test]
fn ctrl_r_refreshes_the_license_pane_too() {
    use diesel::RunQueryDsl;
    let mut db = common::sqlite_db();
    seed(&mut db);
    let mut app = signed_in(&mut db);
    tab(&mut app, &mut db, '1', "Licenses");
    let seats = |app: &App| {
        screen_text(app, W, H)
            .lines()
            .find_map(|l| {
                l.split("│Seats ")
                    .nth(1)
                    .map(|v| v.split_whitespace().next().unwrap_or("").to_owned())
            })
            .unwrap_or_default()
    };
    let before = seats(&app);
    assert!(!before.is_empty(), "{}", screen_text(&app, W, H));
    assert_ne!(before, "211");
    diesel::sql_query(
        "UPDATE licenses SET seats = 211, version = version + 1 \
         WHERE id = (SELECT MIN(id) FROM licenses)",
    )
    .execute(&mut db.conn)
    .unwrap();
    common::forms::ctrl(&mut app, 'r');
    pump(&mut app, &mut db.conn);
    let screen = screen_text(&app, W, H);
    assert_eq!(seats(&app), "211", "{screen}");
    assert!(!screen.contains("loading…"), "{screen}");
}

#[test]
fn the_jump_keys_are_in_the_help() {
    let mut db = common::sqlite_db();
    seed(&mut db);
    let mut app = signed_in(&mut db);
    tab(&mut app, &mut db, '2', "Companies");
    press(&mut app, KeyCode::Char('?'));
    let help = screen_text(&app, W, 60);
    assert!(help.contains("Enter"), "{help}");
    assert!(help.contains("the company's licenses"), "{help}");
    assert!(help.contains("the company's portal users"), "{help}");
    press(&mut app, KeyCode::Esc);
    tab(&mut app, &mut db, '8', "Engineers");
    press(&mut app, KeyCode::Char('?'));
    let help = screen_text(&app, W, 60);
    assert!(help.contains("the engineer's deployments"), "{help}");
}

#[test]
fn enter_shows_the_related_list_filtered() {
    common::each_backend(|db| {
        seed(db);
        let mut app = signed_in(db);
        for (digit, title, target, filter, col, want) in [
            (
                '2',
                "Companies",
                "Licenses",
                format!("company:#{}", id_of(db, "companies", "Acme GmbH")),
                1,
                "Acme GmbH",
            ),
            (
                '3',
                "Partners",
                "Licenses",
                format!("partner:#{}", id_of(db, "partners", "Channel AG")),
                7,
                "Channel AG",
            ),
            (
                '4',
                "Sales reps",
                "Licenses",
                format!("rep:#{}", id_of(db, "sales_reps", "Rita Rep")),
                8,
                "Rita Rep",
            ),
            (
                '8',
                "Engineers",
                "Deployments",
                format!("engineer:#{}", id_of(db, "engineers", "Eve Engineer")),
                2,
                "Eve Engineer",
            ),
        ] {
            tab(&mut app, db, digit, title);
            key(&mut app, db, KeyCode::Enter);
            assert_eq!(app.screen_name(), target, "{title} {}", status(&app));
            assert_eq!(list(&app).tab.filter_text, filter);
            let cells = column(&app, col);
            assert!(!cells.is_empty(), "{title}: nothing shown");
            assert!(cells.iter().all(|c| c == want), "{title}: {cells:?}");
            assert!(screen_text(&app, W, H).contains(&format!("/ {filter}")));
        }
        // All four licenses are PRO's.
        tab(&mut app, db, '5', "Product codes");
        key(&mut app, db, KeyCode::Enter);
        assert_eq!(app.screen_name(), "Licenses");
        let pro = diesel::sql_query("SELECT id FROM product_codes WHERE code = 'PRO'")
            .get_result::<Id>(&mut db.conn)
            .unwrap()
            .id;
        assert_eq!(list(&app).tab.filter_text, format!("product:#{pro}"));
        assert_eq!(list(&app).tab.total, Some(4));
        // The Licenses tab stays filtered until cleared.
        key(&mut app, db, KeyCode::Esc);
        assert_eq!(list(&app).tab.filter_text, "");
    });
}

/// The jump names the company by id, so a name holding escapes, quotes and controls
/// selects exactly its own licenses.
#[test]
fn a_hostile_name_jumps_by_id_to_its_own_licenses() {
    common::each_backend(|db| {
        seed(db);
        let mut app = signed_in(db);
        tab(&mut app, db, '2', "Companies");
        key(&mut app, db, KeyCode::Char('j'));
        key(&mut app, db, KeyCode::Enter);
        assert_eq!(app.screen_name(), "Licenses");
        let evil = id_of(db, "companies", HOSTILE);
        assert_eq!(list(&app).tab.filter_text, format!("company:#{evil}"));
        assert_eq!(list(&app).tab.total, Some(1), "{}", status(&app));
        let cells = column(&app, 1);
        assert_eq!(cells.len(), 1);
        assert!(cells[0].starts_with("Evil"), "{cells:?}");
        assert_neutral(&screen_text(&app, W, H));
    });
}

#[derive(diesel::QueryableByName)]
struct Id {
    #[diesel(sql_type = diesel::sql_types::BigInt)]
    id: i64,
}

/// The id of the row of `table` named `name`.
fn id_of(db: &mut TestDb, table: &str, name: &str) -> i64 {
    diesel::sql_query(format!("SELECT id FROM {table} WHERE name = ?"))
        .bind::<diesel::sql_types::Text, _>(name)
        .get_result::<Id>(&mut db.conn)
        .unwrap()
        .id
}

/// `u` on a company and `Enter` on a portal user: the Portal users and Activity lists,
/// filtered to exactly that company and user.
#[test]
fn u_and_enter_filter_portal_users_and_activity() {
    common::each_backend(|db| {
        seed(db);
        let mut app = signed_in(db);
        tab(&mut app, db, '2', "Companies");
        key(&mut app, db, KeyCode::Char('u'));
        assert_eq!(app.screen_name(), "Portal users");
        let acme = id_of(db, "companies", "Acme GmbH");
        assert_eq!(
            list(&app).tab.filter_text,
            format!("company:#{acme}"),
            "{}",
            status(&app)
        );
        assert_eq!(list(&app).tab.total, Some(2));
        tab(&mut app, db, '9', "Portal users");
        key(&mut app, db, KeyCode::Char('g'));
        key(&mut app, db, KeyCode::Enter);
        assert_eq!(app.screen_name(), "Activity");
        let jane =
            diesel::sql_query("SELECT id FROM portal_users WHERE email = 'jane.doe@acme.example'")
                .get_result::<Id>(&mut db.conn)
                .unwrap()
                .id;
        assert_eq!(
            list(&app).tab.filter_text,
            format!("user:#{jane}"),
            "{}",
            status(&app)
        );
        assert_eq!(list(&app).tab.total, Some(2));
    });
}
