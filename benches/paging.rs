//! Paging the Licenses tab on a large table, through the real app: a key press goes through
//! `App::update`, the page and detail queries run on a real database, the replies are
//! applied and the frame is rendered (to a test backend, so terminal I/O is not counted).
//!
//! Database: `LMS_BENCH_URL` (a SQLite path or a MySQL URL; default
//! `target/bench/licenses.db`). If it holds fewer than `LMS_BENCH_LICENSES` licenses
//! (default 1,000,000) and no other data, the demo loader fills it first.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::cast_precision_loss)]

use std::time::{Duration, Instant};

use chrono::Local;
use criterion::{Criterion, criterion_group, criterion_main};
use ratatui::crossterm::event::KeyCode;
use ratatui::layout::Rect;

use lms::config::DatabaseUrl;
use lms::db::DbConnection;
use lms::domain::Role;
use lms::service::browse::{self, Entity};
use lms::service::{demo, operators};
use lms::tui::app::{self, App, Screen};
use lms::tui::driver::{press, pump, render, type_text};
use lms::tui::theme::Theme;

const USER: &str = "bench";
const PASSWORD: &str = "bench password";

fn prepare() -> (DatabaseUrl, DbConnection) {
    let raw = std::env::var("LMS_BENCH_URL").unwrap_or_else(|_| "target/bench/licenses.db".into());
    let url = DatabaseUrl::parse(&raw).unwrap();
    let mut conn = DbConnection::open(&url).unwrap();
    conn.migrate().unwrap();
    if !operators::any_exist(&mut conn).unwrap() {
        operators::add(&mut conn, None, USER, PASSWORD, Role::Admin).unwrap();
    }
    let actor = lms::auth::login(&mut conn, USER, PASSWORD).unwrap();
    let want: u64 = std::env::var("LMS_BENCH_LICENSES").map_or(1_000_000, |v| v.parse().unwrap());
    let have = browse::count(
        &mut conn,
        &actor,
        Entity::Licenses,
        &lms::db::queries::license_list::ListQuery::default(),
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

fn signed_in(url: &DatabaseUrl, conn: &mut DbConnection, w: u16, h: u16) -> App {
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
    assert!(matches!(app.screen, Screen::Main(_)), "signed in");
    app
}

fn at_last_page(app: &App) -> bool {
    let Screen::Main(b) = &app.screen else {
        return true;
    };
    b.tab()
        .and_then(|t| t.page.as_ref())
        .is_none_or(|p| !p.has_after)
}

fn peak_rss_kib() -> Option<u64> {
    let status = std::fs::read_to_string("/proc/self/status").ok()?;
    let line = status.lines().find(|l| l.starts_with("VmHWM:"))?;
    line.split_whitespace().nth(1)?.parse().ok()
}

fn paging(c: &mut Criterion) {
    let (url, mut conn) = prepare();
    let kind = conn.kind().name();

    c.bench_function(&format!("first_frame/{kind}"), |b| {
        b.iter(|| {
            let app = App::new(
                app::db_label(&url),
                Rect::new(0, 0, 80, 24),
                Local::now().date_naive(),
                Theme::plain(),
            );
            let _ = render(&app, 80, 24);
        });
    });

    for (w, h) in [(80, 24), (200, 60)] {
        let mut app = signed_in(&url, &mut conn, w, h);
        c.bench_function(&format!("pgdn_to_frame/{kind}/{w}x{h}"), |b| {
            b.iter_custom(|iters| {
                let mut total = Duration::ZERO;
                for _ in 0..iters {
                    if at_last_page(&app) {
                        press(&mut app, KeyCode::Char('g'));
                        pump(&mut app, &mut conn);
                    }
                    let t = Instant::now();
                    press(&mut app, KeyCode::PageDown);
                    pump(&mut app, &mut conn);
                    let _ = render(&app, w, h);
                    total += t.elapsed();
                }
                total
            });
        });
        // The far end of the table costs the same as the start (keyset, no OFFSET).
        press(&mut app, KeyCode::Char('G'));
        pump(&mut app, &mut conn);
        c.bench_function(&format!("pgup_from_end/{kind}/{w}x{h}"), |b| {
            b.iter_custom(|iters| {
                let mut total = Duration::ZERO;
                for _ in 0..iters {
                    let t = Instant::now();
                    press(&mut app, KeyCode::PageUp);
                    pump(&mut app, &mut conn);
                    let _ = render(&app, w, h);
                    total += t.elapsed();
                }
                press(&mut app, KeyCode::Char('G'));
                pump(&mut app, &mut conn);
                total
            });
        });
    }
    if let Some(kib) = peak_rss_kib() {
        eprintln!(
            "peak RSS of this benchmark process: {:.1} MiB",
            kib as f64 / 1024.0
        );
    }
}

criterion_group! {
    name = benches;
    config = Criterion::default().sample_size(30).measurement_time(Duration::from_secs(5));
    targets = paging
}
criterion_main!(benches);
