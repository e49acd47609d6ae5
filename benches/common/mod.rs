//! Shared by the benchmarks: the database (filled by the demo loader when too small) and
//! a signed-in app.
#![allow(dead_code, clippy::unwrap_used, clippy::expect_used)]

use chrono::Local;
use ratatui::crossterm::event::KeyCode;
use ratatui::layout::Rect;

use lms::config::DatabaseUrl;
use lms::db::DbConnection;
use lms::domain::Role;
use lms::service::browse::{self, Entity};
use lms::service::{demo, operators};
use lms::tui::app::{self, App, Phase};
use lms::tui::driver::{press, pump, type_text};
use lms::tui::theme::Theme;

pub const USER: &str = "bench";
pub const PASSWORD: &str = "bench password";

pub fn prepare() -> (DatabaseUrl, DbConnection) {
    let raw = std::env::var("LMS_BENCH_URL").unwrap_or_else(|_| "target/bench/licenses.db".into());
    let url = DatabaseUrl::parse(&raw).unwrap();
    let mut conn = DbConnection::open(&url).unwrap();
    conn.migrate().unwrap();
    if !operators::any_exist(&mut conn).unwrap() {
        operators::add(&mut conn, None, USER, PASSWORD, Role::Admin).unwrap();
    }
    let actor = lms::service::sessions::login(&mut conn, USER, PASSWORD).unwrap();
    let want: u64 = std::env::var("LMS_BENCH_LICENSES").map_or(1_000_000, |v| v.parse().unwrap());
    let have = browse::count(
        &mut conn,
        &actor,
        Entity::Licenses,
        &lms::db::queries::list::ListQuery::default(),
    )
    .unwrap();
    if u64::try_from(have).unwrap() < want {
        eprintln!("loading {want} licenses into {url} (once)");
        let size = demo::DemoSize {
            licenses: want,
            companies: 1_000,
            portal_users: 10_000,
            activity_rows: 100_000,
            ..demo::DemoSize::default()
        };
        let report = demo::load(
            &mut conn,
            &actor,
            &size,
            Local::now().date_naive(),
            &mut |_| {},
        )
        .unwrap();
        eprintln!(
            "loaded {} rows at {:.0} rows/s",
            report.total_rows,
            report.rows_per_sec()
        );
    }
    (url, conn)
}

pub fn signed_in(url: &DatabaseUrl, conn: &mut DbConnection, w: u16, h: u16) -> App {
    let mut app = App::new(
        app::db_label(url),
        Rect::new(0, 0, w, h),
        Local::now().date_naive(),
        Theme::plain(),
    );
    pump(&mut app, conn);
    type_text(&mut app, USER);
    press(&mut app, KeyCode::Tab);
    type_text(&mut app, PASSWORD);
    press(&mut app, KeyCode::Enter);
    pump(&mut app, conn);
    assert!(matches!(app.phase, Phase::Main(_)), "signed in");
    app
}

/// Goes to the tab titled `title` (Tab from wherever the app is).
pub fn go_to(app: &mut App, conn: &mut DbConnection, title: &str) {
    for _ in 0..40 {
        if app.screen_name() == title {
            return;
        }
        press(app, KeyCode::Tab);
        pump(app, conn);
    }
    panic!("no tab {title}");
}

/// Puts `text` in force as the list's filter (an empty text clears it).
pub fn set_filter(app: &mut App, conn: &mut DbConnection, text: &str) {
    press(app, KeyCode::Char('/'));
    // The prompt opens with the filter in force: clear it first.
    for _ in 0..200 {
        press(app, KeyCode::Backspace);
    }
    type_text(app, text);
    press(app, KeyCode::Enter);
    pump(app, conn);
}
