//! The Timeline tab (issue 11) at `lms demo` benchmark size, through the real app: a key
//! goes through `App::update`, every request it leads to runs on a real database (rows,
//! count, each row's purchases and deployments, the detail pane; grouped: companies,
//! their count and coverage), the replies are applied and the frame is rendered. Each
//! figure is key to the fully settled frame.
//!
//! Targets: a scroll or a zoom under 30 ms, a PgDn under 50 ms, grouping by company
//! (1,000 companies) under 200 ms. Run at 80x24 and 200x60.
//!
//! Database: `LMS_BENCH_URL`, as for the other benches (`common::prepare`).
#![allow(clippy::unwrap_used, clippy::expect_used)]

use std::time::{Duration, Instant};

use criterion::{Criterion, criterion_group, criterion_main};
use ratatui::crossterm::event::KeyCode;

use lms::db::DbConnection;
use lms::tui::app::App;
use lms::tui::driver::{press, pump, render};

mod common;

use common::{go_to, prepare, set_filter, signed_in};

/// Key(s) to the settled frame.
fn timed(app: &mut App, conn: &mut DbConnection, (w, h): (u16, u16), keys: &[KeyCode]) -> Duration {
    let t = Instant::now();
    for key in keys {
        press(app, *key);
    }
    pump(app, conn);
    let _ = render(app, w, h);
    t.elapsed()
}

/// Times `keys` from the state `reset` restores (untimed) before each run.
fn bench(
    c: &mut Criterion,
    label: &str,
    app: &mut App,
    conn: &mut DbConnection,
    size: (u16, u16),
    keys: &[KeyCode],
    reset: &[KeyCode],
) {
    c.bench_function(label, |b| {
        b.iter_custom(|iters| {
            (0..iters)
                .map(|_| {
                    let run = timed(app, conn, size, keys);
                    if !reset.is_empty() {
                        let _ = timed(app, conn, size, reset);
                    }
                    run
                })
                .sum()
        });
    });
}

/// (label, keys timed, keys that restore the state untimed).
type Case = (&'static str, &'static [KeyCode], &'static [KeyCode]);

const L: KeyCode = KeyCode::Char('l');
const G: KeyCode = KeyCode::Char('g');
const DOWN: KeyCode = KeyCode::PageDown;
const UP: KeyCode = KeyCode::PageUp;

/// On the license rows; the last case leaves them grouped.
const LICENSES: &[Case] = &[
    ("scroll l", &[L], &[]),
    ("scroll H", &[KeyCode::Char('H')], &[]),
    ("zoom +", &[KeyCode::Char('+')], &[KeyCode::Char('-')]),
    ("zoom -", &[KeyCode::Char('-')], &[KeyCode::Char('+')]),
    ("pgdn", &[DOWN], &[UP]),
    ("group g", &[G], &[G]),
];

/// On the company rows (entered untimed); the last case leaves them grouped.
const COMPANIES: &[Case] = &[
    ("grouped scroll l", &[L], &[]),
    ("grouped pgdn", &[DOWN], &[UP]),
    ("ungroup g", &[G], &[G]),
];

fn timeline(c: &mut Criterion) {
    let (url, mut conn) = prepare();
    let kind = conn.kind().name();
    let conn = &mut conn;
    for size in [(80, 24), (200, 60)] {
        let mut app = signed_in(&url, conn, size.0, size.1);
        let app = &mut app;
        go_to(app, conn, "Timeline");
        let at = format!("{}x{}/{kind}", size.0, size.1);
        // The license rows, then (entered untimed) the company rows, then back.
        for cases in [LICENSES, COMPANIES] {
            for (name, keys, reset) in cases {
                let label = format!("Timeline/{name}/{at}");
                bench(c, &label, app, conn, size, keys, reset);
            }
            let _ = timed(app, conn, size, &[G]);
        }
        // A filter in force: a status (answered per company) and an end date (a
        // semi-join over the matching licenses).
        for filter in ["status:active", "ends:<2026-01-01"] {
            set_filter(app, conn, filter);
            let label = format!("Timeline/group g, {filter}/{at}");
            bench(c, &label, app, conn, size, &[G], &[G]);
            set_filter(app, conn, "");
        }
    }
}

criterion_group! {
    name = benches;
    config = Criterion::default().sample_size(20).measurement_time(Duration::from_secs(3));
    targets = timeline
}
criterion_main!(benches);
