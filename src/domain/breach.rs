//! Breaches of personal data: the regulator's question (told within 72 hours of discovery, or a
//! recorded reason why not), the report to the data protection officer, and times as typed by
//! both faces.

use serde::{Deserialize, Serialize};

use super::{Timestamp, format_time};

/// How long after discovery the regulator must be told of a breach that is notifiable.
pub const REGULATOR_HOURS: i64 = 72;

/// Whether the regulator (the ICO) was told of a breach.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub enum Regulator {
    /// Not decided yet: the 72-hour deadline from discovery runs.
    Undecided,
    /// The regulator was notified at this time.
    Notified { at: Timestamp },
    /// Decided not to notify (the breach is unlikely to result in a risk to people), and why.
    NotNotified { why: String },
}

impl Regulator {
    pub fn is_decided(&self) -> bool {
        !matches!(self, Regulator::Undecided)
    }

    /// One line for a list: `notified 2026-11-02 10:00`, `not notified`, `undecided`.
    pub fn short(&self) -> String {
        match self {
            Regulator::Undecided => "undecided".into(),
            Regulator::Notified { at } => format!("notified {}", format_time(*at)),
            Regulator::NotNotified { .. } => "not notified".into(),
        }
    }
}

/// Who reported a breach to the data protection officer, and when.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct DpoReport {
    pub by: String,
    pub at: Timestamp,
}

/// When the regulator must have been told of a breach discovered at `discovered`.
///
/// ```
/// use casenotes::domain::regulator_deadline;
///
/// assert_eq!(regulator_deadline(1_000), 1_000 + 72 * 3600);
/// ```
pub fn regulator_deadline(discovered: Timestamp) -> Timestamp {
    discovered.saturating_add(REGULATOR_HOURS * 3600)
}

/// How long is left until `deadline` at `now` ("68h 59m left": hours, as the deadline is
/// counted), or how overdue ("4h 10m overdue", or in days past 99 hours: "5d 03h overdue"); and
/// whether it is overdue.
///
/// ```
/// use casenotes::domain::time_left;
///
/// assert_eq!(time_left(10_000, 10_000 - 3 * 3600 - 12 * 60), ("3h 12m left".into(), false));
/// assert_eq!(time_left(0, 2 * 86_400 + 3600), ("49h 00m overdue".into(), true));
/// assert_eq!(time_left(0, 5 * 86_400 + 3 * 3600), ("5d 03h overdue".into(), true));
/// ```
pub fn time_left(deadline: Timestamp, now: Timestamp) -> (String, bool) {
    let span = |secs: i64| {
        let mins = secs / 60;
        let hours = mins / 60;
        if hours >= 100 {
            format!("{}d {:02}h", hours / 24, hours % 24)
        } else {
            format!("{hours}h {:02}m", mins % 60)
        }
    };
    if now >= deadline {
        (format!("{} overdue", span(now - deadline)), true)
    } else {
        (format!("{} left", span(deadline - now)), false)
    }
}

/// Reads a time as typed on the command line and in the app: `YYYY-MM-DD HH:MM` (or with a
/// `T`, or seconds), or a bare `YYYY-MM-DD` for the start of that day; in UTC, as every face
/// prints times ([`format_time`]).
///
/// ```
/// use casenotes::domain::parse_time;
///
/// assert_eq!(parse_time("1970-01-02"), Ok(86_400));
/// assert_eq!(parse_time(" 1970-01-02 01:30 "), Ok(86_400 + 5_400));
/// assert_eq!(parse_time("1970-01-02T01:30:10"), Ok(86_400 + 5_410));
/// assert!(parse_time("yesterday").is_err());
/// ```
pub fn parse_time(text: &str) -> Result<Timestamp, String> {
    let t = text.trim();
    let bad = || format!("'{t}' is not a time in the form YYYY-MM-DD HH:MM (UTC) or YYYY-MM-DD");
    // A bare date reads as its first second.
    let at: jiff::civil::DateTime = t.replacen(' ', "T", 1).parse().map_err(|_| bad())?;
    at.to_zoned(jiff::tz::TimeZone::UTC)
        .map(|z| z.timestamp().as_second())
        .map_err(|_| bad())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn typed_times_read_as_printed() {
        for t in [0, 86_400, 1_790_000_040, 1_800_000_000] {
            assert_eq!(parse_time(&format_time(t)), Ok(t));
        }
        for bad in ["", "2026-13-01", "2026-11-02 25:00", "12/11/2026", "now"] {
            assert!(parse_time(bad).is_err(), "{bad}");
        }
    }

    #[test]
    fn the_deadline_runs_from_discovery() {
        let found = 1_790_000_000;
        let due = regulator_deadline(found);
        assert_eq!(due - found, 72 * 3600);
        assert_eq!(time_left(due, found), ("72h 00m left".into(), false));
        assert_eq!(time_left(due, due - 59), ("0h 00m left".into(), false));
        assert_eq!(time_left(due, due), ("0h 00m overdue".into(), true));
        assert_eq!(
            time_left(due, due + 90 * 60),
            ("1h 30m overdue".into(), true)
        );
    }

    #[test]
    fn a_decision_is_anything_but_undecided() {
        assert!(!Regulator::Undecided.is_decided());
        assert!(Regulator::Notified { at: 0 }.is_decided());
        let no = Regulator::NotNotified { why: "x".into() };
        assert!(no.is_decided());
        assert_eq!(no.short(), "not notified");
    }
}
