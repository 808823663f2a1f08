//! Tampering with a store through the public `redb` crate, as someone holding the file would:
//! read and overwrite sealed values, remove records, change plain metadata. Nothing here goes
//! through casenotes; only the table names and key types are taken from the file's layout.

use std::path::Path;

use casenotes::store::table;
use redb::{ConcurrencyMode, Database, ReadableDatabase, ReadableTable, TableDefinition};

const META: TableDefinition<&str, &[u8]> = TableDefinition::new(table::META);
const CLIENTS: TableDefinition<u64, &[u8]> = TableDefinition::new(table::CLIENTS);
const NOTES: TableDefinition<(u64, u64), &[u8]> = TableDefinition::new(table::NOTES);
const AUDIT: TableDefinition<u64, &[u8]> = TableDefinition::new(table::AUDIT);

/// An open handle on a store file. The file may be open in casenotes at the same time: it is
/// opened in the same multi-writer mode the app uses, so each change is one committed write.
pub struct Tamper {
    db: Database,
}

impl Tamper {
    pub fn open(path: &Path) -> Tamper {
        let db = Database::builder()
            .set_concurrency_mode(ConcurrencyMode::MultiWriter)
            .open(path)
            .unwrap_or_else(|e| panic!("open {} with redb: {e}", path.display()));
        Tamper { db }
    }

    fn get<K: redb::Key + 'static>(
        &self,
        def: TableDefinition<K, &'static [u8]>,
        key: K::SelfType<'_>,
    ) -> Option<Vec<u8>> {
        let txn = self.db.begin_read().expect("begin read");
        let t = txn.open_table(def).expect("open table");
        t.get(key).expect("get").map(|v| v.value().to_vec())
    }

    fn put<K: redb::Key + 'static>(
        &self,
        def: TableDefinition<K, &'static [u8]>,
        key: K::SelfType<'_>,
        value: Option<&[u8]>,
    ) {
        let txn = self.db.begin_write().expect("begin write");
        {
            let mut t = txn.open_table(def).expect("open table");
            match value {
                Some(v) => {
                    t.insert(key, v).expect("insert");
                }
                None => {
                    t.remove(key).expect("remove");
                }
            }
        }
        txn.commit().expect("commit");
    }

    /// The sealed record of client `r` (its number, as in `C-00000r`).
    pub fn client(&self, r: u64) -> Option<Vec<u8>> {
        self.get(CLIENTS, r)
    }

    pub fn set_client(&self, r: u64, value: &[u8]) {
        self.put(CLIENTS, r, Some(value));
    }

    /// The sealed record of note `note` of client `client`.
    pub fn note(&self, client: u64, note: u64) -> Option<Vec<u8>> {
        self.get(NOTES, (client, note))
    }

    pub fn set_note(&self, client: u64, note: u64, value: &[u8]) {
        self.put(NOTES, (client, note), Some(value));
    }

    /// The sealed audit event with sequence number `seq`.
    pub fn audit(&self, seq: u64) -> Option<Vec<u8>> {
        self.get(AUDIT, seq)
    }

    pub fn set_audit(&self, seq: u64, value: &[u8]) {
        self.put(AUDIT, seq, Some(value));
    }

    pub fn remove_audit(&self, seq: u64) {
        self.put(AUDIT, seq, None);
    }

    /// Overwrites a plain value of the meta table (such as the schema version).
    pub fn set_meta(&self, key: &str, value: &[u8]) {
        self.put(META, key, Some(value));
    }

    /// A value of the meta table (plain or sealed).
    pub fn meta(&self, key: &str) -> Option<Vec<u8>> {
        self.get(META, key)
    }

    pub fn remove_note(&self, client: u64, note: u64) {
        self.put(NOTES, (client, note), None);
    }

    /// Every row of the audit table, in order.
    pub fn audit_rows(&self) -> Vec<(u64, Vec<u8>)> {
        let txn = self.db.begin_read().expect("begin read");
        let t = txn.open_table(AUDIT).expect("open table");
        t.iter()
            .expect("iterate")
            .map(|row| {
                let (k, v) = row.expect("row");
                (k.value(), v.value().to_vec())
            })
            .collect()
    }

    /// Replaces the whole audit table with `rows`, in one commit.
    pub fn replace_audit(&self, rows: &[(u64, Vec<u8>)]) {
        let txn = self.db.begin_write().expect("begin write");
        {
            let mut t = txn.open_table(AUDIT).expect("open table");
            t.retain(|_, _| false).expect("clear");
            for (k, v) in rows {
                t.insert(*k, v.as_slice()).expect("insert");
            }
        }
        txn.commit().expect("commit");
    }
}
