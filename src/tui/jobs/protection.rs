//! The worker's share of the data-protection records: a client's disclosures and the breach
//! log. Reading a client's disclosures outside one's caseload commits its break-glass event, and
//! every recording commits, so none of it runs on the UI thread.

use std::sync::Arc;

use crate::domain::ClientRef;
use crate::session::{
    BreachUpdate, BreachView, DisclosureView, NewBreach, NewDisclosure, Session, SessionError,
};

/// What the worker is asked to do about these records.
pub enum ProtectionTask {
    /// A client's disclosures, oldest first.
    Disclosures {
        session: Arc<Session>,
        client: ClientRef,
        access: Option<String>,
    },
    /// Records a disclosure and reads the list again. On the basis of consent, with
    /// `check_consent`, first asks whether the client has a current consent to share, and
    /// records nothing if not (the person is asked).
    Disclose {
        session: Arc<Session>,
        client: ClientRef,
        new: NewDisclosure,
        check_consent: bool,
        access: Option<String>,
    },
    /// The breach log.
    Breaches { session: Arc<Session> },
    /// Records a breach and reads the log again.
    RecordBreach {
        session: Arc<Session>,
        new: NewBreach,
    },
    /// Completes breach `number` and reads the log again.
    UpdateBreach {
        session: Arc<Session>,
        number: u32,
        update: BreachUpdate,
    },
}

/// How recording a disclosure went.
pub enum Disclosed {
    /// Recorded as `number`; the client's disclosures read again.
    Recorded {
        number: u32,
        list: Vec<DisclosureView>,
    },
    /// On the basis of consent, the client has no current consent to share: nothing recorded.
    NoConsent,
    Failed(SessionError),
}

/// What the worker answers.
pub enum ProtectionAnswer {
    Disclosures {
        client: ClientRef,
        result: Result<Vec<DisclosureView>, SessionError>,
    },
    Disclosed {
        client: ClientRef,
        outcome: Disclosed,
    },
    /// The breach log, read (after `done`, what was just recorded, if anything).
    Breaches {
        done: Option<Result<String, SessionError>>,
        result: Result<Vec<BreachView>, SessionError>,
    },
}

impl ProtectionTask {
    pub fn run(self) -> ProtectionAnswer {
        match self {
            ProtectionTask::Disclosures {
                session,
                client,
                access,
            } => ProtectionAnswer::Disclosures {
                client,
                result: session.disclosures(client, access.as_deref()),
            },
            ProtectionTask::Disclose {
                session,
                client,
                new,
                check_consent,
                access,
            } => {
                let access = access.as_deref();
                let outcome = (|| {
                    if check_consent && !session.may_share(client, access)? {
                        return Ok(Disclosed::NoConsent);
                    }
                    let number = session.disclose(client, new, access)?;
                    let list = session.disclosures(client, access)?;
                    Ok(Disclosed::Recorded { number, list })
                })()
                .unwrap_or_else(Disclosed::Failed);
                ProtectionAnswer::Disclosed { client, outcome }
            }
            ProtectionTask::Breaches { session } => ProtectionAnswer::Breaches {
                done: None,
                result: session.breaches(),
            },
            ProtectionTask::RecordBreach { session, new } => {
                let done = session
                    .record_breach(new)
                    .map(|n| format!("breach {n} recorded (logged)"));
                ProtectionAnswer::Breaches {
                    done: Some(done),
                    result: session.breaches(),
                }
            }
            ProtectionTask::UpdateBreach {
                session,
                number,
                update,
            } => {
                let done = session
                    .update_breach(number, update)
                    .map(|()| format!("breach {number} updated (logged)"));
                ProtectionAnswer::Breaches {
                    done: Some(done),
                    result: session.breaches(),
                }
            }
        }
    }
}
