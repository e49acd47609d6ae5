//! A tiny deterministic PRNG (SplitMix64), written out here on purpose: the demo data must
//! stay identical across crate versions and platforms, which a dependency's generator does
//! not promise. Not for anything secret.
//!
//! Every row draws from its own stream, `Rng::for_row(seed, stream, id)`, so a row depends
//! only on the seed, its table and its id: never on chunk sizes, on the backend, or on the
//! order in which other rows were made.

/// The golden-ratio increment of SplitMix64.
const GAMMA: u64 = 0x9E37_79B9_7F4A_7C15;

/// SplitMix64's output function (a strong 64-bit mixer).
#[must_use]
pub const fn mix(mut z: u64) -> u64 {
    z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
    z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
    z ^ (z >> 31)
}

/// SplitMix64 (Steele, Lea, Flood 2014; reference code by S. Vigna).
#[derive(Debug, Clone)]
pub struct Rng {
    state: u64,
}

impl Rng {
    #[must_use]
    pub const fn new(seed: u64) -> Self {
        Self { state: seed }
    }

    /// The generator for row `id` of `stream` (one stream per table or purpose).
    #[must_use]
    pub const fn for_row(seed: u64, stream: u64, id: u64) -> Self {
        Self::new(mix(seed ^ mix(stream.wrapping_mul(GAMMA) ^ mix(id))))
    }

    pub fn next_u64(&mut self) -> u64 {
        self.state = self.state.wrapping_add(GAMMA);
        mix(self.state)
    }

    /// A number in `0..n` (`0` when `n` is 0). Multiply-shift, no rejection: the bias is
    /// below 2^-32 for the small ranges used here, and the result stays deterministic.
    pub fn below(&mut self, n: u64) -> u64 {
        let wide = u128::from(self.next_u64()) * u128::from(n);
        // The high half of a 64x64 product always fits in 64 bits.
        u64::try_from(wide >> 64).unwrap_or(0)
    }

    /// An index into a slice of `len` items (`0` when `len` is 0).
    pub fn index(&mut self, len: usize) -> usize {
        usize::try_from(self.below(len as u64)).unwrap_or(0)
    }

    /// A number in `lo..=hi` (`lo` when `hi < lo`).
    pub fn range(&mut self, lo: i64, hi: i64) -> i64 {
        if hi <= lo {
            return lo;
        }
        let span = hi.abs_diff(lo).saturating_add(1);
        lo.saturating_add_unsigned(self.below(span))
    }

    /// True with probability `percent` / 100.
    pub fn percent(&mut self, percent: u64) -> bool {
        self.below(100) < percent
    }

    /// One item of a non-empty slice (`None` for an empty one).
    pub fn pick<'a, T>(&mut self, items: &'a [T]) -> Option<&'a T> {
        let i = self.index(items.len());
        items.get(i)
    }

    /// An index into `cum`, cumulative weights (`cum[i]` = weights `0..=i`), chosen by
    /// weight in O(log n) (`0` when all weights are 0).
    pub fn cumulative(&mut self, cum: &[u64]) -> usize {
        let ticket = self.below(cum.last().copied().unwrap_or(0));
        cum.partition_point(|&c| c <= ticket)
            .min(cum.len().saturating_sub(1))
    }

    /// An index chosen with the given integer weights (`0` when all weights are 0).
    pub fn weighted(&mut self, weights: &[u32]) -> usize {
        let total: u64 = weights.iter().map(|w| u64::from(*w)).sum();
        let mut ticket = self.below(total);
        for (i, w) in weights.iter().enumerate() {
            let w = u64::from(*w);
            if ticket < w {
                return i;
            }
            ticket -= w;
        }
        0
    }
}

/// A count or draw as an i64 (saturating).
pub fn i64_from(v: u64) -> i64 {
    i64::try_from(v).unwrap_or(i64::MAX)
}

/// A count or draw as a usize (saturating).
pub fn usize_from(v: u64) -> usize {
    usize::try_from(v).unwrap_or(usize::MAX)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn matches_the_reference_splitmix64() {
        // Vigna's splitmix64.c seeded with 1234567.
        let mut r = Rng::new(1_234_567);
        let got: Vec<u64> = (0..5).map(|_| r.next_u64()).collect();
        assert_eq!(
            got,
            [
                6_457_827_717_110_365_317,
                3_203_168_211_198_807_973,
                9_817_491_932_198_370_423,
                4_593_380_528_125_082_431,
                16_408_922_859_458_223_821,
            ]
        );
    }

    #[test]
    fn ranges_stay_in_bounds_and_rows_are_independent() {
        let mut r = Rng::new(7);
        for _ in 0..10_000 {
            assert!(r.below(10) < 10);
            let v = r.range(-3, 3);
            assert!((-3..=3).contains(&v));
        }
        assert_eq!(r.below(0), 0);
        assert_eq!(r.range(5, 5), 5);
        assert_eq!(r.range(5, 1), 5);
        assert_eq!(r.pick::<u8>(&[]), None);
        assert_eq!(r.weighted(&[0, 0, 5]), 2);
        assert_eq!(r.weighted(&[0, 0]), 0);
        let a = Rng::for_row(1, 2, 3).next_u64();
        assert_eq!(a, Rng::for_row(1, 2, 3).next_u64());
        assert_ne!(a, Rng::for_row(1, 2, 4).next_u64());
        assert_ne!(a, Rng::for_row(1, 3, 3).next_u64());
        assert_ne!(a, Rng::for_row(2, 2, 3).next_u64());
    }
}
