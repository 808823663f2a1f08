//! Keys are data: one table maps a key, in a mode, to a named action. Dispatch, the help overlay
//! and the status-line hints are all read from [`BINDINGS`], so they cannot drift apart.
//!
//! Help is `?` where `?` is not text, and F1 everywhere (the editor, inputs). A hint's rank says
//! which the status line drops first when the terminal is narrow; help is never dropped.

use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};

/// Where the keyboard focus is; each mode has its own bindings.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Mode {
    /// Bindings that work everywhere, signed in or not (checked last).
    Always,
    /// Bindings that work on every signed-in screen (checked after the mode's own).
    Global,
    SignIn,
    Caseload,
    Filter,
    Client,
    Editor,
    Locked,
    Help,
    Reason,
    ReasonText,
    Picker,
    Label,
    AddSection,
    Confirm,
    /// The supervisor's queue of accounts waiting for confirmation.
    Waiting,
    /// A client's name and details (adding or correcting).
    Form,
    /// The caller's kept drafts.
    Drafts,
    /// A note's revisions (supervisors).
    History,
    /// A client's agreed actions.
    Actions,
    /// The supervisor's queue of break-glass accesses.
    Glass,
    /// Choosing whom to give a client to.
    Reassign,
    /// The administrator's accounts tab.
    Accounts,
    /// The administrator's policy tab.
    Policy,
    /// The administrator's audit trail tab.
    AdminAudit,
    /// The audit trail as a supervisor opens it from the caseload.
    Audit,
    /// Typing the user name the audit trail is filtered by.
    AuditUser,
    /// An account's name, role and temporary password (adding, resetting, enabling).
    AccountForm,
    /// Choosing an account's new role.
    RoleChoice,
    /// Typing a policy setting's new value.
    PolicyValue,
    /// Choosing one's own password after an administrator set it.
    NewPassword,
    /// A client's consents.
    Consent,
    /// Typing a new consent.
    ConsentForm,
    /// The supervisor's caseload dashboard.
    Dashboard,
}

impl Mode {
    /// What the mode is, for the help overlay's title.
    pub fn title(self) -> &'static str {
        match self {
            Mode::Always => "everywhere",
            Mode::Global => "every screen",
            Mode::SignIn => "signing in",
            Mode::Caseload => "the caseload",
            Mode::Filter => "typing a filter",
            Mode::Client => "a client's notes",
            Mode::Editor => "writing a note",
            Mode::Locked => "the lock screen",
            Mode::Help => "help",
            Mode::Reason => "choosing a reason",
            Mode::ReasonText => "typing a reason",
            Mode::Picker => "quick capture",
            Mode::Label => "choosing a label",
            Mode::AddSection => "adding a section",
            Mode::Confirm => "a question",
            Mode::Waiting => "accounts waiting for confirmation",
            Mode::Form => "a client's details",
            Mode::Drafts => "your kept drafts",
            Mode::History => "a note's revisions",
            Mode::Actions => "a client's actions",
            Mode::Glass => "break-glass accesses",
            Mode::Consent => "a client's consents",
            Mode::ConsentForm => "recording a consent",
            Mode::Dashboard => "the caseload dashboard",
            Mode::Reassign => "giving a client to another adviser",
            Mode::Accounts => "the accounts",
            Mode::Policy => "the office's policy",
            Mode::AdminAudit | Mode::Audit => "the audit trail",
            Mode::AuditUser => "filtering the audit trail",
            Mode::AccountForm => "an account's details",
            Mode::RoleChoice => "choosing a role",
            Mode::PolicyValue => "changing a setting",
            Mode::NewPassword => "choosing your password",
        }
    }

    /// Whether someone is signed in while this mode has the keyboard.
    pub fn signed_in(self) -> bool {
        !matches!(self, Mode::SignIn | Mode::Locked)
    }
}

/// What a key asks for.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Action {
    Up,
    Down,
    PageUp,
    PageDown,
    /// The first row.
    Top,
    /// The last row.
    Bottom,
    Open,
    Back,
    Filter,
    ToggleAll,
    /// Read the list again now (it also refreshes by itself when the store changes).
    Refresh,
    /// The accounts waiting for a supervisor's confirmation.
    Waiting,
    NewNote,
    QuickCapture,
    Reveal,
    /// Add a client.
    AddClient,
    /// Correct a client's name or details.
    EditClient,
    /// Reveal a client's date of birth and contact.
    RevealDetails,
    /// The caller's kept drafts.
    Drafts,
    /// Throw away the selected item (a draft).
    Discard,
    /// Add an addendum to the selected note.
    Addendum,
    /// Correct the selected note (one's own).
    Correct,
    /// Sign the selected note off (supervisors).
    SignOff,
    /// The selected note's earlier revisions (supervisors).
    History,
    /// The client's agreed actions.
    ClientActions,
    /// The queue of break-glass accesses awaiting review (supervisors).
    GlassQueue,
    /// Give the client another adviser (supervisors).
    Reassign,
    /// The client's consents.
    ClientConsent,
    NextField,
    PrevField,
    Save,
    Undo,
    ChangeLabel,
    AddSection,
    CycleChannel,
    Lock,
    Help,
    Quit,
    SwitchUser,
    /// The first, second, … choice of a popup (confirmations).
    Choose(char),
    /// The next tab of a screen with tabs.
    NextTab,
    /// A tab by its number (0 for the first).
    ShowTab(u8),
    /// Add an account.
    AddUser,
    /// Disable the selected account.
    DisableUser,
    /// Enable the selected (disabled) account with a temporary password.
    EnableUser,
    /// Reset the selected account's password to a temporary one.
    ResetPassword,
    /// Change the selected account's role.
    ChangeRole,
    /// Check the audit chain again.
    Verify,
    /// Only events flagged for review, or every event.
    FlaggedOnly,
    /// Hide the routine sign-ins, or show them.
    HideSignIns,
    /// The audit trail (supervisors, from the caseload).
    AuditTrail,
    /// The previous choice of a field that offers a few (a role).
    PrevChoice,
    /// The next choice of such a field.
    NextChoice,
    /// The caseload dashboard (supervisors).
    Dashboard,
}

/// One key (with modifiers).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Key {
    pub code: KeyCode,
    pub mods: KeyModifiers,
}

const fn k(c: char) -> Key {
    Key {
        code: KeyCode::Char(c),
        mods: KeyModifiers::NONE,
    }
}

const fn ctrl(c: char) -> Key {
    Key {
        code: KeyCode::Char(c),
        mods: KeyModifiers::CONTROL,
    }
}

const fn code(code: KeyCode) -> Key {
    Key {
        code,
        mods: KeyModifiers::NONE,
    }
}

/// A row of the keymap.
pub struct Binding {
    pub mode: Mode,
    pub keys: &'static [Key],
    pub action: Action,
    /// How the keys are written in help and hints.
    pub label: &'static str,
    pub help: &'static str,
    /// The status line's hint ("" for none).
    pub hint: &'static str,
    /// Which hints the status line drops first when it is short of room: the highest rank
    /// first. Help is 1 and never dropped; 2 is the way back and what finishes a task.
    pub rank: u8,
}

const UP: &[Key] = &[k('k'), code(KeyCode::Up)];
const DOWN: &[Key] = &[k('j'), code(KeyCode::Down)];
const ARROW_UP: &[Key] = &[code(KeyCode::Up)];
const ARROW_DOWN: &[Key] = &[code(KeyCode::Down)];
const TOP: &[Key] = &[k('g'), code(KeyCode::Home)];
const BOTTOM: &[Key] = &[k('G'), code(KeyCode::End)];
const HOME: &[Key] = &[code(KeyCode::Home)];
const END: &[Key] = &[code(KeyCode::End)];
const ENTER: &[Key] = &[code(KeyCode::Enter)];
const ESC: &[Key] = &[code(KeyCode::Esc)];
const PGUP: &[Key] = &[code(KeyCode::PageUp)];
const PGDN: &[Key] = &[code(KeyCode::PageDown)];
const QUESTION: &[Key] = &[k('?')];

macro_rules! b {
    ($mode:ident, $keys:expr, $action:expr, $label:literal, $help:literal) => {
        b!($mode, $keys, $action, $label, $help, "", 9)
    };
    ($mode:ident, $keys:expr, $action:expr, $label:literal, $help:literal, $hint:literal, $rank:literal) => {
        Binding {
            mode: Mode::$mode,
            keys: $keys,
            action: $action,
            label: $label,
            help: $help,
            hint: $hint,
            rank: $rank,
        }
    };
}

/// The whole keymap.
pub const BINDINGS: &[Binding] = &[
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
        &[
            code(KeyCode::Tab),
            code(KeyCode::BackTab),
            code(KeyCode::Up),
            code(KeyCode::Down)
        ],
        Action::NextField,
        "Tab",
        "next field",
        "next field",
        3
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
    // The administrator's screens (accounts, policy, audit trail), the supervisor's audit
    // trail, and choosing one's own password after an administrator set it.
    b!(
        Caseload,
        &[k('L')],
        Action::AuditTrail,
        "L",
        "the audit trail (supervisors)",
        "audit",
        8
    ),
    b!(Accounts, UP, Action::Up, "k/↑", "previous account"),
    b!(Accounts, DOWN, Action::Down, "j/↓", "next account"),
    b!(Accounts, TOP, Action::Top, "g/Home", "first account"),
    b!(Accounts, BOTTOM, Action::Bottom, "G/End", "last account"),
    b!(
        Accounts,
        &[k('a')],
        Action::AddUser,
        "a",
        "add an account: name, role, temporary password (logged)",
        "add",
        3
    ),
    b!(
        Accounts,
        &[k('x')],
        Action::DisableUser,
        "x",
        "disable the account (asks first; logged); names the clients it held, by reference",
        "disable",
        4
    ),
    b!(
        Accounts,
        &[k('p')],
        Action::ResetPassword,
        "p",
        "reset the password to a temporary one (logged)",
        "reset pw",
        5
    ),
    b!(
        Accounts,
        &[k('e')],
        Action::EnableUser,
        "e",
        "enable a disabled account with a temporary password (logged)",
        "enable",
        6
    ),
    b!(
        Accounts,
        &[k('r')],
        Action::ChangeRole,
        "r",
        "change the account's role (logged)",
        "role",
        6
    ),
    b!(
        Accounts,
        &[ctrl('r')],
        Action::Refresh,
        "Ctrl-R",
        "read the accounts again"
    ),
    b!(
        Accounts,
        &[code(KeyCode::Tab)],
        Action::NextTab,
        "Tab",
        "next tab",
        "tabs",
        3
    ),
    b!(
        Accounts,
        &[k('1')],
        Action::ShowTab(0),
        "1",
        "the accounts tab"
    ),
    b!(
        Accounts,
        &[k('2')],
        Action::ShowTab(1),
        "2",
        "the policy tab"
    ),
    b!(
        Accounts,
        &[k('3')],
        Action::ShowTab(2),
        "3",
        "the audit trail tab"
    ),
    b!(
        Accounts,
        QUESTION,
        Action::Help,
        "?",
        "help: the keys here",
        "help",
        1
    ),
    b!(Accounts, &[k('q'), ctrl('c')], Action::Quit, "q", "quit"),
    b!(Policy, UP, Action::Up, "k/↑", "previous setting"),
    b!(Policy, DOWN, Action::Down, "j/↓", "next setting"),
    b!(Policy, TOP, Action::Top, "g/Home", "first setting"),
    b!(Policy, BOTTOM, Action::Bottom, "G/End", "last setting"),
    b!(
        Policy,
        ENTER,
        Action::Open,
        "Enter",
        "change the selected setting (logged)",
        "change",
        2
    ),
    b!(
        Policy,
        &[code(KeyCode::Tab)],
        Action::NextTab,
        "Tab",
        "next tab",
        "tabs",
        3
    ),
    b!(
        Policy,
        &[k('1')],
        Action::ShowTab(0),
        "1",
        "the accounts tab"
    ),
    b!(Policy, &[k('2')], Action::ShowTab(1), "2", "the policy tab"),
    b!(
        Policy,
        &[k('3')],
        Action::ShowTab(2),
        "3",
        "the audit trail tab"
    ),
    b!(
        Policy,
        QUESTION,
        Action::Help,
        "?",
        "help: the keys here",
        "help",
        1
    ),
    b!(Policy, &[k('q'), ctrl('c')], Action::Quit, "q", "quit"),
    b!(AdminAudit, UP, Action::Up, "k/↑", "previous event"),
    b!(AdminAudit, DOWN, Action::Down, "j/↓", "next event"),
    b!(AdminAudit, PGUP, Action::PageUp, "PgUp", "page up"),
    b!(AdminAudit, PGDN, Action::PageDown, "PgDn", "page down"),
    b!(AdminAudit, TOP, Action::Top, "g/Home", "oldest event"),
    b!(AdminAudit, BOTTOM, Action::Bottom, "G/End", "newest event"),
    b!(
        AdminAudit,
        &[k('/')],
        Action::Filter,
        "/",
        "filter: a username, a client (C-000012), what:EVENT, since:DATE, until:DATE",
        "filter",
        3
    ),
    b!(
        AdminAudit,
        &[k('f')],
        Action::FlaggedOnly,
        "f",
        "only events flagged for review / every event",
        "flagged",
        4
    ),
    b!(
        AdminAudit,
        &[k('s')],
        Action::HideSignIns,
        "s",
        "hide / show the routine sign-ins",
        "sign-ins",
        5
    ),
    b!(
        AdminAudit,
        &[k('v')],
        Action::Verify,
        "v",
        "check the chain again",
        "verify",
        6
    ),
    b!(AdminAudit, ESC, Action::Back, "Esc", "clear the filters"),
    b!(
        AdminAudit,
        &[code(KeyCode::Tab)],
        Action::NextTab,
        "Tab",
        "next tab",
        "tabs",
        3
    ),
    b!(
        AdminAudit,
        &[k('1')],
        Action::ShowTab(0),
        "1",
        "the accounts tab"
    ),
    b!(
        AdminAudit,
        &[k('2')],
        Action::ShowTab(1),
        "2",
        "the policy tab"
    ),
    b!(
        AdminAudit,
        &[k('3')],
        Action::ShowTab(2),
        "3",
        "the audit trail tab"
    ),
    b!(
        AdminAudit,
        QUESTION,
        Action::Help,
        "?",
        "help: the keys here",
        "help",
        1
    ),
    b!(AdminAudit, &[k('q'), ctrl('c')], Action::Quit, "q", "quit"),
    b!(Audit, UP, Action::Up, "k/↑", "previous event"),
    b!(Audit, DOWN, Action::Down, "j/↓", "next event"),
    b!(Audit, PGUP, Action::PageUp, "PgUp", "page up"),
    b!(Audit, PGDN, Action::PageDown, "PgDn", "page down"),
    b!(Audit, TOP, Action::Top, "g/Home", "oldest event"),
    b!(Audit, BOTTOM, Action::Bottom, "G/End", "newest event"),
    b!(
        Audit,
        &[k('/')],
        Action::Filter,
        "/",
        "filter: a username, a client (C-000012), what:EVENT, since:DATE, until:DATE",
        "filter",
        3
    ),
    b!(
        Audit,
        &[k('f')],
        Action::FlaggedOnly,
        "f",
        "only events flagged for review / every event",
        "flagged",
        4
    ),
    b!(
        Audit,
        &[k('s')],
        Action::HideSignIns,
        "s",
        "hide / show the routine sign-ins",
        "sign-ins",
        5
    ),
    b!(
        Audit,
        &[k('v')],
        Action::Verify,
        "v",
        "check the chain again",
        "verify",
        6
    ),
    b!(
        Audit,
        ESC,
        Action::Back,
        "Esc",
        "back to the caseload",
        "back",
        2
    ),
    b!(
        Audit,
        QUESTION,
        Action::Help,
        "?",
        "help: the keys here",
        "help",
        1
    ),
    b!(Audit, &[k('q'), ctrl('c')], Action::Quit, "q", "quit"),
    b!(
        AuditUser,
        ENTER,
        Action::Open,
        "Enter",
        "only this user's events (empty: everyone's)",
        "apply",
        2
    ),
    b!(AuditUser, ESC, Action::Back, "Esc", "cancel", "cancel", 2),
    b!(
        AccountForm,
        &[code(KeyCode::Tab), code(KeyCode::Down)],
        Action::NextField,
        "Tab/↓",
        "next field",
        "next",
        4
    ),
    b!(
        AccountForm,
        &[code(KeyCode::BackTab), code(KeyCode::Up)],
        Action::PrevField,
        "Shift-Tab/↑",
        "previous field"
    ),
    b!(
        AccountForm,
        &[code(KeyCode::Left)],
        Action::PrevChoice,
        "←",
        "previous role (on the Role field)"
    ),
    b!(
        AccountForm,
        &[code(KeyCode::Right)],
        Action::NextChoice,
        "→",
        "next role (on the Role field; Space too)"
    ),
    b!(
        AccountForm,
        ENTER,
        Action::Open,
        "Enter",
        "next field; on the last, save",
        "",
        9
    ),
    b!(
        AccountForm,
        &[ctrl('s')],
        Action::Save,
        "Ctrl-S",
        "save (logged)",
        "save",
        2
    ),
    b!(AccountForm, ESC, Action::Back, "Esc", "cancel", "cancel", 2),
    b!(RoleChoice, UP, Action::Up, "k/↑", "previous role"),
    b!(RoleChoice, DOWN, Action::Down, "j/↓", "next role"),
    b!(RoleChoice, TOP, Action::Top, "g/Home", "first role"),
    b!(RoleChoice, BOTTOM, Action::Bottom, "G/End", "last role"),
    b!(
        RoleChoice,
        ENTER,
        Action::Open,
        "Enter",
        "give the account this role (logged)",
        "choose",
        2
    ),
    b!(RoleChoice, ESC, Action::Back, "Esc", "cancel", "cancel", 2),
    b!(
        RoleChoice,
        QUESTION,
        Action::Help,
        "?",
        "help: the keys here",
        "help",
        1
    ),
    b!(
        PolicyValue,
        ENTER,
        Action::Open,
        "Enter",
        "save the new value (logged)",
        "save",
        2
    ),
    b!(PolicyValue, ESC, Action::Back, "Esc", "cancel", "cancel", 2),
    b!(
        NewPassword,
        &[
            code(KeyCode::Tab),
            code(KeyCode::BackTab),
            code(KeyCode::Up),
            code(KeyCode::Down)
        ],
        Action::NextField,
        "Tab",
        "the other field",
        "next field",
        3
    ),
    b!(
        NewPassword,
        ENTER,
        Action::Open,
        "Enter",
        "next field; on the last, set your password",
        "save",
        2
    ),
    b!(
        NewPassword,
        ESC,
        Action::SwitchUser,
        "Esc",
        "sign out (choose it at your next sign-in)",
        "sign out",
        3
    ),
    b!(NewPassword, &[ctrl('c')], Action::Quit, "Ctrl-C", "quit"),
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

/// Whether a binding's key matches a pressed key. Shift is ignored for printable characters
/// (terminals report `?` with or without it), and Alt for Esc.
fn matches(key: &Key, ev: &KeyEvent) -> bool {
    let mods = ev.modifiers & (KeyModifiers::CONTROL | KeyModifiers::ALT | KeyModifiers::SHIFT);
    match (key.code, ev.code) {
        (KeyCode::Char(a), KeyCode::Char(b)) => {
            a.eq_ignore_ascii_case(&b)
                && (a == b || key.mods.contains(KeyModifiers::CONTROL))
                && mods.difference(KeyModifiers::SHIFT) == key.mods
        }
        (KeyCode::BackTab, KeyCode::BackTab) => true,
        // Two quick presses of Esc can arrive as one with Alt; it is still Esc.
        (KeyCode::Esc, KeyCode::Esc) => mods.difference(KeyModifiers::ALT) == key.mods,
        (a, b) => a == b && mods == key.mods,
    }
}

/// The action bound to `ev` in `mode`: the mode's own bindings, then the global ones (on
/// signed-in screens), then those that work everywhere.
pub fn lookup(mode: Mode, ev: &KeyEvent) -> Option<Action> {
    let find = |m: Mode| {
        BINDINGS
            .iter()
            .filter(|b| b.mode == m)
            .find(|b| b.keys.iter().any(|k| matches(k, ev)))
            .map(|b| b.action)
    };
    find(mode)
        .or_else(|| mode.signed_in().then(|| find(Mode::Global)).flatten())
        .or_else(|| find(Mode::Always))
}

/// The bindings that apply in a mode, for the help overlay: the mode's own, then (under
/// headings of their own) the global ones and those that work everywhere, minus any key the
/// mode takes for itself.
pub fn help(mode: Mode) -> Vec<(Mode, Vec<&'static Binding>)> {
    let own: Vec<&Binding> = BINDINGS.iter().filter(|b| b.mode == mode).collect();
    let shadowed = |b: &&Binding| {
        b.keys
            .iter()
            .all(|k| own.iter().any(|o| o.keys.contains(k)))
    };
    let mut groups = vec![(mode, own.clone())];
    let mut others = Vec::new();
    if mode.signed_in() {
        others.push(Mode::Global);
    }
    others.push(Mode::Always);
    for m in others {
        let rows: Vec<&Binding> = BINDINGS
            .iter()
            .filter(|b| b.mode == m && !shadowed(b))
            .filter(|b| !(b.action == Action::Help && own.iter().any(|o| o.action == Action::Help)))
            .collect();
        if !rows.is_empty() {
            groups.push((m, rows));
        }
    }
    groups
}

/// The hints for the status line of a mode, in table order: the mode's own, and the help key
/// from [`Mode::Always`] where the mode binds none (help itself says how to close it).
pub fn hints(mode: Mode) -> Vec<&'static Binding> {
    let mut rows: Vec<&Binding> = BINDINGS
        .iter()
        .filter(|b| b.mode == mode && !b.hint.is_empty())
        .collect();
    if mode != Mode::Help && !rows.iter().any(|b| b.action == Action::Help) {
        rows.extend(
            BINDINGS
                .iter()
                .filter(|b| b.mode == Mode::Always && b.action == Action::Help),
        );
    }
    rows
}

/// How help is asked for in a mode ("?" or "F1").
pub fn help_key(mode: Mode) -> &'static str {
    hints(mode)
        .into_iter()
        .find(|b| b.action == Action::Help)
        .map_or("F1", |b| b.label)
}

/// A pressed key as a person would name it ("x", "Ctrl-X", "F5", "Tab").
pub fn describe(ev: &KeyEvent) -> String {
    let name = match ev.code {
        KeyCode::Char(' ') => "Space".to_string(),
        KeyCode::Char(c) => c.to_string(),
        KeyCode::F(n) => format!("F{n}"),
        KeyCode::BackTab => "Shift-Tab".to_string(),
        other => format!("{other:?}"),
    };
    let mut out = String::new();
    if ev.modifiers.contains(KeyModifiers::CONTROL) {
        out.push_str("Ctrl-");
    }
    if ev.modifiers.contains(KeyModifiers::ALT) {
        out.push_str("Alt-");
    }
    out.push_str(&name);
    out
}

#[cfg(test)]
mod tests;
