use super::*;

fn d(s: &str) -> NaiveDate {
    NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap()
}

fn p(s: &str) -> Period {
    s.parse().unwrap()
}

/// (first day, day after the last, label).
fn range(period: Period) -> (String, String, String) {
    (
        period.from().to_string(),
        period.to().to_string(),
        period.to_string(),
    )
}

fn r(from: &str, to: &str, label: &str) -> (String, String, String) {
    (from.to_owned(), to.to_owned(), label.to_owned())
}

#[test]
fn parses_each_kind_as_a_half_open_range() {
    assert_eq!(
        range(p("2026-Q3")),
        r("2026-07-01", "2026-10-01", "2026-Q3")
    );
    assert_eq!(
        range(p(" 2026-q4 ")),
        r("2026-10-01", "2027-01-01", "2026-Q4")
    );
    assert_eq!(
        range(p("2026-07")),
        r("2026-07-01", "2026-08-01", "2026-07")
    );
    assert_eq!(
        range(p("2026-12")),
        r("2026-12-01", "2027-01-01", "2026-12")
    );
    assert_eq!(range(p("2026")), r("2026-01-01", "2027-01-01", "2026"));
    assert_eq!(
        range(p("2026-07-15..2026-08-14")),
        r("2026-07-15", "2026-08-15", "2026-07-15..2026-08-14")
    );
    assert_eq!(p("2026-Q3").kind(), PeriodKind::Quarter);
    assert_eq!(p("2026-Q3").last_day(), d("2026-09-30"));
    assert_eq!(p("2026-Q3").days(), 92);
}

#[test]
fn february_has_29_days_in_leap_years_only() {
    assert_eq!(p("2024-02").to(), d("2024-03-01"));
    assert_eq!(p("2024-02").last_day(), d("2024-02-29"));
    assert_eq!(p("2024-02").days(), 29);
    assert_eq!(p("2028-02").days(), 29);
    assert_eq!(p("2026-02").days(), 28);
    assert_eq!(p("2100-02").days(), 28, "a century is not a leap year");
    assert_eq!(p("2000-02").days(), 29, "unless it divides by 400");
    assert_eq!(p("2024").days(), 366);
    assert_eq!(p("2024-Q1").days(), 91);
    assert_eq!(p("2026-Q1").days(), 90);
}

#[test]
fn a_custom_range_over_a_leap_day_counts_it() {
    let leap = p("2024-02-28..2024-03-01");
    assert_eq!(leap.days(), 3);
    assert_eq!(leap.prev().unwrap(), p("2024-02-25..2024-02-27"));
    assert_eq!(leap.next().unwrap(), p("2024-03-02..2024-03-04"));
    assert_eq!(p("2028-02-29..2028-02-29").days(), 1);
    // The previous period of the same length reaches over the leap day.
    assert_eq!(
        p("2024-03-01..2024-03-31").prev().unwrap(),
        p("2024-01-30..2024-02-29")
    );
}

#[test]
fn steps_over_quarter_and_year_ends() {
    assert_eq!(p("2026-Q4").next().unwrap(), p("2027-Q1"));
    assert_eq!(p("2027-Q1").prev().unwrap(), p("2026-Q4"));
    assert_eq!(p("2026-12").next().unwrap(), p("2027-01"));
    assert_eq!(p("2027-01").prev().unwrap(), p("2026-12"));
    assert_eq!(p("2026").next().unwrap(), p("2027"));
    assert_eq!(p("2026").prev().unwrap(), p("2025"));
    assert_eq!(p("2024-03").prev().unwrap(), p("2024-02"));
    assert_eq!(
        p("2026-12-20..2027-01-09").next().unwrap(),
        p("2027-01-10..2027-01-30")
    );
    for s in ["2026-01", "2026-Q2", "2026", "2026-05-05..2026-06-17"] {
        let period = p(s);
        assert_eq!(period.next().unwrap().prev().unwrap(), period, "{s}");
        assert_eq!(period.prev().unwrap().to(), period.from(), "{s}: adjacent");
    }
}

#[test]
fn containing_finds_the_period_of_a_day() {
    let day = d("2026-11-30");
    assert_eq!(
        Period::containing(PeriodKind::Quarter, day).unwrap(),
        p("2026-Q4")
    );
    assert_eq!(
        Period::containing(PeriodKind::Month, day).unwrap(),
        p("2026-11")
    );
    assert_eq!(
        Period::containing(PeriodKind::Year, day).unwrap(),
        p("2026")
    );
}

#[test]
fn months_back_ends_with_the_last_month() {
    let months = p("2026-Q1").months_back(12);
    assert_eq!(months.len(), 12);
    assert_eq!(months[0], d("2025-04-01"));
    assert_eq!(months[11], d("2026-03-01"));
    assert_eq!(
        p("2024-02-10..2024-02-29").months_back(2),
        [d("2024-01-01"), d("2024-02-01")]
    );
}

fn error(s: &str) -> String {
    s.parse::<Period>().unwrap_err().to_string()
}

#[test]
fn bad_periods_are_refused_with_what_is_expected() {
    for bad in [
        "",
        "26",
        "2026-",
        "2026-7",
        "2026-Q",
        "2026-Q12",
        "2026-H1",
        "Q3-2026",
        "2026/07",
        "2026-07-01",
        "2026-07-01..",
        "..2026-07-01",
        "2026-02-30..2026-03-01",
        "+2026",
        "２０２６",
    ] {
        assert!(
            error(bad).starts_with("expected a period as YYYY"),
            "{bad:?}: {}",
            error(bad)
        );
    }
    assert_eq!(error("2026-13"), "month 13 is not 1 to 12");
    assert_eq!(error("2026-00"), "month 0 is not 1 to 12");
    assert_eq!(error("2026-Q5"), "quarter 5 is not 1 to 4");
    assert_eq!(error("2026-Q0"), "quarter 0 is not 1 to 4");
    assert_eq!(
        error("2026-09-30..2026-07-01"),
        "the period ends (2026-07-01) before it starts (2026-09-30)"
    );
    assert_eq!(
        error("2000-01-01..2020-01-01"),
        "a custom period is at most 3660 days, not 7306"
    );
    assert!(error("0000").contains("outside the supported dates"));
    assert!(p("9998").next().is_err());
    assert!(p("0001-01").prev().is_err());
}
