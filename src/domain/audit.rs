//! The audit trail's events.

use std::fmt;

use serde::{Deserialize, Serialize};
use strum::IntoStaticStr;

use super::{ClientRef, NoteId, Role, Timestamp, UserId, format_time};

/// What an audit event records. Its name in the audit list is the variant's name in kebab-case.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, IntoStaticStr)]
#[strum(serialize_all = "kebab-case")]
pub enum AuditAction {
    StoreCreated,
    SignIn,
    /// Failed sign-ins against one account since the last one logged, with the newest time.
    SignInFailed {
        count: u32,
        last_at: Timestamp,
    },
    /// Failed sign-ins for names that match no account.
    SignInUnknownUser {
        count: u32,
    },
    UserAdded {
        name: String,
        role: Role,
    },
    UserDisabled {
        name: String,
    },
    PasswordChanged {
        name: String,
    },
    PolicyChanged {
        key: String,
        from: u32,
        to: u32,
    },
    ClientCreated,
    #[strum(to_string = "clients-listed")]
    ClientListed {
        count: u32,
    },
    NoteAdded {
        note: NoteId,
    },
    NotesViewed {
        notes: u32,
    },
    /// A masked section's text was revealed.
    SectionRevealed {
        note: NoteId,
        section: u32,
        label: String,
    },
    /// A client's confidential details (date of birth, contact) were revealed.
    DetailsRevealed,
    /// A client outside the user's caseload was opened ("break the glass").
    BreakGlass,
    Seeded {
        clients: u64,
        notes: u64,
    },
    /// A client's name or confidential details were corrected; `fields` names which (never the
    /// values).
    ClientEdited {
        fields: String,
    },
    /// A supervisor gave an account the case keys.
    UserConfirmed {
        name: String,
    },
    /// The first supervisor's sign-in made the store's case keys.
    CaseKeysCreated,
    /// The case keys were rotated after an account lost them; `epoch` is the new key's.
    KeysRotated {
        epoch: u32,
    },
    /// An administrator's correct password was refused by the terminal app, when the app was
    /// for advisers and supervisors only (not logged as a sign-in). No longer written: the app
    /// signs administrators in to their own screens. Kept, by position, for older trails.
    AppRefused,
    // New variants go last: events are stored with postcard, which numbers variants by
    // position.
    /// An administrator set another account's password (a reset): the account must choose a
    /// new one at its next sign-in. (Changing one's own password is `PasswordChanged`.)
    PasswordReset {
        name: String,
    },
    /// An administrator enabled a disabled account again, with a temporary password.
    UserEnabled {
        name: String,
    },
    /// An administrator changed an account's role.
    RoleChanged {
        name: String,
        from: Role,
        to: Role,
    },
    /// A supervisor gave the event's client another adviser; the stated reason is sealed with
    /// the event like other reasons.
    ClientReassigned {
        from: String,
        to: String,
    },
    /// A supervisor reviewed a break-glass access (event `event`); the comment is the event's
    /// sealed reason.
    BreakGlassReviewed {
        event: u64,
        outcome: ReviewOutcome,
    },
    /// A supervisor signed a note off (it is locked against corrections).
    NoteReviewed {
        note: NoteId,
    },
    /// A note's author corrected it; `revision` is the new revision's number (the first
    /// version is 1). The reason is the event's sealed reason.
    NoteCorrected {
        note: NoteId,
        revision: u32,
    },
    /// An addendum was added to a note.
    AddendumAdded {
        note: NoteId,
    },
    /// A supervisor read a note's earlier revisions.
    HistoryViewed {
        note: NoteId,
        revisions: u32,
    },
    /// An action agreed with the event's client was marked done; `number` is the action's
    /// number within the client (never its text).
    ActionDone {
        number: u32,
    },
    /// A client's actions were listed (open and done).
    ActionsViewed {
        actions: u32,
    },
    /// A client gave consent; `number` is the consent's number within the client (its scope,
    /// which may name an organisation, is in the sealed record, not here).
    ConsentGiven {
        number: u32,
    },
    /// A client withdrew consent `number` (recorded, never erased).
    ConsentWithdrawn {
        number: u32,
    },
    /// Information about the event's client was shared with a third party: disclosure
    /// `number` of the client, on this lawful basis (to whom and what are in the sealed record).
    Disclosed {
        number: u32,
        basis: String,
    },
    /// The event's client's case was closed (its retention period starts).
    ClientClosed,
    /// Breach `number` was recorded in the breach log.
    BreachRecorded {
        number: u32,
    },
    /// A supervisor redacted section `section` (counted from 0) of a note: its text was
    /// destroyed in every revision and replaced by a marker. The reason is the event's sealed
    /// reason.
    SectionRedacted {
        note: NoteId,
        section: u32,
    },
    /// Everything held about the event's client was exported (a subject access request), in
    /// this format; `pseudonymised` when names were replaced by references.
    ClientExported {
        format: String,
        pseudonymised: bool,
    },
    /// The event's client was erased: its data keys destroyed, every record deleted and the
    /// file compacted. Names only the reference.
    ClientErased,
    /// Account `name` bound a key file to its key slot (the slot now opens only with the
    /// password and the file).
    KeyFileBound {
        name: String,
    },
    /// Account `name` enrolled an authenticator app for one-time codes.
    TotpEnrolled {
        name: String,
    },
    /// A second factor of account `name` was removed (`factor`: `key-file` or `totp`), by the
    /// account itself or by an administrator's reset.
    SecondFactorRemoved {
        name: String,
        factor: String,
    },
    /// A recovery code was used to sign in instead of a one-time code; `left` remain.
    RecoveryCodeUsed {
        left: u32,
    },
    /// One-time codes refused at sign-in for the event's actor since the last one logged.
    CodeRefused {
        count: u32,
    },
    /// A backup of the store was taken and verified.
    BackupTaken {
        clients: u64,
        notes: u64,
    },
    /// The store was restored from a backup taken at `taken_at`.
    StoreRestored {
        taken_at: Timestamp,
    },
    /// Breach `number` was completed: its report to the data protection officer, or the
    /// decision whether to tell the regulator.
    BreachUpdated {
        number: u32,
    },
    /// Every record of the store was copied into another store (a file or a PostgreSQL
    /// database), holding `clients` clients and `notes` notes.
    StoreMigrated {
        clients: u64,
        notes: u64,
    },
}

/// A supervisor's finding on a break-glass access.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, IntoStaticStr)]
#[strum(serialize_all = "kebab-case")]
pub enum ReviewOutcome {
    /// The access was needed.
    Justified,
    /// The access raises a concern (to be followed up).
    Concern,
}

impl ReviewOutcome {
    pub fn as_str(self) -> &'static str {
        self.into()
    }
}

impl fmt::Display for ReviewOutcome {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

impl AuditAction {
    /// The event's name in the audit list, e.g. `sign-in-failed`.
    pub fn name(&self) -> &'static str {
        self.into()
    }

    /// A short description without case content.
    pub fn detail(&self) -> String {
        match self {
            AuditAction::SignInFailed { count, last_at } => {
                format!("{count} failed, last {}", format_time(*last_at))
            }
            AuditAction::SignInUnknownUser { count } => format!("{count} attempts"),
            AuditAction::UserAdded { name, role } => format!("{name} as {role}"),
            AuditAction::UserDisabled { name }
            | AuditAction::PasswordChanged { name }
            | AuditAction::PasswordReset { name }
            | AuditAction::UserEnabled { name }
            | AuditAction::UserConfirmed { name } => name.clone(),
            AuditAction::RoleChanged { name, from, to } => format!("{name} {from} -> {to}"),
            AuditAction::ClientReassigned { from, to } => format!("{from} -> {to}"),
            AuditAction::KeysRotated { epoch } => format!("epoch {epoch}"),
            AuditAction::PolicyChanged { key, from, to } => match super::Policy::key(key) {
                // A setting chosen by word is logged by number and shown by word.
                Some(k) if !k.words.is_empty() => {
                    format!("{key} {} -> {}", k.value_text(*from), k.value_text(*to))
                }
                _ => format!("{key} {from} -> {to}"),
            },
            AuditAction::ClientListed { count } => format!("{count} clients"),
            AuditAction::NoteAdded { note } => note.to_string(),
            AuditAction::NotesViewed { notes } => format!("{notes} notes"),
            AuditAction::SectionRevealed {
                note,
                section,
                label,
            } => format!("{note} section {} [{label}]", section + 1),
            AuditAction::Seeded { clients, notes } => {
                format!("{clients} clients, {notes} notes")
            }
            AuditAction::ClientEdited { fields } => fields.clone(),
            AuditAction::BreakGlassReviewed { event, outcome } => {
                format!("event {event}: {outcome}")
            }
            AuditAction::NoteReviewed { note } | AuditAction::AddendumAdded { note } => {
                note.to_string()
            }
            AuditAction::NoteCorrected { note, revision } => format!("{note} revision {revision}"),
            AuditAction::HistoryViewed { note, revisions } => {
                format!("{note}, {revisions} revisions")
            }
            AuditAction::ActionDone { number } => format!("action {number}"),
            AuditAction::ActionsViewed { actions } => format!("{actions} actions"),
            AuditAction::ConsentGiven { number } | AuditAction::ConsentWithdrawn { number } => {
                format!("consent {number}")
            }
            AuditAction::BreachRecorded { number } | AuditAction::BreachUpdated { number } => {
                format!("breach {number}")
            }
            AuditAction::SectionRedacted { note, section } => {
                format!("{note} section {}", section + 1)
            }
            AuditAction::ClientExported {
                format,
                pseudonymised,
            } => {
                if *pseudonymised {
                    format!("{format}, pseudonymised")
                } else {
                    format.clone()
                }
            }
            AuditAction::Disclosed { number, basis } => {
                format!("disclosure {number}, basis: {basis}")
            }
            AuditAction::StoreCreated
            | AuditAction::SignIn
            | AuditAction::ClientCreated
            | AuditAction::DetailsRevealed
            | AuditAction::AppRefused
            | AuditAction::BreakGlass
            | AuditAction::CaseKeysCreated
            | AuditAction::ClientClosed
            | AuditAction::ClientErased => String::new(),
            AuditAction::KeyFileBound { name } | AuditAction::TotpEnrolled { name } => name.clone(),
            AuditAction::SecondFactorRemoved { name, factor } => format!("{name}: {factor}"),
            AuditAction::RecoveryCodeUsed { left } => format!("{left} recovery codes left"),
            AuditAction::CodeRefused { count } => format!("{count} refused"),
            AuditAction::BackupTaken { clients, notes }
            | AuditAction::StoreMigrated { clients, notes } => {
                format!("{clients} clients, {notes} notes")
            }
            AuditAction::StoreRestored { taken_at } => {
                format!("from a backup taken {}", format_time(*taken_at))
            }
        }
    }
}

/// One entry of the audit trail (sealed and chained by the store). `Debug` leaves the stated
/// reason out.
#[derive(Clone, Serialize, Deserialize)]
pub struct AuditEvent {
    pub at: Timestamp,
    /// Who acted; `None` for events recorded on nobody's behalf (failed sign-ins).
    pub actor: Option<UserId>,
    pub action: AuditAction,
    pub client: Option<ClientRef>,
    /// The reason stated for a reveal or a break-glass opening, while the event is being made.
    /// It is never stored in this field: see `reason_sealed`.
    pub reason: Option<String>,
    /// Raised for supervisor review (break-glass openings).
    pub flagged: bool,
    /// The stated reason as stored: sealed under the case keys, which administrators (who can
    /// read the rest of the event) do not hold.
    pub reason_sealed: Option<Vec<u8>>,
}

impl fmt::Debug for AuditEvent {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("AuditEvent")
            .field("at", &self.at)
            .field("action", &self.action)
            .field("client", &self.client)
            .field("flagged", &self.flagged)
            .finish_non_exhaustive()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn debug_output_never_shows_a_reason() {
        let e = AuditEvent {
            at: 0,
            actor: None,
            action: AuditAction::BreakGlass,
            client: Some(ClientRef(1)),
            reason: Some("worried about her partner".into()),
            flagged: true,
            reason_sealed: None,
        };
        assert!(!format!("{e:?}").contains("partner"));
    }

    #[test]
    fn names_are_unchanged() {
        let name = String::new;
        let all = [
            (AuditAction::StoreCreated, "store-created"),
            (AuditAction::SignIn, "sign-in"),
            (
                AuditAction::SignInFailed {
                    count: 1,
                    last_at: 0,
                },
                "sign-in-failed",
            ),
            (
                AuditAction::SignInUnknownUser { count: 1 },
                "sign-in-unknown-user",
            ),
            (
                AuditAction::UserAdded {
                    name: name(),
                    role: Role::Adviser,
                },
                "user-added",
            ),
            (AuditAction::UserDisabled { name: name() }, "user-disabled"),
            (
                AuditAction::PasswordChanged { name: name() },
                "password-changed",
            ),
            (
                AuditAction::PolicyChanged {
                    key: name(),
                    from: 1,
                    to: 2,
                },
                "policy-changed",
            ),
            (AuditAction::ClientCreated, "client-created"),
            (AuditAction::ClientListed { count: 1 }, "clients-listed"),
            (AuditAction::NoteAdded { note: NoteId(1) }, "note-added"),
            (AuditAction::NotesViewed { notes: 1 }, "notes-viewed"),
            (
                AuditAction::SectionRevealed {
                    note: NoteId(1),
                    section: 0,
                    label: name(),
                },
                "section-revealed",
            ),
            (AuditAction::DetailsRevealed, "details-revealed"),
            (AuditAction::BreakGlass, "break-glass"),
            (
                AuditAction::Seeded {
                    clients: 1,
                    notes: 1,
                },
                "seeded",
            ),
            (
                AuditAction::UserConfirmed { name: name() },
                "user-confirmed",
            ),
            (AuditAction::CaseKeysCreated, "case-keys-created"),
            (AuditAction::KeysRotated { epoch: 2 }, "keys-rotated"),
            (AuditAction::AppRefused, "app-refused"),
            (
                AuditAction::PasswordReset { name: name() },
                "password-reset",
            ),
            (AuditAction::UserEnabled { name: name() }, "user-enabled"),
            (
                AuditAction::RoleChanged {
                    name: name(),
                    from: Role::Adviser,
                    to: Role::Admin,
                },
                "role-changed",
            ),
            (
                AuditAction::ClientReassigned {
                    from: name(),
                    to: name(),
                },
                "client-reassigned",
            ),
            (
                AuditAction::BreakGlassReviewed {
                    event: 1,
                    outcome: ReviewOutcome::Concern,
                },
                "break-glass-reviewed",
            ),
            (
                AuditAction::NoteReviewed { note: NoteId(1) },
                "note-reviewed",
            ),
            (
                AuditAction::NoteCorrected {
                    note: NoteId(1),
                    revision: 2,
                },
                "note-corrected",
            ),
            (
                AuditAction::AddendumAdded { note: NoteId(1) },
                "addendum-added",
            ),
            (
                AuditAction::HistoryViewed {
                    note: NoteId(1),
                    revisions: 2,
                },
                "history-viewed",
            ),
            (AuditAction::ActionDone { number: 3 }, "action-done"),
            (AuditAction::ActionsViewed { actions: 3 }, "actions-viewed"),
            (AuditAction::ConsentGiven { number: 1 }, "consent-given"),
            (
                AuditAction::ConsentWithdrawn { number: 1 },
                "consent-withdrawn",
            ),
        ];
        for (action, expected) in all {
            assert_eq!(action.name(), expected);
        }
    }

    #[test]
    fn stored_positions_are_unchanged() {
        // Postcard numbers variants by position: events already stored must keep theirs.
        let at = |a: &AuditAction| postcard::to_allocvec(a).unwrap()[0];
        assert_eq!(at(&AuditAction::StoreCreated), 0);
        assert_eq!(at(&AuditAction::PasswordChanged { name: "a".into() }), 6);
        assert_eq!(at(&AuditAction::KeysRotated { epoch: 1 }), 19);
        assert_eq!(at(&AuditAction::AppRefused), 20);
        assert_eq!(at(&AuditAction::PasswordReset { name: "a".into() }), 21);
        assert_eq!(at(&AuditAction::UserEnabled { name: "a".into() }), 22);
        let role = AuditAction::RoleChanged {
            name: "a".into(),
            from: Role::Adviser,
            to: Role::Supervisor,
        };
        assert_eq!(at(&role), 23);
        let moved = AuditAction::ClientReassigned {
            from: "a".into(),
            to: "b".into(),
        };
        assert_eq!(at(&moved), 24);
        let reviewed = AuditAction::BreakGlassReviewed {
            event: 1,
            outcome: ReviewOutcome::Justified,
        };
        assert_eq!(at(&reviewed), 25);
        assert_eq!(at(&AuditAction::NoteReviewed { note: NoteId(1) }), 26);
        let corrected = AuditAction::NoteCorrected {
            note: NoteId(1),
            revision: 2,
        };
        assert_eq!(at(&corrected), 27);
        assert_eq!(at(&AuditAction::AddendumAdded { note: NoteId(1) }), 28);
        let history = AuditAction::HistoryViewed {
            note: NoteId(1),
            revisions: 2,
        };
        assert_eq!(at(&history), 29);
        assert_eq!(at(&AuditAction::ActionDone { number: 1 }), 30);
        assert_eq!(at(&AuditAction::ActionsViewed { actions: 1 }), 31);
        assert_eq!(at(&AuditAction::ConsentGiven { number: 1 }), 32);
        assert_eq!(at(&AuditAction::ConsentWithdrawn { number: 1 }), 33);
        let disclosed = AuditAction::Disclosed {
            number: 1,
            basis: "legal".into(),
        };
        assert_eq!(at(&disclosed), 34);
        assert_eq!(at(&AuditAction::ClientClosed), 35);
        assert_eq!(at(&AuditAction::BreachRecorded { number: 1 }), 36);
        let redacted = AuditAction::SectionRedacted {
            note: NoteId(1),
            section: 0,
        };
        assert_eq!(at(&redacted), 37);
        let exported = AuditAction::ClientExported {
            format: "json".into(),
            pseudonymised: false,
        };
        assert_eq!(at(&exported), 38);
        assert_eq!(at(&AuditAction::ClientErased), 39);
        let n = String::new;
        assert_eq!(at(&AuditAction::KeyFileBound { name: n() }), 40);
        assert_eq!(at(&AuditAction::TotpEnrolled { name: n() }), 41);
        let removed = AuditAction::SecondFactorRemoved {
            name: n(),
            factor: n(),
        };
        assert_eq!(at(&removed), 42);
        assert_eq!(at(&AuditAction::RecoveryCodeUsed { left: 1 }), 43);
        assert_eq!(at(&AuditAction::CodeRefused { count: 1 }), 44);
        let backup = AuditAction::BackupTaken {
            clients: 1,
            notes: 1,
        };
        assert_eq!(at(&backup), 45);
        assert_eq!(at(&AuditAction::StoreRestored { taken_at: 0 }), 46);
        assert_eq!(at(&AuditAction::BreachUpdated { number: 1 }), 47);
        let migrated = AuditAction::StoreMigrated {
            clients: 1,
            notes: 1,
        };
        assert_eq!(at(&migrated), 48);
    }
}
