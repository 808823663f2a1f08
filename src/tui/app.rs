//! The app's state and its transitions. Keys, pasted text, clock ticks and worker replies come in;
//! the state changes and jobs for the worker go out. No terminal here, so every flow can be
//! driven by tests.

use std::sync::Arc;
use std::time::{Duration, SystemTime};

use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyEventKind, KeyModifiers};
use zeroize::{Zeroize, Zeroizing};

use crate::domain::{ClientRef, Draft, NoteId, Role};
use crate::session::{ClientSummary, ClientView, SectionBody, Session, StoreHandle};

use super::editor::{self, Editor};
use super::filter::Finder;
use super::jobs::{Job, Reply};
use super::keymap::{self, Action, Mode};
use super::theme::Theme;

/// The reasons offered when revealing a section or opening someone else's client.
pub const REASONS: [&str; 5] = [
    "direct support to the client",
    "safeguarding",
    "supervision",
    "client's own request",
    "other (type a reason)",
];

/// How often a changed draft is sealed and kept.
pub const DRAFT_EVERY: Duration = Duration::from_secs(5);

/// What `casenotes` was started with.
#[derive(Debug, Clone, Default)]
pub struct Options {
    /// `--lock-after`: may only shorten the policy's idle time.
    pub lock_after: Option<u32>,
    /// `--user` / `CASENOTES_USER`: fills in the username on the sign-in screen.
    pub user: Option<String>,
    /// Accounts and password shown on the sign-in screen of a demo store.
    pub demo: Option<(Vec<String>, String)>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Screen {
    SignIn,
    Caseload,
    Client,
    Editor,
    Locked,
}

/// The sign-in (and unlock) form.
#[derive(Default)]
pub struct SignInForm {
    pub username: String,
    pub password: Zeroizing<String>,
    pub on_password: bool,
    pub error: Option<String>,
}

/// Why a reason is being asked for.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ReasonFor {
    Reveal { note: NoteId, index: usize },
    BreakGlass { client: ClientRef, then_write: bool },
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Confirm {
    /// `q` with a note in progress: 1 keep as draft and quit, 2 discard and quit.
    QuitWithDraft,
    /// `Esc` in the editor: 1 keep as draft, 2 discard.
    LeaveEditor,
    /// A kept draft found at sign-in: 1 resume, 2 discard, Esc later.
    ResumeDraft,
}

pub enum Popup {
    Help(Mode),
    Reason {
        purpose: ReasonFor,
        choice: usize,
        typing: Option<String>,
    },
    Picker {
        query: String,
        selected: usize,
        /// The caller's own caseload, filtered by `query`.
        finder: Box<Finder>,
    },
    Label {
        choice: usize,
    },
    AddSection {
        choice: usize,
    },
    Confirm(Confirm),
}

/// An open client: the view the session returned, the selected section, and what is revealed.
pub struct ClientScreen {
    pub view: ClientView,
    /// Index into [`ClientScreen::sections`].
    pub selected: usize,
    /// The reason given to open this client outside the caseload, if any.
    pub access_reason: Option<String>,
    pub revealed: Vec<(NoteId, usize, SystemTime)>,
}

impl ClientScreen {
    /// Every section as (note index, section index), in display order.
    pub fn sections(&self) -> Vec<(usize, usize)> {
        self.view
            .notes
            .iter()
            .enumerate()
            .flat_map(|(n, note)| (0..note.sections.len()).map(move |s| (n, s)))
            .collect()
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
}

/// A status-line message.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Message {
    pub text: String,
    pub error: bool,
}

pub struct App {
    pub store: StoreHandle,
    pub theme: Theme,
    pub options: Options,
    pub session: Option<Arc<Session>>,
    /// The signed-in (or locked-out) user's name and role.
    pub who: Option<(String, Role)>,
    pub screen: Screen,
    pub popup: Option<Popup>,
    pub signin: SignInForm,
    pub caseload: Vec<ClientSummary>,
    pub everyone: Option<Vec<ClientSummary>>,
    pub widened: bool,
    pub filter: String,
    pub filtering: bool,
    /// The current list, prepared for filtering, and the matches of the filter.
    pub finder: Finder,
    pub selected: usize,
    pub client: Option<ClientScreen>,
    pub editor: Option<Editor>,
    /// A kept draft not yet resumed.
    pub pending_draft: Option<Draft>,
    pub last_activity: SystemTime,
    pub last_draft_save: SystemTime,
    pub busy: Option<String>,
    pub message: Option<Message>,
    pub quit: bool,
    /// Set when the terminal must be wiped (on lock).
    pub clear_screen: bool,
    pub lock_after: u32,
    pub reveal_secs: u32,
    /// Open the editor once the client being opened arrives.
    write_after_open: bool,
    /// A note save is with the worker (its reply settles the draft).
    saving: bool,
}

/// A finder over "REF NAME" of each client in `list`.
pub fn finder_for(list: &[ClientSummary]) -> Finder {
    let bytes = list.iter().map(|c| c.name.len() + 16).sum();
    let mut f = Finder::with_capacity(list.len(), bytes);
    for c in list {
        f.push(format_args!("{} {}", c.reference, c.name));
    }
    f
}

impl App {
    pub fn new(store: StoreHandle, theme: Theme, options: Options, now: SystemTime) -> App {
        let signin = match &options.user {
            Some(u) => SignInForm {
                username: u.clone(),
                on_password: true,
                ..SignInForm::default()
            },
            None => SignInForm::default(),
        };
        App {
            store,
            theme,
            options,
            session: None,
            who: None,
            screen: Screen::SignIn,
            popup: None,
            signin,
            caseload: Vec::new(),
            everyone: None,
            widened: false,
            filter: String::new(),
            filtering: false,
            finder: Finder::default(),
            selected: 0,
            client: None,
            editor: None,
            pending_draft: None,
            last_activity: now,
            last_draft_save: now,
            busy: None,
            message: None,
            quit: false,
            clear_screen: false,
            lock_after: crate::domain::Policy::default().lock_after_secs,
            reveal_secs: crate::domain::Policy::default().reveal_secs,
            write_after_open: false,
            saving: false,
        }
    }

    /// Where the keyboard is: the top popup, else the screen.
    pub fn mode(&self) -> Mode {
        match &self.popup {
            Some(Popup::Help(_)) => Mode::Help,
            Some(Popup::Reason {
                typing: Some(_), ..
            }) => Mode::ReasonText,
            Some(Popup::Reason { .. }) => Mode::Reason,
            Some(Popup::Picker { .. }) => Mode::Picker,
            Some(Popup::Label { .. }) => Mode::Label,
            Some(Popup::AddSection { .. }) => Mode::AddSection,
            Some(Popup::Confirm(_)) => Mode::Confirm,
            None => match self.screen {
                Screen::SignIn => Mode::SignIn,
                Screen::Locked => Mode::Locked,
                Screen::Caseload if self.filtering => Mode::Filter,
                Screen::Caseload => Mode::Caseload,
                Screen::Client => Mode::Client,
                Screen::Editor => Mode::Editor,
            },
        }
    }

    /// The list the caseload screen shows: the caller's caseload or, widened, every client.
    pub fn list(&self) -> &[ClientSummary] {
        match (&self.everyone, self.widened) {
            (Some(all), true) => all,
            _ => &self.caseload,
        }
    }

    /// Rows of [`App::list`] matching the filter, best first.
    pub fn matches(&self) -> &[u32] {
        self.finder.matches()
    }

    /// The client under the caseload cursor.
    pub fn selected_client(&self) -> Option<&ClientSummary> {
        self.finder
            .matches()
            .get(self.selected)
            .and_then(|i| self.list().get(*i as usize))
    }

    /// Seconds until the screen locks.
    pub fn secs_to_lock(&self, now: SystemTime) -> u64 {
        let idle = now
            .duration_since(self.last_activity)
            .unwrap_or_default()
            .as_secs();
        u64::from(self.lock_after).saturating_sub(idle)
    }

    fn say(&mut self, text: impl Into<String>) {
        self.message = Some(Message {
            text: text.into(),
            error: false,
        });
    }

    fn warn(&mut self, text: impl Into<String>) {
        self.message = Some(Message {
            text: text.into(),
            error: true,
        });
    }

    fn session(&self) -> Option<Arc<Session>> {
        self.session.clone()
    }

    // ----- input -----

    /// A key press. Resolves the key to an action from the current mode first; keys that are
    /// no action are typed into the focused input.
    pub fn on_key(&mut self, key: KeyEvent, now: SystemTime) -> Vec<Job> {
        if key.kind == KeyEventKind::Release {
            return Vec::new();
        }
        self.last_activity = now;
        let mode = self.mode();
        match keymap::lookup(mode, &key) {
            Some(action) => {
                if !matches!(mode, Mode::SignIn | Mode::Locked) {
                    self.message = None;
                }
                self.apply(mode, action, now)
            }
            None => {
                self.type_key(mode, key);
                Vec::new()
            }
        }
    }

    /// Pasted text (bracketed paste): into the focused input, refusing a paste too large.
    pub fn on_paste(&mut self, text: &str, now: SystemTime) {
        self.last_activity = now;
        match self.mode() {
            Mode::Editor => {
                if let Some(e) = &mut self.editor
                    && let Err(msg) = e.paste(text)
                {
                    self.warn(msg);
                }
            }
            mode => {
                // Single-line inputs take the first line, at most a few hundred characters.
                let line: String = text
                    .lines()
                    .next()
                    .unwrap_or("")
                    .chars()
                    .take(500)
                    .collect();
                for c in line.chars() {
                    self.type_key(mode, KeyEvent::new(KeyCode::Char(c), KeyModifiers::NONE));
                }
            }
        }
    }

    fn type_key(&mut self, mode: Mode, key: KeyEvent) {
        let ctrl = key.modifiers.contains(KeyModifiers::CONTROL);
        let edit = |s: &mut String| match key.code {
            KeyCode::Char(c) if !ctrl => s.push(c),
            KeyCode::Backspace => {
                s.pop();
            }
            _ => {}
        };
        match mode {
            Mode::SignIn | Mode::Locked => {
                if mode == Mode::SignIn && !self.signin.on_password {
                    edit(&mut self.signin.username);
                } else {
                    match key.code {
                        KeyCode::Char(c) if !ctrl => self.signin.password.push(c),
                        KeyCode::Backspace => {
                            self.signin.password.pop();
                        }
                        _ => {}
                    }
                }
            }
            Mode::Filter => {
                let before = self.filter.len();
                edit(&mut self.filter);
                if self.filter.len() != before {
                    self.refilter();
                }
            }
            Mode::ReasonText => {
                if let Some(Popup::Reason {
                    typing: Some(t), ..
                }) = &mut self.popup
                    && t.chars().count() < crate::domain::MAX_REASON_CHARS
                {
                    edit(t);
                }
            }
            Mode::Picker => {
                if let Some(Popup::Picker {
                    query,
                    selected,
                    finder,
                }) = &mut self.popup
                {
                    edit(query);
                    finder.set_query(query);
                    *selected = 0;
                }
            }
            Mode::Editor => {
                if let Some(e) = &mut self.editor {
                    e.input(key);
                }
            }
            _ => {}
        }
    }

    // ----- actions -----

    fn apply(&mut self, mode: Mode, action: Action, now: SystemTime) -> Vec<Job> {
        if action == Action::Lock {
            self.lock();
            return Vec::new();
        }
        match mode {
            Mode::SignIn => self.sign_in_action(action),
            Mode::Locked => self.locked_action(action),
            Mode::Caseload | Mode::Filter => self.caseload_action(action),
            Mode::Client => self.client_action(action),
            Mode::Editor => self.editor_action(action),
            Mode::Help => {
                self.popup = None;
                Vec::new()
            }
            Mode::Reason | Mode::ReasonText => self.reason_action(action),
            Mode::Picker => self.picker_action(action),
            Mode::Label | Mode::AddSection => self.list_popup_action(action),
            Mode::Confirm => self.confirm_action(action, now),
            Mode::Global => Vec::new(),
        }
    }

    fn sign_in_action(&mut self, action: Action) -> Vec<Job> {
        match action {
            Action::NextField => self.signin.on_password = !self.signin.on_password,
            Action::Quit => self.quit = true,
            Action::Open if self.busy.is_none() => {
                if self.signin.username.trim().is_empty() {
                    self.signin.error = Some("type your username".into());
                    self.signin.on_password = false;
                } else if !self.signin.on_password && self.signin.password.is_empty() {
                    self.signin.on_password = true;
                } else {
                    return vec![self.sign_in_job(self.signin.username.trim().to_string(), false)];
                }
            }
            _ => {}
        }
        Vec::new()
    }

    fn sign_in_job(&mut self, user: String, unlock: bool) -> Job {
        self.busy = Some("Checking the password…".into());
        self.signin.error = None;
        let password = secrecy::SecretString::from(self.signin.password.as_str().to_string());
        self.signin.password.zeroize();
        Job::SignIn {
            store: self.store.clone(),
            user,
            password,
            unlock,
        }
    }

    fn locked_action(&mut self, action: Action) -> Vec<Job> {
        match action {
            Action::Open if self.busy.is_none() => {
                if let Some((user, _)) = self.who.clone() {
                    return vec![self.sign_in_job(user, true)];
                }
            }
            Action::SwitchUser => {
                self.who = None;
                self.signin = SignInForm::default();
                self.screen = Screen::SignIn;
            }
            _ => {}
        }
        Vec::new()
    }

    fn move_in(len: usize, at: &mut usize, action: Action) {
        if len == 0 {
            *at = 0;
            return;
        }
        *at = match action {
            Action::Up => at.saturating_sub(1),
            Action::Down => (*at + 1).min(len - 1),
            Action::PageUp => at.saturating_sub(10),
            Action::PageDown => (*at + 10).min(len - 1),
            _ => *at,
        };
    }

    fn caseload_action(&mut self, action: Action) -> Vec<Job> {
        match action {
            Action::Up | Action::Down | Action::PageUp | Action::PageDown => {
                Self::move_in(self.finder.matches().len(), &mut self.selected, action);
            }
            Action::Filter => self.filtering = true,
            Action::Back => {
                self.filtering = false;
                self.filter.zeroize();
                self.refilter();
            }
            Action::ToggleAll => {
                if self.widened {
                    self.widened = false;
                    self.reindex();
                } else if self.everyone.is_some() {
                    self.widened = true;
                    self.reindex();
                } else if let Some(s) = self.session() {
                    self.busy = Some("Listing every client…".into());
                    return vec![Job::List {
                        session: s,
                        all: true,
                    }];
                }
            }
            Action::Open | Action::NewNote => {
                let write = action == Action::NewNote;
                let Some(c) = self.selected_client() else {
                    return Vec::new();
                };
                let (r, own) = (c.reference, !c.outside_caseload);
                if own {
                    return self.open_client(r, None, write);
                }
                self.popup = Some(Popup::Reason {
                    purpose: ReasonFor::BreakGlass {
                        client: r,
                        then_write: write,
                    },
                    choice: 0,
                    typing: None,
                });
            }
            Action::QuickCapture => self.popup = Some(self.picker()),
            Action::Help => self.popup = Some(Popup::Help(self.mode())),
            Action::Quit => self.request_quit(),
            _ => {}
        }
        Vec::new()
    }

    fn open_client(&mut self, r: ClientRef, reason: Option<String>, write: bool) -> Vec<Job> {
        let Some(session) = self.session() else {
            return Vec::new();
        };
        self.busy = Some("Opening…".into());
        self.write_after_open = write;
        vec![Job::Open {
            session,
            client: r,
            reason,
        }]
    }

    fn client_action(&mut self, action: Action) -> Vec<Job> {
        let Some(cs) = &mut self.client else {
            return Vec::new();
        };
        let sections = cs.sections();
        let note_before = sections.get(cs.selected).map(|(n, _)| *n);
        match action {
            Action::Up | Action::Down => Self::move_in(sections.len(), &mut cs.selected, action),
            Action::PageUp | Action::PageDown => {
                // Jump to the first section of the previous or next note.
                let note = sections.get(cs.selected).map_or(0, |(n, _)| *n);
                let target = if action == Action::PageDown {
                    note + 1
                } else {
                    note.saturating_sub(1)
                };
                if let Some(i) = sections.iter().position(|(n, _)| *n == target) {
                    cs.selected = i;
                }
            }
            Action::Reveal => {
                let Some((n, s)) = sections.get(cs.selected).copied() else {
                    return Vec::new();
                };
                let note = &cs.view.notes[n];
                match note.sections.get(s).map(|x| &x.body) {
                    Some(SectionBody::Masked) => {
                        self.popup = Some(Popup::Reason {
                            purpose: ReasonFor::Reveal {
                                note: note.id,
                                index: s,
                            },
                            choice: 0,
                            typing: None,
                        });
                    }
                    Some(SectionBody::Revealed(_)) => self.say("this section is already revealed"),
                    _ => self.say("this section is not masked"),
                }
            }
            Action::NewNote => {
                let (r, name, reason) = (
                    cs.view.summary.reference,
                    cs.view.summary.name.clone(),
                    cs.access_reason.clone(),
                );
                self.start_editor(r, &name, reason);
            }
            Action::Back => {
                // Leaving the note masks everything again.
                self.client = None;
                self.screen = Screen::Caseload;
            }
            Action::QuickCapture => self.popup = Some(self.picker()),
            Action::Help => self.popup = Some(Popup::Help(Mode::Client)),
            Action::Quit => self.request_quit(),
            _ => {}
        }
        // Moving off a note masks what was revealed in it.
        if let Some(cs) = &mut self.client
            && let Some(before) = note_before
            && sections.get(cs.selected).map(|(n, _)| *n) != Some(before)
        {
            cs.mask_note(before);
        }
        Vec::new()
    }

    fn start_editor(&mut self, r: ClientRef, name: &str, access_reason: Option<String>) {
        if let Some(d) = self.pending_draft.take() {
            let name = self.client_name(d.client).unwrap_or_default();
            let mut e = Editor::from_draft(&d, &name);
            e.access_reason = access_reason.filter(|_| d.client == r);
            if d.client != r {
                self.say(format!("resumed your unsaved note for {} first", d.client));
            }
            self.editor = Some(e);
        } else {
            self.editor = Some(Editor::new(r, name, access_reason));
        }
        self.screen = Screen::Editor;
    }

    fn client_name(&self, r: ClientRef) -> Option<String> {
        self.caseload
            .iter()
            .chain(self.everyone.iter().flatten())
            .find(|c| c.reference == r)
            .map(|c| c.name.clone())
    }

    fn editor_action(&mut self, action: Action) -> Vec<Job> {
        let session = self.session();
        let Some(e) = &mut self.editor else {
            return Vec::new();
        };
        match action {
            Action::NextField => e.next(),
            Action::PrevField => e.prev(),
            Action::CycleChannel => e.cycle_channel(),
            Action::ChangeLabel => {
                let current = e.sections.get(e.focus).map(|s| s.sensitivity);
                let choice = editor::all_labels()
                    .iter()
                    .position(|l| Some(*l) == current)
                    .unwrap_or(0);
                self.popup = Some(Popup::Label { choice });
            }
            Action::AddSection => self.popup = Some(Popup::AddSection { choice: 0 }),
            Action::Save if self.busy.is_none() => {
                if e.is_empty() {
                    self.warn("nothing to save: write in at least one section");
                    return Vec::new();
                }
                let Some(session) = session else {
                    return Vec::new();
                };
                self.busy = Some("Saving…".into());
                self.saving = true;
                return vec![Job::SaveNote {
                    session,
                    client: e.client,
                    note: e.to_note(),
                    reason: e.access_reason.clone(),
                }];
            }
            Action::Back => {
                if e.is_empty() {
                    self.editor = None;
                    self.leave_editor();
                    return self.discard_draft_job();
                }
                self.popup = Some(Popup::Confirm(Confirm::LeaveEditor));
            }
            Action::Quit => self.request_quit(),
            _ => {}
        }
        Vec::new()
    }

    fn leave_editor(&mut self) {
        self.screen = if self.client.is_some() {
            Screen::Client
        } else {
            Screen::Caseload
        };
    }

    fn discard_draft_job(&mut self) -> Vec<Job> {
        self.pending_draft = None;
        self.session()
            .map(|session| Job::DiscardDraft { session })
            .into_iter()
            .collect()
    }

    fn request_quit(&mut self) {
        let unsaved = self.editor.as_ref().is_some_and(|e| !e.is_empty());
        if unsaved {
            self.popup = Some(Popup::Confirm(Confirm::QuitWithDraft));
        } else {
            self.quit = true;
        }
    }

    fn reason_action(&mut self, action: Action) -> Vec<Job> {
        let Some(Popup::Reason {
            purpose,
            choice,
            typing,
        }) = &mut self.popup
        else {
            return Vec::new();
        };
        match (action, typing.is_some()) {
            (Action::Up | Action::Down, false) => Self::move_in(REASONS.len(), choice, action),
            (Action::Back, true) => *typing = None,
            (Action::Back, false) => self.popup = None,
            (Action::Open, false) if *choice == REASONS.len() - 1 => *typing = Some(String::new()),
            (Action::Open, _) => {
                let reason = match typing {
                    Some(t) => t.trim().to_string(),
                    None => REASONS[*choice].to_string(),
                };
                let reason = match crate::domain::validate_reason(&reason) {
                    Ok(r) => r,
                    Err(e) => {
                        self.warn(e);
                        return Vec::new();
                    }
                };
                let purpose = purpose.clone();
                self.popup = None;
                return self.give_reason(purpose, reason);
            }
            _ => {}
        }
        Vec::new()
    }

    fn give_reason(&mut self, purpose: ReasonFor, reason: String) -> Vec<Job> {
        match purpose {
            ReasonFor::BreakGlass { client, then_write } => {
                self.open_client(client, Some(reason), then_write)
            }
            ReasonFor::Reveal { note, index } => {
                let (Some(session), Some(cs)) = (self.session(), &self.client) else {
                    return Vec::new();
                };
                self.busy = Some("Logging the reveal…".into());
                vec![Job::Reveal {
                    session,
                    client: cs.view.summary.reference,
                    note,
                    index,
                    reason,
                    access: cs.access_reason.clone(),
                }]
            }
        }
    }

    /// The quick-capture picker over the caller's own caseload.
    fn picker(&self) -> Popup {
        Popup::Picker {
            query: String::new(),
            selected: 0,
            finder: Box::new(finder_for(&self.caseload)),
        }
    }

    fn picker_action(&mut self, action: Action) -> Vec<Job> {
        let Some(Popup::Picker {
            selected, finder, ..
        }) = &self.popup
        else {
            return Vec::new();
        };
        let found = finder.matches();
        let mut at = *selected;
        match action {
            Action::Up | Action::Down => {
                let n = found.len().min(10);
                Self::move_in(n, &mut at, action);
                if let Some(Popup::Picker { selected, .. }) = &mut self.popup {
                    *selected = at;
                }
            }
            Action::Back => self.popup = None,
            Action::Open => {
                if let Some(c) = found.get(at).and_then(|i| self.caseload.get(*i as usize)) {
                    let (r, name) = (c.reference, c.name.clone());
                    self.popup = None;
                    self.client = None;
                    self.start_editor(r, &name, None);
                }
            }
            _ => {}
        }
        Vec::new()
    }

    fn list_popup_action(&mut self, action: Action) -> Vec<Job> {
        let labels = editor::all_labels();
        match (&mut self.popup, action) {
            (_, Action::Back) => self.popup = None,
            (Some(Popup::Label { choice }), Action::Up | Action::Down) => {
                Self::move_in(labels.len(), choice, action)
            }
            (Some(Popup::AddSection { choice }), Action::Up | Action::Down) => {
                Self::move_in(editor::EXTRA.len(), choice, action)
            }
            (Some(Popup::Label { choice }), Action::Open) => {
                let label = labels[*choice];
                self.popup = None;
                if let Some(e) = &mut self.editor {
                    e.set_label(label);
                }
            }
            (Some(Popup::AddSection { choice }), Action::Open) => {
                let c = *choice;
                self.popup = None;
                if let Some(e) = &mut self.editor {
                    e.add_section(c);
                }
            }
            _ => {}
        }
        Vec::new()
    }

    fn confirm_action(&mut self, action: Action, now: SystemTime) -> Vec<Job> {
        let Some(Popup::Confirm(kind)) = self.popup else {
            return Vec::new();
        };
        let choice = match action {
            Action::Choose(c) => c,
            Action::Back => {
                self.popup = None;
                return Vec::new();
            }
            _ => return Vec::new(),
        };
        self.popup = None;
        match (kind, choice) {
            (Confirm::QuitWithDraft, '1') => {
                self.keep_draft_now();
                self.quit = true;
            }
            (Confirm::QuitWithDraft, '2') => {
                self.editor = None;
                let jobs = self.discard_draft_job();
                // Run the discard before leaving, so it is not lost with the worker.
                for j in jobs {
                    let _ = j.run();
                }
                self.quit = true;
            }
            (Confirm::LeaveEditor, '1') => {
                let jobs = self.draft_job(now);
                self.editor = None;
                self.leave_editor();
                self.say("kept as a draft: it will be offered back");
                return jobs;
            }
            (Confirm::LeaveEditor, '2') => {
                self.editor = None;
                self.leave_editor();
                return self.discard_draft_job();
            }
            (Confirm::ResumeDraft, '1') => {
                if let Some(d) = self.pending_draft.take() {
                    let name = self.client_name(d.client).unwrap_or_default();
                    self.editor = Some(Editor::from_draft(&d, &name));
                    self.screen = Screen::Editor;
                }
            }
            (Confirm::ResumeDraft, '2') => return self.discard_draft_job(),
            _ => {}
        }
        Vec::new()
    }

    /// Seals and keeps the note in progress right now (on lock and quit).
    fn keep_draft_now(&mut self) {
        if let (Some(s), Some(e)) = (&self.session, &self.editor)
            && !e.is_empty()
            && let Err(err) = s.save_draft(&e.to_draft())
        {
            self.warn(format!("the draft could not be kept: {err}"));
        }
    }

    fn draft_job(&mut self, now: SystemTime) -> Vec<Job> {
        let (Some(session), Some(e)) = (self.session(), &mut self.editor) else {
            return Vec::new();
        };
        e.dirty = false;
        self.last_draft_save = now;
        vec![Job::SaveDraft {
            session,
            draft: e.to_draft(),
        }]
    }

    // ----- lock -----

    /// Locks: keeps the draft sealed, then drops the session (zeroing the keys) and everything
    /// read through it. The lock screen shows nothing about anyone.
    pub fn lock(&mut self) {
        if self.session.is_none() {
            return;
        }
        // A save in flight discards the draft when it succeeds; keeping the editor's text as a
        // draft now could outlive the saved note. If that save fails, the last autosaved draft
        // (at most a few seconds old) is still kept.
        if !self.saving {
            self.keep_draft_now();
        }
        self.editor = None;
        self.client = None;
        self.pending_draft = None;
        self.caseload.clear();
        self.everyone = None;
        self.widened = false;
        self.filter.zeroize();
        self.filtering = false;
        self.finder = Finder::default();
        self.popup = None;
        self.session = None;
        self.signin.password.zeroize();
        self.signin.error = None;
        self.busy = None;
        self.screen = Screen::Locked;
        self.clear_screen = true;
    }

    // ----- time -----

    /// The clock moved: lock when idle too long (wall clock, so time asleep counts), mask
    /// reveals that have run their time, keep a changed draft every few seconds.
    pub fn on_tick(&mut self, now: SystemTime) -> Vec<Job> {
        if self.session.is_none() {
            return Vec::new();
        }
        let idle = now.duration_since(self.last_activity).unwrap_or_default();
        if idle >= Duration::from_secs(u64::from(self.lock_after)) {
            self.lock();
            return Vec::new();
        }
        let reveal = Duration::from_secs(u64::from(self.reveal_secs));
        if let Some(cs) = &mut self.client {
            let expired: Vec<(NoteId, usize)> = cs
                .revealed
                .iter()
                .filter(|(_, _, at)| now.duration_since(*at).unwrap_or_default() >= reveal)
                .map(|(n, i, _)| (*n, *i))
                .collect();
            for (n, i) in &expired {
                cs.mask(*n, *i);
            }
            cs.revealed.retain(|(n, i, _)| !expired.contains(&(*n, *i)));
        }
        let due = now.duration_since(self.last_draft_save).unwrap_or_default() >= DRAFT_EVERY;
        if due && self.editor.as_ref().is_some_and(|e| e.dirty) {
            return self.draft_job(now);
        }
        Vec::new()
    }

    // ----- replies -----

    pub fn on_reply(&mut self, reply: Reply, now: SystemTime) -> Vec<Job> {
        self.busy = None;
        match reply {
            Reply::SignedIn(Ok(s)) => {
                let s = *s;
                let policy = s.session.policy().clone();
                self.lock_after = match self.options.lock_after {
                    Some(cap) => cap.min(policy.lock_after_secs),
                    None => policy.lock_after_secs,
                };
                self.reveal_secs = policy.reveal_secs;
                self.who = Some((s.session.user_name().to_string(), s.session.role()));
                self.session = Some(Arc::new(s.session));
                self.signin = SignInForm::default();
                self.last_activity = now;
                self.last_draft_save = now;
                self.caseload = s.clients;
                self.reindex();
                self.screen = Screen::Caseload;
                self.message = None;
                if let Some(d) = s.draft {
                    if s.unlock {
                        let name = self.client_name(d.client).unwrap_or_default();
                        self.editor = Some(Editor::from_draft(&d, &name));
                        self.screen = Screen::Editor;
                    } else {
                        self.pending_draft = Some(d);
                        self.popup = Some(Popup::Confirm(Confirm::ResumeDraft));
                    }
                }
            }
            Reply::SignedIn(Err(e)) => {
                self.signin.error = Some(e.to_string());
                self.signin.on_password = true;
            }
            Reply::Opened {
                client,
                reason,
                result,
            } => match result {
                Ok(view) => {
                    let write = std::mem::take(&mut self.write_after_open);
                    let name = view.summary.name.clone();
                    self.client = Some(ClientScreen {
                        view,
                        selected: 0,
                        access_reason: reason.clone(),
                        revealed: Vec::new(),
                    });
                    self.screen = Screen::Client;
                    if write {
                        self.start_editor(client, &name, reason);
                    }
                }
                Err(e) => self.warn(e.to_string()),
            },
            Reply::Revealed {
                client,
                note,
                index,
                result,
            } => match result {
                Ok(text) => {
                    if let Some(cs) = &mut self.client
                        && cs.view.summary.reference == client
                        && let Some(n) = cs.view.notes.iter_mut().find(|n| n.id == note)
                        && let Some(s) = n.sections.get_mut(index)
                    {
                        s.body = SectionBody::Revealed(text.as_str().to_string());
                        cs.revealed.push((note, index, now));
                    }
                }
                Err(e) => self.warn(format!("not revealed: {e}")),
            },
            Reply::Saved(Ok(id)) => {
                self.saving = false;
                let (client, reason) = match &self.editor {
                    Some(e) => (e.client, e.access_reason.clone()),
                    None => return Vec::new(),
                };
                self.editor = None;
                self.pending_draft = None;
                self.say(format!("saved {id}"));
                let mut jobs = Vec::new();
                if let Some(session) = self.session() {
                    jobs.push(Job::List {
                        session: session.clone(),
                        all: false,
                    });
                    jobs.push(Job::Open {
                        session,
                        client,
                        reason,
                    });
                    self.busy = Some("Opening…".into());
                }
                self.screen = Screen::Client;
                return jobs;
            }
            Reply::Saved(Err(e)) => {
                self.saving = false;
                self.warn(format!("not saved: {e}"));
            }
            Reply::DraftSaved(Err(e)) => self.warn(format!("the draft could not be kept: {e}")),
            Reply::DraftSaved(Ok(())) | Reply::DraftDiscarded(Ok(())) => {}
            Reply::DraftDiscarded(Err(e)) => self.warn(e.to_string()),
            Reply::Listed { all, result } => match result {
                Ok(list) => {
                    if all {
                        self.everyone = Some(list);
                        self.widened = true;
                    } else {
                        self.caseload = list;
                    }
                    self.reindex();
                }
                Err(e) => self.warn(e.to_string()),
            },
        }
        Vec::new()
    }

    // ----- filtering -----

    /// Prepares the filter again after the list changed, and filters again.
    pub fn reindex(&mut self) {
        self.finder = finder_for(self.list());
        self.refilter();
    }

    /// The matches of the caseload filter over references and names.
    pub fn refilter(&mut self) {
        self.finder.set_query(&self.filter);
        self.selected = 0;
    }
}
