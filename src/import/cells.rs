//! The cell rules of a CSV import: dates, timestamps, money and seats as spreadsheets
//! and other tools really write them. Each rule answers the value or why not; the caller
//! names the line and the column. Nothing is guessed: a date that could be read two ways,
//! a `$` that several currencies use, or a separator that could be decimal or thousands
//! is refused with the option that settles it.

use chrono::{DateTime, NaiveDate, NaiveDateTime, NaiveTime};

use crate::domain::license::Seats;
use crate::domain::money::{Currency, Money};

/// How the file writes its dates and numbers (`--date-format`, `--decimal-comma`).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct CellRules {
    /// A chrono format such as `%d/%m/%Y`; ISO dates are read whatever it is.
    pub date_format: Option<String>,
    /// `1.234,56`: a comma before the decimals, dots or spaces between thousands.
    pub decimal_comma: bool,
}

/// The text of a cell with surrounding blanks (including no-break spaces) removed;
/// `None` when that leaves nothing: an empty cell means an empty value.
fn present(text: &str) -> Option<&str> {
    let t = text.trim_matches(|c: char| c.is_whitespace() || c == '\u{a0}' || c == '\u{202f}');
    (!t.is_empty()).then_some(t)
}

/// Refuses a date format that cannot print a date, before a file is read.
///
/// # Errors
/// The format, with an example of one that works.
pub fn check_date_format(format: &str) -> Result<(), String> {
    use std::fmt::Write as _;
    let mut out = String::new();
    if write!(out, "{}", NaiveDate::MIN.format(format)).is_err() || !format.contains('%') {
        return Err(format!("{format:?} is not a date format such as %d/%m/%Y"));
    }
    Ok(())
}

impl CellRules {
    /// A date: ISO `YYYY-MM-DD` (a midnight time after it is allowed, as spreadsheets
    /// export dates), or the `--date-format` given.
    ///
    /// # Errors
    /// Why the text is not a date, with the option to give when it is another format.
    pub fn date(&self, text: &str) -> Result<Option<NaiveDate>, String> {
        let Some(t) = present(text) else {
            return Ok(None);
        };
        if let Some(d) = iso_date(t) {
            return Ok(Some(d));
        }
        if let Some(format) = &self.date_format {
            return NaiveDate::parse_from_str(t, format)
                .map(Some)
                .map_err(|_| format!("{t:?} is not a date as {format} (or YYYY-MM-DD)"));
        }
        Err(not_iso(t))
    }

    /// A timestamp: ISO `YYYY-MM-DD HH:MM[:SS[.f]]` (or with `T`), an offset or `Z`
    /// converted to UTC, a date alone meaning midnight; or the `--date-format` date
    /// followed by `HH:MM[:SS]`.
    ///
    /// # Errors
    /// Why the text is not a timestamp.
    pub fn timestamp(&self, text: &str) -> Result<Option<NaiveDateTime>, String> {
        let Some(t) = present(text) else {
            return Ok(None);
        };
        if let Ok(dt) = DateTime::parse_from_rfc3339(t) {
            return Ok(Some(dt.naive_utc()));
        }
        for format in [
            "%Y-%m-%d %H:%M:%S%.f",
            "%Y-%m-%dT%H:%M:%S%.f",
            "%Y-%m-%d %H:%M",
        ] {
            if let Ok(dt) = NaiveDateTime::parse_from_str(t, format) {
                return Ok(Some(dt));
            }
        }
        if let Ok(d) = NaiveDate::parse_from_str(t, "%Y-%m-%d") {
            return Ok(Some(d.and_time(NaiveTime::MIN)));
        }
        if let Some(format) = &self.date_format {
            for time in [" %H:%M:%S", " %H:%M"] {
                if let Ok(dt) = NaiveDateTime::parse_from_str(t, &format!("{format}{time}")) {
                    return Ok(Some(dt));
                }
            }
            if let Ok(d) = NaiveDate::parse_from_str(t, format) {
                return Ok(Some(d.and_time(NaiveTime::MIN)));
            }
            return Err(format!(
                "{t:?} is not a timestamp as {format} HH:MM[:SS] (or YYYY-MM-DD HH:MM:SS)"
            ));
        }
        Err(not_iso(t))
    }

    /// An amount: `1234.56`, `1,234.56`, or with `--decimal-comma` `1.234,56` or
    /// `1 234,56`; an ISO code or a currency symbol before or after it. `currency` is
    /// the row's currency column, when it has one: a code or symbol in the cell must agree
    /// with it, and one of the two must say the currency. The currency's decimal places
    /// are checked (no cents on JPY).
    ///
    /// # Errors
    /// Why the text is not an amount in a known currency.
    pub fn money(&self, text: &str, currency: Option<Currency>) -> Result<Option<Money>, String> {
        let Some(t) = present(text) else {
            return Ok(None);
        };
        let (number, named) = split_currency(t)?;
        let currency = match (named, currency) {
            (Some(Named::Code(c)), Some(column)) if c != column => {
                return Err(format!(
                    "{t:?} is in {c}, but the row's currency is {column}"
                ));
            }
            (Some(Named::Symbol(symbol, codes)), Some(column))
                if !codes.contains(&column.code()) =>
            {
                return Err(format!(
                    "{t:?}: {symbol} is not the row's currency {column}"
                ));
            }
            (Some(Named::Code(c)), _) => c,
            (_, Some(column)) => column,
            (Some(Named::Symbol(symbol, codes)), None) => match codes {
                [only] => only
                    .parse()
                    .map_err(|_| format!("{t:?}: unknown currency"))?,
                _ => {
                    return Err(format!(
                        "{t:?}: {symbol} is used by {}; write the ISO code or add a currency column",
                        codes.join(", ")
                    ));
                }
            },
            (None, None) => {
                return Err(format!(
                    "{t:?} names no currency: add a currency column or write the ISO code"
                ));
            }
        };
        let plain = self
            .plain_number(&number)
            .map_err(|why| format!("{t:?}: {why}"))?;
        Money::parse(&plain, currency)
            .map(Some)
            .map_err(|e| format!("{t:?}: {e}"))
    }

    /// An exchange rate, its decimal point and thousands written as the file writes its
    /// money (`--decimal-comma`).
    ///
    /// # Errors
    /// Why the text is not a rate.
    pub fn rate(&self, text: &str) -> Result<Option<crate::domain::Rate>, String> {
        let Some(t) = present(text) else {
            return Ok(None);
        };
        let plain = self
            .plain_number(t)
            .map_err(|why| format!("{t:?} is not a rate: {why}"))?;
        plain.parse().map(Some)
    }

    /// Seats: a whole number (thousands separated as the file separates them) or
    /// `unlimited`.
    ///
    /// # Errors
    /// Why the text is not a seat count.
    pub fn seats(&self, text: &str) -> Result<Option<Seats>, String> {
        let Some(t) = present(text) else {
            return Ok(None);
        };
        if t.eq_ignore_ascii_case("unlimited") {
            return Ok(Some(Seats::Unlimited));
        }
        let plain = self
            .plain_number(t)
            .map_err(|why| format!("{t:?}: {why}"))?;
        if plain.contains('.') {
            return Err(format!("{t:?}: seats are a whole number"));
        }
        plain
            .parse()
            .map(Some)
            .map_err(|e: crate::domain::DomainError| e.to_string())
    }

    /// `number` as `-1234.56`: thousands separators checked (groups of three) and
    /// removed, the decimal separator made a dot.
    fn plain_number(&self, number: &str) -> Result<String, String> {
        let (sign, digits) = match number.strip_prefix('-') {
            Some(rest) => ("-", rest.trim_start()),
            None => ("", number),
        };
        let (decimal, other) = if self.decimal_comma {
            (',', '.')
        } else {
            ('.', ',')
        };
        let thousands = [other, ' ', '\u{a0}', '\u{202f}', '\''];
        let (whole, frac) = match digits.split_once(decimal) {
            Some((w, f)) => (w, Some(f)),
            None => (digits, None),
        };
        // "1.234,56" without --decimal-comma, "12,5", or "1.5" with it: the file writes
        // its decimals the other way.
        let other_way = frac.is_some_and(|f| f.contains(other))
            || (frac.is_none()
                && whole.matches(other).count() == 1
                && whole
                    .rsplit(other)
                    .next()
                    .is_some_and(|g| g.chars().count() != 3));
        if other_way {
            return Err(if self.decimal_comma {
                "a dot that does not separate thousands, but --decimal-comma is given".into()
            } else {
                "a comma that does not separate thousands: give --decimal-comma if it is the decimal point".into()
            });
        }
        let separators: Vec<char> = whole.chars().filter(|c| thousands.contains(c)).collect();
        if let Some(sep) = separators.first()
            && (separators.iter().any(|c| c != sep) || !grouped(whole, *sep))
        {
            return Err("thousands are not in groups of three".into());
        }
        let whole: String = whole.chars().filter(|c| !thousands.contains(c)).collect();
        let ok = |s: &str| s.chars().all(|c| c.is_ascii_digit());
        match frac {
            _ if whole.is_empty() || !ok(&whole) => Err("not a number".into()),
            Some(f) if f.is_empty() || !ok(f) => Err("not a number".into()),
            Some(f) => Ok(format!("{sign}{whole}.{f}")),
            None => Ok(format!("{sign}{whole}")),
        }
    }
}

/// Whether `whole` has `sep` only between groups of three digits (`1,234,567`), with
/// one to three digits first.
fn grouped(whole: &str, sep: char) -> bool {
    let mut groups = whole.split(sep);
    let first = groups.next().unwrap_or_default();
    (1..=3).contains(&first.chars().count())
        && groups.all(|g| g.chars().count() == 3 && g.chars().all(|c| c.is_ascii_digit()))
}

fn iso_date(t: &str) -> Option<NaiveDate> {
    if let Ok(d) = NaiveDate::parse_from_str(t, "%Y-%m-%d") {
        return Some(d);
    }
    // "2026-03-04 00:00:00" (or with T): a date as spreadsheets export it.
    let (date, time) = t.split_once([' ', 'T'])?;
    let midnight = matches!(time, "00:00" | "00:00:00" | "00:00:00.000" | "00:00:00Z");
    midnight.then(|| NaiveDate::parse_from_str(date, "%Y-%m-%d").ok())?
}

/// Why `t` is not an ISO date, and which option reads it when it is another form.
fn not_iso(t: &str) -> String {
    let parts: Vec<&str> = t.split(['/', '.', '-']).collect();
    let numbers: Option<Vec<u32>> = parts.iter().map(|p| p.parse().ok()).collect();
    match numbers.as_deref() {
        Some([a, b, _]) if *a <= 12 && *b <= 12 && a != b => format!(
            "{t:?} could be day-first or month-first: give --date-format (%d/%m/%Y or %m/%d/%Y)"
        ),
        Some([a, _, _]) if *a > 12 && *a <= 31 => {
            format!("{t:?} is not YYYY-MM-DD: give --date-format (it looks day-first, %d/%m/%Y)")
        }
        Some([_, b, _]) if *b > 12 && *b <= 31 => {
            format!("{t:?} is not YYYY-MM-DD: give --date-format (it looks month-first, %m/%d/%Y)")
        }
        _ => format!("{t:?} is not a date as YYYY-MM-DD (or give --date-format)"),
    }
}

/// What a cell says its currency is.
#[derive(Debug, Clone, Copy)]
enum Named {
    Code(Currency),
    /// A symbol and the ISO codes that write it.
    Symbol(&'static str, &'static [&'static str]),
}

/// Symbols and the currencies that use them; the first matching prefix wins, so `US$`
/// comes before `$`.
const SYMBOLS: &[(&str, &[&str])] = &[
    ("US$", &["USD"]),
    ("C$", &["CAD"]),
    ("A$", &["AUD"]),
    ("NZ$", &["NZD"]),
    ("HK$", &["HKD"]),
    ("S$", &["SGD"]),
    ("R$", &["BRL"]),
    ("$", &["USD", "CAD", "AUD", "NZD", "HKD", "SGD", "MXN"]),
    ("€", &["EUR"]),
    ("£", &["GBP"]),
    ("¥", &["JPY", "CNY"]),
    ("₹", &["INR"]),
    ("₩", &["KRW"]),
    ("₪", &["ILS"]),
    ("₺", &["TRY"]),
    ("zł", &["PLN"]),
    ("kr", &["SEK", "NOK", "DKK", "ISK"]),
    ("Fr.", &["CHF"]),
];

/// Splits a money cell into its number and the currency it names, if any: an ISO code
/// or a symbol, before or after the number, with or without a space; a minus may come
/// before the symbol ("-€12.50").
fn split_currency(t: &str) -> Result<(String, Option<Named>), String> {
    let trim = |s: &str| {
        s.trim_matches(|c: char| c.is_whitespace() || c == '\u{a0}')
            .to_owned()
    };
    let (sign, body) = match t.strip_prefix('-') {
        Some(rest) if !rest.starts_with(|c: char| c.is_ascii_digit()) => ("-", trim(rest)),
        _ => ("", t.to_owned()),
    };
    let number = |rest: &str| format!("{sign}{}", trim(rest));
    let digit_end = |s: &str| {
        let s = trim(s);
        s.starts_with(|c: char| c.is_ascii_digit() || c == '-')
            || s.ends_with(|c: char| c.is_ascii_digit())
    };
    // An ISO code: three letters at either end.
    let letters = |s: &str| s.len() == 3 && s.chars().all(|c| c.is_ascii_alphabetic());
    let n = body.len();
    for (code, rest) in [
        (body.get(..3), body.get(3..)),
        (
            body.get(n.saturating_sub(3)..),
            body.get(..n.saturating_sub(3)),
        ),
    ] {
        if let (Some(code), Some(rest)) = (code, rest)
            && letters(code)
            && digit_end(rest)
        {
            let currency = code
                .parse()
                .map_err(|_| format!("{t:?}: {code} is not an ISO 4217 currency code"))?;
            return Ok((number(rest), Some(Named::Code(currency))));
        }
    }
    for (symbol, codes) in SYMBOLS {
        let rest = body
            .strip_prefix(symbol)
            .or_else(|| body.strip_suffix(symbol));
        if let Some(rest) = rest {
            return Ok((number(rest), Some(Named::Symbol(symbol, codes))));
        }
    }
    Ok((t.to_owned(), None))
}

#[cfg(test)]
mod tests;
