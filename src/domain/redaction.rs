//! Redaction: a supervisor destroys the text of one section of a note in every stored version of
//! it, and leaves a marker saying who, when and why.
//!
//! A redaction is a change record of its note ([`ChangeKind::Redaction`], carrying the section's
//! position, who, when and why); the text it covers is emptied in the records that held it, and
//! nothing else marks them. Which stored sections one redaction covers is worked out by
//! [`RedactionMap`] from the note and its changes in order — the same way when the redaction is
//! made (to know which texts to destroy) and every time the note is read (to show the marker in
//! their place), so the two always agree:
//!
//! - The section redacted is named by its position in the note as it stood: its newest
//!   revision's sections, then its addenda (as a face lists them). An addendum is redacted in its
//!   own record only.
//! - A section of the newest revision is followed back through every older revision: in each,
//!   the section at the same position if its heading is the same (compared trimmed and ignoring
//!   case); otherwise the first one with that heading; otherwise the section at the same
//!   position (its heading was corrected too); otherwise none in that revision. Sections already
//!   covered by an earlier redaction are passed over.
//! - A correction made after a redaction keeps the marker ([`RedactionMap::carry_into`]): the
//!   corrected section with the redacted one's heading (at the same position if there is one
//!   there, else the first such) becomes the redacted section again, its text dropped; with no
//!   such section, the redacted one is put back at the end. Reading follows the same rule among
//!   the sections whose text is empty, which only a redaction leaves. (Several redacted sections
//!   with one heading are told apart by position; in a rare reordering two of them can swap
//!   markers, never a marker and text.)

use zeroize::{Zeroize, ZeroizeOnDrop};

use super::{ChangeKind, Note, NoteChange, Section, Timestamp, UserId};

/// Where a stored section lives: in the note's own record (its first revision), or in one of
/// its changes, by position among the note's changes (oldest first).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Place {
    Note,
    Change(usize),
}

/// One revision of a note and, for each of its sections, the redaction covering it (an index
/// into [`RedactionMap::redactions`]).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RevisionMarks {
    pub place: Place,
    pub marks: Vec<Option<usize>>,
}

/// One addendum section and the redaction covering it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct AddendumMark {
    pub place: Place,
    /// Its position among its change's sections (an addendum has one).
    pub index: usize,
    pub mark: Option<usize>,
}

/// Who redacted a section, when and why: what its redaction's change record says.
#[derive(Clone, PartialEq, Eq, Zeroize, ZeroizeOnDrop)]
pub struct Redaction {
    #[zeroize(skip)]
    pub by: UserId,
    pub at: Timestamp,
    pub reason: String,
}

impl std::fmt::Debug for Redaction {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Redaction")
            .field("at", &self.at)
            .finish_non_exhaustive()
    }
}

/// Why a section cannot be redacted.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum RedactError {
    /// The note as it stands has only this many sections.
    NoSuchSection { sections: usize },
    /// It is redacted already, by the redaction at this index of
    /// [`RedactionMap::redactions`].
    AlreadyRedacted { by: usize },
}

/// Which stored sections of a note its redactions cover (see the module's rules).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RedactionMap {
    /// Every revision, oldest first: the note as saved, then each correction.
    pub revisions: Vec<RevisionMarks>,
    /// Every addendum section, in the order added.
    pub addenda: Vec<AddendumMark>,
    /// The note's redactions, oldest first, by position among its changes.
    pub redactions: Vec<usize>,
}

/// A section a new redaction covers, as the map holds it.
#[derive(Debug, Clone, Copy)]
enum Target {
    Revision { revision: usize, section: usize },
    Addendum(usize),
}

fn same_heading(a: &str, b: &str) -> bool {
    a.trim().to_lowercase() == b.trim().to_lowercase()
}

/// The sections stored at `place`; none for a place the note does not have.
pub fn sections_at<'a>(note: &'a Note, changes: &'a [NoteChange], place: Place) -> &'a [Section] {
    match place {
        Place::Note => &note.sections,
        Place::Change(i) => changes.get(i).map_or(&[], |c| &c.sections),
    }
}

impl RedactionMap {
    /// Works out, from a note and its changes (oldest first), which of its stored sections its
    /// redactions cover. A redaction naming a section the note did not have then covers nothing.
    pub fn of(note: &Note, changes: &[NoteChange]) -> RedactionMap {
        let mut map = RedactionMap {
            revisions: vec![RevisionMarks {
                place: Place::Note,
                marks: vec![None; note.sections.len()],
            }],
            addenda: Vec::new(),
            redactions: Vec::new(),
        };
        for (i, c) in changes.iter().enumerate() {
            match c.kind {
                ChangeKind::Revision => {
                    let marks = map.carried(note, changes, &c.sections);
                    map.revisions.push(RevisionMarks {
                        place: Place::Change(i),
                        marks,
                    });
                }
                ChangeKind::Addendum => {
                    for index in 0..c.sections.len() {
                        map.addenda.push(AddendumMark {
                            place: Place::Change(i),
                            index,
                            mark: None,
                        });
                    }
                }
                ChangeKind::Review => {}
                ChangeKind::Redaction { section } => {
                    let r = map.redactions.len();
                    map.redactions.push(i);
                    if let Ok(targets) = map.targets(note, changes, section as usize) {
                        map.mark(&targets, r);
                    }
                }
            }
        }
        map
    }

    /// The newest revision.
    fn latest(&self) -> &RevisionMarks {
        // Never empty: the note as saved is the first revision.
        &self.revisions[self.revisions.len() - 1]
    }

    /// The redaction covering each section of the note as it stands: its newest revision's
    /// sections, then its addenda.
    pub fn current(&self) -> Vec<Option<usize>> {
        let mut out = self.latest().marks.clone();
        out.extend(self.addenda.iter().map(|a| a.mark));
        out
    }

    /// Who made redaction `r` (an index into [`RedactionMap::redactions`]), when and why.
    pub fn redaction(&self, changes: &[NoteChange], r: usize) -> Option<Redaction> {
        let c = changes.get(*self.redactions.get(r)?)?;
        Some(Redaction {
            by: c.by,
            at: c.at,
            reason: c.why.clone(),
        })
    }

    /// The stored sections a new redaction of `section` (counted from 0 in the note as it
    /// stands) would cover, each as its place and its position there: the section itself first,
    /// then its earlier versions, newest first.
    pub fn plan(
        &self,
        note: &Note,
        changes: &[NoteChange],
        section: usize,
    ) -> Result<Vec<(Place, usize)>, RedactError> {
        Ok(self
            .targets(note, changes, section)?
            .into_iter()
            .map(|t| match t {
                Target::Revision { revision, section } => (self.revisions[revision].place, section),
                Target::Addendum(a) => (self.addenda[a].place, self.addenda[a].index),
            })
            .collect())
    }

    fn targets(
        &self,
        note: &Note,
        changes: &[NoteChange],
        section: usize,
    ) -> Result<Vec<Target>, RedactError> {
        let newest = self.revisions.len() - 1;
        let latest = self.latest();
        let sections = sections_at(note, changes, latest.place);
        if section >= sections.len() {
            let a = section - sections.len();
            let addendum = self.addenda.get(a).ok_or(RedactError::NoSuchSection {
                sections: sections.len() + self.addenda.len(),
            })?;
            if let Some(by) = addendum.mark {
                return Err(RedactError::AlreadyRedacted { by });
            }
            return Ok(vec![Target::Addendum(a)]);
        }
        if let Some(by) = latest.marks.get(section).copied().flatten() {
            return Err(RedactError::AlreadyRedacted { by });
        }
        let mut out = vec![Target::Revision {
            revision: newest,
            section,
        }];
        let (mut at, mut heading) = (section, sections[section].heading.as_str());
        for revision in (0..newest).rev() {
            let rev = &self.revisions[revision];
            let older = sections_at(note, changes, rev.place);
            let free = |j: usize| j < older.len() && rev.marks.get(j).is_some_and(Option::is_none);
            let found = (free(at) && same_heading(&older[at].heading, heading))
                .then_some(at)
                .or_else(|| {
                    (0..older.len()).find(|&j| free(j) && same_heading(&older[j].heading, heading))
                })
                .or_else(|| free(at).then_some(at));
            if let Some(j) = found {
                out.push(Target::Revision {
                    revision,
                    section: j,
                });
                at = j;
                heading = older[j].heading.as_str();
            }
        }
        Ok(out)
    }

    fn mark(&mut self, targets: &[Target], r: usize) {
        for t in targets {
            match *t {
                Target::Revision { revision, section } => {
                    if let Some(m) = self.revisions[revision].marks.get_mut(section) {
                        *m = Some(r);
                    }
                }
                Target::Addendum(a) => self.addenda[a].mark = Some(r),
            }
        }
    }

    /// The redacted sections of the newest revision, in order: (position, redaction, section).
    fn redacted_now<'a>(
        &self,
        note: &'a Note,
        changes: &'a [NoteChange],
    ) -> Vec<(usize, usize, &'a Section)> {
        let latest = self.latest();
        let sections = sections_at(note, changes, latest.place);
        latest
            .marks
            .iter()
            .enumerate()
            .filter_map(|(i, m)| Some((i, (*m)?, sections.get(i)?)))
            .collect()
    }

    /// The marks a correction stored as `new` inherits from the newest revision (see the
    /// module's rules): among the sections whose text is empty.
    fn carried(&self, note: &Note, changes: &[NoteChange], new: &[Section]) -> Vec<Option<usize>> {
        let mut marks = vec![None; new.len()];
        for (i, r, old) in self.redacted_now(note, changes) {
            let free = |j: usize, marks: &[Option<usize>]| {
                new.get(j).is_some_and(|s| {
                    s.text.is_empty()
                        && marks[j].is_none()
                        && same_heading(&s.heading, &old.heading)
                })
            };
            let found = free(i, &marks)
                .then_some(i)
                .or_else(|| (0..new.len()).find(|&j| free(j, &marks)));
            if let Some(j) = found {
                marks[j] = Some(r);
            }
        }
        marks
    }

    /// Makes a correction's sections keep the note's redactions (see the module's rules): the
    /// section that takes a redacted one's place has its text dropped (zeroed) and the redacted
    /// one's label; a redacted section with no such section is put back at the end.
    pub fn carry_into(&self, note: &Note, changes: &[NoteChange], new: &mut Vec<Section>) {
        let mut taken: Vec<bool> = vec![false; new.len()];
        for (i, _, old) in self.redacted_now(note, changes) {
            let free = |j: usize, taken: &[bool]| {
                new.get(j)
                    .is_some_and(|s| !taken[j] && same_heading(&s.heading, &old.heading))
            };
            match free(i, &taken)
                .then_some(i)
                .or_else(|| (0..new.len()).find(|&j| free(j, &taken)))
            {
                Some(j) => {
                    new[j].text.zeroize();
                    new[j].text = String::new();
                    new[j].sensitivity = old.sensitivity;
                    taken[j] = true;
                }
                None => {
                    new.push(Section {
                        heading: old.heading.clone(),
                        sensitivity: old.sensitivity,
                        text: String::new(),
                    });
                    taken.push(true);
                }
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::{Channel, ClientRef, NoteId, NoteStatus, Sensitivity};

    fn s(h: &str, t: &str) -> Section {
        Section {
            heading: h.into(),
            sensitivity: Sensitivity::Ordinary,
            text: t.into(),
        }
    }

    fn note(sections: Vec<Section>) -> Note {
        Note {
            id: NoteId(1),
            client: ClientRef(1),
            author: UserId([1; 16]),
            contact_at: 0,
            channel: Channel::Phone,
            status: NoteStatus::Final,
            sections,
            created_at: 0,
            written_at: 0,
        }
    }

    fn change(kind: ChangeKind, sections: Vec<Section>) -> NoteChange {
        NoteChange {
            kind,
            note: NoteId(1),
            by: UserId([2; 16]),
            at: 5,
            why: "why".into(),
            sections,
            written_at: 0,
        }
    }

    fn redaction(section: u32) -> NoteChange {
        change(ChangeKind::Redaction { section }, Vec::new())
    }

    /// Applies a redaction as the session does: empties what it covers, then records it.
    fn redact(n: &mut Note, changes: &mut Vec<NoteChange>, section: usize) -> Vec<(Place, usize)> {
        let plan = RedactionMap::of(n, changes)
            .plan(n, changes, section)
            .expect("plan");
        for (place, j) in &plan {
            match place {
                Place::Note => n.sections[*j].text.clear(),
                Place::Change(i) => changes[*i].sections[*j].text.clear(),
            }
        }
        changes.push(redaction(section as u32));
        plan
    }

    #[test]
    fn a_section_is_followed_back_through_every_revision() {
        let mut n = note(vec![s("Query", "q1"), s("Health", "SECRET 1")]);
        let mut ch = vec![
            change(
                ChangeKind::Revision,
                vec![s("Health", "SECRET 2"), s("Query", "q2")],
            ),
            change(ChangeKind::Addendum, vec![s("Addendum", "later")]),
            change(
                ChangeKind::Revision,
                vec![s("Query", "q3"), s("health ", "SECRET 3")],
            ),
        ];
        let plan = redact(&mut n, &mut ch, 1);
        assert_eq!(
            plan,
            vec![
                (Place::Change(2), 1),
                (Place::Change(0), 0),
                (Place::Note, 1)
            ]
        );
        let map = RedactionMap::of(&n, &ch);
        assert_eq!(map.current(), vec![None, Some(0), None]);
        assert_eq!(map.revisions[0].marks, vec![None, Some(0)]);
        assert_eq!(map.revisions[1].marks, vec![Some(0), None]);
        assert_eq!(map.redaction(&ch, 0).expect("made").reason, "why");
        // Twice is refused; so is a section the note does not have.
        assert_eq!(
            map.plan(&n, &ch, 1),
            Err(RedactError::AlreadyRedacted { by: 0 })
        );
        assert_eq!(
            map.plan(&n, &ch, 3),
            Err(RedactError::NoSuchSection { sections: 3 })
        );
    }

    #[test]
    fn a_renamed_heading_falls_back_to_the_same_position_and_an_addendum_to_itself() {
        let mut n = note(vec![s("Helth", "SECRET 1"), s("Query", "q")]);
        let mut ch = vec![
            change(
                ChangeKind::Revision,
                vec![s("Health", "SECRET 2"), s("Query", "q")],
            ),
            change(ChangeKind::Addendum, vec![s("Addendum", "ADDED")]),
        ];
        assert_eq!(
            redact(&mut n, &mut ch, 0),
            vec![(Place::Change(0), 0), (Place::Note, 0)]
        );
        assert_eq!(redact(&mut n, &mut ch, 2), vec![(Place::Change(1), 0)]);
        let map = RedactionMap::of(&n, &ch);
        assert_eq!(map.current(), vec![Some(0), None, Some(1)]);
        assert_eq!(map.redactions, vec![2, 3]);
    }

    #[test]
    fn a_correction_after_a_redaction_keeps_the_marker() {
        let mut n = note(vec![s("Query", "q"), s("Health", "SECRET")]);
        let mut ch = Vec::new();
        redact(&mut n, &mut ch, 1);
        // The author's correction names the section again, with text: the text is dropped.
        let map = RedactionMap::of(&n, &ch);
        let mut new = vec![
            s("Query", "q2"),
            s("Health", "SECRET AGAIN"),
            s("Plan", "p"),
        ];
        map.carry_into(&n, &ch, &mut new);
        assert_eq!(new[1].text, "");
        ch.push(change(ChangeKind::Revision, new));
        assert_eq!(
            RedactionMap::of(&n, &ch).current(),
            vec![None, Some(0), None]
        );
        // A correction that leaves it out has it put back at the end.
        let map = RedactionMap::of(&n, &ch);
        let mut new = vec![s("Query", "q3")];
        map.carry_into(&n, &ch, &mut new);
        assert_eq!(new.len(), 2);
        assert_eq!(new[1].heading, "Health");
        ch.push(change(ChangeKind::Revision, new));
        let map = RedactionMap::of(&n, &ch);
        assert_eq!(map.current(), vec![None, Some(0)]);
        // Redacting the query now covers each revision's query, not the redacted sections.
        let plan = map.plan(&n, &ch, 0).expect("plan");
        assert_eq!(
            plan,
            vec![
                (Place::Change(2), 0),
                (Place::Change(1), 0),
                (Place::Note, 0)
            ]
        );
    }

    #[test]
    fn a_new_section_with_the_same_heading_keeps_its_text() {
        let mut n = note(vec![s("Query", "q"), s("Health", "SECRET")]);
        let mut ch = Vec::new();
        redact(&mut n, &mut ch, 1);
        let map = RedactionMap::of(&n, &ch);
        let mut new = vec![
            s("Health", "new, kept"),
            s("Health", "Redacted by sup: marker text as a face showed it"),
        ];
        map.carry_into(&n, &ch, &mut new);
        assert_eq!(new[0].text, "new, kept");
        assert_eq!(new[1].text, "");
        ch.push(change(ChangeKind::Revision, new));
        assert_eq!(RedactionMap::of(&n, &ch).current(), vec![None, Some(0)]);
    }
}
