//! One client's notes, newest first. Masked sections show their heading and label, never their
//! text; revealing one asks why (the reason popup) and the text arrives only after the worker
//! has committed the audit event. A revealed section masks itself again after the policy's time,
//! on moving to another note, and on leaving the screen (the view is dropped, and wipes itself).

use std::time::SystemTime;

use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::style::Modifier;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, Paragraph};
use zeroize::Zeroize;

use super::{Screen, editor, move_in};
use crate::domain::{self, ClientRef, NoteId, NoteStatus, Role, Section};
use crate::session::{
    ClientDetails, ClientView, NoteView, Operation, SectionBody, consent_summary,
};
use crate::tui::app::Cx;
use crate::tui::jobs::Task;
use crate::tui::keymap::{Action, Mode};
use crate::tui::popups::actions::ActionsPopup;
use crate::tui::popups::client_form::ClientForm;
use crate::tui::popups::confirm::{Confirm, ConfirmPopup, Pick};
use crate::tui::popups::consent::ConsentPopup;
use crate::tui::popups::disclosures;
use crate::tui::popups::picker::Picker;
use crate::tui::popups::prompt::PromptPopup;
use crate::tui::popups::reason::{ReasonFor, ReasonPopup};
use crate::tui::popups::reassign::ReassignPopup;
use crate::tui::popups::{Choice, EventResult};
use crate::tui::theme::Role as R;
use crate::tui::widgets::{View, block, label_style, row_at, scroll_marks, wrap};

/// An open client: the view the session returned, the selected section, and what is revealed.
pub struct ClientScreen {
    pub view: ClientView,
    /// Index into [`ClientScreen::sections`].
    pub selected: usize,
    /// The reason given to open this client outside the caseload, if any.
    pub access_reason: Option<String>,
    pub revealed: Vec<(NoteId, usize, SystemTime)>,
    /// The client's date of birth and contact, once revealed (with a logged reason), and when.
    pub details: Option<(ClientDetails, SystemTime)>,
    /// The adviser chosen to take the client, while the reason is asked for.
    pub reassign_to: Option<String>,
    /// The section (note, index within it) whose redaction's reason is asked for.
    pub redacting: Option<(NoteId, usize)>,
    /// The export's file is being asked for.
    pub exporting: bool,
}

impl ClientScreen {
    pub fn new(view: ClientView, access_reason: Option<String>) -> ClientScreen {
        ClientScreen {
            view,
            selected: 0,
            access_reason,
            revealed: Vec::new(),
            details: None,
            reassign_to: None,
            redacting: None,
            exporting: false,
        }
    }

    /// Shows the client's revealed details (their audit event is already committed).
    pub fn show_details(&mut self, client: ClientRef, details: ClientDetails, now: SystemTime) {
        if self.view.summary.reference == client {
            self.details = Some((details, now));
        }
    }

    /// Selects the section at `index` of [`ClientScreen::sections`] (the last, if there are
    /// fewer).
    pub fn select(&mut self, index: usize) {
        self.selected = index.min(self.sections().len().saturating_sub(1));
    }

    /// Every section as (note index, section index), in display order.
    pub fn sections(&self) -> Vec<(usize, usize)> {
        self.view
            .notes
            .iter()
            .enumerate()
            .flat_map(|(n, note)| (0..note.sections.len()).map(move |s| (n, s)))
            .collect()
    }

    /// Shows a revealed section's text (its audit event is already committed).
    pub fn show_revealed(
        &mut self,
        client: ClientRef,
        note: NoteId,
        index: usize,
        text: &str,
        now: SystemTime,
    ) {
        if self.view.summary.reference == client
            && let Some(n) = self.view.notes.iter_mut().find(|n| n.id == note)
            && let Some(s) = n.sections.get_mut(index)
        {
            s.body = SectionBody::Revealed(text.to_string().into());
            self.revealed.push((note, index, now));
        }
    }

    /// Masks every revealed section of the note at `index` in the view.
    fn mask_note(&mut self, index: usize) {
        let Some(id) = self.view.notes.get(index).map(|n| n.id) else {
            return;
        };
        let revealed: Vec<usize> = self
            .revealed
            .iter()
            .filter(|(n, _, _)| *n == id)
            .map(|(_, i, _)| *i)
            .collect();
        for i in revealed {
            self.mask(id, i);
        }
        self.revealed.retain(|(n, _, _)| *n != id);
    }

    fn mask(&mut self, note: NoteId, index: usize) {
        if let Some(n) = self.view.notes.iter_mut().find(|n| n.id == note)
            && let Some(s) = n.sections.get_mut(index)
            && matches!(s.body, SectionBody::Revealed(_))
        {
            s.body = SectionBody::Masked;
        }
    }

    fn reveal(&mut self, cx: &mut Cx<'_>) {
        let Some((n, s)) = self.sections().get(self.selected).copied() else {
            return;
        };
        let Some(note) = self.view.notes.get(n) else {
            return;
        };
        let Some(section) = note.sections.get(s) else {
            return;
        };
        match &section.body {
            SectionBody::Masked => cx.popup(ReasonPopup::new(ReasonFor::Reveal {
                client: self.view.summary.reference,
                note: note.id,
                index: s,
                heading: section.heading.clone(),
                label: section.sensitivity,
                access: self.access_reason.clone(),
            })),
            _ if section.is_redacted() => cx.say("this section was redacted: nothing to reveal"),
            SectionBody::Revealed(_) => cx.say("this section is already revealed"),
            SectionBody::Shown(_) => cx.say("this section is not masked"),
        }
    }

    /// Asks why the selected section is to be redacted (supervisors).
    fn redact(&mut self, cx: &mut Cx<'_>) {
        let supervisor = cx
            .ui
            .who
            .as_ref()
            .is_some_and(|w| w.role == Role::Supervisor);
        if !supervisor {
            cx.say("supervisors redact sections");
            return;
        }
        let Some((n, s)) = self.sections().get(self.selected).copied() else {
            return;
        };
        let Some(note) = self.view.notes.get(n) else {
            return;
        };
        let Some(section) = note.sections.get(s) else {
            return;
        };
        if section.is_redacted() {
            cx.say("this section was redacted already");
            return;
        }
        self.redacting = Some((note.id, s));
        cx.popup(PromptPopup::new(
            format!(
                " Why redact \"{}\" of {}? (logged) ",
                domain::visible_line(&section.heading),
                note.id
            ),
            "Its text is destroyed in this note and every earlier revision, and cannot be \
             brought back. A marker keeps who redacted it, when and why.",
        ));
    }
}

/// Where an export goes unless another file is typed: the home folder, named by reference and
/// day.
fn default_export_path(r: ClientRef, now: SystemTime) -> String {
    let day = super::dashboard::day_of(now);
    let name = format!("casenotes-export-{r}-{day}.md");
    match directories::UserDirs::new() {
        Some(d) => d.home_dir().join(name).display().to_string(),
        None => name,
    }
}

/// A path typed with `~/` at its start, in the home folder.
fn expand_home(path: &str) -> std::path::PathBuf {
    match (path.strip_prefix("~/"), directories::UserDirs::new()) {
        (Some(rest), Some(d)) => d.home_dir().join(rest),
        _ => std::path::PathBuf::from(path),
    }
}

impl ClientScreen {
    /// The note the selected section belongs to.
    pub fn selected_note(&self) -> Option<&NoteView> {
        let (n, _) = self.sections().get(self.selected).copied()?;
        self.view.notes.get(n)
    }

    /// Addendum, correction, sign-off or history of the selected note.
    fn note_action(&mut self, action: Action, cx: &mut Cx<'_>) {
        let Some(n) = self.selected_note() else {
            cx.say("no note selected");
            return;
        };
        let client = self.view.summary.reference;
        let name = self.view.summary.name.to_string();
        let note = n.id;
        let supervisor = cx
            .ui
            .who
            .as_ref()
            .is_some_and(|w| w.role == Role::Supervisor);
        match action {
            Action::Addendum => {
                editor::addendum(cx, client, &name, note, self.access_reason.clone());
            }
            Action::Correct => {
                let me = cx
                    .ui
                    .who
                    .as_ref()
                    .map(|w| w.name.clone())
                    .unwrap_or_default();
                if n.author != me {
                    cx.say("only a note's author corrects it: add an addendum instead (+)");
                } else if n.status == NoteStatus::Reviewed {
                    cx.say(format!(
                        "{note} is signed off and locked: add an addendum instead (+)"
                    ));
                } else if let Some(sections) = correctable(n) {
                    editor::correct(
                        cx,
                        client,
                        &name,
                        note,
                        sections,
                        self.access_reason.clone(),
                    );
                } else {
                    cx.say(
                        "reveal this note's masked sections first (r): a correction rewrites \
                         the whole note",
                    );
                }
            }
            Action::SignOff if !supervisor => cx.say("supervisors sign notes off"),
            Action::SignOff if n.status == NoteStatus::Reviewed => {
                cx.say(format!("{note} is already signed off"));
            }
            Action::SignOff => cx.popup(ConfirmPopup::sign_off(note)),
            Action::History if !supervisor => {
                cx.say("supervisors read a note's earlier revisions");
            }
            Action::History => {
                if let Some(session) = cx.session() {
                    cx.busy("Reading the revisions…");
                    cx.job(Task::History {
                        session,
                        client,
                        note,
                        reason: None,
                    });
                }
            }
            _ => {}
        }
    }
}

impl ClientScreen {
    /// Asks whom to give the client to (supervisors): active advisers and supervisors holding
    /// the case keys, but the one who holds it now.
    fn reassign(&mut self, cx: &mut Cx<'_>) {
        let Some(session) = cx.session() else { return };
        if session.may(Operation::ReassignClients).is_err() {
            cx.say("supervisors give clients to another adviser");
            return;
        }
        match session.users() {
            Ok(users) => {
                let now = domain::visible_line(&self.view.summary.adviser).into_owned();
                let to = users
                    .into_iter()
                    .filter(|u| !u.disabled && u.confirmed && u.role != Role::Admin)
                    .filter(|u| u.name != now)
                    .map(|u| (u.name, u.role.to_string()))
                    .collect();
                cx.popup(ReassignPopup::new(self.view.summary.reference, to));
            }
            Err(e) => cx.warn(e.to_string()),
        }
    }
}

/// A note's sections as it stands (addenda left out), if none of them is still masked.
fn correctable(n: &NoteView) -> Option<Vec<Section>> {
    n.sections
        .iter()
        .take(n.marks.addenda_from)
        .map(|s| {
            let text = match &s.body {
                SectionBody::Shown(t) | SectionBody::Revealed(t) => t.to_string(),
                SectionBody::Masked => return None,
            };
            Some(Section {
                heading: s.heading.clone(),
                sensitivity: s.sensitivity,
                text,
            })
        })
        .collect()
}

impl Screen for ClientScreen {
    fn mode(&self) -> Mode {
        Mode::Client
    }

    fn on_action(&mut self, action: Action, cx: &mut Cx<'_>) -> EventResult {
        let sections = self.sections();
        let note_before = sections.get(self.selected).map(|(n, _)| *n);
        match action {
            Action::Up | Action::Down | Action::Top | Action::Bottom => {
                move_in(sections.len(), &mut self.selected, action);
            }
            Action::PageUp | Action::PageDown => {
                // Jump to the first section of the previous or next note.
                let note = note_before.unwrap_or(0);
                let target = if action == Action::PageDown {
                    note + 1
                } else {
                    note.saturating_sub(1)
                };
                if let Some(i) = sections.iter().position(|(n, _)| *n == target) {
                    self.selected = i;
                }
            }
            Action::Reveal => self.reveal(cx),
            Action::RevealDetails => {
                if self.details.is_some() {
                    cx.say("the details are already revealed");
                } else {
                    cx.popup(ReasonPopup::new(ReasonFor::Details {
                        client: self.view.summary.reference,
                        access: self.access_reason.clone(),
                    }));
                }
            }
            Action::Reassign => self.reassign(cx),
            Action::Redact => self.redact(cx),
            Action::Export => match cx.session().map(|s| s.may(Operation::ExportClient)) {
                Some(Ok(())) => {
                    let r = self.view.summary.reference;
                    self.exporting = true;
                    cx.popup(PromptPopup::line(
                        format!(" Export everything held about {r} "),
                        "For a subject access request: details, consents, disclosures, every \
                         note with its revisions, and who looked at the record. Confidential and \
                         special-category parts are flagged for your review before release. \
                         Logged.",
                        "File",
                        "a new file (never overwritten): .md reads well for the client; any \
                         other name is JSON",
                        default_export_path(r, cx.now),
                    ));
                }
                Some(Err(e)) => cx.say(format!("no export: {e}")),
                None => {}
            },
            Action::CloseCase
                if self.view.summary.status == crate::domain::ClientStatus::Closed =>
            {
                cx.say(format!("{} is closed already", self.view.summary.reference));
            }
            Action::CloseCase => {
                let years = cx.session().map_or(6, |s| s.policy().retention_years);
                cx.popup(ConfirmPopup::close_case(self.view.summary.reference, years));
            }
            Action::ClientConsent => cx.popup(ConsentPopup::new(
                self.view.summary.reference,
                self.view.consents.clone(),
                self.access_reason.clone(),
            )),
            Action::ClientDisclosures => {
                disclosures::open(cx, self.view.summary.reference, self.access_reason.clone())
            }
            Action::ClientActions => cx.popup(ActionsPopup::new(
                self.view.summary.reference,
                self.view.actions.clone(),
                domain::today(),
                self.access_reason.clone(),
            )),
            Action::Addendum | Action::Correct | Action::SignOff | Action::History => {
                self.note_action(action, cx);
            }
            Action::EditClient => {
                let details = self
                    .details
                    .as_ref()
                    .map(|(d, _)| ((*d.date_of_birth).clone(), (*d.contact).clone()));
                cx.popup(ClientForm::edit(
                    self.view.summary.reference,
                    &self.view.summary.name,
                    details,
                    self.access_reason.clone(),
                ));
            }
            Action::NewNote => {
                let summary = &self.view.summary;
                let (client, name) = (summary.reference, summary.name.clone());
                editor::write(cx, client, &name, self.access_reason.clone());
            }
            // Leaving the note masks everything again: the view is dropped.
            Action::Back => return EventResult::Close(None),
            Action::QuickCapture => cx.popup(Picker::new(cx.ui)),
            _ => return EventResult::Ignored,
        }
        // Moving off a note masks what was revealed in it.
        if let Some(before) = note_before
            && sections.get(self.selected).map(|(n, _)| *n) != Some(before)
        {
            self.mask_note(before);
        }
        EventResult::Consumed
    }

    fn on_choice(&mut self, choice: Choice, cx: &mut Cx<'_>) {
        match choice {
            Choice::Client { client, name } => {
                // Quick capture leaves this client: the editor opens over the caseload.
                cx.close();
                editor::write(cx, client, &name, None);
            }
            Choice::User(name) => {
                cx.popup(PromptPopup::new(
                    format!(
                        " Why give {} to {}? (logged) ",
                        self.view.summary.reference,
                        domain::visible_line(&name)
                    ),
                    "The reason is logged with both advisers' names.",
                ));
                self.reassign_to = Some(name);
            }
            Choice::Text(path) if self.exporting => {
                self.exporting = false;
                if let Some(session) = cx.session() {
                    cx.busy("Exporting…");
                    cx.job(Task::Export {
                        session,
                        client: self.view.summary.reference,
                        path: expand_home(path.trim()),
                    });
                }
            }
            Choice::Text(reason) if self.redacting.is_some() => {
                if let (Some((note, index)), Some(session)) = (self.redacting.take(), cx.session())
                {
                    cx.busy("Redacting and rewriting the file…");
                    cx.job(Task::Redact {
                        session,
                        client: self.view.summary.reference,
                        note,
                        index,
                        reason,
                    });
                }
            }
            Choice::Text(reason) => {
                if let (Some(to), Some(session)) = (self.reassign_to.take(), cx.session()) {
                    cx.busy("Reassigning…");
                    cx.job(Task::Reassign {
                        session,
                        client: self.view.summary.reference,
                        to,
                        reason,
                    });
                }
            }
            Choice::Confirmed(Confirm::CloseCase, Pick::First) => {
                if let Some(session) = cx.session() {
                    cx.busy("Closing the case…");
                    cx.job(Task::CloseCase {
                        session,
                        client: self.view.summary.reference,
                    });
                }
            }
            Choice::Confirmed(Confirm::SignOff, Pick::First) => {
                if let (Some(n), Some(session)) = (self.selected_note(), cx.session()) {
                    let note = n.id;
                    cx.busy("Signing off…");
                    cx.job(Task::SignOff {
                        session,
                        client: self.view.summary.reference,
                        note,
                    });
                }
            }
            _ => {}
        }
    }

    fn on_click(&mut self, col: u16, row: u16, area: Rect, cx: &mut Cx<'_>) -> EventResult {
        let v = View {
            ui: cx.ui,
            now: cx.now,
        };
        let (_, inner) = layout(area);
        let page = self.page(&v, inner);
        let sections = self.sections();
        let clicked = row_at(inner, page.offset, row, col, page.section_at.len())
            .and_then(|line| page.section_at.get(line).copied().flatten())
            .and_then(|at| sections.iter().position(|s| *s == at));
        if let Some(i) = clicked {
            let before = sections.get(self.selected).map(|(n, _)| *n);
            self.selected = i;
            if let Some(before) = before
                && sections.get(i).map(|(n, _)| *n) != Some(before)
            {
                self.mask_note(before);
            }
        }
        EventResult::Consumed
    }

    fn on_scroll(&mut self, down: bool, cx: &mut Cx<'_>) {
        let action = if down { Action::Down } else { Action::Up };
        self.on_action(action, cx);
    }

    fn help_notes(&self, ui: &crate::tui::app::Shared) -> Vec<String> {
        vec![
            format!(
                "Masked sections (confidential and special category) show their heading and \
                 label, never their text. r asks why you need to see one, logs your reason, and \
                 only then shows it. It masks itself again after {} s, when you move to another \
                 note, when you leave the client, and when the screen locks.",
                ui.reveal_secs
            ),
            "Mouse: click a section to select it; the wheel moves between sections.".into(),
        ]
    }

    fn on_tick(&mut self, cx: &mut Cx<'_>) {
        let reveal = std::time::Duration::from_secs(u64::from(cx.ui.reveal_secs));
        let now = cx.now;
        let expired: Vec<(NoteId, usize)> = self
            .revealed
            .iter()
            .filter(|(_, _, at)| now.duration_since(*at).unwrap_or_default() >= reveal)
            .map(|(n, i, _)| (*n, *i))
            .collect();
        for (n, i) in &expired {
            self.mask(*n, *i);
        }
        if self
            .details
            .as_ref()
            .is_some_and(|(_, at)| now.duration_since(*at).unwrap_or_default() >= reveal)
        {
            self.details = None;
        }
        self.revealed
            .retain(|(n, i, _)| !expired.contains(&(*n, *i)));
    }

    fn draw(&self, f: &mut Frame, area: Rect, v: &View<'_>) {
        let view = &self.view;
        let (head, inner) = layout(area);
        let body = Rect {
            y: head.y + head.height,
            height: area.height.saturating_sub(head.height),
            ..area
        };
        let mut header = vec![
            Span::styled(format!("{}  ", view.summary.reference), v.style(R::Title)),
            Span::styled(
                domain::visible_line(&view.summary.name).into_owned(),
                v.style(R::Base).add_modifier(Modifier::BOLD),
            ),
            Span::styled(
                format!(
                    "   adviser: {}   status: {}   {} note{}",
                    domain::visible_line(&view.summary.adviser),
                    view.summary.status.as_str(),
                    view.notes.len(),
                    if view.notes.len() == 1 { "" } else { "s" }
                ),
                v.style(R::Dim),
            ),
        ];
        if view.break_glass {
            header.push(Span::styled(
                "   opened outside your caseload: logged and flagged",
                v.style(R::Warning),
            ));
        }
        f.render_widget(
            Paragraph::new(vec![
                Line::from(header),
                self.details_line(v),
                self.actions_line(v),
            ])
            .block(block(v, " Client ", false)),
            head,
        );
        let page = self.page(v, inner);
        let mut outer = block(v, " Notes, newest first ", true);
        let sections = self.sections();
        if let Some((n, _)) = sections.get(self.selected) {
            outer = outer.title_bottom(Line::from(Span::styled(
                format!(
                    " section {} of {} · note {} of {} ",
                    self.selected + 1,
                    sections.len(),
                    n + 1,
                    view.notes.len()
                ),
                v.style(R::Dim),
            )));
        }
        let h = usize::from(inner.height);
        let below = page.lines.len().saturating_sub(page.offset + h);
        let outer = scroll_marks(v, outer, page.offset, below);
        f.render_widget(outer, body);
        let visible: Vec<Line> = page.lines.into_iter().skip(page.offset).take(h).collect();
        f.render_widget(Paragraph::new(visible), inner);
    }
}

/// Where the client screen draws: the header box, and the inside of the notes box.
fn layout(area: Rect) -> (Rect, Rect) {
    let [head, body] = Layout::vertical([Constraint::Length(5), Constraint::Min(1)]).areas(area);
    (head, Block::default().borders(Borders::ALL).inner(body))
}

/// How many rows from the top of the screen's body the selected section (its heading and
/// first line) can take: a popup about it stays below them.
pub fn selected_rows(area: Rect) -> u16 {
    let (_, inner) = layout(area);
    (inner.y - area.y) + inner.height / 3 + 2
}

/// The notes as lines, the section each line belongs to, and the first line shown.
struct Page<'a> {
    lines: Vec<Line<'a>>,
    section_at: Vec<Option<(usize, usize)>>,
    offset: usize,
}

impl ClientScreen {
    /// The header's third line: the client's open actions.
    fn actions_line<'a>(&self, v: &View<'_>) -> Line<'a> {
        let today = domain::today();
        let open = self.view.actions.iter().filter(|a| a.is_open()).count();
        let late = self
            .view
            .actions
            .iter()
            .filter(|a| a.overdue(today))
            .count();
        let (text, style) = match (open, late) {
            (0, _) => ("no open actions".to_string(), v.style(R::Dim)),
            (1, 0) => ("1 open action".to_string(), v.style(R::Base)),
            (n, 0) => (format!("{n} open actions"), v.style(R::Base)),
            (n, l) => (
                format!(
                    "{n} open action{}, {l} overdue",
                    if n == 1 { "" } else { "s" }
                ),
                v.style(R::Warning),
            ),
        };
        let consent = consent_summary(&self.view.consents);
        let consent_style = if self.view.consents.iter().any(|c| c.current) {
            v.style(R::Base)
        } else {
            v.style(R::Warning)
        };
        Line::from(vec![
            Span::styled(text, style),
            Span::styled(" (a)   ", v.style(R::Dim)),
            Span::styled(consent, consent_style),
            Span::styled(" (K)", v.style(R::Dim)),
        ])
    }

    /// The header's second line: the confidential details, masked or revealed.
    fn details_line<'a>(&self, v: &View<'_>) -> Line<'a> {
        let Some((d, at)) = &self.details else {
            return Line::from(vec![
                Span::styled("born ", v.style(R::Dim)),
                Span::styled("░░░░", v.style(R::Masked)),
                Span::styled("   contact ", v.style(R::Dim)),
                Span::styled("░░░░", v.style(R::Masked)),
                Span::styled(
                    "   [confidential] d reveals (asks why; logged)",
                    v.style(R::Dim),
                ),
            ]);
        };
        let left = u64::from(v.ui.reveal_secs)
            .saturating_sub(v.now.duration_since(*at).unwrap_or_default().as_secs());
        let shown = |x: &Option<String>| match x {
            Some(t) => domain::visible_line(t).into_owned(),
            None => "not recorded".to_string(),
        };
        Line::from(vec![
            Span::styled("born ", v.style(R::Dim)),
            Span::styled(shown(&d.date_of_birth), v.style(R::Revealed)),
            Span::styled("   contact ", v.style(R::Dim)),
            Span::styled(shown(&d.contact), v.style(R::Revealed)),
            Span::styled(
                format!(
                    "   revealed (logged) — masks in {}:{:02}",
                    left / 60,
                    left % 60
                ),
                v.style(R::Dim),
            ),
        ])
    }

    /// Every line of the notes for a box `inner`, and which are in sight: the selected section
    /// a third of the way down.
    fn page<'a>(&self, v: &View<'_>, inner: Rect) -> Page<'a> {
        let view = &self.view;
        let width = inner.width.saturating_sub(4) as usize;
        let selected = self.sections().get(self.selected).copied();
        let mut lines: Vec<Line> = Vec::new();
        let mut section_at = Vec::new();
        let mut selected_line = 0;
        if view.notes.is_empty() {
            lines.push(Line::from(Span::styled(
                "No notes yet. Press n to write one.",
                v.style(R::Dim),
            )));
            section_at.push(None);
        }
        let reveal_secs = u64::from(v.ui.reveal_secs);
        for (ni, n) in view.notes.iter().enumerate() {
            lines.push(Line::from(Span::styled(
                format!(
                    "{}  {}  {}  {}  by {}",
                    n.id,
                    domain::format_time(n.contact_at),
                    n.channel,
                    n.status.as_str(),
                    domain::visible_line(&n.author)
                ),
                v.style(R::Title),
            )));
            section_at.push(None);
            if let Some(marks) = n.marks.describe() {
                for l in wrap(&marks, width) {
                    lines.push(Line::from(Span::styled(format!("  {l}"), v.style(R::Dim))));
                    section_at.push(None);
                }
            }
            for (si, s) in n.sections.iter().enumerate() {
                let here = Some((ni, si));
                let is_sel = selected == here;
                if is_sel {
                    selected_line = lines.len();
                }
                let head_style = if is_sel {
                    v.style(R::Selection)
                } else {
                    v.style(R::Base).add_modifier(Modifier::BOLD)
                };
                lines.push(Line::from(vec![
                    Span::styled(if is_sel { "› " } else { "  " }, head_style),
                    Span::styled(
                        format!("[{}]", s.sensitivity),
                        label_style(v, s.sensitivity),
                    ),
                    Span::styled(format!(" {}", domain::visible_line(&s.heading)), head_style),
                    Span::styled(
                        n.marks
                            .addendum(si)
                            .map(|a| format!("  ({a})"))
                            .unwrap_or_default(),
                        v.style(R::Dim),
                    ),
                ]));
                match &s.body {
                    SectionBody::Shown(t) => {
                        for l in wrap(&domain::visible(t), width) {
                            lines.push(Line::from(Span::styled(
                                format!("    {l}"),
                                v.style(R::Base),
                            )));
                        }
                    }
                    SectionBody::Masked => lines.push(Line::from(Span::styled(
                        "    ░░░ masked — press r to reveal (you will be asked why; logged)",
                        v.style(R::Masked),
                    ))),
                    SectionBody::Revealed(t) => {
                        let left = self
                            .revealed
                            .iter()
                            .find(|(id, i, _)| *id == n.id && *i == si)
                            .map(|(_, _, at)| {
                                reveal_secs.saturating_sub(
                                    v.now.duration_since(*at).unwrap_or_default().as_secs(),
                                )
                            })
                            .unwrap_or(0);
                        lines.push(Line::from(Span::styled(
                            format!(
                                "    revealed (logged) — masks again in {}:{:02}",
                                left / 60,
                                left % 60
                            ),
                            v.style(R::Revealed),
                        )));
                        for l in wrap(&domain::visible(t), width) {
                            lines.push(Line::from(Span::styled(
                                format!("    {l}"),
                                v.style(R::Revealed),
                            )));
                        }
                    }
                }
                section_at.resize(lines.len(), here);
            }
            lines.push(Line::default());
            section_at.push(None);
        }
        let h = usize::from(inner.height);
        let offset = selected_line.saturating_sub(h / 3);
        Page {
            lines,
            section_at,
            offset,
        }
    }
}

impl Drop for ClientScreen {
    fn drop(&mut self) {
        if let Some(r) = &mut self.access_reason {
            r.zeroize();
        }
    }
}
