//! Helpers of the key-driven license-workflow tests (`tui_forms`, `tui_forms_render`):
//! a signed-in app, its overlay and form, filling fields, the seed data.
#![allow(dead_code, clippy::unwrap_used, clippy::expect_used)]

use chrono::NaiveDate;
use diesel::prelude::*;
use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use ratatui::layout::Rect;

use super::builders::{
    CompanyBuilder, EngineerBuilder, LicenseBuilder, PartnerBuilder, ProductBuilder,
    SalesRepBuilder,
};
use lms::db::DbConnection;
use lms::db::schema::licenses;
use lms::domain::Role;
use lms::service::operators;
use lms::tui::app::App;
use lms::tui::driver::{self, press, pump, type_text};
use lms::tui::event::Msg;
use lms::tui::screens::editing::Overlay;
use lms::tui::screens::login::LoginScreen;
use lms::tui::theme::Theme;
use lms::tui::widgets::edit_form::EditForm;

pub const W: u16 = 80;
pub const H: u16 = 24;
pub const PASSWORD: &str = "correct horse 1";

/// The service layer dates purchases by the real clock, so the app does too here.
pub fn today() -> NaiveDate {
    chrono::Local::now().date_naive()
}

pub fn screen(app: &App) -> String {
    driver::screen_text(app, W, H)
}

pub fn ctrl(app: &mut App, c: char) {
    app.update(Msg::Key(KeyEvent::new(
        KeyCode::Char(c),
        KeyModifiers::CONTROL,
    )));
}

pub fn open(label: String, conn: &mut DbConnection, user: &str) -> App {
    sign_in(
        App::new(label, Rect::new(0, 0, W, H), today(), Theme::plain()),
        conn,
        user,
    )
}

/// From the first tab to the Performance tab: `0` is the tenth tab; then the Timeline,
/// the Dashboard and the Performance tab.
pub fn to_performance(app: &mut App, conn: &mut DbConnection) {
    press(app, KeyCode::Char('0'));
    pump(app, conn);
    for _ in 0..3 {
        press(app, KeyCode::Tab);
        pump(app, conn);
    }
    assert_eq!(app.screen_name(), "Performance");
}

/// A new admin `admin` and an app of `(w, h)` on `today`, signed in as them.
pub fn admin_app(db: &mut super::TestDb, (w, h): (u16, u16), today: NaiveDate) -> App {
    operators::add(&mut db.conn, None, "admin", PASSWORD, Role::Admin).expect("add admin");
    let app = App::new(
        lms::tui::app::db_label(&db.url),
        Rect::new(0, 0, w, h),
        today,
        Theme::plain(),
    );
    sign_in(app, &mut db.conn, "admin")
}

/// `app` from its login screen to the main screen, as `user` with [`PASSWORD`].
pub fn sign_in(mut app: App, conn: &mut DbConnection, user: &str) -> App {
    pump(&mut app, conn);
    assert!(app.screen::<LoginScreen>().is_some(), "{:?}", app.phase);
    type_text(&mut app, user);
    press(&mut app, KeyCode::Tab);
    type_text(&mut app, PASSWORD);
    press(&mut app, KeyCode::Enter);
    pump(&mut app, conn);
    pump(&mut app, conn);
    assert!(super::screens::on_main(&app), "{:?}", app.phase);
    app
}

pub fn overlay(app: &App) -> Option<&Overlay> {
    super::screens::overlay(app)
}

/// The form being typed in: the innermost one ("+ New …" opens a record's form on top).
pub fn form(app: &App) -> &EditForm {
    match overlay(app) {
        Some(Overlay::Form(f)) => &f.top().form,
        other => panic!("no form open: {other:?}"),
    }
}

pub fn status(app: &App) -> String {
    app.status
        .as_ref()
        .map(|s| s.text.clone())
        .unwrap_or_default()
}

/// Moves the focus to field `key` (Tab) and replaces its text with `text`.
pub fn fill(app: &mut App, key: &str, text: &str) {
    for _ in 0..20 {
        if form(app).fields[form(app).focus].key == key {
            ctrl(app, 'e');
            ctrl(app, 'u');
            type_text(app, text);
            return;
        }
        press(app, KeyCode::Tab);
    }
    panic!("no field {key}");
}

pub fn focus(app: &mut App, key: &str) {
    for _ in 0..20 {
        if form(app).fields[form(app).focus].key == key {
            return;
        }
        press(app, KeyCode::Tab);
    }
    panic!("no field {key}");
}

pub fn license_count(conn: &mut DbConnection) -> i64 {
    licenses::table.count().get_result(conn).unwrap()
}

pub struct Refs {
    pub globex: i64,
    pub partner: i64,
}

pub fn seed(conn: &mut DbConnection) -> Refs {
    let root = operators::add(conn, None, "root", PASSWORD, Role::Admin).unwrap();
    for (name, role) in [
        ("alice", Role::Sales),
        ("bob", Role::Manager),
        ("val", Role::Viewer),
    ] {
        operators::add(conn, Some(&root), name, PASSWORD, role).unwrap();
    }
    CompanyBuilder::new("Acme GmbH").insert(conn);
    let globex = CompanyBuilder::new("Globex 100%_Corp").insert(conn).id;
    ProductBuilder::new("PRO").insert(conn);
    let partner = PartnerBuilder::new("Channel AG").insert(conn).id;
    SalesRepBuilder::new("Rita Rep").insert(conn);
    EngineerBuilder::new("Eve Engineer").insert(conn);
    Refs { globex, partner }
}

/// Fills the new-license form through the pickers: Globex (typed search), PRO, a partner.
pub fn new_license_through_pickers(app: &mut App, conn: &mut DbConnection, seats: &str) {
    press(app, KeyCode::Char('n'));
    // Typing on a reference field opens its picker with what was typed; the search takes
    // the wildcard characters literally.
    type_text(app, "100%_");
    pump(app, conn);
    let Some(Overlay::Form(f)) = overlay(app) else {
        panic!("no form");
    };
    let picker = f.form.picker.as_ref().expect("picker open");
    assert_eq!(
        picker.options.as_deref().map(<[_]>::len),
        Some(1),
        "{picker:?}"
    );
    press(app, KeyCode::Enter);
    press(app, KeyCode::Tab);
    press(app, KeyCode::Enter);
    pump(app, conn);
    press(app, KeyCode::Enter);
    press(app, KeyCode::Tab);
    press(app, KeyCode::Enter);
    pump(app, conn);
    // Optional: "(none)" first, then the partner.
    press(app, KeyCode::Down);
    press(app, KeyCode::Enter);
    fill(app, "seats", seats);
}

/// The seed, plus an active license of its first company and product; returns its id.
pub fn seed_with_active_license(db: &mut super::TestDb) -> i64 {
    seed(&mut db.conn);
    LicenseBuilder::new()
        .company(1)
        .product(1)
        .seats(10)
        .starts("2025-01-01")
        .ends("2030-12-31")
        .insert(&mut db.conn)
        .id
}

/// Goes to the tab titled `title` with Tab presses, and lets it load.
pub fn go_to_tab(app: &mut App, conn: &mut DbConnection, title: &str) {
    for _ in 0..20 {
        if app.screen_name() == title {
            pump(app, conn);
            return;
        }
        press(app, KeyCode::Tab);
    }
    panic!("no tab {title}");
}

/// On the forced password change after a reset: chooses `password`, lands on the tabs.
pub fn choose_new_password(app: &mut App, conn: &mut DbConnection, password: &str) {
    use lms::tui::screens::password::PasswordScreen;
    assert!(
        app.screen::<PasswordScreen>().is_some_and(|s| s.forced),
        "{:?}",
        app.phase
    );
    type_text(app, password);
    press(app, KeyCode::Tab);
    type_text(app, password);
    press(app, KeyCode::Enter);
    pump(app, conn);
    assert!(super::screens::on_main(app), "{:?}", app.phase);
}
