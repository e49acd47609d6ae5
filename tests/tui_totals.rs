//! Money totals on a list's bottom line are never cut: the currencies that fit, then
//! "+N more · T totals"; `T` opens a popup with every currency's total (Purchases, and
//! Licenses under the expiring filter). Rendered at 80x24 and driven by keys on both
//! backends.
#![allow(clippy::unwrap_used, clippy::expect_used)]

mod common;

use chrono::NaiveDate;
use ratatui::crossterm::event::KeyCode;

use common::TestDb;
use common::builders::{CompanyBuilder, LicenseBuilder, ProductBuilder, PurchaseBuilder};
use lms::tui::app::App;
use lms::tui::driver::{press, pump, screen_text};

/// Twelve currencies, so the 80-column bottom line cannot hold them all.
const CURRENCIES: [&str; 12] = [
    "AUD", "BHD", "CAD", "CHF", "CNY", "DKK", "EUR", "GBP", "JPY", "NOK", "SEK", "USD",
];

fn today() -> NaiveDate {
    NaiveDate::from_ymd_opt(2025, 3, 1).unwrap()
}

/// A license ending soon per currency, each with one purchase in it.
fn seed(db: &mut TestDb) {
    let c = &mut db.conn;
    let product = ProductBuilder::new("LMS-STD").insert(c);
    let company = CompanyBuilder::new("Acme GmbH").insert(c);
    for (i, code) in CURRENCIES.iter().enumerate() {
        let license = LicenseBuilder::new()
            .company(&company)
            .product(&product)
            .starts("2024-04-01")
            .ends("2025-03-20")
            .insert(c);
        PurchaseBuilder::new(&license)
            .on("2024-04-01")
            .revenue(1_234_567 * (i64::try_from(i).unwrap() + 1))
            .currency(code)
            .insert(c);
    }
}

/// Signed in as an admin, on tab `tab`, everything fetched.
fn start(db: &mut TestDb, size: (u16, u16), tab: char) -> App {
    let mut app = common::forms::admin_app(db, size, today());
    key(&mut app, db, KeyCode::Char(tab));
    app
}

fn key(app: &mut App, db: &mut TestDb, code: KeyCode) {
    press(app, code);
    pump(app, &mut db.conn);
}

fn text(app: &App) -> String {
    screen_text(app, app.area.width, app.area.height)
}

/// The bottom border of the list: where the position is.
fn bottom_line(screen: &str) -> &str {
    screen
        .lines()
        .find(|l| l.contains(" row 1 of "))
        .unwrap_or_else(|| panic!("no position line:\n{screen}"))
}

/// The popup titled `title` alone: its lines, cut at its borders (the list around it
/// shows amounts too).
fn popup(screen: &str, title: &str) -> String {
    let lines: Vec<Vec<char>> = screen.lines().map(|l| l.chars().collect()).collect();
    let top = lines
        .iter()
        .position(|l| l.iter().collect::<String>().contains(title))
        .unwrap_or_else(|| panic!("no popup {title:?}:\n{screen}"));
    let left = lines[top].iter().position(|c| *c == '┌').unwrap();
    let right = lines[top].iter().position(|c| *c == '┐').unwrap();
    lines[top..]
        .iter()
        .take_while(|l| l.get(left) != Some(&'└'))
        .map(|l| l[left..=right].iter().collect::<String>() + "\n")
        .collect()
}

#[test]
fn purchases_footer_names_the_rest_and_t_lists_them_all() {
    let mut db = common::sqlite_db();
    seed(&mut db);
    let mut app = start(&mut db, (80, 24), '6');
    assert_eq!(app.screen_name(), "Purchases");
    let screen = text(&app);
    let bottom = bottom_line(&screen);
    assert!(bottom.contains(" more · T totals"), "{screen}");
    assert!(!bottom.contains('…'), "nothing cut: {screen}");
    insta::assert_snapshot!("purchases_totals_hint@80x24", screen);

    key(&mut app, &mut db, KeyCode::Char('T'));
    let screen = text(&app);
    insta::assert_snapshot!("purchases_totals_popup@80x24", screen);
}

#[test]
fn the_totals_popup_lists_every_currency() {
    common::each_backend(|db| {
        seed(db);
        let mut app = start(db, (80, 24), '6');
        // Every currency's total is reachable by scrolling the popup; none is dropped.
        key(&mut app, db, KeyCode::Char('T'));
        let mut seen = String::new();
        for _ in 0..CURRENCIES.len() {
            seen.push_str(&popup(&text(&app), "Revenue · 12 currencies"));
            key(&mut app, db, KeyCode::Char('j'));
        }
        for (i, code) in CURRENCIES.iter().enumerate() {
            let n = i64::try_from(i).unwrap() + 1;
            let amount = lms::tui::format::money(1_234_567 * n, code);
            assert!(seen.contains(&amount), "{amount} on {}:\n{seen}", db.name());
        }
        // The popup has the keys: `q` closes it, not the app.
        key(&mut app, db, KeyCode::Char('q'));
        assert!(!app.quit);
        assert!(!text(&app).contains("Revenue · 12 currencies"));
        // `?` lists the key.
        key(&mut app, db, KeyCode::Char('?'));
        let mut help = String::new();
        for _ in 0..30 {
            help.push_str(&text(&app));
            press(&mut app, KeyCode::Char('j'));
        }
        assert!(
            help.contains("all revenue totals, one per currency"),
            "{help}"
        );
        key(&mut app, db, KeyCode::Esc);

        // Licenses: the expiring filter's last-purchase totals, the same way.
        key(&mut app, db, KeyCode::Char('1'));
        key(&mut app, db, KeyCode::Char('x'));
        let screen = text(&app);
        assert!(
            bottom_line(&screen).contains(" more · T totals"),
            "{screen}"
        );
        key(&mut app, db, KeyCode::Char('T'));
        let shown = popup(&text(&app), "Last-purchase revenue · 12 currencies");
        assert!(shown.contains("12,345.67 AUD"), "{shown}");
        key(&mut app, db, KeyCode::Esc);
        assert!(!text(&app).contains("Last-purchase revenue ·"));
    });
}
