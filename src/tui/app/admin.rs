//! The router's share of the administrator's screens, the audit trail and choosing one's own
//! password: which screen a signed-in person starts on when it is not the caseload, opening the
//! audit trail from the caseload, and the worker's answers for these screens.
//!
//! An administrator starts on the admin screen and never on a caseload; an account whose
//! password an administrator set starts on the new-password screen, whatever its role, and goes
//! on to its usual first screen once it has chosen one (through the enrolment screen, if the
//! policy requires a second factor of its role and it has none).

use std::any::Any;
use std::time::SystemTime;

use super::{App, Clients, Cx, Effect, Place};
use crate::session::Operation;
use crate::tui::jobs::Task;
use crate::tui::jobs::admin::AdminTask;
use crate::tui::jobs::admin::{AdminAnswer, Start};
use crate::tui::jobs::protection::ProtectionTask;
use crate::tui::popups::Popup;
use crate::tui::popups::account_form::AccountForm;
use crate::tui::popups::confirm::ConfirmPopup;
use crate::tui::popups::policy_edit::PolicyEdit;
use crate::tui::screens::Screen;
use crate::tui::screens::admin::AdminScreen;
use crate::tui::screens::admin::accounts::Outcome;
use crate::tui::screens::admin::audit::{AuditScreen, AuditView};
use crate::tui::screens::breaches::BreachScreen;
use crate::tui::screens::caseload::Caseload;
use crate::tui::screens::dashboard;
use crate::tui::screens::enrol::Enrol;
use crate::tui::screens::new_password::NewPassword;

/// The screen of type `T` in `screens`, wherever it is.
fn find<T: Screen>(screens: &mut [Box<dyn Screen>]) -> Option<&mut T> {
    screens.iter_mut().rev().find_map(|s| {
        let s: &mut dyn Any = s.as_mut();
        s.downcast_mut()
    })
}

/// The audit trail on screen: the administrator's tab or the supervisor's screen.
fn audit_view(screens: &mut [Box<dyn Screen>]) -> Option<&mut AuditView> {
    screens.iter_mut().rev().find_map(|s| {
        let s: &mut dyn Any = s.as_mut();
        if s.is::<AdminScreen>() {
            s.downcast_mut::<AdminScreen>().map(|a| &mut a.audit)
        } else {
            s.downcast_mut::<AuditScreen>().map(|a| &mut a.view)
        }
    })
}

/// The top popup, if it is a `T`.
fn top<T: Popup>(popups: &mut [Box<dyn Popup>]) -> Option<&mut T> {
    let p: &mut dyn Any = popups.last_mut()?.as_mut();
    p.downcast_mut()
}

impl App {
    /// After a sign-in (the caseload already in place): an account that must choose its own
    /// password starts there; an administrator on the admin screen, on the tab it was on when
    /// the screen locked; a supervisor who locked on the audit trail or the breach log finds it
    /// open again.
    pub(super) fn office_start(&mut self, place: Option<&Place>, effects: &mut Vec<Effect>) {
        let Some(session) = self.ui.session.clone() else {
            return;
        };
        if session.must_change_password() {
            self.screens = vec![Box::new(NewPassword::default())];
        } else if session.must_enrol() {
            self.screens = vec![Box::new(Enrol::starting())];
            self.ui.busy = Some("Making a secret…".into());
            effects.push(Effect::Job(Task::Admin(AdminTask::StartTotp { session })));
        } else if !session.role().reads_case_content() {
            let tab = place.and_then(|p| p.admin_tab).unwrap_or(0);
            let (screen, tasks) = AdminScreen::start(&self.ui, tab);
            self.screens = vec![Box::new(screen)];
            effects.extend(tasks.into_iter().map(Effect::Job));
        } else if place.is_some_and(|p| p.audit_open) && session.may(Operation::ReadAudit).is_ok() {
            let (screen, tasks) = AuditScreen::start(&session);
            self.screens.push(Box::new(screen));
            effects.extend(tasks.into_iter().map(Effect::Job));
        } else if place.is_some_and(|p| p.breaches_open)
            && session.may(Operation::RecordBreaches).is_ok()
        {
            let mut screen = BreachScreen::default();
            screen.log.reading = true;
            self.screens.push(Box::new(screen));
            effects.push(Effect::Job(Task::Protection(ProtectionTask::Breaches {
                session,
            })));
        }
    }

    /// `L` on the caseload: the audit trail, for those who may read it.
    pub(super) fn open_audit(&mut self, effects: &mut Vec<Effect>) {
        match self.ui.session.clone() {
            Some(s) if s.may(Operation::ReadAudit).is_ok() => {
                let (screen, tasks) = AuditScreen::start(&s);
                effects.push(Effect::Open(Box::new(screen)));
                effects.extend(tasks.into_iter().map(Effect::Job));
            }
            Some(_) => self.ui.say("only supervisors read the audit trail"),
            None => {}
        }
    }

    /// An answer for these screens.
    pub(super) fn admin_reply(
        &mut self,
        answer: AdminAnswer,
        now: SystemTime,
        effects: &mut Vec<Effect>,
    ) {
        let answer = match answer {
            AdminAnswer::PasswordChosen(Ok(start)) => {
                return self.password_chosen(
                    *start,
                    "your password is changed (logged)",
                    now,
                    effects,
                );
            }
            AdminAnswer::Enrolled(Ok(start)) => {
                return self.password_chosen(
                    *start,
                    "one-time codes are on: each sign-in asks for one (logged)",
                    now,
                    effects,
                );
            }
            other => other,
        };
        let mut cx = Cx {
            now,
            ui: &mut self.ui,
            effects,
        };
        match answer {
            AdminAnswer::Users(result) => {
                if let Some(a) = find::<AdminScreen>(&mut self.screens) {
                    a.accounts.listed(result, &mut cx);
                }
            }
            AdminAnswer::Changed {
                name,
                what,
                result,
                users,
            } => {
                let admin = find::<AdminScreen>(&mut self.screens);
                match result {
                    Ok(needs) => {
                        if top::<AccountForm>(&mut self.popups).is_some() {
                            self.popups.pop();
                        }
                        let text = what.done(&name);
                        cx.say(text.clone());
                        if let Some(a) = admin {
                            a.accounts.outcome = Some(Outcome {
                                text,
                                error: false,
                                needs,
                            });
                            if let Some(users) = users {
                                a.accounts.listed(users, &mut cx);
                                a.accounts.select(&name);
                            }
                        }
                    }
                    Err(e) => match top::<AccountForm>(&mut self.popups) {
                        Some(form) if form.pending => form.refused(e.to_string()),
                        _ => {
                            let text = format!("{}: {e}", what.refused());
                            cx.warn(text.clone());
                            if let Some(a) = admin {
                                a.accounts.outcome = Some(Outcome {
                                    text,
                                    error: true,
                                    needs: Default::default(),
                                });
                            }
                        }
                    },
                }
            }
            AdminAnswer::PolicySet { key, from, result } => match result {
                Ok(to) => {
                    if top::<PolicyEdit>(&mut self.popups).is_some() {
                        self.popups.pop();
                    }
                    cx.say(format!("{key}: {from} → {to} (logged)"));
                    if let Some(s) = cx.session() {
                        // This app works to the new policy from now on, as a new sign-in would.
                        let p = s.policy();
                        cx.ui.lock_after = match cx.ui.options.lock_after {
                            Some(cap) => cap.min(p.lock_after_secs),
                            None => p.lock_after_secs,
                        };
                        cx.ui.reveal_secs = p.reveal_secs;
                        if let Some(a) = find::<AdminScreen>(&mut self.screens) {
                            a.policy.read(&s);
                        }
                    }
                }
                Err(e) => match top::<PolicyEdit>(&mut self.popups) {
                    Some(p) if p.pending => p.refused(e.to_string()),
                    _ => cx.warn(format!("{key} not changed: {e}")),
                },
            },
            AdminAnswer::Audit { filter, result } => {
                if let Some(view) = audit_view(&mut self.screens) {
                    view.listed(filter, result, &mut cx);
                }
            }
            AdminAnswer::Verified(result) => {
                if let Some(view) = audit_view(&mut self.screens) {
                    view.checked(result);
                }
            }
            AdminAnswer::PasswordChosen(Ok(_)) | AdminAnswer::Enrolled(Ok(_)) => {}
            AdminAnswer::PasswordChosen(Err(e)) => {
                if let Some(s) = find::<NewPassword>(&mut self.screens) {
                    s.refused(e.to_string());
                }
            }
            AdminAnswer::TotpStarted(result) => {
                if let Some(s) = find::<Enrol>(&mut self.screens) {
                    match result {
                        Ok(e) => s.show(e),
                        Err(e) => s.refused(format!(
                            "the secret could not be made: {e} (Enter tries again)"
                        )),
                    }
                }
            }
            AdminAnswer::TotpConfirmed(result) => {
                if let Some(s) = find::<Enrol>(&mut self.screens) {
                    match result {
                        Ok(codes) => s.enrolled(codes),
                        Err(e) => s.refused(e.to_string()),
                    }
                }
            }
            AdminAnswer::Enrolled(Err(e)) => {
                if let Some(s) = find::<Enrol>(&mut self.screens) {
                    s.refused(e.to_string());
                }
            }
        }
    }

    /// The person chose their own password (or enrolled the second factor the policy
    /// requires): on to their usual first screen, with what it needs (read by the worker after
    /// the change), saying `done`.
    fn password_chosen(
        &mut self,
        start: Start,
        done: &str,
        now: SystemTime,
        effects: &mut Vec<Effect>,
    ) {
        let Start {
            clients,
            draft,
            notices,
        } = start;
        self.ui.clients = Clients {
            mine: clients,
            everyone: None,
        };
        self.nav += 1;
        self.popups.clear();
        self.screens = vec![Box::new(Caseload::new(&self.ui))];
        // A supervisor holding the case keys starts on the dashboard, as at sign-in.
        if let Some((dashboard, read)) = dashboard::first_screen(&self.ui, now) {
            self.screens.push(Box::new(dashboard));
            effects.push(Effect::Job(read));
        }
        self.office_start(None, effects);
        if let Some(d) = draft {
            let name = self.ui.clients.name_of(d.client);
            effects.push(Effect::Popup(Box::new(ConfirmPopup::resume(
                d.client,
                name.as_deref(),
            ))));
            self.ui.pending_draft = Some(d);
        }
        let done = done.to_string();
        if notices.is_empty() {
            self.ui.say(done);
        } else {
            self.ui.warn(
                std::iter::once(done)
                    .chain(notices)
                    .collect::<Vec<_>>()
                    .join(" · "),
            );
        }
    }
}
