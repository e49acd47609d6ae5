//! License workflows driven by keys through the real app against a real database: the
//! forms (with pickers and per-field errors), purchases, the status menu, history, inline
//! edits, stale saves between two operators, role refusals. Renders: `tui_forms_render`.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::too_many_lines)]

mod common;

use chrono::Months;
use diesel::prelude::*;
use ratatui::crossterm::event::KeyCode;

use common::fixtures;
use common::forms::*;
use lms::db::schema::{licenses, purchases};
use lms::domain::{Permission, Role};
use lms::service::{ServiceError, licenses as license_svc};
use lms::tui::app;
use lms::tui::driver::{self, press, pump, type_text};
use lms::tui::screens::editing::Overlay;

#[test]
fn create_purchases_and_history() {
    common::each_backend(create_purchases_and_history_on);
}

fn create_purchases_and_history_on(db: &mut common::TestDb) {
    let refs = seed(&mut db.conn);
    let mut app = open(app::db_label(&db.url), &mut db.conn, "bob");
    new_license_through_pickers(&mut app, &mut db.conn, "10");
    assert_eq!(form(&app).id("company_id"), Some(refs.globex));
    assert_eq!(form(&app).id("partner_id"), Some(refs.partner));
    ctrl(&mut app, 's');
    pump(&mut app, &mut db.conn);
    assert!(overlay(&app).is_none(), "{:?}", overlay(&app));
    assert!(status(&app).starts_with("created LIC-"), "{}", status(&app));
    assert!(
        screen(&app).contains("Globex 100%_Corp"),
        "{}",
        screen(&app)
    );
    let id: i64 = licenses::table
        .select(licenses::id)
        .first(&mut db.conn)
        .unwrap();

    // The first purchase (kind "new" is proposed for a draft) activates it.
    press(&mut app, KeyCode::Char('p'));
    pump(&mut app, &mut db.conn);
    assert_eq!(form(&app).text("kind"), "new");
    fill(&mut app, "cost", "1000.00");
    fill(&mut app, "revenue", "1500.00");
    fill(&mut app, "currency", "EUR");
    fill(&mut app, "order_number", "PO-1");
    ctrl(&mut app, 's');
    pump(&mut app, &mut db.conn);
    assert!(
        status(&app).contains("recorded new purchase"),
        "{}",
        status(&app)
    );

    // A renewal, as another operator would.
    let admin = common::actor(db, Role::Admin);
    let end = license_svc::get(&mut db.conn, &admin, id)
        .unwrap()
        .input
        .end_date;
    let new_end = end.checked_add_months(Months::new(12)).unwrap();
    press(&mut app, KeyCode::Char('p'));
    pump(&mut app, &mut db.conn);
    assert_eq!(form(&app).text("kind"), "renewal");
    fill(&mut app, "new_end_date", &new_end.to_string());
    fill(&mut app, "cost", "800");
    fill(&mut app, "revenue", "1200");
    fill(&mut app, "currency", "EUR");
    press(&mut app, KeyCode::Enter);
    pump(&mut app, &mut db.conn);
    assert!(
        status(&app).contains("recorded renewal"),
        "{}",
        status(&app)
    );

    press(&mut app, KeyCode::Char('p'));
    pump(&mut app, &mut db.conn);
    fill(&mut app, "kind", "expansion");
    fill(&mut app, "seats_added", "5");
    fill(&mut app, "cost", "100");
    fill(&mut app, "revenue", "200");
    fill(&mut app, "currency", "usd");
    ctrl(&mut app, 's');
    pump(&mut app, &mut db.conn);
    assert!(
        status(&app).contains("recorded expansion"),
        "{}",
        status(&app)
    );

    let record = license_svc::get(&mut db.conn, &admin, id).unwrap();
    assert_eq!(record.input.seats.to_string(), "15");
    assert_eq!(record.input.end_date, new_end);
    assert_eq!(record.status.as_str(), "active");
    assert!(screen(&app).contains("Globex"), "{}", screen(&app));

    // History: every step, each with its operator.
    press(&mut app, KeyCode::Char('h'));
    pump(&mut app, &mut db.conn);
    let Some(Overlay::History(h)) = overlay(&app) else {
        panic!("no history: {:?}", overlay(&app));
    };
    let entries = h.entries.clone().unwrap();
    let actions: Vec<String> = entries
        .iter()
        .map(|e| format!("{} {}", e.entity, e.action))
        .collect();
    for step in ["license create", "renewal", "expansion", "new"] {
        assert!(
            actions.iter().any(|a| a.contains(step)),
            "{step}: {actions:?}"
        );
    }
    assert!(entries.iter().all(|e| e.by() == "bob"), "{entries:?}");
    let text = screen(&app);
    assert!(text.contains("History of LIC-"), "{text}");
    assert!(text.contains("bob"), "{text}");
    assert!(
        text.contains("seats: 10 → 15") || text.contains("expansion"),
        "{text}"
    );
    for _ in 0..40 {
        press(&mut app, KeyCode::Char('j'));
    }
    let bottom = screen(&app);
    assert!(
        bottom.contains("license create") || bottom.contains("create"),
        "{bottom}"
    );
    press(&mut app, KeyCode::Esc);
    assert!(overlay(&app).is_none());

    // A second license, created from the first row: the list moves to the new one.
    press(&mut app, KeyCode::Home);
    pump(&mut app, &mut db.conn);
    new_license_through_pickers(&mut app, &mut db.conn, "3");
    ctrl(&mut app, 's');
    pump(&mut app, &mut db.conn);
    let newest: i64 = licenses::table
        .select(diesel::dsl::max(licenses::id))
        .first::<Option<i64>>(&mut db.conn)
        .unwrap()
        .unwrap();
    assert_ne!(newest, id);
    let text = screen(&app);
    assert!(
        text.contains(&format!("> {}", lms::domain::license_key(newest))),
        "{text}"
    );
}

#[test]
fn second_save_is_refused_as_stale_and_keeps_the_input() {
    common::each_backend(stale_on);
}

fn stale_on(db: &mut common::TestDb) {
    let id = seed_with_active_license(db);
    let mut other = db.connect_again();
    let mut alice = open(app::db_label(&db.url), &mut db.conn, "alice");
    let mut bob = open(app::db_label(&db.url), &mut other, "bob");
    for (app, conn) in [(&mut alice, &mut db.conn), (&mut bob, &mut other)] {
        press(app, KeyCode::Char('e'));
        pump(app, conn);
        assert!(form(app).title.contains("version"), "{:?}", form(app).title);
    }
    fill(&mut alice, "seats", "20");
    ctrl(&mut alice, 's');
    pump(&mut alice, &mut db.conn);
    assert!(
        status(&alice).starts_with("saved LIC-"),
        "{}",
        status(&alice)
    );

    fill(&mut bob, "seats", "30");
    fill(&mut bob, "notes", "bob's note");
    ctrl(&mut bob, 's');
    pump(&mut bob, &mut other);
    let f = form(&bob);
    assert!(f.stale, "{f:?}");
    let error = f.error.clone().unwrap();
    assert!(error.contains("alice"), "{error}");
    assert_eq!(f.text("seats"), "30", "the input is kept");
    assert_eq!(f.text("notes"), "bob's note");
    let text = screen(&bob);
    assert!(text.contains("alice changed it"), "{text}");
    assert!(text.contains("Ctrl-R"), "{text}");
    let admin = common::actor(db, Role::Admin);
    let stored = license_svc::get(&mut db.conn, &admin, id).unwrap();
    assert_eq!(stored.input.seats.to_string(), "20");

    // Ctrl-R reloads alice's version; bob applies his change again and it saves.
    ctrl(&mut bob, 'r');
    pump(&mut bob, &mut other);
    assert_eq!(form(&bob).text("seats"), "20");
    assert!(!form(&bob).stale);
    fill(&mut bob, "seats", "30");
    ctrl(&mut bob, 's');
    pump(&mut bob, &mut other);
    assert!(overlay(&bob).is_none(), "{:?}", overlay(&bob));
    let stored = license_svc::get(&mut db.conn, &admin, id).unwrap();
    assert_eq!(stored.input.seats.to_string(), "30");
}

#[test]
fn bad_input_is_explained_per_field_and_stores_nothing() {
    common::each_backend(bad_input_on);
}

fn bad_input_on(db: &mut common::TestDb) {
    seed(&mut db.conn);
    let mut app = open(app::db_label(&db.url), &mut db.conn, "bob");
    let long = "x".repeat(2_001);
    let cases: Vec<(&str, &str, &str)> = vec![
        ("seats", "", "seats"),
        ("seats", "0", "seats"),
        ("seats", "١٠", "seats"),
        ("seats", "🚀", "seats"),
        ("start_date", "2026-02-30", "start_date"),
        ("start_date", "", "start_date"),
        ("end_date", "2000-01-01", "end_date"),
        ("end_date", "שלום", "end_date"),
        ("notes", &long, "notes"),
        ("notes", "evil\u{202E}txt", "notes"),
    ];
    for (field, text, error_field) in cases {
        new_license_through_pickers(&mut app, &mut db.conn, "10");
        fill(&mut app, field, text);
        ctrl(&mut app, 's');
        pump(&mut app, &mut db.conn);
        let f = form(&app);
        assert!(
            f.errors.get(error_field).is_some(),
            "{field}={text:?}: {:?}",
            f.errors
        );
        let rendered = screen(&app);
        assert!(rendered.contains('↳'), "{rendered}");
        assert!(
            !rendered.contains('\u{202E}'),
            "bidi control drawn: {rendered}"
        );
        assert_eq!(license_count(&mut db.conn), 0, "{field}={text:?}");
        // Esc with changes asks; y discards.
        press(&mut app, KeyCode::Esc);
        assert!(form(&app).confirm_discard);
        assert!(screen(&app).contains("discard changes?"));
        press(&mut app, KeyCode::Char('y'));
        assert!(overlay(&app).is_none());
    }
    // Nothing chosen at all: both required references are named.
    press(&mut app, KeyCode::Char('n'));
    ctrl(&mut app, 's');
    let f = form(&app);
    assert!(f.errors.get("company_id").is_some() && f.errors.get("product_code_id").is_some());
    assert!(f.errors.get("seats").is_some());
    press(&mut app, KeyCode::Esc);
    assert!(
        overlay(&app).is_none(),
        "an untouched form closes without asking"
    );

    // Purchases: unknown currency, bad amount, control text; nothing stored.
    fixtures::license(
        &mut db.conn,
        1,
        1,
        Some(10),
        "draft",
        ("2025-01-01", "2030-12-31"),
    );
    press(&mut app, KeyCode::Char('r'));
    pump(&mut app, &mut db.conn);
    press(&mut app, KeyCode::Char('p'));
    pump(&mut app, &mut db.conn);
    fill(&mut app, "cost", "12.345");
    fill(&mut app, "revenue", "abc");
    fill(&mut app, "currency", "XYZ");
    fill(&mut app, "order_number", "PO\u{202E}1");
    fill(&mut app, "purchase_date", "yesterday");
    ctrl(&mut app, 's');
    pump(&mut app, &mut db.conn);
    let f = form(&app);
    for field in ["currency", "purchase_date"] {
        assert!(f.errors.get(field).is_some(), "{field}: {:?}", f.errors);
    }
    // With those right, the bidi control in the order number is refused.
    fill(&mut app, "cost", "12.34");
    fill(&mut app, "revenue", "20");
    fill(&mut app, "currency", "EUR");
    fill(&mut app, "purchase_date", &today().to_string());
    ctrl(&mut app, 's');
    pump(&mut app, &mut db.conn);
    let f = form(&app);
    assert!(f.errors.get("order_number").is_some(), "{:?}", f.errors);
    assert!(!screen(&app).contains('\u{202E}'));
    let n: i64 = purchases::table.count().get_result(&mut db.conn).unwrap();
    assert_eq!(n, 0);
}

#[test]
fn roles_are_checked_before_a_form_opens() {
    common::each_backend(roles_on);
}

fn roles_on(db: &mut common::TestDb) {
    seed(&mut db.conn);
    fixtures::license(
        &mut db.conn,
        1,
        1,
        Some(10),
        "active",
        ("2025-01-01", "2030-12-31"),
    );
    let mut app = open(app::db_label(&db.url), &mut db.conn, "val");
    press(&mut app, KeyCode::Char('n'));
    assert!(overlay(&app).is_none());
    let expected = ServiceError::Forbidden {
        permission: Permission::EditLicenses,
    }
    .to_string();
    assert_eq!(status(&app), expected);
    assert!(expected.contains("admin or manager or sales"), "{expected}");
    assert!(
        screen(&app).contains("error: not allowed: edit licenses"),
        "{}",
        screen(&app)
    );
    press(&mut app, KeyCode::Char('p'));
    assert!(
        status(&app).contains("record purchases") || status(&app).contains("purchase"),
        "{}",
        status(&app)
    );
    press(&mut app, KeyCode::Char('S'));
    assert!(status(&app).contains("engineer"), "{}", status(&app));
    assert!(overlay(&app).is_none());
}

#[test]
fn status_menu_inline_edit_delete_and_deployments() {
    common::each_backend(status_and_cells_on);
}

fn status_and_cells_on(db: &mut common::TestDb) {
    let id = seed_with_active_license(db);
    let mut app = open(app::db_label(&db.url), &mut db.conn, "bob");

    // The status menu lists every status; refused ones say why and cannot be set.
    press(&mut app, KeyCode::Char('s'));
    pump(&mut app, &mut db.conn);
    let text = screen(&app);
    assert!(text.contains("Status of LIC-"), "{text}");
    // The reason is wrapped under its item.
    assert!(
        text.contains("refused: cannot change status from active to draft"),
        "{text}"
    );
    press(&mut app, KeyCode::Char('k'));
    press(&mut app, KeyCode::Char('k'));
    press(&mut app, KeyCode::Enter);
    assert!(status(&app).contains("draft"), "{}", status(&app));
    // Suspended is the third item.
    press(&mut app, KeyCode::Down);
    press(&mut app, KeyCode::Down);
    press(&mut app, KeyCode::Enter);
    pump(&mut app, &mut db.conn);
    assert!(
        status(&app).contains("is now suspended"),
        "{}",
        status(&app)
    );
    // Terminate asks first; n leaves it as it is.
    press(&mut app, KeyCode::Char('s'));
    pump(&mut app, &mut db.conn);
    for _ in 0..4 {
        press(&mut app, KeyCode::Down);
    }
    press(&mut app, KeyCode::Enter);
    assert!(screen(&app).contains("Terminate LIC-"), "{}", screen(&app));
    press(&mut app, KeyCode::Char('n'));
    assert!(overlay(&app).is_none());
    // Delete refuses anything but a draft.
    press(&mut app, KeyCode::Delete);
    pump(&mut app, &mut db.conn);
    assert!(status(&app).contains("only a draft"), "{}", status(&app));

    // Inline edit: → to Seats (column 4), Enter, type, Enter saves with the version.
    for _ in 0..4 {
        press(&mut app, KeyCode::Right);
    }
    let terminal = driver::render(&app, W, H);
    let buf = terminal.backend().buffer();
    let underlined = (0..W).any(|x| {
        (0..H).any(|y| {
            buf[(x, y)]
                .modifier
                .contains(ratatui::style::Modifier::UNDERLINED)
                && buf[(x, y)].symbol() == "1"
        })
    });
    assert!(underlined, "the seats cell is marked without colour");
    press(&mut app, KeyCode::Enter);
    pump(&mut app, &mut db.conn);
    assert!(
        matches!(overlay(&app), Some(Overlay::Cell(_))),
        "{:?}",
        overlay(&app)
    );
    ctrl(&mut app, 'u');
    type_text(&mut app, "0");
    press(&mut app, KeyCode::Enter);
    pump(&mut app, &mut db.conn);
    let text = screen(&app);
    assert!(text.contains("error: seats"), "{text}");
    ctrl(&mut app, 'u');
    type_text(&mut app, "42");
    press(&mut app, KeyCode::Enter);
    pump(&mut app, &mut db.conn);
    assert!(overlay(&app).is_none(), "{:?}", overlay(&app));
    let admin = common::actor(db, Role::Admin);
    assert_eq!(
        license_svc::get(&mut db.conn, &admin, id)
            .unwrap()
            .input
            .seats
            .to_string(),
        "42"
    );
    assert!(screen(&app).contains("42"));

    // Partner cell opens the picker.
    for _ in 0..3 {
        press(&mut app, KeyCode::Right);
    }
    press(&mut app, KeyCode::Char('i'));
    pump(&mut app, &mut db.conn);
    pump(&mut app, &mut db.conn);
    assert!(
        screen(&app).contains("Choose a partner"),
        "{}",
        screen(&app)
    );
    press(&mut app, KeyCode::Down);
    press(&mut app, KeyCode::Enter);
    pump(&mut app, &mut db.conn);
    assert_eq!(
        license_svc::get(&mut db.conn, &admin, id)
            .unwrap()
            .partner
            .as_deref(),
        Some("Channel AG")
    );

    // Schedule a deployment (S), then on the Deployments tab start it (s).
    press(&mut app, KeyCode::Char('S'));
    pump(&mut app, &mut db.conn);
    press(&mut app, KeyCode::Enter);
    pump(&mut app, &mut db.conn);
    press(&mut app, KeyCode::Down);
    press(&mut app, KeyCode::Enter);
    fill(&mut app, "environment", "production");
    ctrl(&mut app, 's');
    pump(&mut app, &mut db.conn);
    assert!(
        status(&app).contains("scheduled deployment"),
        "{}",
        status(&app)
    );
    press(&mut app, KeyCode::Char('7'));
    pump(&mut app, &mut db.conn);
    assert_eq!(app.screen_name(), "Deployments");
    press(&mut app, KeyCode::Char('s'));
    pump(&mut app, &mut db.conn);
    let text = screen(&app);
    assert!(text.contains("the deployment first"), "{text}");
    assert!(text.contains(&today().to_string()), "{text}");
    // The date takes digits and `-` only.
    press(&mut app, KeyCode::Char('z'));
    let text = screen(&app);
    assert!(text.contains(&format!("on date {} ", today())), "{text}");
    press(&mut app, KeyCode::Enter);
    pump(&mut app, &mut db.conn);
    assert!(
        status(&app).contains("is now in progress"),
        "{}",
        status(&app)
    );
}

#[test]
fn a_final_deployment_step_asks_first_and_a_purchase_kind_is_a_choice() {
    common::each_backend(|db| {
        let id = seed_with_active_license(db);
        common::builders::DeploymentBuilder::new(id).insert(&mut db.conn);
        let mut app = open(app::db_label(&db.url), &mut db.conn, "bob");
        // The kind: ← → step through the closed set; typing picks by its start.
        press(&mut app, KeyCode::Char('p'));
        pump(&mut app, &mut db.conn);
        focus(&mut app, "kind");
        assert_eq!(form(&app).text("kind"), "renewal");
        press(&mut app, KeyCode::Right);
        assert_eq!(form(&app).text("kind"), "expansion");
        press(&mut app, KeyCode::Right);
        assert_eq!(form(&app).text("kind"), "new");
        type_text(&mut app, "ren");
        assert_eq!(form(&app).text("kind"), "renewal");
        type_text(&mut app, "zzz");
        assert_eq!(
            form(&app).text("kind"),
            "renewal",
            "no such kind: unchanged"
        );
        press(&mut app, KeyCode::Esc);
        press(&mut app, KeyCode::Char('y'));
        // Cancelling a planned deployment is final: asked, `n` keeps it planned.
        go_to_tab(&mut app, &mut db.conn, "Deployments");
        for answer in ['n', 'y'] {
            press(&mut app, KeyCode::Char('s'));
            pump(&mut app, &mut db.conn);
            press(&mut app, KeyCode::Down);
            press(&mut app, KeyCode::Down);
            press(&mut app, KeyCode::Down);
            press(&mut app, KeyCode::Down);
            press(&mut app, KeyCode::Down);
            press(&mut app, KeyCode::Enter);
            let Some(Overlay::Confirm { question, .. }) = overlay(&app) else {
                panic!("no confirmation: {:?}", overlay(&app));
            };
            assert!(
                question.contains("cancelled") && question.contains("final"),
                "{question}"
            );
            press(&mut app, KeyCode::Char(answer));
            pump(&mut app, &mut db.conn);
        }
        assert!(
            status(&app).contains("is now cancelled"),
            "{}",
            status(&app)
        );
        let status: String = lms::db::schema::deployments::table
            .select(lms::db::schema::deployments::status)
            .first(&mut db.conn)
            .unwrap();
        assert_eq!(status, "cancelled");
    });
}

#[test]
fn ctrl_c_asks_before_losing_a_changed_form_and_a_small_terminal_takes_no_keys() {
    use lms::tui::event::Msg;
    let mut db = common::sqlite_db();
    seed(&mut db.conn);
    let mut app = open(app::db_label(&db.url), &mut db.conn, "bob");
    // A form with nothing typed: Ctrl-C quits at once.
    press(&mut app, KeyCode::Char('n'));
    ctrl(&mut app, 'c');
    assert!(app.quit);
    let mut app = open(app::db_label(&db.url), &mut db.conn, "bob");
    press(&mut app, KeyCode::Char('n'));
    fill(&mut app, "seats", "12");
    ctrl(&mut app, 'c');
    assert!(!app.quit, "asked first");
    assert!(
        status(&app).contains("Ctrl-C again quits"),
        "{}",
        status(&app)
    );
    // Any other key goes back to the form, as it was.
    press(&mut app, KeyCode::Char('x'));
    assert!(!app.quit);
    assert_eq!(form(&app).text("seats"), "12");
    ctrl(&mut app, 'c');
    ctrl(&mut app, 'c');
    assert!(app.quit, "the second Ctrl-C quits");

    // Too small: keys do nothing behind the message; Ctrl-C still quits.
    let mut app = open(app::db_label(&db.url), &mut db.conn, "bob");
    app.update(Msg::Resize(70, 20));
    press(&mut app, KeyCode::Char('n'));
    press(&mut app, KeyCode::Char('2'));
    assert!(overlay(&app).is_none());
    assert_eq!(app.screen_name(), "Licenses");
    let text = driver::screen_text(&app, 70, 20);
    assert!(text.contains("terminal too small"), "{text}");
    app.update(Msg::Resize(80, 24));
    assert_eq!(app.screen_name(), "Licenses");
    app.update(Msg::Resize(70, 20));
    ctrl(&mut app, 'c');
    assert!(app.quit);
}
