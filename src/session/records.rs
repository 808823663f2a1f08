//! Where each kind of record is sealed: the associated data that binds a sealed record to its
//! table and id, so that records cannot be swapped undetected. (Records sealed under the case
//! keys or a client's data keys also bind the epoch or key index that sealed them: see `keys`.)

use crate::domain::{ClientRef, UserId};
use crate::store::{meta, table};
use crate::vault::Aad;

pub(super) fn user_aad(id: &UserId) -> Aad<'_> {
    Aad {
        table: table::USERS,
        id: &id.0,
    }
}

pub(super) fn policy_aad() -> Aad<'static> {
    Aad {
        table: table::META,
        id: meta::POLICY.as_bytes(),
    }
}

pub(super) fn head_aad() -> Aad<'static> {
    Aad {
        table: table::META,
        id: meta::AUDIT_HEAD.as_bytes(),
    }
}

pub(super) fn note_id_bytes(client: ClientRef, note: u64) -> [u8; 16] {
    let mut b = [0u8; 16];
    b[..8].copy_from_slice(&client.0.to_be_bytes());
    b[8..].copy_from_slice(&note.to_be_bytes());
    b
}
