//! The walk a new customer takes, on both backends, driven by keys from an empty database
//! with no demo data: create the first admin; add a product code and a company on their
//! tabs, and a partner and a rep through the license form's "+ New …"; create a license,
//! record its purchase, schedule its deployment with a new engineer; add portal users;
//! create a sales operator, lock it with five bad passwords, unlock it, reset its password
//! and sign in with the one-time password, which forces a change; archive the partner and
//! see it leave the pickers but stay in the license's history; and find every step on the
//! Audit log.
#![allow(clippy::unwrap_used, clippy::expect_used)]

mod common;

use chrono::NaiveDate;
use diesel::prelude::*;
use ratatui::crossterm::event::KeyCode;
use ratatui::layout::Rect;

use common::forms::{ctrl, fill, focus, form, go_to_tab, overlay, status};
use lms::db::schema::audit_log;
use lms::tui::app::{self, App};
use lms::tui::driver::{self, press, pump, type_text};
use lms::tui::screens::editing::Overlay;
use lms::tui::screens::first_run::FirstRunScreen;
use lms::tui::screens::login::LoginScreen;
use lms::tui::screens::operators::{Dialog, OperatorsScreen};
use lms::tui::theme::Theme;

const W: u16 = 100;
const H: u16 = 30;
const ADMIN_PASSWORD: &str = "correct horse 1";

fn today() -> NaiveDate {
    chrono::Local::now().date_naive()
}

fn text(app: &App) -> String {
    driver::screen_text(app, W, H)
}

fn start(db: &mut common::TestDb) -> App {
    let mut app = App::new(
        app::db_label(&db.url),
        Rect::new(0, 0, W, H),
        today(),
        Theme::plain(),
    );
    pump(&mut app, &mut db.conn);
    app
}

fn sign_in(db: &mut common::TestDb, user: &str, password: &str) -> App {
    let mut app = start(db);
    assert!(app.screen::<LoginScreen>().is_some(), "{:?}", app.phase);
    type_text(&mut app, user);
    press(&mut app, KeyCode::Tab);
    type_text(&mut app, password);
    press(&mut app, KeyCode::Enter);
    pump(&mut app, &mut db.conn);
    pump(&mut app, &mut db.conn);
    app
}

/// Saves the open form and checks the status bar says `said`.
fn save(app: &mut App, db: &mut common::TestDb, said: &str) {
    ctrl(app, 's');
    pump(app, &mut db.conn);
    assert!(
        status(app).contains(said),
        "wanted {said:?}: {}\n{}",
        status(app),
        text(app)
    );
}

/// In the focused reference field: type `search`, then choose the first match.
fn pick(app: &mut App, db: &mut common::TestDb, search: &str) {
    type_text(app, search);
    pump(app, &mut db.conn);
    press(app, KeyCode::Enter);
}

/// In the focused reference field: "+ New …" for `search`, the record's `fields`, saved.
fn add_new(app: &mut App, db: &mut common::TestDb, search: &str, fields: &[(&str, &str)]) {
    type_text(app, search);
    pump(app, &mut db.conn);
    press(app, KeyCode::Enter);
    for (field, value) in fields {
        fill(app, field, value);
    }
    ctrl(app, 's');
    pump(app, &mut db.conn);
    let Some(Overlay::Form(f)) = overlay(app) else {
        panic!("the form that asked closed: {}", status(app));
    };
    assert!(f.child.is_none(), "{:?}", f.child);
}

fn first_admin(db: &mut common::TestDb) -> App {
    let mut app = start(db);
    assert!(app.screen::<FirstRunScreen>().is_some(), "{:?}", app.phase);
    type_text(&mut app, "admin");
    press(&mut app, KeyCode::Tab);
    type_text(&mut app, ADMIN_PASSWORD);
    press(&mut app, KeyCode::Tab);
    type_text(&mut app, ADMIN_PASSWORD);
    press(&mut app, KeyCode::Enter);
    pump(&mut app, &mut db.conn);
    assert!(text(&app).contains("Load demo data now?"), "{}", text(&app));
    press(&mut app, KeyCode::Char('n'));
    pump(&mut app, &mut db.conn);
    assert_eq!(app.screen_name(), "Licenses");
    app
}

/// Product code and company on their tabs; the license with a new partner and rep from
/// its pickers; its purchase; its deployment with a new engineer.
fn the_business(app: &mut App, db: &mut common::TestDb) {
    go_to_tab(app, &mut db.conn, "Product codes");
    press(app, KeyCode::Char('n'));
    fill(app, "code", "ent-1");
    fill(app, "name", "Enterprise");
    save(app, db, "created the product code ENT-1");
    go_to_tab(app, &mut db.conn, "Companies");
    press(app, KeyCode::Char('n'));
    fill(app, "name", "Initech");
    focus(app, "country");
    pick(app, db, "switz");
    save(app, db, "created the company Initech");
    go_to_tab(app, &mut db.conn, "Licenses");
    press(app, KeyCode::Char('n'));
    pick(app, db, "Initech");
    focus(app, "product_code_id");
    pick(app, db, "ENT");
    focus(app, "partner_id");
    add_new(app, db, "Channel AG", &[]);
    focus(app, "sales_rep_id");
    add_new(app, db, "Rita Rep", &[("email", "rita@vendor.example")]);
    fill(app, "seats", "25");
    save(app, db, "created LIC-000001");
    press(app, KeyCode::Char('p'));
    pump(app, &mut db.conn);
    fill(app, "kind", "new");
    fill(app, "cost", "800");
    fill(app, "revenue", "1200");
    fill(app, "currency", "EUR");
    save(app, db, "recorded new purchase");
    press(app, KeyCode::Char('S'));
    pump(app, &mut db.conn);
    focus(app, "engineer_id");
    add_new(app, db, "Eve Engineer", &[("email", "eve@vendor.example")]);
    assert!(form(app).id("engineer_id").is_some());
    fill(app, "environment", "production");
    save(app, db, "scheduled deployment");
}

fn portal_users(app: &mut App, db: &mut common::TestDb) {
    go_to_tab(app, &mut db.conn, "Portal users");
    for (id, email) in [
        ("u-1", "ann@initech.example"),
        ("u-2", "bo@initech.example"),
    ] {
        press(app, KeyCode::Char('n'));
        press(app, KeyCode::Enter);
        pick(app, db, "Initech");
        fill(app, "external_user_id", id);
        fill(app, "email", email);
        save(app, db, &format!("created the portal user {email}"));
    }
}

fn operators_tab(app: &App) -> &OperatorsScreen {
    app.screen::<OperatorsScreen>().expect("the Operators tab")
}

/// A sales operator, locked out by five bad passwords, unlocked and reset by the admin;
/// its one-time password forces a new one. Returns the admin's app again.
fn the_second_operator(mut app: App, db: &mut common::TestDb) -> App {
    go_to_tab(&mut app, &mut db.conn, "Operators");
    press(&mut app, KeyCode::Char('n'));
    for value in ["sam", "sales", "sam password 1", "sam password 1"] {
        type_text(&mut app, value);
        press(&mut app, KeyCode::Tab);
    }
    press(&mut app, KeyCode::Enter);
    pump(&mut app, &mut db.conn);
    assert!(
        operators_tab(&app).dialog.is_none(),
        "{:?}",
        operators_tab(&app).dialog
    );
    for _ in 0..5 {
        let refused = sign_in(db, "sam", "not the password");
        assert!(refused.screen::<LoginScreen>().is_some());
    }
    let locked = sign_in(db, "sam", "sam password 1");
    assert!(locked.screen::<LoginScreen>().is_some(), "locked out");
    // The admin's list shows the lock; unlock, then reset.
    press(&mut app, KeyCode::Char('R'));
    ctrl(&mut app, 'r');
    pump(&mut app, &mut db.conn);
    press(&mut app, KeyCode::Char('G'));
    pump(&mut app, &mut db.conn);
    press(&mut app, KeyCode::Char('u'));
    pump(&mut app, &mut db.conn);
    assert!(text(&app).contains("Unlock sam"), "{}", text(&app));
    press(&mut app, KeyCode::Char('y'));
    pump(&mut app, &mut db.conn);
    press(&mut app, KeyCode::Char('p'));
    pump(&mut app, &mut db.conn);
    press(&mut app, KeyCode::Char('y'));
    pump(&mut app, &mut db.conn);
    let Some(Dialog::OneTime { password, .. }) = &operators_tab(&app).dialog else {
        panic!("no one-time password: {:?}", operators_tab(&app).dialog);
    };
    let one_time = password.expose().to_owned();
    press(&mut app, KeyCode::Enter);
    let mut sam = sign_in(db, "sam", &one_time);
    common::forms::choose_new_password(&mut sam, &mut db.conn, "sam password 2");
    app
}

/// The partner archived: gone from the license form's picker, kept in the license's
/// history.
fn archive_the_partner(app: &mut App, db: &mut common::TestDb) {
    go_to_tab(app, &mut db.conn, "Partners");
    press(app, KeyCode::Char('a'));
    pump(app, &mut db.conn);
    press(app, KeyCode::Char('y'));
    pump(app, &mut db.conn);
    assert_eq!(status(app), "archived partner #1");
    go_to_tab(app, &mut db.conn, "Licenses");
    press(app, KeyCode::Char('n'));
    focus(app, "partner_id");
    type_text(app, "Channel");
    pump(app, &mut db.conn);
    let Some(Overlay::Form(f)) = overlay(app) else {
        panic!("no form");
    };
    let picker = f.form.picker.as_ref().unwrap();
    assert_eq!(
        picker.options.as_deref(),
        Some(&[][..]),
        "archived: not offered"
    );
    press(app, KeyCode::Esc);
    press(app, KeyCode::Esc);
    press(app, KeyCode::Char('y'));
    assert!(overlay(app).is_none());
    press(app, KeyCode::Char('h'));
    pump(app, &mut db.conn);
    let Some(Overlay::History(h)) = overlay(app) else {
        panic!("no history");
    };
    let created = h.entries.as_ref().unwrap().last().unwrap();
    assert!(
        created
            .changes
            .iter()
            .any(|c| c.0 == "partner_id"
                && c.2.as_deref().is_some_and(|v| v.starts_with("Channel AG"))),
        "{created:?}"
    );
    press(app, KeyCode::Esc);
}

#[test]
fn a_new_customer_runs_the_business_from_an_empty_database() {
    common::each_backend(|db| {
        let mut app = first_admin(db);
        the_business(&mut app, db);
        portal_users(&mut app, db);
        let mut app = the_second_operator(app, db);
        archive_the_partner(&mut app, db);
        // Every step is on the Audit log.
        go_to_tab(&mut app, &mut db.conn, "Audit log");
        let steps: Vec<(String, String)> = audit_log::table
            .order(audit_log::id)
            .select((audit_log::entity, audit_log::action))
            .load(&mut db.conn)
            .unwrap();
        for (entity, action) in [
            ("operator", "create"),
            ("product_code", "create"),
            ("company", "create"),
            ("partner", "create"),
            ("sales_rep", "create"),
            ("license", "create"),
            ("license", "purchase:new"),
            ("purchase", "create"),
            ("engineer", "create"),
            ("deployment", "create"),
            ("portal_user", "create"),
            ("operator", "locked"),
            ("operator", "unlock"),
            ("operator", "password_reset"),
            ("operator", "password_change"),
            ("partner", "archive"),
        ] {
            assert!(
                steps
                    .iter()
                    .any(|(e, a)| e == entity && a.starts_with(action)),
                "no {entity} {action} in {steps:?}"
            );
        }
        let screen = text(&app);
        assert!(screen.contains("archive"), "{screen}");
        assert!(screen.contains(&format!("of {}", steps.len())), "{screen}");
    });
}
