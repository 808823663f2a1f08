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
mod tests {
    use super::*;

    const NAMES: [&str; 14] = [
        "Kelly Ashworth",
        "Mackenzie O'Brien",
        "Zoë Ångström",
        "McDonald-Smith",
        "Bob Barraclough",
        "Ellie-Mae Kell",
        "anna ANNE annabel",
        "李 小龍",
        "x",
        "Jean-Luc (JL) Picard/Kirk",
        "Ruth [Test] {x} |y| \\z",
        "AbCdEf GhIj",
        "Noah 123abc 4Ever",
        "Éloïse Kellerman",
    ];

    /// A small deterministic generator, so failures reproduce.
    struct Rng(u64);
    impl Rng {
        fn next(&mut self) -> u64 {
            self.0 ^= self.0 << 13;
            self.0 ^= self.0 >> 7;
            self.0 ^= self.0 << 17;
            self.0
        }
        fn below(&mut self, n: usize) -> usize {
            (self.next() % n.max(1) as u64) as usize
        }
    }

    fn candidates() -> Vec<String> {
        NAMES
            .iter()
            .enumerate()
            .map(|(i, n)| format!("C-{:06} {n}", i + 1))
            .collect()
    }

    /// Queries made of pieces of the candidates (with their case changed now and then) and some
    /// random letters.
    fn queries(rng: &mut Rng, texts: &[String]) -> Vec<String> {
        let mut out = Vec::new();
        for _ in 0..3000 {
            let t: Vec<char> = texts[rng.below(texts.len())].chars().collect();
            let len = 1 + rng.below(6);
            let mut q = String::new();
            let mut at = rng.below(t.len());
            for _ in 0..len {
                if at >= t.len() {
                    break;
                }
                let c = t[at];
                q.push(match rng.below(5) {
                    0 => c.to_ascii_uppercase(),
                    1 => c.to_ascii_lowercase(),
                    2 => char::from(b'a' + rng.below(26) as u8),
                    _ => c,
                });
                at += 1 + rng.below(3);
            }
            if !q.is_empty() {
                out.push(q);
            }
        }
        out
    }

    fn skim(text: &str, query: &str) -> Option<i64> {
        // A fresh matcher each time: skim reuses its score matrix between calls.
        SkimMatcherV2::default().fuzzy_match(text, query)
    }

    fn finder(texts: &[String]) -> Finder {
        let mut f = Finder::default();
        for t in texts {
            f.push(format_args!("{t}"));
        }
        f
    }

    #[test]
    fn scores_are_skims() {
        let texts = candidates();
        let f = finder(&texts);
        let mut rng = Rng(0x5eed);
        let mut dp = Dp::default();
        for q in queries(&mut rng, &texts) {
            let pattern: Vec<char> = q.chars().collect();
            let cs = pattern.iter().any(char::is_ascii_uppercase);
            let query = Query {
                text: q.as_bytes(),
                folded: q.to_ascii_lowercase().into_bytes(),
            };
            for (i, t) in texts.iter().enumerate() {
                let choice: Vec<char> = t.chars().collect();
                let ours = score(&choice, &pattern, cs, &mut dp).map(i64::from);
                assert_eq!(ours, skim(t, &q), "{t:?} for {q:?}");
                let item = f.items[i];
                if item.ascii && q.is_ascii() {
                    let range = item.start as usize..(item.start + item.len) as usize;
                    let prepared = Prepared {
                        text: &f.text.as_bytes()[range.clone()],
                        folded: &f.folded[range.clone()],
                        bonus: &f.bonus[range],
                    };
                    let fast = score_ascii(prepared, &query, cs, &mut dp).map(i64::from);
                    assert_eq!(fast, ours, "{t:?} for {q:?}, prepared");
                }
            }
        }
    }

    /// A contiguous match's score, the slow way: the best over every place the query occurs,
    /// each matched character scoring 16 (14 if its case differs), plus the best bonus seen
    /// so far in the run (the first at least its own; the rest at least 4).
    ///
    /// One letter or digit matches in either case, and scores 1 where a word starts with it
    /// (or it follows a separator or starts a camel hump), else 0.
    fn contiguous_slow(text: &str, query: &str) -> Option<i64> {
        let cs = query.chars().any(|c| c.is_ascii_uppercase());
        let t: Vec<char> = text.chars().collect();
        let q: Vec<char> = query.chars().collect();
        let bonus = |i: usize| {
            let prev = if i == 0 { '\0' } else { t[i - 1] };
            let b = i64::from(in_place_bonus(kind(prev), kind(t[i])));
            if i == 0 { 2 * b } else { b }
        };
        if let [c] = q[..]
            && c.is_ascii_alphanumeric()
        {
            let at: Vec<usize> = (0..t.len())
                .filter(|i| t[*i].eq_ignore_ascii_case(&c))
                .collect();
            return (!at.is_empty()).then(|| i64::from(at.iter().any(|i| bonus(*i) > 0)));
        }
        (0..=t.len().checked_sub(q.len())?)
            .filter(|&at| {
                (0..q.len())
                    .all(|j| t[at + j] == q[j] || (!cs && t[at + j].eq_ignore_ascii_case(&q[j])))
            })
            .map(|at| {
                let mut run = bonus(at);
                let mut total = -1 + run;
                for j in 0..q.len() {
                    if j > 0 {
                        run = run.max(bonus(at + j)).max(4);
                        total += run;
                    }
                    total += if t[at + j] == q[j] { 16 } else { 14 };
                }
                total
            })
            .max()
    }

    /// The significant digits of a text's first word, if it is a reference.
    fn digits(text: &str) -> Option<String> {
        let w = text.trim().split(' ').next().unwrap_or("");
        let rest = w.trim_start_matches(|c: char| c.is_ascii_alphabetic());
        let rest = if rest.len() < w.len() {
            rest.strip_prefix('-').unwrap_or(rest)
        } else {
            rest
        };
        let d = rest.trim_start_matches('0');
        (!rest.is_empty() && rest.chars().all(|c| c.is_ascii_digit()) && !d.is_empty())
            .then(|| d.to_string())
    }

    /// The ranking expected, computed the slow way: references first, then skim's score (or
    /// the contiguous one for a short query).
    fn expected(texts: &[String], query: &str) -> Vec<u32> {
        if query.is_empty() {
            return (0..texts.len() as u32).collect();
        }
        let short = !matches_fuzzily(query);
        let wanted = if query.trim().contains(' ') {
            None
        } else {
            digits(query)
        };
        let mut scored: Vec<((u8, usize, i64), u32)> = texts
            .iter()
            .enumerate()
            .filter_map(|(i, t)| {
                let score = if short {
                    contiguous_slow(t, query)
                } else {
                    skim(t, query)
                };
                let first = t.split(' ').next().unwrap_or("");
                let typed_ref = digits(t).is_some()
                    && if query.chars().any(|c| c.is_ascii_uppercase()) {
                        first.starts_with(query)
                    } else {
                        first.to_ascii_lowercase().starts_with(query)
                    };
                let by_number = match (&wanted, digits(t)) {
                    (Some(w), Some(d)) => d.starts_with(w.as_str()),
                    _ => false,
                };
                let score = if typed_ref || by_number {
                    score.unwrap_or(0)
                } else {
                    score?
                };
                let first = t.split(' ').next().unwrap_or("");
                let starts_ref = digits(t).is_some()
                    && if query.chars().any(|c| c.is_ascii_uppercase()) {
                        first.starts_with(query)
                    } else {
                        first.to_ascii_lowercase().starts_with(query)
                    };
                let len = digits(t).map_or(0, |d| d.len());
                let key = match (&wanted, digits(t)) {
                    (Some(w), Some(d)) if d == *w => (0, 0, 0),
                    (Some(w), Some(d)) if d.starts_with(w.as_str()) => (1, len, 0),
                    _ if starts_ref => (1, len, 0),
                    _ => (2, 0, -score),
                };
                Some((key, i as u32))
            })
            .collect();
        scored.sort();
        scored.into_iter().map(|(_, i)| i).collect()
    }

    #[test]
    fn typing_and_deleting_give_the_ranking_of_a_fresh_search() {
        let texts = candidates();
        let mut rng = Rng(42);
        let mut f = finder(&texts);
        for q in queries(&mut rng, &texts).into_iter().take(300) {
            // Type it a character at a time, check, then delete back to a random prefix.
            let chars: Vec<char> = q.chars().collect();
            let keep = rng.below(chars.len() + 1).min(f.query().chars().count());
            let mut typed: String = f.query().chars().take(keep).collect();
            f.set_query(&typed);
            assert_eq!(f.matches(), expected(&texts, &typed), "{typed:?}");
            for c in chars {
                typed.push(c);
                f.set_query(&typed);
                assert_eq!(f.matches(), expected(&texts, &typed), "{typed:?}");
            }
        }
        f.set_query("");
        assert_eq!(f.matches().len(), texts.len());
    }

    #[test]
    fn highlights_are_skims_positions_and_nothing_for_no_query() {
        let texts = candidates();
        let mut f = finder(&texts);
        assert!(f.positions(0).is_empty());
        f.set_query("kel");
        let first = f.matches()[0];
        assert_eq!(
            f.positions(first),
            SkimMatcherV2::default()
                .fuzzy_indices(&texts[first as usize], "kel")
                .unwrap()
                .1
        );
        assert_eq!(f.text(999), "");
    }

    #[test]
    fn a_pasted_query_and_a_changed_one_are_searched_afresh() {
        let texts = candidates();
        let mut f = finder(&texts);
        f.set_query("kel");
        f.set_query("mac");
        assert_eq!(f.matches(), expected(&texts, "mac"));
        f.set_query("c-00001");
        assert_eq!(f.matches(), expected(&texts, "c-00001"));
    }

    #[test]
    fn a_reference_number_ranks_its_client_first() {
        // C-000031 comes first in the list, and skim alone ranks it above C-000003 (its zeros
        // follow the '-').
        let texts: Vec<String> = [31, 3, 300, 103, 30]
            .iter()
            .map(|n| format!("C-{n:06} Name {n}"))
            .collect();
        let mut f = finder(&texts);
        for q in ["0003", "c-0003", "C-000003", "3"] {
            f.set_query(q);
            let first = f.matches().first().map(|i| texts[*i as usize].as_str());
            assert_eq!(first, Some("C-000003 Name 3"), "{q}");
            assert_eq!(f.matches(), expected(&texts, q), "{q}");
        }
        f.set_query("0003");
        let order: Vec<&str> = f
            .matches()
            .iter()
            .map(|i| &texts[*i as usize][..8])
            .collect();
        // Then numbers starting with 3, shorter first (ties in list order). C-000103 holds
        // 0, 0, 0 and 3, but not together, and its number does not start with 3.
        assert_eq!(order, ["C-000003", "C-000031", "C-000030", "C-000300"]);
        // Typing a reference from its start lists the references in order of length.
        f.set_query("c-00");
        assert_eq!(f.matches(), expected(&texts, "c-00"));
        assert_eq!(texts[f.matches()[0] as usize], "C-000003 Name 3");
    }

    #[test]
    fn one_or_two_letters_match_only_where_they_occur_together() {
        let texts: Vec<String> = ["Alison Norton", "Joan Smith", "Anne Kellerman", "Ruth Lane"]
            .iter()
            .enumerate()
            .map(|(i, n)| format!("C-{:06} {n}", i + 1))
            .collect();
        let mut f = finder(&texts);
        f.set_query("an");
        let found: Vec<&str> = f
            .matches()
            .iter()
            .map(|i| &texts[*i as usize][9..])
            .collect();
        // A word that starts with the letters comes first.
        assert_eq!(found, ["Anne Kellerman", "Joan Smith", "Ruth Lane"]);
        assert_eq!(f.positions(f.matches()[0]), vec![9, 10]);
        // From three letters the match is fuzzy, found afresh among every candidate: "Alison
        // Norton", left out for "an", is back for "ann".
        f.set_query("ann");
        let found: Vec<&str> = f
            .matches()
            .iter()
            .map(|i| &texts[*i as usize][9..])
            .collect();
        assert_eq!(found, ["Anne Kellerman", "Alison Norton"]);
        f.set_query("an");
        assert_eq!(f.matches(), expected(&texts, "an"));
        f.set_query("A");
        assert_eq!(f.matches(), expected(&texts, "A"));
    }

    #[test]
    fn a_reference_is_never_matched_scattered() {
        assert!(reference_like("0003") && reference_like("c-") && reference_like("C-0003"));
        assert!(!reference_like("ann") && !reference_like("c") && !reference_like("c-a"));
        let texts: Vec<String> = [10203, 3, 1000, 30]
            .iter()
            .map(|n| format!("C-{n:06} Name"))
            .collect();
        let mut f = finder(&texts);
        // "0003" is not in C-010203 as typed.
        f.set_query("0003");
        let found: Vec<&str> = f
            .matches()
            .iter()
            .map(|i| &texts[*i as usize][..8])
            .collect();
        assert_eq!(found, ["C-000003", "C-000030"]);
        // Going on to letters, the query is fuzzy again and found afresh.
        f.set_query("0003na");
        assert_eq!(f.matches(), expected(&texts, "0003na"));
        assert!(
            f.matches()
                .iter()
                .any(|i| texts[*i as usize].starts_with("C-010203"))
        );
    }

    #[test]
    fn growing_text_is_kept_whole() {
        let mut f = Finder::with_capacity(1, 4);
        for i in 0..100 {
            f.push(format_args!("C-{i:06} name number {i}"));
        }
        assert_eq!(f.len(), 100);
        assert_eq!(f.text(57), "C-000057 name number 57");
    }
}
