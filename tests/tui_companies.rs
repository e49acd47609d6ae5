//! The Companies tab driven by keys on both backends: a new company through the form and
//! the country picker, bad input kept in the form with nothing stored, an edit, a delete
//! refused while a license refers to it, and a viewer refused before anything opens.
#![allow(clippy::unwrap_used, clippy::expect_used)]

mod common;

use diesel::prelude::*;
use ratatui::crossterm::event::KeyCode;

use common::builders::LicenseBuilder;
use common::forms::{ctrl, fill, form, open, overlay, screen, seed, status};
use lms::db::schema::companies;
use lms::tui::app;
use lms::tui::driver::{press, pump, type_text};
use lms::tui::screens::editing::Overlay;

fn names(conn: &mut lms::db::DbConnection) -> Vec<String> {
    companies::table
        .order(companies::id)
        .select(companies::name)
        .load(conn)
        .unwrap()
}

#[test]
fn create_edit_and_refused_delete_by_keys() {
    common::each_backend(|db| {
        seed(&mut db.conn);
        let mut app = open(app::db_label(&db.url), &mut db.conn, "bob");
        press(&mut app, KeyCode::Char('2'));
        pump(&mut app, &mut db.conn);
        assert_eq!(app.screen_name(), "Companies");

        // Bad input: every field's problem under it, nothing stored, the input kept.
        press(&mut app, KeyCode::Char('n'));
        fill(&mut app, "name", "Evil\u{202E}Corp");
        fill(&mut app, "contact_email", "not an email");
        ctrl(&mut app, 's');
        pump(&mut app, &mut db.conn);
        let errors = &form(&app).errors;
        assert!(
            errors.get("name").unwrap().contains("text-direction"),
            "{errors}"
        );
        assert!(
            errors.get("country").unwrap().contains("required"),
            "{errors}"
        );
        assert!(
            errors.get("contact_email").unwrap().contains("email"),
            "{errors}"
        );
        assert_eq!(names(&mut db.conn).len(), 2);
        assert_eq!(form(&app).text("contact_email"), "not an email");

        // Fixed, with the country from the picker.
        fill(&mut app, "name", "Initech SA");
        fill(&mut app, "contact_email", "it@initech.example");
        press(&mut app, KeyCode::BackTab);
        type_text(&mut app, "switz");
        pump(&mut app, &mut db.conn);
        press(&mut app, KeyCode::Enter);
        ctrl(&mut app, 's');
        pump(&mut app, &mut db.conn);
        assert!(
            overlay(&app).is_none(),
            "{:?} {}",
            overlay(&app),
            status(&app)
        );
        assert_eq!(status(&app), "created the company Initech SA");
        let country: String = companies::table
            .filter(companies::name.eq("Initech SA"))
            .select(companies::country)
            .first(&mut db.conn)
            .unwrap();
        assert_eq!(country, "CH");
        assert!(screen(&app).contains("Initech SA"), "{}", screen(&app));

        // Edit the first company (Acme GmbH): the form opens with its values.
        press(&mut app, KeyCode::Char('g'));
        pump(&mut app, &mut db.conn);
        press(&mut app, KeyCode::Char('e'));
        pump(&mut app, &mut db.conn);
        assert_eq!(form(&app).text("name"), "Acme GmbH");
        fill(&mut app, "name", "Acme Holding GmbH");
        ctrl(&mut app, 's');
        pump(&mut app, &mut db.conn);
        assert!(overlay(&app).is_none(), "{}", status(&app));
        assert_eq!(names(&mut db.conn)[0], "Acme Holding GmbH");

        // Its history: the rename, by bob, with the field's before and after.
        press(&mut app, KeyCode::Char('h'));
        pump(&mut app, &mut db.conn);
        let Some(Overlay::History(h)) = overlay(&app) else {
            panic!("no history: {:?}", overlay(&app));
        };
        let entries = h.entries.as_ref().expect("history loaded");
        assert_eq!(entries[0].action, "update");
        assert!(
            entries[0].changes.contains(&(
                "name".to_owned(),
                Some("Acme GmbH".to_owned()),
                Some("Acme Holding GmbH".to_owned())
            )),
            "{entries:?}"
        );
        press(&mut app, KeyCode::Esc);

        // A license refers to it: the delete is refused, saying why.
        LicenseBuilder::new().company(1).insert(&mut db.conn);
        press(&mut app, KeyCode::Delete);
        pump(&mut app, &mut db.conn);
        assert!(matches!(overlay(&app), Some(Overlay::Confirm { .. })));
        press(&mut app, KeyCode::Char('y'));
        pump(&mut app, &mut db.conn);
        assert_eq!(
            status(&app),
            "Acme Holding GmbH cannot be deleted: 1 license refers to it; archive it instead"
        );
        assert_eq!(names(&mut db.conn).len(), 3);
    });
}

#[test]
fn a_viewer_is_refused_before_anything_opens() {
    common::each_backend(|db| {
        seed(&mut db.conn);
        let mut app = open(app::db_label(&db.url), &mut db.conn, "val");
        press(&mut app, KeyCode::Char('2'));
        pump(&mut app, &mut db.conn);
        press(&mut app, KeyCode::Char('n'));
        assert!(overlay(&app).is_none());
        assert!(status(&app).contains("not allowed"), "{}", status(&app));
    });
}

#[test]
fn empty_tabs_say_what_to_do_and_the_form_renders() {
    let mut db = common::sqlite_db();
    lms::service::operators::add(
        &mut db.conn,
        None,
        "bob",
        common::forms::PASSWORD,
        lms::domain::Role::Admin,
    )
    .unwrap();
    let mut app = open("SQLite /tmp/lms.db".to_owned(), &mut db.conn, "bob");
    pump(&mut app, &mut db.conn);
    insta::assert_snapshot!("licenses_empty_80x24", screen(&app));
    press(&mut app, KeyCode::Char('2'));
    pump(&mut app, &mut db.conn);
    insta::assert_snapshot!("companies_empty_80x24", screen(&app));
    press(&mut app, KeyCode::Char('n'));
    type_text(&mut app, "Initech SA");
    press(&mut app, KeyCode::Tab);
    type_text(&mut app, "switz");
    pump(&mut app, &mut db.conn);
    insta::assert_snapshot!("company_form_country_picker_80x24", screen(&app));
    press(&mut app, KeyCode::Enter);
    insta::assert_snapshot!("company_form_80x24", screen(&app));
}
