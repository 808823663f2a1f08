//! Creating a store, opening one, and signing in: key derivation, rate limiting of attempts
//! (counted before they are evaluated), the checks against the roster, and the sign-in's audit
//! events.

use std::time::{Duration, Instant};

use secrecy::SecretString;

use crate::domain::{self, AuditAction, AuditEvent, Policy, Role, User, UserId};
use crate::store::{KeyReads, SlotRecord, Store, StoreError, meta, table};
use crate::vault::{self, Aad, AccountSeed, MasterKey, VaultError};

use super::*;

/// Consecutive failed sign-ins allowed before each further attempt must wait.
pub const FREE_ATTEMPTS: u32 = 3;
/// The longest wait between attempts, in seconds.
pub const MAX_WAIT_SECS: i64 = 300;

pub(super) fn slot_aad<'a>(buf: &'a mut [u8; 32], lookup: &[u8; 16], user: &UserId) -> Aad<'a> {
    buf[..16].copy_from_slice(lookup);
    buf[16..].copy_from_slice(&user.0);
    Aad {
        table: table::SLOTS,
        id: buf,
    }
}

pub(super) fn policy_cost(policy: &Policy) -> KdfCost {
    KdfCost {
        memory_kib: policy.kdf_memory_mib.saturating_mul(1024),
        passes: policy.kdf_passes,
    }
}

/// Seconds still to wait, at `now`, after `failures` consecutive failures the last of which was
/// at `last`. The counters are not authenticated (they are read before any key exists):
/// saturate, never wrap.
fn secs_to_wait(
    failures: u32,
    last: crate::domain::Timestamp,
    now: crate::domain::Timestamp,
) -> i64 {
    last.saturating_add(wait_after(failures))
        .saturating_sub(now)
}

/// Seconds a further sign-in must wait after `failures` consecutive failures.
pub fn wait_after(failures: u32) -> i64 {
    if failures < FREE_ATTEMPTS {
        return 0;
    }
    let exp = (failures - FREE_ATTEMPTS + 1).min(16);
    (1i64 << exp).min(MAX_WAIT_SECS)
}

/// A slot key derived ahead of time. Key derivation is the slow step (Argon2id, by design), so it
/// runs before any write transaction is opened, never while the store's write lock is held.
pub(super) struct SlotKeyDraft {
    pub user: UserId,
    pub salt: [u8; 16],
    pub cost: KdfCost,
    pub key: vault::SlotKey,
}

impl SlotKeyDraft {
    /// Derives a new slot key for `user` from `password`, with a fresh salt.
    pub fn derive(password: &SecretString, cost: KdfCost, user: UserId) -> Result<Self> {
        let salt: [u8; 16] = vault::random_bytes()?;
        Ok(SlotKeyDraft {
            user,
            salt,
            cost,
            key: vault::derive_slot_key(password, &salt, cost)?,
        })
    }

    /// The key of a slot bound to `file` as well as the password.
    pub fn with_key_file(self, file: &vault::KeyFile) -> Result<Self> {
        Ok(SlotKeyDraft {
            key: vault::with_key_file(self.key, file, &self.user.0)?,
            ..self
        })
    }

    /// Seals the office key and the account's seed under the derived key: the slot to file under
    /// `lookup`.
    pub fn seal(
        &self,
        office: &MasterKey,
        seed: &AccountSeed,
        lookup: &[u8; 16],
    ) -> Result<SlotRecord> {
        let mut buf = [0u8; 32];
        let wrapped = vault::wrap_slot(
            &self.key,
            slot_aad(&mut buf, lookup, &self.user),
            office,
            seed,
        )?;
        Ok(SlotRecord {
            user: self.user,
            salt: self.salt,
            cost: self.cost,
            wrapped_keys: Some(wrapped),
            failures: 0,
            last_failure: 0,
            unlogged_failures: 0,
            in_flight: 0,
            factors: 0,
            second: None,
        })
    }
}

/// Derives slot keys for many passwords at once, on every core.
pub(super) fn derive_all(
    passwords: &[(&SecretString, UserId)],
    cost: KdfCost,
) -> Result<Vec<SlotKeyDraft>> {
    let threads = std::thread::available_parallelism()
        .map(|n| n.get())
        .unwrap_or(1)
        .max(1);
    let chunk = passwords.len().div_ceil(threads).max(1);
    std::thread::scope(|s| {
        let handles: Vec<_> = passwords
            .chunks(chunk)
            .map(|part| {
                s.spawn(move || {
                    part.iter()
                        .map(|(p, u)| SlotKeyDraft::derive(p, cost, *u))
                        .collect::<Result<Vec<_>>>()
                })
            })
            .collect();
        let mut out = Vec::with_capacity(passwords.len());
        for h in handles {
            match h.join() {
                Ok(r) => out.extend(r?),
                Err(_) => return Err(SessionError::Invalid("key derivation failed".into())),
            }
        }
        Ok(out)
    })
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

/// Creates a store at `at` (a file, or an empty PostgreSQL database) with its first administrator and returns that administrator's
/// session. Logs the creation. The store has no case keys yet: the first supervisor's first
/// sign-in makes them (see [`Session::confirm_user`]).
pub fn create_store(at: impl Into<Location>, opts: NewStore<'_>) -> Result<Session> {
    let name = domain::validate_username(opts.admin).map_err(SessionError::Invalid)?;
    check_password(opts.password, &opts.policy, &[&name])?;
    let store = Store::create_at(&at.into())?;
    let office = MasterKey::generate()?;
    let seed = AccountSeed::generate()?;
    let user = User {
        id: UserId(vault::random_bytes()?),
        name: name.clone(),
        role: Role::Admin,
        disabled: false,
        created_at: domain::now(),
        public_key: seed.public_key()?,
    };
    let draft = SlotKeyDraft::derive(opts.password, opts.kdf, user.id)?;
    let mut w = store.write()?;
    let lookup = vault::name_lookup_id(&w.name_salt()?, &name)?;
    let slot = draft.seal(&office, &seed, &lookup)?;
    w.slot_put(&lookup, &slot)?;
    let sealed_user = vault::seal_record(&office, user_aad(&user.id), &user)?;
    w.user_put(&user.id, &sealed_user)?;
    let sealed_policy = vault::seal_record(&office, policy_aad(), &opts.policy)?;
    w.meta_put(meta::POLICY, &sealed_policy)?;
    membership::store_roster(
        &office,
        &mut w,
        &membership::first_roster(&office, &user, &slot)?,
    )?;
    if opts.demo {
        w.meta_put(meta::DEMO, b"1")?;
    }
    let session = Session::new(store, office, user, opts.policy, seed, None, false)?;
    session.append_audit(
        &mut w,
        vec![session.event(AuditAction::StoreCreated, None, None)],
    )?;
    w.commit()?;
    session.sign_in_checks()?;
    Ok(session)
}

/// How long a sign-in waits for attempts on the same account that are still being evaluated
/// before it gives up and reports the wait.
const IN_FLIGHT_WAIT: Duration = Duration::from_secs(10);
/// Counted attempts older than this, in seconds, are no longer taken to be running (their
/// process died).
const IN_FLIGHT_STALE: i64 = 60;

/// Refuses a slot that cannot be a slot this version wrote: damaged, not a wrong password.
pub(super) fn check_slot_shape(slot: &SlotRecord) -> Result<()> {
    match &slot.wrapped_keys {
        Some(w) if w.len() != vault::SLOT_SEALED_LEN => Err(StoreError::Corrupt.into()),
        _ if !slot.cost.acceptable() => Err(VaultError::CostRefused.into()),
        _ => Ok(()),
    }
}

/// Counts a sign-in attempt against the account before its key is derived, as if it failed, in
/// one write transaction: however many attempts run at once, at most [`FREE_ATTEMPTS`] are
/// evaluated before the waits begin. While attempts already counted are still running, a
/// further one waits for them (a right password among them resets the count) rather than being
/// refused at once. Returns the slot as it stands.
fn claim_attempt(store: &Store, lookup: &[u8; 16], name: &str) -> Result<SlotRecord> {
    let started = Instant::now();
    loop {
        let slot = store.read()?.slot_get(lookup)?;
        let slot = match slot {
            None => return Err(SessionError::BadCredentials),
            Some(s) => s,
        };
        check_slot_shape(&slot)?;
        if slot.wrapped_keys.is_none() {
            return Err(SessionError::Disabled(name.to_string()));
        }
        let now = domain::now();
        let wait = secs_to_wait(slot.failures, slot.last_failure, now);
        let running = slot.in_flight > 0 && now.saturating_sub(slot.last_failure) < IN_FLIGHT_STALE;
        if wait > 0 {
            if running && started.elapsed() < IN_FLIGHT_WAIT {
                std::thread::sleep(Duration::from_millis(20));
                continue;
            }
            return Err(SessionError::RateLimited(wait));
        }
        let mut w = store.write()?;
        let Some(mut slot) = w.slot_get(lookup)? else {
            return Err(SessionError::BadCredentials);
        };
        check_slot_shape(&slot)?;
        if slot.wrapped_keys.is_none() {
            return Err(SessionError::Disabled(name.to_string()));
        }
        let now = domain::now();
        let wait = secs_to_wait(slot.failures, slot.last_failure, now);
        if wait > 0 {
            // Another attempt was counted meanwhile; look again.
            continue;
        }
        let running = slot.in_flight > 0 && now.saturating_sub(slot.last_failure) < IN_FLIGHT_STALE;
        slot.failures = slot.failures.saturating_add(1);
        slot.unlogged_failures = slot.unlogged_failures.saturating_add(1);
        slot.in_flight = if running {
            slot.in_flight.saturating_add(1)
        } else {
            1
        };
        slot.last_failure = now;
        w.slot_put(lookup, &slot)?;
        w.commit()?;
        return Ok(slot);
    }
}

/// Settles an attempt that did not sign in: it stays counted as a failure; it is no longer
/// running.
fn settle_failed(store: &Store, lookup: &[u8; 16]) -> Result<()> {
    let mut w = store.write()?;
    if let Some(mut s) = w.slot_get(lookup)? {
        s.in_flight = s.in_flight.saturating_sub(1);
        w.slot_put(lookup, &s)?;
    }
    w.commit()?;
    Ok(())
}

/// Failed sign-ins under names that match no account, filed under the same keyed hash as a slot
/// would be, so that they are limited exactly as an account's are: neither the message nor the
/// wait tells whether a name exists. Only the most recent are kept.
#[derive(Default, serde::Serialize, serde::Deserialize)]
struct UnknownAttempts {
    /// (lookup id, consecutive failures, time of the last).
    entries: Vec<([u8; 16], u32, crate::domain::Timestamp)>,
}

/// How many unknown names' attempts are remembered.
const UNKNOWN_KEPT: usize = 256;

/// A sign-in under a name that matches no account: counted and limited like an account's, and
/// as slow as a real attempt, so that timing does not tell which names exist either.
fn unknown_attempt(store: &Store, lookup: &[u8; 16], password: &SecretString) -> Result<Session> {
    {
        let mut w = store.write()?;
        // Unauthenticated counters (nothing can be sealed before a key exists): a damaged
        // record starts afresh rather than locking everyone out.
        let mut seen: UnknownAttempts = w
            .meta_get(meta::UNKNOWN_ATTEMPTS)?
            .and_then(|b| postcard::from_bytes(&b).ok())
            .unwrap_or_default();
        let now = domain::now();
        let at = match seen.entries.iter().position(|(l, _, _)| l == lookup) {
            Some(i) => i,
            None => {
                seen.entries.push((*lookup, 0, 0));
                seen.entries.len() - 1
            }
        };
        let (_, failures, last) = seen.entries[at];
        let wait = secs_to_wait(failures, last, now);
        if wait > 0 {
            return Err(SessionError::RateLimited(wait));
        }
        seen.entries[at].1 = failures.saturating_add(1);
        seen.entries[at].2 = now;
        if seen.entries.len() > UNKNOWN_KEPT {
            seen.entries.sort_by_key(|(_, _, t)| std::cmp::Reverse(*t));
            seen.entries.truncate(UNKNOWN_KEPT);
        }
        let bytes = postcard::to_allocvec(&seen).map_err(|_| VaultError::Encode)?;
        w.meta_put(meta::UNKNOWN_ATTEMPTS, &bytes)?;
        let n = w.meta_u64(meta::UNKNOWN_FAILURES)?;
        w.meta_put_u64(meta::UNKNOWN_FAILURES, n.saturating_add(1))?;
        w.commit()?;
    }
    let _ = vault::derive_slot_key(password, &[0u8; 16], KdfCost::DEFAULT);
    Err(SessionError::BadCredentials)
}

/// Signs `username` in with `password` alone: [`sign_in_with`] for an account without second
/// factors.
pub fn sign_in(store: StoreHandle, username: &str, password: &SecretString) -> Result<Session> {
    sign_in_with(store, username, &Credentials::password(password))
}

/// Signs `username` in. The attempt is counted against the account before the slot key is
/// derived (slow, by design) and settled after: after [`FREE_ATTEMPTS`] failures each further
/// attempt must wait longer. The slot key is derived from the password, and for an account
/// bound to a key file from the file as well (a file that is missing or not the account's opens
/// nothing, exactly as a wrong password). The slot gives the office key and the account's
/// seed; the roster must agree that the account is active and that this is its current slot; a
/// confirmed adviser or supervisor's grant then gives the case keys. An account with one-time
/// codes then needs a code (or a recovery code) it has not used before, checked in the write
/// transaction that records the sign-in: no session is handed out before it is. A wrong code
/// stays counted against the rate limit and is logged at once (`code-refused`); a recovery code
/// used is logged (`recovery-code-used`). Every failure of an account with second factors is
/// one message naming all its secrets ([`SessionError::BadSignIn`]), never which was wrong.
///
/// Records the sign-in and any failed attempts not yet in the audit trail; rotates the case
/// keys if that is due; and makes them, for the first supervisor of a new store.
pub fn sign_in_with(
    store: StoreHandle,
    username: &str,
    credentials: &Credentials<'_>,
) -> Result<Session> {
    let store = store.0;
    let name = domain::validate_username(username).map_err(|_| SessionError::BadCredentials)?;
    let (lookup, slot) = {
        let r = store.read()?;
        let lookup = vault::name_lookup_id(&r.name_salt()?, &name)?;
        (lookup, r.slot_get(&lookup)?)
    };
    let Some(slot) = slot else {
        return unknown_attempt(&store, &lookup, credentials.password);
    };
    if slot.needs_code() && credentials.code.is_none() {
        return Err(SessionError::CodeNeeded);
    }
    let key_file = credentials.key_file.and_then(factors::read_key_file);
    let slot = claim_attempt(&store, &lookup, &name)?;
    let factors = Factors::of(&slot);
    let wrong = |e: SessionError| match e {
        SessionError::BadCredentials if factors.any() => SessionError::BadSignIn(factors),
        other => other,
    };
    let session = match open_account(
        &store,
        &lookup,
        &slot,
        &name,
        credentials.password,
        key_file.as_ref(),
    ) {
        Ok(s) => s,
        Err(e) => {
            // The attempt stays counted whatever the settling does; its failure is what to
            // report.
            let _ = settle_failed(&store, &lookup);
            return Err(wrong(e));
        }
    };
    match session.record_sign_in(&lookup, &slot, credentials.code) {
        Ok(()) => {}
        // Settled and logged with the refusal.
        Err(Stop::CodeRefused) => return Err(SessionError::BadSignIn(factors)),
        Err(Stop::Failed(e)) => {
            let _ = settle_failed(&store, &lookup);
            return Err(wrong(e));
        }
    }
    if let Err(e) = session.sign_in_checks() {
        let _ = settle_failed(&store, &lookup);
        return Err(e);
    }
    Ok(session)
}

/// Why recording a sign-in stopped.
pub(super) enum Stop {
    /// The one-time code was missing, wrong or used before: the attempt is settled as a
    /// failure and the refusal logged.
    CodeRefused,
    Failed(SessionError),
}

impl<E: Into<SessionError>> From<E> for Stop {
    fn from(e: E) -> Stop {
        Stop::Failed(e.into())
    }
}

/// Signs in to the terminal app: the same as [`sign_in_with`], for every role, and logged as a
/// sign-in. What each role reaches there is the session's to answer as everywhere else: an
/// administrator's screens read accounts, the policy and the audit trail (client references,
/// never names or reasons); an account whose password an administrator set may do nothing but
/// choose its own ([`Session::must_change_password`]); one that the policy requires to have a
/// second factor, nothing but enrol one ([`Session::must_enrol`]).
pub fn sign_in_to_app(
    store: StoreHandle,
    username: &str,
    credentials: &Credentials<'_>,
) -> Result<Session> {
    sign_in_with(store, username, credentials)
}

/// The key that opens `slot`: derived from `password`, and for a slot bound to a key file from
/// `key_file` as well. A slot bound to a key file, given none, is as a wrong password (after the
/// same derivation).
pub(super) fn slot_key(
    slot: &SlotRecord,
    password: &SecretString,
    key_file: Option<&vault::KeyFile>,
) -> Result<vault::SlotKey> {
    let key = vault::derive_slot_key(password, &slot.salt, slot.cost)?;
    if !slot.needs_key_file() {
        return Ok(key);
    }
    match key_file {
        Some(f) => Ok(vault::with_key_file(key, f, &slot.user.0)?),
        None => Err(SessionError::BadCredentials),
    }
}

/// Opens the account behind `slot` with `password` (and `key_file`, if the slot is bound to
/// one) and checks it against the roster. Writes nothing: the caller counts the attempt.
pub(super) fn open_account(
    store: &Store,
    lookup: &[u8; 16],
    slot: &SlotRecord,
    name: &str,
    password: &SecretString,
    key_file: Option<&vault::KeyFile>,
) -> Result<Session> {
    let wrapped = slot
        .wrapped_keys
        .as_deref()
        .ok_or_else(|| SessionError::Disabled(name.to_string()))?;
    let key = slot_key(slot, password, key_file)?;
    let mut buf = [0u8; 32];
    let (office, seed) =
        match vault::unwrap_slot(&key, slot_aad(&mut buf, lookup, &slot.user), wrapped) {
            Ok(k) => k,
            Err(VaultError::WrongPassword) => return Err(SessionError::BadCredentials),
            Err(e) => return Err(e.into()),
        };
    drop(key);
    let r = store.read()?;
    let user: User = match r.user_get(&slot.user)? {
        Some(sealed) => vault::open_record(&office, user_aad(&slot.user), &sealed)?,
        None => return Err(StoreError::Corrupt.into()),
    };
    let roster = membership::load_roster(&office, &r)?;
    let member = roster.member(&user.id)?;
    if member.disabled || user.disabled {
        return Err(SessionError::Disabled(name.to_string()));
    }
    // A slot that is not the account's current one (an older password's slot put back) opens
    // nothing, as if the password were wrong.
    if !vault::mac_eq(&member.slot, &membership::slot_digest(&office, slot)?) {
        return Err(SessionError::BadCredentials);
    }
    if user.id != slot.user || member.role != user.role || seed.public_key()? != user.public_key {
        return Err(StoreError::Corrupt.into());
    }
    let policy = policy::load_policy(&office, &r)?;
    let ring = if member.confirmed && user.role.reads_case_content() {
        let stored = r.grant_get(&user.id)?.ok_or(StoreError::Corrupt)?;
        let ring = keys::open_grant(&seed, &user.id, &stored)?;
        // A grant older than the ring the roster records was put back from a copy.
        if ring.newest_epoch() < roster.ring_epoch {
            return Err(StoreError::Corrupt.into());
        }
        Some(ring)
    } else {
        None
    };
    let must_change = roster.must_change(&user.id);
    // The factors are bound into the roster's digest of the slot, checked above.
    let must_enrol = policy.second_factor_required_for(user.role) && slot.factors == 0;
    drop(r);
    let session = Session::new(store.clone(), office, user, policy, seed, ring, must_change)?;
    if slot.needs_key_file() {
        session.account_keys().key_file = key_file.map(vault::KeyFile::duplicate);
    }
    session
        .must_enrol
        .store(must_enrol, std::sync::atomic::Ordering::SeqCst);
    Ok(session)
}

impl Session {
    /// Checks the one-time code, if the account has them; settles the sign-in's counted
    /// attempt, logs failed attempts not yet in the trail, makes the case keys for a new store's
    /// first supervisor, and logs the sign-in. `opened` is the slot the password opened: if the
    /// slot changed meanwhile (a new password), the sign-in fails as with an old password.
    ///
    /// A code that is missing, wrong or used before leaves the attempt counted as a failure,
    /// logged as `code-refused` in the same transaction, and stops with [`Stop::CodeRefused`].
    pub(super) fn record_sign_in(
        &self,
        lookup: &[u8; 16],
        opened: &SlotRecord,
        code: Option<&SecretString>,
    ) -> Result<(), Stop> {
        let mut w = self.begin()?;
        let mut events = Vec::new();
        if let Some(mut own) = w.slot_get(lookup)? {
            if own.user != opened.user
                || own.wrapped_keys != opened.wrapped_keys
                || own.factors != opened.factors
            {
                return Err(Stop::Failed(SessionError::BadCredentials));
            }
            let seed = self.account_keys().seed.duplicate();
            let mut record = factors::open_code_record(&seed, lookup, &own)?;
            match factors::check_code(&own, record.as_mut(), code)? {
                factors::CodeCheck::NotNeeded => {}
                factors::CodeCheck::Accepted => {}
                factors::CodeCheck::Recovery(left) => {
                    events.push(self.event(AuditAction::RecoveryCodeUsed { left }, None, None));
                }
                factors::CodeCheck::Refused => {
                    // Counted as a failure before it was evaluated, and logged now rather than
                    // with the next sign-in's batch.
                    own.in_flight = own.in_flight.saturating_sub(1);
                    own.unlogged_failures = own.unlogged_failures.saturating_sub(1);
                    w.slot_put(lookup, &own)?;
                    let refused = self.event(AuditAction::CodeRefused { count: 1 }, None, None);
                    self.commit_with(w, vec![refused])?;
                    return Err(Stop::CodeRefused);
                }
            }
            if let Some(r) = &record {
                factors::seal_code_record(&seed, lookup, &mut own, r)?;
            }
            // This attempt was counted as a failure before it was evaluated; it succeeded.
            own.in_flight = own.in_flight.saturating_sub(1);
            own.unlogged_failures = own.unlogged_failures.saturating_sub(1);
            own.failures = 0;
            w.slot_put(lookup, &own)?;
        }
        for (id, mut slot) in w.slots_all()? {
            let mut changed = false;
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
                    reason_sealed: None,
                });
                slot.unlogged_failures = 0;
                changed = true;
            }
            if &id == lookup && slot.in_flight == 0 && slot.last_failure != 0 {
                slot.last_failure = 0;
                changed = true;
            }
            if changed {
                w.slot_put(&id, &slot)?;
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
                reason_sealed: None,
            });
            w.meta_put_u64(meta::UNKNOWN_FAILURES, 0)?;
        }
        let first = self.make_case_keys_if_first(&mut w)?;
        if let Some((_, created)) = &first {
            events.push(created.clone());
        }
        events.push(self.event(AuditAction::SignIn, None, None));
        self.commit_with(w, events)?;
        if let Some((ring, _)) = first {
            self.set_ring(Some(std::sync::Arc::new(ring)));
        }
        Ok(())
    }
}

/// Opens the store at `at` (a file, or a PostgreSQL database) for signing in.
pub fn open_store(at: impl Into<Location>) -> Result<StoreHandle> {
    StoreHandle::open(at)
}

/// An opened store, as a face holds it before and between sign-ins. Opaque: it answers what a
/// face may ask of a store nobody is signed in to, and nothing else. Cloning shares the one open
/// database.
#[derive(Clone, Debug)]
pub struct StoreHandle(pub(super) Store);

impl StoreHandle {
    /// Opens an existing store, checking that it is one and that its schema is known.
    pub fn open(at: impl Into<Location>) -> Result<StoreHandle> {
        Ok(StoreHandle(Store::open_at(&at.into())?))
    }

    /// For a status line or a message: the store's file, or its server and database. Never a
    /// password.
    pub fn describe(&self) -> String {
        self.0.describe()
    }

    /// A short name of the store for a status line: the file's name, or the server and
    /// database. Never a password.
    pub fn label(&self) -> String {
        self.0.location().label()
    }

    /// Bytes the store takes on disk: the file, or the database's tables and indexes.
    pub fn size(&self) -> Result<u64> {
        Ok(self.0.file_size()?)
    }

    /// The store's file, for a store in a file.
    pub fn file_path(&self) -> Option<&std::path::Path> {
        self.0.file_path()
    }

    /// Whether `casenotes demo` made this store (its sign-in screen may show the accounts).
    pub fn is_demo(&self) -> Result<bool> {
        Ok(self.0.is_demo()?)
    }

    /// Signs `username` in; see [`sign_in`].
    pub fn sign_in(&self, username: &str, password: &SecretString) -> Result<Session> {
        sign_in(self.clone(), username, password)
    }

    /// Which second factors `username` signs in with, as its key slot says (no key is needed to
    /// read it, and nothing is logged): for a sign-in form to ask for them. A name with no
    /// account has none, like an account without them.
    pub fn factors(&self, username: &str) -> Result<Factors> {
        let Ok(name) = domain::validate_username(username) else {
            return Ok(Factors::default());
        };
        let r = self.0.read()?;
        let lookup = vault::name_lookup_id(&r.name_salt()?, &name)?;
        Ok(r.slot_get(&lookup)?
            .filter(|s| s.wrapped_keys.is_some())
            .map(|s| Factors::of(&s))
            .unwrap_or_default())
    }

    /// Rewrites the file without its free pages. Needs the only handle to the store in this
    /// process.
    pub fn compact(mut self) -> Result<()> {
        Ok(self.0.compact()?)
    }
}
