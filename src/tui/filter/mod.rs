//! Fuzzy filtering of a client list as the user types, fast enough that a keystroke never waits.
//!
//! The ranking is skim's (fuzzy-matcher's `SkimMatcherV2`: same scores, best first, ties in list
//! order); the score is computed here on prepared text without a per-candidate allocation. What a
//! keystroke costs:
//! - every candidate's text is prepared once, with a bitmask of the letters and digits it holds,
//!   so most candidates are rejected by one instruction;
//! - a character appended to the query narrows the previous matches instead of scanning the whole
//!   list (whatever matches "abc" also matches "ab");
//! - the matches of every shorter query are kept, so Backspace goes back to them at no cost;
//! - scores fall in a small range, so ranking is a counting sort.
//!
//! Highlighted positions are asked of skim itself, for the rows on screen only.
//!
//! This file holds the finder; `score.rs` holds skim's score, replayed without allocating.

use std::fmt::Write as _;

use fuzzy_matcher::FuzzyMatcher;
use fuzzy_matcher::skim::SkimMatcherV2;
use zeroize::Zeroize;

mod score;

use score::{
    Dp, FIRST_CHAR_MULTIPLIER, Kind, Prepared, Query, in_place_bonus, kind, score, score_ascii,
};

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
    mask: u64,
    ascii: bool,
}

struct Level {
    /// The query's length in characters.
    chars: usize,
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
            query: String::new(),
            levels: vec![Level {
                chars: 0,
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
        let mut prev = Kind::Empty;
        for (at, b) in added.bytes().enumerate() {
            let k = kind(char::from(b));
            let bonus = in_place_bonus(prev, k) * if at == 0 { FIRST_CHAR_MULTIPLIER } else { 1 };
            self.bonus.push(i8::try_from(bonus).unwrap_or(i8::MAX));
            prev = k;
        }
        let (start, len) = (
            u32::try_from(start).unwrap_or(u32::MAX),
            u32::try_from(added.len()).unwrap_or(u32::MAX),
        );
        let index = u32::try_from(self.items.len()).unwrap_or(u32::MAX);
        self.items.push(Item {
            start,
            len,
            mask: mask(added),
            ascii: added.is_ascii(),
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

    /// The matches of the whole query, found among those of the longest query kept.
    fn narrow(&mut self, chars: usize) -> Level {
        let from = self.levels.last().map_or(&[][..], |l| &l.members[..]);
        let s = &mut self.scratch;
        s.pattern.clear();
        s.pattern.extend(self.query.chars());
        let case_sensitive = s.pattern.iter().any(char::is_ascii_uppercase);
        let want = mask(&self.query);
        let query = Query {
            text: self.query.as_bytes(),
            folded: self.query.to_ascii_lowercase().into_bytes(),
        };
        let mut members = Vec::new();
        s.scores.clear();
        for &i in from {
            let Some(item) = self.items.get(i as usize) else {
                continue;
            };
            if item.mask & want != want {
                continue;
            }
            let range = item.start as usize..(item.start + item.len) as usize;
            let text = self.text.get(range.clone()).unwrap_or("");
            let score = if item.ascii {
                // The mask let through only queries whose characters are all ASCII.
                let prepared = Prepared {
                    text: text.as_bytes(),
                    folded: self.folded.get(range.clone()).unwrap_or(&[]),
                    bonus: self.bonus.get(range).unwrap_or(&[]),
                };
                score_ascii(prepared, &query, case_sensitive, &mut s.dp)
            } else {
                s.choice.clear();
                s.choice.extend(text.chars());
                score(&s.choice, &s.pattern, case_sensitive, &mut s.dp)
            };
            if let Some(score) = score {
                members.push(i);
                s.scores.push(score);
            }
        }
        let ranked = rank(&members, &s.scores, &mut s.counts);
        Level {
            chars,
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
    scores: Vec<i32>,
    counts: Vec<u32>,
    dp: Dp,
}

/// One bit per ASCII letter (either case) and digit, one for a space, one for any other ASCII
/// character and one for anything else: a candidate lacking a bit of the query cannot match.
fn mask(text: &str) -> u64 {
    text.chars().fold(0, |m, c| {
        m | match c.to_ascii_lowercase() {
            l @ 'a'..='z' => 1 << (l as u32 - 'a' as u32),
            d @ '0'..='9' => 1 << (26 + d as u32 - '0' as u32),
            ' ' => 1 << 36,
            c if c.is_ascii() => 1 << 37,
            _ => 1 << 38,
        }
    })
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

    /// The ranking skim gives, computed the slow way.
    fn expected(texts: &[String], query: &str) -> Vec<u32> {
        let mut scored: Vec<(i64, u32)> = texts
            .iter()
            .enumerate()
            .filter_map(|(i, t)| skim(t, query).map(|s| (s, i as u32)))
            .collect();
        scored.sort_by(|a, b| b.0.cmp(&a.0).then(a.1.cmp(&b.1)));
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
    fn growing_text_is_kept_whole() {
        let mut f = Finder::with_capacity(1, 4);
        for i in 0..100 {
            f.push(format_args!("C-{i:06} name number {i}"));
        }
        assert_eq!(f.len(), 100);
        assert_eq!(f.text(57), "C-000057 name number 57");
    }
}
