//! The terminal app: a face over [`crate::session`]; it never opens tables or touches keys, and
//! decides no rule itself (it asks the session).
//!
//! - [`app`]: the router: which screen is in front, the popups over it, the session, jobs for
//!   the worker, locking; keys, mouse clicks and wheel, ticks and worker replies → state
//!   changes and jobs.
//! - [`screens`]: one file per screen (state, keys and drawing side by side).
//! - [`popups`]: one file per popup, likewise.
//! - [`keymap`]: the one table of keys; dispatch, help and status hints are read from it.
//!   The mouse (clicks select, the wheel scrolls) only adds to the keys, never replaces them.
//! - [`render`]: draws a frame: the front screen, its popups, the status line.
//! - [`widgets`]: drawing pieces shared by screens and popups (blocks, status line, wrapping).
//! - [`filter`]: filtering client lists as you type: a reference's number first, short queries
//!   as typed, longer ones fuzzily (skim's ranking), narrowed per keystroke.
//! - [`jobs`]: the worker that runs key derivation and commits off the UI thread.
//! - [`theme`]: styles by meaning, from TOML themes.

pub mod app;
pub mod filter;
pub mod jobs;
pub mod keymap;
pub mod popups;
pub mod render;
pub mod screens;
pub mod theme;
pub mod widgets;

use std::io::Write;
use std::time::{Duration, SystemTime};

use ratatui::crossterm::event::{
    self, DisableBracketedPaste, DisableMouseCapture, EnableBracketedPaste, EnableMouseCapture,
    Event,
};
use ratatui::crossterm::execute;

use crate::session::{Location, StoreHandle};

pub use app::{App, Options};

/// Starts the app on the store at `path`. Returns a one-line error for anything that stops it
/// from starting; after it has started, errors are shown inside it.
pub fn run(at: &Location, mut options: Options, theme: Option<&str>) -> Result<(), String> {
    let store = StoreHandle::open(at).map_err(|e| e.to_string())?;
    if !store.is_demo().map_err(|e| e.to_string())? {
        options.demo = None;
    }
    let config = directories::ProjectDirs::from("org", "casenotes", "casenotes")
        .map(|d| d.config_dir().to_path_buf());
    let no_color = std::env::var_os("NO_COLOR").is_some_and(|v| !v.is_empty());
    let (theme, warning) = theme::Theme::load(theme, config.as_deref(), no_color);
    let mut app = App::new(store, theme, options, SystemTime::now());
    if let Some(w) = warning {
        app.set_sign_in_error(w);
    }

    let mut terminal = ratatui::init();
    // ratatui's panic hook restores the terminal; mouse reporting and bracketed paste are ours
    // to turn off, on every way out.
    let restore_panic = std::panic::take_hook();
    std::panic::set_hook(Box::new(move |info| {
        release_terminal();
        restore_panic(info);
    }));
    let _ = execute!(std::io::stdout(), EnableBracketedPaste, EnableMouseCapture);
    let result = event_loop(&mut terminal, &mut app);
    // Leave nothing of a note behind: wipe the screen before leaving the alternate screen.
    app.lock();
    let _ = wipe(&mut terminal);
    release_terminal();
    ratatui::restore();
    let _ = std::io::stdout().flush();
    result
}

/// Turns off what the app turned on besides ratatui's own (mouse reporting, bracketed paste).
fn release_terminal() {
    let _ = execute!(
        std::io::stdout(),
        DisableMouseCapture,
        DisableBracketedPaste
    );
}

/// Blanks every cell, both in ratatui's buffers and on the terminal, without asking the terminal
/// anything (some terminals never answer a cursor-position query).
fn wipe(terminal: &mut ratatui::DefaultTerminal) -> std::io::Result<()> {
    use ratatui::backend::{Backend, ClearType};
    terminal.draw(|f| f.render_widget(ratatui::widgets::Clear, f.area()))?;
    terminal.backend_mut().clear_region(ClearType::All)?;
    Backend::flush(terminal.backend_mut())
}

fn event_loop(terminal: &mut ratatui::DefaultTerminal, app: &mut App) -> Result<(), String> {
    let worker = jobs::Worker::start();
    let io = |e: std::io::Error| format!("terminal error: {e}");
    loop {
        let now = SystemTime::now();
        terminal.draw(|f| render::draw(app, f, now)).map_err(io)?;
        let wait = if app.ui.busy.is_some() {
            Duration::from_millis(40)
        } else {
            Duration::from_millis(250)
        };
        let mut jobs = Vec::new();
        if event::poll(wait).map_err(io)? {
            let now = SystemTime::now();
            match event::read().map_err(io)? {
                Event::Key(k) => jobs.extend(app.on_key(k, now)),
                Event::Paste(text) => jobs.extend(app.on_paste(&text, now)),
                Event::Mouse(m) => {
                    let size = terminal.size().map_err(io)?;
                    let area = ratatui::layout::Rect::new(0, 0, size.width, size.height);
                    jobs.extend(app.on_mouse(m, area, now));
                }
                _ => {}
            }
        }
        let now = SystemTime::now();
        while let Ok(reply) = worker.replies.try_recv() {
            jobs.extend(app.on_reply(reply, now));
        }
        jobs.extend(app.on_tick(now));
        let mut queue: std::collections::VecDeque<jobs::Job> = jobs.into();
        while let Some(job) = queue.pop_front() {
            if let Some(reply) = worker.submit(job) {
                queue.extend(app.on_reply(reply, now));
            }
        }
        if app.clear_screen {
            wipe(terminal).map_err(io)?;
            app.clear_screen = false;
        }
        if app.quit {
            return Ok(());
        }
    }
}
