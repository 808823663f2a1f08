//! Backups at the storage level: every table of one read transaction copied, row by row and
//! byte for byte, into a new file; a finished file published under its name without ever
//! replacing another; and a restored file swapped into the store's place.
//!
//! A copy is taken from one read transaction, so it is the store as one commit left it however
//! many others write meanwhile (redb's snapshot isolation): never a copy of the raw file, which
//! another process may be half-way through changing. The rows stay sealed exactly as they are;
//! the copy is a store file like the original and opens with the same passwords.

use std::ffi::OsString;
use std::io::ErrorKind;
use std::path::{Path, PathBuf};
use std::thread;
use std::time::Instant;

use ::redb::{Database, DatabaseError, ReadableDatabase, TableDefinition};

use super::kv;
use super::redb::guard;
use super::*;

/// Rows written between two commits of a copy into a file: keeps the copy's memory bounded
/// however large the store is.
const ROWS_PER_COMMIT: u64 = 20_000;

/// The copy's page cache: it is written once, front to back, and read by nobody meanwhile.
const COPY_CACHE: usize = 16 * 1024 * 1024;

const META: TableDefinition<&str, &[u8]> = TableDefinition::new(table::META);
const SLOTS: TableDefinition<&[u8], &[u8]> = TableDefinition::new(table::SLOTS);

/// What a copy is doing, for a face to show.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[non_exhaustive]
pub struct CopyProgress {
    /// The table being copied.
    pub table: &'static str,
    /// Rows copied so far, of every table.
    pub rows: u64,
    /// Rows the snapshot holds, of every table.
    pub total: u64,
}

/// What a copy wrote.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Copied {
    pub tables: usize,
    pub rows: u64,
    /// The new store's size, in bytes.
    pub bytes: u64,
}

/// The write transaction a copy fills: committed every `batch` rows where one is given (a
/// file: what is written leaves memory as it goes), else once at the end (a database: the
/// copy is all there or not at all).
struct Sink<'a> {
    to: &'a Store,
    txn: Option<WriteTxn>,
    pending: u64,
    batch: Option<u64>,
    /// Rows gathered for one [`kv::KvWrite::load`], all of `table`.
    rows: Vec<kv::Row>,
    table: Option<kv::Table>,
}

/// Rows gathered before they are written together.
const ROWS_PER_LOAD: usize = 1_000;

impl Sink<'_> {
    fn txn(&mut self) -> Result<&mut WriteTxn, StoreError> {
        if self.txn.is_none() {
            self.txn = Some(self.to.write()?);
        }
        self.txn.as_mut().ok_or(StoreError::Corrupt)
    }

    fn put(&mut self, t: kv::Table, k: &[u8], v: &[u8]) -> Result<(), StoreError> {
        if self.rows.first().is_some_and(|_| self.table != Some(t)) {
            self.flush()?;
        }
        self.table = Some(t);
        self.rows.push((k.to_vec(), v.to_vec()));
        if self.rows.len() >= ROWS_PER_LOAD {
            self.flush()?;
        }
        Ok(())
    }

    /// Writes the rows gathered, committing once a batch is full.
    fn flush(&mut self) -> Result<(), StoreError> {
        let (Some(t), false) = (self.table, self.rows.is_empty()) else {
            return Ok(());
        };
        let rows = std::mem::take(&mut self.rows);
        self.txn()?.w().load(t, &rows)?;
        self.pending += rows.len() as u64;
        if self.batch.is_some_and(|b| self.pending >= b) {
            if let Some(t) = self.txn.take() {
                t.commit()?;
            }
            self.pending = 0;
        }
        Ok(())
    }

    /// Commits what is left.
    fn finish(mut self) -> Result<(), StoreError> {
        self.flush()?;
        self.txn()?;
        match self.txn.take() {
            Some(t) => t.commit(),
            None => Ok(()),
        }
    }
}

impl ReadTxn {
    /// Writes every table of this snapshot, row for row, to a new file at `dest` (owner-only
    /// from its first byte; an existing file is refused with [`StoreError::Exists`]). The file
    /// is a store like the original; nothing is decrypted or sealed again, and `marks` are the
    /// only rows added (meta keys and values, such as when the copy was taken). A table this
    /// version does not know is refused rather than left out. On failure the new file is
    /// removed. The snapshot may be of either backend: a PostgreSQL store's backup is a file.
    pub fn copy_to(
        &self,
        dest: &Path,
        marks: &[(&str, &[u8])],
        mut progress: impl FnMut(CopyProgress),
    ) -> Result<Copied, StoreError> {
        let store = Store::create_copy_file(dest, COPY_CACHE)?;
        let copied = self.copy_rows(&store, Some(ROWS_PER_COMMIT), marks, &mut progress);
        drop(store);
        match copied {
            Ok((tables, rows)) => Ok(Copied {
                tables,
                rows,
                bytes: std::fs::metadata(dest)
                    .map(|m| m.len())
                    .map_err(|e| StoreError::Io(e.to_string()))?,
            }),
            Err(e) => {
                let _ = std::fs::remove_file(dest);
                Err(e)
            }
        }
    }

    /// Writes every table of this snapshot, row for row, into `to`, a new store with every
    /// table and nothing in them (see [`Store::create_copy_at`]), as [`ReadTxn::copy_to`] does
    /// into a file; into a database, in one transaction. Returns the tables and rows copied.
    pub fn copy_into(
        &self,
        to: &Store,
        progress: &mut dyn FnMut(CopyProgress),
    ) -> Result<Copied, StoreError> {
        let batch = if to.is_postgres() {
            None
        } else {
            Some(ROWS_PER_COMMIT)
        };
        let (tables, rows) = self.copy_rows(to, batch, &[], progress)?;
        Ok(Copied {
            tables,
            rows,
            bytes: to.file_size()?,
        })
    }

    fn copy_rows(
        &self,
        to: &Store,
        batch: Option<u64>,
        marks: &[(&str, &[u8])],
        progress: &mut dyn FnMut(CopyProgress),
    ) -> Result<(usize, u64), StoreError> {
        if let Some(name) = self.r().extra_tables()?.first() {
            return Err(StoreError::Io(format!(
                "the store holds a table this version does not know ({name}); upgrade casenotes before copying it"
            )));
        }
        let mut total = 0;
        for t in kv::ALL {
            total += self.r().len(*t)?;
        }
        let mut sink = Sink {
            to,
            txn: None,
            pending: 0,
            batch,
            rows: Vec::new(),
            table: None,
        };
        let mut done = 0u64;
        for t in kv::ALL {
            progress(CopyProgress {
                table: t.name,
                rows: done,
                total,
            });
            self.r().scan(*t, None, None, &mut |k, v| {
                sink.put(*t, k, v)?;
                done += 1;
                if done.is_multiple_of(ROWS_PER_COMMIT) {
                    progress(CopyProgress {
                        table: t.name,
                        rows: done,
                        total,
                    });
                }
                Ok(true)
            })?;
            progress(CopyProgress {
                table: t.name,
                rows: done,
                total,
            });
        }
        for (k, v) in marks {
            sink.put(kv::META, k.as_bytes(), v)?;
        }
        sink.finish()?;
        Ok((kv::ALL.len(), done))
    }
}

impl ReadTxn {
    /// The first table whose rows differ between this snapshot and `other` (keys or bytes,
    /// compared through a digest of each table, so that neither side is held in memory), or
    /// `None` when every table is the same, row for row.
    pub fn first_difference(&self, other: &ReadTxn) -> Result<Option<&'static str>, StoreError> {
        for t in kv::ALL {
            if table_digest(self.r(), *t)? != table_digest(other.r(), *t)? {
                return Ok(Some(t.name));
            }
        }
        Ok(None)
    }
}

/// A digest of every row of `t`: each key and value with its length, in key order.
fn table_digest(r: &dyn kv::KvRead, t: kv::Table) -> Result<(u64, [u8; 32]), StoreError> {
    use orion::hazardous::hash::blake2::blake2b::Blake2b;
    let bad = |_| StoreError::Vault(VaultError::Encode);
    let mut h = Blake2b::new(32).map_err(bad)?;
    let mut rows = 0u64;
    r.scan(t, None, None, &mut |k, v| {
        rows += 1;
        for part in [k, v] {
            h.update(&(part.len() as u64).to_le_bytes()).map_err(bad)?;
            h.update(part).map_err(bad)?;
        }
        Ok(true)
    })?;
    let mut out = [0u8; 32];
    out.copy_from_slice(h.finalize().map_err(bad)?.as_ref());
    Ok((rows, out))
}

/// A hidden name beside `path` for a file being written before it takes `path`'s place:
/// `.NAME.TAG-RANDOM`. Never the name of a backup a rotation would count.
pub fn scratch_beside(path: &Path, tag: &str) -> Result<PathBuf, StoreError> {
    let name = path
        .file_name()
        .ok_or_else(|| StoreError::Io(format!("{} names no file", path.display())))?;
    let random: [u8; 6] = vault::random_bytes()?;
    let mut scratch = OsString::from(".");
    scratch.push(name);
    scratch.push(format!(
        ".{tag}-{}",
        random
            .iter()
            .map(|b| format!("{b:02x}"))
            .collect::<String>()
    ));
    Ok(path.with_file_name(scratch))
}

/// Gives the finished file `from` the name `to`, never replacing a file already there
/// ([`StoreError::Exists`]): a hard link, then the scratch name removed. Where the file system
/// has no hard links, a rename after checking that `to` is free.
pub fn publish(from: &Path, to: &Path) -> Result<(), StoreError> {
    match std::fs::hard_link(from, to) {
        Ok(()) => {
            let _ = std::fs::remove_file(from);
            Ok(())
        }
        Err(e) if e.kind() == ErrorKind::AlreadyExists => Err(StoreError::Exists(to.into())),
        Err(_) if to.symlink_metadata().is_ok() => Err(StoreError::Exists(to.into())),
        Err(_) => std::fs::rename(from, to).map_err(|e| StoreError::Io(e.to_string())),
    }
}

/// Flushes a folder's entries (renames, new names) to the disk. Best effort: some file systems
/// cannot open a folder for it.
pub fn sync_dir(dir: &Path) {
    if let Ok(d) = std::fs::File::open(dir) {
        let _ = d.sync_all();
    }
}

/// The random id of the store at `path`, read without writing a byte to the file (a read-only
/// open; an ordinary open and close may update the file's header). `Ok(None)` when another
/// program has the store open, which a read-only open cannot share.
pub fn peek_store_id(path: &Path) -> Result<Option<[u8; 16]>, StoreError> {
    if !path.exists() {
        return Err(StoreError::NotFound(path.to_path_buf()));
    }
    guard(|| {
        let db = match Database::builder().open_read_only(path) {
            Ok(db) => db,
            Err(DatabaseError::DatabaseAlreadyOpen | DatabaseError::LockProtocolMismatch) => {
                return Ok(None);
            }
            Err(e) => return Err(StoreError::from_db(e)),
        };
        let r = db.begin_read()?;
        let t = r.open_table(META)?;
        let id = t
            .get(meta::STORE_ID)?
            .and_then(|v| <[u8; 16]>::try_from(v.value()).ok())
            .ok_or(StoreError::Corrupt)?;
        Ok(Some(id))
    })
}

/// The key slot filed under `name` in the store at `path`, read without writing a byte to the
/// file (a store that is to be restored must stay as it is until the backup is checked).
/// `Ok(None)` when there is none, or the store is open elsewhere.
pub fn peek_slot(path: &Path, name: &str) -> Result<Option<SlotRecord>, StoreError> {
    guard(|| {
        let db = match Database::builder().open_read_only(path) {
            Ok(db) => db,
            Err(DatabaseError::DatabaseAlreadyOpen | DatabaseError::LockProtocolMismatch) => {
                return Ok(None);
            }
            Err(e) => return Err(StoreError::from_db(e)),
        };
        let r = db.begin_read()?;
        let salt: [u8; 16] = r
            .open_table(META)?
            .get(meta::NAME_SALT)?
            .and_then(|v| <[u8; 16]>::try_from(v.value()).ok())
            .ok_or(StoreError::Corrupt)?;
        let lookup = vault::name_lookup_id(&salt, name)?;
        match r.open_table(SLOTS)?.get(lookup.as_slice())? {
            Some(v) => Ok(Some(SlotRecord::decode(v.value())?)),
            None => Ok(None),
        }
    })
}

/// Whether another program has the store at `path` open (any casenotes process, a window left
/// open, a command running). Tried for a few seconds, since a command holds it only briefly.
/// Holding the returned handle keeps others from opening it meanwhile. `Ok(None)` when the file
/// is absent or too damaged to tell.
pub fn hold_unshared(path: &Path) -> Result<Option<::redb::ReadOnlyDatabase>, StoreError> {
    let started = Instant::now();
    loop {
        let opened = match guard(|| Ok(Database::builder().open_read_only(path))) {
            Ok(o) => o,
            // The storage engine gave up on the file: too damaged to tell.
            Err(_) => return Ok(None),
        };
        match opened {
            Ok(db) => return Ok(Some(db)),
            Err(DatabaseError::DatabaseAlreadyOpen | DatabaseError::LockProtocolMismatch)
                if started.elapsed() < BUSY_WAIT =>
            {
                thread::sleep(Duration::from_millis(50));
            }
            Err(DatabaseError::DatabaseAlreadyOpen | DatabaseError::LockProtocolMismatch) => {
                return Err(StoreError::InUse);
            }
            Err(_) => return Ok(None),
        }
    }
}

/// Puts the file `new` in the place of the store at `path`, keeping the file there (if any) as
/// `keep` (which must not exist). Both are renames within one folder, so each is atomic: at
/// every moment `path` names either the old store or the new one. If the second rename fails,
/// the first is undone.
pub fn swap_in(new: &Path, path: &Path, keep: &Path) -> Result<(), StoreError> {
    let had = path.symlink_metadata().is_ok();
    if had {
        if keep.symlink_metadata().is_ok() {
            return Err(StoreError::Exists(keep.into()));
        }
        std::fs::rename(path, keep).map_err(|e| StoreError::Io(e.to_string()))?;
    }
    if let Err(e) = std::fs::rename(new, path) {
        if had {
            let _ = std::fs::rename(keep, path);
        }
        return Err(StoreError::Io(e.to_string()));
    }
    if let Some(dir) = path.parent().filter(|d| !d.as_os_str().is_empty()) {
        sync_dir(dir);
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_copy_holds_every_table_and_row_of_the_snapshot_not_later_writes() {
        let dir = tempfile::tempdir().expect("tempdir");
        let path = dir.path().join("s.redb");
        let store = Store::create(&path).expect("create");
        assert!(
            store
                .read()
                .expect("read")
                .r()
                .extra_tables()
                .expect("tables")
                .is_empty()
        );
        let mut w = store.write().expect("write");
        for i in 0..(ROWS_PER_COMMIT + 5) {
            w.note_put(ClientRef(1 + i % 3), i, &[7u8; 40])
                .expect("put");
        }
        w.commit().expect("commit");
        let r = store.read().expect("read");
        // Written after the snapshot began: not in the copy.
        let mut w = store.write().expect("write");
        w.note_put(ClientRef(9), 9, b"later").expect("put");
        w.commit().expect("commit");

        let dest = dir.path().join("copy.redb");
        let mut seen = Vec::new();
        let copied = r
            .copy_to(&dest, &[("mark", b"1")], |p| seen.push(p))
            .expect("copy");
        assert_eq!(copied.tables, kv::ALL.len());
        assert!(seen.iter().any(|p| p.table == table::NOTES && p.rows > 0));
        assert_eq!(seen.last().map(|p| p.rows), Some(copied.rows));
        #[cfg(unix)]
        {
            use std::os::unix::fs::PermissionsExt;
            let mode = std::fs::metadata(&dest).expect("meta").permissions().mode();
            assert_eq!(mode & 0o777, 0o600);
        }
        assert!(matches!(
            r.copy_to(&dest, &[], |_| {}),
            Err(StoreError::Exists(_))
        ));
        drop(r);
        let copy = Store::open(&dest).expect("open the copy");
        let c = copy.read().expect("read");
        assert_eq!(c.count_notes().expect("count"), ROWS_PER_COMMIT + 5);
        assert_eq!(c.note_get(ClientRef(9), 9).expect("get"), None);
        assert_eq!(c.meta_get("mark").expect("mark"), Some(b"1".to_vec()));
        assert_eq!(
            c.store_id().expect("id"),
            store.read().expect("read").store_id().expect("id")
        );
        drop(c);
        assert!(copy.check_integrity().expect("check"));
    }

    #[test]
    fn publishing_never_replaces_a_file() {
        let dir = tempfile::tempdir().expect("tempdir");
        let a = dir.path().join("a");
        let b = dir.path().join("b");
        std::fs::write(&a, b"new").expect("write");
        std::fs::write(&b, b"old").expect("write");
        assert!(matches!(publish(&a, &b), Err(StoreError::Exists(_))));
        assert_eq!(std::fs::read(&b).expect("read"), b"old");
        std::fs::remove_file(&b).expect("remove");
        publish(&a, &b).expect("publish");
        assert_eq!(std::fs::read(&b).expect("read"), b"new");
        assert!(!a.exists());
        let s = scratch_beside(&b, "partial").expect("scratch");
        assert!(
            s.file_name()
                .and_then(|n| n.to_str())
                .is_some_and(|n| n.starts_with(".b.partial-"))
        );
    }
}
