//! Erasing one client's rows, and rewriting the file so that nothing of them is left in it.
//!
//! Deleting rows only frees their pages: redb does not zero freed pages, so the sealed bytes
//! (and the client's sealed data keys) would stay in the file until reused. [`compact_file`]
//! therefore follows every erasure: it overwrites the free pages the file holds, then compacts
//! the file so that they are cut off its end.
//!
//! While it runs, other processes (and other handles of this one) using the store are told the
//! store is busy, in one clear line, instead of waiting on the file's locks: the maintenance
//! lock is a small file beside the store, held exclusively by the compaction and checked,
//! without waiting, by every transaction begun (see [`maintenance_running`]).

use std::fs::{File, OpenOptions, TryLockError};
use std::path::{Path, PathBuf};

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

/// Where the maintenance lock of the store at `path` lives.
pub fn maintenance_lock_path(path: &Path) -> PathBuf {
    let mut name = path.file_name().unwrap_or_default().to_os_string();
    name.push(".maintenance");
    path.with_file_name(name)
}

/// Whether a compaction of the store at `path` is running (in any process). Costs one failed
/// `stat` when none is.
pub fn maintenance_running(path: &Path) -> bool {
    let lock = maintenance_lock_path(path);
    let Ok(f) = File::open(&lock) else {
        return false;
    };
    matches!(f.try_lock_shared(), Err(TryLockError::WouldBlock))
}

/// The maintenance lock, held while the file is rewritten; removed when dropped.
pub struct MaintenanceLock {
    file: Option<File>,
    path: PathBuf,
}

impl MaintenanceLock {
    /// Takes the lock of the store at `path`, or [`StoreError::Busy`] if another compaction
    /// holds it.
    pub fn take(path: &Path) -> Result<MaintenanceLock, StoreError> {
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
            Ok(()) => Ok(MaintenanceLock {
                file: Some(f),
                path: lock,
            }),
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

/// A stage of [`compact_file`], for progress shown to the person waiting.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum CompactStage {
    /// Waiting for other programs to finish what they are reading.
    Waiting,
    /// Overwriting the file's free pages.
    Wiping,
    /// Moving pages down and cutting the file's end off.
    Compacting,
    Done,
}

/// A scratch table that fills the file's free pages with zeros, so that what they held is
/// overwritten before compaction cuts them off.
const WIPE: TableDefinition<u64, &[u8]> = TableDefinition::new("wipe");
/// Small enough that a chunk fits a single page: free pages are mostly single pages.
const WIPE_CHUNK: usize = 1024;
/// How long the compaction waits for other programs' reads to end before giving up.
const COMPACT_WAIT: Duration = Duration::from_secs(10);

/// Rewrites the store file at `path` so that none of its free pages keeps what it held, with
/// the maintenance lock held throughout (other users are told the store is busy). Runs on a
/// handle of its own: the caller's handles may stay open but must not hold a transaction.
pub fn compact_file(path: &Path, mut progress: impl FnMut(CompactStage)) -> Result<(), StoreError> {
    let _lock = MaintenanceLock::take(path)?;
    let mut db = Db(Some(open_with_retry(path, false)?));
    let handle = db.0.as_mut().ok_or(StoreError::Corrupt)?;
    progress(CompactStage::Wiping);
    guard(|| wipe_free_pages(handle, path))?;
    progress(CompactStage::Compacting);
    let started = Instant::now();
    loop {
        let attempt = guard(|| match handle.compact() {
            Ok(_) => Ok(true),
            Err(redb::CompactionError::TransactionInProgress) => Ok(false),
            Err(e) => Err(e.into()),
        })?;
        match attempt {
            true => break,
            false if started.elapsed() < COMPACT_WAIT => {
                progress(CompactStage::Waiting);
                thread::sleep(Duration::from_millis(100));
                progress(CompactStage::Compacting);
            }
            false => return Err(StoreError::Busy),
        }
    }
    progress(CompactStage::Done);
    Ok(())
}

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
