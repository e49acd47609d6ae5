//! Reporting periods for the performance reports: a calendar month, quarter or year, or a
//! custom range of days. Every period is a half-open range of dates `[from, to)`, so a
//! query reads `date >= from AND date < to` and the end of February needs no special case.
//! Pure calendar arithmetic: stepping (`[`/`]` in the TUI), the previous period of the same
//! length (what each figure is compared with), the months of a sparkline.

use std::fmt;
use std::str::FromStr;

use chrono::{Datelike, Days, Months, NaiveDate};

use super::DomainError;

/// The longest custom range: ten years of days, so a typo such as 20260 is refused.
pub const MAX_CUSTOM_DAYS: i64 = 3660;

/// What kind of period it is, which decides how it steps.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum PeriodKind {
    Month,
    Quarter,
    Year,
    /// Any number of whole days; steps by its own length.
    Custom,
}

/// A reporting period: the dates `from` (inclusive) to `to` (exclusive).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct Period {
    kind: PeriodKind,
    from: NaiveDate,
    to: NaiveDate,
}

fn invalid(msg: String) -> DomainError {
    DomainError::Invalid(msg)
}

fn out_of_range() -> DomainError {
    invalid("the period is outside the supported dates (years 1 to 9998)".to_owned())
}

/// The first day of `year`-`month`, for years lms can step around (1..=9998).
fn first_of(year: i32, month: u32) -> Result<NaiveDate, DomainError> {
    if !(1..=9998).contains(&year) {
        return Err(out_of_range());
    }
    NaiveDate::from_ymd_opt(year, month, 1).ok_or_else(out_of_range)
}

impl Period {
    /// The calendar month `month` (1-12) of `year`.
    ///
    /// # Errors
    /// A month outside 1-12 or a year outside 1-9998.
    pub fn month(year: i32, month: u32) -> Result<Period, DomainError> {
        if !(1..=12).contains(&month) {
            return Err(invalid(format!("month {month} is not 1 to 12")));
        }
        let from = first_of(year, month)?;
        Period::calendar(PeriodKind::Month, from, 1)
    }

    /// Quarter `quarter` (1-4) of `year`: Q1 is January to March.
    ///
    /// # Errors
    /// A quarter outside 1-4 or a year outside 1-9998.
    pub fn quarter(year: i32, quarter: u32) -> Result<Period, DomainError> {
        if !(1..=4).contains(&quarter) {
            return Err(invalid(format!("quarter {quarter} is not 1 to 4")));
        }
        let from = first_of(year, (quarter - 1) * 3 + 1)?;
        Period::calendar(PeriodKind::Quarter, from, 3)
    }

    /// The calendar year.
    ///
    /// # Errors
    /// A year outside 1-9998.
    pub fn year(year: i32) -> Result<Period, DomainError> {
        let from = first_of(year, 1)?;
        Period::calendar(PeriodKind::Year, from, 12)
    }

    /// The days `first` to `last`, both included.
    ///
    /// # Errors
    /// `last` before `first`, a range longer than [`MAX_CUSTOM_DAYS`], dates out of range.
    pub fn custom(first: NaiveDate, last: NaiveDate) -> Result<Period, DomainError> {
        if last < first {
            return Err(invalid(format!(
                "the period ends ({last}) before it starts ({first})"
            )));
        }
        let days = (last - first).num_days() + 1;
        if days > MAX_CUSTOM_DAYS {
            return Err(invalid(format!(
                "a custom period is at most {MAX_CUSTOM_DAYS} days, not {days}"
            )));
        }
        first_of(first.year(), 1)?;
        first_of(last.year(), 1)?;
        let to = last.succ_opt().ok_or_else(out_of_range)?;
        Ok(Period {
            kind: PeriodKind::Custom,
            from: first,
            to,
        })
    }

    fn calendar(kind: PeriodKind, from: NaiveDate, months: u32) -> Result<Period, DomainError> {
        let to = from
            .checked_add_months(Months::new(months))
            .ok_or_else(out_of_range)?;
        Ok(Period { kind, from, to })
    }

    /// The period of `kind` holding `day` (a custom kind gives that one day).
    ///
    /// # Errors
    /// A date outside the supported years.
    pub fn containing(kind: PeriodKind, day: NaiveDate) -> Result<Period, DomainError> {
        match kind {
            PeriodKind::Month => Period::month(day.year(), day.month()),
            PeriodKind::Quarter => Period::quarter(day.year(), day.month0() / 3 + 1),
            PeriodKind::Year => Period::year(day.year()),
            PeriodKind::Custom => Period::custom(day, day),
        }
    }

    #[must_use]
    pub fn kind(self) -> PeriodKind {
        self.kind
    }

    /// The first day.
    #[must_use]
    pub fn from(self) -> NaiveDate {
        self.from
    }

    /// The day after the last day (exclusive).
    #[must_use]
    pub fn to(self) -> NaiveDate {
        self.to
    }

    /// The last day (inclusive).
    #[must_use]
    pub fn last_day(self) -> NaiveDate {
        // `to` is always after `from`, so it has a predecessor.
        self.to.pred_opt().unwrap_or(self.from)
    }

    /// How many days it has.
    #[must_use]
    pub fn days(self) -> i64 {
        (self.to - self.from).num_days()
    }

    /// The next period of the same kind (`]`); a custom range moves by its own length.
    ///
    /// # Errors
    /// Past the supported dates.
    pub fn next(self) -> Result<Period, DomainError> {
        match self.kind {
            PeriodKind::Custom => {
                let last = self
                    .to
                    .checked_add_days(Days::new(self.day_count() - 1))
                    .ok_or_else(out_of_range)?;
                Period::custom(self.to, last)
            }
            kind => Period::containing(kind, self.to),
        }
    }

    /// The previous period of the same kind (`[`), which is also what each figure is
    /// compared with: the month, quarter or year before, or the same number of days
    /// ending the day before a custom range starts.
    ///
    /// # Errors
    /// Before the supported dates.
    pub fn prev(self) -> Result<Period, DomainError> {
        let before = self.from.pred_opt().ok_or_else(out_of_range)?;
        match self.kind {
            PeriodKind::Custom => {
                let first = self
                    .from
                    .checked_sub_days(Days::new(self.day_count()))
                    .ok_or_else(out_of_range)?;
                Period::custom(first, before)
            }
            kind => Period::containing(kind, before),
        }
    }

    fn day_count(self) -> u64 {
        u64::try_from(self.days()).unwrap_or(1)
    }

    /// The first days of the `n` calendar months ending with the month of the last day,
    /// oldest first: the columns of a monthly sparkline.
    #[must_use]
    pub fn months_back(self, n: u32) -> Vec<NaiveDate> {
        let last = self.last_day();
        let Some(newest) = last.with_day(1) else {
            return Vec::new();
        };
        (0..n)
            .rev()
            .filter_map(|k| newest.checked_sub_months(Months::new(k)))
            .collect()
    }
}

impl Default for Period {
    /// January 1970, for a state that must hold some period (a today lms cannot step
    /// around).
    fn default() -> Self {
        let from = NaiveDate::default();
        Period {
            kind: PeriodKind::Month,
            from,
            to: from + Days::new(31),
        }
    }
}

impl fmt::Display for Period {
    /// As it is typed: `2026-07`, `2026-Q3`, `2026`, `2026-07-01..2026-08-15`.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let (y, m) = (self.from.year(), self.from.month());
        match self.kind {
            PeriodKind::Month => write!(f, "{y:04}-{m:02}"),
            PeriodKind::Quarter => write!(f, "{y:04}-Q{}", (m - 1) / 3 + 1),
            PeriodKind::Year => write!(f, "{y:04}"),
            PeriodKind::Custom => write!(f, "{}..{}", self.from, self.last_day()),
        }
    }
}

const EXPECTED: &str = "expected a period as YYYY (a year), YYYY-QN (a quarter), YYYY-MM (a month) \
     or YYYY-MM-DD..YYYY-MM-DD (days, both included)";

fn number<T: FromStr>(s: &str) -> Option<T> {
    if s.is_empty() || !s.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    s.parse().ok()
}

fn parse_date(s: &str) -> Option<NaiveDate> {
    NaiveDate::parse_from_str(s.trim(), "%Y-%m-%d").ok()
}

impl FromStr for Period {
    type Err = DomainError;

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        let t = s.trim();
        let bad = || invalid(format!("{EXPECTED}, not {s:?}"));
        if let Some((a, b)) = t.split_once("..") {
            let (first, last) = (
                parse_date(a).ok_or_else(bad)?,
                parse_date(b).ok_or_else(bad)?,
            );
            return Period::custom(first, last);
        }
        let (year, rest) = t.split_once('-').map_or((t, None), |(y, r)| (y, Some(r)));
        if year.len() != 4 {
            return Err(bad());
        }
        let year: i32 = number(year).ok_or_else(bad)?;
        match rest {
            None => Period::year(year),
            Some(r) if r.starts_with(['Q', 'q']) && r.len() == 2 => {
                Period::quarter(year, number(&r[1..]).ok_or_else(bad)?)
            }
            Some(r) if r.len() == 2 => Period::month(year, number(r).ok_or_else(bad)?),
            Some(_) => Err(bad()),
        }
    }
}

#[cfg(test)]
#[path = "period_tests.rs"]
mod tests;
