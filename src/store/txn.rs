//! Transactions: reads shared by read and write transactions, and the writes of one durable
//! write transaction.

use redb::{ReadTransaction, ReadableTable, WriteTransaction};

use super::*;

fn decode_slot(bytes: &[u8]) -> Result<SlotRecord, StoreError> {
    SlotRecord::decode(bytes)
}

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
                guard(|| {
                    let t = self.txn()?.open_table(META)?;
                    Ok(t.get(key)?.map(|v| v.value().to_vec()))
                })
            }

            pub fn meta_u64(&self, key: &str) -> Result<u64, StoreError> {
                guard(|| match self.meta_get(key)? {
                    None => Ok(0),
                    Some(b) => <[u8; 8]>::try_from(b.as_slice())
                        .map(u64::from_le_bytes)
                        .map_err(|_| StoreError::Corrupt),
                })
            }

            pub fn name_salt(&self) -> Result<[u8; 16], StoreError> {
                guard(|| {
                    self.meta_get(meta::NAME_SALT)?
                        .and_then(|b| <[u8; 16]>::try_from(b.as_slice()).ok())
                        .ok_or(StoreError::Corrupt)
                })
            }

            pub fn slot_get(&self, lookup: &[u8; 16]) -> Result<Option<SlotRecord>, StoreError> {
                guard(|| {
                    let t = self.txn()?.open_table(SLOTS)?;
                    let v = t.get(lookup.as_slice())?;
                    v.map(|v| decode_slot(v.value())).transpose()
                })
            }

            pub fn user_get(&self, id: &UserId) -> Result<Option<Vec<u8>>, StoreError> {
                guard(|| {
                    let t = self.txn()?.open_table(USERS)?;
                    Ok(t.get(id.0.as_slice())?.map(|v| v.value().to_vec()))
                })
            }

            /// Every user record, sealed, with its id.
            pub fn users_all(&self) -> Result<Vec<(UserId, Vec<u8>)>, StoreError> {
                guard(|| {
                    let t = self.txn()?.open_table(USERS)?;
                    let mut out = Vec::new();
                    for row in t.iter()? {
                        let (k, v) = row?;
                        let id: [u8; 16] = k.value().try_into().map_err(|_| StoreError::Corrupt)?;
                        out.push((UserId(id), v.value().to_vec()));
                    }
                    Ok(out)
                })
            }

            pub fn client_key_get(&self, r: ClientRef) -> Result<Option<Vec<u8>>, StoreError> {
                guard(|| {
                    let t = self.txn()?.open_table(CLIENT_KEYS)?;
                    Ok(t.get(r.0)?.map(|v| v.value().to_vec()))
                })
            }

            pub fn client_get(&self, r: ClientRef) -> Result<Option<Vec<u8>>, StoreError> {
                guard(|| {
                    let t = self.txn()?.open_table(CLIENTS)?;
                    Ok(t.get(r.0)?.map(|v| v.value().to_vec()))
                })
            }

            /// Calls `f` with every client's reference, sealed data key and sealed record.
            pub fn for_each_client(
                &self,
                mut f: impl FnMut(ClientRef, &[u8], &[u8]) -> Result<(), StoreError>,
            ) -> Result<(), StoreError> {
                guard(|| {
                    let keys = self.txn()?.open_table(CLIENT_KEYS)?;
                    let clients = self.txn()?.open_table(CLIENTS)?;
                    let mut key_rows = keys.iter()?;
                    for row in clients.iter()? {
                        let (k, v) = row?;
                        let r = k.value();
                        // Both tables are keyed by reference, so they walk in step.
                        let key = loop {
                            match key_rows.next() {
                                Some(kr) => {
                                    let (kk, kv) = kr?;
                                    if kk.value() == r {
                                        break Some(kv);
                                    }
                                    if kk.value() > r {
                                        break None;
                                    }
                                }
                                None => break None,
                            }
                        };
                        match key {
                            Some(kv) => f(ClientRef(r), kv.value(), v.value())?,
                            None => return Err(StoreError::Corrupt),
                        }
                    }
                    Ok(())
                })
            }

            pub fn note_get(
                &self,
                client: ClientRef,
                note: u64,
            ) -> Result<Option<Vec<u8>>, StoreError> {
                guard(|| {
                    let t = self.txn()?.open_table(NOTES)?;
                    Ok(t.get((client.0, note))?.map(|v| v.value().to_vec()))
                })
            }

            /// A client's notes, sealed, oldest first.
            pub fn notes_of(&self, client: ClientRef) -> Result<Vec<(u64, Vec<u8>)>, StoreError> {
                guard(|| {
                    let t = self.txn()?.open_table(NOTES)?;
                    let mut out = Vec::new();
                    for row in t.range((client.0, 0)..=(client.0, u64::MAX))? {
                        let (k, v) = row?;
                        out.push((k.value().1, v.value().to_vec()));
                    }
                    Ok(out)
                })
            }

            /// Every audit row, in sequence order.
            pub fn audit_all(&self) -> Result<Vec<AuditRow>, StoreError> {
                guard(|| {
                    let t = self.txn()?.open_table(AUDIT)?;
                    let mut out = Vec::new();
                    for row in t.iter()? {
                        let (k, v) = row?;
                        out.push(decode_audit(k.value(), v.value())?);
                    }
                    Ok(out)
                })
            }

            /// The audit rows from sequence number `first` on, in order.
            pub fn audit_from(&self, first: u64) -> Result<Vec<AuditRow>, StoreError> {
                guard(|| {
                    let t = self.txn()?.open_table(AUDIT)?;
                    let mut out = Vec::new();
                    for row in t.range(first..)? {
                        let (k, v) = row?;
                        out.push(decode_audit(k.value(), v.value())?);
                    }
                    Ok(out)
                })
            }

            pub fn audit_last(&self) -> Result<Option<AuditRow>, StoreError> {
                guard(|| {
                    let t = self.txn()?.open_table(AUDIT)?;
                    match t.last()? {
                        Some((k, v)) => Ok(Some(decode_audit(k.value(), v.value())?)),
                        None => Ok(None),
                    }
                })
            }

            /// One user's drafts: (client, sealed draft), one per client.
            pub fn drafts_of(
                &self,
                user: &UserId,
            ) -> Result<Vec<(ClientRef, Vec<u8>)>, StoreError> {
                guard(|| {
                    let t = self.txn()?.open_table(DRAFTS)?;
                    let from = draft_key(user, ClientRef(0));
                    let to = draft_key(user, ClientRef(u64::MAX));
                    let mut out = Vec::new();
                    for row in t.range(from.as_slice()..=to.as_slice())? {
                        let (k, v) = row?;
                        let k = k.value();
                        let client = k
                            .get(16..24)
                            .and_then(|b| <[u8; 8]>::try_from(b).ok())
                            .map(u64::from_be_bytes)
                            .ok_or(StoreError::Corrupt)?;
                        out.push((ClientRef(client), v.value().to_vec()));
                    }
                    Ok(out)
                })
            }

            pub fn count_notes(&self) -> Result<u64, StoreError> {
                guard(|| {
                    use redb::ReadableTableMetadata;
                    Ok(self.txn()?.open_table(NOTES)?.len()?)
                })
            }

            /// Rows in the clients table (read from the table's header, not counted).
            pub fn count_clients(&self) -> Result<u64, StoreError> {
                guard(|| {
                    use redb::ReadableTableMetadata;
                    Ok(self.txn()?.open_table(CLIENTS)?.len()?)
                })
            }

            /// The audit row with sequence number `seq`.
            pub fn audit_get(&self, seq: u64) -> Result<Option<AuditRow>, StoreError> {
                guard(|| {
                    let t = self.txn()?.open_table(AUDIT)?;
                    t.get(seq)?
                        .map(|v| decode_audit(seq, v.value()))
                        .transpose()
                })
            }

            /// The references under which client records are filed, in order.
            pub fn client_refs(&self) -> Result<Vec<ClientRef>, StoreError> {
                guard(|| {
                    let t = self.txn()?.open_table(CLIENTS)?;
                    let mut out = Vec::new();
                    for row in t.iter()? {
                        out.push(ClientRef(row?.0.value()));
                    }
                    Ok(out)
                })
            }

            /// The references under which client data keys are filed, in order.
            pub fn client_key_refs(&self) -> Result<Vec<ClientRef>, StoreError> {
                guard(|| {
                    let t = self.txn()?.open_table(CLIENT_KEYS)?;
                    let mut out = Vec::new();
                    for row in t.iter()? {
                        out.push(ClientRef(row?.0.value()));
                    }
                    Ok(out)
                })
            }

            /// The (client, note) keys of every note record, in order.
            pub fn note_keys(&self) -> Result<Vec<(ClientRef, u64)>, StoreError> {
                guard(|| {
                    let t = self.txn()?.open_table(NOTES)?;
                    let mut out = Vec::new();
                    for row in t.iter()? {
                        let (c, n) = row?.0.value();
                        out.push((ClientRef(c), n));
                    }
                    Ok(out)
                })
            }

            /// Client `r`'s sealed assignment (adviser and status), if recorded.
            pub fn assignment_get(&self, r: ClientRef) -> Result<Option<Vec<u8>>, StoreError> {
                guard(|| {
                    let t = match self.txn()?.open_table(ASSIGNMENTS) {
                        Ok(t) => t,
                        // A store made before the table existed: nothing recorded yet.
                        Err(redb::TableError::TableDoesNotExist(_)) => return Ok(None),
                        Err(e) => return Err(e.into()),
                    };
                    Ok(t.get(r.0)?.map(|v| v.value().to_vec()))
                })
            }

            /// Every recorded assignment, sealed, by reference in order.
            pub fn assignments_all(&self) -> Result<Vec<(ClientRef, Vec<u8>)>, StoreError> {
                guard(|| {
                    let t = table_or_empty!(self.txn()?, ASSIGNMENTS);
                    let mut out = Vec::new();
                    for row in t.iter()? {
                        let (k, v) = row?;
                        out.push((ClientRef(k.value()), v.value().to_vec()));
                    }
                    Ok(out)
                })
            }

            /// Rows in the assignments table (read from the table's header, not counted).
            pub fn count_assignments(&self) -> Result<u64, StoreError> {
                guard(|| {
                    use redb::ReadableTableMetadata;
                    match self.txn()?.open_table(ASSIGNMENTS) {
                        Ok(t) => Ok(t.len()?),
                        Err(redb::TableError::TableDoesNotExist(_)) => Ok(0),
                        Err(e) => Err(e.into()),
                    }
                })
            }

            /// The store's random id.
            pub fn store_id(&self) -> Result<[u8; 16], StoreError> {
                guard(|| {
                    self.meta_get(meta::STORE_ID)?
                        .and_then(|b| <[u8; 16]>::try_from(b.as_slice()).ok())
                        .ok_or(StoreError::Corrupt)
                })
            }
        }
    };
}

/// A consistent snapshot of the store.
pub struct ReadTxn {
    pub(super) txn: Option<ReadTransaction>,
}
reads!(ReadTxn);

impl ReadTxn {
    pub(super) fn txn(&self) -> Result<&ReadTransaction, StoreError> {
        self.txn.as_ref().ok_or(StoreError::Corrupt)
    }
}

impl Drop for ReadTxn {
    fn drop(&mut self) {
        if let Some(t) = self.txn.take() {
            let _ = guard(move || {
                drop(t);
                Ok(())
            });
        }
    }
}

/// One durable write transaction. Nothing is visible to others, or survives a crash, until
/// [`WriteTxn::commit`] returns.
pub struct WriteTxn {
    pub(super) txn: Option<WriteTransaction>,
}
reads!(WriteTxn);

impl Drop for WriteTxn {
    fn drop(&mut self) {
        // Dropping an uncommitted transaction aborts it, which touches the file.
        if let Some(t) = self.txn.take() {
            let _ = guard(move || {
                drop(t);
                Ok(())
            });
        }
    }
}

impl WriteTxn {
    pub(super) fn txn(&self) -> Result<&WriteTransaction, StoreError> {
        self.txn.as_ref().ok_or(StoreError::Corrupt)
    }

    pub fn meta_put(&mut self, key: &str, value: &[u8]) -> Result<(), StoreError> {
        guard(|| {
            self.txn()?.open_table(META)?.insert(key, value)?;
            Ok(())
        })
    }

    pub fn meta_put_u64(&mut self, key: &str, value: u64) -> Result<(), StoreError> {
        guard(|| self.meta_put(key, &value.to_le_bytes()))
    }

    /// Takes the next number of a counter kept in meta (starting at 1).
    pub fn next_counter(&mut self, key: &str) -> Result<u64, StoreError> {
        guard(|| {
            let n = self
                .meta_u64(key)?
                .checked_add(1)
                .ok_or(StoreError::Corrupt)?;
            self.meta_put_u64(key, n)?;
            Ok(n)
        })
    }

    pub fn slot_put(&mut self, lookup: &[u8; 16], slot: &SlotRecord) -> Result<(), StoreError> {
        guard(|| {
            let bytes = postcard::to_allocvec(slot).map_err(|_| VaultError::Encode)?;
            self.txn()?
                .open_table(SLOTS)?
                .insert(lookup.as_slice(), bytes.as_slice())?;
            Ok(())
        })
    }

    /// Every slot with its lookup id.
    pub fn slots_all(&self) -> Result<Vec<([u8; 16], SlotRecord)>, StoreError> {
        guard(|| {
            let t = self.txn()?.open_table(SLOTS)?;
            let mut out = Vec::new();
            for row in t.iter()? {
                let (k, v) = row?;
                let id: [u8; 16] = k.value().try_into().map_err(|_| StoreError::Corrupt)?;
                out.push((id, decode_slot(v.value())?));
            }
            Ok(out)
        })
    }

    pub fn user_put(&mut self, id: &UserId, sealed: &[u8]) -> Result<(), StoreError> {
        guard(|| {
            self.txn()?
                .open_table(USERS)?
                .insert(id.0.as_slice(), sealed)?;
            Ok(())
        })
    }

    pub fn client_key_put(&mut self, r: ClientRef, sealed: &[u8]) -> Result<(), StoreError> {
        guard(|| {
            self.txn()?.open_table(CLIENT_KEYS)?.insert(r.0, sealed)?;
            Ok(())
        })
    }

    pub fn client_put(&mut self, r: ClientRef, sealed: &[u8]) -> Result<(), StoreError> {
        guard(|| {
            self.txn()?.open_table(CLIENTS)?.insert(r.0, sealed)?;
            Ok(())
        })
    }

    pub fn note_put(
        &mut self,
        client: ClientRef,
        note: u64,
        sealed: &[u8],
    ) -> Result<(), StoreError> {
        guard(|| {
            self.txn()?
                .open_table(NOTES)?
                .insert((client.0, note), sealed)?;
            Ok(())
        })
    }

    /// Records client `r`'s sealed assignment (replacing the earlier one).
    pub fn assignment_put(&mut self, r: ClientRef, sealed: &[u8]) -> Result<(), StoreError> {
        guard(|| {
            self.txn()?.open_table(ASSIGNMENTS)?.insert(r.0, sealed)?;
            Ok(())
        })
    }

    /// Keeps `user`'s draft about `client` (one per client; replaces the earlier one).
    pub fn draft_put(
        &mut self,
        user: &UserId,
        client: ClientRef,
        sealed: &[u8],
    ) -> Result<(), StoreError> {
        guard(|| {
            self.txn()?
                .open_table(DRAFTS)?
                .insert(draft_key(user, client).as_slice(), sealed)?;
            Ok(())
        })
    }

    pub fn draft_remove(&mut self, user: &UserId, client: ClientRef) -> Result<(), StoreError> {
        guard(|| {
            self.txn()?
                .open_table(DRAFTS)?
                .remove(draft_key(user, client).as_slice())?;
            Ok(())
        })
    }

    pub fn audit_put(&mut self, row: &AuditRow) -> Result<(), StoreError> {
        guard(|| {
            let mut v = Vec::with_capacity(MAC_LEN + row.sealed.len());
            v.extend_from_slice(&row.mac);
            v.extend_from_slice(&row.sealed);
            self.txn()?
                .open_table(AUDIT)?
                .insert(row.seq, v.as_slice())?;
            Ok(())
        })
    }

    /// Makes everything written durable. Only after this returns may a face say "saved".
    pub fn commit(mut self) -> Result<(), StoreError> {
        let txn = self.txn.take().ok_or(StoreError::Corrupt)?;
        guard(move || {
            txn.commit()?;
            Ok(())
        })
    }
}

/// Where a draft is filed: the user's random id, then the client's reference (so one user's
/// drafts are one range).
fn draft_key(user: &UserId, client: ClientRef) -> [u8; 24] {
    let mut k = [0u8; 24];
    k[..16].copy_from_slice(&user.0);
    k[16..].copy_from_slice(&client.0.to_be_bytes());
    k
}
