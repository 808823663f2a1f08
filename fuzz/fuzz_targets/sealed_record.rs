//! Arbitrary bytes as a sealed record, and as the plaintext inside one.
//!
//! As sealed bytes they must never open, raw or as any record type. Sealed under the key as a
//! plaintext, they must open back unchanged and decode as each record type to a value or an
//! error, never a panic.

#![no_main]

use std::sync::LazyLock;

use casenotes::domain::{Action, AuditEvent, Client, Draft, Note, Policy, User};
use casenotes::store::table;
use casenotes::vault::{self, Aad, DataKey, VaultError};
use libfuzzer_sys::fuzz_target;

/// The key of this fuzzing process: random, but fixed for the whole run.
static KEY: LazyLock<DataKey> = LazyLock::new(|| DataKey::generate().expect("key"));

const AAD: Aad<'static> = Aad {
    table: table::NOTES,
    id: b"fuzz",
};

fn decodes_or_tampered<T>(r: Result<T, VaultError>) {
    assert!(matches!(r, Ok(_) | Err(VaultError::Tampered)));
}

fuzz_target!(|data: &[u8]| {
    let key = &*KEY;

    assert!(vault::open(key, AAD, data).is_err());
    assert!(vault::open_record::<Note>(key, AAD, data).is_err());
    assert!(vault::open_record::<Client>(key, AAD, data).is_err());
    assert!(vault::open_record::<Draft>(key, AAD, data).is_err());
    assert!(vault::open_record::<AuditEvent>(key, AAD, data).is_err());
    assert!(vault::open_record::<Policy>(key, AAD, data).is_err());
    assert!(vault::open_record::<User>(key, AAD, data).is_err());
    assert!(vault::open_record::<Action>(key, AAD, data).is_err());

    let sealed = vault::seal(key, AAD, data).expect("seal");
    assert_eq!(&vault::open(key, AAD, &sealed).expect("open")[..], data);
    decodes_or_tampered(vault::open_record::<Note>(key, AAD, &sealed));
    decodes_or_tampered(vault::open_record::<Client>(key, AAD, &sealed));
    decodes_or_tampered(vault::open_record::<Draft>(key, AAD, &sealed));
    decodes_or_tampered(vault::open_record::<AuditEvent>(key, AAD, &sealed));
    decodes_or_tampered(vault::open_record::<Policy>(key, AAD, &sealed));
    decodes_or_tampered(vault::open_record::<User>(key, AAD, &sealed));
    decodes_or_tampered(vault::open_record::<Action>(key, AAD, &sealed));
});
