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
