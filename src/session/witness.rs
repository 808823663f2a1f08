//! This machine's witness of a store's history: the newest head of the audit chain it has seen,
//! kept outside the store, so that a store replaced by an older copy of itself (a restored or
//! rolled-back file, whose chain verifies on its own) shows as older than what was seen here.
//!
//! One small file per store, per machine and OS user, in the state directory
//! (`CASENOTES_STATE_DIR`, else the platform state directory, else the local data directory),
//! under `witness/`, named by a keyed hash of the store's random id; it never names the store's
//! path or its users. Its text:
//!
//! ```text
//! casenotes witness 1
//! seq 812
//! head <64 hex digits: a keyed digest of that event's chain MAC>
//! seen 2026-11-20
//! ```
//!
//! Written after each commit that moves the head forward (write to a temporary file, then
//! rename; owner-only). At sign-in the store's head is compared with it: a lower head, or an
//! event at the witnessed number whose MAC differs, is reported by
//! [`Session::rollback_warning`] and fails `audit verify` and `check`. While a session has seen
//! such a difference it leaves the witness as it was. A witness that names an event of a
//! history a restore replaced (see `restore`) is moved to the head instead: the machine saw the
//! store before it was restored.

use std::io::Write;
use std::path::{Path, PathBuf};
use std::sync::{Mutex, MutexGuard};

use crate::store::{self, AuditHead, ReadTxn, StoreError, meta};
use crate::vault::{self, MAC_LEN};

use super::*;

/// Overrides where witnesses are kept.
pub const STATE_DIR_ENV: &str = "CASENOTES_STATE_DIR";
const MAGIC: &str = "casenotes witness 1";
const NAME_LABEL: &[u8] = b"casenotes witness name v1\0";
const HEAD_LABEL: &[u8] = b"casenotes witness head v1\0";
/// A witness file is a few lines; anything larger is not one.
const MAX_LEN: u64 = 1024;

/// What a session knows of its store's history as seen on this machine.
#[derive(Default)]
pub(super) struct Watch(Mutex<WatchState>);

#[derive(Default)]
struct WatchState {
    /// The witness file, once the sign-in comparison has run: from then on commits keep it
    /// current.
    path: Option<PathBuf>,
    /// The difference found at sign-in, if any.
    warning: Option<String>,
    /// The highest head this session knows the witness holds.
    recorded: u64,
}

impl Watch {
    fn state(&self) -> MutexGuard<'_, WatchState> {
        self.0.lock().unwrap_or_else(|p| p.into_inner())
    }
}

/// A witness file's content.
#[derive(Debug, Clone, PartialEq, Eq)]
struct Witness {
    seq: u64,
    digest: [u8; MAC_LEN],
    /// `YYYY-MM-DD`, UTC.
    seen: String,
}

impl Witness {
    fn render(&self) -> String {
        format!(
            "{MAGIC}\nseq {}\nhead {}\nseen {}\n",
            self.seq,
            hex(&self.digest),
            self.seen
        )
    }

    /// Reads a witness; anything else (a damaged or foreign file) is none.
    fn parse(text: &str) -> Option<Witness> {
        let mut lines = text.lines();
        if lines.next()? != MAGIC {
            return None;
        }
        let mut field = |name: &str| {
            lines
                .next()
                .and_then(|l| l.strip_prefix(name))
                .and_then(|l| l.strip_prefix(' '))
        };
        let seq = field("seq")?.parse().ok()?;
        let digest = unhex(field("head")?)?;
        let seen = field("seen")?;
        // Checked, since it is shown to the user.
        seen.parse::<jiff::civil::Date>().ok()?;
        Some(Witness {
            seq,
            digest,
            seen: seen.to_string(),
        })
    }
}

fn hex(bytes: &[u8]) -> String {
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}

fn unhex(s: &str) -> Option<[u8; MAC_LEN]> {
    if s.len() != 2 * MAC_LEN || !s.is_ascii() {
        return None;
    }
    let mut out = [0u8; MAC_LEN];
    for (i, o) in out.iter_mut().enumerate() {
        *o = u8::from_str_radix(s.get(2 * i..2 * i + 2)?, 16).ok()?;
    }
    Some(out)
}

fn today() -> String {
    jiff::Timestamp::now().strftime("%Y-%m-%d").to_string()
}

/// Where witnesses are kept when the store names no place: `CASENOTES_STATE_DIR`, else the
/// platform state directory, else the local data directory.
fn default_state_dir() -> Option<PathBuf> {
    if let Some(d) = std::env::var_os(STATE_DIR_ENV).filter(|d| !d.is_empty()) {
        return Some(PathBuf::from(d));
    }
    let dirs = directories::ProjectDirs::from("org", "casenotes", "casenotes")?;
    Some(
        dirs.state_dir()
            .unwrap_or_else(|| dirs.data_local_dir())
            .to_path_buf(),
    )
}

fn read_witness(path: &Path) -> Option<Witness> {
    let meta = std::fs::metadata(path).ok()?;
    if !meta.is_file() || meta.len() > MAX_LEN {
        return None;
    }
    Witness::parse(&std::fs::read_to_string(path).ok()?)
}

/// Replaces the file at `path` with `text` in one step: a new owner-only file beside it, then
/// a rename.
fn write_atomic(path: &Path, text: &str) -> Result<(), StoreError> {
    let dir = path.parent().ok_or(StoreError::Corrupt)?;
    if !dir.is_dir() {
        store::private_dir(dir)?;
    }
    let tag: [u8; 8] = vault::random_bytes()?;
    let tmp = dir.join(format!(".tmp-{}", hex(&tag)));
    let written = store::private_file(&tmp).and_then(|mut f| {
        f.write_all(text.as_bytes())
            .map_err(|e| StoreError::Io(e.to_string()))
    });
    let renamed = written
        .and_then(|()| std::fs::rename(&tmp, path).map_err(|e| StoreError::Io(e.to_string())));
    if renamed.is_err() {
        let _ = std::fs::remove_file(&tmp);
    }
    renamed
}

/// Writes a witness made by [`Session::witness_entry`] (a restore moves the witness to the
/// restored store's head).
pub(super) fn record(path: &Path, text: &str) -> Result<()> {
    write_atomic(path, text)?;
    Ok(())
}

impl StoreHandle {
    /// Keeps this machine's witness of the store in `dir` instead of the default place.
    pub fn with_state_dir(self, dir: impl Into<PathBuf>) -> StoreHandle {
        StoreHandle(self.0.with_state_dir(dir.into()))
    }
}

impl Session {
    /// Set when the store is older than, or differs from, the one this machine saw last (a
    /// restored copy or a rollback): one line for the face to show as a warning.
    pub fn rollback_warning(&self) -> Option<String> {
        self.watch.state().warning.clone()
    }

    /// A keyed digest under the audit key (domain-separated from the chain's MACs by a label
    /// and a sequence number the chain never uses), so that the witness tells nobody without
    /// the key which store it belongs to.
    fn witness_digest(&self, label: &[u8], data: &[u8]) -> Result<[u8; MAC_LEN]> {
        let input = [label, data].concat();
        Ok(vault::chain_mac(
            &self.audit_key,
            &[0u8; MAC_LEN],
            0,
            &input,
        )?)
    }

    fn witness_path(&self, r: &ReadTxn) -> Result<Option<PathBuf>> {
        let dir = match self.store.state_dir() {
            Some(d) => d.to_path_buf(),
            None => match default_state_dir() {
                Some(d) => d,
                None => return Ok(None),
            },
        };
        let name = self.witness_digest(NAME_LABEL, &r.store_id()?)?;
        Ok(Some(dir.join("witness").join(hex(&name[..16]))))
    }

    fn head(&self, r: &ReadTxn) -> Result<Option<AuditHead>> {
        match r.meta_get(meta::AUDIT_HEAD)? {
            None => Ok(None),
            Some(sealed) => Ok(Some(vault::open_record(&self.master, head_aad(), &sealed)?)),
        }
    }

    /// The witness this machine keeps for the store whose snapshot is `r`, as it would read
    /// with `head` as the newest head seen: its file and its text. `None` where this machine
    /// keeps no witnesses.
    pub(super) fn witness_entry(
        &self,
        r: &ReadTxn,
        head: &AuditHead,
    ) -> Result<Option<(PathBuf, String)>> {
        match self.witness_path(r)? {
            None => Ok(None),
            Some(p) => Ok(Some((p, self.witness_of(head)?.render()))),
        }
    }

    fn witness_of(&self, head: &AuditHead) -> Result<Witness> {
        Ok(Witness {
            seq: head.seq,
            digest: self.witness_digest(HEAD_LABEL, &head.mac)?,
            seen: today(),
        })
    }

    /// At sign-in: compares the store's head with this machine's witness, keeps any
    /// difference as the session's warning, and starts keeping the witness current. A witness
    /// that cannot be read or written is skipped: it guards against rollback, it does not
    /// stand in the way of work.
    pub(super) fn check_witness(&self) {
        let mut st = self.watch.state();
        *st = WatchState::default();
        let Ok(Some(path)) = self
            .store
            .read()
            .map_err(SessionError::from)
            .and_then(|r| self.witness_path(&r))
        else {
            return;
        };
        // The witness is read before the snapshot it is compared with begins: another process
        // moves it on only after its commit, which a snapshot begun later holds. (Read after,
        // it could name a commit the snapshot does not hold yet.)
        let seen = read_witness(&path);
        let r = match self.store.read() {
            Ok(r) => r,
            Err(_) => return,
        };
        let Ok(Some(head)) = self.head(&r) else {
            return;
        };
        match self.compare_witness(&r, &path, seen, &head) {
            Ok((warning, recorded)) => {
                st.warning = warning;
                st.recorded = recorded;
            }
            Err(_) => st.recorded = head.seq,
        }
        st.path = Some(path);
    }

    /// The warning, if any, and the head the witness holds afterwards.
    fn compare_witness(
        &self,
        r: &ReadTxn,
        path: &Path,
        seen: Option<Witness>,
        head: &AuditHead,
    ) -> Result<(Option<String>, u64)> {
        let Some(seen) = seen else {
            write_atomic(path, &self.witness_of(head)?.render())?;
            return Ok((None, head.seq));
        };
        let restored = |s: &Self| -> Result<Option<(Option<String>, u64)>> {
            if s.replaced_by_restore(r, &seen, head.seq) {
                write_atomic(path, &s.witness_of(head)?.render())?;
                return Ok(Some((None, head.seq)));
            }
            Ok(None)
        };
        if seen.seq > head.seq {
            if let Some(accepted) = restored(self)? {
                return Ok(accepted);
            }
            return Ok((
                Some(format!(
                    "this store is older than the one seen on this machine on {} (event {} then, {} now): it may have been restored from an older copy or rolled back",
                    seen.seen, seen.seq, head.seq
                )),
                seen.seq,
            ));
        }
        // The event the witness names must be the one seen then.
        let mac = if seen.seq == head.seq {
            Some(head.mac)
        } else {
            r.audit_get(seen.seq)?.map(|row| row.mac)
        };
        let same = match mac {
            Some(mac) => vault::mac_eq(&self.witness_digest(HEAD_LABEL, &mac)?, &seen.digest),
            None => false,
        };
        if !same {
            if let Some(accepted) = restored(self)? {
                return Ok(accepted);
            }
            return Ok((
                Some(format!(
                    "this store's history differs from the one seen on this machine on {} (event {}): it may have been restored from an older copy or rolled back",
                    seen.seen, seen.seq
                )),
                seen.seq,
            ));
        }
        if head.seq > seen.seq {
            write_atomic(path, &self.witness_of(head)?.render())?;
        }
        Ok((None, head.seq))
    }

    /// Whether the witness `seen` names an event of a history that a restore recorded in `r`
    /// (one whose event the chain up to `head_seq` holds) replaced: the machine saw the store
    /// before the restore, not a newer store than this one.
    fn replaced_by_restore(&self, r: &ReadTxn, seen: &Witness, head_seq: u64) -> bool {
        self.replaced_histories(r)
            .iter()
            .filter(|h| h.event <= head_seq)
            .flat_map(|h| h.lost.iter())
            .filter(|(seq, _)| *seq == seen.seq)
            .any(|(_, mac)| {
                self.witness_digest(HEAD_LABEL, mac)
                    .is_ok_and(|d| vault::mac_eq(&d, &seen.digest))
            })
    }

    /// After a commit that made `head` the end of the chain: moves the witness forward if the
    /// head grew. Failing to is not an error of the commit, which is durable already.
    pub(super) fn after_commit(&self, head: &AuditHead) {
        let _ = self.advance_witness(head);
    }

    fn advance_witness(&self, head: &AuditHead) -> Result<()> {
        let mut st = self.watch.state();
        if st.warning.is_some() || head.seq <= st.recorded {
            return Ok(());
        }
        let Some(path) = st.path.clone() else {
            return Ok(());
        };
        // Another process on this machine may have moved it further already.
        if let Some(seen) = read_witness(&path)
            && seen.seq >= head.seq
        {
            st.recorded = seen.seq;
            return Ok(());
        }
        write_atomic(&path, &self.witness_of(head)?.render())?;
        st.recorded = head.seq;
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn witness_text_round_trips_and_rejects_other_text() {
        let w = Witness {
            seq: 812,
            digest: [0xab; MAC_LEN],
            seen: "2026-11-20".into(),
        };
        let text = w.render();
        assert_eq!(Witness::parse(&text), Some(w));
        assert!(text.lines().count() == 4, "{text}");
        for bad in [
            "",
            "casenotes witness 2\nseq 1\nhead 00\nseen 2026-01-01\n",
            &text.replace("seq 812", "seq -1"),
            &text.replace("2026-11-20", "anything at all"),
            &text.replace(&"ab".repeat(MAC_LEN), "zz"),
        ] {
            assert_eq!(Witness::parse(bad), None, "{bad}");
        }
    }
}
