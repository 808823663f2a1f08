//! Storage limitation: closing a client records the date; the records are kept for the
//! policy's `retention-years` after closure, and the clients past that date are listed for a
//! supervisor, who may then erase them (see `erase`).

use crate::domain::{self, AuditAction, ClientRef, ClientStatus, Date, Timestamp};

use super::*;

/// A closed client whose retention period has ended.
#[derive(Debug, Clone)]
pub struct RetentionDue {
    pub reference: ClientRef,
    pub name: Redacted<String>,
    pub adviser: String,
    pub closed_at: Timestamp,
    /// The last day the records were to be kept.
    pub retain_until: Date,
    /// The backups this store took, still in place, that hold the client: erasing it leaves
    /// it in them until they are deleted.
    pub in_backups: Vec<BackupFile>,
}

impl Session {
    /// Closes a client's case: the status and the date are recorded, and the retention period
    /// starts. The client's adviser, or a supervisor; logged. Refused if already closed.
    pub fn close_client(&self, r: ClientRef) -> Result<()> {
        let (_, client) = self.open_client_record(&self.store.read()?, r)?;
        self.access(&client, None)?;
        drop(client);
        let mut w = self.begin()?;
        let (keys, mut client) = self.open_client_in(&w, r)?;
        if client.status == ClientStatus::Closed {
            return Err(SessionError::Invalid(format!("{r} is closed already")));
        }
        let event = self.event(AuditAction::ClientClosed, Some(r), None);
        client.status = ClientStatus::Closed;
        client.closed_at = Some(domain::now());
        client.written_at = self.next_event_seq(&w)?;
        w.client_put(r, &self.seal_client(&keys, &client)?)?;
        self.put_assignment(&mut w, &client)?;
        self.commit_with(w, vec![event])
    }

    /// The closed clients whose closing date plus the policy's `retention-years` is before
    /// `today`, oldest closure first, each with the backups still in place that hold it.
    /// Supervisors.
    pub fn retention_due(&self, today: Date) -> Result<Vec<RetentionDue>> {
        self.may(Operation::SignOff)?;
        let years = self.policy().retention_years;
        let r = self.store.read()?;
        self.sync_ring(&r)?;
        let ring = self.ring()?;
        let names = self.user_names(&r)?;
        let mut out = Vec::new();
        let mut err = None;
        r.for_each_client(|reference, sealed_key, sealed| {
            match self.unseal_client(&ring, reference, sealed_key, sealed) {
                Ok((_, c)) => {
                    if let (ClientStatus::Closed, Some(at)) = (c.status, c.closed_at) {
                        let until = retain_until(at, years);
                        if until < today {
                            out.push(RetentionDue {
                                reference,
                                name: Redacted::new(c.name.clone()),
                                adviser: supervision::name_in(&names, &c.adviser),
                                closed_at: at,
                                retain_until: until,
                                in_backups: Vec::new(),
                            });
                        }
                    }
                }
                Err(e) => {
                    err.get_or_insert(e);
                }
            }
            Ok(())
        })?;
        if let Some(e) = err {
            return Err(e);
        }
        out.sort_by_key(|d| d.closed_at);
        for d in &mut out {
            d.in_backups = self.backups_holding_in(&r, d.reference)?;
        }
        Ok(out)
    }
}

/// The last day a client closed at `closed_at` is kept, under a retention period of `years`.
pub(super) fn retain_until(closed_at: Timestamp, years: u32) -> Date {
    let closed_on = domain::day_of(closed_at);
    let years = i16::try_from(years).unwrap_or(6);
    closed_on
        .checked_add(jiff::Span::new().years(years))
        .unwrap_or(closed_on)
}
