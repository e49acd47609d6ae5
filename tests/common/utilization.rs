//! The utilization fixture: five companies with hand-computed figures (see the comments)
//! for a report as of 2026-03-15 with a 14-day window, i.e. activity in
//! [2026-03-01 00:00:00, 2026-03-15 00:00:00).
#![allow(dead_code, clippy::unwrap_used, clippy::expect_used)]

use chrono::NaiveDateTime;
use diesel::prelude::*;
use lms::db::models::{NewAppLogEntry, NewPartner, NewPortalUser};
use lms::db::schema::{app_log, partners, portal_users};
use lms::db::{DbConnection, now};

use super::fixtures::{company, license, product, purchase};

pub const AS_OF: &str = "2026-03-15";

pub fn ts(s: &str) -> NaiveDateTime {
    NaiveDateTime::parse_from_str(s, "%Y-%m-%d %H:%M:%S").unwrap()
}

fn partner(conn: &mut DbConnection, name: &str) -> i64 {
    let t = now();
    diesel::insert_into(partners::table)
        .values(&NewPartner {
            id: None,
            name: name.into(),
            country: "FR".into(),
            contact_email: "p@example.com".into(),
            created_at: t,
            updated_at: t,
        })
        .execute(conn)
        .unwrap();
    conn.last_insert_id().unwrap()
}

fn user(conn: &mut DbConnection, company_id: i64, ext: &str, disabled: bool) -> i64 {
    diesel::insert_into(portal_users::table)
        .values(&NewPortalUser {
            id: None,
            company_id,
            external_user_id: ext.into(),
            email: format!("{ext}@example.com"),
            name: ext.into(),
            disabled,
            created_at: now(),
        })
        .execute(conn)
        .unwrap();
    conn.last_insert_id().unwrap()
}

fn log(conn: &mut DbConnection, company_id: i64, user_id: i64, at: &str) {
    diesel::insert_into(app_log::table)
        .values(&NewAppLogEntry {
            user_id,
            company_id,
            ts: ts(at),
            action: "login".into(),
            status: "ok".into(),
            detail: String::new(),
        })
        .execute(conn)
        .unwrap();
}

/// Company ids, in the order Alpha, Beta, Gamma, Delta, Epsilon.
pub struct Ids {
    pub alpha: i64,
    pub beta: i64,
    pub gamma: i64,
    pub delta: i64,
    pub epsilon: i64,
}

pub fn load(conn: &mut DbConnection) -> Ids {
    let p = product(conn, "LMS-STD");
    let reseller = partner(conn, "Reseller One");
    let year = ("2026-01-01", "2026-12-31");

    // Alpha: 10 seats licensed (an expired licence of 50 and a suspended one of 20 do
    // not count); registered 5 (a6 is disabled); active 4: a1 (three entries), a2 at the
    // window's first second, a5 at its last second, and the disabled a6. a3 (one second
    // before the window) and a4 (on the reference date itself) are not active.
    let alpha = company(conn, "Alpha");
    let l1 = license(conn, alpha, p, Some(10), "active", year);
    diesel::update(lms::db::schema::licenses::table.find(l1))
        .set(lms::db::schema::licenses::partner_id.eq(Some(reseller)))
        .execute(conn)
        .unwrap();
    purchase(conn, l1, "new", 100_000, "EUR", "2026-01-01");
    purchase(conn, l1, "expansion", 101, "EUR", "2026-02-01");
    let l2 = license(
        conn,
        alpha,
        p,
        Some(50),
        "expired",
        ("2025-01-01", "2025-12-31"),
    );
    purchase(conn, l2, "new", 20_000, "EUR", "2025-01-01");
    let l3 = license(conn, alpha, p, Some(20), "suspended", year);
    purchase(conn, l3, "new", 30_000, "USD", "2026-01-01");
    let a1 = user(conn, alpha, "a1", false);
    let a2 = user(conn, alpha, "a2", false);
    let a3 = user(conn, alpha, "a3", false);
    let a4 = user(conn, alpha, "a4", false);
    let a5 = user(conn, alpha, "a5", false);
    let a6 = user(conn, alpha, "a6", true);
    for at in [
        "2026-03-02 09:00:00",
        "2026-03-02 10:00:00",
        "2026-03-10 12:00:00",
    ] {
        log(conn, alpha, a1, at);
    }
    log(conn, alpha, a2, "2026-03-01 00:00:00");
    log(conn, alpha, a3, "2026-02-28 23:59:59");
    log(conn, alpha, a4, "2026-03-15 00:00:00");
    log(conn, alpha, a5, "2026-03-14 23:59:59");
    log(conn, alpha, a6, "2026-03-05 08:00:00");

    // Beta: one unlimited (site) licence: never over-licensed, utilization undefined.
    let beta = company(conn, "Beta");
    let l4 = license(conn, beta, p, None, "active", year);
    purchase(conn, l4, "new", 500_000, "USD", "2026-01-01");
    let b1 = user(conn, beta, "b1", false);
    log(conn, beta, b1, "2026-03-03 08:00:00");

    // Gamma: no licence, two active users: over-licensed both ways.
    let gamma = company(conn, "Gamma");
    for ext in ["c1", "c2"] {
        let u = user(conn, gamma, ext, false);
        log(conn, gamma, u, "2026-03-04 08:00:00");
    }

    // Delta: 10 seats, its only user last seen in February: idle and under-used. A
    // licence starting after the reference date is not licensed yet.
    let delta = company(conn, "Delta");
    let l6 = license(conn, delta, p, Some(10), "active", year);
    purchase(conn, l6, "new", 30_000, "EUR", "2026-01-01");
    license(
        conn,
        delta,
        p,
        Some(100),
        "active",
        ("2026-04-01", "2026-12-31"),
    );
    let d1 = user(conn, delta, "d1", false);
    log(conn, delta, d1, "2026-02-01 08:00:00");

    // Epsilon: 2 seats, 3 registered, 1 active: over-licensed by registered users only,
    // 50% used. Paid in yen (no minor unit).
    let epsilon = company(conn, "Epsilon");
    let l8 = license(conn, epsilon, p, Some(2), "active", year);
    purchase(conn, l8, "new", 10_000, "JPY", "2026-01-01");
    let e1 = user(conn, epsilon, "e1", false);
    user(conn, epsilon, "e2", false);
    user(conn, epsilon, "e3", false);
    log(conn, epsilon, e1, "2026-03-14 08:00:00");

    Ids {
        alpha,
        beta,
        gamma,
        delta,
        epsilon,
    }
}
