//! Dates and times of the demo's rows: office hours, day and year steps that never
//! overflow, and a moment after another.

use chrono::{Days, Months, NaiveDate, NaiveDateTime, NaiveTime};

use super::rng::Rng;

/// A time of day in office hours (08:00-18:00), in seconds.
pub fn office_seconds(rng: &mut Rng) -> u32 {
    u32::try_from(rng.range(8 * 3600, 18 * 3600)).unwrap_or(9 * 3600)
}

/// `date` at `seconds` past midnight.
pub fn at(date: NaiveDate, seconds: u32) -> NaiveDateTime {
    let time = NaiveTime::from_num_seconds_from_midnight_opt(seconds.min(86_399), 0)
        .unwrap_or(NaiveTime::MIN);
    date.and_time(time)
}

/// `date` moved by `days` (either way); unchanged in the impossible case of overflow.
pub fn add_days(date: NaiveDate, days: i64) -> NaiveDate {
    let moved = if days >= 0 {
        date.checked_add_days(Days::new(days.unsigned_abs()))
    } else {
        date.checked_sub_days(Days::new(days.unsigned_abs()))
    };
    moved.unwrap_or(date)
}

/// `date` plus whole years (29 February becomes 28 February).
pub fn add_years(date: NaiveDate, years: u32) -> NaiveDate {
    date.checked_add_months(Months::new(years.saturating_mul(12)))
        .unwrap_or(date)
}

/// A moment up to `max_days` after `from`, never after `latest` nor before `from`.
pub fn later(
    from: NaiveDateTime,
    rng: &mut Rng,
    max_days: i64,
    latest: NaiveDateTime,
) -> NaiveDateTime {
    let t = at(
        add_days(from.date(), rng.range(0, max_days)),
        office_seconds(rng),
    );
    t.min(latest).max(from)
}
