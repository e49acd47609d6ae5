//! The utilization report on both backends against the hand-computed fixture in
//! `common/utilization.rs`.
#![allow(clippy::unwrap_used, clippy::expect_used)]

mod common;

use common::fixtures::date;
use common::{TestDb, actor, each_backend, utilization};
use lms::domain::{LicenseStatus, Permission, Role};
use lms::report::utilization::{CompanyRow, Filters, UtilizationQuery, UtilizationReport};
use lms::service::{ServiceError, reports};

fn run(db: &mut TestDb, q: UtilizationQuery) -> Result<UtilizationReport, ServiceError> {
    let admin = actor(db, Role::Admin);
    reports::utilization(&mut db.conn, &admin, q)
}

fn query() -> UtilizationQuery {
    UtilizationQuery::new(date(utilization::AS_OF))
}

fn with(filters: Filters) -> UtilizationQuery {
    UtilizationQuery { filters, ..query() }
}

fn row<'a>(r: &'a UtilizationReport, name: &str) -> &'a CompanyRow {
    r.companies.iter().find(|c| c.name == name).unwrap()
}

/// (licensed, unlimited, registered, active, flags) per company, in name order.
fn figures(r: &UtilizationReport) -> Vec<(String, i64, bool, i64, i64, String)> {
    r.companies
        .iter()
        .map(|c| {
            (
                c.name.clone(),
                c.licensed_seats,
                c.unlimited,
                c.registered,
                c.active,
                c.flags.words(),
            )
        })
        .collect()
}

fn money(sums: &lms::domain::PerCurrency) -> Vec<(String, i64)> {
    sums.iter()
        .map(|m| (m.currency.code().to_owned(), m.minor))
        .collect()
}

fn s(v: &str) -> String {
    v.to_owned()
}

#[test]
fn hand_computed_figures() {
    each_backend(|db| {
        utilization::load(&mut db.conn);
        let r = run(db, query()).unwrap();
        assert_eq!(
            figures(&r),
            vec![
                (s("Alpha"), 10, false, 5, 4, s("")),
                (s("Beta"), 0, true, 1, 1, s("")),
                (s("Delta"), 10, false, 1, 0, s("under,idle")),
                (s("Epsilon"), 2, false, 3, 1, s("over-reg")),
                (s("Gamma"), 0, false, 2, 2, s("over,over-reg")),
            ],
            "{}",
            db.name()
        );
        assert_eq!(row(&r, "Alpha").utilization_text(), "40.0%");
        assert_eq!(row(&r, "Beta").utilization_text(), "unlimited");
        assert_eq!(row(&r, "Gamma").utilization_text(), "-");
        assert_eq!(row(&r, "Epsilon").utilization_text(), "50.0%");
        assert_eq!(row(&r, "Alpha").active_licenses, 1);
        assert_eq!(row(&r, "Delta").active_licenses, 1, "not started yet");
        // Alpha's money keeps EUR and USD apart; the expired and suspended licences'
        // purchases still count as revenue.
        assert_eq!(
            money(&row(&r, "Alpha").revenue),
            vec![(s("EUR"), 120_101), (s("USD"), 30_000)]
        );
        let t = &r.totals;
        assert_eq!(
            (t.companies, t.licensed_seats, t.unlimited_companies),
            (5, 22, 1)
        );
        assert_eq!((t.registered, t.active, t.active_licenses), (12, 8, 4));
        assert_eq!(
            (t.over_active, t.over_registered, t.under_used, t.idle),
            (1, 2, 1, 1)
        );
        assert_eq!(
            money(&t.revenue),
            vec![(s("EUR"), 150_101), (s("JPY"), 10_000), (s("USD"), 530_000)]
        );
        assert_eq!(
            money(&t.cost),
            vec![(s("EUR"), 75_050), (s("JPY"), 5_000), (s("USD"), 265_000)]
        );
        // EUR: 75,050 over 3 licences (L1 counted once) = 25,016.67 -> 25,017.
        let avg: Vec<String> = t.average_cost().iter().map(ToString::to_string).collect();
        assert_eq!(avg, vec!["250.17 EUR", "5,000 JPY", "1,325.00 USD"]);
        assert_eq!(
            r.totals.revenue.to_string(),
            "1,501.01 EUR | 10,000 JPY | 5,300.00 USD"
        );
    });
}

#[test]
fn window_boundaries_and_reference_date() {
    each_backend(|db| {
        utilization::load(&mut db.conn);
        // 30 days reach a3's entry at 2026-02-28 23:59:59; a4's, on the reference date, never.
        let r = run(
            db,
            UtilizationQuery {
                window_days: 30,
                ..query()
            },
        )
        .unwrap();
        assert_eq!(row(&r, "Alpha").active, 5, "{}", db.name());
        assert_eq!(row(&r, "Delta").active, 0);
        // One day: only a5's last-second entry (2026-03-14 23:59:59) and e1's.
        let r = run(
            db,
            UtilizationQuery {
                window_days: 1,
                ..query()
            },
        )
        .unwrap();
        assert_eq!(row(&r, "Alpha").active, 1);
        assert_eq!(row(&r, "Epsilon").active, 1);
        assert_eq!(r.totals.active, 2);
        // A day later a4's entry (2026-03-15 00:00:00) is in, a2's (2026-03-01 00:00:00) out.
        let r = run(
            db,
            UtilizationQuery {
                as_of: date("2026-03-16"),
                ..query()
            },
        )
        .unwrap();
        assert_eq!(row(&r, "Alpha").active, 4);
        let r = run(
            db,
            UtilizationQuery {
                as_of: date("2026-03-02"),
                window_days: 1,
                ..query()
            },
        )
        .unwrap();
        assert_eq!(row(&r, "Alpha").active, 1, "a2 at 03-01 00:00:00 only");
        // After the licences end nothing is licensed; registered users stay.
        let r = run(
            db,
            UtilizationQuery {
                as_of: date("2027-01-15"),
                ..query()
            },
        )
        .unwrap();
        assert_eq!(
            (r.totals.licensed_seats, r.totals.unlimited_companies),
            (0, 0)
        );
        assert_eq!(r.totals.active_licenses, 0);
        assert_eq!(r.totals.registered, 12);
    });
}

#[test]
fn under_used_threshold_is_configurable() {
    each_backend(|db| {
        utilization::load(&mut db.conn);
        let r = run(
            db,
            UtilizationQuery {
                under_used_pct: 50,
                ..query()
            },
        )
        .unwrap();
        // Alpha at 40% is under 50%; Epsilon at exactly 50% is not.
        assert_eq!(row(&r, "Alpha").flags.words(), "under");
        assert_eq!(row(&r, "Epsilon").flags.words(), "over-reg");
        assert_eq!(r.totals.under_used, 2);
    });
}

#[test]
fn filters_apply_to_every_figure() {
    each_backend(|db| {
        utilization::load(&mut db.conn);
        // Currency: licences paid in USD (Alpha's suspended one, Beta's), USD money only.
        let r = run(
            db,
            with(Filters {
                currency: Some("usd".parse().unwrap()),
                ..Filters::default()
            }),
        )
        .unwrap();
        assert_eq!(
            figures(&r),
            vec![
                (s("Alpha"), 0, false, 5, 4, s("over,over-reg")),
                (s("Beta"), 0, true, 1, 1, s("")),
            ],
            "{}",
            db.name()
        );
        assert_eq!(money(&r.totals.revenue), vec![(s("USD"), 530_000)]);

        // Status: only the expired licence, so nothing is licensed.
        let r = run(
            db,
            with(Filters {
                statuses: vec![LicenseStatus::Expired],
                ..Filters::default()
            }),
        )
        .unwrap();
        assert_eq!(
            figures(&r),
            vec![(s("Alpha"), 0, false, 5, 4, s("over,over-reg"))]
        );
        assert_eq!(money(&r.totals.revenue), vec![(s("EUR"), 20_000)]);

        // Partner: Alpha's active licence only.
        let r = run(
            db,
            with(Filters {
                partner: Some("Reseller One".into()),
                ..Filters::default()
            }),
        )
        .unwrap();
        assert_eq!(figures(&r), vec![(s("Alpha"), 10, false, 5, 4, s(""))]);
        assert_eq!(money(&r.totals.revenue), vec![(s("EUR"), 100_101)]);
        assert_eq!(r.totals.active_licenses, 1);

        // Licence dates: periods overlapping the first half of 2025 (the expired one).
        let r = run(
            db,
            with(Filters {
                from: Some(date("2025-01-01")),
                to: Some(date("2025-06-30")),
                ..Filters::default()
            }),
        )
        .unwrap();
        assert_eq!(r.companies.len(), 1);
        assert_eq!(money(&r.totals.revenue), vec![(s("EUR"), 20_000)]);

        // Company: one row, even without a licence.
        let r = run(
            db,
            with(Filters {
                company: Some("Gamma".into()),
                ..Filters::default()
            }),
        )
        .unwrap();
        assert_eq!(
            figures(&r),
            vec![(s("Gamma"), 0, false, 2, 2, s("over,over-reg"))]
        );
        assert!(r.totals.revenue.is_empty());

        // Company and status together: Delta's active licences (one not started yet).
        let r = run(
            db,
            with(Filters {
                company: Some("Delta".into()),
                statuses: vec![LicenseStatus::Active],
                ..Filters::default()
            }),
        )
        .unwrap();
        assert_eq!(
            figures(&r),
            vec![(s("Delta"), 10, false, 1, 0, s("under,idle"))]
        );
    });
}

#[test]
fn unknown_names_and_bad_parameters_are_refused() {
    each_backend(|db| {
        utilization::load(&mut db.conn);
        let err = run(
            db,
            with(Filters {
                company: Some("Nobody Inc".into()),
                ..Filters::default()
            }),
        )
        .unwrap_err();
        assert_eq!(err.to_string(), "company \"Nobody Inc\" not found");
        let err = run(
            db,
            with(Filters {
                partner: Some("Nobody".into()),
                ..Filters::default()
            }),
        )
        .unwrap_err();
        assert_eq!(err.to_string(), "partner \"Nobody\" not found");
        let err = run(
            db,
            UtilizationQuery {
                window_days: 0,
                ..query()
            },
        )
        .unwrap_err();
        assert!(err.to_string().contains("1 to 3650 days"), "{err}");
    });
}

#[test]
fn every_role_may_run_reports_and_sees_the_same() {
    // The gate is ViewReports, which every role holds; the report must not depend on who
    // asks.
    assert_eq!(Role::holders(Permission::ViewReports), Role::ALL.to_vec());
    each_backend(|db| {
        utilization::load(&mut db.conn);
        let reference = run(db, query()).unwrap();
        for role in Role::ALL {
            let who = actor(db, role);
            let r = reports::utilization(&mut db.conn, &who, query())
                .unwrap_or_else(|e| panic!("{role}: {e}"));
            assert_eq!(r, reference, "{role} on {}", db.name());
        }
    });
}

#[test]
fn an_empty_database_gives_zeros() {
    each_backend(|db| {
        let r = run(db, query()).unwrap();
        assert!(r.companies.is_empty());
        assert_eq!(r.totals, lms::report::utilization::Totals::default());
        assert!(r.totals.average_cost().is_empty());
    });
}

/// Revenue per currency and calendar month, the 12 whole months ending with the reference
/// date's month (2025-04-01 to 2026-03-31), on both backends, under the dashboard's
/// filters: from the kept `company_month_money` without licence filters (all, a company,
/// a currency), from the purchases with them (status, partner). Both must agree.
#[test]
fn monthly_revenue_per_currency() {
    use common::builders::{LicenseBuilder, ProductBuilder, PurchaseBuilder};
    each_backend(|db| {
        let ids = utilization::load(&mut db.conn);
        // The window's edges, on an expired licence of Alpha's.
        let product = ProductBuilder::new("LMS-EDGE").insert(&mut db.conn);
        let edge = LicenseBuilder::new()
            .company(ids.alpha)
            .product(&product)
            .status(LicenseStatus::Expired)
            .starts("2024-01-01")
            .ends("2024-12-31")
            .insert(&mut db.conn);
        for (on, minor) in [
            ("2025-03-31", 9),
            ("2025-04-01", 7),
            ("2026-03-15", 11),
            ("2026-03-16", 13),
        ] {
            PurchaseBuilder::new(&edge)
                .on(on)
                .revenue(minor)
                .currency("EUR")
                .insert(&mut db.conn);
        }
        let name = db.name();
        let mut series = |q: UtilizationQuery| -> Vec<(String, Vec<i64>)> {
            let r = run(db, q).unwrap();
            assert_eq!(r.monthly.from(), date("2025-04-01"));
            r.monthly
                .series
                .iter()
                .map(|c| (c.currency.code().to_owned(), c.minor.to_vec()))
                .collect()
        };
        // Months 0 (2025-04) to 11 (2026-03); the fixture's purchases are in 2026-01 (9)
        // and 2026-02 (10).
        let months = |pairs: &[(usize, i64)]| {
            let mut m = vec![0_i64; 12];
            for (i, v) in pairs {
                m[*i] = *v;
            }
            m
        };
        assert_eq!(
            series(query()),
            vec![
                (
                    s("EUR"),
                    months(&[(0, 7), (9, 130_000), (10, 101), (11, 11 + 13)])
                ),
                (s("JPY"), months(&[(9, 10_000)])),
                (s("USD"), months(&[(9, 530_000)])),
            ],
            "{name}"
        );
        let active = with(Filters {
            statuses: vec![LicenseStatus::Active],
            ..Filters::default()
        });
        assert_eq!(
            series(active),
            vec![
                (s("EUR"), months(&[(9, 130_000), (10, 101)])),
                (s("JPY"), months(&[(9, 10_000)])),
                (s("USD"), months(&[(9, 500_000)])),
            ],
            "{name}"
        );
        let usd = with(Filters {
            currency: Some("USD".parse().unwrap()),
            ..Filters::default()
        });
        assert_eq!(series(usd), vec![(s("USD"), months(&[(9, 530_000)]))]);
        let delta = with(Filters {
            company: Some(s("Delta")),
            ..Filters::default()
        });
        assert_eq!(series(delta), vec![(s("EUR"), months(&[(9, 30_000)]))]);
        let reseller = with(Filters {
            partner: Some(s("Reseller One")),
            ..Filters::default()
        });
        assert_eq!(
            series(reseller),
            vec![(s("EUR"), months(&[(9, 100_000), (10, 101)]))]
        );
    });
}
