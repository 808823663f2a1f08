//! Records as stored: users, clients, notes and their sections, drafts; and the checks on what
//! goes into them.

use serde::{Deserialize, Serialize};
use zeroize::{Zeroize, ZeroizeOnDrop};

use super::{
    Channel, ClientRef, ClientStatus, NoteId, NoteStatus, Role, Sensitivity, Timestamp, UserId,
};

/// A user account as stored (sealed under the office key).
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct User {
    pub id: UserId,
    pub name: String,
    pub role: Role,
    pub disabled: bool,
    pub created_at: Timestamp,
    /// The account's public key, to which a supervisor seals the case keys on confirming it.
    pub public_key: Vec<u8>,
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

#[cfg(test)]
mod tests {
    use super::*;

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
    fn usernames_are_normalised_and_checked() {
        assert_eq!(validate_username("Adviser1").unwrap(), "adviser1");
        assert!(validate_username("a b").is_err());
        assert!(validate_username("").is_err());
        assert_eq!(validate_username(&"A".repeat(64)).unwrap(), "a".repeat(64));
        assert!(validate_username(&"a".repeat(65)).is_err());
        // Lowercasing can add characters: "İ" becomes "i" and a combining dot, which is not a
        // letter, so such names are refused rather than stored in a form that fails the check.
        assert_eq!("İpek".to_lowercase(), "i\u{307}pek");
        let e = validate_username("İpek").unwrap_err();
        assert!(e.contains("not a valid username"), "{e}");
        assert!(validate_username(&"İ".repeat(40)).is_err());
        // What is returned always passes the check again, unchanged.
        for name in ["ÉLODIE", "Ana.María_2", "x@Office"] {
            let n = validate_username(name).unwrap();
            assert_eq!(n, name.to_lowercase());
            assert_eq!(validate_username(&n).unwrap(), n);
        }
    }

    #[test]
    fn reasons_must_say_something() {
        assert!(validate_reason("  ").is_err());
        assert_eq!(validate_reason(" supervision ").unwrap(), "supervision");
    }
}
