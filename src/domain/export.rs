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

    /// Markdown for the client to read: what this is, then their details, consents,
    /// disclosures, notes (each with its sections and labels, addenda and earlier versions),
    /// actions, and who looked at the record. Text is shown as [`visible`] shows it, with the
    /// characters Markdown would read as formatting escaped.
    pub fn to_markdown(&self) -> Zeroizing<String> {
        let mut md = Markdown::default();
        self.intro(&mut md);
        self.details_md(&mut md);
        self.consents_md(&mut md);
        self.disclosures_md(&mut md);
        self.notes_md(&mut md);
        self.actions_md(&mut md);
        self.accesses_md(&mut md);
        Zeroizing::new(std::mem::take(&mut md.0))
    }

    fn intro(&self, md: &mut Markdown) {
        md.line(&format!("# Your records: {}", self.reference));
        md.blank();
        md.line(
            "This is a copy of everything this advice service holds about you in its case notes: \
             your details, the consents you gave, who we shared information with and why, every \
             note written about your case (with any corrections and additions), the actions \
             agreed with you, and who looked at your record and when. Times are in UTC.",
        );
        md.blank();
        md.line(&format!(
            "Prepared on {} by {}.",
            format_time(self.exported_at),
            inline(&self.exported_by)
        ));
        md.blank();
        if self.pseudonymised {
            md.line(
                "> **Pseudonymised** for supervision or training: the client is named by \
                 reference and staff by pseudonyms; the date of birth and contact details are \
                 left out. Text written in notes, reasons and disclosures is as written and may \
                 still name people.",
            );
            md.blank();
        }
        let n = self.for_review();
        if n > 0 {
            let what = if n == 1 {
                "1 part below is".to_string()
            } else {
                format!("{n} parts below are")
            };
            md.line(&format!(
                "> **Before release:** {what} confidential or special category information, \
                 marked {REVIEW_MARK}. A supervisor checks each one before this copy is given \
                 to you."
            ));
            md.blank();
        }
    }

    fn details_md(&self, md: &mut Markdown) {
        let d = &self.details;
        md.line("## Your details");
        md.blank();
        md.line(&format!("- Name: {}", inline(&d.name)));
        md.line(&format!("- Reference: {}", self.reference));
        if !self.pseudonymised {
            md.line(&format!(
                "- Date of birth: {}",
                d.date_of_birth
                    .as_deref()
                    .map_or("not recorded".into(), inline)
            ));
            md.line(&format!(
                "- Contact details: {}",
                d.contact.as_deref().map_or("not recorded".into(), inline)
            ));
        }
        md.line(&format!("- Adviser: {}", inline(&d.adviser)));
        match d.closed_at {
            Some(closed) => md.line(&format!(
                "- Case: opened {}, closed {}",
                day(d.opened_at),
                day(closed)
            )),
            None => md.line(&format!("- Case: open since {}", day(d.opened_at))),
        }
        if let Some(t) = d.last_contact {
            md.line(&format!("- Last contact: {}", format_time(t)));
        }
        let years = plural(d.retention_years, "year", "years");
        match d.retain_until {
            Some(until) => md.line(&format!(
                "- Kept until: {until} ({years} after the case closed, then erased)"
            )),
            None => md.line(&format!(
                "- Kept until: {years} after the case closes, then erased"
            )),
        }
        md.blank();
    }

    fn consents_md(&self, md: &mut Markdown) {
        md.line("## Your consents");
        md.blank();
        if self.consents.is_empty() {
            md.line("No consent is recorded.");
            md.blank();
            return;
        }
        for c in &self.consents {
            let mut line = format!(
                "- **{}**: given {}",
                scope_words(&c.scope),
                method_words(&c.method)
            );
            if let Some(d) = c.given_on {
                line.push_str(&format!(" on {d}"));
            }
            if let Some(d) = c.renew_by {
                line.push_str(&format!(", to be renewed by {d}"));
            }
            line.push_str(&format!("; recorded by {}.", inline(&c.recorded_by)));
            if let Some(d) = c.withdrawn_on {
                line.push_str(&format!(" Withdrawn on {d}"));
                if let Some(by) = &c.withdrawn_by {
                    line.push_str(&format!(" (recorded by {})", inline(by)));
                }
                line.push('.');
            } else if c.current {
                line.push_str(" Current.");
            } else {
                line.push_str(" Expired: no longer current.");
            }
            md.line(&line);
        }
        md.blank();
    }

    fn disclosures_md(&self, md: &mut Markdown) {
        md.line("## Who we shared information with");
        md.blank();
        if self.disclosures.is_empty() {
            md.line("We have not recorded sharing information about you with anyone.");
            md.blank();
            return;
        }
        for d in &self.disclosures {
            md.line(&format!(
                "### {}. {}, {}",
                d.number,
                inline(&d.to),
                format_time(d.at)
            ));
            md.blank();
            md.line(&format!("- What was shared: {}", inline(&d.what)));
            md.line(&format!(
                "- Why we could share it: {}",
                basis_words(&d.basis)
            ));
            if let Some(j) = &d.justification {
                md.line(&format!("- Justification: {}", inline(j)));
            }
            md.line(&format!("- Shared by: {}", inline(&d.by)));
            md.blank();
        }
    }

    fn notes_md(&self, md: &mut Markdown) {
        md.line("## Your case notes");
        md.blank();
        if self.notes.is_empty() {
            md.line("No note has been written about your case.");
            md.blank();
            return;
        }
        md.line("Oldest first. Each part of a note carries a label: ordinary, confidential, or a special category of information (such as health).");
        md.blank();
        for n in &self.notes {
            md.line(&format!(
                "### Note {}: {}, {}, {}",
                n.id,
                format_time(n.contact_at),
                channel_words(&n.channel),
                inline(&n.author)
            ));
            md.blank();
            let mut marks = Vec::new();
            if let Some(last) = n.revisions.last().filter(|r| r.revision > 1) {
                marks.push(format!(
                    "Corrected by {} on {} (version {}; the earlier versions follow the note).",
                    inline(&last.by),
                    format_time(last.at),
                    last.revision
                ));
                if let Some(why) = &last.why {
                    marks.push(format!("Why: {}.", inline(why)));
                }
            }
            if let Some(s) = &n.signed_off {
                marks.push(format!(
                    "Signed off by {} on {}.",
                    inline(&s.by),
                    format_time(s.at)
                ));
            }
            for r in &n.redactions {
                marks.push(format!(
                    "Section {} ({}) was redacted by {} on {}: {}. Its text was destroyed.",
                    r.section,
                    inline(&r.heading),
                    inline(&r.by),
                    format_time(r.at),
                    inline(&r.reason)
                ));
            }
            if !marks.is_empty() {
                md.line(&marks.join(" "));
                md.blank();
            }
            for s in n.sections() {
                section_md(md, "####", &inline(&s.heading), s);
            }
            for a in &n.addenda {
                let heading = format!(
                    "Added by {} on {}: {}",
                    inline(&a.by),
                    format_time(a.at),
                    inline(&a.section.heading)
                );
                section_md(md, "####", &heading, &a.section);
            }
            let earlier = &n.revisions[..n.revisions.len().saturating_sub(1)];
            if !earlier.is_empty() {
                md.line("#### Earlier versions of this note");
                md.blank();
                for r in earlier {
                    if r.revision == 1 {
                        md.line(&format!(
                            "##### Version 1, written by {} on {}",
                            inline(&r.by),
                            format_time(r.at)
                        ));
                    } else {
                        md.line(&format!(
                            "##### Version {}, corrected by {} on {}",
                            r.revision,
                            inline(&r.by),
                            format_time(r.at)
                        ));
                    }
                    md.blank();
                    if let Some(why) = &r.why {
                        md.line(&format!("Why: {}.", inline(why)));
                        md.blank();
                    }
                    for s in &r.sections {
                        section_md(md, "######", &inline(&s.heading), s);
                    }
                }
            }
        }
    }

    fn actions_md(&self, md: &mut Markdown) {
        md.line("## Actions agreed with you");
        md.blank();
        if self.actions.is_empty() {
            md.line("No action is recorded.");
            md.blank();
            return;
        }
        for a in &self.actions {
            let who = if a.owner == "client" {
                "you"
            } else {
                "your adviser"
            };
            let mut line = format!("{}. {} (for {who}", a.number, inline(&a.text));
            if let Some(d) = a.due {
                line.push_str(&format!(", due {d}"));
            }
            line.push_str(&format!("; agreed in note {})", a.note));
            match &a.done {
                Some(d) => line.push_str(&format!(
                    ": done {} (marked by {})",
                    format_time(d.at),
                    inline(&d.by)
                )),
                None => line.push_str(": not yet done"),
            }
            if a.for_review {
                line.push_str(&format!(" **{REVIEW_MARK}**"));
            }
            md.line(&line);
        }
        md.blank();
    }

    fn accesses_md(&self, md: &mut Markdown) {
        md.line("## Who looked at your record");
        md.blank();
        md.line(
            "Every time someone opened, read, changed, shared or copied your record, the system \
             logged who, when and what.",
        );
        md.blank();
        md.line("| When (UTC) | Who | What | Detail | Reason given |");
        md.line("| --- | --- | --- | --- | --- |");
        for a in &self.accesses {
            md.line(&format!(
                "| {} | {} | {} | {} | {} |",
                format_time(a.at),
                inline(&a.who),
                event_words(&a.what),
                inline(&a.detail),
                a.reason.as_deref().map(inline).unwrap_or_default()
            ));
        }
        md.blank();
    }
}

/// One section: its heading, its label (and the review mark), its text.
fn section_md(md: &mut Markdown, level: &str, heading: &str, s: &ExportedSection) {
    md.line(&format!("{level} {heading}"));
    md.blank();
    if s.for_review {
        md.line(&format!(
            "*Label: {}* **{REVIEW_MARK}**",
            label_words(&s.label)
        ));
    } else {
        md.line(&format!("*Label: {}*", label_words(&s.label)));
    }
    md.blank();
    block(md, &s.text);
}

/// Markdown being written, line by line.
#[derive(Default)]
struct Markdown(String);

impl Markdown {
    fn line(&mut self, s: &str) {
        self.0.push_str(s);
        self.0.push('\n');
    }

    fn blank(&mut self) {
        self.0.push('\n');
    }
}

/// A single line of stored text inside Markdown: shown as [`visible_line`] shows it, with the
/// characters Markdown reads as formatting escaped.
fn inline(s: &str) -> String {
    let shown = visible_line(s);
    let chars: Vec<char> = shown.chars().collect();
    let mut out = String::with_capacity(shown.len());
    for (i, &c) in chars.iter().enumerate() {
        // An underscore inside a word ("priya_k") is never emphasis, so it is left as it is.
        let inside_word = |i: usize| {
            i > 0
                && chars[i - 1].is_alphanumeric()
                && chars.get(i + 1).is_some_and(|n| n.is_alphanumeric())
        };
        if matches!(c, '\\' | '`' | '*' | '[' | ']' | '<' | '>' | '|')
            || (c == '_' && !inside_word(i))
            || (i == 0 && matches!(c, '#' | '-' | '+' | '='))
        {
            out.push('\\');
        }
        out.push(c);
    }
    out
}

/// A note's text as Markdown paragraphs: each line kept as a line (a hard break), blank lines
/// between paragraphs kept, and a line that would start a heading, quote or HTML escaped.
fn block(md: &mut Markdown, text: &str) {
    let shown = visible(text.trim_end());
    let lines: Vec<&str> = shown.lines().collect();
    for (i, line) in lines.iter().enumerate() {
        let line = line.trim_end();
        if line.is_empty() {
            md.blank();
            continue;
        }
        let mut out = String::with_capacity(line.len() + 2);
        let start = line.len() - line.trim_start().len();
        out.push_str(&line[..start]);
        let rest = &line[start..];
        // A heading, a quote, or a line that would underline the one before as a heading or
        // draw a rule.
        let rule = rest.starts_with(['-', '*', '_'])
            && rest.chars().all(|c| matches!(c, '-' | '*' | '_' | ' '));
        if rest.starts_with(['#', '>', '=']) || rule {
            out.push('\\');
        }
        for c in rest.chars() {
            if matches!(c, '<' | '\\' | '`') {
                out.push('\\');
            }
            out.push(c);
        }
        // A hard break keeps the next line a line of its own.
        if lines.get(i + 1).is_some_and(|n| !n.trim().is_empty()) {
            out.push_str("  ");
        }
        md.line(&out);
    }
    md.blank();
}

fn day(t: Timestamp) -> String {
    format_time(t).chars().take(10).collect()
}

fn plural(n: u32, one: &str, many: &str) -> String {
    if n == 1 {
        format!("1 {one}")
    } else {
        format!("{n} {many}")
    }
}

/// A section's label in words: "ordinary", "confidential", "special category: health".
fn label_words(label: &str) -> String {
    match label.parse::<Sensitivity>() {
        Ok(Sensitivity::Special(c)) => format!("special category: {}", c.as_str()),
        Ok(other) => other.to_string(),
        Err(_) => inline(label),
    }
}

/// What a consent covers, in words.
fn scope_words(scope: &str) -> String {
    match ConsentScope::parse(scope) {
        Ok(ConsentScope::Recording) => "Keeping notes about you".into(),
        Ok(ConsentScope::Sharing { with }) => format!("Sharing information with {}", inline(&with)),
        Ok(ConsentScope::Contact(ContactBy::Email)) => "Contacting you by email".into(),
        Ok(ConsentScope::Contact(ContactBy::Phone)) => "Contacting you by phone".into(),
        Ok(ConsentScope::Contact(ContactBy::Text)) => "Contacting you by text message".into(),
        Ok(ConsentScope::Feedback) => "Asking you for feedback".into(),
        Err(_) => inline(scope),
    }
}

fn method_words(method: &str) -> String {
    match method {
        "verbal" => "verbally".into(),
        "written" => "in writing".into(),
        other => inline(other),
    }
}

fn basis_words(basis: &str) -> String {
    match basis {
        "consent" => "with your consent".into(),
        "legal" => "the law required it".into(),
        "harm" => "to protect someone from serious harm".into(),
        other => inline(other),
    }
}

fn channel_words(channel: &str) -> String {
    match channel {
        "in-person" => "in person".into(),
        "phone" => "by phone".into(),
        "email" => "by email".into(),
        "video" => "by video".into(),
        "other" => "other contact".into(),
        other => inline(other),
    }
}

/// An audit event's name in words a client understands.
fn event_words(name: &str) -> String {
    match name {
        "client-created" => "opened your record",
        "notes-viewed" => "read your notes",
        "section-revealed" => "read a confidential part of a note",
        "details-revealed" => "read your date of birth and contact details",
        "break-glass" => "opened your record from outside their caseload (checked by a supervisor)",
        "break-glass-reviewed" => "reviewed that opening",
        "note-added" => "wrote a note",
        "note-reviewed" => "signed a note off",
        "note-corrected" => "corrected a note",
        "addendum-added" => "added to a note",
        "history-viewed" => "read a note's earlier versions",
        "client-edited" => "corrected your details",
        "client-reassigned" => "gave your case to another adviser",
        "action-done" => "marked an agreed action done",
        "actions-viewed" => "read the actions agreed with you",
        "consent-given" => "recorded your consent",
        "consent-withdrawn" => "recorded that you withdrew consent",
        "disclosed" => "recorded sharing information about you",
        "client-closed" => "closed your case",
        "section-redacted" => "removed part of a note",
        "client-exported" => "made a copy of your record (this one, or an earlier one)",
        other => return inline(&other.replace('-', " ")),
    }
    .into()
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
