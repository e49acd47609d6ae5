//! `E` on a list, driven by keys on both backends: the dialog with the default path,
//! Esc cancelling, Enter writing exactly the list's filter and sort to the file and the
//! status line saying so, and a role without the right refused with the hint greyed.
#![allow(clippy::unwrap_used, clippy::expect_used)]

mod common;

use ratatui::crossterm::event::KeyCode;

use common::forms::{ctrl, open, screen, seed, status, today};
use lms::tui::app;
use lms::tui::driver::{press, pump, type_text};

#[test]
fn e_exports_the_lists_filter_and_sort_to_the_confirmed_file() {
    common::each_backend(|db| {
        seed(&mut db.conn);
        common::builders::CompanyBuilder::new("Zeta Ltd")
            .country("GB")
            .insert(&mut db.conn);
        let mut app = open(app::db_label(&db.url), &mut db.conn, "alice");
        press(&mut app, KeyCode::Char('2'));
        pump(&mut app, &mut db.conn);
        press(&mut app, KeyCode::Char('/'));
        type_text(&mut app, "country:de");
        press(&mut app, KeyCode::Enter);
        press(&mut app, KeyCode::Char('>'));
        press(&mut app, KeyCode::Char('r'));
        pump(&mut app, &mut db.conn);
        assert!(screen(&app).contains("· E export ┘"), "{}", screen(&app));

        // The dialog, pre-filled with the default file; Esc cancels.
        press(&mut app, KeyCode::Char('E'));
        let shown = screen(&app);
        let name = format!("companies-{}.csv", today().format("%Y-%m-%d"));
        assert!(shown.contains("Export companies"), "{shown}");
        assert!(shown.contains(&name), "{shown}");
        assert!(shown.contains("Enter export · Esc cancel"), "{shown}");
        // Keys go to the path, not to the router (`q` does not quit).
        type_text(&mut app, "q");
        assert!(screen(&app).contains(&format!("{name}q")));
        press(&mut app, KeyCode::Esc);
        assert!(!screen(&app).contains("Export companies"));
        assert_eq!(status(&app), "export cancelled");

        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("de.csv");
        press(&mut app, KeyCode::Char('E'));
        ctrl(&mut app, 'e');
        ctrl(&mut app, 'u');
        type_text(&mut app, path.to_str().unwrap());
        press(&mut app, KeyCode::Enter);
        assert!(
            status(&app).starts_with("exporting to "),
            "{}",
            status(&app)
        );
        pump(&mut app, &mut db.conn);
        assert_eq!(
            status(&app),
            format!("Exported 2 rows to {}", path.display())
        );
        let mut reader = csv::Reader::from_path(&path).unwrap();
        let names: Vec<String> = reader.records().map(|r| r.unwrap()[0].to_owned()).collect();
        // Country DE, by company name descending: as the tab shows them.
        assert_eq!(names, ["Globex 100%_Corp", "Acme GmbH"]);

        // A missing directory: the error in the status line, no file.
        press(&mut app, KeyCode::Char('E'));
        ctrl(&mut app, 'e');
        ctrl(&mut app, 'u');
        let missing = dir.path().join("nope").join("x.csv");
        type_text(&mut app, missing.to_str().unwrap());
        press(&mut app, KeyCode::Enter);
        pump(&mut app, &mut db.conn);
        assert!(
            status(&app).starts_with("export failed: cannot write")
                && status(&app).ends_with("does not exist"),
            "{}",
            status(&app)
        );
        assert_eq!(std::fs::read_dir(dir.path()).unwrap().count(), 1);
    });
}

#[test]
fn a_role_without_export_is_refused() {
    common::each_backend(|db| {
        seed(&mut db.conn);
        let mut app = open(app::db_label(&db.url), &mut db.conn, "val");
        press(&mut app, KeyCode::Char('2'));
        pump(&mut app, &mut db.conn);
        let list = common::screens::list(&app).unwrap();
        assert!(list.exports() && !list.export.allowed);
        press(&mut app, KeyCode::Char('E'));
        assert!(!screen(&app).contains("Export companies"));
        assert_eq!(
            status(&app),
            "not allowed: export data needs role admin or manager or sales"
        );
    });
}
