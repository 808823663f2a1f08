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
        (Mode::Caseload, KeyCode::Char('g'), none, Action::Top),
        (
            Mode::Caseload,
            KeyCode::Char('G'),
            KeyModifiers::SHIFT,
            Action::Bottom,
        ),
        (Mode::Caseload, KeyCode::End, none, Action::Bottom),
        (Mode::Filter, KeyCode::Home, none, Action::Top),
        (Mode::Client, KeyCode::Char('G'), none, Action::Bottom),
        (Mode::Label, KeyCode::Esc, KeyModifiers::ALT, Action::Back),
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
    for c in ['q', 'j', 'n', 'r', '?', '/', 'g', 'G'] {
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
    for a in bindings() {
        for b in bindings() {
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
    for mode in [
        Mode::Caseload,
        Mode::Accounts,
        Mode::Policy,
        Mode::AdminAudit,
        Mode::Audit,
        Mode::Disclosures,
        Mode::DisclosureForm,
        Mode::Breaches,
        Mode::AdminBreaches,
        Mode::BreachForm,
        Mode::Dashboard,
        Mode::Client,
    ] {
        for b in hints(mode) {
            assert!(b.hint.len() <= 14, "{}", b.hint);
        }
    }
}

#[test]
fn the_admin_tabs_switch_with_tab_and_their_numbers() {
    let none = KeyModifiers::NONE;
    for mode in [
        Mode::Accounts,
        Mode::Policy,
        Mode::AdminAudit,
        Mode::AdminBreaches,
    ] {
        assert_eq!(lookup(mode, &ev(KeyCode::Tab, none)), Some(Action::NextTab));
        for (c, tab) in [('1', 0), ('2', 1), ('3', 2), ('4', 3)] {
            assert_eq!(
                lookup(mode, &ev(KeyCode::Char(c), none)),
                Some(Action::ShowTab(tab)),
                "{mode:?} {c}"
            );
        }
    }
    // The supervisor's audit trail is no tab: Esc goes back, Tab is nothing.
    assert_eq!(lookup(Mode::Audit, &ev(KeyCode::Tab, none)), None);
    assert_eq!(
        lookup(Mode::Audit, &ev(KeyCode::Esc, none)),
        Some(Action::Back)
    );
    assert_eq!(
        lookup(Mode::Caseload, &ev(KeyCode::Char('L'), KeyModifiers::SHIFT)),
        Some(Action::AuditTrail)
    );
    // The supervisor's breach log is no tab either.
    assert_eq!(lookup(Mode::Breaches, &ev(KeyCode::Tab, none)), None);
    assert_eq!(
        lookup(Mode::Breaches, &ev(KeyCode::Esc, none)),
        Some(Action::Back)
    );
    // Typing a password, a name or a record never triggers an action.
    for mode in [
        Mode::AccountForm,
        Mode::NewPassword,
        Mode::PolicyValue,
        Mode::AuditUser,
        Mode::DisclosureForm,
        Mode::BreachForm,
    ] {
        for c in ['q', 'a', 'x', 'p', 'r', '1', '?', '/'] {
            assert_eq!(
                lookup(mode, &ev(KeyCode::Char(c), none)),
                None,
                "{mode:?} {c}"
            );
        }
    }
}

const ALL_MODES: [Mode; 40] = [
    Mode::SignIn,
    Mode::Caseload,
    Mode::Filter,
    Mode::Client,
    Mode::Editor,
    Mode::Locked,
    Mode::Help,
    Mode::Reason,
    Mode::ReasonText,
    Mode::Picker,
    Mode::Label,
    Mode::AddSection,
    Mode::Confirm,
    Mode::Waiting,
    Mode::Form,
    Mode::Drafts,
    Mode::History,
    Mode::Actions,
    Mode::Glass,
    Mode::Reassign,
    Mode::Accounts,
    Mode::Policy,
    Mode::AdminAudit,
    Mode::Audit,
    Mode::AuditUser,
    Mode::AccountForm,
    Mode::RoleChoice,
    Mode::PolicyValue,
    Mode::NewPassword,
    Mode::Consent,
    Mode::ConsentForm,
    Mode::Dashboard,
    Mode::Retention,
    Mode::Disclosures,
    Mode::DisclosureForm,
    Mode::Breaches,
    Mode::AdminBreaches,
    Mode::BreachForm,
    Mode::KeyFilePath,
    Mode::Enrol,
];

#[test]
fn help_is_asked_for_in_every_mode_with_a_key_that_is_not_text() {
    // Where `?` is typed as text, F1 asks for help; elsewhere `?` does too.
    let typing = [
        Mode::SignIn,
        Mode::Filter,
        Mode::Editor,
        Mode::Locked,
        Mode::ReasonText,
        Mode::Picker,
        Mode::Form,
        Mode::AuditUser,
        Mode::AccountForm,
        Mode::PolicyValue,
        Mode::NewPassword,
        Mode::ConsentForm,
        Mode::DisclosureForm,
        Mode::BreachForm,
        Mode::KeyFilePath,
    ];
    for mode in ALL_MODES {
        let f1 = lookup(mode, &ev(KeyCode::F(1), KeyModifiers::NONE));
        let q = lookup(mode, &ev(KeyCode::Char('?'), KeyModifiers::NONE));
        if mode == Mode::Help {
            assert_eq!((f1, q), (Some(Action::Back), Some(Action::Back)));
            continue;
        }
        assert_eq!(f1, Some(Action::Help), "{mode:?}");
        if typing.contains(&mode) {
            assert_eq!(q, None, "{mode:?}: ? is text");
            assert_eq!(help_key(mode), "F1");
        } else {
            assert_eq!(q, Some(Action::Help), "{mode:?}");
            assert_eq!(help_key(mode), "?");
        }
        // And the status line has a help hint.
        assert!(
            hints(mode)
                .iter()
                .any(|b| b.action == Action::Help && b.rank == 1)
        );
    }
}

#[test]
fn switching_user_works_on_every_signed_in_screen() {
    for mode in ALL_MODES {
        let got = lookup(mode, &ev(KeyCode::Char('u'), KeyModifiers::CONTROL));
        if mode == Mode::SignIn {
            assert_eq!(got, None);
        } else {
            assert_eq!(got, Some(Action::SwitchUser), "{mode:?}");
        }
    }
}

#[test]
fn the_data_protection_records_open_with_their_keys() {
    let none = KeyModifiers::NONE;
    let shift = KeyModifiers::SHIFT;
    let cases = [
        (Mode::Client, 'D', shift, Action::ClientDisclosures),
        (Mode::Caseload, 'b', none, Action::BreachLog),
        (Mode::Dashboard, 'b', none, Action::BreachLog),
        (Mode::Disclosures, 'a', none, Action::Record),
        (Mode::Breaches, 'a', none, Action::Record),
        (Mode::Breaches, 'u', none, Action::Complete),
        (Mode::AdminBreaches, 'u', none, Action::Complete),
    ];
    for (mode, c, mods, action) in cases {
        assert_eq!(
            lookup(mode, &ev(KeyCode::Char(c), mods)),
            Some(action),
            "{mode:?} {c}"
        );
    }
    // Neither takes a key of another: d reveals details, B is the break-glass queue.
    assert_eq!(
        lookup(Mode::Client, &ev(KeyCode::Char('d'), none)),
        Some(Action::RevealDetails)
    );
    assert_eq!(
        lookup(Mode::Caseload, &ev(KeyCode::Char('B'), shift)),
        Some(Action::GlassQueue)
    );
    // The lifecycle keys stay theirs: X, x and ! on the client; T on the caseload and dashboard.
    for (mode, c, action) in [
        (Mode::Client, 'X', Action::Export),
        (Mode::Client, 'x', Action::CloseCase),
        (Mode::Client, '!', Action::Redact),
        (Mode::Caseload, 'T', Action::Retention),
        (Mode::Dashboard, 'T', Action::Retention),
    ] {
        assert_eq!(
            lookup(mode, &ev(KeyCode::Char(c), none)),
            Some(action),
            "{mode:?} {c}"
        );
    }
}

#[test]
fn the_second_factor_fields_move_and_complete() {
    let none = KeyModifiers::NONE;
    let cases = [
        (Mode::SignIn, KeyCode::Tab, Action::NextField),
        (Mode::SignIn, KeyCode::Down, Action::NextField),
        (Mode::SignIn, KeyCode::Up, Action::PrevField),
        (Mode::KeyFilePath, KeyCode::Tab, Action::Complete),
        (Mode::KeyFilePath, KeyCode::Down, Action::NextField),
        (Mode::KeyFilePath, KeyCode::Up, Action::PrevField),
        (Mode::KeyFilePath, KeyCode::Enter, Action::Open),
        (Mode::Locked, KeyCode::Tab, Action::NextField),
        (Mode::Enrol, KeyCode::Enter, Action::Open),
        (Mode::Enrol, KeyCode::Esc, Action::SwitchUser),
    ];
    for (mode, code, action) in cases {
        assert_eq!(
            lookup(mode, &ev(code, none)),
            Some(action),
            "{mode:?} {code:?}"
        );
    }
    assert_eq!(
        lookup(Mode::SignIn, &ev(KeyCode::BackTab, KeyModifiers::SHIFT)),
        Some(Action::PrevField)
    );
    // A path and a code are typed: letters are no action there.
    for c in ['q', 'a', '/', '~', '.'] {
        assert_eq!(lookup(Mode::KeyFilePath, &ev(KeyCode::Char(c), none)), None);
    }
    for c in ['0', '7', 'k', '-'] {
        assert_eq!(lookup(Mode::Enrol, &ev(KeyCode::Char(c), none)), None);
    }
}
