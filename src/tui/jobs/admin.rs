//! The worker's share of the administrator's screens, the audit trail and choosing one's own
//! password: every account change derives a key (Argon2, about 0.2 s) or commits, and reading
//! and checking the audit trail opens every event, so none of it runs on the UI thread.

use std::sync::Arc;

use secrecy::SecretString;

use crate::domain::{Draft, Role, visible_line};
use crate::session::{
    AuditEntry, AuditFilter, ClientSummary, NeedsAdviser, RecoveryCodes, Session, SessionError,
    TotpEnrolment, UserSummary,
};

/// An account change an administrator asks for. The session checks the role and logs it.
pub enum Change {
    Add {
        role: Role,
        password: SecretString,
    },
    Disable,
    Enable {
        password: SecretString,
    },
    /// Another account's password set to a temporary one.
    Reset {
        password: SecretString,
    },
    /// The administrator's own password (a change, not a reset).
    Own {
        password: SecretString,
    },
    Role(Role),
}

/// What was changed, without the password, for the answer.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Changed {
    Added(Role),
    Disabled,
    Enabled,
    Reset,
    Own,
    Role(Role),
}

impl Change {
    fn kind(&self) -> Changed {
        match self {
            Change::Add { role, .. } => Changed::Added(*role),
            Change::Disable => Changed::Disabled,
            Change::Enable { .. } => Changed::Enabled,
            Change::Reset { .. } => Changed::Reset,
            Change::Own { .. } => Changed::Own,
            Change::Role(r) => Changed::Role(*r),
        }
    }
}

impl Changed {
    /// What was done, for the status line ("disabled bob").
    pub fn done(self, name: &str) -> String {
        let name = visible_line(name);
        match self {
            Changed::Added(Role::Admin) => format!("added {name} as an administrator (logged)"),
            Changed::Added(role) => {
                format!("added {name} as {role}: a supervisor confirms the account (logged)")
            }
            Changed::Disabled => format!("disabled {name}: its password opens nothing (logged)"),
            Changed::Enabled => {
                format!("enabled {name}: it chooses its own password at its next sign-in (logged)")
            }
            Changed::Reset => {
                format!("password reset: {name} chooses a new one at the next sign-in (logged)")
            }
            Changed::Own => "your password is changed (logged)".to_string(),
            Changed::Role(role) => format!("{name}'s role is now {role} (logged)"),
        }
    }

    /// What was refused, as the start of the status line ("not disabled").
    pub fn refused(self) -> &'static str {
        match self {
            Changed::Added(_) => "not added",
            Changed::Disabled => "not disabled",
            Changed::Enabled => "not enabled",
            Changed::Reset => "password not reset",
            Changed::Own => "password not changed",
            Changed::Role(_) => "role not changed",
        }
    }
}

/// What the worker is asked for on these screens.
pub enum AdminTask {
    /// The accounts, with their standing.
    Users { session: Arc<Session> },
    /// An account change; the accounts are read again after it.
    Change {
        session: Arc<Session>,
        name: String,
        change: Change,
    },
    SetPolicy {
        session: Arc<Session>,
        key: String,
        value: String,
    },
    /// The audit events that `filter` keeps.
    Audit {
        session: Arc<Session>,
        filter: AuditFilter,
    },
    /// The whole chain checked.
    Verify { session: Arc<Session> },
    /// The caller's own password, chosen after an administrator set it; then what the caller's
    /// first screen needs.
    ChoosePassword {
        session: Arc<Session>,
        password: SecretString,
    },
    /// A new authenticator secret, for the enrolment the policy requires.
    StartTotp { session: Arc<Session> },
    /// The enrolment confirmed with a first code.
    ConfirmTotp {
        session: Arc<Session>,
        code: SecretString,
    },
    /// After enrolling: what the first screen needs.
    AfterEnrolment { session: Arc<Session> },
}

/// After choosing one's own password: what the first screen needs (an adviser's or
/// supervisor's list and kept draft; nothing for an administrator), and anything the person
/// must know at once (a supervisor has yet to confirm the account, say).
#[derive(Default)]
pub struct Start {
    pub clients: Vec<ClientSummary>,
    pub draft: Option<Draft>,
    pub notices: Vec<String>,
}

/// What the worker answers.
pub enum AdminAnswer {
    Users(Result<Vec<UserSummary>, SessionError>),
    Changed {
        name: String,
        what: Changed,
        result: Result<NeedsAdviser, SessionError>,
        /// The accounts read again after a change that was made.
        users: Option<Result<Vec<UserSummary>, SessionError>>,
    },
    PolicySet {
        key: String,
        /// The value before, as this session knew it.
        from: u32,
        result: Result<u32, SessionError>,
    },
    Audit {
        filter: AuditFilter,
        result: Result<Vec<AuditEntry>, SessionError>,
    },
    /// The number of events, or where the chain breaks.
    Verified(Result<u64, SessionError>),
    PasswordChosen(Result<Box<Start>, SessionError>),
    TotpStarted(Result<TotpEnrolment, SessionError>),
    TotpConfirmed(Result<RecoveryCodes, SessionError>),
    Enrolled(Result<Box<Start>, SessionError>),
}

impl AdminTask {
    pub(super) fn run(self) -> AdminAnswer {
        match self {
            AdminTask::Users { session } => AdminAnswer::Users(session.users()),
            AdminTask::Change {
                session,
                name,
                change,
            } => {
                let what = change.kind();
                let result = match change {
                    Change::Add { role, password } => session
                        .add_user(&name, role, &password)
                        .map(|()| Default::default()),
                    Change::Disable => session.disable_user(&name),
                    Change::Enable { password } => session
                        .enable_user(&name, &password)
                        .map(|()| Default::default()),
                    Change::Reset { password } | Change::Own { password } => session
                        .change_password(&name, &password)
                        .map(|()| Default::default()),
                    Change::Role(role) => session.change_role(&name, role),
                };
                let users = result.is_ok().then(|| session.users());
                AdminAnswer::Changed {
                    name,
                    what,
                    result,
                    users,
                }
            }
            AdminTask::SetPolicy {
                session,
                key,
                value,
            } => {
                let from = session.policy().get(&key).unwrap_or_default();
                let result = session
                    .set_policy(&key, &value)
                    .map(|()| session.policy().get(&key).unwrap_or_default());
                AdminAnswer::PolicySet { key, from, result }
            }
            AdminTask::Audit { session, filter } => AdminAnswer::Audit {
                result: session.audit_where(&filter),
                filter,
            },
            AdminTask::Verify { session } => AdminAnswer::Verified(session.verify_audit()),
            AdminTask::ChoosePassword { session, password } => {
                AdminAnswer::PasswordChosen(choose_password(&session, &password))
            }
            AdminTask::StartTotp { session } => {
                AdminAnswer::TotpStarted(session.start_totp_enrolment())
            }
            AdminTask::ConfirmTotp { session, code } => {
                AdminAnswer::TotpConfirmed(session.confirm_totp(&code))
            }
            AdminTask::AfterEnrolment { session } => {
                AdminAnswer::Enrolled(Ok(Box::new(first_screen(&session))))
            }
        }
    }
}

/// Sets the caller's own password; then reads what their first screen needs. Once the
/// password is set, a list that cannot be read is a notice, not a failure (the password
/// stays set).
fn choose_password(session: &Session, password: &SecretString) -> Result<Box<Start>, SessionError> {
    let name = session.user_name().to_string();
    session.change_password(&name, password)?;
    Ok(Box::new(first_screen(session)))
}

/// What the caller's first screen needs: nothing for an administrator, or while a second
/// factor must be enrolled first; a list that cannot be read is a notice.
fn first_screen(session: &Session) -> Start {
    let mut start = Start::default();
    if !session.role().reads_case_content() || session.must_enrol() {
        return start;
    }
    match session.caseload() {
        Ok(clients) => {
            start.clients = clients;
            match session.draft() {
                Ok(d) => start.draft = d,
                Err(e) => start
                    .notices
                    .push(format!("your draft could not be read: {e}")),
            }
        }
        // After an administrator set the password, a supervisor confirms the account again.
        Err(e) => start.notices.push(e.to_string()),
    }
    start
}
