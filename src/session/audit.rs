//! The audit trail: appending chained events in the same transaction as the change they record,
//! reading the trail, and verifying the chain.

use std::collections::BTreeMap;

use crate::domain::{AuditEvent, ClientRef};
use crate::store::{AuditHead, AuditRow, ReadTxn, WriteTxn, meta, table};
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

    /// Where the chain ends inside `txn`: its last sequence number and MAC. Refuses if the
    /// chain's last row disagrees with its recorded head.
    fn chain_end(&self, txn: &WriteTxn) -> Result<(u64, [u8; MAC_LEN])> {
        match (self.read_head(txn)?, txn.audit_last()?) {
            (None, None) => Ok((0, [0u8; MAC_LEN])),
            (Some(h), Some(l)) if h.seq == l.seq && vault::mac_eq(&h.mac, &l.mac) => {
                Ok((h.seq, h.mac))
            }
            _ => Err(SessionError::AuditBroken(
                "the trail does not end where the store recorded; run `casenotes audit verify`"
                    .into(),
            )),
        }
    }

    /// The sequence number the next event appended inside `txn` will have, so that records
    /// written in the same transaction can carry it.
    pub(super) fn next_event_seq(&self, txn: &WriteTxn) -> Result<u64> {
        let (seq, _) = self.chain_end(txn)?;
        seq.checked_add(1)
            .ok_or_else(|| SessionError::AuditBroken("the trail is full".into()))
    }

    /// Appends events to the chained audit trail inside `txn`. Refuses if the chain's last row
    /// disagrees with its recorded head, so nothing is logged (and no text revealed) on top of a
    /// trail that was cut or edited. The first events of a new store also start its record
    /// counts. Returns the new head.
    pub(super) fn append_audit(
        &self,
        txn: &mut WriteTxn,
        events: Vec<AuditEvent>,
    ) -> Result<AuditHead> {
        #[cfg(test)]
        if self.fail_audit.load(std::sync::atomic::Ordering::SeqCst) {
            return Err(crate::store::StoreError::Io("injected audit failure".into()).into());
        }
        let (mut seq, mut prev) = self.chain_end(txn)?;
        if seq == 0 {
            self.start_counts(txn)?;
        }
        self.glass_pending_update(txn, seq + 1, &events)?;
        for e in events {
            seq += 1;
            let id = seq.to_be_bytes();
            let e = self.stored_event(txn, e, seq)?;
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
        txn.meta_put(
            meta::AUDIT_HEAD,
            &vault::seal_record(&self.master, head_aad(), &head)?,
        )?;
        Ok(head)
    }

    /// The audit trail, oldest first, optionally for one client. Supervisors and administrators;
    /// administrators do not see stated reasons (sealed under the case keys, which they do not
    /// hold). See [`Session::audit_where`] for the other filters.
    pub fn audit(&self, client: Option<ClientRef>) -> Result<Vec<AuditEntry>> {
        self.audit_where(&AuditFilter {
            client,
            ..AuditFilter::default()
        })
    }

    /// Checks the whole chain: every event opens, sequence numbers run without a gap, every MAC
    /// matches, and the chain ends where the store recorded its head; then that the records
    /// and the trail agree (see `integrity`), and that the store is not older than the one
    /// this machine saw last (see `witness`). Returns the number of events, or names the first
    /// place it breaks.
    pub fn verify_audit(&self) -> Result<u64> {
        self.may(Operation::ReadAudit)?;
        let r = self.store.read()?;
        let chain = self.audit_chain(&r)?;
        if let Some(problem) = chain.problem {
            return Err(SessionError::AuditBroken(problem));
        }
        let deep = self.user.role.reads_case_content();
        if let Some(problem) = self
            .cross_check(&r, &chain.events, deep)?
            .problems
            .into_iter()
            .next()
        {
            return Err(SessionError::AuditBroken(problem));
        }
        // After the records: a rolled-back trail is named by what it lost, where it can be.
        if let Some(problem) = self.glass_pending_agrees(&r, &chain.events)? {
            return Err(SessionError::AuditBroken(problem));
        }
        if let Some(warning) = self.rollback_warning() {
            return Err(SessionError::AuditBroken(warning));
        }
        Ok(chain.last)
    }

    /// Reads and checks the whole chain, opening every event it can. The first place the chain
    /// breaks, if any, is in [`Chain::problem`]; events that still open after it are kept.
    pub(super) fn audit_chain(&self, r: &ReadTxn) -> Result<Chain> {
        let rows = r.audit_all()?;
        let mut events = BTreeMap::new();
        let mut problem = None;
        let mut note = |p: String| {
            if problem.is_none() {
                problem = Some(p);
            }
        };
        let mut prev = [0u8; MAC_LEN];
        let mut expected = 1u64;
        for row in &rows {
            if row.seq != expected {
                note(format!(
                    "event {expected} is missing (the next one present is {})",
                    row.seq
                ));
            }
            let mac = vault::chain_mac(&self.audit_key, &prev, row.seq, &row.sealed)?;
            if !vault::mac_eq(&mac, &row.mac) {
                note(format!("event {} was edited, moved or replaced", row.seq));
            }
            let id = row.seq.to_be_bytes();
            match vault::open_record::<AuditEvent>(
                &self.master,
                Aad {
                    table: table::AUDIT,
                    id: &id,
                },
                &row.sealed,
            ) {
                Ok(e) => {
                    events.insert(row.seq, e);
                }
                Err(_) => note(format!("event {} does not open", row.seq)),
            }
            prev = row.mac;
            expected = row.seq.saturating_add(1);
        }
        let last = rows.last().map_or(0, |row| row.seq);
        let head: Option<AuditHead> = match r.meta_get(meta::AUDIT_HEAD)? {
            None => None,
            Some(sealed) => match vault::open_record(&self.master, head_aad(), &sealed) {
                Ok(h) => Some(h),
                Err(_) => {
                    note("the recorded head of the chain was altered".into());
                    None
                }
            },
        };
        match head {
            None if last == 0 => {}
            Some(h) if h.seq == last && vault::mac_eq(&h.mac, &prev) => {
                if !vault::mac_eq(&h.roster, &self.roster_digest(r)?) {
                    note(
                        "the roster of accounts and keys is not the one the trail last recorded: it was replaced or put back from a copy".into(),
                    );
                }
            }
            Some(h) => note(format!(
                "the trail ends at event {last} but the store recorded {} events: events were removed from the end or the file was rolled back",
                h.seq
            )),
            None => note("the recorded head of the chain is missing".into()),
        }
        Ok(Chain {
            events,
            problem,
            last,
        })
    }
}

/// The audit trail as read by [`Session::audit_chain`].
pub(super) struct Chain {
    /// Every event that opens, by sequence number.
    pub events: BTreeMap<u64, AuditEvent>,
    /// The first place the chain breaks.
    pub problem: Option<String>,
    /// The last sequence number present.
    pub last: u64,
}
