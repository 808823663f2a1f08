//! Erasure: a supervisor destroys a closed client's records once the retention period has
//! ended.
//!
//! In one transaction the client's data keys and every record of the client are deleted (its
//! record, notes and their changes, actions, consents, disclosures, assignment, everyone's
//! drafts about it), the store's counts go down, the reference joins the sealed list of erased
//! clients, and a `client-erased` event naming only the reference is appended. Reasons stated
//! about the client were sealed under its data keys (see `keys::stored_event`) and become
//! unreadable with them; the chain still verifies, since its MACs cover the sealed bytes.
//! Then the file is rewritten (`store::compact_file`): its free pages overwritten and cut off,
//! so that nothing of the client is left in any byte of it. Meanwhile other users of the store
//! are told it is busy. The backups taken before the erasure still hold the client: the
//! erasure names those the store took whose files are still in place (see `backup`).

use serde::{Deserialize, Serialize};

use crate::domain::{AuditAction, ClientRef, ClientStatus, Date};
use crate::store::{CompactProgress, Counts, ReadTxn, meta, table};
use crate::vault::{self, Aad};

use super::*;

/// Where an erasure has got to, for the progress shown while it runs.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ErasureStage {
    /// Deleting the client's keys and records.
    Deleting,
    /// Waiting for others to finish reading before the file is rewritten.
    Waiting,
    /// Overwriting the file's free pages.
    Wiping,
    /// Compacting the file.
    Compacting,
    Done,
}

impl ErasureStage {
    /// A few words for a progress line, with the step's number out of three.
    pub fn describe(self) -> &'static str {
        match self {
            ErasureStage::Deleting => "1/3 deleting the client's keys and records",
            ErasureStage::Wiping => "2/3 overwriting the file's free space",
            ErasureStage::Compacting => "3/3 rewriting the store",
            ErasureStage::Waiting => "3/3 compacting: waiting for others to finish reading",
            ErasureStage::Done => "done",
        }
    }
}

/// What an erasure did.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Erasure {
    pub reference: ClientRef,
    /// False when the client had been erased before and only the file was rewritten again.
    pub erased_now: bool,
    pub notes: u64,
    /// Rows deleted, of every table.
    pub rows: u64,
    /// The file's size before and after, in bytes.
    pub size_before: u64,
    pub size_after: u64,
    /// The backups this store took, still in place, that hold the client (taken before the
    /// erasure): it remains in them until they are deleted.
    pub in_backups: Vec<BackupFile>,
}

/// An erased client as the sealed list keeps it: its reference and the numbers its notes had,
/// so that the integrity checks do not report them missing.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub(super) struct ErasedClient {
    pub reference: ClientRef,
    pub notes: Vec<u64>,
}

fn erased_aad() -> Aad<'static> {
    Aad {
        table: table::META,
        id: meta::ERASED.as_bytes(),
    }
}

impl Session {
    /// Erases client `r`, which must be closed and past its retention date (`today`), after the
    /// supervisor typed its reference (`confirm`) again. `progress` hears each stage. If the
    /// client was erased already, the file is rewritten again (for an erasure whose rewrite
    /// could not finish) and nothing else happens. Supervisors only.
    ///
    /// The deletion is committed before the rewrite starts; if the rewrite fails (others kept
    /// reading for too long), the error says so and running the erasure again finishes it.
    pub fn erase_client(
        &self,
        r: ClientRef,
        confirm: &str,
        today: Date,
        mut progress: impl FnMut(ErasureStage),
    ) -> Result<Erasure> {
        self.may(Operation::EraseClients)?;
        if confirm.trim() != r.to_string() {
            return Err(SessionError::Invalid(format!(
                "to erase {r}, type its reference {r} to confirm"
            )));
        }
        let size_before = self.store.file_size()?;
        let erased_before = {
            let rd = self.store.read()?;
            self.erased_list(&rd)?.iter().any(|e| e.reference == r)
        };
        let mut done = Erasure {
            reference: r,
            erased_now: !erased_before,
            notes: 0,
            rows: 0,
            size_before,
            size_after: size_before,
            in_backups: Vec::new(),
        };
        if !erased_before {
            progress(ErasureStage::Deleting);
            let (notes, rows) = self.erase_records(r, today)?;
            done.notes = notes;
            done.rows = rows;
        }
        self.rewrite_file(&mut progress).map_err(|e| {
            SessionError::Invalid(format!(
                "{r}'s records are deleted, but the file could not be rewritten yet ({e}); run the erasure again to finish it"
            ))
        })?;
        done.size_after = self.store.file_size()?;
        done.in_backups = self.backups_holding_in(&self.store.read()?, r)?;
        progress(ErasureStage::Done);
        Ok(done)
    }

    /// Deletes client `r`'s keys and records with the `client-erased` event, in one transaction.
    /// Returns the notes and rows deleted.
    fn erase_records(&self, r: ClientRef, today: Date) -> Result<(u64, u64)> {
        let mut w = self.begin()?;
        let (_, client) = self.open_client_in(&w, r)?;
        if client.status != ClientStatus::Closed {
            return Err(SessionError::Invalid(format!(
                "{r} is open: close it first (`casenotes client close --client {r}`); its records are kept until its retention date"
            )));
        }
        let years = self.policy().retention_years;
        if let Some(until) = client
            .closed_at
            .map(|at| retention::retain_until(at, years))
            && until >= today
        {
            return Err(SessionError::Invalid(format!(
                "{r} is kept until {until} (closed plus the retention period); it can be erased after that"
            )));
        }
        drop(client);
        let rows = w.erase_client_rows(r)?;
        self.reduce_counts(
            &mut w,
            Counts {
                clients: 1,
                notes: rows.notes.len() as u64,
                actions: rows.actions,
            },
        )?;
        let mut list = {
            let sealed = w.meta_get(meta::ERASED)?;
            self.open_erased(sealed)?
        };
        list.push(ErasedClient {
            reference: r,
            notes: rows.notes.clone(),
        });
        w.meta_put(
            meta::ERASED,
            &vault::seal_record(&self.master, erased_aad(), &list)?,
        )?;
        let event = self.event(AuditAction::ClientErased, Some(r), None);
        self.commit_with(w, vec![event])?;
        Ok((rows.notes.len() as u64, rows.rows))
    }

    fn rewrite_file(&self, progress: &mut impl FnMut(ErasureStage)) -> Result<()> {
        self.store.compact_shared(|stage| {
            progress(match stage {
                CompactProgress::Waiting { .. } => ErasureStage::Waiting,
                CompactProgress::Wiping => ErasureStage::Wiping,
                _ => ErasureStage::Compacting,
            })
        })?;
        Ok(())
    }

    fn open_erased(&self, sealed: Option<Vec<u8>>) -> Result<Vec<ErasedClient>> {
        match sealed {
            None => Ok(Vec::new()),
            Some(s) => Ok(vault::open_record(&self.master, erased_aad(), &s)?),
        }
    }

    /// The clients erased so far, from the sealed list.
    pub(super) fn erased_list(&self, r: &ReadTxn) -> Result<Vec<ErasedClient>> {
        self.open_erased(r.meta_get(meta::ERASED)?)
    }
}
