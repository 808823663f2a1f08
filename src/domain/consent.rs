//! Consent: what a client agreed to (recording notes, sharing with a named organisation,
//! contact by a channel, feedback), how (verbally or in writing), when, and until when it holds
//! before it must be renewed. Withdrawal is recorded with its date, never erased.

use std::fmt;

use jiff::civil::Date;
use serde::{Deserialize, Serialize};
use zeroize::{Zeroize, ZeroizeOnDrop};

use super::actions::opt_date;
use super::{ClientRef, Timestamp, UserId, is_hidden};

/// How a client may be contacted.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum ContactBy {
    Email,
    Phone,
    Text,
}

/// What a consent covers.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, Zeroize)]
pub enum ConsentScope {
    /// Keeping notes about the client.
    Recording,
    /// Sharing with a named organisation (a referral).
    Sharing { with: String },
    /// Contacting the client by this channel.
    Contact(#[zeroize(skip)] ContactBy),
    /// Asking the client for feedback.
    Feedback,
}

impl ConsentScope {
    /// Reads `recording`, `sharing:ORGANISATION`, `contact:email|phone|text` or `feedback`.
    ///
    /// ```
    /// use casenotes::domain::ConsentScope;
    ///
    /// assert_eq!(
    ///     ConsentScope::parse("sharing:Shelter housing advice"),
    ///     Ok(ConsentScope::Sharing { with: "Shelter housing advice".into() })
    /// );
    /// assert!(ConsentScope::parse("everything").is_err());
    /// ```
    pub fn parse(text: &str) -> Result<ConsentScope, String> {
        let expected = "expected recording, sharing:ORGANISATION, contact:email|phone|text or \
                        feedback";
        let (kind, rest) = match text.split_once(':') {
            Some((k, r)) => (k.trim(), Some(r.trim())),
            None => (text.trim(), None),
        };
        match (kind.to_ascii_lowercase().as_str(), rest) {
            ("recording", None) => Ok(ConsentScope::Recording),
            ("feedback", None) => Ok(ConsentScope::Feedback),
            ("sharing", None) => Err("sharing needs the organisation's name: sharing:NAME".into()),
            ("contact", None) => {
                Err("contact needs a channel: contact:email, phone or text".into())
            }
            ("sharing", Some(org)) => {
                if org.is_empty() {
                    return Err("sharing needs the organisation's name: sharing:NAME".into());
                }
                if org.chars().count() > 120 || org.chars().any(is_hidden) {
                    return Err(
                        "an organisation's name is one line of at most 120 visible characters"
                            .into(),
                    );
                }
                Ok(ConsentScope::Sharing {
                    with: org.to_string(),
                })
            }
            ("contact", Some(by)) => match by.to_ascii_lowercase().as_str() {
                "email" => Ok(ConsentScope::Contact(ContactBy::Email)),
                "phone" => Ok(ConsentScope::Contact(ContactBy::Phone)),
                "text" | "sms" => Ok(ConsentScope::Contact(ContactBy::Text)),
                _ => Err(format!("unknown contact channel: {expected}")),
            },
            _ => Err(format!("unknown consent scope: {expected}")),
        }
    }

    /// Whether this consent covers sharing (with anyone).
    pub fn is_sharing(&self) -> bool {
        matches!(self, ConsentScope::Sharing { .. })
    }
}

impl fmt::Display for ConsentScope {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            ConsentScope::Recording => f.write_str("recording"),
            ConsentScope::Feedback => f.write_str("feedback"),
            ConsentScope::Sharing { with } => write!(f, "sharing:{with}"),
            ConsentScope::Contact(ContactBy::Email) => f.write_str("contact:email"),
            ConsentScope::Contact(ContactBy::Phone) => f.write_str("contact:phone"),
            ConsentScope::Contact(ContactBy::Text) => f.write_str("contact:text"),
        }
    }
}

/// How consent was given.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum ConsentMethod {
    Verbal,
    Written,
}

impl ConsentMethod {
    pub fn as_str(self) -> &'static str {
        match self {
            ConsentMethod::Verbal => "verbal",
            ConsentMethod::Written => "written",
        }
    }
}

/// A consent record of a client (sealed under the client's data keys).
#[derive(Clone, Serialize, Deserialize, Zeroize, ZeroizeOnDrop)]
pub struct Consent {
    #[zeroize(skip)]
    pub client: ClientRef,
    /// Its number within the client: 1, 2, 3…
    #[zeroize(skip)]
    pub number: u32,
    pub scope: ConsentScope,
    #[zeroize(skip)]
    pub method: ConsentMethod,
    #[zeroize(skip)]
    #[serde(with = "opt_date")]
    pub given_on: Option<Date>,
    /// When it must be renewed; it no longer counts as current after that day.
    #[zeroize(skip)]
    #[serde(with = "opt_date")]
    pub renew_by: Option<Date>,
    #[zeroize(skip)]
    #[serde(with = "opt_date")]
    pub withdrawn_on: Option<Date>,
    #[zeroize(skip)]
    pub withdrawn_by: Option<UserId>,
    #[zeroize(skip)]
    pub recorded_by: UserId,
    pub recorded_at: Timestamp,
    /// Sequence number of the audit event written with this version of the record.
    pub written_at: u64,
}

impl Consent {
    /// Given, not withdrawn, and not past its renewal date on `today`.
    pub fn current(&self, today: Date) -> bool {
        self.withdrawn_on.is_none() && self.renew_by.is_some_and(|d| d >= today)
    }
}

/// The lawful basis on which information was shared.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum Basis {
    /// The client's consent to share.
    Consent,
    /// A legal obligation.
    Legal,
    /// To protect someone from serious harm.
    Harm,
}

impl Basis {
    pub fn as_str(self) -> &'static str {
        match self {
            Basis::Consent => "consent",
            Basis::Legal => "legal",
            Basis::Harm => "harm",
        }
    }

    /// Whether a free-text justification must be given (a legal duty, or serious harm).
    pub fn needs_justification(self) -> bool {
        !matches!(self, Basis::Consent)
    }
}

/// Information about a client shared with a third party (sealed under the client's data keys).
#[derive(Clone, Serialize, Deserialize, Zeroize, ZeroizeOnDrop)]
pub struct Disclosure {
    #[zeroize(skip)]
    pub client: ClientRef,
    #[zeroize(skip)]
    pub number: u32,
    /// To whom.
    pub to: String,
    /// What was shared.
    pub what: String,
    #[zeroize(skip)]
    pub basis: Basis,
    /// Why, for a legal duty or serious harm.
    pub justification: Option<String>,
    #[zeroize(skip)]
    pub by: UserId,
    pub at: Timestamp,
    pub written_at: u64,
}
