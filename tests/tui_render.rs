//! Screens rendered to a `TestBackend` at 80x24 and 200x60 from fixed state: no database,
//! fixed "today", no colour.
#![allow(clippy::unwrap_used, clippy::expect_used)]

use chrono::NaiveDate;
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::style::Modifier;

use lms::auth::Actor;
use lms::db::BackendKind;
use lms::db::queries::licenses::LicenseDetail;
use lms::db::queries::page::{Page, Row, SortKey, Value};
use lms::domain::Role;
use lms::service::ServiceError;
use lms::service::browse::Entity;
use lms::tui::app::{App, Phase, Tabs};
use lms::tui::screens::first_run::{self, FirstRunScreen};
use lms::tui::screens::licenses::{self, LicensesScreen};
use lms::tui::screens::list::List;
use lms::tui::screens::list::paging::TabState;
use lms::tui::screens::login::{self, LoginScreen};
use lms::tui::screens::main_tabs;
use lms::tui::screens::start::StartScreen;
use lms::tui::theme::Theme;
use lms::tui::ui;

const SMALL: (u16, u16) = (80, 24);
const LARGE: (u16, u16) = (200, 60);

fn today() -> NaiveDate {
    NaiveDate::from_ymd_opt(2025, 3, 1).unwrap()
}

fn app((w, h): (u16, u16)) -> App {
    let mut app = App::new(
        "SQLite /tmp/lms-test.db".to_owned(),
        Rect::new(0, 0, w, h),
        today(),
        Theme::plain(),
    );
    let _ = app.drain_outbox();
    app.kind = Some(BackendKind::Sqlite);
    app
}

fn draw(app: &App, (w, h): (u16, u16)) -> Buffer {
    let mut terminal = Terminal::new(TestBackend::new(w, h)).unwrap();
    terminal.draw(|f| ui::render(f, app)).unwrap();
    terminal.backend().buffer().clone()
}

fn lines(buf: &Buffer) -> Vec<String> {
    (0..buf.area.height)
        .map(|y| {
            (0..buf.area.width)
                .map(|x| buf[(x, y)].symbol())
                .collect::<String>()
        })
        .collect()
}

fn text(buf: &Buffer) -> String {
    lines(buf).join("\n")
}

#[track_caller]
fn assert_has(buf: &Buffer, needle: &str) {
    let t = text(buf);
    assert!(t.contains(needle), "{needle:?} not on screen:\n{t}");
}

#[track_caller]
fn assert_lacks(buf: &Buffer, needle: &str) {
    let t = text(buf);
    assert!(
        !t.contains(needle),
        "{needle:?} should not be on screen:\n{t}"
    );
}

fn actor() -> Actor {
    Actor {
        operator_id: 1,
        username: "admin".to_owned(),
        role: Role::Admin,
    }
}

#[test]
fn connecting_is_the_first_frame() {
    let mut a = app(SMALL);
    a.kind = None;
    let buf = draw(&a, SMALL);
    assert_has(&buf, "Connecting to SQLite /tmp/lms-test.db");
    assert_has(&buf, "connecting…");
    assert!(!text(&buf).contains("Still opening"));
    // A long wait (migrations on a large database) is explained.
    a.ticks = 20;
    let buf = draw(&a, SMALL);
    assert_has(&buf, "Still opening: it also applies schema updates");
    a.phase = Phase::Session(Box::new(StartScreen::Failed(
        "cannot open the database: unable to open file".into(),
    )));
    let buf = draw(&a, SMALL);
    assert_has(&buf, "error: cannot open the database: unable to open file");
    assert_has(&buf, "q to quit");
}

#[test]
fn first_run_screen() {
    for size in [SMALL, LARGE] {
        let mut a = app(size);
        let mut screen = FirstRunScreen::default();
        screen.form.set(first_run::USERNAME, "root");
        screen.form.set(first_run::PASSWORD, "hunter2hunter2");
        screen.form.error = Some("username must be 1 to 64 characters".into());
        a.phase = Phase::Session(Box::new(screen));
        let buf = draw(&a, size);
        assert_has(&buf, "lms · first run");
        assert_has(&buf, "There is no operator account yet");
        assert_has(&buf, "> Admin username");
        assert_has(&buf, "root");
        assert_has(&buf, "Repeat password");
        assert_has(&buf, "••••••••••••••");
        assert_lacks(&buf, "hunter2");
        assert_has(&buf, "error: username must be 1 to 64 characters");
        assert_has(&buf, "not signed in │ SQLite");
    }
}

#[test]
fn login_screen_with_and_without_error() {
    for size in [SMALL, LARGE] {
        let mut a = app(size);
        a.phase = Phase::Session(Box::new(LoginScreen::default()));
        let buf = draw(&a, size);
        assert_has(&buf, "lms · sign in");
        assert_has(&buf, "> Username");
        assert_has(&buf, "  Password");
        assert_has(&buf, "Database SQLite /tmp/lms-test.db");
        assert_lacks(&buf, "error:");

        let mut screen = LoginScreen::default();
        screen.form.set(login::USERNAME, "admin");
        // As after a failed sign-in: the name kept, the password cleared and focused.
        screen.form.error = Some(ServiceError::BadCredentials.to_string());
        screen.form.focus = Some(login::PASSWORD);
        a.phase = Phase::Session(Box::new(screen));
        let buf = draw(&a, size);
        assert_has(&buf, "error: wrong username or password");
        assert_has(&buf, "> Password");
    }
}

fn license_rows(from: i64, n: i64) -> Vec<Row> {
    (from..from + n)
        .map(|id| Row {
            key: SortKey::None,
            id,
            cells: vec![
                format!("LIC-{id:06}").into(),
                if id == 2 {
                    "Evil\x1b[31m Corp".into()
                } else {
                    format!("Company {id}").into()
                },
                "PRO".into(),
                "active".into(),
                Value::Seats(Some(25)),
                NaiveDate::from_ymd_opt(2025, 1, 1).into(),
                NaiveDate::from_ymd_opt(2025, 12, 31).into(),
                "Partner Ltd".into(),
                "Sam Sales".into(),
            ],
        })
        .collect()
}

fn detail() -> LicenseDetail {
    let at = NaiveDate::from_ymd_opt(2025, 1, 2)
        .unwrap()
        .and_hms_opt(10, 0, 0)
        .unwrap();
    LicenseDetail {
        id: 4,
        license_key: "LIC-000004".into(),
        company: "Company 4".into(),
        product_code: "PRO".into(),
        product_name: "Professional".into(),
        partner: Some("Partner Ltd".into()),
        sales_rep: None,
        seats: Some(25),
        start_date: NaiveDate::from_ymd_opt(2025, 1, 1).unwrap(),
        end_date: NaiveDate::from_ymd_opt(2025, 3, 31).unwrap(),
        status: "active".into(),
        notes: String::new(),
        version: 3,
        created_at: at,
        updated_at: at,
        purchase_count: 2,
        last_purchase: Some((
            NaiveDate::from_ymd_opt(2025, 1, 1).unwrap(),
            "renewal".into(),
        )),
        money: vec![("EUR".into(), 120_000, 150_050)],
        deployment_count: 1,
        last_deployment: Some(("completed".into(), Some("Erin Engineer".into()))),
    }
}

/// Rows per page of the Licenses tab with its detail pane, in a terminal of `area`.
fn page_limit(area: Rect) -> usize {
    let (table, _) = licenses::view::areas(lms::tui::layout::screen_area(area, true), true);
    List::rows_in(table)
}

/// The Licenses tab with one page of `limit` rows, the 4th selected, its detail loaded;
/// `total` rows in all, when known.
fn licenses_app_with(size: (u16, u16), total: Option<u64>) -> App {
    let mut a = app(size);
    a.actor = Some(actor());
    let limit = i64::try_from(page_limit(a.area)).unwrap();
    let mut screen = LicensesScreen::new();
    let page = Page {
        rows: license_rows(1, limit),
        has_before: false,
        has_after: true,
    };
    screen.list.tab = TabState::with_page(Entity::Licenses, page, total);
    screen.list.tab.selected = 3;
    screen.detail.pane.want = Some(4);
    screen.detail.pane.shown = Some(Box::new(detail()));
    let mut screens = main_tabs(a.today, None);
    screens[0] = Box::new(screen);
    a.phase = Phase::Main(Tabs { screens, active: 0 });
    a
}

fn licenses_app(size: (u16, u16)) -> App {
    licenses_app_with(size, Some(60))
}

fn row_of(buf: &Buffer, needle: &str) -> u16 {
    let l = lines(buf);
    let y = l
        .iter()
        .position(|l| l.contains(needle))
        .unwrap_or_else(|| {
            panic!("{needle:?} not on screen:\n{}", l.join("\n"));
        });
    u16::try_from(y).unwrap()
}

#[test]
fn licenses_screen_small() {
    let a = licenses_app(SMALL);
    assert_eq!(page_limit(a.area), 9);
    let buf = draw(&a, SMALL);
    // Tab bar: twelve tabs do not fit 80 columns even with short titles; the bar shows
    // the ones around the active tab and marks the hidden ones.
    assert_has(&buf, " 1 Lic 2 Co 3 Ptnr ");
    assert_has(&buf, " 10 Log 11 Time›");
    assert_has(&buf, "License ↑  Company");
    assert_has(&buf, "> LIC-000004");
    assert_has(&buf, "row 4 of 60");
    // Untrusted text is neutralised.
    assert_has(&buf, "Evil\u{FFFD}[31m");
    // The selection does not rely on colour.
    let y = row_of(&buf, "> LIC-000004");
    let x = u16::try_from(lines(&buf)[usize::from(y)].find('>').unwrap()).unwrap();
    assert!(buf[(x + 3, y)].modifier.contains(Modifier::REVERSED));
    // The detail pane below the table.
    assert_has(&buf, " LIC-000004 · active ");
    assert_has(&buf, "Product     PRO · Professional");
    assert_has(&buf, "End         2025-03-31 (in 30 days)");
    assert_has(&buf, "Sales rep   —");
    assert_has(&buf, "Cost        1,200.00 EUR");
    assert_has(&buf, "Revenue     1,500.50 EUR");
    assert_has(&buf, "Deployments 1, last completed");
    assert!(row_of(&buf, "Cost        1,200.00 EUR") > row_of(&buf, "> LIC-000004"));
    // The status bar.
    let status = lines(&buf)[23].clone();
    assert!(status.starts_with(" admin (admin) │ SQLite │"), "{status}");
    assert!(status.trim_end().ends_with("? help  q quit"), "{status}");
}

#[test]
fn licenses_screen_large() {
    let a = licenses_app(LARGE);
    let buf = draw(&a, LARGE);
    assert_has(&buf, " 1 Licenses  2 Companies  3 Partners  4 Sales reps ");
    // Every column fits.
    for h in licenses::SPEC.columns {
        assert_has(&buf, h);
    }
    assert_has(&buf, "> LIC-000004");
    assert_has(&buf, "row 4 of 60");
    // The detail pane is on the right, level with the table.
    let y = row_of(&buf, "> LIC-000004");
    let line = &lines(&buf)[usize::from(y)];
    assert!(line.contains("Sam Sales"), "{line}");
    assert!(row_of(&buf, "Revenue     1,500.50 EUR") < 20);
    assert_has(&buf, "Notes       —");
}

#[test]
fn counts_not_known_yet_and_errors() {
    let mut a = licenses_app_with(SMALL, None);
    a.status = Some(lms::tui::widgets::status_bar::Status::error(
        "database error: disk I/O error",
    ));
    let buf = draw(&a, SMALL);
    assert_has(&buf, "row 4 of …");
    assert_has(&buf, "error: database error: disk I/O error");
}

/// A database error longer than the line is cut with "…" before the key hint, which keeps
/// at least its first item.
#[test]
fn a_long_error_is_cut_before_the_key_hint() {
    let long = "database error: Lost connection to server during query: \
                the server at 10.20.30.40:3306 closed the connection \
                while reading the result set of a statement that ran for too long";
    let mut a = licenses_app_with(SMALL, None);
    a.status = Some(lms::tui::widgets::status_bar::Status::error(long));
    let buf = draw(&a, SMALL);
    let bottom = lines(&buf).pop().unwrap();
    let bottom = bottom.trim_end();
    assert!(bottom.ends_with("? help"), "{bottom:?}");
    assert!(
        bottom.contains("error: database error: Lost connection"),
        "{bottom:?}"
    );
    let cut = bottom
        .find('…')
        .unwrap_or_else(|| panic!("not cut: {bottom:?}"));
    assert!(cut < bottom.find("? help").unwrap(), "{bottom:?}");
}

#[test]
fn help_overlay_lists_the_keys_of_the_screen() {
    let mut a = licenses_app(SMALL);
    a.help = true;
    let buf = draw(&a, SMALL);
    assert_has(&buf, "Keys · Licenses");
    assert_has(&buf, "j ↓");
    assert_has(&buf, "next row");
    assert_has(&buf, "show/hide the detail pane");
    assert_has(&buf, "Esc, ? or q closes this help");
}

#[test]
fn too_small_says_so() {
    let a = licenses_app((60, 20));
    let buf = draw(&a, (60, 20));
    assert_has(&buf, "terminal too small: need at least 80x24, have 60x20");
    assert_lacks(&buf, "LIC-000004");
}
