//! The storage interface behaves the same on both backends: the same rows come back in the
//! same order, a read sees one snapshot, an uncommitted write leaves nothing, writers take
//! turns, and the store is refused where it should be.

mod common;

use std::time::{Duration, Instant};

use casenotes::domain::{ClientRef, UserId};
use casenotes::store::{Location, Store, StoreError, meta};
use common::*;

/// A new, empty store on `b`, with the folder (and cluster) that hold it.
fn empty(b: Backend) -> (tempfile::TempDir, Option<pg::Cluster>, Location, Store) {
    let dir = tempfile::tempdir().expect("tempdir");
    let (at, cluster) = new_location(b, dir.path());
    let at = Location::parse(std::ffi::OsStr::new(&at)).expect("location");
    let store = Store::create_at(&at).expect("create");
    (dir, cluster, at, store)
}

fn the_same_rows_come_back_in_key_order(b: Backend) {
    let (_dir, _c, _at, store) = empty(b);
    let mut w = store.write().expect("write");
    // Written out of order, with keys whose byte order differs from their little-endian order.
    for (c, n) in [(2u64, 1u64), (1, 300), (1, 2), (256, 0), (1, 256)] {
        w.note_put(ClientRef(c), n, format!("note {c}/{n}").as_bytes())
            .expect("put");
    }
    w.change_put(ClientRef(1), 2, 1, b"change").expect("change");
    w.consent_put(ClientRef(1), 7, b"consent").expect("consent");
    w.draft_put(&UserId([9; 16]), ClientRef(1), b"draft")
        .expect("draft");
    w.meta_put("probe", b"one").expect("meta");
    w.commit().expect("commit");

    let r = store.read().expect("read");
    let notes: Vec<u64> = r
        .notes_of(ClientRef(1))
        .expect("notes")
        .into_iter()
        .map(|(n, _)| n)
        .collect();
    assert_eq!(notes, vec![2, 256, 300], "a client's notes, oldest first");
    assert_eq!(
        r.note_keys().expect("keys"),
        vec![
            (ClientRef(1), 2),
            (ClientRef(1), 256),
            (ClientRef(1), 300),
            (ClientRef(2), 1),
            (ClientRef(256), 0)
        ]
    );
    assert_eq!(
        r.note_get(ClientRef(1), 256).expect("get").as_deref(),
        Some(b"note 1/256".as_slice())
    );
    assert_eq!(r.note_get(ClientRef(3), 1).expect("get"), None);
    assert_eq!(r.count_notes().expect("len"), 5);
    assert_eq!(r.counted().expect("counted").notes, 5);
    assert_eq!(
        r.changes_of_note(ClientRef(1), 2).expect("changes"),
        vec![(1, b"change".to_vec())]
    );
    assert_eq!(
        r.consents_of(ClientRef(1)).expect("consents"),
        vec![(7, b"consent".to_vec())]
    );
    assert_eq!(r.drafts_of(&UserId([9; 16])).expect("drafts").len(), 1);
    assert_eq!(
        r.meta_get("probe").expect("meta").as_deref(),
        Some(b"one".as_slice())
    );
    drop(r);

    // Replacing keeps one row; removing takes it away and the length follows.
    let mut w = store.write().expect("write");
    w.note_put(ClientRef(1), 2, b"replaced").expect("put");
    w.draft_remove(&UserId([9; 16]), ClientRef(1))
        .expect("remove");
    let erased = w.erase_client_rows(ClientRef(2)).expect("erase");
    assert_eq!(erased.notes, vec![1]);
    w.commit().expect("commit");
    let r = store.read().expect("read");
    assert_eq!(r.count_notes().expect("len"), 4);
    assert_eq!(r.counted().expect("counted").notes, 4);
    assert!(r.drafts_of(&UserId([9; 16])).expect("drafts").is_empty());
    assert_eq!(
        r.note_get(ClientRef(1), 2).expect("get").as_deref(),
        Some(b"replaced".as_slice())
    );
}

fn a_read_sees_one_snapshot_and_an_uncommitted_write_leaves_nothing(b: Backend) {
    let (_dir, _c, _at, store) = empty(b);
    let mut w = store.write().expect("write");
    w.client_put(ClientRef(1), b"first").expect("put");
    w.commit().expect("commit");

    let snapshot = store.read().expect("read");
    assert_eq!(snapshot.client_refs().expect("refs"), vec![ClientRef(1)]);
    let mut w = store.write().expect("write");
    w.client_put(ClientRef(2), b"second").expect("put");
    w.commit().expect("commit");
    assert_eq!(
        snapshot.client_refs().expect("refs"),
        vec![ClientRef(1)],
        "a snapshot does not change under its reader"
    );
    drop(snapshot);

    let mut w = store.write().expect("write");
    w.client_put(ClientRef(3), b"never").expect("put");
    w.meta_put(meta::DEMO, b"never").expect("meta");
    drop(w);
    let r = store.read().expect("read");
    assert_eq!(
        r.client_refs().expect("refs"),
        vec![ClientRef(1), ClientRef(2)]
    );
    assert_eq!(r.count_clients().expect("len"), 2);
    assert_eq!(r.meta_get(meta::DEMO).expect("meta"), None);
}

fn writers_take_turns(b: Backend) {
    let (_dir, _c, _at, store) = empty(b);
    let w = store.write().expect("write");
    // Threads of one process share its handle (other processes: tests/concurrency.rs and
    // tests/postgres.rs).
    let other = store.clone();
    let waited = std::thread::scope(|s| {
        let h = s.spawn(|| {
            let t = Instant::now();
            let mut w2 = other.write().expect("second writer");
            let waited = t.elapsed();
            w2.meta_put("second", b"2").expect("put");
            w2.commit().expect("commit");
            waited
        });
        std::thread::sleep(Duration::from_millis(300));
        drop(w);
        h.join().expect("join")
    });
    assert!(
        waited >= Duration::from_millis(250),
        "the second writer began while the first was open ({waited:?})"
    );
    let r = store.read().expect("read");
    assert!(r.meta_get("second").expect("meta").is_some());
}

fn a_second_store_in_the_same_place_is_refused(b: Backend) {
    let (_dir, _c, at, store) = empty(b);
    drop(store);
    let e = Store::create_at(&at).expect_err("a second store");
    let text = e.to_string();
    match b {
        Backend::Redb => assert!(matches!(e, StoreError::Exists(_)), "{text}"),
        Backend::Postgres => assert!(text.contains("already holds a casenotes store"), "{text}"),
    }
    assert!(Store::open_at(&at).is_ok());
}

fn a_copy_holds_every_row_and_its_lengths_agree(b: Backend) {
    let dir = tempfile::tempdir().expect("tempdir");
    let source = Store::create(&dir.path().join("source.redb")).expect("source");
    let mut w = source.write().expect("write");
    // More rows than one batch of a copy, over several clients.
    for i in 0..2_500u64 {
        w.note_put(ClientRef(1 + i % 7), i, &i.to_le_bytes())
            .expect("put");
    }
    w.commit().expect("commit");
    // A copy goes into a store with nothing in it: the empty store made here is set aside.
    let (_dir, _c, at, store) = empty(b);
    let at = match at {
        Location::File(p) => Location::File(p.with_extension("copy.redb")),
        other => {
            store.abandon_copy().expect("drop the empty store");
            other
        }
    };
    let copy = Store::create_copy_at(&at).expect("copy store");
    let r = source.read().expect("read");
    let copied = r.copy_into(&copy, &mut |_| {}).expect("copy");
    assert!(copied.rows >= 2_500);
    let c = copy.read().expect("read");
    assert_eq!(r.first_difference(&c).expect("compare"), None);
    assert_eq!(c.count_notes().expect("len"), 2_500);
    assert_eq!(
        c.counted().expect("counted"),
        c.held_counts().expect("held")
    );
}

on_both_backends!(
    a_copy_holds_every_row_and_its_lengths_agree,
    the_same_rows_come_back_in_key_order,
    a_read_sees_one_snapshot_and_an_uncommitted_write_leaves_nothing,
    writers_take_turns,
    a_second_store_in_the_same_place_is_refused,
);
