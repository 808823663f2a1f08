//! Actions agreed with a client: one record per line of a note's "Actions agreed" section, with
//! who does it and, where the line ends with one, a due date; and the parser of such a line.
//!
//! A line reads `[Client:|Adviser:|Client to|Adviser to] WHAT [DUE]`, where DUE is one of
//! `by 12 Dec`, `by 12 December 2026`, `by 2026-12-12`, `in 3 days`, `in 2 weeks`, `tomorrow`
//! (`by tomorrow`), optionally followed by a full stop. Dates are worked out from the note's own
//! date; a day and month without a year is the next such date on or after it. A line whose end
//! is not one of these keeps its whole text and has no due date.

use std::fmt;

use jiff::civil::Date;
use serde::{Deserialize, Serialize};
use zeroize::{Zeroize, ZeroizeOnDrop};

use super::{ClientRef, NoteId, Section, Sensitivity, Timestamp, UserId};

/// The heading under which a note lists the actions agreed.
pub const ACTIONS_HEADING: &str = "Actions agreed";

/// Who is to carry out an action.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum Owner {
    Adviser,
    Client,
}

impl Owner {
    pub fn as_str(self) -> &'static str {
        match self {
            Owner::Adviser => "adviser",
            Owner::Client => "client",
        }
    }
}

impl fmt::Display for Owner {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.pad(self.as_str())
    }
}

/// When an action was marked done, and by which account.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct Done {
    pub at: Timestamp,
    pub by: UserId,
}

/// An open action as its client's record lists it: enough for a caseload to count open and
/// overdue actions without opening every action.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct OpenAction {
    pub number: u32,
    #[serde(with = "opt_date")]
    pub due: Option<Date>,
}

/// An action agreed with a client, as stored (sealed under the client's data key, filed under
/// the client's reference and its number).
#[derive(Clone, Serialize, Deserialize, Zeroize, ZeroizeOnDrop)]
pub struct Action {
    #[zeroize(skip)]
    pub client: ClientRef,
    /// 1, 2, 3… within the client, in the order agreed; never reused.
    #[zeroize(skip)]
    pub number: u32,
    #[zeroize(skip)]
    pub owner: Owner,
    /// What is to be done, as typed (without the owner's prefix or the due phrase).
    pub text: String,
    #[zeroize(skip)]
    #[serde(with = "opt_date")]
    pub due: Option<Date>,
    /// The note whose "Actions agreed" section holds it, and which section of that note.
    #[zeroize(skip)]
    pub note: NoteId,
    #[zeroize(skip)]
    pub section: u32,
    /// The label of that section: a masked section's actions are masked too.
    #[zeroize(skip)]
    pub sensitivity: Sensitivity,
    pub created_at: Timestamp,
    #[zeroize(skip)]
    pub done: Option<Done>,
    /// Sequence number of the audit event written in the same transaction as this version of
    /// the record (its note's `note-added`, an `action-done`, or a seeded batch's event).
    pub written_at: u64,
}

/// One line of an "Actions agreed" section, parsed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AgreedAction {
    pub owner: Owner,
    pub text: String,
    pub due: Option<Date>,
}

/// Whether a section lists the actions agreed.
pub fn is_actions_section(s: &Section) -> bool {
    s.heading.trim().eq_ignore_ascii_case(ACTIONS_HEADING)
}

/// The actions agreed in a note dated `note_day`: one per non-empty line of each of its
/// "Actions agreed" sections, in order, with the index of the section it came from.
pub fn agreed_actions(sections: &[Section], note_day: Date) -> Vec<(usize, AgreedAction)> {
    sections
        .iter()
        .enumerate()
        .filter(|(_, s)| is_actions_section(s))
        .flat_map(|(i, s)| {
            s.text
                .lines()
                .filter_map(move |l| parse_action(l, note_day))
                .map(move |a| (i, a))
        })
        .collect()
}

/// Parses one line of an "Actions agreed" section written on `note_day`. `None` for a line with
/// nothing on it (blank, or a bare bullet). Never fails otherwise: a line without a recognised
/// due phrase has no due date and keeps its whole text.
///
/// ```
/// use casenotes::domain::{Owner, parse_action};
///
/// let day = jiff::civil::date(2026, 11, 23);
/// let a = parse_action("Client to bring three payslips by 12 Dec.", day).unwrap();
/// assert_eq!(a.owner, Owner::Client);
/// assert_eq!(a.text, "bring three payslips");
/// assert_eq!(a.due, Some(jiff::civil::date(2026, 12, 12)));
/// let a = parse_action("Chase the council in 2 weeks", day).unwrap();
/// assert_eq!((a.owner, a.due), (Owner::Adviser, Some(jiff::civil::date(2026, 12, 7))));
/// let a = parse_action("Adviser: call back at some point", day).unwrap();
/// assert_eq!((a.text.as_str(), a.due), ("call back at some point", None));
/// ```
pub fn parse_action(line: &str, note_day: Date) -> Option<AgreedAction> {
    let line = strip_bullet(line.trim());
    if line.is_empty() {
        return None;
    }
    let (owner, rest) = match owner_prefix(line) {
        Some((owner, rest)) if !rest.is_empty() => (owner, rest),
        _ => (Owner::Adviser, line),
    };
    let (text, due) = match split_due(rest, note_day) {
        Some((text, due)) if !text.is_empty() => (text, Some(due)),
        _ => (rest, None),
    };
    Some(AgreedAction {
        owner,
        text: text.to_string(),
        due,
    })
}

/// How many of `open` are overdue on `today`: due before it (an action due today is not yet
/// overdue).
pub fn count_overdue(open: &[OpenAction], today: Date) -> u32 {
    let n = open
        .iter()
        .filter(|a| a.due.is_some_and(|d| d < today))
        .count();
    u32::try_from(n).unwrap_or(u32::MAX)
}

/// The calendar date of `t` on this machine's clock (its time zone).
pub fn day_of(t: Timestamp) -> Date {
    let tz = jiff::tz::TimeZone::system();
    match jiff::Timestamp::from_second(t) {
        Ok(ts) => tz.to_datetime(ts).date(),
        Err(_) => tz.to_datetime(jiff::Timestamp::UNIX_EPOCH).date(),
    }
}

/// Today's date on this machine's clock.
pub fn today() -> Date {
    jiff::Zoned::now().date()
}

/// Formats a date as `YYYY-MM-DD`.
pub fn format_date(d: Date) -> String {
    d.strftime("%Y-%m-%d").to_string()
}

/// A leading list marker (`- `, `* `, `• `, `1. `, `2) `) taken off.
fn strip_bullet(line: &str) -> &str {
    let mut chars = line.char_indices();
    let Some((_, first)) = chars.next() else {
        return line;
    };
    let after = if matches!(first, '-' | '*' | '•' | '–' | '—') {
        Some(first.len_utf8())
    } else {
        let digits = line.bytes().take_while(u8::is_ascii_digit).count();
        match line.as_bytes().get(digits) {
            Some(b'.' | b')') if (1..=3).contains(&digits) => Some(digits + 1),
            _ => None,
        }
    };
    match after.and_then(|at| line.get(at..)) {
        Some("") => "",
        Some(rest) if rest.starts_with(char::is_whitespace) => rest.trim_start(),
        _ => line,
    }
}

/// `Client:`, `Adviser:`, `Client to …`, `Adviser to …` (any case; also "Advisor") at the start.
fn owner_prefix(line: &str) -> Option<(Owner, &str)> {
    const PREFIXES: [(&str, Owner); 6] = [
        ("client:", Owner::Client),
        ("adviser:", Owner::Adviser),
        ("advisor:", Owner::Adviser),
        ("client to ", Owner::Client),
        ("adviser to ", Owner::Adviser),
        ("advisor to ", Owner::Adviser),
    ];
    PREFIXES.iter().find_map(|(prefix, owner)| {
        let head = line.get(..prefix.len())?;
        head.eq_ignore_ascii_case(prefix)
            .then(|| (*owner, line[prefix.len()..].trim()))
    })
}

/// Finds a due phrase at the end of `text`: the text before it (without trailing separators)
/// and the date it names.
fn split_due(text: &str, note_day: Date) -> Option<(&str, Date)> {
    let body = text.trim_end();
    let body = body.strip_suffix('.').unwrap_or(body).trim_end();
    // The words of the body with where each starts.
    let words: Vec<(usize, &str)> = body
        .split_whitespace()
        .map(|w| (w.as_ptr() as usize - body.as_ptr() as usize, w))
        .collect();
    for k in (1..=4).rev() {
        let Some(start) = words.len().checked_sub(k) else {
            continue;
        };
        let tail: Vec<&str> = words[start..].iter().map(|(_, w)| *w).collect();
        if let Some(due) = due_phrase(&tail, note_day) {
            let before = body.get(..words[start].0)?;
            let before = before
                .trim_end()
                .trim_end_matches([',', ';', ':', '-', '–', '—'])
                .trim_end();
            return Some((before, due));
        }
    }
    None
}

fn due_phrase(words: &[&str], note_day: Date) -> Option<Date> {
    let is = |w: &str, what: &str| w.eq_ignore_ascii_case(what);
    match words {
        [w] if is(w, "tomorrow") => add_days(note_day, 1),
        [by, w] if is(by, "by") && is(w, "tomorrow") => add_days(note_day, 1),
        [by, w] if is(by, "by") => iso_date(w),
        [by, d, m] if is(by, "by") => next_day_month(day_number(d)?, month(m)?, note_day),
        [by, d, m, y] if is(by, "by") => {
            let year: i16 = digits(y, 4, 4)?.try_into().ok()?;
            Date::new(year, month(m)?, day_number(d)?).ok()
        }
        [in_, n, unit] if is(in_, "in") => {
            let n = digits(n, 1, 4)?;
            match unit.to_ascii_lowercase().as_str() {
                "day" | "days" => add_days(note_day, n),
                "week" | "weeks" => n.checked_mul(7).and_then(|d| add_days(note_day, d)),
                _ => None,
            }
        }
        _ => None,
    }
}

fn add_days(day: Date, n: i64) -> Option<Date> {
    let span = jiff::Span::new().try_days(n).ok()?;
    day.checked_add(span).ok()
}

/// A number written with between `min` and `max` ASCII digits and nothing else.
fn digits(w: &str, min: usize, max: usize) -> Option<i64> {
    if !(min..=max).contains(&w.len()) || !w.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    w.parse().ok()
}

/// `12`, `12th`, `1st`, `2nd`, `3rd`.
fn day_number(w: &str) -> Option<i8> {
    let lower = w.to_ascii_lowercase();
    let n = ["st", "nd", "rd", "th"]
        .iter()
        .find_map(|s| lower.strip_suffix(s))
        .unwrap_or(&lower);
    let d = digits(n, 1, 2)?;
    i8::try_from(d).ok().filter(|d| (1..=31).contains(d))
}

/// An English month name or its abbreviation (`Dec`, `Sept`, `December`, any case, an
/// abbreviation may end with a full stop).
fn month(w: &str) -> Option<i8> {
    const MONTHS: [&[&str]; 12] = [
        &["jan", "january"],
        &["feb", "february"],
        &["mar", "march"],
        &["apr", "april"],
        &["may"],
        &["jun", "june"],
        &["jul", "july"],
        &["aug", "august"],
        &["sep", "sept", "september"],
        &["oct", "october"],
        &["nov", "november"],
        &["dec", "december"],
    ];
    let lower = w.to_ascii_lowercase();
    let lower = lower.strip_suffix('.').unwrap_or(&lower);
    let i = MONTHS.iter().position(|names| names.contains(&lower))?;
    i8::try_from(i + 1).ok()
}

/// `YYYY-MM-DD`, exactly.
fn iso_date(w: &str) -> Option<Date> {
    let b = w.as_bytes();
    if b.len() != 10 || b[4] != b'-' || b[7] != b'-' {
        return None;
    }
    let year = i16::try_from(digits(w.get(..4)?, 4, 4)?).ok()?;
    let month = i8::try_from(digits(w.get(5..7)?, 2, 2)?).ok()?;
    let day = i8::try_from(digits(w.get(8..)?, 2, 2)?).ok()?;
    Date::new(year, month, day).ok()
}

/// The first `day` of `month` on or after `from` (a 29 February may be years away).
fn next_day_month(day: i8, month: i8, from: Date) -> Option<Date> {
    (0..8i16)
        .filter_map(|k| from.year().checked_add(k))
        .filter_map(|y| Date::new(y, month, day).ok())
        .find(|d| *d >= from)
}

/// Dates stored compactly as (year, month, day).
mod opt_date {
    use jiff::civil::Date;
    use serde::{Deserialize, Deserializer, Serialize, Serializer, de::Error};

    pub fn serialize<S: Serializer>(d: &Option<Date>, s: S) -> Result<S::Ok, S::Error> {
        d.map(|d| (d.year(), d.month(), d.day())).serialize(s)
    }

    pub fn deserialize<'de, D: Deserializer<'de>>(d: D) -> Result<Option<Date>, D::Error> {
        let v: Option<(i16, i8, i8)> = Option::deserialize(d)?;
        v.map(|(y, m, day)| Date::new(y, m, day).map_err(|_| D::Error::custom("not a date")))
            .transpose()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use jiff::civil::date;
    use proptest::prelude::*;

    const DAY: Date = date(2026, 11, 23);

    fn parsed(line: &str) -> (Owner, String, Option<Date>) {
        let a = parse_action(line, DAY).expect("an action");
        (a.owner, a.text, a.due)
    }

    fn adviser(text: &str, due: Option<Date>) -> (Owner, String, Option<Date>) {
        (Owner::Adviser, text.to_string(), due)
    }

    fn client(text: &str, due: Option<Date>) -> (Owner, String, Option<Date>) {
        (Owner::Client, text.to_string(), due)
    }

    #[test]
    fn due_phrases_are_read_from_the_end_of_the_line() {
        let cases = [
            (
                "Send letter by 12 Dec",
                adviser("Send letter", Some(date(2026, 12, 12))),
            ),
            (
                "Send letter by 12 December 2027",
                adviser("Send letter", Some(date(2027, 12, 12))),
            ),
            (
                "Send letter by 2026-12-12",
                adviser("Send letter", Some(date(2026, 12, 12))),
            ),
            (
                "Send letter in 2 weeks",
                adviser("Send letter", Some(date(2026, 12, 7))),
            ),
            (
                "Send letter in 3 days.",
                adviser("Send letter", Some(date(2026, 11, 26))),
            ),
            (
                "Send letter in 1 week",
                adviser("Send letter", Some(date(2026, 11, 30))),
            ),
            (
                "Send letter tomorrow",
                adviser("Send letter", Some(date(2026, 11, 24))),
            ),
            (
                "Send letter by tomorrow",
                adviser("Send letter", Some(date(2026, 11, 24))),
            ),
            (
                "Send letter, by 1st Jan.",
                adviser("Send letter", Some(date(2027, 1, 1))),
            ),
            (
                "Send letter BY 23 NOV",
                adviser("Send letter", Some(date(2026, 11, 23))),
            ),
            (
                "Send letter by 22 Nov",
                adviser("Send letter", Some(date(2027, 11, 22))),
            ),
            (
                "Send letter by 29 Feb",
                adviser("Send letter", Some(date(2028, 2, 29))),
            ),
            (
                "Send letter by 3 Sept",
                adviser("Send letter", Some(date(2027, 9, 3))),
            ),
            (
                "- Send letter - by 12 Dec",
                adviser("Send letter", Some(date(2026, 12, 12))),
            ),
            (
                "Client to bring payslips by 12 Dec.",
                client("bring payslips", Some(date(2026, 12, 12))),
            ),
            ("client: bring payslips", client("bring payslips", None)),
            (
                "ADVISER: ring DWP in 2 days",
                adviser("ring DWP", Some(date(2026, 11, 25))),
            ),
            ("Advisor to ring DWP", adviser("ring DWP", None)),
            ("2. Client to ring DWP", client("ring DWP", None)),
        ];
        for (line, want) in cases {
            assert_eq!(parsed(line), want, "{line}");
        }
    }

    #[test]
    fn a_line_without_a_due_phrase_keeps_its_whole_text() {
        for line in [
            "Send letter by hand",
            "Send letter by 31 Feb",
            "Send letter by 2026-13-01",
            "Send letter by 12/12/2026",
            "Send letter in 2 fortnights",
            "Send letter in two weeks",
            "Sort out the standby",
            "Write in 2 parts",
            "Pay by 12 Dec 26",
            "Client to bring payslips.",
        ] {
            let (owner, text, due) = parsed(line);
            assert_eq!(due, None, "{line}");
            let whole = line.strip_prefix("Client to ").unwrap_or(line);
            assert_eq!(text, whole, "{line}");
            assert_eq!(owner == Owner::Client, line.starts_with("Client"), "{line}");
        }
        // A line that is nothing but a due phrase is kept as text: there is nothing to do.
        assert_eq!(parsed("tomorrow"), adviser("tomorrow", None));
        assert_eq!(parsed("Client:"), adviser("Client:", None));
    }

    #[test]
    fn blank_lines_and_bare_bullets_are_not_actions() {
        for line in ["", "   ", "\t", "-", "* ", "•"] {
            assert_eq!(parse_action(line, DAY), None, "{line:?}");
        }
        assert_eq!(parsed("-5 points").1, "-5 points");
        assert_eq!(parsed("2026 plan").1, "2026 plan");
    }

    #[test]
    fn a_notes_actions_come_from_its_actions_sections_only() {
        let s = |h: &str, t: &str| Section {
            heading: h.into(),
            sensitivity: Sensitivity::Ordinary,
            text: t.into(),
        };
        let sections = [
            s("Query", "Client to do nothing by 12 Dec"),
            s("actions agreed", "one\n\n  two by 2027-01-01\n- \nthree"),
        ];
        let got = agreed_actions(&sections, DAY);
        let texts: Vec<(usize, &str)> = got.iter().map(|(i, a)| (*i, a.text.as_str())).collect();
        assert_eq!(texts, [(1, "one"), (1, "two"), (1, "three")]);
    }

    #[test]
    fn overdue_means_due_before_today() {
        let today = date(2026, 11, 23);
        let open = |due| OpenAction { number: 1, due };
        let list = [
            open(Some(date(2026, 11, 22))),
            open(Some(today)),
            open(Some(date(2026, 11, 24))),
            open(None),
        ];
        assert_eq!(count_overdue(&list, today), 1);
        assert_eq!(count_overdue(&list, date(2026, 11, 24)), 2);
        assert_eq!(count_overdue(&list, date(2026, 11, 25)), 3);
    }

    #[test]
    fn records_round_trip() {
        let a = OpenAction {
            number: 7,
            due: Some(date(2026, 2, 28)),
        };
        let bytes = postcard::to_allocvec(&a).unwrap();
        assert_eq!(postcard::from_bytes::<OpenAction>(&bytes).unwrap(), a);
        // A stored date that is no date is an error, not a panic.
        let bad = postcard::to_allocvec(&(7u32, Some((2026i16, 2i8, 30i8)))).unwrap();
        assert!(postcard::from_bytes::<OpenAction>(&bad).is_err());
    }

    fn any_date() -> impl Strategy<Value = Date> {
        (1i16..=9999, 1i8..=12, 1i8..=31)
            .prop_filter_map("a real date", |(y, m, d)| Date::new(y, m, d).ok())
    }

    proptest! {
        #![proptest_config(ProptestConfig { cases: 2000, failure_persistence: None, ..ProptestConfig::default() })]

        #[test]
        fn parsing_never_panics(line in any::<String>(), day in any_date()) {
            if let Some(a) = parse_action(&line, day) {
                prop_assert!(!a.text.is_empty());
            }
        }

        #[test]
        fn parsing_near_misses_never_panics(
            words in proptest::collection::vec(
                prop_oneof![
                    Just("by".to_string()), Just("in".to_string()), Just("tomorrow".to_string()),
                    Just("weeks".to_string()), Just("Dec".to_string()), Just("29".to_string()),
                    Just("Client:".to_string()), Just("-".to_string()), Just(".".to_string()),
                    "[0-9]{1,6}", "[0-9-]{1,12}", "\\PC{0,4}",
                ],
                0..7,
            ),
            day in any_date(),
        ) {
            let line = words.join(" ");
            let _ = parse_action(&line, day);
        }

        #[test]
        fn an_iso_due_date_round_trips(text in "[a-zA-Z][a-zA-Z ]{0,30}", due in any_date(), day in any_date()) {
            let line = format!("{text} by {:04}-{:02}-{:02}", due.year(), due.month(), due.day());
            let a = parse_action(&line, day).expect("an action");
            prop_assert_eq!(a.due, Some(due));
            prop_assert_eq!(a.text, text.trim());
        }

        #[test]
        fn in_n_days_or_weeks_adds_exactly_that(
            n in 0i64..=500,
            weeks in any::<bool>(),
            day in (1900i16..=2100, 1i8..=12, 1i8..=28).prop_map(|(y, m, d)| date(y, m, d)),
        ) {
            let unit = if weeks { "weeks" } else { "days" };
            let a = parse_action(&format!("Chase it in {n} {unit}"), day).expect("an action");
            let due = a.due.expect("a due date");
            let days = i64::from(day.until(due).expect("a span").get_days());
            prop_assert_eq!(days, if weeks { n * 7 } else { n });
            prop_assert_eq!(a.text, "Chase it");
        }
    }
}
