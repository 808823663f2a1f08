//! Plain data types and the rules that need no I/O: roles, sensitivity labels, clients, notes,
//! policy and audit events. Nothing here touches a file, a key or a terminal.

use std::fmt;
use std::str::FromStr;

use serde::{Deserialize, Serialize};
use zeroize::{Zeroize, ZeroizeOnDrop};

/// Seconds since the Unix epoch, UTC. Records store time in this form; faces format it.
pub type Timestamp = i64;

/// The current time as a [`Timestamp`].
pub fn now() -> Timestamp {
    jiff::Timestamp::now().as_second()
}

/// Formats a timestamp as `YYYY-MM-DD HH:MM` in UTC, the form every face prints.
pub fn format_time(t: Timestamp) -> String {
    match jiff::Timestamp::from_second(t) {
        Ok(ts) => ts.strftime("%Y-%m-%d %H:%M").to_string(),
        Err(_) => "????-??-?? ??:??".to_string(),
    }
}

/// What a user may do. Checked by the session layer on every use case.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum Role {
    /// Keeps a caseload of clients and writes notes about them.
    Adviser,
    /// Everything an adviser can, over all clients, plus the audit trail.
    Supervisor,
    /// Users, policy and the audit trail; never client names or note text.
    Admin,
}

impl Role {
    pub fn as_str(self) -> &'static str {
        match self {
            Role::Adviser => "adviser",
            Role::Supervisor => "supervisor",
            Role::Admin => "admin",
        }
    }

    /// Whether this role may see client names and note text at all.
    pub fn reads_case_content(self) -> bool {
        matches!(self, Role::Adviser | Role::Supervisor)
    }
}

impl fmt::Display for Role {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.pad(self.as_str())
    }
}

impl FromStr for Role {
    type Err = String;
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        match s {
            "adviser" => Ok(Role::Adviser),
            "supervisor" => Ok(Role::Supervisor),
            "admin" => Ok(Role::Admin),
            other => Err(format!(
                "unknown role '{other}': expected adviser, supervisor or admin"
            )),
        }
    }
}

/// The special categories of personal data (UK GDPR art. 9, with criminal-offence data treated
/// the same way).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum SpecialCategory {
    Ethnicity,
    Politics,
    Religion,
    Union,
    Genetic,
    Biometric,
    Health,
    Sexuality,
    Criminal,
}

impl SpecialCategory {
    pub const ALL: [SpecialCategory; 9] = [
        SpecialCategory::Ethnicity,
        SpecialCategory::Politics,
        SpecialCategory::Religion,
        SpecialCategory::Union,
        SpecialCategory::Genetic,
        SpecialCategory::Biometric,
        SpecialCategory::Health,
        SpecialCategory::Sexuality,
        SpecialCategory::Criminal,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            SpecialCategory::Ethnicity => "ethnicity",
            SpecialCategory::Politics => "politics",
            SpecialCategory::Religion => "religion",
            SpecialCategory::Union => "union",
            SpecialCategory::Genetic => "genetic",
            SpecialCategory::Biometric => "biometric",
            SpecialCategory::Health => "health",
            SpecialCategory::Sexuality => "sexuality",
            SpecialCategory::Criminal => "criminal",
        }
    }
}

/// The label every section carries. Anything but `Ordinary` is masked until revealed.
///
/// ```
/// use casenotes::domain::{Sensitivity, SpecialCategory};
///
/// let label: Sensitivity = "special:health".parse().unwrap();
/// assert_eq!(label, Sensitivity::Special(SpecialCategory::Health));
/// assert!(label.is_masked());
/// assert!(!"ordinary".parse::<Sensitivity>().unwrap().is_masked());
/// assert!("secret".parse::<Sensitivity>().is_err());
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum Sensitivity {
    Ordinary,
    Confidential,
    Special(SpecialCategory),
}

impl Sensitivity {
    /// Masked sections show heading and label only, until revealed with a reason.
    pub fn is_masked(self) -> bool {
        !matches!(self, Sensitivity::Ordinary)
    }
}

impl fmt::Display for Sensitivity {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Sensitivity::Ordinary => f.write_str("ordinary"),
            Sensitivity::Confidential => f.write_str("confidential"),
            Sensitivity::Special(c) => write!(f, "special:{}", c.as_str()),
        }
    }
}

impl FromStr for Sensitivity {
    type Err = String;
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        let categories = || {
            SpecialCategory::ALL
                .iter()
                .map(|c| c.as_str())
                .collect::<Vec<_>>()
                .join(", ")
        };
        match s {
            "ordinary" => Ok(Sensitivity::Ordinary),
            "confidential" => Ok(Sensitivity::Confidential),
            _ => match s.strip_prefix("special:") {
                Some(cat) => SpecialCategory::ALL
                    .iter()
                    .find(|c| c.as_str() == cat)
                    .map(|c| Sensitivity::Special(*c))
                    .ok_or_else(|| {
                        format!(
                            "unknown special category '{cat}': expected one of {}",
                            categories()
                        )
                    }),
                None => Err(format!(
                    "unknown sensitivity '{s}': expected ordinary, confidential or special:<category>"
                )),
            },
        }
    }
}

/// How the contact with the client happened.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum Channel {
    InPerson,
    Phone,
    Email,
    Video,
    Other,
}

impl Channel {
    pub fn as_str(self) -> &'static str {
        match self {
            Channel::InPerson => "in-person",
            Channel::Phone => "phone",
            Channel::Email => "email",
            Channel::Video => "video",
            Channel::Other => "other",
        }
    }
}

impl fmt::Display for Channel {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.pad(self.as_str())
    }
}

impl FromStr for Channel {
    type Err = String;
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        match s {
            "session" | "in-person" => Ok(Channel::InPerson),
            "phone" => Ok(Channel::Phone),
            "email" => Ok(Channel::Email),
            "video" => Ok(Channel::Video),
            "other" => Ok(Channel::Other),
            other => Err(format!(
                "unknown kind '{other}': expected session, phone, email, video or other"
            )),
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum NoteStatus {
    Draft,
    Final,
}

impl NoteStatus {
    pub fn as_str(self) -> &'static str {
        match self {
            NoteStatus::Draft => "draft",
            NoteStatus::Final => "final",
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum ClientStatus {
    Open,
    Closed,
}

impl ClientStatus {
    pub fn as_str(self) -> &'static str {
        match self {
            ClientStatus::Open => "open",
            ClientStatus::Closed => "closed",
        }
    }
}

/// A client's reference, `C-000123`: a sequence number, never derived from the name.
///
/// ```
/// use casenotes::domain::ClientRef;
///
/// let r: ClientRef = "C-000123".parse().unwrap();
/// assert_eq!(r, ClientRef(123));
/// assert_eq!(r.to_string(), "C-000123");
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
pub struct ClientRef(pub u64);

impl fmt::Display for ClientRef {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "C-{:06}", self.0)
    }
}

impl FromStr for ClientRef {
    type Err = String;
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        let digits = s
            .strip_prefix("C-")
            .or_else(|| s.strip_prefix("c-"))
            .unwrap_or(s);
        match digits.parse::<u64>() {
            Ok(n) if n > 0 && !digits.starts_with('+') => Ok(ClientRef(n)),
            _ => Err(format!(
                "'{s}' is not a client reference (expected the form C-000123)"
            )),
        }
    }
}

/// A note's id, `N-000045`: a store-wide sequence number.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
pub struct NoteId(pub u64);

impl fmt::Display for NoteId {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "N-{:06}", self.0)
    }
}

impl FromStr for NoteId {
    type Err = String;
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        let digits = s
            .strip_prefix("N-")
            .or_else(|| s.strip_prefix("n-"))
            .unwrap_or(s);
        match digits.parse::<u64>() {
            Ok(n) if n > 0 && !digits.starts_with('+') => Ok(NoteId(n)),
            _ => Err(format!(
                "'{s}' is not a note id (expected the form N-000045)"
            )),
        }
    }
}

/// A user's random id. Never derived from the name.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
pub struct UserId(pub [u8; 16]);

/// A user account as stored (sealed under the master key).
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct User {
    pub id: UserId,
    pub name: String,
    pub role: Role,
    pub disabled: bool,
    pub created_at: Timestamp,
}

/// A client as stored (sealed under the client's own data key).
#[derive(Clone, Serialize, Deserialize, Zeroize, ZeroizeOnDrop)]
pub struct Client {
    #[zeroize(skip)]
    pub reference: ClientRef,
    pub name: String,
    /// `YYYY-MM-DD`; confidential.
    pub date_of_birth: Option<String>,
    /// Phone, email or address; confidential.
    pub contact: Option<String>,
    #[zeroize(skip)]
    pub adviser: UserId,
    #[zeroize(skip)]
    pub status: ClientStatus,
    pub opened_at: Timestamp,
    pub closed_at: Option<Timestamp>,
    /// Contact time of the newest note, kept here so a caseload lists without opening notes.
    pub last_contact: Option<Timestamp>,
    /// Notes held for this client.
    pub note_count: u32,
    /// Lines under "Actions agreed" in the newest note: the actions still open.
    pub open_actions: u32,
}

/// The heading under which a note lists the actions agreed.
pub const ACTIONS_HEADING: &str = "Actions agreed";

/// Counts the actions in a note: the non-empty lines of its "Actions agreed" section.
pub fn count_actions(sections: &[Section]) -> u32 {
    sections
        .iter()
        .filter(|s| s.heading.eq_ignore_ascii_case(ACTIONS_HEADING))
        .map(|s| s.text.lines().filter(|l| !l.trim().is_empty()).count() as u32)
        .sum()
}

/// A note being written, sealed and kept so a crash or a lock loses almost nothing. One per
/// user; only its author can read it back.
#[derive(Clone, Serialize, Deserialize, Zeroize, ZeroizeOnDrop)]
pub struct Draft {
    #[zeroize(skip)]
    pub client: ClientRef,
    #[zeroize(skip)]
    pub channel: Channel,
    pub sections: Vec<Section>,
    pub saved_at: Timestamp,
}

/// One labelled part of a note.
#[derive(Clone, Serialize, Deserialize, Zeroize, ZeroizeOnDrop)]
pub struct Section {
    pub heading: String,
    #[zeroize(skip)]
    pub sensitivity: Sensitivity,
    pub text: String,
}

/// A case note as stored (sealed under the client's data key).
#[derive(Clone, Serialize, Deserialize, Zeroize, ZeroizeOnDrop)]
pub struct Note {
    #[zeroize(skip)]
    pub id: NoteId,
    #[zeroize(skip)]
    pub client: ClientRef,
    #[zeroize(skip)]
    pub author: UserId,
    pub contact_at: Timestamp,
    #[zeroize(skip)]
    pub channel: Channel,
    #[zeroize(skip)]
    pub status: NoteStatus,
    pub sections: Vec<Section>,
    pub created_at: Timestamp,
}

/// Longest heading a section may have, in characters.
pub const MAX_HEADING_CHARS: usize = 120;
/// Longest text one section may hold, in bytes (a huge paste is refused, not truncated).
pub const MAX_SECTION_BYTES: usize = 64 * 1024;
/// Most sections one note may have.
pub const MAX_SECTIONS: usize = 32;
/// Longest client name, in characters.
pub const MAX_NAME_CHARS: usize = 200;
/// Longest stated reason, in characters.
pub const MAX_REASON_CHARS: usize = 500;

/// Checks a note's sections: drops empty ones (empty sections are not saved) and refuses what no
/// adviser could mean (no content at all, huge pastes, headings that are not headings).
pub fn validate_sections(sections: Vec<Section>) -> Result<Vec<Section>, String> {
    let kept: Vec<Section> = sections
        .into_iter()
        .filter(|s| !s.text.trim().is_empty())
        .collect();
    if kept.is_empty() {
        return Err("a note needs at least one section with text".into());
    }
    if kept.len() > MAX_SECTIONS {
        return Err(format!("a note may have at most {MAX_SECTIONS} sections"));
    }
    for s in &kept {
        let heading = s.heading.trim();
        if heading.is_empty() {
            return Err("every section needs a heading".into());
        }
        if heading.chars().count() > MAX_HEADING_CHARS {
            return Err(format!(
                "a section heading may have at most {MAX_HEADING_CHARS} characters"
            ));
        }
        if s.text.len() > MAX_SECTION_BYTES {
            return Err(format!(
                "section '{heading}' is too long ({} KiB; at most {} KiB)",
                s.text.len() / 1024,
                MAX_SECTION_BYTES / 1024
            ));
        }
    }
    Ok(kept)
}

/// Checks a reason given for a reveal or for opening a client outside one's caseload.
pub fn validate_reason(reason: &str) -> Result<String, String> {
    let r = reason.trim();
    if r.chars().count() < 3 {
        return Err("a reason is required (at least a few words saying why)".into());
    }
    if r.chars().count() > MAX_REASON_CHARS {
        return Err(format!(
            "a reason may have at most {MAX_REASON_CHARS} characters"
        ));
    }
    Ok(r.to_string())
}

/// Checks a client's name.
pub fn validate_client_name(name: &str) -> Result<String, String> {
    let n = name.trim();
    if n.is_empty() {
        return Err("a client needs a name (or initials or a code)".into());
    }
    if n.chars().count() > MAX_NAME_CHARS {
        return Err(format!(
            "a client name may have at most {MAX_NAME_CHARS} characters"
        ));
    }
    if n.chars().any(char::is_control) {
        return Err("a client name may not contain control characters".into());
    }
    Ok(n.to_string())
}

/// Checks a username: short, printable, no spaces, compared case-insensitively.
pub fn validate_username(name: &str) -> Result<String, String> {
    // Checked after lowercasing, so that what is stored always passes this check again.
    let lower = name.to_lowercase();
    let ok = !lower.is_empty()
        && lower.chars().count() <= 64
        && lower
            .chars()
            .all(|c| c.is_alphanumeric() || matches!(c, '.' | '-' | '_' | '@'));
    if ok {
        Ok(lower)
    } else {
        Err(format!(
            "'{name}' is not a valid username: use 1-64 letters, digits, '.', '-', '_' or '@'"
        ))
    }
}

/// The office's policy, set by an administrator.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Policy {
    /// Minimum password length in characters.
    pub password_min_length: u32,
    /// Idle seconds before the screen locks.
    pub lock_after_secs: u32,
    /// Seconds a revealed section stays revealed.
    pub reveal_secs: u32,
    /// Years a closed client's records are kept.
    pub retention_years: u32,
    /// Argon2id memory cost for new key slots, in MiB.
    pub kdf_memory_mib: u32,
    /// Argon2id passes for new key slots.
    pub kdf_passes: u32,
}

impl Default for Policy {
    fn default() -> Self {
        Policy {
            password_min_length: 15,
            lock_after_secs: 300,
            reveal_secs: 120,
            retention_years: 6,
            kdf_memory_mib: 64,
            kdf_passes: 3,
        }
    }
}

/// A policy setting's name, range and meaning, for `policy show` and `policy set`.
pub struct PolicyKey {
    pub name: &'static str,
    pub min: u32,
    pub max: u32,
    pub meaning: &'static str,
}

impl Policy {
    pub const KEYS: [PolicyKey; 6] = [
        PolicyKey {
            name: "password-min-length",
            min: 8,
            max: 128,
            meaning: "minimum password length in characters",
        },
        PolicyKey {
            name: "lock-after",
            min: 30,
            max: 3600,
            meaning: "idle seconds before the screen locks",
        },
        PolicyKey {
            name: "reveal-seconds",
            min: 10,
            max: 900,
            meaning: "seconds a revealed section stays revealed",
        },
        PolicyKey {
            name: "retention-years",
            min: 1,
            max: 100,
            meaning: "years a closed client's records are kept",
        },
        PolicyKey {
            name: "kdf-memory-mib",
            min: 19,
            max: 1024,
            meaning: "Argon2id memory for new passwords, MiB",
        },
        PolicyKey {
            name: "kdf-passes",
            min: 2,
            max: 10,
            meaning: "Argon2id passes for new passwords",
        },
    ];

    pub fn get(&self, key: &str) -> Option<u32> {
        Some(match key {
            "password-min-length" => self.password_min_length,
            "lock-after" => self.lock_after_secs,
            "reveal-seconds" => self.reveal_secs,
            "retention-years" => self.retention_years,
            "kdf-memory-mib" => self.kdf_memory_mib,
            "kdf-passes" => self.kdf_passes,
            _ => return None,
        })
    }

    /// Sets one key from its text form, checking the range.
    pub fn set(&mut self, key: &str, value: &str) -> Result<(), String> {
        let spec = Self::KEYS.iter().find(|k| k.name == key).ok_or_else(|| {
            let names: Vec<_> = Self::KEYS.iter().map(|k| k.name).collect();
            format!(
                "unknown policy key '{key}': expected one of {}",
                names.join(", ")
            )
        })?;
        let v: u32 = value
            .parse()
            .map_err(|_| format!("'{value}' is not a whole number"))?;
        if v < spec.min || v > spec.max {
            return Err(format!(
                "{key} must be between {} and {}",
                spec.min, spec.max
            ));
        }
        let slot = match key {
            "password-min-length" => &mut self.password_min_length,
            "lock-after" => &mut self.lock_after_secs,
            "reveal-seconds" => &mut self.reveal_secs,
            "retention-years" => &mut self.retention_years,
            "kdf-memory-mib" => &mut self.kdf_memory_mib,
            _ => &mut self.kdf_passes,
        };
        *slot = v;
        Ok(())
    }
}

/// What an audit event records.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
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
}

impl AuditAction {
    pub fn name(&self) -> &'static str {
        match self {
            AuditAction::StoreCreated => "store-created",
            AuditAction::SignIn => "sign-in",
            AuditAction::SignInFailed { .. } => "sign-in-failed",
            AuditAction::SignInUnknownUser { .. } => "sign-in-unknown-user",
            AuditAction::UserAdded { .. } => "user-added",
            AuditAction::UserDisabled { .. } => "user-disabled",
            AuditAction::PasswordChanged { .. } => "password-changed",
            AuditAction::PolicyChanged { .. } => "policy-changed",
            AuditAction::ClientCreated => "client-created",
            AuditAction::ClientListed { .. } => "clients-listed",
            AuditAction::NoteAdded { .. } => "note-added",
            AuditAction::NotesViewed { .. } => "notes-viewed",
            AuditAction::SectionRevealed { .. } => "section-revealed",
            AuditAction::DetailsRevealed => "details-revealed",
            AuditAction::BreakGlass => "break-glass",
            AuditAction::Seeded { .. } => "seeded",
        }
    }

    /// A short description without case content.
    pub fn detail(&self) -> String {
        match self {
            AuditAction::SignInFailed { count, last_at } => {
                format!("{count} failed, last {}", format_time(*last_at))
            }
            AuditAction::SignInUnknownUser { count } => format!("{count} attempts"),
            AuditAction::UserAdded { name, role } => format!("{name} as {role}"),
            AuditAction::UserDisabled { name } | AuditAction::PasswordChanged { name } => {
                name.clone()
            }
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
            AuditAction::StoreCreated
            | AuditAction::SignIn
            | AuditAction::ClientCreated
            | AuditAction::DetailsRevealed
            | AuditAction::BreakGlass => String::new(),
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
    /// The reason stated for a reveal or a break-glass opening.
    pub reason: Option<String>,
    /// Raised for supervisor review (break-glass openings).
    pub flagged: bool,
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
        };
        assert!(!format!("{e:?}").contains("partner"));
    }

    #[test]
    fn sensitivity_round_trips_every_label() {
        let mut labels = vec!["ordinary".to_string(), "confidential".to_string()];
        labels.extend(
            SpecialCategory::ALL
                .iter()
                .map(|c| format!("special:{}", c.as_str())),
        );
        for l in labels {
            let s: Sensitivity = l.parse().unwrap();
            assert_eq!(s.to_string(), l);
            assert_eq!(s.is_masked(), l != "ordinary");
        }
    }

    #[test]
    fn bad_sensitivity_is_refused_with_the_choices() {
        let e = "secret".parse::<Sensitivity>().unwrap_err();
        assert!(e.contains("ordinary, confidential"), "{e}");
        let e = "special:money".parse::<Sensitivity>().unwrap_err();
        assert!(e.contains("health"), "{e}");
    }

    #[test]
    fn references_parse_and_print() {
        assert_eq!("C-000123".parse::<ClientRef>().unwrap(), ClientRef(123));
        assert_eq!("17".parse::<ClientRef>().unwrap(), ClientRef(17));
        assert_eq!(ClientRef(5).to_string(), "C-000005");
        assert!("C-abc".parse::<ClientRef>().is_err());
        assert!("C-0".parse::<ClientRef>().is_err());
        assert_eq!(NoteId(45).to_string(), "N-000045");
        assert_eq!("N-000045".parse::<NoteId>().unwrap(), NoteId(45));
    }

    #[test]
    fn empty_sections_are_dropped_and_empty_notes_refused() {
        let s = |h: &str, t: &str| Section {
            heading: h.into(),
            sensitivity: Sensitivity::Ordinary,
            text: t.into(),
        };
        let kept =
            validate_sections(vec![s("Query", "help with rent"), s("Outcome", "  ")]).unwrap();
        assert_eq!(kept.len(), 1);
        assert!(validate_sections(vec![s("Query", "")]).is_err());
        assert!(validate_sections(vec![s("", "text")]).is_err());
        let huge = "x".repeat(MAX_SECTION_BYTES + 1);
        assert!(validate_sections(vec![s("Query", &huge)]).is_err());
    }

    #[test]
    fn policy_set_checks_key_and_range() {
        let mut p = Policy::default();
        p.set("lock-after", "120").unwrap();
        assert_eq!(p.lock_after_secs, 120);
        assert!(p.set("lock-after", "5").is_err());
        assert!(p.set("colour", "1").is_err());
        assert!(p.set("reveal-seconds", "abc").is_err());
        for k in Policy::KEYS {
            assert!(p.get(k.name).is_some());
        }
    }

    #[test]
    fn usernames_are_normalised_and_checked() {
        assert_eq!(validate_username("Adviser1").unwrap(), "adviser1");
        assert!(validate_username("a b").is_err());
        assert!(validate_username("").is_err());
        // Lowercasing can add characters; what is returned is always valid again.
        for odd in ["İpek", &"İ".repeat(40)] {
            if let Ok(n) = validate_username(odd) {
                assert_eq!(validate_username(&n).unwrap(), n);
            }
        }
    }

    #[test]
    fn reasons_must_say_something() {
        assert!(validate_reason("  ").is_err());
        assert_eq!(validate_reason(" supervision ").unwrap(), "supervision");
    }
}
