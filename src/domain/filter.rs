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
    /// What was done: `update`, `create`, `purchase:new`, … (audit log); `login`,
    /// `api_call`, … (activity log).
    Action,
    /// A country: an ISO 3166 code or part of a name (companies, partners).
    Country,
    /// `yes`, `no` or `any`: archived records are hidden unless asked for.
    Archived,
    /// A region containing this text (sales reps, engineers).
    Region,
    /// `yes` or `no` (sales reps, engineers).
    Active,
    /// Portal users with activity in the last N days; typed `active:` too.
    ActiveDays,
    /// `yes` or `no` (portal users).
    Disabled,
    /// A portal user whose e-mail, name or user id contains this text (activity log).
    User,
    /// Activity-log statuses (`ok`, `error`, …); typed `status:` too.
    LogStatus,
}

impl Qualifier {
    const ALL: [Qualifier; 24] = [
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
        Qualifier::Country,
        Qualifier::Archived,
        Qualifier::Region,
        Qualifier::Active,
        Qualifier::ActiveDays,
        Qualifier::Disabled,
        Qualifier::User,
        Qualifier::LogStatus,
    ];

    #[must_use]
    pub fn name(self) -> &'static str {
        match self {
            Qualifier::Status | Qualifier::DeploymentStatus | Qualifier::LogStatus => "status",
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
            Qualifier::Country => "country",
            Qualifier::Archived => "archived",
            Qualifier::Region => "region",
            Qualifier::Active | Qualifier::ActiveDays => "active",
            Qualifier::Disabled => "disabled",
            Qualifier::User => "user",
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
    /// operator, region, user), or codes (entity, action, activity status: a
    /// comma-separated list).
    Name(Qualifier, String),
    /// The one record with this id (`company:#42`): what jumps and drill-downs write, so
    /// that they select the record they came from whatever its name holds.
    Id(Qualifier, i64),
    /// A date column compared with a date (`starts`, `ends`, `date`).
    Date(Qualifier, Cmp, NaiveDate),
    Expiring(u32),
    /// A yes/no column (`active`, `disabled`) equal to this.
    Flag(Qualifier, bool),
    /// Which archived records to show.
    Archived(Archived),
    /// Portal users with activity in the last this many days.
    ActiveWithin(u32),
    /// Countries: the stored spellings (lower case, no spaces) of the ISO 3166 countries
    /// that `text` names, and `text` itself when it may be part of a stored name.
    Country {
        spellings: Vec<String>,
        fragment: Option<String>,
    },
}

/// `archived:` — lists of records that can be archived show the current ones by default.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Archived {
    /// `archived:no`, the default: current records only.
    No,
    /// `archived:yes`: archived records only.
    Yes,
    /// `archived:any`: both.
    Any,
}

impl Filter {
    /// What the filter says about archived records ([`Archived::No`] when it says
    /// nothing; the last `archived:` wins).
    #[must_use]
    pub fn archived(&self) -> Archived {
        self.terms
            .iter()
            .rev()
            .find_map(|t| match t {
                Term::Archived(a) => Some(*a),
                _ => None,
            })
            .unwrap_or(Archived::No)
    }
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

/// Splits on whitespace; double quotes group words (`company:"acme corp"`), and a
/// backslash makes the next `"` or `\` literal (`company:"Say \"hi\""`).
fn tokens(input: &str) -> Result<Vec<String>, DomainError> {
    let mut out = Vec::new();
    let mut current = String::new();
    let mut quoted = false;
    let mut chars = input.chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            '\\' if matches!(chars.peek(), Some('"' | '\\')) => {
                current.extend(chars.next());
            }
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
    if BY_ID.contains(&q)
        && let Some(id) = record_id(value)
    {
        return Ok(Term::Id(q, id));
    }
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
        | Qualifier::Action
        | Qualifier::Region
        | Qualifier::User
        | Qualifier::LogStatus => Term::Name(q, value.to_owned()),
        Qualifier::Country => country(value)?,
        Qualifier::Active | Qualifier::Disabled => Term::Flag(q, yes_no(q, value)?),
        Qualifier::Archived => Term::Archived(match value.to_ascii_lowercase().as_str() {
            "no" | "n" | "false" => Archived::No,
            "yes" | "y" | "true" => Archived::Yes,
            "any" | "all" | "both" => Archived::Any,
            _ => {
                return Err(DomainError::Invalid(format!(
                    "archived:{value} needs yes, no or any (archived:any shows both)"
                )));
            }
        }),
        Qualifier::ActiveDays => Term::ActiveWithin(days(q, value, "active:14")?),
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
        Qualifier::Expiring => Term::Expiring(days(q, value, "expiring:30")?),
    })
}

/// The qualifiers that also take a record's id (`company:#42`).
const BY_ID: [Qualifier; 6] = [
    Qualifier::Company,
    Qualifier::Partner,
    Qualifier::Product,
    Qualifier::Rep,
    Qualifier::Engineer,
    Qualifier::User,
];

/// The id in `#42`: `#` and digits only. A name that looks like that is matched with
/// `company:=#42`.
fn record_id(value: &str) -> Option<i64> {
    let digits = value.strip_prefix('#')?;
    if digits.is_empty() || !digits.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    digits.parse().ok()
}

/// `name:#id`: the filter word that selects one record by its id ([`Term::Id`]).
#[must_use]
pub fn by_id(name: &str, id: i64) -> String {
    format!("{name}:#{id}")
}

/// A number of days, 1 to 3650, optionally followed by `d`.
fn days(q: Qualifier, value: &str, example: &str) -> Result<u32, DomainError> {
    match value.trim_end_matches('d').parse::<u32>() {
        Ok(days) if (1..=3650).contains(&days) => Ok(days),
        _ => Err(DomainError::Invalid(format!(
            "{}:{value} needs a number of days from 1 to 3650 (for example {example})",
            q.name()
        ))),
    }
}

fn yes_no(q: Qualifier, value: &str) -> Result<bool, DomainError> {
    match value.to_ascii_lowercase().as_str() {
        "yes" | "y" | "true" => Ok(true),
        "no" | "n" | "false" => Ok(false),
        _ => Err(DomainError::Invalid(format!(
            "{}:{value} needs yes or no",
            q.name()
        ))),
    }
}

/// `name:=value` as the filter reads it back, matching `value` exactly (in any case):
/// what a jump or a drill-down writes for the record it came from. The value is quoted
/// when it has a space or a quote, or is empty; a `"` or `\` in it is escaped.
#[must_use]
pub fn exactly(name: &str, value: &str) -> String {
    let escaped = value.replace('\\', "\\\\").replace('"', "\\\"");
    if value.is_empty() || value.chars().any(|c| c.is_whitespace() || c == '"') {
        format!("{name}:=\"{escaped}\"")
    } else {
        format!("{name}:={escaped}")
    }
}

/// Lower case without spaces: how country spellings are compared.
#[must_use]
pub fn squash(text: &str) -> String {
    text.chars()
        .filter(|c| !c.is_whitespace())
        .flat_map(char::to_lowercase)
        .collect()
}

/// `country:` — a two-letter (or three-letter) ISO 3166 code, or part of a country's
/// name (three characters at least). Names are compared without spaces and case, so
/// `country:unitedkingdom` and `country:"united kingdom"` agree.
fn country(value: &str) -> Result<Term, DomainError> {
    use celes::LookupTable as _;
    let v = squash(value);
    let by_name = v.chars().count() >= 3;
    let mut spellings = Vec::new();
    for c in celes::Country::get_countries() {
        let names = std::iter::once(c.long_name).chain(c.aliases.iter().copied());
        let name_matches = by_name && names.clone().any(|n| squash(n).contains(&v));
        if c.alpha2.eq_ignore_ascii_case(&v) || c.alpha3.eq_ignore_ascii_case(&v) || name_matches {
            spellings.extend([c.alpha2, c.alpha3].into_iter().chain(names).map(squash));
        }
    }
    if spellings.is_empty() {
        return Err(DomainError::Invalid(format!(
            "country:{value} is neither an ISO 3166 country code (DE) nor part of a country name (germ)"
        )));
    }
    spellings.sort();
    spellings.dedup();
    Ok(Term::Country {
        spellings,
        fragment: by_name.then(|| value.trim().to_owned()),
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
    fn a_backslash_escapes_only_a_quote_or_a_backslash() {
        let f = Filter::parse(r#"company:"Say \"hi\"" dir\temp a\\b \"x"#, LICENSES).unwrap();
        assert_eq!(
            f.terms,
            vec![Term::Name(Qualifier::Company, r#"Say "hi""#.into())]
        );
        assert_eq!(f.words, [r"dir\temp", r"a\b", r#""x"#]);
        // An escaped quote does not close the quoted part.
        assert!(Filter::parse(r#"company:"open \""#, LICENSES).is_err());
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

    #[test]
    fn the_entity_lists_qualifiers() {
        let people = [Qualifier::Region, Qualifier::Active];
        let f = Filter::parse("region:emea active:NO ann", &people).unwrap();
        assert_eq!(f.words, vec!["ann"]);
        assert_eq!(
            f.terms,
            vec![
                Term::Name(Qualifier::Region, "emea".into()),
                Term::Flag(Qualifier::Active, false),
            ]
        );
        let err = |s: &str, q: &[Qualifier]| Filter::parse(s, q).unwrap_err().to_string();
        assert_eq!(err("active:abc", &people), "active:abc needs yes or no");
        assert_eq!(
            err("country:DE", &people),
            "unknown filter country: (this list knows region: active)"
        );

        // `active:` is a number of days on the portal users.
        let users = [
            Qualifier::Company,
            Qualifier::Disabled,
            Qualifier::ActiveDays,
        ];
        let f = Filter::parse("active:14 disabled:yes company:acme", &users).unwrap();
        assert_eq!(
            f.terms,
            vec![
                Term::ActiveWithin(14),
                Term::Flag(Qualifier::Disabled, true),
                Term::Name(Qualifier::Company, "acme".into()),
            ]
        );
        assert!(err("active:yes", &users).contains("1 to 3650 (for example active:14)"));
        assert!(err("active:0", &users).contains("1 to 3650"));
        assert_eq!(
            err("disabled:maybe", &users),
            "disabled:maybe needs yes or no"
        );

        // `status:` on the activity log is its own list of codes.
        let log = [Qualifier::LogStatus, Qualifier::Action, Qualifier::Date];
        let f = Filter::parse("status:error action:login,logout date:<=2026-01-31", &log).unwrap();
        assert_eq!(
            f.terms,
            vec![
                Term::Name(Qualifier::LogStatus, "error".into()),
                Term::Name(Qualifier::Action, "login,logout".into()),
                Term::Date(Qualifier::Date, Cmp::Le, date("2026-01-31")),
            ]
        );
        assert!(err("date:2026-13-40", &log).contains("YYYY-MM-DD"));
    }

    #[test]
    fn archived_defaults_to_the_current_records() {
        let q = [Qualifier::Archived];
        assert_eq!(Filter::parse("acme", &q).unwrap().archived(), Archived::No);
        assert_eq!(
            Filter::parse("archived:yes", &q).unwrap().archived(),
            Archived::Yes
        );
        assert_eq!(
            Filter::parse("archived:ANY", &q).unwrap().archived(),
            Archived::Any
        );
        assert_eq!(
            Filter::parse("archived:all", &q).unwrap().archived(),
            Archived::Any
        );
        assert_eq!(
            Filter::parse("archived:no", &q).unwrap().archived(),
            Archived::No
        );
        assert_eq!(
            Filter::parse("archived:maybe", &q).unwrap_err().to_string(),
            "archived:maybe needs yes, no or any (archived:any shows both)"
        );
    }

    #[test]
    fn countries_by_code_or_name() {
        let q = [Qualifier::Country];
        let terms = |s: &str| Filter::parse(s, &q).unwrap().terms;
        let Term::Country {
            spellings,
            fragment,
        } = &terms("country:de")[0]
        else {
            panic!("a country term");
        };
        // A two-letter code means that country only (not Sweden, not Bangladesh).
        assert!(spellings.contains(&"de".to_owned()));
        assert!(spellings.contains(&"germany".to_owned()));
        assert!(!spellings.contains(&"se".to_owned()));
        assert_eq!(fragment, &None);
        // Three characters or more: part of a name, spaces and case ignored.
        let Term::Country {
            spellings,
            fragment,
        } = &terms("country:\"United K\"")[0]
        else {
            panic!("a country term");
        };
        assert!(spellings.contains(&"gb".to_owned()));
        assert!(!spellings.contains(&"us".to_owned()));
        assert_eq!(fragment.as_deref(), Some("United K"));
        let Term::Country { spellings, .. } = &terms("country:usa")[0] else {
            panic!("a country term");
        };
        assert!(spellings.contains(&"us".to_owned()));
        for bad in ["country:zz", "country:xyzzy", "country:🙂"] {
            let e = Filter::parse(bad, &q).unwrap_err().to_string();
            assert!(e.contains("neither an ISO 3166 country code"), "{bad}: {e}");
        }
    }

    #[test]
    fn jump_values_parse_back_to_an_exact_name() {
        let allowed = [Qualifier::Company, Qualifier::Product, Qualifier::User];
        for name in [
            "Acme",
            "Acme Holding GmbH",
            "Globex 100%_Corp",
            "Ünïcødé 株式会社",
            "=HYPERLINK(\"http://x\",\"click\")",
            "Say \"hi\" to Acme Ltd",
            "back\\slash \\\" both",
            "",
            " ",
        ] {
            let text = exactly("company", name);
            let f = Filter::parse(&text, &allowed).unwrap();
            assert_eq!(
                f.terms,
                vec![Term::Name(Qualifier::Company, format!("={name}"))],
                "{text}"
            );
            assert!(f.words.is_empty(), "{text}");
        }
        // Quotes and backslashes are escaped, so the name parses back whole.
        assert_eq!(
            exactly("company", "Say \"hi\" to Acme Ltd"),
            "company:=\"Say \\\"hi\\\" to Acme Ltd\""
        );
        assert_eq!(exactly("product", "PRO-1"), "product:=PRO-1");
        assert_eq!(exactly("user", "a b@x.example"), "user:=\"a b@x.example\"");
    }

    #[test]
    fn an_id_selects_one_record_and_a_name_like_an_id_stays_a_name() {
        let allowed = [Qualifier::Company, Qualifier::User, Qualifier::Action];
        let parse = |text: &str| Filter::parse(text, &allowed).unwrap().terms;
        assert_eq!(
            parse(&by_id("company", 42)),
            vec![Term::Id(Qualifier::Company, 42)]
        );
        assert_eq!(parse("user:#7"), vec![Term::Id(Qualifier::User, 7)]);
        // `=` asks for the name, and `#` with anything but digits is a name.
        for (text, name) in [
            ("company:=#42", "=#42"),
            ("company:#", "#"),
            ("company:#4x", "#4x"),
            ("company:\"#1 Tools\"", "#1 Tools"),
            ("company:#-3", "#-3"),
            ("company:#99999999999999999999", "#99999999999999999999"),
        ] {
            assert_eq!(
                parse(text),
                vec![Term::Name(Qualifier::Company, name.into())],
                "{text}"
            );
        }
        // Codes are never ids.
        assert_eq!(
            parse("action:#1"),
            vec![Term::Name(Qualifier::Action, "#1".into())]
        );
    }
}
