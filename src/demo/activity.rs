//! Portal users and their activity log.
//!
//! Each company's users are one contiguous id range: the first `active_users` of it
//! produce the activity, the last `disabled_users` are disabled. The log is written in
//! time order, day by day (weekends quieter, a slight upward trend), 07:00-19:00 UTC. Each
//! row goes to a company by (active users x profile intensity), skipping idle companies
//! from their `idle_since` day on, then to one of that company's active users: 70% of
//! the rows take the users in turn, 30% a power user (the first fifth of them). The
//! companies are taken from an evenly spread sequence rather than at random, so any
//! window holds each company's share of the rows even when the activity is sparse, and
//! utilization does not hinge on luck ([`super::seats`] sizes seats from this rule).

use chrono::NaiveDateTime;

use super::calendar::{add_days, at};
use super::generate::{POWER_PERCENT, World, day_weights, stream};
use super::names::{mail_part, person_name};
use super::rng::{Rng, i64_from, usize_from};
use super::rows::{AppLogRow, PortalUserRow, Ts};
use super::words::ACTIONS;

/// Portal users in id order.
pub struct PortalUserRows<'w> {
    world: &'w World,
    company: usize,
    /// Index of the next user within its company.
    k: u64,
}

impl<'w> PortalUserRows<'w> {
    pub fn new(world: &'w World) -> Self {
        Self {
            world,
            company: 0,
            k: 0,
        }
    }
}

impl Iterator for PortalUserRows<'_> {
    type Item = PortalUserRow;

    fn next(&mut self) -> Option<PortalUserRow> {
        let w = self.world;
        loop {
            let c = w.companies.get(self.company)?;
            if self.k < c.users {
                break;
            }
            self.company += 1;
            self.k = 0;
        }
        let c = w.companies.get(self.company)?;
        let k = self.k;
        self.k += 1;
        let id = c.first_user + k;
        let mut rng = Rng::for_row(w.size.seed, stream::PORTAL_USER, id);
        let (first, last, round) = person_name(&c.user_names, k);
        let number = if round > 0 {
            (round + 1).to_string()
        } else {
            String::new()
        };
        let external = c.user_id_base + k;
        let external_user_id = match c.user_id_style {
            0 => format!("E{external:06}"),
            1 => format!("emp-{external:05}"),
            _ => format!("U{external:07}"),
        };
        // Accounts exist before the activity window opens.
        let created_day = add_days(
            w.today,
            -(i64::from(w.size.activity_days) + rng.range(1, 700)),
        );
        Some(PortalUserRow {
            id: i64_from(id),
            company_id: i64_from(self.company as u64 + 1),
            external_user_id,
            email: format!(
                "{}.{}{number}@{}",
                mail_part(first),
                mail_part(last),
                c.domain
            ),
            name: format!("{first} {last}"),
            disabled: k >= c.users - c.disabled_users,
            created_at: Ts(at(
                created_day,
                u32::try_from(rng.range(0, 86_399)).unwrap_or(0),
            )),
        })
    }
}

/// Activity rows in id (and time) order.
pub struct AppLogRows<'w> {
    world: &'w World,
    next_id: u64,
    /// `day_end[d]`: rows on days `0..=d`; the exact total is spread in proportion to
    /// the day weights.
    day_end: Vec<u64>,
    day: usize,
    /// Companies eligible today, as cumulative weights.
    cum: Vec<u64>,
    /// How many idle companies had stopped when `cum` was built (`None`: not built).
    cum_stopped: Option<usize>,
    /// The days idle companies stop, sorted.
    idle_since: Vec<chrono::NaiveDate>,
    /// Cumulative user counts, used only when no company is eligible on a day.
    fallback: Vec<u64>,
    /// Rows given to each company so far: whose turn it is among its users.
    served: Vec<u64>,
    action_weights: Vec<u32>,
}

impl<'w> AppLogRows<'w> {
    pub fn new(world: &'w World) -> Self {
        let weights = day_weights(&world.size, world.today);
        let total_weight: u128 = weights.iter().map(|w| u128::from(*w)).sum();
        let rows = u128::from(world.size.activity_rows);
        let mut acc = 0_u128;
        let day_end = weights
            .iter()
            .map(|w| {
                acc += u128::from(*w);
                u64::try_from(rows * acc / total_weight.max(1)).unwrap_or(u64::MAX)
            })
            .collect();
        let mut idle_since: Vec<_> = world
            .companies
            .iter()
            .filter_map(|c| c.idle_since)
            .collect();
        idle_since.sort_unstable();
        let fallback = world
            .companies
            .iter()
            .scan(0_u64, |acc, c| {
                *acc += c.users;
                Some(*acc)
            })
            .collect();
        Self {
            world,
            next_id: 1,
            day_end,
            day: 0,
            cum: Vec::new(),
            cum_stopped: None,
            idle_since,
            fallback,
            served: vec![0; world.companies.len()],
            action_weights: ACTIONS.iter().map(|a| a.weight).collect(),
        }
    }

    /// Rebuilds the eligible companies when an idle company stopped since the last build.
    fn refresh(&mut self, date: chrono::NaiveDate) {
        let stopped = self.idle_since.partition_point(|d| *d <= date);
        if self.cum_stopped == Some(stopped) {
            return;
        }
        self.cum_stopped = Some(stopped);
        let mut acc = 0_u64;
        self.cum.clear();
        for c in &self.world.companies {
            if c.idle_since.is_none_or(|since| date < since) {
                acc += c.active_users * c.profile.intensity();
            }
            self.cum.push(acc);
        }
    }

    /// Company (0-based) and user id for a row on `date`.
    fn who(&mut self, id: u64, rng: &mut Rng, date: chrono::NaiveDate) -> (usize, u64) {
        self.refresh(date);
        let total = self.cum.last().copied().unwrap_or(0);
        let last = self.world.companies.len().saturating_sub(1);
        if total == 0 {
            // Nobody is meant to be active: any user at all.
            let all = self.fallback.last().copied().unwrap_or(0);
            let ticket = rng.below(all);
            let c = self.fallback.partition_point(|&x| x <= ticket).min(last);
            let plan = &self.world.companies[c];
            return (c, plan.first_user + rng.below(plan.users));
        }
        // The fractional parts of id x the golden ratio spread evenly over 0..1.
        let spread = (u128::from(id) * 0x9E37_79B9_7F4A_7C15) & u128::from(u64::MAX);
        let ticket = u64::try_from((spread * u128::from(total)) >> 64).unwrap_or(0);
        let c = self.cum.partition_point(|&x| x <= ticket).min(last);
        let plan = &self.world.companies[c];
        let n = plan.active_users;
        let turn = self.served.get(c).copied().unwrap_or(0);
        if let Some(s) = self.served.get_mut(c) {
            *s += 1;
        }
        let k = if rng.percent(POWER_PERCENT) {
            rng.below(n.div_ceil(5))
        } else {
            turn % n.max(1)
        };
        (c, plan.first_user + k)
    }
}

impl Iterator for AppLogRows<'_> {
    type Item = AppLogRow;

    fn next(&mut self) -> Option<AppLogRow> {
        let id = self.next_id;
        if id > self.world.size.activity_rows {
            return None;
        }
        // Row `id` (1-based) falls on the first day whose end is >= id.
        while self.day_end.get(self.day).is_some_and(|&end| end < id) {
            self.day += 1;
        }
        let end = *self.day_end.get(self.day)?;
        let begin = if self.day == 0 {
            0
        } else {
            self.day_end[self.day - 1]
        };
        self.next_id += 1;
        let date = add_days(
            self.world.today,
            i64::try_from(self.day).unwrap_or(0) - i64::from(self.world.size.activity_days),
        );
        let mut rng = Rng::for_row(self.world.size.seed, stream::APP_LOG, id);
        let (company, user) = self.who(id, &mut rng, date);
        // Spread the day's rows evenly over 07:00-19:00, with jitter inside each step.
        let in_day = end - begin;
        let k = id - 1 - begin;
        let step = (43_200 / in_day.max(1)).max(1);
        let second = 7 * 3_600 + k * 43_200 / in_day.max(1) + rng.below(step);
        let ts: NaiveDateTime = at(date, u32::try_from(second).unwrap_or(0));
        let action = &ACTIONS[rng.weighted(&self.action_weights).min(ACTIONS.len() - 1)];
        let error = rng.percent(action.error_percent);
        let details = if error { action.error } else { action.ok };
        Some(AppLogRow {
            id: i64_from(id),
            user_id: i64_from(user),
            company_id: i64_from(company as u64 + 1),
            ts: Ts(ts),
            action: action.name,
            status: if error { "error" } else { "ok" },
            detail: details
                .get(usize_from(rng.below(details.len() as u64)))
                .copied()
                .unwrap_or(""),
        })
    }
}
