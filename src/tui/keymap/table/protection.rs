//! Keys of the data-protection records: a client's disclosures and their form, the breach log
//! (the supervisor's screen and the administrator's tab) and its form, and the keys that open
//! them from the client screen, the caseload and the dashboard.

use super::super::*;

pub const PROTECTION: &[Binding] = &[
    // Opening them.
    b!(
        Client,
        &[k('D')],
        Action::ClientDisclosures,
        "D",
        "the client's disclosures: to whom, what, on which lawful basis; record one (logged)",
        "",
        9
    ),
    b!(
        Caseload,
        &[k('b')],
        Action::BreachLog,
        "b",
        "the breach log (supervisors and administrators)",
        "",
        9
    ),
    b!(
        Dashboard,
        &[k('b')],
        Action::BreachLog,
        "b",
        "the breach log",
        "breaches",
        5
    ),
    // A client's disclosures.
    b!(Disclosures, UP, Action::Up, "k/↑", "previous disclosure"),
    b!(Disclosures, DOWN, Action::Down, "j/↓", "next disclosure"),
    b!(Disclosures, TOP, Action::Top, "g/Home", "first disclosure"),
    b!(
        Disclosures,
        BOTTOM,
        Action::Bottom,
        "G/End",
        "last disclosure"
    ),
    b!(
        Disclosures,
        &[k('a')],
        Action::Record,
        "a",
        "record a disclosure: to whom, what, the lawful basis (logged)",
        "record",
        3
    ),
    b!(Disclosures, ESC, Action::Back, "Esc", "close", "close", 2),
    b!(
        Disclosures,
        QUESTION,
        Action::Help,
        "?",
        "help: the keys here",
        "help",
        1
    ),
    // Typing a disclosure.
    b!(
        DisclosureForm,
        &[code(KeyCode::Tab), code(KeyCode::Down)],
        Action::NextField,
        "Tab/↓",
        "next field",
        "next",
        4
    ),
    b!(
        DisclosureForm,
        &[code(KeyCode::BackTab), code(KeyCode::Up)],
        Action::PrevField,
        "Shift-Tab/↑",
        "previous field"
    ),
    b!(
        DisclosureForm,
        &[code(KeyCode::Left)],
        Action::PrevChoice,
        "←",
        "previous lawful basis (on the Basis field)"
    ),
    b!(
        DisclosureForm,
        &[code(KeyCode::Right)],
        Action::NextChoice,
        "→",
        "next lawful basis (on the Basis field; Space too)",
        "basis",
        5
    ),
    b!(
        DisclosureForm,
        ENTER,
        Action::Open,
        "Enter",
        "next field; on the last, record it"
    ),
    b!(
        DisclosureForm,
        &[ctrl('s')],
        Action::Save,
        "Ctrl-S",
        "record it (logged)",
        "record",
        2
    ),
    b!(
        DisclosureForm,
        ESC,
        Action::Back,
        "Esc",
        "cancel (what is typed is dropped)",
        "cancel",
        2
    ),
    // The breach log: the supervisor's screen.
    b!(Breaches, UP, Action::Up, "k/↑", "previous breach"),
    b!(Breaches, DOWN, Action::Down, "j/↓", "next breach"),
    b!(Breaches, PGUP, Action::PageUp, "PgUp", "page up"),
    b!(Breaches, PGDN, Action::PageDown, "PgDn", "page down"),
    b!(Breaches, TOP, Action::Top, "g/Home", "first breach"),
    b!(Breaches, BOTTOM, Action::Bottom, "G/End", "last breach"),
    b!(
        Breaches,
        &[k('a')],
        Action::Record,
        "a",
        "record a breach (logged)",
        "record",
        3
    ),
    b!(
        Breaches,
        &[k('u')],
        Action::Complete,
        "u",
        "complete it: DPO report, regulator decision (logged)",
        "complete",
        4
    ),
    b!(
        Breaches,
        &[ctrl('r')],
        Action::Refresh,
        "Ctrl-R",
        "read the log again"
    ),
    b!(Breaches, ESC, Action::Back, "Esc", "back", "back", 2),
    b!(
        Breaches,
        QUESTION,
        Action::Help,
        "?",
        "help: the keys here, and the 72 hours",
        "help",
        1
    ),
    b!(Breaches, &[k('q'), ctrl('c')], Action::Quit, "q", "quit"),
    // The breach log: the administrator's tab.
    b!(AdminBreaches, UP, Action::Up, "k/↑", "previous breach"),
    b!(AdminBreaches, DOWN, Action::Down, "j/↓", "next breach"),
    b!(AdminBreaches, PGUP, Action::PageUp, "PgUp", "page up"),
    b!(AdminBreaches, PGDN, Action::PageDown, "PgDn", "page down"),
    b!(AdminBreaches, TOP, Action::Top, "g/Home", "first breach"),
    b!(
        AdminBreaches,
        BOTTOM,
        Action::Bottom,
        "G/End",
        "last breach"
    ),
    b!(
        AdminBreaches,
        &[k('a')],
        Action::Record,
        "a",
        "record a breach (logged)",
        "record",
        3
    ),
    b!(
        AdminBreaches,
        &[k('u')],
        Action::Complete,
        "u",
        "complete it: DPO report, regulator decision (logged)",
        "complete",
        4
    ),
    b!(
        AdminBreaches,
        &[ctrl('r')],
        Action::Refresh,
        "Ctrl-R",
        "read the log again"
    ),
    b!(
        AdminBreaches,
        &[code(KeyCode::Tab)],
        Action::NextTab,
        "Tab",
        "next tab",
        "tabs",
        3
    ),
    b!(
        AdminBreaches,
        &[k('1')],
        Action::ShowTab(0),
        "1",
        "the accounts tab"
    ),
    b!(
        AdminBreaches,
        &[k('2')],
        Action::ShowTab(1),
        "2",
        "the policy tab"
    ),
    b!(
        AdminBreaches,
        &[k('3')],
        Action::ShowTab(2),
        "3",
        "the audit trail tab"
    ),
    b!(
        AdminBreaches,
        &[k('4')],
        Action::ShowTab(3),
        "4",
        "the breach log tab"
    ),
    b!(
        AdminBreaches,
        QUESTION,
        Action::Help,
        "?",
        "help: the keys here, and the 72 hours",
        "help",
        1
    ),
    b!(
        AdminBreaches,
        &[k('q'), ctrl('c')],
        Action::Quit,
        "q",
        "quit"
    ),
    // Typing a breach.
    b!(
        BreachForm,
        &[code(KeyCode::Tab), code(KeyCode::Down)],
        Action::NextField,
        "Tab/↓",
        "next field",
        "next",
        4
    ),
    b!(
        BreachForm,
        &[code(KeyCode::BackTab), code(KeyCode::Up)],
        Action::PrevField,
        "Shift-Tab/↑",
        "previous field"
    ),
    b!(
        BreachForm,
        &[code(KeyCode::Left)],
        Action::PrevChoice,
        "←",
        "previous regulator decision (on the Regulator field)"
    ),
    b!(
        BreachForm,
        &[code(KeyCode::Right)],
        Action::NextChoice,
        "→",
        "next regulator decision (on the Regulator field; Space too)",
        "decision",
        5
    ),
    b!(
        BreachForm,
        ENTER,
        Action::Open,
        "Enter",
        "next field; on the last, record it"
    ),
    b!(
        BreachForm,
        &[ctrl('s')],
        Action::Save,
        "Ctrl-S",
        "record it (logged)",
        "record",
        2
    ),
    b!(
        BreachForm,
        ESC,
        Action::Back,
        "Esc",
        "cancel (what is typed is dropped)",
        "cancel",
        2
    ),
];
