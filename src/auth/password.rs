//! Password hashing: argon2id with OWASP's minimum (m=19456 KiB, t=2, p=1), PHC strings.
//! Passwords are never logged; they live only as long as the call.

use argon2::{Algorithm, Argon2, Params, PasswordHasher, PasswordVerifier, Version};

fn hasher() -> Result<Argon2<'static>, argon2::Error> {
    // Spelled out rather than Default so a library default change cannot weaken it.
    let params = Params::new(19_456, 2, 1, None)?;
    Ok(Argon2::new(Algorithm::Argon2id, Version::V0x13, params))
}

/// # Errors
/// Only if the system's random source or argon2 itself fails.
pub fn hash(password: &str) -> Result<String, String> {
    let argon = hasher().map_err(|e| e.to_string())?;
    argon
        .hash_password(password.as_bytes())
        .map(|h| h.to_string())
        .map_err(|e| format!("cannot hash password: {e}"))
}

/// Whether `password` matches the PHC string `phc`. A malformed hash never matches.
#[must_use]
pub fn verify(password: &str, phc: &str) -> bool {
    // The parameters come from the PHC string; the hasher only supplies the algorithm code.
    hasher().is_ok_and(|a| a.verify_password(password.as_bytes(), phc).is_ok())
}

/// What an unknown username's password is checked against: a hash with the parameters
/// [`hash`] uses, so it costs what a real account's verification costs. Written out rather
/// than made on first use: each CLI run is a fresh process, and making it there doubled
/// the time of every unknown name.
const DUMMY_HASH: &str = "$argon2id$v=19$m=19456,t=2,p=1$/3uj3CgycNDDwo9tp14RIg$H3/qs64TQ8UAE8Np4U8JCtgKK2f7/kxS/lOMpOpzltI";

/// Spends the time of one verification, so an unknown username costs as much as a known one.
pub fn waste_time(password: &str) {
    let _ = verify(password, DUMMY_HASH);
}

/// Letters and digits that cannot be mistaken for one another (no 0/O, 1/l/I, 5/S, 2/Z).
const ONE_TIME_ALPHABET: &[u8] = b"abcdefghijkmnpqrstuvwxyzACDEFGHJKLMNPQRTUVWXY346789";
/// Length of a one-time password: about 113 bits from the alphabet above.
pub const ONE_TIME_LEN: usize = 20;

/// A random one-time password from the operating system's random source, for an admin's
/// reset: [`ONE_TIME_LEN`] characters of an unambiguous alphabet, without modulo bias.
///
/// # Errors
/// Only if the system's random source fails.
pub fn one_time() -> Result<String, String> {
    let n = ONE_TIME_ALPHABET.len();
    // The largest multiple of n below 256: bytes at or above it are drawn again.
    let limit = 256 - 256 % n;
    let mut out = String::with_capacity(ONE_TIME_LEN);
    let mut buf = [0u8; 64];
    while out.len() < ONE_TIME_LEN {
        getrandom::fill(&mut buf).map_err(|e| format!("no random source: {e}"))?;
        for b in buf.iter().map(|b| usize::from(*b)).filter(|b| *b < limit) {
            if out.len() == ONE_TIME_LEN {
                break;
            }
            out.push(char::from(ONE_TIME_ALPHABET[b % n]));
        }
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn one_time_passwords_are_long_unambiguous_and_differ() {
        let a = one_time().unwrap();
        let b = one_time().unwrap();
        assert_eq!(a.chars().count(), ONE_TIME_LEN);
        assert!(a.bytes().all(|c| ONE_TIME_ALPHABET.contains(&c)), "{a}");
        assert!(!a.contains(['0', 'O', '1', 'l', 'I']), "{a}");
        assert_ne!(a, b);
    }

    /// The PHC string up to its salt: algorithm, version and parameters.
    fn params(phc: &str) -> &str {
        phc.rsplitn(3, '$').last().unwrap()
    }

    #[test]
    fn the_dummy_hash_costs_what_a_real_one_costs() {
        // Same algorithm, version and parameters as a hash made now: regenerate the
        // dummy when the parameters change.
        assert_eq!(
            params(DUMMY_HASH),
            params(&hash("any password at all").unwrap())
        );
        assert!(verify("lms-timing-equaliser", DUMMY_HASH));
    }

    #[test]
    fn hashes_are_argon2id_phc_with_owasp_params() {
        let h = hash("correct horse battery").unwrap();
        assert!(h.starts_with("$argon2id$v=19$m=19456,t=2,p=1$"), "{h}");
        assert!(verify("correct horse battery", &h));
        assert!(!verify("wrong horse battery", &h));
        assert!(!verify("correct horse battery", "not a phc string"));
        assert_ne!(h, hash("correct horse battery").unwrap(), "salted");
    }
}
