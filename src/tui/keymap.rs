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
    /// Shown in the status line's hints.
    pub hint: bool,
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
    b!(Global, &[ctrl('l')], Action::Lock, "Ctrl-L", "lock the screen now", false),
    // Sign in.
    b!(SignIn, &[code(KeyCode::Tab), code(KeyCode::BackTab), code(KeyCode::Up), code(KeyCode::Down)], Action::NextField, "Tab", "next field", true),
    b!(SignIn, ENTER, Action::Open, "Enter", "sign in", true),
    b!(SignIn, ESC, Action::Quit, "Esc", "quit", true),
    // Caseload.
    b!(Caseload, UP, Action::Up, "k/↑", "previous client", false),
    b!(Caseload, DOWN, Action::Down, "j/↓", "next client", false),
    b!(Caseload, PGUP, Action::PageUp, "PgUp", "page up", false),
    b!(Caseload, PGDN, Action::PageDown, "PgDn", "page down", false),
    b!(Caseload, ENTER, Action::Open, "Enter", "open client", true),
    b!(Caseload, &[k('/')], Action::Filter, "/", "filter by reference or name", true),
    b!(Caseload, &[k('a'), ctrl('a')], Action::ToggleAll, "a", "my caseload / all clients", true),
    b!(Caseload, &[k('n')], Action::NewNote, "n", "new note for the selected client", true),
    b!(Caseload, &[k('c')], Action::QuickCapture, "c", "quick capture: pick a client, write", true),
    b!(Caseload, ESC, Action::Back, "Esc", "clear the filter", false),
    b!(Caseload, &[k('?')], Action::Help, "?", "help", true),
    b!(Caseload, &[k('q'), ctrl('c')], Action::Quit, "q", "quit", true),
    // Typing a filter.
    b!(Filter, ARROW_UP, Action::Up, "↑", "previous match", false),
    b!(Filter, ARROW_DOWN, Action::Down, "↓", "next match", false),
    b!(Filter, ENTER, Action::Open, "Enter", "open client", true),
    b!(Filter, &[ctrl('a')], Action::ToggleAll, "Ctrl-A", "my caseload / all clients", true),
    b!(Filter, ESC, Action::Back, "Esc", "clear the filter", true),
    // A client's notes.
    b!(Client, UP, Action::Up, "k/↑", "previous section", false),
    b!(Client, DOWN, Action::Down, "j/↓", "next section", false),
    b!(Client, PGUP, Action::PageUp, "PgUp", "previous note", false),
    b!(Client, PGDN, Action::PageDown, "PgDn", "next note", false),
    b!(Client, &[k('r')], Action::Reveal, "r", "reveal the selected section (asks why; logged)", true),
    b!(Client, &[k('n')], Action::NewNote, "n", "new note for this client", true),
    b!(Client, &[k('c')], Action::QuickCapture, "c", "quick capture", false),
    b!(Client, ESC, Action::Back, "Esc", "back to the caseload", true),
    b!(Client, &[k('?')], Action::Help, "?", "help", true),
    b!(Client, &[k('q'), ctrl('c')], Action::Quit, "q", "quit", false),
    // Writing a note.
    b!(Editor, &[code(KeyCode::Tab)], Action::NextField, "Tab", "next section", true),
    b!(Editor, &[code(KeyCode::BackTab)], Action::PrevField, "Shift-Tab", "previous section", false),
    b!(Editor, &[ctrl('s')], Action::Save, "Ctrl-S", "save the note", true),
    b!(Editor, &[ctrl('t')], Action::ChangeLabel, "Ctrl-T", "change this section's label", true),
    b!(Editor, &[ctrl('n')], Action::AddSection, "Ctrl-N", "add a section (health, finances, …)", true),
    b!(Editor, &[ctrl('o')], Action::CycleChannel, "Ctrl-O", "how the contact happened", false),
    b!(Editor, ESC, Action::Back, "Esc", "leave (keep or discard the draft)", true),
    b!(Editor, &[ctrl('c')], Action::Quit, "Ctrl-C", "quit", false),
    // Locked.
    b!(Locked, ENTER, Action::Open, "Enter", "unlock", true),
    b!(Locked, &[ctrl('u')], Action::SwitchUser, "Ctrl-U", "switch user", true),
    // Popups.
    b!(Help, &[code(KeyCode::Esc), k('?'), k('q'), code(KeyCode::Enter)], Action::Back, "Esc", "close help", true),
    b!(Reason, UP, Action::Up, "k/↑", "previous reason", false),
    b!(Reason, DOWN, Action::Down, "j/↓", "next reason", false),
    b!(Reason, ENTER, Action::Open, "Enter", "give this reason", true),
    b!(Reason, ESC, Action::Back, "Esc", "cancel", true),
    b!(ReasonText, ENTER, Action::Open, "Enter", "give this reason", true),
    b!(ReasonText, ESC, Action::Back, "Esc", "back to the list", true),
    b!(Picker, ARROW_UP, Action::Up, "↑", "previous client", false),
    b!(Picker, ARROW_DOWN, Action::Down, "↓", "next client", false),
    b!(Picker, ENTER, Action::Open, "Enter", "write a note for this client", true),
    b!(Picker, ESC, Action::Back, "Esc", "cancel", true),
    b!(Label, UP, Action::Up, "k/↑", "previous label", false),
    b!(Label, DOWN, Action::Down, "j/↓", "next label", false),
    b!(Label, ENTER, Action::Open, "Enter", "use this label", true),
    b!(Label, ESC, Action::Back, "Esc", "cancel", true),
    b!(AddSection, UP, Action::Up, "k/↑", "previous", false),
    b!(AddSection, DOWN, Action::Down, "j/↓", "next", false),
    b!(AddSection, ENTER, Action::Open, "Enter", "add this section", true),
    b!(AddSection, ESC, Action::Back, "Esc", "cancel", true),
    b!(Confirm, &[k('1')], Action::Choose('1'), "1", "first choice", false),
    b!(Confirm, &[k('2')], Action::Choose('2'), "2", "second choice", false),
    b!(Confirm, ESC, Action::Back, "Esc", "cancel", true),
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
        .filter(move |b| b.mode == mode && b.hint)
        .map(|b| (b.label, short_help(b.help)))
}

/// The first words of a help text, for the status line.
fn short_help(help: &'static str) -> &'static str {
    let cut = help.find([' ', '(', ',', ':']).unwrap_or(help.len());
    let first = &help[..cut];
    // Keep two words where the first alone says too little.
    match first {
        "new" | "quick" | "next" | "change" | "add" | "save" | "give" | "use" | "clear"
        | "open" | "switch" | "sign" | "close" | "reveal" | "write" | "lock" => {
            let rest = &help[cut..];
            let second_end = rest
                .trim_start()
                .find([' ', '(', ',', ':'])
                .map(|i| cut + (rest.len() - rest.trim_start().len()) + i)
                .unwrap_or(help.len());
            &help[..second_end]
        }
        _ => first,
    }
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
            (Mode::Caseload, KeyCode::Char('c'), none, Action::QuickCapture),
            (Mode::Client, KeyCode::Char('r'), none, Action::Reveal),
            (Mode::Editor, KeyCode::Tab, none, Action::NextField),
            (Mode::Editor, KeyCode::BackTab, KeyModifiers::SHIFT, Action::PrevField),
            (Mode::Editor, KeyCode::Char('s'), c, Action::Save),
            (Mode::Editor, KeyCode::Char('t'), c, Action::ChangeLabel),
            (Mode::Editor, KeyCode::Char('l'), c, Action::Lock),
            (Mode::Caseload, KeyCode::Char('l'), c, Action::Lock),
            (Mode::Caseload, KeyCode::Char('?'), KeyModifiers::SHIFT, Action::Help),
            (Mode::Caseload, KeyCode::Char('q'), none, Action::Quit),
        ];
        for (mode, code, mods, action) in cases {
            assert_eq!(lookup(mode, &ev(code, mods)), Some(action), "{mode:?} {code:?}");
        }
    }

    #[test]
    fn typing_in_the_editor_is_not_captured() {
        for c in ['q', 'j', 'n', 'r', '?', '/'] {
            assert_eq!(lookup(Mode::Editor, &ev(KeyCode::Char(c), KeyModifiers::NONE)), None);
            assert_eq!(lookup(Mode::Filter, &ev(KeyCode::Char(c), KeyModifiers::NONE)), None);
        }
        // Lock is never bound before sign-in.
        assert_eq!(lookup(Mode::SignIn, &ev(KeyCode::Char('l'), KeyModifiers::CONTROL)), None);
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
            assert!(h.len() <= 16, "{h}");
        }
    }
}
