//! Errors every use case can return, and the rules a new password must pass.

use secrecy::{ExposeSecret, SecretString};

use crate::domain::{ClientRef, NoteId, Policy};
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
    #[error("the account '{0}' is disabled; ask an administrator")]
    Disabled(String),
    #[error("your account is waiting for a supervisor to confirm it: `casenotes user confirm {0}`")]
    Unconfirmed(String),
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
    #[error("no user named '{0}'")]
    UnknownUser(String),
    #[error("a user named '{0}' already exists")]
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

/// Checks a new password against the policy: length, common passwords and estimated strength
/// (zxcvbn score at least 3). No composition rules.
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
    let estimate = zxcvbn::zxcvbn(p, user_inputs);
    if u8::from(estimate.score()) < 3 {
        let hint = estimate
            .feedback()
            .and_then(|f| f.warning().map(|w| w.to_string()))
            .unwrap_or_else(|| "it is too easy to guess".to_string());
        return Err(SessionError::WeakPassword(format!(
            "{hint}; add more unrelated words"
        )));
    }
    Ok(())
}
