//! Erasing one client's rows. Deleting rows only frees their space: neither redb nor
//! PostgreSQL zeroes it, so the sealed bytes (and the client's sealed data keys) would stay on
//! disk until reused; a rewrite of the store ([`super::compact_file`], or
//! [`Store::compact_shared`] on PostgreSQL) therefore follows every erasure.

use super::kv;
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
        let c = r.0;
        let mut out = ErasedRows::default();
        for t in [kv::CLIENT_KEYS, kv::CLIENTS, kv::ASSIGNMENTS] {
            if self.w().remove(t, &kv::u64_key(c))? {
                out.rows += 1;
            }
        }
        let ranges: [(kv::Table, Vec<u8>, Vec<u8>); 5] = [
            (
                kv::NOTES,
                kv::pair_key(c, 0).to_vec(),
                kv::pair_key(c, u64::MAX).to_vec(),
            ),
            (
                kv::NOTE_CHANGES,
                kv::triple_key(c, 0, 0).to_vec(),
                kv::triple_key(c, u64::MAX, u64::MAX).to_vec(),
            ),
            (
                kv::ACTIONS,
                kv::numbered_key(c, 0).to_vec(),
                kv::numbered_key(c, u32::MAX).to_vec(),
            ),
            (
                kv::CONSENTS,
                kv::numbered_key(c, 0).to_vec(),
                kv::numbered_key(c, u32::MAX).to_vec(),
            ),
            (
                kv::DISCLOSURES,
                kv::numbered_key(c, 0).to_vec(),
                kv::numbered_key(c, u32::MAX).to_vec(),
            ),
        ];
        for (t, from, to) in ranges {
            let keys = kv::keys(self.r(), t, Some(&from), Some(&to))?;
            for k in &keys {
                self.w().remove(t, k)?;
            }
            out.rows += keys.len() as u64;
            if t == kv::NOTES {
                out.notes = keys
                    .iter()
                    .map(|k| kv::u64_at(k, 8))
                    .collect::<Result<_, _>>()?;
            }
            if t == kv::ACTIONS {
                out.actions = keys.len() as u64;
            }
        }
        // Drafts are filed by user first: every user's drafts about this client.
        let mut drafts = Vec::new();
        self.r().scan_keys(kv::DRAFTS, None, None, &mut |k| {
            if k.get(16..24) == Some(c.to_be_bytes().as_slice()) {
                drafts.push(k.to_vec());
            }
            Ok(true)
        })?;
        for k in &drafts {
            self.w().remove(kv::DRAFTS, k)?;
        }
        out.rows += drafts.len() as u64;
        Ok(out)
    }
}
