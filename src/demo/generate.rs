//! The demo "world": what is decided once per load (each company's country, size, usage
//! profile and range of portal-user ids; name permutations; prices), and the rows of the
//! small reference tables. Pure: no IO, the same inputs give the same rows.

use chrono::{NaiveDate, NaiveDateTime};

use super::DemoSize;
use super::calendar::{add_days, at, later, office_seconds};
use super::names::{Perm, mail_part, numbered, person_name, slug};
use super::rng::{Rng, i64_from, usize_from};
use super::rows::{CompanyRow, PartnerRow, PersonRow, ProductCodeRow, Ts};
use super::words::{
    COMPANY_INDUSTRIES, COMPANY_NOTES, COMPANY_PREFIXES, COMPANY_QUALIFIERS, CONTACT_MAILBOXES,
    COUNTRIES, FIRST_COUNTRIES, FIRST_NAMES, LAST_NAMES, PARTNER_KINDS, PARTNER_WORDS,
    PRODUCT_FAMILIES, PRODUCTS, RATES, REGIONS, VENDOR_DOMAIN,
};
use crate::domain::Currency;

/// One random stream per table or purpose: rows of different tables never share draws.
pub mod stream {
    pub const COMPANY: u64 = 1;
    pub const PARTNER: u64 = 2;
    pub const PERSON: u64 = 3;
    pub const PRODUCT: u64 = 4;
    pub const LICENSE: u64 = 5;
    pub const PURCHASE: u64 = 6;
    pub const DEPLOYMENT: u64 = 7;
    pub const PORTAL_USER: u64 = 8;
    pub const APP_LOG: u64 = 9;
    pub const PERMUTATION: u64 = 10;
    pub const ACTIVITY_DAY: u64 = 11;
    pub const STAFF: u64 = 12;
}

/// How a customer uses what it bought; drives seats and activity.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Profile {
    /// Uses 35-92% of its seats: most customers.
    Healthy,
    /// More active users than seats (115-150%).
    Over,
    /// Far more seats than active users (8-25%).
    Under,
    /// Licensed, but nobody active in the last 14 days.
    Idle,
    /// Users and activity, but no active license.
    Unlicensed,
}

impl Profile {
    /// The first five companies, so that every profile occurs even in a tiny demo.
    const FIRST: [Profile; 5] = [
        Profile::Healthy,
        Profile::Over,
        Profile::Under,
        Profile::Idle,
        Profile::Unlicensed,
    ];
    const WEIGHTS: [u32; 5] = [74, 7, 8, 6, 5];

    /// Active users in the utilization window per 100 seats, drawn per company: seats
    /// are sized from it ([`spread_users`]).
    fn utilization_percent(self, rng: &mut Rng) -> u64 {
        let (lo, hi) = match self {
            Profile::Healthy => (35, 92),
            Profile::Over => (115, 150),
            Profile::Under => (8, 25),
            Profile::Idle | Profile::Unlicensed => (40, 90),
        };
        rng.range(lo, hi).unsigned_abs()
    }

    /// Share of the enabled users who use the product at all, in percent.
    fn active_percent(self) -> u64 {
        match self {
            Profile::Healthy => 80,
            Profile::Over => 95,
            Profile::Under => 30,
            Profile::Idle => 70,
            Profile::Unlicensed => 60,
        }
    }

    /// Log rows per active user, relative to the other profiles.
    pub fn intensity(self) -> u64 {
        match self {
            Profile::Over => 4,
            Profile::Healthy | Profile::Idle => 3,
            Profile::Under | Profile::Unlicensed => 2,
        }
    }
}

/// Share of licenses that are active when nothing caps it (see [`CompanyPlan::active_percent`]).
pub const ACTIVE_PERCENT: u64 = 70;
/// Share of companies on site (unlimited) licenses, in percent; the sixth company is
/// always one, so that even a small demo has one.
const SITE_PERCENT: u64 = 4;
/// Every `MULTI_CURRENCY_EVERY`-th company also buys in a second currency (about 14%).
const MULTI_CURRENCY_EVERY: u64 = 7;
/// The utilization window the seats are sized for: the report's default.
pub const WINDOW_DAYS: usize = 14;

/// Everything decided about one company.
#[derive(Debug, Clone)]
pub struct CompanyPlan {
    pub name: String,
    /// Mail domain, e.g. `acme-robotics.example`.
    pub domain: String,
    pub country: usize,
    /// Index into [`RATES`].
    pub currency: usize,
    pub profile: Profile,
    /// Site licenses only: every license of the company is unlimited.
    pub site: bool,
    /// Index into [`RATES`] of a second currency some of its licenses are bought in.
    pub second_currency: Option<usize>,
    /// Target utilization in percent ([`Profile::utilization_percent`]).
    pub utilization: u64,
    /// Share of its licenses beyond the first that may be active, in percent: 70, or
    /// less when the licenses outnumber the seats its users need (a long history of
    /// expired licenses instead of hundreds of one-seat active ones).
    pub active_percent: u64,
    /// Relative size: licenses are spread by it, portal users by it times a jitter.
    pub weight: u32,
    user_weight: u64,
    /// Id of the company's first portal user; its users are `first_user..first_user+users`.
    pub first_user: u64,
    pub users: u64,
    /// The last `disabled_users` of the range are disabled.
    pub disabled_users: u64,
    /// The first `active_users` of the range produce the activity.
    pub active_users: u64,
    /// Idle companies have no activity on or after this day.
    pub idle_since: Option<NaiveDate>,
    /// Seats of the company's first license, which is its main one (0: the company has
    /// no users, pick any number).
    pub main_seats: u64,
    /// Seats of any further active license: together they hold about a quarter of the
    /// seats, so that the profile survives however many licenses chance gives the company.
    pub extra_seats: u64,
    pub user_names: Perm,
    pub user_id_style: u8,
    pub user_id_base: u64,
    mailbox: &'static str,
    notes: &'static str,
    created: NaiveDateTime,
    updated: NaiveDateTime,
}

/// The decisions shared by all tables of one load.
pub struct World {
    pub size: DemoSize,
    pub today: NaiveDate,
    pub companies: Vec<CompanyPlan>,
    /// Cumulative company weights, for spreading licenses beyond one per company.
    company_cum: Vec<u64>,
    pub product_prices: Vec<u64>,
    pub product_weights: Vec<u32>,
    /// Decimal places of each currency in [`RATES`], from the ISO 4217 table.
    pub currency_exp: Vec<u32>,
    partner_names: Perm,
    person_names: Perm,
    pub reps: Staff,
    pub engineers: Staff,
}

/// How sales reps or engineers differ: a skewed share of the work (a few carry much of
/// it), and two traits in percent (0 best, 100 worst): for reps how often renewals come
/// in late; for engineers the failure rate and the pace.
pub struct Staff {
    /// Cumulative shares.
    cum: Vec<u64>,
    pub late: Vec<u64>,
    pub slow: Vec<u64>,
}

impl Staff {
    /// `count` people, the first of them numbered from `first` in the staff stream.
    fn new(seed: u64, first: u64, count: u32) -> Self {
        let mut acc = 0;
        let (mut cum, mut late, mut slow) = (Vec::new(), Vec::new(), Vec::new());
        for i in 0..u64::from(count) {
            let mut rng = Rng::for_row(seed, stream::STAFF, first + i);
            // Squared: shares from 1 to 100, so the best are far busier than the rest.
            let share = rng.range(1, 10).unsigned_abs();
            acc += share * share;
            cum.push(acc);
            late.push(rng.range(0, 100).unsigned_abs());
            slow.push(rng.range(0, 100).unsigned_abs());
        }
        Self { cum, late, slow }
    }

    /// A person (0-based) by share; `None` when there is nobody.
    pub fn pick(&self, rng: &mut Rng) -> Option<usize> {
        (!self.cum.is_empty()).then(|| rng.cumulative(&self.cum))
    }
}

impl World {
    #[must_use]
    pub fn new(size: &DemoSize, today: NaiveDate) -> Self {
        let seed = size.seed;
        let mut perm_rng = Rng::for_row(seed, stream::PERMUTATION, 0);
        let company_names = Perm::new(
            (COMPANY_PREFIXES.len() * COMPANY_INDUSTRIES.len()) as u64,
            &mut perm_rng,
        );
        let partner_names = Perm::new(
            (PARTNER_WORDS.len() * PARTNER_KINDS.len()) as u64,
            &mut perm_rng,
        );
        let person_names = Perm::new((FIRST_NAMES.len() * LAST_NAMES.len()) as u64, &mut perm_rng);
        let mut companies: Vec<CompanyPlan> = (0..u64::from(size.companies))
            .map(|i| company_plan(seed, today, i, &company_names))
            .collect();
        spread_users(&mut companies, size);
        size_seats(&mut companies, size, today);
        let company_cum = companies
            .iter()
            .scan(0_u64, |acc, c| {
                *acc += u64::from(c.weight);
                Some(*acc)
            })
            .collect();
        let (product_prices, product_weights) = (0..u64::from(size.product_codes))
            .map(|i| {
                let (_, price, weight) = product(seed, today, i);
                (price, weight)
            })
            .unzip();
        let currency_exp = RATES
            .iter()
            .map(|r| r.code.parse::<Currency>().map_or(2, Currency::exponent))
            .collect();
        Self {
            size: *size,
            today,
            companies,
            company_cum,
            product_prices,
            product_weights,
            currency_exp,
            partner_names,
            person_names,
            reps: Staff::new(seed, 0, size.sales_reps),
            engineers: Staff::new(seed, u64::from(size.sales_reps), size.engineers),
        }
    }

    /// The company (0-based) a license belongs to: license `i` goes to company `i` while
    /// there are companies without one, the rest by company size.
    pub fn company_of_license(&self, id: u64, rng: &mut Rng) -> usize {
        let n = self.companies.len() as u64;
        if id <= n {
            return usize::try_from(id.saturating_sub(1)).unwrap_or(0);
        }
        let total = self.company_cum.last().copied().unwrap_or(0);
        let ticket = rng.below(total);
        self.company_cum
            .partition_point(|&c| c <= ticket)
            .min(self.companies.len().saturating_sub(1))
    }

    /// The last moment demo timestamps may take: the evening before `today`.
    pub fn latest(&self) -> NaiveDateTime {
        at(add_days(self.today, -1), 18 * 3600)
    }

    pub fn company_row(&self, index: usize) -> Option<CompanyRow> {
        let c = self.companies.get(index)?;
        Some(CompanyRow {
            id: i64_from(index as u64 + 1),
            name: c.name.clone(),
            country: COUNTRIES.get(c.country).map_or("", |k| k.code),
            contact_email: format!("{}@{}", c.mailbox, c.domain),
            notes: c.notes,
            created_at: Ts(c.created),
            updated_at: Ts(c.updated),
        })
    }

    pub fn partner_row(&self, index: u64) -> PartnerRow {
        let mut rng = Rng::for_row(self.size.seed, stream::PARTNER, index);
        let (slot, round) = self.partner_names.at(index);
        let word = PARTNER_WORDS[usize_from(slot) % PARTNER_WORDS.len()];
        let kind = PARTNER_KINDS[usize_from(slot) / PARTNER_WORDS.len() % PARTNER_KINDS.len()];
        let country = &COUNTRIES[rng.weighted(&country_weights())];
        let legal = rng.pick(country.legal_forms).copied().unwrap_or("");
        let base = numbered(&format!("{word} {kind}"), round);
        let created = at(
            add_days(self.today, -rng.range(300, 3_000)),
            office_seconds(&mut rng),
        );
        PartnerRow {
            id: i64_from(index + 1),
            name: format!("{base} {legal}"),
            country: country.code,
            contact_email: format!(
                "{}@{}.example",
                if rng.percent(50) { "partners" } else { "sales" },
                slug(&base)
            ),
            created_at: Ts(created),
            updated_at: Ts(later(created, &mut rng, 400, self.latest())),
        }
    }

    /// Sales rep `index`, or engineer `index` when `engineer` (engineers continue the
    /// reps' name sequence, so nobody appears twice).
    pub fn person_row(&self, index: u64, engineer: bool) -> PersonRow {
        let global = if engineer {
            u64::from(self.size.sales_reps) + index
        } else {
            index
        };
        let mut rng = Rng::for_row(self.size.seed, stream::PERSON, global);
        let (first, last, round) = person_name(&self.person_names, global);
        let number = if round > 0 {
            (round + 1).to_string()
        } else {
            String::new()
        };
        let created = at(
            add_days(self.today, -rng.range(60, 2_500)),
            office_seconds(&mut rng),
        );
        PersonRow {
            id: i64_from(index + 1),
            name: format!("{first} {last}"),
            email: format!(
                "{}.{}{number}@{VENDOR_DOMAIN}",
                mail_part(first),
                mail_part(last)
            ),
            region: rng.pick(REGIONS).copied().unwrap_or(""),
            active: index < 3 || rng.percent(90),
            created_at: Ts(created),
            updated_at: Ts(later(created, &mut rng, 300, self.latest())),
        }
    }

    pub fn product_row(&self, index: u64) -> ProductCodeRow {
        product(self.size.seed, self.today, index).0
    }
}

/// The plan of company `i` (0-based), before users are spread.
fn company_plan(seed: u64, today: NaiveDate, i: u64, names: &Perm) -> CompanyPlan {
    let mut rng = Rng::for_row(seed, stream::COMPANY, i);
    let first = usize::try_from(i)
        .ok()
        .filter(|&i| i < FIRST_COUNTRIES.len());
    let country = first.map_or_else(|| rng.weighted(&country_weights()), |k| FIRST_COUNTRIES[k]);
    let profile = first.map_or_else(
        || Profile::FIRST[rng.weighted(&Profile::WEIGHTS)],
        |k| Profile::FIRST[k],
    );
    let weight = match rng.below(10) {
        0..=5 => rng.range(1, 3),
        6..=8 => rng.range(4, 12),
        _ => rng.range(15, 60),
    };
    let user_weight = u64::try_from(weight * rng.range(60, 140)).unwrap_or(100);
    let (slot, round) = names.at(i);
    let prefixes = COMPANY_PREFIXES.len() as u64;
    let prefix = COMPANY_PREFIXES[usize_from(slot % prefixes)];
    let industry = COMPANY_INDUSTRIES[usize_from(slot / prefixes) % COMPANY_INDUSTRIES.len()];
    let qualifiers = COMPANY_QUALIFIERS.len() as u64;
    let qualifier = COMPANY_QUALIFIERS[usize_from(round % qualifiers)];
    let mut base = format!("{prefix} {industry}");
    if !qualifier.is_empty() {
        base.push(' ');
        base.push_str(qualifier);
    }
    let base = numbered(&base, round / qualifiers);
    let legal = rng
        .pick(COUNTRIES[country].legal_forms)
        .copied()
        .unwrap_or("");
    let currency = RATES
        .iter()
        .position(|r| r.code == COUNTRIES[country].currency)
        .unwrap_or(0);
    let created = at(
        add_days(today, -rng.range(400, 3_000)),
        office_seconds(&mut rng),
    );
    let latest = at(add_days(today, -1), 18 * 3600);
    let mut plan = CompanyPlan {
        name: format!("{base} {legal}"),
        domain: format!("{}.example", slug(&base)),
        country,
        currency,
        profile,
        site: false,
        second_currency: None,
        utilization: 0,
        active_percent: ACTIVE_PERCENT,
        weight: u32::try_from(weight).unwrap_or(1),
        user_weight,
        first_user: 0,
        users: 0,
        disabled_users: 2 + rng.below(9),
        active_users: 0,
        idle_since: (profile == Profile::Idle).then(|| add_days(today, -rng.range(15, 90))),
        main_seats: 0,
        extra_seats: 0,
        user_names: Perm::new((FIRST_NAMES.len() * LAST_NAMES.len()) as u64, &mut rng),
        user_id_style: u8::try_from(rng.below(3)).unwrap_or(0),
        user_id_base: 1_000 * u64::try_from(rng.range(1, 90)).unwrap_or(1),
        mailbox: rng.pick(CONTACT_MAILBOXES).copied().unwrap_or("licensing"),
        notes: if rng.percent(20) {
            rng.pick(COMPANY_NOTES).copied().unwrap_or("")
        } else {
            ""
        },
        created,
        updated: later(created, &mut rng, 700, latest),
    };
    // Drawn last, so that names and dates do not depend on these choices.
    plan.utilization = profile.utilization_percent(&mut rng);
    plan.site = matches!(profile, Profile::Healthy | Profile::Under)
        && (i == 5 || rng.percent(SITE_PERCENT));
    if i % MULTI_CURRENCY_EVERY == 3 {
        plan.second_currency = Some(second_currency(currency, &mut rng));
    }
    plan
}

/// A second currency for a company that buys in `home`: a subsidiary abroad or a
/// group purchasing office, mostly in EUR or USD.
fn second_currency(home: usize, rng: &mut Rng) -> usize {
    let position = |code: &str| RATES.iter().position(|r| r.code == code);
    let (eur, usd) = (position("EUR"), position("USD"));
    let pick = match (eur, usd) {
        (Some(e), Some(u)) if home == e => u,
        (Some(e), Some(u)) if home == u => e,
        (Some(e), Some(u)) => {
            if rng.percent(60) {
                e
            } else {
                u
            }
        }
        _ => (home + 1) % RATES.len(),
    };
    if pick == home {
        (home + 1) % RATES.len()
    } else {
        pick
    }
}

/// Spreads the portal users over the companies by user weight (the sum is exact), then
/// derives disabled and active users from each company's profile.
fn spread_users(companies: &mut [CompanyPlan], size: &DemoSize) {
    let total_user_weight: u128 = companies.iter().map(|c| u128::from(c.user_weight)).sum();
    let users = u128::from(size.portal_users);
    let mut given = 0_u128;
    let shares: Vec<u128> = companies
        .iter()
        .map(|c| {
            let share = users * u128::from(c.user_weight) / total_user_weight.max(1);
            given += share;
            share
        })
        .collect();
    let mut rest = users.saturating_sub(given);
    let mut next_user = 1_u64;
    for (c, share) in companies.iter_mut().zip(shares) {
        let mut u = u64::try_from(share).unwrap_or(0);
        if rest > 0 {
            u += 1;
            rest -= 1;
        }
        c.first_user = next_user;
        c.users = u;
        next_user += u;
        // `disabled_users` holds the drawn percentage until here.
        c.disabled_users = (u * c.disabled_users + 50) / 100;
        let enabled = u - c.disabled_users;
        c.active_users = (enabled * c.profile.active_percent()).div_ceil(100);
    }
}

/// Product code `i`: the catalog first, then numbered editions of the product lines.
fn product(seed: u64, today: NaiveDate, i: u64) -> (ProductCodeRow, u64, u32) {
    let mut rng = Rng::for_row(seed, stream::PRODUCT, i);
    let created = at(
        add_days(today, -rng.range(900, 3_000)),
        office_seconds(&mut rng),
    );
    let updated = later(created, &mut rng, 600, at(add_days(today, -1), 18 * 3600));
    let id = i64_from(i + 1);
    if let Some(p) = PRODUCTS.get(usize_from(i)) {
        let row = ProductCodeRow {
            id,
            code: p.code.to_owned(),
            name: p.name.to_owned(),
            description: p.description.to_owned(),
            created_at: Ts(created),
            updated_at: Ts(updated),
        };
        return (row, p.price_eur_cents, p.weight);
    }
    let (family, line) = PRODUCT_FAMILIES[usize_from(i) % PRODUCT_FAMILIES.len()];
    let number = i + 1;
    let row = ProductCodeRow {
        id,
        code: format!("{family}-E{number:03}"),
        name: format!("{line} Edition {number}"),
        description: format!("Customer-specific edition {number} of the {line} product line."),
        created_at: Ts(created),
        updated_at: Ts(updated),
    };
    let price = u64::try_from(rng.range(50, 900)).unwrap_or(100) * 100;
    (row, price, 2)
}

fn country_weights() -> [u32; COUNTRIES.len()] {
    let mut w = [0; COUNTRIES.len()];
    for (slot, c) in w.iter_mut().zip(COUNTRIES) {
        *slot = c.weight;
    }
    w
}

#[cfg(test)]
mod tests {
    use std::collections::HashSet;

    use super::*;

    #[test]
    fn names_and_addresses_stay_unique_beyond_the_word_lists() {
        let size = DemoSize {
            companies: 25_000,
            partners: 700,
            sales_reps: 2_000,
            engineers: 1_500,
            product_codes: 40,
            licenses: 0,
            portal_users: 0,
            activity_rows: 0,
            ..DemoSize::default()
        };
        let w = World::new(
            &size,
            NaiveDate::from_ymd_opt(2026, 3, 15).unwrap_or_default(),
        );
        let names: HashSet<&str> = w.companies.iter().map(|c| c.name.as_str()).collect();
        assert_eq!(names.len(), w.companies.len());
        let domains: HashSet<&str> = w.companies.iter().map(|c| c.domain.as_str()).collect();
        assert_eq!(domains.len(), w.companies.len());
        let partners: HashSet<String> = (0..700).map(|i| w.partner_row(i).name).collect();
        assert_eq!(partners.len(), 700);
        let mut emails = HashSet::new();
        for i in 0..2_000 {
            assert!(emails.insert(w.person_row(i, false).email));
        }
        for i in 0..1_500 {
            assert!(emails.insert(w.person_row(i, true).email));
        }
        let codes: HashSet<String> = (0..40).map(|i| w.product_row(i).code).collect();
        assert_eq!(codes.len(), 40);
        assert!(w.companies.iter().all(|c| c.name.is_ascii()));
    }

    #[test]
    fn users_are_spread_exactly_and_profiles_all_occur() {
        let size = DemoSize::default();
        let w = World::new(
            &size,
            NaiveDate::from_ymd_opt(2026, 3, 15).unwrap_or_default(),
        );
        let users: u64 = w.companies.iter().map(|c| c.users).sum();
        assert_eq!(users, size.portal_users);
        let mut next = 1;
        for c in &w.companies {
            assert_eq!(c.first_user, next);
            next += c.users;
            assert!(c.active_users + c.disabled_users <= c.users);
        }
        for p in Profile::FIRST {
            assert!(w.companies.iter().any(|c| c.profile == p), "{p:?}");
        }
        assert!(w.companies.iter().any(|c| c.disabled_users > 0));
    }
}

/// The relative amount of activity on each day of the window, oldest first: weekends
/// quieter, up to +30% towards today (the customer base grows), +-15% day to day. The
/// world sizes seats from it too, so that utilization lands where each profile wants it.
pub fn day_weights(size: &DemoSize, today: chrono::NaiveDate) -> Vec<u64> {
    let days = usize::try_from(size.activity_days).unwrap_or(0);
    let first_day = add_days(today, -i64::from(size.activity_days));
    (0..days)
        .map(|d| {
            let date = add_days(first_day, i64::try_from(d).unwrap_or(0));
            let base = match chrono::Datelike::weekday(&date) {
                chrono::Weekday::Sat => 30,
                chrono::Weekday::Sun => 20,
                _ => 100,
            };
            let noise = Rng::for_row(size.seed, stream::ACTIVITY_DAY, d as u64)
                .range(85, 115)
                .unsigned_abs();
            base * (1_000 + 300 * d as u64 / days.max(1) as u64) * noise / 100_000
        })
        .collect()
}

/// Share of the rows that go to a company's power users, in percent.
pub const POWER_PERCENT: u64 = 30;

// Seats per company, sized so that each company's utilization (distinct active users in
// the report's default 14-day window over the seats of its active licenses) lands where
// its profile wants it at any size: from the activity the window will hold, and from how
// many licenses chance gives the company.
//
// The estimate is a float computation, but a pure one: the same inputs give the same
// seats in every run, so both backends still get the same rows.

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
    let power = float(POWER_PERCENT) / 100.0;
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
mod seat_tests {
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
