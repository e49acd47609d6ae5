//! Demo-load speed per table on both backends (the `lms demo` command reports the total).
#![allow(clippy::unwrap_used)]

mod common;

use chrono::NaiveDate;
use common::{TestDb, actor};
use lms::domain::Role;
use lms::service::demo::{self, DemoSize};

fn today() -> NaiveDate {
    NaiveDate::from_ymd_opt(2026, 3, 15).unwrap()
}

/// Insert speed, not run by default:
/// `cargo test --release --features mysql --test db_demo_speed -- --ignored --nocapture`.
/// Sizes from `LMS_DEMO_BENCH_LICENSES` / `LMS_DEMO_BENCH_ACTIVITY` (default 100,000 and
/// 1,000,000); MySQL too when `LMS_TEST_MYSQL_URL` is set.
#[test]
#[ignore = "benchmark: run with --release -- --ignored --nocapture"]
fn bench_demo_load() {
    let env = |name: &str, default: u64| {
        std::env::var(name)
            .ok()
            .and_then(|v| v.parse().ok())
            .unwrap_or(default)
    };
    let licenses = env("LMS_DEMO_BENCH_LICENSES", 100_000);
    let size = DemoSize {
        companies: u32::try_from((licenses / 50).clamp(60, 100_000)).unwrap(),
        partners: 200,
        sales_reps: 150,
        engineers: 80,
        product_codes: 16,
        licenses,
        portal_users: licenses / 2,
        activity_rows: env("LMS_DEMO_BENCH_ACTIVITY", 1_000_000),
        activity_days: 180,
        seed: 1,
    };
    let run = |db: &mut TestDb| {
        let admin = actor(db, Role::Admin);
        // (table, rows, time from the previous table's last chunk to this one's last)
        let mut per_table: Vec<(&'static str, u64, std::time::Duration)> = Vec::new();
        // Time of each index rebuild (SQLite), in name order.
        let mut steps: Vec<std::time::Duration> = Vec::new();
        let mut table_start = std::time::Instant::now();
        let mut last_event = table_start;
        let report = demo::load(&mut db.conn, &admin, &size, today(), &mut |p| {
            let now = std::time::Instant::now();
            if per_table.last().is_none_or(|t| t.0 != p.table) {
                table_start = last_event;
                per_table.push((p.table, 0, std::time::Duration::ZERO));
            }
            if let Some(t) = per_table.last_mut() {
                t.1 = p.done;
                t.2 = now - table_start;
            }
            if p.table == "indexes" {
                steps.push(now - last_event);
            }
            last_event = now;
        })
        .unwrap();
        println!(
            "{}: {} rows in {:.2?}: {:.0} rows/s",
            db.name(),
            report.total_rows,
            report.elapsed,
            report.rows_per_sec()
        );
        for (t, n, d) in per_table.iter().copied() {
            #[allow(clippy::cast_precision_loss)]
            let rate = n as f64 / d.as_secs_f64();
            println!("  {t:<14} {n:>10} rows {d:>10.2?} {rate:>10.0} rows/s");
        }
        if !steps.is_empty() {
            println!("  index rebuilds: {steps:.2?}");
        }
    };
    let mut sqlite = common::sqlite_db();
    run(&mut sqlite);
    drop(sqlite);
    if let Some(mut mysql) = common::mysql_db() {
        run(&mut mysql);
    }
}
