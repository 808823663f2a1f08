//! Keys are data: one table maps a key, in a mode, to a named action. Dispatch, the help overlay
//! and the status-line hints are all read from [`BINDINGS`], so they cannot drift apart.

use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};

/// Where the keyboard focus is; each mode has its own bindings.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Mode {
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
}

/// What a key asks for.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Action {
    Up,
    Down,
    PageUp,
    PageDown,
    Open,
    Back,
    Filter,
    ToggleAll,
    NewNote,
    QuickCapture,
    Reveal,
    NextField,
    PrevField,
    Save,
    ChangeLabel,
    AddSection,
    CycleChannel,
    Lock,
    Help,
    Quit,
    SwitchUser,
    /// The first, second, … choice of a popup (confirmations).
    Choose(char),
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
}

const UP: &[Key] = &[k('k'), code(KeyCode::Up)];
const DOWN: &[Key] = &[k('j'), code(KeyCode::Down)];
const ARROW_UP: &[Key] = &[code(KeyCode::Up)];
const ARROW_DOWN: &[Key] = &[code(KeyCode::Down)];
const ENTER: &[Key] = &[code(KeyCode::Enter)];
const ESC: &[Key] = &[code(KeyCode::Esc)];
const PGUP: &[Key] = &[code(KeyCode::PageUp)];
const PGDN: &[Key] = &[code(KeyCode::PageDown)];

macro_rules! b {
    ($mode:ident, $keys:expr, $action:expr, $label:literal, $help:literal, $hint:literal) => {
        Binding {
            mode: Mode::$mode,
            keys: $keys,
            action: $action,
            label: $label,
            help: $help,
            hint: $hint,
        }
    };
}

/// The whole keymap.
pub const BINDINGS: &[Binding] = &[
    // Every signed-in screen.
    b!(
        Global,
        &[ctrl('l')],
        Action::Lock,
        "Ctrl-L",
        "lock the screen now",
        ""
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
        "next field"
    ),
    b!(SignIn, ENTER, Action::Open, "Enter", "sign in", "sign in"),
    b!(SignIn, ESC, Action::Quit, "Esc", "quit", "quit"),
    // Caseload.
    b!(Caseload, UP, Action::Up, "k/↑", "previous client", ""),
    b!(Caseload, DOWN, Action::Down, "j/↓", "next client", ""),
    b!(Caseload, PGUP, Action::PageUp, "PgUp", "page up", ""),
    b!(Caseload, PGDN, Action::PageDown, "PgDn", "page down", ""),
    b!(
        Caseload,
        ENTER,
        Action::Open,
        "Enter",
        "open client",
        "open"
    ),
    b!(
        Caseload,
        &[k('/')],
        Action::Filter,
        "/",
        "filter by reference or name",
        "filter"
    ),
    b!(
        Caseload,
        &[k('a'), ctrl('a')],
        Action::ToggleAll,
        "a",
        "my caseload / all clients",
        "all/mine"
    ),
    b!(
        Caseload,
        &[k('n')],
        Action::NewNote,
        "n",
        "new note for the selected client",
        "new note"
    ),
    b!(
        Caseload,
        &[k('c')],
        Action::QuickCapture,
        "c",
        "quick capture: pick a client, write",
        "quick capture"
    ),
    b!(Caseload, ESC, Action::Back, "Esc", "clear the filter", ""),
    b!(Caseload, &[k('?')], Action::Help, "?", "help", "help"),
    b!(
        Caseload,
        &[k('q'), ctrl('c')],
        Action::Quit,
        "q",
        "quit",
        "quit"
    ),
    // Typing a filter.
    b!(Filter, ARROW_UP, Action::Up, "↑", "previous match", ""),
    b!(Filter, ARROW_DOWN, Action::Down, "↓", "next match", ""),
    b!(Filter, ENTER, Action::Open, "Enter", "open client", "open"),
    b!(
        Filter,
        &[ctrl('a')],
        Action::ToggleAll,
        "Ctrl-A",
        "my caseload / all clients",
        "all/mine"
    ),
    b!(
        Filter,
        ESC,
        Action::Back,
        "Esc",
        "clear the filter",
        "clear"
    ),
    // A client's notes.
    b!(Client, UP, Action::Up, "k/↑", "previous section", ""),
    b!(Client, DOWN, Action::Down, "j/↓", "next section", ""),
    b!(Client, PGUP, Action::PageUp, "PgUp", "previous note", ""),
    b!(Client, PGDN, Action::PageDown, "PgDn", "next note", ""),
    b!(
        Client,
        &[k('r')],
        Action::Reveal,
        "r",
        "reveal the selected section (asks why; logged)",
        "reveal"
    ),
    b!(
        Client,
        &[k('n')],
        Action::NewNote,
        "n",
        "new note for this client",
        "new note"
    ),
    b!(
        Client,
        &[k('c')],
        Action::QuickCapture,
        "c",
        "quick capture",
        ""
    ),
    b!(
        Client,
        ESC,
        Action::Back,
        "Esc",
        "back to the caseload",
        "back"
    ),
    b!(Client, &[k('?')], Action::Help, "?", "help", "help"),
    b!(Client, &[k('q'), ctrl('c')], Action::Quit, "q", "quit", ""),
    // Writing a note.
    b!(
        Editor,
        &[code(KeyCode::Tab)],
        Action::NextField,
        "Tab",
        "next section",
        "next section"
    ),
    b!(
        Editor,
        &[code(KeyCode::BackTab)],
        Action::PrevField,
        "Shift-Tab",
        "previous section",
        ""
    ),
    b!(
        Editor,
        &[ctrl('s')],
        Action::Save,
        "Ctrl-S",
        "save the note",
        "save"
    ),
    b!(
        Editor,
        &[ctrl('t')],
        Action::ChangeLabel,
        "Ctrl-T",
        "change this section's label",
        "label"
    ),
    b!(
        Editor,
        &[ctrl('n')],
        Action::AddSection,
        "Ctrl-N",
        "add a section (health, finances, …)",
        "add section"
    ),
    b!(
        Editor,
        &[ctrl('o')],
        Action::CycleChannel,
        "Ctrl-O",
        "how the contact happened",
        ""
    ),
    b!(
        Editor,
        ESC,
        Action::Back,
        "Esc",
        "leave (keep or discard the draft)",
        "leave"
    ),
    b!(Editor, &[ctrl('c')], Action::Quit, "Ctrl-C", "quit", ""),
    // Locked.
    b!(Locked, ENTER, Action::Open, "Enter", "unlock", "unlock"),
    b!(
        Locked,
        &[ctrl('u')],
        Action::SwitchUser,
        "Ctrl-U",
        "switch user",
        "switch user"
    ),
    // Popups.
    b!(
        Help,
        &[code(KeyCode::Esc), k('?'), k('q'), code(KeyCode::Enter)],
        Action::Back,
        "Esc",
        "close help",
        "close"
    ),
    b!(Reason, UP, Action::Up, "k/↑", "previous reason", ""),
    b!(Reason, DOWN, Action::Down, "j/↓", "next reason", ""),
    b!(
        Reason,
        ENTER,
        Action::Open,
        "Enter",
        "give this reason",
        "choose"
    ),
    b!(Reason, ESC, Action::Back, "Esc", "cancel", "cancel"),
    b!(
        ReasonText,
        ENTER,
        Action::Open,
        "Enter",
        "give this reason",
        "choose"
    ),
    b!(
        ReasonText,
        ESC,
        Action::Back,
        "Esc",
        "back to the list",
        "back"
    ),
    b!(Picker, ARROW_UP, Action::Up, "↑", "previous client", ""),
    b!(Picker, ARROW_DOWN, Action::Down, "↓", "next client", ""),
    b!(
        Picker,
        ENTER,
        Action::Open,
        "Enter",
        "write a note for this client",
        "write"
    ),
    b!(Picker, ESC, Action::Back, "Esc", "cancel", "cancel"),
    b!(Label, UP, Action::Up, "k/↑", "previous label", ""),
    b!(Label, DOWN, Action::Down, "j/↓", "next label", ""),
    b!(
        Label,
        ENTER,
        Action::Open,
        "Enter",
        "use this label",
        "choose"
    ),
    b!(Label, ESC, Action::Back, "Esc", "cancel", "cancel"),
    b!(AddSection, UP, Action::Up, "k/↑", "previous", ""),
    b!(AddSection, DOWN, Action::Down, "j/↓", "next", ""),
    b!(
        AddSection,
        ENTER,
        Action::Open,
        "Enter",
        "add this section",
        "add"
    ),
    b!(AddSection, ESC, Action::Back, "Esc", "cancel", "cancel"),
    b!(
        Confirm,
        &[k('1')],
        Action::Choose('1'),
        "1",
        "first choice",
        ""
    ),
    b!(
        Confirm,
        &[k('2')],
        Action::Choose('2'),
        "2",
        "second choice",
        ""
    ),
    b!(Confirm, ESC, Action::Back, "Esc", "cancel", "cancel"),
];

/// Whether a binding's key matches a pressed key. Shift is ignored for printable characters
/// (terminals report `?` with or without it).
fn matches(key: &Key, ev: &KeyEvent) -> bool {
    let mods = ev.modifiers & (KeyModifiers::CONTROL | KeyModifiers::ALT | KeyModifiers::SHIFT);
    match (key.code, ev.code) {
        (KeyCode::Char(a), KeyCode::Char(b)) => {
            a.eq_ignore_ascii_case(&b)
                && (a == b || key.mods.contains(KeyModifiers::CONTROL))
                && mods.difference(KeyModifiers::SHIFT) == key.mods
        }
        (KeyCode::BackTab, KeyCode::BackTab) => true,
        (a, b) => a == b && mods == key.mods,
    }
}

/// The action bound to `ev` in `mode`, falling back to the global bindings on signed-in screens.
pub fn lookup(mode: Mode, ev: &KeyEvent) -> Option<Action> {
    let find = |m: Mode| {
        BINDINGS
            .iter()
            .filter(|b| b.mode == m)
            .find(|b| b.keys.iter().any(|k| matches(k, ev)))
            .map(|b| b.action)
    };
    find(mode).or_else(|| {
        let signed_in = !matches!(mode, Mode::SignIn | Mode::Locked);
        if signed_in { find(Mode::Global) } else { None }
    })
}

/// The bindings of a mode, for the help overlay.
pub fn help(mode: Mode) -> impl Iterator<Item = &'static Binding> {
    BINDINGS.iter().filter(move |b| b.mode == mode)
}

/// The hints for the status line of a mode: `(keys, what)`.
pub fn hints(mode: Mode) -> impl Iterator<Item = (&'static str, &'static str)> {
    BINDINGS
        .iter()
        .filter(move |b| b.mode == mode && !b.hint.is_empty())
        .map(|b| (b.label, b.hint))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ev(code: KeyCode, mods: KeyModifiers) -> KeyEvent {
        KeyEvent::new(code, mods)
    }

    #[test]
    fn the_issue_defaults_are_bound() {
        let none = KeyModifiers::NONE;
        let c = KeyModifiers::CONTROL;
        let cases = [
            (Mode::Caseload, KeyCode::Char('j'), none, Action::Down),
            (Mode::Caseload, KeyCode::Down, none, Action::Down),
            (Mode::Caseload, KeyCode::Char('k'), none, Action::Up),
            (Mode::Caseload, KeyCode::Enter, none, Action::Open),
            (Mode::Client, KeyCode::Esc, none, Action::Back),
            (Mode::Caseload, KeyCode::Char('/'), none, Action::Filter),
            (Mode::Client, KeyCode::Char('n'), none, Action::NewNote),
            (
                Mode::Caseload,
                KeyCode::Char('c'),
                none,
                Action::QuickCapture,
            ),
            (Mode::Client, KeyCode::Char('r'), none, Action::Reveal),
            (Mode::Editor, KeyCode::Tab, none, Action::NextField),
            (
                Mode::Editor,
                KeyCode::BackTab,
                KeyModifiers::SHIFT,
                Action::PrevField,
            ),
            (Mode::Editor, KeyCode::Char('s'), c, Action::Save),
            (Mode::Editor, KeyCode::Char('t'), c, Action::ChangeLabel),
            (Mode::Editor, KeyCode::Char('l'), c, Action::Lock),
            (Mode::Caseload, KeyCode::Char('l'), c, Action::Lock),
            (
                Mode::Caseload,
                KeyCode::Char('?'),
                KeyModifiers::SHIFT,
                Action::Help,
            ),
            (Mode::Caseload, KeyCode::Char('q'), none, Action::Quit),
        ];
        for (mode, code, mods, action) in cases {
            assert_eq!(
                lookup(mode, &ev(code, mods)),
                Some(action),
                "{mode:?} {code:?}"
            );
        }
    }

    #[test]
    fn typing_in_the_editor_is_not_captured() {
        for c in ['q', 'j', 'n', 'r', '?', '/'] {
            assert_eq!(
                lookup(Mode::Editor, &ev(KeyCode::Char(c), KeyModifiers::NONE)),
                None
            );
            assert_eq!(
                lookup(Mode::Filter, &ev(KeyCode::Char(c), KeyModifiers::NONE)),
                None
            );
        }
        // Lock is never bound before sign-in.
        assert_eq!(
            lookup(Mode::SignIn, &ev(KeyCode::Char('l'), KeyModifiers::CONTROL)),
            None
        );
    }

    #[test]
    fn no_key_is_bound_twice_in_one_mode() {
        for a in BINDINGS {
            for b in BINDINGS {
                if std::ptr::eq(a, b) || a.mode != b.mode {
                    continue;
                }
                for ka in a.keys {
                    assert!(!b.keys.contains(ka), "{:?} bound twice in {:?}", ka, a.mode);
                }
            }
        }
    }

    #[test]
    fn hints_are_short() {
        for (_, h) in hints(Mode::Caseload) {
            assert!(h.len() <= 14, "{h}");
        }
    }
}
