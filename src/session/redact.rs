//! Redaction: a supervisor destroys the text of one section of a note, in every stored version
//! of it, and leaves a marker saying who redacted it, when and why; then compacts the store file
//! so that no copy of the old sealed text is left in its free space.
//!
//! Which stored sections one redaction covers (the section as the note stands, its earlier
//! revisions, or an addendum's one section) and how a later correction keeps the marker are the
//! rules of [`crate::domain::RedactionMap`]. A signed-off note can be redacted: redaction is a
//! supervisor's act of accuracy or erasure, not an edit of the note, and the sign-off stands.
//! Drafts that may hold the same text are their authors' and are not touched.

use zeroize::Zeroize;

use crate::domain::{
    self, AuditAction, ChangeKind, ClientRef, NoteChange, NoteId, Place, RedactError, Redaction,
    RedactionMap, Section, UserId,
};
use crate::store::{CompactProgress, StoreError};

use super::supervision::{damaged_change, name_in};
use super::*;

/// What an action agreed in a redacted section says once its text is destroyed.
pub const REDACTED_ACTION_TEXT: &str = "(redacted: see its note)";

/// What a redaction did.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RedactOutcome {
    /// How many stored versions of the section had their text destroyed: the section as the
    /// note stood and its versions in earlier revisions (one for an addendum).
    pub versions: usize,
    /// How many actions agreed in the section (when it is the note's "Actions agreed" as first
    /// saved) had their text destroyed too.
    pub actions: usize,
    /// Whether the store file was compacted afterwards.
    pub compaction: Compaction,
}

/// Whether the store file was compacted after a change that must leave no old copy in it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Compaction {
    /// Compacted: the file's free space holds nothing of the old records.
    Done,
    /// Not compacted (other programs kept reading the store, or the file could not be
    /// rewritten): the change is saved, but the old records' sealed bytes may stay in the file's
    /// free space until it is compacted ([`Session::compact_store`]). One line saying why.
    Pending(String),
}

impl Session {
    /// Redacts section `section` (counted from 0, in the note as it stands: its newest
    /// revision's sections, then its addenda) of note `note` of client `r`, for `reason`
    /// (checked like every stated reason). Supervisors holding the case keys.
    ///
    /// In one durable transaction: the section's text is destroyed (emptied, and zeroed in
    /// memory) in every stored record that holds a version of it — the note's record, its
    /// corrections, or the addendum (which versions: see [`crate::domain::RedactionMap`]) —
    /// and in the actions agreed in it; a redaction change records who, when and the reason
    /// (sealed under the client's data keys); and the `section-redacted` event is logged, its
    /// reason sealed. Nothing else in those records changes. A section already redacted, or one
    /// the note does not have, is refused and nothing is written. A signed-off note can be
    /// redacted.
    ///
    /// Then the store file is compacted (see [`Compaction`]); the redaction stands whether or
    /// not that succeeds.
    pub fn redact_section(
        &self,
        r: ClientRef,
        note: NoteId,
        section: usize,
        reason: &str,
    ) -> Result<RedactOutcome> {
        self.redact_section_with(r, note, section, reason, |_| {})
    }

    /// As [`Session::redact_section`], reporting the compaction's steps to `progress`.
    pub fn redact_section_with(
        &self,
        r: ClientRef,
        note: NoteId,
        section: usize,
        reason: &str,
        progress: impl FnMut(CompactProgress),
    ) -> Result<RedactOutcome> {
        self.may(Operation::Redact)?;
        let reason = domain::validate_reason(reason).map_err(SessionError::Invalid)?;
        let no_section = |count: usize| {
            SessionError::Invalid(format!(
                "{note} has no section {} (it has {count})",
                section.saturating_add(1)
            ))
        };
        let index = u32::try_from(section).map_err(|_| no_section(0))?;
        let mut w = self.begin()?;
        let (keys, client) = self.open_client_in(&w, r)?;
        if !client.lists(note) {
            return Err(SessionError::UnknownNote(r, note));
        }
        let sealed = w.note_get(r, note.0)?.ok_or(StoreError::Corrupt)?;
        let mut saved = self.unseal_note(&keys, r, note.0, &sealed)?;
        let mut numbers = Vec::new();
        let mut changes = Vec::new();
        for (n, sealed) in w.changes_of_note(r, note.0)? {
            numbers.push(n);
            changes.push(
                self.open_change(&keys, r, note.0, n, &sealed)
                    .map_err(|_| damaged_change(note, r))?,
            );
        }
        let map = RedactionMap::of(&saved, &changes);
        let plan = match map.plan(&saved, &changes, section) {
            Ok(plan) => plan,
            Err(RedactError::NoSuchSection { sections }) => return Err(no_section(sections)),
            Err(RedactError::AlreadyRedacted { by }) => {
                let names = self.user_names_in(&w)?;
                let when = map
                    .redaction(&changes, by)
                    .map(|m| {
                        format!(
                            " by {} on {}",
                            name_in(&names, &m.by),
                            domain::format_time(m.at)
                        )
                    })
                    .unwrap_or_default();
                return Err(SessionError::Invalid(format!(
                    "section {} of {note} is already redacted{when}",
                    section + 1
                )));
            }
        };

        // Destroy the text wherever the plan says, then write back only what changed.
        let mut note_changed = false;
        let mut changed: Vec<usize> = Vec::new();
        let mut first_saved = None;
        for (place, j) in &plan {
            let target = match *place {
                Place::Note => {
                    note_changed = true;
                    first_saved = Some(*j);
                    saved.sections.get_mut(*j)
                }
                Place::Change(i) => {
                    changed.push(i);
                    changes.get_mut(i).and_then(|c| c.sections.get_mut(*j))
                }
            };
            if let Some(s) = target {
                wipe(&mut s.text);
            }
        }
        if note_changed {
            w.note_put(r, note.0, &self.seal_note(&keys, &saved)?)?;
        }
        changed.sort_unstable();
        changed.dedup();
        for i in changed {
            if let (Some(&n), Some(c)) = (numbers.get(i), changes.get(i)) {
                w.change_put(r, note.0, n, &self.seal_change(&keys, r, n, c)?)?;
            }
        }
        // Actions are filed from the note as first saved, by section position.
        let mut actions = 0;
        if let Some(j) = first_saved.and_then(|j| u32::try_from(j).ok()) {
            for mut a in self.open_actions_of(&w, &keys, &client)? {
                if a.note == note && a.section == j {
                    wipe(&mut a.text);
                    a.text.push_str(REDACTED_ACTION_TEXT);
                    w.action_put(r, a.number, &self.seal_action(&keys, &a)?)?;
                    actions += 1;
                }
            }
        }

        let change = NoteChange {
            kind: ChangeKind::Redaction { section: index },
            note,
            by: self.user.id,
            at: domain::now(),
            why: reason.clone(),
            sections: Vec::new(),
            written_at: 0,
        };
        let event = self.event(
            AuditAction::SectionRedacted {
                note,
                section: index,
            },
            Some(r),
            Some(reason),
        );
        self.put_change(w, r, &keys, change, vec![event], false)?;
        drop((saved, changes));

        let compaction = match self.store.compact_shared(progress) {
            Ok(()) => Compaction::Done,
            Err(e) => Compaction::Pending(e.to_string()),
        };
        Ok(RedactOutcome {
            versions: plan.len(),
            actions,
            compaction,
        })
    }

    /// Compacts the store file, so that records replaced or deleted (a redacted section's old
    /// text, say) leave nothing in its free space; for when a redaction could not (see
    /// [`Compaction::Pending`]). Supervisors and administrators (it reads no record). Not
    /// logged. Retries for a few seconds while other programs are reading the store, then
    /// fails with one line saying so.
    pub fn compact_store(&self, progress: impl FnMut(CompactProgress)) -> Result<()> {
        self.refuse_if_must_change()?;
        self.require(&[Role::Supervisor, Role::Admin], "compacting the store")?;
        Ok(self.store.compact_shared(progress)?)
    }
}

/// Empties a stored text, zeroing what it held.
fn wipe(text: &mut String) {
    text.zeroize();
    text.clear();
}

/// A section as a face receives it: its marker if a supervisor redacted it (see
/// [`SectionView`]); otherwise its text if ordinary or `revealed`, else masked.
pub(super) fn section_view(
    s: &Section,
    redaction: Option<&Redaction>,
    revealed: bool,
    names: &[(UserId, String)],
) -> SectionView {
    let (body, redacted) = match redaction {
        Some(m) => {
            let mark = RedactionMark {
                by: name_in(names, &m.by),
                at: m.at,
                reason: Redacted::new(m.reason.clone()),
            };
            (SectionBody::Shown(mark.describe().into()), Some(mark))
        }
        None if !s.sensitivity.is_masked() => (SectionBody::Shown(s.text.clone().into()), None),
        None if revealed => (SectionBody::Revealed(s.text.clone().into()), None),
        None => (SectionBody::Masked, None),
    };
    SectionView {
        heading: s.heading.clone(),
        sensitivity: s.sensitivity,
        body,
        redacted,
    }
}

/// The refusal of a reveal of a redacted section: there is no text to reveal.
pub(super) fn nothing_to_reveal(note: NoteId, index: usize, m: &Redaction) -> SessionError {
    SessionError::Invalid(format!(
        "section {} of {note} was redacted on {}: its text was destroyed, so there is nothing to reveal",
        index + 1,
        domain::format_time(m.at)
    ))
}
