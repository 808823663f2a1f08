//! Administration: user accounts and the office's policy.

use secrecy::SecretString;

use crate::domain::{self, AuditAction, Role, User, UserId, visible_line};
use crate::store::{ReadTxn, Reads, SlotRecord, StoreError};
use crate::vault::{self, AccountSeed};

use super::*;

impl Session {
    pub(super) fn open_user(&self, id: &UserId, sealed: &[u8]) -> Result<User> {
        Ok(vault::open_record(&self.master, user_aad(id), sealed)?)
    }

    /// Finds an account by name: its lookup id, slot and record.
    pub(super) fn find_user(
        &self,
        txn: &impl Reads,
        name: &str,
    ) -> Result<([u8; 16], SlotRecord, User)> {
        let name = domain::validate_username(name).map_err(SessionError::Invalid)?;
        let lookup = vault::name_lookup_id(&txn.name_salt()?, &name)?;
        let slot = txn
            .slot_get(&lookup)?
            .ok_or_else(|| SessionError::UnknownUser(name.clone()))?;
        let sealed = txn.user_get(&slot.user)?.ok_or(StoreError::Corrupt)?;
        let user = self.open_user(&slot.user, &sealed)?;
        Ok((lookup, slot, user))
    }

    pub(super) fn user_names(&self, txn: &ReadTxn) -> Result<Vec<(UserId, String)>> {
        txn.users_all()?
            .into_iter()
            .map(|(id, sealed)| Ok((id, self.open_user(&id, &sealed)?.name)))
            .collect()
    }

    // ----- users and policy (administrators) -----

    /// Adds an account. Administrators only; logged. The password must pass the policy.
    pub fn add_user(&self, name: &str, role: Role, password: &SecretString) -> Result<()> {
        self.add_users(&[NewUser {
            name: name.to_string(),
            role,
            password: password.clone(),
        }])
    }

    /// Adds several accounts in one transaction (an office setting up, or `seed`). Administrators
    /// only; each is logged. Every password must pass the policy. The keys are derived on every
    /// core before the store's write lock is taken.
    pub fn add_users(&self, users: &[NewUser]) -> Result<()> {
        self.add_users_at_cost(users, policy_cost(&self.policy()))
    }

    /// As [`Session::add_users`], at a given key-derivation cost (`seed` makes test stores with a
    /// cheap one).
    pub(crate) fn add_users_at_cost(&self, users: &[NewUser], cost: KdfCost) -> Result<()> {
        self.may(Operation::AddUsers)?;
        let policy = self.policy();
        let mut checked = Vec::with_capacity(users.len());
        for u in users {
            let name = domain::validate_username(&u.name).map_err(SessionError::Invalid)?;
            check_password(&u.password, &policy, &[&name])?;
            if checked.iter().any(|(n, _, _)| *n == name) {
                return Err(SessionError::UserExists(name));
            }
            checked.push((name, u.role, UserId(vault::random_bytes()?)));
        }
        let inputs: Vec<(&SecretString, UserId)> = users
            .iter()
            .zip(&checked)
            .map(|(u, (_, _, id))| (&u.password, *id))
            .collect();
        let drafts = derive_all(&inputs, cost)?;
        let seeds = checked
            .iter()
            .map(|_| AccountSeed::generate())
            .collect::<Result<Vec<_>, _>>()?;
        let mut w = self.begin()?;
        let salt = w.name_salt()?;
        let mut roster = self.load_roster(&w)?;
        let mut events = Vec::with_capacity(checked.len());
        for (((name, role, id), draft), seed) in checked.into_iter().zip(drafts).zip(seeds) {
            let lookup = vault::name_lookup_id(&salt, &name)?;
            if w.slot_get(&lookup)?.is_some() {
                return Err(SessionError::UserExists(name));
            }
            let slot = draft.seal(&self.master, &seed, &lookup)?;
            w.slot_put(&lookup, &slot)?;
            let user = User {
                id,
                name: name.clone(),
                role,
                disabled: false,
                created_at: domain::now(),
                public_key: seed.public_key()?,
            };
            w.user_put(
                &id,
                &vault::seal_record(&self.master, user_aad(&id), &user)?,
            )?;
            roster
                .members
                .push(membership::new_member(&self.master, &user, &slot)?);
            events.push(self.event(AuditAction::UserAdded { name, role }, None, None));
        }
        self.store_roster(&mut w, &roster)?;
        self.commit_with(w, events)
    }

    /// Lists accounts, with their standing as the roster records it (disabled, waiting for
    /// confirmation). Administrators and supervisors.
    pub fn users(&self) -> Result<Vec<UserSummary>> {
        self.may(Operation::ListUsers)?;
        let r = self.store.read()?;
        let roster = self.load_roster(&r)?;
        let mut out: Vec<UserSummary> = r
            .users_all()?
            .into_iter()
            .map(|(id, sealed)| self.user_summary(&self.open_user(&id, &sealed)?, &roster))
            .collect::<Result<_>>()?;
        out.sort_by(|a, b| a.name.cmp(&b.name));
        Ok(out)
    }

    /// Disables an account: its key slot is destroyed, so its password opens nothing, and its
    /// grant of the case keys is removed; if it held one, the case keys are rotated by the next
    /// confirmed account to write, so that nothing written from then on opens with the keys it
    /// held. Administrators; logged. Refused for one's own account and for the last supervisor
    /// holding the case keys.
    ///
    /// Returns the open clients the account held, by reference only, which a supervisor gives
    /// a new adviser (`casenotes client reassign`).
    pub fn disable_user(&self, name: &str) -> Result<NeedsAdviser> {
        self.may(Operation::DisableUsers)?;
        let mut w = self.begin()?;
        let (lookup, mut slot, mut user) = self.find_user(&w, name)?;
        if user.id == self.user.id {
            return Err(SessionError::Invalid(
                "you cannot disable your own account".into(),
            ));
        }
        let mut roster = self.load_roster(&w)?;
        roster.keep_a_key_holder(&user.id, &user.name)?;
        user.disabled = true;
        let removed = factors::removed_events(self, &slot, &user.name);
        slot.wrapped_keys = None;
        slot.factors = 0;
        slot.second = None;
        w.slot_put(&lookup, &slot)?;
        w.user_put(
            &user.id,
            &vault::seal_record(&self.master, user_aad(&user.id), &user)?,
        )?;
        w.grant_remove(&user.id)?;
        let digest = membership::slot_digest(&self.master, &slot)?;
        let m = roster.member_mut(&user.id)?;
        let held = m.confirmed;
        m.disabled = true;
        m.confirmed = false;
        m.slot = digest;
        roster.rotation_due |= held;
        roster.set_must_change(&user.id, false);
        self.store_roster(&mut w, &roster)?;
        let needs = self.open_clients_of(&w, &user.id)?;
        let mut events = removed;
        events.push(self.event(
            AuditAction::UserDisabled {
                name: user.name.clone(),
            },
            None,
            None,
        ));
        self.commit_with(w, events)?;
        Ok(needs)
    }

    /// Enables a disabled account again with a temporary `password`: a fresh key slot and key
    /// pair. The account must choose its own password at its next sign-in (see
    /// [`Session::must_change_password`]), and as an adviser or supervisor it then waits for a
    /// supervisor's confirmation to get the case keys again, like a new account.
    /// Administrators; logged. Refused for an account that is not disabled.
    ///
    /// The key is derived before the write lock is taken; the account is read again inside the
    /// write transaction.
    pub fn enable_user(&self, name: &str, password: &SecretString) -> Result<()> {
        self.may(Operation::EnableUsers)?;
        let (_, slot, user) = self.find_user(&self.store.read()?, name)?;
        let not_disabled =
            |name: &str| SessionError::Invalid(format!("'{}' is not disabled", visible_line(name)));
        if !user.disabled {
            return Err(not_disabled(&user.name));
        }
        let policy = self.policy();
        check_password(password, &policy, &[&user.name])?;
        let draft = SlotKeyDraft::derive(password, policy_cost(&policy), slot.user)?;
        let seed = AccountSeed::generate()?;
        let mut w = self.begin()?;
        let (lookup, now_slot, mut now_user) = self.find_user(&w, name)?;
        if now_slot.user != user.id {
            return Err(StoreError::Corrupt.into());
        }
        if !now_user.disabled {
            return Err(not_disabled(&now_user.name));
        }
        let mut roster = self.load_roster(&w)?;
        let new_slot = draft.seal(&self.master, &seed, &lookup)?;
        w.slot_put(&lookup, &new_slot)?;
        now_user.disabled = false;
        now_user.public_key = seed.public_key()?;
        w.user_put(
            &now_user.id,
            &vault::seal_record(&self.master, user_aad(&now_user.id), &now_user)?,
        )?;
        // A disabled account holds no grant; make sure of it.
        w.grant_remove(&now_user.id)?;
        let digest = membership::slot_digest(&self.master, &new_slot)?;
        let m = roster.member_mut(&now_user.id)?;
        m.disabled = false;
        m.confirmed = false;
        m.slot = digest;
        roster.set_must_change(&now_user.id, true);
        self.store_roster(&mut w, &roster)?;
        let event = self.event(
            AuditAction::UserEnabled {
                name: now_user.name.clone(),
            },
            None,
            None,
        );
        self.commit_with(w, vec![event])
    }

    /// Changes an account's role. Administrators; logged with the old and new role. Refused for
    /// one's own account, for a disabled account, and when it would leave no other supervisor
    /// holding the case keys (see `keep_a_key_holder`).
    ///
    /// The case keys follow the role: an account made an administrator loses its grant (an
    /// administrator never holds the case keys), and if it held one the keys are rotated as
    /// when an account is disabled; the open clients it held are returned, by reference, for a
    /// supervisor to reassign. An administrator made an adviser or supervisor waits for a
    /// supervisor's confirmation, like a new account. Between adviser and supervisor the
    /// account keeps its keys; a session it has open is refused from its next use of them and
    /// must sign in again.
    pub fn change_role(&self, name: &str, role: Role) -> Result<NeedsAdviser> {
        self.may(Operation::ChangeRoles)?;
        let mut w = self.begin()?;
        let (_, _, mut user) = self.find_user(&w, name)?;
        if user.id == self.user.id {
            return Err(SessionError::Invalid(
                "you cannot change your own role; another administrator can".into(),
            ));
        }
        if user.disabled {
            return Err(SessionError::Invalid(format!(
                "'{0}' is disabled; enable it first: `casenotes user enable {0}`",
                visible_line(&user.name)
            )));
        }
        let mut roster = self.load_roster(&w)?;
        let from = roster.member(&user.id)?.role;
        if from != user.role {
            return Err(StoreError::Corrupt.into());
        }
        if from == role {
            return Err(SessionError::Invalid(format!(
                "'{}' is already {}",
                visible_line(&user.name),
                with_article(role)
            )));
        }
        if from == Role::Supervisor {
            roster.keep_a_key_holder(&user.id, &user.name)?;
        }
        let mut needs = NeedsAdviser::default();
        if !role.reads_case_content() {
            let m = roster.member_mut(&user.id)?;
            let held = m.confirmed;
            m.confirmed = false;
            roster.rotation_due |= held;
            w.grant_remove(&user.id)?;
            needs = self.open_clients_of(&w, &user.id)?;
        }
        roster.member_mut(&user.id)?.role = role;
        user.role = role;
        w.user_put(
            &user.id,
            &vault::seal_record(&self.master, user_aad(&user.id), &user)?,
        )?;
        self.store_roster(&mut w, &roster)?;
        let event = self.event(
            AuditAction::RoleChanged {
                name: user.name.clone(),
                from,
                to: role,
            },
            None,
            None,
        );
        self.commit_with(w, vec![event])?;
        Ok(needs)
    }

    /// Sets a new password: one's own, or (administrators) anyone's. A fresh slot with a fresh
    /// salt at the policy's cost, and a fresh key pair for the account. Logged: one's own as
    /// `password-changed`, an administrator's as `password-reset`.
    ///
    /// An administrator's reset (of a forgotten password) marks the account: until it chooses
    /// its own password it may do nothing else ([`Session::must_change_password`]). It also
    /// takes the account's case keys away (the administrator knows the new password): it waits
    /// for a supervisor to confirm it again, and the case keys are rotated. Refused for the last
    /// supervisor holding the case keys. Changing one's own password clears the mark (a
    /// password the same as the one the administrator set is refused), keeps one's case keys,
    /// sealed to the new key pair, and rotates them, so that a copy of the old key pair opens
    /// nothing written from then on.
    ///
    /// The key is derived before the write lock is taken; the account is then read again inside
    /// the write transaction, so a change made meanwhile (the account disabled, say) is not
    /// overwritten.
    pub fn change_password(&self, name: &str, password: &SecretString) -> Result<()> {
        let (lookup, slot, user) = self.find_user(&self.store.read()?, name)?;
        let own = user.id == self.user.id;
        if !own {
            self.may(Operation::ResetPasswords)?;
        }
        if user.disabled {
            return Err(SessionError::Disabled(user.name));
        }
        let policy = self.policy();
        check_password(password, &policy, &[&user.name])?;
        if own && self.must_change_password() && self.opens_slot(&lookup, &slot, password)? {
            return Err(SessionError::WeakPassword(
                "choose one of your own, not the one the administrator set".into(),
            ));
        }
        let mut draft = SlotKeyDraft::derive(password, policy_cost(&policy), slot.user)?;
        // One's own new slot keeps the key file it is bound to; a reset removes it.
        let key_file = match &self.account_keys().key_file {
            Some(f) if own && slot.needs_key_file() => Some(f.duplicate()),
            _ => None,
        };
        if let Some(f) = &key_file {
            draft = draft.with_key_file(f)?;
        }
        let seed = AccountSeed::generate()?;
        let mut w = self.begin()?;
        let (lookup, now_slot, mut now_user) = self.find_user(&w, name)?;
        if now_slot.user != user.id || now_slot.wrapped_keys.is_none() || now_user.disabled {
            return Err(SessionError::Disabled(now_user.name));
        }
        if own && now_slot.needs_key_file() != key_file.is_some() {
            // A key file bound meanwhile, from another window: sign in again with it.
            return Err(SessionError::BadCredentials);
        }
        let mut roster = self.load_roster(&w)?;
        if !own {
            roster.keep_a_key_holder(&user.id, &user.name)?;
        }
        let mut new_slot = draft.seal(&self.master, &seed, &lookup)?;
        let mut events = Vec::new();
        if own {
            self.carry_factors(&lookup, &now_slot, &mut new_slot, &seed)?;
        } else {
            events = factors::removed_events(self, &now_slot, &now_user.name);
        }
        w.slot_put(&lookup, &new_slot)?;
        now_user.public_key = seed.public_key()?;
        w.user_put(
            &now_user.id,
            &vault::seal_record(&self.master, user_aad(&now_user.id), &now_user)?,
        )?;
        let digest = membership::slot_digest(&self.master, &new_slot)?;
        let confirmed = {
            let m = roster.member_mut(&user.id)?;
            m.slot = digest;
            m.confirmed
        };
        if confirmed {
            if own {
                let ring = self.ring()?;
                self.put_grant(&mut w, &now_user, &ring)?;
            } else {
                w.grant_remove(&user.id)?;
                roster.member_mut(&user.id)?.confirmed = false;
            }
            roster.rotation_due = true;
        }
        roster.set_must_change(&user.id, !own);
        self.store_roster(&mut w, &roster)?;
        let name = user.name.clone();
        let action = if own {
            AuditAction::PasswordChanged { name }
        } else {
            AuditAction::PasswordReset { name }
        };
        events.push(self.event(action, None, None));
        self.commit_with(w, events)?;
        if own {
            self.replace_keys(seed, None);
            self.must_change
                .store(false, std::sync::atomic::Ordering::SeqCst);
        }
        Ok(())
    }

    /// Whether `password` opens `slot` (filed under `lookup`), with the caller's key file if
    /// the slot is bound to one: one key derivation.
    pub(super) fn opens_slot(
        &self,
        lookup: &[u8; 16],
        slot: &SlotRecord,
        password: &SecretString,
    ) -> Result<bool> {
        let Some(wrapped) = slot.wrapped_keys.as_deref() else {
            return Ok(false);
        };
        let key_file = self
            .account_keys()
            .key_file
            .as_ref()
            .map(crate::vault::KeyFile::duplicate);
        let key = match slot_key(slot, password, key_file.as_ref()) {
            Ok(k) => k,
            Err(SessionError::BadCredentials) => return Ok(false),
            Err(e) => return Err(e),
        };
        let mut buf = [0u8; 32];
        Ok(vault::unwrap_slot(&key, slot_aad(&mut buf, lookup, &slot.user), wrapped).is_ok())
    }
}

/// "an adviser", "a supervisor", "an administrator".
fn with_article(role: Role) -> &'static str {
    match role {
        Role::Adviser => "an adviser",
        Role::Supervisor => "a supervisor",
        Role::Admin => "an administrator",
    }
}
