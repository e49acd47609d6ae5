//! The performance fixture: reps Ann and Bob (and Cid, retired and idle), partners P1 and
//! P2, with hand-computed figures for 2026-Q2 against 2026-Q1, as of 2026-07-01. Each
//! licence's comment says what it proves; `tests/report_performance.rs` has the sums.
#![allow(
    dead_code,
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::too_many_lines
)]

use lms::db::DbConnection;
use lms::db::models::ProductCode;
use lms::domain::{DeploymentStatus as D, LicenseStatus as S, PurchaseKind as K};

use super::builders::{
    CompanyBuilder, DeploymentBuilder, EngineerBuilder, LicenseBuilder, PartnerBuilder,
    ProductBuilder, PurchaseBuilder, SalesRepBuilder,
};

pub const PERIOD: &str = "2026-Q2";
pub const AS_OF: &str = "2026-07-01";

struct Ctx {
    product: ProductCode,
    c1: i64,
    c2: i64,
}

/// A licence: (rep, partner, company, seats (None unlimited), status, start, end).
#[allow(clippy::too_many_arguments)]
fn license(
    conn: &mut DbConnection,
    ctx: &Ctx,
    rep: Option<i64>,
    partner: Option<i64>,
    company: i64,
    seats: Option<i32>,
    status: S,
    (starts, ends): (&str, &str),
) -> i64 {
    let mut b = LicenseBuilder::new()
        .company(company)
        .product(&ctx.product)
        .status(status)
        .starts(starts)
        .ends(ends);
    if let Some(r) = rep {
        b = b.sales_rep(r);
    }
    if let Some(p) = partner {
        b = b.partner(p);
    }
    b = match seats {
        Some(n) => b.seats(n),
        None => b.unlimited(),
    };
    b.insert(conn).id
}

/// A purchase by the licence's rep and partner: (kind, date, revenue, currency, seats,
/// term end).
#[allow(clippy::too_many_arguments)]
fn buy(
    conn: &mut DbConnection,
    license: i64,
    (rep, partner): (Option<i64>, Option<i64>),
    kind: K,
    on: &str,
    (revenue, currency): (i64, &str),
    seats: i32,
    term_end: Option<&str>,
) {
    let mut b = PurchaseBuilder::new(license)
        .kind(kind)
        .on(on)
        .revenue(revenue)
        .currency(currency)
        .seats_added(seats);
    if let Some(r) = rep {
        b = b.sales_rep(r);
    }
    if let Some(p) = partner {
        b = b.partner(p);
    }
    if let Some(t) = term_end {
        b = b.term_end(t);
    }
    b.insert(conn);
}

pub struct Ids {
    pub ann: i64,
    pub bob: i64,
    pub p1: i64,
    pub p2: i64,
}

pub fn load(conn: &mut DbConnection) -> Ids {
    let ctx = Ctx {
        product: ProductBuilder::new("LMS-STD").insert(conn),
        c1: CompanyBuilder::new("C1").insert(conn).id,
        c2: CompanyBuilder::new("C2").insert(conn).id,
    };
    let (c1, c2) = (ctx.c1, ctx.c2);
    let ann = SalesRepBuilder::new("Ann").insert(conn).id;
    let bob = SalesRepBuilder::new("Bob").insert(conn).id;
    SalesRepBuilder::new("Cid").active(false).insert(conn);
    let p1 = PartnerBuilder::new("P1").insert(conn).id;
    let p2 = PartnerBuilder::new("P2").insert(conn).id;
    let (a1, a2, a0) = (
        (Some(ann), Some(p1)),
        (Some(ann), Some(p2)),
        (Some(ann), None),
    );
    let (b2, none) = ((Some(bob), Some(p2)), (None, None));

    // L1: term ends 2026-04-09 (in Q2), renewed the day before: renewed.
    let l = license(
        conn,
        &ctx,
        a1.0,
        a1.1,
        c1,
        Some(10),
        S::Active,
        ("2025-04-10", "2027-04-09"),
    );
    buy(
        conn,
        l,
        a1,
        K::New,
        "2025-04-10",
        (100_000, "EUR"),
        0,
        Some("2026-04-09"),
    );
    buy(
        conn,
        l,
        a1,
        K::Renewal,
        "2026-04-08",
        (110_000, "EUR"),
        0,
        Some("2027-04-09"),
    );
    // L2: term ends 2026-04-30, renewed on the grace window's last day (end + 30): renewed.
    let l = license(
        conn,
        &ctx,
        a1.0,
        a1.1,
        c2,
        Some(5),
        S::Active,
        ("2025-05-01", "2027-04-30"),
    );
    buy(
        conn,
        l,
        a1,
        K::New,
        "2025-05-01",
        (50_000, "EUR"),
        0,
        Some("2026-04-30"),
    );
    buy(
        conn,
        l,
        a1,
        K::Renewal,
        "2026-05-30",
        (60_000, "USD"),
        0,
        Some("2027-04-30"),
    );
    // L3: term ends 2026-05-31, renewed a day after the window (end + 31): not renewed.
    let l = license(
        conn,
        &ctx,
        a2.0,
        a2.1,
        c1,
        Some(3),
        S::Active,
        ("2025-06-01", "2027-05-31"),
    );
    buy(
        conn,
        l,
        a2,
        K::New,
        "2025-06-01",
        (40_000, "EUR"),
        0,
        Some("2026-05-31"),
    );
    buy(
        conn,
        l,
        a2,
        K::Renewal,
        "2026-07-01",
        (45_000, "EUR"),
        0,
        Some("2027-05-31"),
    );
    // L4: term ends 2026-06-14, terminated: not renewed.
    let l = license(
        conn,
        &ctx,
        a0.0,
        a0.1,
        c2,
        Some(1),
        S::Terminated,
        ("2025-06-15", "2026-06-14"),
    );
    buy(
        conn,
        l,
        a0,
        K::New,
        "2025-06-15",
        (30_000, "EUR"),
        0,
        Some("2026-06-14"),
    );
    // L5: Bob's, term ends 2026-04-19, never renewed; expanded in Q1.
    let l = license(
        conn,
        &ctx,
        b2.0,
        b2.1,
        c1,
        Some(4),
        S::Expired,
        ("2025-04-20", "2026-04-19"),
    );
    buy(
        conn,
        l,
        b2,
        K::New,
        "2025-04-20",
        (20_000, "USD"),
        0,
        Some("2026-04-19"),
    );
    buy(
        conn,
        l,
        b2,
        K::Expansion,
        "2026-03-01",
        (5_000, "USD"),
        2,
        None,
    );
    // L6: sold by Ann in Q2, expanded by 3 seats.
    let l = license(
        conn,
        &ctx,
        a1.0,
        a1.1,
        c1,
        Some(8),
        S::Active,
        ("2026-04-15", "2027-04-14"),
    );
    buy(
        conn,
        l,
        a1,
        K::New,
        "2026-04-15",
        (200_000, "EUR"),
        0,
        Some("2027-04-14"),
    );
    buy(
        conn,
        l,
        a1,
        K::Expansion,
        "2026-06-01",
        (10_001, "EUR"),
        3,
        None,
    );
    // L7: sold by Bob in Q2 in yen; ends within 60 days of the as-of date.
    let l = license(
        conn,
        &ctx,
        b2.0,
        b2.1,
        c2,
        Some(6),
        S::Active,
        ("2026-05-05", "2026-08-04"),
    );
    buy(
        conn,
        l,
        b2,
        K::New,
        "2026-05-05",
        (500_000, "JPY"),
        0,
        Some("2026-08-04"),
    );
    // L8: no rep, no partner, sold on Q2's last day.
    let l = license(
        conn,
        &ctx,
        None,
        None,
        c1,
        Some(1),
        S::Active,
        ("2026-06-30", "2027-06-29"),
    );
    buy(
        conn,
        l,
        none,
        K::New,
        "2026-06-30",
        (7_000, "EUR"),
        0,
        Some("2027-06-29"),
    );
    // L9: Ann's Q1 sale.
    let l = license(
        conn,
        &ctx,
        a1.0,
        a1.1,
        c1,
        Some(1),
        S::Active,
        ("2026-02-10", "2027-02-09"),
    );
    buy(
        conn,
        l,
        a1,
        K::New,
        "2026-02-10",
        (150_000, "EUR"),
        0,
        Some("2027-02-09"),
    );
    // L10: Bob's term ending in Q1 (2026-01-09), renewed 11 days late: renewed.
    let l = license(
        conn,
        &ctx,
        b2.0,
        b2.1,
        c2,
        Some(2),
        S::Active,
        ("2025-01-10", "2027-01-09"),
    );
    buy(
        conn,
        l,
        b2,
        K::New,
        "2025-01-10",
        (10_000, "EUR"),
        0,
        Some("2026-01-09"),
    );
    buy(
        conn,
        l,
        b2,
        K::Renewal,
        "2026-01-20",
        (12_000, "EUR"),
        0,
        Some("2027-01-09"),
    );
    // L11: ends on the as-of date (within 30 days); its last purchase is a USD expansion.
    let l = license(
        conn,
        &ctx,
        a1.0,
        a1.1,
        c2,
        None,
        S::Active,
        ("2025-07-02", "2026-07-01"),
    );
    buy(
        conn,
        l,
        a1,
        K::New,
        "2025-07-02",
        (80_000, "EUR"),
        0,
        Some("2026-07-01"),
    );
    buy(
        conn,
        l,
        a1,
        K::Expansion,
        "2025-08-01",
        (1_500, "USD"),
        0,
        None,
    );
    // L12: suspended, ends on the 90th day after the as-of date: at stake.
    let l = license(
        conn,
        &ctx,
        a0.0,
        a0.1,
        c1,
        Some(2),
        S::Suspended,
        ("2025-09-30", "2026-09-29"),
    );
    buy(
        conn,
        l,
        a0,
        K::New,
        "2025-09-30",
        (9_000, "EUR"),
        0,
        Some("2026-09-29"),
    );
    // L13: ends on the 91st day: not at stake.
    let l = license(
        conn,
        &ctx,
        a0.0,
        a0.1,
        c1,
        Some(2),
        S::Active,
        ("2025-10-01", "2026-09-30"),
    );
    buy(
        conn,
        l,
        a0,
        K::New,
        "2025-10-01",
        (1, "EUR"),
        0,
        Some("2026-09-30"),
    );
    // L14: a draft ending in the window: neither at stake nor one of P1's licences.
    license(
        conn,
        &ctx,
        a1.0,
        a1.1,
        c1,
        Some(1),
        S::Draft,
        ("2026-07-01", "2026-07-10"),
    );
    Ids { ann, bob, p1, p2 }
}

/// Engineers Eve (EMEA) and Fay (APAC); Gus (EMEA) retired and idle. Q2 lead times from
/// scheduled: Eve 0, 2, 5, 9 days (median 2, p90 9); Fay 4 (4, 4).
pub fn load_engineers(conn: &mut DbConnection) -> (i64, i64) {
    let product = ProductBuilder::new("LMS-ENG").insert(conn);
    let c = CompanyBuilder::new("C9").insert(conn).id;
    let lic = LicenseBuilder::new()
        .company(c)
        .product(&product)
        .insert(conn)
        .id;
    let eve = EngineerBuilder::new("Eve").region("EMEA").insert(conn).id;
    let fay = EngineerBuilder::new("Fay").region("APAC").insert(conn).id;
    EngineerBuilder::new("Gus")
        .region("EMEA")
        .active(false)
        .insert(conn);
    let dep = |conn: &mut DbConnection, e: Option<i64>, s: D, dates: [Option<&str>; 3]| {
        let mut b = DeploymentBuilder::new(lic).status(s);
        if let Some(e) = e {
            b = b.engineer(e);
        }
        if let Some(d) = dates[0] {
            b = b.scheduled(d);
        }
        if let Some(d) = dates[1] {
            b = b.started(d);
        }
        if let Some(d) = dates[2] {
            b = b.completed(d);
        }
        b.insert(conn);
    };
    let (e, f) = (Some(eve), Some(fay));
    // Eve, completed in Q2: scheduled->completed 0, 2, 5, 9; started->completed 0, 1, 1, 3.
    dep(
        conn,
        e,
        D::Completed,
        [Some("2026-04-01"), Some("2026-04-01"), Some("2026-04-01")],
    );
    dep(
        conn,
        e,
        D::Completed,
        [Some("2026-05-01"), Some("2026-05-02"), Some("2026-05-03")],
    );
    dep(
        conn,
        e,
        D::Completed,
        [Some("2026-06-01"), Some("2026-06-05"), Some("2026-06-06")],
    );
    dep(
        conn,
        e,
        D::Completed,
        [Some("2026-06-21"), Some("2026-06-27"), Some("2026-06-30")],
    );
    // Eve: failed and cancelled in Q2; completed on Q3's first day (not Q2).
    dep(
        conn,
        e,
        D::Failed,
        [Some("2026-05-01"), Some("2026-05-01"), Some("2026-05-10")],
    );
    dep(
        conn,
        e,
        D::Cancelled,
        [Some("2026-05-01"), None, Some("2026-05-02")],
    );
    dep(
        conn,
        e,
        D::Completed,
        [Some("2026-06-01"), Some("2026-06-01"), Some("2026-07-01")],
    );
    // Eve, Q1: one completed (lead 1), two failed.
    dep(
        conn,
        e,
        D::Completed,
        [Some("2026-03-01"), Some("2026-03-01"), Some("2026-03-02")],
    );
    dep(
        conn,
        e,
        D::Failed,
        [Some("2026-03-01"), Some("2026-03-01"), Some("2026-03-03")],
    );
    dep(
        conn,
        e,
        D::Failed,
        [Some("2026-02-01"), Some("2026-02-01"), Some("2026-02-03")],
    );
    // Eve's backlog as of 2026-07-01: planned overdue (scheduled 06-30), planned due on
    // the as-of date (not overdue), in progress since before (backlog, never overdue).
    dep(conn, e, D::Planned, [Some("2026-06-30"), None, None]);
    dep(conn, e, D::Planned, [Some("2026-07-01"), None, None]);
    dep(
        conn,
        e,
        D::InProgress,
        [Some("2026-06-01"), Some("2026-06-02"), None],
    );
    // Fay: one completed in Q2, scheduled->completed 4, started->completed 2.
    dep(
        conn,
        f,
        D::Completed,
        [Some("2026-04-10"), Some("2026-04-12"), Some("2026-04-14")],
    );
    // Nobody's: one failed in Q2, one planned overdue.
    dep(
        conn,
        None,
        D::Failed,
        [Some("2026-04-10"), Some("2026-04-10"), Some("2026-04-11")],
    );
    dep(conn, None, D::Planned, [Some("2026-01-01"), None, None]);
    (eve, fay)
}
