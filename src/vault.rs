//! Keys and sealing: Argon2id key slots, the office key, per-client data keys, sealed records
//! bound to their table and id, and the keyed MAC that chains the audit trail.
//!
//! Knows nothing of tables or transactions: callers hand it bytes and an [`Aad`] naming where
//! those bytes live.
//!
//! - `vault.rs`: sealing, key derivation, the audit MAC.
//! - `ring`: the case key ring, account key pairs, grants, slot contents and clients' data
//!   keys: what seals what is described there.
//! - `factors`: second factors: key files in the slot key's derivation, one-time codes, the key
//!   that seals an account's one-time code record, recovery code hashes.

use std::fmt;

use orion::hazardous::aead::xchacha20poly1305::{self as xchacha, XChaCha20Poly1305};
use orion::hazardous::mac::blake2b;
use secrecy::{ExposeSecret, SecretString};
use serde::{Deserialize, Serialize, de::DeserializeOwned};
use zeroize::{Zeroize, Zeroizing};

/// The version of the record layout. Bound into every sealed record's associated data, so a
/// record written under another schema cannot be opened as this one.
pub const SCHEMA_VERSION: u32 = 3;

const KEY_LEN: usize = 32;
const NONCE_LEN: usize = 24;
const TAG_LEN: usize = 16;
/// Bytes a sealed record adds to its plaintext.
pub const SEAL_OVERHEAD: usize = NONCE_LEN + TAG_LEN;

/// The largest Argon2id memory cost accepted when unlocking, so that a tampered slot cannot make
/// an unlock take unbounded memory or time.
pub const MAX_KDF_MEMORY_KIB: u32 = 1024 * 1024;
/// The largest number of Argon2id passes accepted when unlocking.
pub const MAX_KDF_PASSES: u32 = 10;
const MIN_KDF_MEMORY_KIB: u32 = 8;

/// Errors of the vault layer. They never carry key material or plaintext.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum VaultError {
    /// The password did not open the slot (or the slot was altered).
    #[error("wrong password")]
    WrongPassword,
    /// A sealed record failed authentication: altered, moved or damaged.
    #[error("a record failed its integrity check (the store was altered or damaged)")]
    Tampered,
    /// A slot demands a key-derivation cost outside the accepted bounds.
    #[error("a key slot asks for an unacceptable key-derivation cost (the store was altered)")]
    CostRefused,
    /// The operating system's random number generator failed.
    #[error("the system random number generator failed")]
    Random,
    /// A record could not be encoded.
    #[error("a record could not be encoded")]
    Encode,
}

/// Fills a fixed-size array from the operating system's CSPRNG.
pub fn random_bytes<const N: usize>() -> Result<[u8; N], VaultError> {
    let mut out = [0u8; N];
    orion::util::secure_rand_bytes(&mut out).map_err(|_| VaultError::Random)?;
    Ok(out)
}

macro_rules! secret_key_type {
    ($(#[$doc:meta])* $name:ident) => {
        $(#[$doc])*
        pub struct $name(Zeroizing<[u8; KEY_LEN]>);

        impl $name {
            /// A fresh random key.
            pub fn generate() -> Result<Self, VaultError> {
                Ok(Self(Zeroizing::new(random_bytes()?)))
            }

            fn bytes(&self) -> &[u8; KEY_LEN] {
                &self.0
            }

            fn from_slice(b: &[u8]) -> Result<Self, VaultError> {
                let arr: [u8; KEY_LEN] = b.try_into().map_err(|_| VaultError::Tampered)?;
                Ok(Self(Zeroizing::new(arr)))
            }
        }

        impl fmt::Debug for $name {
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str(concat!(stringify!($name), "(*******)"))
            }
        }
    };
}

secret_key_type!(
    /// The office key: seals what administrators manage (users, policy, the roster, the audit
    /// trail without its stated reasons). Every key slot holds it; it opens no client. Lives in
    /// memory only while a session is unlocked; zeroed on drop. Deliberately neither `Clone` nor
    /// `Serialize`.
    MasterKey
);
secret_key_type!(
    /// One client's key. Destroying its sealed copy erases the client's records.
    DataKey
);
secret_key_type!(
    /// A key derived from a user's password; opens that user's slot.
    SlotKey
);
secret_key_type!(
    /// The key of the audit chain's MAC, derived from the office key.
    AuditKey
);

mod factors;
mod ring;
pub use factors::*;
pub use ring::*;

/// Anything that can seal records.
pub trait SealingKey {
    #[doc(hidden)]
    fn key_bytes(&self) -> &[u8; KEY_LEN];
}

impl SealingKey for MasterKey {
    fn key_bytes(&self) -> &[u8; KEY_LEN] {
        self.bytes()
    }
}
impl SealingKey for DataKey {
    fn key_bytes(&self) -> &[u8; KEY_LEN] {
        self.bytes()
    }
}
impl SealingKey for SlotKey {
    fn key_bytes(&self) -> &[u8; KEY_LEN] {
        self.bytes()
    }
}

/// Argon2id cost parameters, stored beside each slot so they can be raised later.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct KdfCost {
    pub memory_kib: u32,
    pub passes: u32,
}

impl KdfCost {
    /// The default: 64 MiB, 3 passes.
    pub const DEFAULT: KdfCost = KdfCost {
        memory_kib: 64 * 1024,
        passes: 3,
    };

    /// Whether an unlock may spend this much work.
    pub fn acceptable(self) -> bool {
        (MIN_KDF_MEMORY_KIB..=MAX_KDF_MEMORY_KIB).contains(&self.memory_kib)
            && (1..=MAX_KDF_PASSES).contains(&self.passes)
    }
}

static DERIVATIONS: std::sync::atomic::AtomicU64 = std::sync::atomic::AtomicU64::new(0);

/// How many slot keys this process has begun to derive (for measuring how many password guesses
/// were evaluated).
pub fn slot_key_derivations() -> u64 {
    DERIVATIONS.load(std::sync::atomic::Ordering::Relaxed)
}

/// Derives the key that opens a slot from a password. Refuses a cost above the cap.
pub fn derive_slot_key(
    password: &SecretString,
    salt: &[u8; 16],
    cost: KdfCost,
) -> Result<SlotKey, VaultError> {
    if !cost.acceptable() {
        return Err(VaultError::CostRefused);
    }
    DERIVATIONS.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
    let pw = orion::kdf::Password::try_from(password.expose_secret().as_bytes())
        .map_err(|_| VaultError::WrongPassword)?;
    let salt = orion::kdf::Salt::try_from(salt.as_slice()).map_err(|_| VaultError::Tampered)?;
    let params = orion::kdf::CostParams::new(cost.passes, cost.memory_kib, 1)
        .map_err(|_| VaultError::CostRefused)?;
    let dk = orion::kdf::derive_key(&pw, &salt, &params, KEY_LEN as u32)
        .map_err(|_| VaultError::CostRefused)?;
    SlotKey::from_slice(dk.unprotected_as_ref())
}

/// Where a sealed record lives: its table and its key. Bound into the ciphertext as associated
/// data together with [`SCHEMA_VERSION`], so a record copied to another row or table fails to
/// open.
#[derive(Debug, Clone, Copy)]
pub struct Aad<'a> {
    pub table: &'static str,
    pub id: &'a [u8],
}

impl Aad<'_> {
    fn to_bytes(self) -> Vec<u8> {
        let mut v = Vec::with_capacity(16 + self.table.len() + self.id.len());
        v.extend_from_slice(b"casenotes\0");
        v.extend_from_slice(&SCHEMA_VERSION.to_le_bytes());
        v.extend_from_slice(self.table.as_bytes());
        v.push(0);
        v.extend_from_slice(self.id);
        v
    }
}

/// Seals bytes: `nonce || ciphertext || tag`, XChaCha20-Poly1305 with a random nonce.
pub fn seal(key: &impl SealingKey, aad: Aad<'_>, plaintext: &[u8]) -> Result<Vec<u8>, VaultError> {
    let sk =
        xchacha::SecretKey::try_from(key.key_bytes().as_slice()).map_err(|_| VaultError::Encode)?;
    let nonce_bytes: [u8; NONCE_LEN] = random_bytes()?;
    let nonce = xchacha::Nonce::try_from(nonce_bytes.as_slice()).map_err(|_| VaultError::Encode)?;
    let mut out = vec![0u8; NONCE_LEN + plaintext.len() + TAG_LEN];
    out[..NONCE_LEN].copy_from_slice(&nonce_bytes);
    XChaCha20Poly1305::seal(
        &sk,
        &nonce,
        plaintext,
        Some(&aad.to_bytes()),
        &mut out[NONCE_LEN..],
    )
    .map_err(|_| VaultError::Encode)?;
    Ok(out)
}

/// Opens what [`seal`] made, checking that it belongs at `aad`. The plaintext is zeroed on drop.
pub fn open(
    key: &impl SealingKey,
    aad: Aad<'_>,
    sealed: &[u8],
) -> Result<Zeroizing<Vec<u8>>, VaultError> {
    if sealed.len() < NONCE_LEN + TAG_LEN {
        return Err(VaultError::Tampered);
    }
    let sk = xchacha::SecretKey::try_from(key.key_bytes().as_slice())
        .map_err(|_| VaultError::Tampered)?;
    let nonce = xchacha::Nonce::try_from(&sealed[..NONCE_LEN]).map_err(|_| VaultError::Tampered)?;
    let mut out = Zeroizing::new(vec![0u8; sealed.len() - NONCE_LEN - TAG_LEN]);
    XChaCha20Poly1305::open(
        &sk,
        &nonce,
        &sealed[NONCE_LEN..],
        Some(&aad.to_bytes()),
        &mut out,
    )
    .map_err(|_| VaultError::Tampered)?;
    Ok(out)
}

/// The first byte of a record's plaintext says how the rest is encoded.
const RAW: u8 = 0;
const DEFLATE: u8 = 1;
/// Records shorter than this are not worth compressing.
const COMPRESS_FROM: usize = 192;
/// The largest record plaintext accepted when opening (a bound on decompression).
const MAX_RECORD: usize = 16 * 1024 * 1024;

/// Encodes a record with postcard, compresses it when that saves space (notes are prose), and
/// seals it. Every intermediate buffer holding plaintext is zeroed afterwards.
pub fn seal_record<T: Serialize>(
    key: &impl SealingKey,
    aad: Aad<'_>,
    record: &T,
) -> Result<Vec<u8>, VaultError> {
    seal_encoded(key, aad, record, true)
}

/// As [`seal_record`], never compressed: for small records read in bulk (every client record is
/// opened to list a caseload or count the dashboard), where inflating each would cost more time
/// than the bytes it saves. [`open_record`] opens both.
pub fn seal_record_uncompressed<T: Serialize>(
    key: &impl SealingKey,
    aad: Aad<'_>,
    record: &T,
) -> Result<Vec<u8>, VaultError> {
    seal_encoded(key, aad, record, false)
}

fn seal_encoded<T: Serialize>(
    key: &impl SealingKey,
    aad: Aad<'_>,
    record: &T,
    compress: bool,
) -> Result<Vec<u8>, VaultError> {
    let mut plain = postcard::to_allocvec(record).map_err(|_| VaultError::Encode)?;
    let mut body = Vec::with_capacity(plain.len() + 1);
    if compress && plain.len() >= COMPRESS_FROM {
        let mut packed = miniz_oxide::deflate::compress_to_vec(&plain, 6);
        if packed.len() < plain.len() {
            body.push(DEFLATE);
            body.extend_from_slice(&packed);
        }
        packed.zeroize();
    }
    if body.is_empty() {
        body.push(RAW);
        body.extend_from_slice(&plain);
    }
    plain.zeroize();
    let sealed = seal(key, aad, &body);
    body.zeroize();
    sealed
}

/// Opens and decodes a record sealed by [`seal_record`].
pub fn open_record<T: DeserializeOwned>(
    key: &impl SealingKey,
    aad: Aad<'_>,
    sealed: &[u8],
) -> Result<T, VaultError> {
    let opened = open(key, aad, sealed)?;
    match opened.split_first() {
        Some((&RAW, rest)) => postcard::from_bytes(rest).map_err(|_| VaultError::Tampered),
        Some((&DEFLATE, rest)) => {
            let plain = Zeroizing::new(
                miniz_oxide::inflate::decompress_to_vec_with_limit(rest, MAX_RECORD)
                    .map_err(|_| VaultError::Tampered)?,
            );
            postcard::from_bytes(&plain).map_err(|_| VaultError::Tampered)
        }
        _ => Err(VaultError::Tampered),
    }
}

fn keyed_blake2b(key: &[u8], parts: &[&[u8]], out_len: usize) -> Result<Vec<u8>, VaultError> {
    let sk = blake2b::SecretKey::try_from(key).map_err(|_| VaultError::Encode)?;
    let mut st = blake2b::Blake2b::new(&sk, out_len).map_err(|_| VaultError::Encode)?;
    for p in parts {
        st.update(p).map_err(|_| VaultError::Encode)?;
    }
    let tag = st.finalize().map_err(|_| VaultError::Encode)?;
    Ok(tag.unprotected_as_ref().to_vec())
}

/// The audit chain's MAC key, derived from the office key (domain-separated).
pub fn audit_key(master: &MasterKey) -> Result<AuditKey, VaultError> {
    let k = Zeroizing::new(keyed_blake2b(
        master.bytes(),
        &[b"casenotes audit chain v1"],
        KEY_LEN,
    )?);
    AuditKey::from_slice(&k)
}

/// Length of an audit chain MAC.
pub const MAC_LEN: usize = 32;

/// The MAC of one audit event: over the previous event's MAC, the event's sequence number and
/// its sealed bytes. Editing, removing or reordering any event breaks every MAC after it.
pub fn chain_mac(
    key: &AuditKey,
    prev: &[u8; MAC_LEN],
    seq: u64,
    sealed: &[u8],
) -> Result<[u8; MAC_LEN], VaultError> {
    let v = keyed_blake2b(key.bytes(), &[prev, &seq.to_le_bytes(), sealed], MAC_LEN)?;
    v.try_into().map_err(|_| VaultError::Encode)
}

/// Compares two MACs in constant time.
pub fn mac_eq(a: &[u8; MAC_LEN], b: &[u8; MAC_LEN]) -> bool {
    orion::util::secure_cmp(a, b).is_ok()
}

/// The id under which a username's key slot is filed: a keyed hash, so the raw file never holds
/// the name. (Anyone holding the file and guessing a name can still confirm the guess.)
pub fn name_lookup_id(store_salt: &[u8; 16], username: &str) -> Result<[u8; 16], VaultError> {
    let v = keyed_blake2b(
        store_salt,
        &[b"casenotes user v1\0", username.as_bytes()],
        16,
    )?;
    v.try_into().map_err(|_| VaultError::Encode)
}

#[cfg(test)]
mod tests {
    use super::*;

    const FAST: KdfCost = KdfCost {
        memory_kib: 64,
        passes: 1,
    };

    fn aad(id: &[u8]) -> Aad<'_> {
        Aad { table: "notes", id }
    }

    #[test]
    fn sealed_records_open_only_where_they_were_sealed() {
        let k = DataKey::generate().unwrap();
        let sealed = seal(&k, aad(b"1"), b"client disclosed a diagnosis").unwrap();
        assert_eq!(
            &open(&k, aad(b"1"), &sealed).unwrap()[..],
            b"client disclosed a diagnosis"
        );
        assert!(
            open(&k, aad(b"2"), &sealed).is_err(),
            "moved to another row"
        );
        let other_table = Aad {
            table: "clients",
            id: b"1",
        };
        assert!(
            open(&k, other_table, &sealed).is_err(),
            "moved to another table"
        );
        let other = DataKey::generate().unwrap();
        assert!(open(&other, aad(b"1"), &sealed).is_err(), "wrong key");
        for i in 0..sealed.len() {
            let mut t = sealed.clone();
            t[i] ^= 0x40;
            assert!(open(&k, aad(b"1"), &t).is_err(), "flip at {i} undetected");
        }
        assert!(open(&k, aad(b"1"), &sealed[..10]).is_err());
    }

    #[test]
    fn empty_plaintext_seals() {
        let k = MasterKey::generate().unwrap();
        let s = seal(&k, aad(b"x"), b"").unwrap();
        assert!(open(&k, aad(b"x"), &s).unwrap().is_empty());
    }

    #[test]
    fn slot_opens_with_the_right_password_only() {
        let salt = random_bytes().unwrap();
        let office = MasterKey::generate().unwrap();
        let seed = AccountSeed::generate().unwrap();
        let good = SecretString::from("correct horse battery staple");
        let k = derive_slot_key(&good, &salt, FAST).unwrap();
        let wrapped = wrap_slot(&k, aad(b"slot"), &office, &seed).unwrap();
        let again = derive_slot_key(&good, &salt, FAST).unwrap();
        let (o2, _) = unwrap_slot(&again, aad(b"slot"), &wrapped).unwrap();
        assert_eq!(o2.bytes(), office.bytes());
        let bad = derive_slot_key(&SecretString::from("wrong horse"), &salt, FAST).unwrap();
        assert!(matches!(
            unwrap_slot(&bad, aad(b"slot"), &wrapped),
            Err(VaultError::WrongPassword)
        ));
    }

    #[test]
    fn excessive_cost_is_refused_before_any_work() {
        let salt = [7u8; 16];
        let pw = SecretString::from("x");
        let huge = KdfCost {
            memory_kib: u32::MAX,
            passes: 3,
        };
        assert!(matches!(
            derive_slot_key(&pw, &salt, huge),
            Err(VaultError::CostRefused)
        ));
        let many = KdfCost {
            memory_kib: 64,
            passes: 1000,
        };
        assert!(matches!(
            derive_slot_key(&pw, &salt, many),
            Err(VaultError::CostRefused)
        ));
    }

    #[test]
    fn records_round_trip_compressed_or_not() {
        let k = DataKey::generate().unwrap();
        let short = "a short record".to_string();
        let prose =
            "Client asked about rent arrears and a discretionary housing payment. ".repeat(20);
        for text in [short, prose.clone()] {
            let sealed = seal_record(&k, aad(b"r"), &text).unwrap();
            let back: String = open_record(&k, aad(b"r"), &sealed).unwrap();
            assert_eq!(back, text);
        }
        let sealed = seal_record(&k, aad(b"r"), &prose).unwrap();
        assert!(
            sealed.len() < prose.len() / 2,
            "prose is compressed: {}",
            sealed.len()
        );
        // Sealed uncompressed on purpose, it opens the same way.
        let sealed = seal_record_uncompressed(&k, aad(b"r"), &prose).unwrap();
        assert!(sealed.len() > prose.len(), "not compressed");
        let back: String = open_record(&k, aad(b"r"), &sealed).unwrap();
        assert_eq!(back, prose);
    }

    #[test]
    fn keys_do_not_print() {
        let k = MasterKey::generate().unwrap();
        assert_eq!(format!("{k:?}"), "MasterKey(*******)");
    }

    #[test]
    fn chain_mac_depends_on_everything() {
        let m = MasterKey::generate().unwrap();
        let ak = audit_key(&m).unwrap();
        let a = chain_mac(&ak, &[0; 32], 1, b"event").unwrap();
        assert!(mac_eq(&a, &chain_mac(&ak, &[0; 32], 1, b"event").unwrap()));
        assert!(!mac_eq(&a, &chain_mac(&ak, &[1; 32], 1, b"event").unwrap()));
        assert!(!mac_eq(&a, &chain_mac(&ak, &[0; 32], 2, b"event").unwrap()));
        assert!(!mac_eq(&a, &chain_mac(&ak, &[0; 32], 1, b"evenT").unwrap()));
    }
}
