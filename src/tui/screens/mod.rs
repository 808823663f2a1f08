//! Screens: each file holds one screen's state, its key handling and its drawing.
//!
//! - [`sign_in`]: username and password.
//! - [`caseload`]: the caller's clients (or every client), filtered as you type.
//! - [`client`]: one client's notes, masked sections and the reveal flow.
//! - [`editor`]: writing a note in labelled sections; drafts (a folder: the text's drawing is
//!   `editor/text.rs`).
//! - [`lock`]: the lock screen (unlock, switch user).
//! - [`history`]: a note's revisions, for a supervisor.
//! - [`glass`]: the supervisor's queue of break-glass accesses awaiting review.
//! - [`admin`]: the administrator's tabs (accounts, policy, audit trail), and the audit trail
//!   a supervisor opens from the caseload (a folder: one file per tab).
//! - [`new_password`]: choosing one's own password, first, after an administrator set it.
//! - [`enrol`]: enrolling an authenticator app, first, when the policy requires a second
//!   factor of one's role.
//! - [`dashboard`]: the supervisor's caseload dashboard (figures per adviser, notes per week).
//! - [`retention`]: the supervisor's list of clients past retention, and erasing them.
//! - [`breaches`]: the breach log, for supervisors (also the administrator's fourth tab).
//!
//! A new screen is a file here implementing [`Screen`], a [`Mode`] with its rows in the keymap
//! table, and whatever opens it calling [`Cx::open`].

pub mod admin;
pub mod breaches;
pub mod caseload;
pub mod client;
pub mod dashboard;
pub mod editor;
pub mod enrol;
pub mod glass;
pub mod history;
pub mod lock;
pub mod new_password;
pub mod retention;
pub mod sign_in;

use std::any::Any;

use ratatui::Frame;
use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use ratatui::layout::Rect;

use super::app::{Cx, Shared};
use super::keymap::{Action, Mode};
use super::popups::{Choice, EventResult};
use super::widgets::View;

/// One screen of the app. The router gives it the keys no popup takes, the popups' answers, the
/// clock, and a frame to draw in.
pub trait Screen: Any {
    /// Which keymap rows apply.
    fn mode(&self) -> Mode;

    /// An action from the keymap. [`EventResult::Ignored`] leaves it to the router (help, quit,
    /// lock); [`EventResult::Close`] closes this screen.
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

    /// What the user chose in a popup this screen opened.
    fn on_choice(&mut self, _choice: Choice, _cx: &mut Cx<'_>) {}

    /// The clock moved.
    fn on_tick(&mut self, _cx: &mut Cx<'_>) {}

    /// The client lists changed.
    fn refresh(&mut self, _ui: &Shared) {}

    /// A left click at terminal column `col`, row `row`; `area` is the body, as in
    /// [`Screen::draw`].
    fn on_click(&mut self, _col: u16, _row: u16, _area: Rect, _cx: &mut Cx<'_>) -> EventResult {
        EventResult::Consumed
    }

    /// The mouse wheel, a notch down or up.
    fn on_scroll(&mut self, _down: bool, _cx: &mut Cx<'_>) {}

    /// Paragraphs for the help overlay about this screen (below its keys).
    fn help_notes(&self, _ui: &Shared) -> Vec<String> {
        Vec::new()
    }

    /// Whether quitting would lose something (asked before quitting).
    fn unsaved(&self) -> bool {
        false
    }

    /// Draws the screen: a pure function of its state and the shared state.
    fn draw(&self, f: &mut Frame, area: Rect, v: &View<'_>);
}

/// What a single-line input takes of a paste: the first line, at most a few hundred characters.
pub fn pasted_line(text: &str) -> impl Iterator<Item = char> + '_ {
    text.lines().next().unwrap_or("").chars().take(500)
}

/// Moves a cursor in a list of `len` rows (up, down, a page, the first or last row).
pub fn move_in(len: usize, at: &mut usize, action: Action) {
    if len == 0 {
        *at = 0;
        return;
    }
    *at = (*at).min(len - 1);
    *at = match action {
        Action::Up => at.saturating_sub(1),
        Action::Down => (*at + 1).min(len - 1),
        Action::PageUp => at.saturating_sub(10),
        Action::PageDown => (*at + 10).min(len - 1),
        Action::Top => 0,
        Action::Bottom => len - 1,
        _ => *at,
    };
}

/// Typing into a single-line input: characters and Backspace.
pub fn edit(s: &mut String, key: &KeyEvent) -> bool {
    let ctrl = key.modifiers.contains(KeyModifiers::CONTROL);
    match key.code {
        KeyCode::Char(c) if !ctrl => {
            s.push(c);
            true
        }
        KeyCode::Backspace => s.pop().is_some(),
        _ => false,
    }
}

/// The wheel: three rows at a time.
pub fn wheel(len: usize, at: &mut usize, down: bool) {
    for _ in 0..3 {
        move_in(len, at, if down { Action::Down } else { Action::Up });
    }
}
