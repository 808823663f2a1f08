//! Keys of the supervisor's caseload dashboard, and the way back to it from the caseload.

use super::super::*;

pub const DASHBOARD: &[Binding] = &[
    // The caseload dashboard (supervisors), and the way back to it from the caseload.
    b!(Dashboard, UP, Action::Up, "k/↑", "previous adviser"),
    b!(Dashboard, DOWN, Action::Down, "j/↓", "next adviser"),
    b!(Dashboard, PGUP, Action::PageUp, "PgUp", "page up"),
    b!(Dashboard, PGDN, Action::PageDown, "PgDn", "page down"),
    b!(Dashboard, TOP, Action::Top, "g/Home", "first adviser"),
    b!(Dashboard, BOTTOM, Action::Bottom, "G/End", "the totals row"),
    b!(
        Dashboard,
        ENTER,
        Action::Open,
        "Enter",
        "the selected adviser's caseload (the totals row: every client)",
        "caseload",
        2
    ),
    b!(
        Dashboard,
        &[k('r'), ctrl('r')],
        Action::Refresh,
        "r/Ctrl-R",
        "read the figures again now (also done when the store changes)",
        "refresh",
        5
    ),
    b!(
        Dashboard,
        ESC,
        Action::Back,
        "Esc",
        "every client (o brings the dashboard back)",
        "all clients",
        4
    ),
    b!(
        Dashboard,
        QUESTION,
        Action::Help,
        "?",
        "help: the keys here, and what each column counts",
        "help",
        1
    ),
    b!(
        Dashboard,
        &[k('q'), ctrl('c')],
        Action::Quit,
        "q",
        "quit",
        "quit",
        6
    ),
    b!(
        Caseload,
        &[k('o')],
        Action::Dashboard,
        "o",
        "the caseload dashboard: figures per adviser (supervisors)",
        "",
        9
    ),
];
