//! The sign-in screen: username and password, then the account's key file and one-time code
//! when it has them (the session says which as soon as the username is left, before any key
//! is derived); the key derivation runs on the worker. A wrong password, key file or code is
//! one message that does not say which. `Tab` in the key file's field completes the path.

use std::path::{Path, PathBuf};
use std::time::SystemTime;

use ratatui::Frame;
use ratatui::crossterm::event::{KeyCode, KeyEvent};
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Paragraph, Wrap};
use secrecy::SecretString;
use zeroize::{Zeroize, Zeroizing};

use super::{Screen, edit};
use crate::session::{Factors, SessionError, StoreHandle};
use crate::tui::app::Cx;
use crate::tui::jobs::Task;
use crate::tui::keymap::{Action, Mode};
use crate::tui::popups::EventResult;
use crate::tui::theme::Role as R;
use crate::tui::widgets::{View, credentials_box, field, spinner};

/// The sign-in form.
pub struct SignIn {
    pub username: String,
    pub password: Zeroizing<String>,
    pub focus: Field,
    /// The key file and one-time code, for an account that has them.
    pub second: SecondFields,
    /// The username whose factors `second` shows.
    looked_up: String,
    pub error: Option<Failure>,
}

/// A field of the sign-in and lock screens.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Field {
    Username,
    Password,
    KeyFile,
    Code,
}

/// The fields an account's second factors add to a sign-in: its key file's path and a one-time
/// code, shown only when the account has them.
#[derive(Default)]
pub struct SecondFields {
    pub factors: Factors,
    /// The key file's path, as typed (`~/` is the home folder).
    pub key_file: String,
    pub code: Zeroizing<String>,
    /// The names the last `Tab` matched, when it matched several.
    pub completions: Vec<String>,
}

/// The longest code typed (a recovery code with spaces to spare).
const MAX_CODE: usize = 24;

impl SecondFields {
    /// The fields for `factors`, the key file's path filled in from `path` (the last one
    /// used).
    pub fn new(factors: Factors, path: Option<&Path>) -> SecondFields {
        SecondFields {
            factors,
            key_file: if factors.key_file {
                path.map(|p| p.display().to_string()).unwrap_or_default()
            } else {
                String::new()
            },
            code: Zeroizing::new(String::with_capacity(MAX_CODE)),
            completions: Vec::new(),
        }
    }

    /// Which of these fields show, in order.
    pub fn shown(&self) -> Vec<Field> {
        let mut out = Vec::new();
        if self.factors.key_file {
            out.push(Field::KeyFile);
        }
        if self.factors.code {
            out.push(Field::Code);
        }
        out
    }

    /// Typing into `field`.
    pub fn edit(&mut self, field: Field, key: &KeyEvent) {
        match field {
            Field::KeyFile if edit(&mut self.key_file, key) => self.completions.clear(),
            Field::Code
                if self.code.chars().count() < MAX_CODE || key.code == KeyCode::Backspace =>
            {
                edit(&mut self.code, key);
            }
            _ => {}
        }
    }

    /// What is missing before a sign-in can be tried, as the field to go to and what to say.
    pub fn missing(&self) -> Option<(Field, &'static str)> {
        if self.factors.key_file && self.key_file.trim().is_empty() {
            Some((
                Field::KeyFile,
                "this account signs in with a key file: type its path",
            ))
        } else if self.factors.code && self.code.trim().is_empty() {
            Some((
                Field::Code,
                "type the code your authenticator app shows (or a recovery code)",
            ))
        } else {
            None
        }
    }

    /// `Tab` in the key file's field: the path completed as far as it is unambiguous.
    pub fn complete(&mut self) {
        let (done, several) = complete_path(&self.key_file);
        self.key_file = done;
        self.completions = several;
    }

    /// The key file's path and the code, for the worker; the code is wiped here.
    pub fn take(&mut self) -> (Option<PathBuf>, Option<SecretString>) {
        let path = (self.factors.key_file && !self.key_file.trim().is_empty())
            .then(|| expand_home(self.key_file.trim()));
        let code = (self.factors.code && !self.code.trim().is_empty())
            .then(|| SecretString::from(self.code.trim().to_string()));
        self.code.zeroize();
        (path, code)
    }

    /// The fields' lines, `focus` marking the one with the cursor.
    pub fn lines<'a>(&self, v: &View<'_>, focus: Field) -> Vec<Line<'a>> {
        let mut out = Vec::new();
        if self.factors.key_file {
            out.push(field(
                v,
                "Key file",
                tail(&self.key_file, 40),
                focus == Field::KeyFile,
            ));
        }
        if self.factors.code {
            out.push(field(
                v,
                "Code",
                self.code.to_string(),
                focus == Field::Code,
            ));
        }
        if focus == Field::KeyFile && !self.completions.is_empty() {
            // The names that matched, as many as fit on the line.
            let all = self.completions.join("  ");
            let shown = if all.chars().count() > 52 {
                format!("{}…", all.chars().take(51).collect::<String>())
            } else {
                all
            };
            out.push(Line::from(Span::styled(shown, v.style(R::Dim))));
        }
        out
    }
}

/// The end of `s`, at most `width` characters, with `…` in front if it was cut.
fn tail(s: &str, width: usize) -> String {
    let n = s.chars().count();
    if n <= width {
        return s.to_string();
    }
    let kept: String = s.chars().skip(n - width.saturating_sub(1)).collect();
    format!("…{kept}")
}

/// A path as typed, with a leading `~/` (or `~` alone) taken as the home folder.
pub fn expand_home(typed: &str) -> PathBuf {
    let home = || directories::BaseDirs::new().map(|d| d.home_dir().to_path_buf());
    if typed == "~" {
        if let Some(h) = home() {
            return h;
        }
    } else if let Some(rest) = typed.strip_prefix("~/")
        && let Some(h) = home()
    {
        return h.join(rest);
    }
    PathBuf::from(typed)
}

/// Completes a typed path from what its folder holds: one match is completed (a folder with
/// `/` after it), several as far as they agree, and returned (folders marked with `/`) to be
/// listed. Files whose names start with a dot are offered only when the typed name does. A
/// folder that cannot be read completes nothing.
pub fn complete_path(typed: &str) -> (String, Vec<String>) {
    let cut = typed.rfind('/').map_or(0, |i| i + 1);
    let (dir_part, prefix) = typed.split_at(cut);
    let dir = if dir_part.is_empty() {
        PathBuf::from(".")
    } else {
        expand_home(dir_part)
    };
    let Ok(entries) = std::fs::read_dir(&dir) else {
        return (typed.to_string(), Vec::new());
    };
    let mut names: Vec<String> = entries
        .filter_map(|e| {
            let e = e.ok()?;
            let name = e.file_name().into_string().ok()?;
            if !name.starts_with(prefix) || (name.starts_with('.') && !prefix.starts_with('.')) {
                return None;
            }
            let folder = e.path().is_dir();
            Some(if folder { format!("{name}/") } else { name })
        })
        .collect();
    names.sort();
    match names.len() {
        0 => (typed.to_string(), Vec::new()),
        1 => (format!("{dir_part}{}", names[0]), Vec::new()),
        _ => {
            let first = &names[0];
            let common = names.iter().skip(1).fold(first.len(), |n, other| {
                first
                    .char_indices()
                    .zip(other.chars())
                    .take_while(|((_, a), b)| a == b)
                    .map(|((i, a), _)| i + a.len_utf8())
                    .last()
                    .unwrap_or(0)
                    .min(n)
            });
            (format!("{dir_part}{}", &first[..common]), names)
        }
    }
}

/// Why the last sign-in (or unlock) failed, as the session said; a wait it asked for counts
/// down on screen.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Failure {
    pub text: String,
    /// For too many failed attempts: when the answer came, and the seconds it asked to wait.
    pub wait: Option<(SystemTime, u64)>,
}

impl Failure {
    /// A message of the app's own (a theme that could not be loaded, a missing username).
    pub fn plain(text: impl Into<String>) -> Failure {
        Failure {
            text: text.into(),
            wait: None,
        }
    }

    /// The session's answer, arrived at `now`. On the lock screen, which asks for no
    /// username, a wrong password (key file, code) is called just that.
    pub fn of(e: &SessionError, now: SystemTime, unlocking: bool) -> Failure {
        let text = match e {
            SessionError::BadCredentials if unlocking => "wrong password".to_string(),
            SessionError::BadSignIn(f) if unlocking => {
                f.wrong().replace("wrong username, ", "wrong ")
            }
            other => other.to_string(),
        };
        let wait = match e {
            SessionError::RateLimited(secs) => Some((now, u64::try_from(*secs).unwrap_or(0))),
            _ => None,
        };
        Failure { text, wait }
    }

    /// The message at `now`: a wait shows the seconds left, then that it is over.
    pub fn shown(&self, now: SystemTime) -> String {
        let Some((at, secs)) = self.wait else {
            return self.text.clone();
        };
        let gone = now.duration_since(at).unwrap_or_default().as_secs();
        let left = secs.saturating_sub(gone);
        if left == 0 {
            return "you can try again now".into();
        }
        let asked = format!("wait {secs} s");
        if self.text.contains(&asked) {
            self.text.replace(&asked, &format!("wait {left} s"))
        } else {
            format!("{} ({left} s left)", self.text)
        }
    }
}

impl SignIn {
    /// The form, with the username filled in if one was given (`--user`).
    pub fn new(user: Option<&str>) -> SignIn {
        SignIn {
            username: user.unwrap_or_default().to_string(),
            password: new_password(),
            focus: if user.is_some() {
                Field::Password
            } else {
                Field::Username
            },
            second: SecondFields::default(),
            looked_up: String::new(),
            error: None,
        }
    }

    /// The worker said no.
    pub fn failed(&mut self, error: Failure) {
        self.error = Some(error);
        self.focus = Field::Password;
    }

    /// Asks the store which second factors the username has (a quick read, no key), when it
    /// changed since last asked; `path` is the key file's path to offer.
    pub fn look_up(&mut self, store: &StoreHandle, path: Option<&Path>) {
        let name = self.username.trim();
        if name == self.looked_up {
            return;
        }
        self.looked_up = name.to_string();
        let factors = if name.is_empty() {
            Factors::default()
        } else {
            store.factors(name).unwrap_or_default()
        };
        if factors != self.second.factors {
            self.second = SecondFields::new(factors, path);
        }
    }

    /// The fields shown, in order.
    fn fields(&self) -> Vec<Field> {
        let mut out = vec![Field::Username, Field::Password];
        out.extend(self.second.shown());
        out
    }

    /// Moves the cursor `by` fields (wrapping).
    fn move_focus(&mut self, forward: bool) {
        let fields = self.fields();
        let at = fields.iter().position(|f| *f == self.focus).unwrap_or(0);
        let n = fields.len();
        self.focus = fields[if forward {
            (at + 1) % n
        } else {
            (at + n - 1) % n
        }];
    }

    fn submit(&mut self, cx: &mut Cx<'_>) {
        self.error = None;
        let user = self.username.trim().to_string();
        let (key_file, code) = self.second.take();
        if key_file.is_some() {
            cx.ui.options.key_file = key_file.clone();
        }
        let task = sign_in_task(cx, user, &mut self.password, (key_file, code), false);
        cx.job(task);
    }
}

/// Room for a password, so typing one never leaves a copy behind in a freed buffer.
pub fn new_password() -> Zeroizing<String> {
    Zeroizing::new(String::with_capacity(256))
}

/// A sign-in job for `user` with the typed password, which is wiped here, and the key file's
/// path and one-time code when the account has them.
pub fn sign_in_task(
    cx: &mut Cx<'_>,
    user: String,
    password: &mut Zeroizing<String>,
    (key_file, code): (Option<PathBuf>, Option<SecretString>),
    unlock: bool,
) -> Task {
    cx.busy(if key_file.is_some() || code.is_some() {
        "Checking…"
    } else {
        "Checking the password…"
    });
    let secret = SecretString::from(password.as_str().to_string());
    password.zeroize();
    Task::SignIn {
        store: cx.ui.store.clone(),
        user,
        password: secret,
        key_file,
        code,
        unlock,
    }
}

impl Screen for SignIn {
    fn mode(&self) -> Mode {
        if self.focus == Field::KeyFile {
            Mode::KeyFilePath
        } else {
            Mode::SignIn
        }
    }

    fn on_action(&mut self, action: Action, cx: &mut Cx<'_>) -> EventResult {
        let path = cx.ui.options.key_file.clone();
        self.look_up(&cx.ui.store, path.as_deref());
        match action {
            Action::NextField => self.move_focus(true),
            Action::PrevField => self.move_focus(false),
            Action::Complete => self.second.complete(),
            Action::Open if cx.ui.busy.is_none() => {
                if self.username.trim().is_empty() {
                    self.error = Some(Failure::plain("type your username"));
                    self.focus = Field::Username;
                } else if self.focus == Field::Username && self.password.is_empty() {
                    self.focus = Field::Password;
                } else if let Some((field, what)) = self.second.missing() {
                    // Enter goes on to the next empty field, and says what it wants once there.
                    if self.focus == field {
                        self.error = Some(Failure::plain(what));
                    }
                    self.focus = field;
                } else {
                    self.submit(cx);
                }
            }
            Action::Open => {}
            _ => return EventResult::Ignored,
        }
        EventResult::Consumed
    }

    fn on_key(&mut self, key: KeyEvent, cx: &mut Cx<'_>) -> EventResult {
        match self.focus {
            Field::Username => {
                edit(&mut self.username, &key);
            }
            Field::Password => {
                edit(&mut self.password, &key);
            }
            f => self.second.edit(f, &key),
        }
        if self.focus != Field::Username {
            let path = cx.ui.options.key_file.clone();
            self.look_up(&cx.ui.store, path.as_deref());
        }
        EventResult::Consumed
    }

    fn help_notes(&self, _ui: &crate::tui::app::Shared) -> Vec<String> {
        let mut notes = Vec::new();
        if self.second.factors.key_file {
            notes.push(
                "This account signs in with a key file as well as its password: type the \
                 file's path (~/ is your home folder; Tab completes). Without the file the \
                 password opens nothing. If it is lost, an administrator resets your password."
                    .to_string(),
            );
        }
        if self.second.factors.code {
            notes.push(
                "This account signs in with a one-time code: type the six digits your \
                 authenticator app shows now, or one of your recovery codes (each works once). \
                 A code is accepted once: signing in again within the same half-minute takes \
                 the app's next code."
                    .to_string(),
            );
        }
        notes
    }

    fn draw(&self, f: &mut Frame, area: Rect, v: &View<'_>) {
        let mut lines = vec![
            Line::from(Span::styled("casenotes", v.style(R::Title))),
            Line::from(Span::styled("Sign in", v.style(R::Dim))),
            Line::default(),
            field(
                v,
                "Username",
                self.username.clone(),
                self.focus == Field::Username,
            ),
            field(
                v,
                "Password",
                "•".repeat(self.password.chars().count()),
                self.focus == Field::Password,
            ),
        ];
        lines.extend(self.second.lines(v, self.focus));
        let message = match (&v.ui.busy, &self.error) {
            (Some(b), _) => Some((format!("{} {b}", spinner(v.now)), v.style(R::Dim))),
            (None, Some(e)) => Some((e.shown(v.now), v.style(R::Error))),
            (None, None) => None,
        };
        let boxed = credentials_box(f, area, v, lines, message);
        if let Some((accounts, password)) = &v.ui.options.demo {
            let below = Rect {
                y: boxed.y + boxed.height,
                height: area
                    .height
                    .saturating_sub(boxed.y + boxed.height - area.y)
                    .min(4),
                ..boxed
            };
            f.render_widget(
                Paragraph::new(vec![
                    Line::from(Span::styled(
                        "Demo store (synthetic data only)",
                        v.style(R::Warning),
                    )),
                    Line::from(format!("Accounts: {}", accounts.join(", "))),
                    Line::from(format!("Password: {password}")),
                ])
                .style(v.style(R::Base))
                .wrap(Wrap { trim: true }),
                below,
            );
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn paths_complete_as_far_as_they_agree() {
        let dir = tempfile::tempdir().unwrap();
        let base = dir.path().display().to_string();
        std::fs::write(dir.path().join("office.key"), b"x").unwrap();
        std::fs::write(dir.path().join("office.keep"), b"x").unwrap();
        std::fs::write(dir.path().join(".hidden"), b"x").unwrap();
        std::fs::create_dir(dir.path().join("usb")).unwrap();
        let (done, several) = complete_path(&format!("{base}/off"));
        assert_eq!(done, format!("{base}/office.ke"));
        assert_eq!(several, vec!["office.keep", "office.key"]);
        let (done, several) = complete_path(&format!("{base}/office.key"));
        assert_eq!(done, format!("{base}/office.key"));
        assert!(several.is_empty());
        let (done, _) = complete_path(&format!("{base}/u"));
        assert_eq!(done, format!("{base}/usb/"));
        let (done, several) = complete_path(&format!("{base}/"));
        assert_eq!(done, format!("{base}/"));
        assert_eq!(several, vec!["office.keep", "office.key", "usb/"]);
        assert_eq!(
            complete_path(&format!("{base}/.h")).0,
            format!("{base}/.hidden")
        );
        let (done, several) = complete_path(&format!("{base}/nothing"));
        assert_eq!(done, format!("{base}/nothing"));
        assert!(several.is_empty());
        assert_eq!(complete_path("/no/such/folder/x").0, "/no/such/folder/x");
        assert_eq!(tail("abcdef", 4), "…def");
        assert_eq!(tail("abc", 4), "abc");
    }
}
