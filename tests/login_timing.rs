//! Refused sign-ins take the same time whatever the reason (issue 13, defect 4): if an
//! unknown name answered faster or slower than a wrong password, the time alone would tell
//! which names are accounts. Twenty tries per path (unknown name, wrong password, locked
//! account, disabled account), interleaved so that the machine's load falls on every path
//! alike; the medians (of each time relative to its round's) must lie within 20% of each
//! other. Measured through the binary (a fresh process per try, as a script or an attacker
//! runs `lms`) and through the service (the TUI's long-running worker), on both backends.
//!
//! SLOW: about 10 s in all (both tests, both backends; up to three times that on a loaded
//! machine, see `assert_alike`). `.config/nextest.toml` runs it with no other test beside
//! it, so that their load does not skew one path.
#![allow(clippy::unwrap_used, clippy::expect_used)]

mod common;

use std::sync::{Mutex, PoisonError};
use std::time::Instant;

use common::refusals::{EVERY_REFUSAL, accounts_for_every_refusal};
use diesel::prelude::*;
use lms::db::DbConnection;
use lms::db::schema::operators;
use lms::service::errors::GENERIC_REFUSAL;
use lms::service::sessions;

const ROUNDS: usize = 20;
/// Measurements of [`ROUNDS`] rounds before the test gives up (see [`assert_alike`]).
const TRIES: usize = 3;

/// Held by each test: under `cargo test` the two would otherwise time each other's load.
static ONE_AT_A_TIME: Mutex<()> = Mutex::new(());
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

/// The time of one try of each failure (in the order of [`FAILURES`]), in ms.
type Round = [f64; 4];

/// [`ROUNDS`] rounds of one try of each failure with `try_once`, each round in another
/// order.
fn time_every_failure(
    conn: &mut DbConnection,
    mut try_once: impl FnMut((&str, &str)) -> String,
) -> Vec<Round> {
    let mut rounds = Vec::with_capacity(ROUNDS);
    for r in 0..ROUNDS {
        let mut round: Round = [0.0; 4];
        for k in 0..FAILURES.len() {
            let i = (r + k) % FAILURES.len();
            let (failure, credentials) = FAILURES[i];
            let started = Instant::now();
            let said = try_once(credentials);
            round[i] = started.elapsed().as_secs_f64() * 1000.0;
            assert_eq!(said, GENERIC_REFUSAL, "{failure:?}");
            forget_failures(conn);
        }
        rounds.push(round);
    }
    rounds
}

fn median(mut values: Vec<f64>) -> f64 {
    values.sort_by(f64::total_cmp);
    let n = values.len();
    if n % 2 == 1 {
        values[n / 2]
    } else {
        f64::midpoint(values[n / 2 - 1], values[n / 2])
    }
}

/// Each failure's median of `value` over the rounds.
fn medians(rounds: &[Round], value: impl Fn(&Round, usize) -> f64) -> Vec<f64> {
    (0..FAILURES.len())
        .map(|i| median(rounds.iter().map(|r| value(r, i)).collect()))
        .collect()
}

/// Whether the failures' medians lie within [`TOLERANCE`] of each other, and the medians
/// as text. Each time is taken relative to its round's mean first: the four tries of a
/// round run back to back, so a burst of load on the machine, which lasts longer, cancels
/// out instead of landing on one failure's median.
fn alike(rounds: &[Round]) -> (bool, String) {
    let ms = medians(rounds, |r, i| r[i]);
    let relative = medians(rounds, |r, i| r[i] / (r.iter().sum::<f64>() / 4.0));
    let text = FAILURES
        .iter()
        .zip(ms.iter().zip(&relative))
        .map(|((f, _), (ms, rel))| format!("{f:?} {ms:.1} ms ({rel:.2})"))
        .collect::<Vec<_>>()
        .join(", ");
    let fastest = relative.iter().copied().fold(f64::INFINITY, f64::min);
    let slowest = relative.iter().copied().fold(0.0, f64::max);
    (slowest <= fastest * TOLERANCE, text)
}

/// Measurements ([`ROUNDS`] rounds each) until one is [`alike`], [`TRIES`] at the most.
/// A real difference (an unknown name cost 60% more before the fix) fails every one; load
/// from outside the test (other builds on a shared machine) rarely fails three in a row.
/// Every measurement's medians are printed for the record.
fn assert_alike(what: &str, mut measure: impl FnMut() -> Vec<Round>) {
    let mut seen = Vec::new();
    for _ in 0..TRIES {
        let (ok, text) = alike(&measure());
        eprintln!("{what}: median {text}");
        if ok {
            return;
        }
        seen.push(text);
    }
    panic!(
        "{what}: a refused sign-in's time tells why it was refused: median {}",
        seen.join("; then ")
    );
}

#[test]
fn every_refused_cli_sign_in_takes_the_same_time() {
    let _alone = ONE_AT_A_TIME.lock().unwrap_or_else(PoisonError::into_inner);
    common::each_backend(|db| {
        accounts_for_every_refusal(&mut db.conn);
        let home = tempfile::tempdir().unwrap();
        let url = db.url.clone();
        let what = format!("{} through the binary", db.name());
        assert_alike(&what, || {
            time_every_failure(&mut db.conn, |(user, password)| {
                let args = ["user", "list", "--user", user, "--password-stdin"];
                let stdin = format!("{password}\n");
                let out = common::cli::run(&url, home.path(), &args, &stdin);
                assert!(!out.status.success(), "{user}");
                let said = String::from_utf8_lossy(&out.stderr).into_owned();
                said.trim().trim_start_matches("lms: error: ").to_owned()
            })
        });
    });
}

#[test]
fn every_refused_sign_in_in_a_session_takes_the_same_time() {
    let _alone = ONE_AT_A_TIME.lock().unwrap_or_else(PoisonError::into_inner);
    common::each_backend(|db| {
        accounts_for_every_refusal(&mut db.conn);
        let mut other = db.connect_again();
        let what = format!("{} in one process", db.name());
        assert_alike(&what, || {
            time_every_failure(&mut db.conn, |(user, password)| {
                let err = sessions::login(&mut other, user, password).unwrap_err();
                err.to_string()
            })
        });
    });
}
