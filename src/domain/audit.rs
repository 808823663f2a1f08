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
    /// An administrator's correct password was refused by the terminal app, which is for
    /// advisers and supervisors (not logged as a sign-in).
    AppRefused,
    /// An action agreed with the event's client was marked done; `number` is the action's
    /// number within the client (never its text).
    ActionDone {
        number: u32,
    },
    /// A client's actions were listed (open and done).
    ActionsViewed {
        actions: u32,
    },
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
            | AuditAction::UserConfirmed { name } => name.clone(),
            AuditAction::KeysRotated { epoch } => format!("epoch {epoch}"),
            AuditAction::PolicyChanged { key, from, to } => format!("{key} {from} -> {to}"),
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
            AuditAction::ActionDone { number } => format!("action {number}"),
            AuditAction::ActionsViewed { actions } => format!("{actions} actions"),
            AuditAction::StoreCreated
            | AuditAction::SignIn
            | AuditAction::ClientCreated
            | AuditAction::DetailsRevealed
            | AuditAction::AppRefused
            | AuditAction::BreakGlass
            | AuditAction::CaseKeysCreated => String::new(),
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
            (AuditAction::ActionDone { number: 3 }, "action-done"),
            (AuditAction::ActionsViewed { actions: 3 }, "actions-viewed"),
        ];
        for (action, expected) in all {
            assert_eq!(action.name(), expected);
        }
    }
}
