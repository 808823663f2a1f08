//! Plain data types and the rules that need no I/O: roles, sensitivity labels, clients, notes,
//! policy and audit events. Nothing here touches a file, a key or a terminal.
//!
//! - `ids`: [`ClientRef`], [`NoteId`], [`UserId`], [`Timestamp`], [`now`], [`format_time`].
//! - `labels`: [`Role`], [`Sensitivity`] and [`SpecialCategory`], [`Channel`], [`NoteStatus`],
//!   [`ClientStatus`].
//! - `records`: [`User`], [`Client`], [`Note`], [`Section`], [`Draft`], [`count_actions`], and
//!   the checks on sections, names, usernames and reasons with their `MAX_*` limits.
//! - `policy`: [`Policy`] and its settings, [`PolicyKey`].
//! - `audit`: [`AuditAction`] and [`AuditEvent`].

mod audit;
mod ids;
mod labels;
mod policy;
mod records;

pub use audit::*;
pub use ids::*;
pub use labels::*;
pub use policy::*;
pub use records::*;
