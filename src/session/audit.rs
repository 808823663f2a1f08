//! The audit trail: appending chained events in the same transaction as the change they record,
//! reading the trail, and verifying the chain.

use crate::domain::{AuditEvent, ClientRef, Role};
use crate::store::{AuditHead, AuditRow, WriteTxn, meta, table};
use crate::vault::{self, Aad, MAC_LEN};

use super::*;

impl Session {
    pub(super) fn read_head(&self, txn: &WriteTxn) -> Result<Option<AuditHead>> {
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
    pub(super) fn append_audit(&self, txn: &mut WriteTxn, events: Vec<AuditEvent>) -> Result<()> {
        #[cfg(test)]
        if self.fail_audit.load(std::sync::atomic::Ordering::SeqCst) {
            return Err(crate::store::StoreError::Io("injected audit failure".into()).into());
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
            let e = self.stored_event(e, seq)?;
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
        let roster = self.roster_digest(txn)?;
        let head = AuditHead {
            seq,
            mac: prev,
            roster,
        };
        let head = vault::seal_record(&self.master, head_aad(), &head)?;
        txn.meta_put(meta::AUDIT_HEAD, &head)?;
        Ok(())
    }

    /// The audit trail, oldest first, optionally for one client. Supervisors and administrators;
    /// administrators do not see stated reasons (sealed under the case keys, which they do not
    /// hold).
    pub fn audit(&self, client: Option<ClientRef>) -> Result<Vec<AuditEntry>> {
        self.may(Operation::ReadAudit)?;
        let r = self.store.read()?;
        self.sync_ring(&r)?;
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
                    self.open_reason(&e, row.seq)?.map(Redacted::new)
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
}
