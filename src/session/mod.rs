//! The one door. A [`Session`] is an authenticated user's handle over an open store; every use
//! case lives here, checks the caller's role, and writes its audit event in the same durable
//! transaction as the change — or, for reads of masked text, commits the event before the text
//! is put into the returned view. Faces (CLI, TUI) never open tables or touch keys.
//!
//! - `mod.rs`: the [`Session`] type, the table of who may do what ([`Operation`]), and the helper
//!   that commits a change together with its audit events.
//! - [`error`]: errors, and the rules a new password must pass.
//! - [`auth`]: creating and opening a store ([`StoreHandle`]), signing in, rate limiting.
//! - [`factors`]: second factors: key files, one-time codes and recovery codes, enrolling them,
//!   and what the policy requires.
//! - [`views`]: what faces receive (masked text is absent) and the inputs of new records.
//! - `records`: the associated data that binds each sealed record to its place.
//! - `audit`: appending to, reading and verifying the chained audit trail.
//! - `admin`: user accounts.
//! - `policy`: the office's policy as stored (and its earlier layout), and changing it.
//! - `assignments`: each client's adviser and status under the office key, so that an
//!   administrator can name (by reference) the clients a departing adviser held.
//! - `membership`: who holds the case keys: the roster, confirming accounts, the first
//!   supervisor's case keys.
//! - `keys`: the caller's own keys and what they seal; rotation of the case key ring.
//! - `cases`: clients, notes, opening, revealing, break-the-glass.
//! - `actions`: actions agreed in notes, filed as records of their client: listing them (one
//!   client's, or the open ones across a caseload) and marking one done.
//! - [`clients`]: a client's details: revealing the confidential ones, correcting them.
//! - `drafts`: notes in progress.
//! - `consent`: what a client consented to, until when; withdrawal.
//! - `disclosure`: what was shared with whom, on which lawful basis.
//! - `export`: subject access: everything held about one client, logged, and written to an
//!   owner-only file as JSON or Markdown.
//! - `reassign`: giving a client another adviser; the open clients without an active one.
//! - `refresh`: whether the store changed since a face read it.
//! - `retention`: closing a client, and the clients past their retention date.
//! - `erase`: erasing a client past retention: its keys and records deleted, the file
//!   rewritten.
//! - `supervision`: a note after it is saved: sign-off, corrections (revisions), addenda.
//! - `redact`: a supervisor's redaction of a section (its text destroyed in every revision,
//!   a marker left), the compaction of the file that follows, and how a section shows.
//! - [`dashboard`]: the supervisor's caseload dashboard, figures per adviser counted from each
//!   client's record (never a note), and the same recounted from every record.
//! - `review`: the break-glass accesses awaiting a supervisor's review, the review, and the
//!   audit viewer's filters.
//! - `breach`: the breach log.
//! - `bulk`: synthetic caseloads and many accounts at once, for `seed` and `demo`.
//! - `integrity`: record counts, each client's list of notes, the links between records and
//!   the audit trail, and `casenotes check`.
//! - `witness`: this machine's record of the newest audit head it has seen, which shows a
//!   store rolled back to an older copy.
//! - `backup`: consistent snapshots of the store written to new files and checked, dated
//!   backups kept to a number, and the store's list of the backups it took (which clients each
//!   holds, for erasure).
//! - `restore`: putting a checked backup in the store's place, the old file kept beside it.

mod actions;
mod admin;
mod assignments;
mod audit;
pub mod auth;
mod backup;
mod breach;
mod bulk;
mod cases;
pub mod clients;
mod consent;
pub mod dashboard;
mod disclosure;
mod drafts;
mod erase;
pub mod error;
mod export;
pub mod factors;
mod headings;
mod integrity;
mod keys;
mod membership;
mod migrate;
mod policy;
mod reassign;
mod records;
mod redact;
mod refresh;
mod restore;
mod retention;
mod review;
mod supervision;
pub mod views;
mod witness;

pub use auth::*;
pub use backup::{BackupFile, BackupStage, BackupTarget, BackupWritten};
pub use breach::{BreachUpdate, BreachView, NewBreach};
pub use clients::ClientEdit;
pub use consent::{ConsentView, consent_summary};
pub use dashboard::{AdviserFigures, CaseloadFigures, Dashboard};
pub use disclosure::{DisclosureView, NewDisclosure};
pub use erase::{Erasure, ErasureStage};
pub use error::*;
pub use export::{ExportOptions, ExportWritten};
pub use factors::{
    Credentials, Factors, RECOVERY_CODES, RecoveryCodes, SecondFactors, TotpEnrolment, peek_factors,
};
use headings::HeadingCache;
pub use integrity::CheckReport;
pub use keys::ERASED_REASON;
pub use migrate::{MigrateStage, Migrated};
use records::*;
pub use redact::{Compaction, REDACTED_ACTION_TEXT, RedactOutcome};
pub use restore::{RestoreStage, Restored, restore_store, restored_file};
pub use retention::RetentionDue;
pub use review::{AuditFilter, GlassAccess, GlassReview};
pub use supervision::RevisionView;
pub use views::*;

use std::fmt;

use crate::domain::{self, AuditAction, AuditEvent, ClientRef, Policy, Role, User};
use crate::store::{Store, WriteTxn};
use crate::vault::{AccountSeed, AuditKey, CaseRing, MasterKey};

pub use crate::store::{CompactProgress, Location};
pub use crate::vault::KdfCost;

/// Whether a panic on this thread comes from the storage engine meeting a damaged file: that is
/// reported as one clear error by the use case, so a panic hook should stay silent.
pub fn storage_engine_panicked() -> bool {
    crate::store::in_guard()
}

/// A use case, for asking [`Session::may`] before collecting its input. The one table of which
/// role may do what.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[non_exhaustive]
pub enum Operation {
    AddUsers,
    ListUsers,
    DisableUsers,
    ResetPasswords,
    ChangePolicy,
    ReadClients,
    AddClients,
    ReadNotes,
    ReadAudit,
    Seed,
    Check,
    /// Giving an account the case keys.
    ConfirmUsers,
    /// Enabling a disabled account again, with a temporary password.
    EnableUsers,
    /// Changing an account's role.
    ChangeRoles,
    /// Giving a client another adviser, and listing the open clients without an active one.
    ReassignClients,
    /// Reviewing break-glass accesses.
    ReviewAccess,
    /// Signing notes off, and reading their earlier revisions.
    SignOff,
    /// Recording and reading the breach log.
    RecordBreaches,
    /// Reading the caseload dashboard: figures per adviser.
    ViewDashboard,
    /// Redacting a section of a note: its text destroyed in every revision.
    Redact,
    /// Exporting everything held about a client (a subject access request).
    ExportClient,
    /// Erasing a client past retention, and listing the clients past it.
    EraseClients,
    /// Taking a backup of the store, and listing the backups taken.
    Backup,
    /// Replacing the store with a backup.
    Restore,
    /// Copying every record of the store into a new store (a file or a PostgreSQL database).
    Migrate,
}

impl Operation {
    /// The roles allowed to do it.
    pub fn roles(self) -> &'static [Role] {
        match self {
            Operation::AddUsers
            | Operation::DisableUsers
            | Operation::EnableUsers
            | Operation::ChangeRoles
            | Operation::ResetPasswords
            | Operation::ChangePolicy
            | Operation::Seed
            | Operation::Restore
            | Operation::Migrate => &[Role::Admin],
            Operation::ListUsers
            | Operation::ReadAudit
            | Operation::Check
            | Operation::RecordBreaches
            | Operation::Backup => &[Role::Admin, Role::Supervisor],
            Operation::ConfirmUsers
            | Operation::ReassignClients
            | Operation::ReviewAccess
            | Operation::SignOff
            | Operation::ViewDashboard
            | Operation::Redact
            | Operation::ExportClient
            | Operation::EraseClients => &[Role::Supervisor],
            Operation::ReadClients | Operation::AddClients | Operation::ReadNotes => {
                &[Role::Adviser, Role::Supervisor]
            }
        }
    }

    /// What it is, for a refusal ("… is not allowed for the adviser role").
    pub fn describe(self) -> &'static str {
        match self {
            Operation::AddUsers => "adding users",
            Operation::ListUsers => "listing users",
            Operation::DisableUsers => "disabling users",
            Operation::ResetPasswords => "changing another user's password",
            Operation::ChangePolicy => "changing the policy",
            Operation::ReadClients => "reading client names",
            Operation::AddClients => "adding clients",
            Operation::ReadNotes => "reading case notes",
            Operation::ReadAudit => "reading the audit trail",
            Operation::Seed => "seeding",
            Operation::Check => "checking the store",
            Operation::ConfirmUsers => "confirming accounts",
            Operation::EnableUsers => "enabling users",
            Operation::ChangeRoles => "changing roles",
            Operation::ReassignClients => "reassigning clients",
            Operation::ReviewAccess => "reviewing break-glass accesses",
            Operation::SignOff => "signing notes off",
            Operation::RecordBreaches => "the breach log",
            Operation::ViewDashboard => "reading the caseload dashboard",
            Operation::Redact => "redacting notes",
            Operation::ExportClient => "exporting a client's records",
            Operation::EraseClients => "erasing clients",
            Operation::Backup => "taking backups",
            Operation::Restore => "restoring the store from a backup",
            Operation::Migrate => "copying the store to another",
        }
    }

    /// Whether it needs the case keys, which an account holds once a supervisor confirmed it.
    pub fn needs_case_keys(self) -> bool {
        matches!(
            self,
            Operation::ReadClients
                | Operation::AddClients
                | Operation::ReadNotes
                | Operation::ConfirmUsers
                | Operation::ReassignClients
                | Operation::ViewDashboard
                | Operation::Redact
                | Operation::ExportClient
                | Operation::EraseClients
        )
    }
}

/// An authenticated user's handle. Dropping it (or [`Session::lock`]) zeroes its keys: the
/// office key, the account's seed and, for a confirmed adviser or supervisor, the case keys.
pub struct Session {
    store: Store,
    master: MasterKey,
    audit_key: AuditKey,
    user: User,
    /// The office's policy as read at sign-in, and as this session last changed it (an
    /// administrator's app changes it through a shared handle).
    policy: std::sync::Mutex<Policy>,
    /// What this session knows of the store's history as seen on this machine.
    watch: witness::Watch,
    keys: std::sync::Mutex<keys::AccountKeys>,
    /// The account's password was set by an administrator and not yet replaced by its own.
    must_change: std::sync::atomic::AtomicBool,
    /// The policy requires a second factor of the account's role and it has none yet.
    must_enrol: std::sync::atomic::AtomicBool,
    /// The sealed roster last found to agree with this session's standing (see
    /// `keys::check_standing`).
    standing: std::sync::Mutex<Option<Vec<u8>>>,
    #[cfg(test)]
    fail_audit: std::sync::atomic::AtomicBool,
}

impl fmt::Debug for Session {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Session")
            .field("user", &self.user.name)
            .field("role", &self.user.role)
            .finish_non_exhaustive()
    }
}

impl Session {
    fn new(
        store: Store,
        master: MasterKey,
        user: User,
        policy: Policy,
        seed: AccountSeed,
        ring: Option<CaseRing>,
        must_change: bool,
    ) -> Result<Session> {
        let audit_key = crate::vault::audit_key(&master)?;
        Ok(Session {
            store,
            master,
            audit_key,
            user,
            policy: std::sync::Mutex::new(policy),
            watch: Default::default(),
            keys: std::sync::Mutex::new(keys::AccountKeys {
                seed,
                ring: ring.map(std::sync::Arc::new),
                key_file: None,
            }),
            must_change: std::sync::atomic::AtomicBool::new(must_change),
            must_enrol: std::sync::atomic::AtomicBool::new(false),
            standing: std::sync::Mutex::new(None),
            #[cfg(test)]
            fail_audit: std::sync::atomic::AtomicBool::new(false),
        })
    }

    pub fn user_name(&self) -> &str {
        &self.user.name
    }

    pub fn role(&self) -> Role {
        self.user.role
    }

    /// The office's policy as read at sign-in, or as this session last changed it.
    pub fn policy(&self) -> Policy {
        self.policy
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner)
            .clone()
    }

    /// Ends the session, zeroing the keys, and hands back the store for the next sign-in.
    pub fn lock(self) -> StoreHandle {
        StoreHandle(self.store)
    }

    /// Whether the caller may do `op` at all (faces ask before collecting input for it). An
    /// account whose password an administrator set may do nothing until it chooses its own; an
    /// adviser or supervisor not yet confirmed may do nothing that needs the case keys.
    pub fn may(&self, op: Operation) -> Result<()> {
        self.refuse_if_must_change()?;
        self.require(op.roles(), op.describe())?;
        if op.needs_case_keys() && !self.holds_case_keys() {
            return Err(self.no_case_keys());
        }
        Ok(())
    }

    /// Whether the caller's password was set by an administrator (a reset of a forgotten
    /// password, or re-enabling the account) and not yet replaced: until the caller changes it
    /// with [`Session::change_password`] on their own account, every other use case is refused
    /// with [`SessionError::MustChangePassword`]. Still answered meanwhile, since they read
    /// nothing of the store's content: the caller's name, role and policy, `store_version` and
    /// `rollback_warning`. Such an account holds no case keys, and cannot be confirmed until
    /// it has chosen its own password.
    pub fn must_change_password(&self) -> bool {
        self.must_change.load(std::sync::atomic::Ordering::SeqCst)
    }

    /// Refuses anything but choosing a new password while [`Session::must_change_password`],
    /// and then anything but enrolling a second factor while [`Session::must_enrol`].
    pub(super) fn refuse_if_must_change(&self) -> Result<()> {
        if self.must_change_password() {
            Err(SessionError::MustChangePassword(self.user.name.clone()))
        } else if self.must_enrol() {
            Err(SessionError::MustEnrol(self.user.role))
        } else {
            Ok(())
        }
    }

    /// Whether the caller holds the case keys (a confirmed adviser or supervisor).
    pub fn is_confirmed(&self) -> bool {
        self.holds_case_keys()
    }

    /// Whether the caller's starting list holds every client (supervisors) rather than a
    /// caseload of their own.
    pub fn starts_with_every_client(&self) -> bool {
        self.user.role == Role::Supervisor
    }

    /// The list a user starts from: supervisors review every client, advisers their own
    /// caseload.
    pub fn caseload(&self) -> Result<Vec<ClientSummary>> {
        self.clients(self.starts_with_every_client())
    }

    pub(super) fn event(
        &self,
        action: AuditAction,
        client: Option<ClientRef>,
        reason: Option<String>,
    ) -> AuditEvent {
        AuditEvent {
            at: domain::now(),
            actor: Some(self.user.id),
            flagged: matches!(action, AuditAction::BreakGlass),
            action,
            client,
            reason,
            reason_sealed: None,
        }
    }

    pub(super) fn require(&self, allowed: &[Role], what: &str) -> Result<()> {
        if allowed.contains(&self.user.role) {
            Ok(())
        } else {
            Err(SessionError::Forbidden(format!(
                "{what} is not allowed for the {} role",
                self.user.role
            )))
        }
    }

    /// Appends `events` to the audit trail and commits `w`: the change and its audit events are
    /// one durable transaction.
    pub(super) fn commit_with(&self, mut w: WriteTxn, events: Vec<AuditEvent>) -> Result<()> {
        let head = self.append_audit(&mut w, events)?;
        w.commit()?;
        self.after_commit(&head);
        Ok(())
    }

    #[cfg(test)]
    pub(crate) fn fail_next_audit(&self, fail: bool) {
        self.fail_audit
            .store(fail, std::sync::atomic::Ordering::SeqCst);
    }
}

/// A new store at `path` with its administrator `admin` (password `password`), its key slots
/// at the lowest cost, for unit tests.
#[cfg(test)]
pub(crate) fn fast_test_store(path: &std::path::Path, password: &str) -> Session {
    create_store(
        path,
        NewStore {
            admin: "admin",
            password: &secrecy::SecretString::from(password),
            kdf: KdfCost {
                memory_kib: 64,
                passes: 1,
            },
            policy: Policy {
                kdf_memory_mib: 1,
                kdf_passes: 1,
                ..Policy::default()
            },
            demo: false,
        },
    )
    .expect("a new store")
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::{Channel, Section, Sensitivity};
    use secrecy::SecretString;

    const FAST: KdfCost = KdfCost {
        memory_kib: 64,
        passes: 1,
    };
    const PW: &str = "violet anchor meadow trombone";

    fn new_store(dir: &tempfile::TempDir) -> (std::path::PathBuf, Session) {
        let path = dir.path().join("s.redb");
        let pw = SecretString::from(PW);
        let policy = Policy {
            kdf_memory_mib: 19,
            kdf_passes: 2,
            ..Policy::default()
        };
        let s = create_store(
            &path,
            NewStore {
                admin: "admin",
                password: &pw,
                kdf: FAST,
                policy,
                demo: false,
            },
        )
        .unwrap();
        (path, s)
    }

    #[test]
    pub(super) fn a_reveal_whose_audit_write_fails_returns_no_text() {
        let dir = tempfile::tempdir().unwrap();
        let (path, admin) = new_store(&dir);
        admin
            .add_user("sup", Role::Supervisor, &SecretString::from(PW))
            .unwrap();
        admin
            .add_user("adv", Role::Adviser, &SecretString::from(PW))
            .unwrap();
        drop(admin);
        let sup = sign_in(open_store(&path).unwrap(), "sup", &SecretString::from(PW)).unwrap();
        sup.confirm_user("adv").unwrap();
        drop(sup);
        let adv = sign_in(open_store(&path).unwrap(), "adv", &SecretString::from(PW)).unwrap();
        let r = adv
            .add_client(NewClient {
                name: "Test Person".into(),
                date_of_birth: None,
                contact: None,
                adviser: None,
            })
            .unwrap();
        adv.add_note(
            r,
            NewNote {
                channel: Channel::Phone,
                contact_at: None,
                sections: vec![Section {
                    heading: "Health".into(),
                    sensitivity: Sensitivity::Special(domain::SpecialCategory::Health),
                    text: "SECRET-DIAGNOSIS".into(),
                }],
            },
            None,
        )
        .unwrap();
        adv.fail_next_audit(true);
        let out = adv.open_client(
            r,
            None,
            Reveal::All {
                reason: "direct support",
            },
        );
        assert!(
            out.is_err(),
            "reveal must fail when its audit event cannot be written"
        );
        adv.fail_next_audit(false);
        let view = adv.open_client(r, None, Reveal::Nothing).unwrap();
        assert_eq!(view.notes[0].sections[0].body, SectionBody::Masked);
        let view = adv
            .open_client(
                r,
                None,
                Reveal::All {
                    reason: "direct support",
                },
            )
            .unwrap();
        assert_eq!(
            view.notes[0].sections[0].body,
            SectionBody::Revealed("SECRET-DIAGNOSIS".into())
        );
    }

    #[test]
    pub(super) fn waits_double_and_cap() {
        assert_eq!(wait_after(0), 0);
        assert_eq!(wait_after(2), 0);
        assert_eq!(wait_after(3), 2);
        assert_eq!(wait_after(4), 4);
        assert_eq!(wait_after(5), 8);
        assert_eq!(wait_after(40), MAX_WAIT_SECS);
    }

    #[test]
    pub(super) fn weak_and_short_passwords_are_refused() {
        let p = Policy::default();
        assert!(check_password(&SecretString::from("short"), &p, &[]).is_err());
        assert!(check_password(&SecretString::from("passwordpassword"), &p, &[]).is_err());
        assert!(check_password(&SecretString::from("aaaaaaaaaaaaaaaaaaaa"), &p, &[]).is_err());
        assert!(check_password(&SecretString::from(PW), &p, &[]).is_ok());
    }
}
