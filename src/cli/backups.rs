//! The long store-care commands' shared pieces: the progress line that `backup` and `restore`
//! print on a terminal, and `restore`, which signs in on its own (to the backup, if the store is
//! too damaged to sign in to).

use std::io::{self, IsTerminal, Write};
use std::path::Path;

use crate::session;

use super::*;

/// `casenotes restore`: signs in (to the store, or to the backup if the store is damaged or
/// missing) and puts the backup in the store's place.
pub(super) fn restore(
    out: &mut dyn Write,
    path: &Path,
    from: &Path,
    user: &str,
    credentials: &session::Credentials<'_>,
    confirm: &str,
) -> CliResult {
    let mut line = ProgressLine::new("restore");
    let done = session::restore_store(path, None, from, user, credentials, confirm, |stage| {
        line.step(stage.describe())
    });
    line.finish();
    print_restored(out, path, &done?)
}

/// Progress for a long command, on standard error and only to a terminal (a nightly job's
/// output stays what the command reports): one line per step, and a step's counts updated in
/// place.
pub(super) struct ProgressLine {
    what: &'static str,
    shown: bool,
    open: bool,
    last: String,
}

impl ProgressLine {
    pub(super) fn new(what: &'static str) -> ProgressLine {
        ProgressLine {
            what,
            shown: io::stderr().is_terminal(),
            open: false,
            last: String::new(),
        }
    }

    /// A new step, on a line of its own.
    pub(super) fn step(&mut self, text: &str) {
        if !self.shown || text == self.last {
            return;
        }
        self.finish();
        eprintln!("{}: {text}", self.what);
        self.last = text.to_string();
    }

    /// The counts of the step under way, written over the line before.
    pub(super) fn update(&mut self, text: &str) {
        if !self.shown {
            return;
        }
        let pad = self
            .last
            .chars()
            .count()
            .saturating_sub(text.chars().count());
        eprint!("\r{}: {text}{}", self.what, " ".repeat(pad));
        self.open = true;
        self.last = text.to_string();
    }

    /// Ends a line left open by [`ProgressLine::update`].
    pub(super) fn finish(&mut self) {
        if self.open {
            eprintln!();
            self.open = false;
        }
    }
}
