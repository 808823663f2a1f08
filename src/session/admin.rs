//! Administration: user accounts and the office's policy.

use secrecy::SecretString;

use crate::domain::Policy;
use crate::domain::{self, AuditAction, Role, User, UserId};
use crate::store::{ReadTxn, Reads, SlotRecord, StoreError, meta};
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
        self.add_users_at_cost(users, policy_cost(&self.policy))
    }

    /// As [`Session::add_users`], at a given key-derivation cost (`seed` makes test stores with a
    /// cheap one).
    pub(crate) fn add_users_at_cost(&self, users: &[NewUser], cost: KdfCost) -> Result<()> {
        self.may(Operation::AddUsers)?;
        let mut checked = Vec::with_capacity(users.len());
        for u in users {
            let name = domain::validate_username(&u.name).map_err(SessionError::Invalid)?;
            check_password(&u.password, &self.policy, &[&name])?;
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
    pub fn disable_user(&self, name: &str) -> Result<()> {
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
        slot.wrapped_keys = None;
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
        self.store_roster(&mut w, &roster)?;
        let event = self.event(
            AuditAction::UserDisabled {
                name: user.name.clone(),
            },
            None,
            None,
        );
        self.commit_with(w, vec![event])
    }

    /// Sets a new password: one's own, or (administrators) anyone's. A fresh slot with a fresh
    /// salt at the policy's cost, and a fresh key pair for the account. Logged.
    ///
    /// An administrator's reset takes the account's case keys away (the administrator knows the
    /// new password): it waits for a supervisor to confirm it again, and the case keys are
    /// rotated. Refused for the last supervisor holding the case keys. Changing one's own
    /// password keeps one's case keys, sealed to the new key pair, and rotates them, so that a
    /// copy of the old key pair opens nothing written from then on.
    ///
    /// The key is derived before the write lock is taken; the account is then read again inside
    /// the write transaction, so a change made meanwhile (the account disabled, say) is not
    /// overwritten.
    pub fn change_password(&self, name: &str, password: &SecretString) -> Result<()> {
        let (_, slot, user) = self.find_user(&self.store.read()?, name)?;
        let own = user.id == self.user.id;
        if !own {
            self.may(Operation::ResetPasswords)?;
        }
        if user.disabled {
            return Err(SessionError::Disabled(user.name));
        }
        check_password(password, &self.policy, &[&user.name])?;
        let draft = SlotKeyDraft::derive(password, policy_cost(&self.policy), slot.user)?;
        let seed = AccountSeed::generate()?;
        let mut w = self.begin()?;
        let (lookup, now_slot, mut now_user) = self.find_user(&w, name)?;
        if now_slot.user != user.id || now_slot.wrapped_keys.is_none() || now_user.disabled {
            return Err(SessionError::Disabled(now_user.name));
        }
        let mut roster = self.load_roster(&w)?;
        if !own {
            roster.keep_a_key_holder(&user.id, &user.name)?;
        }
        let new_slot = draft.seal(&self.master, &seed, &lookup)?;
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
        self.store_roster(&mut w, &roster)?;
        let event = self.event(
            AuditAction::PasswordChanged {
                name: user.name.clone(),
            },
            None,
            None,
        );
        self.commit_with(w, vec![event])?;
        if own {
            self.replace_keys(seed, None);
        }
        Ok(())
    }

    /// Changes one policy setting. Administrators only; logged with old and new values. Reads the
    /// policy afresh inside the write transaction, so a change another process made meanwhile is
    /// kept.
    pub fn set_policy(&mut self, key: &str, value: &str) -> Result<()> {
        self.may(Operation::ChangePolicy)?;
        // Refuse a bad key or value before taking the write lock.
        self.policy
            .clone()
            .set(key, value)
            .map_err(SessionError::Invalid)?;
        let mut w = self.begin()?;
        let mut p: Policy = match w.meta_get(meta::POLICY)? {
            Some(sealed) => vault::open_record(&self.master, policy_aad(), &sealed)?,
            None => return Err(StoreError::Corrupt.into()),
        };
        let from = p.get(key).unwrap_or(0);
        p.set(key, value).map_err(SessionError::Invalid)?;
        let to = p.get(key).unwrap_or(0);
        w.meta_put(
            meta::POLICY,
            &vault::seal_record(&self.master, policy_aad(), &p)?,
        )?;
        let event = self.event(
            AuditAction::PolicyChanged {
                key: key.to_string(),
                from,
                to,
            },
            None,
            None,
        );
        self.commit_with(w, vec![event])?;
        self.policy = p;
        Ok(())
    }
}
