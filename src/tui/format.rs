//! Display formatting, in one place: ISO dates, local times, money with its currency,
//! seats, and untrusted text made safe for one terminal line.

use chrono::{Local, NaiveDate, NaiveDateTime, TimeZone};

use crate::db::queries::page::Value;
use crate::domain::{Currency, Money, Seats};

/// Text from the database or an error made safe for one terminal line: line breaks and
/// tabs become spaces, other control and bidi characters a visible U+FFFD.
#[must_use]
pub fn one_line(text: &str) -> String {
    let flat: String = text
        .chars()
        .map(|c| {
            if matches!(c, '\n' | '\r' | '\t') {
                ' '
            } else {
                c
            }
        })
        .collect();
    crate::domain::text::sanitize(&flat).into_owned()
}

/// A list cell as shown (not yet made safe: see [`one_line`]).
#[must_use]
pub fn cell(value: &Value) -> String {
    match value {
        Value::Text(s) => s.clone(),
        Value::Int(n) => n.to_string(),
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

#[must_use]
pub fn seats(stored: Option<i32>) -> String {
    Seats::from_db(stored).map_or_else(|_| format!("{stored:?}"), |s| s.to_string())
}

/// 1234567 as "1,234,567".
#[must_use]
pub fn grouped(n: u64) -> String {
    let digits = n.to_string();
    let mut out = String::with_capacity(digits.len() + digits.len() / 3);
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push(',');
        }
        out.push(c);
    }
    out
}

/// A count, grouped in thousands: -5 stays "-5".
#[must_use]
pub fn count(n: i64) -> String {
    u64::try_from(n).map_or_else(|_| n.to_string(), grouped)
}

#[must_use]
pub fn yes_no(b: bool) -> String {
    if b { "yes" } else { "no" }.to_owned()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn groups_thousands() {
        assert_eq!(grouped(0), "0");
        assert_eq!(grouped(999), "999");
        assert_eq!(grouped(1000), "1,000");
        assert_eq!(grouped(10_000_000), "10,000,000");
        assert_eq!(count(-5), "-5");
        assert_eq!(count(1234), "1,234");
    }
}
