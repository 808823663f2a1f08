//! Where passwords come from: standard input lines (`--password-stdin`), or a prompt on the
//! terminal. Never arguments.

use std::io::{self, IsTerminal, Read};

use secrecy::{ExposeSecret, SecretString};

use crate::domain::visible_line;
use zeroize::Zeroize;

use super::*;

/// Where passwords come from: standard input lines, or a prompt on the terminal.
pub(super) struct Passwords {
    lines: Option<std::vec::IntoIter<SecretString>>,
}

impl Passwords {
    pub(super) fn new(from_stdin: bool) -> CliResult<Self> {
        if !from_stdin {
            return Ok(Passwords { lines: None });
        }
        let mut raw = String::new();
        io::stdin()
            .lock()
            .read_to_string(&mut raw)
            .map_err(|e| CliError::Other(format!("cannot read standard input: {e}")))?;
        let lines: Vec<SecretString> = raw
            .lines()
            .map(|l| SecretString::from(l.trim_end_matches('\r').to_string()))
            .collect();
        raw.zeroize();
        Ok(Passwords {
            lines: Some(lines.into_iter()),
        })
    }

    pub(super) fn next_line(&mut self, what: &str) -> CliResult<Option<SecretString>> {
        match &mut self.lines {
            Some(it) => match it.next() {
                Some(p) => Ok(Some(p)),
                None => Err(CliError::Usage(format!(
                    "--password-stdin: standard input has no line for {what}"
                ))),
            },
            None => Ok(None),
        }
    }

    /// A one-time code (or recovery code): the next line of standard input, or asked for on
    /// the terminal.
    pub(super) fn code(&mut self, user: &str) -> CliResult<SecretString> {
        match self.next_line("the one-time code")? {
            Some(c) => Ok(c),
            None => prompt(&format!(
                "One-time code for {} (from your authenticator app, or a recovery code): ",
                visible_line(user)
            )),
        }
    }

    /// The next line of standard input if there is one (with `--password-stdin`); `None` when
    /// there is none, or when reading from the terminal.
    pub(super) fn line_if_any(&mut self) -> Option<SecretString> {
        self.lines.as_mut().and_then(Iterator::next)
    }

    /// Whether lines come from standard input (`--password-stdin`).
    pub(super) fn reads_stdin(&self) -> bool {
        self.lines.is_some()
    }

    /// The acting user's password.
    pub(super) fn current(&mut self, user: &str) -> CliResult<SecretString> {
        match self.next_line("the password")? {
            Some(p) => Ok(p),
            None => prompt(&format!("Password for {}: ", visible_line(user))),
        }
    }

    /// A new password (asked twice on a terminal).
    pub(super) fn new_password(&mut self, user: &str) -> CliResult<SecretString> {
        match self.next_line("the new password")? {
            Some(p) => Ok(p),
            None => {
                let a = prompt(&format!("New password for {}: ", visible_line(user)))?;
                let b = prompt(&format!(
                    "Repeat the new password for {}: ",
                    visible_line(user)
                ))?;
                if a.expose_secret() != b.expose_secret() {
                    return Err(CliError::Other("the two passwords differ".into()));
                }
                Ok(a)
            }
        }
    }
}

pub(super) fn prompt(text: &str) -> CliResult<SecretString> {
    if !io::stdin().is_terminal() {
        return Err(CliError::Usage(
            "no terminal to ask for a password: pass it on standard input with --password-stdin"
                .into(),
        ));
    }
    rpassword::prompt_password(text)
        .map(SecretString::from)
        .map_err(|_| {
            CliError::Usage("cannot read a password from the terminal: use --password-stdin".into())
        })
}
