//! Seats per company, sized so that each company's utilization (distinct active users in
//! the report's default 14-day window over the seats of its active licenses) lands where
//! its profile wants it at any size: from the activity the window will hold, and from how
//! many licenses chance gives the company.
//!
//! The estimate is a float computation, but a pure one: the same inputs give the same
//! seats in every run, so both backends still get the same rows.

use chrono::NaiveDate;

use super::DemoSize;
use super::activity::day_weights;
use super::generate::{ACTIVE_PERCENT, CompanyPlan, WINDOW_DAYS};

/// Share of a company's seats its further licenses hold together, in percent.
const EXTRA_SHARE: f64 = 0.25;
/// When licenses outnumber the seats, active further licenses (one seat at least each)
/// are kept to this share of the seats; the rest become history (expired).
const CROWDED_SHARE: f64 = 0.30;

/// Sets `main_seats`, `extra_seats` and `active_percent` of every company.
pub fn size_seats(companies: &mut [CompanyPlan], size: &DemoSize, today: NaiveDate) {
    let weights = day_weights(size, today);
    let all: u64 = weights.iter().sum();
    let window: u64 = weights.iter().rev().take(WINDOW_DAYS).sum();
    let window_rows = if all == 0 {
        0.0
    } else {
        float(size.activity_rows) * float(window) / float(all)
    };
    // The activity writer picks a company by active users x intensity among those not idle.
    let busy: u64 = companies
        .iter()
        .filter(|c| c.idle_since.is_none())
        .map(|c| c.active_users * c.profile.intensity())
        .sum();
    let total_weight: u64 = companies.iter().map(|c| u64::from(c.weight)).sum();
    let extra_licenses = size.licenses.saturating_sub(companies.len() as u64);
    for c in companies.iter_mut() {
        if c.users == 0 {
            // No users: the license sizes are free (0 asks for any number).
            (c.main_seats, c.extra_seats) = (0, 0);
            continue;
        }
        let active = if window_rows > 0.0 && busy > 0 {
            let rows = window_rows * float(c.active_users * c.profile.intensity()) / float(busy);
            expected_distinct(c.active_users, rows)
        } else {
            // No activity to count: size for the users meant to be active.
            float(c.active_users)
        };
        let seats = (active * 100.0 / float(c.utilization.max(1))).max(1.0);
        let extras =
            float(extra_licenses) * float(u64::from(c.weight)) / float(total_weight.max(1));
        let fit = if extras > 0.0 {
            whole(100.0 * CROWDED_SHARE * seats / extras)
        } else {
            ACTIVE_PERCENT
        };
        c.active_percent = fit.min(ACTIVE_PERCENT);
        let active_extras = extras * float(c.active_percent) / 100.0;
        c.extra_seats = if active_extras > 0.0 {
            whole(seats * EXTRA_SHARE / active_extras).max(1)
        } else {
            1
        };
        let main = seats - active_extras * float(c.extra_seats);
        c.main_seats = whole(main.max(seats * (1.0 - CROWDED_SHARE)).max(1.0));
    }
}

/// Expected distinct users among `rows` rows of a company with `users` active users, as
/// the activity writer assigns them: 70% in turn (each a new user until all had one), 30%
/// to one of the first fifth at random.
fn expected_distinct(users: u64, rows: f64) -> f64 {
    if users == 0 {
        return 0.0;
    }
    let n = float(users);
    let power = float(super::activity::POWER_PERCENT) / 100.0;
    let in_turn = ((1.0 - power) * rows).min(n);
    let fifth = (n / 5.0).ceil();
    let powers = fifth * (1.0 - (-power * rows / fifth).exp());
    // Power users already seen in turn do not count twice.
    (in_turn + powers * (1.0 - in_turn / n)).min(n)
}

// Counts here stay far below 2^52, where f64 is exact.
#[allow(clippy::cast_precision_loss)]
fn float(v: u64) -> f64 {
    v as f64
}

/// `v` rounded to a whole number, 0 for negatives.
#[allow(clippy::cast_possible_truncation, clippy::cast_sign_loss)]
fn whole(v: f64) -> u64 {
    v.round().max(0.0) as u64
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn distinct_users_grow_with_rows_and_stay_below_the_users() {
        assert!(expected_distinct(100, 0.0).abs() < 1e-9);
        let few = expected_distinct(100, 20.0);
        let many = expected_distinct(100, 2_000.0);
        assert!((17.0..20.0).contains(&few), "{few}");
        assert!(many > 99.0 && many <= 100.0, "{many}");
    }
}
