//! The Audit log tab driven by keys against a real database, on both backends: open it,
//! filter it, see the selected change's fields by label; bad filters give a clear line and
//! leave the list as it was; a role without `ViewAudit` is told so.
#![allow(clippy::unwrap_used, clippy::expect_used)]

mod common;

use chrono::NaiveDate;
use ratatui::crossterm::event::KeyCode;
use ratatui::layout::Rect;

use common::TestDb;
use common::builders::AuditBuilder;
use lms::domain::Role;
use lms::service::operators;
use lms::tui::app::{self, App};
use lms::tui::driver::{self, press, pump, type_text};
use lms::tui::screens::audit::AuditScreen;
use lms::tui::theme::Theme;

const PASSWORD: &str = "correct horse 1";

/// Wide enough for a whole status line.
const W: u16 = 200;

fn screen(app: &App) -> String {
    driver::screen_text(app, W, 24)
}

/// Signed in as `user`, on the Audit log tab (the last: Shift-Tab from the first), at
/// `W` x 24.
fn on_audit_tab(db: &mut TestDb, user: &str) -> App {
    let mut app = App::new(
        app::db_label(&db.url),
        Rect::new(0, 0, W, 24),
        NaiveDate::from_ymd_opt(2025, 3, 1).unwrap(),
        Theme::plain(),
    );
    pump(&mut app, &mut db.conn);
    type_text(&mut app, user);
    press(&mut app, KeyCode::Tab);
    type_text(&mut app, PASSWORD);
    press(&mut app, KeyCode::Enter);
    pump(&mut app, &mut db.conn);
    // Behind the Dashboard; admins have the Operators tab after it.
    for _ in 0..2 {
        press(&mut app, KeyCode::BackTab);
        pump(&mut app, &mut db.conn);
        if app.screen_name() == "Audit log" {
            break;
        }
    }
    assert_eq!(app.screen_name(), "Audit log", "{}", screen(&app));
    app
}

fn filter(app: &mut App, db: &mut TestDb, text: &str) {
    press(app, KeyCode::Char('/'));
    type_text(app, text);
    press(app, KeyCode::Enter);
    pump(app, &mut db.conn);
}

fn rows_shown(app: &App) -> Vec<i64> {
    let tab = &app.screen::<AuditScreen>().unwrap().list.tab;
    tab.page
        .as_ref()
        .map(|p| p.rows.iter().map(|r| r.id).collect())
        .unwrap_or_default()
}

#[test]
fn filter_by_action_and_see_the_change() {
    common::each_backend(|db| {
        let admin = operators::add(&mut db.conn, None, "admin", PASSWORD, Role::Admin).unwrap();
        AuditBuilder::new("license", 7)
            .operator(admin.operator_id)
            .action("create")
            .at("2025-01-02 10:00:00")
            .change("seats", None, Some("10"))
            .insert(&mut db.conn);
        let update = AuditBuilder::new("license", 7)
            .action("update")
            .at("2025-02-03 11:15:00")
            .change("seats", Some("10"), Some("15"))
            .change("partner_id", None, Some("Channel AG #3"))
            .insert(&mut db.conn);
        let mut app = on_audit_tab(db, "admin");
        let all = rows_shown(&app);
        assert!(
            all.len() >= 3,
            "two fixtures, the admin's creation and login"
        );

        filter(&mut app, db, "action:update");
        assert_eq!(rows_shown(&app), vec![update.id]);
        let text = screen(&app);
        for want in [
            "/ action:update",
            "row 1 of 1 matching",
            "the system",
            "Partner, Seats",
            " license #7 · update ",
            "Partner: — → Channel AG #3",
            "Seats: 10 → 15",
        ] {
            assert!(text.contains(want), "{want:?} missing:\n{text}");
        }
        assert!(!text.contains("partner_id"), "{text}");

        // Bad input: a clear line, the prompt kept, the list as it was.
        let cases = [
            (
                "colour:red",
                "unknown filter colour: (this list knows operator: entity: action: date)",
            ),
            (
                "status:active",
                "unknown filter status: (this list knows operator: entity: action: date)",
            ),
            (
                "date:2025-13-01",
                "date:2025-13-01 needs a date as YYYY-MM-DD",
            ),
            ("date:", "date: needs a value after the colon"),
            (
                "acme \u{202e}evil",
                "filter contains control or text-direction characters",
            ),
            ("operator:\"ann", "the filter has an unclosed quote"),
        ];
        for (typed, error) in cases {
            press(&mut app, KeyCode::Char('/'));
            for _ in 0..40 {
                press(&mut app, KeyCode::Backspace);
            }
            type_text(&mut app, typed);
            press(&mut app, KeyCode::Enter);
            pump(&mut app, &mut db.conn);
            let text = screen(&app);
            assert!(
                text.contains(error),
                "{typed:?}: {error:?} missing:\n{text}"
            );
            assert!(!text.contains('\u{202e}'), "{text}");
            assert_eq!(rows_shown(&app), vec![update.id], "{typed:?}");
            press(&mut app, KeyCode::Esc);
        }
        // Control characters never reach the prompt; SQL is only text.
        filter(&mut app, db, "'; DROP TABLE audit_log; --\u{1b}[2J");
        assert!(rows_shown(&app).is_empty());
        assert!(
            screen(&app).contains("no matching rows"),
            "{}",
            screen(&app)
        );
        press(&mut app, KeyCode::Esc);
        pump(&mut app, &mut db.conn);
        assert_eq!(rows_shown(&app), all, "Esc clears the filter");
    });
}

#[test]
fn a_viewer_is_refused_the_audit_log() {
    common::each_backend(|db| {
        let admin = operators::add(&mut db.conn, None, "admin", PASSWORD, Role::Admin).unwrap();
        operators::add(&mut db.conn, Some(&admin), "vic", PASSWORD, Role::Viewer).unwrap();
        let app = on_audit_tab(db, "vic");
        assert!(rows_shown(&app).is_empty());
        let text = screen(&app);
        assert!(
            text.contains("not allowed: view change history needs role admin or manager"),
            "{text}"
        );
    });
}
