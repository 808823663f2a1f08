//! The worker's replies: each answer lands where the person is (or is dropped, if they have
//! moved on or locked since the job started).

use std::any::Any;
use std::sync::Arc;
use std::time::SystemTime;

use super::{App, Clients, Cx, Effect, Place, Who};
use crate::domain::ClientRef;
use crate::tui::jobs::{Answer, Job, Reply, SignedIn, Task, Then};
use crate::tui::popups::confirm::ConfirmPopup;
use crate::tui::popups::reason::{ReasonFor, ReasonPopup};
use crate::tui::screens::Screen;
use crate::tui::screens::caseload::Caseload;
use crate::tui::screens::client::ClientScreen;
use crate::tui::screens::dashboard::{self, DashboardScreen};
use crate::tui::screens::editor::{self, Editor};
use crate::tui::screens::glass::GlassScreen;
use crate::tui::screens::history::HistoryScreen;
use crate::tui::screens::lock::Locked;
use crate::tui::screens::retention::RetentionScreen;
use crate::tui::screens::sign_in::{Failure, SignIn};

impl App {
    /// A worker's reply. One that belongs to an earlier session (the screen locked, or another
    /// user signed in, since its job started) is dropped, and what it carried is wiped as it
    /// goes — except that a save's outcome still settles: that note is saved (or kept as a
    /// draft), only the screen it would have led to is not shown.
    pub fn on_reply(&mut self, reply: Reply, now: SystemTime) -> Vec<Job> {
        if reply.generation != self.generation {
            if let Answer::Saved { .. } | Answer::Changed { .. } = reply.answer {
                self.ui.saving = false;
            }
            return Vec::new();
        }
        self.ui.busy = None;
        let mut effects = Vec::new();
        match reply.answer {
            Answer::SignedIn(Ok(s)) => self.signed_in(*s, now, &mut effects),
            Answer::SignedIn(Err(e)) => {
                if let Some(s) = self.find_mut::<SignIn>() {
                    s.failed(Failure::of(&e, now, false));
                } else if let Some(l) = self.find_mut::<Locked>() {
                    l.error = Some(Failure::of(&e, now, true));
                }
            }
            Answer::Opened {
                client,
                reason,
                then,
                result,
            } => match (result, then) {
                // The person has moved on since: not pulled back.
                (Ok(_), Then::Return { nav, .. }) if nav != self.nav => {}
                (Ok(view), then) => {
                    let name = view.summary.name.clone();
                    let mut screen = ClientScreen::new(view, reason.clone());
                    if let Then::Return { selected, .. } = then {
                        screen.select(selected);
                    }
                    // One client at a time, just above the caseload; a note being written
                    // stays in front.
                    self.drop_screens::<ClientScreen>();
                    let at = self
                        .screens
                        .iter()
                        .position(|s| {
                            let s: &dyn Any = s.as_ref();
                            s.is::<Editor>()
                        })
                        .unwrap_or(self.screens.len());
                    self.screens.insert(at, Box::new(screen));
                    if !matches!(then, Then::Return { .. }) {
                        self.nav += 1;
                    }
                    if then == Then::Write && self.find::<Editor>().is_none() {
                        let mut cx = Cx {
                            now,
                            ui: &mut self.ui,
                            effects: &mut effects,
                        };
                        editor::write(&mut cx, client, &name, reason);
                    }
                }
                (Err(e), _) => self.ui.warn(e.to_string()),
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
            } => self.saved(client, reason, format!("saved {id}"), false, &mut effects),
            Answer::Changed {
                client,
                access,
                result: Ok(message),
                ..
            } => self.saved(client, access, message, true, &mut effects),
            Answer::Changed {
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
                self.ui.warn(format!("not done: {e}{kept}"));
            }
            Answer::Glass { all, done, result } => match result {
                Ok(accesses) => {
                    let selected = self.find::<GlassScreen>().map_or(0, |g| g.selected);
                    let had = self.find::<GlassScreen>().is_some();
                    self.drop_screens::<GlassScreen>();
                    let mut screen = GlassScreen::new(accesses, all);
                    if had {
                        screen.selected = selected.min(screen.accesses.len().saturating_sub(1));
                    } else {
                        self.nav += 1;
                    }
                    self.screens.push(Box::new(screen));
                    if let Some(d) = done {
                        self.ui.say(d);
                    }
                }
                Err(e) => self.ui.warn(format!("not done: {e}")),
            },
            Answer::Retention { done, result } => {
                match done {
                    Some(Ok(message)) => self.ui.say(message),
                    Some(Err(e)) => self.ui.warn(format!("not erased: {e}")),
                    None => {}
                }
                match result {
                    Ok(due) => {
                        let had = self.find::<RetentionScreen>().map(|s| s.selected);
                        self.drop_screens::<RetentionScreen>();
                        let mut screen = RetentionScreen::new(due);
                        match had {
                            Some(at) => {
                                screen.selected = at.min(screen.due.len().saturating_sub(1));
                            }
                            None => self.nav += 1,
                        }
                        self.screens.push(Box::new(screen));
                    }
                    Err(e) => self
                        .ui
                        .warn(format!("the retention list could not be read: {e}")),
                }
            }
            Answer::History {
                client,
                note,
                result,
            } => match result {
                Ok(revisions) => {
                    self.nav += 1;
                    // Revealed: the masked view in front is replaced.
                    let revealed = revisions.iter().any(|r| {
                        r.sections
                            .iter()
                            .any(|s| matches!(s.body, crate::session::SectionBody::Revealed(_)))
                    });
                    self.drop_screens::<HistoryScreen>();
                    let mut screen = HistoryScreen::new(client, note, revisions);
                    if revealed {
                        screen.revealed_at = Some(now);
                    }
                    self.screens.push(Box::new(screen));
                }
                Err(e) => self.ui.warn(format!("no history: {e}")),
            },
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
            Answer::Listed {
                all,
                version,
                result,
            } => match result {
                Ok(list) => {
                    // What was read includes every change up to `version`: only later ones
                    // call for reading again.
                    self.ui.store_version = self.ui.store_version.max(version);
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
            Answer::ClientAdded(result) => match result {
                Ok(r) => {
                    self.ui
                        .say(format!("added {r}: it is on your caseload (logged)"));
                    for s in &mut self.screens {
                        let s: &mut dyn Any = s.as_mut();
                        if let Some(c) = s.downcast_mut::<Caseload>() {
                            c.select(r, &self.ui);
                        }
                    }
                    if let Some(session) = self.ui.session.clone() {
                        effects.push(Effect::Job(Task::List {
                            session,
                            all: false,
                        }));
                    }
                }
                Err(e) => self.ui.warn(format!("not added: {e}")),
            },
            Answer::ClientEdited {
                client,
                access,
                result,
            } => match result {
                Ok(()) => {
                    self.ui
                        .say(format!("{client}'s details corrected (logged)"));
                    if let Some(session) = self.ui.session.clone() {
                        effects.push(Effect::Job(Task::List {
                            session: session.clone(),
                            all: false,
                        }));
                        // The client screen shows the corrected name once read again.
                        if let Some(selected) = self
                            .front::<ClientScreen>()
                            .filter(|c| c.view.summary.reference == client)
                            .map(|c| c.selected)
                        {
                            self.ui.busy = Some("Opening…".into());
                            effects.push(Effect::Job(Task::Open {
                                session,
                                client,
                                reason: access,
                                then: Then::Return {
                                    nav: self.nav,
                                    selected,
                                },
                            }));
                        }
                    }
                }
                Err(e) => self.ui.warn(format!("not corrected: {e}")),
            },
            Answer::DetailsRevealed { client, result } => match result {
                Ok(details) => {
                    if let Some(cs) = self.find_mut::<ClientScreen>() {
                        cs.show_details(client, details, now);
                    }
                }
                Err(e) => self.ui.warn(format!("not revealed: {e}")),
            },
            Answer::Dashboard { version, result } => {
                if let Some(d) = self.find_mut::<DashboardScreen>() {
                    d.loaded(version, result);
                }
            }
            Answer::Confirmed { name, result } => match result {
                Ok(()) => self.ui.say(format!(
                    "confirmed {}: the account has the case keys from its next sign-in",
                    crate::domain::visible_line(&name)
                )),
                Err(e) => self.ui.warn(format!("not confirmed: {e}")),
            },
            Answer::Admin(a) => self.admin_reply(a, now, &mut effects),
            Answer::Protection(a) => self.protection_reply(a, now, &mut effects),
        }
        self.apply(effects)
    }

    /// Takes every screen of type `T` off the stack.
    fn drop_screens<T: Screen>(&mut self) {
        self.screens.retain(|s| {
            let s: &dyn Any = s.as_ref();
            !s.is::<T>()
        });
    }

    /// A note, addendum or correction was saved (or a note signed off): back where it was
    /// started, with the lists and that client's screen read again.
    fn saved(
        &mut self,
        client: ClientRef,
        reason: Option<String>,
        message: String,
        keep_place: bool,
        effects: &mut Vec<Effect>,
    ) {
        self.ui.saving = false;
        // Back where the note was started: the screen under the editor.
        let before = self.screens.len();
        self.drop_screens::<Editor>();
        if self.screens.len() != before {
            self.nav += 1;
        }
        // Only this client's draft went with the save; a draft for another stays kept.
        if self
            .ui
            .pending_draft
            .as_ref()
            .is_some_and(|d| d.client == client)
        {
            self.ui.pending_draft = None;
        }
        self.ui.say(message);
        if let Some(session) = self.ui.session.clone() {
            effects.push(Effect::Job(Task::List {
                session: session.clone(),
                all: false,
            }));
            // That client's screen shows the new note once read again (unless the
            // person has moved on by then).
            // A new note is the first; a change keeps the section that was selected.
            if let Some(at) = self
                .front::<ClientScreen>()
                .filter(|c| c.view.summary.reference == client)
                .map(|c| c.selected)
            {
                self.ui.busy = Some("Opening…".into());
                effects.push(Effect::Job(Task::Open {
                    session,
                    client,
                    reason,
                    then: Then::Return {
                        nav: self.nav,
                        selected: if keep_place { at } else { 0 },
                    },
                }));
            }
        }
    }

    /// A user signed in (or back in): a new session generation, their list, their draft.
    fn signed_in(&mut self, s: SignedIn, now: SystemTime, effects: &mut Vec<Effect>) {
        let SignedIn {
            session,
            clients,
            draft,
            unlock,
            version,
            notices,
        } = s;
        let policy = session.policy().clone();
        self.ui.lock_after = match self.ui.options.lock_after {
            Some(cap) => cap.min(policy.lock_after_secs),
            None => policy.lock_after_secs,
        };
        let capped = self
            .ui
            .options
            .lock_after
            .filter(|asked| *asked > policy.lock_after_secs)
            .map(|asked| {
                format!(
                    "--lock-after {asked} is longer than the office's policy: the screen locks after {} s",
                    policy.lock_after_secs
                )
            });
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
        self.ui.store_version = version;
        self.ui.version_checked = now;
        self.ui.message = None;
        self.generation = self.generation.next();
        self.nav += 1;
        self.popups.clear();
        self.screens = vec![Box::new(Caseload::new(&self.ui))];
        // A supervisor starts on the dashboard, over every client.
        if let Some((dashboard, read)) = dashboard::first_screen(&self.ui, now) {
            self.screens.push(Box::new(dashboard));
            effects.push(Effect::Job(read));
        }
        let place = if unlock { self.place.take() } else { None };
        self.place = None;
        // An administrator, or an account that must first choose its own password, starts
        // on a screen of its own (and has no draft to resume).
        self.office_start(place.as_ref(), effects);
        match (draft, &place) {
            // Unlocking in the middle of a note: the note comes straight back.
            (Some(d), Some(p)) if p.writing => {
                let name = self.ui.clients.name_of(d.client).unwrap_or_default();
                self.screens.push(Box::new(Editor::from_draft(&d, &name)));
            }
            (Some(d), Some(_)) => {
                self.ui.pending_draft = Some(d);
                self.ui
                    .say("your unsaved note is kept: starting a note (n or c) resumes it");
            }
            (Some(d), None) => {
                let name = self.ui.clients.name_of(d.client);
                effects.push(Effect::Popup(Box::new(ConfirmPopup::resume(
                    d.client,
                    name.as_deref(),
                ))));
                self.ui.pending_draft = Some(d);
            }
            (None, _) => {}
        }
        let dropped = place
            .as_ref()
            .filter(|p| !p.dropped_forms.is_empty())
            .map(|p| {
                format!(
                    "the lock dropped {} (half-typed forms are never kept): type it again",
                    p.dropped_forms.join(" and ")
                )
            });
        if let Some(place) = place {
            self.go_back(place, effects);
        }
        let notices: Vec<String> = notices.into_iter().chain(capped).chain(dropped).collect();
        if !notices.is_empty() {
            self.ui.warn(notices.join(" · "));
        }
    }

    /// After unlocking: back to the screen the lock interrupted, read again through the
    /// session (so the opening is logged again, and whatever was revealed is masked).
    fn go_back(&mut self, place: Place, effects: &mut Vec<Effect>) {
        let Some(session) = self.ui.session.clone() else {
            return;
        };
        if let Some(r) = place.listed {
            for s in &mut self.screens {
                let s: &mut dyn Any = s.as_mut();
                if let Some(c) = s.downcast_mut::<Caseload>() {
                    c.select(r, &self.ui);
                }
            }
        }
        if place.widened {
            effects.push(Effect::Job(Task::List {
                session: session.clone(),
                all: true,
            }));
        }
        match place.client {
            // Outside the caseload: opening it again needs a reason again.
            Some((client, _, true)) if !place.writing => {
                effects.push(Effect::Popup(Box::new(ReasonPopup::new(
                    ReasonFor::BreakGlass {
                        client,
                        then: Then::Show,
                    },
                ))));
            }
            Some((client, selected, false)) => {
                self.ui.busy = Some("Opening…".into());
                effects.push(Effect::Job(Task::Open {
                    session,
                    client,
                    reason: None,
                    then: Then::Return {
                        nav: self.nav,
                        selected,
                    },
                }));
            }
            _ => {}
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
