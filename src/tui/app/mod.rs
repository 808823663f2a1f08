//! The router: which screen is in front, the popups over it, the session, the jobs handed to the
//! worker, and locking. Keys, pasted text, clock ticks and worker replies come in; state changes
//! and jobs for the worker go out. No terminal here, so every flow can be driven by tests.
//!
//! A key is first resolved to an action from the keymap of the current mode; the top popup (or,
//! without one, the front screen) handles it and says whether it did ([`EventResult`]); actions
//! nobody handled (help, quit, lock) are the router's. Screens and popups never change the stack
//! themselves: they ask through [`Cx`], and the router applies what they asked afterwards.

mod admin;
mod protection;
mod replies;

use std::any::Any;
use std::sync::Arc;
use std::time::{Duration, SystemTime};

use ratatui::crossterm::event::{KeyEvent, KeyEventKind, MouseButton, MouseEvent, MouseEventKind};
use ratatui::layout::Rect;

use crate::domain::{ClientRef, Draft, Policy, Role};
use crate::session::{ClientSummary, Operation, Session, StoreHandle};

use super::jobs::{Generation, Job, Task};
use super::keymap::{self, Action, Mode};
use super::popups::confirm::{Confirm, ConfirmPopup};
use super::popups::help::HelpPopup;
use super::popups::{Choice, EventResult, Popup};
use super::render;
use super::screens::Screen;
use super::screens::caseload::Caseload;
use super::screens::client::ClientScreen;
use super::screens::editor::Editor;
use super::screens::lock::Locked;
use super::screens::sign_in::{Failure, SignIn};
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
    /// `--key-file` / `CASENOTES_KEY_FILE`: offered on the sign-in screen to an account bound
    /// to a key file; then the path last typed there, offered again on the lock screen.
    pub key_file: Option<std::path::PathBuf>,
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

/// How often the app asks whether the store changed elsewhere.
pub const STORE_WATCH: Duration = Duration::from_secs(2);

/// What every screen and popup may read (and, through [`Cx`], change).
pub struct Shared {
    pub store: StoreHandle,
    /// The store's short name, for the status line.
    pub store_label: String,
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
    /// The store's version when the lists were last read (0: not yet known), and when it was
    /// last looked at: a change made elsewhere (another terminal, the command line) reloads the
    /// list on screen.
    pub store_version: u64,
    pub version_checked: SystemTime,
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

/// Where someone was when the screen locked: references and positions only, never what was
/// read (that is dropped with the keys, and read again, logged, on unlocking).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Place {
    /// Every client listed rather than one's own.
    pub widened: bool,
    /// The client under the caseload's cursor.
    pub listed: Option<ClientRef>,
    /// The client open, the section selected, and whether it is outside the caseload (so
    /// opening it again asks for a reason again).
    pub client: Option<(ClientRef, usize, bool)>,
    /// A note was being written (its draft is kept, and comes back).
    pub writing: bool,
    /// The administrator's tab in front.
    pub admin_tab: Option<usize>,
    /// A supervisor had the audit trail open.
    pub audit_open: bool,
    /// A supervisor had the breach log open.
    pub breaches_open: bool,
    /// Half-typed forms the lock dropped, as the person would name them ("your disclosure form"), to
    /// tell them on unlocking.
    pub dropped_forms: Vec<&'static str>,
}

pub struct App {
    pub ui: Shared,
    /// Back to front; never empty.
    screens: Vec<Box<dyn Screen>>,
    /// Bottom to top.
    popups: Vec<Box<dyn Popup>>,
    generation: Generation,
    /// Counts moves from screen to screen, so an answer meant for where the person was can
    /// tell whether they are still there.
    nav: u64,
    /// Where the screen was locked, to go back to on unlocking.
    place: Option<Place>,
    pub quit: bool,
    /// Set when the terminal must be wiped (on lock).
    pub clear_screen: bool,
}

impl App {
    pub fn new(store: StoreHandle, theme: Theme, options: Options, now: SystemTime) -> App {
        let mut sign_in = SignIn::new(options.user.as_deref());
        sign_in.look_up(&store, options.key_file.as_deref());
        App {
            ui: Shared {
                store_label: store.label(),
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
                store_version: 0,
                version_checked: now,
            },
            screens: vec![Box::new(sign_in)],
            popups: Vec::new(),
            generation: Generation::default(),
            nav: 0,
            place: None,
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

    /// The screen in front, if it is a `T`, to change (tests pin a screen's state this way).
    pub fn front_mut<T: Screen>(&mut self) -> Option<&mut T> {
        let s: &mut dyn Any = self.screens.last_mut()?.as_mut();
        s.downcast_mut()
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
                s.error = Some(Failure::plain(text));
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
            EventResult::Ignored => match action {
                Some(action) => self.unhandled(action, mode, &mut effects),
                // The help hint stays beside the message.
                None if mode.signed_in() => self
                    .ui
                    .say(format!("{} does nothing here", keymap::describe(&key))),
                None => {}
            },
        }
        self.apply(effects)
    }

    /// A mouse event on a terminal of `size`: a left click selects what is under it, the wheel
    /// scrolls. Other events (moves, drags, releases) are not activity and do nothing.
    pub fn on_mouse(&mut self, ev: MouseEvent, size: Rect, now: SystemTime) -> Vec<Job> {
        let click = match ev.kind {
            MouseEventKind::Down(MouseButton::Left) => None,
            MouseEventKind::ScrollDown => Some(true),
            MouseEventKind::ScrollUp => Some(false),
            _ => return Vec::new(),
        };
        let Some(body) = render::body(size) else {
            return Vec::new();
        };
        self.ui.last_activity = now;
        if self.ui.session.is_some() {
            self.ui.message = None;
        }
        let mut effects = Vec::new();
        let result = {
            let mut cx = Cx {
                now,
                ui: &mut self.ui,
                effects: &mut effects,
            };
            let (col, row) = (ev.column, ev.row);
            match (click, self.popups.last_mut(), self.screens.last_mut()) {
                (None, Some(p), _) => p.on_click(col, row, body, &mut cx),
                (None, None, Some(s)) => s.on_click(col, row, body, &mut cx),
                (Some(down), Some(p), _) => {
                    p.on_scroll(down, &mut cx);
                    EventResult::Consumed
                }
                (Some(down), None, Some(s)) => {
                    s.on_scroll(down, &mut cx);
                    EventResult::Consumed
                }
                (_, None, None) => EventResult::Ignored,
            }
        };
        if let EventResult::Close(choice) = result {
            self.close_top(choice, now, &mut effects);
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
        let Some(choice) = choice else { return };
        let mut cx = Cx {
            now,
            ui: &mut self.ui,
            effects,
        };
        // The popup below, if any, first; what it leaves goes to the screen.
        let choice = match self.popups.last_mut() {
            Some(p) => p.on_choice(choice, &mut cx),
            None => Some(choice),
        };
        if let (Some(choice), Some(s)) = (choice, self.screens.last_mut()) {
            s.on_choice(choice, &mut cx);
        }
    }

    /// The actions no screen or popup took: the router's own.
    fn unhandled(&mut self, action: Action, mode: Mode, effects: &mut Vec<Effect>) {
        match action {
            Action::Lock => self.lock(),
            // Locks first (the draft kept, the keys dropped), then asks who is next.
            Action::SwitchUser if mode.signed_in() => {
                self.lock();
                effects.push(Effect::SwitchUser);
            }
            Action::Help if mode != Mode::Help => {
                let notes = match (self.popups.last(), self.screens.last()) {
                    (Some(p), _) => p.help_notes(),
                    (None, Some(s)) => s.help_notes(&self.ui),
                    (None, None) => Vec::new(),
                };
                effects.push(Effect::Popup(Box::new(HelpPopup::new(mode, notes))));
            }
            Action::Quit if self.screens.last().is_some_and(|s| s.unsaved()) => {
                effects.push(Effect::Popup(Box::new(ConfirmPopup::new(
                    Confirm::QuitWithDraft,
                ))));
            }
            Action::Quit => self.quit = true,
            Action::AuditTrail if mode == Mode::Caseload => self.open_audit(effects),
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
                Effect::Open(s) => {
                    self.screens.push(s);
                    self.nav += 1;
                }
                Effect::Close => {
                    if self.screens.len() > 1 {
                        self.screens.pop();
                        self.nav += 1;
                    }
                }
                Effect::Popup(p) => self.popups.push(p),
                Effect::SwitchUser => {
                    // A reply to an unlock still under way belongs to the user who left.
                    self.generation = self.generation.next();
                    self.place = None;
                    self.nav += 1;
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
        let mut place = self.place_now();
        place.dropped_forms = self
            .popups
            .iter()
            .filter_map(|p| p.unsaved_form())
            .collect();
        self.place = Some(place);
        self.popups.clear();
        self.screens.clear();
        self.nav += 1;
        self.ui.clients = Clients::default();
        self.ui.pending_draft = None;
        self.ui.session = None;
        self.ui.busy = None;
        self.generation = self.generation.next();
        let factors = self
            .ui
            .who
            .as_ref()
            .and_then(|w| self.ui.store.factors(&w.name).ok())
            .unwrap_or_default();
        self.screens.push(Box::new(Locked::asking(
            factors,
            self.ui.options.key_file.as_deref(),
        )));
        self.clear_screen = true;
    }

    /// Where the person is now, to come back to after a lock.
    fn place_now(&self) -> Place {
        let caseload = self.find::<Caseload>();
        Place {
            widened: caseload.is_some_and(|c| c.widened),
            listed: caseload
                .and_then(|c| c.selected_client(&self.ui))
                .map(|c| c.reference),
            client: self.find::<ClientScreen>().map(|c| {
                (
                    c.view.summary.reference,
                    c.selected,
                    c.access_reason.is_some(),
                )
            }),
            writing: self.find::<Editor>().is_some(),
            admin_tab: self
                .find::<super::screens::admin::AdminScreen>()
                .map(|a| a.tab),
            audit_open: self
                .find::<super::screens::admin::audit::AuditScreen>()
                .is_some(),
            breaches_open: self
                .find::<super::screens::breaches::BreachScreen>()
                .is_some(),
            dropped_forms: Vec::new(),
        }
    }

    /// Where the screen was locked (kept until unlocked or the user switches).
    pub fn place(&self) -> Option<&Place> {
        self.place.as_ref()
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
        self.watch_store(now, &mut effects);
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

    /// Every couple of seconds, asks the session whether anything was committed since the
    /// lists were read (one small read); if so, reads the list again. Reading a list logs
    /// nothing, so two open apps never set each other off.
    fn watch_store(&mut self, now: SystemTime, effects: &mut Vec<Effect>) {
        if now
            .duration_since(self.ui.version_checked)
            .unwrap_or_default()
            < STORE_WATCH
        {
            return;
        }
        self.ui.version_checked = now;
        let Some(session) = self.ui.session.clone() else {
            return;
        };
        let Ok(v) = session.store_version() else {
            return;
        };
        let before = std::mem::replace(&mut self.ui.store_version, v);
        if before != 0 && before != v && session.may(Operation::ReadClients).is_ok() {
            effects.push(Effect::Job(Task::Refresh { session }));
        }
    }
}
