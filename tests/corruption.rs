//! Random damage to the raw file: bytes flipped at hundreds of offsets and whole pages zeroed.
//! Every case must end in one clear refusal (a known error, one line, no plaintext) or in
//! exactly what the undamaged file gives — never a panic, never text from the wrong record,
//! never a note or client fewer, never a silently shortened audit trail. Damage that lands in a
//! sealed record the store is using must be refused.

mod common;

use std::ops::Range;
use std::panic::{AssertUnwindSafe, catch_unwind};
use std::path::Path;

use casenotes::domain::{Channel, ClientRef, ClientStatus, NoteStatus, Sensitivity};
use casenotes::session::{self, ClientSummary, Reveal, SectionBody, SessionError};
use casenotes::store::StoreError;
use casenotes::vault::VaultError;
use common::tamper::Tamper;
use common::*;
use rand::rngs::StdRng;
use rand::{Rng, SeedableRng};

const CLIENTS: u64 = 4;
const NOTES: u64 = 3;
const PAGE: usize = 4096;

/// A store whose every note text names its client, so text from the wrong record shows.
fn fixture() -> Fixture {
    let f = Fixture::new();
    let a1 = f.sign_in("adviser1");
    for c in 1..=CLIENTS {
        let r = client(&a1, &format!("Client Number{c}"));
        for n in 0..NOTES {
            note(
                &a1,
                r,
                vec![
                    section("Query", Sensitivity::Ordinary, &query_text(c, n)),
                    section("Health", health(), &health_text(c, n)),
                ],
            );
        }
    }
    f
}

fn query_text(c: u64, n: u64) -> String {
    format!("TEXT-OF-C{c} note {n} {}", "q".repeat(200))
}

fn health_text(c: u64, n: u64) -> String {
    format!("TEXT-OF-C{c} health {n}")
}

#[derive(Debug, Clone, PartialEq, Eq)]
struct Row {
    reference: ClientRef,
    name: String,
    adviser: String,
    status: ClientStatus,
    opened_at: i64,
    last_contact: Option<i64>,
    notes: u32,
}

#[derive(Debug, Clone, PartialEq, Eq)]
enum Body {
    Shown(String),
    Revealed(String),
    Masked,
}

#[derive(Debug, Clone, PartialEq, Eq)]
struct SectionRow {
    heading: String,
    label: String,
    body: Body,
}

#[derive(Debug, Clone, PartialEq, Eq)]
struct NoteRow {
    id: u64,
    author: String,
    contact_at: i64,
    channel: Channel,
    status: NoteStatus,
    sections: Vec<SectionRow>,
}

/// One thing read back from the store, in the order the exercise reads them.
#[derive(Debug, Clone, PartialEq, Eq)]
enum Step {
    /// adviser1's caseload.
    Clients(Vec<Row>),
    /// One client opened with every section revealed.
    Client(Row, Vec<NoteRow>),
    /// The supervisor's `verify_audit`: the number of events in an intact chain.
    AuditIntact(u64),
}

fn row(s: &ClientSummary) -> Row {
    Row {
        reference: s.reference,
        name: s.name.to_string(),
        adviser: s.adviser.clone(),
        status: s.status,
        opened_at: s.opened_at,
        last_contact: s.last_contact,
        notes: s.note_count,
    }
}

/// The clear refusals a damaged file may give.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
enum Refusal {
    /// "… is not a casenotes store" (the file's header or format mark is gone).
    NotAStore,
    /// "the store is damaged or was altered; restore it from a backup".
    Damaged,
    /// "audit trail broken: …".
    AuditBroken,
    /// A damaged schema number that reads as a newer one.
    NewerSchema,
    /// A damaged key slot cannot be told from a wrong password: sign-in refuses.
    BadCredentials,
    /// A damaged key slot that asks for more key-derivation work than allowed.
    CostRefused,
}

/// What one run over a (possibly damaged) file gave: the steps that succeeded, then the refusal
/// that stopped it, if any.
#[derive(Debug)]
struct Outcome {
    steps: Vec<Step>,
    refusal: Option<(Refusal, String)>,
}

impl Outcome {
    fn refused(&self) -> Option<Refusal> {
        self.refusal.as_ref().map(|(r, _)| *r)
    }
}

/// Names the refusal `e` is, checking its one-line message; panics on any other error.
fn classify(label: &str, path: &Path, at_sign_in: bool, e: &SessionError) -> (Refusal, String) {
    let msg = e.to_string();
    assert!(!msg.contains('\n'), "{label}: not one line: {msg}");
    assert!(
        !msg.contains("TEXT-OF") && !msg.contains("Client Number"),
        "{label}: plaintext in an error: {msg}"
    );
    let refusal = match e {
        SessionError::Store(StoreError::NotAStore(p)) => {
            assert_eq!(p, path, "{label}");
            assert_eq!(msg, format!("{} is not a casenotes store", path.display()));
            Refusal::NotAStore
        }
        SessionError::Store(StoreError::Corrupt) => {
            assert_eq!(
                msg, "the store is damaged or was altered; restore it from a backup",
                "{label}"
            );
            Refusal::Damaged
        }
        // A record that is missing or does not open, named.
        SessionError::Store(StoreError::Inconsistent(_)) => {
            assert!(msg.ends_with("; run `casenotes check`"), "{label}: {msg}");
            Refusal::Damaged
        }
        SessionError::AuditBroken(_) => {
            assert!(msg.starts_with("audit trail broken: "), "{label}: {msg}");
            Refusal::AuditBroken
        }
        SessionError::Store(StoreError::NewerSchema { .. }) => {
            assert!(
                msg.starts_with("the store was written by a newer casenotes"),
                "{label}: {msg}"
            );
            Refusal::NewerSchema
        }
        SessionError::BadCredentials if at_sign_in => {
            assert_eq!(msg, "wrong username or password", "{label}");
            Refusal::BadCredentials
        }
        SessionError::Vault(VaultError::CostRefused) if at_sign_in => Refusal::CostRefused,
        other => panic!("{label}: not a clear refusal of a damaged file: {other:?} ({msg})"),
    };
    (refusal, msg)
}

/// Opens the file and reads everything, as adviser1 and then as the supervisor, recording what
/// came back until the first error.
fn exercise(label: &str, path: &Path) -> Outcome {
    let mut steps = Vec::new();
    let stop = |steps, at_sign_in, e: SessionError| Outcome {
        steps,
        refusal: Some(classify(label, path, at_sign_in, &e)),
    };
    // Each copy is read as if on a machine that never saw the store: every copy here is older
    // than the undamaged one read first, which is not what this test is about.
    let state = tempfile::tempdir().expect("state dir");
    let store = match session::open_store(path) {
        Ok(s) => s.with_state_dir(state.path()),
        Err(e) => return stop(steps, false, e),
    };
    let a1 = match session::sign_in(store.clone(), "adviser1", &pw(ADVISER_PW)) {
        Ok(s) => s,
        Err(e) => return stop(steps, true, e),
    };
    match a1.clients(false) {
        Ok(list) => steps.push(Step::Clients(list.iter().map(row).collect())),
        Err(e) => return stop(steps, false, e),
    }
    for c in 1..=CLIENTS {
        let reveal = Reveal::All {
            reason: "integrity test",
        };
        let view = match a1.open_client(ClientRef(c), None, reveal) {
            Ok(v) => v,
            Err(e) => return stop(steps, false, e),
        };
        let notes = view
            .notes
            .iter()
            .map(|n| NoteRow {
                id: n.id.0,
                author: n.author.clone(),
                contact_at: n.contact_at,
                channel: n.channel,
                status: n.status,
                sections: n
                    .sections
                    .iter()
                    .map(|s| SectionRow {
                        heading: s.heading.clone(),
                        label: s.sensitivity.to_string(),
                        body: match &s.body {
                            SectionBody::Shown(t) => Body::Shown(t.to_string()),
                            SectionBody::Revealed(t) => Body::Revealed(t.to_string()),
                            SectionBody::Masked => Body::Masked,
                        },
                    })
                    .collect(),
            })
            .collect();
        steps.push(Step::Client(row(&view.summary), notes));
    }
    drop(a1);
    let sup = match session::sign_in(store, "supervisor", &pw(SUPERVISOR_PW)) {
        Ok(s) => s,
        Err(e) => return stop(steps, true, e),
    };
    match sup.verify_audit() {
        Ok(n) => steps.push(Step::AuditIntact(n)),
        Err(e) => return stop(steps, false, e),
    }
    Outcome {
        steps,
        refusal: None,
    }
}

/// The undamaged file, read back: it must hold exactly what the fixture wrote.
struct Baseline {
    original: Vec<u8>,
    steps: Vec<Step>,
}

fn baseline(f: &Fixture) -> Baseline {
    let original = std::fs::read(&f.path).expect("read");
    let copy = f.dir.path().join("undamaged.redb");
    std::fs::write(&copy, &original).expect("write copy");
    let outcome = exercise("undamaged", &copy);
    assert_eq!(outcome.refusal, None, "the undamaged file must read back");
    let steps = outcome.steps;
    assert_eq!(steps.len(), 1 + CLIENTS as usize + 1, "{steps:?}");
    let Step::Clients(rows) = &steps[0] else {
        panic!("{:?}", steps[0])
    };
    // Sorted here; the list's own order is pinned by comparing each damaged copy with this one.
    let mut names: Vec<(u64, String, u32)> = rows
        .iter()
        .map(|r| (r.reference.0, r.name.clone(), r.notes))
        .collect();
    names.sort();
    let expected: Vec<(u64, String, u32)> = (1..=CLIENTS)
        .map(|c| (c, format!("Client Number{c}"), NOTES as u32))
        .collect();
    assert_eq!(names, expected);
    for c in 1..=CLIENTS {
        let Step::Client(r, notes) = &steps[c as usize] else {
            panic!("{:?}", steps[c as usize])
        };
        assert_eq!(r.name, format!("Client Number{c}"));
        // Newest first.
        let texts: Vec<Vec<SectionRow>> = notes.iter().map(|n| n.sections.clone()).collect();
        let expected: Vec<Vec<SectionRow>> = (0..NOTES)
            .rev()
            .map(|n| {
                vec![
                    SectionRow {
                        heading: "Query".into(),
                        label: "ordinary".into(),
                        body: Body::Shown(query_text(c, n)),
                    },
                    SectionRow {
                        heading: "Health".into(),
                        label: "special:health".into(),
                        body: Body::Revealed(health_text(c, n)),
                    },
                ]
            })
            .collect();
        assert_eq!(texts, expected, "C-{c}");
    }
    let Step::AuditIntact(n) = steps[CLIENTS as usize + 1] else {
        panic!("{:?}", steps.last())
    };
    assert!(n > CLIENTS * NOTES, "the audit trail holds every save: {n}");
    Baseline { original, steps }
}

/// Runs the exercise on `bytes` and checks the outcome against the undamaged file: whatever was
/// read before a refusal, and everything read when nothing was refused, is exactly what the
/// undamaged file gives. Never panics inside the store.
fn check(label: &str, bytes: &[u8], path: &Path, base: &Baseline) -> Outcome {
    std::fs::write(path, bytes).expect("write copy");
    let outcome = match catch_unwind(AssertUnwindSafe(|| exercise(label, path))) {
        Ok(o) => o,
        Err(p) => {
            let what = p
                .downcast_ref::<String>()
                .cloned()
                .or_else(|| p.downcast_ref::<&str>().map(|s| s.to_string()))
                .unwrap_or_default();
            panic!("{label}: panicked: {what}");
        }
    };
    let n = outcome.steps.len();
    assert!(n <= base.steps.len(), "{label}: {n} steps");
    for (i, (got, want)) in outcome.steps.iter().zip(&base.steps).enumerate() {
        assert_eq!(
            got, want,
            "{label}: step {i} differs from the undamaged file"
        );
    }
    if outcome.refusal.is_none() {
        assert_eq!(
            n,
            base.steps.len(),
            "{label}: stopped early without an error"
        );
    }
    outcome
}

/// Where each sealed client and note record in use lies in the file, the step that reads it,
/// and a name for messages. A record may also have stale copies in freed pages; the copy in use
/// is the one whose damage changes what redb reads back.
fn live_records(f: &Fixture, original: &[u8]) -> Vec<(Range<usize>, usize, String)> {
    let probe = f.dir.path().join("probe.redb");
    std::fs::write(&probe, original).expect("write probe");
    let mut records: Vec<(Record, usize, String)> = Vec::new();
    let mut note_id = 0;
    for c in 1..=CLIENTS {
        records.push((Record::Client(c), 0, format!("C-{c}")));
        for _ in 0..NOTES {
            note_id += 1;
            let name = format!("N-{note_id} of C-{c}");
            records.push((Record::Note(c, note_id), c as usize, name));
        }
    }
    let read = |r: Record| {
        catch_unwind(|| {
            let t = Tamper::open(&probe);
            match r {
                Record::Client(c) => t.client(c),
                Record::Note(c, n) => t.note(c, n),
            }
        })
        .ok()
        .flatten()
    };
    let mut out = Vec::new();
    for (record, step, name) in records {
        std::fs::write(&probe, original).expect("write probe");
        let value = read(record).unwrap_or_else(|| panic!("{name}: not in the store"));
        let mut live = Vec::new();
        for (i, _) in original
            .windows(value.len())
            .enumerate()
            .filter(|(_, w)| *w == value.as_slice())
        {
            let mut bytes = original.to_vec();
            bytes[i + value.len() / 2] ^= 0xff;
            std::fs::write(&probe, &bytes).expect("write probe");
            if read(record).as_ref() != Some(&value) {
                live.push(i..i + value.len());
            }
        }
        match &live[..] {
            [range] => out.push((range.clone(), step, name)),
            other => panic!("{name}: {} copies in use", other.len()),
        }
    }
    out
}

#[derive(Debug, Clone, Copy)]
enum Record {
    Client(u64),
    Note(u64, u64),
}

#[test]
fn flipped_bytes_anywhere_never_panic_or_mislead() {
    let f = fixture();
    let base = baseline(&f);
    let live = live_records(&f, &base.original);
    let seed: u64 = std::env::var("CASENOTES_CORRUPTION_SEED")
        .ok()
        .and_then(|s| s.parse().ok())
        .unwrap_or(0x5eed_ca5e);
    let mut rng = StdRng::seed_from_u64(seed);
    let copy = f.dir.path().join("damaged.redb");
    let (mut refused, mut correct, mut in_records) = (0, 0, 0);
    for case in 0..300 {
        let mut bytes = base.original.clone();
        let at = rng.random_range(0..bytes.len());
        bytes[at] ^= 1 << rng.random_range(0..8);
        let label = format!("seed {seed} case {case}: flip at {at}");
        let outcome = check(&label, &bytes, &copy, &base);
        if let Some((_, step, name)) = live.iter().find(|(r, _, _)| r.contains(&at)) {
            // A flip inside a sealed record in use is caught when that record is read.
            in_records += 1;
            assert_eq!(
                outcome.refused(),
                Some(Refusal::Damaged),
                "{label} in {name}"
            );
            assert_eq!(
                outcome.steps.len(),
                *step,
                "{label} in {name}: refused late"
            );
        }
        match outcome.refused() {
            Some(_) => refused += 1,
            None => correct += 1,
        }
    }
    eprintln!(
        "byte flips: {refused} refused ({in_records} inside sealed records), {correct} read back exactly"
    );
}

#[test]
fn a_flip_in_any_sealed_record_is_refused_when_it_is_read() {
    let f = fixture();
    let base = baseline(&f);
    let live = live_records(&f, &base.original);
    let copy = f.dir.path().join("damaged.redb");
    for (range, step, name) in &live {
        for at in [range.start, range.start + range.len() / 2, range.end - 1] {
            let mut bytes = base.original.clone();
            bytes[at] ^= 0x10;
            let label = format!("flip at {at} in {name}");
            let outcome = check(&label, &bytes, &copy, &base);
            assert_eq!(outcome.refused(), Some(Refusal::Damaged), "{label}");
            assert_eq!(outcome.steps.len(), *step, "{label}: refused late");
        }
    }
}

#[test]
fn zeroed_pages_never_panic_or_mislead() {
    let f = fixture();
    let base = baseline(&f);
    let live = live_records(&f, &base.original);
    let copy = f.dir.path().join("zeroed.redb");
    let pages = base.original.len() / PAGE;
    let (mut refused, mut correct, mut holding_records) = (0, 0, 0);
    for page in 0..pages {
        let mut bytes = base.original.clone();
        let zeroed = page * PAGE..(page + 1) * PAGE;
        bytes[zeroed.clone()].fill(0);
        let label = format!("zeroed page {page}");
        let outcome = check(&label, &bytes, &copy, &base);
        if page == 0 {
            // The file's header: without it the file is no store at all, or a damaged one.
            assert!(
                matches!(
                    outcome.refused(),
                    Some(Refusal::NotAStore | Refusal::Damaged)
                ),
                "{label}: {outcome:?}"
            );
            assert!(outcome.steps.is_empty(), "{label}: {outcome:?}");
        }
        let held: Vec<&str> = live
            .iter()
            .filter(|(r, _, _)| r.start < zeroed.end && zeroed.start < r.end)
            .map(|(_, _, name)| name.as_str())
            .collect();
        if !held.is_empty() {
            holding_records += 1;
            assert!(
                outcome.refused().is_some(),
                "{label} held {held:?} but nothing was refused"
            );
        }
        match outcome.refused() {
            Some(_) => refused += 1,
            None => correct += 1,
        }
    }
    assert!(holding_records > 0, "no page holds a sealed record");
    eprintln!(
        "zeroed pages: {refused} refused ({holding_records} held sealed records), {correct} read back exactly, of {pages}"
    );
}
