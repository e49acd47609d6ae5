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

/// Spends the time of one verification, so an unknown username costs as much as a known one.
pub fn waste_time(password: &str) {
    static DUMMY: std::sync::OnceLock<String> = std::sync::OnceLock::new();
    let dummy = DUMMY.get_or_init(|| hash("lms-timing-equaliser").unwrap_or_default());
    let _ = verify(password, dummy);
}

#[cfg(test)]
mod tests {
    use super::*;

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
