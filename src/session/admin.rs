//! Administration: user accounts and the office's policy.

use secrecy::SecretString;

use crate::domain::{self, AuditAction, Role, User, UserId};
use crate::store::{ReadTxn, SlotRecord, StoreError, meta};
use crate::vault::{self};

use super::*;

impl Session {
    pub(super) fn open_user(&self, id: &UserId, sealed: &[u8]) -> Result<User> {
        Ok(vault::open_record(&self.master, user_aad(id), sealed)?)
    }

    /// Finds an account by name: its lookup id, slot and record.
    pub(super) fn find_user(
        &self,
        txn: &ReadTxn,
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
}
