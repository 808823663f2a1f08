//! The actions table: actions agreed with clients, sealed, filed under the client's reference
//! and the action's number within the client (neither identifies anyone).

use super::consents::{numbered_keys, numbered_of};
use super::kv;
use super::*;

/// Reads of the actions table shared by read and write transactions.
pub trait ActionReads {
    /// Action `number` of `client`, sealed.
    fn action_get(&self, client: ClientRef, number: u32) -> Result<Option<Vec<u8>>, StoreError>;
    /// A client's actions, sealed, by number.
    fn actions_of(&self, client: ClientRef) -> Result<Vec<(u32, Vec<u8>)>, StoreError>;
    /// The (client, number) keys of every action record, in order.
    fn action_keys(&self) -> Result<Vec<(ClientRef, u32)>, StoreError>;
    /// Rows in the actions table.
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
                self.r()
                    .get(kv::ACTIONS, &kv::numbered_key(client.0, number))
            }

            fn actions_of(&self, client: ClientRef) -> Result<Vec<(u32, Vec<u8>)>, StoreError> {
                numbered_of(self.r(), kv::ACTIONS, client)
            }

            fn action_keys(&self) -> Result<Vec<(ClientRef, u32)>, StoreError> {
                numbered_keys(self.r(), kv::ACTIONS)
            }

            fn count_actions(&self) -> Result<u64, StoreError> {
                self.r().len(kv::ACTIONS)
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
        self.w()
            .put(kv::ACTIONS, &kv::numbered_key(client.0, number), sealed)
    }
}
