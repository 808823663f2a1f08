//! Consent: recording what a client agreed to (its scope, how it was given, when, until when it
//! holds), and its withdrawal, which is recorded with its date and never erased. Access follows
//! the rule for opening the client; each change is logged with the consent's number (its
//! scope, which may name an organisation, stays in the sealed record).

use crate::domain::{
    self, AuditAction, AuditEvent, ClientRef, Consent, ConsentMethod, ConsentScope, Date, UserId,
};
use crate::store::StoreError;
use crate::vault::DataKeys;

use super::supervision::name_in;
use super::*;

/// A consent record as a face shows it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ConsentView {
    pub number: u32,
    pub scope: ConsentScope,
    pub method: ConsentMethod,
    pub given_on: Option<Date>,
    pub renew_by: Option<Date>,
    pub withdrawn_on: Option<Date>,
    pub withdrawn_by: Option<String>,
    pub recorded_by: String,
    /// Given, not withdrawn and not past its renewal date, today.
    pub current: bool,
}

/// What a consent list says at a glance: the scopes currently consented to.
pub fn consent_summary(consents: &[ConsentView]) -> String {
    let current: Vec<String> = consents
        .iter()
        .filter(|c| c.current)
        .map(|c| domain::visible_line(&c.scope.to_string()).into_owned())
        .collect();
    if consents.is_empty() {
        "consent: none recorded".into()
    } else if current.is_empty() {
        "consent: none current (expired or withdrawn)".into()
    } else {
        format!("consent: {}", current.join(", "))
    }
}

/// Until when a client's consent to keeping notes holds, from its consent records: the latest
/// renewal date of a recording consent not withdrawn.
pub(super) fn consent_until<'a>(records: impl IntoIterator<Item = &'a Consent>) -> Option<Date> {
    records
        .into_iter()
        .filter(|c| c.scope == ConsentScope::Recording && c.withdrawn_on.is_none())
        .filter_map(|c| c.renew_by)
        .max()
}

impl Session {
    /// [`consent_until`] from the client's records in `r` (for recounts and checks).
    pub(super) fn consent_until_recounted(
        &self,
        r: &crate::store::ReadTxn,
        keys: &DataKeys,
        c: ClientRef,
    ) -> Result<Option<Date>> {
        let records = r
            .consents_of(c)?
            .into_iter()
            .map(|(n, sealed)| self.open_consent(keys, c, n, &sealed))
            .collect::<Result<Vec<_>>>()?;
        Ok(consent_until(&records))
    }

    /// Writes consent `record` and the client's summary of its consents inside `w`, with
    /// `events` (the last of which both carry), and commits.
    fn put_consent(
        &self,
        mut w: crate::store::WriteTxn,
        keys: &DataKeys,
        mut client: crate::domain::Client,
        mut record: Consent,
        events: Vec<AuditEvent>,
    ) -> Result<()> {
        let r = client.reference;
        let written_at = self.next_event_seq(&w)? + (events.len() as u64 - 1);
        record.written_at = written_at;
        w.consent_put(r, record.number, &self.seal_consent(keys, &record)?)?;
        let mut all = w
            .consents_of(r)?
            .into_iter()
            .map(|(n, sealed)| self.open_consent(keys, r, n, &sealed))
            .collect::<Result<Vec<_>>>()?;
        all.retain(|c| c.number != record.number);
        all.push(record);
        client.consent_until = consent_until(&all);
        client.written_at = written_at;
        w.client_put(r, &self.seal_client(keys, &client)?)?;
        self.commit_with(w, events)
    }

    /// A client's consents, by number, as they stand on `today`.
    pub(super) fn consent_views(
        &self,
        r: &crate::store::ReadTxn,
        keys: &DataKeys,
        c: ClientRef,
        names: &[(UserId, String)],
        today: Date,
    ) -> Result<Vec<ConsentView>> {
        r.consents_of(c)?
            .into_iter()
            .map(|(n, sealed)| {
                let k = self.open_consent(keys, c, n, &sealed).map_err(|_| {
                    SessionError::from(StoreError::Inconsistent(format!(
                        "consent {n} of {c} does not open (the store was damaged or altered); run `casenotes check`"
                    )))
                })?;
                Ok(view(&k, names, today))
            })
            .collect()
    }

    /// A client's consents (access as for opening the client; another adviser's client needs
    /// `access_reason`, logged and flagged).
    pub fn consents(&self, r: ClientRef, access_reason: Option<&str>) -> Result<Vec<ConsentView>> {
        let rt = self.store.read()?;
        let (keys, client) = self.open_client_record(&rt, r)?;
        let glass = self.access(&client, access_reason)?;
        let names = self.user_names(&rt)?;
        let out = self.consent_views(&rt, &keys, r, &names, domain::today())?;
        drop(rt);
        if let Some(e) = glass {
            let w = self.begin()?;
            self.commit_with(w, vec![e])?;
        }
        Ok(out)
    }

    /// Whether client `r` has a current consent to share with anyone (checked before a
    /// referral or a disclosure on the basis of consent).
    pub fn may_share(&self, r: ClientRef, access_reason: Option<&str>) -> Result<bool> {
        Ok(self
            .consents(r, access_reason)?
            .iter()
            .any(|c| c.current && c.scope.is_sharing()))
    }

    /// Records a consent given on `given_on` (today if none), holding for the policy's number
    /// of months. Logged. Returns its number.
    pub fn give_consent(
        &self,
        r: ClientRef,
        scope: ConsentScope,
        method: ConsentMethod,
        given_on: Option<Date>,
        access_reason: Option<&str>,
    ) -> Result<u32> {
        let today = domain::today();
        let given_on = given_on.unwrap_or(today);
        if given_on > today {
            return Err(SessionError::Invalid(
                "consent cannot be given on a day still to come".into(),
            ));
        }
        let months = i32::try_from(self.policy().consent_months).unwrap_or(12);
        let renew_by = given_on
            .checked_add(jiff::Span::new().months(months))
            .map_err(|_| SessionError::Invalid("that date is out of range".into()))?;
        let (_, client) = self.open_client_record(&self.store.read()?, r)?;
        let glass = self.access(&client, access_reason)?;
        drop(client);
        let w = self.begin()?;
        let (keys, client) = self.open_client_in(&w, r)?;
        let number = u32::try_from(w.consents_of(r)?.len() + 1)
            .map_err(|_| SessionError::Invalid("too many consents".into()))?;
        let mut events: Vec<AuditEvent> = glass.into_iter().collect();
        events.push(self.event(AuditAction::ConsentGiven { number }, Some(r), None));
        let record = Consent {
            client: r,
            number,
            scope,
            method,
            given_on: Some(given_on),
            renew_by: Some(renew_by),
            withdrawn_on: None,
            withdrawn_by: None,
            recorded_by: self.user.id,
            recorded_at: domain::now(),
            written_at: 0,
        };
        self.put_consent(w, &keys, client, record, events)?;
        Ok(number)
    }

    /// Records that consent `n` was withdrawn on `on` (today if none): kept, marked withdrawn,
    /// never erased. Logged. Refused if it was withdrawn already.
    pub fn withdraw_consent(
        &self,
        r: ClientRef,
        n: u32,
        on: Option<Date>,
        access_reason: Option<&str>,
    ) -> Result<()> {
        let on = on.unwrap_or_else(domain::today);
        let (_, client) = self.open_client_record(&self.store.read()?, r)?;
        let glass = self.access(&client, access_reason)?;
        drop(client);
        let w = self.begin()?;
        let (keys, client) = self.open_client_in(&w, r)?;
        let sealed = w
            .consents_of(r)?
            .into_iter()
            .find(|(k, _)| *k == n)
            .map(|(_, s)| s)
            .ok_or_else(|| SessionError::Invalid(format!("{r} has no consent {n}")))?;
        let mut record = self.open_consent(&keys, r, n, &sealed)?;
        if let Some(d) = record.withdrawn_on {
            return Err(SessionError::Invalid(format!(
                "consent {n} of {r} was withdrawn on {d} already"
            )));
        }
        let mut events: Vec<AuditEvent> = glass.into_iter().collect();
        events.push(self.event(AuditAction::ConsentWithdrawn { number: n }, Some(r), None));
        record.withdrawn_on = Some(on);
        record.withdrawn_by = Some(self.user.id);
        self.put_consent(w, &keys, client, record, events)
    }
}

fn view(c: &Consent, names: &[(UserId, String)], today: Date) -> ConsentView {
    ConsentView {
        number: c.number,
        scope: c.scope.clone(),
        method: c.method,
        given_on: c.given_on,
        renew_by: c.renew_by,
        withdrawn_on: c.withdrawn_on,
        withdrawn_by: c.withdrawn_by.map(|u| name_in(names, &u)),
        recorded_by: name_in(names, &c.recorded_by),
        current: c.current(today),
    }
}
