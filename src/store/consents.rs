//! The consents and disclosures tables: each client's consent records and its log of
//! disclosures, sealed, filed under the client's reference and the record's number within the
//! client. A store made before the table existed
//! has no consents: reads find none, and the first consent recorded creates it.

use super::kv::{self, KvRead};
use super::*;

/// A client's rows of a table keyed by (client, number), by number.
pub(super) fn numbered_of(
    r: &dyn KvRead,
    t: kv::Table,
    client: ClientRef,
) -> Result<Vec<(u32, Vec<u8>)>, StoreError> {
    kv::rows(
        r,
        t,
        Some(&kv::numbered_key(client.0, 0)),
        Some(&kv::numbered_key(client.0, u32::MAX)),
    )?
    .into_iter()
    .map(|(k, v)| Ok((kv::u32_at(&k, 8)?, v)))
    .collect()
}

/// Every (client, number) key of a table keyed so, in order.
pub(super) fn numbered_keys(
    r: &dyn KvRead,
    t: kv::Table,
) -> Result<Vec<(ClientRef, u32)>, StoreError> {
    let mut out = Vec::new();
    r.scan_keys(t, None, None, &mut |k| {
        out.push((ClientRef(kv::u64_at(k, 0)?), kv::u32_at(k, 8)?));
        Ok(true)
    })?;
    Ok(out)
}

macro_rules! consent_reads {
    ($t:ty) => {
        impl $t {
            /// A client's consents, sealed, by number.
            pub fn consents_of(
                &self,
                client: ClientRef,
            ) -> Result<Vec<(u32, Vec<u8>)>, StoreError> {
                numbered_of(self.r(), kv::CONSENTS, client)
            }

            /// A client's disclosures, sealed, by number.
            pub fn disclosures_of(
                &self,
                client: ClientRef,
            ) -> Result<Vec<(u32, Vec<u8>)>, StoreError> {
                numbered_of(self.r(), kv::DISCLOSURES, client)
            }

            /// The (client, number) key of every consent held.
            pub fn consent_keys(&self) -> Result<Vec<(ClientRef, u32)>, StoreError> {
                numbered_keys(self.r(), kv::CONSENTS)
            }
        }
    };
}

consent_reads!(ReadTxn);
consent_reads!(WriteTxn);

impl WriteTxn {
    /// Files disclosure `number` of `client`.
    pub fn disclosure_put(
        &mut self,
        client: ClientRef,
        number: u32,
        sealed: &[u8],
    ) -> Result<(), StoreError> {
        self.w()
            .put(kv::DISCLOSURES, &kv::numbered_key(client.0, number), sealed)
    }

    /// Files (or replaces) consent `number` of `client`.
    pub fn consent_put(
        &mut self,
        client: ClientRef,
        number: u32,
        sealed: &[u8],
    ) -> Result<(), StoreError> {
        self.w()
            .put(kv::CONSENTS, &kv::numbered_key(client.0, number), sealed)
    }
}
