//! Disclosures: a log per client of what was shared, with whom, when, by whom, and on which
//! lawful basis — the client's consent, a legal obligation, or to protect someone from serious
//! harm (the last two with a justification). Access follows the rule for opening the client;
//! each disclosure is logged with its number and basis (to whom and what stay sealed).

use crate::domain::{self, AuditAction, AuditEvent, Basis, ClientRef, Disclosure, Timestamp};
use crate::store::StoreError;

use super::supervision::name_in;
use super::*;

/// A disclosure as a face shows it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DisclosureView {
    pub number: u32,
    pub to: String,
    pub what: String,
    pub basis: Basis,
    pub justification: Option<String>,
    pub by: String,
    pub at: Timestamp,
}

/// A disclosure to record.
pub struct NewDisclosure {
    pub to: String,
    pub what: String,
    pub basis: Basis,
    pub justification: Option<String>,
}

impl Session {
    /// A client's disclosures, oldest first (access as for opening the client).
    pub fn disclosures(
        &self,
        r: ClientRef,
        access_reason: Option<&str>,
    ) -> Result<Vec<DisclosureView>> {
        let rt = self.store.read()?;
        let (keys, client) = self.open_client_record(&rt, r)?;
        let glass = self.access(&client, access_reason)?;
        let names = self.user_names(&rt)?;
        let out = self.disclosure_views(&rt, &keys, r, &names)?;
        drop(rt);
        if let Some(e) = glass {
            let w = self.begin()?;
            self.commit_with(w, vec![e])?;
        }
        Ok(out)
    }

    /// Client `r`'s disclosures in `rt`, oldest first, opened with its `keys`. Checks no
    /// access: the callers do.
    pub(super) fn disclosure_views(
        &self,
        rt: &crate::store::ReadTxn,
        keys: &crate::vault::DataKeys,
        r: ClientRef,
        names: &[(crate::domain::UserId, String)],
    ) -> Result<Vec<DisclosureView>> {
        rt.disclosures_of(r)?
            .into_iter()
            .map(|(n, sealed)| {
                let d = self.open_disclosure(keys, r, n, &sealed).map_err(|_| {
                    SessionError::from(StoreError::Inconsistent(format!(
                        "disclosure {n} of {r} does not open (the store was damaged or altered); run `casenotes check`"
                    )))
                })?;
                Ok(DisclosureView {
                    number: d.number,
                    to: d.to.clone(),
                    what: d.what.clone(),
                    basis: d.basis,
                    justification: d.justification.clone(),
                    by: name_in(names, &d.by),
                    at: d.at,
                })
            })
            .collect()
    }

    /// Records a disclosure. A legal obligation or serious harm needs a justification; on the
    /// basis of consent, the face should first check [`Session::may_share`] and ask. Logged.
    /// Returns its number.
    pub fn disclose(
        &self,
        r: ClientRef,
        new: NewDisclosure,
        access_reason: Option<&str>,
    ) -> Result<u32> {
        let line = |what: &str, text: &str, max: usize| -> Result<String> {
            let t = text.trim();
            if t.is_empty() {
                return Err(SessionError::Invalid(format!("{what} is required")));
            }
            if t.chars().count() > max || t.chars().any(domain::is_hidden) {
                return Err(SessionError::Invalid(format!(
                    "{what} is one line of at most {max} visible characters"
                )));
            }
            Ok(t.to_string())
        };
        let to = line("to whom", &new.to, 200)?;
        let what = line("what was shared", &new.what, 2000)?;
        let justification = match (new.basis.needs_justification(), new.justification) {
            (true, Some(j)) => Some(domain::validate_reason(&j).map_err(|_| {
                SessionError::Invalid(format!(
                    "a disclosure on the basis '{}' needs a justification: at least 3 letters or digits saying why",
                    new.basis.as_str()
                ))
            })?),
            (true, None) => {
                return Err(SessionError::Invalid(format!(
                    "a disclosure on the basis '{}' needs a justification",
                    new.basis.as_str()
                )));
            }
            (false, j) => j.filter(|j| !j.trim().is_empty()),
        };
        let (_, client) = self.open_client_record(&self.store.read()?, r)?;
        let glass = self.access(&client, access_reason)?;
        drop(client);
        let mut w = self.begin()?;
        let (keys, _) = self.open_client_in(&w, r)?;
        let number = u32::try_from(w.disclosures_of(r)?.len() + 1)
            .map_err(|_| SessionError::Invalid("too many disclosures".into()))?;
        let mut events: Vec<AuditEvent> = glass.into_iter().collect();
        events.push(self.event(
            AuditAction::Disclosed {
                number,
                basis: new.basis.as_str().into(),
            },
            Some(r),
            None,
        ));
        let record = Disclosure {
            client: r,
            number,
            to,
            what,
            basis: new.basis,
            justification,
            by: self.user.id,
            at: domain::now(),
            written_at: self.next_event_seq(&w)? + (events.len() as u64 - 1),
        };
        w.disclosure_put(r, number, &self.seal_disclosure(&keys, &record)?)?;
        self.commit_with(w, events)?;
        Ok(number)
    }
}
