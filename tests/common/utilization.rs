//! The utilization fixture: five companies with hand-computed figures (see the comments)
//! for a report as of 2026-03-15 with a 14-day window, i.e. activity in
//! [2026-03-01 00:00:00, 2026-03-15 00:00:00).
#![allow(dead_code, clippy::unwrap_used, clippy::expect_used)]

use lms::db::DbConnection;
use lms::db::models::{PortalUser, ProductCode};
use lms::domain::{LicenseStatus as S, PurchaseKind as K};

use super::builders::{
    ActivityBuilder, CompanyBuilder, LicenseBuilder, PartnerBuilder, PortalUserBuilder,
    ProductBuilder, PurchaseBuilder,
};

pub const AS_OF: &str = "2026-03-15";

/// A license of `company` for `product`: `seats` (`None` = unlimited), `status`, dates.
fn license(
    conn: &mut DbConnection,
    company: i64,
    product: &ProductCode,
    seats: Option<i32>,
    status: S,
    (starts, ends): (&str, &str),
) -> i64 {
    let license = LicenseBuilder::new()
        .company(company)
        .product(product)
        .status(status)
        .starts(starts)
        .ends(ends);
    match seats {
        Some(n) => license.seats(n),
        None => license.unlimited(),
    }
    .insert(conn)
    .id
}

fn purchase(
    conn: &mut DbConnection,
    license: i64,
    kind: K,
    revenue: i64,
    currency: &str,
    on: &str,
) {
    PurchaseBuilder::new(license)
        .kind(kind)
        .revenue(revenue)
        .currency(currency)
        .on(on)
        .insert(conn);
}

fn user(conn: &mut DbConnection, company: i64, ext: &str, disabled: bool) -> PortalUser {
    PortalUserBuilder::new(company, ext)
        .disabled(disabled)
        .insert(conn)
}

fn log(conn: &mut DbConnection, user: &PortalUser, at: &str) {
    ActivityBuilder::new(user).at(at).insert(conn);
}

fn company(conn: &mut DbConnection, name: &str) -> i64 {
    CompanyBuilder::new(name).insert(conn).id
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
    let p = &ProductBuilder::new("LMS-STD").insert(conn);
    let reseller = PartnerBuilder::new("Reseller One")
        .contact_email("p@example.com")
        .insert(conn);
    let year = ("2026-01-01", "2026-12-31");

    // Alpha: 10 seats licensed (an expired licence of 50 and a suspended one of 20 do
    // not count); registered 5 (a6 is disabled); active 4: a1 (three entries), a2 at the
    // window's first second, a5 at its last second, and the disabled a6. a3 (one second
    // before the window) and a4 (on the reference date itself) are not active.
    let alpha = company(conn, "Alpha");
    let l1 = LicenseBuilder::new()
        .company(alpha)
        .product(p)
        .partner(&reseller)
        .seats(10)
        .starts(year.0)
        .ends(year.1)
        .insert(conn)
        .id;
    purchase(conn, l1, K::New, 100_000, "EUR", "2026-01-01");
    purchase(conn, l1, K::Expansion, 101, "EUR", "2026-02-01");
    let l2 = license(
        conn,
        alpha,
        p,
        Some(50),
        S::Expired,
        ("2025-01-01", "2025-12-31"),
    );
    purchase(conn, l2, K::New, 20_000, "EUR", "2025-01-01");
    let l3 = license(conn, alpha, p, Some(20), S::Suspended, year);
    purchase(conn, l3, K::New, 30_000, "USD", "2026-01-01");
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
        log(conn, &a1, at);
    }
    log(conn, &a2, "2026-03-01 00:00:00");
    log(conn, &a3, "2026-02-28 23:59:59");
    log(conn, &a4, "2026-03-15 00:00:00");
    log(conn, &a5, "2026-03-14 23:59:59");
    log(conn, &a6, "2026-03-05 08:00:00");

    // Beta: one unlimited (site) licence: never over-licensed, utilization undefined.
    let beta = company(conn, "Beta");
    let l4 = license(conn, beta, p, None, S::Active, year);
    purchase(conn, l4, K::New, 500_000, "USD", "2026-01-01");
    let b1 = user(conn, beta, "b1", false);
    log(conn, &b1, "2026-03-03 08:00:00");

    // Gamma: no licence, two active users: over-licensed both ways.
    let gamma = company(conn, "Gamma");
    for ext in ["c1", "c2"] {
        let u = user(conn, gamma, ext, false);
        log(conn, &u, "2026-03-04 08:00:00");
    }

    // Delta: 10 seats, its only user last seen in February: idle and under-used. A
    // licence starting after the reference date is not licensed yet.
    let delta = company(conn, "Delta");
    let l6 = license(conn, delta, p, Some(10), S::Active, year);
    purchase(conn, l6, K::New, 30_000, "EUR", "2026-01-01");
    license(
        conn,
        delta,
        p,
        Some(100),
        S::Active,
        ("2026-04-01", "2026-12-31"),
    );
    let d1 = user(conn, delta, "d1", false);
    log(conn, &d1, "2026-02-01 08:00:00");

    // Epsilon: 2 seats, 3 registered, 1 active: over-licensed by registered users only,
    // 50% used. Paid in yen (no minor unit).
    let epsilon = company(conn, "Epsilon");
    let l8 = license(conn, epsilon, p, Some(2), S::Active, year);
    purchase(conn, l8, K::New, 10_000, "JPY", "2026-01-01");
    let e1 = user(conn, epsilon, "e1", false);
    user(conn, epsilon, "e2", false);
    user(conn, epsilon, "e3", false);
    log(conn, &e1, "2026-03-14 08:00:00");

    Ids {
        alpha,
        beta,
        gamma,
        delta,
        epsilon,
    }
}
