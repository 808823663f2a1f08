//! Drafts: notes in progress, one per client, sealed under the case keys and kept for their
//! author alone. Saving a note removes only that client's draft.

use crate::domain::{self, ClientRef};
use crate::store::StoreError;

use super::*;

/// How long keeping a draft waits for a rewrite of the file to end.
const DRAFT_WAIT: std::time::Duration = std::time::Duration::from_secs(60);

impl Session {
    /// Seals and keeps the caller's note in progress about `draft.client` (replacing an earlier
    /// draft for that client only). Not logged: it is the caller's own unfinished work, readable
    /// only by them. Needs the case keys.
    pub fn save_draft(&self, draft: &domain::Draft) -> Result<()> {
        self.refuse_if_must_change()?;
        // A draft is kept when nothing else can be (a lock, a failed save): while the file is
        // being rewritten after an erasure it waits for the rewrite, which takes seconds,
        // instead of losing the text.
        let started = std::time::Instant::now();
        let mut w = loop {
            match self.begin() {
                Err(SessionError::Store(crate::store::StoreError::Maintenance))
                    if started.elapsed() < DRAFT_WAIT =>
                {
                    std::thread::sleep(std::time::Duration::from_millis(100));
                }
                other => break other?,
            }
        };
        let sealed = self.seal_draft(draft)?;
        w.draft_put(&self.user.id, draft.client, &sealed)?;
        w.commit()?;
        Ok(())
    }

    /// The caller's kept drafts, newest first.
    pub fn drafts(&self) -> Result<Vec<domain::Draft>> {
        self.refuse_if_must_change()?;
        let r = self.store.read()?;
        self.sync_ring(&r)?;
        let mut out = Vec::new();
        for (client, sealed) in r.drafts_of(&self.user.id)? {
            let d = self.open_draft(&sealed)?;
            // A draft filed under another client than it is about was moved: refused.
            if d.client != client {
                return Err(StoreError::Corrupt.into());
            }
            out.push(d);
        }
        out.sort_by_key(|d| std::cmp::Reverse(d.saved_at));
        Ok(out)
    }

    /// The caller's newest kept draft, if any (offered back at sign-in).
    pub fn draft(&self) -> Result<Option<domain::Draft>> {
        Ok(self.drafts()?.into_iter().next())
    }

    /// The caller's kept draft about `client`, if any.
    pub fn draft_for(&self, client: ClientRef) -> Result<Option<domain::Draft>> {
        Ok(self.drafts()?.into_iter().find(|d| d.client == client))
    }

    /// Throws away the caller's draft about `client` (and no other).
    pub fn discard_draft(&self, client: ClientRef) -> Result<()> {
        self.refuse_if_must_change()?;
        let mut w = self.begin()?;
        w.draft_remove(&self.user.id, client)?;
        w.commit()?;
        Ok(())
    }
}
