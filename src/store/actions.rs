//! The actions table: actions agreed with clients, sealed, filed under the client's reference
//! and the action's number within the client (neither identifies anyone).

use redb::{ReadableTable, ReadableTableMetadata};

use super::*;

pub(super) const ACTIONS: TableDefinition<(u64, u32), &[u8]> = TableDefinition::new(table::ACTIONS);

/// Reads of the actions table shared by read and write transactions.
pub trait ActionReads {
    /// Action `number` of `client`, sealed.
    fn action_get(&self, client: ClientRef, number: u32) -> Result<Option<Vec<u8>>, StoreError>;
    /// A client's actions, sealed, by number.
    fn actions_of(&self, client: ClientRef) -> Result<Vec<(u32, Vec<u8>)>, StoreError>;
    /// The (client, number) keys of every action record, in order.
    fn action_keys(&self) -> Result<Vec<(ClientRef, u32)>, StoreError>;
    /// Rows in the actions table (read from the table's header, not counted).
    fn count_actions(&self) -> Result<u64, StoreError>;
}

macro_rules! action_reads {
    ($t:ty) => {
        impl ActionReads for $t {
            fn action_get(
                &self,
                client: ClientRef,
                number: u32,
            ) -> Result<Option<Vec<u8>>, StoreError> {
                guard(|| {
                    let t = self.txn()?.open_table(ACTIONS)?;
                    Ok(t.get((client.0, number))?.map(|v| v.value().to_vec()))
                })
            }

            fn actions_of(&self, client: ClientRef) -> Result<Vec<(u32, Vec<u8>)>, StoreError> {
                guard(|| {
                    let t = self.txn()?.open_table(ACTIONS)?;
                    let mut out = Vec::new();
                    for row in t.range((client.0, 0)..=(client.0, u32::MAX))? {
                        let (k, v) = row?;
                        out.push((k.value().1, v.value().to_vec()));
                    }
                    Ok(out)
                })
            }

            fn action_keys(&self) -> Result<Vec<(ClientRef, u32)>, StoreError> {
                guard(|| {
                    let t = self.txn()?.open_table(ACTIONS)?;
                    let mut out = Vec::new();
                    for row in t.iter()? {
                        let (c, n) = row?.0.value();
                        out.push((ClientRef(c), n));
                    }
                    Ok(out)
                })
            }

            fn count_actions(&self) -> Result<u64, StoreError> {
                guard(|| Ok(self.txn()?.open_table(ACTIONS)?.len()?))
            }
        }
    };
}

action_reads!(ReadTxn);
action_reads!(WriteTxn);

impl WriteTxn {
    /// Files (or replaces) action `number` of `client`.
    pub fn action_put(
        &mut self,
        client: ClientRef,
        number: u32,
        sealed: &[u8],
    ) -> Result<(), StoreError> {
        guard(|| {
            self.txn()?
                .open_table(ACTIONS)?
                .insert((client.0, number), sealed)?;
            Ok(())
        })
    }
}
