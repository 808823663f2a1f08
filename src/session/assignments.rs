//! Which adviser holds each client, as the office key sees it. A client's record (and so its
//! adviser) is sealed under its own data key, which administrators never hold; beside it each
//! client has an assignment — its adviser's id and whether it is open, nothing that names or
//! describes the client — sealed under the office key, written in the same transaction as the
//! record whenever its adviser or status changes. From these an administrator who disables an
//! adviser is told which clients, by reference only, need a new one.
//!
//! Stores made before assignments were recorded hold none: the first sign-in of an account
//! holding the case keys records every client's (see [`Session::record_missing_assignments`]).

use serde::{Deserialize, Serialize};

use crate::domain::{Client, ClientRef, ClientStatus, UserId};
use crate::store::{ReadTxn, Reads, WriteTxn, table};
use crate::vault::{self, Aad};

use super::*;

/// One client's adviser and status, sealed under the office key.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub(super) struct Assignment {
    pub adviser: UserId,
    pub status: ClientStatus,
}

impl Assignment {
    pub fn of(client: &Client) -> Assignment {
        Assignment {
            adviser: client.adviser,
            status: client.status,
        }
    }
}

fn assignment_aad(id: &[u8; 8]) -> Aad<'_> {
    Aad {
        table: table::ASSIGNMENTS,
        id,
    }
}

impl Session {
    /// Records `client`'s adviser and status inside `w` (with the change of its record).
    pub(super) fn put_assignment(&self, w: &mut WriteTxn, client: &Client) -> Result<()> {
        let id = client.reference.0.to_be_bytes();
        let sealed =
            vault::seal_record(&self.master, assignment_aad(&id), &Assignment::of(client))?;
        w.assignment_put(client.reference, &sealed)?;
        Ok(())
    }

    pub(super) fn open_assignment(&self, r: ClientRef, sealed: &[u8]) -> Result<Assignment> {
        let id = r.0.to_be_bytes();
        Ok(vault::open_record(
            &self.master,
            assignment_aad(&id),
            sealed,
        )?)
    }

    /// The open clients recorded as held by `user`, by reference, with how many clients have
    /// no recorded assignment (whose they are cannot be told without the case keys).
    pub(super) fn open_clients_of(&self, txn: &impl Reads, user: &UserId) -> Result<NeedsAdviser> {
        let rows = txn.assignments_all()?;
        let unrecorded = txn
            .count_clients()?
            .saturating_sub(txn.count_assignments()?);
        let mut clients = Vec::new();
        for (r, sealed) in rows {
            let a = self.open_assignment(r, &sealed)?;
            if a.adviser == *user && a.status == ClientStatus::Open {
                clients.push(r);
            }
        }
        Ok(NeedsAdviser {
            clients,
            unrecorded,
        })
    }

    /// For an account holding the case keys, on a store where some clients have no recorded
    /// assignment (a store made before assignments were recorded): opens every client and
    /// records the missing ones, in one transaction. A derived index, not a change to any
    /// record: not logged. Cheap when nothing is missing (two table headers).
    pub(super) fn record_missing_assignments(&self) -> Result<()> {
        if !self.holds_case_keys() {
            return Ok(());
        }
        let r = self.store.read()?;
        if r.count_assignments()? >= r.count_clients()? {
            return Ok(());
        }
        drop(r);
        let mut w = self.begin()?;
        let Ok(ring) = self.ring() else {
            return Ok(());
        };
        let recorded: std::collections::BTreeSet<u64> =
            w.assignments_all()?.into_iter().map(|(r, _)| r.0).collect();
        for (r, sealed_key) in w.client_keys_all()? {
            if recorded.contains(&r.0) {
                continue;
            }
            // A client that does not open is left for `casenotes check` to report.
            let Some(sealed) = w.client_get(r)? else {
                continue;
            };
            if let Ok((_, client)) = self.unseal_client(&ring, r, &sealed_key, &sealed) {
                self.put_assignment(&mut w, &client)?;
            }
        }
        w.commit()?;
        Ok(())
    }

    /// What `casenotes check` finds wrong with the assignments: one that does not open, one for
    /// a client the store does not hold; and, with `deep` (a caller holding the case keys), a
    /// client with none, or one that disagrees with the client's record.
    pub(super) fn assignment_problems(&self, txn: &ReadTxn, deep: bool) -> Result<Vec<String>> {
        let mut problems = Vec::new();
        let clients: std::collections::BTreeSet<u64> =
            txn.client_refs()?.into_iter().map(|c| c.0).collect();
        let mut recorded = std::collections::BTreeMap::new();
        for (r, sealed) in txn.assignments_all()? {
            match self.open_assignment(r, &sealed) {
                Ok(a) => {
                    recorded.insert(r.0, a);
                }
                Err(_) => problems.push(format!(
                    "the assignment of {r} does not open (damaged or altered)"
                )),
            }
            if !clients.contains(&r.0) {
                problems.push(format!(
                    "an assignment is recorded for {r}, which the store does not hold"
                ));
            }
        }
        if !deep {
            return Ok(problems);
        }
        for c in &clients {
            let r = ClientRef(*c);
            let Ok((_, client)) = self.open_client_record(txn, r) else {
                // Reported with the client records.
                continue;
            };
            match recorded.get(c) {
                None => problems.push(format!("{r} has no recorded assignment")),
                Some(a) if *a != Assignment::of(&client) => problems.push(format!(
                    "the recorded assignment of {r} disagrees with its record (altered or put back from a copy)"
                )),
                Some(_) => {}
            }
        }
        Ok(problems)
    }
}
