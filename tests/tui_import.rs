//! The Import screen driven by keys against a real database: open it from a list, type a
//! file's path, change a column's mapping, dry run (nothing written), import (written),
//! a file with errors (nothing written), cancel (nothing written), the role gate, and
//! hostile text from the file never reaching the screen raw. Snapshots of every step.
#![allow(clippy::unwrap_used, clippy::expect_used)]

mod common;

use std::path::{Path, PathBuf};

use chrono::NaiveDate;
use diesel::prelude::*;
use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use ratatui::layout::Rect;

use lms::db::DbConnection;
use lms::db::schema::companies;
use lms::domain::Role;
use lms::service::operators;
use lms::tui::app::{self, App};
use lms::tui::driver::{self, press, pump, type_text};
use lms::tui::event::Msg;
use lms::tui::screens::import::{ImportScreen, Step};
use lms::tui::theme::Theme;

use common::forms::{PASSWORD, admin_app, sign_in};

fn today() -> NaiveDate {
    NaiveDate::from_ymd_opt(2025, 3, 1).unwrap()
}

/// Signed in with `role` at `w` x `h` (an admin signs in as the first operator).
fn start(db: &mut common::TestDb, (w, h): (u16, u16), role: Role) -> App {
    if role == Role::Admin {
        return admin_app(db, (w, h), today());
    }
    // The first operator must be an admin; `op` is the one signed in.
    operators::add(&mut db.conn, None, "admin", PASSWORD, Role::Admin).unwrap();
    let admin = common::actor(db, Role::Admin);
    operators::add(&mut db.conn, Some(&admin), "op", PASSWORD, role).unwrap();
    let app = App::new(
        app::db_label(&db.url),
        Rect::new(0, 0, w, h),
        today(),
        Theme::plain(),
    );
    sign_in(app, &mut db.conn, "op")
}

fn text(app: &App) -> String {
    driver::screen_text(app, app.area.width, app.area.height)
}

fn import(app: &App) -> &ImportScreen {
    app.screen::<ImportScreen>().expect("the Import screen")
}

fn ctrl_c(app: &mut App) {
    app.update(Msg::Key(KeyEvent::new(
        KeyCode::Char('c'),
        KeyModifiers::CONTROL,
    )));
}

fn company_names(conn: &mut DbConnection) -> Vec<String> {
    companies::table
        .select(companies::name)
        .order(companies::name)
        .load(conn)
        .unwrap()
}

/// A CSV file `name` in a fresh directory.
fn file(dir: &tempfile::TempDir, name: &str, body: &str) -> PathBuf {
    let path = dir.path().join(name);
    std::fs::write(&path, body).unwrap();
    path
}

const GOOD: &str = "Company Name,Land,Email,Colour\n\
                    Acme GmbH,DE,ops@acme.example,red\n\
                    Borealis Oy,FI,,blue\n";

/// From the Companies tab: `I`, the path, Enter: the file's columns.
fn open_on_companies(app: &mut App, conn: &mut DbConnection, path: &Path) {
    press(app, KeyCode::Char('2'));
    pump(app, conn);
    press(app, KeyCode::Char('I'));
    assert_eq!(import(app).form.target.name(), "companies");
    type_text(app, &path.display().to_string());
    press(app, KeyCode::Enter);
    pump(app, conn);
    assert_eq!(import(app).step, Step::Mapping, "{}", text(app));
}

/// [`open_on_companies`], then `Land` is mapped to `country`.
fn open_and_map(app: &mut App, conn: &mut DbConnection, path: &Path) {
    open_on_companies(app, conn, path);
    // Land is not a known header: the operator feeds it to the country.
    press(app, KeyCode::Char('j'));
    press(app, KeyCode::Enter);
    let fields: Vec<&str> = lms::import::fields::Target::Companies
        .fields()
        .iter()
        .map(|f| f.name)
        .collect();
    let country = fields.iter().position(|f| *f == "country").unwrap() + 1;
    for _ in 0..country {
        press(app, KeyCode::Down);
    }
    press(app, KeyCode::Enter);
    let mapping = &import(app).opened.as_ref().unwrap().mapping;
    assert_eq!(mapping.columns[1].map(|f| f.name), Some("country"));
}

#[test]
fn dry_run_then_import_from_the_companies_list() {
    common::each_backend(|db| {
        let dir = tempfile::tempdir().unwrap();
        let path = file(&dir, "companies.csv", GOOD);
        let mut app = start(db, (80, 24), Role::Manager);
        open_and_map(&mut app, &mut db.conn, &path);
        // Two columns for one field is refused and undone.
        press(&mut app, KeyCode::Char('k'));
        press(&mut app, KeyCode::Enter);
        press(&mut app, KeyCode::Down);
        press(&mut app, KeyCode::Down);
        press(&mut app, KeyCode::Enter);
        let screen = text(&app);
        assert!(screen.contains("error: refused: columns"), "{screen}");
        let mapping = &import(&app).opened.as_ref().unwrap().mapping;
        assert_eq!(mapping.columns[0].map(|f| f.name), Some("name"));

        press(&mut app, KeyCode::Char('d'));
        assert!(app.busy());
        pump(&mut app, &mut db.conn);
        let screen = text(&app);
        assert!(screen.contains("2 rows: 2 new, 0 updated"), "{screen}");
        assert!(screen.contains("dry run: nothing was written"), "{screen}");
        assert!(
            company_names(&mut db.conn).is_empty(),
            "a dry run writes nothing"
        );

        press(&mut app, KeyCode::Char('i'));
        pump(&mut app, &mut db.conn);
        assert_eq!(company_names(&mut db.conn), ["Acme GmbH", "Borealis Oy"]);
        assert!(text(&app).contains("Imported 2 rows"), "{}", text(&app));
        // Back on the list, which reads its rows again.
        press(&mut app, KeyCode::Enter);
        pump(&mut app, &mut db.conn);
        assert_eq!(app.screen_name(), "Companies");
        let screen = text(&app);
        assert!(screen.contains("Borealis Oy"), "{screen}");
        assert!(
            screen.contains("row 1 of 2"),
            "the count is read again: {screen}"
        );
        assert!(screen.contains("Imported 2 rows"), "{screen}");
    });
}

#[test]
fn a_file_with_errors_writes_nothing_unless_errors_are_skipped() {
    common::each_backend(|db| {
        let dir = tempfile::tempdir().unwrap();
        let body = format!("{GOOD}Bad Co,DE,not an address,green\n");
        let path = file(&dir, "companies.csv", &body);
        let mut app = start(db, (80, 24), Role::Admin);
        open_and_map(&mut app, &mut db.conn, &path);
        press(&mut app, KeyCode::Char('d'));
        pump(&mut app, &mut db.conn);
        press(&mut app, KeyCode::Char('i'));
        pump(&mut app, &mut db.conn);
        let screen = text(&app);
        assert!(screen.contains("1 with errors"), "{screen}");
        assert!(screen.contains("line 4: error: Email"), "{screen}");
        assert!(screen.contains("nothing was written"), "{screen}");
        assert!(company_names(&mut db.conn).is_empty());
        assert!(!dir.path().join("companies.csv.rejects.csv").exists());

        // Skip errors: the good rows, and the bad one in the rejects file next to the input.
        press(&mut app, KeyCode::Esc);
        pump(&mut app, &mut db.conn);
        press(&mut app, KeyCode::Char('I'));
        type_text(&mut app, &path.display().to_string());
        press(&mut app, KeyCode::BackTab);
        press(&mut app, KeyCode::Char(' '));
        press(&mut app, KeyCode::Enter);
        pump(&mut app, &mut db.conn);
        press(&mut app, KeyCode::Char('j'));
        press(&mut app, KeyCode::Char('e'));
        for _ in 0..2 {
            press(&mut app, KeyCode::Char('j'));
        }
        press(&mut app, KeyCode::Enter);
        press(&mut app, KeyCode::Char('d'));
        pump(&mut app, &mut db.conn);
        press(&mut app, KeyCode::Char('i'));
        pump(&mut app, &mut db.conn);
        assert_eq!(company_names(&mut db.conn), ["Acme GmbH", "Borealis Oy"]);
        let rejects = std::fs::read_to_string(dir.path().join("companies.csv.rejects.csv"))
            .expect("the rejects file");
        assert!(
            rejects.starts_with("Company Name,Land,Email,Colour,error\nBad Co,DE,"),
            "{rejects}"
        );
    });
}

/// 1,500 rows: the engine asks the observer after 1,000, which answers "cancelled".
fn many_companies() -> String {
    use std::fmt::Write as _;
    let mut body = "name,country\n".to_owned();
    for i in 0..1_500 {
        writeln!(body, "Company {i:05},DE").unwrap();
    }
    body
}

#[test]
fn esc_or_ctrl_c_cancels_a_run_and_nothing_is_written() {
    common::each_backend(|db| {
        let dir = tempfile::tempdir().unwrap();
        let path = file(&dir, "many.csv", &many_companies());
        let mut app = start(db, (80, 24), Role::Admin);
        open_on_companies(&mut app, &mut db.conn, &path);
        press(&mut app, KeyCode::Char('d'));
        pump(&mut app, &mut db.conn);
        assert!(text(&app).contains("1500 rows: 1500 new"), "{}", text(&app));
        // The real run, cancelled while it runs (Ctrl-C cancels; it does not quit).
        press(&mut app, KeyCode::Char('i'));
        ctrl_c(&mut app);
        assert!(!app.quit, "Ctrl-C cancels the import");
        ctrl_c(&mut app);
        assert!(app.quit, "a second Ctrl-C quits");
        app.quit = false;
        pump(&mut app, &mut db.conn);
        assert_eq!(import(&app).step, Step::Mapping);
        assert!(text(&app).contains("cancelled: nothing was written"));
        assert!(company_names(&mut db.conn).is_empty());
        // Esc cancels a dry run the same way.
        press(&mut app, KeyCode::Char('d'));
        press(&mut app, KeyCode::Esc);
        pump(&mut app, &mut db.conn);
        assert_eq!(import(&app).step, Step::Mapping);
        assert!(company_names(&mut db.conn).is_empty());
    });
}

#[test]
fn a_missing_file_is_an_error_next_to_the_path_and_the_form_stays() {
    let mut db = common::sqlite_db();
    let mut app = start(&mut db, (80, 24), Role::Admin);
    press(&mut app, KeyCode::Char('I'));
    assert_eq!(import(&app).form.target.name(), "licenses");
    press(&mut app, KeyCode::Enter);
    assert!(text(&app).contains("error: give the path of the CSV file"));
    type_text(&mut app, "/nonexistent/x.csv");
    for _ in 0..3 {
        press(&mut app, KeyCode::Tab);
    }
    type_text(&mut app, "%Q");
    press(&mut app, KeyCode::Enter);
    let screen = text(&app);
    assert!(screen.contains("is not a date format"), "{screen}");
    press(&mut app, KeyCode::Backspace);
    press(&mut app, KeyCode::Backspace);
    press(&mut app, KeyCode::Enter);
    pump(&mut app, &mut db.conn);
    let screen = text(&app);
    assert!(
        screen.contains("error: cannot open /nonexistent/x.csv"),
        "{screen}"
    );
    assert_eq!(import(&app).form.path.value(), "/nonexistent/x.csv");
}

#[test]
fn a_role_without_import_data_is_refused_and_sees_the_key_greyed() {
    let mut db = common::sqlite_db();
    let mut app = start(&mut db, (80, 24), Role::Sales);
    press(&mut app, KeyCode::Char('I'));
    assert!(app.screen::<ImportScreen>().is_none());
    let screen = text(&app);
    assert!(
        screen.contains("not allowed: import data needs role"),
        "{screen}"
    );
    press(&mut app, KeyCode::Char('?'));
    let screen = driver::screen_text(&app, 120, 40);
    assert!(
        screen.contains("import a CSV file into this list (or licenses) (not for your role)"),
        "{screen}"
    );
}

#[test]
fn hostile_text_in_the_file_never_reaches_the_screen_raw() {
    let mut db = common::sqlite_db();
    let dir = tempfile::tempdir().unwrap();
    let body = "name,country,Col\u{1b}[2Jour\u{202e},contact_email\n\
                Evil\u{1b}[31m Co\u{200b},DE,\u{202e}red\u{7},x\u{202e}y\u{1b}]8;;\n";
    let path = file(&dir, "evil.csv", body);
    let mut app = start(&mut db, (120, 35), Role::Admin);
    open_on_companies(&mut app, &mut db.conn, &path);
    let raw = |s: &str| {
        s.chars()
            .any(|c| c.is_control() && c != '\n' || matches!(c, '\u{202e}' | '\u{200b}'))
    };
    // Controls and bidi marks show as U+FFFD, where they were.
    let screen = text(&app);
    assert!(screen.contains("Col\u{fffd}[2Jour\u{fffd}"), "{screen}");
    assert!(screen.contains("\u{fffd}red\u{fffd}"), "{screen}");
    assert!(!raw(&screen), "{screen:?}");
    press(&mut app, KeyCode::Char('d'));
    pump(&mut app, &mut db.conn);
    let screen = text(&app);
    assert!(screen.contains("1 with errors"), "{screen}");
    assert!(!raw(&screen), "{screen:?}");
}

/// The temporary directory's path, as it appears on screen.
fn snap(app: &App, dir: &Path, name: &str) {
    let (w, h) = (app.area.width, app.area.height);
    let tmp = regex_escape(&dir.display().to_string());
    insta::with_settings!({ filters => vec![(tmp.as_str(), "[tmp]")] }, {
        insta::assert_snapshot!(format!("{name}@{w}x{h}"), text(app));
    });
}

fn regex_escape(s: &str) -> String {
    s.chars()
        .map(|c| {
            if c.is_ascii_alphanumeric() {
                c.to_string()
            } else {
                format!("\\{c}")
            }
        })
        .collect()
}

#[test]
fn each_step_as_drawn() {
    for size in [(80, 24), (120, 35)] {
        let mut db = common::sqlite_db();
        let dir = tempfile::tempdir().unwrap();
        let path = file(&dir, "companies.csv", GOOD);
        let mut app = start(&mut db, size, Role::Admin);
        press(&mut app, KeyCode::Char('2'));
        pump(&mut app, &mut db.conn);
        press(&mut app, KeyCode::Char('I'));
        type_text(&mut app, &path.display().to_string());
        snap(&app, dir.path(), "import_1_file");
        press(&mut app, KeyCode::Enter);
        pump(&mut app, &mut db.conn);
        snap(&app, dir.path(), "import_2_mapping_matched");
        press(&mut app, KeyCode::Char('j'));
        press(&mut app, KeyCode::Enter);
        snap(&app, dir.path(), "import_2_picker");
        press(&mut app, KeyCode::Down);
        press(&mut app, KeyCode::Down);
        press(&mut app, KeyCode::Enter);
        snap(&app, dir.path(), "import_2_mapping");
        press(&mut app, KeyCode::Char('d'));
        snap(&app, dir.path(), "import_3_running");
        pump(&mut app, &mut db.conn);
        snap(&app, dir.path(), "import_3_dry_run");
        press(&mut app, KeyCode::Char('i'));
        pump(&mut app, &mut db.conn);
        snap(&app, dir.path(), "import_4_report");
    }
}

/// Exchange rates have no list: the Import screen's target is turned to them (`←` from
/// the Companies tab's default wraps to the last target), then the dry run and the import
/// as for any entity, a second run reporting every row unchanged.
#[test]
fn exchange_rates_are_imported_from_the_import_screen() {
    use lms::db::schema::exchange_rates as r;
    common::each_backend(|db| {
        let dir = tempfile::tempdir().unwrap();
        let path = file(
            &dir,
            "rates.csv",
            "Date;Currency;Base;Rate\n2026-03-01;USD;EUR;0,8\n2026-04-10;USD;EUR;0,95\n",
        );
        let mut app = start(db, (80, 24), Role::Manager);
        press(&mut app, KeyCode::Char('2'));
        pump(&mut app, &mut db.conn);
        press(&mut app, KeyCode::Char('I'));
        type_text(&mut app, &path.display().to_string());
        press(&mut app, KeyCode::Tab);
        press(&mut app, KeyCode::Left);
        assert_eq!(import(&app).form.target.name(), "exchange-rates");
        // The decimal comma, for the file's "0,8".
        while import(&app).form.focus != lms::tui::screens::import::form::Field::DecimalComma {
            press(&mut app, KeyCode::Tab);
        }
        press(&mut app, KeyCode::Char(' '));
        press(&mut app, KeyCode::Enter);
        pump(&mut app, &mut db.conn);
        assert_eq!(import(&app).step, Step::Mapping, "{}", text(&app));

        press(&mut app, KeyCode::Char('d'));
        pump(&mut app, &mut db.conn);
        let screen = text(&app);
        assert!(screen.contains("2 rows: 2 new, 0 updated"), "{screen}");
        let count = |conn: &mut DbConnection| -> i64 { r::table.count().get_result(conn).unwrap() };
        assert_eq!(count(&mut db.conn), 0, "a dry run writes nothing");
        press(&mut app, KeyCode::Char('i'));
        pump(&mut app, &mut db.conn);
        assert!(text(&app).contains("Imported 2 rows"), "{}", text(&app));
        let rates: Vec<(NaiveDate, String, String, i64)> = r::table
            .select((
                r::rate_date,
                r::currency,
                r::reporting_currency,
                r::rate_e10,
            ))
            .order(r::rate_date)
            .load(&mut db.conn)
            .unwrap();
        assert_eq!(
            rates,
            [
                (date(2026, 3, 1), "USD".into(), "EUR".into(), 8_000_000_000),
                (date(2026, 4, 10), "USD".into(), "EUR".into(), 9_500_000_000),
            ],
            "{}",
            db.name()
        );
    });
}

fn date(y: i32, m: u32, d: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, d).unwrap()
}
