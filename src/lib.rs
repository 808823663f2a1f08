//! casenotes: encrypted, keyboard-driven case notes for Information, Advice and Guidance
//! advisers.
//!
//! Layers, each knowing only those below it:
//!
//! - [`cli`]: the command line (clap). A thin face over [`session`].
//! - [`tui`]: the terminal app (ratatui). Another thin face over [`session`].
//! - [`session`]: the one door. Sign-in, every use case, access rules and the audit trail.
//! - [`store`]: the redb file; sealed bytes and non-identifying keys only.
//! - [`vault`]: key derivation, key slots, the case key ring and its grants, sealing records, the
//!   audit chain's MAC.
//! - [`domain`]: plain types and rules (clients, notes, sections, sensitivity, roles, policy).
//! - [`hardening`]: no core dumps, not dumpable; done first thing in `main`.
//! - [`seed`]: synthetic caseloads for demos and benchmarks, written through [`session`].

pub mod cli;
pub mod domain;
pub mod hardening;
pub mod seed;
pub mod session;
pub mod store;
pub mod tui;
pub mod vault;
