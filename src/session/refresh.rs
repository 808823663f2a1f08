//! Whether the store changed since a face last read it (a note added from another terminal or
//! the command line), so the face can refresh what is on screen.

use crate::store::{AuditHead, meta};
use crate::vault;

use super::*;

impl Session {
    /// A number that grows with every audited change to the store, by anyone: the sequence number
    /// of the newest audit event. Cheap (one small read); a face polls it and reloads its lists
    /// when it moves. Reading it is not logged.
    pub fn store_version(&self) -> Result<u64> {
        let r = self.store.read()?;
        match r.meta_get(meta::AUDIT_HEAD)? {
            None => Ok(0),
            Some(sealed) => {
                let head: AuditHead = vault::open_record(&self.master, head_aad(), &sealed)?;
                Ok(head.seq)
            }
        }
    }
}
