//! Note capture: an IAG template of labelled sections, each a text area, written entirely inside
//! the app (never in an external editor's temporary file). The draft is sealed and kept every few
//! seconds, on leaving (if asked) and on lock; saving hands the note to the worker.
//!
//! [`text`] draws a section's text (wrapped at spaces, with the cursor) and maps clicks back.

pub mod text;

use std::cell::Cell;

use ratatui::Frame;
use ratatui::crossterm::event::KeyEvent;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, Paragraph};
use ratatui_textarea::{CursorMove, TextArea, WrapMode};
use zeroize::Zeroize;

use super::Screen;
use crate::domain::{
    self, Channel, ClientRef, Draft, DraftPurpose, NoteId, Section, Sensitivity, SpecialCategory,
};
use crate::session::{NewNote, Session, SessionError};
use crate::tui::app::{Cx, DRAFT_EVERY};
use crate::tui::jobs::{Change, Task};
use crate::tui::keymap::{Action, Mode};
use crate::tui::popups::confirm::{Confirm, ConfirmPopup, Pick};
use crate::tui::popups::label::ListPopup;
use crate::tui::popups::prompt::PromptPopup;
use crate::tui::popups::{Choice, EventResult};
use crate::tui::theme::Role as R;
use crate::tui::widgets::{View, block, label_style};

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
    /// The first row of its text on screen at the last frame (the view scrolls no more than
    /// it must to follow the cursor).
    pub top: Cell<usize>,
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
            top: Cell::new(0),
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
    /// A new note, or an addendum or correction to a saved one.
    pub purpose: DraftPurpose,
    /// The person chose to save a referral without the client's current consent to share.
    pub without_consent: bool,
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
            purpose: DraftPurpose::Note,
            without_consent: false,
        }
    }

    /// An addendum to saved note `note`: one section.
    pub fn addendum(
        client: ClientRef,
        client_name: &str,
        note: NoteId,
        access_reason: Option<String>,
    ) -> Editor {
        let mut e = Editor::new(client, client_name, access_reason);
        e.purpose = DraftPurpose::Addendum(note);
        e.sections = vec![EditorSection::new(
            "Addendum",
            Sensitivity::Ordinary,
            "",
            "What to add to the note: kept beside it, with your name and the time",
        )];
        e
    }

    /// A correction of saved note `note`, starting from its sections as they stand.
    pub fn correction(
        client: ClientRef,
        client_name: &str,
        note: NoteId,
        sections: &[Section],
        access_reason: Option<String>,
    ) -> Editor {
        let mut e = Editor::new(client, client_name, access_reason);
        e.purpose = DraftPurpose::Correction(note);
        e.sections = sections
            .iter()
            .map(|s| EditorSection::new(&s.heading, s.sensitivity, &s.text, ""))
            .collect();
        e
    }

    /// A kept draft, back in the editor (template sections it left empty come back too).
    pub fn from_draft(draft: &Draft, client_name: &str) -> Editor {
        match draft.purpose {
            DraftPurpose::Note => {}
            DraftPurpose::Addendum(note) | DraftPurpose::Correction(note) => {
                let mut e =
                    Editor::correction(draft.client, client_name, note, &draft.sections, None);
                e.purpose = draft.purpose;
                e.channel = draft.channel;
                return e;
            }
        }
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
            purpose: self.purpose,
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
        let clean: String = text
            .replace("\r\n", "\n")
            .replace('\r', "\n")
            .replace('\t', "    ");
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
        if matches!(self.purpose, DraftPurpose::Addendum(_)) {
            return;
        }
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

/// Opens the editor for a note about `client`: that client's kept draft if there is one (drafts
/// are kept one per client, so a draft for someone else is never overwritten or lost).
pub fn write(cx: &mut Cx<'_>, client: ClientRef, name: &str, access_reason: Option<String>) {
    let kept = match cx.ui.pending_draft.take() {
        Some(d) if d.client == client => Some(d),
        other => {
            cx.ui.pending_draft = other;
            cx.session()
                .and_then(|s| s.draft_for(client).ok())
                .flatten()
        }
    };
    let editor = match kept {
        Some(d) if d.purpose != DraftPurpose::Note => {
            cx.say(format!(
                "you have a kept {} for {client}: resumed it (save or discard it to start a note)",
                purpose_word(d.purpose)
            ));
            let mut e = Editor::from_draft(&d, name);
            e.access_reason = access_reason;
            e
        }
        Some(d) => {
            let mut e = Editor::from_draft(&d, name);
            e.access_reason = access_reason;
            cx.say(format!("resumed your kept draft for {client}"));
            e
        }
        None => Editor::new(client, name, access_reason),
    };
    cx.open(editor);
}

/// What a draft is, in a message.
fn purpose_word(p: DraftPurpose) -> String {
    match p {
        DraftPurpose::Note => "note".into(),
        DraftPurpose::Addendum(n) => format!("addendum to {n}"),
        DraftPurpose::Correction(n) => format!("correction of {n}"),
    }
}

/// The caller's kept draft for `client`, if any (the one offered at sign-in first).
fn kept_draft(cx: &mut Cx<'_>, client: ClientRef) -> Option<Draft> {
    match cx.ui.pending_draft.as_ref() {
        Some(d) if d.client == client => cx.ui.pending_draft.clone(),
        _ => cx
            .session()
            .and_then(|s| s.draft_for(client).ok())
            .flatten(),
    }
}

/// Opens the editor for `want` (an addendum or a correction of a saved note): the kept draft
/// for it if there is one; refused, with a message, if the client's one draft is for something
/// else (drafts are kept one per client).
fn change(cx: &mut Cx<'_>, client: ClientRef, name: &str, want: DraftPurpose, fresh: Editor) {
    match kept_draft(cx, client) {
        Some(d) if d.purpose == want => {
            let mut e = Editor::from_draft(&d, name);
            e.access_reason = fresh.access_reason.clone();
            cx.ui.pending_draft = None;
            cx.say(format!("resumed your kept {}", purpose_word(want)));
            cx.open(e);
        }
        Some(d) => cx.warn(format!(
            "you have a kept {} for {client}: save or discard it first (D lists your drafts)",
            purpose_word(d.purpose)
        )),
        None => cx.open(fresh),
    }
}

/// Opens the editor for an addendum to `note`.
pub fn addendum(
    cx: &mut Cx<'_>,
    client: ClientRef,
    name: &str,
    note: NoteId,
    access_reason: Option<String>,
) {
    let fresh = Editor::addendum(client, name, note, access_reason);
    change(cx, client, name, DraftPurpose::Addendum(note), fresh);
}

/// Opens the editor for a correction of `note`, starting from `sections`.
pub fn correct(
    cx: &mut Cx<'_>,
    client: ClientRef,
    name: &str,
    note: NoteId,
    sections: Vec<Section>,
    access_reason: Option<String>,
) {
    let fresh = Editor::correction(client, name, note, &sections, access_reason);
    change(cx, client, name, DraftPurpose::Correction(note), fresh);
}

/// Resumes the kept draft offered at sign-in.
pub fn resume(cx: &mut Cx<'_>) {
    if let Some(d) = cx.ui.pending_draft.take() {
        let name = cx.ui.clients.name_of(d.client).unwrap_or_default();
        cx.open(Editor::from_draft(&d, &name));
    }
}

/// Forgets the kept draft about `client`, and no other (on the worker).
pub fn discard_draft(cx: &mut Cx<'_>, client: ClientRef) {
    if cx
        .ui
        .pending_draft
        .as_ref()
        .is_some_and(|d| d.client == client)
    {
        cx.ui.pending_draft = None;
    }
    if let Some(session) = cx.session() {
        cx.job(Task::DiscardDraft { session, client });
    }
}

impl Editor {
    /// Seals and keeps the note in progress right now (on lock and quit), unless it is empty.
    pub fn keep_now(&self, session: &Session) -> Result<(), SessionError> {
        if self.is_empty() {
            return Ok(());
        }
        session.save_draft(&self.to_draft())
    }

    fn draft_job(&mut self, cx: &mut Cx<'_>) {
        let Some(session) = cx.session() else { return };
        self.dirty = false;
        cx.ui.last_draft_save = cx.now;
        cx.job(Task::SaveDraft {
            session,
            draft: self.to_draft(),
        });
    }

    fn save(&mut self, cx: &mut Cx<'_>) {
        if self.is_empty() {
            cx.warn("nothing to save: write in at least one section");
            return;
        }
        let Some(session) = cx.session() else { return };
        match self.purpose {
            DraftPurpose::Note => {}
            DraftPurpose::Addendum(note) => {
                let Some(section) = self.sections_out().pop() else {
                    return;
                };
                cx.busy("Saving…");
                cx.ui.saving = true;
                cx.job(Task::SaveChange {
                    session,
                    client: self.client,
                    note,
                    change: Change::Addendum(section),
                    access: self.access_reason.clone(),
                    draft: self.to_draft(),
                });
                return;
            }
            DraftPurpose::Correction(note) => {
                cx.popup(PromptPopup::new(
                    format!(" Why are you correcting {note}? (logged) "),
                    "Say what was wrong; supervisors see this beside both revisions.",
                ));
                return;
            }
        }
        if !self.without_consent
            && domain::has_referral(&self.sections_out())
            && !session
                .may_share(self.client, self.access_reason.as_deref())
                .unwrap_or(true)
        {
            cx.popup(ConfirmPopup::new(Confirm::NoConsent));
            return;
        }
        cx.busy("Saving…");
        cx.ui.saving = true;
        cx.job(Task::SaveNote {
            session,
            client: self.client,
            note: self.to_note(),
            reason: self.access_reason.clone(),
            draft: self.to_draft(),
        });
    }
}

impl Screen for Editor {
    fn mode(&self) -> Mode {
        Mode::Editor
    }

    fn on_action(&mut self, action: Action, cx: &mut Cx<'_>) -> EventResult {
        match action {
            Action::NextField => self.next(),
            Action::PrevField => self.prev(),
            Action::CycleChannel => self.cycle_channel(),
            Action::ChangeLabel => {
                let current = self.sections.get(self.focus).map(|s| s.sensitivity);
                cx.popup(ListPopup::labels(current));
            }
            Action::AddSection => cx.popup(ListPopup::sections()),
            Action::Undo => {
                if let Some(s) = self.sections.get_mut(self.focus)
                    && s.area.undo()
                {
                    self.dirty = true;
                }
            }
            Action::Save if cx.ui.busy.is_none() => self.save(cx),
            Action::Save => {}
            Action::Back if self.is_empty() => {
                discard_draft(cx, self.client);
                return EventResult::Close(None);
            }
            Action::Back => cx.popup(ConfirmPopup::new(Confirm::LeaveEditor)),
            _ => return EventResult::Ignored,
        }
        EventResult::Consumed
    }

    fn on_key(&mut self, key: KeyEvent, _cx: &mut Cx<'_>) -> EventResult {
        self.input(key);
        EventResult::Consumed
    }

    fn on_paste(&mut self, text: &str, cx: &mut Cx<'_>) {
        if let Err(msg) = self.paste(text) {
            cx.warn(msg);
        }
    }

    fn on_choice(&mut self, choice: Choice, cx: &mut Cx<'_>) {
        match choice {
            Choice::Label(label) => self.set_label(label),
            Choice::Text(why) => {
                if let (DraftPurpose::Correction(note), Some(session)) =
                    (self.purpose, cx.session())
                {
                    cx.busy("Saving…");
                    cx.ui.saving = true;
                    cx.job(Task::SaveChange {
                        session,
                        client: self.client,
                        note,
                        change: Change::Correction {
                            sections: self.sections_out(),
                            why,
                        },
                        access: self.access_reason.clone(),
                        draft: self.to_draft(),
                    });
                }
            }
            Choice::AddSection(i) => self.add_section(i),
            Choice::Confirmed(Confirm::NoConsent, Pick::First) => {
                self.without_consent = true;
                self.save(cx);
            }
            Choice::Confirmed(Confirm::LeaveEditor, Pick::First) => {
                self.draft_job(cx);
                cx.close();
                cx.say("kept as a draft: it will be offered back");
            }
            Choice::Confirmed(Confirm::LeaveEditor, Pick::Second) => {
                cx.close();
                discard_draft(cx, self.client);
            }
            Choice::Confirmed(Confirm::QuitWithDraft, Pick::First) => {
                if let Some(s) = cx.session()
                    && let Err(err) = self.keep_now(&s)
                {
                    cx.warn(format!("the draft could not be kept: {err}"));
                }
                cx.quit();
            }
            Choice::Confirmed(Confirm::QuitWithDraft, Pick::Second) => {
                // Discarded here, not on the worker, so it is not lost with it on the way out.
                if cx
                    .ui
                    .pending_draft
                    .as_ref()
                    .is_some_and(|d| d.client == self.client)
                {
                    cx.ui.pending_draft = None;
                }
                if let Some(s) = cx.session() {
                    let _ = s.discard_draft(self.client);
                }
                cx.quit();
            }
            _ => {}
        }
    }

    fn on_tick(&mut self, cx: &mut Cx<'_>) {
        let due = cx
            .now
            .duration_since(cx.ui.last_draft_save)
            .unwrap_or_default()
            >= DRAFT_EVERY;
        if due && self.dirty {
            self.draft_job(cx);
        }
    }

    fn unsaved(&self) -> bool {
        !self.is_empty()
    }

    fn on_click(&mut self, col: u16, row: u16, area: Rect, _cx: &mut Cx<'_>) -> EventResult {
        let clicked = self
            .blocks(area)
            .into_iter()
            .find(|(_, r)| col >= r.x && col < r.x + r.width && row >= r.y && row < r.y + r.height);
        if let Some((i, r)) = clicked
            && let Some(s) = self.sections.get_mut(i)
        {
            self.focus = i;
            let inner = Block::default().borders(Borders::ALL).inner(r);
            if row >= inner.y && col >= inner.x {
                let top = s.top.get();
                text::click(
                    &mut s.area,
                    usize::from(inner.width),
                    top,
                    usize::from(row - inner.y),
                    usize::from(col - inner.x),
                );
            }
        }
        EventResult::Consumed
    }

    fn on_scroll(&mut self, down: bool, _cx: &mut Cx<'_>) {
        if let Some(s) = self.sections.get_mut(self.focus) {
            for _ in 0..3 {
                s.area.move_cursor(if down {
                    CursorMove::Down
                } else {
                    CursorMove::Up
                });
            }
        }
    }

    fn help_notes(&self, _ui: &crate::tui::app::Shared) -> Vec<String> {
        vec![
            "Type straight into the section in front; Enter starts a new line. Sections left \
             empty are not saved. Each section carries a label: ordinary, confidential, or a \
             special category (health, religion, …); labelled sections are masked when read \
             back and need a logged reason to reveal."
                .into(),
            "The note is sealed and kept as a draft every few seconds and when the screen \
             locks; after saving you are back where you started it."
                .into(),
            "Mouse: click a section to write in it; the wheel moves the cursor.".into(),
        ]
    }

    fn draw(&self, f: &mut Frame, area: Rect, v: &View<'_>) {
        let [head, _] = Layout::vertical([Constraint::Length(1), Constraint::Min(1)]).areas(area);
        f.render_widget(
            Paragraph::new(Line::from(vec![
                Span::styled(
                    match self.purpose {
                        DraftPurpose::Note => "New note  ".to_string(),
                        DraftPurpose::Addendum(n) => format!("Addendum to {n}  "),
                        DraftPurpose::Correction(n) => format!("Correcting {n}  "),
                    },
                    v.style(R::Title),
                ),
                Span::styled(
                    format!("{}  {}", self.client, self.client_name),
                    v.style(R::Base),
                ),
                Span::styled(
                    format!(
                        "   contact: {} (Ctrl-O)   section {} of {}",
                        self.channel,
                        self.focus + 1,
                        self.sections.len()
                    ),
                    v.style(R::Dim),
                ),
            ])),
            head,
        );
        let blocks = self.blocks(area);
        let first = blocks.first().map_or(0, |(i, _)| *i);
        let last = blocks.last().map_or(0, |(i, _)| *i);
        for (i, r) in &blocks {
            let Some(s) = self.sections.get(*i) else {
                continue;
            };
            let focus = *i == self.focus;
            let title = Line::from(vec![
                Span::styled(format!(" {} ", s.heading), v.style(R::Title)),
                Span::styled(
                    format!("[{}] ", s.sensitivity),
                    label_style(v, s.sensitivity),
                ),
            ]);
            let mut b = block(v, title, focus);
            // Sections out of sight above and below.
            let above = if *i == first { first } else { 0 };
            let below = if *i == last {
                self.sections.len().saturating_sub(last + 1)
            } else {
                0
            };
            let word = |n: usize| if n == 1 { "section" } else { "sections" };
            if above > 0 {
                b = b.title_top(
                    Line::from(Span::styled(
                        format!(" ▲ {above} more {} ", word(above)),
                        v.style(R::Hint),
                    ))
                    .right_aligned(),
                );
            }
            if below > 0 {
                b = b.title_bottom(
                    Line::from(Span::styled(
                        format!(" ▼ {below} more {} ", word(below)),
                        v.style(R::Hint),
                    ))
                    .right_aligned(),
                );
            }
            let inner = b.inner(*r);
            // Where the cursor is, when the text is taller than its box.
            let rows = text::rows(&s.area, usize::from(inner.width));
            if focus && rows.rows.len() > usize::from(inner.height) {
                b = b.title_bottom(Line::from(Span::styled(
                    format!(
                        " line {} of {} ",
                        s.area.cursor().0 + 1,
                        s.area.lines().len()
                    ),
                    v.style(R::Dim),
                )));
            }
            f.render_widget(b, *r);
            text::draw(f, inner, v, &s.area, &s.top, focus);
        }
    }
}

impl Editor {
    /// Which sections are in sight and where: the focused one gets the room, the others show
    /// their first line; when not all fit, those around the focused one.
    fn blocks(&self, area: Rect) -> Vec<(usize, Rect)> {
        let [_, body] = Layout::vertical([Constraint::Length(1), Constraint::Min(1)]).areas(area);
        let n = self.sections.len();
        let small = 3u16;
        let fits = (body.height / small).max(1) as usize;
        let (first, count) = if n <= fits.saturating_sub(1).max(1) {
            (0, n)
        } else {
            let count = fits.saturating_sub(1).max(1).min(n);
            let first = self.focus.saturating_sub(count / 2).min(n - count);
            (first, count)
        };
        let big = body
            .height
            .saturating_sub(small * (count as u16).saturating_sub(1))
            .max(small);
        let constraints: Vec<Constraint> = (first..first + count)
            .map(|i| Constraint::Length(if i == self.focus { big } else { small }))
            .collect();
        let areas = Layout::vertical(constraints).split(body);
        (first..first + count).zip(areas.iter().copied()).collect()
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
