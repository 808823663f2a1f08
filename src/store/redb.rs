//! The redb file backend: the storage interface ([`super::kv`]) over one embedded redb file.
//!
//! Each table is a redb table keyed by its own key type (text, bytes, numbers and tuples of
//! numbers), as stores made before the interface existed have them; the interface's byte keys
//! are turned into those types and back here, and nowhere else.
//!
//! A damaged or altered file can make the storage engine panic: every operation runs inside
//! [`guard`], which reports such a panic as [`StoreError::Corrupt`].

use std::ops::Bound;
use std::path::Path;
use std::thread;
use std::time::{Duration, Instant};

use ::redb::{
    ConcurrencyMode, Database, DatabaseError, ReadTransaction, ReadableDatabase, ReadableTable,
    ReadableTableMetadata, TableDefinition, TableError, TableHandle, WriteTransaction,
};

use super::kv::{KeyKind, KvRead, KvWrite, Row, Table, Visit};
use super::{BUSY_WAIT, StoreError};

impl From<::redb::StorageError> for StoreError {
    fn from(e: ::redb::StorageError) -> Self {
        match e {
            ::redb::StorageError::Corrupted(_) => StoreError::Corrupt,
            ::redb::StorageError::Io(io)
                if matches!(
                    io.kind(),
                    std::io::ErrorKind::InvalidData | std::io::ErrorKind::UnexpectedEof
                ) =>
            {
                StoreError::Corrupt
            }
            ::redb::StorageError::Io(io) => StoreError::Io(io.to_string()),
            _ => StoreError::Io("the storage layer failed".into()),
        }
    }
}

macro_rules! from_redb {
    ($($t:ty),*) => {$(
        impl From<$t> for StoreError {
            fn from(e: $t) -> Self {
                match ::redb::Error::from(e) {
                    ::redb::Error::Corrupted(_) => StoreError::Corrupt,
                    ::redb::Error::DatabaseAlreadyOpen | ::redb::Error::LockProtocolMismatch => {
                        StoreError::Busy
                    }
                    ::redb::Error::TableDoesNotExist(_)
                    | ::redb::Error::TableTypeMismatch { .. }
                    | ::redb::Error::TableIsMultimap(_)
                    | ::redb::Error::TableIsNotMultimap(_)
                    | ::redb::Error::TypeDefinitionChanged { .. } => StoreError::Corrupt,
                    ::redb::Error::Io(io)
                        if matches!(
                            io.kind(),
                            std::io::ErrorKind::InvalidData | std::io::ErrorKind::UnexpectedEof
                        ) =>
                    {
                        StoreError::Corrupt
                    }
                    ::redb::Error::Io(io) => StoreError::Io(io.to_string()),
                    ::redb::Error::ValueTooLarge(_) => StoreError::Io("a value is too large".into()),
                    _ => StoreError::Io("the storage layer failed".into()),
                }
            }
        }
    )*};
}
from_redb!(
    ::redb::TransactionError,
    ::redb::TableError,
    ::redb::CommitError,
    ::redb::CompactionError
);

impl StoreError {
    pub(super) fn from_db(e: DatabaseError) -> Self {
        match e {
            DatabaseError::Storage(s) => s.into(),
            DatabaseError::DatabaseAlreadyOpen | DatabaseError::LockProtocolMismatch => {
                StoreError::Busy
            }
            _ => StoreError::Corrupt,
        }
    }
}

pub(super) fn builder() -> ::redb::Builder {
    let mut b = Database::builder();
    // Several terminals on one machine may use one store at once; writes take turns.
    b.set_concurrency_mode(ConcurrencyMode::MultiWriter);
    // The cache only needs the working set; a large default would count against the TUI's memory.
    b.set_cache_size(64 * 1024 * 1024);
    b
}

thread_local! {
    static GUARDED: std::cell::Cell<u32> = const { std::cell::Cell::new(0) };
}

/// Whether this thread is inside [`guard`]: a panic here is a damaged file, reported as an error,
/// so the panic hook stays silent.
pub fn in_guard() -> bool {
    GUARDED.with(|g| g.get() > 0)
}

/// Runs a storage operation, turning a panic inside the storage engine (which a damaged or
/// altered file can provoke) into [`StoreError::Corrupt`].
pub(super) fn guard<T>(f: impl FnOnce() -> Result<T, StoreError>) -> Result<T, StoreError> {
    GUARDED.with(|g| g.set(g.get() + 1));
    let r = std::panic::catch_unwind(std::panic::AssertUnwindSafe(f));
    GUARDED.with(|g| g.set(g.get().saturating_sub(1)));
    r.unwrap_or(Err(StoreError::Corrupt))
}

/// The open database; dropping it (which may touch a damaged file) is guarded like every other
/// storage operation.
pub(super) struct Db(pub(super) Option<Database>);

impl Db {
    pub(super) fn db(&self) -> Result<&Database, StoreError> {
        self.0.as_ref().ok_or(StoreError::Corrupt)
    }

    pub(super) fn read(&self) -> Result<Box<dyn KvRead>, StoreError> {
        guard(|| {
            Ok(Box::new(RedbRead {
                txn: Some(self.db()?.begin_read()?),
            }) as Box<dyn KvRead>)
        })
    }

    pub(super) fn write(&self) -> Result<Box<dyn KvWrite>, StoreError> {
        guard(|| {
            Ok(Box::new(RedbWrite {
                txn: Some(self.db()?.begin_write()?),
            }) as Box<dyn KvWrite>)
        })
    }
}

impl Drop for Db {
    fn drop(&mut self) {
        if let Some(db) = self.0.take() {
            let _ = guard(move || {
                drop(db);
                Ok(())
            });
        }
    }
}

pub(super) fn open_with_retry(path: &Path, create: bool) -> Result<Database, StoreError> {
    guard(|| open_db(path, create))
}

fn open_db(path: &Path, create: bool) -> Result<Database, StoreError> {
    let started = Instant::now();
    loop {
        let b = builder();
        let result = if create { b.create(path) } else { b.open(path) };
        match result {
            Ok(db) => return Ok(db),
            Err(DatabaseError::DatabaseAlreadyOpen | DatabaseError::LockProtocolMismatch)
                if started.elapsed() < BUSY_WAIT =>
            {
                thread::sleep(Duration::from_millis(50));
            }
            Err(DatabaseError::DatabaseAlreadyOpen | DatabaseError::LockProtocolMismatch) => {
                return Err(StoreError::Busy);
            }
            Err(DatabaseError::UpgradeRequired(_)) => {
                return Err(StoreError::NotAStore(path.to_path_buf()));
            }
            Err(DatabaseError::Storage(::redb::StorageError::Io(io)))
                if io.kind() == std::io::ErrorKind::InvalidData =>
            {
                return Err(StoreError::NotAStore(path.to_path_buf()));
            }
            Err(DatabaseError::Storage(::redb::StorageError::Io(io)))
                if io.kind() == std::io::ErrorKind::UnexpectedEof =>
            {
                return Err(StoreError::Corrupt);
            }
            Err(DatabaseError::Storage(::redb::StorageError::Io(io)))
                if io.kind() == std::io::ErrorKind::NotFound =>
            {
                return Err(StoreError::NotFound(path.to_path_buf()));
            }
            Err(DatabaseError::Storage(e)) => return Err(e.into()),
            Err(_) => return Err(StoreError::Corrupt),
        }
    }
}

/// A key type of the file's tables, turned from and into the interface's encoded keys.
trait Codec: ::redb::Key + 'static {
    fn decode(b: &[u8]) -> Result<Self::SelfType<'_>, StoreError>;
    fn encode(k: Self::SelfType<'_>, out: &mut Vec<u8>);
}

impl Codec for &'static str {
    fn decode(b: &[u8]) -> Result<&str, StoreError> {
        std::str::from_utf8(b).map_err(|_| StoreError::Corrupt)
    }
    fn encode(k: &str, out: &mut Vec<u8>) {
        out.extend_from_slice(k.as_bytes());
    }
}

impl Codec for &'static [u8] {
    fn decode(b: &[u8]) -> Result<&[u8], StoreError> {
        Ok(b)
    }
    fn encode(k: &[u8], out: &mut Vec<u8>) {
        out.extend_from_slice(k);
    }
}

impl Codec for u64 {
    fn decode(b: &[u8]) -> Result<u64, StoreError> {
        exact(b, 8)?;
        super::kv::u64_at(b, 0)
    }
    fn encode(k: u64, out: &mut Vec<u8>) {
        out.extend_from_slice(&k.to_be_bytes());
    }
}

impl Codec for (u64, u64) {
    fn decode(b: &[u8]) -> Result<(u64, u64), StoreError> {
        exact(b, 16)?;
        Ok((super::kv::u64_at(b, 0)?, super::kv::u64_at(b, 8)?))
    }
    fn encode(k: (u64, u64), out: &mut Vec<u8>) {
        out.extend_from_slice(&super::kv::pair_key(k.0, k.1));
    }
}

impl Codec for (u64, u64, u64) {
    fn decode(b: &[u8]) -> Result<(u64, u64, u64), StoreError> {
        exact(b, 24)?;
        Ok((
            super::kv::u64_at(b, 0)?,
            super::kv::u64_at(b, 8)?,
            super::kv::u64_at(b, 16)?,
        ))
    }
    fn encode(k: (u64, u64, u64), out: &mut Vec<u8>) {
        out.extend_from_slice(&super::kv::triple_key(k.0, k.1, k.2));
    }
}

impl Codec for (u64, u32) {
    fn decode(b: &[u8]) -> Result<(u64, u32), StoreError> {
        exact(b, 12)?;
        Ok((super::kv::u64_at(b, 0)?, super::kv::u32_at(b, 8)?))
    }
    fn encode(k: (u64, u32), out: &mut Vec<u8>) {
        out.extend_from_slice(&super::kv::numbered_key(k.0, k.1));
    }
}

/// A key of the wrong length is a caller's mistake, reported rather than truncated.
fn exact(b: &[u8], len: usize) -> Result<(), StoreError> {
    if b.len() == len {
        Ok(())
    } else {
        Err(StoreError::Io(format!(
            "a key of {} bytes where {len} belong",
            b.len()
        )))
    }
}

/// Runs `$body` with `$K` the key type of a table of kind `$kind`.
macro_rules! typed {
    ($kind:expr, |$K:ident| $body:expr) => {
        match $kind {
            KeyKind::Text => {
                type $K = &'static str;
                $body
            }
            KeyKind::Bytes => {
                type $K = &'static [u8];
                $body
            }
            KeyKind::U64 => {
                type $K = u64;
                $body
            }
            KeyKind::U64U64 => {
                type $K = (u64, u64);
                $body
            }
            KeyKind::U64U64U64 => {
                type $K = (u64, u64, u64);
                $body
            }
            KeyKind::U64U32 => {
                type $K = (u64, u32);
                $body
            }
        }
    };
}

fn def<K: Codec>(t: Table) -> TableDefinition<'static, K, &'static [u8]> {
    TableDefinition::new(t.name)
}

fn get_in<K: Codec>(
    t: &impl ReadableTable<K, &'static [u8]>,
    key: &[u8],
) -> Result<Option<Vec<u8>>, StoreError> {
    let k = K::decode(key)?;
    Ok(t.get(k)?.map(|v| v.value().to_vec()))
}

/// A range of typed keys.
type Bounds<'a, K> = (
    Bound<<K as ::redb::Value>::SelfType<'a>>,
    Bound<<K as ::redb::Value>::SelfType<'a>>,
);

fn bounds<'a, K: Codec>(
    from: Option<&'a [u8]>,
    to: Option<&'a [u8]>,
) -> Result<Bounds<'a, K>, StoreError> {
    let lo = match from {
        Some(b) => Bound::Included(K::decode(b)?),
        None => Bound::Unbounded,
    };
    let hi = match to {
        Some(b) => Bound::Included(K::decode(b)?),
        None => Bound::Unbounded,
    };
    Ok((lo, hi))
}

fn scan_in<K: Codec>(
    t: &impl ReadableTable<K, &'static [u8]>,
    from: Option<&[u8]>,
    to: Option<&[u8]>,
    visit: Visit<'_>,
) -> Result<(), StoreError> {
    if let (Some(a), Some(b)) = (from, to)
        && a > b
    {
        return Ok(());
    }
    let mut kb = Vec::new();
    for row in t.range(bounds::<K>(from, to)?)? {
        let (k, v) = row?;
        kb.clear();
        K::encode(k.value(), &mut kb);
        if !visit(&kb, v.value())? {
            break;
        }
    }
    Ok(())
}

fn last_in<K: Codec>(t: &impl ReadableTable<K, &'static [u8]>) -> Result<Option<Row>, StoreError> {
    Ok(match t.last()? {
        Some((k, v)) => {
            let mut kb = Vec::new();
            K::encode(k.value(), &mut kb);
            Some((kb, v.value().to_vec()))
        }
        None => None,
    })
}

/// A snapshot of the file.
struct RedbRead {
    txn: Option<ReadTransaction>,
}

impl RedbRead {
    fn txn(&self) -> Result<&ReadTransaction, StoreError> {
        self.txn.as_ref().ok_or(StoreError::Corrupt)
    }
}

impl Drop for RedbRead {
    fn drop(&mut self) {
        if let Some(t) = self.txn.take() {
            let _ = guard(move || {
                drop(t);
                Ok(())
            });
        }
    }
}

/// Opens `t` in a read transaction; `None` for an optional table the file does not have.
fn open_read<K: Codec>(
    txn: &ReadTransaction,
    t: Table,
) -> Result<Option<::redb::ReadOnlyTable<K, &'static [u8]>>, StoreError> {
    match txn.open_table(def::<K>(t)) {
        Ok(tb) => Ok(Some(tb)),
        Err(TableError::TableDoesNotExist(_)) if t.optional => Ok(None),
        Err(e) => Err(e.into()),
    }
}

/// Opens `t` in the snapshot of `r`; `None` for an optional table the file does not have.
fn open_in_read<K: Codec>(
    r: &RedbRead,
    t: Table,
) -> Result<Option<::redb::ReadOnlyTable<K, &'static [u8]>>, StoreError> {
    open_read::<K>(r.txn()?, t)
}

/// Opens `t` in the write transaction of `w` (creating it, as a write does).
fn open_in_write<K: Codec>(
    w: &RedbWrite,
    t: Table,
) -> Result<Option<::redb::Table<'_, K, &'static [u8]>>, StoreError> {
    Ok(Some(w.txn()?.open_table(def::<K>(t))?))
}

/// The reads of a transaction whose tables `$open` opens (see [`open_in_read`]), written once
/// for both kinds; `$extra` are further methods of the impl.
macro_rules! kv_reads {
    ($ty:ty, $open:ident, { $($extra:item)* }) => {
        impl KvRead for $ty {
            fn get(&self, t: Table, key: &[u8]) -> Result<Option<Vec<u8>>, StoreError> {
                guard(|| {
                    typed!(t.key, |K| match $open::<K>(self, t)? {
                        Some(tb) => get_in(&tb, key),
                        None => Ok(None),
                    })
                })
            }

            fn scan(
                &self,
                t: Table,
                from: Option<&[u8]>,
                to: Option<&[u8]>,
                visit: Visit<'_>,
            ) -> Result<(), StoreError> {
                guard(|| {
                    typed!(t.key, |K| match $open::<K>(self, t)? {
                        Some(tb) => scan_in(&tb, from, to, visit),
                        None => Ok(()),
                    })
                })
            }

            fn last(&self, t: Table) -> Result<Option<Row>, StoreError> {
                guard(|| {
                    typed!(t.key, |K| match $open::<K>(self, t)? {
                        Some(tb) => last_in(&tb),
                        None => Ok(None),
                    })
                })
            }

            fn len(&self, t: Table) -> Result<u64, StoreError> {
                guard(|| {
                    typed!(t.key, |K| match $open::<K>(self, t)? {
                        Some(tb) => Ok(tb.len()?),
                        None => Ok(0),
                    })
                })
            }

            $($extra)*
        }
    };
}

kv_reads!(RedbRead, open_in_read, {
    fn extra_tables(&self) -> Result<Vec<String>, StoreError> {
        guard(|| {
            Ok(self
                .txn()?
                .list_tables()?
                .map(|h| h.name().to_string())
                .filter(|n| {
                    super::kv::by_name(n).is_none() && !SCRATCH_TABLES.contains(&n.as_str())
                })
                .collect())
        })
    }
});

kv_reads!(RedbWrite, open_in_write, {});

/// A scratch table a compaction may leave behind if it was stopped: zeros, not a record.
pub(super) const SCRATCH_TABLES: &[&str] = &["wipe"];

/// One write transaction on the file. redb takes turns between writers, across processes too.
struct RedbWrite {
    txn: Option<WriteTransaction>,
}

impl RedbWrite {
    fn txn(&self) -> Result<&WriteTransaction, StoreError> {
        self.txn.as_ref().ok_or(StoreError::Corrupt)
    }
}

impl Drop for RedbWrite {
    fn drop(&mut self) {
        // Dropping an uncommitted transaction aborts it, which touches the file.
        if let Some(t) = self.txn.take() {
            let _ = guard(move || {
                drop(t);
                Ok(())
            });
        }
    }
}

impl KvWrite for RedbWrite {
    fn put(&mut self, t: Table, key: &[u8], value: &[u8]) -> Result<(), StoreError> {
        guard(|| {
            typed!(t.key, |K| {
                let k = K::decode(key)?;
                self.txn()?.open_table(def::<K>(t))?.insert(k, value)?;
                Ok(())
            })
        })
    }

    fn remove(&mut self, t: Table, key: &[u8]) -> Result<bool, StoreError> {
        guard(|| {
            typed!(t.key, |K| {
                let k = K::decode(key)?;
                Ok(self.txn()?.open_table(def::<K>(t))?.remove(k)?.is_some())
            })
        })
    }

    fn commit(mut self: Box<Self>) -> Result<(), StoreError> {
        let txn = self.txn.take().ok_or(StoreError::Corrupt)?;
        guard(move || {
            txn.commit()?;
            Ok(())
        })
    }
}

/// Creates every table, so that read transactions always find them.
pub(super) fn create_tables(w: &WriteTransaction) -> Result<(), StoreError> {
    for t in super::kv::ALL {
        typed!(t.key, |K| {
            w.open_table(def::<K>(*t))?;
        })
    }
    Ok(())
}

/// A new, empty file at `path` (which exists, owner-only and empty) with every table.
pub(super) fn create_empty(path: &Path, cache: Option<usize>) -> Result<Db, StoreError> {
    let db = match cache {
        // A copy: written once, front to back, and opened by nobody meanwhile.
        Some(bytes) => guard(|| {
            Database::builder()
                .set_cache_size(bytes)
                .create(path)
                .map_err(StoreError::from_db)
        })?,
        None => open_with_retry(path, true)?,
    };
    let db = Db(Some(db));
    guard(|| {
        let w = db.db()?.begin_write()?;
        create_tables(&w)?;
        w.commit()?;
        Ok(())
    })?;
    Ok(db)
}
