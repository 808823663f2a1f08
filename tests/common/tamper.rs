//! Tampering with a store through the public `redb` crate, as someone holding the file would:
//! read and overwrite sealed values, remove records, change plain metadata. Nothing here goes
//! through casenotes; only the table names and key types are taken from the file's layout.

use std::path::Path;

use casenotes::domain::UserId;
use casenotes::store::{SlotRecord, meta, table};
use casenotes::vault::{self, Aad, AccountSeed, MasterKey};
use redb::{ConcurrencyMode, Database, ReadableDatabase, ReadableTable, TableDefinition};
use secrecy::SecretString;

const META: TableDefinition<&str, &[u8]> = TableDefinition::new(table::META);
const CLIENTS: TableDefinition<u64, &[u8]> = TableDefinition::new(table::CLIENTS);
const NOTES: TableDefinition<(u64, u64), &[u8]> = TableDefinition::new(table::NOTES);
const AUDIT: TableDefinition<u64, &[u8]> = TableDefinition::new(table::AUDIT);
const CLIENT_KEYS: TableDefinition<u64, &[u8]> = TableDefinition::new(table::CLIENT_KEYS);
const NOTE_CHANGES: TableDefinition<(u64, u64, u64), &[u8]> =
    TableDefinition::new(table::NOTE_CHANGES);
const ACTIONS: TableDefinition<(u64, u32), &[u8]> = TableDefinition::new(table::ACTIONS);

/// A table keyed by bytes: `slots`, `users`, `grants`, `drafts`.
fn by_bytes(name: &'static str) -> TableDefinition<'static, &'static [u8], &'static [u8]> {
    TableDefinition::new(name)
}

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

    /// Change `i` (a correction, addendum or sign-off) of note `note` of client `client`.
    pub fn change(&self, client: u64, note: u64, i: u64) -> Option<Vec<u8>> {
        self.get(NOTE_CHANGES, (client, note, i))
    }

    pub fn set_change(&self, client: u64, note: u64, i: u64, value: Option<&[u8]>) {
        self.put(NOTE_CHANGES, (client, note, i), value);
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

    /// A plain or sealed value of the meta table.
    pub fn meta(&self, key: &str) -> Option<Vec<u8>> {
        self.get(META, key)
    }

    pub fn remove_note(&self, client: u64, note: u64) {
        self.put(NOTES, (client, note), None);
    }

    /// The sealed record of action `n` of client `client`.
    pub fn action(&self, client: u64, n: u32) -> Option<Vec<u8>> {
        self.get(ACTIONS, (client, n))
    }

    /// Files `value` as action `n` of client `client`, or removes it with `None`.
    pub fn set_action(&self, client: u64, n: u32, value: Option<&[u8]>) {
        self.put(ACTIONS, (client, n), value);
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

    /// Removes a whole table, as in a store made before the table existed.
    pub fn drop_table(&self, name: &'static str) {
        let txn = self.db.begin_write().expect("begin write");
        let def: TableDefinition<u64, &[u8]> = TableDefinition::new(name);
        txn.delete_table(def).expect("delete table");
        txn.commit().expect("commit");
    }

    /// Puts back (or, with `None`, removes) a value of the meta table.
    pub fn put_meta(&self, key: &str, value: Option<&[u8]>) {
        self.put(META, key, value);
    }

    /// The value under `key` in a table keyed by bytes (`slots`, `users`, `grants`).
    pub fn row(&self, table: &'static str, key: &[u8]) -> Option<Vec<u8>> {
        self.get(by_bytes(table), key)
    }

    /// Puts back (or, with `None`, removes) a value in a table keyed by bytes.
    pub fn set_row(&self, table: &'static str, key: &[u8], value: Option<&[u8]>) {
        self.put(by_bytes(table), key, value);
    }

    /// Every row of a table keyed by bytes.
    pub fn rows(&self, table: &'static str) -> Vec<(Vec<u8>, Vec<u8>)> {
        let txn = self.db.begin_read().expect("begin read");
        let t = txn.open_table(by_bytes(table)).expect("open table");
        t.iter()
            .expect("iter")
            .map(|r| {
                let (k, v) = r.expect("row");
                (k.value().to_vec(), v.value().to_vec())
            })
            .collect()
    }

    /// Client `r`'s sealed data keys as stored.
    pub fn client_keys(&self, r: u64) -> Option<Vec<u8>> {
        self.get(CLIENT_KEYS, r)
    }

    pub fn set_client_keys(&self, r: u64, value: &[u8]) {
        self.put(CLIENT_KEYS, r, Some(value));
    }

    /// Where `name`'s key slot is filed: the keyed hash of the name under the store's salt.
    pub fn lookup(&self, name: &str) -> [u8; 16] {
        let salt: [u8; 16] = self
            .meta(meta::NAME_SALT)
            .expect("name salt")
            .try_into()
            .expect("16 bytes");
        vault::name_lookup_id(&salt, name).expect("lookup id")
    }

    /// Opens `name`'s key slot with `password` using the vault's functions directly, as someone
    /// holding the file and the password would: the office key, the account's seed and its id.
    pub fn open_slot(&self, name: &str, password: &str) -> (MasterKey, AccountSeed, UserId) {
        let lookup = self.lookup(name);
        let slot =
            SlotRecord::decode(&self.row(table::SLOTS, &lookup).expect("slot")).expect("decode");
        let key = vault::derive_slot_key(
            &SecretString::from(password.to_string()),
            &slot.salt,
            slot.cost,
        )
        .expect("derive");
        let mut id = lookup.to_vec();
        id.extend_from_slice(&slot.user.0);
        let (office, seed) = vault::unwrap_slot(
            &key,
            Aad {
                table: table::SLOTS,
                id: &id,
            },
            slot.wrapped_keys.as_deref().expect("an active slot"),
        )
        .expect("the password opens the slot");
        (office, seed, slot.user)
    }
}
