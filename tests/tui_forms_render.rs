//! 80x24 renders of the license-workflow overlays: the form with field errors (RTL and
//! emoji text keep the border in place), the picker, the purchase form, the status menu
//! and the history view.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::too_many_lines)]

mod common;

use ratatui::crossterm::event::KeyCode;

use common::fixtures;
use common::forms::*;
use lms::tui::app;
use lms::tui::driver::{self, press, pump};

#[test]
fn forms_render_at_80x24() {
    let mut db = common::sqlite_db();
    seed(&mut db.conn);
    fixtures::license(
        &mut db.conn,
        1,
        1,
        Some(10),
        "active",
        ("2025-01-01", "2030-12-31"),
    );
    let mut app = open(app::db_label(&db.url), &mut db.conn, "bob");

    // The license form with its field errors next to the fields.
    press(&mut app, KeyCode::Char('n'));
    fill(&mut app, "seats", "ten");
    fill(&mut app, "notes", "🚀 שלום עולם 🚀");
    ctrl(&mut app, 's');
    let text = screen(&app);
    assert!(text.contains("New license"), "{text}");
    assert!(text.contains("↳ choose a company"), "{text}");
    assert!(text.contains("↳ seats must be"), "{text}");
    assert!(text.contains("fix the fields marked"), "{text}");
    // The form box's borders stay put on the line with RTL and emoji text: the same
    // cells as on the line above.
    let rows: Vec<&str> = text.lines().collect();
    let y = rows.iter().position(|l| l.contains("Notes")).unwrap();
    assert!(rows[y].contains("שלום"), "{text}");
    let terminal = driver::render(&app, W, H);
    let buf = terminal.backend().buffer();
    let y = u16::try_from(y).unwrap();
    for x in [1, W - 2] {
        assert_eq!(
            buf[(x, y)].symbol(),
            buf[(x, y - 1)].symbol(),
            "column {x}: {text}"
        );
        assert_eq!(buf[(x, y)].symbol(), "│", "column {x}: {text}");
    }

    // The picker over the form.
    focus(&mut app, "company_id");
    press(&mut app, KeyCode::Enter);
    pump(&mut app, &mut db.conn);
    let text = screen(&app);
    assert!(text.contains("Choose a company"), "{text}");
    assert!(text.contains("> Acme GmbH"), "{text}");
    assert!(text.contains("Globex 100%_Corp"), "{text}");
    press(&mut app, KeyCode::Esc);
    press(&mut app, KeyCode::Esc);
    press(&mut app, KeyCode::Char('y'));

    // The purchase form.
    press(&mut app, KeyCode::Char('p'));
    pump(&mut app, &mut db.conn);
    let text = screen(&app);
    for label in [
        "Kind",
        "Seats added",
        "Currency",
        "New end date",
        "Sales rep",
        "Partner",
    ] {
        assert!(text.contains(label), "{label}: {text}");
    }
    press(&mut app, KeyCode::Esc);

    // The status menu with a refused step explained.
    press(&mut app, KeyCode::Char('s'));
    pump(&mut app, &mut db.conn);
    let text = screen(&app);
    assert!(
        text.contains("refused: cannot move") || text.contains("refused:"),
        "{text}"
    );
    assert!(
        text.contains("> suspended") || text.contains("> active"),
        "{text}"
    );
    press(&mut app, KeyCode::Esc);

    // The history view.
    press(&mut app, KeyCode::Char('h'));
    pump(&mut app, &mut db.conn);
    let text = screen(&app);
    assert!(text.contains("History of LIC-"), "{text}");
    assert!(text.contains("no changes recorded"), "{text}");
}
