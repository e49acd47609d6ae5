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

use lms::tui::app::{self, App};
use lms::tui::driver::{press, pump, render};
use lms::tui::screens::licenses::LicensesScreen;
use lms::tui::theme::Theme;

mod common;

use common::{prepare, signed_in};

fn at_last_page(app: &App) -> bool {
    app.screen::<LicensesScreen>()
        .and_then(|s| s.list.tab.page.as_ref())
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
