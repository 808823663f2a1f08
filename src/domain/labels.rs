//! Labels with a fixed set of values: roles, sensitivity labels, contact channels, statuses.
//!
//! Every plain label enum takes its text forms from one place, its `strum` derives: kebab-case
//! names for `Display`, `FromStr` (whose error lists the expected values) and `as_str()`, and
//! `VARIANTS` for listing them. Serde is separate and untouched: records encode a variant by its
//! index, so variants are only ever added at the end.

use std::fmt;
use std::str::FromStr;

use serde::{Deserialize, Serialize};
use strum::{Display, EnumString, IntoStaticStr, VariantArray};

/// Gives each listed enum `as_str()`: its text form as derived by `IntoStaticStr`.
macro_rules! text_form {
    ($($label:ty),+ $(,)?) => {$(
        impl $label {
            /// The text form, as `Display` prints it and `FromStr` reads it.
            pub fn as_str(self) -> &'static str {
                self.into()
            }
        }
    )+};
}

text_form!(Role, SpecialCategory, Channel, NoteStatus, ClientStatus);

/// Joins names as "a, b or c".
fn one_of(names: impl IntoIterator<Item = &'static str>) -> String {
    let names: Vec<_> = names.into_iter().collect();
    match names.split_last() {
        Some((last, rest)) if !rest.is_empty() => format!("{} or {last}", rest.join(", ")),
        Some((last, _)) => (*last).to_string(),
        None => String::new(),
    }
}

/// The text forms of every variant, in declaration order.
fn names<E: VariantArray + Copy + Into<&'static str>>() -> impl Iterator<Item = &'static str> {
    E::VARIANTS.iter().map(|v| (*v).into())
}

/// What a user may do. Checked by the session layer on every use case.
#[derive(
    Debug,
    Clone,
    Copy,
    PartialEq,
    Eq,
    Serialize,
    Deserialize,
    Display,
    EnumString,
    IntoStaticStr,
    VariantArray,
)]
#[strum(serialize_all = "kebab-case", parse_err_ty = String, parse_err_fn = unknown_role)]
pub enum Role {
    /// Keeps a caseload of clients and writes notes about them.
    Adviser,
    /// Everything an adviser can, over all clients, plus the audit trail.
    Supervisor,
    /// Users, policy and the audit trail; never client names or note text.
    Admin,
}

fn unknown_role(s: &str) -> String {
    format!("unknown role '{s}': expected {}", one_of(names::<Role>()))
}

impl Role {
    /// Whether this role may see client names and note text at all.
    pub fn reads_case_content(self) -> bool {
        matches!(self, Role::Adviser | Role::Supervisor)
    }
}

/// The special categories of personal data (UK GDPR art. 9, with criminal-offence data treated
/// the same way).
#[derive(
    Debug,
    Clone,
    Copy,
    PartialEq,
    Eq,
    Hash,
    Serialize,
    Deserialize,
    Display,
    EnumString,
    IntoStaticStr,
    VariantArray,
)]
#[strum(
    serialize_all = "kebab-case",
    parse_err_ty = String,
    parse_err_fn = unknown_special_category
)]
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

fn unknown_special_category(s: &str) -> String {
    let all: Vec<_> = names::<SpecialCategory>().collect();
    format!(
        "unknown special category '{s}': expected one of {}",
        all.join(", ")
    )
}

impl SpecialCategory {
    /// Every category, in declaration order (the order label pickers show them).
    pub const ALL: [SpecialCategory; 9] = match <Self as VariantArray>::VARIANTS.first_chunk() {
        Some(all) if <Self as VariantArray>::VARIANTS.len() == 9 => *all,
        _ => panic!("SpecialCategory::ALL must hold every category"),
    };
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
        match s {
            "ordinary" => Ok(Sensitivity::Ordinary),
            "confidential" => Ok(Sensitivity::Confidential),
            _ => match s.strip_prefix("special:") {
                Some(category) => category.parse().map(Sensitivity::Special),
                None => Err(format!(
                    "unknown sensitivity '{s}': expected ordinary, confidential or special:<category>"
                )),
            },
        }
    }
}

/// How the contact with the client happened. `session` is read as `in-person`, the name the
/// command line gives it (`note add --kind session`).
#[derive(
    Debug,
    Clone,
    Copy,
    PartialEq,
    Eq,
    Serialize,
    Deserialize,
    Display,
    EnumString,
    IntoStaticStr,
    VariantArray,
)]
#[strum(serialize_all = "kebab-case", parse_err_ty = String, parse_err_fn = unknown_channel)]
pub enum Channel {
    #[strum(to_string = "in-person", serialize = "session")]
    InPerson,
    Phone,
    Email,
    Video,
    Other,
}

fn unknown_channel(s: &str) -> String {
    // Named as the command line names them.
    let kinds = Channel::VARIANTS.iter().map(|c| match c {
        Channel::InPerson => "session",
        other => other.as_str(),
    });
    format!("unknown kind '{s}': expected {}", one_of(kinds))
}

/// Whether a note is still being written or has been saved for good.
#[derive(
    Debug,
    Clone,
    Copy,
    PartialEq,
    Eq,
    Serialize,
    Deserialize,
    Display,
    EnumString,
    IntoStaticStr,
    VariantArray,
)]
#[strum(
    serialize_all = "kebab-case",
    parse_err_ty = String,
    parse_err_fn = unknown_note_status
)]
pub enum NoteStatus {
    Draft,
    Final,
    /// Signed off by a supervisor: locked against corrections (addenda may still be added).
    Reviewed,
}

fn unknown_note_status(s: &str) -> String {
    format!(
        "unknown note status '{s}': expected {}",
        one_of(names::<NoteStatus>())
    )
}

/// Whether a client's case is open or closed.
#[derive(
    Debug,
    Clone,
    Copy,
    PartialEq,
    Eq,
    Serialize,
    Deserialize,
    Display,
    EnumString,
    IntoStaticStr,
    VariantArray,
)]
#[strum(
    serialize_all = "kebab-case",
    parse_err_ty = String,
    parse_err_fn = unknown_client_status
)]
pub enum ClientStatus {
    Open,
    Closed,
}

fn unknown_client_status(s: &str) -> String {
    format!(
        "unknown client status '{s}': expected {}",
        one_of(names::<ClientStatus>())
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Every text form, as records and faces have always spelt them.
    #[test]
    fn text_forms_are_unchanged() {
        fn check<E>(expected: &[(E, &str)])
        where
            E: VariantArray + Copy + PartialEq + fmt::Debug + fmt::Display + FromStr,
            E: Into<&'static str>,
            <E as FromStr>::Err: fmt::Debug,
        {
            assert_eq!(E::VARIANTS.len(), expected.len());
            for (v, text) in expected {
                assert_eq!((*v).into(), *text);
                assert_eq!(v.to_string(), *text);
                assert_eq!(text.parse::<E>().unwrap(), *v);
            }
        }
        check(&[
            (Role::Adviser, "adviser"),
            (Role::Supervisor, "supervisor"),
            (Role::Admin, "admin"),
        ]);
        check(&[
            (SpecialCategory::Ethnicity, "ethnicity"),
            (SpecialCategory::Politics, "politics"),
            (SpecialCategory::Religion, "religion"),
            (SpecialCategory::Union, "union"),
            (SpecialCategory::Genetic, "genetic"),
            (SpecialCategory::Biometric, "biometric"),
            (SpecialCategory::Health, "health"),
            (SpecialCategory::Sexuality, "sexuality"),
            (SpecialCategory::Criminal, "criminal"),
        ]);
        check(&[
            (Channel::InPerson, "in-person"),
            (Channel::Phone, "phone"),
            (Channel::Email, "email"),
            (Channel::Video, "video"),
            (Channel::Other, "other"),
        ]);
        check(&[
            (NoteStatus::Draft, "draft"),
            (NoteStatus::Final, "final"),
            (NoteStatus::Reviewed, "reviewed"),
        ]);
        check(&[
            (ClientStatus::Open, "open"),
            (ClientStatus::Closed, "closed"),
        ]);
        assert_eq!(Role::Admin.as_str(), "admin");
        assert_eq!(Channel::InPerson.as_str(), "in-person");
        assert_eq!(NoteStatus::Final.as_str(), "final");
        assert_eq!(ClientStatus::Closed.as_str(), "closed");
        assert_eq!(SpecialCategory::ALL.as_slice(), SpecialCategory::VARIANTS);
    }

    #[test]
    fn session_is_read_as_in_person() {
        assert_eq!("session".parse::<Channel>(), Ok(Channel::InPerson));
        assert_eq!(Channel::InPerson.to_string(), "in-person");
    }

    #[test]
    fn display_honours_width() {
        assert_eq!(format!("{:<12}|", Role::Adviser), "adviser     |");
        assert_eq!(format!("{:>6}", Channel::Phone), " phone");
    }

    #[test]
    fn unknown_labels_are_refused_with_the_choices() {
        assert_eq!(
            "boss".parse::<Role>().unwrap_err(),
            "unknown role 'boss': expected adviser, supervisor or admin"
        );
        assert_eq!(
            "Phone".parse::<Channel>().unwrap_err(),
            "unknown kind 'Phone': expected session, phone, email, video or other"
        );
        assert_eq!(
            "money".parse::<SpecialCategory>().unwrap_err(),
            "unknown special category 'money': expected one of ethnicity, politics, religion, \
             union, genetic, biometric, health, sexuality, criminal"
        );
        assert_eq!(
            "done".parse::<NoteStatus>().unwrap_err(),
            "unknown note status 'done': expected draft, final or reviewed"
        );
        assert_eq!(
            "".parse::<ClientStatus>().unwrap_err(),
            "unknown client status '': expected open or closed"
        );
    }

    #[test]
    fn serde_still_encodes_the_variant_index() {
        // Records are postcard-encoded: a unit variant is its index, one byte.
        fn bytes<T: Serialize>(v: &T) -> Vec<u8> {
            postcard::to_allocvec(v).unwrap()
        }
        assert_eq!(bytes(&Role::Admin), [2]);
        assert_eq!(bytes(&SpecialCategory::Criminal), [8]);
        assert_eq!(bytes(&Channel::Other), [4]);
        assert_eq!(bytes(&NoteStatus::Final), [1]);
        assert_eq!(bytes(&ClientStatus::Closed), [1]);
        assert_eq!(
            bytes(&Sensitivity::Special(SpecialCategory::Health)),
            [2, 6]
        );
    }

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
        assert_eq!(
            e,
            "unknown sensitivity 'secret': expected ordinary, confidential or special:<category>"
        );
        let e = "special:money".parse::<Sensitivity>().unwrap_err();
        assert!(e.contains("health"), "{e}");
    }
}
