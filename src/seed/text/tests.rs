//! Tests of the generator: structure, labels, rates, dates and reproducibility.

use super::*;
use rand::SeedableRng;
use rand::rngs::StdRng;
use std::collections::HashSet;

const ALLOWED: &[Sensitivity] = &[
    Sensitivity::Ordinary,
    Sensitivity::Confidential,
    Sensitivity::Special(SpecialCategory::Health),
    Sensitivity::Special(SpecialCategory::Religion),
    Sensitivity::Special(SpecialCategory::Ethnicity),
    Sensitivity::Special(SpecialCategory::Sexuality),
    Sensitivity::Special(SpecialCategory::Criminal),
    Sensitivity::Special(SpecialCategory::Union),
    Sensitivity::Special(SpecialCategory::Politics),
];

const ORDER: &[&str] = &[
    H_QUERY,
    H_SITUATION,
    H_ADVICE,
    H_DECISIONS,
    H_ACTIONS,
    H_REFERRALS,
    H_OUTCOME,
    H_FINANCES,
    H_FAMILY,
    H_HEALTH,
    H_SAFEGUARDING,
    "Faith and practice",
    "Offending history",
    "Trade union",
    "Ethnicity and discrimination",
    "Sexual orientation",
    "Political opinions",
];

fn sample(seed: u64, n: usize) -> Vec<(SynthClient, u8, SynthNote)> {
    let mut rng = StdRng::seed_from_u64(seed);
    (0..n)
        .map(|_| {
            let c = client(&mut rng);
            let area = advice_area(&mut rng);
            let first = c.name.split(' ').next().unwrap().to_owned();
            let note = note(&mut rng, &first, area);
            (c, area, note)
        })
        .collect()
}

/// "Jan" to "Dec".
fn short_months() -> Vec<String> {
    (1..=12)
        .map(|m| civil::date(2025, m, 1).strftime("%b").to_string())
        .collect()
}

/// The due dates of a note's actions, as written ("12 Dec").
fn due_dates(note: &SynthNote) -> Vec<String> {
    note.sections
        .iter()
        .filter(|s| s.heading == H_ACTIONS)
        .flat_map(|s| s.text.lines())
        .filter_map(|l| l.rsplit_once(" by "))
        .map(|(_, due)| due.trim_end_matches('.').to_string())
        .collect()
}

#[test]
fn notes_have_required_sections_and_valid_labels() {
    let notes = sample(1, 2000);
    let mut special = 0;
    let mut confidential = 0;
    for (_, _, note) in &notes {
        let headings: Vec<&str> = note.sections.iter().map(|s| s.heading.as_str()).collect();
        assert!(headings.contains(&H_QUERY), "{headings:?}");
        assert!(headings.contains(&H_ADVICE), "{headings:?}");
        let unique: HashSet<&str> = headings.iter().copied().collect();
        assert_eq!(unique.len(), headings.len(), "{headings:?}");
        let positions: Vec<usize> = headings
            .iter()
            .map(|h| ORDER.iter().position(|o| o == h).unwrap())
            .collect();
        assert!(positions.windows(2).all(|w| w[0] < w[1]), "{headings:?}");
        for s in &note.sections {
            assert!(ALLOWED.contains(&s.sensitivity), "{}", s.sensitivity);
            assert!(!s.text.trim().is_empty(), "{}", s.heading);
            if matches!(s.sensitivity, Sensitivity::Special(_)) {
                special += 1;
            }
            if s.sensitivity == Sensitivity::Confidential {
                confidential += 1;
            }
        }
    }
    assert!(special > 0);
    assert!(confidential > 0);
}

#[test]
fn text_is_plain_and_fully_expanded() {
    for (_, _, note) in sample(2, 2000) {
        for s in &note.sections {
            assert!(
                s.text.chars().all(|c| c.is_ascii() || c == '£'),
                "{}",
                s.text
            );
            assert!(!s.text.contains('{') && !s.text.contains('}'), "{}", s.text);
            assert!(!s.text.contains("  "), "{:?}", s.text);
            assert!(!s.text.starts_with(' ') && !s.text.ends_with(' '));
        }
    }
}

#[test]
fn actions_have_owner_and_due_date() {
    let months = short_months();
    let mut seen = 0;
    for (_, _, note) in sample(3, 2000) {
        for s in note.sections.iter().filter(|s| s.heading == H_ACTIONS) {
            let lines: Vec<&str> = s.text.lines().collect();
            assert!((1..=3).contains(&lines.len()), "{}", s.text);
            for line in lines {
                assert!(
                    line.starts_with("Client to ") || line.starts_with("Adviser to "),
                    "{line}"
                );
                let (_, due) = line.rsplit_once(" by ").unwrap();
                let due = due.strip_suffix('.').unwrap();
                let (day, month) = due.split_once(' ').unwrap();
                assert!((1..=31).contains(&day.parse::<u32>().unwrap()), "{line}");
                assert!(months.iter().any(|m| m == month), "{line}");
                // The parser of action lines reads every one: its owner, its text without the
                // due phrase, and a due date within a year of the note.
                let note_day = jiff::civil::date(2026, 3, 1);
                let a = crate::domain::parse_action(line, note_day).expect("an action");
                let owner = if line.starts_with("Client") {
                    "client"
                } else {
                    "adviser"
                };
                assert_eq!(a.owner.as_str(), owner, "{line}");
                let due = a.due.unwrap_or_else(|| panic!("no due date: {line}"));
                assert!(
                    due >= note_day && due < jiff::civil::date(2027, 3, 1),
                    "{line}"
                );
                let after_owner = line.split_once(" to ").map_or("", |(_, rest)| rest);
                assert_eq!(
                    Some(a.text.as_str()),
                    after_owner.rsplit_once(" by ").map(|(what, _)| what),
                    "{line}"
                );
                seen += 1;
            }
        }
    }
    assert!(seen > 1000);
}

#[test]
fn clients_look_right() {
    let mut rng = StdRng::seed_from_u64(4);
    let mut dob = 0;
    let mut contact = 0;
    let mut names = HashSet::new();
    let mut days = HashSet::new();
    for _ in 0..2000 {
        let c = client(&mut rng);
        let parts: Vec<&str> = c.name.split(' ').collect();
        assert_eq!(parts.len(), 2, "{}", c.name);
        assert!(parts.iter().all(|p| !p.is_empty()));
        names.insert(c.name.clone());
        if let Some(d) = c.date_of_birth {
            dob += 1;
            assert!((REFERENCE_YEAR - 80..=REFERENCE_YEAR - 17).contains(&d.year()));
            days.insert(d.day());
        }
        if let Some(k) = &c.contact {
            contact += 1;
            if let Some(rest) = k.strip_prefix("07700 900") {
                assert_eq!(rest.len(), 3);
                assert!(rest.bytes().all(|b| b.is_ascii_digit()));
            } else {
                let (user, domain) = k.split_once('@').unwrap();
                assert_eq!(domain, "example.org");
                assert!(!user.is_empty());
                assert!(
                    user.bytes()
                        .all(|b| b.is_ascii_alphanumeric() || b == b'.' || b == b'_')
                );
            }
        }
    }
    assert!((1550..1850).contains(&dob), "{dob}");
    assert!((1450..1750).contains(&contact), "{contact}");
    assert!(names.len() > 1500);
    assert_eq!(days.len(), 31, "{days:?}");
}

#[test]
fn dates_in_a_note_fall_around_its_day() {
    let mut rng = StdRng::seed_from_u64(9);
    let mut seen = 0;
    for _ in 0..300 {
        // 1 January: actions fall due 3 to 28 days later, all in January.
        for due in due_dates(&note_on(&mut rng, "Ann", 0, Some(0))) {
            let (day, month) = due.split_once(' ').unwrap();
            assert_eq!(month, "Jan", "{due}");
            assert!((4..=29).contains(&day.parse::<u32>().unwrap()), "{due}");
            seen += 1;
        }
        // 31 December, and any later day, which counts as 31 December: the new year.
        for day in [364, 500] {
            for due in due_dates(&note_on(&mut rng, "Ann", 0, Some(day))) {
                assert!(due.ends_with(" Jan"), "{due}");
            }
        }
        // Day 59 is 1 March.
        for due in due_dates(&note_on(&mut rng, "Ann", 0, Some(59))) {
            assert!(due.ends_with(" Mar"), "{due}");
        }
    }
    assert!(seen > 300);
}

#[test]
fn rates_are_roughly_as_intended() {
    let notes = sample(5, 20_000);
    let share = |heading: &str| {
        notes
            .iter()
            .filter(|(_, _, n)| n.sections.iter().any(|s| s.heading == heading))
            .count() as f64
            / notes.len() as f64
    };
    assert!((0.30..0.42).contains(&share(H_FINANCES)));
    assert!((0.16..0.24).contains(&share(H_FAMILY)));
    assert!((0.20..0.32).contains(&share(H_HEALTH)));
    assert!((0.02..0.06).contains(&share(H_SAFEGUARDING)));
    assert!((0.02..0.04).contains(&share("Offending history")));
    let in_person_or_phone = notes
        .iter()
        .filter(|(_, _, n)| matches!(n.channel, Channel::InPerson | Channel::Phone))
        .count();
    assert!(in_person_or_phone * 10 > notes.len() * 7);
    let mut areas = [0usize; 6];
    for (_, a, _) in &notes {
        areas[usize::from(*a)] += 1;
    }
    assert!(areas.iter().all(|&n| n > 0));
}

#[test]
fn notes_vary_and_are_reproducible() {
    let a = sample(6, 500);
    let b = sample(6, 500);
    assert_eq!(a, b);
    let queries: HashSet<&str> = a
        .iter()
        .map(|(_, _, n)| n.sections[0].text.as_str())
        .collect();
    assert!(queries.len() > 350, "{}", queries.len());
    let whole: HashSet<String> = a
        .iter()
        .map(|(_, _, n)| {
            n.sections
                .iter()
                .map(|s| s.text.as_str())
                .collect::<Vec<_>>()
                .join("|")
        })
        .collect();
    assert_eq!(whole.len(), a.len());
    let mut rng = StdRng::seed_from_u64(7);
    let named = (0..2000)
        .filter(|_| {
            note(&mut rng, "Zebedee", 1)
                .sections
                .iter()
                .any(|s| s.text.contains("Zebedee"))
        })
        .count();
    assert!(named > 100 && named < 1900, "{named}");
}

#[test]
fn any_area_value_and_empty_name_are_handled() {
    let mut rng = StdRng::seed_from_u64(8);
    for area in [0u8, 5, 6, 200, 255] {
        for _ in 0..50 {
            let n = note(&mut rng, "", area);
            assert_eq!(n.sections[0].heading, H_QUERY);
            assert!(n.sections.iter().all(|s| !s.text.is_empty()));
        }
    }
}

#[test]
fn money_formatting() {
    let mut s = String::new();
    push_money(&mut s, 1234567, Some(5));
    assert_eq!(s, "£1,234,567.05");
    s.clear();
    push_money(&mut s, 999, None);
    assert_eq!(s, "£999");
    s.clear();
    push_money(&mut s, 1000, Some(50));
    assert_eq!(s, "£1,000.50");
}
