//! Integrity beyond each record's seal: that no record was removed and that the records and the
//! audit trail were written together.
//!
//! - Sealed record counts in meta, updated in every transaction that adds a client, a note or an
//!   action and compared with the tables' lengths at sign-in (cheap: redb keeps each table's
//!   length in its header).
//! - Each client record lists its notes and counts its actions (and lists the open ones):
//!   opening a client with a note or action missing or damaged fails, naming it, instead of
//!   showing fewer.
//! - Each client, note and action record carries the sequence number of the audit event written
//!   in the same transaction. Both directions are checked: every record's event exists and
//!   concerns it, every `client-created` and `note-added` event's record exists, and the trail
//!   accounts for every client and note held. An older audit trail copied into the file
//!   therefore leaves records pointing at events it does not hold. (A redaction empties a
//!   section's text in a note, its changes and its actions and keeps their events: it is
//!   accounted for by its own change record, written at its `section-redacted` event.)
//! - Each client record's summary for the dashboard (its notes' contact times and sign-offs,
//!   its last contact, its open actions and their due dates) is recounted from the notes,
//!   their changes and the actions by the deep check.
//! - `casenotes check`: all of the above, redb's own check of the file, and every record the
//!   caller's keys open.

use std::collections::{BTreeMap, BTreeSet};

use crate::domain::{
    AuditAction, AuditEvent, ChangeKind, Client, ClientRef, Date, Note, NoteId, Timestamp,
};
use crate::store::{ActionReads, Counts, ReadTxn, StoreError, WriteTxn, meta, table};
use crate::vault::{self, Aad, DataKeys};

use super::*;

fn counts_aad() -> Aad<'static> {
    Aad {
        table: table::META,
        id: meta::COUNTS.as_bytes(),
    }
}

pub(super) fn inconsistent(what: String) -> SessionError {
    StoreError::Inconsistent(what).into()
}

/// The error for a note a client's record lists but the store cannot give back.
fn missing_note(note: NoteId, client: ClientRef) -> SessionError {
    inconsistent(format!(
        "note {note} of {client} is missing or damaged; run `casenotes check`"
    ))
}

/// What `casenotes check` found.
#[derive(Debug, Clone, Default)]
pub struct CheckReport {
    /// One line per problem, naming the record or event concerned (never what it holds).
    pub problems: Vec<String>,
    /// What was checked, for the summary line ("storage", "40 clients", …).
    pub checked: Vec<String>,
}

impl CheckReport {
    /// Whether nothing is wrong.
    pub fn is_ok(&self) -> bool {
        self.problems.is_empty()
    }
}

/// What the links between records and the trail look like (see [`Session::cross_check`]).
pub(super) struct Links {
    pub problems: Vec<String>,
    /// Client, note and action records opened (none when the caller holds no client keys).
    pub clients: u64,
    pub notes: u64,
    pub actions: u64,
}

impl StoreHandle {
    /// Marks the store as opened by `casenotes check`: a sign-in that finds records missing
    /// does not stop, so that the check can name them.
    pub fn for_check(self) -> StoreHandle {
        StoreHandle(self.0.for_check())
    }
}

impl Session {
    // ----- counts -----

    fn seal_counts(&self, w: &mut WriteTxn, counts: Counts) -> Result<()> {
        let sealed = vault::seal_record(&self.master, counts_aad(), &counts)?;
        w.meta_put(meta::COUNTS, &sealed)?;
        Ok(())
    }

    fn open_counts(&self, sealed: Option<Vec<u8>>) -> std::result::Result<Counts, String> {
        let sealed = sealed.ok_or("the store's record counts are missing")?;
        vault::open_record(&self.master, counts_aad(), &sealed)
            .map_err(|_| "the store's record counts do not open (damaged or altered)".to_string())
    }

    /// Starts a new store's record counts at zero (called with its first audit event).
    pub(super) fn start_counts(&self, w: &mut WriteTxn) -> Result<()> {
        if w.meta_get(meta::COUNTS)?.is_none() {
            self.seal_counts(w, Counts::default())?;
        }
        Ok(())
    }

    /// Records that the clients, notes and actions in `added` were added inside `w`, after
    /// checking that the tables now hold exactly the recorded counts plus those.
    pub(super) fn bump_counts(&self, w: &mut WriteTxn, added: Counts) -> Result<()> {
        self.change_counts(w, |old| Counts {
            clients: old.clients.saturating_add(added.clients),
            notes: old.notes.saturating_add(added.notes),
            actions: old.actions.saturating_add(added.actions),
        })
    }

    /// Records that the clients, notes and actions in `removed` were erased inside `w`, after
    /// checking that the tables now hold exactly the recorded counts less those.
    pub(super) fn reduce_counts(&self, w: &mut WriteTxn, removed: Counts) -> Result<()> {
        self.change_counts(w, |old| Counts {
            clients: old.clients.saturating_sub(removed.clients),
            notes: old.notes.saturating_sub(removed.notes),
            actions: old.actions.saturating_sub(removed.actions),
        })
    }

    /// Seals the counts `change` makes of the recorded ones, after checking that the tables
    /// inside `w` hold exactly that many.
    fn change_counts(&self, w: &mut WriteTxn, change: impl FnOnce(Counts) -> Counts) -> Result<()> {
        let old = self
            .open_counts(w.meta_get(meta::COUNTS)?)
            .map_err(|e| inconsistent(format!("{e}; run `casenotes check`")))?;
        let new = change(old);
        let held = w.held_counts()?;
        if held != new {
            return Err(inconsistent(format!(
                "{}; run `casenotes check`",
                describe_counts(held, new)
            )));
        }
        self.seal_counts(w, new)
    }

    /// Compares the sealed counts with the tables' lengths; on a difference, names a missing
    /// record where it can.
    fn counts_problem(&self, r: &ReadTxn) -> Result<Option<String>> {
        let recorded = match self.open_counts(r.meta_get(meta::COUNTS)?) {
            Ok(c) => c,
            Err(e) => return Ok(Some(e)),
        };
        // Counted row by row: a row deleted behind the store's back is caught at sign-in.
        let held = r.counted()?;
        if held == recorded {
            return Ok(None);
        }
        let counts = describe_counts(held, recorded);
        Ok(Some(match self.name_missing(r)? {
            Some(named) => format!("{named} ({counts})"),
            None => counts,
        }))
    }

    /// The first client or note whose number was handed out but whose record is gone. Only
    /// references are read, plus (for roles that read case content) the client records, to
    /// say whose note it was.
    fn name_missing(&self, r: &ReadTxn) -> Result<Option<String>> {
        let erased = self.erased_list(r).unwrap_or_default();
        let mut clients: BTreeSet<u64> = r.client_refs()?.into_iter().map(|c| c.0).collect();
        let mut notes: BTreeSet<u64> = r.note_keys()?.into_iter().map(|(_, n)| n).collect();
        for e in &erased {
            clients.insert(e.reference.0);
            notes.extend(e.notes.iter().copied());
        }
        if let Some(c) = (1..=r.meta_u64(meta::NEXT_CLIENT)?).find(|c| !clients.contains(c)) {
            return Ok(Some(format!("client {} is missing", ClientRef(c))));
        }
        let Some(n) = (1..=r.meta_u64(meta::NEXT_NOTE)?).find(|n| !notes.contains(n)) else {
            return Ok(None);
        };
        let note = NoteId(n);
        if self.user.role.reads_case_content() {
            for c in &clients {
                let client = ClientRef(*c);
                if let Ok((_, record)) = self.open_client_record(r, client)
                    && record.lists(note)
                {
                    return Ok(Some(format!(
                        "note {note} of {client} is missing or damaged"
                    )));
                }
            }
        }
        Ok(Some(format!("note {note} is missing")))
    }

    /// The checks run at every sign-in: the record counts (a few table headers and one sealed
    /// record), then this machine's witness of the store's history. Counts that disagree stop
    /// the sign-in, except for `casenotes check`, which reports them. On a store whose counts
    /// agree, an account holding the case keys then records any missing assignments.
    pub(super) fn sign_in_checks(&self) -> Result<()> {
        let r = self.store.read()?;
        let problem = self.counts_problem(&r)?;
        drop(r);
        if let Some(p) = &problem
            && !self.store.is_for_check()
        {
            return Err(inconsistent(format!("{p}; run `casenotes check`")));
        }
        self.check_witness();
        if problem.is_none() {
            // Best effort: an index for administrators, which must not keep anyone from
            // signing in (a busy or damaged store is reported by what the user does next, and
            // by `casenotes check`).
            let _ = self.record_missing_assignments();
        }
        Ok(())
    }

    // ----- a client's notes -----

    /// Opens every note `client` lists, oldest first. A listed note that is missing or does not
    /// open, or a note filed under the client that it does not list, is an error naming it.
    pub(super) fn open_notes(
        &self,
        r: &ReadTxn,
        key: &DataKeys,
        client: &Client,
    ) -> Result<Vec<Note>> {
        let c = client.reference;
        let mut present: BTreeMap<u64, Vec<u8>> = r.notes_of(c)?.into_iter().collect();
        let mut out = Vec::with_capacity(client.notes.len());
        for id in client.note_ids() {
            let sealed = present.remove(&id.0).ok_or_else(|| missing_note(id, c))?;
            out.push(
                self.unseal_note(key, c, id.0, &sealed)
                    .map_err(|_| missing_note(id, c))?,
            );
        }
        if let Some(&extra) = present.keys().next() {
            return Err(inconsistent(format!(
                "note {} is filed under {c} but not listed in its record (the store was altered); run `casenotes check`",
                NoteId(extra)
            )));
        }
        Ok(out)
    }

    /// Opens one note of `client`: unknown if the client does not list it, an error naming it
    /// if listed but missing or damaged.
    pub(super) fn open_listed_note(
        &self,
        r: &ReadTxn,
        key: &DataKeys,
        client: &Client,
        note: NoteId,
    ) -> Result<Note> {
        let c = client.reference;
        if !client.lists(note) {
            return Err(SessionError::UnknownNote(c, note));
        }
        let sealed = r
            .note_get(c, note.0)?
            .ok_or_else(|| missing_note(note, c))?;
        self.unseal_note(key, c, note.0, &sealed)
            .map_err(|_| missing_note(note, c))
    }

    // ----- records and the trail -----

    /// Checks the links between records and the audit trail `events` (every event that opens,
    /// by sequence number). Every `client-created` and `note-added` event's record must exist,
    /// and the trail must account for every client and note held; with `deep` (a caller
    /// holding client keys) every client and note record is opened, its event must exist and
    /// concern it, each client's list of notes must match the notes filed under it, and the
    /// summary its record keeps for the dashboard (each note's contact time and sign-off, the
    /// last contact, the open actions' due dates) must equal a recount from the notes, their
    /// changes and the actions (named after every other problem, being most often their
    /// consequence).
    pub(super) fn cross_check(
        &self,
        r: &ReadTxn,
        events: &BTreeMap<u64, AuditEvent>,
        deep: bool,
    ) -> Result<Links> {
        let mut links = Links {
            problems: Vec::new(),
            clients: 0,
            notes: 0,
            actions: 0,
        };
        let clients: BTreeSet<u64> = r.client_refs()?.into_iter().map(|c| c.0).collect();
        let keys: BTreeSet<u64> = r.client_key_refs()?.into_iter().map(|c| c.0).collect();
        let notes: BTreeSet<(u64, u64)> =
            r.note_keys()?.into_iter().map(|(c, n)| (c.0, n)).collect();
        let actions: BTreeSet<(u64, u32)> = r
            .action_keys()?
            .into_iter()
            .map(|(c, n)| (c.0, n))
            .collect();
        // Records already reported missing, so that one loss gives one line.
        let mut reported: BTreeSet<(u64, u64)> = BTreeSet::new();
        let mut summaries: Vec<String> = Vec::new();
        let p = &mut links.problems;

        for c in clients.union(&keys) {
            let c = ClientRef(*c);
            if !clients.contains(&c.0) {
                p.push(format!("client {c} is missing (its data key is present)"));
                reported.insert((c.0, 0));
                continue;
            }
            if !keys.contains(&c.0) {
                p.push(format!("client {c}: its data key is missing"));
                continue;
            }
            if !deep {
                continue;
            }
            let (key, client) = match self.open_client_record(r, c) {
                Ok(k) => k,
                Err(_) => {
                    p.push(format!("client {c} does not open (damaged or altered)"));
                    continue;
                }
            };
            links.clients += 1;
            match events.get(&client.written_at) {
                None => p.push(format!(
                    "client {c} was written at event {}, which the audit trail does not hold: events were removed or the trail was rolled back",
                    client.written_at
                )),
                Some(e) if e.client == Some(c) || matches!(e.action, AuditAction::Seeded { .. }) => {}
                Some(_) => p.push(format!(
                    "client {c} was written at event {}, which concerns something else: the trail was replaced or rolled back",
                    client.written_at
                )),
            }
            let mut filed: BTreeMap<u64, Vec<u8>> = r.notes_of(c)?.into_iter().collect();
            // What the notes and their changes say, to recount the record's summary with.
            let mut recount = Recount::default();
            for id in client.note_ids() {
                let Some(sealed) = filed.remove(&id.0) else {
                    p.push(format!(
                        "note {id} of {c} is missing (its client's record lists it)"
                    ));
                    reported.insert((c.0, id.0));
                    continue;
                };
                let note = match self.unseal_note(&key, c, id.0, &sealed) {
                    Ok(n) => n,
                    Err(_) => {
                        p.push(format!(
                            "note {id} of {c} does not open (damaged or altered)"
                        ));
                        continue;
                    }
                };
                links.notes += 1;
                recount.contacts.insert(id, note.contact_at);
                match events.get(&note.written_at) {
                    None => p.push(format!(
                        "note {id} of {c} was written at event {}, which the audit trail does not hold: events were removed or the trail was rolled back",
                        note.written_at
                    )),
                    Some(e)
                        if (e.action == AuditAction::NoteAdded { note: id }
                            && e.client == Some(c))
                            || matches!(e.action, AuditAction::Seeded { .. }) => {}
                    Some(_) => p.push(format!(
                        "note {id} of {c} was written at event {}, which is not its note-added event: the trail was replaced or rolled back",
                        note.written_at
                    )),
                }
            }
            for extra in filed.keys() {
                p.push(format!(
                    "note {} is filed under {c} but not listed in its record",
                    NoteId(*extra)
                ));
            }
            // Corrections, addenda, sign-offs and redactions: each opens, belongs to a listed
            // note, and was written with its own event.
            for ((note, n), sealed) in r.changes_of_client(c)? {
                let id = NoteId(note);
                let Ok(change) = self.open_change(&key, c, note, n, &sealed) else {
                    p.push(format!(
                        "change {n} of note {id} of {c} does not open (damaged or altered)"
                    ));
                    continue;
                };
                if !client.lists(id) {
                    p.push(format!(
                        "change {n} is filed under note {id} of {c}, which its record does not list"
                    ));
                }
                if change.kind == ChangeKind::Review {
                    recount.signed_off.insert(id);
                }
                let fits = |a: &AuditAction| match (change.kind, a) {
                    (ChangeKind::Review, AuditAction::NoteReviewed { note })
                    | (ChangeKind::Revision, AuditAction::NoteCorrected { note, .. })
                    | (ChangeKind::Addendum, AuditAction::AddendumAdded { note }) => *note == id,
                    (
                        ChangeKind::Redaction { section },
                        AuditAction::SectionRedacted {
                            note,
                            section: logged,
                        },
                    ) => *note == id && section == *logged,
                    _ => false,
                };
                match events.get(&change.written_at) {
                    Some(e) if e.client == Some(c) && fits(&e.action) => {}
                    _ => p.push(format!(
                        "change {n} of note {id} of {c} was written at event {}, which is not its own: the trail was replaced or rolled back",
                        change.written_at
                    )),
                }
            }
            // Reported last: a summary that disagrees is most often the consequence of a
            // record removed or put back, which the lines before name.
            summaries.extend(recount.disagrees_with(&client));
            match self.consent_until_recounted(r, &key, c) {
                Ok(until) if until != client.consent_until => summaries.push(format!(
                    "{c}: its record's summary of its consents disagrees with its consent records"
                )),
                Ok(_) => {}
                Err(_) => p.push(format!(
                    "a consent of {c} does not open (damaged or altered)"
                )),
            }
            links.actions += self.cross_check_actions(r, events, &key, &client, p)?;
        }
        for (n_client, n) in &notes {
            if !clients.contains(n_client) && !reported.contains(&(*n_client, 0)) {
                p.push(format!(
                    "note {} is filed under {}, which does not exist",
                    NoteId(*n),
                    ClientRef(*n_client)
                ));
            }
        }
        for (a_client, n) in &actions {
            if !clients.contains(a_client) && !reported.contains(&(*a_client, 0)) {
                p.push(format!(
                    "action {n} is filed under {}, which does not exist",
                    ClientRef(*a_client)
                ));
            }
        }

        // Nothing is erased yet: every record held was added by an event the trail holds. This
        // needs no client key, so it holds for administrators too.
        let (mut created, mut added) = (0u64, 0u64);
        for e in events.values() {
            match e.action {
                AuditAction::ClientCreated => created += 1,
                AuditAction::NoteAdded { .. } => added += 1,
                AuditAction::Seeded { clients, notes } => {
                    created = created.saturating_add(clients);
                    added = added.saturating_add(notes);
                }
                _ => {}
            }
        }
        for (what, recorded, held) in [
            ("clients", created, clients.len() as u64),
            ("notes", added, notes.len() as u64),
        ] {
            if recorded < held {
                p.push(format!(
                    "the audit trail accounts for {recorded} of the {held} {what} the store holds: events were removed or the trail was rolled back"
                ));
            }
        }

        // The clients the trail records as erased are exactly those the sealed list holds; their
        // records are gone, and nothing below expects them.
        let erased: BTreeSet<u64> = events
            .values()
            .filter(|e| e.action == AuditAction::ClientErased)
            .filter_map(|e| e.client.map(|c| c.0))
            .collect();
        match self.erased_list(r) {
            Ok(list) => {
                let listed: BTreeSet<u64> = list.iter().map(|e| e.reference.0).collect();
                if listed != erased {
                    p.push(format!(
                        "the list of erased clients names {} but the trail records {} erased: it was altered or put back from a copy",
                        listed.len(),
                        erased.len()
                    ));
                }
            }
            Err(_) => {
                p.push("the list of erased clients does not open (damaged or altered)".into())
            }
        }
        for c in &erased {
            if clients.contains(c) || keys.contains(c) {
                p.push(format!(
                    "{} was erased but its records are back: they were put back from a copy",
                    ClientRef(*c)
                ));
            }
        }

        // Every breach the trail records is in the log, and no more.
        let recorded_breaches = events
            .values()
            .filter(|e| matches!(e.action, AuditAction::BreachRecorded { .. }))
            .count() as u64;
        let updated_breaches = events
            .values()
            .filter(|e| matches!(e.action, AuditAction::BreachUpdated { .. }))
            .count() as u64;
        match self.breach_count(r) {
            Ok((held, _)) if held != recorded_breaches => p.push(format!(
                "the breach log holds {held} breaches but the trail records {recorded_breaches}: it was altered or put back from a copy"
            )),
            Ok((_, updates)) if updates != updated_breaches => p.push(format!(
                "the breach log holds {updates} later entries but the trail records {updated_breaches}: it was altered or put back from a copy"
            )),
            Ok(_) => {}
            Err(_) => p.push("the breach log does not open (damaged or altered)".into()),
        }

        // Every consent the trail records as given is held, and no more.
        let mut given: BTreeMap<u64, u64> = BTreeMap::new();
        for e in events.values() {
            if let (AuditAction::ConsentGiven { .. }, Some(c)) = (&e.action, e.client) {
                *given.entry(c.0).or_default() += 1;
            }
        }
        let mut consents: BTreeMap<u64, u64> = BTreeMap::new();
        for (c, _) in r.consent_keys()? {
            *consents.entry(c.0).or_default() += 1;
        }
        for c in given
            .keys()
            .chain(consents.keys())
            .filter(|c| !erased.contains(c))
            .collect::<BTreeSet<_>>()
        {
            let (want, have) = (
                given.get(c).copied().unwrap_or(0),
                consents.get(c).copied().unwrap_or(0),
            );
            if want != have {
                p.push(format!(
                    "{} has {have} consent records but the trail records {want} given: one was removed, or put back from a copy",
                    ClientRef(*c)
                ));
            }
        }

        // Every correction, addendum, sign-off and redaction the trail records is held, and no
        // more.
        let mut recorded: BTreeMap<(u64, u64), u64> = BTreeMap::new();
        for e in events.values() {
            if let (
                AuditAction::NoteReviewed { note }
                | AuditAction::NoteCorrected { note, .. }
                | AuditAction::AddendumAdded { note }
                | AuditAction::SectionRedacted { note, .. },
                Some(c),
            ) = (&e.action, e.client)
            {
                *recorded.entry((c.0, note.0)).or_default() += 1;
            }
        }
        let mut held: BTreeMap<(u64, u64), u64> = BTreeMap::new();
        for (c, note, _) in r.change_keys()? {
            *held.entry((c.0, note)).or_default() += 1;
        }
        for key in recorded
            .keys()
            .chain(held.keys())
            .filter(|k| !erased.contains(&k.0))
            .collect::<BTreeSet<_>>()
        {
            let (want, have) = (
                recorded.get(key).copied().unwrap_or(0),
                held.get(key).copied().unwrap_or(0),
            );
            if want != have {
                p.push(format!(
                    "note {} of {} has {have} corrections, addenda, sign-offs and redactions but the trail records {want}: one was removed, or put back from a copy",
                    NoteId(key.1),
                    ClientRef(key.0)
                ));
            }
        }

        for (seq, e) in events {
            match (&e.action, e.client) {
                (AuditAction::ClientCreated, Some(c))
                    if !clients.contains(&c.0)
                        && !reported.contains(&(c.0, 0))
                        && !erased.contains(&c.0) =>
                {
                    p.push(format!(
                        "client {c} is missing: event {seq} records its creation"
                    ));
                    reported.insert((c.0, 0));
                }
                (AuditAction::NoteAdded { note }, Some(c))
                    if !notes.contains(&(c.0, note.0))
                        && !reported.contains(&(c.0, note.0))
                        && !erased.contains(&c.0) =>
                {
                    p.push(format!(
                        "note {note} of {c} is missing: event {seq} records it being added"
                    ));
                    reported.insert((c.0, note.0));
                }
                _ => {}
            }
        }
        p.extend(summaries);
        Ok(links)
    }

    /// Checks one client's actions against its record and the trail: every action it counts is
    /// filed and opens, none is filed beyond its count, each was written at an event about it
    /// (its note's `note-added`, an `action-done` naming it, or a seeded batch), and the
    /// record's list of open actions is exactly the actions not done. Returns how many opened.
    fn cross_check_actions(
        &self,
        r: &ReadTxn,
        events: &BTreeMap<u64, AuditEvent>,
        key: &DataKeys,
        client: &Client,
        p: &mut Vec<String>,
    ) -> Result<u64> {
        let c = client.reference;
        let mut filed: BTreeMap<u32, Vec<u8>> = r.actions_of(c)?.into_iter().collect();
        let mut opened = 0u64;
        let mut open = BTreeSet::new();
        for n in 1..=client.actions {
            let Some(sealed) = filed.remove(&n) else {
                p.push(format!(
                    "action {n} of {c} is missing (its client's record counts it)"
                ));
                continue;
            };
            let Ok(a) = self.unseal_action(key, c, n, &sealed) else {
                p.push(format!(
                    "action {n} of {c} does not open (damaged or altered)"
                ));
                continue;
            };
            opened += 1;
            if a.done.is_none() {
                open.insert((n, a.due));
            }
            match events.get(&a.written_at) {
                None => p.push(format!(
                    "action {n} of {c} was written at event {}, which the audit trail does not hold: events were removed or the trail was rolled back",
                    a.written_at
                )),
                Some(e)
                    if (e.client == Some(c)
                        && (e.action == AuditAction::NoteAdded { note: a.note }
                            || e.action == AuditAction::ActionDone { number: n }))
                        || matches!(e.action, AuditAction::Seeded { .. }) => {}
                Some(_) => p.push(format!(
                    "action {n} of {c} was written at event {}, which concerns something else: the trail was replaced or rolled back",
                    a.written_at
                )),
            }
        }
        for extra in filed.keys() {
            p.push(format!(
                "action {extra} is filed under {c} but not counted in its record"
            ));
        }
        // The numbers and due dates: the dashboard counts overdue actions from this list alone.
        let listed: BTreeSet<(u32, Option<Date>)> = client
            .open_actions
            .iter()
            .map(|a| (a.number, a.due))
            .collect();
        if opened == u64::from(client.actions) && listed != open {
            p.push(format!(
                "{c}: its record's list of open actions disagrees with its action records"
            ));
        }
        Ok(opened)
    }

    // ----- casenotes check -----

    /// Checks the whole store: redb's check of every page (on a fresh handle), every record the
    /// caller's keys open (users, policy and the audit trail for everyone allowed; clients and
    /// notes for roles that read case content), the record counts, the links between records
    /// and the trail, and this machine's witness. Supervisors and administrators.
    pub fn check(&self) -> Result<CheckReport> {
        self.may(Operation::Check)?;
        let mut report = CheckReport::default();
        match self.store.check_integrity_fresh() {
            // A database's pages are the server's to check (its data checksums, `pg_amcheck`).
            Ok(true) if self.store.is_postgres() => {}
            Ok(true) => report.checked.push("storage".into()),
            Ok(false) => report
                .problems
                .push("storage: the file's structure was damaged; redb repaired it".into()),
            Err(e) => report.problems.push(format!("storage: {e}")),
        }
        let r = self.store.read()?;
        self.check_records(&r, &mut report)?;
        if let Some(w) = self.rollback_warning() {
            report.problems.push(w);
        }
        Ok(report)
    }

    /// The checks of [`Session::check`] that read the snapshot `r` (of this store, or of a
    /// backup of it) with the caller's keys: every record they open, the record counts, the
    /// audit chain, and the links between records and the trail. Returns the chain as read.
    pub(super) fn check_records(
        &self,
        r: &ReadTxn,
        report: &mut CheckReport,
    ) -> Result<audit::Chain> {
        let users = r.users_all()?;
        let total = users.len();
        for (i, (id, sealed)) in users.iter().enumerate() {
            if self.open_user(id, sealed).is_err() {
                report.problems.push(format!(
                    "user record {} of {total} does not open (damaged or altered)",
                    i + 1
                ));
            }
        }
        report.checked.push(format!("{total} users"));
        match r.meta_get(meta::POLICY)? {
            None => report.problems.push("the policy is missing".into()),
            Some(sealed) => {
                if policy::open_policy(&self.master, &sealed).is_err() {
                    report
                        .problems
                        .push("the policy does not open (damaged or altered)".into());
                }
            }
        }

        if let Some(p) = self.counts_problem(r)? {
            report.problems.push(p);
        }
        let chain = self.audit_chain(r)?;
        if let Some(p) = &chain.problem {
            report.problems.push(format!("audit trail: {p}"));
        }
        // Client records open only with the case keys (an account not yet confirmed holds none).
        let deep = self.holds_case_keys();
        let links = self.cross_check(r, &chain.events, deep)?;
        report.problems.extend(links.problems);
        report.problems.extend(self.assignment_problems(r, deep)?);
        if deep {
            report.checked.push(format!("{} clients", links.clients));
            report.checked.push(format!("{} notes", links.notes));
            report.checked.push(format!("{} actions", links.actions));
        } else {
            report.checked.push(format!(
                "{} clients, {} notes and {} actions present (their records open only with client keys)",
                r.count_clients()?,
                r.count_notes()?,
                r.count_actions()?
            ));
        }
        report
            .checked
            .push(format!("{} audit events", chain.events.len()));
        Ok(chain)
    }
}

/// One client's notes as their records and changes have them: each note's contact time and
/// which are signed off. Recounted by the deep check, to compare with the summary the client's
/// record keeps for the dashboard (see [`crate::domain::NoteEntry`]).
#[derive(Default)]
pub(super) struct Recount {
    /// Contact time of every listed note that opened.
    pub contacts: BTreeMap<NoteId, Timestamp>,
    /// The notes with a sign-off among their changes.
    pub signed_off: BTreeSet<NoteId>,
}

impl Recount {
    /// A line naming the client if its record's summary is not what the recount makes: a note's
    /// contact time or sign-off, or the last contact. Notes that did not open are reported
    /// already and left out; the last contact is compared only when every note opened.
    pub fn disagrees_with(&self, client: &Client) -> Option<String> {
        let c = client.reference;
        for entry in &client.notes {
            let Some(&contact_at) = self.contacts.get(&entry.id) else {
                continue;
            };
            if entry.contact_at != contact_at
                || entry.signed_off != self.signed_off.contains(&entry.id)
            {
                return Some(format!(
                    "{c}: its record's summary of note {} (contact time or sign-off) disagrees with the note and its changes",
                    entry.id
                ));
            }
        }
        let last = self.contacts.values().max().copied();
        if self.contacts.len() == client.notes.len() && client.last_contact != last {
            return Some(format!(
                "{c}: its record's last contact disagrees with its notes"
            ));
        }
        None
    }
}

fn describe_counts(held: Counts, recorded: Counts) -> String {
    let mut parts = Vec::new();
    if held.clients != recorded.clients {
        parts.push(format!(
            "the store holds {} clients but recorded {}",
            held.clients, recorded.clients
        ));
    }
    if held.notes != recorded.notes {
        parts.push(format!(
            "the store holds {} notes but recorded {}",
            held.notes, recorded.notes
        ));
    }
    if held.actions != recorded.actions {
        parts.push(format!(
            "the store holds {} actions but recorded {}",
            held.actions, recorded.actions
        ));
    }
    parts.join(", ")
}
