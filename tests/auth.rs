//! Signing in: wrong password, unknown user, disabled user, rate limiting after repeated
//! failures, and failures reaching the audit trail.

mod common;

use casenotes::session::{self, SessionError};
use common::*;

fn try_sign_in(f: &Fixture, user: &str, password: &str) -> Result<session::Session, SessionError> {
    session::sign_in(
        session::open_store(&f.path)
            .unwrap()
            .with_state_dir(f.state_dir()),
        user,
        &pw(password),
    )
}

#[test]
fn wrong_password_and_unknown_user_give_the_same_answer() {
    let f = Fixture::new();
    let e = try_sign_in(&f, "adviser1", "wrong wrong wrong wrong").unwrap_err();
    assert!(matches!(e, SessionError::BadCredentials), "{e}");
    assert_eq!(e.to_string(), "wrong username or password");
    let e = try_sign_in(&f, "nobody", ADVISER_PW).unwrap_err();
    assert_eq!(e.to_string(), "wrong username or password");
    // The right password still works, and usernames are case-insensitive.
    assert!(try_sign_in(&f, "Adviser1", ADVISER_PW).is_ok());
}

#[test]
fn disabled_user_cannot_sign_in() {
    let f = Fixture::new();
    f.sign_in("admin").disable_user("adviser2").unwrap();
    let e = try_sign_in(&f, "adviser2", OTHER_PW).unwrap_err();
    assert!(matches!(e, SessionError::Disabled(_)), "{e}");
    assert!(e.to_string().contains("disabled"));
    let users = f.sign_in("admin").users().unwrap();
    assert!(users.iter().any(|u| u.name == "adviser2" && u.disabled));
}

#[test]
fn repeated_failures_are_rate_limited_and_logged() {
    let f = Fixture::new();
    for _ in 0..3 {
        let e = try_sign_in(&f, "adviser1", "wrong wrong wrong wrong").unwrap_err();
        assert!(matches!(e, SessionError::BadCredentials));
    }
    // The fourth attempt must wait, even with the right password.
    match try_sign_in(&f, "adviser1", ADVISER_PW) {
        Err(SessionError::RateLimited(wait)) => assert!((1..=2).contains(&wait), "{wait}"),
        other => panic!("expected a wait, got {other:?}"),
    }
    // Unknown names are counted too.
    let _ = try_sign_in(&f, "mallory", "whatever whatever");

    // The failures reach the audit trail at the next successful sign-in.
    let sup = f.sign_in("supervisor");
    let events = sup.audit(None).unwrap();
    let failed = events
        .iter()
        .find(|e| e.action == "sign-in-failed")
        .expect("failed sign-ins logged");
    assert_eq!(failed.actor, "adviser1");
    assert!(failed.detail.starts_with("3 failed"), "{}", failed.detail);
    assert!(events.iter().any(|e| e.action == "sign-in-unknown-user"));
    assert_eq!(sup.verify_audit().unwrap(), events.len() as u64);
}

#[test]
fn waits_grow_after_the_free_attempts() {
    assert_eq!(session::wait_after(3), 2);
    assert_eq!(session::wait_after(6), 16);
    assert_eq!(session::wait_after(100), 300);
}

#[test]
fn weak_passwords_are_refused_for_new_users() {
    let f = Fixture::new();
    let admin = f.sign_in("admin");
    for weak in [
        "short",
        "password12345678",
        "aaaaaaaaaaaaaaaaaaaaaa",
        "qwertyuiopasdfgh",
    ] {
        let e = admin
            .add_user("newbie", casenotes::domain::Role::Adviser, &pw(weak))
            .unwrap_err();
        assert!(matches!(e, SessionError::WeakPassword(_)), "{weak}: {e}");
    }
}

#[test]
fn a_changed_password_replaces_the_old_one() {
    let f = Fixture::new();
    f.sign_in("admin")
        .change_password("adviser1", &pw("saffron kiln puffin mosaic"))
        .unwrap();
    assert!(try_sign_in(&f, "adviser1", ADVISER_PW).is_err());
    assert!(try_sign_in(&f, "adviser1", "saffron kiln puffin mosaic").is_ok());
    // An adviser may not change someone else's password.
    let adv = try_sign_in(&f, "adviser1", "saffron kiln puffin mosaic").unwrap();
    assert!(
        adv.change_password("adviser2", &pw("saffron kiln puffin mosaic"))
            .is_err()
    );
}

#[test]
fn an_unknown_name_is_limited_exactly_as_an_account_is() {
    let f = Fixture::new();
    let known: Vec<String> = (0..4)
        .map(
            |_| match try_sign_in(&f, "adviser1", "wrong wrong wrong wrong") {
                Err(e) => e.to_string(),
                Ok(_) => "signed in".into(),
            },
        )
        .collect();
    let unknown: Vec<String> = (0..4)
        .map(
            |_| match try_sign_in(&f, "nobody-here", "wrong wrong wrong wrong") {
                Err(e) => e.to_string(),
                Ok(_) => "signed in".into(),
            },
        )
        .collect();
    assert_eq!(known[..3], unknown[..3]);
    assert_eq!(unknown[0], "wrong username or password");
    // The fourth attempt must wait, with the same words, whether or not the name exists.
    let strip = |s: &str| s.split(" wait ").next().unwrap_or_default().to_string();
    assert!(known[3].contains("wait"), "{}", known[3]);
    assert!(unknown[3].contains("wait"), "{}", unknown[3]);
    assert_eq!(strip(&known[3]), strip(&unknown[3]));
}
