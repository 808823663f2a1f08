//! Bulk work on a new store: synthetic caseloads for `seed` and `demo`.

use crate::domain::{
    self, AuditAction, Client, ClientRef, ClientStatus, Done, Note, NoteEntry, NoteId, NoteStatus,
};
use crate::store::{Counts, meta};

use super::*;

impl Session {
    /// Writes a batch of synthetic clients with their notes in one transaction, with one
    /// `seeded` event for the batch instead of an event per record; every record written
    /// carries that event's sequence number. Each note's "Actions agreed" lines become action
    /// records as when a note is saved; as in a real caseload, the actions of all but a client's
    /// newest note are marked done (by the client's adviser, at the next note's contact time),
    /// so only the newest note's actions are open. Used by `seed` and `demo` on a store they
    /// have just created, through a supervisor holding the case keys. A client given a closing
    /// time is written closed then.
    pub(crate) fn import_batch(
        &self,
        batch: Vec<(NewClient, Vec<NewNote>, Option<domain::Timestamp>)>,
    ) -> Result<()> {
        self.may(Operation::AddClients)?;
        let names = self.user_names(&self.store.read()?)?;
        let mut w = self.begin()?;
        let written_at = self.next_event_seq(&w)?;
        let now = domain::now();
        let mut added = Counts::default();
        for (c, notes, closed_at) in batch {
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
            let mut client = Client {
                reference,
                name: c.name,
                date_of_birth: c.date_of_birth,
                contact: c.contact,
                adviser,
                status: if closed_at.is_some() {
                    ClientStatus::Closed
                } else {
                    ClientStatus::Open
                },
                opened_at: notes
                    .iter()
                    .filter_map(|n| n.contact_at)
                    .min()
                    .unwrap_or(now),
                closed_at,
                last_contact: None,
                notes: Vec::with_capacity(ids.len()),
                actions: 0,
                open_actions: Vec::new(),
                consent_until: None,
                written_at,
            };
            let keys = self.new_client_keys(&mut w, reference)?;
            added.clients += 1;
            let mut records: Vec<Note> = notes
                .into_iter()
                .zip(ids)
                .map(|(n, id)| Note {
                    id,
                    client: reference,
                    author: adviser,
                    contact_at: n.contact_at.unwrap_or(now),
                    channel: n.channel,
                    status: NoteStatus::Final,
                    sections: n.sections,
                    created_at: n.contact_at.unwrap_or(now),
                    written_at,
                })
                .collect();
            // Actions are numbered in the order they were agreed.
            records.sort_by_key(|n| (n.contact_at, n.id));
            for (i, record) in records.iter().enumerate() {
                w.note_put(reference, record.id.0, &self.seal_note(&keys, record)?)?;
                // Listed as a note saved one by one would be: oldest first, none signed off.
                client.notes.push(NoteEntry {
                    id: record.id,
                    contact_at: record.contact_at,
                    signed_off: false,
                });
                client.last_contact = client.last_contact.max(Some(record.contact_at));
                let done = records.get(i + 1).map(|next| Done {
                    at: next.contact_at,
                    by: adviser,
                });
                added.actions += self.file_actions(&mut w, &keys, &mut client, record, done)?;
                added.notes += 1;
            }
            w.client_put(reference, &self.seal_client(&keys, &client)?)?;
            self.put_assignment(&mut w, &client)?;
        }
        self.bump_counts(&mut w, added)?;
        let event = self.event(
            AuditAction::Seeded {
                clients: added.clients,
                notes: added.notes,
            },
            None,
            None,
        );
        self.commit_with(w, vec![event])
    }
}
