//! Subject access: everything held about one client — details, consents, disclosures, every
//! note with every revision, addendum and sign-off, the actions agreed, and the audit events
//! about the client — gathered into a [`ClientExport`] and written as JSON or Markdown.
//!
//! Supervisors only ([`Operation::ExportClient`]). An export reveals masked text, so its
//! `client-exported` event is committed before anything is returned or written (invariant 2);
//! confidential and special-category sections are included, flagged for a supervisor's review
//! before the export is released. The file is the one place casenotes writes case content in
//! plain text, on purpose: it is created owner-only (0600) from its first byte and never
//! overwrites anything.

use std::io::Write;
use std::path::{Path, PathBuf};

use crate::domain::{
    self, AuditAction, ChangeKind, ClientExport, ClientRef, ExportFormat, ExportedAccess,
    ExportedAction, ExportedAddendum, ExportedConsent, ExportedDetails, ExportedDisclosure,
    ExportedMark, ExportedNote, ExportedRedaction, ExportedRevision, ExportedSection, Role,
    Section, UserId, visible_line,
};
use crate::store::{self, StoreError};

use super::retention::retain_until;
use super::supervision::name_in;
use super::*;

/// How to export a client.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ExportOptions {
    /// The format the export is written in (recorded in the audit event).
    pub format: ExportFormat,
    /// Replace names by references and pseudonyms, for supervision and training: the client's
    /// name by its reference, and each account's name by its role and a letter ("adviser A",
    /// "supervisor A", the same person the same pseudonym throughout one export), also in the
    /// events' details; the date of birth and contact details are left out. Text people wrote —
    /// notes, headings, reasons, corrections' reasons, what was shared and with whom — is left
    /// as written, and may still name people.
    pub pseudonymise: bool,
}

/// What [`Session::export_client_to_file`] wrote.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ExportWritten {
    pub path: PathBuf,
    pub format: ExportFormat,
    pub notes: usize,
    /// Sections and actions flagged for a supervisor's review before release.
    pub for_review: usize,
    /// The number of the export's `client-exported` event in the audit trail.
    pub event: u64,
}

impl Session {
    /// Everything held about client `r`, for a subject access request (see [`ClientExport`]).
    /// Supervisors. Logged as `client-exported` (with the format and whether pseudonymised),
    /// committed before the export is returned; the export's own event is its last access.
    pub fn export_client(&self, r: ClientRef, options: ExportOptions) -> Result<ClientExport> {
        self.may(Operation::ExportClient)?;
        let (mut export, people) = self.gather_export(r)?;
        self.log_export(&mut export, options)?;
        if options.pseudonymise {
            pseudonymise(&mut export, &people);
        }
        Ok(export)
    }

    /// As [`Session::export_client`], written to a new file at `path` in `options.format`.
    /// Supervisors. The file is created owner-only (0600) from its first byte; an existing
    /// file (or link) is refused before anything is logged. The export's event is committed
    /// before the first byte is written; the file is then written and flushed to disk, and
    /// removed again if any of that fails (the event stays: the records were read).
    pub fn export_client_to_file(
        &self,
        r: ClientRef,
        path: &Path,
        options: ExportOptions,
    ) -> Result<ExportWritten> {
        self.may(Operation::ExportClient)?;
        let (mut export, people) = self.gather_export(r)?;
        let mut file = store::private_file(path).map_err(|e| file_error(path, e))?;
        let written = (|| {
            let event = self.log_export(&mut export, options)?;
            if options.pseudonymise {
                pseudonymise(&mut export, &people);
            }
            let text = export.render(options.format);
            file.write_all(text.as_bytes())
                .and_then(|()| file.sync_all())
                .map_err(|e| write_error(path, &e))?;
            Ok(ExportWritten {
                path: path.to_path_buf(),
                format: options.format,
                notes: export.notes.len(),
                for_review: export.for_review(),
                event,
            })
        })();
        if written.is_err() {
            drop(file);
            let _ = std::fs::remove_file(path);
        }
        written
    }

    /// Commits the export's event, and adds it to the export as its last access; the export
    /// is dated by it. Returns the event's number.
    fn log_export(&self, export: &mut ClientExport, options: ExportOptions) -> Result<u64> {
        let action = AuditAction::ClientExported {
            format: options.format.as_str().into(),
            pseudonymised: options.pseudonymise,
        };
        let event = self.event(action, Some(export.reference), None);
        let w = self.begin()?;
        let seq = self.next_event_seq(&w)?;
        self.commit_with(w, vec![event.clone()])?;
        export.exported_at = event.at;
        export.exported_by = self.user.name.clone();
        export.pseudonymised = options.pseudonymise;
        export.accesses.push(ExportedAccess {
            event: seq,
            at: event.at,
            who: self.user.name.clone(),
            what: event.action.name().into(),
            detail: event.action.detail(),
            reason: None,
            flagged: false,
        });
        Ok(seq)
    }

    /// Reads everything held about `r` from one snapshot of the store, with real names; and
    /// every account's name and role, for pseudonyms. Not logged: the callers log before
    /// anything leaves the session.
    fn gather_export(&self, r: ClientRef) -> Result<(ClientExport, Vec<(String, Role)>)> {
        let rt = self.store.read()?;
        let (keys, client) = self.open_client_record(&rt, r)?;
        let mut people = Vec::new();
        let mut names: Vec<(UserId, String)> = Vec::new();
        for (id, sealed) in rt.users_all()? {
            let u = self.open_user(&id, &sealed)?;
            people.push((u.name.clone(), u.role));
            names.push((id, u.name.clone()));
        }
        let name = |id: &UserId| name_in(&names, id);
        let today = domain::today();
        let policy = self.policy();

        let details = ExportedDetails {
            name: client.name.clone(),
            date_of_birth: client.date_of_birth.clone(),
            contact: client.contact.clone(),
            adviser: name(&client.adviser),
            status: client.status.as_str().into(),
            opened_at: client.opened_at,
            closed_at: client.closed_at,
            last_contact: client.last_contact,
            retention_years: policy.retention_years,
            retain_until: client
                .closed_at
                .map(|at| retain_until(at, policy.retention_years)),
        };

        let consents = self
            .consent_views(&rt, &keys, r, &names, today)?
            .into_iter()
            .map(|c| ExportedConsent {
                number: c.number,
                scope: c.scope.to_string(),
                method: c.method.as_str().into(),
                given_on: c.given_on,
                renew_by: c.renew_by,
                withdrawn_on: c.withdrawn_on,
                withdrawn_by: c.withdrawn_by.clone(),
                recorded_by: c.recorded_by.clone(),
                current: c.current,
            })
            .collect();

        let disclosures = self
            .disclosure_views(&rt, &keys, r, &names)?
            .into_iter()
            .map(|d| ExportedDisclosure {
                number: d.number,
                to: d.to,
                what: d.what,
                basis: d.basis.as_str().into(),
                justification: d.justification,
                by: d.by,
                at: d.at,
            })
            .collect();

        let mut notes: Vec<ExportedNote> = self
            .notes_with_changes(&rt, &keys, &client)?
            .into_iter()
            .map(|(note, changes)| {
                let mut revisions = vec![ExportedRevision {
                    revision: 1,
                    by: name(&note.author),
                    at: note.created_at,
                    why: None,
                    sections: exported_sections(&note.sections),
                }];
                let mut addenda = Vec::new();
                let mut signed_off = None;
                let mut redactions = Vec::new();
                for c in &changes {
                    match c.kind {
                        ChangeKind::Redaction { section } => redactions.push(ExportedRedaction {
                            section: section.saturating_add(1),
                            heading: String::new(),
                            by: name(&c.by),
                            at: c.at,
                            reason: c.why.clone(),
                        }),
                        ChangeKind::Revision => revisions.push(ExportedRevision {
                            revision: u32::try_from(revisions.len() + 1).unwrap_or(u32::MAX),
                            by: name(&c.by),
                            at: c.at,
                            why: Some(c.why.clone()),
                            sections: exported_sections(&c.sections),
                        }),
                        ChangeKind::Addendum => {
                            addenda.extend(c.sections.iter().map(|s| ExportedAddendum {
                                by: name(&c.by),
                                at: c.at,
                                section: exported_section(s),
                            }));
                        }
                        ChangeKind::Review => {
                            signed_off = Some(ExportedMark {
                                by: name(&c.by),
                                at: c.at,
                            });
                        }
                    }
                }
                let mut n = ExportedNote {
                    id: note.id,
                    contact_at: note.contact_at,
                    channel: note.channel.as_str().into(),
                    author: name(&note.author),
                    revisions,
                    addenda,
                    signed_off,
                    redactions,
                };
                // A redacted section is named, and says so where its text was.
                let shown = n.revisions.last().map_or(0, |r| r.sections.len());
                for i in 0..n.redactions.len() {
                    let at = n.redactions[i].section.saturating_sub(1) as usize;
                    let section = if at < shown {
                        n.revisions.last_mut().and_then(|r| r.sections.get_mut(at))
                    } else {
                        n.addenda.get_mut(at - shown).map(|a| &mut a.section)
                    };
                    if let Some(section) = section {
                        n.redactions[i].heading = section.heading.clone();
                        section.text = "(redacted)".into();
                    }
                }
                n
            })
            .collect();
        notes.sort_by_key(|n| (n.contact_at, n.id));

        let actions = self
            .open_actions_of(&rt, &keys, &client)?
            .iter()
            .map(|a| ExportedAction {
                number: a.number,
                owner: a.owner.as_str().into(),
                text: a.text.clone(),
                label: a.sensitivity.to_string(),
                for_review: a.sensitivity.is_masked(),
                due: a.due,
                note: a.note,
                done: a.done.map(|d| ExportedMark {
                    by: name(&d.by),
                    at: d.at,
                }),
            })
            .collect();

        let accesses = self
            .audit_entries(
                &rt,
                &AuditFilter {
                    client: Some(r),
                    ..AuditFilter::default()
                },
            )?
            .into_iter()
            .map(|e| ExportedAccess {
                event: e.seq,
                at: e.at,
                who: e.actor.clone(),
                what: e.action.into(),
                detail: e.detail.clone(),
                reason: e.reason.as_ref().map(|r| r.to_string()),
                flagged: e.flagged,
            })
            .collect();
        drop(rt);

        Ok((
            ClientExport {
                format_version: domain::EXPORT_VERSION,
                reference: r,
                exported_at: 0,
                exported_by: String::new(),
                pseudonymised: false,
                details,
                consents,
                disclosures,
                notes,
                actions,
                accesses,
            },
            people,
        ))
    }
}

fn exported_section(s: &Section) -> ExportedSection {
    ExportedSection {
        heading: s.heading.clone(),
        label: s.sensitivity.to_string(),
        text: s.text.clone(),
        for_review: s.sensitivity.is_masked(),
    }
}

fn exported_sections(sections: &[Section]) -> Vec<ExportedSection> {
    sections.iter().map(exported_section).collect()
}

/// The one-line error for an export file that cannot be created.
fn file_error(path: &Path, e: StoreError) -> SessionError {
    let shown = path.display().to_string();
    match e {
        StoreError::Exists(_) => SessionError::Invalid(format!(
            "{} exists already; an export never overwrites a file: choose another name",
            visible_line(&shown)
        )),
        StoreError::Io(e) => {
            SessionError::Invalid(format!("cannot create {}: {e}", visible_line(&shown)))
        }
        other => other.into(),
    }
}

fn write_error(path: &Path, e: &std::io::Error) -> SessionError {
    let shown = path.display().to_string();
    SessionError::Invalid(format!(
        "cannot write {}: {e}; the partial file was removed",
        visible_line(&shown)
    ))
}

/// Pseudonyms for the accounts named in one export, given in the order they are first met.
struct Pseudonyms<'a> {
    people: &'a [(String, Role)],
    given: Vec<(String, String)>,
    counts: [usize; 3],
}

impl<'a> Pseudonyms<'a> {
    fn new(people: &'a [(String, Role)]) -> Self {
        Pseudonyms {
            people,
            given: Vec::new(),
            counts: [0; 3],
        }
    }

    /// The pseudonym of account `real`: "adviser A", "supervisor B", "administrator A"…
    /// Placeholders such as "(unknown)" and "-" stay as they are.
    fn of(&mut self, real: &str) -> String {
        if let Some((_, p)) = self.given.iter().find(|(r, _)| r == real) {
            return p.clone();
        }
        let Some((_, role)) = self.people.iter().find(|(n, _)| n == real) else {
            return real.to_string();
        };
        let (word, slot) = match role {
            Role::Adviser => ("adviser", 0),
            Role::Supervisor => ("supervisor", 1),
            Role::Admin => ("administrator", 2),
        };
        let p = format!("{word} {}", letters(self.counts[slot]));
        self.counts[slot] += 1;
        self.given.push((real.to_string(), p.clone()));
        p
    }

    /// `text` with every account name in it, as a whole word, replaced by its pseudonym (the
    /// events' details name accounts, as in "adviser1 -> adviser2").
    fn in_text(&mut self, text: &str) -> String {
        let mut names: Vec<String> = self.people.iter().map(|(n, _)| n.clone()).collect();
        // Longer names first, so that "ann" never replaces part of "annabel".
        names.sort_by_key(|n| std::cmp::Reverse(n.chars().count()));
        let mut out = text.to_string();
        for n in names {
            if contains_word(&out, &n) {
                let p = self.of(&n);
                out = replace_word(&out, &n, &p);
            }
        }
        out
    }
}

/// "A" … "Z", then "AA", "AB" …
fn letters(mut i: usize) -> String {
    let mut out = Vec::new();
    loop {
        out.push(char::from(b'A' + u8::try_from(i % 26).unwrap_or(0)));
        if i < 26 {
            break;
        }
        i = i / 26 - 1;
    }
    out.iter().rev().collect()
}

/// Whether `c` may be part of a username.
fn name_char(c: char) -> bool {
    c.is_alphanumeric() || matches!(c, '.' | '-' | '_' | '@')
}

/// The byte ranges where `word` occurs in `text` as a whole username.
fn word_ranges(text: &str, word: &str) -> Vec<(usize, usize)> {
    let mut out = Vec::new();
    if word.is_empty() {
        return out;
    }
    let mut from = 0;
    while let Some(i) = text[from..].find(word) {
        let start = from + i;
        let end = start + word.len();
        let before = text[..start]
            .chars()
            .next_back()
            .is_none_or(|c| !name_char(c));
        let after = text[end..].chars().next().is_none_or(|c| !name_char(c));
        if before && after {
            out.push((start, end));
        }
        from = end;
    }
    out
}

fn contains_word(text: &str, word: &str) -> bool {
    !word_ranges(text, word).is_empty()
}

fn replace_word(text: &str, word: &str, with: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut last = 0;
    for (start, end) in word_ranges(text, word) {
        out.push_str(&text[last..start]);
        out.push_str(with);
        last = end;
    }
    out.push_str(&text[last..]);
    out
}

/// Replaces the names in `export` (see [`ExportOptions::pseudonymise`]). Pseudonyms are given
/// in a fixed order — the client's adviser first — so the same records give the same export.
fn pseudonymise(export: &mut ClientExport, people: &[(String, Role)]) {
    let mut p = Pseudonyms::new(people);
    let d = &mut export.details;
    d.name = export.reference.to_string();
    d.date_of_birth = None;
    d.contact = None;
    d.adviser = p.of(&d.adviser);
    for c in &mut export.consents {
        c.recorded_by = p.of(&c.recorded_by);
        if let Some(by) = &mut c.withdrawn_by {
            *by = p.of(by);
        }
    }
    for d in &mut export.disclosures {
        d.by = p.of(&d.by);
    }
    for n in &mut export.notes {
        n.author = p.of(&n.author);
        for r in &mut n.revisions {
            r.by = p.of(&r.by);
        }
        for a in &mut n.addenda {
            a.by = p.of(&a.by);
        }
        if let Some(s) = &mut n.signed_off {
            s.by = p.of(&s.by);
        }
    }
    for a in &mut export.actions {
        if let Some(done) = &mut a.done {
            done.by = p.of(&done.by);
        }
    }
    for a in &mut export.accesses {
        a.who = p.of(&a.who);
        a.detail = p.in_text(&a.detail);
    }
    export.exported_by = p.of(&export.exported_by);
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::{Channel, Sensitivity, SpecialCategory};
    use secrecy::SecretString;

    const PW: &str = "violet anchor meadow trombone";

    /// A store whose supervisor holds the case keys and one client with a special-category
    /// section.
    fn supervisor_with_a_client(dir: &tempfile::TempDir) -> (Session, ClientRef) {
        let path = dir.path().join("s.redb");
        let admin = crate::session::fast_test_store(&path, PW);
        admin
            .add_user("sup", Role::Supervisor, &SecretString::from(PW))
            .unwrap();
        drop(admin);
        let sup = sign_in(open_store(&path).unwrap(), "sup", &SecretString::from(PW)).unwrap();
        let r = sup
            .add_client(NewClient {
                name: "Test Person".into(),
                date_of_birth: None,
                contact: None,
                adviser: None,
            })
            .unwrap();
        sup.add_note(
            r,
            NewNote {
                channel: Channel::Phone,
                contact_at: None,
                sections: vec![Section {
                    heading: "Health".into(),
                    sensitivity: Sensitivity::Special(SpecialCategory::Health),
                    text: "SECRET-DIAGNOSIS".into(),
                }],
            },
            None,
        )
        .unwrap();
        (sup, r)
    }

    #[test]
    fn an_export_whose_audit_write_fails_returns_and_writes_nothing() {
        let dir = tempfile::tempdir().unwrap();
        let (sup, r) = supervisor_with_a_client(&dir);
        let path = dir.path().join("export.json");
        let opts = ExportOptions {
            format: ExportFormat::Json,
            pseudonymise: false,
        };
        sup.fail_next_audit(true);
        assert!(sup.export_client(r, opts).is_err());
        assert!(sup.export_client_to_file(r, &path, opts).is_err());
        assert!(!path.exists(), "the file made before the event is removed");
        sup.fail_next_audit(false);
        let export = sup.export_client(r, opts).unwrap();
        assert_eq!(export.notes[0].sections()[0].text, "SECRET-DIAGNOSIS");
        assert!(export.notes[0].sections()[0].for_review);
        let logged = sup
            .audit(Some(r))
            .unwrap()
            .into_iter()
            .filter(|e| e.action == "client-exported")
            .count();
        assert_eq!(logged, 1, "only the export that was returned is logged");
    }

    #[test]
    fn pseudonyms_are_by_role_and_stable_within_an_export() {
        let people = vec![
            ("ann".to_string(), Role::Adviser),
            ("annabel".to_string(), Role::Adviser),
            ("sam".to_string(), Role::Supervisor),
        ];
        let mut p = Pseudonyms::new(&people);
        assert_eq!(p.of("annabel"), "adviser A");
        assert_eq!(p.of("sam"), "supervisor A");
        assert_eq!(p.of("ann"), "adviser B");
        assert_eq!(p.of("annabel"), "adviser A");
        assert_eq!(p.of("(unknown)"), "(unknown)");
        assert_eq!(p.in_text("annabel -> ann"), "adviser A -> adviser B");
        assert_eq!(p.in_text("joanne, ann."), "joanne, ann.");
        assert_eq!(p.in_text("ann, sam"), "adviser B, supervisor A");
    }

    #[test]
    fn letters_run_on_past_z() {
        assert_eq!(letters(0), "A");
        assert_eq!(letters(25), "Z");
        assert_eq!(letters(26), "AA");
        assert_eq!(letters(27), "AB");
        assert_eq!(letters(26 + 26 * 26), "AAA");
    }
}
