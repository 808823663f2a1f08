//! Every screen drawn on ratatui's TestBackend and pinned with snapshots. A masked section's
//! screen holds none of its text.

mod common;

use casenotes::domain::Sensitivity;
use casenotes::tui::app::Options;
#[allow(unused_imports)]
use common::ADVISER_PW;
use common::driver::Driver;
use common::tui::{open_alice, screen, signed_in, three_clients};
use common::*;
use ratatui::crossterm::event::KeyCode;

fn fixture() -> Fixture {
    three_clients(vec![
        section(
            "Query / presenting issue",
            Sensitivity::Ordinary,
            "Rent arrears after a benefit sanction; landlord has served a section 21 notice.",
        ),
        section(
            "Actions agreed",
            Sensitivity::Ordinary,
            "Client: bring the tenancy agreement by 12 Dec\nAdviser: call the council housing options team",
        ),
        section(
            "Health",
            health(),
            "HEALTH-SECRET depression, on sertraline",
        ),
        section(
            "Finances",
            Sensitivity::Confidential,
            "MONEY-SECRET owes 2,300 to a payday lender",
        ),
    ])
}

#[test]
fn sign_in_screens() {
    let f = fixture();
    let mut d = Driver::new(&f, Options::default());
    insta::assert_snapshot!("sign_in", screen(&d, 80, 24));
    d.type_str("adviser1");
    d.key(KeyCode::Tab);
    d.type_str("wrong password!");
    insta::assert_snapshot!("sign_in_typed", screen(&d, 80, 24));
    d.key(KeyCode::Enter);
    insta::assert_snapshot!("sign_in_error", screen(&d, 80, 24));
    let demo = Driver::new(
        &f,
        Options {
            lock_after: None,
            user: None,
            demo: Some((
                vec!["adviser1".into(), "supervisor".into()],
                "demo-password".into(),
            )),
            key_file: None,
        },
    );
    insta::assert_snapshot!("sign_in_demo", screen(&demo, 80, 24));
}

#[test]
fn caseload_screens() {
    let f = fixture();
    let mut d = signed_in(&f);
    insta::assert_snapshot!("caseload", screen(&d, 100, 20));
    d.key(KeyCode::Char('/'));
    d.type_str("bob");
    insta::assert_snapshot!("caseload_filtered", screen(&d, 100, 20));
    d.key(KeyCode::Esc);
    d.key(KeyCode::Char('a'));
    insta::assert_snapshot!("caseload_all_clients", screen(&d, 100, 20));
    d.key(KeyCode::Char('?'));
    insta::assert_snapshot!("help", screen(&d, 100, 30));
    d.key(KeyCode::Esc);
    d.key(KeyCode::Char('c'));
    insta::assert_snapshot!("quick_capture", screen(&d, 100, 20));
}

#[test]
fn client_screens_mask_until_revealed() {
    let f = fixture();
    let mut d = signed_in(&f);
    open_alice(&mut d);
    let masked = screen(&d, 100, 30);
    for secret in ["HEALTH-SECRET", "sertraline", "MONEY-SECRET", "payday"] {
        assert!(!masked.contains(secret), "{secret} on a masked screen");
    }
    insta::assert_snapshot!("client_masked", masked);
    d.key(KeyCode::Char('j'));
    d.key(KeyCode::Char('j'));
    d.key(KeyCode::Char('r'));
    insta::assert_snapshot!("reveal_reason", screen(&d, 100, 30));
    d.key(KeyCode::Enter);
    let revealed = screen(&d, 100, 30);
    assert!(revealed.contains("HEALTH-SECRET"));
    assert!(
        !revealed.contains("MONEY-SECRET"),
        "only the chosen section is revealed"
    );
    insta::assert_snapshot!("client_revealed", revealed);
}

#[test]
fn editor_screens() {
    let f = fixture();
    let mut d = signed_in(&f);
    d.key(KeyCode::Char('n'));
    d.type_str("Wants to appeal a PIP decision");
    insta::assert_snapshot!("editor", screen(&d, 100, 40));
    d.ctrl('t');
    insta::assert_snapshot!("editor_label", screen(&d, 100, 40));
    d.key(KeyCode::Esc);
    d.ctrl('n');
    insta::assert_snapshot!("editor_add_section", screen(&d, 100, 40));
    d.key(KeyCode::Esc);
    d.key(KeyCode::Esc);
    insta::assert_snapshot!("editor_leave", screen(&d, 100, 40));
}

#[test]
fn the_lock_screen_shows_nobody() {
    let f = fixture();
    let mut d = signed_in(&f);
    open_alice(&mut d);
    d.ctrl('l');
    let locked = screen(&d, 100, 24);
    for name in ["Alice", "Bob", "Ashworth", "adviser1", "C-0000"] {
        assert!(!locked.contains(name), "{name} on the lock screen");
    }
    insta::assert_snapshot!("locked", locked);
}

#[test]
fn a_tiny_terminal_says_so() {
    let f = fixture();
    let d = signed_in(&f);
    let s = screen(&d, 40, 10);
    assert!(s.contains("too small"));
    insta::assert_snapshot!("too_small", s);
    // Resizing back draws normally.
    assert!(screen(&d, 100, 20).contains("My caseload"));
}

#[test]
fn every_shipped_theme_draws_every_screen() {
    let f = fixture();
    for name in casenotes::tui::theme::Theme::BUILTIN {
        let (theme, warning) = casenotes::tui::theme::Theme::load(Some(name), None, false);
        assert!(warning.is_none());
        let mut d = signed_in(&f);
        d.app.ui.theme = theme;
        assert!(screen(&d, 100, 20).contains("My caseload"));
        open_alice(&mut d);
        assert!(screen(&d, 100, 20).contains("Alice Ashworth"));
    }
}

/// The status line of a `w` × `h` screen.
fn status(d: &Driver, w: u16, h: u16) -> String {
    screen(d, w, h).lines().last().unwrap_or("").to_string()
}

#[test]
fn the_help_hint_stays_on_the_status_line_at_80_columns() {
    let f = fixture();
    let mut d = signed_in(&f);
    let check = |d: &Driver, key: &str, place: &str| {
        let s = status(d, 80, 24);
        assert!(s.contains(&format!("{key} help")), "{place}: {s}");
    };
    check(&d, "?", "caseload");
    d.key(KeyCode::Char('/'));
    check(&d, "F1", "filter");
    d.key(KeyCode::Esc);
    open_alice(&mut d);
    check(&d, "?", "client");
    d.key(KeyCode::Char('j'));
    d.key(KeyCode::Char('j'));
    d.key(KeyCode::Char('r'));
    check(&d, "?", "reason");
    d.key(KeyCode::Esc);
    d.key(KeyCode::Char('n'));
    check(&d, "F1", "editor");
    d.ctrl('n');
    check(&d, "?", "add a section");
    d.key(KeyCode::Esc);
    d.ctrl('l');
    check(&d, "F1", "locked");
    let signed_out = Driver::new(&f, Options::default());
    check(&signed_out, "F1", "sign in");
}

#[test]
fn the_reveal_prompt_names_the_section_and_leaves_it_in_sight() {
    let f = fixture();
    for (w, h) in [(80, 24), (160, 45), (60, 16)] {
        let mut d = signed_in(&f);
        open_alice(&mut d);
        d.key(KeyCode::Char('j'));
        d.key(KeyCode::Char('j'));
        d.key(KeyCode::Char('r'));
        let shown = screen(&d, w, h);
        assert!(
            shown.contains("› [special:health] Health "),
            "{w}×{h}: the section is covered:\n{shown}"
        );
        assert!(
            shown.contains("masked — press r"),
            "{w}×{h}: its line is covered:\n{shown}"
        );
        assert!(
            shown.contains("Reveal [special:health] Health"),
            "{w}×{h}: the prompt does not name it:\n{shown}"
        );
        if (w, h) == (80, 24) {
            insta::assert_snapshot!("reveal_reason_80x24", shown);
        }
    }
}

#[test]
fn sign_in_and_lock_boxes_are_one_width_and_wrap_their_messages() {
    let f = fixture();
    let mut d = Driver::new(&f, Options::default());
    let long = "theme file /home/someone/.config/casenotes/themes/mine.toml is invalid \
                (line 3: unknown role \"bases\" under [styles]); using the default theme";
    d.app.set_sign_in_error(long.into());
    let signed_out = screen(&d, 80, 24);
    let joined: String = signed_out
        .lines()
        .map(|l| l.trim_matches(|c| c == ' ' || c == '│'))
        .collect::<Vec<_>>()
        .join(" ");
    assert!(joined.contains("using the default theme"), "{signed_out}");
    let edges = |s: &str| {
        let top = s.lines().find(|l| l.contains('┌')).unwrap_or("");
        (
            top.find('┌'),
            top.chars().count() - top.trim_start().chars().count(),
        )
    };
    d.sign_in("adviser1", ADVISER_PW);
    d.ctrl('l');
    let locked = screen(&d, 80, 24);
    let width = |s: &str| {
        s.lines()
            .find(|l| l.contains('┌'))
            .map(|l| l.trim().chars().count())
    };
    assert_eq!(width(&signed_out), width(&locked), "one width");
    assert_eq!(edges(&signed_out).1, edges(&locked).1, "in one place");
    insta::assert_snapshot!("sign_in_long_message", signed_out);
}

#[test]
fn the_light_theme_draws_its_own_background_everywhere() {
    use ratatui::style::Color;
    let f = fixture();
    let (theme, _) = casenotes::tui::theme::Theme::load(Some("light"), None, false);
    let mut d = Driver::new(&f, Options::default());
    d.app.ui.theme = theme;
    let unset = |d: &Driver, place: &str| {
        let buf = common::tui::buffer(d, 80, 24);
        let bad: Vec<(u16, u16)> = (0..24)
            .flat_map(|y| (0..80).map(move |x| (x, y)))
            .filter(|&(x, y)| buf[(x, y)].bg == Color::Reset)
            .collect();
        assert!(
            bad.is_empty(),
            "{place}: cells on the terminal's background: {bad:?}"
        );
    };
    unset(&d, "sign in");
    d.sign_in("adviser1", ADVISER_PW);
    unset(&d, "caseload");
    d.key(KeyCode::Char('?'));
    unset(&d, "help");
    d.key(KeyCode::Esc);
    open_alice(&mut d);
    unset(&d, "client");
    d.key(KeyCode::Char('j'));
    d.key(KeyCode::Char('j'));
    d.key(KeyCode::Char('r'));
    unset(&d, "reason");
    d.key(KeyCode::Esc);
    d.key(KeyCode::Char('n'));
    d.type_str("Some text");
    unset(&d, "editor");
    d.ctrl('t');
    unset(&d, "label");
    d.key(KeyCode::Esc);
    d.key(KeyCode::Esc);
    unset(&d, "confirm");
    d.key(KeyCode::Esc);
    d.ctrl('l');
    unset(&d, "locked");
}

#[test]
fn a_wrapped_line_in_the_editor_does_not_start_with_a_space() {
    let f = fixture();
    let mut d = signed_in(&f);
    d.key(KeyCode::Char('n'));
    d.type_str(
        "Client phoned about a council tax reduction and a discretionary housing payment \
         after her hours were cut; she has two children and the rent is due on Friday.",
    );
    for w in [60u16, 61, 63, 67, 71, 80, 97] {
        let shown = screen(&d, w, 24);
        let rows: Vec<&str> = shown
            .lines()
            .skip(2)
            .take_while(|l| !l.starts_with('└'))
            .collect();
        let text: Vec<&str> = rows
            .iter()
            .map(|r| r.trim_start_matches('│'))
            .filter(|t| !t.trim_end_matches('│').trim().is_empty())
            .collect();
        assert!(text.len() > 1, "{w}: wrapped");
        for t in text {
            assert!(!t.starts_with(' '), "{w}: {t:?}");
        }
    }
    insta::assert_snapshot!("editor_wrapped", screen(&d, 60, 16));
}

#[test]
fn long_lists_say_where_you_are() {
    let f = fixture();
    let a1 = f.sign_in("adviser1");
    for i in 4..=40 {
        common::client(&a1, &format!("Person Number{i}"));
    }
    let long: Vec<_> = (0..12)
        .map(|i| {
            section(
                &format!("Further notes {i}"),
                Sensitivity::Ordinary,
                "A line of notes.\nAnother line.",
            )
        })
        .collect();
    note_at(&a1, casenotes::domain::ClientRef(1), 1_781_000_000, long);
    drop(a1);
    let mut d = signed_in(&f);
    let first = screen(&d, 80, 24);
    assert!(
        first.contains(" 1 of 39 ") && first.contains("▼"),
        "{first}"
    );
    assert!(!first.contains("▲"));
    d.key(KeyCode::Char('G'));
    let last = screen(&d, 80, 24);
    assert!(last.contains(" 39 of 39 ") && last.contains("▲"), "{last}");
    insta::assert_snapshot!("caseload_scrolled", last);
    // A client's notes.
    d.key(KeyCode::Char('/'));
    d.type_str("alice");
    d.key(KeyCode::Enter);
    let notes = screen(&d, 80, 24);
    assert!(notes.contains("section 1 of 16 · note 1 of 2"), "{notes}");
    assert!(notes.contains("▼") && notes.contains("more"), "{notes}");
    d.key(KeyCode::Char('G'));
    assert!(screen(&d, 80, 24).contains("▲"));
    // A long section in the editor: which line, and more sections below.
    d.key(KeyCode::Char('n'));
    for i in 0..30 {
        d.type_str(&format!("line {i}"));
        d.key(KeyCode::Enter);
    }
    let editing = screen(&d, 80, 24);
    assert!(editing.contains("line 31 of 31"), "{editing}");
    assert!(
        editing.contains("▼ ") && editing.contains("more section"),
        "{editing}"
    );
}

#[test]
fn the_actions_column_counts_open_actions_and_help_explains_it() {
    let f = fixture();
    let mut d = signed_in(&f);
    assert!(screen(&d, 100, 20).contains("Open actions"));
    d.key(KeyCode::Char('?'));
    let mut help = String::new();
    for _ in 0..40 {
        help.push_str(&screen(&d, 100, 30));
        d.key(KeyCode::Char('j'));
    }
    let help = help.replace('│', " ");
    let words: Vec<&str> = help.split_whitespace().collect();
    let text = words.join(" ");
    assert!(text.contains("A later note never closes them"), "{text}");
}
