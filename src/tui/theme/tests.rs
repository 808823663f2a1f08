//! Tests of theme loading: every shipped theme, overrides, broken files, NO_COLOR.

use super::*;

fn builtins() -> Vec<Theme> {
    Theme::BUILTIN
        .iter()
        .map(|name| {
            let (theme, warning) = Theme::load(Some(name), None, false);
            assert_eq!(warning, None, "{name}");
            theme
        })
        .collect()
}

fn write_user_theme(dir: &Path, name: &str, text: &str) {
    std::fs::create_dir_all(dir.join("themes")).unwrap();
    std::fs::write(dir.join("themes").join(format!("{name}.toml")), text).unwrap();
}

#[test]
fn role_keys_are_distinct_and_round_trip() {
    for (i, role) in Role::ALL.iter().enumerate() {
        assert_eq!(role.index(), i);
        assert_eq!(Role::from_key(role.key()), Some(*role));
    }
    let mut keys: Vec<_> = Role::ALL.iter().map(|r| r.key()).collect();
    keys.sort_unstable();
    keys.dedup();
    assert_eq!(keys.len(), Role::ALL.len());
    assert_eq!(Role::from_key("nope"), None);
}

#[test]
fn every_builtin_parses_and_defines_every_role() {
    for name in Theme::BUILTIN {
        let text = Theme::builtin_toml(name).unwrap();
        let theme = Theme::from_toml(name, text).unwrap();
        assert_eq!(theme.name(), name);

        let table: toml::Table = text.parse().unwrap();
        assert_eq!(table["name"].as_str(), Some(name));
        let styles = table["styles"].as_table().unwrap();
        for role in Role::ALL {
            assert!(
                styles.contains_key(role.key()),
                "{name} lacks {}",
                role.key()
            );
        }
        assert_eq!(styles.len(), Role::ALL.len(), "{name}");
    }
}

#[test]
fn builtin_names_are_all_known() {
    for name in Theme::BUILTIN {
        assert!(Theme::builtin_toml(name).is_some());
        assert!(is_valid_name(name));
    }
}

#[test]
fn load_builtins_without_warning() {
    for name in Theme::BUILTIN {
        let (theme, warning) = Theme::load(Some(name), None, false);
        assert_eq!(warning, None);
        assert_eq!(theme.name(), name);
    }
    let (theme, warning) = Theme::load(None, None, false);
    assert_eq!(warning, None);
    assert_eq!(theme.name(), "default");
    assert_eq!(theme, Theme::default_theme());
}

#[test]
fn builtins_are_not_all_the_same() {
    let themes = builtins();
    assert_ne!(themes[0].styles, themes[1].styles);
    assert_ne!(themes[0].styles, themes[2].styles);
    assert_ne!(themes[1].styles, themes[2].styles);
}

#[test]
fn default_theme_is_the_shipped_file_not_the_fallback() {
    let theme = Theme::default_theme();
    assert_ne!(theme.styles, Theme::fallback().styles);
    assert_eq!(theme.style(Role::Base).bg, Some(Color::Reset));
    assert!(Theme::parse_over("default", DEFAULT_TOML, &Theme::fallback()).is_ok());
}

#[test]
fn unknown_name_gives_default_and_warning() {
    let (theme, warning) = Theme::load(Some("solarised"), None, false);
    assert_eq!(theme, Theme::default_theme());
    let warning = warning.unwrap();
    assert!(warning.contains("solarised"), "{warning}");
    assert!(warning.contains("default theme"), "{warning}");
    assert!(!warning.contains('\n'));
}

#[test]
fn unknown_name_with_config_dir_gives_default_and_warning() {
    let dir = tempfile::tempdir().unwrap();
    let (theme, warning) = Theme::load(Some("solarised"), Some(dir.path()), false);
    assert_eq!(theme, Theme::default_theme());
    assert!(warning.unwrap().contains("solarised"));
}

#[test]
fn names_that_could_escape_the_themes_folder_are_refused() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("evil.toml"), "name = \"evil\"\n").unwrap();
    for name in ["../evil", "/etc/passwd", "", "a\nb", "x.y"] {
        let (theme, warning) = Theme::load(Some(name), Some(dir.path()), false);
        assert_eq!(theme, Theme::default_theme(), "{name:?}");
        let warning = warning.unwrap();
        assert!(!warning.contains('\n'), "{warning}");
    }
}

#[test]
fn user_file_overrides_builtin() {
    let dir = tempfile::tempdir().unwrap();
    write_user_theme(
        dir.path(),
        "light",
        "[styles]\nselection = { fg = \"red\", bg = \"#102030\", modifiers = [\"underlined\"] }\n",
    );
    let (theme, warning) = Theme::load(Some("light"), Some(dir.path()), false);
    assert_eq!(warning, None);
    assert_eq!(theme.name(), "light");
    assert_eq!(
        theme.style(Role::Selection),
        Style::new()
            .fg(Color::Red)
            .bg(Color::Rgb(0x10, 0x20, 0x30))
            .add_modifier(Modifier::UNDERLINED)
    );
    let (builtin, _) = Theme::load(Some("light"), None, false);
    assert_ne!(theme.style(Role::Selection), builtin.style(Role::Selection));
    // Roles the user file leaves out come from the default theme.
    let default = Theme::default_theme();
    assert_eq!(theme.style(Role::Error), default.style(Role::Error));
}

#[test]
fn user_only_theme_works() {
    let dir = tempfile::tempdir().unwrap();
    write_user_theme(
        dir.path(),
        "my-theme_2",
        "name = \"mine\"\n[styles]\nbase = { fg = \"201\", bg = \"reset\" }\nmasked = { modifiers = [\"dim\", \"crossed_out\"] }\n",
    );
    let (theme, warning) = Theme::load(Some("my-theme_2"), Some(dir.path()), false);
    assert_eq!(warning, None);
    assert_eq!(theme.name(), "my-theme_2");
    assert_eq!(
        theme.style(Role::Base),
        Style::new().fg(Color::Indexed(201)).bg(Color::Reset)
    );
    assert_eq!(
        theme.style(Role::Masked),
        Style::new().add_modifier(Modifier::DIM | Modifier::CROSSED_OUT)
    );
    assert_eq!(
        theme.style(Role::Title),
        Theme::default_theme().style(Role::Title)
    );
}

#[test]
fn broken_user_files_fall_back_with_one_line_warning() {
    let cases = [
        ("invalid-toml", "[styles\nbase = {", "line 1"),
        (
            "bad-value",
            "name = \"x\"\n\n[styles]\nbase = { fg = 3 }\n",
            "line 4",
        ),
        (
            "unknown-field",
            "[styles]\nbase = { fg = \"red\", colour = \"blue\" }\n",
            "colour",
        ),
        ("unknown-top", "nmae = \"x\"\n", "nmae"),
        (
            "unknown-role",
            "[styles]\nselected = { fg = \"red\" }\n",
            "selected",
        ),
        (
            "bad-colour",
            "[styles]\nbase = { fg = \"purpleish\" }\n",
            "purpleish",
        ),
        (
            "bad-modifier",
            "[styles]\nbase = { modifiers = [\"blinky\"] }\n",
            "blinky",
        ),
    ];
    let dir = tempfile::tempdir().unwrap();
    for (name, text, needle) in cases {
        write_user_theme(dir.path(), name, text);
        let (theme, warning) = Theme::load(Some(name), Some(dir.path()), false);
        assert_eq!(theme, Theme::default_theme(), "{name}");
        let warning = warning.unwrap();
        assert!(!warning.contains('\n'), "{name}: {warning:?}");
        assert!(warning.contains(needle), "{name}: {warning}");
        assert!(warning.contains(&format!("{name}.toml")), "{warning}");
        assert!(warning.ends_with("using the default theme"), "{warning}");
    }
}

#[test]
fn broken_user_file_with_no_color_is_still_colourless() {
    let dir = tempfile::tempdir().unwrap();
    write_user_theme(dir.path(), "light", "[styles\n");
    let (theme, warning) = Theme::load(Some("light"), Some(dir.path()), true);
    assert!(warning.is_some());
    assert_eq!(theme.name(), "default");
    for role in Role::ALL {
        assert_eq!(theme.style(role).fg, None);
        assert_eq!(theme.style(role).bg, None);
    }
}

#[test]
fn unreadable_user_file_falls_back() {
    let dir = tempfile::tempdir().unwrap();
    // A folder where the file should be cannot be read as text.
    std::fs::create_dir_all(dir.path().join("themes").join("light.toml")).unwrap();
    let (theme, warning) = Theme::load(Some("light"), Some(dir.path()), false);
    assert_eq!(theme, Theme::default_theme());
    let warning = warning.unwrap();
    assert!(warning.contains("could not be read"), "{warning}");
    assert!(!warning.contains('\n'));

    std::fs::write(
        dir.path().join("themes").join("binary.toml"),
        [0xff, 0xfe, 0x00],
    )
    .unwrap();
    let (theme, warning) = Theme::load(Some("binary"), Some(dir.path()), false);
    assert_eq!(theme, Theme::default_theme());
    assert!(!warning.unwrap().contains('\n'));
}

#[test]
fn from_toml_reports_specific_errors() {
    assert!(matches!(
        Theme::from_toml("x", "[styles]\nbogus = {}\n"),
        Err(ThemeError::UnknownRole(k)) if k == "bogus"
    ));
    assert!(matches!(
        Theme::from_toml("x", "[styles]\nbase = { bg = \"purpleish\" }\n"),
        Err(ThemeError::BadColor(c)) if c == "purpleish"
    ));
    assert!(matches!(
        Theme::from_toml("x", "[styles]\nbase = { modifiers = [\"shiny\"] }\n"),
        Err(ThemeError::BadModifier(m)) if m == "shiny"
    ));
    match Theme::from_toml("x", "a = 1\n[styles]\nbase = { fg = \"red\" \n") {
        Err(ThemeError::Parse(msg)) => {
            assert!(msg.starts_with("line 3: "), "{msg}");
            assert!(!msg.contains('\n'), "{msg:?}");
        }
        other => panic!("expected a parse error, got {other:?}"),
    }
}

#[test]
fn colours_and_modifiers_parse() {
    for (text, colour) in [
        ("black", Color::Black),
        ("lightblue", Color::LightBlue),
        ("darkgray", Color::DarkGray),
        ("gray", Color::Gray),
        ("white", Color::White),
        ("reset", Color::Reset),
        ("#ff8000", Color::Rgb(255, 128, 0)),
        ("0", Color::Indexed(0)),
        ("255", Color::Indexed(255)),
    ] {
        assert_eq!(parse_color(text).unwrap(), colour, "{text}");
    }
    for bad in ["purpleish", "256", "#12345", ""] {
        assert!(
            matches!(parse_color(bad), Err(ThemeError::BadColor(_))),
            "{bad}"
        );
    }
    for (text, modifier) in [
        ("bold", Modifier::BOLD),
        ("dim", Modifier::DIM),
        ("italic", Modifier::ITALIC),
        ("underlined", Modifier::UNDERLINED),
        ("reversed", Modifier::REVERSED),
        ("crossed_out", Modifier::CROSSED_OUT),
        ("slow_blink", Modifier::SLOW_BLINK),
    ] {
        assert_eq!(parse_modifier(text).unwrap(), modifier, "{text}");
    }
}

#[test]
fn empty_file_is_the_default_theme_under_its_own_name() {
    let theme = Theme::from_toml("empty", "").unwrap();
    assert_eq!(theme.name(), "empty");
    assert_eq!(theme.styles, Theme::default_theme().styles);
}

#[test]
fn no_color_strips_every_colour_and_keeps_modifiers() {
    for name in Theme::BUILTIN {
        let (coloured, _) = Theme::load(Some(name), None, false);
        let (theme, warning) = Theme::load(Some(name), None, true);
        assert_eq!(warning, None);
        assert_eq!(theme.name(), name);
        for role in Role::ALL {
            let style = theme.style(role);
            assert_eq!(style.fg, None, "{name} {role:?}");
            assert_eq!(style.bg, None, "{name} {role:?}");
            assert_eq!(style.add_modifier, coloured.style(role).add_modifier);
        }
        assert!(
            !theme.style(Role::Selection).add_modifier.is_empty(),
            "{name}"
        );
    }
}

#[test]
fn builtins_mark_key_roles_without_colour() {
    for theme in builtins() {
        let name = theme.name();
        let m = |role| theme.style(role).add_modifier;
        assert!(
            m(Role::Selection).intersects(Modifier::REVERSED | Modifier::BOLD),
            "{name}"
        );
        assert!(m(Role::BorderFocus).contains(Modifier::BOLD), "{name}");
        assert!(
            m(Role::Masked).intersects(Modifier::ITALIC | Modifier::DIM),
            "{name}"
        );
        assert!(!m(Role::Revealed).is_empty(), "{name}");
        assert!(m(Role::Error).contains(Modifier::BOLD), "{name}");
    }
    let fallback = Theme::fallback();
    let m = |role| fallback.style(role).add_modifier;
    assert!(m(Role::Selection).intersects(Modifier::REVERSED | Modifier::BOLD));
    assert!(m(Role::BorderFocus).contains(Modifier::BOLD));
    assert!(m(Role::Masked).intersects(Modifier::ITALIC | Modifier::DIM));
    assert!(!m(Role::Revealed).is_empty());
    assert!(m(Role::Error).contains(Modifier::BOLD));
}

#[test]
fn builtins_keep_distinct_roles_distinct() {
    let pairs = [
        (Role::Masked, Role::Revealed),
        (Role::Confidential, Role::Special),
        (Role::Selection, Role::Base),
        (Role::BorderFocus, Role::Border),
    ];
    for name in Theme::BUILTIN {
        for no_color in [false, true] {
            let (theme, _) = Theme::load(Some(name), None, no_color);
            for (a, b) in pairs {
                assert_ne!(
                    theme.style(a),
                    theme.style(b),
                    "{name} (no_color {no_color}): {a:?} vs {b:?}"
                );
            }
        }
    }
}

#[test]
fn light_theme_sets_its_own_background() {
    // Dark text on the terminal's own background is unreadable on a dark terminal.
    let (theme, _) = Theme::load(Some("light"), None, false);
    let bg = theme.style(Role::Base).bg;
    assert!(
        matches!(bg, Some(c) if c != Color::Reset && c != Color::Black),
        "{bg:?}"
    );
}

#[test]
fn light_theme_avoids_yellow_text() {
    let (theme, _) = Theme::load(Some("light"), None, false);
    for role in Role::ALL {
        let fg = theme.style(role).fg;
        assert!(
            !matches!(fg, Some(Color::Yellow | Color::LightYellow | Color::White)),
            "light {role:?} uses {fg:?}"
        );
    }
    assert_eq!(theme.style(Role::Base).fg, Some(Color::Black));
}

#[test]
fn high_contrast_uses_only_black_white_and_bright_colours() {
    let (theme, _) = Theme::load(Some("high-contrast"), None, false);
    for role in Role::ALL {
        let style = theme.style(role);
        for colour in [style.fg, style.bg].into_iter().flatten() {
            assert!(
                matches!(
                    colour,
                    Color::Black
                        | Color::White
                        | Color::LightRed
                        | Color::LightGreen
                        | Color::LightYellow
                        | Color::LightBlue
                        | Color::LightMagenta
                        | Color::LightCyan
                ),
                "high-contrast {role:?} uses {colour:?}"
            );
        }
    }
}
