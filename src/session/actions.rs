//! Actions agreed with clients: filed as records when a note is saved (one per line of its
//! "Actions agreed" section), listed for one client or across the caller's caseload, and marked
//! done. Reading or changing one client's actions follows the rule for opening the client: the
//! caller's own caseload, any client for supervisors, and another adviser's client only with a
//! stated reason (break the glass: logged and flagged).

use std::collections::BTreeMap;

use crate::domain::{
    self, Action, AuditAction, AuditEvent, Client, ClientRef, Date, Done, Note, OpenAction,
    Sensitivity, UserId,
};
use crate::store::{ActionReads, StoreError, WriteTxn};
use crate::vault::DataKeys;

use super::integrity::inconsistent;
use super::*;

/// The error for an action a client's record counts but the store cannot give back.
fn missing_action(n: u32, client: ClientRef) -> SessionError {
    inconsistent(format!(
        "action {n} of {client} is missing or damaged; run `casenotes check`"
    ))
}

/// The name of account `id`, as lists show it.
fn name_of(names: &[(UserId, String)], id: &UserId) -> String {
    names
        .iter()
        .find(|(u, _)| u == id)
        .map(|(_, n)| n.clone())
        .unwrap_or_else(|| "(unknown)".into())
}

impl Session {
    /// Files the actions agreed in `note` as records of `client` inside `w`: one per non-empty
    /// line of the note's "Actions agreed" sections, numbered after the client's last, due dates
    /// worked out from the note's contact date, sealed under the client's newest data key and
    /// carrying the note's `written_at`. Updates `client`'s count and (unless `done` is given,
    /// for seeded history) its list of open actions; the caller seals the client and commits.
    /// Returns how many were filed.
    pub(super) fn file_actions(
        &self,
        w: &mut WriteTxn,
        keys: &DataKeys,
        client: &mut Client,
        note: &Note,
        done: Option<Done>,
    ) -> Result<u64> {
        let agreed = domain::agreed_actions(&note.sections, domain::day_of(note.contact_at));
        let mut filed = 0u64;
        for (section, a) in agreed {
            let number = client.actions.checked_add(1).ok_or_else(|| {
                SessionError::Invalid("this client has too many actions to add more".into())
            })?;
            let record = Action {
                client: client.reference,
                number,
                owner: a.owner,
                text: a.text,
                due: a.due,
                note: note.id,
                section: u32::try_from(section).unwrap_or(u32::MAX),
                sensitivity: note
                    .sections
                    .get(section)
                    .map_or(Sensitivity::Ordinary, |s| s.sensitivity),
                created_at: note.created_at,
                done,
                written_at: note.written_at,
            };
            w.action_put(client.reference, number, &self.seal_action(keys, &record)?)?;
            client.actions = number;
            if done.is_none() {
                client.open_actions.push(OpenAction { number, due: a.due });
            }
            filed += 1;
        }
        Ok(filed)
    }

    /// Opens action `n` of client `r`, checking that the record is the one filed there.
    pub(super) fn unseal_action(
        &self,
        keys: &DataKeys,
        r: ClientRef,
        n: u32,
        sealed: &[u8],
    ) -> Result<Action> {
        let action = self.open_action_sealed(keys, r, n, sealed)?;
        if action.client != r || action.number != n {
            return Err(StoreError::Corrupt.into());
        }
        Ok(action)
    }

    /// Opens every action `client` counts (numbers 1 to its count), by number. One missing or
    /// damaged, or one filed under the client beyond its count, is an error naming it.
    pub(super) fn open_actions_of(
        &self,
        txn: &impl ActionReads,
        keys: &DataKeys,
        client: &Client,
    ) -> Result<Vec<Action>> {
        let c = client.reference;
        let mut filed: BTreeMap<u32, Vec<u8>> = txn.actions_of(c)?.into_iter().collect();
        let mut out = Vec::with_capacity(filed.len());
        for n in 1..=client.actions {
            let sealed = filed.remove(&n).ok_or_else(|| missing_action(n, c))?;
            out.push(
                self.unseal_action(keys, c, n, &sealed)
                    .map_err(|_| missing_action(n, c))?,
            );
        }
        if let Some(&extra) = filed.keys().next() {
            return Err(inconsistent(format!(
                "action {extra} is filed under {c} but not counted in its record (the store was altered); run `casenotes check`"
            )));
        }
        Ok(out)
    }

    /// Opens action `n` of `client`: unknown if the client has no such number, an error naming
    /// it if counted but missing or damaged.
    fn open_counted_action(
        &self,
        txn: &impl ActionReads,
        keys: &DataKeys,
        client: &Client,
        n: u32,
    ) -> Result<Action> {
        let c = client.reference;
        if n == 0 || n > client.actions {
            return Err(SessionError::UnknownAction(c, n));
        }
        let sealed = txn.action_get(c, n)?.ok_or_else(|| missing_action(n, c))?;
        self.unseal_action(keys, c, n, &sealed)
            .map_err(|_| missing_action(n, c))
    }

    /// An action as a face may show it: masked when it came from a masked section, unless
    /// `revealed` (its section's reveal was logged first).
    pub(super) fn action_view(
        &self,
        a: &Action,
        names: &[(UserId, String)],
        revealed: bool,
    ) -> ActionView {
        ActionView {
            client: a.client,
            number: a.number,
            owner: a.owner,
            text: if !a.sensitivity.is_masked() {
                SectionBody::Shown(a.text.clone().into())
            } else if revealed {
                SectionBody::Revealed(a.text.clone().into())
            } else {
                SectionBody::Masked
            },
            sensitivity: a.sensitivity,
            due: a.due,
            note: a.note,
            created_at: a.created_at,
            done: a.done.map(|d| DoneView {
                at: d.at,
                by: name_of(names, &d.by),
            }),
        }
    }

    /// A client's actions, open and done, by number. Advisers (their own clients, or another
    /// adviser's with `access_reason`: break the glass, logged and flagged) and supervisors,
    /// exactly as for opening the client. Logged (`actions-viewed`); the event is committed
    /// before the list is returned. An action agreed in a masked section comes back masked:
    /// its text is revealed, with a reason, through the note it came from.
    pub fn actions(&self, r: ClientRef, access_reason: Option<&str>) -> Result<Vec<ActionView>> {
        let rt = self.store.read()?;
        let (keys, client) = self.open_client_record(&rt, r)?;
        let glass = self.access(&client, access_reason)?;
        let names = self.user_names(&rt)?;
        let actions = self.open_actions_of(&rt, &keys, &client)?;
        drop(rt);
        let mut events: Vec<AuditEvent> = glass.into_iter().collect();
        events.push(self.event(
            AuditAction::ActionsViewed {
                actions: u32::try_from(actions.len()).unwrap_or(u32::MAX),
            },
            Some(r),
            None,
        ));
        let w = self.begin()?;
        self.commit_with(w, events)?;
        Ok(actions
            .iter()
            .map(|a| self.action_view(a, &names, false))
            .collect())
    }

    /// The open actions across the caller's caseload (supervisors: every client), soonest due
    /// first, those without a due date last. Advisers and supervisors. Not logged, like the
    /// caseload list: it shows nothing of clients outside the caller's own list. Only the
    /// actions each client's record lists as open are opened.
    pub fn caseload_actions(&self) -> Result<Vec<ActionView>> {
        self.may(Operation::ReadNotes)?;
        let all = self.starts_with_every_client();
        let r = self.store.read()?;
        self.sync_ring(&r)?;
        let ring = self.ring()?;
        let names = self.user_names(&r)?;
        let mut out = Vec::new();
        let mut err = None;
        r.for_each_client(|reference, sealed_key, sealed| {
            let opened = self
                .unseal_client(&ring, reference, sealed_key, sealed)
                .and_then(|(keys, c)| {
                    if !(all || c.adviser == self.user.id) {
                        return Ok(());
                    }
                    for open in &c.open_actions {
                        let a = self.open_counted_action(&r, &keys, &c, open.number)?;
                        if a.done.is_none() {
                            out.push(self.action_view(&a, &names, false));
                        }
                    }
                    Ok(())
                });
            if let Err(e) = opened {
                err.get_or_insert(e);
            }
            Ok(())
        })?;
        if let Some(e) = err {
            return Err(e);
        }
        out.sort_by(|a, b| {
            (a.due.is_none(), a.due, a.client, a.number).cmp(&(
                b.due.is_none(),
                b.due,
                b.client,
                b.number,
            ))
        });
        Ok(out)
    }

    /// Marks action `n` of client `r` done, by the caller, now. Access exactly as for opening
    /// the client (another adviser's client needs `access_reason`: break the glass, logged and
    /// flagged). The action, the client's list of open actions and the `action-done` event
    /// (naming the client and the number, never the text) are one durable transaction. An
    /// unknown number, or an action already done, is refused and nothing is written.
    pub fn complete_action(&self, r: ClientRef, n: u32, access_reason: Option<&str>) -> Result<()> {
        let (_, client) = self.open_client_record(&self.store.read()?, r)?;
        let glass = self.access(&client, access_reason)?;
        drop(client);
        let mut w = self.begin()?;
        // Read inside the transaction: another process may have marked it done meanwhile.
        let (keys, mut client) = self.open_client_in(&w, r)?;
        let mut action = self.open_counted_action(&w, &keys, &client, n)?;
        if action.done.is_some() {
            return Err(SessionError::ActionAlreadyDone(r, n));
        }
        let mut events: Vec<AuditEvent> = glass.into_iter().collect();
        events.push(self.event(AuditAction::ActionDone { number: n }, Some(r), None));
        let written_at = self.next_event_seq(&w)? + (events.len() as u64 - 1);
        action.done = Some(Done {
            at: domain::now(),
            by: self.user.id,
        });
        action.written_at = written_at;
        client.open_actions.retain(|a| a.number != n);
        client.written_at = written_at;
        w.action_put(r, n, &self.seal_action(&keys, &action)?)?;
        w.client_put(r, &self.seal_client(&keys, &client)?)?;
        self.commit_with(w, events)
    }
}

/// What a list shows of a client's open actions on `today`: how many, how many overdue, and
/// the earliest due date.
pub(super) fn open_figures(open: &[OpenAction], today: Date) -> (u32, u32, Option<Date>) {
    (
        u32::try_from(open.len()).unwrap_or(u32::MAX),
        domain::count_overdue(open, today),
        open.iter().filter_map(|a| a.due).min(),
    )
}
