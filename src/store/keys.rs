//! The grants table (the case key ring sealed to each confirmed account) and the walks over
//! every client's sealed data keys that a rotation of the ring needs.

use redb::{ReadableTable, ReadableTableMetadata};

use super::*;

pub(super) const GRANTS: TableDefinition<&[u8], &[u8]> = TableDefinition::new(table::GRANTS);

/// Reads of the key tables shared by read and write transactions.
pub trait KeyReads {
    /// The grant sealed to account `id`, if it holds one.
    fn grant_get(&self, id: &UserId) -> Result<Option<Vec<u8>>, StoreError>;
    /// Whether any account holds a grant.
    fn any_grant(&self) -> Result<bool, StoreError>;
    /// Whether the store holds any client.
    fn any_client(&self) -> Result<bool, StoreError>;
    /// A value of the meta table.
    fn meta_value(&self, key: &str) -> Result<Option<Vec<u8>>, StoreError>;
    /// A client's sealed data keys, if the client exists (and was not erased).
    fn client_keys_of(&self, r: ClientRef) -> Result<Option<Vec<u8>>, StoreError>;
}

macro_rules! key_reads {
    ($t:ty) => {
        impl KeyReads for $t {
            fn grant_get(&self, id: &UserId) -> Result<Option<Vec<u8>>, StoreError> {
                guard(|| {
                    let t = self.txn()?.open_table(GRANTS)?;
                    Ok(t.get(id.0.as_slice())?.map(|v| v.value().to_vec()))
                })
            }

            fn any_grant(&self) -> Result<bool, StoreError> {
                guard(|| Ok(!self.txn()?.open_table(GRANTS)?.is_empty()?))
            }

            fn any_client(&self) -> Result<bool, StoreError> {
                guard(|| Ok(!self.txn()?.open_table(CLIENT_KEYS)?.is_empty()?))
            }

            fn meta_value(&self, key: &str) -> Result<Option<Vec<u8>>, StoreError> {
                self.meta_get(key)
            }

            fn client_keys_of(&self, r: ClientRef) -> Result<Option<Vec<u8>>, StoreError> {
                self.client_key_get(r)
            }
        }
    };
}

key_reads!(ReadTxn);
key_reads!(WriteTxn);

impl WriteTxn {
    pub fn grant_put(&mut self, id: &UserId, sealed: &[u8]) -> Result<(), StoreError> {
        guard(|| {
            self.txn()?
                .open_table(GRANTS)?
                .insert(id.0.as_slice(), sealed)?;
            Ok(())
        })
    }

    pub fn grant_remove(&mut self, id: &UserId) -> Result<(), StoreError> {
        guard(|| {
            self.txn()?.open_table(GRANTS)?.remove(id.0.as_slice())?;
            Ok(())
        })
    }

    /// Every client's reference with its sealed data keys.
    pub fn client_keys_all(&self) -> Result<Vec<(ClientRef, Vec<u8>)>, StoreError> {
        guard(|| {
            let t = self.txn()?.open_table(CLIENT_KEYS)?;
            let mut out = Vec::new();
            for row in t.iter()? {
                let (k, v) = row?;
                out.push((ClientRef(k.value()), v.value().to_vec()));
            }
            Ok(out)
        })
    }
}
