//! Membership: who holds the case keys. Keys follow membership: an administrator makes an
//! account, but only a supervisor who holds the case key ring can confirm it, by sealing the
//! ring to the account's public key. Disabling an account, or an administrator's reset of its
//! password, takes its grant away and makes a rotation of the ring due.
//!
//! The roster, sealed under the office key, records for each account its role, whether it is
//! disabled or confirmed, and a digest of its current key slot; and whether a rotation is due.
//! Its digest is bound into the audit head, so an older roster put back disagrees with the head,
//! and an older head with the audit rows after it.

use serde::{Deserialize, Serialize};

use crate::domain::{AuditAction, AuditEvent, Role, User, UserId};
use crate::store::{AuditHead, KeyReads, SlotRecord, StoreError, WriteTxn, meta, table};
use crate::vault::{self, Aad, CaseRing, MasterKey, VaultError};

use super::*;

/// One account as the roster records it.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub(super) struct Member {
    pub user: UserId,
    pub role: Role,
    pub disabled: bool,
    /// Holds a grant of the case key ring.
    pub confirmed: bool,
    /// Digest of the account's current key slot (without its attempt counters).
    pub slot: [u8; 32],
}

/// Every account's standing, sealed under the office key.
#[derive(Debug, Clone, Default, Serialize, Deserialize)]
pub(super) struct Roster {
    pub members: Vec<Member>,
    /// An account lost the case keys since the ring was last rotated.
    pub rotation_due: bool,
    /// The newest epoch of the case key ring; 0 until the first supervisor's sign-in makes it.
    pub ring_epoch: u32,
    /// Accounts whose password an administrator set (a reset, or re-enabling the account):
    /// until each chooses its own, it may do nothing else, and cannot be confirmed. Last, so
    /// that a roster written before it existed reads as the same fields up to here.
    pub must_change_password: Vec<UserId>,
}

/// The roster as stores made before `must_change_password` hold it. Read, never written: the
/// next change to the roster writes the current layout. (Postcard, fields by position: the
/// current layout reads an older roster's fields and then finds its end, so it is refused and
/// this one tried.)
#[derive(Deserialize)]
struct RosterV1 {
    members: Vec<Member>,
    rotation_due: bool,
    ring_epoch: u32,
}

impl From<RosterV1> for Roster {
    fn from(old: RosterV1) -> Roster {
        Roster {
            members: old.members,
            rotation_due: old.rotation_due,
            ring_epoch: old.ring_epoch,
            must_change_password: Vec::new(),
        }
    }
}

impl Roster {
    pub fn member(&self, id: &UserId) -> Result<&Member> {
        self.members
            .iter()
            .find(|m| m.user == *id)
            .ok_or_else(|| StoreError::Corrupt.into())
    }

    pub fn member_mut(&mut self, id: &UserId) -> Result<&mut Member> {
        self.members
            .iter_mut()
            .find(|m| m.user == *id)
            .ok_or_else(|| StoreError::Corrupt.into())
    }

    /// Whether account `id` must choose a new password before doing anything else.
    pub fn must_change(&self, id: &UserId) -> bool {
        self.must_change_password.contains(id)
    }

    /// Marks (or clears) account `id` as having to choose a new password.
    pub fn set_must_change(&mut self, id: &UserId, must: bool) {
        self.must_change_password.retain(|u| u != id);
        if must {
            self.must_change_password.push(*id);
        }
    }

    /// Refuses to take the case keys from `id` when no other supervisor holds them: nobody could
    /// confirm anyone again, and a new supervisor could never be given them.
    pub fn keep_a_key_holder(&self, id: &UserId, name: &str) -> Result<()> {
        let me = self.member(id)?;
        if !(me.confirmed && me.role == Role::Supervisor) {
            return Ok(());
        }
        let others = self
            .members
            .iter()
            .any(|m| m.user != *id && m.confirmed && !m.disabled && m.role == Role::Supervisor);
        if others {
            Ok(())
        } else {
            Err(SessionError::Invalid(format!(
                "'{name}' is the only supervisor holding the case keys; add another supervisor and have '{name}' confirm them first"
            )))
        }
    }
}

fn roster_aad() -> Aad<'static> {
    Aad {
        table: table::META,
        id: meta::ROSTER.as_bytes(),
    }
}

/// The digest of a key slot that the roster keeps: everything but the attempt counters and the
/// sealed one-time code record (which changes at every sign-in with a code), so that an older
/// slot put back (an older password, or one before a second factor was added) is refused. A
/// slot without second factors has the digest it had before they existed.
pub(super) fn slot_digest(office: &MasterKey, slot: &SlotRecord) -> Result<[u8; 32]> {
    let wrapped: &[u8] = slot.wrapped_keys.as_deref().unwrap_or_default();
    let present = [u8::from(slot.wrapped_keys.is_some())];
    let cost = [
        slot.cost.memory_kib.to_le_bytes(),
        slot.cost.passes.to_le_bytes(),
    ];
    let mut parts: Vec<&[u8]> = vec![&slot.user.0, &slot.salt, &cost[0], &cost[1], &present];
    let factors = [slot.factors];
    let label: &[u8] = if slot.factors == 0 {
        b"casenotes slot v1"
    } else {
        // The factors come before the wrapped keys, whose length varies.
        parts.push(&factors);
        b"casenotes slot v2"
    };
    parts.push(wrapped);
    Ok(vault::office_digest(office, label, &parts)?)
}

/// The digest of the sealed roster as it stands in `txn`, for the audit head.
pub(super) fn roster_digest(office: &MasterKey, txn: &impl KeyReads) -> Result<[u8; 32]> {
    let sealed = txn.meta_value(meta::ROSTER)?.unwrap_or_default();
    Ok(vault::office_digest(
        office,
        b"casenotes roster v1",
        &[&sealed],
    )?)
}

/// Opens the roster and checks it against the audit head: a roster swapped for another (an
/// older one put back) is refused as an altered store.
pub(super) fn load_roster(office: &MasterKey, txn: &impl KeyReads) -> Result<Roster> {
    let sealed = txn.meta_value(meta::ROSTER)?.ok_or(StoreError::Corrupt)?;
    let roster: Roster = match vault::open_record(office, roster_aad(), &sealed) {
        Ok(r) => r,
        Err(VaultError::Tampered) => Roster::from(vault::open_record::<RosterV1>(
            office,
            roster_aad(),
            &sealed,
        )?),
        Err(e) => return Err(e.into()),
    };
    let head = txn
        .meta_value(meta::AUDIT_HEAD)?
        .ok_or(StoreError::Corrupt)?;
    let head: AuditHead = vault::open_record(office, head_aad(), &head)?;
    let digest = vault::office_digest(office, b"casenotes roster v1", &[&sealed])?;
    if !vault::mac_eq(&head.roster, &digest) {
        return Err(StoreError::Corrupt.into());
    }
    Ok(roster)
}

pub(super) fn store_roster(office: &MasterKey, w: &mut WriteTxn, roster: &Roster) -> Result<()> {
    w.meta_put(
        meta::ROSTER,
        &vault::seal_record(office, roster_aad(), roster)?,
    )?;
    Ok(())
}

impl Session {
    pub(super) fn load_roster(&self, txn: &impl KeyReads) -> Result<Roster> {
        load_roster(&self.master, txn)
    }

    pub(super) fn store_roster(&self, w: &mut WriteTxn, roster: &Roster) -> Result<()> {
        store_roster(&self.master, w, roster)
    }

    pub(super) fn roster_digest(&self, txn: &impl KeyReads) -> Result<[u8; 32]> {
        roster_digest(&self.master, txn)
    }

    /// Confirms an account: seals the case key ring to its public key, so that it can read and
    /// write case records. Supervisors who hold the ring only; logged. Refused for
    /// administrators (who never hold the case keys), disabled accounts and accounts already
    /// confirmed.
    pub fn confirm_user(&self, name: &str) -> Result<()> {
        self.confirm_users(&[name])
    }

    /// As [`Session::confirm_user`], for several accounts in one transaction (`seed`).
    pub(crate) fn confirm_users(&self, names: &[&str]) -> Result<()> {
        self.may(Operation::ConfirmUsers)?;
        let mut w = self.begin()?;
        let ring = self.ring()?;
        let mut roster = self.load_roster(&w)?;
        let mut events = Vec::with_capacity(names.len());
        for name in names {
            let (_, _, user) = self.find_user(&w, name)?;
            let must_change = roster.must_change(&user.id);
            let m = roster.member_mut(&user.id)?;
            if m.role != user.role {
                return Err(StoreError::Corrupt.into());
            }
            if m.disabled || user.disabled {
                return Err(SessionError::Disabled(user.name));
            }
            if !user.role.reads_case_content() {
                return Err(SessionError::Invalid(format!(
                    "'{}' is an administrator; administrators never hold the case keys",
                    user.name
                )));
            }
            if m.confirmed {
                return Err(SessionError::Invalid(format!(
                    "'{}' is already confirmed",
                    user.name
                )));
            }
            if must_change {
                // An administrator knows the account's password: the keys wait until the
                // account has chosen its own.
                return Err(SessionError::Invalid(format!(
                    "'{}' must first choose a new password (an administrator set the current one)",
                    user.name
                )));
            }
            self.put_grant(&mut w, &user, &ring)?;
            m.confirmed = true;
            events.push(self.event(AuditAction::UserConfirmed { name: user.name }, None, None));
        }
        self.store_roster(&mut w, &roster)?;
        self.commit_with(w, events)
    }

    /// Accounts a supervisor may confirm now (advisers and supervisors that are neither
    /// disabled nor confirmed, and have chosen their own password), by name. Supervisors and
    /// administrators; not logged.
    pub fn awaiting_confirmation(&self) -> Result<Vec<UserSummary>> {
        Ok(self
            .users()?
            .into_iter()
            .filter(|u| u.awaiting_confirmation && !u.must_change_password)
            .collect())
    }

    /// At the first supervisor's sign-in, while nobody holds the case keys and the store holds
    /// no client, makes the case key ring and grants it to that supervisor. Returns the ring and
    /// the event to log; the ring is the session's only once the transaction has committed.
    pub(super) fn make_case_keys_if_first(
        &self,
        w: &mut WriteTxn,
    ) -> Result<Option<(CaseRing, AuditEvent)>> {
        // An account using a password an administrator set gets no keys until it has chosen
        // its own: the administrator knows this one.
        if self.user.role != Role::Supervisor
            || self.holds_case_keys()
            || self.must_change_password()
        {
            return Ok(None);
        }
        let mut roster = self.load_roster(w)?;
        if roster.ring_epoch != 0 || w.any_grant()? || w.any_client()? {
            return Ok(None);
        }
        let ring = CaseRing::generate()?;
        self.put_grant(w, &self.user, &ring)?;
        let me = roster.member_mut(&self.user.id)?;
        if me.disabled {
            return Err(SessionError::Disabled(self.user.name.clone()));
        }
        me.confirmed = true;
        roster.ring_epoch = ring.newest_epoch();
        self.store_roster(w, &roster)?;
        Ok(Some((
            ring,
            self.event(AuditAction::CaseKeysCreated, None, None),
        )))
    }

    /// A user's summary for `user list`, standing taken from the roster.
    pub(super) fn user_summary(&self, u: &User, roster: &Roster) -> Result<UserSummary> {
        let m = roster.member(&u.id)?;
        Ok(UserSummary {
            name: u.name.clone(),
            role: m.role,
            disabled: m.disabled,
            confirmed: m.confirmed,
            awaiting_confirmation: !m.disabled && !m.confirmed && m.role.reads_case_content(),
            must_change_password: !m.disabled && roster.must_change(&u.id),
            created_at: u.created_at,
        })
    }
}

/// The roster of a new store: its first administrator.
pub(super) fn first_roster(office: &MasterKey, admin: &User, slot: &SlotRecord) -> Result<Roster> {
    Ok(Roster {
        members: vec![Member {
            user: admin.id,
            role: admin.role,
            disabled: false,
            confirmed: false,
            slot: slot_digest(office, slot)?,
        }],
        rotation_due: false,
        ring_epoch: 0,
        must_change_password: Vec::new(),
    })
}

/// A new account's roster entry: not confirmed.
pub(super) fn new_member(office: &MasterKey, user: &User, slot: &SlotRecord) -> Result<Member> {
    Ok(Member {
        user: user.id,
        role: user.role,
        disabled: false,
        confirmed: false,
        slot: slot_digest(office, slot)?,
    })
}

#[cfg(test)]
mod tests {
    use secrecy::SecretString;

    use super::*;

    const PW: &str = "violet anchor meadow trombone";
    const PW2: &str = "quartz lantern ember thistle";
    const PW3: &str = "copper falcon drizzle orchard";

    /// The roster as stores made before `must_change_password` wrote it.
    #[derive(Serialize)]
    struct RosterV1Out {
        members: Vec<Member>,
        rotation_due: bool,
        ring_epoch: u32,
    }

    #[test]
    fn a_roster_in_the_earlier_layout_is_read_and_upgraded_on_its_next_change() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("s.redb");
        let admin = crate::session::fast_test_store(&path, PW);
        admin
            .add_user("adv", Role::Adviser, &SecretString::from(PW2))
            .unwrap();
        // Written as an earlier version would: the old layout, with the audit head that
        // records its digest.
        let roster = admin.load_roster(&admin.store.read().unwrap()).unwrap();
        let old = RosterV1Out {
            members: roster.members.clone(),
            rotation_due: roster.rotation_due,
            ring_epoch: roster.ring_epoch,
        };
        let old_bytes = postcard::to_allocvec(&old).unwrap();
        assert!(
            postcard::from_bytes::<Roster>(&old_bytes).is_err(),
            "the current layout never reads the old one"
        );
        let mut w = admin.store.write().unwrap();
        w.meta_put(
            meta::ROSTER,
            &vault::seal_record(&admin.master, roster_aad(), &old).unwrap(),
        )
        .unwrap();
        admin
            .append_audit(&mut w, vec![admin.event(AuditAction::SignIn, None, None)])
            .unwrap();
        w.commit().unwrap();

        let adv = sign_in(open_store(&path).unwrap(), "adv", &SecretString::from(PW2)).unwrap();
        assert!(!adv.must_change_password());
        drop(adv);
        assert!(
            admin
                .users()
                .unwrap()
                .iter()
                .all(|u| !u.must_change_password)
        );
        // The next change writes the current layout, with the mark.
        admin
            .change_password("adv", &SecretString::from(PW3))
            .unwrap();
        let sealed = admin.store.read().unwrap().meta_get(meta::ROSTER).unwrap();
        let stored: Roster =
            vault::open_record(&admin.master, roster_aad(), &sealed.unwrap()).unwrap();
        assert_eq!(stored.members.len(), 2);
        assert_eq!(stored.must_change_password.len(), 1);
        let adv = sign_in(open_store(&path).unwrap(), "adv", &SecretString::from(PW3)).unwrap();
        assert!(adv.must_change_password());
        assert_eq!(admin.verify_audit().unwrap(), 6);
    }
}
