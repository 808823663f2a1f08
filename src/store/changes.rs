//! The note changes table: a note's corrections, addenda and sign-off, each sealed under the
//! client's data keys and keyed by (client, note, change number), oldest first. A store made
//! before the table existed simply has no changes: reads find none, and the first change
//! creates it.

use redb::ReadableTable;

use super::*;

pub(super) const NOTE_CHANGES: TableDefinition<(u64, u64, u64), &[u8]> =
    TableDefinition::new(table::NOTE_CHANGES);

macro_rules! change_reads {
    ($t:ty) => {
        impl $t {
            /// The changes of every note of `client`, sealed: ((note, change number), bytes),
            /// in key order.
            pub fn changes_of_client(
                &self,
                client: ClientRef,
            ) -> Result<Vec<((u64, u64), Vec<u8>)>, StoreError> {
                guard(|| {
                    let t = table_or_empty!(self.txn()?, NOTE_CHANGES);
                    let mut out = Vec::new();
                    for row in t.range((client.0, 0, 0)..=(client.0, u64::MAX, u64::MAX))? {
                        let (k, v) = row?;
                        let (_, note, n) = k.value();
                        out.push(((note, n), v.value().to_vec()));
                    }
                    Ok(out)
                })
            }

            /// The changes of one note, sealed: (change number, bytes), oldest first.
            pub fn changes_of_note(
                &self,
                client: ClientRef,
                note: u64,
            ) -> Result<Vec<(u64, Vec<u8>)>, StoreError> {
                guard(|| {
                    let t = table_or_empty!(self.txn()?, NOTE_CHANGES);
                    let mut out = Vec::new();
                    for row in t.range((client.0, note, 0)..=(client.0, note, u64::MAX))? {
                        let (k, v) = row?;
                        out.push((k.value().2, v.value().to_vec()));
                    }
                    Ok(out)
                })
            }

            /// The key of every change held: (client, note, change number).
            pub fn change_keys(&self) -> Result<Vec<(ClientRef, u64, u64)>, StoreError> {
                guard(|| {
                    let t = table_or_empty!(self.txn()?, NOTE_CHANGES);
                    let mut out = Vec::new();
                    for row in t.iter()? {
                        let (c, n, i) = row?.0.value();
                        out.push((ClientRef(c), n, i));
                    }
                    Ok(out)
                })
            }
        }
    };
}

change_reads!(ReadTxn);
change_reads!(WriteTxn);

impl WriteTxn {
    pub fn change_put(
        &mut self,
        client: ClientRef,
        note: u64,
        n: u64,
        sealed: &[u8],
    ) -> Result<(), StoreError> {
        guard(|| {
            self.txn()?
                .open_table(NOTE_CHANGES)?
                .insert((client.0, note, n), sealed)?;
            Ok(())
        })
    }
}
