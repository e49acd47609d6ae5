//! Naming the demo's entities: a permutation that gives each its own combination of name
//! parts, people's names, repeats numbered, and the slugs and mailbox parts of addresses.

use super::rng::{Rng, usize_from};
use super::words::{FIRST_NAMES, LAST_NAMES};

/// A bijection of `0..space` (multiply by a stride coprime to `space`, add an offset), so
/// that the i-th entity gets a distinct, scattered combination of name parts.
#[derive(Debug, Clone, Copy)]
pub struct Perm {
    space: u64,
    stride: u64,
    offset: u64,
}

impl Perm {
    pub fn new(space: u64, rng: &mut Rng) -> Self {
        let space = space.max(1);
        let mut stride = rng.below(space) | 1;
        while gcd(stride, space) != 1 {
            stride = stride % space + 1;
        }
        Self {
            space,
            stride,
            offset: rng.below(space),
        }
    }

    /// The slot of entity `i` in `0..space`, and how many times the space was used up
    /// before it (callers number the repeats).
    pub fn at(&self, i: u64) -> (u64, u64) {
        let mixed = (u128::from(i % self.space) * u128::from(self.stride)
            + u128::from(self.offset))
            % u128::from(self.space);
        (u64::try_from(mixed).unwrap_or(0), i / self.space)
    }
}

fn gcd(mut a: u64, mut b: u64) -> u64 {
    while b != 0 {
        (a, b) = (b, a % b);
    }
    a
}

/// First and last name of person number `i` under `perm`, and the repeat count.
pub fn person_name(perm: &Perm, i: u64) -> (&'static str, &'static str, u64) {
    let (slot, round) = perm.at(i);
    let slot = usize_from(slot);
    (
        FIRST_NAMES[slot % FIRST_NAMES.len()],
        LAST_NAMES[slot / FIRST_NAMES.len() % LAST_NAMES.len()],
        round,
    )
}

/// `base` with " 2", " 3", ... appended for repeats beyond the first.
pub fn numbered(base: &str, round: u64) -> String {
    if round == 0 {
        base.to_owned()
    } else {
        format!("{base} {}", round + 1)
    }
}

/// Lower-case ASCII letters and digits, words joined by '-': `Acme Robotics` -> `acme-robotics`.
pub fn slug(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for word in text.split_whitespace() {
        if !out.is_empty() {
            out.push('-');
        }
        out.extend(
            word.chars()
                .filter(char::is_ascii_alphanumeric)
                .map(|c| c.to_ascii_lowercase()),
        );
    }
    out
}

/// A name as the local part of an address: `O'Brien` -> `obrien`, `de Vries` -> `devries`.
pub fn mail_part(name: &str) -> String {
    name.chars()
        .filter(char::is_ascii_alphanumeric)
        .map(|c| c.to_ascii_lowercase())
        .collect()
}
