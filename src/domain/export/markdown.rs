//! The export as Markdown for the client to read: plain words for every label, the characters
//! Markdown would read as formatting escaped.

use super::*;

impl ClientExport {
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
