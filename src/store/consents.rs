//! The consents and disclosures tables: each client's consent records and its log of
//! disclosures, sealed, filed under the client's reference and the record's number within the
//! client. A store made before the table existed
//! has no consents: reads find none, and the first consent recorded creates it.

use redb::ReadableTable;

use super::*;

pub(super) const CONSENTS: TableDefinition<(u64, u32), &[u8]> =
    TableDefinition::new(table::CONSENTS);
pub(super) const DISCLOSURES: TableDefinition<(u64, u32), &[u8]> =
    TableDefinition::new(table::DISCLOSURES);

macro_rules! consent_reads {
    ($t:ty) => {
        impl $t {
            /// A client's consents, sealed, by number.
            pub fn consents_of(
                &self,
                client: ClientRef,
            ) -> Result<Vec<(u32, Vec<u8>)>, StoreError> {
                guard(|| {
                    let t = table_or_empty!(self.txn()?, CONSENTS);
                    let mut out = Vec::new();
                    for row in t.range((client.0, 0)..=(client.0, u32::MAX))? {
                        let (k, v) = row?;
                        out.push((k.value().1, v.value().to_vec()));
                    }
                    Ok(out)
                })
            }

            /// A client's disclosures, sealed, by number.
            pub fn disclosures_of(
                &self,
                client: ClientRef,
            ) -> Result<Vec<(u32, Vec<u8>)>, StoreError> {
                guard(|| {
                    let t = table_or_empty!(self.txn()?, DISCLOSURES);
                    let mut out = Vec::new();
                    for row in t.range((client.0, 0)..=(client.0, u32::MAX))? {
                        let (k, v) = row?;
                        out.push((k.value().1, v.value().to_vec()));
                    }
                    Ok(out)
                })
            }

            /// The (client, number) key of every consent held.
            pub fn consent_keys(&self) -> Result<Vec<(ClientRef, u32)>, StoreError> {
                guard(|| {
                    let t = table_or_empty!(self.txn()?, CONSENTS);
                    let mut out = Vec::new();
                    for row in t.iter()? {
                        let (c, n) = row?.0.value();
                        out.push((ClientRef(c), n));
                    }
                    Ok(out)
                })
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
        guard(|| {
            self.txn()?
                .open_table(DISCLOSURES)?
                .insert((client.0, number), sealed)?;
            Ok(())
        })
    }

    /// Files (or replaces) consent `number` of `client`.
    pub fn consent_put(
        &mut self,
        client: ClientRef,
        number: u32,
        sealed: &[u8],
    ) -> Result<(), StoreError> {
        guard(|| {
            self.txn()?
                .open_table(CONSENTS)?
                .insert((client.0, number), sealed)?;
            Ok(())
        })
    }
}
