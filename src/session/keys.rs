//! The caller's own keys and what they seal: the account's seed and its copy of the case key
//! ring, kept in step with the store; rotation of the ring; and the sealing of every record the
//! ring reaches (clients' data keys, client records, notes, drafts, stated reasons).
//!
//! What seals what:
//! - the key derived from a password seals the account's key slot: the office key and the
//!   account's seed;
//! - the account's public key receives the grant: the case key ring;
//! - the newest case key seals each client's list of data keys (and drafts, stated reasons);
//! - a client's newest data key seals what is written to that client now; each client, note and
//!   action record says by index which of its client's data keys sealed it.
//!
//! Every stored form here is `u32 (little-endian) || sealed bytes`: the epoch of the case key or
//! the index of the data key that sealed it, also bound into the associated data.

use std::sync::{Arc, MutexGuard, PoisonError};

use crate::domain::{
    Action, AuditAction, AuditEvent, Client, ClientRef, Consent, Disclosure, Draft, Note,
    NoteChange, Role, User, UserId,
};
use crate::store::{KeyReads, StoreError, WriteTxn, meta, table};
use crate::vault::{self, Aad, AccountSeed, CaseKey, CaseRing, DataKeys};

use super::membership::Roster;
use super::*;

/// The caller's own keys besides the office key: the seed of its key pair, the case key ring
/// if the account holds a grant, and its key file's contents if it has one.
pub(super) struct AccountKeys {
    pub seed: AccountSeed,
    pub ring: Option<Arc<CaseRing>>,
    /// The contents of the account's key file, if its slot is bound to one (a new slot for a
    /// new password is bound to it too).
    pub key_file: Option<crate::vault::KeyFile>,
}

/// `n` (an epoch or a key index) in front of the sealed bytes.
pub(super) fn prefixed(n: u32, sealed: Vec<u8>) -> Vec<u8> {
    let mut out = Vec::with_capacity(4 + sealed.len());
    out.extend_from_slice(&n.to_le_bytes());
    out.extend_from_slice(&sealed);
    out
}

/// Splits a stored form into its epoch or key index and the sealed bytes.
pub(super) fn split_prefixed(b: &[u8]) -> Result<(u32, &[u8])> {
    if b.len() < 4 {
        return Err(StoreError::Corrupt.into());
    }
    let (n, rest) = b.split_at(4);
    let n: [u8; 4] = n.try_into().map_err(|_| StoreError::Corrupt)?;
    Ok((u32::from_le_bytes(n), rest))
}

fn id_with<const N: usize>(parts: &[&[u8]]) -> [u8; N] {
    let mut out = [0u8; N];
    let mut at = 0;
    for p in parts {
        let end = (at + p.len()).min(N);
        out[at..end].copy_from_slice(&p[..end - at]);
        at = end;
    }
    out
}

fn grant_id(user: &UserId, epoch: u32) -> [u8; 20] {
    id_with(&[&user.0, &epoch.to_le_bytes()])
}

fn client_keys_id(r: ClientRef, epoch: u32) -> [u8; 12] {
    id_with(&[&r.0.to_be_bytes(), &epoch.to_le_bytes()])
}

fn client_id(r: ClientRef, index: u32) -> [u8; 12] {
    id_with(&[&r.0.to_be_bytes(), &index.to_le_bytes()])
}

fn note_id(r: ClientRef, n: u64, index: u32) -> [u8; 20] {
    id_with(&[&note_id_bytes(r, n), &index.to_le_bytes()])
}

fn change_id(r: ClientRef, note: u64, n: u64, index: u32) -> [u8; 28] {
    id_with(&[
        &note_id_bytes(r, note),
        &n.to_be_bytes(),
        &index.to_le_bytes(),
    ])
}

fn action_id(r: ClientRef, n: u32, index: u32) -> [u8; 16] {
    id_with(&[&r.0.to_be_bytes(), &n.to_be_bytes(), &index.to_le_bytes()])
}

fn consent_id(r: ClientRef, n: u32, index: u32) -> [u8; 16] {
    id_with(&[&r.0.to_be_bytes(), &n.to_be_bytes(), &index.to_le_bytes()])
}

fn draft_id(user: &UserId, epoch: u32) -> [u8; 20] {
    id_with(&[&user.0, &epoch.to_le_bytes()])
}

/// Set in the prefix of a stated reason sealed under its client's data key (the rest is the
/// key's index); clear for one sealed under a case key (the rest is the epoch).
const CLIENT_SEALED: u32 = 1 << 31;

/// What a stated reason about an erased client reads as: it was sealed under the client's
/// data keys, destroyed with it.
pub const ERASED_REASON: &str = "(unreadable: the client was erased)";

fn reason_id(seq: u64, epoch: u32) -> [u8; 12] {
    id_with(&[&seq.to_be_bytes(), &epoch.to_le_bytes()])
}

/// Opens an account's own grant with its seed, checking that the ring is the one the grant says.
pub(super) fn open_grant(seed: &AccountSeed, user: &UserId, stored: &[u8]) -> Result<CaseRing> {
    let (epoch, sealed) = split_prefixed(stored)?;
    let id = grant_id(user, epoch);
    let ring = vault::open_grant(
        seed,
        Aad {
            table: table::GRANTS,
            id: &id,
        },
        sealed,
    )?;
    if ring.newest_epoch() != epoch {
        return Err(StoreError::Corrupt.into());
    }
    Ok(ring)
}

impl Session {
    pub(super) fn account_keys(&self) -> MutexGuard<'_, AccountKeys> {
        // A panic elsewhere while the lock was held leaves the keys as they were.
        self.keys.lock().unwrap_or_else(PoisonError::into_inner)
    }

    /// Whether the caller holds the case key ring.
    pub(super) fn holds_case_keys(&self) -> bool {
        self.account_keys().ring.is_some()
    }

    /// The caller's case key ring, or why there is none.
    pub(super) fn ring(&self) -> Result<Arc<CaseRing>> {
        match &self.account_keys().ring {
            Some(r) => Ok(Arc::clone(r)),
            None => Err(self.no_case_keys()),
        }
    }

    /// Why the caller may not use case records: administrators never may; other accounts wait
    /// for a supervisor to confirm them.
    pub(super) fn no_case_keys(&self) -> SessionError {
        if self.user.role.reads_case_content() {
            SessionError::Unconfirmed(self.user.name.clone())
        } else {
            SessionError::Forbidden(format!(
                "case records are not open to the {} role",
                self.user.role
            ))
        }
    }

    pub(super) fn set_ring(&self, ring: Option<Arc<CaseRing>>) {
        self.account_keys().ring = ring;
    }

    /// Refuses a session whose account the roster in `txn` records as disabled or in another
    /// role than the one it signed in with (every use of the case keys comes through here, so
    /// each is refused until the session ends). The roster is opened only when its sealed form
    /// differs from the one last found in order: most calls compare a few hundred bytes.
    fn check_standing(&self, txn: &impl KeyReads) -> Result<()> {
        let sealed = txn.meta_value(meta::ROSTER)?.ok_or(StoreError::Corrupt)?;
        let seen = self
            .standing
            .lock()
            .unwrap_or_else(PoisonError::into_inner)
            .as_ref()
            .is_some_and(|s| *s == sealed);
        if seen {
            return Ok(());
        }
        let roster = self.load_roster(txn)?;
        let me = roster.member(&self.user.id)?;
        if me.disabled {
            self.set_ring(None);
            return Err(SessionError::Disabled(self.user.name.clone()));
        }
        if me.role != self.user.role {
            return Err(SessionError::Forbidden(format!(
                "an administrator changed your role to {}; sign in again",
                me.role
            )));
        }
        *self.standing.lock().unwrap_or_else(PoisonError::into_inner) = Some(sealed);
        Ok(())
    }

    /// Brings the caller's ring up to date with its grant and standing in `txn`: another
    /// process may have rotated the ring (the grant then holds a newer one, which must keep
    /// every key the caller already had), taken the grant away (the account was disabled, made
    /// an administrator or its password reset), or changed the account's role (this session,
    /// signed in under the old one, is then refused and must sign in again).
    pub(super) fn sync_ring(&self, txn: &impl KeyReads) -> Result<()> {
        let mine = match &self.account_keys().ring {
            Some(r) => r.newest_epoch(),
            None => return Ok(()),
        };
        self.check_standing(txn)?;
        let Some(stored) = txn.grant_get(&self.user.id)? else {
            self.set_ring(None);
            return Ok(());
        };
        let (epoch, _) = split_prefixed(&stored)?;
        // An older grant than the ring in hand was put back from a copy: the ring in hand stands.
        if epoch <= mine {
            return Ok(());
        }
        let mut keys = self.account_keys();
        let newer = open_grant(&keys.seed, &self.user.id, &stored)?;
        match &keys.ring {
            Some(old) if newer.extends(old) => {
                keys.ring = Some(Arc::new(newer));
                Ok(())
            }
            Some(_) => Err(StoreError::Corrupt.into()),
            None => Ok(()),
        }
    }

    /// Opens a write transaction for the caller. For a holder of the case keys, the ring is
    /// first brought up to date and, if an account lost the keys since the last rotation, the
    /// ring is rotated and that committed before the caller's change is made: nothing the
    /// caller writes is ever sealed under a key the removed account holds.
    pub(super) fn begin(&self) -> Result<WriteTxn> {
        loop {
            let mut w = self.store.write()?;
            if !self.holds_case_keys() {
                return Ok(w);
            }
            self.sync_ring(&w)?;
            let Ok(ring) = self.ring() else {
                return Ok(w);
            };
            let mut roster = self.load_roster(&w)?;
            if !roster.rotation_due {
                return Ok(w);
            }
            let next = self.rotate(&mut w, &mut roster, &ring)?;
            w.commit()?;
            self.set_ring(Some(Arc::new(next)));
        }
    }

    /// Rotates the case key ring inside `w`: a new epoch; every client gets a new data key,
    /// which seals what is written to it from now on, and its list of keys is sealed under the
    /// new epoch; every confirmed account's grant is sealed afresh. Logged.
    fn rotate(&self, w: &mut WriteTxn, roster: &mut Roster, ring: &CaseRing) -> Result<CaseRing> {
        let next = ring.rotated()?;
        let (epoch, case_key) = next.newest()?;
        for (r, stored) in w.client_keys_all()? {
            let mut keys = self.open_client_keys_of_any_epoch(&next, r, &stored)?;
            keys.push_new()?;
            w.client_key_put(r, &self.seal_client_keys(case_key, epoch, r, &keys)?)?;
        }
        for m in roster.members.iter().filter(|m| m.confirmed && !m.disabled) {
            let sealed = w.user_get(&m.user)?.ok_or(StoreError::Corrupt)?;
            let user = self.open_user(&m.user, &sealed)?;
            self.put_grant(w, &user, &next)?;
        }
        roster.rotation_due = false;
        roster.ring_epoch = epoch;
        self.store_roster(w, roster)?;
        self.append_audit(
            w,
            vec![self.event(AuditAction::KeysRotated { epoch }, None, None)],
        )?;
        Ok(next)
    }

    /// Seals `ring` to `user`'s public key as its grant.
    pub(super) fn put_grant(&self, w: &mut WriteTxn, user: &User, ring: &CaseRing) -> Result<()> {
        if !user.role.reads_case_content() {
            return Err(SessionError::Forbidden(
                "administrators never hold the case keys".into(),
            ));
        }
        let epoch = ring.newest_epoch();
        let id = grant_id(&user.id, epoch);
        let sealed = vault::seal_grant(
            &user.public_key,
            Aad {
                table: table::GRANTS,
                id: &id,
            },
            ring,
        )?;
        w.grant_put(&user.id, &prefixed(epoch, sealed))?;
        Ok(())
    }

    /// Replaces the caller's seed and ring once the change that made them has committed.
    pub(super) fn replace_keys(&self, seed: AccountSeed, ring: Option<CaseRing>) {
        let mut keys = self.account_keys();
        keys.seed = seed;
        if let Some(r) = ring {
            keys.ring = Some(Arc::new(r));
        }
    }

    // ----- clients' data keys, client records and notes -----

    pub(super) fn seal_client_keys(
        &self,
        case: &CaseKey,
        epoch: u32,
        r: ClientRef,
        keys: &DataKeys,
    ) -> Result<Vec<u8>> {
        let id = client_keys_id(r, epoch);
        let sealed = vault::wrap_data_keys(
            case,
            Aad {
                table: table::CLIENT_KEYS,
                id: &id,
            },
            keys,
        )?;
        Ok(prefixed(epoch, sealed))
    }

    /// Opens a client's data keys. Every client's keys are sealed under the newest case key (a
    /// rotation seals them all afresh), so keys sealed under an older one were put back from a
    /// copy, to have new records sealed under a key the copy's holder knows: refused.
    pub(super) fn open_client_keys(
        &self,
        ring: &CaseRing,
        r: ClientRef,
        stored: &[u8],
    ) -> Result<DataKeys> {
        let (epoch, _) = split_prefixed(stored)?;
        if epoch != ring.newest_epoch() {
            return Err(StoreError::Corrupt.into());
        }
        self.open_client_keys_of_any_epoch(ring, r, stored)
    }

    fn open_client_keys_of_any_epoch(
        &self,
        ring: &CaseRing,
        r: ClientRef,
        stored: &[u8],
    ) -> Result<DataKeys> {
        let (epoch, sealed) = split_prefixed(stored)?;
        let case = ring.key(epoch).ok_or(StoreError::Corrupt)?;
        let id = client_keys_id(r, epoch);
        Ok(vault::unwrap_data_keys(
            case,
            Aad {
                table: table::CLIENT_KEYS,
                id: &id,
            },
            sealed,
        )?)
    }

    /// A new client's data keys, sealed under the newest case key and filed in `w`.
    pub(super) fn new_client_keys(&self, w: &mut WriteTxn, r: ClientRef) -> Result<DataKeys> {
        let ring = self.ring()?;
        let (epoch, case) = ring.newest()?;
        let keys = DataKeys::generate()?;
        w.client_key_put(r, &self.seal_client_keys(case, epoch, r, &keys)?)?;
        Ok(keys)
    }

    /// Seals a client record under its client's newest data key, uncompressed: every client
    /// record is opened for a caseload list or the dashboard, and inflating a few hundred bytes
    /// costs more than the decryption.
    pub(super) fn seal_client(&self, keys: &DataKeys, client: &Client) -> Result<Vec<u8>> {
        let (index, key) = keys.newest()?;
        let id = client_id(client.reference, index);
        let sealed = vault::seal_record_uncompressed(
            key,
            Aad {
                table: table::CLIENTS,
                id: &id,
            },
            client,
        )?;
        Ok(prefixed(index, sealed))
    }

    pub(super) fn open_client_sealed(
        &self,
        keys: &DataKeys,
        r: ClientRef,
        stored: &[u8],
    ) -> Result<Client> {
        let (index, sealed) = split_prefixed(stored)?;
        let id = client_id(r, index);
        Ok(vault::open_record(
            keys.get(index)?,
            Aad {
                table: table::CLIENTS,
                id: &id,
            },
            sealed,
        )?)
    }

    /// Seals a note under its client's newest data key.
    pub(super) fn seal_note(&self, keys: &DataKeys, note: &Note) -> Result<Vec<u8>> {
        let (index, key) = keys.newest()?;
        let id = note_id(note.client, note.id.0, index);
        let sealed = vault::seal_record(
            key,
            Aad {
                table: table::NOTES,
                id: &id,
            },
            note,
        )?;
        Ok(prefixed(index, sealed))
    }

    pub(super) fn open_note_sealed(
        &self,
        keys: &DataKeys,
        r: ClientRef,
        n: u64,
        stored: &[u8],
    ) -> Result<Note> {
        let (index, sealed) = split_prefixed(stored)?;
        let id = note_id(r, n, index);
        Ok(vault::open_record(
            keys.get(index)?,
            Aad {
                table: table::NOTES,
                id: &id,
            },
            sealed,
        )?)
    }

    /// Seals change `n` of a note under its client's newest data key.
    pub(super) fn seal_change(
        &self,
        keys: &DataKeys,
        r: ClientRef,
        n: u64,
        change: &NoteChange,
    ) -> Result<Vec<u8>> {
        let (index, key) = keys.newest()?;
        let id = change_id(r, change.note.0, n, index);
        let sealed = vault::seal_record(
            key,
            Aad {
                table: table::NOTE_CHANGES,
                id: &id,
            },
            change,
        )?;
        Ok(prefixed(index, sealed))
    }

    /// Seals an action under its client's newest data key.
    pub(super) fn seal_action(&self, keys: &DataKeys, action: &Action) -> Result<Vec<u8>> {
        let (index, key) = keys.newest()?;
        let id = action_id(action.client, action.number, index);
        let sealed = vault::seal_record(
            key,
            Aad {
                table: table::ACTIONS,
                id: &id,
            },
            action,
        )?;
        Ok(prefixed(index, sealed))
    }

    /// Opens change `n` of note `note`; one filed under another note or number does not open.
    pub(super) fn open_change(
        &self,
        keys: &DataKeys,
        r: ClientRef,
        note: u64,
        n: u64,
        stored: &[u8],
    ) -> Result<NoteChange> {
        let (index, sealed) = split_prefixed(stored)?;
        let id = change_id(r, note, n, index);
        let c: NoteChange = vault::open_record(
            keys.get(index)?,
            Aad {
                table: table::NOTE_CHANGES,
                id: &id,
            },
            sealed,
        )?;
        if c.note.0 != note {
            return Err(StoreError::Corrupt.into());
        }
        Ok(c)
    }

    pub(super) fn open_action_sealed(
        &self,
        keys: &DataKeys,
        r: ClientRef,
        n: u32,
        stored: &[u8],
    ) -> Result<Action> {
        let (index, sealed) = split_prefixed(stored)?;
        let id = action_id(r, n, index);
        Ok(vault::open_record(
            keys.get(index)?,
            Aad {
                table: table::ACTIONS,
                id: &id,
            },
            sealed,
        )?)
    }

    /// Seals a consent record under its client's newest data key.
    pub(super) fn seal_consent(&self, keys: &DataKeys, c: &Consent) -> Result<Vec<u8>> {
        let (index, key) = keys.newest()?;
        let id = consent_id(c.client, c.number, index);
        let sealed = vault::seal_record(
            key,
            Aad {
                table: table::CONSENTS,
                id: &id,
            },
            c,
        )?;
        Ok(prefixed(index, sealed))
    }

    /// Opens consent `n` of client `r`; one filed elsewhere does not open.
    pub(super) fn open_consent(
        &self,
        keys: &DataKeys,
        r: ClientRef,
        n: u32,
        stored: &[u8],
    ) -> Result<Consent> {
        let (index, sealed) = split_prefixed(stored)?;
        let id = consent_id(r, n, index);
        let c: Consent = vault::open_record(
            keys.get(index)?,
            Aad {
                table: table::CONSENTS,
                id: &id,
            },
            sealed,
        )?;
        if c.client != r || c.number != n {
            return Err(StoreError::Corrupt.into());
        }
        Ok(c)
    }

    /// Seals a disclosure under its client's newest data key.
    pub(super) fn seal_disclosure(&self, keys: &DataKeys, d: &Disclosure) -> Result<Vec<u8>> {
        let (index, key) = keys.newest()?;
        let id = consent_id(d.client, d.number, index);
        let sealed = vault::seal_record(
            key,
            Aad {
                table: table::DISCLOSURES,
                id: &id,
            },
            d,
        )?;
        Ok(prefixed(index, sealed))
    }

    /// Opens disclosure `n` of client `r`; one filed elsewhere does not open.
    pub(super) fn open_disclosure(
        &self,
        keys: &DataKeys,
        r: ClientRef,
        n: u32,
        stored: &[u8],
    ) -> Result<Disclosure> {
        let (index, sealed) = split_prefixed(stored)?;
        let id = consent_id(r, n, index);
        let d: Disclosure = vault::open_record(
            keys.get(index)?,
            Aad {
                table: table::DISCLOSURES,
                id: &id,
            },
            sealed,
        )?;
        if d.client != r || d.number != n {
            return Err(StoreError::Corrupt.into());
        }
        Ok(d)
    }

    // ----- drafts and stated reasons, under the case keys -----

    pub(super) fn seal_draft(&self, draft: &Draft) -> Result<Vec<u8>> {
        let ring = self.ring()?;
        let (epoch, case) = ring.newest()?;
        let id = draft_id(&self.user.id, epoch);
        let sealed = vault::seal_record(
            case,
            Aad {
                table: table::DRAFTS,
                id: &id,
            },
            draft,
        )?;
        Ok(prefixed(epoch, sealed))
    }

    pub(super) fn open_draft(&self, stored: &[u8]) -> Result<Draft> {
        let ring = self.ring()?;
        let (epoch, sealed) = split_prefixed(stored)?;
        let case = ring.key(epoch).ok_or(StoreError::Corrupt)?;
        let id = draft_id(&self.user.id, epoch);
        let aad = Aad {
            table: table::DRAFTS,
            id: &id,
        };
        // A draft kept before drafts said what they were for lacks the last field.
        match vault::open_record::<Draft>(case, aad, sealed) {
            Ok(d) => Ok(d),
            Err(_) => Ok(vault::open_record::<crate::domain::DraftV1>(case, aad, sealed)?.into()),
        }
    }

    /// The event as stored: its stated reason sealed. A reason about a client is sealed under
    /// that client's newest data key, so that it becomes unreadable when the client is erased
    /// (its keys destroyed) while the event itself, naming only the reference, stays in the
    /// chain; other reasons are sealed under the newest case key. The prefix says which: the
    /// case key's epoch, or [`CLIENT_SEALED`] with the data key's index.
    pub(super) fn stored_event(
        &self,
        txn: &impl KeyReads,
        mut e: AuditEvent,
        seq: u64,
    ) -> Result<AuditEvent> {
        let Some(reason) = e.reason.take() else {
            return Ok(e);
        };
        let reason = zeroize::Zeroizing::new(reason);
        let ring = self.ring()?;
        let client_keys = match e.client {
            Some(c) => match txn.client_keys_of(c)? {
                Some(stored) => Some(self.open_client_keys_of_any_epoch(&ring, c, &stored)?),
                None => None,
            },
            None => None,
        };
        let (n, sealed) = match &client_keys {
            Some(keys) => {
                let (index, key) = keys.newest()?;
                let n = CLIENT_SEALED | index;
                let id = reason_id(seq, n);
                let aad = Aad {
                    table: table::AUDIT,
                    id: &id,
                };
                (n, vault::seal_record(key, aad, &*reason)?)
            }
            None => {
                let (epoch, case) = ring.newest()?;
                let id = reason_id(seq, epoch);
                let aad = Aad {
                    table: table::AUDIT,
                    id: &id,
                };
                (epoch, vault::seal_record(case, aad, &*reason)?)
            }
        };
        e.reason_sealed = Some(prefixed(n, sealed));
        Ok(e)
    }

    /// The stated reason of stored event `seq`, for a reader who holds the case keys (never an
    /// administrator). A reason sealed under a client's data key whose client was erased reads
    /// as [`ERASED_REASON`].
    pub(super) fn open_reason(
        &self,
        txn: &impl KeyReads,
        e: &AuditEvent,
        seq: u64,
    ) -> Result<Option<String>> {
        let Some(stored) = &e.reason_sealed else {
            return Ok(None);
        };
        let ring = match self.ring() {
            Ok(r) if self.user.role != Role::Admin => r,
            _ => return Ok(None),
        };
        let (n, sealed) = split_prefixed(stored)?;
        let id = reason_id(seq, n);
        let aad = Aad {
            table: table::AUDIT,
            id: &id,
        };
        if n & CLIENT_SEALED == 0 {
            let case = ring.key(n).ok_or(StoreError::Corrupt)?;
            return Ok(Some(vault::open_record(case, aad, sealed)?));
        }
        let c = e.client.ok_or(StoreError::Corrupt)?;
        let Some(stored_keys) = txn.client_keys_of(c)? else {
            return Ok(Some(ERASED_REASON.to_string()));
        };
        let keys = self.open_client_keys_of_any_epoch(&ring, c, &stored_keys)?;
        Ok(Some(vault::open_record(
            keys.get(n & !CLIENT_SEALED)?,
            aad,
            sealed,
        )?))
    }
}
