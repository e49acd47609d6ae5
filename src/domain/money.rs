//! Money as integer minor units with an ISO 4217 currency. Never floats; amounts of two
//! currencies are never added together.

use std::collections::BTreeMap;
use std::fmt;
use std::str::FromStr;

use super::DomainError;

/// A checked ISO 4217 currency code.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct Currency(iso_currency::Currency);

impl Currency {
    #[must_use]
    pub fn code(self) -> &'static str {
        self.0.code()
    }

    /// Digits after the decimal point (2 for EUR, 0 for JPY, 3 for BHD).
    #[must_use]
    pub fn exponent(self) -> u32 {
        self.0.exponent().map_or(0, u32::from)
    }
}

impl FromStr for Currency {
    type Err = DomainError;

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        let code = s.trim().to_ascii_uppercase();
        iso_currency::Currency::from_code(&code)
            .map(Currency)
            .ok_or_else(|| DomainError::UnknownValue {
                what: "ISO 4217 currency code",
                value: s.to_owned(),
            })
    }
}

impl fmt::Display for Currency {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.code())
    }
}

/// An amount in minor units (cents) of one currency.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Money {
    pub minor: i64,
    pub currency: Currency,
}

impl Money {
    #[must_use]
    pub fn new(minor: i64, currency: Currency) -> Self {
        Self { minor, currency }
    }

    /// Parses a decimal amount such as `1234.5` or `-0.99` into minor units of `currency`,
    /// refusing more decimals than the currency has.
    ///
    /// # Errors
    /// A message naming what is wrong with the amount.
    pub fn parse(amount: &str, currency: Currency) -> Result<Self, DomainError> {
        let t = amount.trim().replace(['_', ','], "");
        let bad = || DomainError::Invalid(format!("{amount:?} is not an amount in {currency}"));
        let (neg, digits) = match t.strip_prefix('-') {
            Some(rest) => (true, rest),
            None => (false, t.as_str()),
        };
        let (whole, frac) = digits.split_once('.').unwrap_or((digits, ""));
        let exp = currency.exponent() as usize;
        if whole.is_empty() && frac.is_empty()
            || !whole.bytes().all(|b| b.is_ascii_digit())
            || !frac.bytes().all(|b| b.is_ascii_digit())
        {
            return Err(bad());
        }
        if frac.len() > exp {
            return Err(DomainError::Invalid(format!(
                "{currency} has {exp} decimal places; {amount:?} has {}",
                frac.len()
            )));
        }
        let scale = 10_i64.pow(currency.exponent());
        let whole: i64 = if whole.is_empty() {
            0
        } else {
            whole.parse().map_err(|_| bad())?
        };
        let frac_val: i64 = if frac.is_empty() {
            0
        } else {
            format!("{frac:0<exp$}").parse().map_err(|_| bad())?
        };
        let minor = whole
            .checked_mul(scale)
            .and_then(|w| w.checked_add(frac_val))
            .ok_or_else(|| DomainError::Invalid(format!("{amount:?} is too large")))?;
        Ok(Self::new(if neg { -minor } else { minor }, currency))
    }
}

impl Money {
    /// "1234.50" (JPY "1234", BHD "1.234"): the amount in major units without grouping or
    /// code, as machines read it and [`Money::parse`] reads it back.
    #[must_use]
    pub fn plain(self) -> String {
        let exp = self.currency.exponent();
        let sign = if self.minor < 0 { "-" } else { "" };
        let abs = self.minor.unsigned_abs();
        if exp == 0 {
            return format!("{sign}{abs}");
        }
        let scale = 10_u64.pow(exp);
        format!(
            "{sign}{}.{:0w$}",
            abs / scale,
            abs % scale,
            w = exp as usize
        )
    }
}

impl fmt::Display for Money {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let exp = self.currency.exponent();
        let sign = if self.minor < 0 { "-" } else { "" };
        let abs = self.minor.unsigned_abs();
        let scale = 10_u64.pow(exp);
        let whole = super::text::grouped(abs / scale);
        if exp == 0 {
            write!(f, "{sign}{whole} {}", self.currency)
        } else {
            let frac = abs % scale;
            write!(
                f,
                "{sign}{whole}.{frac:0width$} {}",
                self.currency,
                width = exp as usize
            )
        }
    }
}

/// Sums kept apart per currency.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct PerCurrency(BTreeMap<Currency, i64>);

impl PerCurrency {
    pub fn add(&mut self, money: Money) {
        *self.0.entry(money.currency).or_insert(0) += money.minor;
    }

    pub fn iter(&self) -> impl Iterator<Item = Money> + '_ {
        self.0.iter().map(|(c, m)| Money::new(*m, *c))
    }

    #[must_use]
    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }
}

impl fmt::Display for PerCurrency {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.is_empty() {
            return f.write_str("-");
        }
        for (i, m) in self.iter().enumerate() {
            if i > 0 {
                f.write_str(" | ")?;
            }
            write!(f, "{m}")?;
        }
        Ok(())
    }
}

/// `a / b` rounded half away from zero (`b > 0`): an average in minor units.
#[must_use]
pub fn div_round(a: i64, b: i64) -> i64 {
    let (a, b) = (i128::from(a), i128::from(b.max(1)));
    let q = (2 * a.abs() + b) / (2 * b);
    i64::try_from(if a < 0 { -q } else { q }).unwrap_or(i64::MAX)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn cur(code: &str) -> Currency {
        code.parse().unwrap()
    }

    #[test]
    fn currency_codes_are_checked() {
        assert_eq!(cur("eur").code(), "EUR");
        assert_eq!(cur("JPY").exponent(), 0);
        assert_eq!(cur("BHD").exponent(), 3);
        for bad in ["", "EU", "EURO", "XYZ", "€", "12\u{0}"] {
            assert!(bad.parse::<Currency>().is_err(), "{bad:?}");
        }
    }

    #[test]
    fn plain_amounts_read_back() {
        for (minor, code, text) in [
            (123_456, "EUR", "1234.56"),
            (-5, "EUR", "-0.05"),
            (1234, "JPY", "1234"),
            (1234, "BHD", "1.234"),
            (0, "USD", "0.00"),
        ] {
            let m = Money::new(minor, cur(code));
            assert_eq!(m.plain(), text);
            assert_eq!(Money::parse(text, cur(code)).unwrap(), m);
        }
    }

    #[test]
    fn parse_and_format_amounts() {
        let eur = cur("EUR");
        assert_eq!(Money::parse("1234.5", eur).unwrap().minor, 123_450);
        assert_eq!(Money::parse("-0.99", eur).unwrap().minor, -99);
        assert_eq!(Money::parse("1,000", eur).unwrap().minor, 100_000);
        assert_eq!(Money::parse(".5", eur).unwrap().minor, 50);
        assert_eq!(Money::new(123_450, eur).to_string(), "1,234.50 EUR");
        assert_eq!(Money::new(-5, eur).to_string(), "-0.05 EUR");
        assert_eq!(
            Money::new(1_000_000, cur("JPY")).to_string(),
            "1,000,000 JPY"
        );
        for bad in [
            "",
            "-",
            "1.234",
            "abc",
            "1e5",
            "1.2.3",
            "99999999999999999999",
        ] {
            assert!(Money::parse(bad, eur).is_err(), "{bad:?}");
        }
        assert!(Money::parse("1.5", cur("JPY")).is_err());
    }

    #[test]
    fn per_currency_never_mixes() {
        let mut sums = PerCurrency::default();
        sums.add(Money::new(100, cur("EUR")));
        sums.add(Money::new(250, cur("USD")));
        sums.add(Money::new(50, cur("EUR")));
        let all: Vec<_> = sums.iter().map(|m| (m.currency.code(), m.minor)).collect();
        assert_eq!(all, vec![("EUR", 150), ("USD", 250)]);
        assert_eq!(sums.to_string(), "1.50 EUR | 2.50 USD");
    }
}
