//! Bulk work on a new store: synthetic caseloads for `seed` and `demo`.

use crate::domain::{self, AuditAction, Client, ClientRef, ClientStatus, Note, NoteId, NoteStatus};
use crate::store::meta;

use super::*;

impl Session {
    /// Writes a batch of synthetic clients with their notes in one transaction, with one
    /// `seeded` event for the batch instead of an event per record; every record written
    /// carries that event's sequence number. Used by `seed` and `demo` on a store they have
    /// just created, through a supervisor holding the case keys.
    pub(crate) fn import_batch(&self, batch: Vec<(NewClient, Vec<NewNote>)>) -> Result<()> {
        self.may(Operation::AddClients)?;
        let names = self.user_names(&self.store.read()?)?;
        let mut w = self.begin()?;
        let written_at = self.next_event_seq(&w)?;
        let now = domain::now();
        let (mut clients, mut notes_written) = (0u64, 0u64);
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
            let ids = (0..notes.len())
                .map(|_| Ok(NoteId(w.next_counter(meta::NEXT_NOTE)?)))
                .collect::<Result<Vec<_>>>()?;
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
                notes: ids.clone(),
                open_actions: notes
                    .iter()
                    .max_by_key(|n| n.contact_at)
                    .map_or(0, |n| domain::count_actions(&n.sections)),
                written_at,
            };
            let key = self.put_new_client(&mut w, &client)?;
            self.put_assignment(&mut w, &client)?;
            clients += 1;
            for (n, id) in notes.into_iter().zip(ids) {
                let record = Note {
                    id,
                    client: reference,
                    author: adviser,
                    contact_at: n.contact_at.unwrap_or(now),
                    channel: n.channel,
                    status: NoteStatus::Final,
                    sections: n.sections,
                    created_at: n.contact_at.unwrap_or(now),
                    written_at,
                };
                w.note_put(reference, id.0, &self.seal_note(&key, &record)?)?;
                notes_written += 1;
            }
        }
        self.bump_counts(&mut w, clients, notes_written)?;
        let event = self.event(
            AuditAction::Seeded {
                clients,
                notes: notes_written,
            },
            None,
            None,
        );
        self.commit_with(w, vec![event])
    }
}
