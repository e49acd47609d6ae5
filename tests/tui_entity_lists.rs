//! The entity lists driven by keys on both backends: `/` filters the Companies tab, `>`
//! and `r` sort it by another column with the header's arrow following, `Esc` clears the
//! filter, and a qualifier the tab does not know is refused in the status line with the
//! ones it does, the prompt kept open with the text.
#![allow(clippy::unwrap_used, clippy::expect_used)]

mod common;

use ratatui::crossterm::event::KeyCode;

use common::builders::CompanyBuilder;
use common::forms::{open, screen, seed, status};
use lms::tui::app::{self, App};
use lms::tui::driver::{press, pump, type_text};
use lms::tui::format;

/// The Company column of the rows on screen.
fn names(app: &App) -> Vec<String> {
    let list = common::screens::list(app).unwrap();
    list.tab
        .page
        .as_ref()
        .map(|p| p.rows.iter().map(|r| format::cell(&r.cells[1])).collect())
        .unwrap_or_default()
}

/// The list's header line on screen.
fn header(app: &App) -> String {
    screen(app).lines().nth(2).unwrap_or_default().to_owned()
}

#[test]
fn companies_filter_and_sort_by_keys() {
    common::each_backend(|db| {
        // Acme GmbH and Globex 100%_Corp (both DE), then two more.
        seed(&mut db.conn);
        CompanyBuilder::new("Zeta Ltd")
            .country("GB")
            .insert(&mut db.conn);
        CompanyBuilder::new("Beta AG")
            .country("CH")
            .insert(&mut db.conn);
        let mut app = open(app::db_label(&db.url), &mut db.conn, "bob");
        press(&mut app, KeyCode::Char('2'));
        pump(&mut app, &mut db.conn);
        assert_eq!(app.screen_name(), "Companies");
        assert!(header(&app).contains("ID ↑"), "{}", screen(&app));
        assert_eq!(
            names(&app),
            ["Acme GmbH", "Globex 100%_Corp", "Zeta Ltd", "Beta AG"]
        );

        press(&mut app, KeyCode::Char('/'));
        type_text(&mut app, "country:de");
        press(&mut app, KeyCode::Enter);
        pump(&mut app, &mut db.conn);
        assert_eq!(names(&app), ["Acme GmbH", "Globex 100%_Corp"]);
        let shown = screen(&app);
        assert!(shown.contains("/ country:de"), "{shown}");
        assert!(shown.contains("row 1 of 2 matching"), "{shown}");

        // `>`: by company name, ascending, the arrow on its header; `r` reverses.
        press(&mut app, KeyCode::Char('>'));
        pump(&mut app, &mut db.conn);
        assert!(header(&app).contains("Company ↑"), "{}", screen(&app));
        assert!(!header(&app).contains("ID ↑"), "{}", screen(&app));
        press(&mut app, KeyCode::Char('r'));
        pump(&mut app, &mut db.conn);
        assert!(header(&app).contains("Company ↓"), "{}", screen(&app));
        assert_eq!(names(&app), ["Globex 100%_Corp", "Acme GmbH"]);

        // Esc drops the filter; the order stays.
        press(&mut app, KeyCode::Esc);
        pump(&mut app, &mut db.conn);
        assert_eq!(
            names(&app),
            ["Zeta Ltd", "Globex 100%_Corp", "Beta AG", "Acme GmbH"]
        );
        assert!(screen(&app).contains("row 1 of 4"), "{}", screen(&app));

        // `<`: back to the ID column (still descending).
        press(&mut app, KeyCode::Char('<'));
        pump(&mut app, &mut db.conn);
        assert!(header(&app).contains("ID ↓"), "{}", screen(&app));
        assert_eq!(
            names(&app),
            ["Beta AG", "Zeta Ltd", "Globex 100%_Corp", "Acme GmbH"]
        );

        // A qualifier of another list: refused, naming this list's, the prompt open.
        press(&mut app, KeyCode::Char('/'));
        type_text(&mut app, "region:emea");
        press(&mut app, KeyCode::Enter);
        pump(&mut app, &mut db.conn);
        assert_eq!(
            status(&app),
            "unknown filter region: (this list knows country: archived)"
        );
        assert!(common::screens::list(&app).unwrap().prompt.is_some());
        assert_eq!(names(&app).len(), 4);
    });
}
