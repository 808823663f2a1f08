//! Second factors: what an account signs in with besides its password, and enrolling them.
//!
//! - A **key file** joins the password in deriving the key that opens the account's slot (see
//!   [`crate::vault::with_key_file`]): without it the password opens nothing, even to someone
//!   holding a copy of the store. Binding one makes the account a fresh slot, salt and key pair
//!   (as a change of password does), so a copy of the store taken before it opens nothing
//!   written afterwards with the password alone.
//! - **One-time codes** (TOTP, RFC 6238) guard the app's door: the sign-in hands out no session
//!   until the code is checked, in the write transaction that records the sign-in (so a code
//!   is accepted once: the last time step accepted is kept, and a code of that step or an
//!   earlier one is refused). A wrong code counts against the account's rate limit like a
//!   wrong password and is logged at once (`code-refused`). Ten single-use recovery codes stand
//!   in for a lost phone; they are kept as keyed BLAKE2b hashes under a random key of the
//!   account's. The secret, the hashes' key and the last step are sealed together in the slot
//!   (see [`crate::store::SlotRecord::second`]) under a key derived from the account's seed.
//!   Someone holding the store and the password reads it without the code: the code guards the
//!   app, not the file.
//! - Which factors an account has is readable before sign-in (the slot's `factors`), so a
//!   sign-in form asks for them at once; a name with no account, and an account without
//!   factors, show alike.
//! - The office's policy can require a second factor for a role (`second-factor-required`):
//!   such an account without one may do nothing but enrol one ([`Session::must_enrol`]).
//! - An administrator's reset of the password (or disabling the account) removes both factors:
//!   a lost key file or phone is mended like a forgotten password.

use std::io::{Read, Write};
use std::path::Path;

use secrecy::{ExposeSecret, SecretString};
use serde::{Deserialize, Serialize};
use zeroize::{Zeroize, ZeroizeOnDrop, Zeroizing};

use crate::domain::{self, AuditAction, QrMatrix};
use crate::store::{Reads, SlotRecord, StoreError};
use crate::vault::{self, Aad, AccountSeed, KeyFile, TOTP_SECRET_LEN};

use super::*;

/// The second factors an account signs in with, as its key slot says (readable before sign-in,
/// without any key).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Factors {
    /// The account's slot opens only with its key file as well as the password.
    pub key_file: bool,
    /// Signing in needs a one-time code (or a recovery code) after the password.
    pub code: bool,
}

/// The second factors `username`'s account has in the store at `path`, read without writing to
/// the file (for a restore, which must leave the store as it was until the backup is checked).
/// None known when the store cannot be read.
pub fn peek_factors(path: &Path, username: &str) -> Factors {
    let Ok(name) = domain::validate_username(username) else {
        return Factors::default();
    };
    match crate::store::peek_slot(path, &name) {
        Ok(Some(slot)) if slot.wrapped_keys.is_some() => Factors::of(&slot),
        _ => Factors::default(),
    }
}

impl Factors {
    pub(super) fn of(slot: &SlotRecord) -> Factors {
        Factors {
            key_file: slot.needs_key_file(),
            code: slot.needs_code(),
        }
    }

    /// Whether the account has any second factor.
    pub fn any(self) -> bool {
        self.key_file || self.code
    }

    /// The one message for a sign-in that failed, naming every secret the account signs in
    /// with and not which was wrong.
    pub fn wrong(self) -> &'static str {
        match (self.key_file, self.code) {
            (false, false) => "wrong username or password",
            (true, false) => "wrong username, password or key file",
            (false, true) => "wrong username, password or one-time code",
            (true, true) => "wrong username, password, key file or one-time code",
        }
    }
}

/// What a person gives to sign in. The key file is read (by path) and the code checked only if
/// the account has them.
#[derive(Clone, Copy)]
pub struct Credentials<'a> {
    pub password: &'a SecretString,
    /// Where the account's key file is.
    pub key_file: Option<&'a Path>,
    /// A one-time code from the authenticator app, or a recovery code.
    pub code: Option<&'a SecretString>,
}

impl<'a> Credentials<'a> {
    /// A password alone.
    pub fn password(password: &'a SecretString) -> Credentials<'a> {
        Credentials {
            password,
            key_file: None,
            code: None,
        }
    }
}

impl std::fmt::Debug for Credentials<'_> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Credentials")
            .field("key_file", &self.key_file)
            .finish_non_exhaustive()
    }
}

/// Reads a key file; `None` for a file that is missing, unreadable or not a key file (which a
/// sign-in treats exactly as a wrong one).
pub(super) fn read_key_file(path: &Path) -> Option<KeyFile> {
    let f = std::fs::File::open(path).ok()?;
    let mut buf = Zeroizing::new(Vec::with_capacity(vault::KEY_FILE_LEN + 1));
    f.take(vault::KEY_FILE_LEN as u64 + 1)
        .read_to_end(&mut buf)
        .ok()?;
    KeyFile::from_bytes(&buf)
}

/// The one-time code record, sealed in the account's slot under its factor key.
#[derive(Serialize, Deserialize, Zeroize, ZeroizeOnDrop)]
pub(super) struct CodeRecord {
    /// The authenticator's secret, once a first code confirmed it.
    totp: Option<[u8; TOTP_SECRET_LEN]>,
    /// The newest time step whose code was accepted (at enrolment or sign-in).
    last_step: u64,
    /// A secret not yet confirmed by a first code (an enrolment under way).
    pending: Option<[u8; TOTP_SECRET_LEN]>,
    /// The key of the recovery codes' hashes.
    recovery_key: [u8; 32],
    /// Keyed hashes of the recovery codes not yet used.
    recovery: Vec<[u8; 32]>,
}

const CODE_RECORD: &str = "slots.second";

fn code_aad<'a>(buf: &'a mut [u8; 32], lookup: &[u8; 16], slot: &SlotRecord) -> Aad<'a> {
    buf[..16].copy_from_slice(lookup);
    buf[16..].copy_from_slice(&slot.user.0);
    Aad {
        table: CODE_RECORD,
        id: buf,
    }
}

/// Opens the slot's one-time code record with the account's seed.
pub(super) fn open_code_record(
    seed: &AccountSeed,
    lookup: &[u8; 16],
    slot: &SlotRecord,
) -> Result<Option<CodeRecord>> {
    let Some(sealed) = &slot.second else {
        return Ok(None);
    };
    let key = vault::factor_key(seed)?;
    let mut buf = [0u8; 32];
    Ok(Some(vault::open_record(
        &key,
        code_aad(&mut buf, lookup, slot),
        sealed,
    )?))
}

/// Seals `record` into `slot` under the key of `seed`.
pub(super) fn seal_code_record(
    seed: &AccountSeed,
    lookup: &[u8; 16],
    slot: &mut SlotRecord,
    record: &CodeRecord,
) -> Result<()> {
    let key = vault::factor_key(seed)?;
    let mut buf = [0u8; 32];
    slot.second = Some(vault::seal_record_uncompressed(
        &key,
        code_aad(&mut buf, lookup, slot),
        record,
    )?);
    Ok(())
}

/// The audit events of a slot's second factors removed (an administrator's reset, a disabled
/// account).
pub(super) fn removed_events(session: &Session, slot: &SlotRecord, name: &str) -> Vec<AuditEvent> {
    let mut out = Vec::new();
    for (has, factor) in [
        (slot.needs_key_file(), "key-file"),
        (slot.needs_code(), "totp"),
    ] {
        if has {
            out.push(session.event(
                AuditAction::SecondFactorRemoved {
                    name: name.to_string(),
                    factor: factor.to_string(),
                },
                None,
                None,
            ));
        }
    }
    out
}

/// What checking a sign-in's code found.
pub(super) enum CodeCheck {
    /// The account has no one-time codes.
    NotNeeded,
    /// A one-time code of a step not used before.
    Accepted,
    /// A recovery code, now used up; this many remain.
    Recovery(u32),
    /// Missing, wrong, or used before.
    Refused,
}

/// The time step clock: seconds since the epoch, never negative.
fn unix_now() -> u64 {
    u64::try_from(domain::now()).unwrap_or(0)
}

/// A recovery code as typed, in the form its hash is taken of: lower case, without spaces or
/// dashes.
fn normalise_recovery(code: &str) -> String {
    code.chars()
        .filter(|c| !c.is_whitespace() && *c != '-')
        .flat_map(char::to_lowercase)
        .collect()
}

/// Checks `code` against the account's record (which requires one if it holds a secret, or the
/// slot says so) and updates the record: the step accepted, or the recovery code used up.
pub(super) fn check_code(
    slot: &SlotRecord,
    record: Option<&mut CodeRecord>,
    code: Option<&SecretString>,
) -> Result<CodeCheck> {
    let record = match record {
        Some(r) if r.totp.is_some() => r,
        // The slot says codes are needed but holds no secret: altered.
        _ if slot.needs_code() => return Err(StoreError::Corrupt.into()),
        _ => return Ok(CodeCheck::NotNeeded),
    };
    let Some(code) = code else {
        return Ok(CodeCheck::Refused);
    };
    let typed: String = code
        .expose_secret()
        .chars()
        .filter(|c| !c.is_whitespace())
        .collect();
    let typed = Zeroizing::new(typed);
    if typed.len() == usize::from(vault::TOTP_DIGITS) && typed.bytes().all(|b| b.is_ascii_digit()) {
        let Some(secret) = record.totp else {
            return Ok(CodeCheck::Refused);
        };
        return Ok(match vault::totp_step(&secret, &typed, unix_now()) {
            Some(step) if step > record.last_step => {
                record.last_step = step;
                CodeCheck::Accepted
            }
            _ => CodeCheck::Refused,
        });
    }
    let normal = Zeroizing::new(normalise_recovery(&typed));
    if normal.is_empty() {
        return Ok(CodeCheck::Refused);
    }
    let hash = vault::recovery_hash(&record.recovery_key, &normal)?;
    let found = record
        .recovery
        .iter()
        .position(|h| orion::util::secure_cmp(h, &hash).is_ok());
    Ok(match found {
        Some(i) => {
            record.recovery.remove(i);
            CodeCheck::Recovery(u32::try_from(record.recovery.len()).unwrap_or(u32::MAX))
        }
        None => CodeCheck::Refused,
    })
}

/// How many recovery codes an enrolment makes.
pub const RECOVERY_CODES: usize = 10;
const RECOVERY_ALPHABET: &[u8] = b"abcdefghjkmnpqrstuvwxyz23456789";
const RECOVERY_LEN: usize = 10;

/// A fresh recovery code: ten letters and digits (no 0, 1, i, l or o), shown as two groups of
/// five ("k7mq2-xa9fd").
fn recovery_code() -> Result<Zeroizing<String>> {
    let mut out = Zeroizing::new(String::with_capacity(RECOVERY_LEN + 1));
    while out.len() < RECOVERY_LEN + 1 {
        let b: [u8; 1] = vault::random_bytes()?;
        // Rejection keeps every character equally likely.
        let n = RECOVERY_ALPHABET.len();
        if usize::from(b[0]) >= 256 - 256 % n {
            continue;
        }
        if out.len() == RECOVERY_LEN / 2 {
            out.push('-');
        }
        out.push(char::from(RECOVERY_ALPHABET[usize::from(b[0]) % n]));
    }
    Ok(out)
}

/// An authenticator to add: its secret as a URI, as text to type, and as a QR code. Wiped on
/// drop; `Debug` shows only the account.
pub struct TotpEnrolment {
    account: String,
    secret: Zeroizing<[u8; TOTP_SECRET_LEN]>,
}

impl std::fmt::Debug for TotpEnrolment {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("TotpEnrolment")
            .field("account", &self.account)
            .finish_non_exhaustive()
    }
}

/// Percent-encodes everything but the unreserved characters of RFC 3986.
fn uri_escape(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for b in s.bytes() {
        if b.is_ascii_alphanumeric() || matches!(b, b'-' | b'.' | b'_' | b'~') {
            out.push(char::from(b));
        } else {
            out.push_str(&format!("%{b:02X}"));
        }
    }
    out
}

/// The issuer an authenticator app shows beside the account.
const ISSUER: &str = "casenotes";

impl TotpEnrolment {
    /// An enrolment with a given secret, for previews and tests: nothing is stored, and no code
    /// of it will ever sign anyone in unless the session enrolled it.
    pub fn with_secret(account: &str, secret: [u8; TOTP_SECRET_LEN]) -> TotpEnrolment {
        TotpEnrolment {
            account: account.to_string(),
            secret: Zeroizing::new(secret),
        }
    }

    /// The account it is for.
    pub fn account(&self) -> &str {
        &self.account
    }

    /// The `otpauth://` URI an authenticator app reads (SHA-1, 6 digits and 30 seconds are
    /// every app's defaults, so they are left out to keep the QR code small).
    pub fn uri(&self) -> Zeroizing<String> {
        Zeroizing::new(format!(
            "otpauth://totp/{ISSUER}:{}?secret={}&issuer={ISSUER}",
            uri_escape(&self.account),
            self.secret_base32().as_str()
        ))
    }

    fn secret_base32(&self) -> Zeroizing<String> {
        Zeroizing::new(vault::totp_secret_base32(self.secret.as_slice()))
    }

    /// The secret as text to type into an app that cannot read the QR code: base32 in groups of
    /// four.
    pub fn secret_text(&self) -> Zeroizing<String> {
        let b = self.secret_base32();
        let groups: Vec<&str> = b
            .as_bytes()
            .chunks(4)
            .filter_map(|c| std::str::from_utf8(c).ok())
            .collect();
        Zeroizing::new(groups.join(" "))
    }

    /// The URI as a QR code.
    pub fn qr(&self) -> Option<QrMatrix> {
        QrMatrix::encode(&self.uri())
    }

    /// The code the authenticator shows at `unix_secs` (for tests, and for checking a clock).
    pub fn code_at(&self, unix_secs: u64) -> Result<String> {
        Ok(vault::totp_code(
            self.secret.as_slice(),
            unix_secs,
            vault::TOTP_DIGITS,
        )?)
    }
}

/// The recovery codes an enrolment made, shown once. Wiped on drop.
pub struct RecoveryCodes(Vec<Zeroizing<String>>);

impl std::fmt::Debug for RecoveryCodes {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "RecoveryCodes({} codes, *******)", self.0.len())
    }
}

impl RecoveryCodes {
    /// The codes, each usable once instead of a one-time code.
    pub fn codes(&self) -> impl Iterator<Item = &str> {
        self.0.iter().map(|c| c.as_str())
    }
}

/// The caller's second factors, for `user totp enrol` and the enrolment screen.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct SecondFactors {
    pub key_file: bool,
    pub totp: bool,
    /// Recovery codes not yet used.
    pub recovery_left: u32,
    /// The policy requires one for the caller's role.
    pub required: bool,
}

impl Session {
    /// Whether the office's policy requires a second factor of the caller's role and the
    /// account has none: until it enrols one ([`Session::start_totp_enrolment`] and
    /// [`Session::confirm_totp`], or [`Session::bind_key_file`]) every other use case is
    /// refused with [`SessionError::MustEnrol`] (after choosing its own password, if an
    /// administrator set it).
    pub fn must_enrol(&self) -> bool {
        self.must_enrol.load(std::sync::atomic::Ordering::SeqCst)
    }

    /// The caller's own slot, as it stands in `txn`.
    fn own_slot(&self, txn: &impl Reads) -> Result<([u8; 16], SlotRecord)> {
        let (lookup, slot, _) = self.find_user(txn, &self.user.name.clone())?;
        if slot.user != self.user.id || slot.wrapped_keys.is_none() {
            return Err(SessionError::Disabled(self.user.name.clone()));
        }
        Ok((lookup, slot))
    }

    /// The caller's second factors. Any account; not logged.
    pub fn second_factors(&self) -> Result<SecondFactors> {
        let r = self.store.read()?;
        let (lookup, slot) = self.own_slot(&r)?;
        let record = open_code_record(&self.account_keys().seed, &lookup, &slot)?;
        Ok(SecondFactors {
            key_file: slot.needs_key_file(),
            totp: slot.needs_code(),
            recovery_left: record
                .as_ref()
                .filter(|r| r.totp.is_some())
                .map_or(0, |r| u32::try_from(r.recovery.len()).unwrap_or(u32::MAX)),
            required: self.policy().second_factor_required_for(self.user.role),
        })
    }

    /// Starts adding an authenticator app: a new secret, kept sealed in the caller's slot until
    /// a first code confirms it ([`Session::confirm_totp`]); until then sign-in goes on as
    /// before. Starting again replaces a secret not yet confirmed. Any account (after choosing
    /// its own password, if an administrator set it); not logged (nothing changes until the
    /// confirmation, which is).
    pub fn start_totp_enrolment(&self) -> Result<TotpEnrolment> {
        self.refuse_if_password_set()?;
        let secret: [u8; TOTP_SECRET_LEN] = vault::random_bytes()?;
        let mut w = self.begin()?;
        let (lookup, mut slot) = self.own_slot(&w)?;
        let seed = self.seed_copy();
        let mut record = match open_code_record(&seed, &lookup, &slot)? {
            Some(r) => r,
            None => CodeRecord {
                totp: None,
                last_step: 0,
                pending: None,
                recovery_key: vault::random_bytes()?,
                recovery: Vec::new(),
            },
        };
        record.pending = Some(secret);
        seal_code_record(&seed, &lookup, &mut slot, &record)?;
        w.slot_put(&lookup, &slot)?;
        w.commit()?;
        Ok(TotpEnrolment::with_secret(&self.user.name, secret))
    }

    /// The authenticator secret waiting for its first code, if an enrolment was started (for
    /// `user totp enrol --confirm`, and to show the QR code again). Not logged.
    pub fn pending_totp_enrolment(&self) -> Result<Option<TotpEnrolment>> {
        self.refuse_if_password_set()?;
        let r = self.store.read()?;
        let (lookup, slot) = self.own_slot(&r)?;
        let record = open_code_record(&self.account_keys().seed, &lookup, &slot)?;
        Ok(record
            .and_then(|r| r.pending)
            .map(|s| TotpEnrolment::with_secret(&self.user.name, s)))
    }

    /// Confirms the enrolment started with [`Session::start_totp_enrolment`] with a first code
    /// from the app: from then on signing in needs a one-time code after the password (an
    /// authenticator enrolled before is replaced). Makes ten new recovery codes, returned once
    /// and kept only as keyed hashes. The confirming code's time step counts as used. Logged
    /// (`totp-enrolled`). A wrong code changes nothing.
    pub fn confirm_totp(&self, code: &SecretString) -> Result<RecoveryCodes> {
        self.refuse_if_password_set()?;
        let mut codes = Vec::with_capacity(RECOVERY_CODES);
        for _ in 0..RECOVERY_CODES {
            codes.push(recovery_code()?);
        }
        let recovery_key: [u8; 32] = vault::random_bytes()?;
        let hashes = codes
            .iter()
            .map(|c| vault::recovery_hash(&recovery_key, &normalise_recovery(c)))
            .collect::<Result<Vec<_>, _>>()?;
        let mut w = self.begin()?;
        let (lookup, mut slot) = self.own_slot(&w)?;
        let seed = self.seed_copy();
        let mut record = open_code_record(&seed, &lookup, &slot)?
            .filter(|r| r.pending.is_some())
            .ok_or_else(|| {
                SessionError::Invalid(
                    "no enrolment is waiting for a first code: start one with `casenotes user totp enrol`"
                        .into(),
                )
            })?;
        let Some(secret) = record.pending else {
            return Err(StoreError::Corrupt.into());
        };
        let typed: String = code
            .expose_secret()
            .chars()
            .filter(|c| !c.is_whitespace())
            .collect();
        let typed = Zeroizing::new(typed);
        let Some(step) = vault::totp_step(&secret, &typed, unix_now()) else {
            return Err(SessionError::Invalid(
                "that is not the code the app shows now (check the phone's clock); nothing was changed"
                    .into(),
            ));
        };
        record.totp = Some(secret);
        record.pending = None;
        record.last_step = step;
        record.recovery_key = recovery_key;
        record.recovery = hashes;
        slot.factors |= SlotRecord::TOTP;
        seal_code_record(&seed, &lookup, &mut slot, &record)?;
        w.slot_put(&lookup, &slot)?;
        let mut roster = self.load_roster(&w)?;
        roster.member_mut(&self.user.id)?.slot = membership::slot_digest(&self.master, &slot)?;
        self.store_roster(&mut w, &roster)?;
        let event = self.event(
            AuditAction::TotpEnrolled {
                name: self.user.name.clone(),
            },
            None,
            None,
        );
        self.commit_with(w, vec![event])?;
        self.must_enrol
            .store(false, std::sync::atomic::Ordering::SeqCst);
        Ok(RecoveryCodes(codes))
    }

    /// Binds a new key file to the caller's account: 32 random bytes written to `out` (created
    /// owner-only; an existing file is never overwritten), then a fresh slot sealed under a key
    /// derived from `password` and the file, with a fresh salt and key pair, as a change of
    /// password makes; the case keys are rotated if the account holds them. From then on the
    /// password opens nothing without the file. Binding again replaces the file bound before.
    /// `password` must be the caller's own. Logged (`key-file-bound`). If the change cannot be
    /// committed the new file is removed again.
    pub fn bind_key_file(&self, password: &SecretString, out: &Path) -> Result<()> {
        self.refuse_if_password_set()?;
        let (lookup, slot, _) = self.find_user(&self.store.read()?, &self.user.name.clone())?;
        if slot.user != self.user.id || !self.opens_slot(&lookup, &slot, password)? {
            return Err(SessionError::BadCredentials);
        }
        let file = KeyFile::generate()?;
        let policy = self.policy();
        let draft = SlotKeyDraft::derive(password, policy_cost(&policy), slot.user)?
            .with_key_file(&file)?;
        let seed = AccountSeed::generate()?;
        write_key_file(out, &file)?;
        let done = self.rebind_own_slot(&draft, seed, |slot| {
            slot.factors |= SlotRecord::KEY_FILE;
        });
        match done {
            Ok(()) => {
                self.account_keys().key_file = Some(file);
                self.must_enrol
                    .store(false, std::sync::atomic::Ordering::SeqCst);
                Ok(())
            }
            Err(e) => {
                let _ = std::fs::remove_file(out);
                Err(e)
            }
        }
    }

    /// Replaces the caller's slot with one sealed under `draft` holding a new key pair `seed`,
    /// keeping (or, through `adjust`, adding to) its second factors: the one-time code record
    /// is sealed again under the new seed's key. The account's public key, its grant of the
    /// case keys (if it holds them; the keys are then rotated) and the roster follow. Logged
    /// as a key file bound.
    fn rebind_own_slot(
        &self,
        draft: &SlotKeyDraft,
        seed: AccountSeed,
        adjust: impl FnOnce(&mut SlotRecord),
    ) -> Result<()> {
        let mut w = self.begin()?;
        let (lookup, now_slot, mut now_user) = self.find_user(&w, &self.user.name.clone())?;
        if now_slot.user != self.user.id || now_slot.wrapped_keys.is_none() || now_user.disabled {
            return Err(SessionError::Disabled(now_user.name));
        }
        let mut new_slot = draft.seal(&self.master, &seed, &lookup)?;
        self.carry_factors(&lookup, &now_slot, &mut new_slot, &seed)?;
        adjust(&mut new_slot);
        w.slot_put(&lookup, &new_slot)?;
        now_user.public_key = seed.public_key()?;
        w.user_put(
            &now_user.id,
            &vault::seal_record(&self.master, user_aad(&now_user.id), &now_user)?,
        )?;
        let mut roster = self.load_roster(&w)?;
        let confirmed = {
            let m = roster.member_mut(&self.user.id)?;
            m.slot = membership::slot_digest(&self.master, &new_slot)?;
            m.confirmed
        };
        if confirmed {
            let ring = self.ring()?;
            self.put_grant(&mut w, &now_user, &ring)?;
            roster.rotation_due = true;
        }
        self.store_roster(&mut w, &roster)?;
        let event = self.event(
            AuditAction::KeyFileBound {
                name: self.user.name.clone(),
            },
            None,
            None,
        );
        self.commit_with(w, vec![event])?;
        self.replace_keys(seed, None);
        Ok(())
    }

    /// Gives `new_slot` (the caller's, about to replace `old`) the second factors `old` has:
    /// its flags, and its one-time code record sealed again for the new key pair `seed`.
    pub(super) fn carry_factors(
        &self,
        lookup: &[u8; 16],
        old: &SlotRecord,
        new_slot: &mut SlotRecord,
        seed: &AccountSeed,
    ) -> Result<()> {
        new_slot.factors = old.factors;
        if let Some(record) = open_code_record(&self.seed_copy(), lookup, old)? {
            seal_code_record(seed, lookup, new_slot, &record)?;
        }
        Ok(())
    }

    /// A copy of the caller's seed (the keys' lock is not held while it is used).
    fn seed_copy(&self) -> AccountSeed {
        self.account_keys().seed.duplicate()
    }

    /// Refuses while the caller's password was set by an administrator (second factors are
    /// enrolled under one's own password).
    fn refuse_if_password_set(&self) -> Result<()> {
        if self.must_change_password() {
            Err(SessionError::MustChangePassword(self.user.name.clone()))
        } else {
            Ok(())
        }
    }
}

/// Writes a new key file at `path`: owner-only from its first byte, never over an existing file,
/// flushed to disk; removed again if writing fails.
fn write_key_file(path: &Path, file: &KeyFile) -> Result<()> {
    let mut f = crate::store::private_file(path).map_err(|e| match e {
        StoreError::Exists(p) => SessionError::Invalid(format!(
            "{} already exists; give a new file's path (an existing file is never overwritten)",
            domain::visible_line(&p.display().to_string())
        )),
        StoreError::Io(m) => SessionError::Invalid(format!("cannot create the key file: {m}")),
        other => other.into(),
    })?;
    let written = f.write_all(file.bytes()).and_then(|()| f.sync_all());
    if let Err(e) = written {
        drop(f);
        let _ = std::fs::remove_file(path);
        return Err(SessionError::Invalid(format!(
            "cannot write the key file: {e}"
        )));
    }
    Ok(())
}
