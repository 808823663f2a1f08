//! Bulk work on a new store: synthetic caseloads for `seed` and `demo`.

use crate::domain::{self, AuditAction, Client, ClientRef, ClientStatus, Note, NoteId, NoteStatus};
use crate::store::meta;

use super::*;

impl Session {
    /// Writes a batch of synthetic clients with their notes in one transaction, without a
    /// per-record audit event (the caller logs one `seeded` event). Used by `seed` and `demo`
    /// on a store they have just created, through a supervisor holding the case keys.
    pub(crate) fn import_batch(&self, batch: Vec<(NewClient, Vec<NewNote>)>) -> Result<()> {
        self.may(Operation::AddClients)?;
        let names = self.user_names(&self.store.read()?)?;
        let mut w = self.begin()?;
        let now = domain::now();
        for (c, notes) in batch {
            let adviser = match c.adviser.as_deref() {
                None => self.user.id,
                Some(name) => names
                    .iter()
                    .find(|(_, n)| n == name)
                    .map(|(id, _)| *id)
                    .ok_or_else(|| SessionError::UnknownUser(name.to_string()))?,
            };
            let reference = ClientRef(w.next_counter(meta::NEXT_CLIENT)?);
            let client = Client {
                reference,
                name: c.name,
                date_of_birth: c.date_of_birth,
                contact: c.contact,
                adviser,
                status: ClientStatus::Open,
                opened_at: notes
                    .iter()
                    .filter_map(|n| n.contact_at)
                    .min()
                    .unwrap_or(now),
                closed_at: None,
                last_contact: notes.iter().filter_map(|n| n.contact_at).max(),
                note_count: u32::try_from(notes.len()).unwrap_or(u32::MAX),
                open_actions: notes
                    .iter()
                    .max_by_key(|n| n.contact_at)
                    .map_or(0, |n| domain::count_actions(&n.sections)),
            };
            let key = self.put_new_client(&mut w, &client)?;
            for n in notes {
                let id = NoteId(w.next_counter(meta::NEXT_NOTE)?);
                let record = Note {
                    id,
                    client: reference,
                    author: adviser,
                    contact_at: n.contact_at.unwrap_or(now),
                    channel: n.channel,
                    status: NoteStatus::Final,
                    sections: n.sections,
                    created_at: n.contact_at.unwrap_or(now),
                };
                w.note_put(reference, id.0, &self.seal_note(&key, &record)?)?;
            }
        }
        w.commit()?;
        Ok(())
    }

    /// Logs one event on the caller's behalf (used by `seed` for its summary event).
    pub(crate) fn log(&self, action: AuditAction) -> Result<()> {
        let w = self.begin()?;
        self.commit_with(w, vec![self.event(action, None, None)])?;
        Ok(())
    }
}
