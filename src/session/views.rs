//! What the use cases hand to the faces: views in which masked text is simply absent, and the
//! inputs of new clients and notes.

use std::fmt;
use std::ops::Deref;

use secrecy::SecretString;
use serde::{Serialize, Serializer};
use zeroize::Zeroize;

use crate::domain::{
    self, Channel, ClientRef, ClientStatus, Date, NoteId, NoteStatus, Owner, Role, Section,
    Sensitivity, Timestamp,
};

/// Case content inside a view: `Debug` prints `<redacted>`, and dropping it wipes it. It reads
/// like the value it holds (`Deref`, `Display`), so a face shows it only where it means to.
#[derive(Clone, Default, PartialEq, Eq, Serialize)]
#[serde(transparent)]
pub struct Redacted<T: Zeroize>(T);

impl<T: Zeroize> Redacted<T> {
    pub fn new(value: T) -> Self {
        Redacted(value)
    }
}

impl<T: Zeroize> Deref for Redacted<T> {
    type Target = T;
    fn deref(&self) -> &T {
        &self.0
    }
}

impl<T: Zeroize> Drop for Redacted<T> {
    fn drop(&mut self) {
        self.0.zeroize();
    }
}

impl<T: Zeroize> fmt::Debug for Redacted<T> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("<redacted>")
    }
}

impl<T: Zeroize + fmt::Display> fmt::Display for Redacted<T> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        self.0.fmt(f)
    }
}

impl From<String> for Redacted<String> {
    fn from(s: String) -> Self {
        Redacted(s)
    }
}

impl From<&str> for Redacted<String> {
    fn from(s: &str) -> Self {
        Redacted(s.to_string())
    }
}

impl PartialEq<str> for Redacted<String> {
    fn eq(&self, other: &str) -> bool {
        self.0 == other
    }
}

impl PartialEq<String> for Redacted<String> {
    fn eq(&self, other: &String) -> bool {
        self.0 == *other
    }
}

impl PartialEq<&str> for Redacted<String> {
    fn eq(&self, other: &&str) -> bool {
        self.0 == *other
    }
}

fn as_text<S: Serializer, T: fmt::Display>(v: &T, s: S) -> std::result::Result<S::Ok, S::Error> {
    s.collect_str(v)
}

fn as_time<S: Serializer>(t: &Timestamp, s: S) -> std::result::Result<S::Ok, S::Error> {
    s.serialize_str(&domain::format_time(*t))
}

fn as_time_seconds<S: Serializer>(t: &Timestamp, s: S) -> std::result::Result<S::Ok, S::Error> {
    s.serialize_str(&domain::format_time_seconds(*t))
}

fn as_opt_time<S: Serializer>(t: &Option<Timestamp>, s: S) -> std::result::Result<S::Ok, S::Error> {
    match t {
        Some(t) => as_time(t, s),
        None => s.serialize_none(),
    }
}

fn as_opt_text<S: Serializer, T: fmt::Display>(
    v: &Option<T>,
    s: S,
) -> std::result::Result<S::Ok, S::Error> {
    match v {
        Some(v) => s.collect_str(v),
        None => s.serialize_none(),
    }
}

fn status_text<S: Serializer>(v: &ClientStatus, s: S) -> std::result::Result<S::Ok, S::Error> {
    s.serialize_str(v.as_str())
}

/// A client as a list shows it. The name is [`Redacted`].
#[derive(Debug, Clone, Serialize)]
pub struct ClientSummary {
    #[serde(serialize_with = "as_text")]
    pub reference: ClientRef,
    /// Whether opening this client is a break-the-glass access for the caller (outside their
    /// caseload: it needs a stated reason, and is logged and flagged).
    #[serde(skip)]
    pub outside_caseload: bool,
    pub name: Redacted<String>,
    pub adviser: String,
    #[serde(serialize_with = "status_text")]
    pub status: ClientStatus,
    #[serde(rename = "opened", serialize_with = "as_time")]
    pub opened_at: Timestamp,
    #[serde(serialize_with = "as_opt_time")]
    pub last_contact: Option<Timestamp>,
    #[serde(rename = "notes")]
    pub note_count: u32,
    /// Actions agreed with the client and not yet done.
    #[serde(skip)]
    pub open_actions: u32,
    /// Open actions due before today (the day the list was read).
    #[serde(skip)]
    pub overdue_actions: u32,
    /// The earliest due date among the open actions.
    #[serde(skip)]
    pub next_due: Option<Date>,
}

/// What a section shows. A masked section carries no text at all — not its length, not a hint.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum SectionBody {
    /// An ordinary section's text.
    Shown(Redacted<String>),
    /// A masked section, not revealed.
    Masked,
    /// A masked section revealed with a logged reason.
    Revealed(Redacted<String>),
}

/// One section of a note as a face shows it: heading and label always, the text as [`body`]
/// says.
///
/// A section a supervisor redacted has no text any more, in any revision: `redacted` says who,
/// when and why, and `body` is [`SectionBody::Shown`] with that marker as one line ("Redacted by
/// NAME on DATE: REASON", [`RedactionMark::describe`]) whatever its label, so that a face that
/// knows nothing of redaction still shows the marker, and offers no reveal (there is nothing to
/// reveal; the session refuses one). The heading and label stay as they were.
///
/// [`body`]: SectionView::body
#[derive(Debug, Clone)]
pub struct SectionView {
    pub heading: String,
    pub sensitivity: Sensitivity,
    pub body: SectionBody,
    /// Set when the section was redacted.
    pub redacted: Option<RedactionMark>,
}

impl SectionView {
    /// Whether a supervisor redacted it.
    pub fn is_redacted(&self) -> bool {
        self.redacted.is_some()
    }
}

/// Who redacted a section, when and why. The reason is case content, shown to whoever may read
/// the note (it is [`Redacted`]: `Debug` leaves it out).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RedactionMark {
    pub by: String,
    pub at: Timestamp,
    pub reason: Redacted<String>,
}

impl RedactionMark {
    /// The marker as one line: "Redacted by NAME on DATE: REASON" (the time in UTC, to the
    /// minute). Faces escape it like any stored text.
    pub fn describe(&self) -> String {
        format!(
            "Redacted by {} on {}: {}",
            self.by,
            domain::format_time(self.at),
            self.reason.as_str()
        )
    }
}

#[derive(Debug, Clone)]
pub struct NoteView {
    pub id: NoteId,
    pub author: String,
    pub contact_at: Timestamp,
    pub channel: Channel,
    pub status: NoteStatus,
    /// The newest revision's sections, then the addenda (see [`NoteMarks::addenda_from`]).
    pub sections: Vec<SectionView>,
    pub marks: NoteMarks,
}

/// What happened to a note after it was saved.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct NoteMarks {
    /// The revision shown: 1 for a note never corrected.
    pub revision: u32,
    /// Who corrected it last, and when.
    pub corrected: Option<(String, Timestamp)>,
    /// Who signed it off, and when.
    pub reviewed: Option<(String, Timestamp)>,
    /// The note's sections from this index on are addenda.
    pub addenda_from: usize,
    /// Who added each addendum, and when.
    pub addenda: Vec<(String, Timestamp)>,
}

impl NoteMarks {
    /// One line saying whether the note was corrected and signed off, if either.
    pub fn describe(&self) -> Option<String> {
        let mut parts = Vec::new();
        if let Some((by, at)) = &self.corrected {
            parts.push(format!(
                "corrected by {} {} (revision {}; earlier revisions kept)",
                crate::domain::visible_line(by),
                crate::domain::format_time(*at),
                self.revision
            ));
        }
        if let Some((by, at)) = &self.reviewed {
            parts.push(format!(
                "signed off by {} {} (locked)",
                crate::domain::visible_line(by),
                crate::domain::format_time(*at)
            ));
        }
        (!parts.is_empty()).then(|| parts.join(" · "))
    }

    /// Who added the section at `index`, if it is an addendum ("addendum by sam 2026-…").
    pub fn addendum(&self, index: usize) -> Option<String> {
        let (by, at) = self.addenda.get(index.checked_sub(self.addenda_from)?)?;
        Some(format!(
            "addendum by {} {}",
            crate::domain::visible_line(by),
            crate::domain::format_time(*at)
        ))
    }
}

/// A client's confidential details (date of birth, contact), present only once revealed.
#[derive(Debug, Clone)]
pub struct ClientDetails {
    pub date_of_birth: Redacted<Option<String>>,
    pub contact: Redacted<Option<String>>,
}

/// A client and their notes, newest first, as a face may show them.
#[derive(Debug, Clone)]
pub struct ClientView {
    pub summary: ClientSummary,
    pub details: Option<ClientDetails>,
    pub notes: Vec<NoteView>,
    /// Every action agreed with the client, open and done, by number. An action from a masked
    /// section is masked unless this opening revealed that section.
    pub actions: Vec<ActionView>,
    /// The client's consents, by number.
    pub consents: Vec<super::ConsentView>,
    /// Whether this opening was a logged break-glass access.
    pub break_glass: bool,
}

/// An action agreed with a client, as a face may show it. Its text is [`SectionBody::Masked`]
/// when it was agreed in a masked section (see the note it came from), never shown here
/// without a logged reveal.
#[derive(Debug, Clone)]
pub struct ActionView {
    pub client: ClientRef,
    /// Its number within the client: 1, 2, 3…
    pub number: u32,
    pub owner: Owner,
    pub text: SectionBody,
    /// The label of the section it came from.
    pub sensitivity: Sensitivity,
    pub due: Option<Date>,
    /// The note it was agreed in.
    pub note: NoteId,
    pub created_at: Timestamp,
    pub done: Option<DoneView>,
}

/// When an action was marked done, and by whom.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DoneView {
    pub at: Timestamp,
    pub by: String,
}

/// Where an action stands on a given day.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ActionStatus {
    Open,
    /// Open and due before that day.
    Overdue,
    Done,
}

impl ActionStatus {
    pub fn as_str(self) -> &'static str {
        match self {
            ActionStatus::Open => "open",
            ActionStatus::Overdue => "overdue",
            ActionStatus::Done => "done",
        }
    }
}

impl fmt::Display for ActionStatus {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.pad(self.as_str())
    }
}

impl ActionView {
    pub fn is_open(&self) -> bool {
        self.done.is_none()
    }

    /// Whether it is open and was due before `today` (an action due today is not yet overdue).
    pub fn overdue(&self, today: Date) -> bool {
        self.is_open() && self.due.is_some_and(|d| d < today)
    }

    /// Where it stands on `today`.
    pub fn status(&self, today: Date) -> ActionStatus {
        if !self.is_open() {
            ActionStatus::Done
        } else if self.overdue(today) {
            ActionStatus::Overdue
        } else {
            ActionStatus::Open
        }
    }
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
    /// Holds the case keys (a confirmed adviser or supervisor; never an administrator).
    pub confirmed: bool,
    /// An adviser or supervisor that no supervisor has yet given the case keys (a new account,
    /// one whose password an administrator reset, one enabled again or one that was an
    /// administrator).
    pub awaiting_confirmation: bool,
    /// Its password was set by an administrator (a reset, or enabling it again): it may do
    /// nothing until it chooses its own, and cannot be confirmed before.
    pub must_change_password: bool,
    pub created_at: Timestamp,
}

/// Open clients left without an active adviser by an account change (disabling it, or making
/// it an administrator), by reference only: what an administrator may be told. A supervisor
/// gives each a new adviser (`casenotes client reassign`).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct NeedsAdviser {
    pub clients: Vec<ClientRef>,
    /// Clients whose adviser is not yet recorded where the office key reads it (a store made
    /// before assignments were recorded, until an adviser or supervisor next signs in): they
    /// may include more of the account's clients. A supervisor's
    /// [`crate::session::Session::clients_without_active_adviser`] sees them all.
    pub unrecorded: u64,
}

/// An audit event as a reader sees it. The stated reason is [`Redacted`].
#[derive(Debug, Clone, Serialize)]
pub struct AuditEntry {
    pub seq: u64,
    #[serde(serialize_with = "as_time_seconds")]
    pub at: Timestamp,
    pub actor: String,
    pub action: &'static str,
    pub detail: String,
    #[serde(serialize_with = "as_opt_text")]
    pub client: Option<ClientRef>,
    /// Withheld from administrators, who do not read case content.
    pub reason: Option<Redacted<String>>,
    pub flagged: bool,
}
