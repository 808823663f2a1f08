//! Transactions: reads shared by read and write transactions, and the writes of one durable
//! write transaction, written once over the storage interface ([`super::kv`]).

use super::kv::{self, KvRead, KvWrite};
use super::*;

fn decode_audit(seq: u64, bytes: &[u8]) -> Result<AuditRow, StoreError> {
    if bytes.len() < MAC_LEN {
        return Err(StoreError::Corrupt);
    }
    let mut mac = [0u8; MAC_LEN];
    mac.copy_from_slice(&bytes[..MAC_LEN]);
    Ok(AuditRow {
        seq,
        mac,
        sealed: bytes[MAC_LEN..].to_vec(),
    })
}

fn user_id(key: &[u8]) -> Result<UserId, StoreError> {
    <[u8; 16]>::try_from(key)
        .map(UserId)
        .map_err(|_| StoreError::Corrupt)
}

/// What a use case may read from either kind of transaction, so that a lookup is written once
/// and can run inside the write transaction whose change depends on it.
pub trait Reads {
    fn name_salt(&self) -> Result<[u8; 16], StoreError>;
    fn slot_get(&self, lookup: &[u8; 16]) -> Result<Option<SlotRecord>, StoreError>;
    fn user_get(&self, id: &UserId) -> Result<Option<Vec<u8>>, StoreError>;
    fn assignments_all(&self) -> Result<Vec<(ClientRef, Vec<u8>)>, StoreError>;
    fn count_assignments(&self) -> Result<u64, StoreError>;
    fn count_clients(&self) -> Result<u64, StoreError>;
}

/// Reads shared by read and write transactions, written once.
macro_rules! reads {
    ($t:ty) => {
        impl Reads for $t {
            fn name_salt(&self) -> Result<[u8; 16], StoreError> {
                <$t>::name_salt(self)
            }
            fn slot_get(&self, lookup: &[u8; 16]) -> Result<Option<SlotRecord>, StoreError> {
                <$t>::slot_get(self, lookup)
            }
            fn user_get(&self, id: &UserId) -> Result<Option<Vec<u8>>, StoreError> {
                <$t>::user_get(self, id)
            }
            fn assignments_all(&self) -> Result<Vec<(ClientRef, Vec<u8>)>, StoreError> {
                <$t>::assignments_all(self)
            }
            fn count_assignments(&self) -> Result<u64, StoreError> {
                <$t>::count_assignments(self)
            }
            fn count_clients(&self) -> Result<u64, StoreError> {
                <$t>::count_clients(self)
            }
        }

        impl $t {
            pub fn meta_get(&self, key: &str) -> Result<Option<Vec<u8>>, StoreError> {
                self.r().get(kv::META, key.as_bytes())
            }

            pub fn meta_u64(&self, key: &str) -> Result<u64, StoreError> {
                match self.meta_get(key)? {
                    None => Ok(0),
                    Some(b) => <[u8; 8]>::try_from(b.as_slice())
                        .map(u64::from_le_bytes)
                        .map_err(|_| StoreError::Corrupt),
                }
            }

            pub fn name_salt(&self) -> Result<[u8; 16], StoreError> {
                self.meta_get(meta::NAME_SALT)?
                    .and_then(|b| <[u8; 16]>::try_from(b.as_slice()).ok())
                    .ok_or(StoreError::Corrupt)
            }

            pub fn slot_get(&self, lookup: &[u8; 16]) -> Result<Option<SlotRecord>, StoreError> {
                self.r()
                    .get(kv::SLOTS, lookup)?
                    .map(|v| SlotRecord::decode(&v))
                    .transpose()
            }

            pub fn user_get(&self, id: &UserId) -> Result<Option<Vec<u8>>, StoreError> {
                self.r().get(kv::USERS, &id.0)
            }

            /// Every user record, sealed, with its id.
            pub fn users_all(&self) -> Result<Vec<(UserId, Vec<u8>)>, StoreError> {
                kv::rows(self.r(), kv::USERS, None, None)?
                    .into_iter()
                    .map(|(k, v)| Ok((user_id(&k)?, v)))
                    .collect()
            }

            pub fn client_key_get(&self, r: ClientRef) -> Result<Option<Vec<u8>>, StoreError> {
                self.r().get(kv::CLIENT_KEYS, &kv::u64_key(r.0))
            }

            pub fn client_get(&self, r: ClientRef) -> Result<Option<Vec<u8>>, StoreError> {
                self.r().get(kv::CLIENTS, &kv::u64_key(r.0))
            }

            /// Calls `f` with every client's reference, sealed data key and sealed record.
            pub fn for_each_client(
                &self,
                mut f: impl FnMut(ClientRef, &[u8], &[u8]) -> Result<(), StoreError>,
            ) -> Result<(), StoreError> {
                // Both tables are keyed by reference, so they walk in step.
                let keys = kv::rows(self.r(), kv::CLIENT_KEYS, None, None)?;
                let mut key_rows = keys.iter();
                self.r().scan(kv::CLIENTS, None, None, &mut |k, v| {
                    let key = loop {
                        match key_rows.next() {
                            Some((kk, kv)) if kk.as_slice() == k => break Some(kv),
                            Some((kk, _)) if kk.as_slice() > k => break None,
                            Some(_) => {}
                            None => break None,
                        }
                    };
                    match key {
                        Some(kv) => f(ClientRef(kv::u64_at(k, 0)?), kv, v)?,
                        None => return Err(StoreError::Corrupt),
                    }
                    Ok(true)
                })
            }

            pub fn note_get(
                &self,
                client: ClientRef,
                note: u64,
            ) -> Result<Option<Vec<u8>>, StoreError> {
                self.r().get(kv::NOTES, &kv::pair_key(client.0, note))
            }

            /// A client's notes, sealed, oldest first.
            pub fn notes_of(&self, client: ClientRef) -> Result<Vec<(u64, Vec<u8>)>, StoreError> {
                kv::rows(
                    self.r(),
                    kv::NOTES,
                    Some(&kv::pair_key(client.0, 0)),
                    Some(&kv::pair_key(client.0, u64::MAX)),
                )?
                .into_iter()
                .map(|(k, v)| Ok((kv::u64_at(&k, 8)?, v)))
                .collect()
            }

            /// Every audit row, in sequence order.
            pub fn audit_all(&self) -> Result<Vec<AuditRow>, StoreError> {
                self.audit_rows(None)
            }

            /// The audit rows from sequence number `first` on, in order.
            pub fn audit_from(&self, first: u64) -> Result<Vec<AuditRow>, StoreError> {
                self.audit_rows(Some(first))
            }

            fn audit_rows(&self, first: Option<u64>) -> Result<Vec<AuditRow>, StoreError> {
                let from = first.map(kv::u64_key);
                let mut out = Vec::new();
                self.r().scan(
                    kv::AUDIT,
                    from.as_ref().map(|k| &k[..]),
                    None,
                    &mut |k, v| {
                        out.push(decode_audit(kv::u64_at(k, 0)?, v)?);
                        Ok(true)
                    },
                )?;
                Ok(out)
            }

            pub fn audit_last(&self) -> Result<Option<AuditRow>, StoreError> {
                match self.r().last(kv::AUDIT)? {
                    Some((k, v)) => Ok(Some(decode_audit(kv::u64_at(&k, 0)?, &v)?)),
                    None => Ok(None),
                }
            }

            /// One user's drafts: (client, sealed draft), one per client.
            pub fn drafts_of(
                &self,
                user: &UserId,
            ) -> Result<Vec<(ClientRef, Vec<u8>)>, StoreError> {
                let from = draft_key(user, ClientRef(0));
                let to = draft_key(user, ClientRef(u64::MAX));
                kv::rows(self.r(), kv::DRAFTS, Some(&from), Some(&to))?
                    .into_iter()
                    .map(|(k, v)| Ok((ClientRef(kv::u64_at(&k, 16)?), v)))
                    .collect()
            }

            pub fn count_notes(&self) -> Result<u64, StoreError> {
                self.r().len(kv::NOTES)
            }

            /// Rows in the clients table.
            pub fn count_clients(&self) -> Result<u64, StoreError> {
                self.r().len(kv::CLIENTS)
            }

            /// The clients, notes and actions the tables hold, as the backend keeps count
            /// (cheap; see [`KvRead::len`]).
            pub fn held_counts(&self) -> Result<Counts, StoreError> {
                Ok(Counts {
                    clients: self.r().len(kv::CLIENTS)?,
                    notes: self.r().len(kv::NOTES)?,
                    actions: self.r().len(kv::ACTIONS)?,
                })
            }

            /// The same, counted row by row where a change made behind the backend's back
            /// could leave its kept count wrong (see [`KvRead::count`]).
            pub fn counted(&self) -> Result<Counts, StoreError> {
                Ok(Counts {
                    clients: self.r().count(kv::CLIENTS)?,
                    notes: self.r().count(kv::NOTES)?,
                    actions: self.r().count(kv::ACTIONS)?,
                })
            }

            /// The audit row with sequence number `seq`.
            pub fn audit_get(&self, seq: u64) -> Result<Option<AuditRow>, StoreError> {
                self.r()
                    .get(kv::AUDIT, &kv::u64_key(seq))?
                    .map(|v| decode_audit(seq, &v))
                    .transpose()
            }

            /// The references under which client records are filed, in order.
            pub fn client_refs(&self) -> Result<Vec<ClientRef>, StoreError> {
                refs(self.r(), kv::CLIENTS)
            }

            /// The references under which client data keys are filed, in order.
            pub fn client_key_refs(&self) -> Result<Vec<ClientRef>, StoreError> {
                refs(self.r(), kv::CLIENT_KEYS)
            }

            /// The (client, note) keys of every note record, in order.
            pub fn note_keys(&self) -> Result<Vec<(ClientRef, u64)>, StoreError> {
                let mut out = Vec::new();
                self.r().scan_keys(kv::NOTES, None, None, &mut |k| {
                    out.push((ClientRef(kv::u64_at(k, 0)?), kv::u64_at(k, 8)?));
                    Ok(true)
                })?;
                Ok(out)
            }

            /// Client `r`'s sealed assignment (adviser and status), if recorded.
            pub fn assignment_get(&self, r: ClientRef) -> Result<Option<Vec<u8>>, StoreError> {
                self.r().get(kv::ASSIGNMENTS, &kv::u64_key(r.0))
            }

            /// Every recorded assignment, sealed, by reference in order.
            pub fn assignments_all(&self) -> Result<Vec<(ClientRef, Vec<u8>)>, StoreError> {
                kv::rows(self.r(), kv::ASSIGNMENTS, None, None)?
                    .into_iter()
                    .map(|(k, v)| Ok((ClientRef(kv::u64_at(&k, 0)?), v)))
                    .collect()
            }

            /// Rows in the assignments table.
            pub fn count_assignments(&self) -> Result<u64, StoreError> {
                self.r().len(kv::ASSIGNMENTS)
            }

            /// The store's random id.
            pub fn store_id(&self) -> Result<[u8; 16], StoreError> {
                self.meta_get(meta::STORE_ID)?
                    .and_then(|b| <[u8; 16]>::try_from(b.as_slice()).ok())
                    .ok_or(StoreError::Corrupt)
            }
        }
    };
}

/// The references filed in a table keyed by reference, in order.
fn refs(r: &dyn KvRead, t: kv::Table) -> Result<Vec<ClientRef>, StoreError> {
    let mut out = Vec::new();
    r.scan_keys(t, None, None, &mut |k| {
        out.push(ClientRef(kv::u64_at(k, 0)?));
        Ok(true)
    })?;
    Ok(out)
}

/// A consistent snapshot of the store.
pub struct ReadTxn {
    pub(super) kv: Box<dyn KvRead>,
}
reads!(ReadTxn);

impl ReadTxn {
    pub(super) fn r(&self) -> &dyn KvRead {
        &*self.kv
    }
}

/// One durable write transaction. Nothing is visible to others, or survives a crash, until
/// [`WriteTxn::commit`] returns; dropped uncommitted, it changes nothing.
pub struct WriteTxn {
    pub(super) kv: Box<dyn KvWrite>,
}
reads!(WriteTxn);

impl WriteTxn {
    pub(super) fn r(&self) -> &dyn KvRead {
        &*self.kv
    }

    pub(super) fn w(&mut self) -> &mut dyn KvWrite {
        &mut *self.kv
    }

    pub fn meta_put(&mut self, key: &str, value: &[u8]) -> Result<(), StoreError> {
        self.w().put(kv::META, key.as_bytes(), value)
    }

    pub fn meta_put_u64(&mut self, key: &str, value: u64) -> Result<(), StoreError> {
        self.meta_put(key, &value.to_le_bytes())
    }

    /// Removes a value of the meta table.
    pub fn meta_remove(&mut self, key: &str) -> Result<(), StoreError> {
        self.w().remove(kv::META, key.as_bytes())?;
        Ok(())
    }

    /// Takes the next number of a counter kept in meta (starting at 1).
    pub fn next_counter(&mut self, key: &str) -> Result<u64, StoreError> {
        let n = self
            .meta_u64(key)?
            .checked_add(1)
            .ok_or(StoreError::Corrupt)?;
        self.meta_put_u64(key, n)?;
        Ok(n)
    }

    pub fn slot_put(&mut self, lookup: &[u8; 16], slot: &SlotRecord) -> Result<(), StoreError> {
        let bytes = postcard::to_allocvec(slot).map_err(|_| VaultError::Encode)?;
        self.w().put(kv::SLOTS, lookup, &bytes)
    }

    /// Every slot with its lookup id.
    pub fn slots_all(&self) -> Result<Vec<([u8; 16], SlotRecord)>, StoreError> {
        kv::rows(self.r(), kv::SLOTS, None, None)?
            .into_iter()
            .map(|(k, v)| {
                let id: [u8; 16] = k.as_slice().try_into().map_err(|_| StoreError::Corrupt)?;
                Ok((id, SlotRecord::decode(&v)?))
            })
            .collect()
    }

    pub fn user_put(&mut self, id: &UserId, sealed: &[u8]) -> Result<(), StoreError> {
        self.w().put(kv::USERS, &id.0, sealed)
    }

    pub fn client_key_put(&mut self, r: ClientRef, sealed: &[u8]) -> Result<(), StoreError> {
        self.w().put(kv::CLIENT_KEYS, &kv::u64_key(r.0), sealed)
    }

    pub fn client_put(&mut self, r: ClientRef, sealed: &[u8]) -> Result<(), StoreError> {
        self.w().put(kv::CLIENTS, &kv::u64_key(r.0), sealed)
    }

    pub fn note_put(
        &mut self,
        client: ClientRef,
        note: u64,
        sealed: &[u8],
    ) -> Result<(), StoreError> {
        self.w()
            .put(kv::NOTES, &kv::pair_key(client.0, note), sealed)
    }

    /// Records client `r`'s sealed assignment (replacing the earlier one).
    pub fn assignment_put(&mut self, r: ClientRef, sealed: &[u8]) -> Result<(), StoreError> {
        self.w().put(kv::ASSIGNMENTS, &kv::u64_key(r.0), sealed)
    }

    /// Keeps `user`'s draft about `client` (one per client; replaces the earlier one).
    pub fn draft_put(
        &mut self,
        user: &UserId,
        client: ClientRef,
        sealed: &[u8],
    ) -> Result<(), StoreError> {
        self.w().put(kv::DRAFTS, &draft_key(user, client), sealed)
    }

    pub fn draft_remove(&mut self, user: &UserId, client: ClientRef) -> Result<(), StoreError> {
        self.w().remove(kv::DRAFTS, &draft_key(user, client))?;
        Ok(())
    }

    pub fn audit_put(&mut self, row: &AuditRow) -> Result<(), StoreError> {
        let mut v = Vec::with_capacity(MAC_LEN + row.sealed.len());
        v.extend_from_slice(&row.mac);
        v.extend_from_slice(&row.sealed);
        self.w().put(kv::AUDIT, &kv::u64_key(row.seq), &v)
    }

    /// Makes everything written durable. Only after this returns may a face say "saved".
    pub fn commit(self) -> Result<(), StoreError> {
        self.kv.commit()
    }
}

/// Where a draft is filed: the user's random id, then the client's reference (so one user's
/// drafts are one range).
pub(super) fn draft_key(user: &UserId, client: ClientRef) -> [u8; 24] {
    let mut k = [0u8; 24];
    k[..16].copy_from_slice(&user.0);
    k[16..].copy_from_slice(&client.0.to_be_bytes());
    k
}
