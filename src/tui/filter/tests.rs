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
