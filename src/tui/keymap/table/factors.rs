//! Keys of second factors: moving between the key file's path and the one-time code at sign-in
//! and on the lock screen, completing the path, and the screen that enrols an authenticator app.

use super::super::*;

pub const FACTORS: &[Binding] = &[
    // The key file's path (sign-in and lock screens): Tab completes it.
    b!(
        KeyFilePath,
        &[code(KeyCode::Tab)],
        Action::Complete,
        "Tab",
        "complete the path (again: list the choices)",
        "complete",
        3
    ),
    b!(
        KeyFilePath,
        &[code(KeyCode::Down)],
        Action::NextField,
        "↓",
        "next field",
        "next field",
        4
    ),
    b!(
        KeyFilePath,
        &[code(KeyCode::BackTab), code(KeyCode::Up)],
        Action::PrevField,
        "Shift-Tab/↑",
        "previous field"
    ),
    b!(
        KeyFilePath,
        ENTER,
        Action::Open,
        "Enter",
        "sign in (on the lock screen: unlock)",
        "sign in",
        2
    ),
    b!(
        KeyFilePath,
        &[ctrl('u')],
        Action::SwitchUser,
        "Ctrl-U",
        "switch user (on the lock screen)"
    ),
    // The lock screen's fields, for an account with a key file or one-time codes.
    b!(
        Locked,
        &[code(KeyCode::Tab), code(KeyCode::Down)],
        Action::NextField,
        "Tab",
        "next field (an account with a key file or codes)"
    ),
    b!(
        Locked,
        &[code(KeyCode::BackTab), code(KeyCode::Up)],
        Action::PrevField,
        "Shift-Tab",
        "previous field"
    ),
    // Enrolling an authenticator app, as the policy requires.
    b!(
        Enrol,
        ENTER,
        Action::Open,
        "Enter",
        "confirm the code (then: go on)",
        "confirm",
        2
    ),
    b!(
        Enrol,
        ESC,
        Action::SwitchUser,
        "Esc",
        "sign out (enrol at your next sign-in)",
        "sign out",
        3
    ),
    b!(
        Enrol,
        QUESTION,
        Action::Help,
        "?",
        "help: why, and what the codes do",
        "help",
        1
    ),
    b!(Enrol, &[ctrl('c')], Action::Quit, "Ctrl-C", "quit"),
];
