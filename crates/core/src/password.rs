//! Password hashing with Argon2id (the `argon2` crate's defaults follow the
//! OWASP recommendation: 19 MiB, 2 passes, 1 lane).
//!
//! Hashing is deliberately slow; callers on an async runtime run these in a
//! blocking task.

use argon2::Argon2;
use argon2::password_hash::{
    PasswordHash, PasswordHasher, PasswordVerifier, SaltString, rand_core::OsRng,
};

use std::sync::OnceLock;

use crate::values::NewPassword;

#[derive(Debug, thiserror::Error)]
#[error("password hashing failed: {0}")]
pub struct HashError(String);

/// Hashes a new password into a PHC string (`$argon2id$v=19$...`).
pub fn hash(password: &NewPassword) -> Result<String, HashError> {
    let salt = SaltString::generate(&mut OsRng);
    Argon2::default()
        .hash_password(password.expose().as_bytes(), &salt)
        .map(|hash| hash.to_string())
        .map_err(|error| HashError(error.to_string()))
}

/// True when `candidate` matches the stored PHC string. A malformed stored hash
/// never matches.
pub fn verify(candidate: &str, stored_hash: &str) -> bool {
    match PasswordHash::new(stored_hash) {
        Ok(parsed) => Argon2::default()
            .verify_password(candidate.as_bytes(), &parsed)
            .is_ok(),
        Err(_) => false,
    }
}

/// A real Argon2id hash of a password nobody knows, verified against when the
/// e-mail is unknown so that response times do not reveal which accounts exist.
pub fn dummy_hash() -> &'static str {
    static DUMMY: OnceLock<String> = OnceLock::new();
    DUMMY.get_or_init(|| {
        let unguessable = SaltString::generate(&mut OsRng);
        NewPassword::parse(&format!("dummy-{}", unguessable.as_str()))
            .ok()
            .and_then(|password| hash(&password).ok())
            .unwrap_or_default()
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_hash_is_argon2id_and_verifies_only_the_right_password() {
        let password = NewPassword::parse("correct horse battery").expect("long enough");
        let stored = hash(&password).expect("hashing works");
        assert!(stored.starts_with("$argon2id$"));
        assert!(verify("correct horse battery", &stored));
        assert!(!verify("correct horse batterY", &stored));
    }

    #[test]
    fn two_hashes_of_one_password_differ_by_salt() {
        let password = NewPassword::parse("correct horse battery").expect("long enough");
        let first = hash(&password).expect("hashing works");
        let second = hash(&password).expect("hashing works");
        assert_ne!(first, second);
    }

    #[test]
    fn a_malformed_stored_hash_never_matches() {
        assert!(!verify("anything", "not-a-phc-string"));
        assert!(dummy_hash().starts_with("$argon2id$"));
        assert!(!verify("anything", dummy_hash()));
    }
}
