//! What the use cases hand to the faces: views in which masked text is simply absent, and the
//! inputs of new clients and notes.

use std::fmt;

use secrecy::SecretString;
use zeroize::Zeroize;

use crate::domain::{
    Channel, ClientRef, ClientStatus, NoteId, NoteStatus, Role, Section, Sensitivity, Timestamp,
};

/// A client as a list shows it. `Debug` leaves the name out; dropping it wipes the name.
#[derive(Clone)]
pub struct ClientSummary {
    pub reference: ClientRef,
    /// Whether opening this client is a break-the-glass access for the caller (outside their
    /// caseload: it needs a stated reason, and is logged and flagged).
    pub outside_caseload: bool,
    pub name: String,
    pub adviser: String,
    pub status: ClientStatus,
    pub opened_at: Timestamp,
    pub last_contact: Option<Timestamp>,
    pub note_count: u32,
    pub open_actions: u32,
}

/// What a section shows. A masked section carries no text at all — not its length, not a hint.
/// `Debug` never prints the text; dropping it wipes the text.
#[derive(Clone, PartialEq, Eq)]
pub enum SectionBody {
    /// An ordinary section's text.
    Shown(String),
    /// A masked section, not revealed.
    Masked,
    /// A masked section revealed with a logged reason.
    Revealed(String),
}

impl fmt::Debug for SectionBody {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            SectionBody::Shown(_) => "Shown(..)",
            SectionBody::Masked => "Masked",
            SectionBody::Revealed(_) => "Revealed(..)",
        })
    }
}

impl fmt::Debug for ClientSummary {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("ClientSummary")
            .field("reference", &self.reference)
            .field("adviser", &self.adviser)
            .field("status", &self.status)
            .field("note_count", &self.note_count)
            .finish_non_exhaustive()
    }
}

impl fmt::Debug for ClientDetails {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("ClientDetails(..)")
    }
}

impl Drop for SectionBody {
    fn drop(&mut self) {
        match self {
            SectionBody::Shown(t) | SectionBody::Revealed(t) => t.zeroize(),
            SectionBody::Masked => {}
        }
    }
}

impl Drop for ClientSummary {
    fn drop(&mut self) {
        self.name.zeroize();
    }
}

impl Drop for ClientDetails {
    fn drop(&mut self) {
        self.date_of_birth.zeroize();
        self.contact.zeroize();
    }
}

#[derive(Debug, Clone)]
pub struct SectionView {
    pub heading: String,
    pub sensitivity: Sensitivity,
    pub body: SectionBody,
}

#[derive(Debug, Clone)]
pub struct NoteView {
    pub id: NoteId,
    pub author: String,
    pub contact_at: Timestamp,
    pub channel: Channel,
    pub status: NoteStatus,
    pub sections: Vec<SectionView>,
}

/// A client's confidential details (date of birth, contact), present only once revealed.
#[derive(Clone)]
pub struct ClientDetails {
    pub date_of_birth: Option<String>,
    pub contact: Option<String>,
}

/// A client and their notes, newest first, as a face may show them.
#[derive(Debug, Clone)]
pub struct ClientView {
    pub summary: ClientSummary,
    pub details: Option<ClientDetails>,
    pub notes: Vec<NoteView>,
    /// Whether this opening was a logged break-glass access.
    pub break_glass: bool,
}

/// A new account, for [`Session::add_users`].
pub struct NewUser {
    pub name: String,
    pub role: Role,
    pub password: SecretString,
}

/// A new client.
pub struct NewClient {
    pub name: String,
    pub date_of_birth: Option<String>,
    pub contact: Option<String>,
    /// Username of the adviser; the caller when `None`.
    pub adviser: Option<String>,
}

/// A new note.
pub struct NewNote {
    pub channel: Channel,
    /// When the contact happened; now when `None`.
    pub contact_at: Option<Timestamp>,
    pub sections: Vec<Section>,
}

/// What to reveal when opening a client's notes.
pub enum Reveal<'a> {
    Nothing,
    /// Every masked section and the client's confidential details.
    All {
        reason: &'a str,
    },
    /// One section of one note.
    Section {
        note: NoteId,
        index: usize,
        reason: &'a str,
    },
}

/// A user as `user list` shows it.
#[derive(Debug, Clone)]
pub struct UserSummary {
    pub name: String,
    pub role: Role,
    pub disabled: bool,
    pub created_at: Timestamp,
}

/// An audit event as a reader sees it. `Debug` leaves the stated reason out.
#[derive(Clone)]
pub struct AuditEntry {
    pub seq: u64,
    pub at: Timestamp,
    pub actor: String,
    pub action: &'static str,
    pub detail: String,
    pub client: Option<ClientRef>,
    /// Withheld from administrators, who do not read case content.
    pub reason: Option<String>,
    pub flagged: bool,
}

impl fmt::Debug for AuditEntry {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("AuditEntry")
            .field("seq", &self.seq)
            .field("actor", &self.actor)
            .field("action", &self.action)
            .field("detail", &self.detail)
            .field("client", &self.client)
            .field("flagged", &self.flagged)
            .finish_non_exhaustive()
    }
}
