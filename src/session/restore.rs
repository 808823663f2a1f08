//! Restoring the store from a backup (administrators).
//!
//! 1. The backup is copied, as it is, to a hidden scratch file beside the store (the backup
//!    itself is never changed), and the copy's storage is checked (redb's check of every page)
//!    and found to be a copy of this store (if others have the store open, this waits for the
//!    sign-in), before anything is written to the store, not even the sign-in: a damaged,
//!    truncated or foreign backup leaves the store byte for byte as it was.
//!    Then, signed in, the copy is checked as a backup is when taken (see `backup`): every
//!    record the office key opens, the audit chain. The acting administrator must be an active
//!    administrator in it.
//! 2. The copy's trail gets a `store-restored` event (who, when, and when the backup was
//!    taken); the store's list of backups is carried over, and the backup's mark of when it was
//!    taken removed.
//! 3. With the store's maintenance lock held (everyone else is told the store is being
//!    restored), and only if no other program has the store open, the current file is renamed
//!    beside it (`NAME.before-restore-YYYYMMDD-HHMMSS`, UTC; never deleted) and the copy renamed
//!    into its place: two renames in one folder, so the store's name always names a whole file.
//! 4. This machine's witness of the store's history (see `witness`) is moved to the restored
//!    store's head, so that signing in does not take the restore for a rollback; a copy put
//!    back by hand still is. Other machines' witnesses may name events of the replaced history
//!    that the restored chain lacks: the restored store keeps those events' chain MACs (sealed,
//!    the newest 50,000), and a witness naming one of them is moved on instead of warning.
//!
//! When the store cannot be opened or signed in to because it is damaged or missing,
//! [`restore_store`] signs the administrator in to the backup instead (the password of the
//! backup's time), without the attempt limit a store keeps (the backup's file can be attacked
//! offline anyway).

use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};

use crate::domain::{self, AuditAction, ClientRef, Role, Timestamp};

use crate::store::{
    self, AuditHead, MaintenanceLock, ReadTxn, SlotRecord, Store, StoreError, WriteTxn, meta, table,
};
use crate::vault::{self, Aad, MAC_LEN};

use super::backup::{BackupRecord, BackupStage};
use super::erase::ErasedClient;
use super::*;

/// Where a restore has got to, for the progress shown while it runs.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[non_exhaustive]
pub enum RestoreStage {
    /// Copying the backup beside the store.
    Copying,
    /// redb's check of every page of the copy.
    CheckingStorage,
    /// Opening every record of the copy the office key opens, and its audit chain.
    CheckingRecords,
    /// Waiting for the store to be free, then putting the copy in its place.
    Swapping,
}

impl RestoreStage {
    /// A few words for a progress line.
    pub fn describe(self) -> &'static str {
        match self {
            RestoreStage::Copying => "1/4 copying the backup beside the store",
            RestoreStage::CheckingStorage => "2/4 checking the backup's storage",
            RestoreStage::CheckingRecords => {
                "3/4 checking every record, seal and the audit chain of the backup"
            }
            RestoreStage::Swapping => "4/4 putting the backup in the store's place",
        }
    }
}

/// What a restore did.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Restored {
    /// When the backup was taken (for a copy made otherwise, its last event's time).
    pub taken_at: Timestamp,
    /// Where the file that was the store is kept; `None` if there was none.
    pub kept: Option<PathBuf>,
    pub clients: u64,
    pub notes: u64,
    /// Events in the restored trail, the restore's own included.
    pub events: u64,
    /// Clients erased from the store since the backup was taken, which the backup brings
    /// back: erase them again. Empty when the store could not be read.
    pub erased_since: Vec<ClientRef>,
}

/// What the store being replaced still tells: its id, erased clients and list of backups, and
/// the chain MACs of its events after the backup's last.
#[derive(Default)]
struct Replaced {
    id: Option<[u8; 16]>,
    erased: Vec<ErasedClient>,
    backups: Vec<BackupRecord>,
    lost: Vec<(u64, [u8; MAC_LEN])>,
}

/// The most lost events a restore remembers (the newest): a machine whose witness saw an older
/// one warns.
const LOST_KEPT: usize = 50_000;

/// A history a restore replaced, as the restored store keeps it: the restore's event and the
/// chain MACs of the replaced store's events that the restored chain does not hold. A machine
/// whose witness names one of them saw the replaced history, not a rollback.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub(super) struct ReplacedHistory {
    pub event: u64,
    pub lost: Vec<(u64, [u8; MAC_LEN])>,
}

fn restored_aad() -> Aad<'static> {
    Aad {
        table: table::META,
        id: meta::RESTORED.as_bytes(),
    }
}

/// A checked copy of the backup, with its restore event, ready to take the store's place.
struct Prepared {
    scratch: PathBuf,
    restored: Restored,
    witness: Option<(PathBuf, String)>,
}

/// `confirm` must be the store file's name.
fn check_confirm(path: &Path, confirm: &str) -> Result<()> {
    let name = path
        .file_name()
        .and_then(|n| n.to_str())
        .ok_or_else(|| SessionError::Invalid(format!("{} names no file", path.display())))?;
    if confirm.trim() != name {
        return Err(SessionError::Invalid(format!(
            "to replace the store with the backup, type the store file's name {name} to confirm (--confirm {name})"
        )));
    }
    Ok(())
}

/// Refuses a backup path that is missing, not a file, or the store itself.
fn check_source(from: &Path, path: &Path) -> Result<()> {
    if !from.is_file() {
        return Err(SessionError::Invalid(format!(
            "no backup file at {}",
            from.display()
        )));
    }
    let same = match (std::fs::canonicalize(from), std::fs::canonicalize(path)) {
        (Ok(a), Ok(b)) => a == b,
        _ => false,
    };
    if same {
        return Err(SessionError::Invalid(
            "that is the store itself, not a backup of it".into(),
        ));
    }
    Ok(())
}

/// The backup's bytes, as they are, in a new owner-only file at `scratch`.
fn copy_raw(from: &Path, scratch: &Path) -> Result<()> {
    let io = |e: std::io::Error| {
        SessionError::Invalid(format!("cannot read the backup {}: {e}", from.display()))
    };
    let mut src = std::fs::File::open(from).map_err(io)?;
    let mut dst = store::private_file(scratch)?;
    let copied = std::io::copy(&mut src, &mut dst).and_then(|_| dst.sync_all());
    copied.map_err(|e| StoreError::Io(e.to_string()).into())
}

/// The name the replaced store is kept under, beside it: `NAME.before-restore-YYYYMMDD-HHMMSS`
/// (UTC; `-2`, `-3`… if taken).
fn kept_name(path: &Path) -> PathBuf {
    let name = path
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    let stamp = jiff::Timestamp::now().strftime("%Y%m%d-%H%M%S").to_string();
    let mut n = 1;
    loop {
        let candidate = match n {
            1 => format!("{name}.before-restore-{stamp}"),
            n => format!("{name}.before-restore-{stamp}-{n}"),
        };
        let p = path.with_file_name(candidate);
        if p.symlink_metadata().is_err() {
            return p;
        }
        n += 1;
    }
}

/// Refuses the backup, naming it and why, in one line.
fn refused(from: &Path, why: impl std::fmt::Display) -> SessionError {
    SessionError::Invalid(format!(
        "the backup {} cannot be restored: {why}; the store was not changed",
        from.display()
    ))
}

/// A copy of the backup beside the store whose storage passed its check.
struct Staged {
    scratch: PathBuf,
    id: [u8; 16],
}

/// Copies the backup at `from` beside the store at `path` and checks the copy's storage
/// (step 1 of the module's notes); the copy is removed if it fails.
fn stage(path: &Path, from: &Path, progress: &mut impl FnMut(RestoreStage)) -> Result<Staged> {
    check_source(from, path)?;
    if let Some(dir) = path.parent().filter(|d| !d.as_os_str().is_empty())
        && !dir.is_dir()
    {
        return Err(SessionError::Invalid(format!(
            "the store's folder {} does not exist",
            dir.display()
        )));
    }
    let scratch = store::scratch_beside(path, "restoring")?;
    progress(RestoreStage::Copying);
    let staged = copy_raw(from, &scratch).and_then(|()| {
        progress(RestoreStage::CheckingStorage);
        backup::check_storage(&scratch).map_err(|why| refused(from, why))
    });
    match staged {
        Ok(id) => Ok(Staged { scratch, id }),
        Err(e) => {
            let _ = std::fs::remove_file(&scratch);
            Err(e)
        }
    }
}

impl Staged {
    /// Removes the copy (the restore did not go ahead).
    fn discard(&self) {
        let _ = std::fs::remove_file(&self.scratch);
    }
}

/// The file a restore puts a backup in place of. A PostgreSQL store has none: it is restored
/// with the server's own tools, or a backup file is copied into an empty database with
/// `casenotes migrate`.
pub fn restored_file(at: &Location) -> Result<std::path::PathBuf> {
    at.file().map(Path::to_path_buf).ok_or_else(|| {
        SessionError::Invalid(
            "a restore replaces a store file; a store on PostgreSQL is restored with the server's own tools (pg_restore), or a backup is copied into an empty database with `casenotes migrate --from BACKUP --to postgres://…`".into(),
        )
    })
}

impl Session {
    /// Replaces this store with the backup at `from` (see the module's notes), after the
    /// administrator typed the store file's name (`confirm`). Consumes the session: the store
    /// must be open nowhere else, this process included, when the backup takes its place.
    /// `progress` hears each stage. The backup is refused, with the store unchanged, if it fails
    /// its check, is of another store, or does not hold the caller as an active administrator.
    /// Administrators only; logged in the restored store's trail.
    pub fn restore(
        self,
        from: &Path,
        confirm: &str,
        mut progress: impl FnMut(RestoreStage),
    ) -> Result<Restored> {
        self.may(Operation::Restore)?;
        let path = restored_file(&self.store.location())?;
        check_confirm(&path, confirm)?;
        let staged = stage(&path, from, &mut progress)?;
        self.restore_staged(staged, from, progress)
    }

    /// Steps 2 to 4 of the module's notes, for a copy whose storage passed its check.
    fn restore_staged(
        self,
        staged: Staged,
        from: &Path,
        mut progress: impl FnMut(RestoreStage),
    ) -> Result<Restored> {
        let path = restored_file(&self.store.location())?;
        let prepared = self.store.read().map_err(SessionError::from).and_then(|r| {
            // The events the backup does not hold: after its last.
            let last = Store::open(&staged.scratch)?
                .read()?
                .audit_last()?
                .map_or(0, |row| row.seq);
            let mut lost: Vec<(u64, [u8; MAC_LEN])> = r
                .audit_from(last.saturating_add(1))?
                .into_iter()
                .map(|row| (row.seq, row.mac))
                .collect();
            lost.drain(..lost.len().saturating_sub(LOST_KEPT));
            let replaced = Replaced {
                id: Some(r.store_id()?),
                erased: self.erased_list(&r).unwrap_or_default(),
                backups: self
                    .backup_list(&r.meta_get(meta::BACKUPS)?)
                    .unwrap_or_default(),
                lost,
            };
            drop(r);
            self.prepare_restore(&staged, from, replaced, &mut progress)
        });
        let prepared = match prepared {
            Ok(p) => p,
            Err(e) => {
                staged.discard();
                return Err(e);
            }
        };
        drop(self);
        swap(prepared, &path, &mut progress)
    }

    /// Checks the copy with this session's keys and appends the restore event.
    fn prepare_restore(
        &self,
        staged: &Staged,
        from: &Path,
        replaced: Replaced,
        progress: &mut impl FnMut(RestoreStage),
    ) -> Result<Prepared> {
        if replaced.id.is_some_and(|id| id != staged.id) {
            return Err(refused(from, "it is a backup of another store"));
        }
        let scratch = staged.scratch.as_path();
        let mut stage = |s: BackupStage| {
            if s == BackupStage::CheckingRecords {
                progress(RestoreStage::CheckingRecords)
            }
        };
        let (report, _) = self
            .check_copy(scratch, &mut stage)
            .map_err(|e| refused(from, e))?;
        if let Some(p) = report.problems.first() {
            return Err(refused(from, p));
        }
        let copy = Store::open(scratch).map_err(|e| refused(from, e))?;
        let copy = match self.store.state_dir() {
            Some(d) => copy.with_state_dir(d.to_path_buf()),
            None => copy,
        };
        let r = copy.read()?;
        // The caller must be able to sign in to what is restored.
        let roster = membership::load_roster(&self.master, &r)?;
        match roster.member(&self.user.id) {
            Ok(m) if m.role == Role::Admin && !m.disabled => {}
            _ => {
                return Err(refused(
                    from,
                    format!(
                        "{} is not an active administrator in it (it was taken before the account was made or given that role); an administrator of that time must restore it",
                        self.user.name
                    ),
                ));
            }
        }
        let taken_at = match self.backup_taken_at(&r).ok().flatten() {
            Some(t) => t,
            None => self
                .audit_chain(&r)?
                .events
                .values()
                .last()
                .map_or(0, |e| e.at),
        };
        let held: std::collections::BTreeSet<u64> =
            r.client_refs()?.into_iter().map(|c| c.0).collect();
        let erased_since = replaced
            .erased
            .iter()
            .map(|e| e.reference)
            .filter(|c| held.contains(&c.0))
            .collect();
        let (clients, notes) = (r.count_clients()?, r.count_notes()?);
        drop(r);

        let mut w = copy.write()?;
        w.meta_remove(meta::BACKUP_TAKEN)?;
        self.merge_backup_list(&mut w, replaced.backups)?;
        let event = self.event(AuditAction::StoreRestored { taken_at }, None, None);
        let restore_seq = self.next_event_seq(&w)?;
        self.record_replaced(&mut w, restore_seq, replaced.lost)?;
        let head: AuditHead = self.append_audit(&mut w, vec![event])?;
        w.commit()?;
        let witness = self.witness_entry(&copy.read()?, &head)?;
        drop(copy);
        Ok(Prepared {
            scratch: staged.scratch.clone(),
            restored: Restored {
                taken_at,
                kept: None,
                clients,
                notes,
                events: head.seq,
                erased_since,
            },
            witness,
        })
    }
}

impl Session {
    /// The histories restores replaced, as the store `r` records them (none if the record does
    /// not open).
    pub(super) fn replaced_histories(&self, r: &ReadTxn) -> Vec<ReplacedHistory> {
        r.meta_get(meta::RESTORED)
            .ok()
            .flatten()
            .and_then(|sealed| vault::open_record(&self.master, restored_aad(), &sealed).ok())
            .unwrap_or_default()
    }

    /// Adds the history replaced by the restore whose event is `event` to the list `w` holds.
    fn record_replaced(
        &self,
        w: &mut WriteTxn,
        event: u64,
        lost: Vec<(u64, [u8; MAC_LEN])>,
    ) -> Result<()> {
        let mut list: Vec<ReplacedHistory> = match w.meta_get(meta::RESTORED)? {
            None => Vec::new(),
            Some(sealed) => vault::open_record(&self.master, restored_aad(), &sealed)?,
        };
        if lost.is_empty() {
            return Ok(());
        }
        list.push(ReplacedHistory { event, lost });
        // The newest restores' lost events, within the same bound.
        let mut kept = 0;
        list.reverse();
        list.retain(|h| {
            kept += h.lost.len();
            kept <= LOST_KEPT
        });
        list.reverse();
        w.meta_put(
            meta::RESTORED,
            &vault::seal_record(&self.master, restored_aad(), &list)?,
        )?;
        Ok(())
    }
}

/// Puts the prepared copy in the store's place (step 3 and 4 of the module's notes). The copy
/// is removed if it cannot be.
fn swap(
    prepared: Prepared,
    path: &Path,
    progress: &mut impl FnMut(RestoreStage),
) -> Result<Restored> {
    progress(RestoreStage::Swapping);
    let Prepared {
        scratch,
        mut restored,
        witness,
    } = prepared;
    let swapped = (|| -> Result<Option<PathBuf>> {
        let _lock = MaintenanceLock::take_for_restore(path)?;
        let _held = store::hold_unshared(path)?;
        let had = path.symlink_metadata().is_ok();
        let keep = kept_name(path);
        store::swap_in(&scratch, path, &keep)?;
        if let Some((at, text)) = &witness {
            // Best effort, as every witness write: it guards, it does not stand in the way.
            let _ = witness::record(at, text);
        }
        Ok(had.then_some(keep))
    })();
    match swapped {
        Ok(kept) => {
            restored.kept = kept;
            Ok(restored)
        }
        Err(e) => {
            let _ = std::fs::remove_file(&scratch);
            Err(e)
        }
    }
}

/// Whether an error opening or signing in to a store means the store itself is damaged or
/// missing (and a restore should sign in to the backup instead).
fn store_unusable(e: &SessionError) -> bool {
    matches!(
        e,
        SessionError::Store(
            StoreError::Corrupt
                | StoreError::NotAStore(_)
                | StoreError::NotFound(_)
                | StoreError::Inconsistent(_)
        ) | SessionError::AuditBroken(_)
    )
}

/// Restores the store at `path` from the backup at `from`, signing `user` in with `credentials`:
/// to the store, as for every command, once the backup's storage has passed its check; and if
/// the store is damaged or missing, to the backup (see the module's notes). `confirm` is the
/// store file's name, typed again. `state_dir`: where this machine's witnesses are kept, if not
/// the default. Administrators only.
pub fn restore_store(
    path: &Path,
    state_dir: Option<&Path>,
    from: &Path,
    user: &str,
    credentials: &Credentials<'_>,
    confirm: &str,
    mut progress: impl FnMut(RestoreStage),
) -> Result<Restored> {
    check_confirm(path, confirm)?;
    let staged = stage(path, from, &mut progress)?;
    // Read, not signed in to: a backup of another store is refused before the store is touched
    // (when others have it open, after the sign-in).
    let current = store::peek_store_id(path);
    if current
        .as_ref()
        .is_ok_and(|id| id.is_some_and(|id| id != staged.id))
    {
        staged.discard();
        return Err(refused(from, "it is a backup of another store"));
    }
    let signed_in = StoreHandle::open(path).and_then(|h| {
        let h = match state_dir {
            Some(d) => h.with_state_dir(d),
            None => h,
        };
        sign_in_with(h.for_check(), user, credentials)
    });
    let session = match signed_in {
        Ok(s) => s,
        Err(e) if store_unusable(&e) || current.is_err() => {
            return restore_unusable(path, staged, state_dir, from, user, credentials, progress);
        }
        Err(e) => {
            staged.discard();
            return Err(e);
        }
    };
    if let Err(e) = session.may(Operation::Restore) {
        staged.discard();
        return Err(e);
    }
    session.restore_staged(staged, from, progress)
}

/// The restore of a store that cannot be opened or signed in to: the administrator signs in to
/// the copy of the backup, writing nothing to it.
fn restore_unusable(
    target: &Path,
    staged: Staged,
    state_dir: Option<&Path>,
    from: &Path,
    user: &str,
    credentials: &Credentials<'_>,
    mut progress: impl FnMut(RestoreStage),
) -> Result<Restored> {
    let prepared = (|| {
        let copy = Store::open(&staged.scratch).map_err(|e| refused(from, e))?;
        let copy = match state_dir {
            Some(d) => copy.with_state_dir(d.to_path_buf()),
            None => copy,
        };
        let session = sign_in_to_copy(copy, user, credentials)?;
        session.may(Operation::Restore)?;
        session.prepare_restore(&staged, from, Replaced::default(), &mut progress)
    })();
    let prepared = match prepared {
        Ok(p) => p,
        Err(e) => {
            staged.discard();
            return Err(e);
        }
    };
    swap(prepared, target, &mut progress)
}

/// Opens `user`'s account in a copy of a backup with the password and key file of
/// `credentials`, writing nothing to it (so a one-time code, which a sign-in records as used, is
/// not asked for: the account's password and key file are what open the keys).
fn sign_in_to_copy(copy: Store, user: &str, credentials: &Credentials<'_>) -> Result<Session> {
    let name = domain::validate_username(user).map_err(|_| SessionError::BadCredentials)?;
    let (lookup, slot): ([u8; 16], Option<SlotRecord>) = {
        let r = copy.read()?;
        let lookup = vault::name_lookup_id(&r.name_salt()?, &name)?;
        (lookup, r.slot_get(&lookup)?)
    };
    let slot = slot.ok_or(SessionError::BadCredentials)?;
    auth::check_slot_shape(&slot)?;
    let key_file = credentials.key_file.and_then(factors::read_key_file);
    auth::open_account(
        &copy,
        &lookup,
        &slot,
        &name,
        credentials.password,
        key_file.as_ref(),
    )
}
