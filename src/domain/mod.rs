//! Plain data types and the rules that need no I/O: roles, sensitivity labels, clients, notes,
//! policy and audit events. Nothing here touches a file, a key or a terminal.
//!
//! - `ids`: [`ClientRef`], [`NoteId`], [`UserId`], [`Timestamp`], [`now`], [`format_time`].
//! - `labels`: [`Role`], [`Sensitivity`] and [`SpecialCategory`], [`Channel`], [`NoteStatus`],
//!   [`ClientStatus`].
//! - `records`: [`User`], [`Client`] (with a [`NoteEntry`] per note), [`Note`], [`Section`], [`Draft`], and the checks on
//!   sections, names, usernames, contact details, dates of birth and reasons with their limits.
//! - `policy`: [`Policy`] and its settings, [`PolicyKey`]; [`ClientNames`], how a new client's
//!   name is kept; the roles required to have a second factor.
//! - `qr`: [`QrMatrix`], a QR code's modules and their lines of half blocks.
//! - `actions`: [`Action`] (an action agreed with a client), [`OpenAction`], [`Owner`],
//!   [`Done`], and [`parse_action`], which reads one line of a note's "Actions agreed" section
//!   with its due date; [`today`], [`day_of`] and [`count_overdue`].
//! - `consent`: [`Consent`] records, their [`ConsentScope`] and [`ConsentMethod`].
//! - `breach`: the regulator's question about a breach ([`Regulator`], the 72-hour
//!   [`regulator_deadline`] and [`time_left`]), the report to the data protection officer
//!   ([`DpoReport`]), and [`parse_time`], times as both faces read them.
//! - `audit`: [`AuditAction`] and [`AuditEvent`].
//! - `redaction`: which stored sections of a note its redactions cover ([`RedactionMap`]), and
//!   how a correction keeps them.
//! - `export`: [`ClientExport`], everything held about one client for a subject access
//!   request, with its JSON and Markdown forms; [`ExportFormat`].
//! - `text`: [`visible`] and [`visible_line`], text as a terminal should show it, and
//!   [`is_hidden`], the characters they escape.

mod actions;
mod audit;
mod breach;
mod consent;
mod export;
mod ids;
mod labels;
mod policy;
mod qr;
mod records;
mod redaction;
mod text;

pub use actions::*;
pub use audit::*;
pub use breach::*;
pub use consent::*;
pub use export::*;
pub use ids::*;
/// A calendar date (due dates of actions).
pub use jiff::civil::Date;
pub use labels::*;
pub use policy::*;
pub use qr::*;
pub use records::*;
pub use redaction::*;
pub use text::*;
