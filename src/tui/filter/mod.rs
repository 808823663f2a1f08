//! Filtering a client list as the user types, fast enough that a keystroke never waits.
//!
//! What matches:
//! - a query of one or two characters matches only where it occurs as it was typed (contiguous:
//!   "an" finds "Anne" and "Joan", not "Alison Norton"), since one or two letters scattered
//!   across a name find almost everyone; one letter or digit matches in either case;
//! - so does a query shaped like a reference ("0003", "c-00"): digits scattered mean nothing;
//! - otherwise, from three characters on, the query matches fuzzily, as skim does
//!   (fuzzy-matcher's `SkimMatcherV2`: the letters in order, gaps allowed).
//!
//! How matches are ranked:
//! - first a candidate whose reference is the query's number ("0003" and "c-0003" are C-000003),
//!   then those whose reference number starts with it (C-000031) or whose reference starts with
//!   the query as typed ("c-00"), shorter numbers first;
//! - then by score, best first, ties in list order. The fuzzy score is skim's; a contiguous match
//!   is scored as skim would score that alignment (word starts first).
//!
//! What a keystroke costs:
//! - every candidate's text is prepared once, with bitmasks of the letters and digits it holds
//!   (and holds twice, and starts a word with), so most candidates are rejected by one
//!   instruction, and a one-character query looks at nothing else;
//! - a character appended to the query narrows the previous matches instead of scanning the whole
//!   list (whatever matches "abc" also matches "ab"), as long as the rule does not loosen: when
//!   a query switches from contiguous to fuzzy matching (at the third character), which can
//!   match more, it is looked for among the matches of its first character (which every fuzzy
//!   match holds); a query with a reference number is looked for in the whole list;
//! - the matches of every shorter query are kept, so Backspace goes back to them at no cost;
//! - scores fall in a small range, so ranking is a counting sort.
//!
//! Highlighted positions are asked of skim itself (or are the contiguous match), for the rows on
//! screen only.
//!
//! This file holds the finder; `score.rs` holds the scores, replayed without allocating.

use std::fmt::Write as _;

use fuzzy_matcher::FuzzyMatcher;
use fuzzy_matcher::skim::SkimMatcherV2;
use zeroize::Zeroize;

mod score;

use score::{
    Dp, FIRST_CHAR_MULTIPLIER, Kind, Prepared, Query, contiguous, contiguous_ascii, in_place_bonus,
    kind, score, score_ascii,
};

/// Queries this long (in characters) and longer match fuzzily; shorter ones only contiguously.
pub const FUZZY_FROM: usize = 3;

/// A prepared list of candidates and the matches of the current query.
pub struct Finder {
    /// Every candidate's text, one after another (wiped on drop).
    text: String,
    /// The same with ASCII letters in lower case, for comparing without regard to case (wiped
    /// on drop).
    folded: Vec<u8>,
    /// For each byte of ASCII text, skim's bonus for a match there (word start, camel hump…).
    bonus: Vec<i8>,
    items: Vec<Item>,
    /// For each candidate, what most queries are decided by without reading its text.
    sigs: Vec<Sig>,
    query: String,
    /// The matches of each prefix of the query that has been typed, shortest first; the first
    /// is the empty query (every candidate).
    levels: Vec<Level>,
    scratch: Scratch,
    matcher: SkimMatcherV2,
}

#[derive(Clone, Copy)]
struct Item {
    start: u32,
    len: u32,
    ascii: bool,
    /// Where the significant digits of the reference (the first word) are, from `start`;
    /// `digits_len` is 0 if the first word is not a reference.
    digits_at: u16,
    digits_len: u16,
    /// The first word's length in bytes.
    word_len: u16,
}

/// A candidate's bitmasks, side by side so that a keystroke reads them in one pass.
#[derive(Clone, Copy)]
struct Sig {
    /// [`mask`] of its text.
    mask: u64,
    /// The same of the characters that start a word (or follow a separator, or start a camel
    /// hump): a one-character query needs no more.
    heads: u64,
    /// The bits of [`mask`] for characters it holds more than once ("ann" needs two n).
    doubles: u64,
    /// [`pairs`] of its text: a query matched as typed needs every pair it holds.
    pairs: u64,
}

struct Level {
    /// The query's length in characters.
    chars: usize,
    /// Whether it matched fuzzily (else contiguously).
    fuzzy: bool,
    /// Matching candidates in list order.
    members: Vec<u32>,
    /// The same, best first.
    ranked: Vec<u32>,
}

impl Default for Finder {
    fn default() -> Self {
        Finder::with_capacity(0, 0)
    }
}

impl Finder {
    /// An empty finder with room for `items` candidates of `bytes` bytes of text in all.
    pub fn with_capacity(items: usize, bytes: usize) -> Finder {
        Finder {
            text: String::with_capacity(bytes),
            folded: Vec::with_capacity(bytes),
            bonus: Vec::with_capacity(bytes),
            items: Vec::with_capacity(items),
            sigs: Vec::with_capacity(items),
            query: String::new(),
            levels: vec![Level {
                chars: 0,
                fuzzy: false,
                members: Vec::with_capacity(items),
                ranked: Vec::with_capacity(items),
            }],
            scratch: Scratch::default(),
            matcher: SkimMatcherV2::default(),
        }
    }

    /// Adds a candidate (its text formatted straight into the finder, never into a copy that
    /// would be left behind). Call before the first query.
    pub fn push(&mut self, text: std::fmt::Arguments<'_>) {
        let start = self.text.len();
        // A growing buffer is moved by hand, so the old one is wiped rather than just freed.
        let mut probe = Probe(0);
        let _ = probe.write_fmt(text);
        if self.text.capacity() - start < probe.0 {
            let room = (start + probe.0).max(2 * self.text.capacity());
            let mut bigger = String::with_capacity(room);
            bigger.push_str(&self.text);
            self.text.zeroize();
            self.text = bigger;
            let mut bigger = Vec::with_capacity(room);
            bigger.extend_from_slice(&self.folded);
            self.folded.zeroize();
            self.folded = bigger;
        }
        let _ = self.text.write_fmt(text);
        let added = &self.text[start..];
        self.folded
            .extend(added.bytes().map(|b| b.to_ascii_lowercase()));
        // The bonus of each byte; for ASCII text (nearly every name) the bitmasks too, in the
        // same pass.
        let ascii = added.is_ascii();
        let (mut prev, mut heads, mut seen, mut doubles) = (Kind::Empty, 0, 0, 0);
        let (mut pairs, mut last) = (0, None);
        for (at, b) in added.bytes().enumerate() {
            if let Some(a) = last {
                pairs |= pair_bit(a, b);
            }
            last = Some(b);
            let k = kind(char::from(b));
            let here = in_place_bonus(prev, k);
            let bonus = here * if at == 0 { FIRST_CHAR_MULTIPLIER } else { 1 };
            self.bonus.push(i8::try_from(bonus).unwrap_or(i8::MAX));
            if ascii {
                let bit = bit(char::from(b));
                if here > 0 {
                    heads |= bit;
                }
                doubles |= seen & bit;
                seen |= bit;
            }
            prev = k;
        }
        if !ascii {
            prev = Kind::Empty;
            for c in added.chars() {
                let k = kind(c);
                if in_place_bonus(prev, k) > 0 {
                    heads |= bit(c);
                }
                doubles |= seen & bit(c);
                seen |= bit(c);
                prev = k;
            }
        }
        let (start, len) = (
            u32::try_from(start).unwrap_or(u32::MAX),
            u32::try_from(added.len()).unwrap_or(u32::MAX),
        );
        let index = u32::try_from(self.items.len()).unwrap_or(u32::MAX);
        let first_word = added.split(' ').next().unwrap_or("");
        let (digits_at, digits_len) = match ref_digits(first_word) {
            Some((a, b)) => (
                u16::try_from(a).unwrap_or(0),
                u16::try_from(b - a).unwrap_or(0),
            ),
            None => (0, 0),
        };
        self.sigs.push(Sig {
            mask: seen,
            heads,
            doubles,
            pairs,
        });
        self.items.push(Item {
            start,
            len,
            ascii,
            digits_at,
            digits_len,
            word_len: u16::try_from(first_word.len()).unwrap_or(u16::MAX),
        });
        if let Some(all) = self.levels.first_mut() {
            all.members.push(index);
            all.ranked.push(index);
        }
    }

    /// How many candidates there are.
    pub fn len(&self) -> usize {
        self.items.len()
    }

    pub fn is_empty(&self) -> bool {
        self.items.is_empty()
    }

    pub fn query(&self) -> &str {
        &self.query
    }

    /// The candidates matching the query, best first (indices in the order they were pushed).
    pub fn matches(&self) -> &[u32] {
        self.levels.last().map_or(&[], |l| &l.ranked)
    }

    /// A candidate's text.
    pub fn text(&self, index: u32) -> &str {
        match self.items.get(index as usize) {
            Some(i) => self
                .text
                .get(i.start as usize..(i.start + i.len) as usize)
                .unwrap_or(""),
            None => "",
        }
    }

    /// The character positions in a candidate's text that the query matched (for highlighting).
    pub fn positions(&self, index: u32) -> Vec<usize> {
        if self.query.is_empty() {
            return Vec::new();
        }
        let pattern: Vec<char> = self.query.chars().collect();
        if let [c] = pattern[..] {
            // Where a word starts with it, else where it first occurs.
            let mut prev = Kind::Empty;
            let mut first = None;
            for (at, t) in self.text(index).chars().enumerate() {
                let k = kind(t);
                if t.eq_ignore_ascii_case(&c) {
                    if in_place_bonus(prev, k) > 0 {
                        return vec![at];
                    }
                    first = first.or(Some(at));
                }
                prev = k;
            }
            return first.into_iter().collect();
        }
        if !matches_fuzzily(&self.query) {
            let choice: Vec<char> = self.text(index).chars().collect();
            let case_sensitive = pattern.iter().any(char::is_ascii_uppercase);
            return contiguous(&choice, &pattern, case_sensitive)
                .map(|(_, at)| (at..at + pattern.len()).collect())
                .unwrap_or_default();
        }
        self.matcher
            .fuzzy_indices(self.text(index), &self.query)
            .map(|(_, p)| p)
            .unwrap_or_default()
    }

    /// Sets the query. Characters appended narrow the current matches; a query that is a prefix
    /// of one typed before gets that query's matches back.
    pub fn set_query(&mut self, query: &str) {
        if query == self.query {
            return;
        }
        let common = self
            .query
            .chars()
            .zip(query.chars())
            .take_while(|(a, b)| a == b)
            .count();
        while self.levels.len() > 1 && self.levels.last().is_some_and(|l| l.chars > common) {
            self.levels.pop();
        }
        self.query.zeroize();
        self.query.push_str(query);
        let chars = query.chars().count();
        if self.levels.last().is_some_and(|l| l.chars == chars) {
            return;
        }
        let level = self.narrow(chars);
        self.levels.push(level);
    }

    /// The matches of the whole query, found among those of the longest query kept whose
    /// matches include them: any fuzzy one, the first character's, and a contiguous one only if
    /// this query matches contiguously too (the empty query's are every candidate).
    fn narrow(&mut self, chars: usize) -> Level {
        let fuzzy = matches_fuzzily(&self.query);
        let wanted_ref =
            ref_digits(self.query.trim()).and_then(|(a, b)| self.query.trim().as_bytes().get(a..b));
        // A reference's number matches whatever else the query holds ("c-0003" is C-000003),
        // so a query with a number is looked for among every candidate.
        let from = self
            .levels
            .iter()
            .rev()
            .find(|l| {
                // One character matches wherever it is: whatever matches fuzzily holds it.
                let holds_first = l.fuzzy || !fuzzy || l.chars == 1;
                l.chars == 0 || (wanted_ref.is_none() && holds_first)
            })
            .map_or(&[][..], |l| &l.members[..]);
        let s = &mut self.scratch;
        s.pattern.clear();
        s.pattern.extend(self.query.chars());
        let case_sensitive = s.pattern.iter().any(char::is_ascii_uppercase);
        let want = mask(&self.query);
        let want_twice = doubles(&self.query);
        let want_pairs = if fuzzy { 0 } else { pairs(&self.query) };
        let query = Query {
            text: self.query.as_bytes(),
            folded: self.query.to_ascii_lowercase().into_bytes(),
        };
        let mut members = Vec::new();
        s.scores.clear();
        s.rest.clear();
        s.exact.clear();
        s.prefix.clear();
        let single = single_bit(&self.query);
        let (typed, source) = if case_sensitive {
            (self.query.as_bytes(), self.text.as_bytes())
        } else {
            (&query.folded[..], &self.folded[..])
        };
        for &i in from {
            let (Some(item), Some(sig)) = (self.items.get(i as usize), self.sigs.get(i as usize))
            else {
                continue;
            };
            let range = item.start as usize..(item.start + item.len) as usize;
            // The reference first: its number is the query's, or starts with it; or the query
            // is how the reference begins ("c-00").
            if item.digits_len > 0 {
                if let Some(w) = wanted_ref {
                    let at = range.start + usize::from(item.digits_at);
                    match self
                        .text
                        .as_bytes()
                        .get(at..at + usize::from(item.digits_len))
                    {
                        Some(d) if d == w => {
                            members.push(i);
                            s.exact.push(i);
                            continue;
                        }
                        Some(d) if d.starts_with(w) => {
                            members.push(i);
                            s.prefix.push(i);
                            continue;
                        }
                        _ => {}
                    }
                }
                if typed.len() <= usize::from(item.word_len)
                    && source.get(range.start) == typed.first()
                    && source.get(range.start..range.start + typed.len()) == Some(typed)
                {
                    members.push(i);
                    s.prefix.push(i);
                    continue;
                }
            }
            if sig.mask & want != want
                || sig.doubles & want_twice != want_twice
                || sig.pairs & want_pairs != want_pairs
            {
                continue;
            }
            let score = if let Some(b) = single {
                // Ranked by whether a word starts with it.
                let head = sig.heads & b != 0;
                Some(i32::from(head))
            } else if item.ascii {
                // The mask let through only queries whose characters are all ASCII.
                let prepared = Prepared {
                    text: self.text.as_bytes().get(range.clone()).unwrap_or(&[]),
                    folded: self.folded.get(range.clone()).unwrap_or(&[]),
                    bonus: self.bonus.get(range).unwrap_or(&[]),
                };
                if fuzzy {
                    score_ascii(prepared, &query, case_sensitive, &mut s.dp)
                } else {
                    contiguous_ascii(prepared, &query, case_sensitive).map(|(s, _)| s)
                }
            } else {
                s.choice.clear();
                s.choice.extend(self.text.get(range).unwrap_or("").chars());
                if fuzzy {
                    score(&s.choice, &s.pattern, case_sensitive, &mut s.dp)
                } else {
                    contiguous(&s.choice, &s.pattern, case_sensitive).map(|(s, _)| s)
                }
            };
            let Some(score) = score else { continue };
            members.push(i);
            s.rest.push(i);
            s.scores.push(score);
        }
        // Reference matches first: the query's number, then the numbers that start with it,
        // shorter (smaller) ones first; then the rest by score.
        let mut ranked = Vec::with_capacity(members.len());
        ranked.extend_from_slice(&s.exact);
        let lengths: Vec<i32> = s
            .prefix
            .iter()
            .map(|i| {
                let len = self.items.get(*i as usize).map_or(0, |it| it.digits_len);
                -i32::from(len)
            })
            .collect();
        ranked.extend(rank(&s.prefix, &lengths, &mut s.counts));
        ranked.extend(rank(&s.rest, &s.scores, &mut s.counts));
        Level {
            chars,
            fuzzy,
            members,
            ranked,
        }
    }
}

impl Drop for Finder {
    fn drop(&mut self) {
        self.text.zeroize();
        self.folded.zeroize();
        self.query.zeroize();
        self.scratch.choice.zeroize();
        self.scratch.pattern.zeroize();
    }
}

/// Counts the bytes a formatted text will take, without keeping it.
struct Probe(usize);

impl std::fmt::Write for Probe {
    fn write_str(&mut self, s: &str) -> std::fmt::Result {
        self.0 += s.len();
        Ok(())
    }
}

/// Buffers reused from one candidate to the next.
#[derive(Default)]
struct Scratch {
    pattern: Vec<char>,
    choice: Vec<char>,
    /// Matches that are no reference match, and their scores.
    rest: Vec<u32>,
    scores: Vec<i32>,
    /// Matches whose reference is the query's number, or starts with it.
    exact: Vec<u32>,
    prefix: Vec<u32>,
    counts: Vec<u32>,
    dp: Dp,
}

/// Whether a query matches fuzzily: from [`FUZZY_FROM`] characters on, unless it is shaped like
/// a reference ("0003", "c-00"), whose digits mean nothing scattered.
fn matches_fuzzily(query: &str) -> bool {
    query.chars().count() >= FUZZY_FROM && !reference_like(query)
}

/// Digits, or a reference begun: ASCII letters, a `-`, and digits if any ("12", "c-", "C-0003").
fn reference_like(query: &str) -> bool {
    let q = query.trim();
    let rest = q.trim_start_matches(|c: char| c.is_ascii_alphabetic());
    let (dash, digits) = match rest.strip_prefix('-') {
        Some(d) if rest.len() < q.len() => (true, d),
        _ => (false, rest),
    };
    digits.bytes().all(|b| b.is_ascii_digit()) && (dash || !digits.is_empty())
}

/// The significant digits of a reference such as "C-000031" or a query such as "0003" or
/// "c-0003": after an optional run of ASCII letters and an optional `-`, only digits, leading
/// zeros dropped. Their byte range in `text`, or `None` if the text is not shaped so or has no
/// digit but zeros.
fn ref_digits(text: &str) -> Option<(usize, usize)> {
    let b = text.as_bytes();
    let mut at = b.iter().take_while(|c| c.is_ascii_alphabetic()).count();
    if at > 0 && b.get(at) == Some(&b'-') {
        at += 1;
    }
    let digits = b.get(at..)?;
    if digits.is_empty() || !digits.iter().all(u8::is_ascii_digit) {
        return None;
    }
    let zeros = digits.iter().take_while(|c| **c == b'0').count();
    (at + zeros < b.len()).then_some((at + zeros, b.len()))
}

/// One bit per ASCII letter (either case) and digit, one for a space, one for any other ASCII
/// character and one for anything else: a candidate lacking a bit of the query cannot match.
fn mask(text: &str) -> u64 {
    text.chars().fold(0, |m, c| m | bit(c))
}

/// The bits of [`mask`] for characters `text` holds more than once.
fn doubles(text: &str) -> u64 {
    let mut seen = 0;
    text.chars().fold(0, |d, c| {
        let b = bit(c);
        let twice = seen & b;
        seen |= b;
        d | twice
    })
}

/// One bit for each pair of neighbouring bytes in `text` (ASCII letters in lower case), hashed
/// into 64: a text lacking a bit of a query's pairs does not hold the query as typed.
fn pairs(text: &str) -> u64 {
    text.as_bytes()
        .windows(2)
        .fold(0, |m, w| m | pair_bit(w[0], w[1]))
}

/// The bit of [`pairs`] for the bytes `a`, `b` side by side.
#[inline]
fn pair_bit(a: u8, b: u8) -> u64 {
    let (a, b) = (a.to_ascii_lowercase(), b.to_ascii_lowercase());
    1 << ((u32::from(a) << 8 | u32::from(b)).wrapping_mul(0x9E37_79B1) >> 26)
}

/// A character's bit in a [`mask`].
fn bit(c: char) -> u64 {
    match c.to_ascii_lowercase() {
        l @ 'a'..='z' => 1 << (l as u32 - 'a' as u32),
        d @ '0'..='9' => 1 << (26 + d as u32 - '0' as u32),
        ' ' => 1 << 36,
        c if c.is_ascii() => 1 << 37,
        _ => 1 << 38,
    }
}

/// A query of one ASCII letter or digit: its bit, which alone says whether a candidate holds
/// the character (in either case) and whether a word starts with it.
fn single_bit(query: &str) -> Option<u64> {
    let mut chars = query.chars();
    match (chars.next(), chars.next()) {
        (Some(c), None) if c.is_ascii_alphanumeric() => Some(bit(c)),
        _ => None,
    }
}

/// `members` best first: by score, highest first, ties in list order.
fn rank(members: &[u32], scores: &[i32], counts: &mut Vec<u32>) -> Vec<u32> {
    let (Some(lo), Some(hi)) = (scores.iter().min(), scores.iter().max()) else {
        return Vec::new();
    };
    let span = (hi - lo) as usize + 1;
    if span > 4096 {
        let mut pairs: Vec<(i32, u32)> = scores
            .iter()
            .copied()
            .zip(members.iter().copied())
            .collect();
        pairs.sort_unstable_by(|a, b| b.0.cmp(&a.0).then(a.1.cmp(&b.1)));
        return pairs.into_iter().map(|(_, i)| i).collect();
    }
    // A stable counting sort on the score, highest bucket first.
    counts.clear();
    counts.resize(span + 1, 0);
    for s in scores {
        counts[(hi - s) as usize + 1] += 1;
    }
    for b in 1..counts.len() {
        counts[b] += counts[b - 1];
    }
    let mut ranked = vec![0; members.len()];
    for (s, &i) in scores.iter().zip(members) {
        let at = &mut counts[(hi - s) as usize];
        ranked[*at as usize] = i;
        *at += 1;
    }
    ranked
}

#[cfg(test)]
mod tests;
