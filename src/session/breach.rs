//! The breach log: what information was affected and how, when it happened and when it was
//! found, which clients (by reference), who reported it to the data protection officer and when,
//! whether the regulator was told (the 72-hour deadline from discovery runs until that is
//! decided), to whom else it was reported, and what was done. Recorded and completed by
//! supervisors and administrators, sealed under the office key in one record; each entry and
//! each later completion is logged.
//!
//! The log's layout grew with the regulator's question; a log in the earlier layout (what, the
//! day found, reported to, actions, clients) is read as that, with the regulator's question
//! undecided, and written in the current layout at the next change. The two layouts are told
//! apart by their associated data, so one is never misread as the other.

use serde::{Deserialize, Serialize};

use crate::domain::{
    self, AuditAction, ClientRef, Date, DpoReport, Regulator, Timestamp, UserId, regulator_deadline,
};
use crate::store::meta;
use crate::vault::{self, Aad, VaultError};

use super::supervision::name_in;
use super::*;

/// One breach as recorded.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
struct Breach {
    number: u32,
    what: String,
    how: Option<String>,
    happened_at: Option<Timestamp>,
    discovered_at: Timestamp,
    dpo: Option<DpoReport>,
    regulator: Regulator,
    reported_to: Option<String>,
    actions: Option<String>,
    clients: Vec<ClientRef>,
    by: UserId,
    at: Timestamp,
    /// How many times it was completed since (each logged as `breach-updated`).
    updates: u32,
}

/// A breach in the log's first layout.
#[derive(Deserialize)]
struct BreachV1 {
    number: u32,
    what: String,
    #[serde(with = "ymd")]
    discovered_on: Date,
    reported_to: Option<String>,
    actions: Option<String>,
    clients: Vec<ClientRef>,
    by: UserId,
    at: Timestamp,
}

impl From<BreachV1> for Breach {
    fn from(b: BreachV1) -> Breach {
        let discovered_at = domain::parse_time(&b.discovered_on.to_string()).unwrap_or(b.at);
        Breach {
            number: b.number,
            what: b.what,
            how: None,
            happened_at: None,
            discovered_at,
            dpo: None,
            regulator: Regulator::Undecided,
            reported_to: b.reported_to,
            actions: b.actions,
            clients: b.clients,
            by: b.by,
            at: b.at,
            updates: 0,
        }
    }
}

mod ymd {
    use jiff::civil::Date;
    use serde::{Deserialize, Deserializer, de::Error};

    pub fn deserialize<'de, D: Deserializer<'de>>(d: D) -> Result<Date, D::Error> {
        let (y, m, day): (i16, i8, i8) = Deserialize::deserialize(d)?;
        Date::new(y, m, day).map_err(|_| D::Error::custom("not a date"))
    }
}

/// The log in its current layout.
fn breaches_aad() -> Aad<'static> {
    Aad {
        table: crate::store::table::META,
        id: b"breaches:2",
    }
}

/// The log in its first layout.
fn breaches_v1_aad() -> Aad<'static> {
    Aad {
        table: crate::store::table::META,
        id: meta::BREACHES.as_bytes(),
    }
}

/// A breach to record.
#[derive(Debug, Clone)]
pub struct NewBreach {
    /// What information was affected.
    pub what: String,
    /// How it happened.
    pub how: Option<String>,
    /// When it happened, if known.
    pub happened_at: Option<Timestamp>,
    /// When it was found (now if none).
    pub discovered_at: Option<Timestamp>,
    /// Who reported it to the data protection officer, and when.
    pub dpo: Option<DpoReport>,
    /// Whether the regulator was told ([`Regulator::Undecided`] while that is being decided).
    pub regulator: Regulator,
    /// To whom else it was reported (the clients, the police…).
    pub reported_to: Option<String>,
    pub actions: Option<String>,
    pub clients: Vec<ClientRef>,
}

/// What a later entry adds to a breach: the report to the data protection officer, the
/// regulator's question, or both. What was recorded already is not changed.
#[derive(Debug, Clone, Default)]
pub struct BreachUpdate {
    pub dpo: Option<DpoReport>,
    /// A decision ([`Regulator::Undecided`] is no decision).
    pub regulator: Option<Regulator>,
}

/// A breach as a face shows it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct BreachView {
    pub number: u32,
    pub what: String,
    pub how: Option<String>,
    pub happened_at: Option<Timestamp>,
    pub discovered_at: Timestamp,
    pub dpo: Option<DpoReport>,
    pub regulator: Regulator,
    pub reported_to: Option<String>,
    pub actions: Option<String>,
    pub clients: Vec<ClientRef>,
    pub by: String,
    pub at: Timestamp,
}

impl BreachView {
    /// When the regulator must be told, while that is undecided.
    pub fn deadline(&self) -> Option<Timestamp> {
        (!self.regulator.is_decided()).then(|| regulator_deadline(self.discovered_at))
    }
}

/// One line of visible text, at most `max` characters; `None` if empty.
fn line(what: &str, text: Option<String>, max: usize) -> Result<Option<String>> {
    let Some(t) = text.map(|t| t.trim().to_string()).filter(|t| !t.is_empty()) else {
        return Ok(None);
    };
    if t.chars().count() > max || t.chars().any(domain::is_hidden) {
        return Err(SessionError::Invalid(format!(
            "{what} is one line of at most {max} visible characters"
        )));
    }
    Ok(Some(t))
}

/// Refuses a time still to come (a minute's grace for clocks a little apart).
fn not_future(what: &str, at: Timestamp, now: Timestamp) -> Result<()> {
    if at > now + 60 {
        return Err(SessionError::Invalid(format!(
            "{what} cannot be in the future"
        )));
    }
    Ok(())
}

/// A report to the data protection officer, checked.
fn dpo_report(
    dpo: Option<DpoReport>,
    discovered_at: Timestamp,
    now: Timestamp,
) -> Result<Option<DpoReport>> {
    let Some(d) = dpo else { return Ok(None) };
    let by = line(
        "who reported it to the data protection officer",
        Some(d.by),
        200,
    )?
    .ok_or_else(|| {
        SessionError::Invalid("say who reported it to the data protection officer".into())
    })?;
    not_future("the report to the data protection officer", d.at, now)?;
    if d.at < discovered_at {
        return Err(SessionError::Invalid(
            "the report to the data protection officer comes after the breach was found".into(),
        ));
    }
    Ok(Some(DpoReport { by, at: d.at }))
}

/// A regulator's decision, checked.
fn regulator(r: Regulator, discovered_at: Timestamp, now: Timestamp) -> Result<Regulator> {
    match r {
        Regulator::Undecided => Ok(Regulator::Undecided),
        Regulator::Notified { at } => {
            not_future("the regulator's notification", at, now)?;
            if at < discovered_at {
                return Err(SessionError::Invalid(
                    "the regulator is notified after the breach was found".into(),
                ));
            }
            Ok(Regulator::Notified { at })
        }
        Regulator::NotNotified { why } => {
            let why = domain::validate_reason(&why).map_err(|_| {
                SessionError::Invalid(
                    "not notifying the regulator needs a reason: at least 3 letters or digits saying why"
                        .into(),
                )
            })?;
            line("why the regulator was not notified", Some(why), 2000)?
                .map(|why| Regulator::NotNotified { why })
                .ok_or_else(|| {
                    SessionError::Invalid("say why the regulator was not notified".into())
                })
        }
    }
}

impl Session {
    /// Opens the sealed log in either layout; anything else is a damaged or altered store.
    fn breaches_in(&self, sealed: Option<Vec<u8>>) -> Result<Vec<Breach>> {
        let Some(s) = sealed else {
            return Ok(Vec::new());
        };
        match vault::open_record(&self.master, breaches_aad(), &s) {
            Ok(all) => Ok(all),
            Err(VaultError::Tampered) => {
                let old: Vec<BreachV1> = vault::open_record(&self.master, breaches_v1_aad(), &s)?;
                Ok(old.into_iter().map(Breach::from).collect())
            }
            Err(e) => Err(e.into()),
        }
    }

    fn seal_breaches(&self, all: &Vec<Breach>) -> Result<Vec<u8>> {
        Ok(vault::seal_record(&self.master, breaches_aad(), all)?)
    }

    /// Records a breach. Supervisors and administrators; logged with its number. The clients
    /// named must exist; no time may be in the future, and none before the breach was found
    /// but when it happened. Returns its number.
    pub fn record_breach(&self, new: NewBreach) -> Result<u32> {
        self.may(Operation::RecordBreaches)?;
        let what = line("what information was affected", Some(new.what), 2000)?
            .ok_or_else(|| SessionError::Invalid("say what information was affected".into()))?;
        let how = line("how it happened", new.how, 2000)?;
        let reported_to = line("to whom it was reported", new.reported_to, 300)?;
        let actions = line("the actions taken", new.actions, 2000)?;
        let now = domain::now();
        let discovered_at = new.discovered_at.unwrap_or(now);
        not_future("the time it was found", discovered_at, now)?;
        if let Some(h) = new.happened_at
            && h > discovered_at
        {
            return Err(SessionError::Invalid(
                "a breach happens before it is found".into(),
            ));
        }
        let dpo = dpo_report(new.dpo, discovered_at, now)?;
        let regulator = regulator(new.regulator, discovered_at, now)?;
        let mut w = self.begin()?;
        for c in &new.clients {
            if w.client_key_get(*c)?.is_none() {
                return Err(SessionError::UnknownClient(*c));
            }
        }
        let mut all = self.breaches_in(w.meta_get(meta::BREACHES)?)?;
        let number = u32::try_from(all.len() + 1)
            .map_err(|_| SessionError::Invalid("too many breaches".into()))?;
        all.push(Breach {
            number,
            what,
            how,
            happened_at: new.happened_at,
            discovered_at,
            dpo,
            regulator,
            reported_to,
            actions,
            clients: new.clients,
            by: self.user.id,
            at: now,
            updates: 0,
        });
        w.meta_put(meta::BREACHES, &self.seal_breaches(&all)?)?;
        let event = self.event(AuditAction::BreachRecorded { number }, None, None);
        self.commit_with(w, vec![event])?;
        Ok(number)
    }

    /// Completes breach `number`: who reported it to the data protection officer and when,
    /// and whether the regulator was told. Only what is not yet recorded can be added; a
    /// decision about the regulator stands once made. Supervisors and administrators; logged.
    pub fn update_breach(&self, number: u32, update: BreachUpdate) -> Result<()> {
        self.may(Operation::RecordBreaches)?;
        if update.dpo.is_none() && !update.regulator.as_ref().is_some_and(Regulator::is_decided) {
            return Err(SessionError::Invalid(
                "nothing to add: give the report to the data protection officer or the regulator decision"
                    .into(),
            ));
        }
        let now = domain::now();
        let mut w = self.begin()?;
        let mut all = self.breaches_in(w.meta_get(meta::BREACHES)?)?;
        let b = all
            .iter_mut()
            .find(|b| b.number == number)
            .ok_or_else(|| SessionError::Invalid(format!("there is no breach {number}")))?;
        if let Some(d) = update.dpo {
            if b.dpo.is_some() {
                return Err(SessionError::Invalid(format!(
                    "breach {number}'s report to the data protection officer is recorded already"
                )));
            }
            b.dpo = dpo_report(Some(d), b.discovered_at, now)?;
        }
        if let Some(r) = update.regulator.filter(Regulator::is_decided) {
            if b.regulator.is_decided() {
                return Err(SessionError::Invalid(format!(
                    "breach {number}'s regulator decision is recorded already"
                )));
            }
            b.regulator = regulator(r, b.discovered_at, now)?;
        }
        b.updates = b.updates.saturating_add(1);
        w.meta_put(meta::BREACHES, &self.seal_breaches(&all)?)?;
        let event = self.event(AuditAction::BreachUpdated { number }, None, None);
        self.commit_with(w, vec![event])?;
        Ok(())
    }

    /// The breach log, oldest first. Supervisors and administrators; not logged (it names
    /// clients by reference only).
    pub fn breaches(&self) -> Result<Vec<BreachView>> {
        self.may(Operation::RecordBreaches)?;
        let r = self.store.read()?;
        let names = self.user_names(&r)?;
        Ok(self
            .breaches_in(r.meta_get(meta::BREACHES)?)?
            .into_iter()
            .map(|b| BreachView {
                number: b.number,
                what: b.what,
                how: b.how,
                happened_at: b.happened_at,
                discovered_at: b.discovered_at,
                dpo: b.dpo,
                regulator: b.regulator,
                reported_to: b.reported_to,
                actions: b.actions,
                clients: b.clients,
                by: name_in(&names, &b.by),
                at: b.at,
            })
            .collect())
    }

    /// How many breaches the log holds, and how many later entries completed them (for the
    /// check against the trail).
    pub(super) fn breach_count(&self, r: &crate::store::ReadTxn) -> Result<(u64, u64)> {
        let all = self.breaches_in(r.meta_get(meta::BREACHES)?)?;
        let updates = all.iter().map(|b| u64::from(b.updates)).sum();
        Ok((all.len() as u64, updates))
    }
}

#[cfg(test)]
mod tests {

    use super::*;

    const PW: &str = "violet anchor meadow trombone";

    /// A breach as the log's first layout wrote it.
    #[derive(Serialize)]
    struct BreachV1Out {
        number: u32,
        what: String,
        discovered_on: (i16, i8, i8),
        reported_to: Option<String>,
        actions: Option<String>,
        clients: Vec<ClientRef>,
        by: UserId,
        at: Timestamp,
    }

    #[test]
    fn a_log_in_the_first_layout_is_read_and_upgraded_on_its_next_change() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("s.redb");
        let admin = crate::session::fast_test_store(&path, PW);
        let old = vec![BreachV1Out {
            number: 1,
            what: "a letter to the wrong address".into(),
            discovered_on: (2026, 11, 2),
            reported_to: Some("the client".into()),
            actions: None,
            clients: vec![],
            by: admin.user.id,
            at: 1_790_000_000,
        }];
        let mut w = admin.store.write().unwrap();
        w.meta_put(
            meta::BREACHES,
            &vault::seal_record(&admin.master, breaches_v1_aad(), &old).unwrap(),
        )
        .unwrap();
        admin
            .append_audit(
                &mut w,
                vec![admin.event(AuditAction::BreachRecorded { number: 1 }, None, None)],
            )
            .unwrap();
        w.commit().unwrap();

        let list = admin.breaches().unwrap();
        assert_eq!(list.len(), 1);
        assert_eq!(list[0].what, "a letter to the wrong address");
        assert_eq!(
            domain::format_time(list[0].discovered_at),
            "2026-11-02 00:00"
        );
        assert_eq!(list[0].regulator, Regulator::Undecided);
        assert_eq!(list[0].deadline(), Some(list[0].discovered_at + 72 * 3600));
        // The next change writes the current layout; the first breach is kept.
        admin
            .update_breach(
                1,
                BreachUpdate {
                    dpo: None,
                    regulator: Some(Regulator::NotNotified {
                        why: "no risk: the letter came back unopened".into(),
                    }),
                },
            )
            .unwrap();
        let sealed = admin
            .store
            .read()
            .unwrap()
            .meta_get(meta::BREACHES)
            .unwrap();
        let stored: Vec<Breach> =
            vault::open_record(&admin.master, breaches_aad(), &sealed.unwrap()).unwrap();
        assert_eq!(stored.len(), 1);
        assert_eq!(stored[0].reported_to.as_deref(), Some("the client"));
        assert_eq!(stored[0].updates, 1);
        assert!(admin.breaches().unwrap()[0].deadline().is_none());
        assert!(admin.check().unwrap().problems.is_empty());
    }
}
