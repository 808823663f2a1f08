//! Popups: boxes over a screen that take the keyboard until closed. Each file holds one popup's
//! state, its key handling and its drawing.
//!
//! - [`reason`]: why reveal a section or open someone else's client (logged).
//! - [`picker`]: quick capture: pick one of your clients by typing a few letters.
//! - [`label`]: a section's sensitivity label, and the sections that can be added.
//! - [`consent`]: a client's consents; recording one, or its withdrawal.
//! - [`confirm`]: a question with two answers (keep or discard a draft…).
//! - [`help`]: the current mode's keys, from the keymap table, and notes about the screen.
//! - [`waiting`]: the supervisor's queue of accounts waiting for confirmation.
//! - [`actions`]: a client's agreed actions; marking one done.
//! - [`client_form`]: a client's name, date of birth and contact (adding or correcting).
//! - [`drafts`]: the caller's kept drafts (resume or discard one).
//! - [`reassign`]: the adviser a client is given to (supervisors).
//! - [`prompt`]: one line of text with a stated purpose (why a note is corrected…).
//! - [`account_form`]: an account's name, role and temporary password (administrators).
//! - [`role_choice`]: an account's new role.
//! - [`disable_user`]: disabling an account, asked first.
//! - [`policy_edit`]: a policy setting's new value.
//! - [`disclosures`]: a client's disclosures: to whom, what, on which lawful basis.
//! - [`disclosure_form`]: recording a disclosure (asks first on the basis of consent without it).
//! - [`breach_form`]: recording a breach, or completing one (the report to the data protection
//!   officer, the regulator decision).
//! - [`fields`]: the labelled text and choice fields those two forms are made of.

pub mod account_form;
pub mod actions;
pub mod breach_form;
pub mod client_form;
pub mod confirm;
pub mod consent;
pub mod disable_user;
pub mod disclosure_form;
pub mod disclosures;
pub mod drafts;
pub mod fields;
pub mod help;
pub mod label;
pub mod picker;
pub mod policy_edit;
pub mod prompt;
pub mod reason;
pub mod reassign;
pub mod role_choice;
pub mod waiting;

use std::any::Any;

use ratatui::Frame;
use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use ratatui::layout::Rect;

use crate::domain::{ClientRef, Sensitivity};

use super::app::{Cx, Shared};
use super::keymap::{Action, Mode};
use super::screens::pasted_line;
use super::widgets::View;
use confirm::{Confirm, Pick};

/// Whether a handler took the event.
#[derive(Debug, PartialEq, Eq)]
pub enum EventResult {
    /// Not handled: the router may act on it (help, quit, lock).
    Ignored,
    /// Handled.
    Consumed,
    /// Handled, and done: the popup (or screen) closes; a popup's choice, if any, goes to the
    /// screen below it.
    Close(Option<Choice>),
}

/// What the user chose in a popup, for the screen that opened it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Choice {
    Label(Sensitivity),
    /// One of the sections that can be added (an index into the editor's list).
    AddSection(usize),
    Confirmed(Confirm, Pick),
    /// A line of text typed into a prompt (checked as a stated reason).
    Text(String),
    /// A user chosen from a list (by username).
    User(String),
    /// A kept draft to resume: the client it is about.
    ResumeDraft(ClientRef),
    /// A client to write a note for.
    Client {
        client: ClientRef,
        name: String,
    },
}

/// A box over the screen that takes the keyboard.
pub trait Popup: Any {
    /// Which keymap rows apply.
    fn mode(&self) -> Mode;

    /// An action from the keymap.
    fn on_action(&mut self, action: Action, cx: &mut Cx<'_>) -> EventResult;

    /// A key that is no action in this mode: typing.
    fn on_key(&mut self, _key: KeyEvent, _cx: &mut Cx<'_>) -> EventResult {
        EventResult::Ignored
    }

    /// Pasted text; by default its first line, typed.
    fn on_paste(&mut self, text: &str, cx: &mut Cx<'_>) {
        for c in pasted_line(text) {
            self.on_key(KeyEvent::new(KeyCode::Char(c), KeyModifiers::NONE), cx);
        }
    }

    /// The client lists changed.
    fn refresh(&mut self, _ui: &Shared) {}

    /// A left click at terminal column `col`, row `row`; `area` is the screen's body, as in
    /// [`Popup::draw`]. Clicks outside the popup do nothing (it keeps the keyboard).
    fn on_click(&mut self, _col: u16, _row: u16, _area: Rect, _cx: &mut Cx<'_>) -> EventResult {
        EventResult::Consumed
    }

    /// The mouse wheel, a notch down or up.
    fn on_scroll(&mut self, _down: bool, _cx: &mut Cx<'_>) {}

    /// Paragraphs for the help overlay about this popup (below its keys).
    fn help_notes(&self) -> Vec<String> {
        Vec::new()
    }

    /// What the user chose in a popup this one opened over itself. What it does not take
    /// (by default, everything) goes on to the screen below.
    fn on_choice(&mut self, choice: Choice, _cx: &mut Cx<'_>) -> Option<Choice> {
        Some(choice)
    }

    /// What a lock would lose of what is typed here, named for the person ("your disclosure form"), if
    /// anything: a half-typed form is not kept across a lock (it would hold case content while
    /// locked), and the person is told so on unlocking.
    fn unsaved_form(&self) -> Option<&'static str> {
        None
    }

    /// Draws the popup over `area` (the screen's body).
    fn draw(&self, f: &mut Frame, area: Rect, v: &View<'_>);
}
