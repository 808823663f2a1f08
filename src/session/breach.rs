//! The breach log: what information was affected, when the breach was found, which clients
//! (by reference), to whom it was reported, and what was done. Recorded by supervisors and
//! administrators, sealed under the office key in one record, each entry logged.

use serde::{Deserialize, Serialize};

use crate::domain::{self, AuditAction, ClientRef, Date, Timestamp, UserId};
use crate::store::meta;
use crate::vault::{self, Aad};

use super::supervision::name_in;
use super::*;

/// One breach as recorded.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
struct Breach {
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

mod ymd {
    use jiff::civil::Date;
    use serde::{Deserialize, Deserializer, Serialize, Serializer, de::Error};

    pub fn serialize<S: Serializer>(d: &Date, s: S) -> Result<S::Ok, S::Error> {
        (d.year(), d.month(), d.day()).serialize(s)
    }

    pub fn deserialize<'de, D: Deserializer<'de>>(d: D) -> Result<Date, D::Error> {
        let (y, m, day): (i16, i8, i8) = Deserialize::deserialize(d)?;
        Date::new(y, m, day).map_err(|_| D::Error::custom("not a date"))
    }
}

fn breaches_aad() -> Aad<'static> {
    Aad {
        table: crate::store::table::META,
        id: meta::BREACHES.as_bytes(),
    }
}

/// A breach to record.
pub struct NewBreach {
    pub what: String,
    /// The day it was found (today if none).
    pub discovered_on: Option<Date>,
    pub reported_to: Option<String>,
    pub actions: Option<String>,
    pub clients: Vec<ClientRef>,
}

/// A breach as a face shows it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct BreachView {
    pub number: u32,
    pub what: String,
    pub discovered_on: Date,
    pub reported_to: Option<String>,
    pub actions: Option<String>,
    pub clients: Vec<ClientRef>,
    pub by: String,
    pub at: Timestamp,
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

impl Session {
    fn breaches_in(&self, sealed: Option<Vec<u8>>) -> Result<Vec<Breach>> {
        match sealed {
            None => Ok(Vec::new()),
            Some(s) => Ok(vault::open_record(&self.master, breaches_aad(), &s)?),
        }
    }

    /// Records a breach. Supervisors and administrators; logged with its number. The clients
    /// named must exist. Returns its number.
    pub fn record_breach(&self, new: NewBreach) -> Result<u32> {
        self.may(Operation::RecordBreaches)?;
        let what = line("what happened", Some(new.what), 2000)?
            .ok_or_else(|| SessionError::Invalid("say what information was affected".into()))?;
        let reported_to = line("to whom it was reported", new.reported_to, 300)?;
        let actions = line("the actions taken", new.actions, 2000)?;
        let today = domain::today();
        let discovered_on = new.discovered_on.unwrap_or(today);
        if discovered_on > today {
            return Err(SessionError::Invalid(
                "a breach cannot be found on a day still to come".into(),
            ));
        }
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
            discovered_on,
            reported_to,
            actions,
            clients: new.clients,
            by: self.user.id,
            at: domain::now(),
        });
        w.meta_put(
            meta::BREACHES,
            &vault::seal_record(&self.master, breaches_aad(), &all)?,
        )?;
        let event = self.event(AuditAction::BreachRecorded { number }, None, None);
        self.commit_with(w, vec![event])?;
        Ok(number)
    }

    /// The breach log, oldest first. Supervisors and administrators.
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
                discovered_on: b.discovered_on,
                reported_to: b.reported_to,
                actions: b.actions,
                clients: b.clients,
                by: name_in(&names, &b.by),
                at: b.at,
            })
            .collect())
    }

    /// How many breaches the log holds (for the check against the trail).
    pub(super) fn breach_count(&self, r: &crate::store::ReadTxn) -> Result<u64> {
        Ok(self.breaches_in(r.meta_get(meta::BREACHES)?)?.len() as u64)
    }
}
