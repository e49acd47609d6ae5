//! What a utilization report is asked for: the reference date, the activity window, the
//! under-use threshold and the filters. Checked here, so the CLI and the TUI refuse the
//! same bad input with the same words.

use chrono::{Days, NaiveDate, NaiveDateTime};
use serde::Serialize;

use crate::domain::filter::{by_id, exactly};
use crate::domain::{Currency, DomainError, LicenseStatus};

pub const DEFAULT_WINDOW_DAYS: u32 = 14;
pub const MAX_WINDOW_DAYS: u32 = 3650;
pub const DEFAULT_UNDER_USED_PCT: u32 = 30;
/// The windows `+`/`-` step through on the dashboard.
pub const WINDOW_STEPS: [u32; 4] = [7, 14, 30, 90];

/// Filters that apply to every figure. Licence filters (dates, partner, status, currency)
/// choose the licences counted; once one is set, only companies with a chosen licence are
/// reported, and their registered and active users are counted in full.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Filters {
    /// Exact company name.
    pub company: Option<String>,
    /// Exact partner name (the licence's reseller).
    pub partner: Option<String>,
    /// Licence statuses; empty means all.
    pub statuses: Vec<LicenseStatus>,
    /// Licences with at least one purchase in this currency, and only that currency's money.
    pub currency: Option<Currency>,
    /// Licences whose period `[start_date, end_date]` overlaps `[from, to]`.
    pub from: Option<NaiveDate>,
    pub to: Option<NaiveDate>,
}

impl Filters {
    /// Parses `key=value` words: `company=`, `partner=`, `status=a,b`, `currency=`,
    /// `from=`, `to=` (dates YYYY-MM-DD). Values with spaces are quoted: `company="Acme Co"`.
    /// An empty text clears every filter.
    ///
    /// # Errors
    /// The first unknown key or bad value, named.
    pub fn parse(text: &str) -> Result<Self, DomainError> {
        let mut f = Filters::default();
        for (key, value) in words(text)? {
            let date = |v: &str| {
                NaiveDate::parse_from_str(v, "%Y-%m-%d").map_err(|_| {
                    DomainError::Invalid(format!("{key}: expected a date as YYYY-MM-DD, not {v:?}"))
                })
            };
            match key.as_str() {
                "company" => f.company = Some(value),
                "partner" => f.partner = Some(value),
                "status" => {
                    f.statuses = value
                        .split(',')
                        .filter(|s| !s.trim().is_empty())
                        .map(str::parse)
                        .collect::<Result<_, _>>()?;
                }
                "currency" => f.currency = Some(value.parse()?),
                "from" => f.from = Some(date(&value)?),
                "to" => f.to = Some(date(&value)?),
                other => {
                    return Err(DomainError::Invalid(format!(
                        "unknown filter {other:?} (use company, partner, status, currency, from, to)"
                    )));
                }
            }
        }
        f.check()?;
        Ok(f)
    }

    /// Whether a filter narrows the licences (and so the companies) considered.
    #[must_use]
    pub fn narrows_licenses(&self) -> bool {
        self.partner.is_some()
            || !self.statuses.is_empty()
            || self.currency.is_some()
            || self.from.is_some()
            || self.to.is_some()
    }

    /// # Errors
    /// When the date range is reversed or a name is blank.
    pub fn check(&self) -> Result<(), DomainError> {
        if let (Some(from), Some(to)) = (self.from, self.to)
            && from > to
        {
            return Err(DomainError::Invalid(format!(
                "the licence date range is reversed: {from} is after {to}"
            )));
        }
        for (what, name) in [("company", &self.company), ("partner", &self.partner)] {
            if name.as_deref().is_some_and(|n| n.trim().is_empty()) {
                return Err(DomainError::Invalid(format!("the {what} name is empty")));
            }
        }
        Ok(())
    }

    /// The Licenses list's `/` filter for the licences behind the row of the company with
    /// id `company` under these filters (the Dashboard's drill-down): that company by id,
    /// the same partner, statuses and currency, and a period overlapping `[from, to]`
    /// (starts on or before `to`, ends on or after `from`).
    #[must_use]
    pub fn licenses_filter(&self, company: i64) -> String {
        let mut words = vec![by_id("company", company)];
        if let Some(p) = &self.partner {
            words.push(exactly("partner", p));
        }
        if !self.statuses.is_empty() {
            let list: Vec<&str> = self.statuses.iter().map(|s| s.as_str()).collect();
            words.push(format!("status:{}", list.join(",")));
        }
        if let Some(c) = self.currency {
            words.push(format!("currency:{}", c.code()));
        }
        if let Some(to) = self.to {
            words.push(format!("starts:<={to}"));
        }
        if let Some(from) = self.from {
            words.push(format!("ends:>={from}"));
        }
        words.join(" ")
    }
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct UtilizationQuery {
    /// Licences active on this date are licensed; activity is counted up to it.
    pub as_of: NaiveDate,
    pub window_days: u32,
    /// Under-used: utilization below this percentage.
    pub under_used_pct: u32,
    pub filters: Filters,
}

/// The activity window: `from` inclusive, `to` exclusive, both UTC midnights.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct Window {
    pub days: u32,
    pub from: NaiveDateTime,
    pub to: NaiveDateTime,
}

impl UtilizationQuery {
    #[must_use]
    pub fn new(as_of: NaiveDate) -> Self {
        UtilizationQuery {
            as_of,
            window_days: DEFAULT_WINDOW_DAYS,
            under_used_pct: DEFAULT_UNDER_USED_PCT,
            filters: Filters::default(),
        }
    }

    /// # Errors
    /// A message naming the bad value.
    pub fn check(&self) -> Result<(), DomainError> {
        check_window_days(self.window_days)?;
        check_under_used(self.under_used_pct)?;
        self.filters.check()?;
        self.window().map(|_| ())
    }

    /// The N whole days before the reference date: from `as_of - N days` 00:00:00
    /// (inclusive) to `as_of` 00:00:00 (exclusive). The reference date itself is not in
    /// the window, so a report for today does not change as today goes on.
    ///
    /// # Errors
    /// When the window reaches before the start of the calendar.
    pub fn window(&self) -> Result<Window, DomainError> {
        let to = self.as_of.and_time(chrono::NaiveTime::MIN);
        let from = self
            .as_of
            .checked_sub_days(Days::new(u64::from(self.window_days)))
            .ok_or_else(|| DomainError::Invalid("the activity window starts too early".into()))?
            .and_time(chrono::NaiveTime::MIN);
        Ok(Window {
            days: self.window_days,
            from,
            to,
        })
    }
}

/// Splits `a=b c="d e"` into pairs; `a:b` (the lists' filter style) is read the same.
fn words(text: &str) -> Result<Vec<(String, String)>, DomainError> {
    let mut out = Vec::new();
    let mut rest = text.trim_start();
    while !rest.is_empty() {
        let Some((key, after)) = rest.split_once(['=', ':']) else {
            return Err(DomainError::Invalid(format!(
                "expected key=value or key:value, not {:?}",
                rest.split_whitespace().next().unwrap_or(rest)
            )));
        };
        let (value, next) = if let Some(quoted) = after.strip_prefix('"') {
            let end = quoted
                .find('"')
                .ok_or_else(|| DomainError::Invalid("a quote is not closed".into()))?;
            (&quoted[..end], &quoted[end + 1..])
        } else {
            let end = after.find(char::is_whitespace).unwrap_or(after.len());
            (&after[..end], &after[end..])
        };
        out.push((key.trim().to_ascii_lowercase(), value.to_owned()));
        rest = next.trim_start();
    }
    Ok(out)
}

/// # Errors
/// Unless 1 to 3650 days.
pub fn check_window_days(days: u32) -> Result<(), DomainError> {
    if (1..=MAX_WINDOW_DAYS).contains(&days) {
        Ok(())
    } else {
        Err(DomainError::Invalid(format!(
            "the activity window must be 1 to {MAX_WINDOW_DAYS} days, not {days}"
        )))
    }
}

/// # Errors
/// Unless 0 to 100.
pub fn check_under_used(pct: u32) -> Result<(), DomainError> {
    if pct <= 100 {
        Ok(())
    } else {
        Err(DomainError::Invalid(format!(
            "the under-used threshold must be 0 to 100 percent, not {pct}"
        )))
    }
}

/// The next (`up`) or previous window in [`WINDOW_STEPS`] from `days`, staying at the ends.
#[must_use]
pub fn step_window(days: u32, up: bool) -> u32 {
    if up {
        WINDOW_STEPS
            .into_iter()
            .find(|&d| d > days)
            .unwrap_or(WINDOW_STEPS[WINDOW_STEPS.len() - 1])
    } else {
        WINDOW_STEPS
            .into_iter()
            .rev()
            .find(|&d| d < days)
            .unwrap_or(WINDOW_STEPS[0])
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::filter::{Cmp, Filter, Qualifier, Term};

    #[test]
    fn the_drill_down_filter_carries_every_licence_filter() {
        let f = Filters::parse(
            r#"partner="Channel AG" status=active,suspended currency=JPY from=2026-01-01 to=2026-06-30"#,
        )
        .unwrap();
        let text = f.licenses_filter(42);
        let parsed = Filter::parse(&text, crate::db::queries::license_list::QUALIFIERS).unwrap();
        assert!(parsed.words.is_empty(), "{text}");
        assert_eq!(
            parsed.terms,
            vec![
                Term::Id(Qualifier::Company, 42),
                Term::Name(Qualifier::Partner, "=Channel AG".to_owned()),
                Term::LicenseStatus(vec![LicenseStatus::Active, LicenseStatus::Suspended]),
                Term::Currency("JPY".parse().unwrap()),
                Term::Date(Qualifier::Starts, Cmp::Le, d("2026-06-30")),
                Term::Date(Qualifier::Ends, Cmp::Ge, d("2026-01-01")),
            ],
            "{text}"
        );
        assert_eq!(
            Filters::default().licenses_filter(7),
            "company:#7",
            "no dashboard filter: the company alone"
        );
    }

    fn d(s: &str) -> NaiveDate {
        s.parse().unwrap()
    }

    #[test]
    fn window_is_the_whole_days_before_the_reference_date() {
        let q = UtilizationQuery::new(d("2026-03-15"));
        let w = q.window().unwrap();
        assert_eq!(w.from.to_string(), "2026-03-01 00:00:00");
        assert_eq!(w.to.to_string(), "2026-03-15 00:00:00");
        let q = UtilizationQuery {
            window_days: 1,
            ..q
        };
        assert_eq!(q.window().unwrap().from.to_string(), "2026-03-14 00:00:00");
    }

    #[test]
    fn bad_values_are_refused_with_a_reason() {
        let ok = UtilizationQuery::new(d("2026-03-15"));
        assert!(ok.check().is_ok());
        for (q, says) in [
            (
                UtilizationQuery {
                    window_days: 0,
                    ..ok.clone()
                },
                "1 to 3650 days, not 0",
            ),
            (
                UtilizationQuery {
                    window_days: 3651,
                    ..ok.clone()
                },
                "not 3651",
            ),
            (
                UtilizationQuery {
                    under_used_pct: 101,
                    ..ok.clone()
                },
                "0 to 100 percent",
            ),
            (
                UtilizationQuery {
                    filters: Filters {
                        from: Some(d("2026-02-01")),
                        to: Some(d("2026-01-01")),
                        ..Filters::default()
                    },
                    ..ok.clone()
                },
                "reversed",
            ),
            (
                UtilizationQuery {
                    filters: Filters {
                        company: Some("  ".into()),
                        ..Filters::default()
                    },
                    ..ok.clone()
                },
                "company name is empty",
            ),
        ] {
            let err = q.check().unwrap_err().to_string();
            assert!(err.contains(says), "{err}");
        }
    }

    #[test]
    fn window_steps_cycle_through_the_presets() {
        assert_eq!(step_window(14, true), 30);
        assert_eq!(step_window(90, true), 90);
        assert_eq!(step_window(14, false), 7);
        assert_eq!(step_window(7, false), 7);
        assert_eq!(step_window(20, true), 30);
        assert_eq!(step_window(20, false), 14);
    }

    #[test]
    fn filter_words_parse_and_refuse() {
        let f = Filters::parse(
            r#"company="Acme Co" status=active,suspended currency=eur from=2026-01-01 to=2026-06-30 partner=P"#,
        )
        .unwrap();
        assert_eq!(f.company.as_deref(), Some("Acme Co"));
        assert_eq!(f.partner.as_deref(), Some("P"));
        assert_eq!(
            f.statuses,
            vec![LicenseStatus::Active, LicenseStatus::Suspended]
        );
        assert_eq!(f.currency.map(Currency::code), Some("EUR"));
        assert_eq!(
            (f.from, f.to),
            (Some(d("2026-01-01")), Some(d("2026-06-30")))
        );
        assert_eq!(Filters::parse("  ").unwrap(), Filters::default());
        // The lists' `key:value` style reads the same.
        let colons = Filters::parse(r#"company:"Acme Co" currency:eur from:2026-01-01"#).unwrap();
        assert_eq!(colons.company.as_deref(), Some("Acme Co"));
        assert_eq!(colons.currency.map(Currency::code), Some("EUR"));
        assert_eq!(colons.from, Some(d("2026-01-01")));
        for (bad, says) in [
            ("colour=red", "unknown filter"),
            ("status=asleep", "license status"),
            ("currency=XXY", "currency"),
            ("from=yesterday", "expected a date"),
            ("company", "expected key=value"),
            ("company=\"open", "not closed"),
            ("from=2026-02-01 to=2026-01-01", "reversed"),
        ] {
            let err = Filters::parse(bad).unwrap_err().to_string();
            assert!(err.contains(says), "{bad}: {err}");
        }
    }

    #[test]
    fn licence_filters_narrow_the_companies() {
        assert!(!Filters::default().narrows_licenses());
        let company_only = Filters {
            company: Some("Acme".into()),
            ..Filters::default()
        };
        assert!(!company_only.narrows_licenses());
        let status = Filters {
            statuses: vec![LicenseStatus::Active],
            ..Filters::default()
        };
        assert!(status.narrows_licenses());
    }
}
