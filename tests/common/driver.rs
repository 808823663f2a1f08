//! Drives the terminal app's state without a terminal: keys in, jobs run inline, replies back.

use std::collections::VecDeque;
use std::time::{Duration, SystemTime};

use casenotes::session::StoreHandle;
use casenotes::tui::app::{App, Options};
use casenotes::tui::jobs::Job;
use casenotes::tui::screens::Screen;
use casenotes::tui::screens::caseload::Caseload;
use casenotes::tui::screens::client::ClientScreen;
use casenotes::tui::screens::editor::Editor;
use casenotes::tui::theme::Theme;
use ratatui::crossterm::event::{
    KeyCode, KeyEvent, KeyModifiers, MouseButton, MouseEvent, MouseEventKind,
};
use ratatui::layout::Rect;

use super::Fixture;

pub struct Driver {
    pub app: App,
    pub now: SystemTime,
}

impl Driver {
    pub fn new(f: &Fixture, options: Options) -> Driver {
        let now = SystemTime::UNIX_EPOCH + Duration::from_secs(1_790_000_000);
        let store = StoreHandle::open(&f.path).expect("open");
        Driver {
            app: App::new(store, Theme::default_theme(), options, now),
            now,
        }
    }

    pub fn run(&mut self, jobs: Vec<Job>) {
        let mut q: VecDeque<Job> = jobs.into();
        while let Some(j) = q.pop_front() {
            let reply = j.run();
            q.extend(self.app.on_reply(reply, self.now));
        }
    }

    pub fn key(&mut self, code: KeyCode) {
        self.key_mod(code, KeyModifiers::NONE);
    }

    pub fn ctrl(&mut self, c: char) {
        self.key_mod(KeyCode::Char(c), KeyModifiers::CONTROL);
    }

    pub fn key_mod(&mut self, code: KeyCode, mods: KeyModifiers) {
        let jobs = self.jobs_for(code, mods);
        self.run(jobs);
    }

    /// A key, with the jobs it starts handed back instead of run.
    pub fn jobs_for(&mut self, code: KeyCode, mods: KeyModifiers) -> Vec<Job> {
        self.app.on_key(KeyEvent::new(code, mods), self.now)
    }

    pub fn type_str(&mut self, s: &str) {
        for c in s.chars() {
            self.key(KeyCode::Char(c));
        }
    }

    pub fn paste(&mut self, text: &str) {
        let jobs = self.app.on_paste(text, self.now);
        self.run(jobs);
    }

    pub fn sign_in(&mut self, user: &str, password: &str) {
        self.type_str(user);
        self.key(KeyCode::Tab);
        self.type_str(password);
        self.key(KeyCode::Enter);
    }

    pub fn tick(&mut self, secs: u64) {
        let jobs = self.tick_jobs(secs);
        self.run(jobs);
    }

    /// The clock moves, with the jobs it starts handed back instead of run.
    pub fn tick_jobs(&mut self, secs: u64) -> Vec<Job> {
        self.now += Duration::from_secs(secs);
        self.app.on_tick(self.now)
    }

    /// Whether the screen in front is a `T`.
    pub fn showing<T: Screen>(&self) -> bool {
        self.app.front::<T>().is_some()
    }

    pub fn caseload(&self) -> &Caseload {
        self.app.find::<Caseload>().expect("a caseload screen")
    }

    pub fn client(&self) -> Option<&ClientScreen> {
        self.app.find::<ClientScreen>()
    }

    pub fn editor(&self) -> Option<&Editor> {
        self.app.find::<Editor>()
    }
}

impl Driver {
    /// A left click at column `col`, row `row` of a `w` × `h` terminal.
    pub fn click(&mut self, col: u16, row: u16, (w, h): (u16, u16)) {
        self.mouse(MouseEventKind::Down(MouseButton::Left), col, row, (w, h));
    }

    /// A notch of the mouse wheel.
    pub fn wheel(&mut self, down: bool, (w, h): (u16, u16)) {
        let kind = if down {
            MouseEventKind::ScrollDown
        } else {
            MouseEventKind::ScrollUp
        };
        self.mouse(kind, w / 2, h / 2, (w, h));
    }

    fn mouse(&mut self, kind: MouseEventKind, column: u16, row: u16, (w, h): (u16, u16)) {
        let ev = MouseEvent {
            kind,
            column,
            row,
            modifiers: KeyModifiers::NONE,
        };
        let jobs = self.app.on_mouse(ev, Rect::new(0, 0, w, h), self.now);
        self.run(jobs);
    }
}
