//! The keymap's rows, by part of the app; [`super::BINDINGS`] lists the parts in the order they
//! are searched (a mode's rows keep their order within one part).
//!
//! - [`common`]: everywhere, every signed-in screen, and the main screens.
//! - [`popups`]: boxes over a screen, and the supervisor's smaller screens.
//! - [`admin`]: the administrator's screens, the audit trail, a forced password change.
//! - [`dashboard`]: the supervisor's caseload dashboard.
//! - [`lifecycle`]: a client's case closed, exported and erased past retention.
//! - [`protection`]: a client's disclosures and the breach log, and their forms.
//! - [`factors`]: second factors: the key file's path and code at sign-in and unlock, and
//!   enrolling an authenticator app.

pub mod admin;
pub mod common;
pub mod dashboard;
pub mod factors;
pub mod lifecycle;
pub mod popups;
pub mod protection;
