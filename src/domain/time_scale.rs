//! The license timeline's time axis: zoom levels whose columns fall on real calendar
//! boundaries (a day, a Monday-to-Sunday week, a month, a quarter, a year), the mapping of
//! dates to columns, and how much of a column a date range covers (for half-block ends).
//! Pure calendar arithmetic, no drawing.

use std::fmt;
use std::str::FromStr;

use chrono::{Datelike, Days, NaiveDate};

use super::DomainError;

/// How much time one column of the chart shows.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Default)]
pub enum Zoom {
    Day,
    Week,
    #[default]
    Month,
    Quarter,
    Year,
}

impl Zoom {
    pub const ALL: [Zoom; 5] = [
        Zoom::Day,
        Zoom::Week,
        Zoom::Month,
        Zoom::Quarter,
        Zoom::Year,
    ];

    #[must_use]
    pub fn as_str(self) -> &'static str {
        match self {
            Zoom::Day => "day",
            Zoom::Week => "week",
            Zoom::Month => "month",
            Zoom::Quarter => "quarter",
            Zoom::Year => "year",
        }
    }

    /// One level closer (`+`); the day is the closest.
    #[must_use]
    pub fn zoom_in(self) -> Zoom {
        match self {
            Zoom::Day | Zoom::Week => Zoom::Day,
            Zoom::Month => Zoom::Week,
            Zoom::Quarter => Zoom::Month,
            Zoom::Year => Zoom::Quarter,
        }
    }

    /// One level farther (`-`); the year is the farthest.
    #[must_use]
    pub fn zoom_out(self) -> Zoom {
        match self {
            Zoom::Day => Zoom::Week,
            Zoom::Week => Zoom::Month,
            Zoom::Month => Zoom::Quarter,
            Zoom::Quarter | Zoom::Year => Zoom::Year,
        }
    }

    /// The number of the column (unit) holding `date`, counted from a fixed origin, so
    /// that consecutive units have consecutive numbers at every zoom.
    #[must_use]
    pub fn unit(self, date: NaiveDate) -> i64 {
        let year = i64::from(date.year());
        let month0 = i64::from(date.month0());
        match self {
            Zoom::Day => i64::from(date.num_days_from_ce()),
            // 0001-01-01 (day 1 of the common era) was a Monday: weeks run Monday-Sunday.
            Zoom::Week => (i64::from(date.num_days_from_ce()) - 1).div_euclid(7),
            Zoom::Month => year * 12 + month0,
            Zoom::Quarter => year * 4 + month0 / 3,
            Zoom::Year => year,
        }
    }

    /// The first day of unit `n` (the inverse of [`Zoom::unit`]); `None` beyond the
    /// calendar's range.
    #[must_use]
    pub fn unit_start(self, n: i64) -> Option<NaiveDate> {
        let ymd = |year: i64, month0: i64| {
            NaiveDate::from_ymd_opt(
                i32::try_from(year).ok()?,
                u32::try_from(month0 + 1).ok()?,
                1,
            )
        };
        match self {
            Zoom::Day => NaiveDate::from_num_days_from_ce_opt(i32::try_from(n).ok()?),
            Zoom::Week => {
                NaiveDate::from_num_days_from_ce_opt(i32::try_from(n.checked_mul(7)? + 1).ok()?)
            }
            Zoom::Month => ymd(n.div_euclid(12), n.rem_euclid(12)),
            Zoom::Quarter => ymd(n.div_euclid(4), n.rem_euclid(4) * 3),
            Zoom::Year => ymd(n, 0),
        }
    }

    /// Days in unit `n`; 1 when it cannot be known (outside the calendar).
    #[must_use]
    pub fn unit_days(self, n: i64) -> i64 {
        match (self.unit_start(n), self.unit_start(n + 1)) {
            (Some(a), Some(b)) => (b - a).num_days(),
            _ => 1,
        }
    }
}

impl fmt::Display for Zoom {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

impl FromStr for Zoom {
    type Err = DomainError;

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        let t = s.trim().to_ascii_lowercase();
        Zoom::ALL
            .into_iter()
            .find(|z| z.as_str() == t)
            .ok_or_else(|| {
                DomainError::Invalid(format!(
                    "unknown zoom {s:?}: expected day, week, month, quarter or year"
                ))
            })
    }
}

/// Which halves of a column a date range covers.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Cover {
    None,
    /// The left half only: the range ends in the column's first half.
    Left,
    /// The right half only: the range starts in the column's second half.
    Right,
    Full,
}

/// The chart's columns: `width` units of `zoom` from unit `first`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Scale {
    pub zoom: Zoom,
    /// The unit number of the leftmost column.
    pub first: i64,
    pub width: u16,
}

impl Scale {
    /// `width` columns of `zoom` with `date` in the column `at` (clamped to the width).
    #[must_use]
    pub fn around(zoom: Zoom, date: NaiveDate, width: u16, at: u16) -> Scale {
        let at = at.min(width.saturating_sub(1));
        Scale {
            zoom,
            first: zoom.unit(date) - i64::from(at),
            width,
        }
    }

    /// `width` columns of `zoom` with `date` in the middle one.
    #[must_use]
    pub fn centred(zoom: Zoom, date: NaiveDate, width: u16) -> Scale {
        Scale::around(zoom, date, width, width / 2)
    }

    /// The column of `date`; negative left of the view, `>= width` right of it.
    #[must_use]
    pub fn column(&self, date: NaiveDate) -> i64 {
        self.zoom.unit(date) - self.first
    }

    /// The column of `date` when it is in view.
    #[must_use]
    pub fn visible_column(&self, date: NaiveDate) -> Option<u16> {
        u16::try_from(self.column(date))
            .ok()
            .filter(|c| *c < self.width)
    }

    /// The first day of column `column`.
    #[must_use]
    pub fn column_start(&self, column: i64) -> Option<NaiveDate> {
        self.zoom.unit_start(self.first.checked_add(column)?)
    }

    /// The first and last day in view.
    #[must_use]
    pub fn dates(&self) -> (NaiveDate, NaiveDate) {
        let from = self.column_start(0).unwrap_or(NaiveDate::MIN);
        let to = self
            .column_start(i64::from(self.width))
            .and_then(|d| d.checked_sub_days(Days::new(1)))
            .unwrap_or(NaiveDate::MAX);
        (from, to)
    }

    /// The same view moved by `columns` (right when positive).
    #[must_use]
    pub fn shifted(self, columns: i64) -> Scale {
        Scale {
            first: self.first.saturating_add(columns),
            ..self
        }
    }

    /// The view at `zoom`, keeping the date at column `anchor` in that column.
    #[must_use]
    pub fn zoomed(self, zoom: Zoom, anchor: u16) -> Scale {
        let date = self
            .column_start(i64::from(anchor))
            .unwrap_or_else(|| self.dates().0);
        Scale::around(zoom, date, self.width, anchor)
    }

    /// Which halves of column `column` the days `from..=to` cover. A column of one day
    /// has no halves: covered is full.
    #[must_use]
    pub fn cover(&self, column: i64, from: NaiveDate, to: NaiveDate) -> Cover {
        let (Some(start), Some(next)) = (
            self.column_start(column),
            self.column_start(column.saturating_add(1)),
        ) else {
            return Cover::None;
        };
        let last = next.pred_opt().unwrap_or(next);
        if to < start || from > last || from > to {
            return Cover::None;
        }
        let days = (next - start).num_days();
        if days <= 1 {
            return Cover::Full;
        }
        // The second half starts here (a 7-day week: its 5th day; a 31-day month: the 17th).
        let mid = start
            .checked_add_days(Days::new(u64::try_from((days + 1) / 2).unwrap_or(0)))
            .unwrap_or(next);
        let left = from < mid;
        let right = to >= mid;
        match (left, right) {
            (true, true) => Cover::Full,
            (true, false) => Cover::Left,
            (false, true) => Cover::Right,
            (false, false) => Cover::None,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(s: &str) -> NaiveDate {
        s.parse().unwrap()
    }

    #[test]
    fn units_fall_on_calendar_boundaries_at_every_zoom() {
        for zoom in Zoom::ALL {
            let mut date = d("2023-12-20");
            let end = d("2025-03-10");
            while date <= end {
                let n = zoom.unit(date);
                let start = zoom.unit_start(n).unwrap();
                assert!(start <= date, "{zoom} {date}");
                assert_eq!(zoom.unit(start), n, "{zoom} {date}");
                assert_eq!(zoom.unit(zoom.unit_start(n + 1).unwrap()), n + 1);
                assert!(zoom.unit_start(n + 1).unwrap() > date, "{zoom} {date}");
                date = date.succ_opt().unwrap();
            }
        }
        assert_eq!(
            Zoom::Week.unit_start(Zoom::Week.unit(d("2026-11-30"))),
            Some(d("2026-11-30"))
        );
        assert_eq!(
            Zoom::Week.unit_start(Zoom::Week.unit(d("2026-12-06"))),
            Some(d("2026-11-30"))
        );
        assert_eq!(
            Zoom::Quarter.unit_start(Zoom::Quarter.unit(d("2026-08-15"))),
            Some(d("2026-07-01"))
        );
        assert_eq!(
            Zoom::Year.unit_start(Zoom::Year.unit(d("2026-08-15"))),
            Some(d("2026-01-01"))
        );
    }

    #[test]
    fn unit_lengths_know_leap_years_and_month_ends() {
        let days = |zoom: Zoom, s: &str| zoom.unit_days(zoom.unit(d(s)));
        assert_eq!(days(Zoom::Month, "2024-02-10"), 29);
        assert_eq!(days(Zoom::Month, "2023-02-10"), 28);
        assert_eq!(
            days(Zoom::Month, "2100-02-10"),
            28,
            "2100 is not a leap year"
        );
        assert_eq!(days(Zoom::Month, "2000-02-10"), 29, "2000 is");
        assert_eq!(days(Zoom::Month, "2026-01-31"), 31);
        assert_eq!(days(Zoom::Month, "2026-04-30"), 30);
        assert_eq!(days(Zoom::Quarter, "2024-01-01"), 91);
        assert_eq!(days(Zoom::Year, "2024-06-01"), 366);
        assert_eq!(days(Zoom::Year, "2025-06-01"), 365);
        assert_eq!(days(Zoom::Week, "2026-12-31"), 7);
        assert_eq!(days(Zoom::Day, "2024-02-29"), 1);
    }

    #[test]
    fn dates_map_to_columns_across_year_ends() {
        let s = Scale::around(Zoom::Month, d("2026-11-30"), 10, 0);
        assert_eq!(s.column(d("2026-11-01")), 0);
        assert_eq!(s.column(d("2026-12-31")), 1);
        assert_eq!(s.column(d("2027-01-01")), 2);
        assert_eq!(s.column(d("2026-10-31")), -1);
        assert_eq!(s.visible_column(d("2027-08-31")), Some(9));
        assert_eq!(s.visible_column(d("2027-09-01")), None);
        assert_eq!(s.dates(), (d("2026-11-01"), d("2027-08-31")));
        let w = Scale::around(Zoom::Week, d("2026-12-30"), 3, 0);
        assert_eq!(
            w.column(d("2027-01-04")),
            1,
            "the next Monday starts the next week"
        );
        assert_eq!(w.dates(), (d("2026-12-28"), d("2027-01-17")));
        let dz = Scale::around(Zoom::Day, d("2024-02-28"), 3, 0);
        assert_eq!(dz.column(d("2024-02-29")), 1);
        assert_eq!(dz.column(d("2024-03-01")), 2);
    }

    #[test]
    fn shifting_and_zooming_keep_the_anchor_date() {
        let s = Scale::around(Zoom::Month, d("2026-11-30"), 20, 10);
        assert_eq!(s.shifted(1).column(d("2026-11-30")), 9);
        assert_eq!(s.shifted(-20).column(d("2026-11-30")), 30);
        let day = s.zoomed(Zoom::Day, 10);
        assert_eq!(day.column_start(10), Some(d("2026-11-01")));
        let year = day.zoomed(Zoom::Year, 10);
        assert_eq!(year.column_start(10), Some(d("2026-01-01")));
        assert_eq!(
            Scale::centred(Zoom::Quarter, d("2026-11-30"), 9).column(d("2026-11-30")),
            4
        );
    }

    #[test]
    fn cover_gives_half_block_ends() {
        let s = Scale::around(Zoom::Month, d("2026-01-01"), 12, 0);
        // January has 31 days: the second half starts on the 17th.
        assert_eq!(s.cover(0, d("2026-01-01"), d("2026-12-31")), Cover::Full);
        assert_eq!(s.cover(0, d("2026-01-20"), d("2026-12-31")), Cover::Right);
        assert_eq!(s.cover(0, d("2026-01-17"), d("2026-12-31")), Cover::Right);
        assert_eq!(s.cover(0, d("2026-01-16"), d("2026-12-31")), Cover::Full);
        assert_eq!(s.cover(0, d("2025-05-01"), d("2026-01-10")), Cover::Left);
        assert_eq!(s.cover(0, d("2025-05-01"), d("2026-01-16")), Cover::Left);
        assert_eq!(s.cover(0, d("2025-05-01"), d("2026-01-17")), Cover::Full);
        assert_eq!(s.cover(1, d("2025-05-01"), d("2026-01-17")), Cover::None);
        // A one-day license inside a month: the half it falls in.
        assert_eq!(s.cover(1, d("2026-02-03"), d("2026-02-03")), Cover::Left);
        assert_eq!(s.cover(1, d("2026-02-27"), d("2026-02-27")), Cover::Right);
        // At the day zoom a one-day license fills its column.
        let day = Scale::around(Zoom::Day, d("2026-01-01"), 5, 0);
        assert_eq!(day.cover(2, d("2026-01-03"), d("2026-01-03")), Cover::Full);
        assert_eq!(day.cover(3, d("2026-01-03"), d("2026-01-03")), Cover::None);
        // A range that ends before it starts covers nothing.
        assert_eq!(s.cover(0, d("2026-01-10"), d("2026-01-05")), Cover::None);
    }

    #[test]
    fn very_long_terms_and_the_calendar_edges_do_not_panic() {
        let s = Scale::around(Zoom::Year, d("2026-01-01"), 80, 40);
        assert_eq!(s.cover(0, NaiveDate::MIN, NaiveDate::MAX), Cover::Full);
        assert_eq!(s.cover(79, d("1990-01-01"), d("9999-12-31")), Cover::Full);
        let far = Scale {
            zoom: Zoom::Day,
            first: i64::MAX - 2,
            width: 10,
        };
        assert_eq!(far.column_start(5), None);
        assert_eq!(far.cover(5, d("2026-01-01"), d("2026-01-02")), Cover::None);
        assert_eq!(Zoom::Week.unit_start(i64::MIN), None);
        assert_eq!(Zoom::Month.unit_start(i64::MAX), None);
    }

    #[test]
    fn zoom_steps_and_names() {
        assert_eq!(Zoom::Month.zoom_in(), Zoom::Week);
        assert_eq!(Zoom::Day.zoom_in(), Zoom::Day);
        assert_eq!(Zoom::Quarter.zoom_out(), Zoom::Year);
        assert_eq!(Zoom::Year.zoom_out(), Zoom::Year);
        assert_eq!("Quarter".parse::<Zoom>().unwrap(), Zoom::Quarter);
        assert!(
            "fortnight"
                .parse::<Zoom>()
                .unwrap_err()
                .to_string()
                .contains("fortnight")
        );
    }
}
