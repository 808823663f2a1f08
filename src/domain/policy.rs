//! The office's policy and the settings an administrator may change.

use serde::{Deserialize, Serialize};

use super::{ClientRef, Role};

/// The office's policy, set by an administrator.
///
/// Stored sealed with postcard, fields by position: a new field goes at the end, and the
/// layouts it replaces stay readable (see [`PolicyV1`], [`PolicyV2`] and [`PolicyV3`]).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Policy {
    /// Minimum password length in characters.
    pub password_min_length: u32,
    /// Idle seconds before the screen locks.
    pub lock_after_secs: u32,
    /// Seconds a revealed section stays revealed.
    pub reveal_secs: u32,
    /// Years a closed client's records are kept.
    pub retention_years: u32,
    /// Argon2id memory cost for new key slots, in MiB.
    pub kdf_memory_mib: u32,
    /// Argon2id passes for new key slots.
    pub kdf_passes: u32,
    /// Days without contact after which an open client counts as out of touch.
    pub no_contact_days: u32,
    /// Months a client's consent holds before it must be renewed.
    pub consent_months: u32,
    /// How a new client's name is stored (data minimisation): 0 the full name, 1 initials,
    /// 2 no name at all, only the reference. See [`ClientNames`].
    pub client_names: u32,
    /// The roles whose accounts must sign in with a second factor (a key file or one-time
    /// codes), as a set of bits: 1 adviser, 2 supervisor, 4 administrator. See
    /// [`Policy::second_factor_required_for`].
    pub second_factor_required: u32,
}

impl Default for Policy {
    fn default() -> Self {
        Policy {
            password_min_length: 15,
            lock_after_secs: 300,
            reveal_secs: 120,
            retention_years: 6,
            kdf_memory_mib: 64,
            kdf_passes: 3,
            no_contact_days: 14,
            consent_months: 12,
            client_names: ClientNames::Full as u32,
            second_factor_required: 0,
        }
    }
}

/// The policy as stores made before `no-contact-days` hold it (six fields). Read, never
/// written: the next change of policy writes the current layout.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct PolicyV1 {
    pub password_min_length: u32,
    pub lock_after_secs: u32,
    pub reveal_secs: u32,
    pub retention_years: u32,
    pub kdf_memory_mib: u32,
    pub kdf_passes: u32,
}

impl From<PolicyV1> for Policy {
    /// The new settings take their defaults; an idle lock longer than the range now allows
    /// (it once went to an hour) is brought down to the longest allowed.
    fn from(old: PolicyV1) -> Policy {
        Policy {
            password_min_length: old.password_min_length,
            lock_after_secs: old.lock_after_secs,
            reveal_secs: old.reveal_secs,
            retention_years: old.retention_years,
            kdf_memory_mib: old.kdf_memory_mib,
            kdf_passes: old.kdf_passes,
            ..Policy::default()
        }
        .within_tightened_ranges()
    }
}

/// The policy as stores made before `client-names` hold it (eight fields). Read, never
/// written: the next change of policy writes the current layout.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct PolicyV2 {
    pub password_min_length: u32,
    pub lock_after_secs: u32,
    pub reveal_secs: u32,
    pub retention_years: u32,
    pub kdf_memory_mib: u32,
    pub kdf_passes: u32,
    pub no_contact_days: u32,
    pub consent_months: u32,
}

impl From<PolicyV2> for Policy {
    /// `client-names` takes its default: full names, as such stores always kept them.
    fn from(old: PolicyV2) -> Policy {
        Policy {
            password_min_length: old.password_min_length,
            lock_after_secs: old.lock_after_secs,
            reveal_secs: old.reveal_secs,
            retention_years: old.retention_years,
            kdf_memory_mib: old.kdf_memory_mib,
            kdf_passes: old.kdf_passes,
            no_contact_days: old.no_contact_days,
            consent_months: old.consent_months,
            ..Policy::default()
        }
        .within_tightened_ranges()
    }
}

/// The policy as stores made before `second-factor-required` hold it (nine fields). Read,
/// never written: the next change of policy writes the current layout.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct PolicyV3 {
    pub password_min_length: u32,
    pub lock_after_secs: u32,
    pub reveal_secs: u32,
    pub retention_years: u32,
    pub kdf_memory_mib: u32,
    pub kdf_passes: u32,
    pub no_contact_days: u32,
    pub consent_months: u32,
    pub client_names: u32,
}

impl From<PolicyV3> for Policy {
    /// No role is required to have a second factor, as in such stores.
    fn from(old: PolicyV3) -> Policy {
        Policy {
            password_min_length: old.password_min_length,
            lock_after_secs: old.lock_after_secs,
            reveal_secs: old.reveal_secs,
            retention_years: old.retention_years,
            kdf_memory_mib: old.kdf_memory_mib,
            kdf_passes: old.kdf_passes,
            no_contact_days: old.no_contact_days,
            consent_months: old.consent_months,
            client_names: old.client_names,
            ..Policy::default()
        }
        .within_tightened_ranges()
    }
}

/// The roles named by `second-factor-required`, by bit (the first word is bit 1).
pub const ROLE_WORDS: [&str; 3] = ["adviser", "supervisor", "admin"];

/// The bit of `role` in a set of roles such as [`Policy::second_factor_required`].
pub fn role_bit(role: Role) -> u32 {
    match role {
        Role::Adviser => 1,
        Role::Supervisor => 2,
        Role::Admin => 4,
    }
}

/// How a new client's name is stored: the office's choice of data minimisation. Applies when a
/// client is added or renamed; clients already stored keep the name they have.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ClientNames {
    /// The name as typed.
    Full = 0,
    /// The first letter of each word of the name, with dots: "Alice Ashworth" is kept as
    /// "A. A.".
    Initials = 1,
    /// No name at all: the client is known by its reference, which is what the name shows.
    Code = 2,
}

impl ClientNames {
    /// The words `policy set client-names` takes, by stored value.
    pub const WORDS: [&'static str; 3] = ["full", "initials", "code"];

    /// The setting as stored; a value out of range (a damaged or altered policy cannot get
    /// here, being sealed) reads as the most minimising.
    pub fn from_stored(v: u32) -> ClientNames {
        match v {
            0 => ClientNames::Full,
            1 => ClientNames::Initials,
            _ => ClientNames::Code,
        }
    }

    /// What is stored as the name of a client typed as `name`, whose reference is `reference`.
    ///
    /// ```
    /// use casenotes::domain::{ClientNames, ClientRef};
    ///
    /// let r = ClientRef(12);
    /// assert_eq!(ClientNames::Full.stored_name("Anne-Marie O'Neill", r), "Anne-Marie O'Neill");
    /// assert_eq!(ClientNames::Initials.stored_name("Anne-Marie O'Neill", r), "A. O.");
    /// assert_eq!(ClientNames::Code.stored_name("Anne-Marie O'Neill", r), "C-000012");
    /// ```
    pub fn stored_name(self, name: &str, reference: ClientRef) -> String {
        match self {
            ClientNames::Full => name.trim().to_string(),
            ClientNames::Initials => {
                let i = initials(name);
                if i.is_empty() {
                    reference.to_string()
                } else {
                    i
                }
            }
            ClientNames::Code => reference.to_string(),
        }
    }
}

/// The first letter or digit of each word of `name`, upper-cased, each followed by a dot and
/// separated by spaces: "mary jane o'neill" gives "M. J. O.". Words with no letter or digit are
/// left out; a name with none gives an empty string.
pub fn initials(name: &str) -> String {
    name.split_whitespace()
        .filter_map(|w| w.chars().find(|c| c.is_alphanumeric()))
        .map(|c| format!("{}.", c.to_uppercase()))
        .collect::<Vec<_>>()
        .join(" ")
}

/// A policy setting's name, range and meaning, for `policy show` and `policy set`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct PolicyKey {
    pub name: &'static str,
    pub min: u32,
    pub max: u32,
    pub meaning: &'static str,
    /// For a setting chosen by word rather than number, the word for each value from `min`
    /// (`policy set` takes either; `policy show` prints the word). Empty for a number.
    pub words: &'static [&'static str],
    /// The setting is a set of the `words` (stored as bits, the first word bit 1), given as a
    /// comma-separated list, or `none`.
    pub set: bool,
}

impl PolicyKey {
    /// The value as `policy show` prints it: the word, for a setting chosen by word; the words
    /// joined by commas (or `none`) for a set.
    pub fn value_text(&self, value: u32) -> String {
        if self.set {
            let named: Vec<&str> = self
                .words
                .iter()
                .enumerate()
                .filter(|(i, _)| value & (1 << i) != 0)
                .map(|(_, w)| *w)
                .collect();
            return if named.is_empty() {
                "none".to_string()
            } else {
                named.join(",")
            };
        }
        value
            .checked_sub(self.min)
            .and_then(|i| self.words.get(usize::try_from(i).ok()?))
            .map_or_else(|| value.to_string(), |w| (*w).to_string())
    }

    /// The values allowed, as `policy show` prints them: "30-1800", "full|initials|code", or
    /// for a set "none|adviser,supervisor,admin".
    pub fn range_text(&self) -> String {
        if self.words.is_empty() {
            format!("{}-{}", self.min, self.max)
        } else if self.set {
            format!("none|{}", self.words.join(","))
        } else {
            self.words.join("|")
        }
    }

    /// The values allowed, in a sentence: "one of full, initials, code", "any of adviser,
    /// supervisor, admin (comma-separated), or none", "from 30 to 1800".
    pub fn choice_text(&self) -> String {
        if self.words.is_empty() {
            format!("from {} to {}", self.min, self.max)
        } else if self.set {
            format!(
                "any of {} (comma-separated), or none",
                self.words.join(", ")
            )
        } else {
            format!("one of {}", self.words.join(", "))
        }
    }

    /// The set named by `value` ("supervisor,admin", "none"), or `None` if a word is unknown.
    fn parse_set(&self, value: &str) -> Option<u32> {
        let value = value.trim();
        if value.eq_ignore_ascii_case("none") {
            return Some(0);
        }
        let mut bits = 0u32;
        for word in value.split(',').map(str::trim) {
            let i = self
                .words
                .iter()
                .position(|w| w.eq_ignore_ascii_case(word))?;
            bits |= 1 << i;
        }
        Some(bits)
    }
}

/// One setting with its value, as `policy show` lists it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct PolicySetting {
    pub key: PolicyKey,
    pub value: u32,
}

impl PolicySetting {
    /// The value as `policy show` prints it (see [`PolicyKey::value_text`]).
    pub fn value_text(&self) -> String {
        self.key.value_text(self.value)
    }
}

/// The longest idle time before the screen locks, in seconds (30 minutes).
pub const MAX_LOCK_AFTER_SECS: u32 = 1800;

impl Policy {
    /// Every setting an administrator may change, in the order `policy show` lists them.
    pub const KEYS: [PolicyKey; 10] = [
        PolicyKey {
            name: "password-min-length",
            min: 8,
            max: 128,
            meaning: "minimum password length in characters",
            words: &[],
            set: false,
        },
        PolicyKey {
            name: "lock-after",
            min: 30,
            max: MAX_LOCK_AFTER_SECS,
            meaning: "idle seconds before the screen locks",
            words: &[],
            set: false,
        },
        PolicyKey {
            name: "reveal-seconds",
            min: 10,
            max: 900,
            meaning: "seconds a revealed section stays revealed",
            words: &[],
            set: false,
        },
        PolicyKey {
            name: "no-contact-days",
            min: 1,
            max: 365,
            meaning: "days without contact before an open client counts as out of touch",
            words: &[],
            set: false,
        },
        PolicyKey {
            name: "consent-months",
            min: 1,
            max: 60,
            meaning: "months a client's consent holds before it must be renewed",
            words: &[],
            set: false,
        },
        PolicyKey {
            name: "retention-years",
            min: 1,
            max: 100,
            meaning: "years a closed client's records are kept",
            words: &[],
            set: false,
        },
        PolicyKey {
            name: "kdf-memory-mib",
            min: 19,
            max: 1024,
            meaning: "Argon2id memory for new passwords, MiB",
            words: &[],
            set: false,
        },
        PolicyKey {
            name: "kdf-passes",
            min: 2,
            max: 10,
            meaning: "Argon2id passes for new passwords",
            words: &[],
            set: false,
        },
        PolicyKey {
            name: "client-names",
            min: 0,
            max: 2,
            meaning: "how a new client's name is kept: full, initials, or code (the reference only)",
            words: &ClientNames::WORDS,
            set: false,
        },
        PolicyKey {
            name: "second-factor-required",
            min: 0,
            max: 7,
            meaning: "roles that must sign in with a second factor (a key file or one-time codes)",
            words: &ROLE_WORDS,
            set: true,
        },
    ];

    /// The range and meaning of `key`, if it is a setting.
    pub fn key(name: &str) -> Option<PolicyKey> {
        Self::KEYS.iter().copied().find(|k| k.name == name)
    }

    pub fn get(&self, key: &str) -> Option<u32> {
        Some(match key {
            "password-min-length" => self.password_min_length,
            "lock-after" => self.lock_after_secs,
            "reveal-seconds" => self.reveal_secs,
            "no-contact-days" => self.no_contact_days,
            "consent-months" => self.consent_months,
            "retention-years" => self.retention_years,
            "kdf-memory-mib" => self.kdf_memory_mib,
            "kdf-passes" => self.kdf_passes,
            "client-names" => self.client_names,
            "second-factor-required" => self.second_factor_required,
            _ => return None,
        })
    }

    /// Whether accounts of `role` must sign in with a second factor.
    pub fn second_factor_required_for(&self, role: Role) -> bool {
        self.second_factor_required & role_bit(role) != 0
    }

    /// How a new client's name is stored.
    pub fn client_names(&self) -> ClientNames {
        ClientNames::from_stored(self.client_names)
    }

    /// Every setting with its value, in the order of [`Policy::KEYS`].
    pub fn settings(&self) -> Vec<PolicySetting> {
        Self::KEYS
            .iter()
            .map(|k| PolicySetting {
                key: *k,
                value: self.get(k.name).unwrap_or_default(),
            })
            .collect()
    }

    /// Sets one key from its text form, checking the range. A refusal names the range and what
    /// the setting means.
    pub fn set(&mut self, key: &str, value: &str) -> Result<(), String> {
        let spec = Self::key(key).ok_or_else(|| {
            let names: Vec<_> = Self::KEYS.iter().map(|k| k.name).collect();
            format!(
                "unknown policy key '{key}': expected one of {}",
                names.join(", ")
            )
        })?;
        let out_of_range = || {
            if spec.set {
                format!(
                    "{key} must be a comma-separated list of {}, or none ({})",
                    spec.words.join(", "),
                    spec.meaning
                )
            } else if spec.words.is_empty() {
                format!(
                    "{key} must be between {} and {} ({})",
                    spec.min, spec.max, spec.meaning
                )
            } else {
                format!(
                    "{key} must be one of {} ({})",
                    spec.words.join(", "),
                    spec.meaning
                )
            }
        };
        let digits = !value.is_empty() && value.bytes().all(|b| b.is_ascii_digit());
        let word = spec
            .words
            .iter()
            .position(|w| w.eq_ignore_ascii_case(value.trim()))
            .and_then(|i| u32::try_from(i).ok());
        let v: u32 = if spec.set {
            spec.parse_set(value).ok_or_else(out_of_range)?
        } else if let Some(i) = word {
            spec.min + i
        } else if !spec.words.is_empty() && !digits {
            return Err(out_of_range());
        } else {
            match value.parse() {
                Ok(v) => v,
                // A whole number too large for the field is out of range, not malformed.
                Err(_) if digits => return Err(out_of_range()),
                Err(_) => return Err(format!("'{value}' is not a whole number")),
            }
        };
        if v < spec.min || v > spec.max {
            return Err(out_of_range());
        }
        let slot = match key {
            "password-min-length" => &mut self.password_min_length,
            "lock-after" => &mut self.lock_after_secs,
            "reveal-seconds" => &mut self.reveal_secs,
            "no-contact-days" => &mut self.no_contact_days,
            "consent-months" => &mut self.consent_months,
            "retention-years" => &mut self.retention_years,
            "kdf-memory-mib" => &mut self.kdf_memory_mib,
            "client-names" => &mut self.client_names,
            "second-factor-required" => &mut self.second_factor_required,
            _ => &mut self.kdf_passes,
        };
        *slot = v;
        Ok(())
    }

    /// The policy with an idle lock no longer than [`MAX_LOCK_AFTER_SECS`]: a stored policy
    /// written when the range went further is read within today's range.
    pub fn within_tightened_ranges(mut self) -> Policy {
        self.lock_after_secs = self.lock_after_secs.min(MAX_LOCK_AFTER_SECS);
        self
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn policy_set_checks_key_and_range() {
        let mut p = Policy::default();
        p.set("lock-after", "120").unwrap();
        assert_eq!(p.lock_after_secs, 120);
        assert!(p.set("lock-after", "5").is_err());
        assert!(p.set("colour", "1").is_err());
        assert!(p.set("reveal-seconds", "abc").is_err());
        for k in Policy::KEYS {
            assert!(p.get(k.name).is_some());
            assert_eq!(Policy::key(k.name), Some(k));
        }
        assert_eq!(p.settings().len(), Policy::KEYS.len());
    }

    #[test]
    fn the_idle_lock_is_between_thirty_seconds_and_thirty_minutes() {
        let mut p = Policy::default();
        let range = "lock-after must be between 30 and 1800 (idle seconds before the screen locks)";
        assert_eq!(p.set("lock-after", "0").unwrap_err(), range);
        assert_eq!(p.set("lock-after", "86400").unwrap_err(), range);
        assert_eq!(p.set("lock-after", "99999999999999").unwrap_err(), range);
        assert_eq!(p.set("lock-after", "1801").unwrap_err(), range);
        assert_eq!(p, Policy::default());
        p.set("lock-after", "1800").unwrap();
        assert_eq!(p.lock_after_secs, 1800);
        p.set("lock-after", "30").unwrap();
        assert_eq!(p.lock_after_secs, 30);
    }

    #[test]
    fn retention_and_no_contact_are_offered_with_their_ranges() {
        let mut p = Policy::default();
        assert_eq!(p.get("retention-years"), Some(6));
        assert_eq!(p.get("no-contact-days"), Some(14));
        p.set("retention-years", "7").unwrap();
        p.set("no-contact-days", "365").unwrap();
        assert_eq!((p.retention_years, p.no_contact_days), (7, 365));
        assert_eq!(
            p.set("retention-years", "0").unwrap_err(),
            "retention-years must be between 1 and 100 (years a closed client's records are kept)"
        );
        assert!(p.set("retention-years", "101").is_err());
        assert!(p.set("no-contact-days", "0").is_err());
        assert!(p.set("no-contact-days", "366").is_err());
    }

    #[test]
    fn the_stored_layouts_read_back() {
        // The current layout: ten fields by position.
        let stored = Policy {
            retention_years: 9,
            no_contact_days: 21,
            client_names: 1,
            second_factor_required: 6,
            ..Policy::default()
        };
        let bytes = postcard::to_allocvec(&stored).unwrap();
        assert_eq!(bytes, [15, 172, 2, 120, 9, 64, 3, 21, 12, 1, 6]);
        assert_eq!(postcard::from_bytes::<Policy>(&bytes).unwrap(), stored);
        // The layout before second-factor-required: nine fields, which the current one does
        // not read; read as that layout it keeps every setting and requires no second factor.
        let v3_bytes = [15, 172, 2, 120, 9, 64, 3, 21, 12, 1];
        assert!(postcard::from_bytes::<Policy>(&v3_bytes).is_err());
        let v3: PolicyV3 = postcard::from_bytes(&v3_bytes).unwrap();
        assert_eq!(
            Policy::from(v3),
            Policy {
                second_factor_required: 0,
                ..stored.clone()
            }
        );
        // The layout before client-names: eight fields, which the current one does not read;
        // read as that layout it keeps every setting and takes full names. (Read as the
        // six-field layout it would lose two settings, so it is tried first.)
        let v2_bytes = [15, 172, 2, 120, 9, 64, 3, 21, 12];
        assert!(postcard::from_bytes::<Policy>(&v2_bytes).is_err());
        let v2: PolicyV2 = postcard::from_bytes(&v2_bytes).unwrap();
        assert_eq!(
            Policy::from(v2),
            Policy {
                client_names: 0,
                second_factor_required: 0,
                ..stored.clone()
            }
        );
        // The layout before no-contact-days: six fields, which the current one does not read;
        // read as the old layout it takes the new setting's default.
        let old = [15, 144, 28, 120, 9, 64, 3];
        assert!(postcard::from_bytes::<Policy>(&old).is_err());
        let v1: PolicyV1 = postcard::from_bytes(&old).unwrap();
        assert_eq!(v1.lock_after_secs, 3600);
        let upgraded = Policy::from(v1);
        assert_eq!(
            upgraded,
            Policy {
                retention_years: 9,
                lock_after_secs: 1800,
                ..Policy::default()
            }
        );
    }

    #[test]
    fn client_names_are_set_by_word_or_number_and_shown_as_words() {
        let mut p = Policy::default();
        assert_eq!(p.client_names(), ClientNames::Full);
        p.set("client-names", "initials").unwrap();
        assert_eq!(p.client_names(), ClientNames::Initials);
        p.set("client-names", "CODE").unwrap();
        assert_eq!(p.client_names, 2);
        p.set("client-names", "0").unwrap();
        assert_eq!(p.client_names(), ClientNames::Full);
        let refusal = "client-names must be one of full, initials, code (how a new client's name \
                       is kept: full, initials, or code (the reference only))";
        assert_eq!(p.set("client-names", "nicknames").unwrap_err(), refusal);
        assert_eq!(p.set("client-names", "3").unwrap_err(), refusal);
        assert_eq!(p.set("client-names", "99999999999").unwrap_err(), refusal);
        assert_eq!(p.client_names, 0);
        let key = Policy::key("client-names").unwrap();
        assert_eq!(key.value_text(1), "initials");
        assert_eq!(key.range_text(), "full|initials|code");
        let lock = Policy::key("lock-after").unwrap();
        assert_eq!(
            (lock.value_text(300), lock.range_text()),
            ("300".into(), "30-1800".into())
        );
    }

    #[test]
    fn second_factor_roles_are_a_set_of_words() {
        let mut p = Policy::default();
        let key = Policy::key("second-factor-required").unwrap();
        assert_eq!(key.value_text(p.second_factor_required), "none");
        p.set("second-factor-required", "supervisor,admin").unwrap();
        assert_eq!(p.second_factor_required, 6);
        assert!(p.second_factor_required_for(Role::Supervisor));
        assert!(p.second_factor_required_for(Role::Admin));
        assert!(!p.second_factor_required_for(Role::Adviser));
        assert_eq!(key.value_text(6), "supervisor,admin");
        p.set("second-factor-required", " Admin , adviser ")
            .unwrap();
        assert_eq!(key.value_text(p.second_factor_required), "adviser,admin");
        p.set("second-factor-required", "NONE").unwrap();
        assert_eq!(p.second_factor_required, 0);
        let refusal = "second-factor-required must be a comma-separated list of adviser, \
                       supervisor, admin, or none (roles that must sign in with a second factor \
                       (a key file or one-time codes))";
        for bad in ["3", "", "supervisor,", "managers", "supervisor;admin"] {
            assert_eq!(
                p.set("second-factor-required", bad).unwrap_err(),
                refusal,
                "{bad:?}"
            );
        }
        assert_eq!(p.second_factor_required, 0);
        assert_eq!(key.range_text(), "none|adviser,supervisor,admin");
        assert_eq!(
            key.choice_text(),
            "any of adviser, supervisor, admin (comma-separated), or none"
        );
    }

    #[test]
    fn names_are_minimised_as_the_policy_says() {
        let r = ClientRef(7);
        assert_eq!(initials("Alice Ashworth"), "A. A.");
        assert_eq!(initials("  mary   jane o'neill "), "M. J. O.");
        assert_eq!(initials("Émile (Jim) Zola"), "É. J. Z.");
        assert_eq!(initials("— ?"), "");
        assert_eq!(ClientNames::Initials.stored_name("— ?", r), "C-000007");
        assert_eq!(
            ClientNames::Code.stored_name("Alice Ashworth", r),
            "C-000007"
        );
        assert_eq!(ClientNames::Full.stored_name(" Alice ", r), "Alice");
        assert_eq!(ClientNames::from_stored(9), ClientNames::Code);
    }
}
