//! Keys follow membership: administrators never reach the case keys; a new account, and one
//! whose password an administrator reset, waits for a supervisor to confirm it; a disabled
//! account's records put back open nothing written after it was disabled; a damaged key slot says
//! the store is damaged. The file is read and altered with the public redb crate and the vault's
//! own functions, as someone holding it would.

mod common;

use casenotes::domain::{Note, Role, Sensitivity, UserId};
use casenotes::session::{self, Operation, SessionError};
use casenotes::store::{SlotRecord, StoreError, meta, table};
use casenotes::vault::{self, Aad, AccountSeed, CaseRing, DataKeys};
use common::tamper::Tamper;
use common::*;

const EVE_PW: &str = "marigold velvet zephyr icicle";
const NEW_PW: &str = "pumice rhubarb sorrel tundra";
const SUP2_PW: &str = "lichen quill vellum osprey";
const OWN_PW: &str = "thimble orchard cobalt lantern";

fn try_sign_in(f: &Fixture, user: &str, password: &str) -> Result<session::Session, SessionError> {
    session::sign_in(
        session::open_store(&f.path)
            .unwrap()
            .with_state_dir(f.state_dir()),
        user,
        &pw(password),
    )
}

fn unconfirmed<T: std::fmt::Debug>(r: Result<T, SessionError>, name: &str) {
    match r {
        Err(e @ SessionError::Unconfirmed(_)) => assert_eq!(
            e.to_string(),
            format!(
                "your account is waiting for a supervisor to confirm it: `casenotes user confirm {name}`"
            )
        ),
        other => panic!("expected to wait for confirmation, got {other:?}"),
    }
}

fn damaged<T: std::fmt::Debug>(r: Result<T, SessionError>) {
    match r {
        Err(e @ SessionError::Store(StoreError::Corrupt)) => assert_eq!(
            e.to_string(),
            "the store is damaged or was altered; restore it from a backup"
        ),
        other => panic!("expected 'damaged', got {other:?}"),
    }
}

/// The stored forms: a little-endian epoch or key index, then the sealed bytes.
fn split(stored: &[u8]) -> (u32, &[u8]) {
    let (n, rest) = stored.split_at(4);
    (u32::from_le_bytes(n.try_into().unwrap()), rest)
}

/// Opens `user`'s grant with `seed`, as the vault's functions allow; `None` if it does not open.
fn open_grant(t: &Tamper, seed: &AccountSeed, user: &UserId) -> Option<CaseRing> {
    let stored = t.row(table::GRANTS, &user.0)?;
    let (epoch, sealed) = split(&stored);
    let mut id = user.0.to_vec();
    id.extend_from_slice(&epoch.to_le_bytes());
    vault::open_grant(
        seed,
        Aad {
            table: table::GRANTS,
            id: &id,
        },
        sealed,
    )
    .ok()
}

/// Opens a client's stored data keys with a ring, if the ring holds the epoch that sealed them.
fn open_client_keys(ring: &CaseRing, r: u64, stored: &[u8]) -> Option<DataKeys> {
    let (epoch, sealed) = split(stored);
    let mut id = r.to_be_bytes().to_vec();
    id.extend_from_slice(&epoch.to_le_bytes());
    vault::unwrap_data_keys(
        ring.key(epoch)?,
        Aad {
            table: table::CLIENT_KEYS,
            id: &id,
        },
        sealed,
    )
    .ok()
}

/// Tries every key of `keys` on a stored note; the text of its first section if one opens it.
fn open_note(keys: &DataKeys, r: u64, n: u64, stored: &[u8]) -> Option<String> {
    let (index, sealed) = split(stored);
    let mut id = r.to_be_bytes().to_vec();
    id.extend_from_slice(&n.to_be_bytes());
    id.extend_from_slice(&index.to_le_bytes());
    let aad = Aad {
        table: table::NOTES,
        id: &id,
    };
    (0..keys.len() as u32).find_map(|i| {
        let note: Note = vault::open_record(keys.get(i).ok()?, aad, sealed).ok()?;
        Some(note.sections[0].text.clone())
    })
}

#[test]
fn an_administrator_reaches_no_case_key() {
    let f = Fixture::new();
    let a1 = f.sign_in("adviser1");
    let r = client(&a1, "Pat Example");
    let n = note(
        &a1,
        r,
        vec![section("Health", health(), "NOT-FOR-ADMINISTRATORS")],
    );
    drop(a1);

    // Through the app: nothing that needs the case keys, and no way to get them.
    let admin = f.sign_in("admin");
    assert!(!admin.is_confirmed());
    for op in [
        Operation::ReadClients,
        Operation::ReadNotes,
        Operation::AddClients,
        Operation::ConfirmUsers,
    ] {
        assert!(
            matches!(admin.may(op), Err(SessionError::Forbidden(_))),
            "{op:?}"
        );
    }
    assert!(matches!(
        admin.confirm_user("adviser1"),
        Err(SessionError::Forbidden(_))
    ));
    assert!(matches!(
        admin.save_draft(&casenotes::domain::Draft {
            client: r,
            channel: casenotes::domain::Channel::Phone,
            sections: vec![],
            saved_at: 0,
            purpose: Default::default(),
        }),
        Err(SessionError::Forbidden(_))
    ));
    // An administrator may add a supervisor with a password of their choosing; it holds
    // nothing until a supervisor confirms it.
    admin
        .add_user("mallory", Role::Supervisor, &pw(SUP2_PW))
        .unwrap();
    drop(admin);
    let mallory = try_sign_in(&f, "mallory", SUP2_PW).unwrap();
    unconfirmed(mallory.clients(true), "mallory");
    unconfirmed(mallory.confirm_user("mallory"), "mallory");
    drop(mallory);

    // With the vault's functions on the file: the administrator's slot gives the office key and
    // a seed, and neither opens any grant, client key, client or note.
    let t = Tamper::open(&f.path);
    for who in [("admin", ADMIN_PW), ("mallory", SUP2_PW)] {
        let (office, seed, id) = t.open_slot(who.0, who.1);
        assert!(t.row(table::GRANTS, &id.0).is_none(), "{}: a grant", who.0);
        let grants = t.rows(table::GRANTS);
        assert_eq!(grants.len(), 3, "the supervisor and the two advisers");
        for (k, _) in &grants {
            let holder = UserId(k.as_slice().try_into().unwrap());
            assert!(open_grant(&t, &seed, &holder).is_none(), "{}", who.0);
        }
        let keys = t.client_keys(r.0).unwrap();
        let (epoch, sealed) = split(&keys);
        let mut id = r.0.to_be_bytes().to_vec();
        id.extend_from_slice(&epoch.to_le_bytes());
        assert!(
            vault::open(
                &office,
                Aad {
                    table: table::CLIENT_KEYS,
                    id: &id
                },
                sealed
            )
            .is_err()
        );
        let stored = t.note(r.0, n.0).unwrap();
        let (index, sealed) = split(&stored);
        let mut id = r.0.to_be_bytes().to_vec();
        id.extend_from_slice(&n.0.to_be_bytes());
        id.extend_from_slice(&index.to_le_bytes());
        assert!(
            vault::open(
                &office,
                Aad {
                    table: table::NOTES,
                    id: &id
                },
                sealed
            )
            .is_err()
        );
    }
    // The supervisor's slot, by contrast, reaches the note: the test reads what it claims to.
    let (_, seed, id) = t.open_slot("supervisor", SUPERVISOR_PW);
    let ring = open_grant(&t, &seed, &id).expect("the supervisor's grant");
    let keys = open_client_keys(&ring, r.0, &t.client_keys(r.0).unwrap()).unwrap();
    assert_eq!(
        open_note(&keys, r.0, n.0, &t.note(r.0, n.0).unwrap()).as_deref(),
        Some("NOT-FOR-ADMINISTRATORS")
    );
}

#[test]
fn a_supervisor_an_administrator_adds_sees_no_client_until_confirmed() {
    let f = Fixture::new();
    let r = client(&f.sign_in("adviser1"), "Pat Example");
    f.sign_in("admin")
        .add_user("sup2", Role::Supervisor, &pw(SUP2_PW))
        .unwrap();

    let sup2 = try_sign_in(&f, "sup2", SUP2_PW).unwrap();
    assert!(!sup2.is_confirmed());
    unconfirmed(sup2.may(Operation::ReadClients), "sup2");
    unconfirmed(sup2.clients(true), "sup2");
    unconfirmed(sup2.open_client(r, None, session::Reveal::Nothing), "sup2");
    unconfirmed(
        sup2.add_client(session::NewClient {
            name: "Someone".into(),
            date_of_birth: None,
            contact: None,
            adviser: None,
        }),
        "sup2",
    );
    unconfirmed(sup2.confirm_user("adviser1"), "sup2");
    // The audit trail stays readable, without stated reasons.
    assert!(sup2.audit(None).unwrap().iter().all(|e| e.reason.is_none()));
    drop(sup2);

    let sup = f.sign_in("supervisor");
    let waiting: Vec<String> = sup
        .awaiting_confirmation()
        .unwrap()
        .into_iter()
        .map(|u| u.name)
        .collect();
    assert_eq!(waiting, ["sup2"]);
    assert!(
        sup.users()
            .unwrap()
            .iter()
            .any(|u| u.name == "sup2" && u.awaiting_confirmation && !u.disabled)
    );
    assert!(matches!(
        sup.confirm_user("admin"),
        Err(SessionError::Invalid(_))
    ));
    sup.confirm_user("sup2").unwrap();
    assert!(sup.awaiting_confirmation().unwrap().is_empty());
    let e = sup.confirm_user("sup2").unwrap_err();
    assert_eq!(e.to_string(), "'sup2' is already confirmed");
    let events = sup.audit(None).unwrap();
    let confirmed = events
        .iter()
        .rev()
        .find(|e| e.action == "user-confirmed")
        .expect("logged");
    assert_eq!(
        (confirmed.actor.as_str(), confirmed.detail.as_str()),
        ("supervisor", "sup2")
    );
    drop(sup);

    // From its next sign-in, the new supervisor reads every client.
    let sup2 = try_sign_in(&f, "sup2", SUP2_PW).unwrap();
    assert!(sup2.is_confirmed());
    assert_eq!(sup2.clients(true).unwrap()[0].reference, r);
}

#[test]
fn an_administrators_password_reset_takes_the_case_keys_away() {
    let f = Fixture::new();
    let a1 = f.sign_in("adviser1");
    let r = client(&a1, "Pat Example");
    note(
        &a1,
        r,
        vec![section("Query", Sensitivity::Ordinary, "rent")],
    );
    drop(a1);
    let t = Tamper::open(&f.path);
    let (_, _, adviser1) = t.open_slot("adviser1", ADVISER_PW);
    assert!(t.row(table::GRANTS, &adviser1.0).is_some());

    let admin = f.sign_in("admin");
    admin.change_password("adviser1", &pw(NEW_PW)).unwrap();
    assert!(
        t.row(table::GRANTS, &adviser1.0).is_none(),
        "the grant is gone"
    );
    // The new password signs in, to an account that must first choose its own password, and
    // then waits for a supervisor.
    let a1 = try_sign_in(&f, "adviser1", NEW_PW).unwrap();
    assert!(a1.must_change_password());
    assert!(matches!(
        a1.clients(false),
        Err(SessionError::MustChangePassword(_))
    ));
    a1.change_password("adviser1", &pw(OWN_PW)).unwrap();
    assert!(!a1.must_change_password());
    unconfirmed(a1.clients(false), "adviser1");
    unconfirmed(
        a1.open_client(r, None, session::Reveal::Nothing),
        "adviser1",
    );
    drop(a1);
    assert!(
        admin
            .users()
            .unwrap()
            .iter()
            .any(|u| u.name == "adviser1" && u.awaiting_confirmation)
    );
    // The supervisor who alone holds the case keys can be neither reset nor disabled.
    for e in [
        admin
            .change_password("supervisor", &pw(NEW_PW))
            .unwrap_err(),
        admin.disable_user("supervisor").unwrap_err(),
    ] {
        assert!(
            e.to_string()
                .starts_with("'supervisor' is the only supervisor holding the case keys"),
            "{e}"
        );
    }
    drop(admin);

    // Confirmed again, the adviser reads the client; the keys were rotated first.
    let sup = f.sign_in("supervisor");
    assert_eq!(
        sup.awaiting_confirmation().unwrap()[0].name,
        "adviser1".to_string()
    );
    sup.confirm_user("adviser1").unwrap();
    let events = sup.audit(None).unwrap();
    assert!(
        events
            .iter()
            .any(|e| e.action == "keys-rotated" && e.detail == "epoch 2")
    );
    drop(sup);
    let a1 = try_sign_in(&f, "adviser1", OWN_PW).unwrap();
    let view = a1.open_client(r, None, session::Reveal::Nothing).unwrap();
    assert_eq!(view.notes.len(), 1);
}

#[test]
fn a_disabled_accounts_records_put_back_open_nothing_written_since() {
    let f = Fixture::new();
    f.sign_in("admin")
        .add_user("eve", Role::Adviser, &pw(EVE_PW))
        .unwrap();
    f.confirm("eve");
    let a1 = f.sign_in("adviser1");
    let r = client(&a1, "Pat Example");
    let before = note(
        &a1,
        r,
        vec![section("Health", health(), "WRITTEN-BEFORE-THE-DISABLE")],
    );
    drop(a1);
    // Eve can read the client while she is a member (breaking the glass).
    let eve = try_sign_in(&f, "eve", EVE_PW).unwrap();
    eve.open_client(r, Some("covering today"), session::Reveal::Nothing)
        .unwrap();
    drop(eve);

    // A copy of every record of Eve's, and of the client's keys, before she is disabled.
    let t = Tamper::open(&f.path);
    let lookup = t.lookup("eve");
    let (_, _, eve_id) = t.open_slot("eve", EVE_PW);
    let old_slot = t.row(table::SLOTS, &lookup).unwrap();
    let old_user = t.row(table::USERS, &eve_id.0).unwrap();
    let old_grant = t.row(table::GRANTS, &eve_id.0).unwrap();
    let old_keys = t.client_keys(r.0).unwrap();
    let old_roster = t.meta(meta::ROSTER).unwrap();
    let old_head = t.meta(meta::AUDIT_HEAD).unwrap();

    f.sign_in("admin").disable_user("eve").unwrap();
    let a1 = f.sign_in("adviser1");
    let after = note(
        &a1,
        r,
        vec![section("Health", health(), "WRITTEN-AFTER-THE-DISABLE")],
    );
    drop(a1);
    // The note written after says which of the client's data keys sealed it: the new one.
    assert_eq!(split(&t.note(r.0, after.0).unwrap()).0, 1);
    assert_eq!(split(&t.note(r.0, before.0).unwrap()).0, 0);

    // Eve's records put back: the roster says she is disabled.
    t.set_row(table::SLOTS, &lookup, Some(&old_slot));
    t.set_row(table::USERS, &eve_id.0, Some(&old_user));
    t.set_row(table::GRANTS, &eve_id.0, Some(&old_grant));
    match try_sign_in(&f, "eve", EVE_PW) {
        Err(e @ SessionError::Disabled(_)) => {
            assert_eq!(
                e.to_string(),
                "the account 'eve' is disabled; ask an administrator"
            )
        }
        other => panic!("expected 'disabled', got {other:?}"),
    }
    assert!(
        f.sign_in("admin")
            .users()
            .unwrap()
            .iter()
            .any(|u| u.name == "eve" && u.disabled)
    );
    // The roster from before put back as well: it disagrees with the audit head.
    t.put_meta(meta::ROSTER, Some(&old_roster));
    damaged(try_sign_in(&f, "eve", EVE_PW));
    damaged(try_sign_in(&f, "adviser1", ADVISER_PW));
    // And the head from before: it disagrees with the audit events written after it.
    t.put_meta(meta::AUDIT_HEAD, Some(&old_head));
    match try_sign_in(&f, "eve", EVE_PW) {
        Err(SessionError::AuditBroken(_)) => {}
        other => panic!("expected a broken audit trail, got {other:?}"),
    }

    // With her old password and the vault's functions on the file, Eve gets the ring she held.
    let (_, seed, id) = t.open_slot("eve", EVE_PW);
    let ring = open_grant(&t, &seed, &id).expect("her old grant opens: it is what she held");
    assert_eq!(ring.newest_epoch(), 1);
    // The client's keys are now sealed under an epoch she never held.
    let now_keys = t.client_keys(r.0).unwrap();
    assert_eq!(split(&now_keys).0, 2);
    assert!(open_client_keys(&ring, r.0, &now_keys).is_none());
    // The client's keys from before put back open, with the one data key the client had then:
    // what was written before opens, what was written after does not.
    t.set_client_keys(r.0, &old_keys);
    let keys = open_client_keys(&ring, r.0, &old_keys).expect("the old keys open");
    assert_eq!(keys.len(), 1);
    assert_eq!(
        open_note(&keys, r.0, before.0, &t.note(r.0, before.0).unwrap()).as_deref(),
        Some("WRITTEN-BEFORE-THE-DISABLE")
    );
    assert_eq!(
        open_note(&keys, r.0, after.0, &t.note(r.0, after.0).unwrap()),
        None
    );
}

#[test]
fn an_older_grant_put_back_is_refused() {
    let f = Fixture::new();
    let t = Tamper::open(&f.path);
    let (_, _, adviser2) = t.open_slot("adviser2", OTHER_PW);
    let old = t.row(table::GRANTS, &adviser2.0).unwrap();
    // A rotation: adviser1 loses the keys, the supervisor writes.
    f.sign_in("admin")
        .change_password("adviser1", &pw(NEW_PW))
        .unwrap();
    client(&f.sign_in("supervisor"), "Written After");
    let now = t.row(table::GRANTS, &adviser2.0).unwrap();
    assert_eq!((split(&old).0, split(&now).0), (1, 2));
    t.set_row(table::GRANTS, &adviser2.0, Some(&old));
    damaged(try_sign_in(&f, "adviser2", OTHER_PW));
    t.set_row(table::GRANTS, &adviser2.0, Some(&now));
    assert_eq!(
        try_sign_in(&f, "adviser2", OTHER_PW)
            .unwrap()
            .clients(true)
            .unwrap()
            .len(),
        1
    );
}

#[test]
fn an_older_client_key_list_put_back_is_refused() {
    let f = Fixture::new();
    let r = client(&f.sign_in("adviser1"), "Untouched Since");
    let t = Tamper::open(&f.path);
    let old = t.client_keys(r.0).unwrap();
    // A rotation, and no write to the client since: its record is still sealed under the data
    // key the old list holds.
    f.sign_in("admin").disable_user("adviser2").unwrap();
    drop(f.sign_in("supervisor"));
    assert_eq!(split(&t.client_keys(r.0).unwrap()).0, 2);
    // Put back, the old list would have the next note sealed under a key a copy holds.
    t.set_client_keys(r.0, &old);
    let a1 = f.sign_in("adviser1");
    damaged(a1.open_client(r, None, session::Reveal::Nothing));
    damaged(a1.add_note(
        r,
        session::NewNote {
            channel: casenotes::domain::Channel::Phone,
            contact_at: None,
            sections: vec![section("Query", Sensitivity::Ordinary, "text")],
        },
        None,
    ));
    damaged(a1.clients(false));
}

#[test]
fn a_member_who_changes_their_own_password_keeps_the_keys_under_a_new_key_pair() {
    let f = Fixture::new();
    let r = client(&f.sign_in("adviser1"), "Pat Example");
    let t = Tamper::open(&f.path);
    let (_, old_seed, id) = t.open_slot("adviser1", ADVISER_PW);
    let a1 = f.sign_in("adviser1");
    a1.change_password("adviser1", &pw(NEW_PW)).unwrap();
    // The session goes on working; the old key pair opens the grant no more.
    assert_eq!(a1.clients(false).unwrap()[0].reference, r);
    drop(a1);
    assert!(open_grant(&t, &old_seed, &id).is_none());
    let (_, seed, _) = t.open_slot("adviser1", NEW_PW);
    let ring = open_grant(&t, &seed, &id).expect("the new key pair opens it");
    assert_eq!(ring.newest_epoch(), 1);
    // The next write by a member (here the sign-in) rotates the keys.
    let a1 = try_sign_in(&f, "adviser1", NEW_PW).unwrap();
    assert_eq!(a1.clients(false).unwrap()[0].reference, r);
    let ring = open_grant(&t, &seed, &id).expect("the new key pair opens it");
    assert_eq!(ring.newest_epoch(), 2, "the keys were rotated");
    assert!(matches!(
        try_sign_in(&f, "adviser1", ADVISER_PW),
        Err(SessionError::BadCredentials)
    ));
}

#[test]
fn a_damaged_key_slot_says_the_store_is_damaged() {
    let f = Fixture::new();
    let t = Tamper::open(&f.path);
    let lookup = t.lookup("adviser1");
    let good = t.row(table::SLOTS, &lookup).unwrap();

    // Bytes that are no slot at all.
    t.set_row(table::SLOTS, &lookup, Some(&[0xff; 7]));
    damaged(try_sign_in(&f, "adviser1", ADVISER_PW));
    // A slot whose sealed part is cut short, or too long.
    let slot = SlotRecord::decode(&good).unwrap();
    for change in [-1isize, 1, -40] {
        let mut s = slot.clone();
        let mut w = s.wrapped_keys.clone().unwrap();
        if change < 0 {
            w.truncate(w.len() - change.unsigned_abs());
        } else {
            w.push(0);
        }
        s.wrapped_keys = Some(w);
        t.set_row(
            table::SLOTS,
            &lookup,
            Some(&postcard::to_allocvec(&s).unwrap()),
        );
        damaged(try_sign_in(&f, "adviser1", ADVISER_PW));
    }
    // A slot of the right shape that does not open is a wrong password: the two cannot be told
    // apart.
    let mut s = slot.clone();
    let mut w = s.wrapped_keys.clone().unwrap();
    w[30] ^= 1;
    s.wrapped_keys = Some(w);
    t.set_row(
        table::SLOTS,
        &lookup,
        Some(&postcard::to_allocvec(&s).unwrap()),
    );
    assert!(matches!(
        try_sign_in(&f, "adviser1", ADVISER_PW),
        Err(SessionError::BadCredentials)
    ));
    // Its sealed part put back, it opens (the failure above was counted, not the damaged ones).
    let mut s = SlotRecord::decode(&t.row(table::SLOTS, &lookup).unwrap()).unwrap();
    s.wrapped_keys = slot.wrapped_keys.clone();
    t.set_row(
        table::SLOTS,
        &lookup,
        Some(&postcard::to_allocvec(&s).unwrap()),
    );
    let a1 = try_sign_in(&f, "adviser1", ADVISER_PW).unwrap();
    drop(a1);
    let failed: Vec<_> = f
        .sign_in("supervisor")
        .audit(None)
        .unwrap()
        .into_iter()
        .filter(|e| e.action == "sign-in-failed")
        .map(|e| e.detail)
        .collect();
    assert_eq!(failed.len(), 1);
    assert!(failed[0].starts_with("1 failed"), "{failed:?}");
}

#[test]
fn correcting_a_client_or_revealing_details_rotates_keys_that_are_due_first() {
    let f = Fixture::new();
    let a1 = f.sign_in("adviser1");
    let r = client(&a1, "Edited After");
    let t = Tamper::open(&f.path);
    assert_eq!(split(&t.client_keys(r.0).unwrap()).0, 1);
    // adviser2 loses the keys while adviser1's session is open: a rotation is due.
    f.sign_in("admin").disable_user("adviser2").unwrap();
    a1.edit_client(
        r,
        session::ClientEdit {
            name: Some("Edited After Rotation".into()),
            ..Default::default()
        },
        None,
    )
    .unwrap();
    // The correction was sealed after the rotation, not under keys a copy of adviser2's holds.
    assert_eq!(split(&t.client_keys(r.0).unwrap()).0, 2);
}
