//! Drafts: a note in progress, sealed and kept for its author alone.

use crate::domain::{self};
use crate::store::table;
use crate::vault::{self, Aad};

use super::*;

impl Session {
    pub(super) fn draft_aad(&self) -> Aad<'_> {
        Aad {
            table: table::DRAFTS,
            id: &self.user.id.0,
        }
    }

    /// Seals and keeps the caller's note in progress (replacing any earlier one). Not logged:
    /// it is the caller's own unfinished work, readable only by them.
    pub fn save_draft(&self, draft: &domain::Draft) -> Result<()> {
        let sealed = vault::seal_record(&self.master, self.draft_aad(), draft)?;
        let mut w = self.store.write()?;
        w.draft_put(&self.user.id, &sealed)?;
        w.commit()?;
        Ok(())
    }

    /// The caller's own kept draft, if any.
    pub fn draft(&self) -> Result<Option<domain::Draft>> {
        match self.store.read()?.draft_get(&self.user.id)? {
            None => Ok(None),
            Some(sealed) => Ok(Some(vault::open_record(
                &self.master,
                self.draft_aad(),
                &sealed,
            )?)),
        }
    }

    /// Throws the caller's draft away.
    pub fn discard_draft(&self) -> Result<()> {
        let mut w = self.store.write()?;
        w.draft_remove(&self.user.id)?;
        w.commit()?;
        Ok(())
    }
}
