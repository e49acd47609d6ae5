//! Licenses and what hangs off them: purchases (new, renewal, expansion) and deployments.
//! A license is a pure function of the world and its id ([`World::license`]), so the
//! purchase and deployment passes recompute it instead of keeping a million of them.

use chrono::{Datelike, NaiveDate, NaiveDateTime};

use super::HISTORY_DAYS;
use super::calendar::{add_days, add_years, at, office_seconds};
use super::generate::{ACTIVE_PERCENT, World, stream};
use super::rng::{Rng, i64_from, usize_from};
use super::rows::{DeploymentRow, LicenseRow, PurchaseRow, Ts};
use super::words::{
    DEPLOY_NOTES_CANCELLED, DEPLOY_NOTES_COMPLETED, DEPLOY_NOTES_FAILED, DEPLOY_NOTES_IN_PROGRESS,
    DEPLOY_NOTES_PLANNED, ENVIRONMENTS, NOTES_ACTIVE, NOTES_DRAFT, NOTES_EXPIRED, NOTES_SUSPENDED,
    NOTES_TERMINATED, RATES,
};
use crate::domain::{DeploymentStatus, LicenseStatus, PurchaseKind, license_key};

/// A purchase being planned: (date, kind, seats added, seats priced, months priced, end
/// of the term paid for).
type PurchaseItem = (
    NaiveDate,
    PurchaseKind,
    u64,
    Option<u64>,
    u64,
    Option<NaiveDate>,
);

/// Everything decided about one license.
#[derive(Debug, Clone)]
pub struct LicensePlan {
    pub id: u64,
    pub company: usize,
    /// Index into [`RATES`] of the currency all its purchases are in.
    pub currency: usize,
    pub product: usize,
    pub partner: Option<i64>,
    pub rep: Option<i64>,
    pub status: LicenseStatus,
    pub start: NaiveDate,
    pub end: NaiveDate,
    pub term_years: u32,
    pub renewals: u32,
    /// `None`: unlimited (site license).
    pub initial_seats: Option<u64>,
    pub expansions: [(NaiveDate, u64); 2],
    pub expansion_count: usize,
    pub notes: &'static str,
    pub created: NaiveDateTime,
    pub updated: NaiveDateTime,
}

impl LicensePlan {
    pub fn seats(&self) -> Option<u64> {
        self.initial_seats.map(|s| {
            s + self.expansions[..self.expansion_count]
                .iter()
                .map(|e| e.1)
                .sum::<u64>()
        })
    }

    pub fn purchase_count(&self) -> u64 {
        1 + u64::from(self.renewals) + self.expansion_count as u64
    }

    pub fn row(&self) -> LicenseRow {
        LicenseRow {
            id: i64_from(self.id),
            license_key: license_key(i64_from(self.id)),
            company_id: i64_from(self.company as u64 + 1),
            product_code_id: i64_from(self.product as u64 + 1),
            partner_id: self.partner,
            sales_rep_id: self.rep,
            seats: self.seats().map(|s| i32::try_from(s).unwrap_or(i32::MAX)),
            start_date: self.start,
            end_date: self.end,
            status: self.status.as_str(),
            notes: self.notes,
            created_at: Ts(self.created),
            updated_at: Ts(self.updated),
            company_name: String::new(),
            product_key: String::new(),
            partner_name: String::new(),
            rep_name: String::new(),
        }
    }
}

const STATUS_WEIGHTS: [(LicenseStatus, u32); 5] = [
    (LicenseStatus::Draft, 7),
    (LicenseStatus::Active, 70),
    (LicenseStatus::Suspended, 5),
    (LicenseStatus::Expired, 11),
    (LicenseStatus::Terminated, 7),
];

/// The last four licenses of a load of five or more take these statuses, and license 1 is
/// active (company 1 is always a healthy customer), so every status occurs.
const LAST_STATUSES: [LicenseStatus; 4] = [
    LicenseStatus::Draft,
    LicenseStatus::Suspended,
    LicenseStatus::Expired,
    LicenseStatus::Terminated,
];

impl World {
    /// The status a license is forced into so that small demos show every status.
    fn forced_status(&self, id: u64) -> Option<LicenseStatus> {
        let n = self.size.licenses;
        if n < 5 || id + 4 <= n {
            return None;
        }
        LAST_STATUSES.get(usize_from(id + 3 - n)).copied()
    }

    #[must_use]
    pub fn license(&self, id: u64) -> LicensePlan {
        let mut rng = Rng::for_row(self.size.seed, stream::LICENSE, id);
        let today = self.today;
        let company = self.company_of_license(id, &mut rng);
        let plan_of = self.companies.get(company);
        let profile = plan_of.map(|c| c.profile);
        let unlicensed = profile == Some(super::generate::Profile::Unlicensed);
        let first_of_company = id <= self.companies.len() as u64;
        let drawn = STATUS_WEIGHTS[rng.weighted(&STATUS_WEIGHTS.map(|(_, w)| w))].0;
        // A company with more licenses than its users need keeps fewer of them active.
        let room = rng.below(ACTIVE_PERCENT) < plan_of.map_or(ACTIVE_PERCENT, |c| c.active_percent);
        let mut status = match (first_of_company, unlicensed) {
            (true, true) => LicenseStatus::Expired,
            (true, false) => LicenseStatus::Active,
            (false, _) if drawn == LicenseStatus::Active && !room => LicenseStatus::Expired,
            (false, _) => drawn,
        };
        if unlicensed && status == LicenseStatus::Active {
            status = LicenseStatus::Expired;
        }
        if let Some(forced) = self.forced_status(id) {
            status = forced;
        }
        let product = rng.weighted(&self.product_weights);
        let term_years = match rng.below(100) {
            0..=59 => 1,
            60..=74 => 2,
            _ => 3,
        };
        let (start, renewals) = match status {
            LicenseStatus::Active | LicenseStatus::Suspended => {
                let start = add_days(today, -rng.range(0, 1_460));
                let mut r = 0;
                while r < 50 && add_days(add_years(start, term_years + r), -1) < today {
                    r += 1;
                }
                (start, r)
            }
            LicenseStatus::Expired => {
                let mut r = u32::try_from(rng.below(3)).unwrap_or(0);
                let end = add_days(today, -rng.range(1, 540));
                let oldest = add_days(today, -i64::from(HISTORY_DAYS));
                while r > 0 && add_years_back(add_days(end, 1), term_years + r) < oldest {
                    r -= 1;
                }
                (add_years_back(add_days(end, 1), term_years + r), r)
            }
            LicenseStatus::Terminated => (add_days(today, -rng.range(30, 1_460)), 0),
            LicenseStatus::Draft => (add_days(today, rng.range(1, 60)), 0),
        };
        let end = add_days(add_years(start, term_years + renewals), -1);
        let unlimited = plan_of.is_some_and(|c| c.site);
        let home = plan_of.map_or(0, |c| c.currency);
        let abroad = rng.percent(40);
        let currency = match plan_of.and_then(|c| c.second_currency) {
            Some(second) if abroad && !first_of_company => second,
            _ => home,
        };
        let initial_seats =
            (!unlimited).then(|| self.initial_seats(company, first_of_company, &mut rng));
        let mut plan = LicensePlan {
            id,
            company,
            currency,
            product,
            partner: (self.size.partners > 0 && rng.percent(35))
                .then(|| i64_from(1 + rng.below(self.size.partners.into()))),
            rep: rng
                .percent(92)
                .then(|| self.reps.pick(&mut rng))
                .flatten()
                .map(|r| i64_from(r as u64 + 1)),
            status,
            start,
            end,
            term_years,
            renewals,
            initial_seats,
            expansions: [(start, 0); 2],
            expansion_count: 0,
            notes: "",
            created: at(start, 0),
            updated: at(start, 0),
        };
        self.add_expansions(&mut plan, &mut rng);
        self.set_notes_and_times(&mut plan, &mut rng);
        plan
    }

    fn initial_seats(&self, company: usize, main: bool, rng: &mut Rng) -> u64 {
        let target = self
            .companies
            .get(company)
            .map_or(0, |c| if main { c.main_seats } else { c.extra_seats });
        let seats = if target == 0 {
            u64::try_from(rng.range(5, 50)).unwrap_or(10)
        } else {
            (target * u64::try_from(rng.range(90, 110)).unwrap_or(100)).div_ceil(100)
        };
        // Round the way sales does: to 10 above 100 seats, to 5 above 20.
        match seats {
            0..=20 => seats.max(1),
            21..=100 => (seats + 2) / 5 * 5,
            _ => (seats + 5) / 10 * 10,
        }
    }

    fn add_expansions(&self, plan: &mut LicensePlan, rng: &mut Rng) {
        let Some(seats) = plan.initial_seats else {
            return;
        };
        if plan.status == LicenseStatus::Draft || !rng.percent(30) {
            return;
        }
        let first = add_days(plan.start, 30);
        let last = plan.end.min(add_days(self.today, -1));
        let span = (last - first).num_days();
        if span < 1 {
            return;
        }
        let count = 1 + usize::from(rng.percent(30));
        let mut dates = [first; 2];
        for d in &mut dates[..count] {
            *d = add_days(first, rng.range(0, span));
        }
        dates[..count].sort_unstable();
        for (slot, date) in plan.expansions.iter_mut().zip(&dates[..count]) {
            let added = (seats * u64::try_from(rng.range(5, 25)).unwrap_or(10) / 100).max(1);
            *slot = (*date, added);
        }
        plan.expansion_count = count;
    }

    fn set_notes_and_times(&self, plan: &mut LicensePlan, rng: &mut Rng) {
        let today = self.today;
        let latest = self.latest();
        let (notes, created_day, event_day) = match plan.status {
            LicenseStatus::Active => {
                let notes = if rng.percent(15) {
                    rng.pick(NOTES_ACTIVE).copied()
                } else {
                    None
                };
                let created = add_days(plan.start, -rng.range(3, 30));
                let last_change = plan.expansions[..plan.expansion_count]
                    .last()
                    .map_or(created, |e| e.0);
                (notes, created, last_change)
            }
            LicenseStatus::Suspended => (
                rng.pick(NOTES_SUSPENDED).copied(),
                add_days(plan.start, -rng.range(3, 30)),
                add_days(today, -rng.range(1, 60)),
            ),
            LicenseStatus::Expired => (
                rng.pick(NOTES_EXPIRED).copied(),
                add_days(plan.start, -rng.range(3, 30)),
                add_days(plan.end, 1),
            ),
            LicenseStatus::Terminated => {
                let span = (plan.end.min(today) - plan.start).num_days().max(1);
                (
                    rng.pick(NOTES_TERMINATED).copied(),
                    add_days(plan.start, -rng.range(3, 30)),
                    add_days(plan.start, rng.range(1, span)),
                )
            }
            LicenseStatus::Draft => (
                rng.pick(NOTES_DRAFT).copied(),
                add_days(today, -rng.range(1, 30)),
                today,
            ),
        };
        plan.notes = notes.unwrap_or("");
        plan.created = at(created_day, office_seconds(rng)).min(latest);
        plan.updated = at(event_day, office_seconds(rng))
            .min(latest)
            .max(plan.created);
    }

    /// The purchases of a license, ids from `first_id`, in date order.
    pub fn purchases(&self, plan: &LicensePlan, first_id: u64) -> Vec<PurchaseRow> {
        let mut rng = Rng::for_row(self.size.seed, stream::PURCHASE, plan.id);
        let currency = plan.currency;
        let late = plan
            .rep
            .and_then(|r| usize::try_from(r - 1).ok())
            .and_then(|r| self.reps.late.get(r))
            .map_or(15, |l| 5 + l * 35 / 100);
        let mut items: Vec<PurchaseItem> = Vec::new();
        let term_end = |years: u32| Some(add_days(add_years(plan.start, years), -1));
        let months = u64::from(plan.term_years) * 12;
        let new_date = if plan.status == LicenseStatus::Draft {
            plan.created.date()
        } else {
            add_days(plan.start, -rng.range(0, 20))
        };
        let initial = plan.initial_seats;
        items.push((
            new_date,
            PurchaseKind::New,
            initial.unwrap_or(0),
            initial,
            months,
            term_end(plan.term_years),
        ));
        for k in 1..=plan.renewals {
            let due = add_years(plan.start, plan.term_years + k - 1);
            let seats = initial.map(|s| {
                s + plan.expansions[..plan.expansion_count]
                    .iter()
                    .filter(|e| e.0 < due)
                    .map(|e| e.1)
                    .sum::<u64>()
            });
            // Most renew ahead of the end; late ones within the grace the renewal rate
            // allows (`report::performance::GRACE_DAYS`, 30 days) or after it lapsed.
            let date = if !rng.percent(late) {
                add_days(due, -rng.range(1, 45))
            } else if rng.percent(65) {
                add_days(due, rng.range(0, 29))
            } else {
                add_days(due, rng.range(30, 120))
            };
            items.push((
                date,
                PurchaseKind::Renewal,
                0,
                seats,
                12,
                term_end(plan.term_years + k),
            ));
        }
        for &(date, added) in &plan.expansions[..plan.expansion_count] {
            // Priced for the months left in the current term, at least one.
            let term_end = plan.end;
            let left = u64::try_from((term_end - date).num_days() / 30)
                .unwrap_or(1)
                .clamp(1, 12);
            items.push((
                date,
                PurchaseKind::Expansion,
                added,
                Some(added),
                left,
                None,
            ));
        }
        items.sort_by_key(|i| i.0);
        let latest = self.latest();
        let yesterday = add_days(self.today, -1);
        items
            .into_iter()
            .zip(first_id..)
            .map(|((date, kind, added, priced, months, term_end), id)| {
                let date = date.min(yesterday);
                let revenue = self.price(plan, currency, priced, months, kind);
                let cost_percent = if plan.partner.is_some() {
                    rng.range(18, 30)
                } else {
                    rng.range(4, 10)
                };
                PurchaseRow {
                    id: i64_from(id),
                    license_id: i64_from(plan.id),
                    kind: kind.as_str(),
                    purchase_date: date,
                    seats_added: i32::try_from(added).unwrap_or(i32::MAX),
                    cost_minor: revenue.saturating_mul(cost_percent) / 100,
                    revenue_minor: revenue,
                    currency: RATES.get(currency).map_or("EUR", |r| r.code),
                    order_number: format!("SO-{}-{id:07}", date.year()),
                    sales_rep_id: plan.rep,
                    partner_id: plan.partner,
                    created_at: Ts(at(date, office_seconds(&mut rng)).min(latest)),
                    term_end,
                }
            })
            .collect()
    }

    /// List price in minor units of the license's currency, rounded to whole units
    /// (to 100 for currencies without decimals, such as JPY).
    fn price(
        &self,
        plan: &LicensePlan,
        currency: usize,
        seats: Option<u64>,
        months: u64,
        kind: PurchaseKind,
    ) -> i64 {
        let per_seat_year = u128::from(self.product_prices.get(plan.product).copied().unwrap_or(0));
        // A site license is priced like 250 seats.
        let (seats, mut discount) = match seats {
            None => (250, 20),
            Some(s) if s >= 500 => (s, 25),
            Some(s) if s >= 100 => (s, 15),
            Some(s) if s >= 25 => (s, 5),
            Some(s) => (s, 0),
        };
        if kind == PurchaseKind::Renewal {
            discount += 3;
        }
        let eur_cents =
            per_seat_year * u128::from(seats) * u128::from(months) / 12 * (100 - discount) / 100;
        let rate = u128::from(RATES.get(currency).map_or(1_000, |r| r.per_1000_eur));
        let exp = self.currency_exp.get(currency).copied().unwrap_or(2);
        let scale = 10_u128.pow(exp);
        let minor = eur_cents * rate * scale / 100_000;
        let unit = if exp == 0 { 100 } else { scale };
        let rounded = ((minor + unit / 2) / unit).max(1) * unit;
        i64::try_from(rounded).unwrap_or(i64::MAX)
    }

    /// Which deployments a license gets, oldest first: a draft one planned one; others
    /// an initial rollout (sometimes after a failed or cancelled attempt), and some
    /// active ones an upgrade. A few licenses are fixed so that every status occurs.
    /// `fail` is the engineer's failure rate in percent.
    fn deployment_plan(
        &self,
        plan: &LicensePlan,
        fail: u64,
        rng: &mut Rng,
    ) -> Vec<DeploymentStatus> {
        use DeploymentStatus as D;
        let forced: Option<&[D]> = match plan.id {
            1 if self.size.licenses >= 5 => Some(&[D::Completed, D::InProgress]),
            id if self.forced_status(id) == Some(LicenseStatus::Suspended) => {
                Some(&[D::Failed, D::Completed])
            }
            id if self.forced_status(id) == Some(LicenseStatus::Terminated) => {
                Some(&[D::Completed, D::Cancelled])
            }
            _ => None,
        };
        let mut statuses: Vec<D> = Vec::with_capacity(3);
        if let Some(f) = forced {
            statuses.extend_from_slice(f);
        } else if plan.status == LicenseStatus::Draft {
            statuses.push(D::Planned);
        } else {
            let draw = rng.below(100);
            if draw < fail {
                statuses.extend_from_slice(&[D::Failed, D::Completed]);
            } else if draw < fail + 3 {
                statuses.extend_from_slice(&[D::Cancelled, D::Completed]);
            } else {
                statuses.push(D::Completed);
            }
            if plan.status == LicenseStatus::Active && rng.percent(10) {
                statuses.push(match rng.below(100) {
                    0..=59 => D::Planned,
                    60..=84 => D::InProgress,
                    _ => D::Cancelled,
                });
            }
        }
        statuses
    }

    /// The deployments of a license, ids from `first_id`, oldest first.
    pub fn deployments(&self, plan: &LicensePlan, first_id: u64) -> Vec<DeploymentRow> {
        use DeploymentStatus as D;
        let mut rng = Rng::for_row(self.size.seed, stream::DEPLOYMENT, plan.id);
        let today = self.today;
        // One engineer looks after a license; how well and how fast is theirs.
        let engineer = self.engineers.pick(&mut rng);
        let (fail, slow) = engineer.map_or((5, 30), |e| {
            let trait_of = |v: &[u64]| v.get(e).copied().unwrap_or(30);
            (
                2 + trait_of(&self.engineers.late) * 23 / 100,
                trait_of(&self.engineers.slow),
            )
        });
        let statuses = self.deployment_plan(plan, fail, &mut rng);
        let latest = self.latest();
        let yesterday = add_days(today, -1);
        let mut next = add_days(plan.start, -rng.range(0, 10));
        let mut rows = Vec::with_capacity(statuses.len());
        for (k, (mut status, id)) in statuses.into_iter().zip(first_id..).enumerate() {
            let upgrade = k > 0 && !matches!(status, D::Completed);
            let mut scheduled = if upgrade {
                add_days(today, -rng.range(10, 200)).max(plan.start)
            } else {
                next
            };
            let (mut started, mut completed) = (None, None);
            match status {
                // Some planned work is overdue: its day passed and it has not started.
                D::Planned if plan.status != LicenseStatus::Draft && rng.percent(30) => {
                    scheduled = add_days(today, -rng.range(1, 20));
                }
                D::Planned => scheduled = scheduled.max(add_days(today, rng.range(3, 45))),
                D::InProgress => {
                    scheduled = add_days(today, -rng.range(1, 14)).max(plan.start);
                    started = Some(scheduled);
                }
                D::Completed | D::Failed => {
                    // Lead times: a slow engineer starts up to 5 days late and takes up
                    // to 11 days.
                    let s = add_days(scheduled, rng.range(0, 1 + i64_from(slow / 25)));
                    let c = add_days(s, rng.range(0, 1 + i64_from(slow / 10)));
                    if status == D::Completed && c > yesterday {
                        // Not finished yet: still in progress, or not started.
                        status = if s <= yesterday {
                            D::InProgress
                        } else {
                            D::Planned
                        };
                        started = (s <= yesterday).then_some(s);
                        if status == D::Planned {
                            scheduled = scheduled.max(today);
                        }
                    } else {
                        // A failed one ends the day it failed.
                        started = Some(s.min(yesterday));
                        completed = Some(c.min(yesterday));
                    }
                }
                // Called off a few days ahead, or yesterday at the latest.
                D::Cancelled => {
                    completed = Some(add_days(scheduled, -rng.range(0, 4)).min(yesterday));
                }
            }
            if let Some(s) = started {
                scheduled = scheduled.min(s);
            }
            next = add_days(
                started.unwrap_or(scheduled).min(yesterday),
                rng.range(7, 21),
            );
            let notes = match status {
                D::Planned => DEPLOY_NOTES_PLANNED,
                D::InProgress => DEPLOY_NOTES_IN_PROGRESS,
                D::Completed => DEPLOY_NOTES_COMPLETED,
                D::Failed => DEPLOY_NOTES_FAILED,
                D::Cancelled => DEPLOY_NOTES_CANCELLED,
            };
            // Booked 5-30 days ahead, and never after yesterday.
            let booked = add_days(scheduled, -rng.range(5, 30)).min(add_days(today, -1));
            let created = at(booked, office_seconds(&mut rng)).min(latest);
            let touched = completed.or(started).unwrap_or(scheduled);
            let environments = ENVIRONMENTS.map(|(_, w)| w);
            rows.push(DeploymentRow {
                id: i64_from(id),
                license_id: i64_from(plan.id),
                engineer_id: engineer
                    .filter(|_| status != D::Planned || rng.percent(70))
                    .map(|e| i64_from(e as u64 + 1)),
                status: status.as_str(),
                scheduled_date: Some(scheduled),
                started_date: started,
                completed_date: completed,
                environment: ENVIRONMENTS[rng.weighted(&environments)].0,
                notes: rng.pick(notes).copied().unwrap_or(""),
                created_at: Ts(created),
                updated_at: Ts(at(touched, office_seconds(&mut rng))
                    .min(latest)
                    .max(created)),
            });
        }
        rows
    }
}

/// `date` minus whole years.
fn add_years_back(date: NaiveDate, years: u32) -> NaiveDate {
    date.checked_sub_months(chrono::Months::new(years.saturating_mul(12)))
        .unwrap_or(date)
}

/// The rows of one table, in id order, computed as they are pulled.
pub struct LicenseRows<'w> {
    world: &'w World,
    next: u64,
    /// Purchases and deployments the licenses pulled so far will have.
    pub purchases: u64,
    pub deployments: u64,
    /// The product codes, partner and rep names by id - 1: the rows' sort keys.
    products: Vec<String>,
    partners: Vec<String>,
    reps: Vec<String>,
}

impl<'w> LicenseRows<'w> {
    pub fn new(world: &'w World) -> Self {
        let size = &world.size;
        Self {
            world,
            next: 1,
            purchases: 0,
            deployments: 0,
            products: (0..u64::from(size.product_codes))
                .map(|i| world.product_row(i).code)
                .collect(),
            partners: (0..u64::from(size.partners))
                .map(|i| world.partner_row(i).name)
                .collect(),
            reps: (0..u64::from(size.sales_reps))
                .map(|i| world.person_row(i, false).name)
                .collect(),
        }
    }
}

/// The name of reference `id` (1-based) in `names`; '' for none.
fn key_of(names: &[String], id: Option<i64>) -> String {
    id.and_then(|id| usize::try_from(id - 1).ok())
        .and_then(|i| names.get(i))
        .cloned()
        .unwrap_or_default()
}

impl Iterator for LicenseRows<'_> {
    type Item = LicenseRow;

    fn next(&mut self) -> Option<LicenseRow> {
        if self.next > self.world.size.licenses {
            return None;
        }
        let plan = self.world.license(self.next);
        self.next += 1;
        self.purchases += plan.purchase_count();
        self.deployments += self.world.deployments(&plan, 0).len() as u64;
        let mut row = plan.row();
        if let Some(company) = self.world.companies.get(plan.company) {
            row.company_name.clone_from(&company.name);
        }
        row.product_key = key_of(&self.products, Some(row.product_code_id));
        row.partner_name = key_of(&self.partners, row.partner_id);
        row.rep_name = key_of(&self.reps, row.sales_rep_id);
        Some(row)
    }
}

/// Purchases or deployments of all licenses, in id order.
pub struct PerLicenseRows<'w, R> {
    world: &'w World,
    next_license: u64,
    next_id: u64,
    make: fn(&World, &LicensePlan, u64) -> Vec<R>,
    pending: std::vec::IntoIter<R>,
}

impl<'w> PerLicenseRows<'w, PurchaseRow> {
    pub fn purchases(world: &'w World) -> Self {
        Self::new(world, World::purchases)
    }
}

impl<'w> PerLicenseRows<'w, DeploymentRow> {
    pub fn deployments(world: &'w World) -> Self {
        Self::new(world, World::deployments)
    }
}

impl<'w, R> PerLicenseRows<'w, R> {
    fn new(world: &'w World, make: fn(&World, &LicensePlan, u64) -> Vec<R>) -> Self {
        Self {
            world,
            next_license: 1,
            next_id: 1,
            make,
            pending: Vec::new().into_iter(),
        }
    }
}

impl<R> Iterator for PerLicenseRows<'_, R> {
    type Item = R;

    fn next(&mut self) -> Option<R> {
        loop {
            if let Some(row) = self.pending.next() {
                return Some(row);
            }
            if self.next_license > self.world.size.licenses {
                return None;
            }
            let plan = self.world.license(self.next_license);
            self.next_license += 1;
            let rows = (self.make)(self.world, &plan, self.next_id);
            self.next_id += rows.len() as u64;
            self.pending = rows.into_iter();
        }
    }
}

#[cfg(test)]
mod tests {
    use std::collections::HashSet;

    use super::*;
    use crate::demo::DemoSize;

    fn world(licenses: u64) -> World {
        let size = DemoSize {
            companies: 300,
            licenses,
            portal_users: 20_000,
            ..DemoSize::default()
        };
        World::new(
            &size,
            NaiveDate::from_ymd_opt(2026, 3, 15).unwrap_or_default(),
        )
    }

    #[test]
    fn licenses_purchases_and_deployments_keep_their_rules() {
        let w = world(20_000);
        let today = w.today;
        let mut unlimited = 0;
        let mut site = std::collections::HashMap::new();
        let mut keys = HashSet::new();
        let mut next_purchase = 1;
        for id in 1..=w.size.licenses {
            let plan = w.license(id);
            let row = plan.row();
            assert!(keys.insert(row.license_key.clone()));
            assert!(row.start_date <= row.end_date, "{row:?}");
            assert!(row.created_at <= row.updated_at, "{row:?}");
            match plan.status {
                LicenseStatus::Active | LicenseStatus::Suspended => {
                    assert!(row.start_date <= today && today <= row.end_date, "{row:?}");
                }
                LicenseStatus::Expired => assert!(row.end_date < today, "{row:?}"),
                LicenseStatus::Draft => assert!(row.start_date > today, "{row:?}"),
                LicenseStatus::Terminated => {}
            }
            unlimited += usize::from(row.seats.is_none());
            // Site licenses are a company's choice: all of its licenses or none.
            assert_eq!(
                *site.entry(plan.company).or_insert(row.seats.is_none()),
                row.seats.is_none(),
                "{row:?}"
            );
            let purchases = w.purchases(&plan, next_purchase);
            assert_eq!(purchases.len() as u64, plan.purchase_count());
            next_purchase += plan.purchase_count();
            assert_eq!(purchases.iter().filter(|p| p.kind == "new").count(), 1);
            let seats_bought: i64 = purchases.iter().map(|p| i64::from(p.seats_added)).sum();
            assert_eq!(seats_bought, row.seats.map_or(0, i64::from), "{row:?}");
            for p in &purchases {
                assert!(p.purchase_date < today && p.revenue_minor > 0, "{p:?}");
                assert!(p.cost_minor >= 0 && p.cost_minor < p.revenue_minor, "{p:?}");
                // Whole units: 100 minor units of the two-decimal currencies; JPY (no
                // decimals) is rounded to 100 yen.
                assert_eq!(p.revenue_minor % 100, 0, "{p:?}");
            }
            for d in w.deployments(&plan, 1) {
                if let (Some(s), Some(st)) = (d.scheduled_date, d.started_date) {
                    assert!(s <= st, "{d:?}");
                }
                if let (Some(st), Some(c)) = (d.started_date, d.completed_date) {
                    assert!(st <= c && c < today, "{d:?}");
                }
                assert!(d.created_at <= d.updated_at, "{d:?}");
            }
        }
        // A few percent of the companies are on site licenses.
        let sites = site.values().filter(|&&s| s).count();
        assert!(
            (3..=24).contains(&sites) && unlimited > 0,
            "{sites} {unlimited}"
        );
    }

    #[test]
    fn the_same_seed_gives_the_same_rows() {
        let (a, b) = (world(500), world(500));
        for id in [1, 2, 250, 499, 500] {
            assert_eq!(a.license(id).row(), b.license(id).row());
            assert_eq!(
                a.purchases(&a.license(id), 1),
                b.purchases(&b.license(id), 1)
            );
        }
    }
}
