//! Clients and their notes: listing, adding, opening with masking, revealing, and the caseload
//! rule with its break-the-glass exception.

use zeroize::Zeroizing;

use crate::domain::{
    self, AuditAction, AuditEvent, Client, ClientRef, ClientStatus, Date, Note, NoteEntry, NoteId,
    NoteStatus, Role, UserId,
};
use crate::store::{Counts, ReadTxn, StoreError, WriteTxn, meta};
use crate::vault::{CaseRing, DataKeys};

use super::*;

impl Session {
    /// Adds a client, assigned to the caller or (supervisors) to the named adviser. Advisers and
    /// supervisors; logged. Returns the new reference.
    ///
    /// The name is stored as the office's `client-names` policy says (data minimisation): as
    /// typed, as initials, or not at all (the reference stands in for it, and `new.name` may then
    /// be empty). See [`domain::ClientNames`].
    pub fn add_client(&self, new: NewClient) -> Result<ClientRef> {
        self.may(Operation::AddClients)?;
        let names = self.policy().client_names();
        let name = match names {
            domain::ClientNames::Code => String::new(),
            _ => domain::validate_client_name(&new.name).map_err(SessionError::Invalid)?,
        };
        let contact =
            domain::validate_contact(new.contact.as_deref()).map_err(SessionError::Invalid)?;
        let date_of_birth = new
            .date_of_birth
            .as_deref()
            .map(domain::validate_date_of_birth)
            .transpose()
            .map_err(SessionError::Invalid)?;
        let adviser = match new.adviser.as_deref() {
            None => self.user.id,
            Some(n) => {
                let (_, _, u) = self.find_user(&self.store.read()?, n)?;
                if u.id != self.user.id && self.user.role != Role::Supervisor {
                    return Err(SessionError::Forbidden(
                        "advisers add clients to their own caseload; ask a supervisor to assign another adviser".into(),
                    ));
                }
                if u.disabled || !u.role.reads_case_content() {
                    return Err(SessionError::Invalid(format!(
                        "'{}' cannot hold a caseload",
                        u.name
                    )));
                }
                u.id
            }
        };
        let now = domain::now();
        let mut w = self.begin()?;
        let reference = ClientRef(w.next_counter(meta::NEXT_CLIENT)?);
        let event = self.event(AuditAction::ClientCreated, Some(reference), None);
        let client = Client {
            reference,
            name: names.stored_name(&name, reference),
            date_of_birth,
            contact,
            adviser,
            status: ClientStatus::Open,
            opened_at: now,
            closed_at: None,
            last_contact: None,
            notes: Vec::new(),
            actions: 0,
            open_actions: Vec::new(),
            consent_until: None,
            written_at: self.next_event_seq(&w)?,
        };
        self.put_new_client(&mut w, &client)?;
        self.put_assignment(&mut w, &client)?;
        self.bump_counts(
            &mut w,
            Counts {
                clients: 1,
                ..Counts::default()
            },
        )?;
        self.commit_with(w, vec![event])?;
        Ok(reference)
    }

    pub(super) fn put_new_client(&self, w: &mut WriteTxn, client: &Client) -> Result<DataKeys> {
        let keys = self.new_client_keys(w, client.reference)?;
        w.client_put(client.reference, &self.seal_client(&keys, client)?)?;
        Ok(keys)
    }

    /// Opens a client's data keys and record from their sealed forms.
    pub(super) fn unseal_client(
        &self,
        ring: &CaseRing,
        r: ClientRef,
        sealed_key: &[u8],
        sealed: &[u8],
    ) -> Result<(DataKeys, Client)> {
        let keys = self.open_client_keys(ring, r, sealed_key)?;
        let client = self.open_client_sealed(&keys, r, sealed)?;
        Ok((keys, client))
    }

    /// Opens note `n` of client `r`, checking that the record is the one filed there.
    pub(super) fn unseal_note(
        &self,
        keys: &DataKeys,
        r: ClientRef,
        n: u64,
        sealed: &[u8],
    ) -> Result<Note> {
        let note = self.open_note_sealed(keys, r, n, sealed)?;
        if note.id.0 != n || note.client != r {
            return Err(StoreError::Corrupt.into());
        }
        Ok(note)
    }

    pub(super) fn open_client_record(
        &self,
        txn: &ReadTxn,
        r: ClientRef,
    ) -> Result<(DataKeys, Client)> {
        self.sync_ring(txn)?;
        let ring = self.ring()?;
        let sealed_key = txn
            .client_key_get(r)?
            .ok_or(SessionError::UnknownClient(r))?;
        let sealed = txn.client_get(r)?.ok_or(StoreError::Corrupt)?;
        self.unseal_client(&ring, r, &sealed_key, &sealed)
    }

    /// Lists clients, newest activity first: the caller's own caseload, or with `all` every
    /// client (names and references only; an adviser's widened list is logged, and opening one
    /// of those clients still needs a reason). Administrators may not.
    pub fn clients(&self, all: bool) -> Result<Vec<ClientSummary>> {
        self.may(Operation::ReadClients)?;
        let r = self.store.read()?;
        self.sync_ring(&r)?;
        let ring = self.ring()?;
        let names = self.user_names(&r)?;
        let today = domain::today();
        let mut out = Vec::new();
        let mut err = None;
        r.for_each_client(|reference, sealed_key, sealed| {
            match self.unseal_client(&ring, reference, sealed_key, sealed) {
                Ok((_, c)) if all || c.adviser == self.user.id => {
                    out.push(self.summary(&c, &names, today));
                }
                Ok(_) => {}
                Err(e) => err = Some(e),
            }
            Ok(())
        })?;
        if let Some(e) = err {
            return Err(e);
        }
        drop(r);
        if all && self.user.role == Role::Adviser {
            // A widened search shows advisers names beyond their caseload: logged.
            let w = self.begin()?;
            self.commit_with(
                w,
                vec![self.event(
                    AuditAction::ClientListed {
                        count: u32::try_from(out.len()).unwrap_or(u32::MAX),
                    },
                    None,
                    None,
                )],
            )?;
        }
        out.sort_by(|a, b| {
            b.last_contact
                .unwrap_or(b.opened_at)
                .cmp(&a.last_contact.unwrap_or(a.opened_at))
                .then(b.reference.cmp(&a.reference))
        });
        Ok(out)
    }

    /// A client as a list shows it, its overdue actions counted against `today`.
    pub(super) fn summary(
        &self,
        c: &Client,
        names: &[(UserId, String)],
        today: Date,
    ) -> ClientSummary {
        let (open_actions, overdue_actions, next_due) =
            actions::open_figures(&c.open_actions, today);
        ClientSummary {
            reference: c.reference,
            outside_caseload: self.user.role != Role::Supervisor && c.adviser != self.user.id,
            name: c.name.clone().into(),
            adviser: names
                .iter()
                .find(|(id, _)| *id == c.adviser)
                .map(|(_, n)| n.clone())
                .unwrap_or_else(|| "(unknown)".into()),
            status: c.status,
            opened_at: c.opened_at,
            last_contact: c.last_contact,
            note_count: u32::try_from(c.notes.len()).unwrap_or(u32::MAX),
            open_actions,
            overdue_actions,
            next_due,
        }
    }

    /// Checks that the caller may open client `r`; returns a break-glass event when the client
    /// is outside the caller's caseload and a reason was stated.
    pub(super) fn access(
        &self,
        client: &Client,
        reason: Option<&str>,
    ) -> Result<Option<AuditEvent>> {
        self.may(Operation::ReadNotes)?;
        if self.user.role == Role::Supervisor || client.adviser == self.user.id {
            return Ok(None);
        }
        match reason {
            None => Err(SessionError::NotOnCaseload(client.reference)),
            Some(r) => {
                let r = domain::validate_reason(r).map_err(SessionError::Invalid)?;
                Ok(Some(self.event(
                    AuditAction::BreakGlass,
                    Some(client.reference),
                    Some(r),
                )))
            }
        }
    }

    /// Adds a final note to a client on the caller's caseload (or, with a stated reason that is
    /// logged and flagged, to another adviser's client). Empty sections are dropped. The note,
    /// one action record per line of its "Actions agreed" section (see
    /// [`domain::parse_action`]), the client's record (its list of notes with the new one's
    /// contact time, last-contact date and open actions), and the audit event are one durable
    /// transaction.
    pub fn add_note(&self, r: ClientRef, note: NewNote, reason: Option<&str>) -> Result<NoteId> {
        self.write_note(r, note, reason, false)
    }

    /// As [`Session::add_note`], for a note written from the caller's draft: the note is saved
    /// and the draft thrown away in the same durable transaction, so a crash leaves either the
    /// draft or the note, never both and never neither.
    pub fn add_note_from_draft(
        &self,
        r: ClientRef,
        note: NewNote,
        reason: Option<&str>,
    ) -> Result<NoteId> {
        self.write_note(r, note, reason, true)
    }

    pub(super) fn write_note(
        &self,
        r: ClientRef,
        note: NewNote,
        reason: Option<&str>,
        discard_draft: bool,
    ) -> Result<NoteId> {
        self.refuse_if_must_change()?;
        let sections = domain::validate_sections(note.sections).map_err(SessionError::Invalid)?;
        let (_, client) = self.open_client_record(&self.store.read()?, r)?;
        let glass = self.access(&client, reason)?;
        drop(client);
        let now = domain::now();
        let contact_at = note.contact_at.unwrap_or(now);
        let mut w = self.begin()?;
        // Read inside the transaction: another process may have added a note meanwhile, and the
        // keys may have been rotated just now (the note then goes under the client's new key).
        let (keys, mut client) = self.open_client_in(&w, r)?;
        let id = NoteId(w.next_counter(meta::NEXT_NOTE)?);
        let mut events: Vec<AuditEvent> = glass.into_iter().collect();
        events.push(self.event(AuditAction::NoteAdded { note: id }, Some(r), None));
        // The note and the client record carry the note-added event, the last one appended.
        let written_at = self.next_event_seq(&w)? + (events.len() as u64 - 1);
        let record = Note {
            id,
            client: r,
            author: self.user.id,
            contact_at,
            channel: note.channel,
            status: NoteStatus::Final,
            sections,
            created_at: now,
            written_at,
        };
        w.note_put(r, id.0, &self.seal_note(&keys, &record)?)?;
        // A later note adds actions; it never closes the earlier ones.
        let actions = self.file_actions(&mut w, &keys, &mut client, &record, None)?;
        client.notes.push(NoteEntry {
            id,
            contact_at,
            signed_off: false,
        });
        client.written_at = written_at;
        if client.last_contact.is_none_or(|t| contact_at >= t) {
            client.last_contact = Some(contact_at);
        }
        w.client_put(r, &self.seal_client(&keys, &client)?)?;
        self.bump_counts(
            &mut w,
            Counts {
                notes: 1,
                actions,
                ..Counts::default()
            },
        )?;
        if discard_draft {
            w.draft_remove(&self.user.id, r)?;
        }
        self.commit_with(w, events)?;
        Ok(id)
    }

    pub(super) fn open_client_in(&self, w: &WriteTxn, r: ClientRef) -> Result<(DataKeys, Client)> {
        let ring = self.ring()?;
        let sealed_key = w.client_key_get(r)?.ok_or(SessionError::UnknownClient(r))?;
        let sealed = w.client_get(r)?.ok_or(StoreError::Corrupt)?;
        self.unseal_client(&ring, r, &sealed_key, &sealed)
    }

    /// Opens a client's notes, newest first. Masked sections come back as
    /// [`SectionBody::Masked`] unless `reveal` asks for them with a reason; then each reveal's
    /// audit event is committed before its text is placed in the view. The viewing itself is
    /// logged, and an opening outside the caller's caseload needs `reason` (break the glass).
    /// A redacted section shows its marker and is never revealed: [`Reveal::All`] passes over
    /// it (no event), [`Reveal::Section`] naming it is refused.
    pub fn open_client(
        &self,
        r: ClientRef,
        reason: Option<&str>,
        reveal: Reveal<'_>,
    ) -> Result<ClientView> {
        self.refuse_if_must_change()?;
        let rt = self.store.read()?;
        let (key, client) = self.open_client_record(&rt, r)?;
        let glass = self.access(&client, reason)?;
        let names = self.user_names(&rt)?;
        let mut current = self.current_notes(&rt, &key, &client)?;
        let actions = self.open_actions_of(&rt, &key, &client)?;
        let consents = self.consent_views(&rt, &key, r, &names, domain::today())?;
        drop(rt);
        current.sort_by(|a, b| {
            b.note
                .contact_at
                .cmp(&a.note.contact_at)
                .then(b.note.id.cmp(&a.note.id))
        });
        let notes: Vec<&Note> = current.iter().map(|c| &c.note).collect();

        // Decide what will be revealed, and log it, before any masked text leaves this function.
        let mut reveal_set: Vec<(NoteId, usize)> = Vec::new();
        let mut details_revealed = false;
        let mut events: Vec<AuditEvent> = glass.iter().cloned().collect();
        let reveal_reason = match reveal {
            Reveal::Nothing => None,
            Reveal::All { reason } => {
                let why = domain::validate_reason(reason).map_err(SessionError::Invalid)?;
                // A redacted section has no text: nothing of it is revealed, nor logged.
                for c in &current {
                    for (i, s) in c.note.sections.iter().enumerate() {
                        if s.sensitivity.is_masked()
                            && c.redactions.get(i).is_none_or(Option::is_none)
                        {
                            reveal_set.push((c.note.id, i));
                        }
                    }
                }
                details_revealed = true;
                Some(why)
            }
            Reveal::Section {
                note,
                index,
                reason,
            } => {
                let why = domain::validate_reason(reason).map_err(SessionError::Invalid)?;
                let c = current
                    .iter()
                    .find(|c| c.note.id == note)
                    .ok_or(SessionError::UnknownNote(r, note))?;
                let s = c.note.sections.get(index).ok_or_else(|| {
                    SessionError::Invalid(format!("note {note} has no section {}", index + 1))
                })?;
                if let Some(m) = c.redactions.get(index).and_then(Option::as_ref) {
                    return Err(redact::nothing_to_reveal(note, index, m));
                }
                if s.sensitivity.is_masked() {
                    reveal_set.push((note, index));
                }
                Some(why)
            }
        };
        events.push(self.event(
            AuditAction::NotesViewed {
                notes: u32::try_from(notes.len()).unwrap_or(u32::MAX),
            },
            Some(r),
            None,
        ));
        for (note, index) in &reveal_set {
            let label = notes
                .iter()
                .find(|n| n.id == *note)
                .and_then(|n| n.sections.get(*index))
                .map(|s| s.sensitivity.to_string())
                .unwrap_or_default();
            events.push(self.event(
                AuditAction::SectionRevealed {
                    note: *note,
                    section: u32::try_from(*index).unwrap_or(u32::MAX),
                    label,
                },
                Some(r),
                reveal_reason.clone(),
            ));
        }
        if details_revealed {
            events.push(self.event(AuditAction::DetailsRevealed, Some(r), reveal_reason.clone()));
        }
        let w = self.begin()?;
        self.commit_with(w, events)?;

        // The events are durable: build the view.
        let author = |id: &UserId| {
            names
                .iter()
                .find(|(u, _)| u == id)
                .map(|(_, n)| n.clone())
                .unwrap_or_else(|| "(unknown)".into())
        };
        let views = current
            .iter()
            .map(|c| (c, &c.note, c.marks(&|u| author(u))))
            .map(|(c, n, marks)| NoteView {
                marks,
                id: n.id,
                author: author(&n.author),
                contact_at: n.contact_at,
                channel: n.channel,
                status: n.status,
                sections: n
                    .sections
                    .iter()
                    .enumerate()
                    .map(|(i, s)| {
                        let mark = c.redactions.get(i).and_then(Option::as_ref);
                        redact::section_view(s, mark, reveal_set.contains(&(n.id, i)), &names)
                    })
                    .collect(),
            })
            .collect();
        let actions = actions
            .iter()
            .map(|a| {
                let revealed =
                    usize::try_from(a.section).is_ok_and(|i| reveal_set.contains(&(a.note, i)));
                self.action_view(a, &names, revealed)
            })
            .collect();
        Ok(ClientView {
            summary: self.summary(&client, &names, domain::today()),
            details: details_revealed.then(|| ClientDetails {
                date_of_birth: Redacted::new(client.date_of_birth.clone()),
                contact: Redacted::new(client.contact.clone()),
            }),
            notes: views,
            actions,
            consents,
            break_glass: glass.is_some(),
        })
    }

    /// Reveals one masked section of a note already shown to the caller: checks access (a
    /// client outside the caseload needs `access_reason` again), commits the reveal's audit
    /// event, and only then returns the text. A redacted section is refused: it has no text.
    pub fn reveal_section(
        &self,
        r: ClientRef,
        note: NoteId,
        index: usize,
        reason: &str,
        access_reason: Option<&str>,
    ) -> Result<Zeroizing<String>> {
        self.refuse_if_must_change()?;
        let why = domain::validate_reason(reason).map_err(SessionError::Invalid)?;
        let rt = self.store.read()?;
        let (key, client) = self.open_client_record(&rt, r)?;
        let glass = self.access(&client, access_reason)?;
        let current = self.current_note(&rt, &key, &client, note)?;
        drop(rt);
        let section = current.note.sections.get(index).ok_or_else(|| {
            SessionError::Invalid(format!("note {note} has no section {}", index + 1))
        })?;
        if let Some(m) = current.redactions.get(index).and_then(Option::as_ref) {
            return Err(redact::nothing_to_reveal(note, index, m));
        }
        let mut events: Vec<AuditEvent> = glass.into_iter().collect();
        events.push(self.event(
            AuditAction::SectionRevealed {
                note,
                section: u32::try_from(index).unwrap_or(u32::MAX),
                label: section.sensitivity.to_string(),
            },
            Some(r),
            Some(why),
        ));
        let w = self.begin()?;
        self.commit_with(w, events)?;
        Ok(Zeroizing::new(section.text.clone()))
    }
}
