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
    /// The supervisor's list of clients past retention.
    Retention,
    /// A client's disclosures.
    Disclosures,
    /// Typing a new disclosure.
    DisclosureForm,
    /// The breach log (supervisors).
    Breaches,
    /// The administrator's breach log tab.
    AdminBreaches,
    /// Typing a new breach, or completing one.
    BreachForm,
    /// Typing a key file's path (signing in, or unlocking).
    KeyFilePath,
    /// Enrolling an authenticator app before anything else, as the policy requires.
    Enrol,
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
            Mode::Retention => "clients past retention",
            Mode::Disclosures => "a client's disclosures",
            Mode::DisclosureForm => "recording a disclosure",
            Mode::Breaches | Mode::AdminBreaches => "the breach log",
            Mode::BreachForm => "recording a breach",
            Mode::Reassign => "giving a client to another adviser",
            Mode::Accounts => "the accounts",
            Mode::Policy => "the office's policy",
            Mode::AdminAudit | Mode::Audit => "the audit trail",
            Mode::AuditUser => "filtering the audit trail",
            Mode::AccountForm => "an account's details",
            Mode::RoleChoice => "choosing a role",
            Mode::PolicyValue => "changing a setting",
            Mode::NewPassword => "choosing your password",
            Mode::KeyFilePath => "typing your key file's path",
            Mode::Enrol => "enrolling an authenticator app",
        }
    }

    /// Whether someone is signed in while this mode has the keyboard.
    pub fn signed_in(self) -> bool {
        !matches!(self, Mode::SignIn | Mode::Locked | Mode::KeyFilePath)
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
    /// The clients past retention (supervisors).
    Retention,
    /// Erase the selected client (supervisors).
    Erase,
    /// Close the client's case (its retention period starts).
    CloseCase,
    /// Export everything held about the client (supervisors).
    Export,
    /// Redact the selected section (supervisors).
    Redact,
    /// The client's disclosures.
    ClientDisclosures,
    /// The breach log (supervisors; administrators have a tab).
    BreachLog,
    /// Record a new entry in a log (a disclosure, a breach).
    Record,
    /// Complete the selected entry (a breach's report to the DPO, its regulator decision), or
    /// the path typed so far (the key file's field).
    Complete,
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

mod table;

/// The whole keymap, part by part (see [`table`]); [`bindings`] walks every row in order.
pub const BINDINGS: &[&[Binding]] = &[
    table::common::COMMON,
    table::popups::POPUPS,
    table::admin::ADMIN,
    table::dashboard::DASHBOARD,
    table::lifecycle::LIFECYCLE,
    table::protection::PROTECTION,
    table::factors::FACTORS,
];

/// Every row of the keymap, in table order.
pub fn bindings() -> impl Iterator<Item = &'static Binding> {
    BINDINGS.iter().flat_map(|part| part.iter())
}

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
        bindings()
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
    let own: Vec<&Binding> = bindings().filter(|b| b.mode == mode).collect();
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
        let rows: Vec<&Binding> = bindings()
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
    let mut rows: Vec<&Binding> = bindings()
        .filter(|b| b.mode == mode && !b.hint.is_empty())
        .collect();
    if mode != Mode::Help && !rows.iter().any(|b| b.action == Action::Help) {
        rows.extend(bindings().filter(|b| b.mode == Mode::Always && b.action == Action::Help));
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
