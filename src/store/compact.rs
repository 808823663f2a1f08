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

use std::path::Path;
use std::thread;
use std::time::Duration;

use redb::CompactionError;

use super::*;

/// How many times compaction is tried while readers are under way, and how long it waits
/// between tries: about five seconds in all.
const TRIES: u32 = 50;
const BETWEEN_TRIES: Duration = Duration::from_millis(100);

/// What a compaction is doing, for a face to show.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[non_exhaustive]
pub enum CompactProgress {
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
pub fn compact_file(path: &Path, progress: impl FnMut(CompactProgress)) -> Result<(), StoreError> {
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

impl Store {
    /// Compacts this store's file on a fresh handle while this one stays open (see
    /// [`compact_file`]).
    pub fn compact_shared(&self, progress: impl FnMut(CompactProgress)) -> Result<(), StoreError> {
        compact_file(&self.path, progress)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const T: TableDefinition<u64, &[u8]> = TableDefinition::new("probe");

    fn put(store: &Store, value: &[u8]) {
        let w = store.write().expect("write");
        {
            let mut t = w.txn().expect("txn").open_table(T).expect("table");
            t.insert(1, value).expect("insert");
        }
        w.commit().expect("commit");
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
        let t = r.txn().expect("txn").open_table(T).expect("table");
        assert_eq!(t.get(1).expect("get").expect("row").value(), &[2; 16]);
    }
}
