//! Erasing one client's rows. Deleting rows only frees their pages: redb does not zero freed
//! pages, so the sealed bytes (and the client's sealed data keys) would stay in the file until
//! reused; [`super::compact_file`] therefore follows every erasure.

use redb::ReadableTable;

use super::*;

/// How the rows of one erased client were removed.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ErasedRows {
    /// The erased client's notes, by number.
    pub notes: Vec<u64>,
    pub actions: u64,
    /// Every row removed, of every table.
    pub rows: u64,
}

impl WriteTxn {
    /// Removes every row of client `r`: its data keys, record, notes and their changes,
    /// actions, consents, disclosures, assignment and everyone's drafts about it.
    pub fn erase_client_rows(&mut self, r: ClientRef) -> Result<ErasedRows, StoreError> {
        guard(|| {
            let txn = self.txn()?;
            let c = r.0;
            let mut out = ErasedRows::default();
            let mut count = |removed: bool| {
                if removed {
                    out.rows += 1;
                }
            };
            count(txn.open_table(CLIENT_KEYS)?.remove(c)?.is_some());
            count(txn.open_table(CLIENTS)?.remove(c)?.is_some());
            count(txn.open_table(ASSIGNMENTS)?.remove(c)?.is_some());
            {
                let mut t = txn.open_table(NOTES)?;
                let keys: Vec<u64> = t
                    .range((c, 0)..=(c, u64::MAX))?
                    .map(|row| row.map(|(k, _)| k.value().1))
                    .collect::<Result<_, _>>()?;
                for n in &keys {
                    t.remove((c, *n))?;
                }
                out.rows += keys.len() as u64;
                out.notes = keys;
            }
            {
                let mut t = txn.open_table(changes::NOTE_CHANGES)?;
                let keys: Vec<(u64, u64, u64)> = t
                    .range((c, 0, 0)..=(c, u64::MAX, u64::MAX))?
                    .map(|row| row.map(|(k, _)| k.value()))
                    .collect::<Result<_, _>>()?;
                for k in &keys {
                    t.remove(*k)?;
                }
                out.rows += keys.len() as u64;
            }
            for (def, actions) in [
                (ACTIONS, true),
                (consents::CONSENTS, false),
                (consents::DISCLOSURES, false),
            ] {
                let mut t = txn.open_table(def)?;
                let keys: Vec<u32> = t
                    .range((c, 0)..=(c, u32::MAX))?
                    .map(|row| row.map(|(k, _)| k.value().1))
                    .collect::<Result<_, _>>()?;
                for n in &keys {
                    t.remove((c, *n))?;
                }
                out.rows += keys.len() as u64;
                if actions {
                    out.actions = keys.len() as u64;
                }
            }
            {
                let mut t = txn.open_table(DRAFTS)?;
                let mut keys = Vec::new();
                for row in t.iter()? {
                    let (k, _) = row?;
                    let k = k.value();
                    if k.get(16..24) == Some(c.to_be_bytes().as_slice()) {
                        keys.push(k.to_vec());
                    }
                }
                for k in &keys {
                    t.remove(k.as_slice())?;
                }
                out.rows += keys.len() as u64;
            }
            Ok(out)
        })
    }
}
