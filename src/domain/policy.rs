//! The office's policy and the settings an administrator may change.

use serde::{Deserialize, Serialize};

/// The office's policy, set by an administrator.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Policy {
    /// Minimum password length in characters.
    pub password_min_length: u32,
    /// Idle seconds before the screen locks.
    pub lock_after_secs: u32,
    /// Seconds a revealed section stays revealed.
    pub reveal_secs: u32,
    /// Years a closed client's records are kept. Nothing reads it yet and it is not offered as a
    /// setting; it is kept for the retention feature, and because records on disk (postcard,
    /// fields by position) hold it.
    pub retention_years: u32,
    /// Argon2id memory cost for new key slots, in MiB.
    pub kdf_memory_mib: u32,
    /// Argon2id passes for new key slots.
    pub kdf_passes: u32,
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
        }
    }
}

/// A policy setting's name, range and meaning, for `policy show` and `policy set`.
pub struct PolicyKey {
    pub name: &'static str,
    pub min: u32,
    pub max: u32,
    pub meaning: &'static str,
}

impl Policy {
    pub const KEYS: [PolicyKey; 5] = [
        PolicyKey {
            name: "password-min-length",
            min: 8,
            max: 128,
            meaning: "minimum password length in characters",
        },
        PolicyKey {
            name: "lock-after",
            min: 30,
            max: 3600,
            meaning: "idle seconds before the screen locks",
        },
        PolicyKey {
            name: "reveal-seconds",
            min: 10,
            max: 900,
            meaning: "seconds a revealed section stays revealed",
        },
        PolicyKey {
            name: "kdf-memory-mib",
            min: 19,
            max: 1024,
            meaning: "Argon2id memory for new passwords, MiB",
        },
        PolicyKey {
            name: "kdf-passes",
            min: 2,
            max: 10,
            meaning: "Argon2id passes for new passwords",
        },
    ];

    pub fn get(&self, key: &str) -> Option<u32> {
        Some(match key {
            "password-min-length" => self.password_min_length,
            "lock-after" => self.lock_after_secs,
            "reveal-seconds" => self.reveal_secs,
            "kdf-memory-mib" => self.kdf_memory_mib,
            "kdf-passes" => self.kdf_passes,
            _ => return None,
        })
    }

    /// Sets one key from its text form, checking the range.
    pub fn set(&mut self, key: &str, value: &str) -> Result<(), String> {
        let spec = Self::KEYS.iter().find(|k| k.name == key).ok_or_else(|| {
            let names: Vec<_> = Self::KEYS.iter().map(|k| k.name).collect();
            format!(
                "unknown policy key '{key}': expected one of {}",
                names.join(", ")
            )
        })?;
        let v: u32 = value
            .parse()
            .map_err(|_| format!("'{value}' is not a whole number"))?;
        if v < spec.min || v > spec.max {
            return Err(format!(
                "{key} must be between {} and {}",
                spec.min, spec.max
            ));
        }
        let slot = match key {
            "password-min-length" => &mut self.password_min_length,
            "lock-after" => &mut self.lock_after_secs,
            "reveal-seconds" => &mut self.reveal_secs,
            "kdf-memory-mib" => &mut self.kdf_memory_mib,
            _ => &mut self.kdf_passes,
        };
        *slot = v;
        Ok(())
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
        }
    }

    #[test]
    fn retention_is_kept_but_not_offered() {
        let mut p = Policy::default();
        assert_eq!(p.get("retention-years"), None);
        let e = p.set("retention-years", "7").unwrap_err();
        assert_eq!(
            e,
            "unknown policy key 'retention-years': expected one of password-min-length, \
             lock-after, reveal-seconds, kdf-memory-mib, kdf-passes"
        );
        assert_eq!(p, Policy::default());
        // Stored policies hold the field; they still read back whole.
        let stored = Policy {
            retention_years: 9,
            ..Policy::default()
        };
        let bytes = postcard::to_allocvec(&stored).unwrap();
        assert_eq!(bytes, [15, 172, 2, 120, 9, 64, 3]);
        assert_eq!(postcard::from_bytes::<Policy>(&bytes).unwrap(), stored);
    }
}
