//! The entity tabs' detail panes on a large book (`lms demo --companies 1000
//! --portal-users 100000 --licenses 1000000 --activity-rows 10000000`):
//!
//! - `details/<pane>/<backend>`: one `service::details` call for the largest company,
//!   partner, sales rep, engineer, product code and portal user (most licenses,
//!   purchases, deployments or activity rows), on an open connection;
//! - `pane_to_frame/<tab>/<backend>`: through the real app, `j`/`k` on the tab, the
//!   pane's request run and its reply applied, and the 80x24 frame rendered.
//!
//! Database: `LMS_BENCH_URL` (a SQLite path or a MySQL URL), already filled; it is
//! migrated first (the detail indexes). Signs in as `bench` / `bench password` for the
//! frame timings, skipped when that operator does not exist.
#![allow(clippy::unwrap_used, clippy::expect_used)]

use std::time::{Duration, Instant};

use chrono::{Local, NaiveDate};
use criterion::{Criterion, criterion_group, criterion_main};
use diesel::prelude::*;
use diesel::sql_types::BigInt;
use ratatui::crossterm::event::KeyCode;
use ratatui::layout::Rect;

use lms::auth::Actor;
use lms::config::DatabaseUrl;
use lms::db::DbConnection;
use lms::domain::Role;
use lms::service::details::{self, DetailKind};
use lms::tui::app::{self, App, Phase};
use lms::tui::driver::{press, pump, render, type_text};
use lms::tui::theme::Theme;

#[derive(QueryableByName)]
struct Largest {
    #[diesel(sql_type = BigInt)]
    id: i64,
    #[diesel(sql_type = BigInt)]
    n: i64,
}

/// The row of `column` with the most rows in `table` (one scan, before timing).
fn largest(conn: &mut DbConnection, table: &str, column: &str) -> (i64, i64) {
    let sql = format!(
        "SELECT {column} AS id, COUNT(*) AS n FROM {table} WHERE {column} IS NOT NULL \
         GROUP BY {column} ORDER BY n DESC LIMIT 1"
    );
    let row: Largest = diesel::sql_query(&sql).get_result(conn).unwrap();
    (row.id, row.n)
}

fn open() -> (DatabaseUrl, DbConnection) {
    let raw = std::env::var("LMS_BENCH_URL").expect("LMS_BENCH_URL: a large data set");
    let url = DatabaseUrl::parse(&raw).unwrap();
    let mut conn = DbConnection::open(&url).unwrap();
    conn.migrate().unwrap();
    (url, conn)
}

fn signed_in(url: &DatabaseUrl, conn: &mut DbConnection, today: NaiveDate) -> Option<App> {
    let mut app = App::new(
        app::db_label(url),
        Rect::new(0, 0, 80, 24),
        today,
        Theme::plain(),
    );
    pump(&mut app, conn);
    type_text(&mut app, "bench");
    press(&mut app, KeyCode::Tab);
    type_text(&mut app, "bench password");
    press(&mut app, KeyCode::Enter);
    pump(&mut app, conn);
    matches!(app.phase, Phase::Main(_)).then_some(app)
}

fn panes(c: &mut Criterion) {
    let (url, mut conn) = open();
    let kind = conn.kind().name();
    let today = Local::now().date_naive();
    let actor = Actor {
        operator_id: 0,
        username: "bench".into(),
        role: Role::Viewer,
    };
    let targets = [
        ("company", DetailKind::Company, "licenses", "company_id"),
        ("partner", DetailKind::Partner, "purchases", "partner_id"),
        (
            "sales_rep",
            DetailKind::SalesRep,
            "purchases",
            "sales_rep_id",
        ),
        (
            "engineer",
            DetailKind::Engineer,
            "deployments",
            "engineer_id",
        ),
        (
            "product_code",
            DetailKind::ProductCode,
            "licenses",
            "product_code_id",
        ),
        ("portal_user", DetailKind::PortalUser, "app_log", "user_id"),
    ];
    let mut group = c.benchmark_group("details");
    group.sample_size(20);
    for (name, pane, table, column) in targets {
        let (id, rows) = largest(&mut conn, table, column);
        eprintln!("{name} {id}: {rows} rows of {table}");
        let first = Instant::now();
        let detail = details::detail(&mut conn, &actor, pane, id, today).unwrap();
        eprintln!("  cold {:?}: {detail:?}", first.elapsed());
        // The least of 30 runs: what the pane costs when nothing else competes for the
        // cores (the criterion figures below are means, and include that competition).
        let mut runs: Vec<Duration> = (0..30)
            .map(|_| {
                let t = Instant::now();
                details::detail(&mut conn, &actor, pane, id, today).unwrap();
                t.elapsed()
            })
            .collect();
        runs.sort();
        eprintln!("  {name}/{kind}: min {:?}, median {:?}", runs[0], runs[15]);
        group.bench_function(format!("{name}/{kind}"), |b| {
            b.iter(|| details::detail(&mut conn, &actor, pane, id, today).unwrap());
        });
    }
    group.finish();

    let Some(mut app) = signed_in(&url, &mut conn, today) else {
        eprintln!("no operator bench / bench password: pane_to_frame skipped");
        return;
    };
    let mut group = c.benchmark_group("pane_to_frame");
    group.sample_size(20);
    for (digit, name) in [
        ('2', "companies"),
        ('3', "partners"),
        ('4', "sales_reps"),
        ('5', "product_codes"),
        ('8', "engineers"),
        ('9', "portal_users"),
    ] {
        press(&mut app, KeyCode::Char(digit));
        pump(&mut app, &mut conn);
        let mut down = true;
        group.bench_function(format!("{name}/{kind}"), |b| {
            b.iter_custom(|iters| {
                let mut total = Duration::ZERO;
                for _ in 0..iters {
                    let t = Instant::now();
                    press(&mut app, KeyCode::Char(if down { 'j' } else { 'k' }));
                    pump(&mut app, &mut conn);
                    let _ = render(&app, 80, 24);
                    total += t.elapsed();
                    down = !down;
                }
                total
            });
        });
    }
    group.finish();
}

criterion_group!(benches, panes);
criterion_main!(benches);
