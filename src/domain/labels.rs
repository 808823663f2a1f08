//! Labels with a fixed set of values: roles, sensitivity labels, contact channels, statuses.

use std::fmt;
use std::str::FromStr;

use serde::{Deserialize, Serialize};

/// What a user may do. Checked by the session layer on every use case.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum Role {
    /// Keeps a caseload of clients and writes notes about them.
    Adviser,
    /// Everything an adviser can, over all clients, plus the audit trail.
    Supervisor,
    /// Users, policy and the audit trail; never client names or note text.
    Admin,
}

impl Role {
    pub fn as_str(self) -> &'static str {
        match self {
            Role::Adviser => "adviser",
            Role::Supervisor => "supervisor",
            Role::Admin => "admin",
        }
    }

    /// Whether this role may see client names and note text at all.
    pub fn reads_case_content(self) -> bool {
        matches!(self, Role::Adviser | Role::Supervisor)
    }
}

impl fmt::Display for Role {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.pad(self.as_str())
    }
}

impl FromStr for Role {
    type Err = String;
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        match s {
            "adviser" => Ok(Role::Adviser),
            "supervisor" => Ok(Role::Supervisor),
            "admin" => Ok(Role::Admin),
            other => Err(format!(
                "unknown role '{other}': expected adviser, supervisor or admin"
            )),
        }
    }
}

/// The special categories of personal data (UK GDPR art. 9, with criminal-offence data treated
/// the same way).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum SpecialCategory {
    Ethnicity,
    Politics,
    Religion,
    Union,
    Genetic,
    Biometric,
    Health,
    Sexuality,
    Criminal,
}

impl SpecialCategory {
    pub const ALL: [SpecialCategory; 9] = [
        SpecialCategory::Ethnicity,
        SpecialCategory::Politics,
        SpecialCategory::Religion,
        SpecialCategory::Union,
        SpecialCategory::Genetic,
        SpecialCategory::Biometric,
        SpecialCategory::Health,
        SpecialCategory::Sexuality,
        SpecialCategory::Criminal,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            SpecialCategory::Ethnicity => "ethnicity",
            SpecialCategory::Politics => "politics",
            SpecialCategory::Religion => "religion",
            SpecialCategory::Union => "union",
            SpecialCategory::Genetic => "genetic",
            SpecialCategory::Biometric => "biometric",
            SpecialCategory::Health => "health",
            SpecialCategory::Sexuality => "sexuality",
            SpecialCategory::Criminal => "criminal",
        }
    }
}

/// The label every section carries. Anything but `Ordinary` is masked until revealed.
///
/// ```
/// use casenotes::domain::{Sensitivity, SpecialCategory};
///
/// let label: Sensitivity = "special:health".parse().unwrap();
/// assert_eq!(label, Sensitivity::Special(SpecialCategory::Health));
/// assert!(label.is_masked());
/// assert!(!"ordinary".parse::<Sensitivity>().unwrap().is_masked());
/// assert!("secret".parse::<Sensitivity>().is_err());
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum Sensitivity {
    Ordinary,
    Confidential,
    Special(SpecialCategory),
}

impl Sensitivity {
    /// Masked sections show heading and label only, until revealed with a reason.
    pub fn is_masked(self) -> bool {
        !matches!(self, Sensitivity::Ordinary)
    }
}

impl fmt::Display for Sensitivity {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Sensitivity::Ordinary => f.write_str("ordinary"),
            Sensitivity::Confidential => f.write_str("confidential"),
            Sensitivity::Special(c) => write!(f, "special:{}", c.as_str()),
        }
    }
}

impl FromStr for Sensitivity {
    type Err = String;
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        let categories = || {
            SpecialCategory::ALL
                .iter()
                .map(|c| c.as_str())
                .collect::<Vec<_>>()
                .join(", ")
        };
        match s {
            "ordinary" => Ok(Sensitivity::Ordinary),
            "confidential" => Ok(Sensitivity::Confidential),
            _ => match s.strip_prefix("special:") {
                Some(cat) => SpecialCategory::ALL
                    .iter()
                    .find(|c| c.as_str() == cat)
                    .map(|c| Sensitivity::Special(*c))
                    .ok_or_else(|| {
                        format!(
                            "unknown special category '{cat}': expected one of {}",
                            categories()
                        )
                    }),
                None => Err(format!(
                    "unknown sensitivity '{s}': expected ordinary, confidential or special:<category>"
                )),
            },
        }
    }
}

/// How the contact with the client happened.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum Channel {
    InPerson,
    Phone,
    Email,
    Video,
    Other,
}

impl Channel {
    pub fn as_str(self) -> &'static str {
        match self {
            Channel::InPerson => "in-person",
            Channel::Phone => "phone",
            Channel::Email => "email",
            Channel::Video => "video",
            Channel::Other => "other",
        }
    }
}

impl fmt::Display for Channel {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.pad(self.as_str())
    }
}

impl FromStr for Channel {
    type Err = String;
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        match s {
            "session" | "in-person" => Ok(Channel::InPerson),
            "phone" => Ok(Channel::Phone),
            "email" => Ok(Channel::Email),
            "video" => Ok(Channel::Video),
            "other" => Ok(Channel::Other),
            other => Err(format!(
                "unknown kind '{other}': expected session, phone, email, video or other"
            )),
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum NoteStatus {
    Draft,
    Final,
}

impl NoteStatus {
    pub fn as_str(self) -> &'static str {
        match self {
            NoteStatus::Draft => "draft",
            NoteStatus::Final => "final",
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum ClientStatus {
    Open,
    Closed,
}

impl ClientStatus {
    pub fn as_str(self) -> &'static str {
        match self {
            ClientStatus::Open => "open",
            ClientStatus::Closed => "closed",
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sensitivity_round_trips_every_label() {
        let mut labels = vec!["ordinary".to_string(), "confidential".to_string()];
        labels.extend(
            SpecialCategory::ALL
                .iter()
                .map(|c| format!("special:{}", c.as_str())),
        );
        for l in labels {
            let s: Sensitivity = l.parse().unwrap();
            assert_eq!(s.to_string(), l);
            assert_eq!(s.is_masked(), l != "ordinary");
        }
    }

    #[test]
    fn bad_sensitivity_is_refused_with_the_choices() {
        let e = "secret".parse::<Sensitivity>().unwrap_err();
        assert!(e.contains("ordinary, confidential"), "{e}");
        let e = "special:money".parse::<Sensitivity>().unwrap_err();
        assert!(e.contains("health"), "{e}");
    }
}
