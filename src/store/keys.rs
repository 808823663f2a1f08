//! The grants table (the case key ring sealed to each confirmed account) and the walks over
//! every client's sealed data keys that a rotation of the ring needs.

use super::kv::{self, KvRead};
use super::*;

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

/// Whether table `t` holds any row (one row read, not counted).
fn any_row(r: &dyn KvRead, t: kv::Table) -> Result<bool, StoreError> {
    let mut any = false;
    r.scan_keys(t, None, None, &mut |_| {
        any = true;
        Ok(false)
    })?;
    Ok(any)
}

macro_rules! key_reads {
    ($t:ty) => {
        impl KeyReads for $t {
            fn grant_get(&self, id: &UserId) -> Result<Option<Vec<u8>>, StoreError> {
                self.r().get(kv::GRANTS, &id.0)
            }

            fn any_grant(&self) -> Result<bool, StoreError> {
                any_row(self.r(), kv::GRANTS)
            }

            fn any_client(&self) -> Result<bool, StoreError> {
                any_row(self.r(), kv::CLIENT_KEYS)
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
        self.w().put(kv::GRANTS, &id.0, sealed)
    }

    pub fn grant_remove(&mut self, id: &UserId) -> Result<(), StoreError> {
        self.w().remove(kv::GRANTS, &id.0)?;
        Ok(())
    }

    /// Every client's reference with its sealed data keys.
    pub fn client_keys_all(&self) -> Result<Vec<(ClientRef, Vec<u8>)>, StoreError> {
        kv::rows(self.r(), kv::CLIENT_KEYS, None, None)?
            .into_iter()
            .map(|(k, v)| Ok((ClientRef(kv::u64_at(&k, 0)?), v)))
            .collect()
    }
}
