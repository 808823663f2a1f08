//! Supervision of the audit trail: the queue of break-glass accesses awaiting review, the review
//! itself, and the audit viewer's filters.
//!
//! Every break-glass access is a flagged event. The store keeps, sealed, the list of those not
//! yet reviewed (event number and who broke the glass), updated in the same transaction as the
//! events that change it, so a supervisor's queue and dashboard read it without opening the
//! whole trail. `audit verify` recounts it from the trail and reports any difference.

use serde::{Deserialize, Serialize};

use crate::domain::{self, AuditAction, AuditEvent, ClientRef, ReviewOutcome, Timestamp, UserId};
use crate::store::{AuditRow, ReadTxn, StoreError, WriteTxn, meta, table};
use crate::vault::{self, Aad};

use super::*;

/// The break-glass accesses awaiting review, as stored.
#[derive(Debug, Default, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub(super) struct GlassPending {
    /// Event number and who broke the glass, oldest first.
    pub items: Vec<(u64, UserId)>,
}

impl GlassPending {
    /// Applies one event of the trail.
    fn apply(&mut self, seq: u64, e: &AuditEvent) {
        if e.flagged
            && let Some(actor) = e.actor
        {
            self.items.push((seq, actor));
        }
        if let AuditAction::BreakGlassReviewed { event, .. } = e.action {
            self.items.retain(|(s, _)| *s != event);
        }
    }

    /// Whether an event changes the list.
    fn touched_by(e: &AuditEvent) -> bool {
        e.flagged || matches!(e.action, AuditAction::BreakGlassReviewed { .. })
    }
}

fn pending_aad() -> Aad<'static> {
    Aad {
        table: table::META,
        id: meta::GLASS_PENDING.as_bytes(),
    }
}

/// One break-glass access, with its review if it has one.
#[derive(Debug, Clone)]
pub struct GlassAccess {
    /// The audit event's number.
    pub event: u64,
    pub at: Timestamp,
    /// Who opened the client.
    pub who: String,
    pub client: ClientRef,
    /// The reason they gave.
    pub reason: Option<Redacted<String>>,
    pub review: Option<GlassReview>,
}

/// A supervisor's review of a break-glass access.
#[derive(Debug, Clone)]
pub struct GlassReview {
    pub event: u64,
    pub at: Timestamp,
    pub by: String,
    pub outcome: ReviewOutcome,
    pub comment: Option<Redacted<String>>,
}

/// Which audit events to list. Empty fields match everything.
#[derive(Debug, Clone, Default)]
pub struct AuditFilter {
    pub client: Option<ClientRef>,
    /// Who acted (a username).
    pub user: Option<String>,
    /// The event's name, as `audit list` prints it (`break-glass`, `section-revealed` …).
    pub action: Option<String>,
    /// Only events raised for review (break-glass accesses).
    pub flagged: bool,
    /// From this time on (inclusive).
    pub since: Option<Timestamp>,
    /// Before this time.
    pub until: Option<Timestamp>,
    /// Leave out the routine `sign-in` of each command-line call and app sign-in.
    pub hide_sign_ins: bool,
}

impl AuditFilter {
    fn keeps(&self, e: &AuditEvent, actor: &str) -> bool {
        (self.client.is_none() || e.client == self.client)
            && self.user.as_deref().is_none_or(|u| u == actor)
            && self.action.as_deref().is_none_or(|a| a == e.action.name())
            && (!self.flagged || e.flagged)
            && self.since.is_none_or(|t| e.at >= t)
            && self.until.is_none_or(|t| e.at < t)
            && !(self.hide_sign_ins && matches!(e.action, AuditAction::SignIn))
    }
}

impl Session {
    /// The pending list as stored; for a store made before it was kept, recounted from the
    /// trail.
    fn glass_pending_from(
        &self,
        sealed: Option<Vec<u8>>,
        rows: impl FnOnce() -> std::result::Result<Vec<AuditRow>, StoreError>,
    ) -> Result<GlassPending> {
        match sealed {
            Some(s) => Ok(vault::open_record(&self.master, pending_aad(), &s)?),
            None => {
                let mut p = GlassPending::default();
                for row in rows()? {
                    p.apply(row.seq, &self.open_event(&row)?);
                }
                Ok(p)
            }
        }
    }

    pub(super) fn glass_pending_read(&self, r: &ReadTxn) -> Result<GlassPending> {
        self.glass_pending_from(r.meta_get(meta::GLASS_PENDING)?, || r.audit_all())
    }

    /// Keeps the pending list up to date with `events` (numbered from `first`), appended
    /// inside `txn`. Called by the audit trail's append, before the events are written.
    pub(super) fn glass_pending_update(
        &self,
        txn: &mut WriteTxn,
        first: u64,
        events: &[AuditEvent],
    ) -> Result<()> {
        let stored = txn.meta_get(meta::GLASS_PENDING)?;
        if stored.is_some() && !events.iter().any(GlassPending::touched_by) {
            return Ok(());
        }
        let mut p = self.glass_pending_from(stored, || txn.audit_all())?;
        for (i, e) in events.iter().enumerate() {
            p.apply(first + i as u64, e);
        }
        txn.meta_put(
            meta::GLASS_PENDING,
            &vault::seal_record(&self.master, pending_aad(), &p)?,
        )?;
        Ok(())
    }

    /// Whether the stored pending list is the one the trail's events make (see `audit verify`).
    pub(super) fn glass_pending_agrees(
        &self,
        r: &ReadTxn,
        events: &std::collections::BTreeMap<u64, AuditEvent>,
    ) -> Result<Option<String>> {
        let Some(sealed) = r.meta_get(meta::GLASS_PENDING)? else {
            return Ok(None);
        };
        let stored: GlassPending = match vault::open_record(&self.master, pending_aad(), &sealed) {
            Ok(p) => p,
            Err(_) => {
                return Ok(Some(
                    "the list of accesses awaiting review does not open".into(),
                ));
            }
        };
        let mut recount = GlassPending::default();
        for (seq, e) in events {
            recount.apply(*seq, e);
        }
        Ok((stored != recount).then(|| {
            "the list of break-glass accesses awaiting review is not the one the trail makes: \
             it was replaced or put back from a copy"
                .to_string()
        }))
    }

    fn open_event(&self, row: &AuditRow) -> Result<AuditEvent> {
        let id = row.seq.to_be_bytes();
        Ok(vault::open_record(
            &self.master,
            Aad {
                table: table::AUDIT,
                id: &id,
            },
            &row.sealed,
        )?)
    }

    /// How many break-glass accesses await review, per adviser who broke the glass. Cheap: one
    /// sealed record. Supervisors.
    pub fn glass_pending_counts(&self) -> Result<Vec<(UserId, u32)>> {
        self.may(Operation::ReviewAccess)?;
        let p = self.glass_pending_read(&self.store.read()?)?;
        let mut counts: Vec<(UserId, u32)> = Vec::new();
        for (_, who) in p.items {
            match counts.iter_mut().find(|(u, _)| *u == who) {
                Some((_, n)) => *n += 1,
                None => counts.push((who, 1)),
            }
        }
        Ok(counts)
    }

    /// The break-glass accesses: those awaiting review (oldest first), or with `all` every one,
    /// reviewed or not. Supervisors. Shows client references and the reasons given, never a
    /// client's name; reading it is not logged (it is the trail itself).
    pub fn break_glass(&self, all: bool) -> Result<Vec<GlassAccess>> {
        self.may(Operation::ReviewAccess)?;
        let r = self.store.read()?;
        self.sync_ring(&r)?;
        let names = self.user_names(&r)?;
        let name_of = |id: Option<UserId>| {
            id.and_then(|id| names.iter().find(|(u, _)| *u == id).map(|(_, n)| n.clone()))
                .unwrap_or_else(|| "(unknown)".into())
        };
        let rows: Vec<AuditRow> = if all {
            r.audit_all()?
        } else {
            let mut rows = Vec::new();
            for (seq, _) in self.glass_pending_read(&r)?.items {
                rows.push(r.audit_get(seq)?.ok_or(StoreError::Corrupt)?);
            }
            rows
        };
        let mut out: Vec<GlassAccess> = Vec::new();
        for row in rows {
            let e = self.open_event(&row)?;
            if e.flagged {
                out.push(GlassAccess {
                    event: row.seq,
                    at: e.at,
                    who: name_of(e.actor),
                    client: e.client.ok_or(StoreError::Corrupt)?,
                    reason: self.open_reason(&r, &e, row.seq)?.map(Redacted::new),
                    review: None,
                });
            } else if let AuditAction::BreakGlassReviewed { event, outcome } = e.action
                && let Some(a) = out.iter_mut().find(|a| a.event == event)
            {
                a.review = Some(GlassReview {
                    event: row.seq,
                    at: e.at,
                    by: name_of(e.actor),
                    outcome,
                    comment: self.open_reason(&r, &e, row.seq)?.map(Redacted::new),
                });
            }
        }
        Ok(out)
    }

    /// A supervisor's finding on break-glass access `event`: justified, or a concern, with a
    /// comment (required; sealed like a reason). Logged; the access leaves the queue. Refused
    /// for an event that is not an access awaiting review.
    pub fn review_break_glass(
        &self,
        event: u64,
        outcome: ReviewOutcome,
        comment: &str,
    ) -> Result<()> {
        self.may(Operation::ReviewAccess)?;
        let comment = domain::validate_reason(comment).map_err(SessionError::Invalid)?;
        let w = self.begin()?;
        let pending = {
            let sealed = w.meta_get(meta::GLASS_PENDING)?;
            self.glass_pending_from(sealed, || w.audit_all())?
        };
        if !pending.items.iter().any(|(s, _)| *s == event) {
            return Err(SessionError::Invalid(format!(
                "event {event} is not a break-glass access awaiting review \
                 (`casenotes break-glass list` shows those that are)"
            )));
        }
        let row = w.audit_get(event)?.ok_or(StoreError::Corrupt)?;
        let client = self.open_event(&row)?.client;
        let e = self.event(
            AuditAction::BreakGlassReviewed { event, outcome },
            client,
            Some(comment),
        );
        self.commit_with(w, vec![e])
    }

    /// Audit events matching `filter`, oldest first. Supervisors and administrators;
    /// administrators see client references, never names, and no stated reasons.
    pub fn audit_where(&self, filter: &AuditFilter) -> Result<Vec<AuditEntry>> {
        self.may(Operation::ReadAudit)?;
        let r = self.store.read()?;
        self.sync_ring(&r)?;
        self.audit_entries(&r, filter)
    }

    /// The events of the trail in `r` matching `filter`, oldest first, as the caller may read
    /// them (administrators get no stated reasons). Checks no role: the callers do.
    pub(super) fn audit_entries(
        &self,
        r: &ReadTxn,
        filter: &AuditFilter,
    ) -> Result<Vec<AuditEntry>> {
        let names = self.user_names(r)?;
        if let Some(u) = &filter.user
            && !names.iter().any(|(_, n)| n == u)
        {
            return Err(SessionError::Invalid(format!(
                "no account is called '{}'",
                domain::visible_line(u)
            )));
        }
        let mut headings = HeadingCache::new();
        let mut out = Vec::new();
        for row in r.audit_all()? {
            let e = self.open_event(&row)?;
            let actor = match e.actor {
                None => "-".to_string(),
                Some(id) => names
                    .iter()
                    .find(|(u, _)| *u == id)
                    .map(|(_, n)| n.clone())
                    .unwrap_or_else(|| "(unknown)".into()),
            };
            if !filter.keeps(&e, &actor) {
                continue;
            }
            out.push(AuditEntry {
                seq: row.seq,
                at: e.at,
                actor,
                action: e.action.name(),
                detail: self.detail_with_heading(r, &e.action, e.client, &mut headings),
                client: e.client,
                reason: if self.user.role == Role::Admin {
                    None
                } else {
                    self.open_reason(r, &e, row.seq)?.map(Redacted::new)
                },
                flagged: e.flagged,
            });
        }
        Ok(out)
    }
}
