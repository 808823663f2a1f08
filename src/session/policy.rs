//! The office's policy as stored: sealed under the office key in meta, read in its current
//! layout or an earlier one (stores made before `second-factor-required`, before
//! `client-names`, and before `no-contact-days`),
//! and changed one setting at a time by an administrator.

use crate::domain::{AuditAction, Policy, PolicySetting, PolicyV1, PolicyV2, PolicyV3};
use crate::store::{KeyReads, StoreError, meta};
use crate::vault::{self, MasterKey, VaultError};

use super::*;

/// Opens the sealed policy in `txn`. A policy in an earlier layout (before
/// `second-factor-required`, `client-names` or `no-contact-days`) is read as that layout and brought up to date in memory (the newer
/// settings at their defaults, the idle lock within today's range); the next change of policy
/// writes the current layout.
pub(super) fn load_policy(office: &MasterKey, txn: &impl KeyReads) -> Result<Policy> {
    let sealed = txn.meta_value(meta::POLICY)?.ok_or(StoreError::Corrupt)?;
    open_policy(office, &sealed)
}

/// Opens a sealed policy in any layout; anything else is a damaged or altered store. Layouts are
/// tried newest first: postcard reads a record's leading fields and ignores the rest, so an
/// older, shorter layout would also read a newer record and lose its later settings.
pub(super) fn open_policy(office: &MasterKey, sealed: &[u8]) -> Result<Policy> {
    match vault::open_record::<Policy>(office, policy_aad(), sealed) {
        Ok(p) => return Ok(p.within_tightened_ranges()),
        Err(VaultError::Tampered) => {}
        Err(e) => return Err(e.into()),
    }
    match vault::open_record::<PolicyV3>(office, policy_aad(), sealed) {
        Ok(old) => return Ok(Policy::from(old)),
        Err(VaultError::Tampered) => {}
        Err(e) => return Err(e.into()),
    }
    match vault::open_record::<PolicyV2>(office, policy_aad(), sealed) {
        Ok(old) => return Ok(Policy::from(old)),
        Err(VaultError::Tampered) => {}
        Err(e) => return Err(e.into()),
    }
    let old: PolicyV1 = vault::open_record(office, policy_aad(), sealed)?;
    Ok(Policy::from(old))
}

impl Session {
    /// Every policy setting with its value, range and meaning, as this session read the policy
    /// at sign-in. Any signed-in account may read it (it says when the screen locks); not
    /// logged.
    pub fn policy_settings(&self) -> Result<Vec<PolicySetting>> {
        self.refuse_if_must_change()?;
        Ok(self.policy().settings())
    }

    /// Changes one policy setting. Administrators only; logged with old and new values. Reads the
    /// policy afresh inside the write transaction, so a change another process made meanwhile is
    /// kept. A value outside the setting's range is refused, naming the range. From then on this
    /// session works to the policy as changed (a shared handle, as the app holds, sees it too).
    pub fn set_policy(&self, key: &str, value: &str) -> Result<()> {
        self.may(Operation::ChangePolicy)?;
        // Refuse a bad key or value before taking the write lock.
        self.policy()
            .set(key, value)
            .map_err(SessionError::Invalid)?;
        let mut w = self.begin()?;
        let mut p = load_policy(&self.master, &w)?;
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
        *self
            .policy
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner) = p;
        Ok(())
    }
}
