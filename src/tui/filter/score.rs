//! The scores of the filter.
//!
//! A fuzzy query is scored as skim scores it (fuzzy-matcher's `SkimMatcherV2::fuzzy_match`, default configuration): an
//! alignment of the query against the candidate with affine gap penalties and bonuses for
//! matches at word starts, after separators and on camel humps, computed with two rows of the
//! score matrix. Replayed here step for step (the tests in `filter` compare every score with
//! skim's), without allocating per candidate, and on prepared bytes when the text is ASCII.
//!
//! A short query, which matches only where it occurs as typed, is scored as a run of
//! consecutive matches (see [`contiguous_ascii`]).

const NEG: i32 = i16::MIN as i32;
const SCORE_MATCH: i32 = 16;
const GAP_START: i32 = -3;
const GAP_EXTENSION: i32 = -1;
pub(super) const FIRST_CHAR_MULTIPLIER: i32 = 2;
const BONUS_HEAD: i32 = SCORE_MATCH / 2;
const BONUS_BREAK: i32 = SCORE_MATCH / 2 + GAP_EXTENSION;
const BONUS_CAMEL: i32 = SCORE_MATCH / 2 + 2 * GAP_EXTENSION;
const BONUS_CONSECUTIVE: i32 = -(GAP_START + GAP_EXTENSION);
const PENALTY_CASE_MISMATCH: i32 = GAP_EXTENSION * 2;

#[derive(Clone, Copy)]
struct Cell {
    m: i32,
    p: i32,
    bonus: i32,
}

const FRESH: Cell = Cell {
    m: NEG,
    p: NEG,
    bonus: 0,
};

#[derive(Default)]
pub(super) struct Dp {
    first: Vec<usize>,
    bonus: Vec<i32>,
    rows: Vec<Cell>,
}

/// A character of a candidate or query: a byte of ASCII text, or a `char`.
pub(super) trait Unit: Copy {
    fn ch(self) -> char;
    fn same(self, other: Self, case_sensitive: bool) -> bool;
}

impl Unit for u8 {
    #[inline]
    fn ch(self) -> char {
        char::from(self)
    }
    #[inline]
    fn same(self, other: u8, case_sensitive: bool) -> bool {
        self == other || (!case_sensitive && self.eq_ignore_ascii_case(&other))
    }
}

impl Unit for char {
    #[inline]
    fn ch(self) -> char {
        self
    }
    #[inline]
    fn same(self, other: char, case_sensitive: bool) -> bool {
        self == other || (!case_sensitive && self.eq_ignore_ascii_case(&other))
    }
}

#[derive(Clone, Copy, PartialEq, Eq)]
pub(super) enum Kind {
    Empty,
    Upper,
    Lower,
    Number,
    HardSep,
    SoftSep,
}

#[inline]
pub(super) fn kind(c: char) -> Kind {
    match c {
        '\0' => Kind::Empty,
        ' ' | '/' | '\\' | '|' | '(' | ')' | '[' | ']' | '{' | '}' => Kind::HardSep,
        '!'..='\'' | '*'..='.' | ':'..='@' | '^'..='`' | '~' => Kind::SoftSep,
        '0'..='9' => Kind::Number,
        'A'..='Z' => Kind::Upper,
        _ => Kind::Lower,
    }
}

#[inline]
pub(super) fn in_place_bonus(prev: Kind, cur: Kind) -> i32 {
    match (prev, cur) {
        (Kind::Empty | Kind::HardSep, _) => BONUS_HEAD,
        (Kind::SoftSep, _) => BONUS_BREAK,
        (Kind::Lower | Kind::Number, Kind::Upper) => BONUS_CAMEL,
        _ => 0,
    }
}

/// skim's score of `choice` for a non-empty `pattern`, or `None` if the pattern is not a
/// subsequence of it.
pub(super) fn score<T: Unit>(
    choice: &[T],
    pattern: &[T],
    case_sensitive: bool,
    dp: &mut Dp,
) -> Option<i32> {
    // The first place each pattern character can match, in order.
    dp.first.clear();
    let mut want = pattern.iter();
    let mut next = want.next();
    for (at, &c) in choice.iter().enumerate() {
        match next {
            Some(&p) if c.same(p, case_sensitive) => {
                dp.first.push(at);
                next = want.next();
            }
            Some(_) => {}
            None => break,
        }
    }
    if next.is_some() || pattern.is_empty() {
        return None;
    }
    let cols = choice.len() + 1;
    dp.bonus.clear();
    dp.bonus.push(0);
    let mut prev = Kind::Empty;
    for &c in choice {
        let k = kind(c.ch());
        dp.bonus.push(in_place_bonus(prev, k));
        prev = k;
    }
    if let Some(b) = dp.bonus.get_mut(1) {
        *b *= FIRST_CHAR_MULTIPLIER;
    }
    dp.rows.clear();
    dp.rows.resize(2 * cols, FRESH);
    for cell in &mut dp.rows[..cols] {
        cell.p = GAP_EXTENSION;
    }
    let rows = &mut dp.rows;
    for (i, &p) in pattern.iter().enumerate() {
        let row = ((i + 1) & 1) * cols;
        let above = (i & 1) * cols;
        for col in dp.first[i] + 1..cols {
            let c = choice[col - 1];
            let (cur, last, diag) = (row + col, row + col - 1, above + col - 1);
            if c.same(p, case_sensitive) {
                let mismatch = !case_sensitive && c.ch() != p.ch();
                let matched =
                    (SCORE_MATCH + if mismatch { PENALTY_CASE_MISMATCH } else { 0 }).max(0);
                let here = dp.bonus[col];
                let consecutive = rows[last].bonus.max(here.max(BONUS_CONSECUTIVE));
                rows[last].bonus = consecutive;
                let after_match = rows[diag].m + consecutive;
                let after_skip = rows[diag].p + here;
                rows[cur].m = after_match.max(after_skip) + matched;
            } else {
                rows[cur].m = NEG;
                rows[cur].bonus = 0;
            }
            let open = GAP_START + GAP_EXTENSION + rows[last].m;
            let extend = GAP_EXTENSION + rows[last].p;
            rows[cur].p = open.max(extend);
        }
    }
    let row = (pattern.len() & 1) * cols;
    let from = dp.first[pattern.len() - 1];
    rows[row + from..row + cols].iter().map(|c| c.m).max()
}

/// An ASCII candidate as prepared once: its bytes, folded to lower case, and the bonus of each.
#[derive(Clone, Copy)]
pub(super) struct Prepared<'a> {
    pub(super) text: &'a [u8],
    pub(super) folded: &'a [u8],
    pub(super) bonus: &'a [i8],
}

/// An ASCII query, as typed and folded to lower case.
pub(super) struct Query<'a> {
    pub(super) text: &'a [u8],
    pub(super) folded: Vec<u8>,
}

/// [`score`] for ASCII text, from its prepared form: the same steps with the character classes
/// looked up rather than worked out, and a closed form for a one-character query.
pub(super) fn score_ascii(
    c: Prepared<'_>,
    q: &Query<'_>,
    case_sensitive: bool,
    dp: &mut Dp,
) -> Option<i32> {
    let (pattern, wanted) = if case_sensitive {
        (q.text, c.text)
    } else {
        (&q.folded[..], c.folded)
    };
    let n = c.text.len().min(c.folded.len()).min(c.bonus.len());
    let matched = |at: usize, i: usize| -> i32 {
        if !case_sensitive && c.text[at] != q.text[i] {
            SCORE_MATCH + PENALTY_CASE_MISMATCH
        } else {
            SCORE_MATCH
        }
    };
    if let [p] = pattern {
        // One row of the matrix over a row of skips: each match scores on its own.
        let mut best = None;
        for (at, _) in wanted[..n].iter().enumerate().filter(|(_, b)| *b == p) {
            let s = GAP_EXTENSION + i32::from(c.bonus[at]) + matched(at, 0);
            best = best.max(Some(s));
        }
        return best;
    }
    dp.first.clear();
    let mut from = 0;
    for &p in pattern {
        let at = from + find_byte(wanted.get(from..n)?, p)?;
        dp.first.push(at);
        from = at + 1;
    }
    if pattern.is_empty() {
        return None;
    }
    let cols = n + 1;
    let start = dp.first[0];
    if dp.rows.len() < 2 * cols {
        dp.rows.resize(2 * cols, FRESH);
    }
    let (r0, r1) = dp.rows.split_at_mut(cols);
    let r1 = &mut r1[..cols];
    // Nothing left of the first match is read: only the rest starts fresh.
    r0[start..].fill(Cell {
        p: GAP_EXTENSION,
        ..FRESH
    });
    r1[start..].fill(FRESH);
    for (i, &p) in pattern.iter().enumerate() {
        let (row, above) = if i & 1 == 0 {
            (&mut *r1, &*r0)
        } else {
            (&mut *r0, &*r1)
        };
        let from = dp.first[i] + 1;
        let mut last = row[from - 1];
        for col in from..cols {
            let at = col - 1;
            let diag = above[at];
            let mut cell = row[col];
            if wanted[at] == p {
                let here = i32::from(c.bonus[at]);
                let consecutive = last.bonus.max(here.max(BONUS_CONSECUTIVE));
                row[at].bonus = consecutive;
                cell.m = (diag.m + consecutive).max(diag.p + here) + matched(at, i);
            } else {
                cell.m = NEG;
                cell.bonus = 0;
            }
            cell.p = (GAP_START + GAP_EXTENSION + last.m).max(GAP_EXTENSION + last.p);
            row[col] = cell;
            last = cell;
        }
    }
    let row = if pattern.len() & 1 == 1 { &*r1 } else { &*r0 };
    let from = dp.first[pattern.len() - 1];
    row[from..].iter().map(|c| c.m).max()
}

/// The score of a contiguous match of `pattern` in `choice` starting at `at`, as skim scores an
/// alignment whose characters follow one another: each match, the bonus of the first place, and
/// for the rest the best of the bonuses so far and the consecutive bonus. `bonus(i)` is the bonus
/// of place `i` (the first place's already multiplied). `same_case(i, j)` says whether the
/// candidate's character `i` has the case of the query's character `j`.
#[inline]
fn contiguous_at(
    at: usize,
    len: usize,
    bonus: impl Fn(usize) -> i32,
    same_case: impl Fn(usize, usize) -> bool,
) -> i32 {
    let matched = |i: usize, j: usize| {
        if same_case(i, j) {
            SCORE_MATCH
        } else {
            SCORE_MATCH + PENALTY_CASE_MISMATCH
        }
    };
    let first = bonus(at);
    let mut score = GAP_EXTENSION + first + matched(at, 0);
    let mut run = first;
    for j in 1..len {
        run = run.max(bonus(at + j).max(BONUS_CONSECUTIVE));
        score += run + matched(at + j, j);
    }
    score
}

/// The best contiguous match of a short query in an ASCII candidate: its score and where it
/// starts, or `None` if the query does not occur in it.
pub(super) fn contiguous_ascii(
    c: Prepared<'_>,
    q: &Query<'_>,
    case_sensitive: bool,
) -> Option<(i32, usize)> {
    let (pattern, wanted) = if case_sensitive {
        (q.text, c.text)
    } else {
        (&q.folded[..], c.folded)
    };
    let n = c.text.len().min(c.folded.len()).min(c.bonus.len());
    let (wanted, text, bonus) = (&wanted[..n], &c.text[..n], &c.bonus[..n]);
    let m = pattern.len();
    if let [p] = pattern {
        // One character: each place it occurs scores on its own.
        let mut best: Option<(i32, usize)> = None;
        let mut from = 0;
        while let Some(at) = wanted.get(from..).and_then(|w| find_byte(w, *p)) {
            let at = from + at;
            from = at + 1;
            let matched = if case_sensitive || text[at] == q.text[0] {
                SCORE_MATCH
            } else {
                SCORE_MATCH + PENALTY_CASE_MISMATCH
            };
            let s = GAP_EXTENSION + i32::from(bonus[at]) + matched;
            if best.is_none_or(|(b, _)| s > b) {
                best = Some((s, at));
            }
        }
        return best;
    }
    let first = *pattern.first()?;
    if m > n {
        return None;
    }
    let mut best: Option<(i32, usize)> = None;
    let mut from = 0;
    let next = |w: &[u8]| match pattern {
        [a, b] => find_pair(w, *a, *b),
        _ => find_byte(w, first),
    };
    while let Some(at) = wanted.get(from..).and_then(next) {
        let at = from + at;
        from = at + 1;
        if at + m > n || !(1..m).all(|j| wanted[at + j] == pattern[j]) {
            continue;
        }
        let s = contiguous_at(
            at,
            m,
            |i| i32::from(c.bonus[i]),
            |i, j| case_sensitive || c.text[i] == q.text[j],
        );
        if best.is_none_or(|(b, _)| s > b) {
            best = Some((s, at));
        }
    }
    best
}

/// [`contiguous_ascii`] for any text, a character at a time.
pub(super) fn contiguous(
    choice: &[char],
    pattern: &[char],
    case_sensitive: bool,
) -> Option<(i32, usize)> {
    let m = pattern.len();
    if m == 0 || m > choice.len() {
        return None;
    }
    let bonus = |i: usize| {
        let prev = if i == 0 {
            Kind::Empty
        } else {
            kind(choice[i - 1])
        };
        let b = in_place_bonus(prev, kind(choice[i]));
        if i == 0 { b * FIRST_CHAR_MULTIPLIER } else { b }
    };
    let mut best: Option<(i32, usize)> = None;
    for at in 0..=choice.len() - m {
        let hit = (0..m).all(|j| choice[at + j].same(pattern[j], case_sensitive));
        if !hit {
            continue;
        }
        let s = contiguous_at(at, m, bonus, |i, j| choice[i] == pattern[j]);
        if best.is_none_or(|(b, _)| s > b) {
            best = Some((s, at));
        }
    }
    best
}

const ONES: u64 = u64::from_ne_bytes([1; 8]);
const HIGH: u64 = u64::from_ne_bytes([0x80; 8]);

/// Eight bytes from `at` (little-endian), padded with `pad` past the end of `hay`.
#[inline]
fn word_at(hay: &[u8], at: usize, pad: u8) -> u64 {
    let mut w = [pad; 8];
    if let Some(b) = hay.get(at..at + 8) {
        w.copy_from_slice(b);
    } else if let Some(b) = hay.get(at..) {
        w[..b.len()].copy_from_slice(b);
    }
    u64::from_le_bytes(w)
}

/// The lowest byte of `x` that is zero, if any (a byte above a zero byte may be flagged too,
/// so only the lowest flag is trusted).
#[inline]
fn first_zero(x: u64) -> Option<usize> {
    let zero = x.wrapping_sub(ONES) & !x & HIGH;
    (zero != 0).then(|| (zero.trailing_zeros() / 8) as usize)
}

/// Where `needle` first occurs in `hay`: eight bytes at a time (a candidate is a few dozen bytes,
/// and every keystroke looks through thousands of them).
#[inline]
pub(super) fn find_byte(hay: &[u8], needle: u8) -> Option<usize> {
    let spread = ONES.wrapping_mul(u64::from(needle));
    let mut at = 0;
    while at < hay.len() {
        if let Some(i) = first_zero(word_at(hay, at, !needle) ^ spread) {
            return Some(at + i);
        }
        at += 8;
    }
    None
}

/// Where the two bytes `a`, `b` first occur one after the other in `hay`, seven places at a
/// time.
#[inline]
pub(super) fn find_pair(hay: &[u8], a: u8, b: u8) -> Option<usize> {
    let (sa, sb) = (
        ONES.wrapping_mul(u64::from(a)),
        ONES.wrapping_mul(u64::from(b)),
    );
    let mut at = 0;
    while at + 1 < hay.len() {
        let w = word_at(hay, at, !b);
        // Byte i is zero where `a` is at i and `b` at i + 1 (the top byte pairs with padding
        // that is never `b`, so only seven places count).
        let both = (w ^ sa) | ((w >> 8) ^ sb) | (0xff << 56);
        if let Some(i) = first_zero(both) {
            return Some(at + i);
        }
        at += 7;
    }
    None
}

#[cfg(test)]
mod tests {
    use super::{find_byte, find_pair};

    #[test]
    fn find_byte_finds_the_first_occurrence() {
        let hay = b"C-000031 Anne Kellerman-Smith";
        for needle in 0..=255u8 {
            assert_eq!(
                find_byte(hay, needle),
                hay.iter().position(|b| *b == needle),
                "{needle}"
            );
            for start in 0..hay.len() {
                assert_eq!(
                    find_byte(&hay[start..], needle),
                    hay[start..].iter().position(|b| *b == needle)
                );
            }
        }
        assert_eq!(find_byte(b"", b'a'), None);
        for a in [b'a', b'n', b'e', b' ', b'0', b'-', 0xff] {
            for b in [b'n', b'e', b'l', b'3', b' ', 0x00] {
                for start in 0..hay.len() {
                    let h = &hay[start..];
                    assert_eq!(
                        find_pair(h, a, b),
                        h.windows(2).position(|w| w == [a, b]),
                        "{a} {b} from {start}"
                    );
                }
            }
        }
        assert_eq!(find_pair(b"xxxxxxxan", b'a', b'n'), Some(7));
        assert_eq!(find_pair(b"xxxxxxa", b'a', 0xff ^ b'a'), None);
        // Bytes just above and below the needle, and a borrow across bytes.
        assert_eq!(find_byte(&[0x60, 0x62, 0x01, 0x00, 0x61], 0x61), Some(4));
        assert_eq!(find_byte(&[0x01, 0x00, 0x00, 0, 0, 0, 0, 0, 1], 1), Some(0));
        assert_eq!(find_byte(&[2, 1, 0, 0, 0, 0, 0, 0, 1], 0), Some(2));
    }
}
