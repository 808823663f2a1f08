//! Random damage to the raw file: bytes flipped at hundreds of offsets and whole pages zeroed.
//! Every case must end in one clear error or a correct result — never a panic, never text from
//! the wrong record, never a silently shortened audit trail.

mod common;

use std::panic::{AssertUnwindSafe, catch_unwind};
use std::path::Path;

use casenotes::domain::{ClientRef, Sensitivity};
use casenotes::session::{self, Reveal, SectionBody};
use common::*;
use rand::rngs::StdRng;
use rand::{Rng, SeedableRng};

const CLIENTS: u64 = 4;

/// A store whose every note text names its client, so text from the wrong record shows.
fn fixture() -> (Fixture, u64) {
    let f = Fixture::new();
    let a1 = f.sign_in("adviser1");
    for c in 1..=CLIENTS {
        let r = client(&a1, &format!("Client Number{c}"));
        for n in 0..3 {
            note(
                &a1,
                r,
                vec![
                    section(
                        "Query",
                        Sensitivity::Ordinary,
                        &format!("TEXT-OF-C{c} note {n} {}", "q".repeat(200)),
                    ),
                    section("Health", health(), &format!("TEXT-OF-C{c} health {n}")),
                ],
            );
        }
    }
    drop(a1);
    let events = f.sign_in("supervisor").verify_audit().expect("verify");
    (f, events)
}

#[derive(Debug)]
enum Outcome {
    /// One clear line.
    Refused(String),
    /// Everything read back correctly.
    Correct,
}

/// Opens the damaged copy and reads everything; checks what comes back.
fn exercise(path: &Path, events_before: u64) -> Outcome {
    let refuse = |e: &dyn std::fmt::Display| Outcome::Refused(e.to_string());
    let store = match session::open_store(path) {
        Ok(s) => s,
        Err(e) => return refuse(&e),
    };
    let a1 = match session::sign_in(store.clone(), "adviser1", &pw(ADVISER_PW)) {
        Ok(s) => s,
        Err(e) => return refuse(&e),
    };
    for c in 1..=CLIENTS {
        let view = match a1.open_client(
            ClientRef(c),
            None,
            Reveal::All {
                reason: "integrity test",
            },
        ) {
            Ok(v) => v,
            Err(e) => return refuse(&e),
        };
        if view.summary.name != format!("Client Number{c}") {
            panic!("client C-{c} came back as '{}'", view.summary.name);
        }
        for n in &view.notes {
            for s in &n.sections {
                match &s.body {
                    SectionBody::Shown(t) | SectionBody::Revealed(t) => {
                        assert!(
                            t.starts_with(&format!("TEXT-OF-C{c} ")),
                            "C-{c} shows another record's text: {t}"
                        )
                    }
                    SectionBody::Masked => panic!("reveal-all left a section masked"),
                }
            }
        }
    }
    drop(a1);
    let sup = match session::sign_in(store, "supervisor", &pw(SUPERVISOR_PW)) {
        Ok(s) => s,
        Err(e) => return refuse(&e),
    };
    match sup.verify_audit() {
        Ok(n) => {
            assert!(
                n >= events_before,
                "the audit trail shrank silently: {n} < {events_before}"
            );
            Outcome::Correct
        }
        Err(e) => refuse(&e),
    }
}

fn check(label: &str, path: &Path, events: u64) -> Outcome {
    match catch_unwind(AssertUnwindSafe(|| exercise(path, events))) {
        Ok(Outcome::Refused(msg)) => {
            assert!(!msg.contains('\n'), "{label}: not one line: {msg}");
            assert!(
                !msg.contains("TEXT-OF"),
                "{label}: plaintext in an error: {msg}"
            );
            Outcome::Refused(msg)
        }
        Ok(o) => o,
        Err(p) => {
            let what = p
                .downcast_ref::<String>()
                .cloned()
                .or_else(|| p.downcast_ref::<&str>().map(|s| s.to_string()))
                .unwrap_or_default();
            panic!("{label}: panicked: {what}");
        }
    }
}

#[test]
fn flipped_bytes_anywhere_never_panic_or_mislead() {
    let (f, events) = fixture();
    let original = std::fs::read(&f.path).expect("read");
    let seed: u64 = std::env::var("CASENOTES_CORRUPTION_SEED")
        .ok()
        .and_then(|s| s.parse().ok())
        .unwrap_or(0x5eed_ca5e);
    let mut rng = StdRng::seed_from_u64(seed);
    let copy = f.dir.path().join("damaged.redb");
    let (mut refused, mut correct) = (0, 0);
    for case in 0..300 {
        let mut bytes = original.clone();
        let at = rng.random_range(0..bytes.len());
        bytes[at] ^= 1 << rng.random_range(0..8);
        std::fs::write(&copy, &bytes).expect("write copy");
        match check(
            &format!("seed {seed} case {case}: flip at {at}"),
            &copy,
            events,
        ) {
            Outcome::Refused(_) => refused += 1,
            Outcome::Correct => correct += 1,
        }
    }
    eprintln!("byte flips: {refused} refused, {correct} read back correctly");
    assert_eq!(refused + correct, 300);
}

#[test]
fn zeroed_pages_never_panic_or_mislead() {
    let (f, events) = fixture();
    let original = std::fs::read(&f.path).expect("read");
    let copy = f.dir.path().join("zeroed.redb");
    let pages = original.len() / 4096;
    let (mut refused, mut correct) = (0, 0);
    for page in 0..pages {
        let mut bytes = original.clone();
        bytes[page * 4096..(page + 1) * 4096].fill(0);
        std::fs::write(&copy, &bytes).expect("write copy");
        match check(&format!("zeroed page {page}"), &copy, events) {
            Outcome::Refused(_) => refused += 1,
            Outcome::Correct => correct += 1,
        }
    }
    eprintln!("zeroed pages: {refused} refused, {correct} read back correctly of {pages}");
}
