//! The entity lists (issue 9) at `lms demo` benchmark size, through the real app: a key
//! press goes through `App::update`, the page and count queries run on a real database,
//! the replies are applied and the frame is rendered (to a test backend). Each figure is
//! what the operator waits for: the rows, the count and the frame.
//!
//! The criterion figures are the list's rows and count in the frame; the detail pane's
//! request, which the app runs after the page, is timed on top and summarised at the
//! end ("with the detail pane"); `benches/details.rs` times the panes on their own.
//!
//! Per list: the first page with its count (Ctrl-R on the first page), PgDn, a typical
//! one-qualifier filter (applied with `/` Enter: first page and count), a sort by a
//! non-id column (`r` reversing it: first page and count); for Activity also `company:`
//! with `date:`. A few more filters and sorts are timed once each and printed as a table
//! at the end (`spot`), the slow ones included.
//!
//! Database: `LMS_BENCH_URL` (a SQLite path or a MySQL URL), filled beforehand with
//! `lms demo --companies 1000 --portal-users 100000 --licenses 1000000
//! --activity-rows 10000000` and an admin `bench` / `bench password` (see
//! `common::prepare`, which loads a smaller set when the database is empty).
#![allow(clippy::unwrap_used, clippy::expect_used)]

use std::cell::RefCell;
use std::fmt::Write as _;
use std::time::{Duration, Instant};

use chrono::Local;
use criterion::{Criterion, criterion_group, criterion_main};
use diesel::prelude::*;
use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};

use lms::db::DbConnection;
use lms::db::schema::{app_log_counts, companies};
use lms::tui::app::App;
use lms::tui::driver::{deliver, press, pump, pump_holding, render};
use lms::tui::event::Msg;

mod common;

use common::{go_to, prepare, set_filter, signed_in};

const W: u16 = 200;
const H: u16 = 60;

/// One list: its tab title, a typical one-qualifier filter and a non-id column to sort by.
struct Case {
    tab: &'static str,
    filter: String,
    sort_column: usize,
}

fn ctrl(app: &mut App, c: char) {
    app.update(Msg::Key(KeyEvent::new(
        KeyCode::Char(c),
        KeyModifiers::CONTROL,
    )));
}

thread_local! {
    /// Key to the frame with the detail pane settled too, for each timed run since the
    /// last [`take_settled`].
    static SETTLED: RefCell<Vec<Duration>> = const { RefCell::new(Vec::new()) };
}

/// The runs recorded by [`settle`] since the last call, sorted.
fn take_settled() -> Vec<Duration> {
    let mut runs = SETTLED.with(|s| std::mem::take(&mut *s.borrow_mut()));
    runs.sort_unstable();
    runs
}

/// From `t`, when the keys were pressed: the list's page and count, then the frame (the
/// time returned: what the list reaches); then the detail pane's request, which the app
/// runs after the page on the same lane, and the frame again (recorded for the summary).
fn settle(app: &mut App, conn: &mut DbConnection, t: Instant) -> Duration {
    let held = pump_holding(app, conn, "detail");
    let _ = render(app, W, H);
    let rows = t.elapsed();
    deliver(app, conn, held);
    let _ = render(app, W, H);
    SETTLED.with(|s| s.borrow_mut().push(t.elapsed()));
    rows
}

/// Keys, then the page and count, then the frame: how long the operator waits.
fn timed(app: &mut App, conn: &mut DbConnection, keys: impl FnOnce(&mut App)) -> Duration {
    let t = Instant::now();
    keys(app);
    settle(app, conn, t)
}

/// Presses `keys`, then fetches what the last one asked for: the requests of the ones
/// before are dropped (each sort key restarts the list; only the last order matters).
fn keys_then_fetch(app: &mut App, conn: &mut DbConnection, keys: &[KeyCode]) {
    for (i, key) in keys.iter().enumerate() {
        press(app, *key);
        if i + 1 < keys.len() {
            let _ = app.drain_outbox();
        }
    }
    pump(app, conn);
}

/// Sorts by `column` (from the list's default), ascending.
fn set_sort(app: &mut App, conn: &mut DbConnection, column: usize, default_desc: bool) {
    let mut keys = vec![KeyCode::Char('>'); column];
    if default_desc {
        keys.push(KeyCode::Char('r'));
    }
    keys_then_fetch(app, conn, &keys);
}

/// PgDn to the next page; from the last page, back to the first (not timed) first.
/// `None` when the whole list fits on one page.
fn page_down(app: &mut App, conn: &mut DbConnection) -> Option<Duration> {
    for _ in 0..2 {
        let t = Instant::now();
        press(app, KeyCode::PageDown);
        if app.busy() {
            return Some(settle(app, conn, t));
        }
        press(app, KeyCode::Char('g'));
        pump(app, conn);
    }
    None
}

/// After a benchmark: the median and worst of its runs to the frame with the pane too.
fn note_pane(summary: &mut String, label: &str) {
    let runs = take_settled();
    if let (Some(median), Some(worst)) = (runs.get(runs.len() / 2), runs.last()) {
        let _ = writeln!(
            summary,
            "{label:60} median {:6.1} ms, worst {:6.1} ms",
            median.as_secs_f64() * 1000.0,
            worst.as_secs_f64() * 1000.0
        );
    }
}

fn bench_list(
    c: &mut Criterion,
    app: &mut App,
    conn: &mut DbConnection,
    (kind, summary): (&str, &mut String),
    case: &Case,
) {
    let name = case.tab;
    go_to(app, conn, name);
    let default_desc = name == "Activity";
    let label = format!("{name}/first_page_and_count/{kind}");
    take_settled();
    c.bench_function(&label, |b| {
        b.iter_custom(|iters| {
            (0..iters)
                .map(|_| timed(app, conn, |app| ctrl(app, 'r')))
                .sum()
        });
    });
    note_pane(summary, &label);
    if page_down(app, conn).is_some() {
        let label = format!("{name}/pgdn/{kind}");
        take_settled();
        c.bench_function(&label, |b| {
            b.iter_custom(|iters| (0..iters).filter_map(|_| page_down(app, conn)).sum());
        });
        note_pane(summary, &label);
    } else {
        eprintln!("{name}/pgdn/{kind}: the list fits on one page");
    }
    set_filter(app, conn, &case.filter);
    let label = format!("{name}/filter {}/{kind}", case.filter);
    take_settled();
    c.bench_function(&label, |b| {
        b.iter_custom(|iters| {
            (0..iters)
                .map(|_| {
                    timed(app, conn, |app| {
                        press(app, KeyCode::Char('/'));
                        press(app, KeyCode::Enter);
                    })
                })
                .sum()
        });
    });
    note_pane(summary, &label);
    set_filter(app, conn, "");
    set_sort(app, conn, case.sort_column, default_desc);
    let label = format!("{name}/sort column {}/{kind}", case.sort_column);
    take_settled();
    c.bench_function(&label, |b| {
        b.iter_custom(|iters| {
            (0..iters)
                .map(|_| timed(app, conn, |app| press(app, KeyCode::Char('r'))))
                .sum()
        });
    });
    note_pane(summary, &label);
    // Back to the first column.
    keys_then_fetch(app, conn, &vec![KeyCode::Char('<'); case.sort_column]);
}

/// The median of `n` runs of `keys` (with the filter `filter` and sort `column` in force).
fn spot(
    app: &mut App,
    conn: &mut DbConnection,
    tab: &str,
    filter: &str,
    column: usize,
    n: usize,
) -> Duration {
    let n = n.max(1);
    go_to(app, conn, tab);
    set_filter(app, conn, filter);
    set_sort(app, conn, column, false);
    let mut runs: Vec<Duration> = (0..n)
        .map(|_| timed(app, conn, |app| press(app, KeyCode::Char('r'))))
        .collect();
    runs.sort_unstable();
    keys_then_fetch(app, conn, &vec![KeyCode::Char('<'); column]);
    set_filter(app, conn, "");
    runs[n / 2]
}

/// A company's name to filter by: the one with the most activity, or the first.
fn company(conn: &mut DbConnection, busiest: bool) -> String {
    let id: i64 = if busiest {
        app_log_counts::table
            .group_by(app_log_counts::company_id)
            .select(app_log_counts::company_id)
            .order(lms::db::queries::sum_bigint(app_log_counts::entries).desc())
            .first(conn)
            .unwrap_or(1)
    } else {
        1
    };
    companies::table
        .find(id)
        .select(companies::name)
        .first(conn)
        .unwrap()
}

fn entity_lists(c: &mut Criterion) {
    let (url, mut conn) = prepare();
    let kind = conn.kind().name();
    let conn = &mut conn;
    let mut app = signed_in(&url, conn, W, H);
    let app = &mut app;
    let typical = company(conn, false);
    let busiest = company(conn, true);
    let since = (Local::now().date_naive() - chrono::Days::new(14)).format("%Y-%m-%d");
    let yesterday = (Local::now().date_naive() - chrono::Days::new(1)).format("%Y-%m-%d");
    eprintln!("companies: typical {typical:?}, busiest {busiest:?}");
    let mut summary = String::new();
    let cases = [
        ("Companies", "country:de".to_owned(), 1),
        ("Partners", "country:de".to_owned(), 1),
        ("Sales reps", "region:nordics".to_owned(), 1),
        ("Engineers", "region:dach".to_owned(), 1),
        ("Product codes", "archived:any".to_owned(), 1),
        ("Portal users", format!("company:{typical:?}"), 2),
        ("Activity", format!("company:{typical:?}"), 1),
    ];
    for (tab, filter, sort_column) in cases {
        let case = Case {
            tab,
            filter,
            sort_column,
        };
        bench_list(c, app, conn, (kind, &mut summary), &case);
    }
    let activity = |f: &str| ("Activity", f.to_owned(), 0, 3);
    for (tab, filter, column) in [
        ("Activity", format!("company:{typical:?} date:>={since}"), 0),
        ("Activity", format!("company:{busiest:?} date:>={since}"), 0),
    ] {
        let case = format!("{tab}/filter {filter}/{kind}");
        c.bench_function(&case, |b| {
            go_to(app, conn, tab);
            set_filter(app, conn, &filter);
            set_sort(app, conn, column, false);
            b.iter_custom(|iters| {
                (0..iters)
                    .map(|_| {
                        timed(app, conn, |app| {
                            press(app, KeyCode::Char('/'));
                            press(app, KeyCode::Enter);
                        })
                    })
                    .sum()
            });
            set_filter(app, conn, "");
        });
    }
    // Once each (median of 3): the other qualifiers and sorts, the slow ones included.
    // (tab, filter, sort column, runs): the sorts no index serves once only.
    let spots = [
        ("Portal users", "active:14".to_owned(), 0, 3),
        ("Portal users", "disabled:yes".to_owned(), 0, 3),
        ("Portal users", format!("company:{busiest:?}"), 0, 3),
        ("Portal users", "smith".to_owned(), 0, 3),
        ("Portal users", String::new(), 1, 3),
        ("Portal users", String::new(), 5, 3),
        activity("action:login"),
        activity("status:error"),
        activity("action:no_such_action"),
        activity(&format!("date:{yesterday}")),
        activity(&format!("date:>={since}")),
        activity(&format!("company:{busiest:?}")),
        activity("user:smith"),
        activity("timeout"),
        ("Activity", String::new(), 1, 3),
        ("Activity", format!("company:{typical:?}"), 1, 3),
        ("Activity", String::new(), 2, 1),
        ("Activity", String::new(), 3, 1),
        ("Activity", String::new(), 4, 1),
        ("Activity", String::new(), 5, 1),
        ("Activity", format!("company:{typical:?}"), 3, 3),
    ];
    let mut table = String::new();
    for (tab, filter, column, runs) in spots {
        let t = spot(app, conn, tab, &filter, column, runs);
        let _ = writeln!(
            table,
            "{kind:7} {tab:13} {filter:50} sort {column}: {:8.1} ms",
            t.as_secs_f64() * 1000.0
        );
    }
    eprintln!("\nspot figures (median of the runs, page + count + frame):\n{table}");
    eprintln!(
        "\nwith the detail pane (its request runs after the page, on the same lane):\n{summary}"
    );
}

criterion_group! {
    name = benches;
    config = Criterion::default().sample_size(20).measurement_time(Duration::from_secs(3));
    targets = entity_lists
}
criterion_main!(benches);
