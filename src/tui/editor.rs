//! Note capture: an IAG template of labelled sections, each a text area, written entirely inside
//! the app (never in an external editor's temporary file).

use ratatui::crossterm::event::KeyEvent;
use ratatui_textarea::{TextArea, WrapMode};
use zeroize::Zeroize;

use crate::domain::{self, Channel, ClientRef, Draft, Section, Sensitivity, SpecialCategory};
use crate::session::NewNote;

/// The sections an IAG note usually has, in order, with a prompt for each.
pub const TEMPLATE: [(&str, &str); 7] = [
    (
        "Query / presenting issue",
        "What the client came about, in their words",
    ),
    (
        "Situation and needs",
        "Circumstances that bear on the query",
    ),
    (
        "Information and advice given",
        "What you explained or advised",
    ),
    ("Client's decisions", "What the client decided"),
    (
        "Actions agreed",
        "One per line: who does what by when, e.g. Client: send payslips by 12 Dec",
    ),
    (
        "Referrals and signposting",
        "Where the client was referred or signposted",
    ),
    ("Outcome", "Result of the session so far"),
];

/// Sections that can be added, with the label they start with.
pub const EXTRA: [(&str, Sensitivity); 5] = [
    ("Health", Sensitivity::Special(SpecialCategory::Health)),
    ("Finances", Sensitivity::Confidential),
    ("Family circumstances", Sensitivity::Confidential),
    ("Safeguarding", Sensitivity::Confidential),
    ("Further notes", Sensitivity::Ordinary),
];

/// Every label a section may carry, in the order the label picker shows them.
pub fn all_labels() -> Vec<Sensitivity> {
    let mut v = vec![Sensitivity::Ordinary, Sensitivity::Confidential];
    v.extend(
        SpecialCategory::ALL
            .iter()
            .map(|c| Sensitivity::Special(*c)),
    );
    v
}

const CHANNELS: [Channel; 5] = [
    Channel::InPerson,
    Channel::Phone,
    Channel::Email,
    Channel::Video,
    Channel::Other,
];

/// One section being written.
pub struct EditorSection {
    pub heading: String,
    pub sensitivity: Sensitivity,
    pub area: TextArea<'static>,
}

fn area(text: &str, placeholder: &str) -> TextArea<'static> {
    let mut a = TextArea::new(text.lines().map(str::to_string).collect());
    a.set_wrap_mode(WrapMode::WordOrGlyph);
    a.set_placeholder_text(placeholder);
    a
}

impl EditorSection {
    fn new(heading: &str, sensitivity: Sensitivity, text: &str, placeholder: &str) -> Self {
        EditorSection {
            heading: heading.to_string(),
            sensitivity,
            area: area(text, placeholder),
        }
    }

    pub fn text(&self) -> String {
        self.area.lines().join("\n")
    }

    pub fn is_empty(&self) -> bool {
        self.area.lines().iter().all(|l| l.trim().is_empty())
    }

    pub fn len(&self) -> usize {
        self.area.lines().iter().map(|l| l.len() + 1).sum()
    }
}

/// A note being written for one client.
pub struct Editor {
    pub client: ClientRef,
    pub client_name: String,
    pub channel: Channel,
    pub sections: Vec<EditorSection>,
    pub focus: usize,
    /// Changed since the draft was last sealed and kept.
    pub dirty: bool,
    /// Reason given to open this client outside the caseload, needed again to save.
    pub access_reason: Option<String>,
}

impl Editor {
    /// A new note from the template.
    pub fn new(client: ClientRef, client_name: &str, access_reason: Option<String>) -> Editor {
        Editor {
            client,
            client_name: client_name.to_string(),
            channel: Channel::InPerson,
            sections: TEMPLATE
                .iter()
                .map(|(h, p)| EditorSection::new(h, Sensitivity::Ordinary, "", p))
                .collect(),
            focus: 0,
            dirty: false,
            access_reason,
        }
    }

    /// A kept draft, back in the editor (template sections it left empty come back too).
    pub fn from_draft(draft: &Draft, client_name: &str) -> Editor {
        let mut e = Editor::new(draft.client, client_name, None);
        e.channel = draft.channel;
        for s in &draft.sections {
            match e.sections.iter_mut().find(|t| t.heading == s.heading) {
                Some(t) => {
                    t.sensitivity = s.sensitivity;
                    t.area = area(&s.text, "");
                }
                None => e
                    .sections
                    .push(EditorSection::new(&s.heading, s.sensitivity, &s.text, "")),
            }
        }
        e
    }

    fn sections_out(&self) -> Vec<Section> {
        self.sections
            .iter()
            .filter(|s| !s.is_empty())
            .map(|s| Section {
                heading: s.heading.clone(),
                sensitivity: s.sensitivity,
                text: s.text(),
            })
            .collect()
    }

    pub fn to_draft(&self) -> Draft {
        Draft {
            client: self.client,
            channel: self.channel,
            sections: self.sections_out(),
            saved_at: domain::now(),
        }
    }

    pub fn to_note(&self) -> NewNote {
        NewNote {
            channel: self.channel,
            contact_at: None,
            sections: self.sections_out(),
        }
    }

    /// Whether nothing has been written.
    pub fn is_empty(&self) -> bool {
        self.sections.iter().all(EditorSection::is_empty)
    }

    /// Passes a key to the focused text area.
    pub fn input(&mut self, key: KeyEvent) {
        if let Some(s) = self.sections.get_mut(self.focus)
            && s.area.input(key)
        {
            self.dirty = true;
        }
    }

    /// Pastes text into the focused section, refusing what would make it too long.
    pub fn paste(&mut self, text: &str) -> Result<(), String> {
        let Some(s) = self.sections.get_mut(self.focus) else {
            return Ok(());
        };
        let total = s.len() + text.len();
        if total > domain::MAX_SECTION_BYTES {
            return Err(format!(
                "paste refused: {} KiB is more than one section holds ({} KiB)",
                text.len().div_ceil(1024),
                domain::MAX_SECTION_BYTES / 1024
            ));
        }
        let clean: String = text.replace("\r\n", "\n").replace('\r', "\n");
        s.area.insert_str(clean);
        self.dirty = true;
        Ok(())
    }

    pub fn next(&mut self) {
        self.focus = (self.focus + 1) % self.sections.len().max(1);
    }

    pub fn prev(&mut self) {
        let n = self.sections.len().max(1);
        self.focus = (self.focus + n - 1) % n;
    }

    pub fn set_label(&mut self, label: Sensitivity) {
        if let Some(s) = self.sections.get_mut(self.focus) {
            s.sensitivity = label;
            self.dirty = true;
        }
    }

    /// Adds one of [`EXTRA`] (or focuses it if present) with its default label.
    pub fn add_section(&mut self, index: usize) {
        let Some((heading, label)) = EXTRA.get(index) else {
            return;
        };
        if let Some(i) = self.sections.iter().position(|s| s.heading == *heading) {
            self.focus = i;
            return;
        }
        self.sections
            .push(EditorSection::new(heading, *label, "", ""));
        self.focus = self.sections.len() - 1;
        self.dirty = true;
    }

    pub fn cycle_channel(&mut self) {
        let i = CHANNELS
            .iter()
            .position(|c| *c == self.channel)
            .unwrap_or(0);
        self.channel = CHANNELS[(i + 1) % CHANNELS.len()];
        self.dirty = true;
    }

    /// Overwrites every piece of text held, before the editor is dropped.
    pub fn wipe(&mut self) {
        for s in &mut self.sections {
            let mut lines = std::mem::take(&mut s.area).into_lines();
            for l in &mut lines {
                l.zeroize();
            }
        }
        self.sections.clear();
        self.client_name.zeroize();
        if let Some(r) = &mut self.access_reason {
            r.zeroize();
        }
    }
}

impl Drop for Editor {
    fn drop(&mut self) {
        self.wipe();
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use ratatui::crossterm::event::{KeyCode, KeyModifiers};

    fn type_text(e: &mut Editor, s: &str) {
        for c in s.chars() {
            e.input(KeyEvent::new(KeyCode::Char(c), KeyModifiers::NONE));
        }
    }

    #[test]
    fn empty_sections_are_not_saved_and_labels_stick() {
        let mut e = Editor::new(ClientRef(1), "A", None);
        type_text(&mut e, "rent arrears");
        e.add_section(0);
        type_text(&mut e, "asthma");
        let note = e.to_note();
        assert_eq!(note.sections.len(), 2);
        assert_eq!(note.sections[0].heading, "Query / presenting issue");
        assert_eq!(note.sections[1].heading, "Health");
        assert_eq!(
            note.sections[1].sensitivity,
            Sensitivity::Special(SpecialCategory::Health)
        );
        e.focus = 0;
        e.set_label(Sensitivity::Confidential);
        assert_eq!(
            e.to_note().sections[0].sensitivity,
            Sensitivity::Confidential
        );
    }

    #[test]
    fn drafts_round_trip() {
        let mut e = Editor::new(ClientRef(3), "A", None);
        e.next();
        type_text(&mut e, "lives alone");
        e.cycle_channel();
        let d = e.to_draft();
        let back = Editor::from_draft(&d, "A");
        assert_eq!(back.channel, Channel::Phone);
        assert_eq!(back.sections[1].text(), "lives alone");
        assert_eq!(back.sections.len(), TEMPLATE.len());
    }

    #[test]
    fn a_huge_paste_is_refused_and_loses_nothing() {
        let mut e = Editor::new(ClientRef(1), "A", None);
        type_text(&mut e, "kept");
        let huge = "x".repeat(domain::MAX_SECTION_BYTES + 10);
        assert!(e.paste(&huge).is_err());
        assert_eq!(e.sections[0].text(), "kept");
        e.paste(" and more").unwrap();
        assert_eq!(e.sections[0].text(), "kept and more");
    }
}
