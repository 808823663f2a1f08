//! Sign-in attempts are counted before they are evaluated, so attempts made at once cannot race
//! past the limit: however many wrong passwords arrive together, at most the free attempts are
//! evaluated. (A test binary of its own: it counts the key derivations of the whole process.)

mod common;

use std::sync::{Arc, Barrier, Mutex};
use std::thread;
use std::time::Duration;

use casenotes::session::{self, FREE_ATTEMPTS, SessionError};
use casenotes::vault;
use common::*;

/// The tests here run one at a time: the count of key derivations is the whole process's.
static ONE_AT_A_TIME: Mutex<()> = Mutex::new(());

fn at_once(f: &Fixture, user: &str, passwords: Vec<String>) -> Vec<Result<(), SessionError>> {
    let barrier = Arc::new(Barrier::new(passwords.len()));
    let handles: Vec<_> = passwords
        .into_iter()
        .map(|password| {
            let barrier = Arc::clone(&barrier);
            let path = f.path.clone();
            let user = user.to_string();
            thread::spawn(move || {
                let store = session::open_store(&path)
                    .expect("open")
                    .with_state_dir(state_dir_for(&path));
                barrier.wait();
                session::sign_in(store, &user, &pw(&password)).map(drop)
            })
        })
        .collect();
    handles
        .into_iter()
        .map(|h| h.join().expect("a sign-in thread"))
        .collect()
}

#[test]
fn wrong_passwords_at_once_are_evaluated_at_most_the_free_attempts() {
    let _one = ONE_AT_A_TIME.lock().unwrap_or_else(|e| e.into_inner());
    let f = Fixture::new();
    let before = vault::slot_key_derivations();
    let results = at_once(
        &f,
        "adviser1",
        (0..15).map(|i| format!("wrong guess number {i}")).collect(),
    );
    let evaluated = vault::slot_key_derivations() - before;
    let wrong = results
        .iter()
        .filter(|r| matches!(r, Err(SessionError::BadCredentials)))
        .count();
    let limited = results
        .iter()
        .filter(|r| matches!(r, Err(SessionError::RateLimited(_))))
        .count();
    assert_eq!(wrong + limited, 15, "{results:?}");
    assert!(
        evaluated <= u64::from(FREE_ATTEMPTS),
        "{evaluated} key derivations ran"
    );
    assert_eq!(wrong as u64, evaluated);
    eprintln!("15 wrong passwords at once: {evaluated} evaluated, {limited} refused unevaluated");

    // The right password must wait too; after the wait it opens, and the failures are logged.
    match session::sign_in(
        session::open_store(&f.path)
            .unwrap()
            .with_state_dir(f.state_dir()),
        "adviser1",
        &pw(ADVISER_PW),
    ) {
        Err(SessionError::RateLimited(wait)) => {
            thread::sleep(Duration::from_millis(wait as u64 * 1000 + 200))
        }
        other => panic!("expected a wait, got {other:?}"),
    }
    drop(f.sign_in("adviser1"));
    let events = f.sign_in("supervisor").audit(None).unwrap();
    let failed = events
        .iter()
        .find(|e| e.action == "sign-in-failed" && e.actor == "adviser1")
        .expect("logged");
    assert!(
        failed.detail.starts_with(&format!("{wrong} failed")),
        "{}",
        failed.detail
    );
}

#[test]
fn right_passwords_at_once_all_sign_in() {
    let _one = ONE_AT_A_TIME.lock().unwrap_or_else(|e| e.into_inner());
    let f = Fixture::new();
    let results = at_once(&f, "adviser2", vec![OTHER_PW.to_string(); 8]);
    assert!(results.iter().all(|r| r.is_ok()), "{results:?}");
}
