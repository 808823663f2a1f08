//! Keys of a client's lifecycle: closing the case, exporting it (subject access), and the
//! supervisor's list of clients past retention, where they are erased.

use super::super::*;

pub const LIFECYCLE: &[Binding] = &[
    b!(
        Client,
        &[k('x')],
        Action::CloseCase,
        "x",
        "close the client's case: its retention period starts (logged)"
    ),
    b!(
        Client,
        &[k('X')],
        Action::Export,
        "X",
        "export everything held about the client to a file (supervisors; logged)"
    ),
    b!(
        Client,
        &[k('!')],
        Action::Redact,
        "!",
        "redact the selected section: its text destroyed for good (supervisors; asks why)"
    ),
    b!(
        Caseload,
        &[k('T')],
        Action::Retention,
        "T",
        "clients past retention, to erase (supervisors)"
    ),
    b!(
        Dashboard,
        &[k('T')],
        Action::Retention,
        "T",
        "clients past retention, to erase",
        "retention",
        7
    ),
    // The supervisor's list of clients past retention.
    b!(Retention, UP, Action::Up, "k/↑", "previous client"),
    b!(Retention, DOWN, Action::Down, "j/↓", "next client"),
    b!(Retention, PGUP, Action::PageUp, "PgUp", "page up"),
    b!(Retention, PGDN, Action::PageDown, "PgDn", "page down"),
    b!(Retention, TOP, Action::Top, "g/Home", "first client"),
    b!(Retention, BOTTOM, Action::Bottom, "G/End", "last client"),
    b!(
        Retention,
        &[k('E')],
        Action::Erase,
        "E",
        "erase the selected client for good (type its reference; logged)",
        "erase",
        2
    ),
    b!(
        Retention,
        &[k('r'), ctrl('r')],
        Action::Refresh,
        "r/Ctrl-R",
        "read the list again",
        "refresh",
        5
    ),
    b!(Retention, ESC, Action::Back, "Esc", "back", "back", 3),
    b!(
        Retention,
        QUESTION,
        Action::Help,
        "?",
        "help: the keys here, and what erasure does",
        "help",
        1
    ),
    b!(
        Retention,
        &[k('q'), ctrl('c')],
        Action::Quit,
        "q",
        "quit",
        "quit",
        6
    ),
];
