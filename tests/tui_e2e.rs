//! The real app driven by key events against a real database file: keys go through
//! `App::update` exactly as in the terminal loop, the requests it queues run synchronously
//! through `worker::execute`, and the replies are fed back as messages.
#![allow(clippy::unwrap_used, clippy::expect_used)]

mod common;

use chrono::NaiveDate;
use diesel::prelude::*;
use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use ratatui::layout::Rect;

use lms::db::DbConnection;
use lms::db::models::{NewCompany, NewLicense, NewProductCode};
use lms::db::schema::{companies, licenses, product_codes};
use lms::domain::{Role, license_key};
use lms::service::demo::DemoSize;
use lms::service::{ServiceError, operators, sessions};
use lms::tui::app::{self, App};
use lms::tui::driver;
use lms::tui::driver::{press, pump, type_text};
use lms::tui::event::Msg;
use lms::tui::keys::RouterKeys;
use lms::tui::screens::demo::DemoScreen;
use lms::tui::screens::demo::DemoState;
use lms::tui::screens::first_run::FirstRunScreen;
use lms::tui::screens::login::LoginScreen;
use lms::tui::screens::operators::{Dialog, OperatorsScreen};
use lms::tui::screens::password::PasswordScreen;
use lms::tui::screens::start::StartScreen;
use lms::tui::theme::Theme;

const W: u16 = 80;
const H: u16 = 24;
const PASSWORD: &str = "correct horse 1";

fn today() -> NaiveDate {
    NaiveDate::from_ymd_opt(2025, 3, 1).unwrap()
}

fn screen_text(app: &App) -> String {
    driver::screen_text(app, W, H)
}

fn start(db: &mut common::TestDb) -> App {
    let mut app = App::new(
        app::db_label(&db.url),
        Rect::new(0, 0, W, H),
        today(),
        Theme::plain(),
    );
    assert_eq!(app.screen::<StartScreen>(), Some(&StartScreen::Connecting));
    pump(&mut app, &mut db.conn);
    app
}

/// A company, a product code and `n` licenses with keys LIC-000001.., inserted directly.
fn seed_licenses(conn: &mut DbConnection, n: i64) {
    let at = lms::db::now();
    diesel::insert_into(companies::table)
        .values(&NewCompany {
            id: Some(1),
            name: "Acme GmbH".into(),
            country: "DE".into(),
            contact_email: "ops@acme.example".into(),
            notes: String::new(),
            created_at: at,
            updated_at: at,
        })
        .execute(conn)
        .unwrap();
    diesel::insert_into(product_codes::table)
        .values(&NewProductCode {
            id: Some(1),
            code: "PRO".into(),
            name: "Professional".into(),
            description: String::new(),
            created_at: at,
            updated_at: at,
        })
        .execute(conn)
        .unwrap();
    for id in 1..=n {
        diesel::insert_into(licenses::table)
            .values(&NewLicense {
                license_key: license_key(id),
                company_id: 1,
                product_code_id: 1,
                partner_id: None,
                sales_rep_id: None,
                seats: Some(10),
                start_date: NaiveDate::from_ymd_opt(2025, 1, 1).unwrap(),
                end_date: NaiveDate::from_ymd_opt(2025, 12, 31).unwrap(),
                status: "active".into(),
                notes: String::new(),
                created_at: at,
                updated_at: at,
            })
            .execute(conn)
            .unwrap();
    }
}

fn demo_state(app: &App) -> Option<&DemoState> {
    app.screen::<DemoScreen>().map(|d| &d.state)
}

fn selected_key(app: &App) -> String {
    let list = common::screens::list(app).expect("a list on screen");
    lms::tui::format::cell(&list.tab.selected_row().unwrap().cells[0])
}

fn first_key_on_page(app: &App) -> String {
    let list = common::screens::list(app).expect("a list on screen");
    lms::tui::format::cell(&list.tab.page.as_ref().unwrap().rows[0].cells[0])
}

fn sign_in(app: &mut App, conn: &mut DbConnection, password: &str) {
    sign_in_as(app, conn, "admin", password);
}

fn sign_in_as(app: &mut App, conn: &mut DbConnection, username: &str, password: &str) {
    assert!(app.screen::<LoginScreen>().is_some(), "{:?}", app.phase);
    type_text(app, username);
    press(app, KeyCode::Tab);
    type_text(app, password);
    press(app, KeyCode::Enter);
    pump(app, conn);
}

#[test]
fn login_browse_page_help_quit() {
    common::each_backend(login_browse_page_help_quit_on);
}

fn login_browse_page_help_quit_on(db: &mut common::TestDb) {
    operators::add(&mut db.conn, None, "admin", PASSWORD, Role::Admin).unwrap();
    seed_licenses(&mut db.conn, 60);
    let mut app = start(db);
    sign_in(&mut app, &mut db.conn, PASSWORD);
    assert!(common::screens::on_main(&app), "{:?}", app.phase);
    assert_eq!(app.screen_name(), "Licenses");
    assert_eq!(selected_key(&app), "LIC-000001");
    let limit = common::screens::list(&app).unwrap().limit;
    assert_eq!(limit, 9, "80x24 with the detail pane shows 9 rows");

    for _ in 0..3 {
        press(&mut app, KeyCode::Char('j'));
        pump(&mut app, &mut db.conn);
    }
    assert_eq!(selected_key(&app), "LIC-000004");
    let screen = screen_text(&app);
    assert!(screen.contains("> LIC-000004"), "{screen}");
    assert!(screen.contains("row 4 of 60"), "{screen}");
    assert!(screen.contains(" LIC-000004 · active "), "{screen}");
    assert!(screen.contains("Acme GmbH"), "{screen}");
    let status = format!(" admin (admin) │ {} │", db.name());
    assert!(screen.contains(&status), "{screen}");

    press(&mut app, KeyCode::PageDown);
    pump(&mut app, &mut db.conn);
    assert_eq!(first_key_on_page(&app), "LIC-000010");
    assert_eq!(selected_key(&app), "LIC-000013");
    let screen = screen_text(&app);
    assert!(screen.contains("> LIC-000013"), "{screen}");
    assert!(screen.contains("row 13 of 60"), "{screen}");
    assert!(!screen.contains("LIC-000004"), "{screen}");

    // Off the end of a page with j, back with k.
    for _ in 0..6 {
        press(&mut app, KeyCode::Down);
        pump(&mut app, &mut db.conn);
    }
    assert_eq!(selected_key(&app), "LIC-000019");
    assert_eq!(first_key_on_page(&app), "LIC-000019");
    press(&mut app, KeyCode::Char('k'));
    pump(&mut app, &mut db.conn);
    assert_eq!(selected_key(&app), "LIC-000018");
    assert!(screen_text(&app).contains("row 18 of 60"));

    // Last and first.
    press(&mut app, KeyCode::Char('G'));
    pump(&mut app, &mut db.conn);
    assert_eq!(selected_key(&app), "LIC-000060");
    assert!(screen_text(&app).contains("row 60 of 60"));
    press(&mut app, KeyCode::PageUp);
    pump(&mut app, &mut db.conn);
    assert!(screen_text(&app).contains("row 51 of 60"));
    press(&mut app, KeyCode::Home);
    pump(&mut app, &mut db.conn);
    assert_eq!(selected_key(&app), "LIC-000001");

    // Another tab keeps its own position; the licenses tab keeps its row.
    press(&mut app, KeyCode::Char('j'));
    press(&mut app, KeyCode::Char('2'));
    pump(&mut app, &mut db.conn);
    assert_eq!(app.screen_name(), "Companies");
    let screen = screen_text(&app);
    assert!(
        screen.contains("Acme GmbH") && screen.contains("row 1 of 1"),
        "{screen}"
    );
    press(&mut app, KeyCode::BackTab);
    pump(&mut app, &mut db.conn);
    assert_eq!(selected_key(&app), "LIC-000002");

    // A reply for a tab already left is dropped.
    press(&mut app, KeyCode::End);
    press(&mut app, KeyCode::Tab);
    pump(&mut app, &mut db.conn);
    press(&mut app, KeyCode::Char('1'));
    pump(&mut app, &mut db.conn);
    assert_eq!(selected_key(&app), "LIC-000002");

    // In the main screen q quits; first the help overlay.
    press(&mut app, KeyCode::Char('?'));
    assert!(app.help);
    let screen = screen_text(&app);
    assert!(screen.contains("Keys · Licenses"), "{screen}");
    assert!(screen.contains("next page"), "{screen}");
    press(&mut app, KeyCode::Char('q'));
    assert!(!app.help && !app.quit, "q closes the help first");
    press(&mut app, KeyCode::Char('q'));
    assert!(app.quit);
}

#[test]
fn wrong_password_gives_the_generic_error() {
    common::each_backend(wrong_password_on);
}

fn wrong_password_on(db: &mut common::TestDb) {
    operators::add(&mut db.conn, None, "admin", PASSWORD, Role::Admin).unwrap();
    let mut app = start(db);
    sign_in(&mut app, &mut db.conn, "not the password");
    let Some(LoginScreen { form, .. }) = app.screen::<LoginScreen>() else {
        panic!("still on the login screen: {:?}", app.phase);
    };
    let generic = ServiceError::BadCredentials.to_string();
    assert_eq!(form.error.as_deref(), Some(generic.as_str()));
    assert_eq!(form.value(lms::tui::screens::login::PASSWORD), "");
    let screen = screen_text(&app);
    assert!(screen.contains(&format!("error: {generic}")), "{screen}");
    // q is a letter in the input; Esc leaves the input, then q quits.
    press(&mut app, KeyCode::Char('q'));
    assert!(!app.quit);
    press(&mut app, KeyCode::Esc);
    press(&mut app, KeyCode::Char('q'));
    assert!(app.quit);
}

#[test]
fn first_run_creates_the_admin_and_loads_demo_data() {
    common::each_backend(first_run_on);
}

fn first_run_on(db: &mut common::TestDb) {
    let mut app = start(db);
    assert!(app.screen::<FirstRunScreen>().is_some(), "{:?}", app.phase);
    app.demo_size = DemoSize {
        companies: 5,
        partners: 2,
        sales_reps: 2,
        engineers: 2,
        product_codes: 3,
        licenses: 30,
        portal_users: 10,
        activity_rows: 100,
        activity_days: 7,
        seed: 7,
    };
    type_text(&mut app, "Boss");
    press(&mut app, KeyCode::Tab);
    type_text(&mut app, PASSWORD);
    press(&mut app, KeyCode::Tab);
    type_text(&mut app, "something else");
    press(&mut app, KeyCode::Enter);
    assert!(
        app.drain_outbox().is_empty(),
        "mismatched passwords are not sent"
    );
    assert!(screen_text(&app).contains("error: the two passwords differ"));
    // Too short: the domain's own message; the passwords are cleared, the focus on them.
    type_text(&mut app, "short");
    press(&mut app, KeyCode::Tab);
    type_text(&mut app, "short");
    press(&mut app, KeyCode::Enter);
    assert!(app.drain_outbox().is_empty());
    assert!(screen_text(&app).contains("error: password must be at least 10 characters"));
    type_text(&mut app, PASSWORD);
    press(&mut app, KeyCode::Tab);
    type_text(&mut app, PASSWORD);
    press(&mut app, KeyCode::Enter);
    pump(&mut app, &mut db.conn);
    assert_eq!(
        app.actor.as_ref().map(|a| a.username.as_str()),
        Some("boss")
    );
    assert!(matches!(demo_state(&app), Some(DemoState::Offer)));
    assert!(screen_text(&app).contains("Load demo data now?"));

    press(&mut app, KeyCode::Char('y'));
    assert!(matches!(demo_state(&app), Some(DemoState::Running { .. })));
    assert!(app.busy());
    pump(&mut app, &mut db.conn);
    let Some(DemoState::Done(report)) = demo_state(&app) else {
        panic!("demo done: {:?}", app.phase);
    };
    assert_eq!(report.count("licenses"), 30);
    let screen = screen_text(&app);
    assert!(screen.contains("Demo data loaded"), "{screen}");
    press(&mut app, KeyCode::Enter);
    pump(&mut app, &mut db.conn);
    assert_eq!(app.screen_name(), "Licenses");
    let screen = screen_text(&app);
    assert!(screen.contains("row 1 of 30"), "{screen}");
    assert!(screen.contains("> LIC-"), "{screen}");
    // The admin exists for the next start, which shows the login screen.
    let mut again = start(db);
    assert!(again.screen::<LoginScreen>().is_some());
    // The username field has the keys: only F1 and Ctrl-C are the router's.
    assert_eq!(again.router_keys(), RouterKeys::None);
    again.update(Msg::Key(KeyEvent::new(
        KeyCode::Char('c'),
        KeyModifiers::CONTROL,
    )));
    assert!(again.quit, "Ctrl-C quits from a text input");
}

#[test]
fn filter_sort_and_expiring_keys() {
    common::each_backend(filter_sort_and_expiring_keys_on);
}

fn filter_sort_and_expiring_keys_on(db: &mut common::TestDb) {
    operators::add(&mut db.conn, None, "admin", PASSWORD, Role::Admin).unwrap();
    seed_licenses(&mut db.conn, 60);
    let mut app = start(db);
    sign_in(&mut app, &mut db.conn, PASSWORD);
    assert!(screen_text(&app).contains("License ↑"));

    // A free word, applied with Enter: only LIC-000010..19 contain "LIC-00001".
    press(&mut app, KeyCode::Char('/'));
    type_text(&mut app, "lic-00001");
    assert!(screen_text(&app).contains("filter / lic-00001"));
    press(&mut app, KeyCode::Enter);
    pump(&mut app, &mut db.conn);
    let screen = screen_text(&app);
    assert!(screen.contains("row 1 of 10 matching"), "{screen}");
    assert!(screen.contains("/ lic-00001"), "{screen}");
    assert_eq!(selected_key(&app), "LIC-000010");

    // Reverse, then sort by the next column (company: one name, so the id decides).
    press(&mut app, KeyCode::Char('r'));
    pump(&mut app, &mut db.conn);
    assert_eq!(selected_key(&app), "LIC-000019");
    assert!(screen_text(&app).contains("License ↓"));
    press(&mut app, KeyCode::Char('>'));
    pump(&mut app, &mut db.conn);
    assert!(screen_text(&app).contains("Company ↓"));
    assert_eq!(selected_key(&app), "LIC-000019");

    // The filter and sort stay while another tab is visited.
    press(&mut app, KeyCode::Char('2'));
    pump(&mut app, &mut db.conn);
    press(&mut app, KeyCode::Char('1'));
    pump(&mut app, &mut db.conn);
    assert!(screen_text(&app).contains("row 1 of 10 matching"));

    // A bad filter is explained and stays in the prompt to be corrected.
    press(&mut app, KeyCode::Char('/'));
    type_text(&mut app, " status:bogus");
    press(&mut app, KeyCode::Enter);
    pump(&mut app, &mut db.conn);
    let screen = screen_text(&app);
    assert!(
        screen.contains("unknown license status \"bogus\""),
        "{screen}"
    );
    assert!(
        screen.contains("filter / lic-00001 status:bogus"),
        "{screen}"
    );
    press(&mut app, KeyCode::Esc);
    assert!(screen_text(&app).contains("row 1 of 10 matching"));

    // Esc clears the filter; x cycles "expiring soon" (none of these end within 30 days).
    press(&mut app, KeyCode::Esc);
    pump(&mut app, &mut db.conn);
    assert!(screen_text(&app).contains("of 60"));
    press(&mut app, KeyCode::Char('x'));
    pump(&mut app, &mut db.conn);
    let screen = screen_text(&app);
    assert!(screen.contains("/ expiring:30"), "{screen}");
    assert!(screen.contains("End ↑"), "{screen}");
    assert!(screen.contains("no matching rows"), "{screen}");
}

fn operators_tab(app: &App) -> &OperatorsScreen {
    app.screen::<OperatorsScreen>().expect("the Operators tab")
}

/// Moves the Operators list's selection to `name`.
fn select_operator(app: &mut App, conn: &mut DbConnection, name: &str) {
    for _ in 0..10 {
        let row = operators_tab(app).accounts.list.tab.selected_row().unwrap();
        if lms::tui::format::cell(&row.cells[0]) == name {
            return;
        }
        press(app, KeyCode::Char('j'));
        pump(app, conn);
    }
    panic!("{name} not in the list");
}

#[test]
fn an_admin_unlocks_and_resets_an_operator_from_the_operators_tab() {
    common::each_backend(unlock_and_reset_on);
}

fn unlock_and_reset_on(db: &mut common::TestDb) {
    let admin = operators::add(&mut db.conn, None, "admin", PASSWORD, Role::Admin).unwrap();
    operators::add(
        &mut db.conn,
        Some(&admin),
        "sam",
        "sam password 1",
        Role::Sales,
    )
    .unwrap();
    for _ in 0..5 {
        assert!(sessions::login(&mut db.conn, "sam", "wrong password").is_err());
    }
    assert!(matches!(
        sessions::login(&mut db.conn, "sam", "sam password 1"),
        Err(ServiceError::Locked { .. })
    ));
    let mut app = start(db);
    sign_in(&mut app, &mut db.conn, PASSWORD);
    // The Operators tab is the last one.
    press(&mut app, KeyCode::BackTab);
    pump(&mut app, &mut db.conn);
    select_operator(&mut app, &mut db.conn, "sam");
    press(&mut app, KeyCode::Char('u'));
    pump(&mut app, &mut db.conn);
    assert!(
        screen_text(&app).contains("Unlock sam"),
        "{}",
        screen_text(&app)
    );
    press(&mut app, KeyCode::Char('y'));
    pump(&mut app, &mut db.conn);
    assert_eq!(operators_tab(&app).dialog, None);
    assert!(sessions::login(&mut db.conn, "sam", "sam password 1").is_ok());

    // Reset: the one-time password is shown once, then only leads to a new password.
    press(&mut app, KeyCode::Char('p'));
    pump(&mut app, &mut db.conn);
    press(&mut app, KeyCode::Char('y'));
    pump(&mut app, &mut db.conn);
    let Some(Dialog::OneTime { password, .. }) = &operators_tab(&app).dialog else {
        panic!("no one-time password: {:?}", operators_tab(&app).dialog);
    };
    let one_time = password.expose().to_owned();
    assert!(screen_text(&app).contains(&one_time));
    press(&mut app, KeyCode::Enter);
    assert_eq!(operators_tab(&app).dialog, None);
    assert!(!screen_text(&app).contains(&one_time));

    let mut app = start(db);
    sign_in_as(&mut app, &mut db.conn, "sam", &one_time);
    common::forms::choose_new_password(&mut app, &mut db.conn, "sam password 2");
    assert_eq!(app.actor.as_ref().map(|a| a.username.as_str()), Some("sam"));
    // A sales operator has no Operators tab.
    press(&mut app, KeyCode::BackTab);
    pump(&mut app, &mut db.conn);
    assert!(app.screen::<OperatorsScreen>().is_none());
    assert!(sessions::login(&mut db.conn, "sam", "sam password 2").is_ok());

    // Ctrl-P: their own change, over the tabs, back to the same tab.
    let tab = app.screen_name();
    app.update(Msg::Key(KeyEvent::new(
        KeyCode::Char('p'),
        KeyModifiers::CONTROL,
    )));
    assert!(app.screen::<PasswordScreen>().is_some_and(|s| !s.forced));
    type_text(&mut app, "sam password 2");
    press(&mut app, KeyCode::Tab);
    type_text(&mut app, "sam password 3");
    press(&mut app, KeyCode::Tab);
    type_text(&mut app, "sam password 3");
    press(&mut app, KeyCode::Enter);
    pump(&mut app, &mut db.conn);
    assert_eq!(app.screen_name(), tab);
    assert!(sessions::login(&mut db.conn, "sam", "sam password 3").is_ok());
}
