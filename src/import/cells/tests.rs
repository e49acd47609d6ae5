use chrono::NaiveDate;

use super::CellRules;
use crate::domain::license::Seats;
use crate::domain::money::{Currency, Money};

fn d(s: &str) -> NaiveDate {
    s.parse().unwrap()
}

fn cur(code: &str) -> Currency {
    code.parse().unwrap()
}

fn iso() -> CellRules {
    CellRules::default()
}

fn day_first() -> CellRules {
    CellRules {
        date_format: Some("%d/%m/%Y".into()),
        decimal_comma: true,
    }
}

#[test]
fn iso_dates_and_spreadsheet_midnights() {
    assert_eq!(iso().date("2026-03-04"), Ok(Some(d("2026-03-04"))));
    assert_eq!(iso().date(" 2024-02-29 "), Ok(Some(d("2024-02-29"))));
    assert_eq!(iso().date("2026-03-04 00:00:00"), Ok(Some(d("2026-03-04"))));
    assert_eq!(iso().date("2026-03-04T00:00"), Ok(Some(d("2026-03-04"))));
    assert_eq!(iso().date(""), Ok(None));
    assert_eq!(iso().date(" \u{a0}"), Ok(None));
    // Not a day: no leap day in 2023, no month 13, a time of day on a date.
    for bad in [
        "2023-02-29",
        "2026-13-01",
        "2026-03-04 10:30:00",
        "tomorrow",
        "2026-3",
    ] {
        assert!(iso().date(bad).is_err(), "{bad}");
    }
}

#[test]
fn a_date_that_reads_two_ways_is_never_guessed() {
    let e = iso().date("03/04/2026").unwrap_err();
    assert!(
        e.contains("day-first or month-first") && e.contains("--date-format"),
        "{e}"
    );
    let e = iso().date("25/12/2026").unwrap_err();
    assert!(e.contains("%d/%m/%Y"), "{e}");
    let e = iso().date("12/25/2026").unwrap_err();
    assert!(e.contains("%m/%d/%Y"), "{e}");
    // With the format given: read, and ISO still read.
    assert_eq!(day_first().date("03/04/2026"), Ok(Some(d("2026-04-03"))));
    assert_eq!(day_first().date("2026-04-03"), Ok(Some(d("2026-04-03"))));
    let e = day_first().date("31/02/2026").unwrap_err();
    assert!(e.contains("%d/%m/%Y"), "{e}");
}

#[test]
fn timestamps_iso_with_offsets_and_with_the_date_format() {
    let t = |s: &str| {
        NaiveDate::parse_from_str(&s[..10], "%Y-%m-%d")
            .unwrap()
            .and_time(chrono::NaiveTime::parse_from_str(&s[11..], "%H:%M:%S").unwrap())
    };
    assert_eq!(
        iso().timestamp("2026-03-04 10:30:00"),
        Ok(Some(t("2026-03-04 10:30:00")))
    );
    assert_eq!(
        iso().timestamp("2026-03-04T10:30"),
        Err(super::not_iso("2026-03-04T10:30"))
    );
    assert_eq!(
        iso().timestamp("2026-03-04 10:30"),
        Ok(Some(t("2026-03-04 10:30:00")))
    );
    assert_eq!(
        iso().timestamp("2026-03-04T10:30:00+02:00"),
        Ok(Some(t("2026-03-04 08:30:00")))
    );
    assert_eq!(
        iso().timestamp("2026-03-04T23:30:00Z"),
        Ok(Some(t("2026-03-04 23:30:00")))
    );
    assert_eq!(
        iso().timestamp("2026-03-04"),
        Ok(Some(t("2026-03-04 00:00:00")))
    );
    assert_eq!(
        day_first().timestamp("04/03/2026 10:30"),
        Ok(Some(t("2026-03-04 10:30:00")))
    );
    assert!(iso().timestamp("04/03/2026 10:30").is_err());
    assert!(day_first().timestamp("04/03/2026 25:30").is_err());
    assert_eq!(iso().timestamp(""), Ok(None));
}

#[test]
fn money_in_the_forms_files_use() {
    let eur = Some(cur("EUR"));
    let m = |minor, code: &str| Ok(Some(Money::new(minor, cur(code))));
    assert_eq!(iso().money("1234.56", eur), m(123_456, "EUR"));
    assert_eq!(iso().money("1,234.56", eur), m(123_456, "EUR"));
    assert_eq!(iso().money("1,234,567", eur), m(123_456_700, "EUR"));
    assert_eq!(iso().money("-0.99", eur), m(-99, "EUR"));
    assert_eq!(day_first().money("1.234,56", eur), m(123_456, "EUR"));
    assert_eq!(day_first().money("1 234,56", eur), m(123_456, "EUR"));
    assert_eq!(day_first().money("1\u{a0}234,5", eur), m(123_450, "EUR"));
    assert_eq!(iso().money("EUR 1,234.56", None), m(123_456, "EUR"));
    assert_eq!(iso().money("1234.56 usd", None), m(123_456, "USD"));
    assert_eq!(iso().money("€12.50", None), m(1_250, "EUR"));
    assert_eq!(iso().money("-€12.50", None), m(-1_250, "EUR"));
    assert_eq!(iso().money("€-12.50", None), m(-1_250, "EUR"));
    assert_eq!(day_first().money("12,50 €", None), m(1_250, "EUR"));
    assert_eq!(iso().money("£7", None), m(700, "GBP"));
    assert_eq!(iso().money("US$ 5", None), m(500, "USD"));
    assert_eq!(iso().money("CHF 1'234.50", None), m(123_450, "CHF"));
    // A symbol several currencies use is read by the row's currency column.
    assert_eq!(iso().money("$5", Some(cur("CAD"))), m(500, "CAD"));
    assert_eq!(iso().money("¥1200", Some(cur("JPY"))), m(1_200, "JPY"));
    assert_eq!(iso().money("", eur), Ok(None));
}

#[test]
fn money_that_is_wrong_or_unclear_is_refused() {
    let eur = Some(cur("EUR"));
    let refused = |rules: &CellRules, text: &str, currency, why: &str| {
        let e = rules.money(text, currency).unwrap_err();
        assert!(e.contains(why), "{text}: {e}");
    };
    refused(&iso(), "$5", None, "USD, CAD");
    refused(&iso(), "¥1200", None, "JPY, CNY");
    refused(&iso(), "12.50", None, "names no currency");
    refused(&iso(), "USD 12.50", eur, "row's currency is EUR");
    refused(&iso(), "£12.50", eur, "not the row's currency");
    refused(&iso(), "XYZ 12.50", None, "not an ISO 4217");
    // No cents on yen, no fourth decimal on euros.
    refused(&iso(), "1200.5", Some(cur("JPY")), "decimal places");
    refused(&iso(), "1.2345", eur, "decimal places");
    // A comma that is not a thousands separator: maybe a decimal comma.
    refused(&iso(), "12,5", eur, "--decimal-comma");
    refused(&iso(), "1.234,56", eur, "--decimal-comma");
    refused(&day_first(), "1.23", eur, "dot that does not separate");
    refused(&day_first(), "1,2.5", eur, "dot that does not separate");
    refused(&iso(), "1,23,456.00", eur, "groups of three");
    refused(&iso(), "12 34.00", eur, "groups of three");
    for junk in ["abc", "1e5", "--5", "12.", ".", "1.2.3", "0x10", "١٢٣"] {
        assert!(iso().money(junk, eur).is_err(), "{junk}");
    }
    // Too large for minor units: an error, not an overflow.
    refused(&iso(), "99999999999999999999", eur, "not an amount in EUR");
}

#[test]
fn seats_are_numbers_or_unlimited() {
    assert_eq!(iso().seats("25"), Ok(Some(Seats::Limited(25))));
    assert_eq!(iso().seats("1,500"), Ok(Some(Seats::Limited(1_500))));
    assert_eq!(day_first().seats("1.500"), Ok(Some(Seats::Limited(1_500))));
    assert_eq!(iso().seats("Unlimited"), Ok(Some(Seats::Unlimited)));
    assert_eq!(iso().seats(""), Ok(None));
    for bad in ["0", "-3", "2.5", "many", "99999999999"] {
        assert!(iso().seats(bad).is_err(), "{bad}");
    }
}

#[test]
fn rates_are_written_as_the_files_money() {
    let rate = |rules: &CellRules, t: &str| rules.rate(t).map(|r| r.map(|r| r.to_string()));
    assert_eq!(rate(&iso(), "1.0856"), Ok(Some("1.0856".into())));
    assert_eq!(rate(&iso(), " 161.235 "), Ok(Some("161.235".into())));
    assert_eq!(rate(&day_first(), "0,8"), Ok(Some("0.8".into())));
    assert_eq!(rate(&day_first(), "1.234,5"), Ok(Some("1234.5".into())));
    assert_eq!(rate(&iso(), ""), Ok(None));
    for (rules, bad, why) in [
        (iso(), "1,5", "not a rate: a comma"),
        (day_first(), "1.5", "not a rate: a dot"),
        (iso(), "1.2x", "not a rate: not a number"),
        (iso(), "-1.2", "not a rate"),
        (iso(), "0", "more than zero"),
    ] {
        let e = rules.rate(bad).unwrap_err();
        assert!(e.contains(why), "{bad}: {e}");
    }
}
