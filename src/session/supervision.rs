//! A note's life after it is saved: a supervisor's sign-off (which locks it against
//! corrections), its author's corrections (each a new revision; earlier ones stay readable to
//! supervisors), and addenda (on any note, signed off or not). Each is a change record kept
//! beside the note, sealed under the client's data keys, written with its audit event in one
//! transaction; the note's own record is never rewritten (but by a redaction: see `redact`).

use crate::domain::{
    self, AuditAction, AuditEvent, ChangeKind, Client, ClientRef, Note, NoteChange, NoteId,
    NoteStatus, Redaction, RedactionMap, Section, Timestamp, UserId,
};
use crate::store::{ReadTxn, StoreError, WriteTxn};
use crate::vault::DataKeys;

use super::*;

/// A note as it stands: its newest revision's sections, then its addenda; and what changed.
pub(super) struct Current {
    pub note: Note,
    pub revision: u32,
    pub corrected: Option<(UserId, Timestamp)>,
    pub reviewed: Option<(UserId, Timestamp)>,
    /// The sections from this index on are addenda; who added each and when.
    pub addenda_from: usize,
    pub addenda: Vec<(UserId, Timestamp)>,
    /// For each of `note.sections`: who redacted it, when and why, if a supervisor did (its
    /// text is then empty).
    pub redactions: Vec<Option<Redaction>>,
}

impl Current {
    /// Applies a note's changes, oldest first.
    pub fn of(mut note: Note, changes: &[NoteChange]) -> Current {
        let map = RedactionMap::of(&note, changes);
        let redactions = map
            .current()
            .into_iter()
            .map(|m| m.and_then(|r| map.redaction(changes, r)))
            .collect();
        let mut revision = 1;
        let mut corrected = None;
        let mut reviewed = None;
        let mut addenda: Vec<Section> = Vec::new();
        let mut added = Vec::new();
        for c in changes {
            match c.kind {
                ChangeKind::Revision => {
                    note.sections = c.sections.clone();
                    revision += 1;
                    corrected = Some((c.by, c.at));
                }
                ChangeKind::Addendum => {
                    addenda.extend(c.sections.iter().cloned());
                    added.push((c.by, c.at));
                }
                ChangeKind::Review => {
                    reviewed = Some((c.by, c.at));
                    note.status = NoteStatus::Reviewed;
                }
                ChangeKind::Redaction { .. } => {}
            }
        }
        let addenda_from = note.sections.len();
        note.sections.extend(addenda);
        Current {
            note,
            revision,
            corrected,
            reviewed,
            addenda_from,
            addenda: added,
            redactions,
        }
    }

    /// What a face is told about the changes, with names for ids.
    pub fn marks(&self, name: &dyn Fn(&UserId) -> String) -> NoteMarks {
        NoteMarks {
            revision: self.revision,
            corrected: self.corrected.map(|(u, t)| (name(&u), t)),
            reviewed: self.reviewed.map(|(u, t)| (name(&u), t)),
            addenda_from: self.addenda_from,
            addenda: self.addenda.iter().map(|(u, t)| (name(u), *t)).collect(),
        }
    }
}

/// One revision of a note, as a supervisor reads the history.
#[derive(Debug, Clone)]
pub struct RevisionView {
    /// 1 for the note as first saved.
    pub revision: u32,
    pub by: String,
    pub at: Timestamp,
    /// Why it was corrected (none for the first revision).
    pub why: Option<Redacted<String>>,
    pub sections: Vec<SectionView>,
}

impl Session {
    /// The changes of one note, oldest first; a damaged change is an error naming the note.
    pub(super) fn note_changes(
        &self,
        r: &ReadTxn,
        keys: &DataKeys,
        c: ClientRef,
        note: NoteId,
    ) -> Result<Vec<NoteChange>> {
        r.changes_of_note(c, note.0)?
            .into_iter()
            .map(|(n, sealed)| {
                self.open_change(keys, c, note.0, n, &sealed)
                    .map_err(|_| damaged_change(note, c))
            })
            .collect()
    }

    /// Every note of `client` as it stands now (see [`Current`]), in the client's order.
    pub(super) fn current_notes(
        &self,
        r: &ReadTxn,
        keys: &DataKeys,
        client: &Client,
    ) -> Result<Vec<Current>> {
        Ok(self
            .notes_with_changes(r, keys, client)?
            .into_iter()
            .map(|(n, ch)| Current::of(n, &ch))
            .collect())
    }

    /// Every note of `client` as first saved, with its changes oldest first, in the client's
    /// order: the whole history, for [`Current`] and for a subject access export.
    pub(super) fn notes_with_changes(
        &self,
        r: &ReadTxn,
        keys: &DataKeys,
        client: &Client,
    ) -> Result<Vec<(Note, Vec<NoteChange>)>> {
        let c = client.reference;
        let notes = self.open_notes(r, keys, client)?;
        let mut changes: std::collections::BTreeMap<u64, Vec<NoteChange>> = Default::default();
        for ((note, n), sealed) in r.changes_of_client(c)? {
            let change = self
                .open_change(keys, c, note, n, &sealed)
                .map_err(|_| damaged_change(NoteId(note), c))?;
            changes.entry(note).or_default().push(change);
        }
        Ok(notes
            .into_iter()
            .map(|n| {
                let ch = changes.remove(&n.id.0).unwrap_or_default();
                (n, ch)
            })
            .collect())
    }

    /// One note of `client` as it stands now.
    pub(super) fn current_note(
        &self,
        r: &ReadTxn,
        keys: &DataKeys,
        client: &Client,
        note: NoteId,
    ) -> Result<Current> {
        let n = self.open_listed_note(r, keys, client, note)?;
        let changes = self.note_changes(r, keys, client.reference, note)?;
        Ok(Current::of(n, &changes))
    }

    /// Reads a note for a change inside the write transaction `w`: its client's keys and
    /// record, the note as saved and its changes so far.
    pub(super) fn note_in(
        &self,
        w: &WriteTxn,
        r: ClientRef,
        note: NoteId,
    ) -> Result<(DataKeys, Client, Note, Vec<NoteChange>)> {
        let (keys, client) = self.open_client_in(w, r)?;
        if !client.lists(note) {
            return Err(SessionError::UnknownNote(r, note));
        }
        let sealed = w.note_get(r, note.0)?.ok_or(StoreError::Corrupt)?;
        let n = self.unseal_note(&keys, r, note.0, &sealed)?;
        let mut changes = Vec::new();
        for (i, sealed) in w.changes_of_note(r, note.0)? {
            changes.push(
                self.open_change(&keys, r, note.0, i, &sealed)
                    .map_err(|_| damaged_change(note, r))?,
            );
        }
        Ok((keys, client, n, changes))
    }

    /// Writes `change` as the next change of its note, with `events` (the last of which it
    /// carries), and commits.
    pub(super) fn put_change(
        &self,
        mut w: WriteTxn,
        r: ClientRef,
        keys: &DataKeys,
        mut change: NoteChange,
        events: Vec<AuditEvent>,
        discard_draft: bool,
    ) -> Result<()> {
        let n = w
            .changes_of_note(r, change.note.0)?
            .last()
            .map_or(1, |(i, _)| i + 1);
        change.written_at = self.next_event_seq(&w)? + (events.len() as u64 - 1);
        w.change_put(r, change.note.0, n, &self.seal_change(keys, r, n, &change)?)?;
        if discard_draft {
            w.draft_remove(&self.user.id, r)?;
        }
        self.commit_with(w, events)
    }

    /// Signs a note off: the note is reviewed (by whom, when) and locked against corrections.
    /// Supervisors; logged. Refused for a note already signed off. The sign-off, the client's
    /// record (whose list of notes marks it signed off, for the dashboard) and the
    /// `note-reviewed` event are one durable transaction.
    pub fn sign_off(&self, r: ClientRef, note: NoteId) -> Result<()> {
        self.may(Operation::SignOff)?;
        let mut w = self.begin()?;
        let (keys, mut client, saved, changes) = self.note_in(&w, r, note)?;
        if let Some((by, at)) = Current::of(saved, &changes).reviewed {
            let names = self.user_names_in(&w)?;
            return Err(SessionError::Invalid(format!(
                "{note} was already signed off by {} on {}",
                name_in(&names, &by),
                domain::format_time(at)
            )));
        }
        let change = NoteChange {
            kind: ChangeKind::Review,
            note,
            by: self.user.id,
            at: domain::now(),
            why: String::new(),
            sections: Vec::new(),
            written_at: 0,
        };
        let event = self.event(AuditAction::NoteReviewed { note }, Some(r), None);
        for entry in client.notes.iter_mut().filter(|n| n.id == note) {
            entry.signed_off = true;
        }
        // Written at the sign-off's event, the one event of this transaction.
        client.written_at = self.next_event_seq(&w)?;
        w.client_put(r, &self.seal_client(&keys, &client)?)?;
        self.put_change(w, r, &keys, change, vec![event], false)
    }

    /// Corrects one's own note: `sections` become the note's new revision, `why` says what was
    /// wrong (logged, sealed like a reason). The earlier revisions stay, readable to
    /// supervisors. Refused for someone else's note and for a note signed off (add an
    /// addendum instead). A redacted section stays redacted: the corrected section with its
    /// heading takes its place with no text (whatever text was given for it is not kept), or it
    /// is put back at the end (see [`crate::domain::RedactionMap::carry_into`]). Returns the new
    /// revision's number.
    pub fn correct_note(
        &self,
        r: ClientRef,
        note: NoteId,
        sections: Vec<Section>,
        why: &str,
    ) -> Result<u32> {
        self.correct(r, note, sections, why, false)
    }

    /// As [`Session::correct_note`], from the caller's draft: the correction is saved and the
    /// draft thrown away in one durable transaction.
    pub fn correct_note_from_draft(
        &self,
        r: ClientRef,
        note: NoteId,
        sections: Vec<Section>,
        why: &str,
    ) -> Result<u32> {
        self.correct(r, note, sections, why, true)
    }

    fn correct(
        &self,
        r: ClientRef,
        note: NoteId,
        sections: Vec<Section>,
        why: &str,
        discard_draft: bool,
    ) -> Result<u32> {
        self.may(Operation::ReadNotes)?;
        let why = domain::validate_reason(why).map_err(SessionError::Invalid)?;
        let mut sections = domain::validate_sections(sections).map_err(SessionError::Invalid)?;
        let w = self.begin()?;
        let (keys, _, saved, changes) = self.note_in(&w, r, note)?;
        if saved.author != self.user.id {
            return Err(SessionError::Forbidden(
                "only a note's author corrects it; anyone who may write to the client can add an addendum".into(),
            ));
        }
        RedactionMap::of(&saved, &changes).carry_into(&saved, &changes, &mut sections);
        let current = Current::of(saved, &changes);
        if current.reviewed.is_some() {
            return Err(SessionError::Invalid(format!(
                "{note} is signed off and locked: add an addendum instead"
            )));
        }
        let revision = current.revision + 1;
        let change = NoteChange {
            kind: ChangeKind::Revision,
            note,
            by: self.user.id,
            at: domain::now(),
            why: why.clone(),
            sections,
            written_at: 0,
        };
        let event = self.event(
            AuditAction::NoteCorrected { note, revision },
            Some(r),
            Some(why),
        );
        self.put_change(w, r, &keys, change, vec![event], discard_draft)?;
        Ok(revision)
    }

    /// Adds an addendum (one labelled section) to a note, signed off or not. Anyone who may
    /// write to the client: on their caseload, or with a stated reason (logged and flagged).
    /// Logged.
    pub fn add_addendum(
        &self,
        r: ClientRef,
        note: NoteId,
        section: Section,
        access_reason: Option<&str>,
    ) -> Result<()> {
        self.addendum(r, note, section, access_reason, false)
    }

    /// As [`Session::add_addendum`], from the caller's draft: the addendum is saved and the
    /// draft thrown away in one durable transaction.
    pub fn add_addendum_from_draft(
        &self,
        r: ClientRef,
        note: NoteId,
        section: Section,
        access_reason: Option<&str>,
    ) -> Result<()> {
        self.addendum(r, note, section, access_reason, true)
    }

    fn addendum(
        &self,
        r: ClientRef,
        note: NoteId,
        section: Section,
        access_reason: Option<&str>,
        discard_draft: bool,
    ) -> Result<()> {
        let mut sections =
            domain::validate_sections(vec![section]).map_err(SessionError::Invalid)?;
        let (_, client) = self.open_client_record(&self.store.read()?, r)?;
        let glass = self.access(&client, access_reason)?;
        drop(client);
        let w = self.begin()?;
        let (keys, _, _, _) = self.note_in(&w, r, note)?;
        let change = NoteChange {
            kind: ChangeKind::Addendum,
            note,
            by: self.user.id,
            at: domain::now(),
            why: String::new(),
            sections: std::mem::take(&mut sections),
            written_at: 0,
        };
        let mut events: Vec<AuditEvent> = glass.into_iter().collect();
        events.push(self.event(AuditAction::AddendumAdded { note }, Some(r), None));
        self.put_change(w, r, &keys, change, events, discard_draft)
    }

    /// Every revision of a note, the first (as saved) first. Supervisors. Masked sections stay
    /// masked unless `reveal_reason` is given; the reading (and the reveal, with its reason) is
    /// logged before anything is returned. A redacted section shows its marker in every
    /// revision that held it (see [`SectionView::redacted`]).
    pub fn note_history(
        &self,
        r: ClientRef,
        note: NoteId,
        reveal_reason: Option<&str>,
    ) -> Result<Vec<RevisionView>> {
        self.may(Operation::SignOff)?;
        let why = reveal_reason
            .map(domain::validate_reason)
            .transpose()
            .map_err(SessionError::Invalid)?;
        let rt = self.store.read()?;
        let (keys, client) = self.open_client_record(&rt, r)?;
        let saved = self.open_listed_note(&rt, &keys, &client, note)?;
        let changes = self.note_changes(&rt, &keys, r, note)?;
        let names = self.user_names(&rt)?;
        drop(rt);
        let map = RedactionMap::of(&saved, &changes);
        let mut revisions: Vec<(UserId, Timestamp, Option<String>, Vec<Section>)> =
            vec![(saved.author, saved.created_at, None, saved.sections.clone())];
        for c in changes.iter().filter(|c| c.kind == ChangeKind::Revision) {
            revisions.push((c.by, c.at, Some(c.why.clone()), c.sections.clone()));
        }
        // One list of marks per revision, in the same order (the note as saved, then each
        // correction).
        let marks: Vec<Vec<Option<Redaction>>> = map
            .revisions
            .iter()
            .map(|rev| {
                rev.marks
                    .iter()
                    .map(|m| m.and_then(|r| map.redaction(&changes, r)))
                    .collect()
            })
            .collect();
        let count = u32::try_from(revisions.len()).unwrap_or(u32::MAX);
        let event = self.event(
            AuditAction::HistoryViewed {
                note,
                revisions: count,
            },
            Some(r),
            why.clone(),
        );
        let w = self.begin()?;
        self.commit_with(w, vec![event])?;
        // Logged: build the view.
        let reveal = why.is_some();
        Ok(revisions
            .into_iter()
            .enumerate()
            .map(|(i, (by, at, why, sections))| RevisionView {
                revision: u32::try_from(i + 1).unwrap_or(u32::MAX),
                by: name_in(&names, &by),
                at,
                why: why.map(Redacted::new),
                sections: sections
                    .iter()
                    .enumerate()
                    .map(|(j, s)| {
                        let mark = marks.get(i).and_then(|m| m.get(j)).and_then(Option::as_ref);
                        redact::section_view(s, mark, reveal, &names)
                    })
                    .collect(),
            })
            .collect())
    }

    pub(super) fn user_names_in(&self, w: &WriteTxn) -> Result<Vec<(UserId, String)>> {
        w.users_all()?
            .into_iter()
            .map(|(id, sealed)| Ok((id, self.open_user(&id, &sealed)?.name)))
            .collect()
    }
}

/// A user's name from a list of (id, name), or "(unknown)".
pub(super) fn name_in(names: &[(UserId, String)], id: &UserId) -> String {
    names
        .iter()
        .find(|(u, _)| u == id)
        .map(|(_, n)| n.clone())
        .unwrap_or_else(|| "(unknown)".into())
}

pub(super) fn damaged_change(note: NoteId, c: ClientRef) -> SessionError {
    StoreError::Inconsistent(format!(
        "a change to note {note} of {c} does not open (the store was damaged or altered); run `casenotes check`"
    ))
    .into()
}
