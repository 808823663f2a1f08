//! Giving a client another adviser (supervisors), and finding the open clients whose adviser
//! is no longer active — disabled, or made an administrator — which need one.

use crate::domain::{self, AuditAction, ClientRef, ClientStatus, UserId};

use super::*;

impl Session {
    /// The open clients whose adviser is no longer an active adviser or supervisor (the account
    /// was disabled or made an administrator), oldest reference first, with their names:
    /// what a supervisor reassigns. Supervisors holding the case keys; not logged (supervisors
    /// read every client's name).
    pub fn clients_without_active_adviser(&self) -> Result<Vec<ClientSummary>> {
        self.may(Operation::ReassignClients)?;
        let r = self.store.read()?;
        self.sync_ring(&r)?;
        let ring = self.ring()?;
        let roster = self.load_roster(&r)?;
        let active = |id: &UserId| {
            roster
                .member(id)
                .is_ok_and(|m| !m.disabled && m.role.reads_case_content())
        };
        let names = self.user_names(&r)?;
        let mut out = Vec::new();
        let mut err = None;
        r.for_each_client(|reference, sealed_key, sealed| {
            match self.unseal_client(&ring, reference, sealed_key, sealed) {
                Ok((_, c)) if c.status == ClientStatus::Open && !active(&c.adviser) => {
                    out.push(self.summary(&c, &names, domain::today()));
                }
                Ok(_) => {}
                Err(e) => err = Some(e),
            }
            Ok(())
        })?;
        if let Some(e) = err {
            return Err(e);
        }
        out.sort_by_key(|c| c.reference);
        Ok(out)
    }

    /// Gives client `r` to `to_name`, an active (not disabled) adviser or supervisor, for the
    /// stated `reason`. Supervisors holding the case keys. Logged with both advisers' names
    /// and the reason (sealed under the case keys like every stated reason), in the same
    /// transaction as the client's record and its assignment.
    pub fn reassign_client(&self, r: ClientRef, to_name: &str, reason: &str) -> Result<()> {
        self.may(Operation::ReassignClients)?;
        let why = domain::validate_reason(reason).map_err(SessionError::Invalid)?;
        let mut w = self.begin()?;
        let (_, _, to) = self.find_user(&w, to_name)?;
        let roster = self.load_roster(&w)?;
        let m = roster.member(&to.id)?;
        if m.disabled || to.disabled || !m.role.reads_case_content() {
            return Err(SessionError::Invalid(format!(
                "'{}' is not an active adviser or supervisor",
                to.name
            )));
        }
        let (keys, mut client) = self.open_client_in(&w, r)?;
        if client.adviser == to.id {
            return Err(SessionError::Invalid(format!(
                "{r} is already on {}'s caseload",
                to.name
            )));
        }
        let from = match w.user_get(&client.adviser)? {
            Some(sealed) => self.open_user(&client.adviser, &sealed)?.name,
            None => "(unknown)".into(),
        };
        let event = self.event(
            AuditAction::ClientReassigned {
                from,
                to: to.name.clone(),
            },
            Some(r),
            Some(why),
        );
        client.adviser = to.id;
        client.written_at = self.next_event_seq(&w)?;
        w.client_put(r, &self.seal_client(&keys, &client)?)?;
        self.put_assignment(&mut w, &client)?;
        self.commit_with(w, vec![event])
    }
}
