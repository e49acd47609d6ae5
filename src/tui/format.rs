//! Display formatting, in one place: ISO dates, local times, money with its currency,
//! seats, and untrusted text made safe for one terminal line.

use chrono::{Local, NaiveDate, NaiveDateTime, TimeZone};

use crate::db::queries::page::Value;
use crate::domain::{Currency, Money, Seats};

/// Untrusted text made safe for one terminal line: kept with the sanitiser in `domain`, so
/// the CLI's reports neutralise text exactly as the screens do.
pub use crate::domain::text::one_line;

/// A list cell as shown (not yet made safe: see [`one_line`]).
#[must_use]
pub fn cell(value: &Value) -> String {
    match value {
        Value::Text(s) => s.clone(),
        Value::Int(n) => n.to_string(),
        Value::Count(n) => count(*n),
        Value::Date(d) => opt_date(*d),
        Value::Time(t) => t.map(local_time).unwrap_or_default(),
        Value::Money(minor, currency) => money(*minor, currency),
        Value::Seats(s) => seats(*s),
        Value::YesNo(b) => yes_no(*b),
    }
}

#[must_use]
pub fn date(d: NaiveDate) -> String {
    d.format("%Y-%m-%d").to_string()
}

#[must_use]
pub fn opt_date(d: Option<NaiveDate>) -> String {
    d.map(date).unwrap_or_default()
}

/// A stored UTC time shown in the operator's local time zone.
#[must_use]
pub fn local_time(utc: NaiveDateTime) -> String {
    Local
        .from_utc_datetime(&utc)
        .format("%Y-%m-%d %H:%M:%S")
        .to_string()
}

#[must_use]
pub fn money(minor: i64, currency: &str) -> String {
    match currency.parse::<Currency>() {
        Ok(c) => Money::new(minor, c).to_string(),
        Err(_) => format!("{minor} {currency} (minor units)"),
    }
}

/// An amount without its currency code, for where the code is said once beside it:
/// "1,501.01", "69,000,000".
#[must_use]
pub fn amount(m: Money) -> String {
    let text = m.to_string();
    text.strip_suffix(m.currency.code())
        .map_or(text.as_str(), str::trim_end)
        .to_owned()
}

/// An amount in whole major units, short, for chart labels where the exact one does not
/// fit: "999", "1.5k", "12.3k", "123k", "69M", "1.2B". Rounded half up; no code.
#[must_use]
pub fn compact(m: Money) -> String {
    let scale = i128::from(10_i64.pow(m.currency.exponent()));
    let minor = i128::from(m.minor);
    let sign = if minor < 0 { "-" } else { "" };
    let major = (minor.abs() * 2 + scale) / (2 * scale);
    if major < 1000 {
        return format!("{sign}{major}");
    }
    let units = [
        (1_000, "k"),
        (1_000_000, "M"),
        (1_000_000_000, "B"),
        (1_000_000_000_000, "T"),
    ];
    let rounded = |n: i128, unit: i128| (n * 2 + unit) / (2 * unit);
    for (i, &(unit, suffix)) in units.iter().enumerate() {
        let last = i + 1 == units.len();
        // One decimal below 100 of the unit ("1.5k"), whole up to 999 ("123k"); what
        // rounds up to 1,000 of it is said in the next unit ("1M").
        let tenths = rounded(major * 10, unit);
        if tenths < 1000 {
            return if tenths % 10 == 0 {
                format!("{sign}{}{suffix}", tenths / 10)
            } else {
                format!("{sign}{}.{}{suffix}", tenths / 10, tenths % 10)
            };
        }
        let whole = rounded(major, unit);
        if whole < 1000 || last {
            let whole = u64::try_from(whole).unwrap_or(u64::MAX);
            return format!("{sign}{}{suffix}", grouped(whole));
        }
    }
    format!("{sign}{major}")
}

#[must_use]
pub fn seats(stored: Option<i32>) -> String {
    match Seats::from_db(stored) {
        Ok(Seats::Limited(n)) => grouped(n.into()),
        Ok(Seats::Unlimited) => Seats::Unlimited.to_string(),
        Err(_) => format!("{stored:?}"),
    }
}

/// Counts and seats are grouped in thousands by the domain's one function.
pub use crate::domain::text::{count, grouped};

#[must_use]
pub fn yes_no(b: bool) -> String {
    if b { "yes" } else { "no" }.to_owned()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn m(minor: i64, code: &str) -> Money {
        Money::new(minor, code.parse().unwrap())
    }

    #[test]
    fn compact_amounts() {
        for (minor, code, want) in [
            (0, "EUR", "0"),
            (99_949, "EUR", "999"),
            (150_101, "EUR", "1.5k"),
            (1_234_567, "JPY", "1.2M"),
            (12_345, "JPY", "12.3k"),
            (123_456, "JPY", "123k"),
            (999_499, "JPY", "999k"),
            (999_949, "JPY", "1M"),
            (99_949, "JPY", "99.9k"),
            (999_950, "JPY", "1M"),
            (69_000_000, "JPY", "69M"),
            (-150_000, "EUR", "-1.5k"),
            (1_200_000_000_000, "JPY", "1.2T"),
            (i64::MAX, "JPY", "9,223,372T"),
        ] {
            assert_eq!(compact(m(minor, code)), want, "{minor} {code}");
        }
        assert_eq!(amount(m(150_101, "EUR")), "1,501.01");
    }
}
