//! Second factors: the key file that joins the password in deriving a slot key, the key that
//! seals an account's one-time code record, one-time codes (RFC 6238) and the hashes recovery
//! codes are kept as.
//!
//! - A *key file* is 32 random bytes. A slot bound to one is sealed under
//!   HKDF-SHA512(salt = the Argon2id key of the password, ikm = the file's bytes, info = a label
//!   and the account's id): without the file the password derives nothing that opens the slot.
//! - The *factor key* is derived from the account's seed (which only its slot holds): it seals the
//!   account's one-time code record, so the secret is never on disk in plaintext and only a
//!   sign-in through that account's slot can read it.
//! - One-time codes: TOTP as authenticator apps expect (SHA-1, 6 digits, 30-second steps), one
//!   step of clock skew either way.

use totp_rs::{Algorithm, Builder, Totp};

use super::*;

/// Length of a key file, in bytes.
pub const KEY_FILE_LEN: usize = 32;
/// Length of a one-time code secret, in bytes (160 bits, as RFC 4226 recommends).
pub const TOTP_SECRET_LEN: usize = 20;
/// Seconds in one time step.
pub const TOTP_STEP: u64 = 30;
/// Digits in a one-time code.
pub const TOTP_DIGITS: u8 = 6;

const KEY_FILE_INFO: &[u8] = b"casenotes key file v1\0";

/// The contents of a key file. Zeroed on drop; `Debug` shows nothing of it; not `Serialize`.
pub struct KeyFile(Zeroizing<[u8; KEY_FILE_LEN]>);

impl fmt::Debug for KeyFile {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("KeyFile(*******)")
    }
}

impl KeyFile {
    /// Fresh random contents for a new key file.
    pub fn generate() -> Result<KeyFile, VaultError> {
        Ok(KeyFile(Zeroizing::new(random_bytes()?)))
    }

    /// The contents read from a file; `None` unless it is exactly [`KEY_FILE_LEN`] bytes.
    pub fn from_bytes(b: &[u8]) -> Option<KeyFile> {
        let arr: [u8; KEY_FILE_LEN] = b.try_into().ok()?;
        Some(KeyFile(Zeroizing::new(arr)))
    }

    /// The bytes to write to the file.
    pub fn bytes(&self) -> &[u8; KEY_FILE_LEN] {
        &self.0
    }

    /// A copy, for a session that keeps the file's contents while it is unlocked.
    pub fn duplicate(&self) -> KeyFile {
        KeyFile(Zeroizing::new(*self.0))
    }
}

/// The slot key of an account bound to a key file: the password's Argon2id key and the file's
/// bytes combined by HKDF-SHA512, with the account's id in the context. The password key is
/// consumed (and zeroed).
pub fn with_key_file(
    password_key: SlotKey,
    file: &KeyFile,
    account: &[u8],
) -> Result<SlotKey, VaultError> {
    let mut info = Vec::with_capacity(KEY_FILE_INFO.len() + account.len());
    info.extend_from_slice(KEY_FILE_INFO);
    info.extend_from_slice(account);
    let mut out = Zeroizing::new([0u8; KEY_LEN]);
    orion::hazardous::kdf::hkdf::Hkdf::<orion::hazardous::kdf::hkdf::SHA512>::derive_key(
        password_key.bytes(),
        file.bytes(),
        Some(&info),
        out.as_mut_slice(),
    )
    .map_err(|_| VaultError::Encode)?;
    SlotKey::from_slice(out.as_slice())
}

secret_key_type!(
    /// Seals an account's one-time code record. Derived from the account's seed, so only a
    /// sign-in through that account's slot reaches it; a new seed (a new password) needs the
    /// record sealed again.
    FactorKey
);

impl SealingKey for FactorKey {
    fn key_bytes(&self) -> &[u8; KEY_LEN] {
        self.bytes()
    }
}

/// The key that seals the one-time code record of the account whose seed is `seed`.
pub fn factor_key(seed: &AccountSeed) -> Result<FactorKey, VaultError> {
    let k = Zeroizing::new(keyed_blake2b(
        seed.secret_bytes(),
        &[b"casenotes second factor v1"],
        KEY_LEN,
    )?);
    FactorKey::from_slice(&k)
}

/// The keyed hash a recovery code is kept as: BLAKE2b under a random key of the account's,
/// which is itself kept only in the sealed one-time code record.
pub fn recovery_hash(key: &[u8; 32], code: &str) -> Result<[u8; 32], VaultError> {
    let v = keyed_blake2b(key, &[b"casenotes recovery code v1\0", code.as_bytes()], 32)?;
    v.try_into().map_err(|_| VaultError::Encode)
}

fn totp(secret: &[u8], digits: u8) -> Result<Totp, VaultError> {
    Builder::new()
        .with_algorithm(Algorithm::SHA1)
        .with_digits(digits)
        .with_skew(1)
        .with_step_duration(TOTP_STEP)
        .with_secret(secret.to_vec())
        .build()
        .map_err(|_| VaultError::Encode)
}

/// The secret as authenticator apps take it typed: base32 without padding.
pub fn totp_secret_base32(secret: &[u8]) -> String {
    totp_rs::Secret::from(secret.to_vec()).to_base32()
}

/// The one-time code of `secret` for the time step holding `unix_secs`, with `digits` digits
/// (6 for authenticator apps; RFC 6238's test vectors have 8).
pub fn totp_code(secret: &[u8], unix_secs: u64, digits: u8) -> Result<String, VaultError> {
    Ok(totp(secret, digits)?.generate(unix_secs).to_string())
}

/// The time step whose 6-digit code `code` is, at `unix_secs`, allowing one step of clock skew
/// either way; `None` if it is none of them. The caller refuses a step it accepted before.
pub fn totp_step(secret: &[u8], code: &str, unix_secs: u64) -> Option<u64> {
    totp(secret, TOTP_DIGITS).ok()?.check(code, unix_secs)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rfc_6238_sha1_test_vectors() {
        // RFC 6238 appendix B: the SHA-1 secret is the ASCII "12345678901234567890".
        let secret = b"12345678901234567890";
        let vectors = [
            (59, "94287082"),
            (1_111_111_109, "07081804"),
            (1_111_111_111, "14050471"),
            (1_234_567_890, "89005924"),
            (2_000_000_000, "69279037"),
            (20_000_000_000, "65353130"),
        ];
        for (t, code) in vectors {
            assert_eq!(totp_code(secret, t, 8).unwrap(), code, "at {t}");
            // Six digits are the last six of the eight.
            assert_eq!(totp_code(secret, t, 6).unwrap(), code[2..], "at {t}");
        }
    }

    #[test]
    fn a_code_is_accepted_for_its_step_and_one_either_side() {
        let secret = [7u8; TOTP_SECRET_LEN];
        let t = 1_790_000_000;
        let code = totp_code(&secret, t, 6).unwrap();
        assert_eq!(totp_step(&secret, &code, t), Some(t / TOTP_STEP));
        assert_eq!(totp_step(&secret, &code, t + 30), Some(t / TOTP_STEP));
        assert_eq!(totp_step(&secret, &code, t - 30), Some(t / TOTP_STEP));
        assert_eq!(totp_step(&secret, &code, t + 90), None);
        assert_eq!(totp_step(&secret, "12345", t), None);
        assert_eq!(totp_step(&secret, "abcdef", t), None);
        assert_eq!(totp_step(&[8u8; TOTP_SECRET_LEN], &code, t), None);
    }

    #[test]
    fn the_key_file_changes_the_slot_key() {
        let salt = [3u8; 16];
        let cost = KdfCost {
            memory_kib: 64,
            passes: 1,
        };
        let pw = SecretString::from("violet anchor meadow trombone");
        let file = KeyFile::generate().unwrap();
        let other = KeyFile::generate().unwrap();
        let k = |f: &KeyFile| {
            with_key_file(derive_slot_key(&pw, &salt, cost).unwrap(), f, b"user").unwrap()
        };
        let plain = derive_slot_key(&pw, &salt, cost).unwrap();
        assert_eq!(k(&file).bytes(), k(&file).bytes());
        assert_ne!(k(&file).bytes(), k(&other).bytes());
        assert_ne!(k(&file).bytes(), plain.bytes());
        let again = KeyFile::from_bytes(file.bytes()).unwrap();
        assert_eq!(k(&again).bytes(), k(&file).bytes());
        assert!(KeyFile::from_bytes(&[0u8; 31]).is_none());
        assert!(KeyFile::from_bytes(&[0u8; 33]).is_none());
        assert_eq!(format!("{file:?}"), "KeyFile(*******)");
    }

    #[test]
    fn recovery_hashes_are_keyed() {
        let a = recovery_hash(&[1; 32], "abcd-efgh").unwrap();
        assert_eq!(a, recovery_hash(&[1; 32], "abcd-efgh").unwrap());
        assert_ne!(a, recovery_hash(&[2; 32], "abcd-efgh").unwrap());
        assert_ne!(a, recovery_hash(&[1; 32], "abcd-efgi").unwrap());
    }
}
