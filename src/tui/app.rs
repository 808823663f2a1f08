//! The router: which screen is in front, the popups over it, the session, the jobs handed to the
//! worker, and locking. Keys, pasted text, clock ticks and worker replies come in; state changes
//! and jobs for the worker go out. No terminal here, so every flow can be driven by tests.
//!
//! A key is first resolved to an action from the keymap of the current mode; the top popup (or,
//! without one, the front screen) handles it and says whether it did ([`EventResult`]); actions
//! nobody handled (help, quit, lock) are the router's. Screens and popups never change the stack
//! themselves: they ask through [`Cx`], and the router applies what they asked afterwards.

use std::any::Any;
use std::sync::Arc;
use std::time::{Duration, SystemTime};

use ratatui::crossterm::event::{KeyEvent, KeyEventKind};

use crate::domain::{ClientRef, Draft, Policy, Role};
use crate::session::{ClientSummary, Session, StoreHandle};

use super::jobs::{Answer, Generation, Job, Reply, SignedIn, Task};
use super::keymap::{self, Action, Mode};
use super::popups::confirm::{Confirm, ConfirmPopup};
use super::popups::help::HelpPopup;
use super::popups::{Choice, EventResult, Popup};
use super::screens::Screen;
use super::screens::caseload::Caseload;
use super::screens::client::ClientScreen;
use super::screens::editor::{self, Editor};
use super::screens::lock::Locked;
use super::screens::sign_in::SignIn;
use super::theme::Theme;

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

/// The signed-in (or locked-out) user, as the session described them at sign-in.
#[derive(Debug, Clone)]
pub struct Who {
    pub name: String,
    pub role: Role,
    /// The session's answer: this user's list starts with every client (a supervisor's review).
    pub every_client_first: bool,
}

/// The client lists read through the session.
#[derive(Default)]
pub struct Clients {
    /// The caller's starting list ([`Session::caseload`]).
    pub mine: Vec<ClientSummary>,
    /// Every client, once asked for.
    pub everyone: Option<Vec<ClientSummary>>,
}

impl Clients {
    /// The caller's list or, widened, every client (if listed yet).
    pub fn shown(&self, widened: bool) -> &[ClientSummary] {
        match (&self.everyone, widened) {
            (Some(all), true) => all,
            _ => &self.mine,
        }
    }

    pub fn name_of(&self, r: ClientRef) -> Option<String> {
        self.mine
            .iter()
            .chain(self.everyone.iter().flatten())
            .find(|c| c.reference == r)
            .map(|c| c.name.to_string())
    }
}

/// A status-line message.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Message {
    pub text: String,
    pub error: bool,
}

/// What every screen and popup may read (and, through [`Cx`], change).
pub struct Shared {
    pub store: StoreHandle,
    pub theme: Theme,
    pub options: Options,
    pub session: Option<Arc<Session>>,
    pub who: Option<Who>,
    pub clients: Clients,
    /// A kept draft not yet resumed.
    pub pending_draft: Option<Draft>,
    pub busy: Option<String>,
    pub message: Option<Message>,
    pub lock_after: u32,
    pub reveal_secs: u32,
    pub last_activity: SystemTime,
    pub last_draft_save: SystemTime,
    /// A note save is with the worker (its reply settles the draft).
    pub saving: bool,
}

impl Shared {
    /// Seconds until the screen locks.
    pub fn secs_to_lock(&self, now: SystemTime) -> u64 {
        let idle = now
            .duration_since(self.last_activity)
            .unwrap_or_default()
            .as_secs();
        u64::from(self.lock_after).saturating_sub(idle)
    }

    pub fn say(&mut self, text: impl Into<String>) {
        self.message = Some(Message {
            text: text.into(),
            error: false,
        });
    }

    pub fn warn(&mut self, text: impl Into<String>) {
        self.message = Some(Message {
            text: text.into(),
            error: true,
        });
    }
}

/// What a screen or popup asks of the router.
pub enum Effect {
    Job(Task),
    Open(Box<dyn Screen>),
    /// Close the front screen.
    Close,
    Popup(Box<dyn Popup>),
    SwitchUser,
    Quit,
}

/// What a handler may use: the shared state, the time, and a way to ask for effects.
pub struct Cx<'a> {
    pub now: SystemTime,
    pub ui: &'a mut Shared,
    effects: &'a mut Vec<Effect>,
}

impl Cx<'_> {
    pub fn session(&self) -> Option<Arc<Session>> {
        self.ui.session.clone()
    }

    /// Hands a task to the worker (tagged with the current session's generation).
    pub fn job(&mut self, task: Task) {
        self.effects.push(Effect::Job(task));
    }

    /// Puts a screen in front.
    pub fn open(&mut self, screen: impl Screen) {
        self.effects.push(Effect::Open(Box::new(screen)));
    }

    /// Closes the front screen.
    pub fn close(&mut self) {
        self.effects.push(Effect::Close);
    }

    pub fn popup(&mut self, popup: impl Popup) {
        self.effects.push(Effect::Popup(Box::new(popup)));
    }

    pub fn switch_user(&mut self) {
        self.effects.push(Effect::SwitchUser);
    }

    pub fn quit(&mut self) {
        self.effects.push(Effect::Quit);
    }

    pub fn say(&mut self, text: impl Into<String>) {
        self.ui.say(text);
    }

    pub fn warn(&mut self, text: impl Into<String>) {
        self.ui.warn(text);
    }

    pub fn busy(&mut self, what: &str) {
        self.ui.busy = Some(what.to_string());
    }
}

pub struct App {
    pub ui: Shared,
    /// Back to front; never empty.
    screens: Vec<Box<dyn Screen>>,
    /// Bottom to top.
    popups: Vec<Box<dyn Popup>>,
    generation: Generation,
    pub quit: bool,
    /// Set when the terminal must be wiped (on lock).
    pub clear_screen: bool,
}

impl App {
    pub fn new(store: StoreHandle, theme: Theme, options: Options, now: SystemTime) -> App {
        let sign_in = SignIn::new(options.user.as_deref());
        App {
            ui: Shared {
                store,
                theme,
                options,
                session: None,
                who: None,
                clients: Clients::default(),
                pending_draft: None,
                busy: None,
                message: None,
                lock_after: Policy::default().lock_after_secs,
                reveal_secs: Policy::default().reveal_secs,
                last_activity: now,
                last_draft_save: now,
                saving: false,
            },
            screens: vec![Box::new(sign_in)],
            popups: Vec::new(),
            generation: Generation::default(),
            quit: false,
            clear_screen: false,
        }
    }

    /// Where the keyboard is: the top popup, else the front screen.
    pub fn mode(&self) -> Mode {
        match (self.popups.last(), self.screens.last()) {
            (Some(p), _) => p.mode(),
            (None, Some(s)) => s.mode(),
            (None, None) => Mode::SignIn,
        }
    }

    /// The session generation jobs are tagged with now.
    pub fn generation(&self) -> Generation {
        self.generation
    }

    /// The screen in front (drawn, and given the keys no popup takes).
    pub fn front_screen(&self) -> Option<&dyn Screen> {
        self.screens.last().map(|s| s.as_ref())
    }

    /// The screen in front, if it is a `T`.
    pub fn front<T: Screen>(&self) -> Option<&T> {
        let s: &dyn Any = self.screens.last()?.as_ref();
        s.downcast_ref()
    }

    /// The screen of type `T`, wherever it is in the stack.
    pub fn find<T: Screen>(&self) -> Option<&T> {
        self.screens.iter().rev().find_map(|s| {
            let s: &dyn Any = s.as_ref();
            s.downcast_ref()
        })
    }

    fn find_mut<T: Screen>(&mut self) -> Option<&mut T> {
        self.screens.iter_mut().rev().find_map(|s| {
            let s: &mut dyn Any = s.as_mut();
            s.downcast_mut()
        })
    }

    /// The top popup, if it is a `T`.
    pub fn popup<T: Popup>(&self) -> Option<&T> {
        let p: &dyn Any = self.popups.last()?.as_ref();
        p.downcast_ref()
    }

    pub fn popups(&self) -> impl Iterator<Item = &dyn Popup> {
        self.popups.iter().map(|p| p.as_ref())
    }

    pub fn has_popup(&self) -> bool {
        !self.popups.is_empty()
    }

    /// Shows a line on the sign-in screen (a theme that could not be loaded, say).
    pub fn set_sign_in_error(&mut self, text: String) {
        if let Some(s) = self.screens.last_mut() {
            let s: &mut dyn Any = s.as_mut();
            if let Some(s) = s.downcast_mut::<SignIn>() {
                s.error = Some(text);
            }
        }
    }

    // ----- input -----

    /// A key press. Resolved to an action from the current mode first (then the global
    /// bindings); keys that are no action are typed into the focused input.
    pub fn on_key(&mut self, key: KeyEvent, now: SystemTime) -> Vec<Job> {
        if key.kind == KeyEventKind::Release {
            return Vec::new();
        }
        self.ui.last_activity = now;
        let mode = self.mode();
        // The mode's own bindings, then the global ones (on signed-in screens).
        let action = keymap::lookup(mode, &key);
        if action.is_some() && !matches!(mode, Mode::SignIn | Mode::Locked) {
            self.ui.message = None;
        }
        let mut effects = Vec::new();
        let result = {
            let mut cx = Cx {
                now,
                ui: &mut self.ui,
                effects: &mut effects,
            };
            match (action, self.popups.last_mut(), self.screens.last_mut()) {
                (Some(a), Some(p), _) => p.on_action(a, &mut cx),
                (Some(a), None, Some(s)) => s.on_action(a, &mut cx),
                (None, Some(p), _) => p.on_key(key, &mut cx),
                (None, None, Some(s)) => s.on_key(key, &mut cx),
                (_, None, None) => EventResult::Ignored,
            }
        };
        match result {
            EventResult::Consumed => {}
            EventResult::Close(choice) => self.close_top(choice, now, &mut effects),
            EventResult::Ignored => {
                if let Some(action) = action {
                    self.unhandled(action, mode, &mut effects);
                }
            }
        }
        self.apply(effects)
    }

    /// Pasted text (bracketed paste): into the focused input.
    pub fn on_paste(&mut self, text: &str, now: SystemTime) -> Vec<Job> {
        self.ui.last_activity = now;
        let mut effects = Vec::new();
        let mut cx = Cx {
            now,
            ui: &mut self.ui,
            effects: &mut effects,
        };
        match (self.popups.last_mut(), self.screens.last_mut()) {
            (Some(p), _) => p.on_paste(text, &mut cx),
            (None, Some(s)) => s.on_paste(text, &mut cx),
            (None, None) => {}
        }
        self.apply(effects)
    }

    /// A popup (or, with none open, the front screen) finished with the key.
    fn close_top(&mut self, choice: Option<Choice>, now: SystemTime, effects: &mut Vec<Effect>) {
        if self.popups.pop().is_none() {
            effects.push(Effect::Close);
            return;
        }
        if let (Some(choice), Some(s)) = (choice, self.screens.last_mut()) {
            let mut cx = Cx {
                now,
                ui: &mut self.ui,
                effects,
            };
            s.on_choice(choice, &mut cx);
        }
    }

    /// The actions no screen or popup took: the router's own.
    fn unhandled(&mut self, action: Action, mode: Mode, effects: &mut Vec<Effect>) {
        match action {
            Action::Lock => self.lock(),
            Action::Help => effects.push(Effect::Popup(Box::new(HelpPopup::new(mode)))),
            Action::Quit if self.screens.last().is_some_and(|s| s.unsaved()) => {
                effects.push(Effect::Popup(Box::new(ConfirmPopup::new(
                    Confirm::QuitWithDraft,
                ))));
            }
            Action::Quit => self.quit = true,
            _ => {}
        }
    }

    /// Applies what the handlers asked for; returns the jobs, tagged with the generation.
    fn apply(&mut self, effects: Vec<Effect>) -> Vec<Job> {
        let mut jobs = Vec::new();
        for effect in effects {
            match effect {
                Effect::Job(task) => jobs.push(Job {
                    generation: self.generation,
                    task,
                }),
                Effect::Open(s) => self.screens.push(s),
                Effect::Close => {
                    if self.screens.len() > 1 {
                        self.screens.pop();
                    }
                }
                Effect::Popup(p) => self.popups.push(p),
                Effect::SwitchUser => {
                    // A reply to an unlock still under way belongs to the user who left.
                    self.generation = self.generation.next();
                    self.ui.busy = None;
                    self.ui.who = None;
                    self.popups.clear();
                    self.screens = vec![Box::new(SignIn::new(None))];
                }
                Effect::Quit => self.quit = true,
            }
        }
        jobs
    }

    // ----- lock -----

    /// Locks: keeps the draft sealed, then drops the session (zeroing the keys) and everything
    /// read through it. The lock screen shows nothing about anyone. Replies to jobs started
    /// before now are recognised by their generation and dropped.
    pub fn lock(&mut self) {
        if self.ui.session.is_none() {
            return;
        }
        self.ui.message = None;
        // A save in flight discards the draft when it succeeds (and keeps it when it fails);
        // keeping the editor's text as a draft now could outlive the saved note.
        if !self.ui.saving
            && let (Some(s), Some(e)) = (&self.ui.session, self.find::<Editor>())
            && let Err(err) = e.keep_now(s)
        {
            self.ui.warn(format!("the draft could not be kept: {err}"));
        }
        self.popups.clear();
        self.screens.clear();
        self.ui.clients = Clients::default();
        self.ui.pending_draft = None;
        self.ui.session = None;
        self.ui.busy = None;
        self.generation = self.generation.next();
        self.screens.push(Box::new(Locked::default()));
        self.clear_screen = true;
    }

    // ----- time -----

    /// The clock moved: lock when idle too long (wall clock, so time asleep counts); screens
    /// mask reveals that have run their time and keep a changed draft every few seconds.
    pub fn on_tick(&mut self, now: SystemTime) -> Vec<Job> {
        if self.ui.session.is_none() {
            return Vec::new();
        }
        let idle = now
            .duration_since(self.ui.last_activity)
            .unwrap_or_default();
        if idle >= Duration::from_secs(u64::from(self.ui.lock_after)) {
            self.lock();
            return Vec::new();
        }
        let mut effects = Vec::new();
        let mut cx = Cx {
            now,
            ui: &mut self.ui,
            effects: &mut effects,
        };
        for s in &mut self.screens {
            s.on_tick(&mut cx);
        }
        self.apply(effects)
    }

    // ----- replies -----

    /// A worker's reply. One that belongs to an earlier session (the screen locked, or another
    /// user signed in, since its job started) is dropped, and what it carried is wiped as it
    /// goes — except that a save's outcome still settles: that note is saved (or kept as a
    /// draft), only the screen it would have led to is not shown.
    pub fn on_reply(&mut self, reply: Reply, now: SystemTime) -> Vec<Job> {
        if reply.generation != self.generation {
            if let Answer::Saved { .. } = reply.answer {
                self.ui.saving = false;
            }
            return Vec::new();
        }
        self.ui.busy = None;
        let mut effects = Vec::new();
        match reply.answer {
            Answer::SignedIn(Ok(s)) => self.signed_in(*s, now, &mut effects),
            Answer::SignedIn(Err(e)) => {
                let text = e.to_string();
                if let Some(s) = self.find_mut::<SignIn>() {
                    s.failed(text);
                } else if let Some(l) = self.find_mut::<Locked>() {
                    l.error = Some(text);
                }
            }
            Answer::Opened {
                client,
                reason,
                then_write,
                result,
            } => match result {
                Ok(view) => {
                    let name = view.summary.name.clone();
                    // One client at a time, just above the caseload; a note being written
                    // stays in front.
                    self.screens.retain(|s| {
                        let s: &dyn Any = s.as_ref();
                        !s.is::<ClientScreen>()
                    });
                    let at = self
                        .screens
                        .iter()
                        .position(|s| {
                            let s: &dyn Any = s.as_ref();
                            s.is::<Editor>()
                        })
                        .unwrap_or(self.screens.len());
                    self.screens
                        .insert(at, Box::new(ClientScreen::new(view, reason.clone())));
                    if then_write && self.find::<Editor>().is_none() {
                        let mut cx = Cx {
                            now,
                            ui: &mut self.ui,
                            effects: &mut effects,
                        };
                        editor::write(&mut cx, client, &name, reason);
                    }
                }
                Err(e) => self.ui.warn(e.to_string()),
            },
            Answer::Revealed {
                client,
                note,
                index,
                result,
            } => match result {
                Ok(text) => {
                    if let Some(cs) = self.find_mut::<ClientScreen>() {
                        cs.show_revealed(client, note, index, &text, now);
                    }
                }
                Err(e) => self.ui.warn(format!("not revealed: {e}")),
            },
            Answer::Saved {
                client,
                reason,
                result: Ok(id),
                ..
            } => {
                self.ui.saving = false;
                self.screens.retain(|s| {
                    let s: &dyn Any = s.as_ref();
                    !s.is::<Editor>()
                });
                self.ui.pending_draft = None;
                self.ui.say(format!("saved {id}"));
                if let Some(session) = self.ui.session.clone() {
                    self.ui.busy = Some("Opening…".into());
                    effects.push(Effect::Job(Task::List {
                        session: session.clone(),
                        all: false,
                    }));
                    effects.push(Effect::Job(Task::Open {
                        session,
                        client,
                        reason,
                        then_write: false,
                    }));
                }
            }
            Answer::Saved {
                result: Err(e),
                kept_as_draft,
                ..
            } => {
                self.ui.saving = false;
                let kept = if kept_as_draft {
                    "; it is kept as a draft"
                } else {
                    ""
                };
                self.ui.warn(format!("not saved: {e}{kept}"));
            }
            Answer::DraftSaved(Err(e)) => self.ui.warn(format!("the draft could not be kept: {e}")),
            Answer::DraftSaved(Ok(())) | Answer::DraftDiscarded(Ok(())) => {}
            Answer::DraftDiscarded(Err(e)) => self.ui.warn(e.to_string()),
            Answer::Listed { all, result } => match result {
                Ok(list) => {
                    if all {
                        self.ui.clients.everyone = Some(list);
                        if let Some(c) = self.find_mut::<Caseload>() {
                            c.widened = true;
                        }
                    } else {
                        self.ui.clients.mine = list;
                    }
                    self.refresh();
                }
                Err(e) => self.ui.warn(e.to_string()),
            },
        }
        self.apply(effects)
    }

    /// A user signed in (or back in): a new session generation, their list, their draft.
    fn signed_in(&mut self, s: SignedIn, now: SystemTime, effects: &mut Vec<Effect>) {
        let SignedIn {
            session,
            clients,
            draft,
            unlock,
        } = s;
        let policy = session.policy().clone();
        self.ui.lock_after = match self.ui.options.lock_after {
            Some(cap) => cap.min(policy.lock_after_secs),
            None => policy.lock_after_secs,
        };
        self.ui.reveal_secs = policy.reveal_secs;
        self.ui.who = Some(Who {
            name: session.user_name().to_string(),
            role: session.role(),
            every_client_first: session.starts_with_every_client(),
        });
        self.ui.session = Some(Arc::new(session));
        self.ui.clients = Clients {
            mine: clients,
            everyone: None,
        };
        // Any save started before has answered (the worker runs jobs in order).
        self.ui.saving = false;
        self.ui.last_activity = now;
        self.ui.last_draft_save = now;
        self.ui.message = None;
        self.generation = self.generation.next();
        self.popups.clear();
        self.screens = vec![Box::new(Caseload::new(&self.ui))];
        if let Some(d) = draft {
            if unlock {
                let name = self.ui.clients.name_of(d.client).unwrap_or_default();
                self.screens.push(Box::new(Editor::from_draft(&d, &name)));
            } else {
                self.ui.pending_draft = Some(d);
                effects.push(Effect::Popup(Box::new(ConfirmPopup::new(
                    Confirm::ResumeDraft,
                ))));
            }
        }
    }

    /// The client lists changed: every screen and popup built from them catches up.
    fn refresh(&mut self) {
        for s in &mut self.screens {
            s.refresh(&self.ui);
        }
        for p in &mut self.popups {
            p.refresh(&self.ui);
        }
    }
}
