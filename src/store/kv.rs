//! The storage interface: ordered tables of byte keys and byte values, read in consistent
//! snapshots and written in durable, all-or-nothing transactions.
//!
//! Both backends (the redb file in `redb`, a PostgreSQL database in `postgres`) implement it,
//! and everything above it (the record reads and writes in `txn` and beside it, and so the
//! session) is written once against it. Values are stored exactly as given: a sealed record is
//! the same bytes on either backend, so a record moved between them still opens, and the audit
//! chain still verifies.
//!
//! Keys are encoded so that their byte order is their order as numbers and tuples: numbers
//! big-endian, fields of a tuple one after the other. A range of keys is therefore the same
//! range on both backends.

use super::{StoreError, table};

/// The kind of key a table is filed under.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum KeyKind {
    /// UTF-8 text (the meta table's names).
    Text,
    /// Raw bytes: random ids, keyed hashes.
    Bytes,
    /// A number, 8 bytes big-endian.
    U64,
    /// Two numbers (client, note).
    U64U64,
    /// Three numbers (client, note, change).
    U64U64U64,
    /// A number and a small number (client, consent or action number), 12 bytes.
    U64U32,
}

/// One table of the store.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Table {
    pub name: &'static str,
    pub key: KeyKind,
    /// Stores made before the table existed do not have it: reads find it empty.
    pub optional: bool,
}

const fn table(name: &'static str, key: KeyKind) -> Table {
    Table {
        name,
        key,
        optional: false,
    }
}

const fn optional(name: &'static str, key: KeyKind) -> Table {
    Table {
        name,
        key,
        optional: true,
    }
}

pub const META: Table = table(table::META, KeyKind::Text);
pub const SLOTS: Table = table(table::SLOTS, KeyKind::Bytes);
pub const USERS: Table = table(table::USERS, KeyKind::Bytes);
pub const GRANTS: Table = table(table::GRANTS, KeyKind::Bytes);
pub const CLIENT_KEYS: Table = table(table::CLIENT_KEYS, KeyKind::U64);
pub const CLIENTS: Table = table(table::CLIENTS, KeyKind::U64);
pub const NOTES: Table = table(table::NOTES, KeyKind::U64U64);
pub const NOTE_CHANGES: Table = optional(table::NOTE_CHANGES, KeyKind::U64U64U64);
pub const ACTIONS: Table = table(table::ACTIONS, KeyKind::U64U32);
pub const CONSENTS: Table = optional(table::CONSENTS, KeyKind::U64U32);
pub const DISCLOSURES: Table = optional(table::DISCLOSURES, KeyKind::U64U32);
pub const ASSIGNMENTS: Table = optional(table::ASSIGNMENTS, KeyKind::U64);
pub const DRAFTS: Table = table(table::DRAFTS, KeyKind::Bytes);
pub const AUDIT: Table = table(table::AUDIT, KeyKind::U64);

/// Every table a store holds, in the order a copy writes them.
pub const ALL: &[Table] = &[
    META,
    SLOTS,
    USERS,
    GRANTS,
    CLIENT_KEYS,
    CLIENTS,
    NOTES,
    NOTE_CHANGES,
    ACTIONS,
    CONSENTS,
    DISCLOSURES,
    ASSIGNMENTS,
    DRAFTS,
    AUDIT,
];

/// The table named `name`, if the store has one.
pub fn by_name(name: &str) -> Option<Table> {
    ALL.iter().copied().find(|t| t.name == name)
}

pub fn u64_key(n: u64) -> [u8; 8] {
    n.to_be_bytes()
}

pub fn pair_key(a: u64, b: u64) -> [u8; 16] {
    let mut k = [0u8; 16];
    k[..8].copy_from_slice(&a.to_be_bytes());
    k[8..].copy_from_slice(&b.to_be_bytes());
    k
}

pub fn triple_key(a: u64, b: u64, c: u64) -> [u8; 24] {
    let mut k = [0u8; 24];
    k[..8].copy_from_slice(&a.to_be_bytes());
    k[8..16].copy_from_slice(&b.to_be_bytes());
    k[16..].copy_from_slice(&c.to_be_bytes());
    k
}

pub fn numbered_key(a: u64, n: u32) -> [u8; 12] {
    let mut k = [0u8; 12];
    k[..8].copy_from_slice(&a.to_be_bytes());
    k[8..].copy_from_slice(&n.to_be_bytes());
    k
}

/// The number at byte `at` of an encoded key.
pub fn u64_at(key: &[u8], at: usize) -> Result<u64, StoreError> {
    key.get(at..at + 8)
        .and_then(|b| <[u8; 8]>::try_from(b).ok())
        .map(u64::from_be_bytes)
        .ok_or(StoreError::Corrupt)
}

/// The small number at byte `at` of an encoded key.
pub fn u32_at(key: &[u8], at: usize) -> Result<u32, StoreError> {
    key.get(at..at + 4)
        .and_then(|b| <[u8; 4]>::try_from(b).ok())
        .map(u32::from_be_bytes)
        .ok_or(StoreError::Corrupt)
}

/// Whether `key` is a well-formed key of a table of kind `kind`.
pub fn key_fits(kind: KeyKind, key: &[u8]) -> bool {
    match kind {
        KeyKind::Text => std::str::from_utf8(key).is_ok(),
        KeyKind::Bytes => true,
        KeyKind::U64 => key.len() == 8,
        KeyKind::U64U64 => key.len() == 16,
        KeyKind::U64U64U64 => key.len() == 24,
        KeyKind::U64U32 => key.len() == 12,
    }
}

/// A row as read: its encoded key and its value.
pub type Row = (Vec<u8>, Vec<u8>);

/// Called with each row of a scan, in key order; returns whether to go on.
pub type Visit<'a> = &'a mut dyn FnMut(&[u8], &[u8]) -> Result<bool, StoreError>;

/// Called with each key of a scan, in order; returns whether to go on.
pub type VisitKey<'a> = &'a mut dyn FnMut(&[u8]) -> Result<bool, StoreError>;

/// Reads of one consistent snapshot of the store (a read transaction, or a write transaction's
/// own view).
pub trait KvRead: Send {
    fn get(&self, t: Table, key: &[u8]) -> Result<Option<Vec<u8>>, StoreError>;
    /// Every row with `from <= key <= to` (a missing bound is open), in key order, until
    /// `visit` returns `false`.
    fn scan(
        &self,
        t: Table,
        from: Option<&[u8]>,
        to: Option<&[u8]>,
        visit: Visit<'_>,
    ) -> Result<(), StoreError>;
    /// As [`KvRead::scan`], keys only (a backend may then leave the values where they are).
    fn scan_keys(
        &self,
        t: Table,
        from: Option<&[u8]>,
        to: Option<&[u8]>,
        visit: VisitKey<'_>,
    ) -> Result<(), StoreError> {
        self.scan(t, from, to, &mut |k, _| visit(k))
    }
    /// The row with the greatest key.
    fn last(&self, t: Table) -> Result<Option<Row>, StoreError>;
    /// How many rows the table holds, as the backend keeps count: redb in the table's header,
    /// PostgreSQL in a count its writes keep beside the tables. Cheap; a row removed behind the
    /// backend's back (by SQL) may leave the kept count as it was: see [`KvRead::count`].
    fn len(&self, t: Table) -> Result<u64, StoreError>;
    /// How many rows the table holds, counted where the backend keeps no length of its own that
    /// a change made behind its back would also change (PostgreSQL: `count(*)`).
    fn count(&self, t: Table) -> Result<u64, StoreError> {
        self.len(t)
    }
    /// Tables the store holds that this version does not know (a newer version made them).
    fn extra_tables(&self) -> Result<Vec<String>, StoreError> {
        Ok(Vec::new())
    }
}

/// One write transaction: nothing written is visible to others, or survives a crash, until
/// [`KvWrite::commit`] returns; dropped uncommitted, it leaves the store as it was. Write
/// transactions take turns: while one is open, every other waits to begin.
pub trait KvWrite: KvRead {
    /// Files `value` under `key`, replacing any value there.
    fn put(&mut self, t: Table, key: &[u8], value: &[u8]) -> Result<(), StoreError>;
    /// Removes the row under `key`; whether there was one.
    fn remove(&mut self, t: Table, key: &[u8]) -> Result<bool, StoreError>;
    /// Files many rows at once, as [`KvWrite::put`] each (a copy into a new store: a backend
    /// may write them in fewer round trips).
    fn load(&mut self, t: Table, rows: &[Row]) -> Result<(), StoreError> {
        for (k, v) in rows {
            self.put(t, k, v)?;
        }
        Ok(())
    }
    /// Makes everything written durable, all at once.
    fn commit(self: Box<Self>) -> Result<(), StoreError>;
}

/// Every row of `t` in the range, in order.
pub fn rows(
    r: &dyn KvRead,
    t: Table,
    from: Option<&[u8]>,
    to: Option<&[u8]>,
) -> Result<Vec<Row>, StoreError> {
    let mut out = Vec::new();
    r.scan(t, from, to, &mut |k, v| {
        out.push((k.to_vec(), v.to_vec()));
        Ok(true)
    })?;
    Ok(out)
}

/// Every key of `t` in the range, in order.
pub fn keys(
    r: &dyn KvRead,
    t: Table,
    from: Option<&[u8]>,
    to: Option<&[u8]>,
) -> Result<Vec<Vec<u8>>, StoreError> {
    let mut out = Vec::new();
    r.scan_keys(t, from, to, &mut |k| {
        out.push(k.to_vec());
        Ok(true)
    })?;
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn encoded_keys_sort_as_their_numbers_do() {
        let mut pairs = vec![(2u64, 1u64), (1, u64::MAX), (1, 2), (256, 0), (1, 256)];
        let mut encoded: Vec<_> = pairs.iter().map(|&(a, b)| pair_key(a, b)).collect();
        pairs.sort();
        encoded.sort();
        let decoded: Vec<_> = encoded
            .iter()
            .map(|k| (u64_at(k, 0).unwrap(), u64_at(k, 8).unwrap()))
            .collect();
        assert_eq!(decoded, pairs);
        assert!(numbered_key(1, u32::MAX) < numbered_key(2, 0));
        assert!(triple_key(1, 2, 3) < triple_key(1, 3, 0));
        assert!(u64_key(255) < u64_key(256));
    }

    #[test]
    fn every_table_is_listed_once_and_found_by_name() {
        for t in ALL {
            assert_eq!(by_name(t.name), Some(*t));
            assert_eq!(ALL.iter().filter(|u| u.name == t.name).count(), 1);
        }
        assert!(!key_fits(KeyKind::U64, &[0; 7]));
        assert!(key_fits(KeyKind::U64U32, &[0; 12]));
    }
}
