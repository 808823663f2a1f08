//! skim's score (fuzzy-matcher's `SkimMatcherV2::fuzzy_match`, default configuration): an
//! alignment of the query against the candidate with affine gap penalties and bonuses for
//! matches at word starts, after separators and on camel humps, computed with two rows of the
//! score matrix. Replayed here step for step (the tests in `filter` compare every score with
//! skim's), without allocating per candidate, and on prepared bytes when the text is ASCII.

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
    let mut i = 0;
    for (at, b) in wanted[..n].iter().enumerate() {
        if i == pattern.len() {
            break;
        }
        if *b == pattern[i] {
            dp.first.push(at);
            i += 1;
        }
    }
    if i < pattern.len() || pattern.is_empty() {
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
