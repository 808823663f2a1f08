//! Records as stored: users, clients, notes and their sections, drafts; and the checks on what
//! goes into them.

use serde::{Deserialize, Serialize};
use zeroize::{Zeroize, ZeroizeOnDrop};

use super::{
    Channel, ClientRef, ClientStatus, NoteId, NoteStatus, OpenAction, Role, Sensitivity, Timestamp,
    UserId, is_hidden, visible_line,
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
    /// The notes held for this client, in the order written: a note missing from the store
    /// shows as an entry without its record. Each entry carries what the supervisor's dashboard
    /// counts (its contact time, whether it is signed off), kept in step with the note and its
    /// changes in the transaction that writes either, so that the dashboard opens no note.
    #[zeroize(skip)]
    pub notes: Vec<NoteEntry>,
    /// How many actions were ever agreed with this client: their numbers run from 1 to this,
    /// and each has its record.
    pub actions: u32,
    /// The open actions with their due dates, so that a caseload counts open and overdue
    /// actions without opening every action. Kept in step with the action records in the
    /// transaction that changes either.
    #[zeroize(skip)]
    pub open_actions: Vec<OpenAction>,
    /// Until when the client's consent to keeping notes holds (the latest renewal date of a
    /// recording consent not withdrawn), so that a dashboard counts clients without current
    /// consent without opening their consents. Kept in step with the consent records.
    #[zeroize(skip)]
    #[serde(with = "super::actions::opt_date")]
    pub consent_until: Option<jiff::civil::Date>,
    /// Sequence number of the audit event written in the same transaction as this version of
    /// the record, binding the record to the trail.
    pub written_at: u64,
}

impl Client {
    /// Whether the client's record lists note `id`.
    pub fn lists(&self, id: NoteId) -> bool {
        self.notes.iter().any(|n| n.id == id)
    }

    /// The ids of the notes listed, in the order written.
    pub fn note_ids(&self) -> impl Iterator<Item = NoteId> + '_ {
        self.notes.iter().map(|n| n.id)
    }
}

/// A note as its client's record lists it: its id, and what the supervisor's dashboard counts
/// of it without opening it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct NoteEntry {
    pub id: NoteId,
    /// The note's contact time, as saved (a correction changes its sections only).
    pub contact_at: Timestamp,
    /// Whether a supervisor has signed the note off.
    pub signed_off: bool,
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
    /// What it will be once saved: a new note, or an addendum or correction to a saved one.
    /// (Last, so drafts kept before it existed still open: see `session::keys`.)
    #[zeroize(skip)]
    pub purpose: DraftPurpose,
}

/// What a draft will be once saved.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
pub enum DraftPurpose {
    /// A new note.
    #[default]
    Note,
    /// An addendum to this note.
    Addendum(NoteId),
    /// A correction of this note (a new revision).
    Correction(NoteId),
}

/// A draft as kept before drafts said what they were for: always a new note.
#[derive(Clone, Serialize, Deserialize, Zeroize, ZeroizeOnDrop)]
pub struct DraftV1 {
    #[zeroize(skip)]
    pub client: ClientRef,
    #[zeroize(skip)]
    pub channel: Channel,
    pub sections: Vec<Section>,
    pub saved_at: Timestamp,
}

impl From<DraftV1> for Draft {
    fn from(d: DraftV1) -> Draft {
        Draft {
            client: d.client,
            channel: d.channel,
            sections: d.sections.clone(),
            saved_at: d.saved_at,
            purpose: DraftPurpose::Note,
        }
    }
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
    /// Sequence number of the audit event written in the same transaction as this note (its
    /// `note-added` event, or the batch event of a seeded store).
    pub written_at: u64,
}

/// Whether a note's sections record a referral: a "Referrals…" section with something in it
/// (sharing with another organisation, which needs the client's consent).
pub fn has_referral(sections: &[Section]) -> bool {
    sections.iter().any(|s| {
        s.heading
            .trim()
            .to_ascii_lowercase()
            .starts_with("referral")
            && !s.text.trim().is_empty()
    })
}

/// What a change to a saved note is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum ChangeKind {
    /// A correction by the note's author: the note's sections as corrected, and why.
    Revision,
    /// An addendum: one more section, added by anyone who may write to the client.
    Addendum,
    /// A supervisor's sign-off: the note is reviewed and locked against corrections.
    Review,
    /// A supervisor's redaction of `section` (counted from 0) of the note as it stood then (its
    /// newest revision's sections, then its addenda): the change carries who, when and why
    /// (`why`), and no sections. The text itself was destroyed in the records that held it
    /// (see [`super::RedactionMap`]). Last, so that changes stored before it still open.
    Redaction { section: u32 },
}

/// A change to a saved note, kept beside it (sealed under the client's data keys). The note's
/// own record is never rewritten, so every earlier revision stays readable — except by a
/// redaction, which empties the redacted section's text in the note's record and in its changes
/// and changes nothing else in them.
#[derive(Clone, Serialize, Deserialize, Zeroize, ZeroizeOnDrop)]
pub struct NoteChange {
    #[zeroize(skip)]
    pub kind: ChangeKind,
    #[zeroize(skip)]
    pub note: NoteId,
    #[zeroize(skip)]
    pub by: UserId,
    pub at: Timestamp,
    /// Why a correction or a redaction was made (empty for the other kinds).
    pub why: String,
    /// A revision's sections, or an addendum's one section; none for a sign-off or a
    /// redaction.
    pub sections: Vec<Section>,
    /// Sequence number of the audit event written with this change.
    pub written_at: u64,
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
/// Fewest letters or digits a stated reason must hold. Spaces, punctuation and invisible
/// characters do not count.
pub const MIN_REASON_LETTERS_OR_DIGITS: usize = 3;
/// Longest contact details (phone, email or address), in characters.
pub const MAX_CONTACT_CHARS: usize = 300;

/// Refuses a single-line field holding a character that would not show as itself (see
/// [`is_hidden`]); the message names the field and shows the character escaped, never the text.
fn refuse_hidden(field: &str, text: &str) -> Result<(), String> {
    match text.chars().find(|&c| is_hidden(c)) {
        Some(c) => Err(format!(
            "{field} may not contain control or invisible formatting characters (found {})",
            c.escape_unicode()
        )),
        None => Ok(()),
    }
}

/// Checks a note's sections: drops empty ones (empty sections are not saved) and refuses what no
/// adviser could mean (no content at all, huge pastes, headings that are not headings). A
/// heading is one line of visible text; a section's text is kept as typed (faces show it through
/// [`super::visible`]).
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
        refuse_hidden("a section heading", heading)?;
        if heading.chars().count() > MAX_HEADING_CHARS {
            return Err(format!(
                "a section heading may have at most {MAX_HEADING_CHARS} characters"
            ));
        }
        if s.text.len() > MAX_SECTION_BYTES {
            return Err(format!(
                "section '{}' is too long ({} KiB; at most {} KiB)",
                visible_line(heading),
                s.text.len() / 1024,
                MAX_SECTION_BYTES / 1024
            ));
        }
    }
    Ok(kept)
}

/// Checks a reason given for a reveal or for opening a client outside one's caseload: one line
/// of visible text with at least [`MIN_REASON_LETTERS_OR_DIGITS`] letters or digits, at most
/// [`MAX_REASON_CHARS`] characters. Returns it trimmed.
pub fn validate_reason(reason: &str) -> Result<String, String> {
    let r = reason.trim();
    let letters = r
        .chars()
        .filter(|&c| c.is_alphanumeric() && !is_hidden(c))
        .count();
    if letters < MIN_REASON_LETTERS_OR_DIGITS {
        return Err(format!(
            "a reason is required: at least {MIN_REASON_LETTERS_OR_DIGITS} letters or digits \
             saying why"
        ));
    }
    refuse_hidden("a reason", r)?;
    if r.chars().count() > MAX_REASON_CHARS {
        return Err(format!(
            "a reason may have at most {MAX_REASON_CHARS} characters"
        ));
    }
    Ok(r.to_string())
}

/// Checks a client's name: one line of visible text. Returns it trimmed.
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
    refuse_hidden("a client name", n)?;
    Ok(n.to_string())
}

/// Checks a client's contact details (phone, email or address): one line of visible text, at
/// most [`MAX_CONTACT_CHARS`] characters. Returns them trimmed; blank details are no details.
pub fn validate_contact(contact: Option<&str>) -> Result<Option<String>, String> {
    let Some(c) = contact.map(str::trim).filter(|c| !c.is_empty()) else {
        return Ok(None);
    };
    if c.chars().count() > MAX_CONTACT_CHARS {
        return Err(format!(
            "contact details may have at most {MAX_CONTACT_CHARS} characters"
        ));
    }
    refuse_hidden("contact details", c)?;
    Ok(Some(c.to_string()))
}

/// Checks a date of birth, `YYYY-MM-DD`, against today's date on this machine's clock: a date in
/// the future is refused, today is accepted. Returns it in the form `YYYY-MM-DD`. Messages never
/// repeat the date, which is confidential.
pub fn validate_date_of_birth(date: &str) -> Result<String, String> {
    check_date_of_birth(date, jiff::Zoned::now().date())
}

fn check_date_of_birth(date: &str, today: jiff::civil::Date) -> Result<String, String> {
    let d = date
        .trim()
        .parse::<jiff::civil::Date>()
        .map_err(|_| "a date of birth must be a date in the form YYYY-MM-DD".to_string())?;
    if d > today {
        return Err("a date of birth cannot be in the future".into());
    }
    Ok(d.to_string())
}

/// Checks a username: short, printable, no spaces, compared case-insensitively.
pub fn validate_username(name: &str) -> Result<String, String> {
    // Checked after lowercasing, so that what is stored always passes this check again.
    let lower = name.to_lowercase();
    let ok = !lower.is_empty()
        && lower.chars().count() <= 64
        && lower
            .chars()
            .all(|c| (c.is_alphanumeric() && !is_hidden(c)) || matches!(c, '.' | '-' | '_' | '@'));
    if ok {
        Ok(lower)
    } else {
        Err(format!(
            "'{}' is not a valid username: use 1-64 letters, digits, '.', '-', '_' or '@'",
            visible_line(name)
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

    #[test]
    fn a_reason_needs_visible_letters_or_digits() {
        let minimum = format!(
            "a reason is required: at least {MIN_REASON_LETTERS_OR_DIGITS} letters or digits \
             saying why"
        );
        assert_eq!(MIN_REASON_LETTERS_OR_DIGITS, 3);
        for empty in [
            "",
            "ok",
            "n/a",
            "...",
            "- - - - -",
            "\u{200b}\u{200b}\u{200b}\u{200b}",
            "\u{2060}\u{2060}\u{2060}",
            "\u{ad}\u{ad}\u{ad}\u{ad}",
            "\u{3164}\u{3164}\u{3164}",
            "\u{1}\u{2}\u{3}\u{7}",
            "\u{feff}ok\u{feff}",
            "\u{a0}\u{2003}\u{3000}",
        ] {
            assert_eq!(validate_reason(empty), Err(minimum.clone()), "{empty:?}");
        }
        assert_eq!(validate_reason("abc").unwrap(), "abc");
        assert_eq!(validate_reason("123").unwrap(), "123");
        assert_eq!(validate_reason("Ärzt").unwrap(), "Ärzt");
        assert_eq!(validate_reason("安全保障").unwrap(), "安全保障");
    }

    #[test]
    fn single_line_fields_refuse_hidden_characters() {
        let hostile = [
            ("supervision\r\u{1b}[2K", "\\u{d}"),
            ("supervision \u{1b}]0;pwned\u{7}", "\\u{1b}"),
            ("client asked \u{202e}won", "\\u{202e}"),
            ("client\nasked", "\\u{a}"),
            ("client\tasked", "\\u{9}"),
            ("client\u{200b}asked", "\\u{200b}"),
            ("client\u{2066}asked", "\\u{2066}"),
            ("client\u{9b}asked", "\\u{9b}"),
        ];
        for (text, shown) in hostile {
            let found = format!("(found {shown})");
            let e = validate_reason(text).unwrap_err();
            assert!(e.starts_with("a reason may not contain"), "{e}");
            assert!(e.ends_with(&found), "{e}");
            let e = validate_client_name(text).unwrap_err();
            assert!(e.starts_with("a client name may not contain"), "{e}");
            assert!(e.ends_with(&found), "{e}");
            let e = validate_contact(Some(text)).unwrap_err();
            assert!(e.starts_with("contact details may not contain"), "{e}");
            assert!(e.ends_with(&found), "{e}");
            let section = Section {
                heading: text.into(),
                sensitivity: Sensitivity::Ordinary,
                text: "note text".into(),
            };
            let e = validate_sections(vec![section]).err().unwrap();
            assert!(e.starts_with("a section heading may not contain"), "{e}");
            let e = validate_username(text).unwrap_err();
            assert!(!e.chars().any(is_hidden), "{e:?}");
            assert!(e.contains(shown), "{e}");
        }
        // Messages name the character, never the text around it.
        let e = validate_client_name("Robin\u{202e}elpmaxE").unwrap_err();
        assert!(!e.contains("Robin"), "{e}");
        // The Hangul filler looks like nothing but counts as a letter: refused in a username.
        assert!(validate_username("\u{3164}").is_err());
        assert!(validate_username("ad\u{ad}min").is_err());
    }

    #[test]
    fn a_section_text_is_kept_as_typed() {
        let text = "line one\r\n\u{1b}[31mred\u{1b}[0m\u{202e}\tend";
        let kept = validate_sections(vec![Section {
            heading: "Query".into(),
            sensitivity: Sensitivity::Ordinary,
            text: text.into(),
        }])
        .unwrap();
        assert_eq!(kept[0].text, text);
    }

    #[test]
    fn contact_details_are_one_short_line() {
        assert_eq!(validate_contact(None), Ok(None));
        assert_eq!(validate_contact(Some("   ")), Ok(None));
        assert_eq!(
            validate_contact(Some(" 07700 900123 ")),
            Ok(Some("07700 900123".into()))
        );
        let long = "x".repeat(MAX_CONTACT_CHARS + 1);
        assert_eq!(
            validate_contact(Some(&long)),
            Err(format!(
                "contact details may have at most {MAX_CONTACT_CHARS} characters"
            ))
        );
        assert!(validate_contact(Some(&long[1..])).is_ok());
    }

    #[test]
    fn a_date_of_birth_is_not_in_the_future() {
        let today = jiff::civil::date(2026, 3, 14);
        let check = |d: &str| check_date_of_birth(d, today);
        assert_eq!(check("2026-03-14"), Ok("2026-03-14".into()));
        assert_eq!(check("1983-07-19"), Ok("1983-07-19".into()));
        assert_eq!(check(" 2000-02-29 "), Ok("2000-02-29".into()));
        let future = Err("a date of birth cannot be in the future".to_string());
        assert_eq!(check("2026-03-15"), future);
        assert_eq!(check("2999-01-01"), future);
        let not_a_date = Err("a date of birth must be a date in the form YYYY-MM-DD".to_string());
        for bad in ["", "yesterday", "2001-02-29", "19/07/1983", "1983-13-01"] {
            assert_eq!(check(bad), not_a_date, "{bad}");
        }
        // Against the real clock: today is fine, the day after tomorrow is not.
        let now = jiff::Zoned::now().date();
        assert_eq!(
            validate_date_of_birth(&now.to_string()),
            Ok(now.to_string())
        );
        let later = now.checked_add(jiff::Span::new().days(2)).unwrap();
        assert_eq!(validate_date_of_birth(&later.to_string()), future);
    }
}
