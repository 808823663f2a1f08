//! Slow work off the UI thread: key derivation at sign-in, and every call that commits (saves,
//! reveals, the audit events of opening a client). One worker runs jobs in order, so a draft save
//! can never land after the note that replaced it; the UI takes each reply as an event.
//!
//! Every job carries the [`Generation`] of the session it was started under. A lock, a sign-in
//! and a switch of user start a new generation, so a reply that arrives after one of them can be
//! told apart and dropped (see `App::on_reply`).
//!
//! [`admin`] holds the jobs of the administrator's screens, the audit trail and choosing one's
//! own password; [`protection`] those of a client's disclosures and the breach log.

pub mod admin;
pub mod protection;

use std::sync::Arc;
use std::sync::mpsc::{Receiver, Sender, channel};
use std::thread;

use secrecy::SecretString;
use zeroize::Zeroizing;

use crate::domain::{
    ClientRef, ConsentMethod, ConsentScope, Date, Draft, NoteId, ReviewOutcome, Section,
    visible_line,
};
use crate::session::{
    self, ClientDetails, ClientEdit, ClientSummary, ClientView, Dashboard, ErasureStage,
    GlassAccess, NewClient, NewNote, Operation, RetentionDue, Reveal, RevisionView, Session,
    SessionError, StoreHandle,
};

/// Which session a job belongs to: bumped on every sign-in, lock and switch of user.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Generation(pub u64);

impl Generation {
    pub fn next(self) -> Generation {
        Generation(self.0.wrapping_add(1))
    }
}

/// A task, tagged with the generation it was started under.
pub struct Job {
    pub generation: Generation,
    pub task: Task,
}

/// An answer, tagged with the generation of the job it answers.
pub struct Reply {
    pub generation: Generation,
    pub answer: Answer,
}

/// What the worker is asked to do.
pub enum Task {
    SignIn {
        store: StoreHandle,
        user: String,
        password: SecretString,
        /// The key file's path, for an account bound to one.
        key_file: Option<std::path::PathBuf>,
        /// A one-time code or recovery code, for an account that has them.
        code: Option<SecretString>,
        /// Unlocking after a lock (the draft goes straight back into the editor).
        unlock: bool,
    },
    Open {
        session: Arc<Session>,
        client: ClientRef,
        reason: Option<String>,
        then: Then,
    },
    Reveal {
        session: Arc<Session>,
        client: ClientRef,
        note: NoteId,
        index: usize,
        reason: String,
        access: Option<String>,
    },
    SaveNote {
        session: Arc<Session>,
        client: ClientRef,
        note: NewNote,
        reason: Option<String>,
        /// Kept instead if the save fails, so no text is lost even if the screen has locked
        /// in the meantime.
        draft: Draft,
    },
    SaveDraft {
        session: Arc<Session>,
        draft: Draft,
    },
    DiscardDraft {
        session: Arc<Session>,
        client: ClientRef,
    },
    List {
        session: Arc<Session>,
        all: bool,
    },
    /// The list the person started from, read again because the store changed.
    Refresh {
        session: Arc<Session>,
    },
    /// A supervisor confirms an account (gives it the case keys).
    Confirm {
        session: Arc<Session>,
        name: String,
    },
    AddClient {
        session: Arc<Session>,
        new: NewClient,
    },
    EditClient {
        session: Arc<Session>,
        client: ClientRef,
        edit: ClientEdit,
        access: Option<String>,
    },
    /// An addendum or a correction to a saved note, from the editor.
    SaveChange {
        session: Arc<Session>,
        client: ClientRef,
        note: NoteId,
        change: Change,
        access: Option<String>,
        /// Kept instead if the save fails.
        draft: Draft,
    },
    /// A client's consent is recorded.
    GiveConsent {
        session: Arc<Session>,
        client: ClientRef,
        scope: ConsentScope,
        method: ConsentMethod,
        access: Option<String>,
    },
    /// A client's consent is recorded as withdrawn.
    WithdrawConsent {
        session: Arc<Session>,
        client: ClientRef,
        number: u32,
        access: Option<String>,
    },
    /// A supervisor gives a client another adviser.
    Reassign {
        session: Arc<Session>,
        client: ClientRef,
        to: String,
        reason: String,
    },
    /// An agreed action is marked done.
    CompleteAction {
        session: Arc<Session>,
        client: ClientRef,
        number: u32,
        access: Option<String>,
    },
    /// The break-glass accesses (awaiting review, or all).
    Glass {
        session: Arc<Session>,
        all: bool,
    },
    /// A supervisor's finding on a break-glass access.
    ReviewGlass {
        session: Arc<Session>,
        event: u64,
        outcome: ReviewOutcome,
        comment: String,
        all: bool,
    },
    /// A supervisor signs a note off.
    SignOff {
        session: Arc<Session>,
        client: ClientRef,
        note: NoteId,
    },
    /// A supervisor reads a note's revisions (masked sections revealed with a reason).
    History {
        session: Arc<Session>,
        client: ClientRef,
        note: NoteId,
        reason: Option<String>,
    },
    /// A client's date of birth and contact, revealed with a reason (logged first).
    RevealDetails {
        session: Arc<Session>,
        client: ClientRef,
        reason: String,
        access: Option<String>,
    },
    /// Accounts, policy, the audit trail, one's own password.
    Admin(admin::AdminTask),
    /// A client's disclosures, the breach log.
    Protection(protection::ProtectionTask),
    /// The supervisor's caseload dashboard, counted against `today`.
    Dashboard {
        session: Arc<Session>,
        today: Date,
    },
    /// The clients past retention on `today` (supervisors).
    Retention {
        session: Arc<Session>,
        today: Date,
        done: Option<String>,
    },
    /// A client erased (after its reference was typed again), then the list read again; each
    /// stage is written to `progress` for the status line.
    Erase {
        session: Arc<Session>,
        client: ClientRef,
        confirm: String,
        today: Date,
        progress: Arc<std::sync::Mutex<Option<ErasureStage>>>,
    },
    /// A section redacted (supervisors), then the file compacted.
    Redact {
        session: Arc<Session>,
        client: ClientRef,
        note: NoteId,
        index: usize,
        reason: String,
    },
    /// Everything held about a client written to a new file (supervisors).
    Export {
        session: Arc<Session>,
        client: ClientRef,
        path: std::path::PathBuf,
    },
    /// A client's case closed.
    CloseCase {
        session: Arc<Session>,
        client: ClientRef,
    },
}

/// A change to a saved note.
pub enum Change {
    Addendum(Section),
    Correction { sections: Vec<Section>, why: String },
}

/// What to do with a client once it is open.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Then {
    /// Show it.
    Show,
    /// Show it, and open the editor for a note about it.
    Write,
    /// Show it again where the person already was (after a save, after unlocking), with this
    /// section selected; unless they have moved to another screen since the job started
    /// (`nav`, the router's count of moves), when the answer is dropped.
    Return { nav: u64, selected: usize },
}

/// A signed-in user's first screen, prepared off the UI thread.
pub struct SignedIn {
    pub session: Session,
    pub clients: Vec<ClientSummary>,
    pub draft: Option<Draft>,
    pub unlock: bool,
    /// The store's version read just before the list (see [`Session::store_version`]).
    pub version: u64,
    /// What the person must know at once: a store older than this machine saw, an account
    /// waiting for confirmation, accounts waiting for theirs.
    pub notices: Vec<String>,
}

/// What the worker answers.
pub enum Answer {
    SignedIn(Result<Box<SignedIn>, SessionError>),
    Opened {
        client: ClientRef,
        reason: Option<String>,
        then: Then,
        result: Result<ClientView, SessionError>,
    },
    Revealed {
        client: ClientRef,
        note: NoteId,
        index: usize,
        result: Result<Zeroizing<String>, SessionError>,
    },
    Saved {
        client: ClientRef,
        reason: Option<String>,
        result: Result<NoteId, SessionError>,
        /// For a failed save: whether the text was kept as a draft instead.
        kept_as_draft: bool,
    },
    DraftSaved(Result<(), SessionError>),
    DraftDiscarded(Result<(), SessionError>),
    Listed {
        all: bool,
        /// The store's version read just before the list.
        version: u64,
        result: Result<Vec<ClientSummary>, SessionError>,
    },
    Confirmed {
        name: String,
        result: Result<(), SessionError>,
    },
    ClientAdded(Result<ClientRef, SessionError>),
    /// An addendum, correction or sign-off: what to say once done.
    Changed {
        client: ClientRef,
        access: Option<String>,
        result: Result<String, SessionError>,
        /// For a failed save: whether the text was kept as a draft instead.
        kept_as_draft: bool,
    },
    History {
        client: ClientRef,
        note: NoteId,
        result: Result<Vec<RevisionView>, SessionError>,
    },
    Glass {
        all: bool,
        /// What was just done, to say (a review recorded).
        done: Option<String>,
        result: Result<Vec<GlassAccess>, SessionError>,
    },
    ClientEdited {
        client: ClientRef,
        access: Option<String>,
        result: Result<(), SessionError>,
    },
    DetailsRevealed {
        client: ClientRef,
        result: Result<ClientDetails, SessionError>,
    },
    Admin(admin::AdminAnswer),
    Protection(protection::ProtectionAnswer),
    Dashboard {
        /// The store's version read just before the figures.
        version: u64,
        result: Result<Dashboard, SessionError>,
    },
    /// The clients past retention, with what was just done (an erasure, or why it failed).
    Retention {
        done: Option<Result<String, SessionError>>,
        result: Result<Vec<RetentionDue>, SessionError>,
    },
}

impl Job {
    /// Does the work. Runs on the worker thread (or inline in tests).
    pub fn run(self) -> Reply {
        Reply {
            generation: self.generation,
            answer: self.task.run(),
        }
    }
}

impl Task {
    fn run(self) -> Answer {
        match self {
            Task::SignIn {
                store,
                user,
                password,
                key_file,
                code,
                unlock,
            } => Answer::SignedIn(
                session::sign_in_to_app(
                    store,
                    &user,
                    &session::Credentials {
                        password: &password,
                        key_file: key_file.as_deref(),
                        code: code.as_ref(),
                    },
                )
                .and_then(|s| {
                    let version = s.store_version()?;
                    let mut notices = Vec::new();
                    if let Some(w) = s.rollback_warning() {
                        notices.push(w);
                    }
                    // Until the account chooses its own password (and enrols a second factor, if
                    // the policy requires one) the session answers nothing else; an
                    // administrator has no caseload (their screens read their own).
                    if s.must_change_password() || s.must_enrol() || !s.role().reads_case_content()
                    {
                        return Ok(Box::new(SignedIn {
                            session: s,
                            clients: Vec::new(),
                            draft: None,
                            unlock,
                            version,
                            notices,
                        }));
                    }
                    // An account not yet confirmed signs in to an empty caseload that says why.
                    let (clients, draft) = match s.caseload() {
                        Ok(clients) => (clients, s.draft()?),
                        Err(e @ SessionError::Unconfirmed(_)) => {
                            notices.push(e.to_string());
                            (Vec::new(), None)
                        }
                        Err(e) => return Err(e),
                    };
                    if s.may(Operation::ReassignClients).is_ok() && s.is_confirmed() {
                        let orphans = s.clients_without_active_adviser()?;
                        if !orphans.is_empty() {
                            let refs: Vec<String> =
                                orphans.iter().map(|c| c.reference.to_string()).collect();
                            notices.push(format!(
                                "{} open client{} need a new adviser: {} (open one, press R)",
                                refs.len(),
                                if refs.len() == 1 { "" } else { "s" },
                                refs.join(", ")
                            ));
                        }
                    }
                    if s.may(Operation::ConfirmUsers).is_ok() {
                        let waiting = s.awaiting_confirmation()?;
                        if !waiting.is_empty() {
                            let names: Vec<String> = waiting
                                .iter()
                                .map(|u| visible_line(&u.name).into_owned())
                                .collect();
                            notices.push(format!(
                            "waiting for you to confirm them: {} (`casenotes user confirm NAME`)",
                            names.join(", ")
                        ));
                        }
                    }
                    Ok(Box::new(SignedIn {
                        session: s,
                        clients,
                        draft,
                        unlock,
                        version,
                        notices,
                    }))
                }),
            ),
            Task::Open {
                session,
                client,
                reason,
                then,
            } => Answer::Opened {
                client,
                result: session.open_client(client, reason.as_deref(), Reveal::Nothing),
                reason,
                then,
            },
            Task::Reveal {
                session,
                client,
                note,
                index,
                reason,
                access,
            } => Answer::Revealed {
                client,
                note,
                index,
                result: session.reveal_section(client, note, index, &reason, access.as_deref()),
            },
            Task::SaveNote {
                session,
                client,
                note,
                reason,
                draft,
            } => {
                let result = session.add_note_from_draft(client, note, reason.as_deref());
                let kept_as_draft = result.is_err() && session.save_draft(&draft).is_ok();
                Answer::Saved {
                    client,
                    reason,
                    result,
                    kept_as_draft,
                }
            }
            Task::SaveDraft { session, draft } => Answer::DraftSaved(session.save_draft(&draft)),
            Task::DiscardDraft { session, client } => {
                Answer::DraftDiscarded(session.discard_draft(client))
            }
            Task::Confirm { session, name } => Answer::Confirmed {
                result: session.confirm_user(&name),
                name,
            },
            Task::AddClient { session, new } => Answer::ClientAdded(session.add_client(new)),
            Task::SaveChange {
                session,
                client,
                note,
                change,
                access,
                draft,
            } => {
                let result = match change {
                    Change::Addendum(section) => session
                        .add_addendum_from_draft(client, note, section, access.as_deref())
                        .map(|()| format!("added an addendum to {note}")),
                    Change::Correction { sections, why } => session
                        .correct_note_from_draft(client, note, sections, &why)
                        .map(|rev| format!("corrected {note}: revision {rev} (earlier ones kept)")),
                };
                let kept_as_draft = result.is_err() && session.save_draft(&draft).is_ok();
                Answer::Changed {
                    client,
                    access,
                    result,
                    kept_as_draft,
                }
            }
            Task::GiveConsent {
                session,
                client,
                scope,
                method,
                access,
            } => Answer::Changed {
                client,
                result: session
                    .give_consent(client, scope, method, None, access.as_deref())
                    .map(|n| format!("consent {n} of {client} recorded (logged)")),
                access,
                kept_as_draft: false,
            },
            Task::WithdrawConsent {
                session,
                client,
                number,
                access,
            } => Answer::Changed {
                client,
                result: session
                    .withdraw_consent(client, number, None, access.as_deref())
                    .map(|()| format!("consent {number} of {client} recorded as withdrawn")),
                access,
                kept_as_draft: false,
            },
            Task::Reassign {
                session,
                client,
                to,
                reason,
            } => Answer::Changed {
                client,
                result: session
                    .reassign_client(client, &to, &reason)
                    .map(|()| format!("{client} is now {}'s client (logged)", visible_line(&to))),
                access: None,
                kept_as_draft: false,
            },
            Task::CompleteAction {
                session,
                client,
                number,
                access,
            } => Answer::Changed {
                client,
                result: session
                    .complete_action(client, number, access.as_deref())
                    .map(|()| format!("action {number} of {client} marked done")),
                access,
                kept_as_draft: false,
            },
            Task::Retention {
                session,
                today,
                done,
            } => Answer::Retention {
                done: done.map(Ok),
                result: session.retention_due(today),
            },
            Task::Erase {
                session,
                client,
                confirm,
                today,
                progress,
            } => {
                let done = session
                    .erase_client(client, &confirm, today, |stage| {
                        *progress.lock().unwrap_or_else(|e| e.into_inner()) = Some(stage);
                    })
                    .map(|e| {
                        let backups = match e.in_backups.len() {
                            0 => String::new(),
                            1 => "; 1 backup still holds it until deleted".into(),
                            n => format!("; {n} backups still hold it until deleted"),
                        };
                        format!(
                            "erased {client}: {} notes and {} records destroyed with its keys; the store was rewritten (logged){backups}",
                            e.notes, e.rows
                        )
                    });
                Answer::Retention {
                    done: Some(done),
                    result: session.retention_due(today),
                }
            }
            Task::Redact {
                session,
                client,
                note,
                index,
                reason,
            } => Answer::Changed {
                client,
                result: session
                    .redact_section(client, note, index, &reason)
                    .map(|outcome| match outcome.compaction {
                        session::Compaction::Done => {
                            format!("redacted section {} of {note} (logged)", index + 1)
                        }
                        session::Compaction::Pending(why) => format!(
                            "redacted section {} of {note}; the file is not yet rewritten: {why}",
                            index + 1
                        ),
                    }),
                access: None,
                kept_as_draft: false,
            },
            Task::Export {
                session,
                client,
                path,
            } => Answer::Changed {
                client,
                result: session
                    .export_client_to_file(
                        client,
                        &path,
                        session::ExportOptions {
                            format: crate::domain::ExportFormat::for_path(&path),
                            pseudonymise: false,
                        },
                    )
                    .map(|done| {
                        format!(
                            "exported {client} to {} ({}; {} parts flagged for your review; logged)",
                            visible_line(&path.display().to_string()),
                            done.format,
                            done.for_review
                        )
                    }),
                access: None,
                kept_as_draft: false,
            },
            Task::CloseCase { session, client } => Answer::Changed {
                client,
                result: session.close_client(client).map(|()| {
                    format!(
                        "closed {client}: kept {} years (logged)",
                        session.policy().retention_years
                    )
                }),
                access: None,
                kept_as_draft: false,
            },
            Task::Glass { session, all } => Answer::Glass {
                all,
                done: None,
                result: session.break_glass(all),
            },
            Task::ReviewGlass {
                session,
                event,
                outcome,
                comment,
                all,
            } => match session.review_break_glass(event, outcome, &comment) {
                Ok(()) => Answer::Glass {
                    all,
                    done: Some(format!("access {event} reviewed: {outcome} (logged)")),
                    result: session.break_glass(all),
                },
                Err(e) => Answer::Glass {
                    all,
                    done: None,
                    result: Err(e),
                },
            },
            Task::SignOff {
                session,
                client,
                note,
            } => Answer::Changed {
                client,
                access: None,
                result: session
                    .sign_off(client, note)
                    .map(|()| format!("signed off {note}: locked against corrections")),
                kept_as_draft: false,
            },
            Task::History {
                session,
                client,
                note,
                reason,
            } => Answer::History {
                client,
                note,
                result: session.note_history(client, note, reason.as_deref()),
            },
            Task::EditClient {
                session,
                client,
                edit,
                access,
            } => Answer::ClientEdited {
                client,
                result: session.edit_client(client, edit, access.as_deref()),
                access,
            },
            Task::RevealDetails {
                session,
                client,
                reason,
                access,
            } => Answer::DetailsRevealed {
                client,
                result: session.reveal_details(client, &reason, access.as_deref()),
            },
            Task::Refresh { session } => Answer::Listed {
                all: false,
                version: session.store_version().unwrap_or(0),
                result: session.caseload(),
            },
            Task::List { session, all } => Answer::Listed {
                all,
                version: session.store_version().unwrap_or(0),
                result: session.clients(all),
            },
            Task::Admin(task) => Answer::Admin(task.run()),
            Task::Protection(task) => Answer::Protection(task.run()),
            Task::Dashboard { session, today } => Answer::Dashboard {
                version: session.store_version().unwrap_or(0),
                result: session.dashboard(today),
            },
        }
    }
}

/// The worker thread and its two channels.
pub struct Worker {
    jobs: Sender<Job>,
    pub replies: Receiver<Reply>,
}

impl Worker {
    pub fn start() -> Worker {
        let (jobs, job_rx) = channel::<Job>();
        let (reply_tx, replies) = channel();
        thread::spawn(move || {
            for job in job_rx {
                if reply_tx.send(job.run()).is_err() {
                    break;
                }
            }
        });
        Worker { jobs, replies }
    }

    /// Queues a job. If the worker has gone, the job is run here so nothing is lost.
    pub fn submit(&self, job: Job) -> Option<Reply> {
        match self.jobs.send(job) {
            Ok(()) => None,
            Err(e) => Some(e.0.run()),
        }
    }
}
