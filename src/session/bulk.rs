//! Bulk work on a new store: synthetic caseloads for `seed` and `demo`, and many accounts at once.

use secrecy::SecretString;

use crate::domain::{
    self, AuditAction, Client, ClientRef, ClientStatus, Note, NoteId, NoteStatus, Role, User,
    UserId,
};
use crate::store::{SlotRecord, meta};
use crate::vault::{self};

use super::*;

impl Session {
    /// Writes a batch of synthetic clients with their notes in one transaction, without a
    /// per-record audit event (the caller logs one `seeded` event). Used by `seed` and `demo`
    /// on a store they have just created.
    pub(crate) fn import_batch(&self, batch: Vec<(NewClient, Vec<NewNote>, UserId)>) -> Result<()> {
        self.may(Operation::Seed)?;
        let mut w = self.store.write()?;
        let now = domain::now();
        for (c, notes, adviser) in batch {
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
                let nid = note_id_bytes(reference, id.0);
                w.note_put(
                    reference,
                    id.0,
                    &vault::seal_record(&key, note_aad(&nid), &record)?,
                )?;
            }
        }
        w.commit()?;
        Ok(())
    }

    /// Looks up the ids of the named accounts (for assigning synthetic caseloads).
    pub(crate) fn user_id(&self, name: &str) -> Result<UserId> {
        Ok(self.find_user(&self.store.read()?, name)?.2.id)
    }

    /// Logs one event on the caller's behalf (used by `seed` for its summary event).
    pub(crate) fn log(&self, action: AuditAction) -> Result<()> {
        let w = self.store.write()?;
        self.commit_with(w, vec![self.event(action, None, None)])?;
        Ok(())
    }

    /// Adds a user with a prepared slot cost (seed creates many users at once).
    pub(crate) fn add_user_prepared(
        &self,
        name: &str,
        role: Role,
        slot: SlotRecordDraft,
    ) -> Result<()> {
        self.may(Operation::AddUsers)?;
        let user = User {
            id: slot.user,
            name: name.to_string(),
            role,
            disabled: false,
            created_at: domain::now(),
        };
        let mut w = self.store.write()?;
        let lookup = vault::name_lookup_id(&w.name_salt()?, name)?;
        if w.slot_get(&lookup)?.is_some() {
            return Err(SessionError::UserExists(name.to_string()));
        }
        let mut buf = [0u8; 32];
        let wrapped = vault::wrap_master(
            &slot.key,
            slot_aad(&mut buf, &lookup, &slot.user),
            &self.master,
        )?;
        w.slot_put(
            &lookup,
            &SlotRecord {
                user: slot.user,
                salt: slot.salt,
                cost: slot.cost,
                wrapped_master: Some(wrapped),
                failures: 0,
                last_failure: 0,
                unlogged_failures: 0,
            },
        )?;
        w.user_put(
            &user.id,
            &vault::seal_record(&self.master, user_aad(&user.id), &user)?,
        )?;
        self.commit_with(
            w,
            vec![self.event(
                AuditAction::UserAdded {
                    name: name.to_string(),
                    role,
                },
                None,
                None,
            )],
        )?;
        Ok(())
    }
}

/// A slot key derived ahead of time (so that `seed` can derive many on several threads).
pub(crate) struct SlotRecordDraft {
    pub user: UserId,
    pub salt: [u8; 16],
    pub cost: KdfCost,
    pub key: vault::SlotKey,
}

impl SlotRecordDraft {
    pub fn derive(password: &SecretString, cost: KdfCost) -> Result<Self> {
        let salt: [u8; 16] = vault::random_bytes()?;
        Ok(SlotRecordDraft {
            user: UserId(vault::random_bytes()?),
            salt,
            cost,
            key: vault::derive_slot_key(password, &salt, cost)?,
        })
    }
}
