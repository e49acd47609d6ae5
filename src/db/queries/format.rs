//! How stored values are shown in cells: ISO dates, local times, money with its currency.

use chrono::{Local, NaiveDate, NaiveDateTime, TimeZone};

use crate::domain::{Currency, Money, Seats};

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

#[must_use]
pub fn yes_no(b: bool) -> String {
    if b { "yes" } else { "no" }.to_owned()
}
