//! Keys of the administrator's screens (accounts, policy, audit trail), the supervisor's audit
//! trail, and choosing one's own password after an administrator set it.

use super::super::*;

pub const ADMIN: &[Binding] = &[
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
        &[k('4')],
        Action::ShowTab(3),
        "4",
        "the breach log tab"
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
        &[k('4')],
        Action::ShowTab(3),
        "4",
        "the breach log tab"
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
        &[k('4')],
        Action::ShowTab(3),
        "4",
        "the breach log tab"
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
];
