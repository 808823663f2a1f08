//! Colour themes for the terminal interface.
//!
//! Screens never name a colour: they ask the [`Theme`] for the [`Style`] of a [`Role`] (what the
//! text means, such as [`Role::Selection`] or [`Role::Confidential`]).
//!
//! Three themes are built in ([`Theme::BUILTIN`]): `default` (dark terminals), `light` and
//! `high-contrast`. [`Theme::load`] resolves `--theme NAME`: a file
//! `<config dir>/themes/NAME.toml` takes precedence over the built-in of the same name, which also
//! lets users add themes of their own. Loading never fails: a missing or broken theme gives the
//! default theme and a one-line warning. With `no_color` (the `NO_COLOR` convention) every colour
//! is removed and only modifiers remain, which is why every built-in theme marks the selection,
//! the focused border, masked and revealed text and errors with a modifier as well as a colour.
//!
//! # Theme files
//!
//! ```toml
//! name = "default"             # optional and informational: a theme is known by its file name
//!
//! [styles]
//! base = { fg = "white", bg = "black" }
//! selection = { fg = "black", bg = "cyan", modifiers = ["bold"] }
//! masked = { fg = "darkgray", modifiers = ["italic"] }
//! ```
//!
//! Each key under `[styles]` is a role: `base`, `title`, `border`, `border_focus`, `status_bar`,
//! `hint`, `selection`, `dim`, `label`, `confidential`, `special`, `masked`, `revealed`, `warning`,
//! `error`, `input`, `match` (see [`Role`]). A role left out of the file takes its style from the
//! default theme. Within a style, `fg`, `bg` and `modifiers` are all optional; a colour left out
//! is not set, so the colour underneath shows through.
//!
//! - Colours: a name (`black`, `red`, `green`, `yellow`, `blue`, `magenta`, `cyan`, `gray`,
//!   `darkgray`, `lightred`, `lightgreen`, `lightyellow`, `lightblue`, `lightmagenta`,
//!   `lightcyan`, `white`, or `reset` for the terminal's own colour), `#rrggbb`, or an xterm
//!   256-colour index `"0"` to `"255"`.
//! - Modifiers: `bold`, `dim`, `italic`, `underlined`, `reversed`, `crossed_out`, `slow_blink`,
//!   `rapid_blink`. `reversed` swaps `fg` and `bg` when drawn.
//!
//! An unknown role, colour, modifier or field is an error rather than being ignored, so that a
//! typo shows up as a warning instead of a silently different theme.

use std::collections::BTreeMap;
use std::path::Path;
use std::str::FromStr;

use ratatui::style::{Color, Modifier, Style};
use serde::Deserialize;

/// Styles are looked up by meaning, never by colour at the call site.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Role {
    /// Normal text on the app background.
    Base,
    /// Screen titles, the app name on the lock screen.
    Title,
    /// Unfocused block borders.
    Border,
    /// The focused block's border (e.g. the section being edited).
    BorderFocus,
    /// The bottom status line background and text.
    StatusBar,
    /// Key hints in the status line ("/ filter  n new note").
    Hint,
    /// The selected row in a list.
    Selection,
    /// Secondary information (dates, counts).
    Dim,
    /// The sensitivity label "[ordinary]".
    Label,
    /// The "[confidential]" label and the masked confidential placeholder.
    Confidential,
    /// The "[special:health]" label and the masked special-category placeholder.
    Special,
    /// The placeholder line of a masked section ("masked — press r to reveal").
    Masked,
    /// The text of a revealed section, and its "revealed" marker.
    Revealed,
    /// Warnings (unsaved draft, time until lock running low).
    Warning,
    /// Error messages (wrong password).
    Error,
    /// Text inputs (username, password, filter box, reason box).
    Input,
    /// Characters matched by the fuzzy filter.
    Match,
}

impl Role {
    /// Every role, in declaration order.
    pub const ALL: [Role; 17] = [
        Role::Base,
        Role::Title,
        Role::Border,
        Role::BorderFocus,
        Role::StatusBar,
        Role::Hint,
        Role::Selection,
        Role::Dim,
        Role::Label,
        Role::Confidential,
        Role::Special,
        Role::Masked,
        Role::Revealed,
        Role::Warning,
        Role::Error,
        Role::Input,
        Role::Match,
    ];

    /// The role's key under `[styles]` in a theme file.
    pub fn key(self) -> &'static str {
        match self {
            Role::Base => "base",
            Role::Title => "title",
            Role::Border => "border",
            Role::BorderFocus => "border_focus",
            Role::StatusBar => "status_bar",
            Role::Hint => "hint",
            Role::Selection => "selection",
            Role::Dim => "dim",
            Role::Label => "label",
            Role::Confidential => "confidential",
            Role::Special => "special",
            Role::Masked => "masked",
            Role::Revealed => "revealed",
            Role::Warning => "warning",
            Role::Error => "error",
            Role::Input => "input",
            Role::Match => "match",
        }
    }

    /// The role whose [`key`](Role::key) is `key`, if any.
    pub fn from_key(key: &str) -> Option<Role> {
        Role::ALL.into_iter().find(|role| role.key() == key)
    }

    fn index(self) -> usize {
        self as usize
    }
}

/// Why a theme file could not be used.
#[derive(Debug, thiserror::Error)]
pub enum ThemeError {
    /// The text is not valid TOML or not shaped like a theme; the message is on one line and
    /// starts with the line number where known.
    #[error("{0}")]
    Parse(String),
    /// A key under `[styles]` that is not a role.
    #[error("unknown role {0:?} under [styles]")]
    UnknownRole(String),
    /// A colour that is neither a colour name, `#rrggbb`, nor an index 0-255.
    #[error(
        "unknown colour {0:?}, expected a colour name such as \"lightblue\", \"#rrggbb\" or 0-255"
    )]
    BadColor(String),
    /// A modifier that is not one of the known names.
    #[error(
        "unknown modifier {0:?}, expected one of bold, dim, italic, underlined, reversed, crossed_out, slow_blink, rapid_blink"
    )]
    BadModifier(String),
}

/// A named set of styles, one per [`Role`].
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Theme {
    name: String,
    styles: [Style; Role::ALL.len()],
}

const DEFAULT_TOML: &str =
    include_str!(concat!(env!("CARGO_MANIFEST_DIR"), "/themes/default.toml"));
const LIGHT_TOML: &str = include_str!(concat!(env!("CARGO_MANIFEST_DIR"), "/themes/light.toml"));
const HIGH_CONTRAST_TOML: &str = include_str!(concat!(
    env!("CARGO_MANIFEST_DIR"),
    "/themes/high-contrast.toml"
));

/// The shape of a theme file.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct ThemeFile {
    /// Informational only: a theme is known by the name it is loaded by.
    #[serde(default, rename = "name")]
    _name: Option<String>,
    #[serde(default)]
    styles: BTreeMap<String, StyleSpec>,
}

/// One role's style as written in a theme file.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct StyleSpec {
    fg: Option<String>,
    bg: Option<String>,
    #[serde(default)]
    modifiers: Vec<String>,
}

impl StyleSpec {
    fn to_style(&self) -> Result<Style, ThemeError> {
        let mut style = Style::new();
        if let Some(fg) = &self.fg {
            style = style.fg(parse_color(fg)?);
        }
        if let Some(bg) = &self.bg {
            style = style.bg(parse_color(bg)?);
        }
        for name in &self.modifiers {
            style = style.add_modifier(parse_modifier(name)?);
        }
        Ok(style)
    }
}

fn parse_color(text: &str) -> Result<Color, ThemeError> {
    Color::from_str(text.trim()).map_err(|_| ThemeError::BadColor(text.to_owned()))
}

fn parse_modifier(text: &str) -> Result<Modifier, ThemeError> {
    match text.trim().to_ascii_lowercase().replace('-', "_").as_str() {
        "bold" => Ok(Modifier::BOLD),
        "dim" => Ok(Modifier::DIM),
        "italic" => Ok(Modifier::ITALIC),
        "underlined" => Ok(Modifier::UNDERLINED),
        "reversed" => Ok(Modifier::REVERSED),
        "crossed_out" => Ok(Modifier::CROSSED_OUT),
        "slow_blink" => Ok(Modifier::SLOW_BLINK),
        "rapid_blink" => Ok(Modifier::RAPID_BLINK),
        _ => Err(ThemeError::BadModifier(text.to_owned())),
    }
}

/// The message of a TOML error on one line, prefixed with its line number where known.
fn describe_toml_error(text: &str, err: &toml::de::Error) -> String {
    let message = one_line(err.message().trim());
    match err.span() {
        Some(span) => {
            let start = span.start.min(text.len());
            let line = text.as_bytes()[..start]
                .iter()
                .filter(|&&b| b == b'\n')
                .count()
                + 1;
            format!("line {line}: {message}")
        }
        None => message,
    }
}

/// `text` with every control character (line breaks included) replaced by a space.
fn one_line(text: &str) -> String {
    text.chars()
        .map(|c| if c.is_control() { ' ' } else { c })
        .collect()
}

/// Whether `name` may name a theme file: letters, digits, `-` and `_` only, so that it can never
/// reach outside the themes folder.
fn is_valid_name(name: &str) -> bool {
    !name.is_empty()
        && name.len() <= 64
        && name
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || c == '-' || c == '_')
}

impl Theme {
    /// Names of the built-in themes.
    pub const BUILTIN: [&'static str; 3] = ["default", "light", "high-contrast"];

    /// The theme's name: the name it was loaded by.
    pub fn name(&self) -> &str {
        &self.name
    }

    /// The style for text playing `role`.
    pub fn style(&self, role: Role) -> Style {
        self.styles[role.index()]
    }

    /// The built-in default (dark) theme.
    pub fn default_theme() -> Theme {
        Theme::parse_over("default", DEFAULT_TOML, &Theme::fallback())
            .unwrap_or_else(|_| Theme::fallback())
    }

    /// Parses a theme from TOML text (see the module docs for the format). Roles missing from
    /// the file take the default theme's style.
    pub fn from_toml(name: &str, text: &str) -> Result<Theme, ThemeError> {
        Theme::parse_over(name, text, &Theme::default_theme())
    }

    /// Resolves `--theme NAME` (`None` means `default`).
    ///
    /// `<config_dir>/themes/NAME.toml`, when `config_dir` is given and the file exists, wins over
    /// the built-in of that name. An unknown name or an unreadable or invalid file gives the
    /// default theme and a one-line warning. `no_color` removes every colour, keeping modifiers.
    pub fn load(
        name: Option<&str>,
        config_dir: Option<&Path>,
        no_color: bool,
    ) -> (Theme, Option<String>) {
        let (theme, warning) = Theme::resolve(name.unwrap_or("default"), config_dir);
        let theme = if no_color {
            theme.without_color()
        } else {
            theme
        };
        (theme, warning.map(|w| one_line(&w)))
    }

    fn resolve(name: &str, config_dir: Option<&Path>) -> (Theme, Option<String>) {
        const FALLBACK: &str = "using the default theme";
        if !is_valid_name(name) {
            return (
                Theme::default_theme(),
                Some(format!(
                    "theme name {name:?} is not valid (use letters, digits, '-' and '_'); {FALLBACK}"
                )),
            );
        }
        if let Some(dir) = config_dir {
            let path = dir.join("themes").join(format!("{name}.toml"));
            match std::fs::read_to_string(&path) {
                Ok(text) => {
                    return match Theme::from_toml(name, &text) {
                        Ok(theme) => (theme, None),
                        Err(err) => (
                            Theme::default_theme(),
                            Some(format!(
                                "theme file {} is invalid ({err}); {FALLBACK}",
                                path.display()
                            )),
                        ),
                    };
                }
                Err(err) if err.kind() == std::io::ErrorKind::NotFound => {}
                Err(err) => {
                    return (
                        Theme::default_theme(),
                        Some(format!(
                            "theme file {} could not be read ({err}); {FALLBACK}",
                            path.display()
                        )),
                    );
                }
            }
        }
        let Some(text) = Theme::builtin_toml(name) else {
            return (
                Theme::default_theme(),
                Some(format!("theme '{name}' not found; {FALLBACK}")),
            );
        };
        match Theme::from_toml(name, text) {
            Ok(theme) => (theme, None),
            Err(err) => (
                Theme::default_theme(),
                Some(format!(
                    "built-in theme '{name}' is invalid ({err}); {FALLBACK}"
                )),
            ),
        }
    }

    fn builtin_toml(name: &str) -> Option<&'static str> {
        match name {
            "default" => Some(DEFAULT_TOML),
            "light" => Some(LIGHT_TOML),
            "high-contrast" => Some(HIGH_CONTRAST_TOML),
            _ => None,
        }
    }

    /// Parses `text`, taking roles it leaves out from `base`.
    fn parse_over(name: &str, text: &str, base: &Theme) -> Result<Theme, ThemeError> {
        let file: ThemeFile = toml::from_str(text)
            .map_err(|err| ThemeError::Parse(describe_toml_error(text, &err)))?;
        let mut styles = base.styles;
        for (key, spec) in &file.styles {
            let role = Role::from_key(key).ok_or_else(|| ThemeError::UnknownRole(key.clone()))?;
            styles[role.index()] = spec.to_style()?;
        }
        Ok(Theme {
            name: name.to_owned(),
            styles,
        })
    }

    /// A minimal dark theme that needs no parsing, used only if the shipped default is broken.
    fn fallback() -> Theme {
        let plain = Style::new();
        let styles = Role::ALL.map(|role| match role {
            Role::Base | Role::Border | Role::Label | Role::Input => plain,
            Role::Title | Role::BorderFocus | Role::Confidential | Role::Error => {
                plain.add_modifier(Modifier::BOLD)
            }
            Role::StatusBar | Role::Hint | Role::Selection => {
                plain.add_modifier(Modifier::REVERSED | Modifier::BOLD)
            }
            Role::Dim | Role::Masked => plain.add_modifier(Modifier::DIM | Modifier::ITALIC),
            Role::Special | Role::Match => {
                plain.add_modifier(Modifier::BOLD | Modifier::UNDERLINED)
            }
            Role::Revealed | Role::Warning => plain.add_modifier(Modifier::UNDERLINED),
        });
        Theme {
            name: "default".to_owned(),
            styles,
        }
    }

    /// The same theme with every foreground and background colour removed, modifiers kept.
    fn without_color(self) -> Theme {
        Theme {
            name: self.name,
            styles: self.styles.map(|s| {
                Style::new()
                    .add_modifier(s.add_modifier)
                    .remove_modifier(s.sub_modifier)
            }),
        }
    }
}

impl Default for Theme {
    fn default() -> Self {
        Theme::default_theme()
    }
}

#[cfg(test)]
mod tests {
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
}
