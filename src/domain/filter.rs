//! The `/` filter language of the lists: free words plus `name:value` qualifiers, e.g.
//! `acme status:active,suspended currency:EUR ends:<2027-03-01 starts:>=2026-01-01`.
//! Parsing is pure; the query layer turns a [`Filter`] into SQL.

use chrono::NaiveDate;

use super::license::{DeploymentStatus, LicenseStatus, PurchaseKind};
use super::money::Currency;
use super::{DomainError, text};

/// Longest filter accepted: a typo, not a denial of service, should be the worst case.
const MAX_LEN: usize = 500;

/// A qualifier name, as typed.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Qualifier {
    /// A license status.
    Status,
    /// A deployment status; typed `status:` too, on the deployment list.
    DeploymentStatus,
    Company,
    Partner,
    Product,
    Rep,
    Engineer,
    Currency,
    Kind,
    Starts,
    Ends,
    Date,
    /// Active or suspended licenses ending within this many days.
    Expiring,
    /// The operator who made a change (audit log).
    Operator,
    /// What kind of record changed: `license`, `purchase`, … (audit log).
    Entity,
    /// What was done: `update`, `create`, `purchase:new`, … (audit log).
    Action,
}

impl Qualifier {
    const ALL: [Qualifier; 16] = [
        Qualifier::Status,
        Qualifier::DeploymentStatus,
        Qualifier::Company,
        Qualifier::Partner,
        Qualifier::Product,
        Qualifier::Rep,
        Qualifier::Engineer,
        Qualifier::Currency,
        Qualifier::Kind,
        Qualifier::Starts,
        Qualifier::Ends,
        Qualifier::Date,
        Qualifier::Expiring,
        Qualifier::Operator,
        Qualifier::Entity,
        Qualifier::Action,
    ];

    #[must_use]
    pub fn name(self) -> &'static str {
        match self {
            Qualifier::Status | Qualifier::DeploymentStatus => "status",
            Qualifier::Company => "company",
            Qualifier::Partner => "partner",
            Qualifier::Product => "product",
            Qualifier::Rep => "rep",
            Qualifier::Engineer => "engineer",
            Qualifier::Currency => "currency",
            Qualifier::Kind => "kind",
            Qualifier::Starts => "starts",
            Qualifier::Ends => "ends",
            Qualifier::Date => "date",
            Qualifier::Expiring => "expiring",
            Qualifier::Operator => "operator",
            Qualifier::Entity => "entity",
            Qualifier::Action => "action",
        }
    }
}

/// How a date qualifier compares.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Cmp {
    Lt,
    Le,
    Eq,
    Ge,
    Gt,
}

/// One parsed qualifier.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Term {
    LicenseStatus(Vec<LicenseStatus>),
    DeploymentStatus(Vec<DeploymentStatus>),
    Kind(Vec<PurchaseKind>),
    Currency(Currency),
    /// A name containing this text (company, partner, product code, rep, engineer,
    /// operator), or codes (entity, action: a comma-separated list).
    Name(Qualifier, String),
    /// A date column compared with a date (`starts`, `ends`, `date`).
    Date(Qualifier, Cmp, NaiveDate),
    Expiring(u32),
}

#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Filter {
    /// Free words; each must appear in one of the list's text columns.
    pub words: Vec<String>,
    pub terms: Vec<Term>,
}

impl Filter {
    #[must_use]
    pub fn is_empty(&self) -> bool {
        self.words.is_empty() && self.terms.is_empty()
    }

    /// Parses `input`, accepting only the qualifiers in `allowed`.
    ///
    /// # Errors
    /// An unknown or not-allowed qualifier, a bad value, an unclosed quote, control
    /// characters or an over-long filter, each named in the message.
    pub fn parse(input: &str, allowed: &[Qualifier]) -> Result<Filter, DomainError> {
        let input = text::check_line("filter", input, MAX_LEN, false)?;
        let mut filter = Filter::default();
        for token in tokens(&input)? {
            let Some((name, value)) = split_qualifier(&token) else {
                filter.words.push(token);
                continue;
            };
            let qualifier = Qualifier::ALL
                .into_iter()
                .find(|q| q.name().eq_ignore_ascii_case(name) && allowed.contains(q))
                .ok_or_else(|| {
                    let names: Vec<&str> = allowed.iter().map(|q| q.name()).collect();
                    DomainError::Invalid(format!(
                        "unknown filter {name}: (this list knows {})",
                        names.join(": ")
                    ))
                })?;
            if value.is_empty() {
                return Err(DomainError::Invalid(format!(
                    "{name}: needs a value after the colon"
                )));
            }
            filter.terms.push(term(qualifier, value)?);
        }
        Ok(filter)
    }
}

/// `name:value` when `token` starts with a word and a colon (a bare `12:30` stays a word).
fn split_qualifier(token: &str) -> Option<(&str, &str)> {
    let (name, value) = token.split_once(':')?;
    (!name.is_empty() && name.chars().all(|c| c.is_ascii_alphabetic())).then_some((name, value))
}

/// Splits on whitespace; double quotes group words (`company:"acme corp"`).
fn tokens(input: &str) -> Result<Vec<String>, DomainError> {
    let mut out = Vec::new();
    let mut current = String::new();
    let mut quoted = false;
    for c in input.chars() {
        match c {
            '"' => quoted = !quoted,
            c if c.is_whitespace() && !quoted => {
                if !current.is_empty() {
                    out.push(std::mem::take(&mut current));
                }
            }
            c => current.push(c),
        }
    }
    if quoted {
        return Err(DomainError::Invalid(
            "the filter has an unclosed quote".into(),
        ));
    }
    if !current.is_empty() {
        out.push(current);
    }
    Ok(out)
}

fn term(qualifier: Qualifier, value: &str) -> Result<Term, DomainError> {
    let q = qualifier;
    Ok(match q {
        Qualifier::Status => Term::LicenseStatus(list(value)?),
        Qualifier::DeploymentStatus => Term::DeploymentStatus(list(value)?),
        Qualifier::Kind => Term::Kind(list::<PurchaseKind>(value)?),
        Qualifier::Currency => Term::Currency(value.parse()?),
        Qualifier::Company
        | Qualifier::Partner
        | Qualifier::Product
        | Qualifier::Rep
        | Qualifier::Engineer
        | Qualifier::Operator
        | Qualifier::Entity
        | Qualifier::Action => Term::Name(q, value.to_owned()),
        Qualifier::Starts | Qualifier::Ends | Qualifier::Date => {
            let (cmp, rest) = comparison(value);
            let date = NaiveDate::parse_from_str(rest, "%Y-%m-%d").map_err(|_| {
                DomainError::Invalid(format!(
                    "{}:{value} needs a date as YYYY-MM-DD, optionally after <, <=, >, >= or =",
                    q.name()
                ))
            })?;
            Term::Date(q, cmp, date)
        }
        Qualifier::Expiring => match value.trim_end_matches('d').parse::<u32>() {
            Ok(days) if (1..=3650).contains(&days) => Term::Expiring(days),
            _ => {
                return Err(DomainError::Invalid(format!(
                    "expiring:{value} needs a number of days from 1 to 3650 (for example expiring:30)"
                )));
            }
        },
    })
}

fn comparison(value: &str) -> (Cmp, &str) {
    for (prefix, cmp) in [
        ("<=", Cmp::Le),
        (">=", Cmp::Ge),
        ("<", Cmp::Lt),
        (">", Cmp::Gt),
        ("=", Cmp::Eq),
    ] {
        if let Some(rest) = value.strip_prefix(prefix) {
            return (cmp, rest);
        }
    }
    (Cmp::Eq, value)
}

fn list<T: std::str::FromStr<Err = DomainError>>(value: &str) -> Result<Vec<T>, DomainError> {
    value
        .split(',')
        .filter(|v| !v.is_empty())
        .map(str::parse)
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    const LICENSES: &[Qualifier] = &[
        Qualifier::Status,
        Qualifier::Company,
        Qualifier::Currency,
        Qualifier::Ends,
        Qualifier::Starts,
        Qualifier::Expiring,
    ];

    fn date(s: &str) -> NaiveDate {
        NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap()
    }

    #[test]
    fn words_and_qualifiers() {
        let f = Filter::parse(
            r#"acme  status:active,Suspended company:"big co" currency:eur ends:<2027-03-01 starts:>=2026-01-01 12:30"#,
            LICENSES,
        )
        .unwrap();
        assert_eq!(f.words, vec!["acme", "12:30"]);
        assert_eq!(
            f.terms,
            vec![
                Term::LicenseStatus(vec![LicenseStatus::Active, LicenseStatus::Suspended]),
                Term::Name(Qualifier::Company, "big co".into()),
                Term::Currency("EUR".parse().unwrap()),
                Term::Date(Qualifier::Ends, Cmp::Lt, date("2027-03-01")),
                Term::Date(Qualifier::Starts, Cmp::Ge, date("2026-01-01")),
            ]
        );
        assert!(Filter::parse("   ", LICENSES).unwrap().is_empty());
        assert_eq!(
            Filter::parse("expiring:60d", LICENSES).unwrap().terms,
            vec![Term::Expiring(60)]
        );
    }

    #[test]
    fn bad_filters_are_explained() {
        let err = |s: &str| Filter::parse(s, LICENSES).unwrap_err().to_string();
        assert!(err("engineer:bob").contains("unknown filter engineer:"));
        assert!(err("colour:red").contains("this list knows status:"));
        assert!(err("status:paused").contains("unknown license status \"paused\""));
        assert!(err("currency:XYZ").contains("XYZ"));
        assert!(err("ends:<2027-13-01").contains("YYYY-MM-DD"));
        assert!(err("ends:").contains("needs a value"));
        assert!(err("company:\"acme").contains("unclosed quote"));
        assert!(err("expiring:0").contains("1 to 3650"));
        assert!(err("a\u{1b}[2J").contains("control"));
        assert!(err(&"x".repeat(501)).contains("too long"));
    }

    #[test]
    fn status_means_the_list_s_own_statuses() {
        let f =
            Filter::parse("status:in_progress,planned", &[Qualifier::DeploymentStatus]).unwrap();
        assert_eq!(
            f.terms,
            vec![Term::DeploymentStatus(vec![
                DeploymentStatus::InProgress,
                DeploymentStatus::Planned
            ])]
        );
        assert!(Filter::parse("status:planned", &[Qualifier::Status]).is_err());
    }

    #[test]
    fn the_audit_qualifiers_are_the_audit_log_s_own() {
        let audit = [
            Qualifier::Operator,
            Qualifier::Entity,
            Qualifier::Action,
            Qualifier::Date,
        ];
        let f = Filter::parse(
            "operator:ann entity:license action:purchase:new date:>=2025-01-02",
            &audit,
        )
        .unwrap();
        assert_eq!(
            f.terms,
            vec![
                Term::Name(Qualifier::Operator, "ann".into()),
                Term::Name(Qualifier::Entity, "license".into()),
                Term::Name(Qualifier::Action, "purchase:new".into()),
                Term::Date(Qualifier::Date, Cmp::Ge, date("2025-01-02")),
            ]
        );
        // Other lists refuse them, naming their own.
        let err = Filter::parse("action:update", LICENSES)
            .unwrap_err()
            .to_string();
        assert_eq!(
            err,
            "unknown filter action: (this list knows status: company: currency: ends: starts: expiring)"
        );
        let err = Filter::parse("status:active", &audit)
            .unwrap_err()
            .to_string();
        assert!(
            err.contains("this list knows operator: entity: action: date)"),
            "{err}"
        );
    }
}
