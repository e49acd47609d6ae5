//! The performance reports on both backends against the hand-computed fixture in
//! `common/performance.rs`.
#![allow(clippy::unwrap_used, clippy::expect_used)]

mod common;

use std::collections::BTreeMap;

use common::fixtures::date;
use common::{TestDb, actor, each_backend, performance};
use lms::domain::{Period, Role};
use lms::report::performance::engineers::{EngineerReport, Row};
use lms::report::performance::owners::{Bookings, Renewal};
use lms::report::performance::{OwnerReport, OwnerRow, PeriodQuery};
use lms::service::{ServiceError, performance as perf};

fn query(name: Option<&str>) -> PeriodQuery {
    PeriodQuery {
        period: performance::PERIOD.parse().unwrap(),
        as_of: date(performance::AS_OF),
        name: name.map(str::to_owned),
    }
}

fn sales(db: &mut TestDb, name: Option<&str>) -> Result<OwnerReport, ServiceError> {
    let viewer = actor(db, Role::Viewer);
    perf::sales(&mut db.conn, &viewer, &query(name))
}

fn row<'a>(r: &'a OwnerReport, name: &str) -> &'a OwnerRow {
    r.rows.iter().find(|o| o.name == name).unwrap()
}

/// Bookings as (currency, new, renewal, expansion, purchases).
fn bookings(b: &BTreeMap<lms::domain::Currency, Bookings>) -> Vec<(String, i64, i64, i64, i64)> {
    b.iter()
        .map(|(c, b)| {
            (
                c.code().to_owned(),
                b.new,
                b.renewal,
                b.expansion,
                b.purchases,
            )
        })
        .collect()
}

fn money(m: &BTreeMap<lms::domain::Currency, i64>) -> Vec<(String, i64)> {
    m.iter().map(|(c, v)| (c.code().to_owned(), *v)).collect()
}

fn s(v: &str) -> String {
    v.to_owned()
}

#[test]
fn sales_reps_hand_computed() {
    each_backend(|db| {
        performance::load(&mut db.conn);
        let r = sales(db, None).unwrap();
        let names: Vec<&str> = r.rows.iter().map(|o| o.name.as_str()).collect();
        assert_eq!(
            names,
            ["Ann", "Bob", "(none)"],
            "{}: Cid is retired and idle",
            db.name()
        );
        assert_eq!(r.previous, "2026-Q1".parse::<Period>().unwrap());

        let ann = row(&r, "Ann");
        assert_eq!(
            bookings(&ann.current.bookings),
            vec![
                (s("EUR"), 200_000, 110_000, 10_001, 3),
                (s("USD"), 0, 60_000, 0, 1)
            ],
            "{}",
            db.name()
        );
        assert_eq!(
            ann.current.bookings.values().next().unwrap().average(),
            Some(106_667)
        );
        assert_eq!(
            (
                ann.current.purchases,
                ann.current.new_licenses,
                ann.current.expansion_seats
            ),
            (4, 1, 3)
        );
        // L1 renewed the day before its end, L2 on the window's last day; L3 a day late,
        // L4 terminated.
        assert_eq!(
            ann.current.renewal,
            Renewal {
                ended: 4,
                renewed: 2
            },
            "{}",
            db.name()
        );
        assert_eq!(ann.current.renewal.rate_permille(), Some(500));
        assert_eq!(
            bookings(&ann.previous.bookings),
            vec![(s("EUR"), 150_000, 0, 0, 1)]
        );
        assert_eq!(ann.previous.renewal.rate_permille(), None);
        let bob = row(&r, "Bob");
        assert_eq!(
            bookings(&bob.current.bookings),
            vec![(s("JPY"), 500_000, 0, 0, 1)]
        );
        assert_eq!(
            bob.current.renewal,
            Renewal {
                ended: 1,
                renewed: 0
            }
        );
        assert_eq!(
            bookings(&bob.previous.bookings),
            vec![(s("EUR"), 0, 12_000, 0, 1), (s("USD"), 0, 0, 5_000, 1)]
        );
        assert_eq!(
            (bob.previous.purchases, bob.previous.expansion_seats),
            (2, 2)
        );
        assert_eq!(
            bob.previous.renewal,
            Renewal {
                ended: 1,
                renewed: 1
            },
            "11 days late"
        );
        assert_eq!(bob.at_stake[0].licenses, 0, "L7 ends after 30 days");
        assert_eq!(money(&bob.at_stake[1].revenue), vec![(s("JPY"), 500_000)]);

        let none = row(&r, "(none)");
        assert_eq!(
            bookings(&none.current.bookings),
            vec![(s("EUR"), 7_000, 0, 0, 1)]
        );
        assert_eq!(
            money(&r.totals.0),
            vec![(s("EUR"), 327_001), (s("JPY"), 500_000), (s("USD"), 60_000)],
            "currencies are never added together"
        );
    });
}

#[test]
fn sales_at_stake_and_monthly_bookings() {
    each_backend(|db| {
        performance::load(&mut db.conn);
        let r = sales(db, None).unwrap();
        let ann = row(&r, "Ann");
        let stake: Vec<(i64, Vec<(String, i64)>)> = ann
            .at_stake
            .iter()
            .map(|st| (st.licenses, money(&st.revenue)))
            .collect();
        assert_eq!(
            stake,
            vec![
                (1, vec![(s("USD"), 1_500)]),
                (1, vec![(s("USD"), 1_500)]),
                (2, vec![(s("EUR"), 9_000), (s("USD"), 1_500)]),
            ],
            "{}",
            db.name()
        );
        assert_eq!(r.months.first().map(String::as_str), Some("2025-07"));
        assert_eq!(r.months.last().map(String::as_str), Some("2026-06"));
        let series: Vec<(String, Vec<i64>)> = ann
            .monthly
            .iter()
            .map(|(c, v)| (c.code().to_owned(), v.clone()))
            .collect();
        assert_eq!(
            series,
            vec![
                (
                    s("EUR"),
                    vec![80_000, 0, 9_000, 1, 0, 0, 0, 150_000, 0, 310_000, 0, 10_001]
                ),
                (s("USD"), vec![0, 1_500, 0, 0, 0, 0, 0, 0, 0, 0, 60_000, 0]),
            ],
            "{}",
            db.name()
        );
    });
}

#[test]
fn a_name_filter_keeps_one_row_and_an_unknown_name_is_refused() {
    each_backend(|db| {
        performance::load(&mut db.conn);
        let r = sales(db, Some("Bob")).unwrap();
        assert_eq!(r.rows.len(), 1);
        assert_eq!(r.rows[0].name, "Bob");
        // The totals are still everyone's.
        assert_eq!(r.totals.0.len(), 3);
        let r = sales(db, Some("Cid")).unwrap();
        assert_eq!(r.rows.len(), 1, "a retired rep asked for by name");
        let e = sales(db, Some("Nobody")).unwrap_err();
        assert_eq!(e.to_string(), "sales rep \"Nobody\" not found");
    });
}

#[test]
fn partners_hand_computed() {
    each_backend(|db| {
        performance::load(&mut db.conn);
        let viewer = actor(db, Role::Viewer);
        let r = perf::partners(&mut db.conn, &viewer, &query(None)).unwrap();
        let names: Vec<&str> = r.rows.iter().map(|o| o.name.as_str()).collect();
        assert_eq!(names, ["P1", "P2", "(none)"]);
        let p1 = row(&r, "P1");
        assert_eq!(
            bookings(&p1.current.bookings),
            vec![
                (s("EUR"), 200_000, 110_000, 10_001, 3),
                (s("USD"), 0, 60_000, 0, 1)
            ]
        );
        assert_eq!(
            p1.current.renewal,
            Renewal {
                ended: 2,
                renewed: 2
            }
        );
        let l = p1.current.licenses;
        assert_eq!(
            (l.licenses, l.seats, l.unlimited, l.companies),
            (5, 24, 1, 2),
            "{}: the draft L14 is not counted",
            db.name()
        );
        let p2 = row(&r, "P2");
        let l = p2.current.licenses;
        assert_eq!(
            (l.licenses, l.seats, l.unlimited, l.companies),
            (4, 15, 0, 2),
            "{}",
            db.name()
        );
        assert_eq!(
            p2.current.renewal,
            Renewal {
                ended: 2,
                renewed: 0
            }
        );
        assert_eq!(
            p2.previous.renewal,
            Renewal {
                ended: 1,
                renewed: 1
            }
        );
        let none = row(&r, "(none)");
        let l = none.current.licenses;
        assert_eq!(
            (l.licenses, l.seats, l.companies),
            (4, 6, 2),
            "{}",
            db.name()
        );
        assert_eq!(
            none.current.renewal,
            Renewal {
                ended: 1,
                renewed: 0
            }
        );
        // Shares per currency, per thousand.
        let share = |o: &OwnerRow, c: &str| {
            lms::report::performance::output::share_permille(&r, o, c.parse().unwrap())
        };
        assert_eq!(share(p1, "EUR"), Some(979));
        assert_eq!(share(p1, "USD"), Some(1000));
        assert_eq!(share(none, "EUR"), Some(21));
        assert_eq!(share(p2, "EUR"), Some(0));
    });
}

#[test]
fn renewal_pipeline_by_rep_and_partner() {
    each_backend(|db| {
        performance::load(&mut db.conn);
        let viewer = actor(db, Role::Viewer);
        let r =
            perf::renewals(&mut db.conn, &viewer, date(performance::AS_OF), None, None).unwrap();
        let reps: Vec<(&str, [i64; 3])> = r
            .reps
            .iter()
            .map(|o| (o.name.as_str(), [0, 1, 2].map(|i| o.at_stake[i].licenses)))
            .collect();
        assert_eq!(
            reps,
            vec![("Ann", [1, 1, 2]), ("Bob", [0, 1, 1])],
            "{}",
            db.name()
        );
        let partners: Vec<(&str, [i64; 3])> = r
            .partners
            .iter()
            .map(|o| (o.name.as_str(), [0, 1, 2].map(|i| o.at_stake[i].licenses)))
            .collect();
        assert_eq!(
            partners,
            vec![("P1", [1, 1, 1]), ("P2", [0, 1, 1]), ("(none)", [0, 0, 1])],
            "{}",
            db.name()
        );
        let r = perf::renewals(
            &mut db.conn,
            &viewer,
            date(performance::AS_OF),
            None,
            Some("P2"),
        )
        .unwrap();
        assert_eq!(r.partners.len(), 1);
        assert_eq!(
            r.reps.len(),
            2,
            "the partner filter narrows only the partners"
        );
    });
}

fn engineers(db: &mut TestDb, name: Option<&str>) -> EngineerReport {
    let viewer = actor(db, Role::Engineer);
    perf::engineers(&mut db.conn, &viewer, &query(name)).unwrap()
}

fn figures(r: &Row) -> (i64, i64, i64, Option<i64>, [Option<i64>; 4], i64, i64) {
    let f = &r.current;
    (
        f.completed,
        f.failed,
        f.cancelled,
        f.success_permille(),
        [
            f.from_scheduled.median,
            f.from_scheduled.p90,
            f.from_started.median,
            f.from_started.p90,
        ],
        r.backlog,
        r.overdue,
    )
}

#[test]
fn engineers_hand_computed() {
    each_backend(|db| {
        performance::load_engineers(&mut db.conn);
        let r = engineers(db, None);
        let rows: Vec<(&str, _)> = r
            .engineers
            .iter()
            .map(|e| (e.name.as_str(), figures(e)))
            .collect();
        assert_eq!(
            rows,
            vec![
                (
                    "Eve",
                    (
                        4,
                        1,
                        1,
                        Some(800),
                        [Some(2), Some(9), Some(1), Some(3)],
                        3,
                        1
                    )
                ),
                (
                    "Fay",
                    (
                        1,
                        0,
                        0,
                        Some(1000),
                        [Some(4), Some(4), Some(2), Some(2)],
                        0,
                        0
                    )
                ),
                ("(unassigned)", (0, 1, 0, Some(0), [None; 4], 1, 1)),
            ],
            "{}",
            db.name()
        );
        let eve = &r.engineers[0];
        assert_eq!(
            (
                eve.previous.completed,
                eve.previous.failed,
                eve.previous.success_permille()
            ),
            (1, 2, Some(333))
        );
        assert_eq!(eve.monthly_completed, [0, 0, 0, 0, 0, 0, 0, 0, 1, 1, 1, 2]);
        assert_eq!(eve.monthly_failed, [0, 0, 0, 0, 0, 0, 0, 1, 1, 0, 1, 0]);
        let regions: Vec<(&str, _)> = r
            .regions
            .iter()
            .map(|e| (e.name.as_str(), figures(e)))
            .collect();
        assert_eq!(
            regions,
            vec![
                ("(unassigned)", (0, 1, 0, Some(0), [None; 4], 1, 1)),
                (
                    "APAC",
                    (
                        1,
                        0,
                        0,
                        Some(1000),
                        [Some(4), Some(4), Some(2), Some(2)],
                        0,
                        0
                    )
                ),
                (
                    "EMEA",
                    (
                        4,
                        1,
                        1,
                        Some(800),
                        [Some(2), Some(9), Some(1), Some(3)],
                        3,
                        1
                    )
                ),
            ],
            "{}",
            db.name()
        );
        let r = engineers(db, Some("Fay"));
        assert_eq!(r.engineers.len(), 1);
        assert_eq!(r.regions.len(), 3, "the roll-up is everyone's");
    });
}

#[test]
fn a_custom_period_over_a_leap_day_and_its_previous_period() {
    use common::builders::{
        CompanyBuilder, LicenseBuilder, ProductBuilder, PurchaseBuilder, SalesRepBuilder,
    };
    each_backend(|db| {
        let product = ProductBuilder::new("LEAP").insert(&mut db.conn);
        let c = CompanyBuilder::new("Leap Co").insert(&mut db.conn).id;
        let rep = SalesRepBuilder::new("Lea").insert(&mut db.conn).id;
        let lic = LicenseBuilder::new()
            .company(c)
            .product(&product)
            .sales_rep(rep)
            .insert(&mut db.conn)
            .id;
        // In the period: 02-28, 02-29, 03-01; before: 02-27 (previous period); after: 03-02.
        for (on, revenue) in [
            ("2024-02-27", 1),
            ("2024-02-28", 10),
            ("2024-02-29", 100),
            ("2024-03-01", 1_000),
            ("2024-03-02", 10_000),
        ] {
            PurchaseBuilder::new(lic)
                .sales_rep(rep)
                .on(on)
                .revenue(revenue)
                .insert(&mut db.conn);
        }
        let viewer = actor(db, Role::Viewer);
        let q = PeriodQuery {
            period: "2024-02-28..2024-03-01".parse().unwrap(),
            as_of: date("2024-03-02"),
            name: Some("Lea".to_owned()),
        };
        let r = perf::sales(&mut db.conn, &viewer, &q).unwrap();
        assert_eq!(
            r.previous,
            "2024-02-25..2024-02-27".parse::<Period>().unwrap()
        );
        let lea = row(&r, "Lea");
        assert_eq!(
            bookings(&lea.current.bookings),
            vec![(s("EUR"), 1_110, 0, 0, 3)],
            "{}",
            db.name()
        );
        assert_eq!(
            bookings(&lea.previous.bookings),
            vec![(s("EUR"), 1, 0, 0, 1)],
            "{}",
            db.name()
        );
        // The sparkline's last month is March 2024, February the one before it.
        assert_eq!(lea.monthly.values().next().unwrap()[10..], [111, 11_000]);
    });
}

/// Month and year periods: the bookings summed from the monthly rows (the period, and
/// the month before) or read apart (the year before lies outside the 12 months).
#[test]
fn month_and_year_periods() {
    each_backend(|db| {
        performance::load(&mut db.conn);
        let viewer = actor(db, Role::Viewer);
        let mut q = query(Some("Ann"));
        q.period = "2026".parse().unwrap();
        let r = perf::sales(&mut db.conn, &viewer, &q).unwrap();
        let ann = row(&r, "Ann");
        assert_eq!(
            bookings(&ann.current.bookings),
            vec![
                (s("EUR"), 350_000, 155_000, 10_001, 5),
                (s("USD"), 0, 60_000, 0, 1)
            ],
            "{}",
            db.name()
        );
        assert_eq!(
            bookings(&ann.previous.bookings),
            vec![(s("EUR"), 309_001, 0, 0, 7), (s("USD"), 0, 0, 1_500, 1)],
            "{}",
            db.name()
        );
        assert_eq!(
            (ann.current.new_licenses, ann.previous.new_licenses),
            (2, 7)
        );
        q.period = "2026-06".parse().unwrap();
        let r = perf::sales(&mut db.conn, &viewer, &q).unwrap();
        let ann = row(&r, "Ann");
        assert_eq!(
            bookings(&ann.current.bookings),
            vec![(s("EUR"), 0, 0, 10_001, 1)]
        );
        assert_eq!(ann.current.expansion_seats, 3);
        assert_eq!(
            bookings(&ann.previous.bookings),
            vec![(s("USD"), 0, 60_000, 0, 1)]
        );
    });
}

/// The partners' licences, seats and companies of whole-month periods come from the kept
/// `partner_license_months` and one probe per partner and company; every other period
/// reads the licences. Both give the same figures for every month, quarter and year of
/// the demo data, each against its previous period.
#[test]
fn partner_licences_kept_equal_the_licences_scanned() {
    use lms::report::performance::owner_queries::{
        PartnerLicenseRow, partner_licenses, partner_licenses_kept, partner_licenses_scanned,
    };
    each_backend(|db| {
        common::money::load_demo_of(db, 1_500);
        let today = chrono::Local::now().date_naive();
        let year = chrono::Datelike::year(&today);
        let mut periods: Vec<Period> = Vec::new();
        for y in year - 4..=year + 2 {
            periods.push(y.to_string().parse().unwrap());
            for q in 1..=4 {
                periods.push(format!("{y}-Q{q}").parse().unwrap());
            }
            for m in 1..=12 {
                periods.push(format!("{y}-{m:02}").parse().unwrap());
            }
        }
        let mut compared = 0;
        for p in periods {
            let prev = p.prev().unwrap();
            let load = |s: lms::report::performance::sql::Statement,
                        conn: &mut lms::db::DbConnection| {
                let mut rows: Vec<PartnerLicenseRow> = s.load(conn).unwrap();
                rows.sort_by_key(|r| r.owner_id);
                // As the report reads them: a sum over no seats (all unlimited) is 0.
                rows.into_iter()
                    .map(|r| {
                        let n = |v: Option<i64>| v.unwrap_or(0);
                        (
                            r.owner_id,
                            [n(r.licenses), n(r.seats), n(r.unlimited), r.companies],
                            [
                                n(r.prev_licenses),
                                n(r.prev_seats),
                                n(r.prev_unlimited),
                                r.prev_companies,
                            ],
                        )
                    })
                    .collect::<Vec<_>>()
            };
            let kept = load(partner_licenses_kept(p, prev), &mut db.conn);
            let scanned = load(partner_licenses_scanned(p, prev), &mut db.conn);
            assert_eq!(kept, scanned, "{}: {p:?}", db.name());
            assert_eq!(partner_licenses(p, prev), partner_licenses_kept(p, prev));
            compared += usize::from(kept.iter().any(|r| r.1[3] > 0));
        }
        assert!(
            compared > 20,
            "{}: only {compared} periods had licences",
            db.name()
        );
        // A range of days is read from the licences.
        let days: Period = "2026-03-05..2026-04-20".parse().unwrap();
        let prev = days.prev().unwrap();
        assert_eq!(
            partner_licenses(days, prev),
            partner_licenses_scanned(days, prev)
        );
    });
}

/// Bookings of whole months (a year's previous year lies outside the sparkline's 12
/// months) come from the kept `owner_month_bookings`; a range of days from the purchases.
/// Both agree for every month, quarter and year of the demo data, by rep and by partner.
#[test]
fn kept_bookings_equal_the_purchases() {
    use lms::report::performance::Owner;
    use lms::report::performance::owner_queries::{
        BookingRow, bookings, bookings_scanned, kept_bookings,
    };
    each_backend(|db| {
        common::money::load_demo_of(db, 1_500);
        let year = chrono::Datelike::year(&chrono::Local::now().date_naive());
        let mut periods: Vec<Period> = Vec::new();
        for y in year - 5..=year {
            periods.push(y.to_string().parse().unwrap());
            periods.push(format!("{y}-Q2").parse().unwrap());
            periods.push(format!("{y}-11").parse().unwrap());
        }
        let mut compared = 0;
        for p in periods {
            for owner in [Owner::Rep, Owner::Partner] {
                let load = |s: lms::report::performance::sql::Statement,
                            conn: &mut lms::db::DbConnection| {
                    let mut rows: Vec<BookingRow> = s.load(conn).unwrap();
                    rows.sort_by(|a, b| {
                        (a.owner_id, &a.kind, &a.currency).cmp(&(b.owner_id, &b.kind, &b.currency))
                    });
                    rows
                };
                let kept = load(kept_bookings(owner, p), &mut db.conn);
                let scanned = load(bookings_scanned(owner, p), &mut db.conn);
                assert_eq!(kept, scanned, "{}: {owner:?} {p:?}", db.name());
                assert_eq!(bookings(owner, p), kept_bookings(owner, p));
                compared += usize::from(!kept.is_empty());
            }
        }
        assert!(compared > 10, "{}: only {compared} had bookings", db.name());
        let days: Period = "2026-03-05..2026-04-20".parse().unwrap();
        assert_eq!(
            bookings(Owner::Rep, days),
            bookings_scanned(Owner::Rep, days)
        );
    });
}
