//! One stored value as an exported cell: the text `lms import` reads back.

use std::borrow::Cow;
use std::fmt::Write as _;

use chrono::{Datelike, NaiveDate, NaiveDateTime, Timelike};

use crate::db::queries::export::names::Names;
use crate::db::queries::license_list::Record;
use crate::db::queries::page::Value;
use crate::domain::{Currency, Money};

/// How one cell is written.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Cell<'a> {
    /// Text from the data: defused as a formula in CSV, escaped in JSON.
    Text(Cow<'a, str>),
    /// A whole number: as it is; a JSON number.
    Number(i64),
    /// `true`/`false`; a JSON boolean.
    Flag(bool),
    /// What lms writes itself (a date, a time, an amount, `unlimited`): never altered;
    /// a JSON string.
    Figure(Cow<'a, str>),
    /// Not set: an empty CSV cell, JSON `null`.
    Empty,
}

/// The cell of `value`.
#[must_use]
pub fn cell(value: &Value) -> Cell<'_> {
    match value {
        Value::Text(s) => Cell::Text(Cow::Borrowed(s)),
        Value::Int(n) | Value::Count(n) => Cell::Number(*n),
        Value::Date(Some(d)) => Cell::Figure(Cow::Owned(date(*d))),
        Value::Time(Some(t)) => Cell::Figure(Cow::Owned(time(*t))),
        Value::Date(None) | Value::Time(None) => Cell::Empty,
        Value::Money(minor, code) => match code.parse::<Currency>() {
            Ok(c) => Cell::Figure(Cow::Owned(Money::new(*minor, c).plain())),
            // Not a currency lms accepts: say what is stored rather than guess a scale.
            Err(_) => Cell::Text(Cow::Owned(format!("{minor} minor units of {code}"))),
        },
        Value::Seats(seats) => seats_cell(*seats),
        Value::YesNo(b) => Cell::Flag(*b),
    }
}

fn seats_cell<'a>(seats: Option<i32>) -> Cell<'a> {
    seats.map_or(Cell::Figure(Cow::Borrowed("unlimited")), |n| {
        Cell::Number(n.into())
    })
}

/// The cells of a license read by range, its references named from `names`, borrowed
/// where they can be (a million rows are written this way).
#[must_use]
pub fn license<'a>(r: &'a Record, names: &'a Names) -> [Cell<'a>; 10] {
    let (key, company, product, partner, rep, seats, start, end, status, notes) = r;
    [
        Cell::Text(Cow::Borrowed(&key.0)),
        Cell::Text(Cow::Borrowed(names.company(*company))),
        Cell::Text(Cow::Borrowed(names.product(*product))),
        Cell::Text(Cow::Borrowed(names.partner(*partner))),
        Cell::Text(Cow::Borrowed(names.rep(*rep))),
        seats_cell(*seats),
        Cell::Figure(Cow::Owned(date(*start))),
        Cell::Figure(Cow::Owned(date(*end))),
        Cell::Text(Cow::Borrowed(&status.0)),
        Cell::Text(Cow::Borrowed(&notes.0)),
    ]
}

/// `YYYY-MM-DD`, written without chrono's format parser: a million rows hold millions.
#[must_use]
pub fn date(d: NaiveDate) -> String {
    let mut s = String::with_capacity(10);
    push_date(&mut s, d);
    s
}

/// `YYYY-MM-DD HH:MM:SS` (stored times are UTC, to the second).
#[must_use]
pub fn time(t: NaiveDateTime) -> String {
    let mut s = String::with_capacity(19);
    push_date(&mut s, t.date());
    let _ = write!(s, " {:02}:{:02}:{:02}", t.hour(), t.minute(), t.second());
    s
}

fn push_date(s: &mut String, d: NaiveDate) {
    let _ = write!(s, "{:04}-{:02}-{:02}", d.year(), d.month(), d.day());
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn values_are_written_as_the_importer_reads_them() {
        let d = NaiveDate::from_ymd_opt(2026, 3, 9).unwrap();
        let t = d.and_hms_opt(7, 5, 3).unwrap();
        let figure = |v: Value| match cell(&v) {
            Cell::Figure(s) => s.into_owned(),
            other => panic!("{other:?}"),
        };
        assert_eq!(figure(d.into()), "2026-03-09");
        assert_eq!(figure(t.into()), "2026-03-09 07:05:03");
        assert_eq!(figure(Value::Money(123_456, "EUR".into())), "1234.56");
        assert_eq!(figure(Value::Money(-5, "USD".into())), "-0.05");
        assert_eq!(figure(Value::Money(1234, "JPY".into())), "1234");
        assert_eq!(figure(Value::Money(1234, "KWD".into())), "1.234");
        assert_eq!(figure(Value::Seats(None)), "unlimited");
        assert_eq!(cell(&Value::Seats(Some(25))), Cell::Number(25));
        assert_eq!(cell(&Value::YesNo(false)), Cell::Flag(false));
        assert_eq!(cell(&Value::Date(None)), Cell::Empty);
        assert_eq!(
            cell(&Value::Money(5, "XXQ".into())),
            Cell::Text(Cow::Borrowed("5 minor units of XXQ"))
        );
    }
}
