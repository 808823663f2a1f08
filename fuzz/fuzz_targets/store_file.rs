//! Arbitrary bytes as a store file: opening it and signing in must give an error or a session,
//! never a panic.
//!
//! Each input is tried twice. First its bytes are the whole file. Then, because random bytes
//! almost never get past the file header, they are read as edits to a real store (made once per
//! run, its one account `adviser1` with a cheap key-derivation cost so that the fuzzer's time goes
//! to the file, not to Argon2): each 5 bytes are a little-endian offset (modulo the file's
//! length) and a byte XORed in there. Sign-in uses a wrong password, so it reaches the key slot,
//! the derivation and the failure count it writes back.
//!
//! The store turns a panic inside the storage engine into an error (`store::in_guard`); the
//! libFuzzer panic hook would abort on those too, so it is only called for panics outside that
//! guard.

#![no_main]

use std::path::{Path, PathBuf};
use std::sync::LazyLock;
use std::sync::atomic::{AtomicU64, Ordering};

use casenotes::domain::Policy;
use casenotes::session::{self, NewStore};
use casenotes::vault::KdfCost;
use libfuzzer_sys::fuzz_target;
use secrecy::SecretString;

const CHEAP: KdfCost = KdfCost {
    memory_kib: 64,
    passes: 1,
};

/// A file in the temporary directory, removed when dropped.
struct TempFile(PathBuf);

impl TempFile {
    fn new(tag: &str) -> TempFile {
        static NEXT: AtomicU64 = AtomicU64::new(0);
        let n = NEXT.fetch_add(1, Ordering::Relaxed);
        TempFile(std::env::temp_dir().join(format!(
            "casenotes-fuzz-{tag}-{}-{n}.redb",
            std::process::id()
        )))
    }

    fn path(&self) -> &Path {
        &self.0
    }
}

impl Drop for TempFile {
    fn drop(&mut self) {
        let _ = std::fs::remove_file(&self.0);
    }
}

/// The bytes of a small, valid store, and installs the panic hook described above.
static TEMPLATE: LazyLock<Vec<u8>> = LazyLock::new(|| {
    let libfuzzer_hook = std::panic::take_hook();
    std::panic::set_hook(Box::new(move |info| {
        if !casenotes::store::in_guard() {
            libfuzzer_hook(info);
        }
    }));

    let file = TempFile::new("template");
    let session = session::create_store(
        file.path(),
        NewStore {
            admin: "adviser1",
            password: &SecretString::from("quartz lantern ember thistle"),
            kdf: CHEAP,
            policy: Policy::default(),
            demo: false,
        },
    )
    .expect("create the template store");
    drop(session);
    std::fs::read(file.path()).expect("read the template store")
});

fn open_and_sign_in(bytes: &[u8], tag: &str) {
    let file = TempFile::new(tag);
    std::fs::write(file.path(), bytes).expect("write the store file");
    if let Ok(store) = session::open_store(file.path()) {
        let _ = session::sign_in(store, "adviser1", &SecretString::from("x".repeat(20)));
    }
}

fuzz_target!(|data: &[u8]| {
    let template = &*TEMPLATE;

    open_and_sign_in(data, "raw");

    let mut edited = template.clone();
    for edit in data.chunks_exact(5) {
        let at = u32::from_le_bytes([edit[0], edit[1], edit[2], edit[3]]) as usize % edited.len();
        edited[at] ^= edit[4];
    }
    open_and_sign_in(&edited, "edited");
});
