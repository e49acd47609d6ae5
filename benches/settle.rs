//! Issue 14's table: for each everyday action, one key to the fully settled frame (rows,
//! count, totals and the detail pane), through the real app: the key goes through
//! `App::update`, every request it queues (both lanes) runs on a real database, the
//! replies are applied and the frame is rendered to a test backend at 120x35.
//!
//! Database: `LMS_BENCH_URL` (a SQLite path or a MySQL URL), filled beforehand with
//! `lms demo --companies 1000 --portal-users 100000 --licenses 1000000
//! --activity-rows 10000000` (see `common::prepare`, which loads a smaller set into an
//! empty database). `RUNS` (default 31) keys per row; prints each row's median, fastest
//! and slowest, and the rows over the 100 ms list target (500 ms for the dashboard on
//! MariaDB, 300 ms on SQLite, 1 s for a Performance report). `ONLY=licenses|purchases|
//! dashboard|performance` runs one part; load exchange rates (`lms import exchange-rates`)
//! to time the Performance tab with a reporting currency too.
#![allow(clippy::unwrap_used, clippy::expect_used)]

use std::time::{Duration, Instant};

use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};

use lms::db::DbConnection;
use lms::tui::app::App;
use lms::tui::driver::{press, pump, render, type_text};
use lms::tui::event::Msg;
use lms::tui::screens::performance::Performance;

mod common;

use common::{go_to, prepare, set_filter, signed_in};

const W: u16 = 120;
const H: u16 = 35;

/// The free word with qualifiers of the table.
const WORD_AND_QUALIFIERS: &str = "Dynamo status:active ends:<2027-06-01";
/// Free words alone: a company's name (about 1% of the 1M licences), a key's tail (one
/// licence), a word of the notes (about 40%).
const WORDS_ALONE: [&str; 3] = ["Dynamo", "0123", "renew"];

struct Bench {
    conn: DbConnection,
    app: App,
    runs: usize,
    rows: Vec<(String, Vec<Duration>, Duration)>,
}

impl Bench {
    /// Times `runs` rounds: `setup` (not timed), then `key` and everything it queues, to
    /// the rendered frame.
    fn row(
        &mut self,
        label: &str,
        target: Duration,
        mut setup: impl FnMut(&mut App, &mut DbConnection),
        mut key: impl FnMut(&mut App),
    ) {
        let mut times = Vec::with_capacity(self.runs);
        for _ in 0..self.runs {
            setup(&mut self.app, &mut self.conn);
            let t = Instant::now();
            key(&mut self.app);
            pump(&mut self.app, &mut self.conn);
            let _ = render(&self.app, W, H);
            times.push(t.elapsed());
        }
        times.sort_unstable();
        eprintln!("{label:58} median {:8.1} ms", ms(times[times.len() / 2]));
        self.rows.push((label.to_owned(), times, target));
    }

    fn report(&self, kind: &str) {
        println!("\nkey to settled frame, {kind}, {} runs each:", self.runs);
        println!(
            "{:58} {:>9} {:>9} {:>9}",
            "action", "median", "fastest", "slowest"
        );
        for (label, times, target) in &self.rows {
            let median = times[times.len() / 2];
            let over = if median > *target {
                format!("  over {} ms", target.as_millis())
            } else {
                String::new()
            };
            println!(
                "{label:58} {:6.1} ms {:6.1} ms {:6.1} ms{over}",
                ms(median),
                ms(times[0]),
                ms(times[times.len() - 1]),
            );
        }
    }
}

fn ms(d: Duration) -> f64 {
    d.as_secs_f64() * 1000.0
}

fn ctrl(app: &mut App, c: char) {
    app.update(Msg::Key(KeyEvent::new(
        KeyCode::Char(c),
        KeyModifiers::CONTROL,
    )));
}

/// Opens the filter prompt and types `text` over what is there (not timed: typing runs
/// no query); Enter then applies it.
fn type_filter(app: &mut App, conn: &mut DbConnection, text: &str) {
    press(app, KeyCode::Char('/'));
    for _ in 0..200 {
        press(app, KeyCode::Backspace);
    }
    type_text(app, text);
    pump(app, conn);
}

/// Back to the first page (not timed) when PgDn would not move.
fn at_a_page_with_more(app: &mut App, conn: &mut DbConnection) {
    let more = app
        .screen::<lms::tui::screens::licenses::LicensesScreen>()
        .and_then(|s| s.list.tab.page.as_ref())
        .is_none_or(|p| p.has_after);
    if !more {
        press(app, KeyCode::Char('g'));
        pump(app, conn);
    }
}

fn licenses(b: &mut Bench, list: Duration) {
    go_to(&mut b.app, &mut b.conn, "Licenses");
    set_filter(&mut b.app, &mut b.conn, "");
    b.row(
        "Licenses: filter currency:JPY (Enter), rows and count",
        list,
        |app, conn| type_filter(app, conn, "currency:JPY"),
        |app| press(app, KeyCode::Enter),
    );
    b.row(
        "Licenses: PgDn under currency:JPY",
        list,
        at_a_page_with_more,
        |app| press(app, KeyCode::PageDown),
    );
    b.row(
        "Licenses: Esc clears currency:JPY (full recount)",
        list,
        |app, conn| set_filter(app, conn, "currency:JPY"),
        |app| press(app, KeyCode::Esc),
    );
    b.row(
        "Licenses: x (expiring:30), rows, count and totals",
        list,
        |app, conn| set_filter(app, conn, ""),
        |app| press(app, KeyCode::Char('x')),
    );
    set_filter(&mut b.app, &mut b.conn, "");
    sort_by(&mut b.app, &mut b.conn, 0);
    b.row(
        "Licenses: free word and qualifiers (Enter)",
        list,
        |app, conn| type_filter(app, conn, WORD_AND_QUALIFIERS),
        |app| press(app, KeyCode::Enter),
    );
    b.row(
        "Licenses: PgDn under the free word",
        list,
        at_a_page_with_more,
        |app| press(app, KeyCode::PageDown),
    );
    for word in WORDS_ALONE {
        b.row(
            &format!("Licenses: free word {word:?} alone (Enter)"),
            list,
            |app, conn| type_filter(app, conn, word),
            |app| press(app, KeyCode::Enter),
        );
    }
    set_filter(&mut b.app, &mut b.conn, "");
    // Each column in turn: `>` from the one before (set up, not timed), then PgDn.
    for (column, name) in LICENSE_COLUMNS.iter().enumerate().skip(1) {
        b.row(
            &format!("Licenses: sort by {name} (>), first page"),
            list,
            |app, conn| sort_by(app, conn, column - 1),
            |app| press(app, KeyCode::Char('>')),
        );
        b.row(
            &format!("Licenses: PgDn sorted by {name}"),
            list,
            at_a_page_with_more,
            |app| press(app, KeyCode::PageDown),
        );
        assert_eq!(sort_column(&b.app), column, "sorted by {name}");
    }
    sort_by(&mut b.app, &mut b.conn, 0);
}

/// Sorts the license list by `column` (`>` until it is; only the last key's page is
/// fetched). `x` sorts by the end date, and clearing the filter keeps the order.
fn sort_by(app: &mut App, conn: &mut DbConnection, column: usize) {
    for _ in 0..LICENSE_COLUMNS.len() {
        if sort_column(app) == column {
            break;
        }
        press(app, KeyCode::Char('>'));
        let _ = app.drain_outbox();
    }
    assert_eq!(sort_column(app), column, "the sort column");
    ctrl(app, 'r');
    pump(app, conn);
}

/// The license list's columns, in `>` order.
const LICENSE_COLUMNS: [&str; 9] = [
    "License", "Company", "Product", "Status", "Seats", "Start", "End", "Partner", "Rep",
];

fn sort_column(app: &App) -> usize {
    app.screen::<lms::tui::screens::licenses::LicensesScreen>()
        .map_or(usize::MAX, |s| s.list.tab.query.sort.column)
}

fn purchases(b: &mut Bench, list: Duration) {
    go_to(&mut b.app, &mut b.conn, "Purchases");
    b.row(
        "Purchases: refresh (Ctrl-R), rows, count and totals",
        list,
        |_, _| {},
        |app| ctrl(app, 'r'),
    );
}

/// Sets the dashboard's window to `days` (7, 14, 30 or 90): down to 7, then up; only the
/// last key's refresh is fetched.
fn set_window(app: &mut App, conn: &mut DbConnection, days: u32) {
    let ups = [7, 14, 30, 90].iter().position(|d| *d == days).unwrap();
    let keys: Vec<char> = std::iter::repeat_n('-', 3)
        .chain(std::iter::repeat_n('+', ups))
        .collect();
    for (i, key) in keys.iter().enumerate() {
        press(app, KeyCode::Char(*key));
        if i + 1 < keys.len() {
            let _ = app.drain_outbox();
        }
    }
    pump(app, conn);
}

fn dashboard(b: &mut Bench, target: Duration) {
    go_to(&mut b.app, &mut b.conn, "Dashboard");
    // The window steps 7, 14, 30, 90; each round starts from `from` (not timed).
    for (from, key, to) in [
        (30, '+', 90),
        (90, '-', 30),
        (30, '-', 14),
        (14, '-', 7),
        (7, '+', 14),
    ] {
        b.row(
            &format!("Dashboard: window {from} -> {to} days ({key})"),
            target,
            |app, conn| set_window(app, conn, from),
            |app| press(app, KeyCode::Char(key)),
        );
    }
    b.row(
        "Dashboard: reference date a day earlier ([), 14 days",
        target,
        |_, _| {},
        |app| press(app, KeyCode::Char('[')),
    );
}

/// The Performance tab's boards, in `v` order.
const BOARDS: [&str; 4] = ["sales reps", "partners", "engineers", "renewals"];

/// Issue 12's reports as the operator waits for them: each board's period stepped back
/// (`[`, after `]` untimed), and `v` onto it; then, when the database has exchange
/// rates, the same with the first reporting currency (`c`).
fn performance(b: &mut Bench, target: Duration) {
    go_to(&mut b.app, &mut b.conn, "Performance");
    let rates = currency_on(&mut b.app, &mut b.conn);
    for pass in if rates { 0..2 } else { 0..1 } {
        let with = if pass == 0 {
            String::new()
        } else {
            format!(", {}", reporting_currency(&b.app))
        };
        for board in BOARDS {
            b.row(
                &format!("Performance {board}{with}: previous quarter ([)"),
                target,
                |app, conn| {
                    press(app, KeyCode::Char(']'));
                    pump(app, conn);
                },
                |app| press(app, KeyCode::Char('[')),
            );
            b.row(
                &format!("Performance {board}{with}: v onto it (from the one before)"),
                target,
                |app, conn| {
                    press(app, KeyCode::Char('V'));
                    pump(app, conn);
                },
                |app| press(app, KeyCode::Char('v')),
            );
            // `V` then `v` came back to this board: on to the next (not timed).
            press(&mut b.app, KeyCode::Char('v'));
            pump(&mut b.app, &mut b.conn);
        }
        if pass == 0 && rates {
            // `c` cycles to the first currency with rates.
            press(&mut b.app, KeyCode::Char('c'));
            pump(&mut b.app, &mut b.conn);
        }
    }
}

/// Whether a reporting currency can be chosen (it stays off).
fn currency_on(app: &mut App, conn: &mut DbConnection) -> bool {
    pump(app, conn);
    app.tab::<Performance>()
        .is_some_and(|p| p.currency.is_none() && !p.currencies.is_empty())
}

fn reporting_currency(app: &App) -> String {
    app.tab::<Performance>()
        .and_then(|p| p.currency)
        .map_or_else(|| "no currency".to_owned(), |c| c.code().to_owned())
}

fn main() {
    let (url, mut conn) = prepare();
    let kind = conn.kind().name();
    let app = signed_in(&url, &mut conn, W, H);
    let runs = std::env::var("RUNS")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(31);
    let mut b = Bench {
        conn,
        app,
        runs,
        rows: Vec::new(),
    };
    let list = Duration::from_millis(100);
    let dash = Duration::from_millis(if kind == "SQLite" { 300 } else { 500 });
    let only = std::env::var("ONLY").unwrap_or_default();
    if only.is_empty() || only == "licenses" {
        licenses(&mut b, list);
    }
    if only.is_empty() || only == "purchases" {
        purchases(&mut b, list);
    }
    if only.is_empty() || only == "dashboard" {
        dashboard(&mut b, dash);
    }
    if only.is_empty() || only == "performance" {
        performance(&mut b, Duration::from_secs(1));
    }
    b.report(kind);
}
