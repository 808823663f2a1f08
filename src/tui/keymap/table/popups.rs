//! Keys of the boxes over a screen (help, reasons, labels, questions, a client's details,
//! consents, actions, drafts) and of the supervisor's smaller screens (revisions, break-glass
//! accesses, reassigning a client).

use super::super::*;

pub const POPUPS: &[Binding] = &[
    // Popups.
    b!(
        Help,
        &[
            code(KeyCode::Esc),
            k('?'),
            k('q'),
            code(KeyCode::Enter),
            code(KeyCode::F(1))
        ],
        Action::Back,
        "Esc",
        "close help",
        "close",
        1
    ),
    b!(Help, UP, Action::Up, "k/↑", "scroll up"),
    b!(Help, DOWN, Action::Down, "j/↓", "scroll down"),
    b!(Help, PGUP, Action::PageUp, "PgUp", "page up"),
    b!(Help, PGDN, Action::PageDown, "PgDn", "page down"),
    b!(Reason, UP, Action::Up, "k/↑", "previous reason"),
    b!(Reason, DOWN, Action::Down, "j/↓", "next reason"),
    b!(Reason, TOP, Action::Top, "g/Home", "first reason"),
    b!(Reason, BOTTOM, Action::Bottom, "G/End", "last reason"),
    b!(
        Reason,
        ENTER,
        Action::Open,
        "Enter",
        "give this reason",
        "choose",
        2
    ),
    b!(Reason, ESC, Action::Back, "Esc", "cancel", "cancel", 2),
    b!(
        Reason,
        QUESTION,
        Action::Help,
        "?",
        "help: the keys here",
        "help",
        1
    ),
    b!(
        ReasonText,
        ENTER,
        Action::Open,
        "Enter",
        "give this reason",
        "give",
        2
    ),
    b!(
        ReasonText,
        ESC,
        Action::Back,
        "Esc",
        "back to the list",
        "back",
        2
    ),
    b!(Picker, ARROW_UP, Action::Up, "↑", "previous client"),
    b!(Picker, ARROW_DOWN, Action::Down, "↓", "next client"),
    b!(Picker, PGUP, Action::PageUp, "PgUp", "page up"),
    b!(Picker, PGDN, Action::PageDown, "PgDn", "page down"),
    b!(Picker, HOME, Action::Top, "Home", "first client"),
    b!(Picker, END, Action::Bottom, "End", "last client"),
    b!(
        Picker,
        ENTER,
        Action::Open,
        "Enter",
        "write a note for this client",
        "write",
        2
    ),
    b!(Picker, ESC, Action::Back, "Esc", "cancel", "cancel", 2),
    b!(Label, UP, Action::Up, "k/↑", "previous label"),
    b!(Label, DOWN, Action::Down, "j/↓", "next label"),
    b!(Label, TOP, Action::Top, "g/Home", "first label"),
    b!(Label, BOTTOM, Action::Bottom, "G/End", "last label"),
    b!(
        Label,
        ENTER,
        Action::Open,
        "Enter",
        "use this label",
        "choose",
        2
    ),
    b!(Label, ESC, Action::Back, "Esc", "cancel", "cancel", 2),
    b!(
        Label,
        QUESTION,
        Action::Help,
        "?",
        "help: the keys here",
        "help",
        1
    ),
    b!(AddSection, UP, Action::Up, "k/↑", "previous"),
    b!(AddSection, DOWN, Action::Down, "j/↓", "next"),
    b!(AddSection, TOP, Action::Top, "g/Home", "first"),
    b!(AddSection, BOTTOM, Action::Bottom, "G/End", "last"),
    b!(
        AddSection,
        ENTER,
        Action::Open,
        "Enter",
        "add this section",
        "add",
        2
    ),
    b!(AddSection, ESC, Action::Back, "Esc", "cancel", "cancel", 2),
    b!(
        AddSection,
        QUESTION,
        Action::Help,
        "?",
        "help: the keys here",
        "help",
        1
    ),
    // A client's details.
    b!(
        Form,
        &[code(KeyCode::Tab), code(KeyCode::Down)],
        Action::NextField,
        "Tab/↓",
        "next field",
        "next",
        4
    ),
    b!(
        Form,
        &[code(KeyCode::BackTab), code(KeyCode::Up)],
        Action::PrevField,
        "Shift-Tab/↑",
        "previous field"
    ),
    b!(
        Form,
        ENTER,
        Action::Open,
        "Enter",
        "next field; on the last, save",
        "",
        9
    ),
    b!(
        Form,
        &[ctrl('s')],
        Action::Save,
        "Ctrl-S",
        "save",
        "save",
        2
    ),
    b!(Form, ESC, Action::Back, "Esc", "cancel", "cancel", 2),
    // A client's consents.
    b!(Consent, UP, Action::Up, "k/↑", "previous consent"),
    b!(Consent, DOWN, Action::Down, "j/↓", "next consent"),
    b!(Consent, TOP, Action::Top, "g/Home", "first consent"),
    b!(Consent, BOTTOM, Action::Bottom, "G/End", "last consent"),
    b!(
        Consent,
        &[k('n'), k('+')],
        Action::AddClient,
        "n",
        "record a new consent (logged)",
        "new",
        3
    ),
    b!(
        Consent,
        &[k('w')],
        Action::Discard,
        "w",
        "record the selected consent withdrawn (asks once more; logged)",
        "withdrawn",
        4
    ),
    b!(Consent, ESC, Action::Back, "Esc", "close", "close", 2),
    b!(
        Consent,
        QUESTION,
        Action::Help,
        "?",
        "help: the keys here",
        "help",
        1
    ),
    b!(
        ConsentForm,
        ENTER,
        Action::Open,
        "Enter",
        "record the consent (logged)",
        "record",
        2
    ),
    b!(
        ConsentForm,
        &[code(KeyCode::Tab), code(KeyCode::BackTab)],
        Action::NextField,
        "Tab",
        "verbal / written",
        "how",
        3
    ),
    b!(ConsentForm, ESC, Action::Back, "Esc", "cancel", "cancel", 2),
    // Giving a client to another adviser.
    b!(Reassign, UP, Action::Up, "k/↑", "previous adviser"),
    b!(Reassign, DOWN, Action::Down, "j/↓", "next adviser"),
    b!(Reassign, TOP, Action::Top, "g/Home", "first adviser"),
    b!(Reassign, BOTTOM, Action::Bottom, "G/End", "last adviser"),
    b!(
        Reassign,
        ENTER,
        Action::Open,
        "Enter",
        "give the client to this adviser (asks why next)",
        "choose",
        2
    ),
    b!(Reassign, ESC, Action::Back, "Esc", "cancel", "cancel", 2),
    b!(
        Reassign,
        QUESTION,
        Action::Help,
        "?",
        "help: the keys here",
        "help",
        1
    ),
    // Break-glass accesses.
    b!(Glass, UP, Action::Up, "k/↑", "previous access"),
    b!(Glass, DOWN, Action::Down, "j/↓", "next access"),
    b!(Glass, PGUP, Action::PageUp, "PgUp", "page up"),
    b!(Glass, PGDN, Action::PageDown, "PgDn", "page down"),
    b!(Glass, TOP, Action::Top, "g/Home", "first access"),
    b!(Glass, BOTTOM, Action::Bottom, "G/End", "last access"),
    b!(
        Glass,
        ENTER,
        Action::Open,
        "Enter",
        "review the selected access: justified or a concern, with a comment (logged)",
        "review",
        2
    ),
    b!(
        Glass,
        &[k('A')],
        Action::ToggleAll,
        "A",
        "awaiting review / every access",
        "all",
        4
    ),
    b!(
        Glass,
        &[ctrl('r')],
        Action::Refresh,
        "Ctrl-R",
        "read the accesses again"
    ),
    b!(Glass, ESC, Action::Back, "Esc", "back", "back", 2),
    b!(
        Glass,
        QUESTION,
        Action::Help,
        "?",
        "help: the keys here",
        "help",
        1
    ),
    // A client's actions.
    b!(Actions, UP, Action::Up, "k/↑", "previous action"),
    b!(Actions, DOWN, Action::Down, "j/↓", "next action"),
    b!(Actions, TOP, Action::Top, "g/Home", "first action"),
    b!(Actions, BOTTOM, Action::Bottom, "G/End", "last action"),
    b!(
        Actions,
        ENTER,
        Action::Open,
        "Enter",
        "mark the selected action done (asks once more; logged)",
        "done",
        2
    ),
    b!(Actions, ESC, Action::Back, "Esc", "close", "close", 2),
    b!(
        Actions,
        QUESTION,
        Action::Help,
        "?",
        "help: the keys here",
        "help",
        1
    ),
    // A note's revisions.
    b!(History, UP, Action::Up, "k/↑", "scroll up"),
    b!(History, DOWN, Action::Down, "j/↓", "scroll down"),
    b!(History, PGUP, Action::PageUp, "PgUp", "page up"),
    b!(History, PGDN, Action::PageDown, "PgDn", "page down"),
    b!(History, TOP, Action::Top, "g/Home", "first revision"),
    b!(History, BOTTOM, Action::Bottom, "G/End", "last revision"),
    b!(
        History,
        &[k('r')],
        Action::Reveal,
        "r",
        "reveal masked sections in every revision (asks why; logged)",
        "reveal",
        3
    ),
    b!(History, ESC, Action::Back, "Esc", "back", "back", 2),
    b!(
        History,
        QUESTION,
        Action::Help,
        "?",
        "help: the keys here",
        "help",
        1
    ),
    // Kept drafts.
    b!(Drafts, UP, Action::Up, "k/↑", "previous draft"),
    b!(Drafts, DOWN, Action::Down, "j/↓", "next draft"),
    b!(Drafts, TOP, Action::Top, "g/Home", "first draft"),
    b!(Drafts, BOTTOM, Action::Bottom, "G/End", "last draft"),
    b!(
        Drafts,
        ENTER,
        Action::Open,
        "Enter",
        "resume this draft",
        "resume",
        2
    ),
    b!(
        Drafts,
        &[k('x'), code(KeyCode::Delete)],
        Action::Discard,
        "x/Del",
        "discard this draft (asks first)",
        "discard",
        3
    ),
    b!(Drafts, ESC, Action::Back, "Esc", "close", "close", 2),
    b!(
        Drafts,
        QUESTION,
        Action::Help,
        "?",
        "help: the keys here",
        "help",
        1
    ),
    b!(Confirm, &[k('1')], Action::Choose('1'), "1", "first choice"),
    b!(
        Confirm,
        &[k('2')],
        Action::Choose('2'),
        "2",
        "second choice"
    ),
    b!(Confirm, ESC, Action::Back, "Esc", "cancel", "cancel", 2),
    b!(
        Confirm,
        QUESTION,
        Action::Help,
        "?",
        "help: the keys here",
        "help",
        1
    ),
];
