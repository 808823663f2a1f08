//! Synthetic clients and IAG case notes for `casenotes seed` and `casenotes demo`.
//!
//! Everything produced here is invented. Names are combinations of two word
//! lists, phone numbers sit in Ofcom's drama range (07700 900000-900999) and
//! email addresses use `example.org`. Note text is assembled from templates
//! whose `{slot}` markers are filled from further word lists, so large seeded
//! stores read like real advice notes without containing anyone's data.
//!
//! This file is the generator; the data it draws on lives beside it:
//! `words` (names and the word lists for slots) and `templates` (section
//! headings and, per advice area, the sentences notes are made of).

mod templates;
mod words;

use std::fmt::Write;

use jiff::ToSpan;
use jiff::civil::{self, Date};
use rand::Rng;
use rand::seq::IndexedRandom;

use crate::domain::{Channel, Sensitivity, SpecialCategory};

use templates::*;
use words::*;

/// An invented client record.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SynthClient {
    /// "Firstname Surname"; both parts are single words.
    pub name: String,
    /// For someone aged roughly 16 to 80.
    pub date_of_birth: Option<Date>,
    /// A drama-range mobile number or an `example.org` email address.
    pub contact: Option<String>,
}

/// One headed section of a synthetic note.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SynthSection {
    pub heading: String,
    pub sensitivity: Sensitivity,
    pub text: String,
}

/// A synthetic case note: how contact was made and its sections in order.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SynthNote {
    pub channel: Channel,
    pub sections: Vec<SynthSection>,
}

/// Reference year for dates of birth and for notes given no date of their
/// own, so output depends on the seed alone.
const REFERENCE_YEAR: i16 = 2025;

/// 1 January of [`REFERENCE_YEAR`].
const NEW_YEAR: Date = civil::date(REFERENCE_YEAR, 1, 1);

/// Makes an invented client: a two-part name, usually a date of birth and
/// usually a phone number or email address.
pub fn client<R: Rng + ?Sized>(rng: &mut R) -> SynthClient {
    let first = pick(rng, FIRST_NAMES);
    let last = pick(rng, SURNAMES);
    let mut name = String::with_capacity(first.len() + last.len() + 1);
    name.push_str(first);
    name.push(' ');
    name.push_str(last);

    let date_of_birth = rng.random_bool(0.85).then(|| date_of_birth(rng)).flatten();

    let contact = if rng.random_bool(0.8) {
        if rng.random_bool(0.65) {
            Some(format!("07700 900{:03}", rng.random_range(0..1000u32)))
        } else {
            Some(email(rng, first, last))
        }
    } else {
        None
    };

    SynthClient {
        name,
        date_of_birth,
        contact,
    }
}

/// A date of birth 17 to 80 years before [`REFERENCE_YEAR`], on any day of
/// the month (29 February only in leap years).
fn date_of_birth<R: Rng + ?Sized>(rng: &mut R) -> Option<Date> {
    let year = REFERENCE_YEAR - rng.random_range(17..=80i16);
    let month = rng.random_range(1..=12i8);
    let first = Date::new(year, month, 1).ok()?;
    let day = rng.random_range(1..=first.days_in_month());
    Date::new(year, month, day).ok()
}

/// Picks an advice area index (0..6) for a client, weighted towards the
/// commonest kinds of enquiry. Keep it per client so notes hang together.
///
/// 0 careers, 1 welfare benefits, 2 debt, 3 housing, 4 employment rights,
/// 5 general advice (consumer, utilities, forms).
pub fn advice_area<R: Rng + ?Sized>(rng: &mut R) -> u8 {
    match rng.random_range(0..100u32) {
        0..25 => 0,
        25..50 => 1,
        50..68 => 2,
        68..83 => 3,
        83..93 => 4,
        _ => 5,
    }
}

/// Makes one case note for a client in advice area `area` (values past the
/// last area wrap round). `first_name` is the client's first name, used
/// sparingly in the text; advisers mostly write "Client".
pub fn note<R: Rng + ?Sized>(rng: &mut R, first_name: &str, area: u8) -> SynthNote {
    note_on(rng, first_name, area, None)
}

/// As [`note`], with the note's own date given as a day of the year (0 = 1 January), so that
/// due dates and other dates in the text fall around the contact.
pub fn note_on<R: Rng + ?Sized>(
    rng: &mut R,
    first_name: &str,
    area: u8,
    day_of_year: Option<u16>,
) -> SynthNote {
    let spec = &AREAS[usize::from(area) % AREAS.len()];
    let channel = match rng.random_range(0..100u32) {
        0..50 => Channel::InPerson,
        50..82 => Channel::Phone,
        82..90 => Channel::Email,
        90..97 => Channel::Video,
        _ => Channel::Other,
    };
    let mut g = Gen {
        rng,
        first: first_name.trim(),
        fixed: Fixed {
            base_date: day_of_year.map(|d| in_reference_year(i32::from(d.min(364)))),
            ..Fixed::default()
        },
    };
    let mut sections = Vec::with_capacity(10);

    let topic = &spec.topics[g.rng.random_range(0..spec.topics.len())];

    let mut text = String::with_capacity(192);
    if g.rng.random_bool(0.2) {
        text.push_str(g.opener(channel));
    }
    g.sentence(&mut text, topic.query);
    if g.rng.random_bool(0.45) {
        g.sentence(&mut text, spec.detail);
    }
    sections.push(section(H_QUERY, Sensitivity::Ordinary, text));

    if g.rng.random_bool(0.8) {
        let mut text = String::with_capacity(256);
        g.pools(&mut text, spec.situation, 1, 3);
        sections.push(section(H_SITUATION, Sensitivity::Ordinary, text));
    }

    let mut text = String::with_capacity(384);
    g.distinct(&mut text, topic.advice, 3);
    if g.rng.random_bool(0.4) {
        g.sentence(&mut text, spec.advice);
    }
    sections.push(section(H_ADVICE, Sensitivity::Ordinary, text));

    if g.rng.random_bool(0.35) {
        let mut text = String::with_capacity(128);
        g.sentence(&mut text, topic.decisions);
        sections.push(section(H_DECISIONS, Sensitivity::Ordinary, text));
    }

    if g.rng.random_bool(0.85) {
        let mut text = String::with_capacity(192);
        g.actions(&mut text, topic, spec);
        sections.push(section(H_ACTIONS, Sensitivity::Ordinary, text));
    }

    if g.rng.random_bool(0.35) {
        let mut text = String::with_capacity(160);
        g.distinct(&mut text, spec.referrals, 2);
        if g.rng.random_bool(0.3) {
            g.sentence(&mut text, GENERIC_REFERRALS);
        }
        sections.push(section(H_REFERRALS, Sensitivity::Ordinary, text));
    }

    if g.rng.random_bool(0.3) {
        let mut text = String::with_capacity(96);
        g.sentence(&mut text, topic.outcomes);
        sections.push(section(H_OUTCOME, Sensitivity::Ordinary, text));
    }

    if g.rng.random_bool(spec.p_finances) {
        let mut text = String::with_capacity(256);
        g.pools(&mut text, FINANCES, 2, 4);
        sections.push(section(H_FINANCES, Sensitivity::Confidential, text));
    }

    if g.rng.random_bool(0.2) {
        let mut text = String::with_capacity(160);
        g.pools(&mut text, FAMILY, 1, 2);
        sections.push(section(H_FAMILY, Sensitivity::Confidential, text));
    }

    if g.rng.random_bool(spec.p_health) {
        let mut text = String::with_capacity(192);
        g.pools(&mut text, HEALTH, 1, 3);
        let health = Sensitivity::Special(SpecialCategory::Health);
        sections.push(section(H_HEALTH, health, text));
    }

    if g.rng.random_bool(0.04) {
        let mut text = String::with_capacity(192);
        let (concern, steps) = SAFEGUARDING[g.rng.random_range(0..SAFEGUARDING.len())];
        g.sentence_from(&mut text, concern);
        g.distinct(&mut text, steps, 2);
        sections.push(section(H_SAFEGUARDING, Sensitivity::Confidential, text));
    }

    for &((heading, sensitivity, pools), p) in SPECIALS {
        if g.rng.random_bool(p) {
            let mut text = String::with_capacity(192);
            g.pools(&mut text, pools, 1, 2);
            sections.push(section(heading, sensitivity, text));
        }
    }

    SynthNote { channel, sections }
}

fn section(heading: &str, sensitivity: Sensitivity, text: String) -> SynthSection {
    SynthSection {
        heading: heading.to_owned(),
        sensitivity,
        text,
    }
}

fn pick<R: Rng + ?Sized>(rng: &mut R, list: &[&'static str]) -> &'static str {
    list.choose(rng).copied().unwrap_or("")
}

/// The day `day` days after 1 January of [`REFERENCE_YEAR`].
fn in_reference_year(day: i32) -> Date {
    NEW_YEAR.saturating_add(day.days())
}

/// Appends `value`'s text. Writing to a `String` cannot fail.
fn push_display(out: &mut String, value: impl std::fmt::Display) {
    let _ = write!(out, "{value}");
}

fn email<R: Rng + ?Sized>(rng: &mut R, first: &str, last: &str) -> String {
    let mut s = String::with_capacity(first.len() + last.len() + 16);
    let lower = |s: &mut String, part: &str| {
        s.extend(
            part.chars()
                .filter(char::is_ascii_alphanumeric)
                .map(|c| c.to_ascii_lowercase()),
        );
    };
    match rng.random_range(0..4u32) {
        0 => {
            lower(&mut s, first);
            s.push('.');
            lower(&mut s, last);
        }
        1 => {
            lower(&mut s, first);
            lower(&mut s, last);
            push_display(&mut s, rng.random_range(1..100u32));
        }
        2 => {
            lower(&mut s, first.get(..1).unwrap_or(""));
            lower(&mut s, last);
        }
        _ => {
            lower(&mut s, first);
            s.push('_');
            push_display(&mut s, rng.random_range(1960..2010u32));
        }
    }
    s.push_str("@example.org");
    s
}

/// Writes "£1,234" or "£1,234.56".
fn push_money(out: &mut String, pounds: u32, pence: Option<u32>) {
    out.push('£');
    push_grouped(out, pounds);
    if let Some(p) = pence {
        push_display(out, format_args!(".{:02}", p % 100));
    }
}

fn push_grouped(out: &mut String, v: u32) {
    if v >= 1000 {
        push_grouped(out, v / 1000);
        push_display(out, format_args!(",{:03}", v % 1000));
    } else {
        push_display(out, v);
    }
}

/// Slot values chosen once per note, so that its sections agree with each
/// other: the same job, employer, creditor or condition throughout.
#[derive(Default)]
struct Fixed {
    sector: Option<&'static Sector>,
    past: Option<&'static Sector>,
    words: [Option<&'static str>; WORD_SLOTS],
    condition: Option<(&'static str, &'static str)>,
    kids: Option<(usize, [u32; 3])>,
    base_date: Option<Date>,
}

const JOB: usize = 0;
const EMP: usize = 1;
const CRS: usize = 2;
const JOB2: usize = 3;
const EMP2: usize = 4;
const BEN: usize = 5;
const CRED: usize = 6;
const PCRED: usize = 7;
const LL: usize = 8;
const UNION: usize = 9;
const OFF: usize = 10;
const WORD_SLOTS: usize = 11;

/// Fills templates for one note.
struct Gen<'a, R: ?Sized> {
    rng: &'a mut R,
    first: &'a str,
    fixed: Fixed,
}

impl<R: Rng + ?Sized> Gen<'_, R> {
    fn opener(&mut self, channel: Channel) -> &'static str {
        pick(self.rng, openers(channel))
    }

    /// Takes one sentence from the first pool and, for a total of `min..=max`
    /// sentences, one each from a random ordered subset of the other pools.
    fn pools(&mut self, out: &mut String, pools: &[&[&'static str]], min: usize, max: usize) {
        let avail = pools.len();
        let mut need = self.rng.random_range(min..=max).clamp(1, avail.max(1));
        for (i, pool) in pools.iter().enumerate() {
            if need == 0 {
                break;
            }
            if i == 0 || self.rng.random_range(0..avail - i) < need {
                self.sentence(out, pool);
                need -= 1;
            }
        }
    }

    /// Appends one to `max` different sentences from `list`.
    fn distinct(&mut self, out: &mut String, list: &[&'static str], max: usize) {
        let count = self.rng.random_range(1..=max.max(1)).min(list.len());
        let mut used = [usize::MAX; 4];
        for n in 0..count {
            let mut i = self.rng.random_range(0..list.len());
            while used.contains(&i) {
                i = (i + 1) % list.len();
            }
            used[n] = i;
            self.sentence_from(out, list[i]);
        }
    }

    fn sentence(&mut self, out: &mut String, list: &[&'static str]) {
        let tpl = pick(self.rng, list);
        self.sentence_from(out, tpl);
    }

    fn sentence_from(&mut self, out: &mut String, tpl: &str) {
        if !out.is_empty() && !out.ends_with(' ') {
            out.push(' ');
        }
        self.expand(out, tpl);
    }

    /// One to three lines of "Owner to do something by 12 Dec.", mostly
    /// drawn from the topic and sometimes from the area's general actions.
    fn actions(&mut self, out: &mut String, topic: &Topic, spec: &Area) {
        let count = self.rng.random_range(1..=3usize);
        let mut used: [&str; 3] = [""; 3];
        let mut lines = 0;
        for _ in 0..count + 2 {
            if lines == count {
                break;
            }
            let by_client = self.rng.random_bool(0.6);
            let from_topic = self.rng.random_bool(0.75);
            let list = match (by_client, from_topic) {
                (true, true) => topic.client,
                (true, false) => spec.client,
                (false, true) => topic.adviser,
                (false, false) => spec.adviser,
            };
            let tpl = pick(self.rng, list);
            if tpl.is_empty() || used.contains(&tpl) {
                continue;
            }
            used[lines] = tpl;
            lines += 1;
            if !out.is_empty() {
                out.push('\n');
            }
            out.push_str(if by_client {
                "Client to "
            } else {
                "Adviser to "
            });
            self.expand(out, tpl);
            out.push_str(" by ");
            let offset = self.rng.random_range(3..=28);
            self.date(out, offset);
            out.push('.');
        }
    }

    /// Copies `tpl` into `out`, replacing each `{slot}` with generated text.
    fn expand(&mut self, out: &mut String, tpl: &str) {
        let mut rest = tpl;
        while let Some(open) = rest.find('{') {
            out.push_str(&rest[..open]);
            let after = &rest[open + 1..];
            match after.find('}') {
                Some(close) => {
                    self.slot(out, &after[..close]);
                    rest = &after[close + 1..];
                }
                None => {
                    rest = after;
                }
            }
        }
        out.push_str(rest);
    }

    fn who(&mut self, out: &mut String, word: &str) {
        if !self.first.is_empty() && self.rng.random_bool(0.15) {
            out.push_str(self.first);
        } else {
            out.push_str(word);
        }
    }

    /// Writes a date like "12 Dec", `offset` days after the note's own
    /// date (negative for the past), so the dates in one note cluster.
    fn date(&mut self, out: &mut String, offset: i32) {
        let base = match self.fixed.base_date {
            Some(d) => d,
            None => {
                let d = in_reference_year(self.rng.random_range(0..365));
                self.fixed.base_date = Some(d);
                d
            }
        };
        push_display(out, base.saturating_add(offset.days()).strftime("%-d %b"));
    }

    fn slot(&mut self, out: &mut String, key: &str) {
        match key {
            "C" => self.who(out, "Client"),
            "c" => self.who(out, "client"),
            "d" => {
                let offset = self.rng.random_range(2..=42);
                self.date(out, offset);
            }
            "pd" => {
                let offset = self.rng.random_range(-60..=-1);
                self.date(out, offset);
            }
            "m" => {
                let month = self.rng.random_range(1..=12i8);
                if let Ok(d) = NEW_YEAR.with().month(month).build() {
                    push_display(out, d.strftime("%B"));
                }
            }
            "a" => {
                let pounds = self.rng.random_range(5..=180u32);
                let pence = self
                    .rng
                    .random_bool(0.4)
                    .then(|| self.rng.random_range(1..100u32));
                push_money(out, pounds, pence);
            }
            "A" => {
                let pounds = if self.rng.random_bool(0.5) {
                    self.rng.random_range(30..=500u32) * 5
                } else {
                    self.rng.random_range(150..=2500u32)
                };
                let pence = self
                    .rng
                    .random_bool(0.25)
                    .then(|| self.rng.random_range(1..100u32));
                push_money(out, pounds, pence);
            }
            "mo" => push_money(out, self.rng.random_range(45..=190u32) * 10, None),
            "B" => push_money(out, self.rng.random_range(200..=2500u32) * 10, None),
            "hr" => {
                let pence = self.rng.random_range(1221..=1850u32);
                push_money(out, pence / 100, Some(pence % 100));
                out.push_str(" an hour");
            }
            "n" => push_display(out, self.rng.random_range(2..=6u32)),
            "h" => push_display(out, self.rng.random_range(16..=40u32)),
            "sh" => push_display(out, self.rng.random_range(4..=15u32)),
            "yr" => push_display(out, self.rng.random_range(2012..=2024u32)),
            "sector" => {
                let name = self.sector().name;
                out.push_str(name);
            }
            "job" => {
                let list = self.sector().jobs;
                out.push_str(self.word(JOB, list));
            }
            "emp" => {
                let list = self.sector().employers;
                out.push_str(self.word(EMP, list));
            }
            "crs" => {
                let list = self.sector().courses;
                out.push_str(self.word(CRS, list));
            }
            "job2" => {
                let list = self.past().jobs;
                out.push_str(self.word(JOB2, list));
            }
            "emp2" => {
                let list = self.past().employers;
                out.push_str(self.word(EMP2, list));
            }
            "ben" => out.push_str(self.word(BEN, BENEFITS)),
            "cred" => out.push_str(self.word(CRED, CREDITORS)),
            "pcred" => out.push_str(self.word(PCRED, PRIORITY_CREDITORS)),
            "ll" => out.push_str(self.word(LL, LANDLORDS)),
            "union" => out.push_str(self.word(UNION, UNIONS)),
            "off" => out.push_str(self.word(OFF, OFFENCES)),
            "cond" => out.push_str(self.condition().0),
            "med" => out.push_str(self.condition().1),
            "kids" => self.kids(out),
            _ => {}
        }
    }

    /// The note's line of work, chosen on first use.
    fn sector(&mut self) -> &'static Sector {
        if let Some(s) = self.fixed.sector {
            return s;
        }
        let s = &SECTORS[self.rng.random_range(0..SECTORS.len())];
        self.fixed.sector = Some(s);
        s
    }

    /// A previous line of work, different from [`Gen::sector`].
    fn past(&mut self) -> &'static Sector {
        if let Some(s) = self.fixed.past {
            return s;
        }
        let current = self.sector();
        let mut i = self.rng.random_range(0..SECTORS.len());
        if std::ptr::eq(&SECTORS[i], current) {
            i = (i + 1) % SECTORS.len();
        }
        let s = &SECTORS[i];
        self.fixed.past = Some(s);
        s
    }

    fn word(&mut self, slot: usize, list: &[&'static str]) -> &'static str {
        if let Some(w) = self.fixed.words[slot] {
            return w;
        }
        let w = pick(self.rng, list);
        self.fixed.words[slot] = Some(w);
        w
    }

    fn condition(&mut self) -> (&'static str, &'static str) {
        if let Some(c) = self.fixed.condition {
            return c;
        }
        let c = CONDITIONS[self.rng.random_range(0..CONDITIONS.len())];
        self.fixed.condition = Some(c);
        c
    }

    fn kids(&mut self, out: &mut String) {
        let (count, ages) = match self.fixed.kids {
            Some(k) => k,
            None => {
                let count = match self.rng.random_range(0..10u32) {
                    0..4 => 1,
                    4..8 => 2,
                    _ => 3,
                };
                let mut ages = [0u32; 3];
                for age in ages.iter_mut().take(count) {
                    *age = self.rng.random_range(1..=16u32);
                }
                ages[..count].sort_unstable();
                self.fixed.kids = Some((count, ages));
                (count, ages)
            }
        };
        let ages = &ages[..count];
        out.push_str(match count {
            1 => "one child aged ",
            2 => "two children aged ",
            _ => "three children aged ",
        });
        for (i, age) in ages.iter().enumerate() {
            if i > 0 {
                out.push_str(if i + 1 == count { " and " } else { ", " });
            }
            push_display(out, age);
        }
    }
}

#[cfg(test)]
mod tests;
