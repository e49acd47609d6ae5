//! The `x` key: "expiring soon", ending within 30, then 60, then 90 days, then off.

use crate::domain::filter::{Filter, Term};

/// The `x` key's steps, in days; after the last one the filter is off.
const EXPIRING_STEPS: [u32; 3] = [30, 60, 90];

/// The next step of the `x` cycle after the filter in force.
pub fn next_expiring(filter: &Filter) -> Option<u32> {
    let now = match filter.terms.as_slice() {
        [Term::Expiring(days)] if filter.words.is_empty() => Some(*days),
        _ => None,
    };
    match now {
        None => EXPIRING_STEPS.first().copied(),
        Some(d) => EXPIRING_STEPS.iter().copied().find(|s| *s > d),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::db::queries::license_list::QUALIFIERS;

    #[test]
    fn expiring_cycles_30_60_90_off() {
        let f = |s: &str| Filter::parse(s, QUALIFIERS).unwrap();
        assert_eq!(next_expiring(&f("")), Some(30));
        assert_eq!(next_expiring(&f("expiring:30")), Some(60));
        assert_eq!(next_expiring(&f("expiring:60")), Some(90));
        assert_eq!(next_expiring(&f("expiring:90")), None);
        // Another filter in force: the cycle starts over.
        assert_eq!(next_expiring(&f("status:active")), Some(30));
    }
}
