//! The one door. A [`Session`] is an authenticated user's handle over an open store; every use
//! case lives here, checks the caller's role, and writes its audit event in the same durable
//! transaction as the change — or, for reads of masked text, commits the event before the text
//! is put into the returned view. Faces (CLI, TUI) never open tables or touch keys.

use std::fmt;

use secrecy::{ExposeSecret, SecretString};
use zeroize::{Zeroize, Zeroizing};

use crate::domain::{
    self, AuditAction, AuditEvent, Channel, Client, ClientRef, ClientStatus, Note, NoteId,
    NoteStatus, Policy, Role, Section, Sensitivity, Timestamp, User, UserId,
};
use crate::store::{
    AuditHead, AuditRow, ReadTxn, SlotRecord, Store, StoreError, WriteTxn, meta, table,
};
use crate::vault::{self, Aad, AuditKey, DataKey, MAC_LEN, MasterKey, VaultError};

pub use crate::vault::KdfCost;

/// Consecutive failed sign-ins allowed before each further attempt must wait.
pub const FREE_ATTEMPTS: u32 = 3;
/// The longest wait between attempts, in seconds.
pub const MAX_WAIT_SECS: i64 = 300;
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

fn slot_aad<'a>(buf: &'a mut [u8; 32], lookup: &[u8; 16], user: &UserId) -> Aad<'a> {
    buf[..16].copy_from_slice(lookup);
    buf[16..].copy_from_slice(&user.0);
    Aad {
        table: table::SLOTS,
        id: buf,
    }
}

fn policy_cost(policy: &Policy) -> KdfCost {
    KdfCost {
        memory_kib: policy.kdf_memory_mib.saturating_mul(1024),
        passes: policy.kdf_passes,
    }
}

/// Seconds a further sign-in must wait after `failures` consecutive failures.
pub fn wait_after(failures: u32) -> i64 {
    if failures < FREE_ATTEMPTS {
        return 0;
    }
    let exp = (failures - FREE_ATTEMPTS + 1).min(16);
    (1i64 << exp).min(MAX_WAIT_SECS)
}

fn new_slot(
    master: &MasterKey,
    lookup: &[u8; 16],
    user: UserId,
    password: &SecretString,
    cost: KdfCost,
) -> Result<SlotRecord> {
    let salt: [u8; 16] = vault::random_bytes()?;
    let slot_key = vault::derive_slot_key(password, &salt, cost)?;
    let mut buf = [0u8; 32];
    let wrapped = vault::wrap_master(&slot_key, slot_aad(&mut buf, lookup, &user), master)?;
    Ok(SlotRecord {
        user,
        salt,
        cost,
        wrapped_master: Some(wrapped),
        failures: 0,
        last_failure: 0,
        unlogged_failures: 0,
    })
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
}

impl Operation {
    /// The roles allowed to do it.
    pub fn roles(self) -> &'static [Role] {
        match self {
            Operation::AddUsers
            | Operation::DisableUsers
            | Operation::ResetPasswords
            | Operation::ChangePolicy
            | Operation::Seed => &[Role::Admin],
            Operation::ListUsers | Operation::ReadAudit => &[Role::Admin, Role::Supervisor],
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
        }
    }
}

/// Options for a new store.
pub struct NewStore<'a> {
    pub admin: &'a str,
    pub password: &'a SecretString,
    /// Cost of the first key slot; later slots follow the policy.
    pub kdf: KdfCost,
    pub policy: Policy,
    pub demo: bool,
}

/// Creates a store at `path` with its first administrator and returns that administrator's
/// session. Logs the creation.
pub fn create_store(path: &std::path::Path, opts: NewStore<'_>) -> Result<Session> {
    let name = domain::validate_username(opts.admin).map_err(SessionError::Invalid)?;
    check_password(opts.password, &opts.policy, &[&name])?;
    let store = Store::create(path)?;
    let master = MasterKey::generate()?;
    let audit_key = vault::audit_key(&master)?;
    let user = User {
        id: UserId(vault::random_bytes()?),
        name: name.clone(),
        role: Role::Admin,
        disabled: false,
        created_at: domain::now(),
    };
    let mut w = store.write()?;
    let lookup = vault::name_lookup_id(&w.name_salt()?, &name)?;
    let slot = new_slot(&master, &lookup, user.id, opts.password, opts.kdf)?;
    w.slot_put(&lookup, &slot)?;
    let sealed_user = vault::seal_record(&master, user_aad(&user.id), &user)?;
    w.user_put(&user.id, &sealed_user)?;
    let sealed_policy = vault::seal_record(&master, policy_aad(), &opts.policy)?;
    w.meta_put(meta::POLICY, &sealed_policy)?;
    if opts.demo {
        w.meta_put(meta::DEMO, b"1")?;
    }
    let session = Session {
        store,
        master,
        audit_key,
        user,
        policy: opts.policy,
        #[cfg(test)]
        fail_audit: std::sync::atomic::AtomicBool::new(false),
    };
    session.append_audit(
        &mut w,
        vec![session.event(AuditAction::StoreCreated, None, None)],
    )?;
    w.commit()?;
    Ok(session)
}

fn user_aad(id: &UserId) -> Aad<'_> {
    Aad {
        table: table::USERS,
        id: &id.0,
    }
}

fn policy_aad() -> Aad<'static> {
    Aad {
        table: table::META,
        id: meta::POLICY.as_bytes(),
    }
}

fn head_aad() -> Aad<'static> {
    Aad {
        table: table::META,
        id: meta::AUDIT_HEAD.as_bytes(),
    }
}

/// Signs `username` in with `password`: derives the slot key (slow, by design), opens the master
/// key, records the sign-in and any failed attempts not yet in the audit trail. A failure is
/// counted against the account; after [`FREE_ATTEMPTS`] each further attempt must wait longer.
pub fn sign_in(store: StoreHandle, username: &str, password: &SecretString) -> Result<Session> {
    let store = store.0;
    let name = domain::validate_username(username).map_err(|_| SessionError::BadCredentials)?;
    let (lookup, slot) = {
        let r = store.read()?;
        let lookup = vault::name_lookup_id(&r.name_salt()?, &name)?;
        (lookup, r.slot_get(&lookup)?)
    };
    let Some(slot) = slot else {
        // Spend the same time as a real attempt, so timing does not tell which names exist.
        let _ = vault::derive_slot_key(password, &[0u8; 16], KdfCost::DEFAULT);
        let mut w = store.write()?;
        let n = w.meta_u64(meta::UNKNOWN_FAILURES)?;
        w.meta_put_u64(meta::UNKNOWN_FAILURES, n.saturating_add(1))?;
        w.commit()?;
        return Err(SessionError::BadCredentials);
    };
    let Some(wrapped) = slot.wrapped_master.as_ref() else {
        return Err(SessionError::Disabled(name));
    };
    let now = domain::now();
    let wait = slot.last_failure + wait_after(slot.failures) - now;
    if wait > 0 {
        return Err(SessionError::RateLimited(wait));
    }
    let opened = vault::derive_slot_key(password, &slot.salt, slot.cost).and_then(|k| {
        let mut buf = [0u8; 32];
        vault::unwrap_master(&k, slot_aad(&mut buf, &lookup, &slot.user), wrapped)
    });
    let master = match opened {
        Ok(m) => m,
        Err(VaultError::WrongPassword) => {
            let mut w = store.write()?;
            if let Some(mut s) = w.slot_get(&lookup)? {
                s.failures = s.failures.saturating_add(1);
                s.unlogged_failures = s.unlogged_failures.saturating_add(1);
                s.last_failure = now;
                w.slot_put(&lookup, &s)?;
            }
            w.commit()?;
            return Err(SessionError::BadCredentials);
        }
        Err(e) => return Err(e.into()),
    };
    let audit_key = vault::audit_key(&master)?;
    let r = store.read()?;
    let user: User = match r.user_get(&slot.user)? {
        Some(sealed) => vault::open_record(&master, user_aad(&slot.user), &sealed)?,
        None => return Err(StoreError::Corrupt.into()),
    };
    if user.disabled {
        return Err(SessionError::Disabled(name));
    }
    let policy: Policy = match r.meta_get(meta::POLICY)? {
        Some(sealed) => vault::open_record(&master, policy_aad(), &sealed)?,
        None => return Err(StoreError::Corrupt.into()),
    };
    drop(r);
    let session = Session {
        store,
        master,
        audit_key,
        user,
        policy,
        #[cfg(test)]
        fail_audit: std::sync::atomic::AtomicBool::new(false),
    };
    session.record_sign_in(&lookup)?;
    Ok(session)
}

/// An authenticated user's handle. Dropping it (or [`Session::lock`]) zeroes the master key.
pub struct Session {
    store: Store,
    master: MasterKey,
    audit_key: AuditKey,
    user: User,
    policy: Policy,
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

/// A client as a list shows it. `Debug` leaves the name out; dropping it wipes the name.
#[derive(Clone)]
pub struct ClientSummary {
    pub reference: ClientRef,
    /// Whether opening this client is a break-the-glass access for the caller (outside their
    /// caseload: it needs a stated reason, and is logged and flagged).
    pub outside_caseload: bool,
    pub name: String,
    pub adviser: String,
    pub status: ClientStatus,
    pub opened_at: Timestamp,
    pub last_contact: Option<Timestamp>,
    pub note_count: u32,
    pub open_actions: u32,
}

/// What a section shows. A masked section carries no text at all — not its length, not a hint.
/// `Debug` never prints the text; dropping it wipes the text.
#[derive(Clone, PartialEq, Eq)]
pub enum SectionBody {
    /// An ordinary section's text.
    Shown(String),
    /// A masked section, not revealed.
    Masked,
    /// A masked section revealed with a logged reason.
    Revealed(String),
}

impl fmt::Debug for SectionBody {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            SectionBody::Shown(_) => "Shown(..)",
            SectionBody::Masked => "Masked",
            SectionBody::Revealed(_) => "Revealed(..)",
        })
    }
}

impl fmt::Debug for ClientSummary {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("ClientSummary")
            .field("reference", &self.reference)
            .field("adviser", &self.adviser)
            .field("status", &self.status)
            .field("note_count", &self.note_count)
            .finish_non_exhaustive()
    }
}

impl fmt::Debug for ClientDetails {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("ClientDetails(..)")
    }
}

impl Drop for SectionBody {
    fn drop(&mut self) {
        match self {
            SectionBody::Shown(t) | SectionBody::Revealed(t) => t.zeroize(),
            SectionBody::Masked => {}
        }
    }
}

impl Drop for ClientSummary {
    fn drop(&mut self) {
        self.name.zeroize();
    }
}

impl Drop for ClientDetails {
    fn drop(&mut self) {
        self.date_of_birth.zeroize();
        self.contact.zeroize();
    }
}

#[derive(Debug, Clone)]
pub struct SectionView {
    pub heading: String,
    pub sensitivity: Sensitivity,
    pub body: SectionBody,
}

#[derive(Debug, Clone)]
pub struct NoteView {
    pub id: NoteId,
    pub author: String,
    pub contact_at: Timestamp,
    pub channel: Channel,
    pub status: NoteStatus,
    pub sections: Vec<SectionView>,
}

/// A client's confidential details (date of birth, contact), present only once revealed.
#[derive(Clone)]
pub struct ClientDetails {
    pub date_of_birth: Option<String>,
    pub contact: Option<String>,
}

/// A client and their notes, newest first, as a face may show them.
#[derive(Debug, Clone)]
pub struct ClientView {
    pub summary: ClientSummary,
    pub details: Option<ClientDetails>,
    pub notes: Vec<NoteView>,
    /// Whether this opening was a logged break-glass access.
    pub break_glass: bool,
}

/// A new client.
pub struct NewClient {
    pub name: String,
    pub date_of_birth: Option<String>,
    pub contact: Option<String>,
    /// Username of the adviser; the caller when `None`.
    pub adviser: Option<String>,
}

/// A new note.
pub struct NewNote {
    pub channel: Channel,
    /// When the contact happened; now when `None`.
    pub contact_at: Option<Timestamp>,
    pub sections: Vec<Section>,
}

/// What to reveal when opening a client's notes.
pub enum Reveal<'a> {
    Nothing,
    /// Every masked section and the client's confidential details.
    All {
        reason: &'a str,
    },
    /// One section of one note.
    Section {
        note: NoteId,
        index: usize,
        reason: &'a str,
    },
}

/// A user as `user list` shows it.
#[derive(Debug, Clone)]
pub struct UserSummary {
    pub name: String,
    pub role: Role,
    pub disabled: bool,
    pub created_at: Timestamp,
}

/// An audit event as a reader sees it. `Debug` leaves the stated reason out.
#[derive(Clone)]
pub struct AuditEntry {
    pub seq: u64,
    pub at: Timestamp,
    pub actor: String,
    pub action: &'static str,
    pub detail: String,
    pub client: Option<ClientRef>,
    /// Withheld from administrators, who do not read case content.
    pub reason: Option<String>,
    pub flagged: bool,
}

impl fmt::Debug for AuditEntry {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("AuditEntry")
            .field("seq", &self.seq)
            .field("actor", &self.actor)
            .field("action", &self.action)
            .field("detail", &self.detail)
            .field("client", &self.client)
            .field("flagged", &self.flagged)
            .finish_non_exhaustive()
    }
}

fn client_key_aad(id: &[u8; 8]) -> Aad<'_> {
    Aad {
        table: table::CLIENT_KEYS,
        id,
    }
}

fn client_aad(id: &[u8; 8]) -> Aad<'_> {
    Aad {
        table: table::CLIENTS,
        id,
    }
}

fn note_aad(id: &[u8; 16]) -> Aad<'_> {
    Aad {
        table: table::NOTES,
        id,
    }
}

fn note_id_bytes(client: ClientRef, note: u64) -> [u8; 16] {
    let mut b = [0u8; 16];
    b[..8].copy_from_slice(&client.0.to_be_bytes());
    b[8..].copy_from_slice(&note.to_be_bytes());
    b
}

impl Session {
    pub fn user_name(&self) -> &str {
        &self.user.name
    }

    pub fn role(&self) -> Role {
        self.user.role
    }

    pub fn policy(&self) -> &Policy {
        &self.policy
    }

    /// Ends the session, zeroing the keys, and hands back the store for the next sign-in.
    pub fn lock(self) -> StoreHandle {
        StoreHandle(self.store)
    }

    /// Whether the caller may do `op` at all (faces ask before collecting input for it).
    pub fn may(&self, op: Operation) -> Result<()> {
        self.require(op.roles(), op.describe())
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

    fn event(
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
        }
    }

    fn require(&self, allowed: &[Role], what: &str) -> Result<()> {
        if allowed.contains(&self.user.role) {
            Ok(())
        } else {
            Err(SessionError::Forbidden(format!(
                "{what} is not allowed for the {} role",
                self.user.role
            )))
        }
    }

    fn read_head(&self, txn: &WriteTxn) -> Result<Option<AuditHead>> {
        match txn.meta_get(meta::AUDIT_HEAD)? {
            None => Ok(None),
            Some(sealed) => vault::open_record(&self.master, head_aad(), &sealed)
                .map(Some)
                .map_err(|_| {
                    SessionError::AuditBroken("the recorded head of the chain was altered".into())
                }),
        }
    }

    /// Appends events to the chained audit trail inside `txn`. Refuses if the chain's last row
    /// disagrees with its recorded head, so nothing is logged (and no text revealed) on top of a
    /// trail that was cut or edited.
    fn append_audit(&self, txn: &mut WriteTxn, events: Vec<AuditEvent>) -> Result<()> {
        #[cfg(test)]
        if self.fail_audit.load(std::sync::atomic::Ordering::SeqCst) {
            return Err(StoreError::Io("injected audit failure".into()).into());
        }
        let head = self.read_head(txn)?;
        let last = txn.audit_last()?;
        let (mut seq, mut prev) = match (head, last) {
            (None, None) => (0, [0u8; MAC_LEN]),
            (Some(h), Some(l)) if h.seq == l.seq && vault::mac_eq(&h.mac, &l.mac) => (h.seq, h.mac),
            _ => {
                return Err(SessionError::AuditBroken(
                    "the trail does not end where the store recorded; run `casenotes audit verify`"
                        .into(),
                ));
            }
        };
        for e in events {
            seq += 1;
            let id = seq.to_be_bytes();
            let sealed = vault::seal_record(
                &self.master,
                Aad {
                    table: table::AUDIT,
                    id: &id,
                },
                &e,
            )?;
            let mac = vault::chain_mac(&self.audit_key, &prev, seq, &sealed)?;
            txn.audit_put(&AuditRow { seq, mac, sealed })?;
            prev = mac;
        }
        let head = vault::seal_record(&self.master, head_aad(), &AuditHead { seq, mac: prev })?;
        txn.meta_put(meta::AUDIT_HEAD, &head)?;
        Ok(())
    }

    /// Appends `events` to the audit trail and commits `w`: the change and its audit events are
    /// one durable transaction.
    fn commit_with(&self, mut w: WriteTxn, events: Vec<AuditEvent>) -> Result<()> {
        self.append_audit(&mut w, events)?;
        w.commit()?;
        Ok(())
    }

    fn record_sign_in(&self, lookup: &[u8; 16]) -> Result<()> {
        let mut w = self.store.write()?;
        let mut events = Vec::new();
        for (id, mut slot) in w.slots_all()? {
            if slot.unlogged_failures > 0 {
                events.push(AuditEvent {
                    at: domain::now(),
                    actor: Some(slot.user),
                    action: AuditAction::SignInFailed {
                        count: slot.unlogged_failures,
                        last_at: slot.last_failure,
                    },
                    client: None,
                    reason: None,
                    flagged: false,
                });
                slot.unlogged_failures = 0;
                if &id != lookup {
                    w.slot_put(&id, &slot)?;
                }
            }
        }
        let unknown = w.meta_u64(meta::UNKNOWN_FAILURES)?;
        if unknown > 0 {
            events.push(AuditEvent {
                at: domain::now(),
                actor: None,
                action: AuditAction::SignInUnknownUser {
                    count: u32::try_from(unknown).unwrap_or(u32::MAX),
                },
                client: None,
                reason: None,
                flagged: false,
            });
            w.meta_put_u64(meta::UNKNOWN_FAILURES, 0)?;
        }
        if let Some(mut own) = w.slot_get(lookup)?
            && (own.failures != 0 || own.unlogged_failures != 0)
        {
            own.failures = 0;
            own.unlogged_failures = 0;
            w.slot_put(lookup, &own)?;
        }
        events.push(self.event(AuditAction::SignIn, None, None));
        self.commit_with(w, events)?;
        Ok(())
    }

    fn open_user(&self, id: &UserId, sealed: &[u8]) -> Result<User> {
        Ok(vault::open_record(&self.master, user_aad(id), sealed)?)
    }

    /// Finds an account by name: its lookup id, slot and record.
    fn find_user(&self, txn: &ReadTxn, name: &str) -> Result<([u8; 16], SlotRecord, User)> {
        let name = domain::validate_username(name).map_err(SessionError::Invalid)?;
        let lookup = vault::name_lookup_id(&txn.name_salt()?, &name)?;
        let slot = txn
            .slot_get(&lookup)?
            .ok_or_else(|| SessionError::UnknownUser(name.clone()))?;
        let sealed = txn.user_get(&slot.user)?.ok_or(StoreError::Corrupt)?;
        let user = self.open_user(&slot.user, &sealed)?;
        Ok((lookup, slot, user))
    }

    fn user_names(&self, txn: &ReadTxn) -> Result<Vec<(UserId, String)>> {
        txn.users_all()?
            .into_iter()
            .map(|(id, sealed)| Ok((id, self.open_user(&id, &sealed)?.name)))
            .collect()
    }

    // ----- users and policy (administrators) -----

    /// Adds an account. Administrators only; logged. The password must pass the policy.
    pub fn add_user(&self, name: &str, role: Role, password: &SecretString) -> Result<()> {
        self.may(Operation::AddUsers)?;
        let name = domain::validate_username(name).map_err(SessionError::Invalid)?;
        check_password(password, &self.policy, &[&name])?;
        let user = User {
            id: UserId(vault::random_bytes()?),
            name: name.clone(),
            role,
            disabled: false,
            created_at: domain::now(),
        };
        let mut w = self.store.write()?;
        let lookup = vault::name_lookup_id(&w.name_salt()?, &name)?;
        if w.slot_get(&lookup)?.is_some() {
            return Err(SessionError::UserExists(name));
        }
        let slot = new_slot(
            &self.master,
            &lookup,
            user.id,
            password,
            policy_cost(&self.policy),
        )?;
        w.slot_put(&lookup, &slot)?;
        w.user_put(
            &user.id,
            &vault::seal_record(&self.master, user_aad(&user.id), &user)?,
        )?;
        self.commit_with(
            w,
            vec![self.event(AuditAction::UserAdded { name, role }, None, None)],
        )?;
        Ok(())
    }

    /// Lists accounts. Administrators and supervisors.
    pub fn users(&self) -> Result<Vec<UserSummary>> {
        self.may(Operation::ListUsers)?;
        let r = self.store.read()?;
        let mut out: Vec<UserSummary> = r
            .users_all()?
            .into_iter()
            .map(|(id, sealed)| {
                let u = self.open_user(&id, &sealed)?;
                Ok(UserSummary {
                    name: u.name.clone(),
                    role: u.role,
                    disabled: u.disabled,
                    created_at: u.created_at,
                })
            })
            .collect::<Result<_>>()?;
        out.sort_by(|a, b| a.name.cmp(&b.name));
        Ok(out)
    }

    /// Disables an account: its key slot is destroyed, so its password opens nothing. Logged.
    pub fn disable_user(&self, name: &str) -> Result<()> {
        self.may(Operation::DisableUsers)?;
        let (lookup, mut slot, mut user) = self.find_user(&self.store.read()?, name)?;
        if user.id == self.user.id {
            return Err(SessionError::Invalid(
                "you cannot disable your own account".into(),
            ));
        }
        user.disabled = true;
        slot.wrapped_master = None;
        let mut w = self.store.write()?;
        w.slot_put(&lookup, &slot)?;
        w.user_put(
            &user.id,
            &vault::seal_record(&self.master, user_aad(&user.id), &user)?,
        )?;
        self.commit_with(
            w,
            vec![self.event(
                AuditAction::UserDisabled {
                    name: user.name.clone(),
                },
                None,
                None,
            )],
        )?;
        Ok(())
    }

    /// Sets a new password: one's own, or (administrators) anyone's. A fresh slot with a fresh
    /// salt at the policy's cost. Logged.
    pub fn change_password(&self, name: &str, password: &SecretString) -> Result<()> {
        let (lookup, slot, user) = self.find_user(&self.store.read()?, name)?;
        if user.id != self.user.id {
            self.may(Operation::ResetPasswords)?;
        }
        if user.disabled {
            return Err(SessionError::Disabled(user.name));
        }
        check_password(password, &self.policy, &[&user.name])?;
        let fresh = new_slot(
            &self.master,
            &lookup,
            slot.user,
            password,
            policy_cost(&self.policy),
        )?;
        let mut w = self.store.write()?;
        w.slot_put(&lookup, &fresh)?;
        self.commit_with(
            w,
            vec![self.event(
                AuditAction::PasswordChanged {
                    name: user.name.clone(),
                },
                None,
                None,
            )],
        )?;
        Ok(())
    }

    /// Changes one policy setting. Administrators only; logged with old and new values.
    pub fn set_policy(&mut self, key: &str, value: &str) -> Result<()> {
        self.may(Operation::ChangePolicy)?;
        let mut p = self.policy.clone();
        let from = p.get(key).unwrap_or(0);
        p.set(key, value).map_err(SessionError::Invalid)?;
        let to = p.get(key).unwrap_or(0);
        let mut w = self.store.write()?;
        w.meta_put(
            meta::POLICY,
            &vault::seal_record(&self.master, policy_aad(), &p)?,
        )?;
        self.commit_with(
            w,
            vec![self.event(
                AuditAction::PolicyChanged {
                    key: key.to_string(),
                    from,
                    to,
                },
                None,
                None,
            )],
        )?;
        self.policy = p;
        Ok(())
    }

    // ----- clients -----

    /// Adds a client, assigned to the caller or (supervisors) to the named adviser. Advisers and
    /// supervisors; logged. Returns the new reference.
    pub fn add_client(&self, new: NewClient) -> Result<ClientRef> {
        self.may(Operation::AddClients)?;
        let name = domain::validate_client_name(&new.name).map_err(SessionError::Invalid)?;
        let adviser = match new.adviser.as_deref() {
            None => self.user.id,
            Some(n) => {
                let (_, _, u) = self.find_user(&self.store.read()?, n)?;
                if u.id != self.user.id && self.user.role != Role::Supervisor {
                    return Err(SessionError::Forbidden(
                        "advisers add clients to their own caseload; ask a supervisor to assign another adviser".into(),
                    ));
                }
                if u.disabled || !u.role.reads_case_content() {
                    return Err(SessionError::Invalid(format!(
                        "'{}' cannot hold a caseload",
                        u.name
                    )));
                }
                u.id
            }
        };
        let now = domain::now();
        let mut w = self.store.write()?;
        let reference = ClientRef(w.next_counter(meta::NEXT_CLIENT)?);
        let client = Client {
            reference,
            name,
            date_of_birth: new.date_of_birth,
            contact: new.contact,
            adviser,
            status: ClientStatus::Open,
            opened_at: now,
            closed_at: None,
            last_contact: None,
            note_count: 0,
            open_actions: 0,
        };
        self.put_new_client(&mut w, &client)?;
        self.commit_with(
            w,
            vec![self.event(AuditAction::ClientCreated, Some(reference), None)],
        )?;
        Ok(reference)
    }

    fn put_new_client(&self, w: &mut WriteTxn, client: &Client) -> Result<DataKey> {
        let id = client.reference.0.to_be_bytes();
        let key = DataKey::generate()?;
        w.client_key_put(
            client.reference,
            &vault::wrap_data_key(&self.master, client_key_aad(&id), &key)?,
        )?;
        w.client_put(
            client.reference,
            &vault::seal_record(&key, client_aad(&id), client)?,
        )?;
        Ok(key)
    }

    /// Opens a client's data key and record from their sealed forms.
    fn unseal_client(
        &self,
        r: ClientRef,
        sealed_key: &[u8],
        sealed: &[u8],
    ) -> Result<(DataKey, Client), VaultError> {
        let id = r.0.to_be_bytes();
        let key = vault::unwrap_data_key(&self.master, client_key_aad(&id), sealed_key)?;
        let client: Client = vault::open_record(&key, client_aad(&id), sealed)?;
        Ok((key, client))
    }

    /// Opens note `n` of client `r`, checking that the record is the one filed there.
    fn unseal_note(&self, key: &DataKey, r: ClientRef, n: u64, sealed: &[u8]) -> Result<Note> {
        let note: Note = vault::open_record(key, note_aad(&note_id_bytes(r, n)), sealed)?;
        if note.id.0 != n || note.client != r {
            return Err(StoreError::Corrupt.into());
        }
        Ok(note)
    }

    fn open_client_record(&self, txn: &ReadTxn, r: ClientRef) -> Result<(DataKey, Client)> {
        let sealed_key = txn
            .client_key_get(r)?
            .ok_or(SessionError::UnknownClient(r))?;
        let sealed = txn.client_get(r)?.ok_or(StoreError::Corrupt)?;
        Ok(self.unseal_client(r, &sealed_key, &sealed)?)
    }

    /// Lists clients, newest activity first: the caller's own caseload, or with `all` every
    /// client (names and references only; an adviser's widened list is logged, and opening one
    /// of those clients still needs a reason). Administrators may not.
    pub fn clients(&self, all: bool) -> Result<Vec<ClientSummary>> {
        self.may(Operation::ReadClients)?;
        let r = self.store.read()?;
        let names = self.user_names(&r)?;
        let mut out = Vec::new();
        let mut err = None;
        r.for_each_client(|reference, sealed_key, sealed| {
            match self.unseal_client(reference, sealed_key, sealed) {
                Ok((_, c)) if all || c.adviser == self.user.id => {
                    out.push(self.summary(&c, &names));
                }
                Ok(_) => {}
                Err(e) => err = Some(e),
            }
            Ok(())
        })?;
        if let Some(e) = err {
            return Err(e.into());
        }
        drop(r);
        if all && self.user.role == Role::Adviser {
            // A widened search shows advisers names beyond their caseload: logged.
            let mut w = self.store.write()?;
            self.append_audit(
                &mut w,
                vec![self.event(
                    AuditAction::ClientListed {
                        count: u32::try_from(out.len()).unwrap_or(u32::MAX),
                    },
                    None,
                    None,
                )],
            )?;
            w.commit()?;
        }
        out.sort_by(|a, b| {
            b.last_contact
                .unwrap_or(b.opened_at)
                .cmp(&a.last_contact.unwrap_or(a.opened_at))
                .then(b.reference.cmp(&a.reference))
        });
        Ok(out)
    }

    fn summary(&self, c: &Client, names: &[(UserId, String)]) -> ClientSummary {
        ClientSummary {
            reference: c.reference,
            outside_caseload: self.user.role != Role::Supervisor && c.adviser != self.user.id,
            name: c.name.clone(),
            adviser: names
                .iter()
                .find(|(id, _)| *id == c.adviser)
                .map(|(_, n)| n.clone())
                .unwrap_or_else(|| "(unknown)".into()),
            status: c.status,
            opened_at: c.opened_at,
            last_contact: c.last_contact,
            note_count: c.note_count,
            open_actions: c.open_actions,
        }
    }

    /// Checks that the caller may open client `r`; returns a break-glass event when the client
    /// is outside the caller's caseload and a reason was stated.
    fn access(&self, client: &Client, reason: Option<&str>) -> Result<Option<AuditEvent>> {
        self.may(Operation::ReadNotes)?;
        if self.user.role == Role::Supervisor || client.adviser == self.user.id {
            return Ok(None);
        }
        match reason {
            None => Err(SessionError::NotOnCaseload(client.reference)),
            Some(r) => {
                let r = domain::validate_reason(r).map_err(SessionError::Invalid)?;
                Ok(Some(self.event(
                    AuditAction::BreakGlass,
                    Some(client.reference),
                    Some(r),
                )))
            }
        }
    }

    /// Adds a final note to a client on the caller's caseload (or, with a stated reason that is
    /// logged and flagged, to another adviser's client). Empty sections are dropped. The note,
    /// the client's last-contact date and the audit event are one durable transaction.
    pub fn add_note(&self, r: ClientRef, note: NewNote, reason: Option<&str>) -> Result<NoteId> {
        self.write_note(r, note, reason, false)
    }

    /// As [`Session::add_note`], for a note written from the caller's draft: the note is saved
    /// and the draft thrown away in the same durable transaction, so a crash leaves either the
    /// draft or the note, never both and never neither.
    pub fn add_note_from_draft(
        &self,
        r: ClientRef,
        note: NewNote,
        reason: Option<&str>,
    ) -> Result<NoteId> {
        self.write_note(r, note, reason, true)
    }

    fn write_note(
        &self,
        r: ClientRef,
        note: NewNote,
        reason: Option<&str>,
        discard_draft: bool,
    ) -> Result<NoteId> {
        let sections = domain::validate_sections(note.sections).map_err(SessionError::Invalid)?;
        let (key, client) = self.open_client_record(&self.store.read()?, r)?;
        let glass = self.access(&client, reason)?;
        drop(client);
        let now = domain::now();
        let contact_at = note.contact_at.unwrap_or(now);
        let actions = domain::count_actions(&sections);
        let mut w = self.store.write()?;
        let id = NoteId(w.next_counter(meta::NEXT_NOTE)?);
        let record = Note {
            id,
            client: r,
            author: self.user.id,
            contact_at,
            channel: note.channel,
            status: NoteStatus::Final,
            sections,
            created_at: now,
        };
        let nid = note_id_bytes(r, id.0);
        w.note_put(r, id.0, &vault::seal_record(&key, note_aad(&nid), &record)?)?;
        // Re-read inside the transaction: another process may have added a note meanwhile.
        let (_, mut client) = self.open_client_in(&w, r)?;
        client.note_count = client.note_count.saturating_add(1);
        if client.last_contact.is_none_or(|t| contact_at >= t) {
            client.last_contact = Some(contact_at);
            client.open_actions = actions;
        }
        let cid = r.0.to_be_bytes();
        w.client_put(r, &vault::seal_record(&key, client_aad(&cid), &client)?)?;
        let mut events: Vec<AuditEvent> = glass.into_iter().collect();
        events.push(self.event(AuditAction::NoteAdded { note: id }, Some(r), None));
        if discard_draft {
            w.draft_remove(&self.user.id)?;
        }
        self.commit_with(w, events)?;
        Ok(id)
    }

    fn open_client_in(&self, w: &WriteTxn, r: ClientRef) -> Result<(DataKey, Client)> {
        let sealed_key = w.client_key_get(r)?.ok_or(SessionError::UnknownClient(r))?;
        let sealed = w.client_get(r)?.ok_or(StoreError::Corrupt)?;
        Ok(self.unseal_client(r, &sealed_key, &sealed)?)
    }

    /// Opens a client's notes, newest first. Masked sections come back as
    /// [`SectionBody::Masked`] unless `reveal` asks for them with a reason; then each reveal's
    /// audit event is committed before its text is placed in the view. The viewing itself is
    /// logged, and an opening outside the caller's caseload needs `reason` (break the glass).
    pub fn open_client(
        &self,
        r: ClientRef,
        reason: Option<&str>,
        reveal: Reveal<'_>,
    ) -> Result<ClientView> {
        let rt = self.store.read()?;
        let (key, client) = self.open_client_record(&rt, r)?;
        let glass = self.access(&client, reason)?;
        let names = self.user_names(&rt)?;
        let mut notes: Vec<Note> = rt
            .notes_of(r)?
            .into_iter()
            .map(|(n, sealed)| self.unseal_note(&key, r, n, &sealed))
            .collect::<Result<_>>()?;
        drop(rt);
        notes.sort_by(|a, b| b.contact_at.cmp(&a.contact_at).then(b.id.cmp(&a.id)));

        // Decide what will be revealed, and log it, before any masked text leaves this function.
        let mut reveal_set: Vec<(NoteId, usize)> = Vec::new();
        let mut details_revealed = false;
        let mut events: Vec<AuditEvent> = glass.iter().cloned().collect();
        let reveal_reason = match reveal {
            Reveal::Nothing => None,
            Reveal::All { reason } => {
                let why = domain::validate_reason(reason).map_err(SessionError::Invalid)?;
                for n in &notes {
                    for (i, s) in n.sections.iter().enumerate() {
                        if s.sensitivity.is_masked() {
                            reveal_set.push((n.id, i));
                        }
                    }
                }
                details_revealed = true;
                Some(why)
            }
            Reveal::Section {
                note,
                index,
                reason,
            } => {
                let why = domain::validate_reason(reason).map_err(SessionError::Invalid)?;
                let n = notes
                    .iter()
                    .find(|n| n.id == note)
                    .ok_or(SessionError::UnknownNote(r, note))?;
                let s = n.sections.get(index).ok_or_else(|| {
                    SessionError::Invalid(format!("note {note} has no section {}", index + 1))
                })?;
                if s.sensitivity.is_masked() {
                    reveal_set.push((note, index));
                }
                Some(why)
            }
        };
        events.push(self.event(
            AuditAction::NotesViewed {
                notes: u32::try_from(notes.len()).unwrap_or(u32::MAX),
            },
            Some(r),
            None,
        ));
        for (note, index) in &reveal_set {
            let label = notes
                .iter()
                .find(|n| n.id == *note)
                .and_then(|n| n.sections.get(*index))
                .map(|s| s.sensitivity.to_string())
                .unwrap_or_default();
            events.push(self.event(
                AuditAction::SectionRevealed {
                    note: *note,
                    section: u32::try_from(*index).unwrap_or(u32::MAX),
                    label,
                },
                Some(r),
                reveal_reason.clone(),
            ));
        }
        if details_revealed {
            events.push(self.event(AuditAction::DetailsRevealed, Some(r), reveal_reason.clone()));
        }
        let w = self.store.write()?;
        self.commit_with(w, events)?;

        // The events are durable: build the view.
        let author = |id: &UserId| {
            names
                .iter()
                .find(|(u, _)| u == id)
                .map(|(_, n)| n.clone())
                .unwrap_or_else(|| "(unknown)".into())
        };
        let views = notes
            .iter()
            .map(|n| NoteView {
                id: n.id,
                author: author(&n.author),
                contact_at: n.contact_at,
                channel: n.channel,
                status: n.status,
                sections: n
                    .sections
                    .iter()
                    .enumerate()
                    .map(|(i, s)| SectionView {
                        heading: s.heading.clone(),
                        sensitivity: s.sensitivity,
                        body: if !s.sensitivity.is_masked() {
                            SectionBody::Shown(s.text.clone())
                        } else if reveal_set.contains(&(n.id, i)) {
                            SectionBody::Revealed(s.text.clone())
                        } else {
                            SectionBody::Masked
                        },
                    })
                    .collect(),
            })
            .collect();
        Ok(ClientView {
            summary: self.summary(&client, &names),
            details: details_revealed.then(|| ClientDetails {
                date_of_birth: client.date_of_birth.clone(),
                contact: client.contact.clone(),
            }),
            notes: views,
            break_glass: glass.is_some(),
        })
    }

    /// Reveals one masked section of a note already shown to the caller: checks access (a
    /// client outside the caseload needs `access_reason` again), commits the reveal's audit
    /// event, and only then returns the text.
    pub fn reveal_section(
        &self,
        r: ClientRef,
        note: NoteId,
        index: usize,
        reason: &str,
        access_reason: Option<&str>,
    ) -> Result<Zeroizing<String>> {
        let why = domain::validate_reason(reason).map_err(SessionError::Invalid)?;
        let rt = self.store.read()?;
        let (key, client) = self.open_client_record(&rt, r)?;
        let glass = self.access(&client, access_reason)?;
        let sealed = rt
            .note_get(r, note.0)?
            .ok_or(SessionError::UnknownNote(r, note))?;
        drop(rt);
        let record = self.unseal_note(&key, r, note.0, &sealed)?;
        let section = record.sections.get(index).ok_or_else(|| {
            SessionError::Invalid(format!("note {note} has no section {}", index + 1))
        })?;
        let mut events: Vec<AuditEvent> = glass.into_iter().collect();
        events.push(self.event(
            AuditAction::SectionRevealed {
                note,
                section: u32::try_from(index).unwrap_or(u32::MAX),
                label: section.sensitivity.to_string(),
            },
            Some(r),
            Some(why),
        ));
        let w = self.store.write()?;
        self.commit_with(w, events)?;
        Ok(Zeroizing::new(section.text.clone()))
    }

    // ----- drafts -----

    fn draft_aad(&self) -> Aad<'_> {
        Aad {
            table: table::DRAFTS,
            id: &self.user.id.0,
        }
    }

    /// Seals and keeps the caller's note in progress (replacing any earlier one). Not logged:
    /// it is the caller's own unfinished work, readable only by them.
    pub fn save_draft(&self, draft: &domain::Draft) -> Result<()> {
        let sealed = vault::seal_record(&self.master, self.draft_aad(), draft)?;
        let mut w = self.store.write()?;
        w.draft_put(&self.user.id, &sealed)?;
        w.commit()?;
        Ok(())
    }

    /// The caller's own kept draft, if any.
    pub fn draft(&self) -> Result<Option<domain::Draft>> {
        match self.store.read()?.draft_get(&self.user.id)? {
            None => Ok(None),
            Some(sealed) => Ok(Some(vault::open_record(
                &self.master,
                self.draft_aad(),
                &sealed,
            )?)),
        }
    }

    /// Throws the caller's draft away.
    pub fn discard_draft(&self) -> Result<()> {
        let mut w = self.store.write()?;
        w.draft_remove(&self.user.id)?;
        w.commit()?;
        Ok(())
    }

    // ----- audit -----

    /// The audit trail, oldest first, optionally for one client. Supervisors and administrators;
    /// administrators do not see stated reasons (they may hold case content).
    pub fn audit(&self, client: Option<ClientRef>) -> Result<Vec<AuditEntry>> {
        self.may(Operation::ReadAudit)?;
        let r = self.store.read()?;
        let names = self.user_names(&r)?;
        let mut out = Vec::new();
        for row in r.audit_all()? {
            let id = row.seq.to_be_bytes();
            let e: AuditEvent = vault::open_record(
                &self.master,
                Aad {
                    table: table::AUDIT,
                    id: &id,
                },
                &row.sealed,
            )?;
            if client.is_some() && e.client != client {
                continue;
            }
            let actor = match e.actor {
                None => "-".to_string(),
                Some(id) => names
                    .iter()
                    .find(|(u, _)| *u == id)
                    .map(|(_, n)| n.clone())
                    .unwrap_or_else(|| "(unknown)".into()),
            };
            out.push(AuditEntry {
                seq: row.seq,
                at: e.at,
                actor,
                action: e.action.name(),
                detail: e.action.detail(),
                client: e.client,
                reason: if self.user.role == Role::Admin {
                    None
                } else {
                    e.reason.clone()
                },
                flagged: e.flagged,
            });
        }
        Ok(out)
    }

    /// Checks the whole chain: every event opens, sequence numbers run without a gap, every MAC
    /// matches, and the chain ends where the store recorded its head. Returns the number of
    /// events, or names the first place it breaks.
    pub fn verify_audit(&self) -> Result<u64> {
        self.may(Operation::ReadAudit)?;
        let r = self.store.read()?;
        let rows = r.audit_all()?;
        let mut prev = [0u8; MAC_LEN];
        let mut expected = 1u64;
        for row in &rows {
            if row.seq != expected {
                return Err(SessionError::AuditBroken(format!(
                    "event {expected} is missing (the next one present is {})",
                    row.seq
                )));
            }
            let mac = vault::chain_mac(&self.audit_key, &prev, row.seq, &row.sealed)?;
            if !vault::mac_eq(&mac, &row.mac) {
                return Err(SessionError::AuditBroken(format!(
                    "event {} was edited, moved or replaced",
                    row.seq
                )));
            }
            let id = row.seq.to_be_bytes();
            vault::open_record::<AuditEvent>(
                &self.master,
                Aad {
                    table: table::AUDIT,
                    id: &id,
                },
                &row.sealed,
            )
            .map_err(|_| SessionError::AuditBroken(format!("event {} does not open", row.seq)))?;
            prev = mac;
            expected += 1;
        }
        let last = expected - 1;
        let head: Option<AuditHead> = match r.meta_get(meta::AUDIT_HEAD)? {
            None => None,
            Some(sealed) => Some(
                vault::open_record(&self.master, head_aad(), &sealed).map_err(|_| {
                    SessionError::AuditBroken("the recorded head of the chain was altered".into())
                })?,
            ),
        };
        match head {
            None if last == 0 => Ok(0),
            Some(h) if h.seq == last && vault::mac_eq(&h.mac, &prev) => Ok(last),
            Some(h) => Err(SessionError::AuditBroken(format!(
                "the trail ends at event {last} but the store recorded {} events: events were removed from the end or the file was rolled back",
                h.seq
            ))),
            None => Err(SessionError::AuditBroken(
                "the recorded head of the chain is missing".into(),
            )),
        }
    }

    // ----- bulk synthetic data -----

    /// Writes a batch of synthetic clients with their notes in one transaction, without a
    /// per-record audit event (the caller logs one `seeded` event). Used by `seed` and `demo`
    /// on a store they have just created.
    pub(crate) fn import_batch(&self, batch: Vec<(NewClient, Vec<NewNote>, UserId)>) -> Result<()> {
        self.may(Operation::Seed)?;
        let mut w = self.store.write()?;
        let now = domain::now();
        for (c, notes, adviser) in batch {
            let reference = ClientRef(w.next_counter(meta::NEXT_CLIENT)?);
            let client = Client {
                reference,
                name: c.name,
                date_of_birth: c.date_of_birth,
                contact: c.contact,
                adviser,
                status: ClientStatus::Open,
                opened_at: notes
                    .iter()
                    .filter_map(|n| n.contact_at)
                    .min()
                    .unwrap_or(now),
                closed_at: None,
                last_contact: notes.iter().filter_map(|n| n.contact_at).max(),
                note_count: u32::try_from(notes.len()).unwrap_or(u32::MAX),
                open_actions: notes
                    .iter()
                    .max_by_key(|n| n.contact_at)
                    .map_or(0, |n| domain::count_actions(&n.sections)),
            };
            let key = self.put_new_client(&mut w, &client)?;
            for n in notes {
                let id = NoteId(w.next_counter(meta::NEXT_NOTE)?);
                let record = Note {
                    id,
                    client: reference,
                    author: adviser,
                    contact_at: n.contact_at.unwrap_or(now),
                    channel: n.channel,
                    status: NoteStatus::Final,
                    sections: n.sections,
                    created_at: n.contact_at.unwrap_or(now),
                };
                let nid = note_id_bytes(reference, id.0);
                w.note_put(
                    reference,
                    id.0,
                    &vault::seal_record(&key, note_aad(&nid), &record)?,
                )?;
            }
        }
        w.commit()?;
        Ok(())
    }

    /// Looks up the ids of the named accounts (for assigning synthetic caseloads).
    pub(crate) fn user_id(&self, name: &str) -> Result<UserId> {
        Ok(self.find_user(&self.store.read()?, name)?.2.id)
    }

    /// Logs one event on the caller's behalf (used by `seed` for its summary event).
    pub(crate) fn log(&self, action: AuditAction) -> Result<()> {
        let w = self.store.write()?;
        self.commit_with(w, vec![self.event(action, None, None)])?;
        Ok(())
    }

    /// Adds a user with a prepared slot cost (seed creates many users at once).
    pub(crate) fn add_user_prepared(
        &self,
        name: &str,
        role: Role,
        slot: SlotRecordDraft,
    ) -> Result<()> {
        self.may(Operation::AddUsers)?;
        let user = User {
            id: slot.user,
            name: name.to_string(),
            role,
            disabled: false,
            created_at: domain::now(),
        };
        let mut w = self.store.write()?;
        let lookup = vault::name_lookup_id(&w.name_salt()?, name)?;
        if w.slot_get(&lookup)?.is_some() {
            return Err(SessionError::UserExists(name.to_string()));
        }
        let mut buf = [0u8; 32];
        let wrapped = vault::wrap_master(
            &slot.key,
            slot_aad(&mut buf, &lookup, &slot.user),
            &self.master,
        )?;
        w.slot_put(
            &lookup,
            &SlotRecord {
                user: slot.user,
                salt: slot.salt,
                cost: slot.cost,
                wrapped_master: Some(wrapped),
                failures: 0,
                last_failure: 0,
                unlogged_failures: 0,
            },
        )?;
        w.user_put(
            &user.id,
            &vault::seal_record(&self.master, user_aad(&user.id), &user)?,
        )?;
        self.commit_with(
            w,
            vec![self.event(
                AuditAction::UserAdded {
                    name: name.to_string(),
                    role,
                },
                None,
                None,
            )],
        )?;
        Ok(())
    }

    #[cfg(test)]
    pub(crate) fn fail_next_audit(&self, fail: bool) {
        self.fail_audit
            .store(fail, std::sync::atomic::Ordering::SeqCst);
    }
}

/// A slot key derived ahead of time (so that `seed` can derive many on several threads).
pub(crate) struct SlotRecordDraft {
    pub user: UserId,
    pub salt: [u8; 16],
    pub cost: KdfCost,
    pub key: vault::SlotKey,
}

impl SlotRecordDraft {
    pub fn derive(password: &SecretString, cost: KdfCost) -> Result<Self> {
        let salt: [u8; 16] = vault::random_bytes()?;
        Ok(SlotRecordDraft {
            user: UserId(vault::random_bytes()?),
            salt,
            cost,
            key: vault::derive_slot_key(password, &salt, cost)?,
        })
    }
}

/// Opens the store at `path` for signing in.
pub fn open_store(path: &std::path::Path) -> Result<StoreHandle> {
    StoreHandle::open(path)
}

/// An opened store, as a face holds it before and between sign-ins. Opaque: it answers what a
/// face may ask of a store nobody is signed in to, and nothing else. Cloning shares the one open
/// database.
#[derive(Clone, Debug)]
pub struct StoreHandle(Store);

impl StoreHandle {
    /// Opens an existing store, checking that it is one and that its schema is known.
    pub fn open(path: &std::path::Path) -> Result<StoreHandle> {
        Ok(StoreHandle(Store::open(path)?))
    }

    pub fn path(&self) -> &std::path::Path {
        self.0.path()
    }

    /// Whether `casenotes demo` made this store (its sign-in screen may show the accounts).
    pub fn is_demo(&self) -> Result<bool> {
        Ok(self.0.is_demo()?)
    }

    /// Signs `username` in; see [`sign_in`].
    pub fn sign_in(&self, username: &str, password: &SecretString) -> Result<Session> {
        sign_in(self.clone(), username, password)
    }

    /// Rewrites the file without its free pages. Needs the only handle to the store in this
    /// process.
    pub fn compact(mut self) -> Result<()> {
        Ok(self.0.compact()?)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

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
    fn a_reveal_whose_audit_write_fails_returns_no_text() {
        let dir = tempfile::tempdir().unwrap();
        let (path, admin) = new_store(&dir);
        admin
            .add_user("adv", Role::Adviser, &SecretString::from(PW))
            .unwrap();
        drop(admin);
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
    fn waits_double_and_cap() {
        assert_eq!(wait_after(0), 0);
        assert_eq!(wait_after(2), 0);
        assert_eq!(wait_after(3), 2);
        assert_eq!(wait_after(4), 4);
        assert_eq!(wait_after(5), 8);
        assert_eq!(wait_after(40), MAX_WAIT_SECS);
    }

    #[test]
    fn weak_and_short_passwords_are_refused() {
        let p = Policy::default();
        assert!(check_password(&SecretString::from("short"), &p, &[]).is_err());
        assert!(check_password(&SecretString::from("passwordpassword"), &p, &[]).is_err());
        assert!(check_password(&SecretString::from("aaaaaaaaaaaaaaaaaaaa"), &p, &[]).is_err());
        assert!(check_password(&SecretString::from(PW), &p, &[]).is_ok());
    }
}
