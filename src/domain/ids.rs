//! Identifiers and time: client references, note and user ids, timestamps.

use std::fmt;
use std::str::FromStr;

use serde::{Deserialize, Serialize};

/// Seconds since the Unix epoch, UTC. Records store time in this form; faces format it.
pub type Timestamp = i64;

/// The current time as a [`Timestamp`].
pub fn now() -> Timestamp {
    jiff::Timestamp::now().as_second()
}

/// Formats a timestamp as `YYYY-MM-DD HH:MM:SS` in UTC, for the audit trail, where the order of
/// events within a minute matters.
pub fn format_time_seconds(t: Timestamp) -> String {
    match jiff::Timestamp::from_second(t) {
        Ok(ts) => ts.strftime("%Y-%m-%d %H:%M:%S").to_string(),
        Err(_) => "????-??-?? ??:??:??".to_string(),
    }
}

/// Formats a timestamp as `YYYY-MM-DD HH:MM` in UTC, the form every face prints.
pub fn format_time(t: Timestamp) -> String {
    match jiff::Timestamp::from_second(t) {
        Ok(ts) => ts.strftime("%Y-%m-%d %H:%M").to_string(),
        Err(_) => "????-??-?? ??:??".to_string(),
    }
}

/// The first second (UTC) of a day written `YYYY-MM-DD`, for filters such as `--since`.
///
/// ```
/// use casenotes::domain::day_start;
///
/// assert_eq!(day_start("1970-01-02"), Ok(86_400));
/// assert!(day_start("2 Jan").is_err());
/// ```
pub fn day_start(day: &str) -> Result<Timestamp, String> {
    let bad = || format!("'{day}' is not a date in the form YYYY-MM-DD");
    let d: jiff::civil::Date = day.trim().parse().map_err(|_| bad())?;
    d.to_zoned(jiff::tz::TimeZone::UTC)
        .map(|z| z.timestamp().as_second())
        .map_err(|_| bad())
}

/// A client's reference, `C-000123`: a sequence number, never derived from the name.
///
/// ```
/// use casenotes::domain::ClientRef;
///
/// let r: ClientRef = "C-000123".parse().unwrap();
/// assert_eq!(r, ClientRef(123));
/// assert_eq!(r.to_string(), "C-000123");
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
pub struct ClientRef(pub u64);

impl fmt::Display for ClientRef {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "C-{:06}", self.0)
    }
}

impl FromStr for ClientRef {
    type Err = String;
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        let digits = s
            .strip_prefix("C-")
            .or_else(|| s.strip_prefix("c-"))
            .unwrap_or(s);
        match digits.parse::<u64>() {
            Ok(n) if n > 0 && !digits.starts_with('+') => Ok(ClientRef(n)),
            _ => Err(format!(
                "'{s}' is not a client reference (expected the form C-000123)"
            )),
        }
    }
}

/// A note's id, `N-000045`: a store-wide sequence number.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
pub struct NoteId(pub u64);

impl fmt::Display for NoteId {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "N-{:06}", self.0)
    }
}

impl FromStr for NoteId {
    type Err = String;
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        let digits = s
            .strip_prefix("N-")
            .or_else(|| s.strip_prefix("n-"))
            .unwrap_or(s);
        match digits.parse::<u64>() {
            Ok(n) if n > 0 && !digits.starts_with('+') => Ok(NoteId(n)),
            _ => Err(format!(
                "'{s}' is not a note id (expected the form N-000045)"
            )),
        }
    }
}

/// A user's random id. Never derived from the name.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
pub struct UserId(pub [u8; 16]);

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn references_parse_and_print() {
        assert_eq!("C-000123".parse::<ClientRef>().unwrap(), ClientRef(123));
        assert_eq!("17".parse::<ClientRef>().unwrap(), ClientRef(17));
        assert_eq!(ClientRef(5).to_string(), "C-000005");
        assert!("C-abc".parse::<ClientRef>().is_err());
        assert!("C-0".parse::<ClientRef>().is_err());
        assert_eq!(NoteId(45).to_string(), "N-000045");
        assert_eq!("N-000045".parse::<NoteId>().unwrap(), NoteId(45));
    }
}
