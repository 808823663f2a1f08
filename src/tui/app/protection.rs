//! The router's share of the data-protection records: the worker's answers about a client's
//! disclosures and the breach log, landing in the popup or screen they belong to (or dropped if
//! the person has moved on).

use std::any::Any;
use std::time::SystemTime;

use super::{App, Cx, Effect};
use crate::tui::jobs::protection::{Disclosed, ProtectionAnswer};
use crate::tui::popups::Popup;
use crate::tui::popups::breach_form::BreachForm;
use crate::tui::popups::disclosure_form::DisclosureForm;
use crate::tui::popups::disclosures::DisclosuresPopup;
use crate::tui::screens::Screen;
use crate::tui::screens::admin::AdminScreen;
use crate::tui::screens::breaches::{BreachLog, BreachScreen};
use crate::tui::screens::client::ClientScreen;

/// The popup of type `T` in `popups`, wherever it is.
fn popup<T: Popup>(popups: &mut [Box<dyn Popup>]) -> Option<&mut T> {
    popups.iter_mut().rev().find_map(|p| {
        let p: &mut dyn Any = p.as_mut();
        p.downcast_mut()
    })
}

/// The breach log on screen: the supervisor's screen or the administrator's tab.
fn breach_log(screens: &mut [Box<dyn Screen>]) -> Option<&mut BreachLog> {
    screens.iter_mut().rev().find_map(|s| {
        let s: &mut dyn Any = s.as_mut();
        if s.is::<AdminScreen>() {
            s.downcast_mut::<AdminScreen>().map(|a| &mut a.breaches)
        } else {
            s.downcast_mut::<BreachScreen>().map(|b| &mut b.log)
        }
    })
}

impl App {
    pub(super) fn protection_reply(
        &mut self,
        answer: ProtectionAnswer,
        now: SystemTime,
        effects: &mut Vec<Effect>,
    ) {
        match answer {
            ProtectionAnswer::Disclosures { client, result } => match result {
                Ok(list) => {
                    let access = self
                        .front::<ClientScreen>()
                        .filter(|c| c.view.summary.reference == client)
                        .map(|c| c.access_reason.clone());
                    if let Some(p) =
                        popup::<DisclosuresPopup>(&mut self.popups).filter(|p| p.client == client)
                    {
                        p.reload(list, None);
                    } else if let Some(access) = access {
                        // Shown only over that client, where it was asked for.
                        effects.push(Effect::Popup(Box::new(DisclosuresPopup::new(
                            client, list, access,
                        ))));
                    }
                }
                Err(e) => self.ui.warn(format!("no disclosures: {e}")),
            },
            ProtectionAnswer::Disclosed { client, outcome } => match outcome {
                Disclosed::Recorded { number, list } => {
                    if popup::<DisclosureForm>(&mut self.popups).is_some() {
                        self.popups.retain(|p| {
                            let p: &dyn Any = p.as_ref();
                            !p.is::<DisclosureForm>()
                        });
                    }
                    if let Some(p) =
                        popup::<DisclosuresPopup>(&mut self.popups).filter(|p| p.client == client)
                    {
                        p.reload(list, Some(number));
                    }
                    self.ui
                        .say(format!("disclosure {number} of {client} recorded (logged)"));
                }
                Disclosed::NoConsent => {
                    let mut cx = Cx {
                        now,
                        ui: &mut self.ui,
                        effects,
                    };
                    if let Some(form) = popup::<DisclosureForm>(&mut self.popups) {
                        form.ask_about_consent(&mut cx);
                    }
                }
                Disclosed::Failed(e) => {
                    if let Some(form) = popup::<DisclosureForm>(&mut self.popups) {
                        form.failed(e.to_string());
                    }
                    self.ui
                        .warn(format!("not recorded: {e}; what you typed is kept"));
                }
            },
            ProtectionAnswer::Breaches { done, result } => {
                let succeeded = matches!(done, Some(Ok(_)));
                match &done {
                    Some(Ok(message)) => self.ui.say(message.clone()),
                    Some(Err(e)) => self
                        .ui
                        .warn(format!("not recorded: {e}; what you typed is kept")),
                    None => {}
                }
                if let Some(form) = popup::<BreachForm>(&mut self.popups) {
                    match &done {
                        Some(Err(e)) => form.failed(e.to_string()),
                        _ => form.saving = false,
                    }
                }
                if succeeded {
                    self.popups.retain(|p| {
                        let p: &dyn Any = p.as_ref();
                        !p.is::<BreachForm>()
                    });
                }
                match (breach_log(&mut self.screens), result) {
                    (Some(log), Ok(list)) => log.loaded(list),
                    (Some(log), Err(e)) => {
                        log.reading = false;
                        if done.is_none() {
                            self.ui
                                .warn(format!("the breach log could not be read: {e}"));
                        }
                    }
                    (None, _) => {}
                }
            }
        }
    }
}
