//! Tampering with a store as someone holding its bytes would: read and overwrite sealed values,
//! remove records, change plain metadata. For a store file, through the public `redb` crate;
//! for a PostgreSQL store, through SQL on the database (the `postgres` crate, as anyone with
//! access to the database would). Nothing here goes through casenotes' own store code: only the
//! table names and the key layout are taken from it (in PostgreSQL, each table is
//! `casenotes."NAME" (k bytea PRIMARY KEY, v bytea NOT NULL)`, the key's numbers big-endian and
//! a tuple's fields one after the other, text as its UTF-8 bytes). Rows are changed in the
//! tables alone: the lengths casenotes keeps beside them (`casenotes.lengths`) are left as they
//! were, as someone editing rows behind casenotes' back would leave them.

use std::path::Path;
use std::sync::Mutex;

use casenotes::domain::UserId;
use casenotes::store::{SlotRecord, meta, table};
use casenotes::vault::{self, Aad, AccountSeed, MasterKey};
use redb::{ConcurrencyMode, Database, ReadableDatabase, ReadableTable, TableDefinition};
use secrecy::SecretString;

use super::{Backend, Fixture, PG_DB};

/// The key of one record, by the table's kind of key.
#[derive(Clone, Copy, Debug)]
enum Key<'a> {
    /// The meta table's names.
    Text(&'a str),
    /// `slots`, `users`, `grants`, `drafts`.
    Bytes(&'a [u8]),
    /// `clients`, `client_keys`, `audit`, `assignments`.
    One(u64),
    /// `notes`: (client, note).
    Two(u64, u64),
    /// `note_changes`: (client, note, change).
    Three(u64, u64, u64),
    /// `actions`, `consents`, `disclosures`: (client, number).
    Numbered(u64, u32),
}

impl Key<'_> {
    /// The key as a PostgreSQL store files it.
    fn encoded(self) -> Vec<u8> {
        match self {
            Key::Text(s) => s.as_bytes().to_vec(),
            Key::Bytes(b) => b.to_vec(),
            Key::One(a) => a.to_be_bytes().to_vec(),
            Key::Two(a, b) => [a.to_be_bytes(), b.to_be_bytes()].concat(),
            Key::Three(a, b, c) => [a.to_be_bytes(), b.to_be_bytes(), c.to_be_bytes()].concat(),
            Key::Numbered(a, n) => [&a.to_be_bytes()[..], &n.to_be_bytes()[..]].concat(),
        }
    }
}

/// The table `name` in SQL.
fn sql_table(name: &str) -> String {
    format!("casenotes.\"{}\"", name.replace('"', "\"\""))
}

fn redb_get<K: redb::Key + 'static>(
    db: &Database,
    def: TableDefinition<K, &'static [u8]>,
    key: K::SelfType<'_>,
) -> Option<Vec<u8>> {
    let txn = db.begin_read().expect("begin read");
    let t = txn.open_table(def).expect("open table");
    t.get(key).expect("get").map(|v| v.value().to_vec())
}

fn redb_put<K: redb::Key + 'static>(
    db: &Database,
    def: TableDefinition<K, &'static [u8]>,
    key: K::SelfType<'_>,
    value: Option<&[u8]>,
) {
    let txn = db.begin_write().expect("begin write");
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

enum Handle {
    /// The store file, opened with redb.
    File(Database),
    /// A connection to the store's database, as its superuser.
    Sql(Box<Mutex<postgres::Client>>),
}

/// An open handle on a store's bytes. The store may be open in casenotes at the same time: a
/// file is opened in the same multi-writer mode the app uses, and each change (to either
/// backend) is one committed write.
pub struct Tamper {
    handle: Handle,
}

impl Tamper {
    /// The store file at `path`, through redb.
    pub fn open(path: &Path) -> Tamper {
        let db = Database::builder()
            .set_concurrency_mode(ConcurrencyMode::MultiWriter)
            .open(path)
            .unwrap_or_else(|e| panic!("open {} with redb: {e}", path.display()));
        Tamper {
            handle: Handle::File(db),
        }
    }

    /// The database at `url` (a `postgresql://` address libpq takes), through SQL.
    pub fn sql(url: &str) -> Tamper {
        let client = postgres::Client::connect(url, postgres::NoTls)
            .unwrap_or_else(|e| panic!("connect to {url}: {e}"));
        Tamper {
            handle: Handle::Sql(Box::new(Mutex::new(client))),
        }
    }

    /// The fixture's store, on whichever backend it is: its file through redb, or its database
    /// through SQL.
    pub fn at(f: &Fixture) -> Tamper {
        match f.backend {
            Backend::Redb => Tamper::open(&f.path),
            Backend::Postgres => Tamper::sql(
                &f.cluster
                    .as_ref()
                    .expect("a PostgreSQL fixture has a cluster")
                    .url(PG_DB),
            ),
        }
    }

    fn conn(&self) -> std::sync::MutexGuard<'_, postgres::Client> {
        match &self.handle {
            Handle::Sql(c) => c.lock().expect("the SQL connection"),
            Handle::File(_) => unreachable!("a store file has no SQL connection"),
        }
    }

    fn get(&self, table: &'static str, key: Key<'_>) -> Option<Vec<u8>> {
        match &self.handle {
            Handle::File(db) => match key {
                Key::Text(k) => redb_get(db, TableDefinition::<&str, &[u8]>::new(table), k),
                Key::Bytes(k) => redb_get(db, TableDefinition::<&[u8], &[u8]>::new(table), k),
                Key::One(a) => redb_get(db, TableDefinition::<u64, &[u8]>::new(table), a),
                Key::Two(a, b) => {
                    redb_get(db, TableDefinition::<(u64, u64), &[u8]>::new(table), (a, b))
                }
                Key::Three(a, b, c) => redb_get(
                    db,
                    TableDefinition::<(u64, u64, u64), &[u8]>::new(table),
                    (a, b, c),
                ),
                Key::Numbered(a, n) => {
                    redb_get(db, TableDefinition::<(u64, u32), &[u8]>::new(table), (a, n))
                }
            },
            Handle::Sql(_) => {
                let sql = format!("SELECT v FROM {} WHERE k = $1", sql_table(table));
                self.conn()
                    .query_opt(&sql, &[&key.encoded()])
                    .unwrap_or_else(|e| panic!("{sql}: {e}"))
                    .map(|row| row.get::<_, Vec<u8>>(0))
            }
        }
    }

    /// Files `value` under `key`, replacing what is there; with `None`, removes the row.
    fn put(&self, table: &'static str, key: Key<'_>, value: Option<&[u8]>) {
        match &self.handle {
            Handle::File(db) => match key {
                Key::Text(k) => redb_put(db, TableDefinition::<&str, &[u8]>::new(table), k, value),
                Key::Bytes(k) => {
                    redb_put(db, TableDefinition::<&[u8], &[u8]>::new(table), k, value)
                }
                Key::One(a) => redb_put(db, TableDefinition::<u64, &[u8]>::new(table), a, value),
                Key::Two(a, b) => redb_put(
                    db,
                    TableDefinition::<(u64, u64), &[u8]>::new(table),
                    (a, b),
                    value,
                ),
                Key::Three(a, b, c) => redb_put(
                    db,
                    TableDefinition::<(u64, u64, u64), &[u8]>::new(table),
                    (a, b, c),
                    value,
                ),
                Key::Numbered(a, n) => redb_put(
                    db,
                    TableDefinition::<(u64, u32), &[u8]>::new(table),
                    (a, n),
                    value,
                ),
            },
            Handle::Sql(_) => {
                let t = sql_table(table);
                let k = key.encoded();
                let mut c = self.conn();
                match value {
                    Some(v) => {
                        // An UPDATE where the row is there, as an edit of a value would be.
                        let sql = format!(
                            "INSERT INTO {t} (k, v) VALUES ($1, $2) \
                             ON CONFLICT (k) DO UPDATE SET v = EXCLUDED.v"
                        );
                        c.execute(&sql, &[&k, &v])
                            .unwrap_or_else(|e| panic!("{sql}: {e}"));
                    }
                    None => {
                        let sql = format!("DELETE FROM {t} WHERE k = $1");
                        c.execute(&sql, &[&k])
                            .unwrap_or_else(|e| panic!("{sql}: {e}"));
                    }
                }
            }
        }
    }

    /// Every row of `table` in key order, keys as the SQL store encodes them.
    fn sql_rows(&self, table: &'static str) -> Vec<(Vec<u8>, Vec<u8>)> {
        let sql = format!("SELECT k, v FROM {} ORDER BY k", sql_table(table));
        self.conn()
            .query(&sql, &[])
            .unwrap_or_else(|e| panic!("{sql}: {e}"))
            .into_iter()
            .map(|row| (row.get(0), row.get(1)))
            .collect()
    }

    /// Change `i` (a correction, addendum or sign-off) of note `note` of client `client`.
    pub fn change(&self, client: u64, note: u64, i: u64) -> Option<Vec<u8>> {
        self.get(table::NOTE_CHANGES, Key::Three(client, note, i))
    }

    pub fn set_change(&self, client: u64, note: u64, i: u64, value: Option<&[u8]>) {
        self.put(table::NOTE_CHANGES, Key::Three(client, note, i), value);
    }

    /// The sealed record of client `r` (its number, as in `C-00000r`).
    pub fn client(&self, r: u64) -> Option<Vec<u8>> {
        self.get(table::CLIENTS, Key::One(r))
    }

    pub fn set_client(&self, r: u64, value: &[u8]) {
        self.put(table::CLIENTS, Key::One(r), Some(value));
    }

    /// The sealed record of note `note` of client `client`.
    pub fn note(&self, client: u64, note: u64) -> Option<Vec<u8>> {
        self.get(table::NOTES, Key::Two(client, note))
    }

    pub fn set_note(&self, client: u64, note: u64, value: &[u8]) {
        self.put(table::NOTES, Key::Two(client, note), Some(value));
    }

    /// The sealed audit event with sequence number `seq`.
    pub fn audit(&self, seq: u64) -> Option<Vec<u8>> {
        self.get(table::AUDIT, Key::One(seq))
    }

    pub fn set_audit(&self, seq: u64, value: &[u8]) {
        self.put(table::AUDIT, Key::One(seq), Some(value));
    }

    pub fn remove_audit(&self, seq: u64) {
        self.put(table::AUDIT, Key::One(seq), None);
    }

    /// Overwrites a plain value of the meta table (such as the schema version).
    pub fn set_meta(&self, key: &str, value: &[u8]) {
        self.put(table::META, Key::Text(key), Some(value));
    }

    /// A plain or sealed value of the meta table.
    pub fn meta(&self, key: &str) -> Option<Vec<u8>> {
        self.get(table::META, Key::Text(key))
    }

    pub fn remove_note(&self, client: u64, note: u64) {
        self.put(table::NOTES, Key::Two(client, note), None);
    }

    /// The sealed record of action `n` of client `client`.
    pub fn action(&self, client: u64, n: u32) -> Option<Vec<u8>> {
        self.get(table::ACTIONS, Key::Numbered(client, n))
    }

    /// Files `value` as action `n` of client `client`, or removes it with `None`.
    pub fn set_action(&self, client: u64, n: u32, value: Option<&[u8]>) {
        self.put(table::ACTIONS, Key::Numbered(client, n), value);
    }

    /// Every row of the audit table, in order.
    pub fn audit_rows(&self) -> Vec<(u64, Vec<u8>)> {
        match &self.handle {
            Handle::File(db) => {
                let def: TableDefinition<u64, &[u8]> = TableDefinition::new(table::AUDIT);
                let txn = db.begin_read().expect("begin read");
                let t = txn.open_table(def).expect("open table");
                t.iter()
                    .expect("iterate")
                    .map(|row| {
                        let (k, v) = row.expect("row");
                        (k.value(), v.value().to_vec())
                    })
                    .collect()
            }
            Handle::Sql(_) => self
                .sql_rows(table::AUDIT)
                .into_iter()
                .map(|(k, v)| {
                    let seq: [u8; 8] = k.as_slice().try_into().expect("an 8-byte audit key");
                    (u64::from_be_bytes(seq), v)
                })
                .collect(),
        }
    }

    /// Replaces the whole audit table with `rows`, in one commit.
    pub fn replace_audit(&self, rows: &[(u64, Vec<u8>)]) {
        match &self.handle {
            Handle::File(db) => {
                let def: TableDefinition<u64, &[u8]> = TableDefinition::new(table::AUDIT);
                let txn = db.begin_write().expect("begin write");
                {
                    let mut t = txn.open_table(def).expect("open table");
                    t.retain(|_, _| false).expect("clear");
                    for (k, v) in rows {
                        t.insert(*k, v.as_slice()).expect("insert");
                    }
                }
                txn.commit().expect("commit");
            }
            Handle::Sql(_) => {
                let t = sql_table(table::AUDIT);
                let mut c = self.conn();
                let mut txn = c.transaction().expect("begin");
                txn.execute(&format!("DELETE FROM {t}"), &[])
                    .expect("clear the audit table");
                let insert = format!("INSERT INTO {t} (k, v) VALUES ($1, $2)");
                for (k, v) in rows {
                    txn.execute(&insert, &[&k.to_be_bytes().to_vec(), v])
                        .expect("insert an event");
                }
                txn.commit().expect("commit");
            }
        }
    }

    /// Removes a whole table, as in a store made before the table existed.
    pub fn drop_table(&self, name: &'static str) {
        match &self.handle {
            Handle::File(db) => {
                let txn = db.begin_write().expect("begin write");
                let def: TableDefinition<u64, &[u8]> = TableDefinition::new(name);
                txn.delete_table(def).expect("delete table");
                txn.commit().expect("commit");
            }
            Handle::Sql(_) => {
                let sql = format!("DROP TABLE {}", sql_table(name));
                self.conn()
                    .batch_execute(&sql)
                    .unwrap_or_else(|e| panic!("{sql}: {e}"));
            }
        }
    }

    /// Puts back (or, with `None`, removes) a value of the meta table.
    pub fn put_meta(&self, key: &str, value: Option<&[u8]>) {
        self.put(table::META, Key::Text(key), value);
    }

    /// The value under `key` in a table keyed by bytes (`slots`, `users`, `grants`).
    pub fn row(&self, table: &'static str, key: &[u8]) -> Option<Vec<u8>> {
        self.get(table, Key::Bytes(key))
    }

    /// Puts back (or, with `None`, removes) a value in a table keyed by bytes.
    pub fn set_row(&self, table: &'static str, key: &[u8], value: Option<&[u8]>) {
        self.put(table, Key::Bytes(key), value);
    }

    /// Every row of a table keyed by bytes.
    pub fn rows(&self, table: &'static str) -> Vec<(Vec<u8>, Vec<u8>)> {
        match &self.handle {
            Handle::File(db) => {
                let def: TableDefinition<&[u8], &[u8]> = TableDefinition::new(table);
                let txn = db.begin_read().expect("begin read");
                let t = txn.open_table(def).expect("open table");
                t.iter()
                    .expect("iter")
                    .map(|r| {
                        let (k, v) = r.expect("row");
                        (k.value().to_vec(), v.value().to_vec())
                    })
                    .collect()
            }
            Handle::Sql(_) => self.sql_rows(table),
        }
    }

    /// Client `r`'s sealed data keys as stored.
    pub fn client_keys(&self, r: u64) -> Option<Vec<u8>> {
        self.get(table::CLIENT_KEYS, Key::One(r))
    }

    pub fn set_client_keys(&self, r: u64, value: &[u8]) {
        self.put(table::CLIENT_KEYS, Key::One(r), Some(value));
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
