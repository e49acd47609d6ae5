//! Contact fields shared by customers, partners and people: an email address and an
//! ISO 3166-1 country.

use super::DomainError;
use super::text;

/// The longest address the columns hold (RFC 5321's path limit).
pub const EMAIL_MAX: usize = 254;

/// Checks an email address: `local@domain.tld`, no spaces or control characters, at most
/// [`EMAIL_MAX`] characters. Empty is allowed when not `required`.
///
/// # Errors
/// A message naming `field` and what is wrong.
pub fn check_email(field: &str, value: &str, required: bool) -> Result<String, DomainError> {
    let v = text::check_line(field, value, EMAIL_MAX, required)?;
    if v.is_empty() {
        return Ok(v);
    }
    let bad = || {
        DomainError::Invalid(format!(
            "{field} {:?} is not an email address (name@example.com)",
            text::sanitize(&v)
        ))
    };
    let (local, domain) = v.rsplit_once('@').ok_or_else(bad)?;
    let labels_ok = domain
        .split('.')
        .all(|l| !l.is_empty() && !l.starts_with('-') && !l.ends_with('-'));
    if local.is_empty()
        || local.contains('@')
        || v.chars().any(char::is_whitespace)
        || !domain.contains('.')
        || !labels_ok
    {
        return Err(bad());
    }
    Ok(v)
}

/// A country of the ISO 3166-1 list, by its two-letter code (any case).
///
/// # Errors
/// When the code is not on the list.
pub fn check_country(field: &str, value: &str, required: bool) -> Result<String, DomainError> {
    let v = value.trim().to_ascii_uppercase();
    if v.is_empty() {
        return if required {
            Err(DomainError::Invalid(format!("{field} is required")))
        } else {
            Ok(v)
        };
    }
    celes::Country::from_alpha2(&v)
        .map(|c| c.alpha2.to_owned())
        .map_err(|_| {
            DomainError::Invalid(format!(
                "{field} {:?} is not an ISO 3166 country code (pick one from the list)",
                text::sanitize(value.trim())
            ))
        })
}

/// `DE · Germany` for a stored code; the code alone when it is not on the list.
#[must_use]
pub fn country_label(code: &str) -> String {
    celes::Country::from_alpha2(code).map_or_else(
        |_| code.to_owned(),
        |c| format!("{} · {}", c.alpha2, c.long_name),
    )
}

/// The countries whose code or name contains `text` (any case), by name: (numeric code,
/// label). At most `limit`.
#[must_use]
pub fn search_countries(text: &str, limit: usize) -> Vec<(i64, String)> {
    let needle = text.trim().to_lowercase();
    let mut found: Vec<(i64, String)> = celes::Country::get_countries()
        .iter()
        .filter(|c| {
            needle.is_empty()
                || c.alpha2.to_lowercase().contains(&needle)
                || c.long_name.to_lowercase().contains(&needle)
        })
        .map(|c| {
            (
                i64::try_from(c.value).unwrap_or_default(),
                format!("{} · {}", c.alpha2, c.long_name),
            )
        })
        .collect();
    found.sort_by(|a, b| a.1.split(" · ").nth(1).cmp(&b.1.split(" · ").nth(1)));
    found.truncate(limit);
    found
}

/// The two-letter code of a country by its ISO 3166 numeric code (a picker's choice).
#[must_use]
pub fn alpha2_of(numeric: i64) -> Option<&'static str> {
    let n = usize::try_from(numeric).ok()?;
    celes::Country::from_value(n).ok().map(|c| c.alpha2)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn emails() {
        for ok in ["ops@acme.example", "a.b+c@sub.example.co.uk"] {
            assert_eq!(check_email("email", ok, true).unwrap(), ok);
        }
        assert_eq!(check_email("email", "  ", false).unwrap(), "");
        for bad in [
            "acme.example",
            "@acme.example",
            "ops@acme",
            "ops@@acme.example",
            "o ps@acme.example",
            "ops@-acme.example",
            "ops@acme..example",
            "ops@acme.example\u{202E}",
        ] {
            assert!(check_email("email", bad, true).is_err(), "{bad:?}");
        }
        assert!(check_email("email", "", true).is_err());
        let long = format!("{}@acme.example", "a".repeat(250));
        assert!(check_email("email", &long, true).is_err());
    }

    #[test]
    fn countries() {
        assert_eq!(check_country("country", " de ", true).unwrap(), "DE");
        assert!(check_country("country", "XX", true).is_err());
        assert!(check_country("country", "Germany", true).is_err());
        assert!(check_country("country", "", true).is_err());
        assert_eq!(check_country("country", "", false).unwrap(), "");
        assert_eq!(country_label("DE"), "DE · Germany");
        let found = search_countries("germ", 10);
        assert_eq!(found.len(), 1);
        assert_eq!(alpha2_of(found[0].0), Some("DE"));
        assert!(search_countries("", 500).len() >= 249);
    }
}
