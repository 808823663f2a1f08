//! Creating a store, opening one, and signing in: key derivation, rate limiting of failed
//! attempts, and the sign-in's audit events.

use secrecy::SecretString;

use crate::domain::{self, AuditAction, AuditEvent, Policy, Role, User, UserId};
use crate::store::{SlotRecord, Store, StoreError, meta, table};
use crate::vault::{self, Aad, MasterKey, VaultError};

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

/// Seconds a further sign-in must wait after `failures` consecutive failures.
pub fn wait_after(failures: u32) -> i64 {
    if failures < FREE_ATTEMPTS {
        return 0;
    }
    let exp = (failures - FREE_ATTEMPTS + 1).min(16);
    (1i64 << exp).min(MAX_WAIT_SECS)
}

pub(super) fn new_slot(
    master: &MasterKey,
    lookup: &[u8; 16],
    user: UserId,
    password: &SecretString,
    cost: KdfCost,
) -> Result<SlotRecord> {
    SlotKeyDraft::derive(password, cost, user)?.seal(master, lookup)
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

    /// Seals `master` under the derived key: the slot to file under `lookup`.
    pub fn seal(&self, master: &MasterKey, lookup: &[u8; 16]) -> Result<SlotRecord> {
        let mut buf = [0u8; 32];
        let wrapped =
            vault::wrap_master(&self.key, slot_aad(&mut buf, lookup, &self.user), master)?;
        Ok(SlotRecord {
            user: self.user,
            salt: self.salt,
            cost: self.cost,
            wrapped_master: Some(wrapped),
            failures: 0,
            last_failure: 0,
            unlogged_failures: 0,
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
        watch: Default::default(),
        #[cfg(test)]
        fail_audit: std::sync::atomic::AtomicBool::new(false),
    };
    session.append_audit(
        &mut w,
        vec![session.event(AuditAction::StoreCreated, None, None)],
    )?;
    w.commit()?;
    session.sign_in_checks()?;
    Ok(session)
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
    // The slot is not authenticated (it is read before any key exists): saturate, never wrap.
    let wait = slot
        .last_failure
        .saturating_add(wait_after(slot.failures))
        .saturating_sub(now);
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
        watch: Default::default(),
        #[cfg(test)]
        fail_audit: std::sync::atomic::AtomicBool::new(false),
    };
    session.record_sign_in(&lookup)?;
    session.sign_in_checks()?;
    Ok(session)
}

impl Session {
    pub(super) fn record_sign_in(&self, lookup: &[u8; 16]) -> Result<()> {
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
}

/// Opens the store at `path` for signing in.
pub fn open_store(path: &std::path::Path) -> Result<StoreHandle> {
    StoreHandle::open(path)
}

/// An opened store, as a face holds it before and between sign-ins. Opaque: it answers what a
/// face may ask of a store nobody is signed in to, and nothing else. Cloning shares the one open
/// database.
#[derive(Clone, Debug)]
pub struct StoreHandle(pub(super) Store);

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
