//! Errors every use case can return, and the rules a new password must pass.

use secrecy::{ExposeSecret, SecretString};
use zeroize::Zeroizing;

use crate::domain::{ClientRef, NoteId, Policy, visible_line};
use crate::store::StoreError;
use crate::vault::VaultError;

/// Longest password accepted, in characters (the strength estimate is slow on huge input).
pub const MAX_PASSWORD_CHARS: usize = 256;

/// Errors a use case can return. Each displays as one line without plaintext.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum SessionError {
    #[error(transparent)]
    Store(#[from] StoreError),
    #[error(transparent)]
    Vault(VaultError),
    #[error("wrong username or password")]
    BadCredentials,
    /// A sign-in to an account with second factors failed: the message names every secret the
    /// account signs in with, never which was wrong.
    #[error("{}", .0.wrong())]
    BadSignIn(super::Factors),
    /// The account signs in with a one-time code and none was given (nothing was checked).
    #[error(
        "this account signs in with a one-time code as well: give the code your authenticator app shows (or a recovery code)"
    )]
    CodeNeeded,
    /// The policy requires a second factor of the account's role and it has none yet: it may
    /// do nothing but enrol one.
    #[error(
        "the office's policy requires a second factor for the {0} role: enrol one first — `casenotes user totp enrol` or `casenotes user keyfile --out PATH`"
    )]
    MustEnrol(crate::domain::Role),
    #[error("the account '{}' is disabled; ask an administrator", visible_line(.0))]
    Disabled(String),
    #[error("your account is waiting for a supervisor to confirm it: `casenotes user confirm {0}`")]
    Unconfirmed(String),
    /// The account's password was set by an administrator (a reset, or re-enabling it): it may
    /// do nothing but choose a new one.
    #[error(
        "your password was reset by an administrator: choose a new one first — `casenotes user passwd {}`",
        visible_line(.0)
    )]
    MustChangePassword(String),
    #[error("too many failed sign-ins for this account; wait {0} s before trying again")]
    RateLimited(i64),
    #[error("{0}")]
    Forbidden(String),
    #[error(
        "{0} is not on your caseload; opening it needs a stated reason (--reason), which is logged and flagged for review"
    )]
    NotOnCaseload(ClientRef),
    #[error("no client {0}")]
    UnknownClient(ClientRef),
    #[error("no note {1} for client {0}")]
    UnknownNote(ClientRef, NoteId),
    #[error("no action {1} for client {0}")]
    UnknownAction(ClientRef, u32),
    #[error("action {1} of {0} is already done")]
    ActionAlreadyDone(ClientRef, u32),
    #[error("no user named '{}'", visible_line(.0))]
    UnknownUser(String),
    #[error("a user named '{}' already exists", visible_line(.0))]
    UserExists(String),
    #[error("password refused: {0}")]
    WeakPassword(String),
    #[error("{0}")]
    Invalid(String),
    #[error("audit trail broken: {0}")]
    AuditBroken(String),
}

impl From<VaultError> for SessionError {
    fn from(e: VaultError) -> Self {
        match e {
            VaultError::Tampered => SessionError::Store(StoreError::Corrupt),
            other => SessionError::Vault(other),
        }
    }
}

pub type Result<T, E = SessionError> = std::result::Result<T, E>;

impl SessionError {
    /// Whether the store was made by an earlier version whose records this one does not read.
    pub fn is_older_schema(&self) -> bool {
        matches!(
            self,
            SessionError::Store(crate::store::StoreError::OlderSchema { .. })
        )
    }
}

/// The strength estimate a new password must reach: zxcvbn's top score, at least 10^10 guesses.
/// The estimate counts any three guessable parts as at least 10^8 guesses, so the score below
/// would let "Summer2026Summer" through.
pub const MIN_PASSWORD_SCORE: u8 = 4;

/// Words an attacker tries first against this service, given to the strength estimate beside the
/// account's own name: the product and its trade, the seasons, months and days that fill so many
/// passwords ("Summer2026Summer"), and the words of the most famous example passphrase.
#[rustfmt::skip]
pub const CONTEXT_WORDS: &[&str] = &[
    "casenotes", "casenote", "case", "cases", "notes", "note", "caseload", "advice", "adviser",
    "advisers", "advisor", "guidance", "information", "iag", "client", "clients", "supervisor",
    "admin", "administrator", "office", "confidential", "password", "passphrase",
    "spring", "summer", "autumn", "fall", "winter",
    "january", "february", "march", "april", "may", "june", "july", "august", "september",
    "october", "november", "december",
    "monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday",
    "correct", "horse", "battery", "staple",
];

/// Passphrases made famous by being printed as examples, compared in lower case with everything
/// but letters and digits taken out (so any case, spacing or separator matches), anywhere in
/// the password.
const FAMOUS_PASSPHRASES: &[&str] = &[
    "correcthorsebatterystaple",
    "correcthorse",
    "horsebatterystaple",
    "tr0ub4dor",
    "troubador",
    "thequickbrownfox",
    "jumpsoverthelazydog",
    "maytheforcebewithyou",
    "tobeornottobe",
    "allyourbasearebelongtous",
    "keepcalmandcarryon",
    "opensesame",
    "loremipsumdolor",
    "helloworld",
    "purplemonkeydishwasher",
    "maryhadalittlelamb",
    "supercalifragilistic",
    "iwanttobelieve",
    "hunter2",
];

/// Checks a new password against the policy: length, famous passphrases, and estimated strength
/// (zxcvbn score at least [`MIN_PASSWORD_SCORE`], estimated with [`CONTEXT_WORDS`] and
/// `user_inputs`, such as the username, as the first guesses, and again with everything but
/// letters and digits taken out, since separators add little). No composition rules. Messages
/// never repeat the password or the inputs.
pub fn check_password(pw: &SecretString, policy: &Policy, user_inputs: &[&str]) -> Result<()> {
    let p = pw.expose_secret();
    let chars = p.chars().count();
    if chars < policy.password_min_length as usize {
        return Err(SessionError::WeakPassword(format!(
            "use at least {} characters (a few unrelated words work well)",
            policy.password_min_length
        )));
    }
    if chars > MAX_PASSWORD_CHARS {
        return Err(SessionError::WeakPassword(format!(
            "use at most {MAX_PASSWORD_CHARS} characters"
        )));
    }
    let bare = Zeroizing::new(
        p.chars()
            .filter(|c| c.is_alphanumeric())
            .flat_map(char::to_lowercase)
            .collect::<String>(),
    );
    if FAMOUS_PASSPHRASES.iter().any(|f| bare.contains(f)) {
        return Err(SessionError::WeakPassword(
            "it is a famous example passphrase, among the first an attacker tries; choose \
             words of your own"
                .into(),
        ));
    }
    let inputs: Vec<&str> = user_inputs
        .iter()
        .copied()
        .filter(|u| !u.is_empty())
        .chain(CONTEXT_WORDS.iter().copied())
        .collect();
    let lower = Zeroizing::new(p.to_lowercase());
    let mut estimate = zxcvbn::zxcvbn(p, &inputs);
    if !bare.is_empty() && *bare != *lower {
        let joined = zxcvbn::zxcvbn(&bare, &inputs);
        if joined.guesses() < estimate.guesses() {
            estimate = joined;
        }
    }
    if u8::from(estimate.score()) >= MIN_PASSWORD_SCORE {
        return Ok(());
    }
    let hint = if inputs
        .iter()
        .any(|w| w.chars().count() >= 4 && lower.contains(&w.to_lowercase()))
    {
        "it is built on words an attacker tries first (this service's name, your username, \
         seasons, months or days)"
            .to_string()
    } else {
        match estimate.feedback().and_then(|f| f.warning()) {
            Some(w) => sentence_part(&w.to_string()),
            None => "it is too easy to guess".to_string(),
        }
    };
    Err(SessionError::WeakPassword(format!(
        "{hint}; add more unrelated words"
    )))
}

/// A sentence as the first part of a longer one: first letter in lower case, no full stop.
fn sentence_part(s: &str) -> String {
    let s = s.trim().trim_end_matches('.');
    let mut chars = s.chars();
    match chars.next() {
        Some(first) => first.to_lowercase().chain(chars).collect(),
        None => String::new(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn check(p: &str, user: &str) -> Result<()> {
        check_password(&SecretString::from(p), &Policy::default(), &[user])
    }

    fn refusal(p: &str, user: &str) -> String {
        match check(p, user) {
            Err(SessionError::WeakPassword(why)) => why,
            Err(e) => panic!("{p}: {e}"),
            Ok(()) => panic!("{p} was accepted"),
        }
    }

    #[test]
    fn known_weak_passwords_are_refused() {
        for p in [
            "correcthorsebatterystaple",
            "casenotes2026!!!",
            "Casenotes-Casenotes",
            "Summer2026Summer",
            "CorrectHorse1234",
        ] {
            let why = refusal(p, "sam");
            assert!(!why.contains(p), "{why}");
        }
    }

    #[test]
    fn famous_passphrases_are_refused_in_any_form() {
        for p in [
            "correct horse battery staple",
            "Correct-Horse-Battery-Staple",
            "CORRECT_HORSE_BATTERY_STAPLE!",
            "  correct.horse.battery.staple 2026",
            "the quick brown fox jumps high",
            "May The Force Be With You 42",
        ] {
            assert_eq!(
                refusal(p, "sam"),
                "it is a famous example passphrase, among the first an attacker tries; choose \
                 words of your own",
                "{p}"
            );
        }
    }

    #[test]
    fn the_username_and_the_service_name_are_guessed_first() {
        assert!(check("pemberton-casenotes-2026", "pemberton").is_err());
        assert!(check("Pemberton2026Pemberton", "pemberton").is_err());
        let why = refusal("CaseNotesAdviser2026", "sam");
        assert_eq!(
            why,
            "it is built on words an attacker tries first (this service's name, your username, \
             seasons, months or days); add more unrelated words"
        );
    }

    #[test]
    fn good_passphrases_pass() {
        for p in [
            "violet anchor meadow trombone",
            "quartz lantern ember thistle",
            "copper falcon drizzle orchard",
            "nimbus osprey heather walnut",
            "pumice rhubarb sorrel tundra",
            "demo-harbour-lantern-quartz",
            "kettle-7-orchid-bramble",
        ] {
            assert!(check(p, "sam").is_ok(), "{p}: {:?}", check(p, "sam").err());
            assert!(check(p, "").is_ok(), "{p}");
        }
    }

    #[test]
    fn advice_reads_as_one_sentence() {
        let why = refusal("qwertyuiopasdfgh", "sam");
        assert!(!why.contains(".;"), "{why}");
        assert!(why.ends_with("; add more unrelated words"), "{why}");
        assert!(why.starts_with(char::is_lowercase), "{why}");
        assert_eq!(
            sentence_part("This is similar to a commonly used password."),
            "this is similar to a commonly used password"
        );
        assert_eq!(sentence_part(""), "");
    }

    #[test]
    fn length_is_checked_first() {
        assert_eq!(
            refusal("short", "sam"),
            "use at least 15 characters (a few unrelated words work well)"
        );
        let long = "x".repeat(MAX_PASSWORD_CHARS + 1);
        assert_eq!(
            refusal(&long, "sam"),
            format!("use at most {MAX_PASSWORD_CHARS} characters")
        );
    }
}
