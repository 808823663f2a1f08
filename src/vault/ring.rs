//! The keys that follow membership: the case key ring, each account's own key pair, the grants
//! that hand the ring to an account, the contents of a key slot, and the list of data keys each
//! client has had.
//!
//! - The *office key* ([`MasterKey`]) seals what administrators manage. Every key slot holds it.
//! - The *case key ring* ([`CaseRing`]) seals every client's data keys, drafts and the reasons
//!   stated in audit events. An account receives it in a *grant*: the ring sealed with HPKE
//!   (X-Wing) to the account's public key. Administrators never receive one.
//! - A key slot holds the office key and the account's private key seed, sealed under the key
//!   derived from the password.

use std::fmt;

use orion::hpke::{Ciphertext, DecapsulationKey, EncapsulationKey, HpkeBase};
use zeroize::Zeroizing;

use super::*;

secret_key_type!(
    /// One epoch's key of the case key ring. Seals clients' data keys, drafts and stated
    /// reasons.
    CaseKey
);
secret_key_type!(
    /// The seed of an account's own key pair (an X-Wing decapsulation key): opens the grants
    /// sealed to that account.
    AccountSeed
);

impl SealingKey for CaseKey {
    fn key_bytes(&self) -> &[u8; KEY_LEN] {
        self.bytes()
    }
}

impl CaseKey {
    fn duplicate(&self) -> CaseKey {
        CaseKey(Zeroizing::new(*self.bytes()))
    }
}

/// The most epochs a ring may hold (a bound on what a tampered grant can make a sign-in decode).
const MAX_EPOCHS: usize = 1 << 16;
/// The most data keys one client may have had.
const MAX_DATA_KEYS: usize = 1 << 16;
const EPOCH_LEN: usize = 4;

/// Every case key the office has had, oldest first; the newest seals what is written now.
/// Older keys stay so that what they sealed still opens. Zeroed on drop; `Debug` shows only the
/// epochs.
pub struct CaseRing {
    keys: Vec<(u32, CaseKey)>,
}

impl fmt::Debug for CaseRing {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "CaseRing(epochs up to {}, *******)", self.newest_epoch())
    }
}

impl CaseRing {
    /// A new ring holding one key, epoch 1.
    pub fn generate() -> Result<CaseRing, VaultError> {
        Ok(CaseRing {
            keys: vec![(1, CaseKey::generate()?)],
        })
    }

    /// The ring with one more epoch: a fresh key that nobody outside this ring has seen.
    pub fn rotated(&self) -> Result<CaseRing, VaultError> {
        let next = self
            .newest_epoch()
            .checked_add(1)
            .ok_or(VaultError::Encode)?;
        // Sized once: a vector that grows copies its keys and leaves the old copy unwiped.
        let mut keys: Vec<(u32, CaseKey)> = Vec::with_capacity(self.keys.len() + 1);
        keys.extend(self.keys.iter().map(|(e, k)| (*e, k.duplicate())));
        keys.push((next, CaseKey::generate()?));
        Ok(CaseRing { keys })
    }

    /// The epoch of the newest key.
    pub fn newest_epoch(&self) -> u32 {
        self.keys.last().map_or(0, |(e, _)| *e)
    }

    /// The newest key, with its epoch: what seals new records.
    pub fn newest(&self) -> Result<(u32, &CaseKey), VaultError> {
        self.keys
            .last()
            .map(|(e, k)| (*e, k))
            .ok_or(VaultError::Tampered)
    }

    /// The key of one epoch, if the ring holds it.
    pub fn key(&self, epoch: u32) -> Option<&CaseKey> {
        self.keys.iter().find(|(e, _)| *e == epoch).map(|(_, k)| k)
    }

    /// Whether this ring holds every key of `older`, unchanged (a later ring of the same office,
    /// not a substitute).
    pub fn extends(&self, older: &CaseRing) -> bool {
        older.keys.iter().all(|(e, k)| {
            self.key(*e)
                .is_some_and(|mine| orion::util::secure_cmp(mine.bytes(), k.bytes()).is_ok())
        })
    }

    fn to_bytes(&self) -> Zeroizing<Vec<u8>> {
        let mut out = Zeroizing::new(Vec::with_capacity(self.keys.len() * (EPOCH_LEN + KEY_LEN)));
        for (e, k) in &self.keys {
            out.extend_from_slice(&e.to_le_bytes());
            out.extend_from_slice(k.bytes());
        }
        out
    }

    fn from_bytes(b: &[u8]) -> Result<CaseRing, VaultError> {
        const ENTRY: usize = EPOCH_LEN + KEY_LEN;
        if b.is_empty() || !b.len().is_multiple_of(ENTRY) || b.len() / ENTRY > MAX_EPOCHS {
            return Err(VaultError::Tampered);
        }
        let mut keys: Vec<(u32, CaseKey)> = Vec::with_capacity(b.len() / ENTRY);
        for entry in b.chunks_exact(ENTRY) {
            let (e, k) = entry.split_at(EPOCH_LEN);
            let e = u32::from_le_bytes(e.try_into().map_err(|_| VaultError::Tampered)?);
            // Epochs run upwards without repeats.
            if keys.last().is_some_and(|(last, _)| *last >= e) || e == 0 {
                return Err(VaultError::Tampered);
            }
            keys.push((e, CaseKey::from_slice(k)?));
        }
        Ok(CaseRing { keys })
    }
}

impl AccountSeed {
    pub(super) fn secret_bytes(&self) -> &[u8; KEY_LEN] {
        self.bytes()
    }

    /// A second copy (wiped on drop like the first), for use without holding the lock the
    /// first is kept under.
    pub fn duplicate(&self) -> AccountSeed {
        AccountSeed(Zeroizing::new(*self.bytes()))
    }

    fn decapsulation_key(&self) -> DecapsulationKey {
        DecapsulationKey::from(*self.bytes())
    }

    /// The account's public key (an X-Wing encapsulation key), kept in its user record so that
    /// a member can seal the ring to it.
    pub fn public_key(&self) -> Result<Vec<u8>, VaultError> {
        let ek = EncapsulationKey::try_from(&self.decapsulation_key())
            .map_err(|_| VaultError::Encode)?;
        Ok(ek.as_ref().to_vec())
    }
}

/// Length of an X-Wing encapsulation (the `enc` that starts every grant).
pub const GRANT_ENC_LEN: usize = orion::hazardous::kem::xwing::CIPHERTEXT_SIZE;
const GRANT_INFO: &[u8] = b"casenotes grant v1";

/// Seals `ring` to an account's public key: `enc || ciphertext`, HPKE base mode (X-Wing,
/// SHAKE256, ChaCha20-Poly1305), with `aad` (naming the grant's place and the ring's newest
/// epoch) bound in.
pub fn seal_grant(public_key: &[u8], aad: Aad<'_>, ring: &CaseRing) -> Result<Vec<u8>, VaultError> {
    let pk = EncapsulationKey::try_from(public_key).map_err(|_| VaultError::Tampered)?;
    let (mut ctx, enc) = HpkeBase::new_sender(&pk, GRANT_INFO).map_err(|_| VaultError::Encode)?;
    let plain = ring.to_bytes();
    let ct = ctx
        .seal(&plain, &aad.to_bytes())
        .map_err(|_| VaultError::Encode)?;
    let mut out = Vec::with_capacity(GRANT_ENC_LEN + ct.len());
    out.extend_from_slice(enc.as_ref());
    out.extend_from_slice(&ct);
    Ok(out)
}

/// Opens a grant with the account's seed. Anything that does not open is
/// [`VaultError::Tampered`].
pub fn open_grant(seed: &AccountSeed, aad: Aad<'_>, sealed: &[u8]) -> Result<CaseRing, VaultError> {
    if sealed.len() <= GRANT_ENC_LEN {
        return Err(VaultError::Tampered);
    }
    let (enc, ct) = sealed.split_at(GRANT_ENC_LEN);
    let enc = Ciphertext::try_from(enc).map_err(|_| VaultError::Tampered)?;
    let mut ctx = HpkeBase::new_recipient(&enc, &seed.decapsulation_key(), GRANT_INFO)
        .map_err(|_| VaultError::Tampered)?;
    let plain = Zeroizing::new(
        ctx.open(ct, &aad.to_bytes())
            .map_err(|_| VaultError::Tampered)?,
    );
    CaseRing::from_bytes(&plain)
}

/// Length of the sealed part of a key slot: the office key and the account's seed.
pub const SLOT_SEALED_LEN: usize = NONCE_LEN + 2 * KEY_LEN + TAG_LEN;

/// Seals the office key and the account's seed under the key derived from its password.
pub fn wrap_slot(
    slot: &SlotKey,
    aad: Aad<'_>,
    office: &MasterKey,
    seed: &AccountSeed,
) -> Result<Vec<u8>, VaultError> {
    let mut plain = Zeroizing::new([0u8; 2 * KEY_LEN]);
    plain[..KEY_LEN].copy_from_slice(office.bytes());
    plain[KEY_LEN..].copy_from_slice(seed.bytes());
    seal(slot, aad, plain.as_slice())
}

/// Opens a key slot. A slot of the wrong shape is [`VaultError::Tampered`] (the store is
/// damaged); one that does not authenticate is [`VaultError::WrongPassword`], since a wrong
/// password and an altered slot cannot be told apart.
pub fn unwrap_slot(
    slot: &SlotKey,
    aad: Aad<'_>,
    sealed: &[u8],
) -> Result<(MasterKey, AccountSeed), VaultError> {
    if sealed.len() != SLOT_SEALED_LEN {
        return Err(VaultError::Tampered);
    }
    let plain = open(slot, aad, sealed).map_err(|_| VaultError::WrongPassword)?;
    if plain.len() != 2 * KEY_LEN {
        return Err(VaultError::Tampered);
    }
    Ok((
        MasterKey::from_slice(&plain[..KEY_LEN])?,
        AccountSeed::from_slice(&plain[KEY_LEN..])?,
    ))
}

/// The data keys one client has had, oldest first. A rotation of the case key ring appends a
/// new one, which seals what is written afterwards; records say by index which key sealed them.
pub struct DataKeys(Vec<DataKey>);

impl fmt::Debug for DataKeys {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "DataKeys({} keys, *******)", self.0.len())
    }
}

impl DataKeys {
    /// A new client's list: one fresh key.
    pub fn generate() -> Result<DataKeys, VaultError> {
        let mut keys = Vec::with_capacity(2);
        keys.push(DataKey::generate()?);
        Ok(DataKeys(keys))
    }

    /// Appends a fresh key, which becomes the newest.
    pub fn push_new(&mut self) -> Result<(), VaultError> {
        if self.0.len() >= MAX_DATA_KEYS {
            return Err(VaultError::Encode);
        }
        // Lists are made with room for one more key (see `unwrap_data_keys`), so this does not
        // move the keys and leave an unwiped copy behind.
        self.0.push(DataKey::generate()?);
        Ok(())
    }

    /// The newest key and its index: what seals new records.
    pub fn newest(&self) -> Result<(u32, &DataKey), VaultError> {
        let i = self.0.len().checked_sub(1).ok_or(VaultError::Tampered)?;
        Ok((
            u32::try_from(i).map_err(|_| VaultError::Tampered)?,
            &self.0[i],
        ))
    }

    /// The key at `index`.
    pub fn get(&self, index: u32) -> Result<&DataKey, VaultError> {
        usize::try_from(index)
            .ok()
            .and_then(|i| self.0.get(i))
            .ok_or(VaultError::Tampered)
    }

    pub fn len(&self) -> usize {
        self.0.len()
    }

    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }
}

/// Seals a client's data keys under one epoch's case key.
pub fn wrap_data_keys(
    case: &CaseKey,
    aad: Aad<'_>,
    keys: &DataKeys,
) -> Result<Vec<u8>, VaultError> {
    let mut plain = Zeroizing::new(Vec::with_capacity(keys.0.len() * KEY_LEN));
    for k in &keys.0 {
        plain.extend_from_slice(k.bytes());
    }
    seal(case, aad, &plain)
}

/// Opens a client's data keys.
pub fn unwrap_data_keys(
    case: &CaseKey,
    aad: Aad<'_>,
    sealed: &[u8],
) -> Result<DataKeys, VaultError> {
    let plain = open(case, aad, sealed)?;
    if plain.is_empty()
        || !plain.len().is_multiple_of(KEY_LEN)
        || plain.len() / KEY_LEN > MAX_DATA_KEYS
    {
        return Err(VaultError::Tampered);
    }
    let mut keys = Vec::with_capacity(plain.len() / KEY_LEN + 1);
    for k in plain.chunks_exact(KEY_LEN) {
        keys.push(DataKey::from_slice(k)?);
    }
    Ok(DataKeys(keys))
}

/// A keyed digest under the office key, for binding records to each other (a key slot to the
/// roster, the roster to the audit head). `label` separates the uses.
pub fn office_digest(
    office: &MasterKey,
    label: &[u8],
    parts: &[&[u8]],
) -> Result<[u8; 32], VaultError> {
    let mut all: Vec<&[u8]> = Vec::with_capacity(parts.len() + 1);
    all.push(label);
    all.extend_from_slice(parts);
    let v = keyed_blake2b(office.bytes(), &all, 32)?;
    v.try_into().map_err(|_| VaultError::Encode)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn aad(id: &[u8]) -> Aad<'_> {
        Aad {
            table: "grants",
            id,
        }
    }

    #[test]
    fn a_grant_opens_only_with_its_seed_and_place() {
        let seed = AccountSeed::generate().unwrap();
        let pk = seed.public_key().unwrap();
        let ring = CaseRing::generate().unwrap().rotated().unwrap();
        let sealed = seal_grant(&pk, aad(b"u1"), &ring).unwrap();
        let back = open_grant(&seed, aad(b"u1"), &sealed).unwrap();
        assert_eq!(back.newest_epoch(), 2);
        assert!(back.extends(&ring) && ring.extends(&back));
        assert!(open_grant(&seed, aad(b"u2"), &sealed).is_err(), "moved");
        let other = AccountSeed::generate().unwrap();
        assert!(
            open_grant(&other, aad(b"u1"), &sealed).is_err(),
            "wrong key"
        );
        let mut bad = sealed.clone();
        let last = bad.len() - 1;
        bad[last] ^= 1;
        assert!(open_grant(&seed, aad(b"u1"), &bad).is_err(), "flipped");
        assert!(open_grant(&seed, aad(b"u1"), &sealed[..100]).is_err());
    }

    #[test]
    fn a_rotated_ring_extends_the_old_one_and_not_the_reverse() {
        let ring = CaseRing::generate().unwrap();
        let next = ring.rotated().unwrap();
        assert!(next.extends(&ring));
        assert!(!ring.extends(&next));
        let stranger = CaseRing::generate().unwrap();
        assert!(!next.extends(&stranger));
        assert_eq!(format!("{next:?}"), "CaseRing(epochs up to 2, *******)");
    }

    #[test]
    fn a_slot_of_the_wrong_shape_is_damaged_and_a_wrong_key_is_a_wrong_password() {
        let office = MasterKey::generate().unwrap();
        let seed = AccountSeed::generate().unwrap();
        let k = SlotKey::generate().unwrap();
        let sealed = wrap_slot(&k, aad(b"s"), &office, &seed).unwrap();
        assert_eq!(sealed.len(), SLOT_SEALED_LEN);
        let (o, s) = unwrap_slot(&k, aad(b"s"), &sealed).unwrap();
        assert_eq!(o.bytes(), office.bytes());
        assert_eq!(s.bytes(), seed.bytes());
        let wrong = SlotKey::generate().unwrap();
        assert!(matches!(
            unwrap_slot(&wrong, aad(b"s"), &sealed),
            Err(VaultError::WrongPassword)
        ));
        assert!(matches!(
            unwrap_slot(&k, aad(b"s"), &sealed[1..]),
            Err(VaultError::Tampered)
        ));
    }

    #[test]
    fn data_keys_round_trip_and_grow() {
        let case = CaseKey::generate().unwrap();
        let mut keys = DataKeys::generate().unwrap();
        keys.push_new().unwrap();
        let sealed = wrap_data_keys(&case, aad(b"c"), &keys).unwrap();
        let back = unwrap_data_keys(&case, aad(b"c"), &sealed).unwrap();
        assert_eq!(back.len(), 2);
        assert_eq!(back.newest().unwrap().0, 1);
        assert!(back.get(2).is_err());
        assert_eq!(format!("{back:?}"), "DataKeys(2 keys, *******)");
    }
}
