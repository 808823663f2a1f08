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
mod tests;
