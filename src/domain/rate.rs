//! Exchange rates as exact decimals, and converting money with them (issue 12 item 5).
//!
//! A [`Rate`] says how many units of the reporting currency one unit of another currency
//! is worth. It is kept as an integer scaled by 10^[`Rate::DECIMALS`], never a float, and
//! a conversion is integer arithmetic in `i128` rounded half away from zero to the
//! reporting currency's minor unit (0 for JPY, 2 for EUR, 3 for KWD).

use std::fmt;

use super::money::Currency;

/// A positive exchange rate with at most [`Rate::DECIMALS`] decimal places.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Rate(i64);

/// 10^[`Rate::DECIMALS`].
const SCALE: i128 = 10_000_000_000;

impl Rate {
    /// Decimal places a rate keeps; more are refused, never rounded away.
    pub const DECIMALS: u32 = 10;
    /// The largest rate accepted: one unit worth a hundred million units.
    pub const MAX_UNITS: i64 = 100_000_000;
    /// A currency converted into itself.
    pub const ONE: Rate = Rate(10_000_000_000);

    /// The rate stored as `scaled` / 10^10.
    ///
    /// # Errors
    /// Zero, negative, or above [`Rate::MAX_UNITS`].
    pub fn from_scaled(scaled: i64) -> Result<Rate, String> {
        if scaled <= 0 {
            return Err("the rate must be more than zero".to_owned());
        }
        if i128::from(scaled) > i128::from(Rate::MAX_UNITS) * SCALE {
            return Err(format!(
                "the rate is more than {}: one unit worth that much is not a rate",
                Rate::MAX_UNITS
            ));
        }
        Ok(Rate(scaled))
    }

    /// The rate × 10^10, as stored.
    #[must_use]
    pub fn scaled(self) -> i64 {
        self.0
    }

    /// Converts `minor` units of `from` into minor units of `to` at this rate (one unit
    /// of `from` is worth the rate in units of `to`), rounded half away from zero.
    /// `None` when the result does not fit.
    #[must_use]
    pub fn convert(self, minor: i64, from: Currency, to: Currency) -> Option<i64> {
        // minor / 10^e_from units × rate / 10^10 × 10^e_to minor units of `to`.
        let (ef, et) = (from.exponent(), to.exponent());
        let mut num = i128::from(minor).checked_mul(i128::from(self.0))?;
        let mut den = SCALE;
        if et >= ef {
            num = num.checked_mul(10_i128.checked_pow(et - ef)?)?;
        } else {
            den = den.checked_mul(10_i128.checked_pow(ef - et)?)?;
        }
        let q = (num.abs().checked_mul(2)?.checked_add(den)?) / (2 * den);
        i64::try_from(if num < 0 { -q } else { q }).ok()
    }
}

impl std::str::FromStr for Rate {
    type Err = String;

    /// A plain decimal: `1.0856`, `0.0062`, `150`. No sign, exponent, grouping or
    /// currency sign.
    fn from_str(s: &str) -> Result<Rate, String> {
        let t = s.trim();
        let bad = || format!("{t:?} is not a rate: write a decimal such as 1.0856");
        let (whole, frac) = t.split_once('.').unwrap_or((t, ""));
        if (whole.is_empty() && frac.is_empty())
            || !whole.bytes().all(|b| b.is_ascii_digit())
            || !frac.bytes().all(|b| b.is_ascii_digit())
        {
            return Err(bad());
        }
        let frac = frac.trim_end_matches('0');
        if frac.len() > Rate::DECIMALS as usize {
            return Err(format!(
                "{t:?} has more than {} decimal places",
                Rate::DECIMALS
            ));
        }
        let whole = whole.trim_start_matches('0');
        if whole.len() > 9 {
            return Err(format!(
                "the rate {t} is more than {}: one unit worth that much is not a rate",
                Rate::MAX_UNITS
            ));
        }
        let w: i64 = if whole.is_empty() {
            0
        } else {
            whole.parse().map_err(|_| bad())?
        };
        let f: i64 = if frac.is_empty() {
            0
        } else {
            format!("{frac:0<10}").parse().map_err(|_| bad())?
        };
        let scaled = w
            .checked_mul(10_000_000_000)
            .and_then(|v| v.checked_add(f))
            .ok_or_else(bad)?;
        Rate::from_scaled(scaled).map_err(|e| format!("{t}: {e}"))
    }
}

impl fmt::Display for Rate {
    /// The exact decimal, without trailing zeros: `1.0856`, `150`.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let whole = self.0 / 10_000_000_000;
        let frac = self.0 % 10_000_000_000;
        if frac == 0 {
            write!(f, "{whole}")
        } else {
            let digits = format!("{frac:010}");
            write!(f, "{whole}.{}", digits.trim_end_matches('0'))
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn cur(code: &str) -> Currency {
        code.parse().unwrap()
    }

    fn rate(s: &str) -> Rate {
        s.parse().unwrap()
    }

    #[test]
    fn rates_read_exactly_and_print_back() {
        assert_eq!(rate("1.0856").scaled(), 10_856_000_000);
        assert_eq!(rate("0.0000000001").scaled(), 1);
        assert_eq!(rate("150").scaled(), 1_500_000_000_000);
        assert_eq!(rate(" .5 ").to_string(), "0.5");
        assert_eq!(rate("1.50000000000000").to_string(), "1.5");
        assert_eq!(rate("100000000").to_string(), "100000000");
        assert_eq!(rate("0.00625").to_string(), "0.00625");
    }

    #[test]
    fn bad_rates_are_refused_with_a_reason() {
        for (text, why) in [
            ("0", "more than zero"),
            ("0.000", "more than zero"),
            ("-1.2", "not a rate"),
            ("abc", "not a rate"),
            ("1,5", "not a rate"),
            ("1e3", "not a rate"),
            ("", "not a rate"),
            (".", "not a rate"),
            ("1.2.3", "not a rate"),
            ("0.00000000001", "more than 10 decimal places"),
            ("100000000.5", "more than 100000000"),
            ("99999999999999999999", "more than 100000000"),
        ] {
            let e = text.parse::<Rate>().unwrap_err();
            assert!(e.contains(why), "{text:?}: {e}");
        }
        assert!(Rate::from_scaled(0).is_err());
        assert!(Rate::from_scaled(-5).is_err());
    }

    #[test]
    fn conversions_round_half_away_from_zero_in_the_target_minor_unit() {
        let (eur, usd, jpy, kwd) = (cur("EUR"), cur("USD"), cur("JPY"), cur("KWD"));
        // 100.00 USD at 0.92 = 92.00 EUR.
        assert_eq!(rate("0.92").convert(10_000, usd, eur), Some(9_200));
        // 0.01 USD at 0.5 = 0.005 EUR: half a cent rounds up, and down below half.
        assert_eq!(rate("0.5").convert(1, usd, eur), Some(1));
        assert_eq!(rate("0.4999999999").convert(1, usd, eur), Some(0));
        assert_eq!(rate("0.5").convert(-1, usd, eur), Some(-1));
        // 1,000 JPY (0 decimals) at 0.0062 = 6.20 EUR.
        assert_eq!(rate("0.0062").convert(1_000, jpy, eur), Some(620));
        // 12.345 KWD (3 decimals) at 2.98 = 36.7881 EUR -> 36.79.
        assert_eq!(rate("2.98").convert(12_345, kwd, eur), Some(3_679));
        // 10.00 EUR at 161.235 JPY = 1,612.35 JPY -> 1,612 JPY.
        assert_eq!(rate("161.235").convert(1_000, eur, jpy), Some(1_612));
        // 10.50 EUR at 161.0 = 1,690.5 JPY -> 1,691 (half away from zero).
        assert_eq!(rate("161").convert(1_050, eur, jpy), Some(1_691));
        // 1.00 EUR at 0.3355 KWD = 0.3355 -> 0.336 KWD (3 decimals).
        assert_eq!(rate("0.3355").convert(100, eur, kwd), Some(336));
        assert_eq!(Rate::ONE.convert(12_345, eur, eur), Some(12_345));
        assert_eq!(rate("100000000").convert(i64::MAX, usd, eur), None);
    }
}
