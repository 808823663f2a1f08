//! Drafts: a note in progress, sealed under the case keys and kept for its author alone.

use crate::domain::{self};

use super::*;

impl Session {
    /// Seals and keeps the caller's note in progress (replacing any earlier one). Not logged:
    /// it is the caller's own unfinished work, readable only by them. Needs the case keys.
    pub fn save_draft(&self, draft: &domain::Draft) -> Result<()> {
        let mut w = self.begin()?;
        let sealed = self.seal_draft(draft)?;
        w.draft_put(&self.user.id, &sealed)?;
        w.commit()?;
        Ok(())
    }

    /// The caller's own kept draft, if any.
    pub fn draft(&self) -> Result<Option<domain::Draft>> {
        let r = self.store.read()?;
        self.sync_ring(&r)?;
        match r.draft_get(&self.user.id)? {
            None => Ok(None),
            Some(sealed) => Ok(Some(self.open_draft(&sealed)?)),
        }
    }

    /// Throws the caller's draft away.
    pub fn discard_draft(&self) -> Result<()> {
        let mut w = self.begin()?;
        w.draft_remove(&self.user.id)?;
        w.commit()?;
        Ok(())
    }
}
