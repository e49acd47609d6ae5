//! Refused sign-ins take the same time whatever the reason (issue 13, defect 4): if an
//! unknown name answered faster or slower than a wrong password, the time alone would tell
//! which names are accounts. Twenty tries per path (unknown name, wrong password, locked
//! account, disabled account), interleaved so that the machine's load falls on every path
//! alike; the medians must lie within 20% of each other. Measured through the binary (a
//! fresh process per try, as a script or an attacker runs `lms`) and through the service
//! (the TUI's long-running worker), on both backends.
//!
//! SLOW: about 25 s in all (both tests, both backends). `.config/nextest.toml` runs it
//! with no other test beside it, so that their load does not skew one path, and once more
//! if it fails (reported as flaky).
#![allow(clippy::unwrap_used, clippy::expect_used)]

mod common;

use std::time::{Duration, Instant};

use common::refusals::{EVERY_REFUSAL, accounts_for_every_refusal};
use diesel::prelude::*;
use lms::db::DbConnection;
use lms::db::schema::operators;
use lms::service::errors::GENERIC_REFUSAL;
use lms::service::sessions;

const ROUNDS: usize = 20;
/// The slowest path's median may be at most this much above the fastest one's.
const TOLERANCE: f64 = 1.20;

/// A way for a sign-in to be refused, named for the report.
#[derive(Debug, Clone, Copy)]
enum Failure {
    UnknownName,
    WrongPassword,
    Locked,
    Disabled,
}

/// Each failure with the name and password that take it.
const FAILURES: [(Failure, (&str, &str)); 4] = [
    (Failure::UnknownName, EVERY_REFUSAL[0]),
    (Failure::WrongPassword, EVERY_REFUSAL[1]),
    (Failure::Locked, EVERY_REFUSAL[2]),
    (Failure::Disabled, EVERY_REFUSAL[3]),
];

/// `vic`'s failures forgotten, so that every wrong password stays one (never a lock).
fn forget_failures(conn: &mut DbConnection) {
    diesel::update(operators::table.filter(operators::username.eq("vic")))
        .set((
            operators::failed_attempts.eq(0),
            operators::locked_until.eq(None::<chrono::NaiveDateTime>),
        ))
        .execute(conn)
        .unwrap();
}

/// [`ROUNDS`] timings of `try_once` per failure, each round in another order.
fn time_every_failure(
    conn: &mut DbConnection,
    mut try_once: impl FnMut((&str, &str)) -> String,
) -> Vec<(Failure, Vec<Duration>)> {
    let mut times: Vec<(Failure, Vec<Duration>)> =
        FAILURES.iter().map(|(f, _)| (*f, Vec::new())).collect();
    for round in 0..ROUNDS {
        for k in 0..FAILURES.len() {
            let i = (round + k) % FAILURES.len();
            let (failure, credentials) = FAILURES[i];
            let started = Instant::now();
            let said = try_once(credentials);
            times[i].1.push(started.elapsed());
            assert_eq!(said, GENERIC_REFUSAL, "{failure:?}");
            forget_failures(conn);
        }
    }
    times
}

fn median_ms(times: &[Duration]) -> f64 {
    let mut ms: Vec<f64> = times.iter().map(|t| t.as_secs_f64() * 1000.0).collect();
    ms.sort_by(f64::total_cmp);
    let n = ms.len();
    if n % 2 == 1 {
        ms[n / 2]
    } else {
        f64::midpoint(ms[n / 2 - 1], ms[n / 2])
    }
}

/// The medians, printed for the record, must lie within [`TOLERANCE`] of each other.
fn assert_alike(what: &str, times: &[(Failure, Vec<Duration>)]) {
    let medians: Vec<(Failure, f64)> = times.iter().map(|(f, t)| (*f, median_ms(t))).collect();
    let text = medians
        .iter()
        .map(|(f, m)| format!("{f:?} {m:.1} ms"))
        .collect::<Vec<_>>()
        .join(", ");
    eprintln!("{what}: median {text}");
    let fastest = medians.iter().map(|m| m.1).fold(f64::INFINITY, f64::min);
    let slowest = medians.iter().map(|m| m.1).fold(0.0, f64::max);
    assert!(
        slowest <= fastest * TOLERANCE,
        "{what}: a refused sign-in's time tells why it was refused: median {text}"
    );
}

#[test]
fn every_refused_cli_sign_in_takes_the_same_time() {
    common::each_backend(|db| {
        accounts_for_every_refusal(&mut db.conn);
        let home = tempfile::tempdir().unwrap();
        let url = db.url.clone();
        let times = time_every_failure(&mut db.conn, |(user, password)| {
            let args = ["user", "list", "--user", user, "--password-stdin"];
            let out = common::cli::run(&url, home.path(), &args, &format!("{password}\n"));
            assert!(!out.status.success(), "{user}");
            let said = String::from_utf8_lossy(&out.stderr).into_owned();
            said.trim().trim_start_matches("lms: error: ").to_owned()
        });
        assert_alike(&format!("{} through the binary", db.name()), &times);
    });
}

#[test]
fn every_refused_sign_in_in_a_session_takes_the_same_time() {
    common::each_backend(|db| {
        accounts_for_every_refusal(&mut db.conn);
        let mut other = db.connect_again();
        let times = time_every_failure(&mut db.conn, |(user, password)| {
            let err = sessions::login(&mut other, user, password).unwrap_err();
            err.to_string()
        });
        assert_alike(&format!("{} in one process", db.name()), &times);
    });
}
