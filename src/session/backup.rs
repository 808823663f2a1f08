//! Backups: a consistent snapshot of the store written to a new file and checked before it is
//! reported; dated backups in a folder, the newest kept; and the store's list of the backups it
//! took, so that erasure can say which of them still hold an erased client.
//!
//! A backup is copied from one read transaction (see `store::backup`): every row as sealed in
//! the store, so it opens with the same passwords and nothing in it is readable without one.
//! It is written under a hidden scratch name beside its place, checked there as `casenotes
//! check` checks the store — redb's check of every page, every record the caller's keys open
//! (an administrator's office key; a supervisor's case keys too), the record counts, the audit
//! chain and the links between records and trail — and only then given its name. One meta row
//! is added to it: when it was taken, sealed under the office key.
//!
//! The store then records the backup: a `backup-taken` event (in the store's trail, not the
//! backup's, which ends where the snapshot did) and an entry in its sealed list of backups
//! (when, where, how large, the highest client reference handed out and how many clients had
//! been erased, which together say which clients a backup holds).

use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};

use crate::domain::{self, AuditAction, ClientRef, Timestamp};
use crate::store::{self, ReadTxn, Store, StoreError, WriteTxn, meta, table};
use crate::vault::{self, Aad};

use super::erase::ErasedClient;
use super::*;

/// Dated backups are named `casenotes-YYYYMMDD-HHMMSS.redb` (UTC), with `-2`, `-3`… added when
/// two are taken in one second. Rotation counts and removes only files named so.
const DATED_PREFIX: &str = "casenotes-";
const DATED_SUFFIX: &str = ".redb";

/// Where a backup goes.
#[derive(Debug, Clone, Copy)]
pub enum BackupTarget<'a> {
    /// A new file at this path; refused if anything is there.
    File(&'a Path),
    /// A new dated file in this folder (made, owner-only, if missing), after which only the
    /// newest `keep` dated backups in it are kept. Files named otherwise are left alone.
    Dated { dir: &'a Path, keep: usize },
}

/// Where a backup has got to, for the progress shown while it runs.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[non_exhaustive]
pub enum BackupStage {
    /// Copying table `table`: `rows` of the snapshot's `total` rows copied so far.
    Copying {
        table: &'static str,
        rows: u64,
        total: u64,
    },
    /// redb's check of every page of the new file.
    CheckingStorage,
    /// Opening every record of the new file that the caller's keys open, and its audit chain.
    CheckingRecords,
    /// Recording the backup in the store's audit trail and list of backups.
    Recording,
    /// Removing dated backups beyond those to keep.
    Rotating,
}

impl BackupStage {
    /// A few words for a progress line.
    pub fn describe(&self) -> String {
        match self {
            BackupStage::Copying { table, rows, total } => {
                let pct = (rows * 100).checked_div(*total).unwrap_or(100);
                format!("copying {table}: {rows} of {total} rows ({pct}%)")
            }
            BackupStage::CheckingStorage => "checking the new file's storage".into(),
            BackupStage::CheckingRecords => {
                "checking every record, seal and the audit chain of the new file".into()
            }
            BackupStage::Recording => "recording the backup in the store's audit trail".into(),
            BackupStage::Rotating => "removing the oldest backups".into(),
        }
    }
}

/// A backup written and checked.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct BackupWritten {
    pub path: PathBuf,
    /// When its snapshot was taken.
    pub taken_at: Timestamp,
    pub bytes: u64,
    pub clients: u64,
    pub notes: u64,
    /// Events in its audit trail.
    pub events: u64,
    /// What its check covered ("storage", "4 users", "12 clients", …).
    pub checked: Vec<String>,
    /// Older dated backups removed from the folder.
    pub removed: Vec<PathBuf>,
}

/// A backup this store took, whose file is still where it was written.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct BackupFile {
    pub path: PathBuf,
    pub taken_at: Timestamp,
}

/// A backup as the store's sealed list keeps it.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub(super) struct BackupRecord {
    pub taken_at: Timestamp,
    /// Where it was written (absolute).
    pub path: String,
    pub bytes: u64,
    /// The highest client reference handed out when it was taken: it holds no later client.
    pub clients_upto: u64,
    /// How many clients the list of erased clients named when it was taken: it holds none of
    /// those.
    pub erased_before: u64,
}

impl BackupRecord {
    /// Whether this backup holds client `c`, given the store's list of erased clients.
    fn holds(&self, c: ClientRef, erased: &[ErasedClient]) -> bool {
        let before = usize::try_from(self.erased_before).unwrap_or(usize::MAX);
        c.0 <= self.clients_upto && !erased.iter().take(before).any(|e| e.reference == c)
    }

    fn file(&self) -> Option<BackupFile> {
        let path = PathBuf::from(&self.path);
        path.is_file().then_some(BackupFile {
            path,
            taken_at: self.taken_at,
        })
    }
}

fn backups_aad() -> Aad<'static> {
    Aad {
        table: table::META,
        id: meta::BACKUPS.as_bytes(),
    }
}

fn taken_aad() -> Aad<'static> {
    Aad {
        table: table::META,
        id: meta::BACKUP_TAKEN.as_bytes(),
    }
}

/// The name of a dated backup taken at `at`, the `n`th of its second.
fn dated_name(at: Timestamp, n: u32) -> String {
    let stamp = jiff::Timestamp::from_second(at)
        .unwrap_or(jiff::Timestamp::UNIX_EPOCH)
        .strftime("%Y%m%d-%H%M%S")
        .to_string();
    match n {
        0 | 1 => format!("{DATED_PREFIX}{stamp}{DATED_SUFFIX}"),
        n => format!("{DATED_PREFIX}{stamp}-{n}{DATED_SUFFIX}"),
    }
}

/// The time stamp and number of a dated backup's name, or `None` for any other name.
fn parse_dated(name: &str) -> Option<(u64, u32)> {
    let rest = name
        .strip_prefix(DATED_PREFIX)?
        .strip_suffix(DATED_SUFFIX)?;
    let (date, rest) = rest.split_at_checked(8)?;
    let rest = rest.strip_prefix('-')?;
    let (time, n) = rest.split_at_checked(6)?;
    let digits = |s: &str| !s.is_empty() && s.bytes().all(|b| b.is_ascii_digit());
    if !digits(date) || !digits(time) {
        return None;
    }
    let n = match n {
        "" => 1,
        n => {
            let n = n.strip_prefix('-')?;
            if !digits(n) || n.starts_with('0') {
                return None;
            }
            n.parse().ok()?
        }
    };
    Some((format!("{date}{time}").parse().ok()?, n))
}

/// The dated backups in `dir`, newest first (regular files only).
fn dated_backups(dir: &Path) -> Result<Vec<PathBuf>> {
    let entries = std::fs::read_dir(dir).map_err(|e| {
        SessionError::Invalid(format!("cannot read the folder {}: {e}", dir.display()))
    })?;
    let mut found = Vec::new();
    for entry in entries.flatten() {
        let name = entry.file_name();
        let Some(key) = name.to_str().and_then(parse_dated) else {
            continue;
        };
        if entry.file_type().is_ok_and(|t| t.is_file()) {
            found.push((key, entry.path()));
        }
    }
    found.sort_by_key(|b| std::cmp::Reverse(b.0));
    Ok(found.into_iter().map(|(_, p)| p).collect())
}

/// The refusal of a backup's place that is taken.
fn already_there(p: &Path) -> SessionError {
    SessionError::Invalid(format!(
        "{} already exists; a backup never replaces a file",
        p.display()
    ))
}

/// redb's check of every page of the store file at `path`, which nobody else has open; then
/// the store's random id. `Err`: what is wrong, in a few words.
pub(super) fn check_storage(path: &Path) -> std::result::Result<[u8; 16], String> {
    let describe = |e: StoreError| match e {
        StoreError::Corrupt => "it is damaged or was altered".to_string(),
        StoreError::NotAStore(_) => "it is not a casenotes store".to_string(),
        other => other.to_string(),
    };
    match Store::open(path).map_err(describe)?.check_integrity() {
        Ok(true) => {}
        Ok(false) => return Err("its storage was damaged".into()),
        Err(e) => return Err(describe(e)),
    }
    Store::open(path)
        .and_then(|s| s.read()?.store_id())
        .map_err(describe)
}

/// A path as text for the store's list; a backup is written only where it can be named so.
fn path_text(path: &Path) -> Result<String> {
    let abs = std::path::absolute(path).map_err(|e| StoreError::Io(e.to_string()))?;
    abs.to_str().map(str::to_string).ok_or_else(|| {
        SessionError::Invalid(format!(
            "{} is not a path in plain text (UTF-8); choose another",
            abs.display()
        ))
    })
}

impl Session {
    /// Takes a backup of the store (see the module's notes): a snapshot of one read
    /// transaction, written to a new owner-only file that never replaces another, checked with
    /// the caller's keys before it is reported, then recorded in the store's trail
    /// (`backup-taken`, with how many clients and notes it holds) and list of backups. With
    /// [`BackupTarget::Dated`], the folder then keeps only the newest `keep` dated backups.
    /// `progress` hears each stage. A backup that fails its check is removed and the first
    /// problem reported. Supervisors and administrators.
    pub fn backup(
        &self,
        to: BackupTarget<'_>,
        mut progress: impl FnMut(BackupStage),
    ) -> Result<BackupWritten> {
        self.may(Operation::Backup)?;
        let (dest, keep) = match to {
            BackupTarget::File(p) => {
                if p.symlink_metadata().is_ok() {
                    return Err(already_there(p));
                }
                (p.to_path_buf(), None)
            }
            BackupTarget::Dated { dir, keep } => {
                if keep == 0 {
                    return Err(SessionError::Invalid(
                        "keep at least one backup (--keep 1 or more)".into(),
                    ));
                }
                if !dir.exists() {
                    store::private_dir(dir)?;
                }
                if !dir.is_dir() {
                    return Err(SessionError::Invalid(format!(
                        "{} is not a folder",
                        dir.display()
                    )));
                }
                // After the last of its second still there, so that names sort as taken.
                let now = domain::now();
                let stamp = parse_dated(&dated_name(now, 1)).map(|(s, _)| s);
                let mut n = dated_backups(dir)?
                    .iter()
                    .filter_map(|p| p.file_name()?.to_str().and_then(parse_dated))
                    .filter(|(s, _)| Some(*s) == stamp)
                    .map(|(_, n)| n + 1)
                    .max()
                    .unwrap_or(1);
                let mut dest = dir.join(dated_name(now, n));
                while dest.symlink_metadata().is_ok() {
                    n += 1;
                    dest = dir.join(dated_name(now, n));
                }
                (dest, Some((dir, keep)))
            }
        };
        if let Some(dir) = dest.parent().filter(|d| !d.as_os_str().is_empty())
            && !dir.is_dir()
        {
            return Err(SessionError::Invalid(format!(
                "the folder {} does not exist",
                dir.display()
            )));
        }
        let text = path_text(&dest)?;
        let scratch = store::scratch_beside(&dest, "partial")?;
        let written = self.write_backup(&scratch, &dest, &mut progress);
        let _ = std::fs::remove_file(&scratch);
        let (mut done, record) = written?;
        let record = BackupRecord {
            path: text,
            ..record
        };

        progress(BackupStage::Recording);
        if let Err(e) = self.record_backup(record, &done) {
            // Every backup casenotes leaves is in the store's list, for erasure to name.
            let _ = std::fs::remove_file(&done.path);
            return Err(SessionError::Invalid(format!(
                "the backup could not be recorded in the store, so it was removed again: {e}"
            )));
        }

        if let Some((dir, keep)) = keep {
            progress(BackupStage::Rotating);
            for old in dated_backups(dir)?.into_iter().skip(keep) {
                if std::fs::remove_file(&old).is_ok() {
                    done.removed.push(old);
                }
            }
            store::sync_dir(dir);
        }
        Ok(done)
    }

    /// Adds `record` to the store's list of backups, with the `backup-taken` event.
    fn record_backup(&self, record: BackupRecord, done: &BackupWritten) -> Result<()> {
        let mut w = self.begin()?;
        let mut list = self.backup_list(&w.meta_get(meta::BACKUPS)?)?;
        // Backups whose files are gone hold nobody any more.
        list.retain(|b| Path::new(&b.path).is_file());
        list.push(record);
        w.meta_put(
            meta::BACKUPS,
            &vault::seal_record(&self.master, backups_aad(), &list)?,
        )?;
        let event = self.event(
            AuditAction::BackupTaken {
                clients: done.clients,
                notes: done.notes,
            },
            None,
            None,
        );
        self.commit_with(w, vec![event])
    }

    /// Copies a snapshot to `scratch`, checks it, and gives it the name `dest`.
    fn write_backup(
        &self,
        scratch: &Path,
        dest: &Path,
        progress: &mut impl FnMut(BackupStage),
    ) -> Result<(BackupWritten, BackupRecord)> {
        let r = self.store.read()?;
        let taken_at = domain::now();
        let record = BackupRecord {
            taken_at,
            path: String::new(),
            bytes: 0,
            clients_upto: r.meta_u64(meta::NEXT_CLIENT)?,
            erased_before: self.erased_list(&r)?.len() as u64,
        };
        let (clients, notes) = (r.count_clients()?, r.count_notes()?);
        let id = r.store_id()?;
        let mark = vault::seal_record(&self.master, taken_aad(), &taken_at)?;
        let copied = r.copy_to(scratch, &[(meta::BACKUP_TAKEN, &mark)], |p| {
            progress(BackupStage::Copying {
                table: p.table,
                rows: p.rows,
                total: p.total,
            })
        })?;
        drop(r);
        let failed = |p: &dyn std::fmt::Display| {
            SessionError::Invalid(format!(
                "the backup did not pass its check, so it was not kept: {p}"
            ))
        };
        progress(BackupStage::CheckingStorage);
        match check_storage(scratch) {
            Ok(copied_id) if copied_id == id => {}
            Ok(_) => return Err(failed(&"it is not a copy of this store")),
            Err(p) => return Err(failed(&p)),
        }
        let (mut report, events) = self.check_copy(scratch, progress)?;
        if let Some(p) = report.problems.first() {
            return Err(failed(p));
        }
        report.checked.insert(0, "storage".into());
        store::publish(scratch, dest).map_err(|e| match e {
            StoreError::Exists(p) => already_there(&p),
            other => other.into(),
        })?;
        if let Some(dir) = dest.parent().filter(|d| !d.as_os_str().is_empty()) {
            store::sync_dir(dir);
        }
        Ok((
            BackupWritten {
                path: dest.to_path_buf(),
                taken_at,
                bytes: copied.bytes,
                clients,
                notes,
                events,
                checked: report.checked,
                removed: Vec::new(),
            },
            BackupRecord {
                bytes: copied.bytes,
                ..record
            },
        ))
    }

    /// Checks the store file at `path` (a copy of this store) with the caller's keys, as
    /// `casenotes check` checks the store: every record the keys open, the counts, the audit
    /// chain and the links between records and trail, and the queue of break-glass accesses. A
    /// file the office key does not open is named as such. Returns the report and the number of
    /// events in its trail. (Its storage is checked first, by [`check_storage`].)
    pub(super) fn check_copy(
        &self,
        path: &Path,
        progress: &mut impl FnMut(BackupStage),
    ) -> Result<(CheckReport, u64)> {
        self.check_copy_in(&Store::open(path)?, &mut || {
            progress(BackupStage::CheckingRecords)
        })
    }

    /// As [`Session::check_copy`], of a copy already open (a file or a database);
    /// `checking_records` hears when the records' check begins.
    pub(super) fn check_copy_in(
        &self,
        copy: &Store,
        checking_records: &mut dyn FnMut(),
    ) -> Result<(CheckReport, u64)> {
        let mut report = CheckReport::default();
        let r = copy.read()?;
        let opens = r
            .meta_get(meta::POLICY)?
            .is_some_and(|sealed| policy::open_policy(&self.master, &sealed).is_ok());
        if !opens {
            report.problems.push(
                "its records do not open with this store's keys (a backup of another store, or damaged)"
                    .into(),
            );
            return Ok((report, 0));
        }
        checking_records();
        let chain = self.check_records(&r, &mut report)?;
        if let Some(p) = self.glass_pending_agrees(&r, &chain.events)? {
            report.problems.push(p);
        }
        Ok((report, chain.last))
    }

    pub(super) fn backup_list(&self, sealed: &Option<Vec<u8>>) -> Result<Vec<BackupRecord>> {
        match sealed {
            None => Ok(Vec::new()),
            Some(s) => Ok(vault::open_record(&self.master, backups_aad(), s)?),
        }
    }

    /// When the backup whose snapshot is `r` was taken, as it records; `None` for a copy made
    /// otherwise.
    pub(super) fn backup_taken_at(&self, r: &ReadTxn) -> Result<Option<Timestamp>> {
        match r.meta_get(meta::BACKUP_TAKEN)? {
            None => Ok(None),
            Some(sealed) => Ok(Some(vault::open_record(
                &self.master,
                taken_aad(),
                &sealed,
            )?)),
        }
    }

    /// Merges `others` (another copy's list of backups) into the list `w` holds, by path.
    pub(super) fn merge_backup_list(
        &self,
        w: &mut WriteTxn,
        others: Vec<BackupRecord>,
    ) -> Result<()> {
        let mut list = self.backup_list(&w.meta_get(meta::BACKUPS)?)?;
        for b in others {
            if !list.iter().any(|l| l.path == b.path) {
                list.push(b);
            }
        }
        list.sort_by_key(|b| b.taken_at);
        w.meta_put(
            meta::BACKUPS,
            &vault::seal_record(&self.master, backups_aad(), &list)?,
        )?;
        Ok(())
    }

    /// The backups this store took, whose files are still in place, that hold client `c`
    /// (taken after it was added and before it was erased), oldest first.
    pub(super) fn backups_holding_in(&self, r: &ReadTxn, c: ClientRef) -> Result<Vec<BackupFile>> {
        let erased = self.erased_list(r)?;
        Ok(self
            .backup_list(&r.meta_get(meta::BACKUPS)?)?
            .iter()
            .filter(|b| b.holds(c, &erased))
            .filter_map(BackupRecord::file)
            .collect())
    }

    /// The backups this store took whose files are still in place, oldest first. Supervisors
    /// and administrators.
    pub fn backups(&self) -> Result<Vec<BackupFile>> {
        self.may(Operation::Backup)?;
        let r = self.store.read()?;
        Ok(self
            .backup_list(&r.meta_get(meta::BACKUPS)?)?
            .iter()
            .filter_map(BackupRecord::file)
            .collect())
    }

    /// The erased clients that backups still in place hold (those taken before the erasure),
    /// each with those backups, in the order of erasure. Backups copied elsewhere are not known
    /// to the store. Supervisors.
    pub fn erased_in_backups(&self) -> Result<Vec<(ClientRef, Vec<BackupFile>)>> {
        self.may(Operation::EraseClients)?;
        let r = self.store.read()?;
        let erased = self.erased_list(&r)?;
        let list = self.backup_list(&r.meta_get(meta::BACKUPS)?)?;
        Ok(erased
            .iter()
            .filter_map(|e| {
                let held: Vec<BackupFile> = list
                    .iter()
                    .filter(|b| b.holds(e.reference, &erased))
                    .filter_map(BackupRecord::file)
                    .collect();
                (!held.is_empty()).then_some((e.reference, held))
            })
            .collect())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dated_names_parse_back_and_nothing_else_does() {
        let at = 1_790_000_000; // 2026-09-21 14:13:20 UTC
        assert_eq!(dated_name(at, 1), "casenotes-20260921-141320.redb");
        assert_eq!(dated_name(at, 3), "casenotes-20260921-141320-3.redb");
        assert_eq!(parse_dated(&dated_name(at, 1)), Some((20260921141320, 1)));
        assert_eq!(parse_dated(&dated_name(at, 12)), Some((20260921141320, 12)));
        for other in [
            "casenotes-20260921-141320.redb.partial",
            ".casenotes-20260921-141320.redb.partial-00aa",
            "casenotes-2026092-133320.redb",
            "casenotes-20260921-141320-0.redb",
            "casenotes-20260921-141320-x.redb",
            "casenotes-20260921141320.redb",
            "office.redb",
            "casenotes-20260921-141320.redb.before-restore-20260921-141320",
        ] {
            assert_eq!(parse_dated(other), None, "{other}");
        }
    }

    #[test]
    fn a_backup_holds_the_clients_added_before_it_and_not_erased_before_it() {
        let erased = vec![
            ErasedClient {
                reference: ClientRef(2),
                notes: vec![],
            },
            ErasedClient {
                reference: ClientRef(5),
                notes: vec![],
            },
        ];
        let b = BackupRecord {
            taken_at: 0,
            path: String::new(),
            bytes: 0,
            clients_upto: 6,
            erased_before: 1,
        };
        assert!(b.holds(ClientRef(1), &erased));
        assert!(!b.holds(ClientRef(2), &erased), "erased before it");
        assert!(b.holds(ClientRef(5), &erased), "erased after it");
        assert!(!b.holds(ClientRef(7), &erased), "added after it");
    }
}
