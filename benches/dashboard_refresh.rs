//! The dashboard's refresh as the TUI's background lane runs it: one
//! `service::reports::utilization` call on an open connection (no process start, no
//! login). Point `DATABASE_URL` at a large data set (`lms demo --licenses 1000000
//! --activity-rows 10000000`); `RUNS` (default 5), `AS_OF` (default today) and `WINDOW`
//! (default 14) adjust it. Prints each run and the median.
#![allow(clippy::unwrap_used, clippy::expect_used)]

use std::time::Instant;

use lms::auth::Actor;
use lms::config::DatabaseUrl;
use lms::db::DbConnection;
use lms::domain::Role;
use lms::report::utilization::UtilizationQuery;

fn main() {
    let Ok(url) = std::env::var("DATABASE_URL") else {
        eprintln!("dashboard_refresh: set DATABASE_URL to a large data set; skipped");
        return;
    };
    let url = DatabaseUrl::parse(&url).expect("DATABASE_URL");
    let mut conn = DbConnection::open(&url).expect("open");
    let env = |k: &str| std::env::var(k).ok();
    let runs: usize = env("RUNS").and_then(|v| v.parse().ok()).unwrap_or(5);
    let as_of = env("AS_OF")
        .and_then(|v| v.parse().ok())
        .unwrap_or_else(|| chrono::Utc::now().date_naive());
    let window_days = env("WINDOW").and_then(|v| v.parse().ok()).unwrap_or(14);
    // The report reads the role only; no login, so nothing is written.
    let actor = Actor {
        operator_id: 0,
        username: "bench".into(),
        role: Role::Viewer,
    };
    let mut times = Vec::new();
    for i in 0..=runs {
        let q = UtilizationQuery {
            window_days,
            ..UtilizationQuery::new(as_of)
        };
        let t = Instant::now();
        let r = lms::service::reports::utilization(&mut conn, &actor, q).expect("report");
        let ms = t.elapsed().as_secs_f64() * 1000.0;
        if i == 0 {
            println!(
                "warm-up {ms:.0} ms: {} companies, {} active users",
                r.companies.len(),
                r.totals.active
            );
        } else {
            times.push(ms);
        }
    }
    times.sort_by(f64::total_cmp);
    let median = times.get(times.len() / 2).copied().unwrap_or(0.0);
    println!(
        "dashboard refresh on {}: median {median:.0} ms of {runs} ({times:.0?})",
        conn.kind().name()
    );
}
