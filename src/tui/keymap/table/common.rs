//! Keys that work everywhere and on every signed-in screen, and those of the main screens:
//! signing in, the caseload and its filter, a client's notes, writing a note, the lock screen.

use super::super::*;

pub const COMMON: &[Binding] = &[
    // Everywhere: F1, for where `?` is typed as text.
    b!(
        Always,
        &[code(KeyCode::F(1))],
        Action::Help,
        "F1",
        "help: the keys here",
        "help",
        1
    ),
    // Every signed-in screen.
    b!(
        Global,
        &[ctrl('l')],
        Action::Lock,
        "Ctrl-L",
        "lock the screen now"
    ),
    b!(
        Global,
        &[ctrl('u')],
        Action::SwitchUser,
        "Ctrl-U",
        "switch user (locks first; your draft is kept)"
    ),
    // Sign in.
    b!(
        SignIn,
        &[code(KeyCode::Tab), code(KeyCode::Down)],
        Action::NextField,
        "Tab",
        "next field",
        "next field",
        3
    ),
    b!(
        SignIn,
        &[code(KeyCode::BackTab), code(KeyCode::Up)],
        Action::PrevField,
        "Shift-Tab",
        "previous field"
    ),
    b!(
        SignIn,
        ENTER,
        Action::Open,
        "Enter",
        "sign in",
        "sign in",
        2
    ),
    b!(SignIn, ESC, Action::Quit, "Esc", "quit", "quit", 3),
    // Caseload.
    b!(Caseload, UP, Action::Up, "k/↑", "previous client"),
    b!(Caseload, DOWN, Action::Down, "j/↓", "next client"),
    b!(Caseload, PGUP, Action::PageUp, "PgUp", "page up"),
    b!(Caseload, PGDN, Action::PageDown, "PgDn", "page down"),
    b!(Caseload, TOP, Action::Top, "g/Home", "first client"),
    b!(Caseload, BOTTOM, Action::Bottom, "G/End", "last client"),
    b!(
        Caseload,
        ENTER,
        Action::Open,
        "Enter",
        "open client",
        "open",
        2
    ),
    b!(
        Caseload,
        &[k('/')],
        Action::Filter,
        "/",
        "filter by reference or name",
        "filter",
        2
    ),
    b!(
        Caseload,
        &[k('a'), ctrl('a')],
        Action::ToggleAll,
        "a",
        "my caseload / all clients",
        "all/mine",
        4
    ),
    b!(
        Caseload,
        &[k('A')],
        Action::AddClient,
        "A",
        "add a client (name, date of birth, contact)",
        "add client",
        5
    ),
    b!(
        Caseload,
        &[k('D')],
        Action::Drafts,
        "D",
        "your kept drafts: resume or discard one",
        "drafts",
        6
    ),
    b!(
        Caseload,
        &[k('B')],
        Action::GlassQueue,
        "B",
        "break-glass accesses awaiting review (supervisors)",
        "",
        9
    ),
    b!(
        Caseload,
        &[k('U')],
        Action::Waiting,
        "U",
        "accounts waiting for confirmation (supervisors)",
        "waiting",
        7
    ),
    b!(Waiting, UP, Action::Up, "k/↑", "previous account"),
    b!(Waiting, DOWN, Action::Down, "j/↓", "next account"),
    b!(Waiting, TOP, Action::Top, "g/Home", "first account"),
    b!(Waiting, BOTTOM, Action::Bottom, "G/End", "last account"),
    b!(
        Waiting,
        ENTER,
        Action::Open,
        "Enter",
        "confirm this account: give it the case keys (logged)",
        "confirm",
        2
    ),
    b!(Waiting, ESC, Action::Back, "Esc", "close", "close", 2),
    b!(
        Waiting,
        QUESTION,
        Action::Help,
        "?",
        "help: the keys here",
        "help",
        1
    ),
    b!(
        Caseload,
        &[ctrl('r')],
        Action::Refresh,
        "Ctrl-R",
        "read the list again now (it also refreshes itself)",
        "refresh",
        6
    ),
    b!(
        Caseload,
        &[k('n')],
        Action::NewNote,
        "n",
        "new note for the selected client",
        "new note",
        3
    ),
    b!(
        Caseload,
        &[k('c')],
        Action::QuickCapture,
        "c",
        "quick capture: pick a client, write",
        "capture",
        4
    ),
    b!(Caseload, ESC, Action::Back, "Esc", "clear the filter"),
    b!(
        Caseload,
        QUESTION,
        Action::Help,
        "?",
        "help: the keys here",
        "help",
        1
    ),
    b!(
        Caseload,
        &[k('q'), ctrl('c')],
        Action::Quit,
        "q",
        "quit",
        "quit",
        5
    ),
    // Typing a filter.
    b!(Filter, ARROW_UP, Action::Up, "↑", "previous match"),
    b!(Filter, ARROW_DOWN, Action::Down, "↓", "next match"),
    b!(Filter, PGUP, Action::PageUp, "PgUp", "page up"),
    b!(Filter, PGDN, Action::PageDown, "PgDn", "page down"),
    b!(Filter, HOME, Action::Top, "Home", "first match"),
    b!(Filter, END, Action::Bottom, "End", "last match"),
    b!(
        Filter,
        ENTER,
        Action::Open,
        "Enter",
        "open client",
        "open",
        2
    ),
    b!(
        Filter,
        &[ctrl('a')],
        Action::ToggleAll,
        "Ctrl-A",
        "my caseload / all clients",
        "all/mine",
        4
    ),
    b!(
        Filter,
        ESC,
        Action::Back,
        "Esc",
        "clear the filter",
        "clear",
        2
    ),
    // A client's notes.
    b!(Client, UP, Action::Up, "k/↑", "previous section"),
    b!(Client, DOWN, Action::Down, "j/↓", "next section"),
    b!(Client, PGUP, Action::PageUp, "PgUp", "previous note"),
    b!(Client, PGDN, Action::PageDown, "PgDn", "next note"),
    b!(Client, TOP, Action::Top, "g/Home", "first section"),
    b!(Client, BOTTOM, Action::Bottom, "G/End", "last section"),
    b!(
        Client,
        &[k('r')],
        Action::Reveal,
        "r",
        "reveal the selected section (asks why; logged)",
        "reveal",
        3
    ),
    b!(
        Client,
        &[k('n')],
        Action::NewNote,
        "n",
        "new note for this client",
        "new note",
        3
    ),
    b!(
        Client,
        &[k('d')],
        Action::RevealDetails,
        "d",
        "reveal date of birth and contact (asks why; logged)",
        "details",
        5
    ),
    b!(
        Client,
        &[k('a')],
        Action::ClientActions,
        "a",
        "the client's agreed actions; mark one done (logged)",
        "actions",
        6
    ),
    b!(
        Client,
        &[k('+')],
        Action::Addendum,
        "+",
        "add an addendum to the selected note (signed off or not)",
        "addendum",
        7
    ),
    b!(
        Client,
        &[k('C')],
        Action::Correct,
        "C",
        "correct your own note: a new revision; earlier ones are kept (asks why)",
        "",
        9
    ),
    b!(
        Client,
        &[k('S')],
        Action::SignOff,
        "S",
        "sign the selected note off: reviewed, and locked against corrections (supervisors)",
        "",
        9
    ),
    b!(
        Client,
        &[k('K')],
        Action::ClientConsent,
        "K",
        "the client's consents: record one, or its withdrawal (logged)",
        "",
        9
    ),
    b!(
        Client,
        &[k('R')],
        Action::Reassign,
        "R",
        "give the client another adviser (supervisors; asks why; logged)",
        "",
        9
    ),
    b!(
        Client,
        &[k('h')],
        Action::History,
        "h",
        "the selected note's revisions, first to last (supervisors; logged)",
        "",
        9
    ),
    b!(
        Client,
        &[k('e')],
        Action::EditClient,
        "e",
        "correct the client's name or details (logged)",
        "edit",
        6
    ),
    b!(
        Client,
        &[k('c')],
        Action::QuickCapture,
        "c",
        "quick capture"
    ),
    b!(
        Client,
        ESC,
        Action::Back,
        "Esc",
        "back to the caseload",
        "back",
        2
    ),
    b!(
        Client,
        QUESTION,
        Action::Help,
        "?",
        "help: the keys here",
        "help",
        1
    ),
    b!(Client, &[k('q'), ctrl('c')], Action::Quit, "q", "quit"),
    // Writing a note.
    b!(
        Editor,
        &[code(KeyCode::Tab)],
        Action::NextField,
        "Tab",
        "next section",
        "next section",
        4
    ),
    b!(
        Editor,
        &[code(KeyCode::BackTab)],
        Action::PrevField,
        "Shift-Tab",
        "previous section"
    ),
    b!(
        Editor,
        &[ctrl('s')],
        Action::Save,
        "Ctrl-S",
        "save the note",
        "save",
        2
    ),
    b!(
        Editor,
        &[ctrl('t')],
        Action::ChangeLabel,
        "Ctrl-T",
        "change this section's label",
        "label",
        3
    ),
    b!(
        Editor,
        &[ctrl('n')],
        Action::AddSection,
        "Ctrl-N",
        "add a section (health, finances, …)",
        "add section",
        4
    ),
    b!(
        Editor,
        &[ctrl('o')],
        Action::CycleChannel,
        "Ctrl-O",
        "how the contact happened"
    ),
    b!(Editor, &[ctrl('z')], Action::Undo, "Ctrl-Z", "undo"),
    b!(
        Editor,
        ESC,
        Action::Back,
        "Esc",
        "leave (keep or discard the draft)",
        "leave",
        2
    ),
    b!(Editor, &[ctrl('c')], Action::Quit, "Ctrl-C", "quit"),
    // Locked.
    b!(Locked, ENTER, Action::Open, "Enter", "unlock", "unlock", 2),
    b!(
        Locked,
        &[ctrl('u')],
        Action::SwitchUser,
        "Ctrl-U",
        "switch user",
        "switch user",
        3
    ),
];
