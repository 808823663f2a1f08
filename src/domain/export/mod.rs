//! A subject access export: everything held about one client, as plain data that serialises to
//! JSON (and parses back) and renders as Markdown a client can read. Built and logged by
//! `session::export`; nothing here reads the store or writes a file.
//!
//! Every label is kept in its text form (`special:health`, `in-person`, `consent`), never as an
//! enum's internal name, so the JSON reads like the rest of casenotes' output and the Markdown
//! turns each into plain words. Times are UTC: RFC 3339 in JSON (`2026-11-23T14:05:09Z`), and
//! `YYYY-MM-DD HH:MM` in Markdown.
//!
//! The export holds case content in plain text: it wipes itself when dropped, and its `Debug`
//! names only the client's reference.
//!
//! - `mod.rs`: the export's types, its JSON form, and how times and references are written.
//! - `markdown`: the Markdown a client reads.

mod markdown;

use std::fmt;
use std::path::Path;

use serde::{Deserialize, Serialize};
use zeroize::{Zeroize, ZeroizeOnDrop, Zeroizing};

use super::{
    ClientRef, ConsentScope, ContactBy, Date, NoteId, Sensitivity, Timestamp, format_time, visible,
    visible_line,
};

/// The layout of [`ClientExport`], written into every export as `format_version`.
pub const EXPORT_VERSION: u32 = 1;

/// What a flagged section is marked with, in Markdown.
pub const REVIEW_MARK: &str = "[for supervisor review before release]";

/// How an export is written.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ExportFormat {
    Json,
    Markdown,
}

impl ExportFormat {
    /// Its name, as the audit trail records it: `json` or `md`.
    pub fn as_str(self) -> &'static str {
        match self {
            ExportFormat::Json => "json",
            ExportFormat::Markdown => "md",
        }
    }

    /// The format a file name asks for: Markdown for `.md` or `.markdown`, JSON otherwise.
    ///
    /// ```
    /// use std::path::Path;
    /// use casenotes::domain::ExportFormat;
    ///
    /// assert_eq!(ExportFormat::for_path(Path::new("sar/C-000001.MD")), ExportFormat::Markdown);
    /// assert_eq!(ExportFormat::for_path(Path::new("C-000001.json")), ExportFormat::Json);
    /// assert_eq!(ExportFormat::for_path(Path::new("C-000001")), ExportFormat::Json);
    /// ```
    pub fn for_path(path: &Path) -> ExportFormat {
        match path
            .extension()
            .and_then(|e| e.to_str())
            .map(str::to_ascii_lowercase)
            .as_deref()
        {
            Some("md" | "markdown") => ExportFormat::Markdown,
            _ => ExportFormat::Json,
        }
    }
}

impl fmt::Display for ExportFormat {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// Everything held about one client, as of `exported_at`.
#[derive(Clone, PartialEq, Eq, Serialize, Deserialize, Zeroize, ZeroizeOnDrop)]
pub struct ClientExport {
    /// [`EXPORT_VERSION`].
    pub format_version: u32,
    #[zeroize(skip)]
    #[serde(with = "text")]
    pub reference: ClientRef,
    #[serde(with = "utc")]
    pub exported_at: Timestamp,
    /// Who made the export.
    pub exported_by: String,
    /// Names of the client and of staff were replaced by references and pseudonyms, and the
    /// date of birth and contact details left out. Text written by people (notes, reasons,
    /// what was shared) is as written.
    pub pseudonymised: bool,
    pub details: ExportedDetails,
    /// Every consent, withdrawn or not, by number.
    pub consents: Vec<ExportedConsent>,
    /// Every disclosure, oldest first.
    pub disclosures: Vec<ExportedDisclosure>,
    /// Every note, oldest contact first.
    pub notes: Vec<ExportedNote>,
    /// Every action agreed, open and done, by number.
    pub actions: Vec<ExportedAction>,
    /// Every audit event about the client, oldest first (this export's own event last).
    pub accesses: Vec<ExportedAccess>,
}

/// The client's own record.
#[derive(Clone, PartialEq, Eq, Serialize, Deserialize, Zeroize)]
pub struct ExportedDetails {
    /// As stored (see the `client-names` policy): a name, initials, or the reference.
    pub name: String,
    pub date_of_birth: Option<String>,
    pub contact: Option<String>,
    pub adviser: String,
    /// `open` or `closed`.
    pub status: String,
    #[serde(with = "utc")]
    pub opened_at: Timestamp,
    #[serde(default, with = "opt_utc")]
    pub closed_at: Option<Timestamp>,
    #[serde(default, with = "opt_utc")]
    pub last_contact: Option<Timestamp>,
    /// The policy's `retention-years` when exported.
    pub retention_years: u32,
    /// The last day the records are kept: closure plus `retention_years`; none while open.
    #[zeroize(skip)]
    #[serde(default, with = "opt_day")]
    pub retain_until: Option<Date>,
}

/// A consent record.
#[derive(Clone, PartialEq, Eq, Serialize, Deserialize, Zeroize)]
pub struct ExportedConsent {
    pub number: u32,
    /// `recording`, `sharing:ORGANISATION`, `contact:email|phone|text` or `feedback`.
    pub scope: String,
    /// `verbal` or `written`.
    pub method: String,
    #[zeroize(skip)]
    #[serde(default, with = "opt_day")]
    pub given_on: Option<Date>,
    #[zeroize(skip)]
    #[serde(default, with = "opt_day")]
    pub renew_by: Option<Date>,
    #[zeroize(skip)]
    #[serde(default, with = "opt_day")]
    pub withdrawn_on: Option<Date>,
    pub withdrawn_by: Option<String>,
    pub recorded_by: String,
    /// Given, not withdrawn and not past its renewal date, on the day of the export.
    pub current: bool,
}

/// Information shared with a third party.
#[derive(Clone, PartialEq, Eq, Serialize, Deserialize, Zeroize)]
pub struct ExportedDisclosure {
    pub number: u32,
    pub to: String,
    pub what: String,
    /// `consent`, `legal` or `harm`.
    pub basis: String,
    pub justification: Option<String>,
    pub by: String,
    #[serde(with = "utc")]
    pub at: Timestamp,
}

/// A note with its whole history.
#[derive(Clone, PartialEq, Eq, Serialize, Deserialize, Zeroize)]
pub struct ExportedNote {
    #[zeroize(skip)]
    #[serde(with = "text")]
    pub id: NoteId,
    #[serde(with = "utc")]
    pub contact_at: Timestamp,
    /// `in-person`, `phone`, `email`, `video` or `other`.
    pub channel: String,
    pub author: String,
    /// Every revision, the first as written and the last as the note stands now.
    pub revisions: Vec<ExportedRevision>,
    /// Sections added later, oldest first.
    pub addenda: Vec<ExportedAddendum>,
    pub signed_off: Option<ExportedMark>,
    /// Sections whose text a supervisor destroyed, with who, when and why.
    #[serde(default)]
    pub redactions: Vec<ExportedRedaction>,
}

/// A section redacted: its text destroyed in every version that held it.
#[derive(Clone, PartialEq, Eq, Serialize, Deserialize, Zeroize)]
pub struct ExportedRedaction {
    /// The section, counted from 1 over the note as it stands (its sections, then addenda).
    pub section: u32,
    pub heading: String,
    pub by: String,
    #[serde(with = "utc")]
    pub at: Timestamp,
    pub reason: String,
}

impl ExportedNote {
    /// The note as it stands now: its last revision's sections.
    pub fn sections(&self) -> &[ExportedSection] {
        self.revisions.last().map_or(&[], |r| &r.sections)
    }
}

/// One revision of a note.
#[derive(Clone, PartialEq, Eq, Serialize, Deserialize, Zeroize)]
pub struct ExportedRevision {
    /// 1 for the note as first written.
    pub revision: u32,
    /// Who wrote it (the first) or corrected it (the later ones).
    pub by: String,
    #[serde(with = "utc")]
    pub at: Timestamp,
    /// Why it was corrected; none for the first.
    pub why: Option<String>,
    pub sections: Vec<ExportedSection>,
}

/// An addendum to a note.
#[derive(Clone, PartialEq, Eq, Serialize, Deserialize, Zeroize)]
pub struct ExportedAddendum {
    pub by: String,
    #[serde(with = "utc")]
    pub at: Timestamp,
    pub section: ExportedSection,
}

/// Who did something, and when.
#[derive(Clone, PartialEq, Eq, Serialize, Deserialize, Zeroize)]
pub struct ExportedMark {
    pub by: String,
    #[serde(with = "utc")]
    pub at: Timestamp,
}

/// One labelled section of a note.
#[derive(Clone, PartialEq, Eq, Serialize, Deserialize, Zeroize)]
pub struct ExportedSection {
    pub heading: String,
    /// `ordinary`, `confidential` or `special:<category>`.
    pub label: String,
    pub text: String,
    /// Confidential or special category: a supervisor reviews it before the export is
    /// released to the client.
    pub for_review: bool,
}

/// An action agreed with the client.
#[derive(Clone, PartialEq, Eq, Serialize, Deserialize, Zeroize)]
pub struct ExportedAction {
    pub number: u32,
    /// `client` or `adviser`.
    pub owner: String,
    pub text: String,
    /// The label of the section it was agreed in.
    pub label: String,
    pub for_review: bool,
    #[zeroize(skip)]
    #[serde(default, with = "opt_day")]
    pub due: Option<Date>,
    #[zeroize(skip)]
    #[serde(with = "text")]
    pub note: NoteId,
    pub done: Option<ExportedMark>,
}

/// An audit event about the client: who did what to the record, and when.
#[derive(Clone, PartialEq, Eq, Serialize, Deserialize, Zeroize)]
pub struct ExportedAccess {
    /// The event's number in the audit trail.
    pub event: u64,
    #[serde(with = "utc")]
    pub at: Timestamp,
    pub who: String,
    /// The event's name in the audit list (`notes-viewed`, `section-revealed` …).
    pub what: String,
    pub detail: String,
    /// The reason the person gave, where one was asked for.
    pub reason: Option<String>,
    /// Raised for a supervisor's review (an opening from outside the caseload).
    pub flagged: bool,
}

macro_rules! opaque_debug {
    ($($t:ident),+ $(,)?) => {$(
        impl fmt::Debug for $t {
            /// Case content is never printed by `Debug`.
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str(concat!(stringify!($t), " { <redacted> }"))
            }
        }
    )+};
}

opaque_debug!(
    ExportedDetails,
    ExportedConsent,
    ExportedDisclosure,
    ExportedNote,
    ExportedRevision,
    ExportedAddendum,
    ExportedMark,
    ExportedSection,
    ExportedAction,
    ExportedAccess,
);

impl fmt::Debug for ClientExport {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("ClientExport")
            .field("reference", &self.reference)
            .field("notes", &self.notes.len())
            .field("pseudonymised", &self.pseudonymised)
            .finish_non_exhaustive()
    }
}

impl ClientExport {
    /// How many sections (in every revision and addendum) and actions are flagged for a
    /// supervisor's review before release.
    pub fn for_review(&self) -> usize {
        let sections: usize = self
            .notes
            .iter()
            .map(|n| {
                n.revisions
                    .iter()
                    .flat_map(|r| &r.sections)
                    .chain(n.addenda.iter().map(|a| &a.section))
                    .filter(|s| s.for_review)
                    .count()
            })
            .sum();
        sections + self.actions.iter().filter(|a| a.for_review).count()
    }

    /// The export written in `format`.
    pub fn render(&self, format: ExportFormat) -> Zeroizing<String> {
        match format {
            ExportFormat::Json => self.to_json(),
            ExportFormat::Markdown => self.to_markdown(),
        }
    }

    /// Pretty-printed JSON, exact (no escaping beyond JSON's own); [`ClientExport`] parses it
    /// back.
    pub fn to_json(&self) -> Zeroizing<String> {
        // Every field is a string, number, bool, list or record, and the time and date
        // writers cannot fail, so serialising cannot fail either.
        let mut s = serde_json::to_string_pretty(self).unwrap_or_default();
        s.push('\n');
        Zeroizing::new(s)
    }
}

/// A value written as its text form (`C-000001`, `N-000001`) and read back by parsing it.
mod text {
    use std::fmt::Display;
    use std::str::FromStr;

    use serde::{Deserialize, Deserializer, Serializer, de::Error};

    pub fn serialize<T: Display, S: Serializer>(v: &T, s: S) -> Result<S::Ok, S::Error> {
        s.collect_str(v)
    }

    pub fn deserialize<'de, T, D>(d: D) -> Result<T, D::Error>
    where
        T: FromStr<Err = String>,
        D: Deserializer<'de>,
    {
        String::deserialize(d)?.parse().map_err(D::Error::custom)
    }
}

/// A time as RFC 3339 in UTC, to the second: `2026-11-23T14:05:09Z`.
mod utc {
    use serde::{Deserialize, Deserializer, Serializer, de::Error};

    use crate::domain::Timestamp;

    pub fn serialize<S: Serializer>(t: &Timestamp, s: S) -> Result<S::Ok, S::Error> {
        match jiff::Timestamp::from_second(*t) {
            Ok(ts) => s.collect_str(&ts),
            Err(_) => s.serialize_i64(*t),
        }
    }

    pub fn deserialize<'de, D: Deserializer<'de>>(d: D) -> Result<Timestamp, D::Error> {
        let text = String::deserialize(d)?;
        text.parse::<jiff::Timestamp>()
            .map(|t| t.as_second())
            .map_err(|_| {
                D::Error::custom(format!(
                    "'{text}' is not a time such as 2026-11-23T14:05:09Z"
                ))
            })
    }
}

/// [`utc`], or null.
mod opt_utc {
    use serde::{Deserialize, Deserializer, Serializer};

    use crate::domain::Timestamp;

    pub fn serialize<S: Serializer>(t: &Option<Timestamp>, s: S) -> Result<S::Ok, S::Error> {
        match t {
            Some(t) => super::utc::serialize(t, s),
            None => s.serialize_none(),
        }
    }

    pub fn deserialize<'de, D: Deserializer<'de>>(d: D) -> Result<Option<Timestamp>, D::Error> {
        #[derive(Deserialize)]
        struct Wrap(#[serde(with = "super::utc")] Timestamp);
        Ok(Option::<Wrap>::deserialize(d)?.map(|Wrap(t)| t))
    }
}

/// A day as `YYYY-MM-DD`, or null.
mod opt_day {
    use serde::{Deserialize, Deserializer, Serializer, de::Error};

    use crate::domain::Date;

    pub fn serialize<S: Serializer>(d: &Option<Date>, s: S) -> Result<S::Ok, S::Error> {
        match d {
            Some(d) => s.collect_str(d),
            None => s.serialize_none(),
        }
    }

    pub fn deserialize<'de, D: Deserializer<'de>>(d: D) -> Result<Option<Date>, D::Error> {
        Option::<String>::deserialize(d)?
            .map(|text| {
                text.parse::<Date>().map_err(|_| {
                    D::Error::custom(format!("'{text}' is not a date such as 2026-11-23"))
                })
            })
            .transpose()
    }
}
