//! Plain data types and the rules that need no I/O: roles, sensitivity labels, clients, notes,
//! policy and audit events. Nothing here touches a file, a key or a terminal.
//!
//! - `ids`: [`ClientRef`], [`NoteId`], [`UserId`], [`Timestamp`], [`now`], [`format_time`].
//! - `labels`: [`Role`], [`Sensitivity`] and [`SpecialCategory`], [`Channel`], [`NoteStatus`],
//!   [`ClientStatus`].
//! - `records`: [`User`], [`Client`], [`Note`], [`Section`], [`Draft`], [`count_actions`], and
//!   the checks on sections, names, usernames, contact details, dates of birth and reasons with
//!   their limits.
//! - `policy`: [`Policy`] and its settings, [`PolicyKey`].
//! - `audit`: [`AuditAction`] and [`AuditEvent`].
//! - `text`: [`visible`] and [`visible_line`], text as a terminal should show it, and
//!   [`is_hidden`], the characters they escape.

mod audit;
mod ids;
mod labels;
mod policy;
mod records;
mod text;

pub use audit::*;
pub use ids::*;
pub use labels::*;
pub use policy::*;
pub use records::*;
pub use text::*;
