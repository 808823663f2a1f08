//! The store: tables, transactions and what may be written to disk, on either backend.
//!
//! Every value is either sealed bytes (from [`crate::vault`]) or a record that identifies nobody
//! (counters, key slots filed under a keyed hash of the username). Keys are random ids or
//! sequence numbers, never names. Each write is one durable transaction.
//!
//! - `mod.rs`: tables, errors, where a store is ([`Location`]), opening and creating it.
//! - `kv`: the storage interface both backends implement: ordered tables of byte keys and
//!   values, snapshots to read, durable all-or-nothing writes that take turns.
//! - `redb`: the embedded redb file (the default), and guarding its storage engine.
//! - `postgres`: a PostgreSQL database holding the same records, for a team on many machines.
//! - `txn`: read and write transactions: the records' reads and writes, written once over `kv`.
//! - `keys`: the grants table and the walks over every client's data keys that a rotation needs.
//! - `changes`: the note changes table (corrections, addenda, sign-offs).
//! - `consents`: clients' consent records.
//! - `actions`: the actions table (actions agreed with clients, filed by client and number).
//! - `compact`: compacting the file, so that replaced or deleted records leave nothing in its
//!   free space (a database rewrites its tables instead).
//! - `backup`: copying one snapshot, table by table, into a new store (a backup file, or a
//!   migration to the other backend); publishing a file without replacing another; swapping a
//!   restored file into the store's place.

use std::path::{Path, PathBuf};
use std::time::Duration;

use serde::{Deserialize, Serialize};

use crate::domain::{ClientRef, Timestamp, UserId};
use crate::vault::{self, KdfCost, MAC_LEN, SCHEMA_VERSION, VaultError};

mod actions;
mod backup;
mod changes;
mod compact;
mod consents;
mod erase;
mod keys;
pub mod kv;
pub mod postgres;
mod redb;
mod txn;

pub use actions::*;
pub use backup::*;
pub use compact::*;
pub use erase::*;
pub use keys::*;
pub use postgres::{PgTarget, is_postgres_address};
pub use redb::in_guard;
pub use txn::*;
/// Names of the tables, also bound into each sealed record's associated data.
pub mod table {
    pub const META: &str = "meta";
    pub const SLOTS: &str = "slots";
    pub const USERS: &str = "users";
    pub const CLIENT_KEYS: &str = "client_keys";
    pub const CLIENTS: &str = "clients";
    pub const NOTES: &str = "notes";
    pub const AUDIT: &str = "audit";
    pub const DRAFTS: &str = "drafts";
    /// The case key ring sealed to each confirmed account's public key, keyed by user id.
    pub const GRANTS: &str = "grants";
    /// Corrections, addenda and sign-offs of notes.
    pub const NOTE_CHANGES: &str = "note_changes";
    /// Clients' consent records, keyed by the client's reference and the consent's number.
    pub const CONSENTS: &str = "consents";
    /// Clients' disclosures to third parties, keyed like consents.
    pub const DISCLOSURES: &str = "disclosures";
    /// Each client's adviser and whether it is open, sealed under the office key and keyed by
    /// reference, so that an administrator can name the clients a departing adviser held
    /// (by reference only) without the case keys. Stores made before it have no such table
    /// until the first write that needs it; reads find it empty.
    pub const ASSIGNMENTS: &str = "assignments";
    /// Actions agreed with clients, keyed by the client's reference and the action's number.
    pub const ACTIONS: &str = "actions";
}

/// Plain keys of the meta table.
pub mod meta {
    /// Marks the file as a casenotes store.
    pub const FORMAT: &str = "format";
    pub const SCHEMA: &str = "schema";
    /// Random salt for the keyed hash under which key slots are filed.
    pub const NAME_SALT: &str = "name_salt";
    /// Sealed [`crate::domain::Policy`].
    pub const POLICY: &str = "policy";
    /// Sealed head of the audit chain: last sequence number and MAC.
    pub const AUDIT_HEAD: &str = "audit_head";
    /// Sealed roster: every account's role, state, confirmation and slot digest.
    pub const ROSTER: &str = "roster";
    pub const NEXT_CLIENT: &str = "next_client";
    pub const NEXT_NOTE: &str = "next_note";
    pub const NEXT_AUDIT: &str = "next_audit";
    /// Consecutive failed sign-ins per unknown name (under its keyed hash), for rate limiting.
    pub const UNKNOWN_ATTEMPTS: &str = "unknown_attempts";
    /// Failed sign-ins with names that match no account, not yet in the audit trail.
    pub const UNKNOWN_FAILURES: &str = "unknown_failures";
    /// Present in stores made by `casenotes demo`.
    pub const DEMO: &str = "demo";
    /// Random id of the store, made at creation; names nothing. Copies of one store share it.
    pub const STORE_ID: &str = "store_id";
    /// Sealed [`super::Counts`]: how many clients and notes the store holds.
    pub const COUNTS: &str = "counts";
    /// Sealed list of the break-glass accesses awaiting a supervisor's review (event numbers
    /// and who broke the glass), kept with every audited write.
    pub const GLASS_PENDING: &str = "glass_pending";
    /// Sealed breach log.
    pub const BREACHES: &str = "breaches";
    /// Sealed list of the erased clients' references and their notes' numbers.
    pub const ERASED: &str = "erased";
    /// Sealed list of the backups taken of this store: when, where, how large, and which
    /// clients each holds (see `session::backup`).
    pub const BACKUPS: &str = "backups";
    /// In a backup file only: when it was taken, sealed. Removed when it is restored.
    pub const BACKUP_TAKEN: &str = "backup_taken";
    /// Sealed list of the histories restores replaced: the chain MACs of the events lost, so
    /// that a machine whose witness saw one of them accepts the restored store.
    pub const RESTORED: &str = "restored";
}

const FORMAT_MARK: &[u8] = b"casenotes store";
/// How long an open waits for a store held exclusively by another process.
const BUSY_WAIT: Duration = Duration::from_secs(3);

/// Errors of the store layer. None carries plaintext.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum StoreError {
    #[error("no store at {0}; create one with `casenotes init --admin NAME`")]
    NotFound(PathBuf),
    #[error("a store already exists at {0}")]
    Exists(PathBuf),
    #[error("{0} is a directory; give the path of a store file inside it")]
    IsADirectory(PathBuf),
    #[error("{0} is not a casenotes store")]
    NotAStore(PathBuf),
    #[error(
        "the store was written by a newer casenotes (schema {found}; this version reads schema {supported}); upgrade casenotes"
    )]
    NewerSchema { found: u32, supported: u32 },
    #[error(
        "the store was made by an earlier development version of casenotes (schema {found}); this version reads schema {supported} only: make a new store"
    )]
    OlderSchema { found: u32, supported: u32 },
    #[error("the store is damaged or was altered; restore it from a backup")]
    Corrupt,
    /// A record the store should hold is missing, or its records disagree; names which, never
    /// what they hold.
    #[error("{0}")]
    Inconsistent(String),
    #[error("the store is busy: another program holds it exclusively; try again in a moment")]
    Busy,
    #[error("the store is busy: a client is being erased; try again in a moment")]
    Maintenance,
    #[error("the store is busy: it is being restored from a backup; try again in a moment")]
    Restoring,
    /// Another program has the store open, where the caller needs it alone.
    #[error(
        "the store is open in another casenotes window or command; close them all and try again"
    )]
    InUse,
    /// Compaction found other programs reading the store through every try.
    #[error(
        "the store file could not be compacted: other programs kept reading it (close other casenotes windows)"
    )]
    CompactionBusy,
    #[error("cannot use the store: {0}")]
    Io(String),
    /// A PostgreSQL store could not be reached, or its server refused the work. The message
    /// names the server (host and database) and what went wrong; never a password, never a
    /// value from a row.
    #[error("{0}")]
    Database(String),
    /// The connection to the database server broke during a transaction; the text says whether
    /// the change can have been saved.
    #[error("the connection to the database server was lost; {0}")]
    ConnectionLost(&'static str),
    /// A `postgres://` store address that cannot be used as given.
    #[error("bad PostgreSQL store address: {0}")]
    BadAddress(String),
    #[error(transparent)]
    Vault(#[from] VaultError),
}

/// A key slot: the office key and the account's private key seed, sealed under a key derived
/// from one user's password. Holds no name; filed under a keyed hash of the username.
///
/// The counters are not authenticated (they are read before any key exists); the roster's digest
/// of the slot leaves them out.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct SlotRecord {
    pub user: UserId,
    pub salt: [u8; 16],
    pub cost: KdfCost,
    /// `None` once the account is disabled: the password opens nothing any more.
    pub wrapped_keys: Option<Vec<u8>>,
    /// Consecutive failed sign-ins, counting attempts still being evaluated.
    pub failures: u32,
    /// When the last attempt was counted.
    pub last_failure: Timestamp,
    /// Failed sign-ins not yet written to the (sealed) audit trail.
    pub unlogged_failures: u32,
    /// Attempts counted but not yet settled (their key derivation may still be running).
    pub in_flight: u32,
    /// The second factors the account signs in with ([`SlotRecord::KEY_FILE`],
    /// [`SlotRecord::TOTP`]): readable before any key exists, so that a sign-in form can ask
    /// for what is needed. Bound into the roster's digest of the slot; the sealed record below
    /// and the slot key decide, this only says what to ask for.
    pub factors: u8,
    /// The account's one-time code record (its authenticator's secret, the hashes of its
    /// recovery codes, the last time step accepted), sealed under a key derived from the
    /// account's seed. Not in the roster's digest: it changes at every sign-in with a code.
    pub second: Option<Vec<u8>>,
}

/// A key slot as stores made before second factors hold it (eight fields). Read, never written.
#[derive(Deserialize)]
struct SlotRecordV1 {
    user: UserId,
    salt: [u8; 16],
    cost: KdfCost,
    wrapped_keys: Option<Vec<u8>>,
    failures: u32,
    last_failure: Timestamp,
    unlogged_failures: u32,
    in_flight: u32,
}

impl SlotRecord {
    /// The slot opens only with the password and the account's key file.
    pub const KEY_FILE: u8 = 1;
    /// Signing in needs a one-time code (or a recovery code) after the password.
    pub const TOTP: u8 = 2;

    /// Decodes a slot as stored, in the current layout or the one before second factors (read
    /// as having none); anything else is [`StoreError::Corrupt`]. The current layout is tried
    /// first: postcard reads a record's leading fields and ignores the rest, so the older,
    /// shorter layout would also read a newer slot and lose its factors.
    pub fn decode(bytes: &[u8]) -> Result<SlotRecord, StoreError> {
        if let Ok(s) = postcard::from_bytes(bytes) {
            return Ok(s);
        }
        let old: SlotRecordV1 = postcard::from_bytes(bytes).map_err(|_| StoreError::Corrupt)?;
        Ok(SlotRecord {
            user: old.user,
            salt: old.salt,
            cost: old.cost,
            wrapped_keys: old.wrapped_keys,
            failures: old.failures,
            last_failure: old.last_failure,
            unlogged_failures: old.unlogged_failures,
            in_flight: old.in_flight,
            factors: 0,
            second: None,
        })
    }

    /// Whether the slot opens only with a key file as well as the password.
    pub fn needs_key_file(&self) -> bool {
        self.factors & Self::KEY_FILE != 0
    }

    /// Whether signing in needs a one-time code after the password.
    pub fn needs_code(&self) -> bool {
        self.factors & Self::TOTP != 0
    }
}

/// An audit row as stored: the chain MAC and the sealed event.
pub struct AuditRow {
    pub seq: u64,
    pub mac: [u8; MAC_LEN],
    pub sealed: Vec<u8>,
}

/// The sealed head of the audit chain, kept in meta so that a truncated or rolled-back chain
/// disagrees with it.
#[derive(Debug, Clone, Copy, Serialize, Deserialize)]
pub struct AuditHead {
    pub seq: u64,
    pub mac: [u8; MAC_LEN],
    /// Digest of the sealed roster as this event left it: an older roster put back disagrees.
    pub roster: [u8; 32],
}

/// How many clients, notes and actions the store holds, sealed in meta and updated in the
/// transaction that adds any, so that a record removed from the file shows as a count that
/// disagrees with its table.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Counts {
    pub clients: u64,
    pub notes: u64,
    pub actions: u64,
}

/// An open store: a redb file, or a PostgreSQL database holding the same records.
///
/// Cloning shares the one open database (several screens and worker threads of a process use
/// one handle).
#[derive(Clone)]
pub struct Store {
    backend: Backend,
    local: Local,
}

#[derive(Clone)]
enum Backend {
    File {
        db: std::sync::Arc<redb::Db>,
        path: PathBuf,
    },
    Postgres(std::sync::Arc<postgres::PgStore>),
}

/// Where a store is: a file, or a PostgreSQL database.
#[derive(Clone, Debug)]
pub enum Location {
    File(PathBuf),
    Postgres(Box<PgTarget>),
}

impl Location {
    /// A `--store` value: a `postgres://` or `postgresql://` address, or else a file path.
    pub fn parse(value: &std::ffi::OsStr) -> Result<Location, StoreError> {
        match value.to_str() {
            Some(s) if is_postgres_address(s) => {
                Ok(Location::Postgres(Box::new(PgTarget::parse(s)?)))
            }
            _ => Ok(Location::File(PathBuf::from(value))),
        }
    }

    /// For a status line or a message: the file's path, or the server and database. Never a
    /// password.
    pub fn describe(&self) -> String {
        match self {
            Location::File(p) => p.display().to_string(),
            Location::Postgres(t) => t.describe(),
        }
    }

    /// A short name for a status line: the file's name (not its folder), or the server and
    /// database.
    pub fn label(&self) -> String {
        match self {
            Location::File(p) => p.file_name().map_or_else(
                || p.display().to_string(),
                |n| n.to_string_lossy().into_owned(),
            ),
            Location::Postgres(t) => t.describe(),
        }
    }

    /// The file, for a store in a file.
    pub fn file(&self) -> Option<&Path> {
        match self {
            Location::File(p) => Some(p),
            Location::Postgres(_) => None,
        }
    }
}

impl From<PathBuf> for Location {
    fn from(p: PathBuf) -> Location {
        Location::File(p)
    }
}

impl From<&Path> for Location {
    fn from(p: &Path) -> Location {
        Location::File(p.to_path_buf())
    }
}

impl From<&PathBuf> for Location {
    fn from(p: &PathBuf) -> Location {
        Location::File(p.clone())
    }
}

impl From<&Location> for Location {
    fn from(at: &Location) -> Location {
        at.clone()
    }
}

/// How this process opened the store: nothing here is in the file.
#[derive(Clone, Debug, Default)]
struct Local {
    /// Where this machine's record of the store's newest audit head lives, when not the default.
    state_dir: Option<PathBuf>,
    /// Opened by `casenotes check`: sign-in does not stop at damage the check reports.
    for_check: bool,
}

impl std::fmt::Debug for Store {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Store")
            .field("at", &self.describe())
            .finish_non_exhaustive()
    }
}

impl Store {
    /// Creates a new, empty store at `path` (owner-only permissions). Refuses an existing file.
    pub fn create(path: &Path) -> Result<Store, StoreError> {
        Store::create_at(&Location::File(path.to_path_buf()))
    }

    /// Creates a new, empty store: a file (owner-only, refusing an existing one), or the
    /// store's tables in an empty PostgreSQL database (refusing a database that holds any).
    pub fn create_at(at: &Location) -> Result<Store, StoreError> {
        let store = Store::create_empty(at)?;
        let salt: [u8; 16] = vault::random_bytes()?;
        let id: [u8; 16] = vault::random_bytes()?;
        let mut w = store.write()?;
        w.meta_put(meta::FORMAT, FORMAT_MARK)?;
        w.meta_put(meta::SCHEMA, &SCHEMA_VERSION.to_le_bytes())?;
        w.meta_put(meta::NAME_SALT, &salt)?;
        w.meta_put(meta::STORE_ID, &id)?;
        w.commit()?;
        Ok(store)
    }

    /// Every table, empty: nothing in meta either (a copy brings the original's).
    fn create_empty(at: &Location) -> Result<Store, StoreError> {
        let backend = match at {
            Location::File(path) => {
                Self::new_file(path)?;
                Backend::File {
                    db: std::sync::Arc::new(redb::create_empty(path, None)?),
                    path: path.clone(),
                }
            }
            Location::Postgres(target) => {
                Backend::Postgres(std::sync::Arc::new(postgres::PgStore::create(target)?))
            }
        };
        Ok(Store {
            backend,
            local: Local::default(),
        })
    }

    /// Makes the empty, owner-only file a new store starts from (and its folder, if missing).
    fn new_file(path: &Path) -> Result<(), StoreError> {
        if path.is_dir() {
            return Err(StoreError::IsADirectory(path.to_path_buf()));
        }
        if path.exists() {
            return Err(StoreError::Exists(path.to_path_buf()));
        }
        if let Some(dir) = path.parent().filter(|d| !d.as_os_str().is_empty())
            && !dir.exists()
        {
            private_dir(dir)?;
        }
        // The file is made owner-only from its first byte; redb then initialises the empty file.
        private_file(path)?;
        Ok(())
    }

    /// A new store file at `path` with every table and nothing in them, for a copy to fill;
    /// written by this process alone. On failure the file is removed.
    pub(crate) fn create_copy_file(path: &Path, cache: usize) -> Result<Store, StoreError> {
        Self::new_file(path)?;
        match redb::create_empty(path, Some(cache)) {
            Ok(db) => Ok(Store {
                backend: Backend::File {
                    db: std::sync::Arc::new(db),
                    path: path.to_path_buf(),
                },
                local: Local::default(),
            }),
            Err(e) => {
                let _ = std::fs::remove_file(path);
                Err(e)
            }
        }
    }

    /// A new store with every table and nothing in them, for a copy to fill (see
    /// [`ReadTxn::copy_into`]); give it up with [`Store::abandon_copy`] if the copy fails.
    pub fn create_copy_at(at: &Location) -> Result<Store, StoreError> {
        Store::create_empty(at)
    }

    /// Removes a store this process made with [`Store::create_copy_at`] whose copy failed or
    /// did not pass its check: the file, or the tables (and schema) in the database. Never
    /// called on any other store.
    pub fn abandon_copy(self) -> Result<(), StoreError> {
        match self.backend {
            Backend::File { db, path } => {
                drop(db);
                std::fs::remove_file(&path).map_err(|e| StoreError::Io(e.to_string()))
            }
            Backend::Postgres(pg) => pg.drop_store(),
        }
    }

    /// Opens an existing store file, checking that it is one and that its schema is known.
    pub fn open(path: &Path) -> Result<Store, StoreError> {
        Store::open_at(&Location::File(path.to_path_buf()))
    }

    /// Opens an existing store, checking that it is one and that its schema is known.
    pub fn open_at(at: &Location) -> Result<Store, StoreError> {
        let backend = match at {
            Location::File(path) => {
                if path.is_dir() {
                    return Err(StoreError::IsADirectory(path.to_path_buf()));
                }
                if !path.exists() {
                    return Err(StoreError::NotFound(path.to_path_buf()));
                }
                Backend::File {
                    db: std::sync::Arc::new(redb::Db(Some(redb::open_with_retry(path, false)?))),
                    path: path.clone(),
                }
            }
            Location::Postgres(target) => {
                Backend::Postgres(std::sync::Arc::new(postgres::PgStore::open(target)?))
            }
        };
        let store = Store {
            backend,
            local: Local::default(),
        };
        let not_a_store = || match at {
            Location::File(p) => StoreError::NotAStore(p.clone()),
            Location::Postgres(t) => StoreError::Database(format!(
                "the database {} does not hold a casenotes store",
                t.describe()
            )),
        };
        let r = store.read()?;
        let format = r.meta_get(meta::FORMAT).map_err(|e| match e {
            StoreError::Corrupt => not_a_store(),
            other => other,
        })?;
        if format.as_deref() != Some(FORMAT_MARK) {
            return Err(not_a_store());
        }
        let schema = r
            .meta_get(meta::SCHEMA)?
            .and_then(|b| <[u8; 4]>::try_from(b.as_slice()).ok())
            .map(u32::from_le_bytes)
            .ok_or(StoreError::Corrupt)?;
        if schema > SCHEMA_VERSION {
            return Err(StoreError::NewerSchema {
                found: schema,
                supported: SCHEMA_VERSION,
            });
        }
        if schema != SCHEMA_VERSION {
            return Err(StoreError::OlderSchema {
                found: schema,
                supported: SCHEMA_VERSION,
            });
        }
        drop(r);
        Ok(store)
    }

    /// The store's file, for a store in a file. Operations on the file itself (compaction,
    /// backups beside it, restores into its place) need one.
    pub fn file_path(&self) -> Option<&Path> {
        match &self.backend {
            Backend::File { path, .. } => Some(path),
            Backend::Postgres(_) => None,
        }
    }

    /// Where the store is.
    pub fn location(&self) -> Location {
        match &self.backend {
            Backend::File { path, .. } => Location::File(path.clone()),
            Backend::Postgres(pg) => Location::Postgres(Box::new(pg.target().clone())),
        }
    }

    /// For a status line or a message: the file's path, or the server and database. Never a
    /// password.
    pub fn describe(&self) -> String {
        self.location().describe()
    }

    /// Whether the store is a PostgreSQL database.
    pub fn is_postgres(&self) -> bool {
        matches!(self.backend, Backend::Postgres(_))
    }

    /// Keeps this machine's record of the store (see `session::witness`) in `dir` instead of
    /// the default place.
    pub fn with_state_dir(mut self, dir: PathBuf) -> Store {
        self.local.state_dir = Some(dir);
        self
    }

    pub fn state_dir(&self) -> Option<&Path> {
        self.local.state_dir.as_deref()
    }

    /// Marks the store as opened to be checked: a sign-in reports damage instead of stopping.
    pub fn for_check(mut self) -> Store {
        self.local.for_check = true;
        self
    }

    pub fn is_for_check(&self) -> bool {
        self.local.for_check
    }

    pub fn read(&self) -> Result<ReadTxn, StoreError> {
        let kv = match &self.backend {
            Backend::File { db, path } => {
                if let Some(busy) = maintenance(path) {
                    return Err(busy);
                }
                db.read()?
            }
            Backend::Postgres(pg) => pg.read()?,
        };
        Ok(ReadTxn { kv })
    }

    pub fn write(&self) -> Result<WriteTxn, StoreError> {
        let kv = match &self.backend {
            Backend::File { db, path } => {
                if let Some(busy) = maintenance(path) {
                    return Err(busy);
                }
                db.write()?
            }
            Backend::Postgres(pg) => pg.write()?,
        };
        Ok(WriteTxn { kv })
    }

    /// Runs redb's own check of every page of the file. Needs the only handle to the store.
    /// A PostgreSQL store has no file of its own to check: the server checks its pages.
    pub fn check_integrity(self) -> Result<bool, StoreError> {
        match self.backend {
            Backend::File { db, .. } => {
                let mut db = std::sync::Arc::into_inner(db).ok_or(StoreError::Busy)?;
                let db = db.0.as_mut().ok_or(StoreError::Corrupt)?;
                redb::guard(move || db.check_integrity().map_err(StoreError::from_db))
            }
            Backend::Postgres(_) => Ok(true),
        }
    }

    /// Runs redb's own check of every page of the file on a second, fresh handle, so that it can
    /// run while this one is open. `Ok(false)`: damage was found and the file's structure
    /// repaired. A PostgreSQL store: `Ok(true)`, as above.
    pub fn check_integrity_fresh(&self) -> Result<bool, StoreError> {
        let Some(path) = self.file_path() else {
            return Ok(true);
        };
        let mut db = redb::Db(Some(redb::open_with_retry(path, false)?));
        let handle = db.0.as_mut().ok_or(StoreError::Corrupt)?;
        redb::guard(move || handle.check_integrity().map_err(StoreError::from_db))
    }

    /// Rewrites the file without its free pages. Needs the only handle to the store in this
    /// process (other processes may still have it open: redb takes turns). A PostgreSQL store
    /// rewrites its tables instead (see [`Store::compact_shared`]).
    pub fn compact(&mut self) -> Result<(), StoreError> {
        match &mut self.backend {
            Backend::File { db, .. } => {
                let db = std::sync::Arc::get_mut(db)
                    .and_then(|d| d.0.as_mut())
                    .ok_or(StoreError::Busy)?;
                redb::guard(|| {
                    db.compact()?;
                    Ok(())
                })
            }
            Backend::Postgres(pg) => pg.rewrite_tables(),
        }
    }

    /// Whether this store was made by `casenotes demo` (readable before sign-in; holds nothing
    /// secret).
    pub fn is_demo(&self) -> Result<bool, StoreError> {
        Ok(self.read()?.meta_get(meta::DEMO)?.is_some())
    }

    /// Size of the store on disk, in bytes: the file, or the database's tables and indexes.
    pub fn file_size(&self) -> Result<u64, StoreError> {
        match &self.backend {
            Backend::File { path, .. } => std::fs::metadata(path)
                .map(|m| m.len())
                .map_err(|e| StoreError::Io(e.to_string())),
            Backend::Postgres(pg) => pg.size(),
        }
    }
}

/// Creates a new, empty file readable and writable by its owner only (mode 0600 from the start,
/// whatever the process's umask). Refuses an existing file.
pub fn private_file(path: &Path) -> Result<std::fs::File, StoreError> {
    let mut o = std::fs::OpenOptions::new();
    o.read(true).write(true).create_new(true);
    #[cfg(unix)]
    {
        use std::os::unix::fs::OpenOptionsExt;
        o.mode(0o600);
    }
    o.open(path).map_err(|e| match e.kind() {
        std::io::ErrorKind::AlreadyExists => StoreError::Exists(path.to_path_buf()),
        _ => StoreError::Io(e.to_string()),
    })
}

/// Creates a folder (and its missing parents) readable by its owner only.
pub fn private_dir(dir: &Path) -> Result<(), StoreError> {
    let mut b = std::fs::DirBuilder::new();
    b.recursive(true);
    #[cfg(unix)]
    {
        use std::os::unix::fs::DirBuilderExt;
        b.mode(0o700);
    }
    b.create(dir).map_err(|e| StoreError::Io(e.to_string()))
}
