//! Issue 3's figures on a large table, through the real app where a key is involved:
//! - `filter_to_frame`: `/`, the filter typed, Enter -> first page of matches drawn (the
//!   matching count arrives later on the background lane and is not waited for);
//! - `sort_to_frame`: `>` (next sort column) -> first page drawn;
//! - `save_edit`: `licenses::update` of one field with its version check and audit row;
//! - `record_purchase`: an expansion purchase with its license change and two audit rows.
//!
//! Database: as `benches/paging.rs` (`LMS_BENCH_URL`, `LMS_BENCH_LICENSES`).
#![allow(clippy::unwrap_used, clippy::expect_used)]

mod common;

use std::time::{Duration, Instant};

use chrono::Local;
use criterion::{Criterion, criterion_group, criterion_main};
use diesel::prelude::*;
use ratatui::crossterm::event::KeyCode;

use common::{prepare, signed_in};
use lms::db::schema::{companies, licenses};
use lms::domain::purchase_input::PurchaseForm;
use lms::service::{licenses as license_service, purchases};
use lms::tui::driver::{press, pump, pump_interactive, render, type_text};

const W: u16 = 80;
const H: u16 = 24;

fn workflows(c: &mut Criterion) {
    let (url, mut conn) = prepare();
    let kind = conn.kind().name();
    // A real company name from the data, for a selective filter.
    let company: String = companies::table
        .select(companies::name)
        .order(companies::id)
        .offset(7)
        .first(&mut conn)
        .unwrap();
    let word = company.split_whitespace().next().unwrap_or("a").to_owned();
    let filters = [
        "status:suspended".to_owned(),
        "expiring:30".to_owned(),
        format!("company:\"{company}\""),
        format!("{word} status:active ends:<2027-06-01"),
        "currency:JPY".to_owned(),
    ];
    let mut app = signed_in(&url, &mut conn, W, H);
    for (i, filter) in filters.iter().enumerate() {
        c.bench_function(&format!("filter_to_frame/{kind}/{i}"), |b| {
            b.iter_custom(|iters| {
                let mut total = Duration::ZERO;
                for _ in 0..iters {
                    let t = Instant::now();
                    press(&mut app, KeyCode::Char('/'));
                    for _ in 0..200 {
                        press(&mut app, KeyCode::Backspace);
                    }
                    type_text(&mut app, filter);
                    press(&mut app, KeyCode::Enter);
                    pump_interactive(&mut app, &mut conn);
                    let _ = render(&app, W, H);
                    total += t.elapsed();
                }
                total
            });
        });
        eprintln!("filter {i}: {filter}");
    }
    press(&mut app, KeyCode::Esc);
    pump(&mut app, &mut conn);
    c.bench_function(&format!("sort_to_frame/{kind}"), |b| {
        b.iter_custom(|iters| {
            let mut total = Duration::ZERO;
            for _ in 0..iters {
                let t = Instant::now();
                press(&mut app, KeyCode::Char('>'));
                pump_interactive(&mut app, &mut conn);
                let _ = render(&app, W, H);
                total += t.elapsed();
            }
            total
        });
    });

    let actor = lms::service::sessions::login(&mut conn, common::USER, common::PASSWORD).unwrap();
    let id: i64 = licenses::table
        .filter(licenses::status.eq("active"))
        .filter(licenses::seats.is_not_null())
        .select(licenses::id)
        .order(licenses::id.desc())
        .first(&mut conn)
        .unwrap();
    let mut flip = false;
    c.bench_function(&format!("save_edit/{kind}"), |b| {
        b.iter(|| {
            let record = license_service::get(&mut conn, &actor, id).unwrap();
            let mut input = record.input.clone();
            flip = !flip;
            input.notes = if flip {
                "bench note".into()
            } else {
                String::new()
            };
            let t = Instant::now();
            license_service::update(&mut conn, &actor, id, record.version, &input).unwrap();
            t.elapsed()
        });
    });
    c.bench_function(&format!("record_purchase/{kind}"), |b| {
        b.iter(|| {
            let record = license_service::get(&mut conn, &actor, id).unwrap();
            let form = PurchaseForm {
                license_id: id,
                kind: "expansion".into(),
                purchase_date: Local::now().date_naive().to_string(),
                seats_added: "1".into(),
                cost: "10.00".into(),
                revenue: "12.00".into(),
                currency: "EUR".into(),
                ..PurchaseForm::default()
            };
            let input = form.parse().unwrap();
            purchases::record(&mut conn, &actor, record.version, &input).unwrap();
        });
    });
}

criterion_group! {
    name = benches;
    config = Criterion::default().sample_size(20).measurement_time(Duration::from_secs(4));
    targets = workflows
}
criterion_main!(benches);
