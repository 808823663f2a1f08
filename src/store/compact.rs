//! Compacting the store file: rewriting it without its free pages.
//!
//! redb never zeroes a page it frees, so a record replaced or deleted (a redacted section's old
//! sealed text, an erased client's records) stays in the file's free space until something
//! overwrites it. Compaction moves the live pages down over the free ones and cuts the file
//! short, which leaves none of them behind.
//!
//! It runs on a second, fresh handle to the file, so the caller's own handle (and other
//! processes' handles) stay open. In redb's multi-writer mode it holds the file's writer lock
//! throughout: other processes' writes wait for it, and a reader already under way in any
//! process makes it fail, since the pages that reader sees could not move. Such a failure is
//! retried a few times, a short sleep apart, and then reported as [`StoreError::CompactionBusy`].
//!
//! Before compacting, the free pages inside the file are overwritten (a scratch table of zeros
//! fills them, then is dropped), in case compaction cannot move every live page down over them.
//!
//! While it runs, others using the store (other processes, and other handles of this one) are
//! told it is busy, in one clear line, instead of waiting on the file's locks: the maintenance
//! lock is a small file beside the store, held exclusively throughout and checked, without
//! waiting, by every transaction begun (see [`maintenance_running`]).

use std::fs::{File, OpenOptions, TryLockError};
use std::io::{Read, Write};
use std::path::{Path, PathBuf};
use std::thread;
use std::time::Duration;

use ::redb::{CompactionError, Database, TableDefinition};

use super::redb::{Db, guard, open_with_retry};

use super::*;

/// How many times compaction is tried while readers are under way, and how long it waits
/// between tries: about five seconds in all.
const TRIES: u32 = 50;
const BETWEEN_TRIES: Duration = Duration::from_millis(100);

/// What a compaction is doing, for a face to show.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[non_exhaustive]
pub enum CompactProgress {
    /// Overwriting the free pages inside the file.
    Wiping,
    /// Rewriting the file, which was this many bytes.
    Compacting { bytes: u64 },
    /// Another program was reading the store: waiting before try `attempt` of `of`.
    Waiting { attempt: u32, of: u32 },
    /// Done: the file is now this many bytes.
    Done { bytes: u64 },
}

fn file_size(path: &Path) -> u64 {
    std::fs::metadata(path).map(|m| m.len()).unwrap_or(0)
}

/// Compacts the store file at `path` on a fresh handle (see the module's notes), reporting
/// each step to `progress`. The caller must hold no transaction open on the file: one of its
/// own reads would make every try fail. [`StoreError::CompactionBusy`] when readers kept the
/// file busy through every try; the file is then as it was.
pub fn compact_file(
    path: &Path,
    mut progress: impl FnMut(CompactProgress),
) -> Result<(), StoreError> {
    let _lock = MaintenanceLock::take(path)?;
    {
        let db = Db(Some(open_with_retry(path, false)?));
        let handle = db.0.as_ref().ok_or(StoreError::Corrupt)?;
        progress(CompactProgress::Wiping);
        guard(|| wipe_free_pages(handle, path))?;
    }
    compact_trying(path, TRIES, progress)
}

fn compact_trying(
    path: &Path,
    tries: u32,
    mut progress: impl FnMut(CompactProgress),
) -> Result<(), StoreError> {
    let mut db = Db(Some(open_with_retry(path, false)?));
    let handle = db.0.as_mut().ok_or(StoreError::Corrupt)?;
    for attempt in 1..=tries {
        progress(CompactProgress::Compacting {
            bytes: file_size(path),
        });
        let outcome = guard(|| match handle.compact() {
            Ok(_) => Ok(true),
            Err(CompactionError::TransactionInProgress) => Ok(false),
            Err(
                CompactionError::PersistentSavepointExists
                | CompactionError::EphemeralSavepointExists,
            ) => Err(StoreError::Io(
                "the store has a savepoint, which casenotes never makes; compaction refused".into(),
            )),
            Err(e) => Err(e.into()),
        })?;
        if outcome {
            progress(CompactProgress::Done {
                bytes: file_size(path),
            });
            return Ok(());
        }
        if attempt < tries {
            progress(CompactProgress::Waiting {
                attempt: attempt + 1,
                of: tries,
            });
            thread::sleep(BETWEEN_TRIES);
        }
    }
    Err(StoreError::CompactionBusy)
}

/// Where the maintenance lock of the store at `path` lives.
pub fn maintenance_lock_path(path: &Path) -> PathBuf {
    let mut name = path.file_name().unwrap_or_default().to_os_string();
    name.push(".maintenance");
    path.with_file_name(name)
}

/// Whether a compaction of the store at `path`, or a restore over it, is running (in any
/// process). Costs one failed `stat` when none is.
pub fn maintenance_running(path: &Path) -> bool {
    maintenance(path).is_some()
}

/// What others are told while the maintenance lock of the store at `path` is held: that a
/// compaction ([`StoreError::Maintenance`]) or a restore ([`StoreError::Restoring`]) is running.
pub fn maintenance(path: &Path) -> Option<StoreError> {
    let lock = maintenance_lock_path(path);
    let mut f = File::open(&lock).ok()?;
    if !matches!(f.try_lock_shared(), Err(TryLockError::WouldBlock)) {
        return None;
    }
    let mut word = [0u8; RESTORE_MARK.len()];
    match f.read_exact(&mut word) {
        Ok(()) if word == RESTORE_MARK => Some(StoreError::Restoring),
        _ => Some(StoreError::Maintenance),
    }
}

/// Written into the maintenance lock while a restore holds it.
const RESTORE_MARK: &[u8] = b"restore";

/// The maintenance lock, held while the file is rewritten; removed when dropped.
pub struct MaintenanceLock {
    file: Option<File>,
    path: PathBuf,
}

impl MaintenanceLock {
    /// Takes the lock of the store at `path` for a compaction, or [`StoreError::Busy`] if
    /// another compaction or a restore holds it.
    pub fn take(path: &Path) -> Result<MaintenanceLock, StoreError> {
        Self::take_marked(path, b"")
    }

    /// Takes the lock of the store at `path` for a restore (others are told so), or
    /// [`StoreError::Busy`] if a compaction or another restore holds it.
    pub fn take_for_restore(path: &Path) -> Result<MaintenanceLock, StoreError> {
        Self::take_marked(path, RESTORE_MARK)
    }

    fn take_marked(path: &Path, mark: &[u8]) -> Result<MaintenanceLock, StoreError> {
        let lock = maintenance_lock_path(path);
        let mut o = OpenOptions::new();
        o.read(true).write(true).create(true).truncate(false);
        #[cfg(unix)]
        {
            use std::os::unix::fs::OpenOptionsExt;
            o.mode(0o600);
        }
        let f = o.open(&lock).map_err(|e| StoreError::Io(e.to_string()))?;
        match f.try_lock() {
            Ok(()) => {
                let io = |e: std::io::Error| StoreError::Io(e.to_string());
                f.set_len(0).map_err(io)?;
                (&f).write_all(mark).map_err(io)?;
                Ok(MaintenanceLock {
                    file: Some(f),
                    path: lock,
                })
            }
            Err(TryLockError::WouldBlock) => Err(StoreError::Busy),
            Err(TryLockError::Error(e)) => Err(StoreError::Io(e.to_string())),
        }
    }
}

impl Drop for MaintenanceLock {
    fn drop(&mut self) {
        // Removed while still held, so that nobody finds the file locked by nobody.
        let _ = std::fs::remove_file(&self.path);
        if let Some(f) = self.file.take() {
            let _ = f.unlock();
        }
    }
}

/// A scratch table that fills the file's free pages with zeros, so that what they held is
/// overwritten before compaction cuts them off.
const WIPE: TableDefinition<u64, &[u8]> = TableDefinition::new("wipe");
/// Small enough that a chunk fits a single page: free pages are mostly single pages.
const WIPE_CHUNK: usize = 1024;
/// Fills the file's free pages: zeros are written in chunks until the file has to grow (every
/// free page then holds zeros), and removed again.
fn wipe_free_pages(db: &Database, path: &Path) -> Result<(), StoreError> {
    let size = || {
        std::fs::metadata(path)
            .map(|m| m.len())
            .map_err(|e| StoreError::Io(e.to_string()))
    };
    let zeros = vec![0u8; WIPE_CHUNK];
    let start = size()?;
    let mut n = 0u64;
    // Enough chunks to cover the whole file, at most: once the file grows, the free pages are
    // used up.
    let most = start / WIPE_CHUNK as u64 + 2;
    while n < most {
        let w = db.begin_write()?;
        {
            let mut t = w.open_table(WIPE)?;
            for _ in 0..256 {
                t.insert(n, zeros.as_slice())?;
                n += 1;
            }
        }
        w.commit()?;
        if size()? > start {
            break;
        }
    }
    let w = db.begin_write()?;
    w.delete_table(WIPE)?;
    w.commit()?;
    Ok(())
}

impl Store {
    /// Compacts this store's file on a fresh handle while this one stays open (see
    /// [`compact_file`]).
    /// A PostgreSQL store rewrites its tables instead (`VACUUM FULL`), which leaves none of
    /// the deleted rows in the tables' files.
    pub fn compact_shared(
        &self,
        mut progress: impl FnMut(CompactProgress),
    ) -> Result<(), StoreError> {
        match &self.backend {
            Backend::File { path, .. } => compact_file(path, progress),
            Backend::Postgres(pg) => {
                progress(CompactProgress::Compacting { bytes: pg.size()? });
                pg.rewrite_tables()?;
                progress(CompactProgress::Done { bytes: pg.size()? });
                Ok(())
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn put(store: &Store, value: &[u8]) {
        let mut w = store.write().expect("write");
        w.meta_put("probe", value).expect("insert");
        w.commit().expect("commit");
    }

    #[test]
    fn others_are_told_whether_a_rewrite_or_a_restore_holds_the_store() {
        let dir = tempfile::tempdir().expect("tempdir");
        let path = dir.path().join("s.redb");
        let store = Store::create(&path).expect("create");
        assert!(maintenance(&path).is_none());
        let lock = MaintenanceLock::take_for_restore(&path).expect("lock");
        assert!(matches!(store.read(), Err(StoreError::Restoring)));
        assert!(matches!(
            MaintenanceLock::take(&path),
            Err(StoreError::Busy)
        ));
        drop(lock);
        assert!(store.read().is_ok());
        let lock = MaintenanceLock::take(&path).expect("lock");
        assert!(matches!(store.write(), Err(StoreError::Maintenance)));
        drop(lock);
        assert!(!maintenance_running(&path));
    }

    #[test]
    fn compaction_leaves_no_replaced_value_in_the_file_and_waits_for_readers() {
        let dir = tempfile::tempdir().expect("tempdir");
        let path = dir.path().join("s.redb");
        let store = Store::create(&path).expect("create");
        let old: Vec<u8> = (0..4096u32).map(|i| (i * 7 + 3) as u8 ^ 0x5a).collect();
        put(&store, &old);
        put(&store, &[1; 4096]);
        let held = |p: &Path| {
            let bytes = std::fs::read(p).expect("read");
            bytes.windows(64).any(|w| w == &old[1000..1064])
        };
        assert!(held(&path), "the replaced value lingers in free space");

        // A read under way on the caller's own handle: busy after every try.
        let r = store.read().expect("read");
        let mut steps = Vec::new();
        assert!(matches!(
            compact_trying(&path, 3, |p| steps.push(p)),
            Err(StoreError::CompactionBusy)
        ));
        assert!(steps.contains(&CompactProgress::Waiting { attempt: 3, of: 3 }));
        drop(r);

        let mut done = false;
        store
            .compact_shared(|p| done |= matches!(p, CompactProgress::Done { .. }))
            .expect("compact");
        assert!(done);
        assert!(
            !held(&path),
            "compaction left the replaced value in the file"
        );
        // The caller's handle reads and writes on.
        put(&store, &[2; 16]);
        let r = store.read().expect("read");
        assert_eq!(r.meta_get("probe").expect("get"), Some(vec![2; 16]));
    }
}
