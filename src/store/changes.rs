//! The note changes table: a note's corrections, addenda and sign-off, each sealed under the
//! client's data keys and keyed by (client, note, change number), oldest first. A store made
//! before the table existed simply has no changes: reads find none, and the first change
//! creates it.

use super::kv;
use super::*;

macro_rules! change_reads {
    ($t:ty) => {
        impl $t {
            /// The changes of every note of `client`, sealed: ((note, change number), bytes),
            /// in key order.
            pub fn changes_of_client(
                &self,
                client: ClientRef,
            ) -> Result<Vec<((u64, u64), Vec<u8>)>, StoreError> {
                kv::rows(
                    self.r(),
                    kv::NOTE_CHANGES,
                    Some(&kv::triple_key(client.0, 0, 0)),
                    Some(&kv::triple_key(client.0, u64::MAX, u64::MAX)),
                )?
                .into_iter()
                .map(|(k, v)| Ok(((kv::u64_at(&k, 8)?, kv::u64_at(&k, 16)?), v)))
                .collect()
            }

            /// The changes of one note, sealed: (change number, bytes), oldest first.
            pub fn changes_of_note(
                &self,
                client: ClientRef,
                note: u64,
            ) -> Result<Vec<(u64, Vec<u8>)>, StoreError> {
                kv::rows(
                    self.r(),
                    kv::NOTE_CHANGES,
                    Some(&kv::triple_key(client.0, note, 0)),
                    Some(&kv::triple_key(client.0, note, u64::MAX)),
                )?
                .into_iter()
                .map(|(k, v)| Ok((kv::u64_at(&k, 16)?, v)))
                .collect()
            }

            /// The key of every change held: (client, note, change number).
            pub fn change_keys(&self) -> Result<Vec<(ClientRef, u64, u64)>, StoreError> {
                let mut out = Vec::new();
                self.r().scan_keys(kv::NOTE_CHANGES, None, None, &mut |k| {
                    out.push((
                        ClientRef(kv::u64_at(k, 0)?),
                        kv::u64_at(k, 8)?,
                        kv::u64_at(k, 16)?,
                    ));
                    Ok(true)
                })?;
                Ok(out)
            }
        }
    };
}

change_reads!(ReadTxn);
change_reads!(WriteTxn);

impl WriteTxn {
    /// Files change `n` of note `note` of `client`.
    pub fn change_put(
        &mut self,
        client: ClientRef,
        note: u64,
        n: u64,
        sealed: &[u8],
    ) -> Result<(), StoreError> {
        self.w()
            .put(kv::NOTE_CHANGES, &kv::triple_key(client.0, note, n), sealed)
    }
}
