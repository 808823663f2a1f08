//! Drawing: a pure function of the app's state and the time. No I/O, no session calls.

use std::time::SystemTime;

use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::style::{Modifier, Style};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, Clear, Paragraph, Wrap};

use textwrap::WordSeparator;
use textwrap::core::Fragment;
use textwrap::wrap_algorithms::wrap_first_fit;
use unicode_width::UnicodeWidthChar;

use crate::domain::{self, Sensitivity};
use crate::session::SectionBody;

use super::app::{App, Confirm, Popup, REASONS, ReasonFor, Screen};
use super::editor;
use super::keymap::{self, Mode};
use super::theme::Role as R;

/// The smallest terminal the app draws in.
pub const MIN_WIDTH: u16 = 60;
pub const MIN_HEIGHT: u16 = 16;

/// Draws the whole screen.
pub fn draw(app: &App, f: &mut Frame, now: SystemTime) {
    let area = f.area();
    let base = app.theme.style(R::Base);
    f.render_widget(Block::default().style(base), area);
    if area.width < MIN_WIDTH || area.height < MIN_HEIGHT {
        let text = format!(
            "The terminal is too small ({}×{}). casenotes needs at least {MIN_WIDTH}×{MIN_HEIGHT}.",
            area.width, area.height
        );
        f.render_widget(
            Paragraph::new(text)
                .style(app.theme.style(R::Warning))
                .wrap(Wrap { trim: true }),
            area,
        );
        return;
    }
    let [body, status] = Layout::vertical([Constraint::Min(1), Constraint::Length(1)]).areas(area);
    match app.screen {
        Screen::SignIn => sign_in(app, f, body, now),
        Screen::Locked => locked(app, f, body, now),
        Screen::Caseload => caseload(app, f, body),
        Screen::Client => client(app, f, body, now),
        Screen::Editor => editor_screen(app, f, body),
    }
    if let Some(p) = &app.popup {
        popup(app, p, f, body);
    }
    status_line(app, f, status, now);
}

fn spinner(now: SystemTime) -> char {
    let ms = now
        .duration_since(SystemTime::UNIX_EPOCH)
        .map(|d| d.as_millis())
        .unwrap_or(0);
    ['|', '/', '-', '\\'][(ms / 120 % 4) as usize]
}

fn centered(area: Rect, width: u16, height: u16) -> Rect {
    let w = width.min(area.width);
    let h = height.min(area.height);
    Rect {
        x: area.x + (area.width - w) / 2,
        y: area.y + (area.height - h) / 2,
        width: w,
        height: h,
    }
}

fn block<'a>(app: &App, title: impl Into<Line<'a>>, focus: bool) -> Block<'a> {
    Block::default()
        .borders(Borders::ALL)
        .border_style(
            app.theme
                .style(if focus { R::BorderFocus } else { R::Border }),
        )
        .title(title.into().style(app.theme.style(R::Title)))
}

fn field<'a>(app: &App, label: &'a str, value: String, focus: bool) -> Line<'a> {
    let cursor = if focus { "▏" } else { " " };
    Line::from(vec![
        Span::styled(format!("{label:<10}"), app.theme.style(R::Label)),
        Span::styled(format!("{value}{cursor}"), app.theme.style(R::Input)),
    ])
}

fn sign_in(app: &App, f: &mut Frame, area: Rect, now: SystemTime) {
    let mut lines = vec![
        Line::from(Span::styled("casenotes", app.theme.style(R::Title))),
        Line::from(Span::styled("Sign in", app.theme.style(R::Dim))),
        Line::default(),
        field(
            app,
            "Username",
            app.signin.username.clone(),
            !app.signin.on_password,
        ),
        field(
            app,
            "Password",
            "•".repeat(app.signin.password.chars().count()),
            app.signin.on_password,
        ),
        Line::default(),
    ];
    if let Some(b) = &app.busy {
        lines.push(Line::from(Span::styled(
            format!("{} {b}", spinner(now)),
            app.theme.style(R::Dim),
        )));
    } else if let Some(e) = &app.signin.error {
        lines.push(Line::from(Span::styled(
            e.clone(),
            app.theme.style(R::Error),
        )));
    }
    let boxed = centered(area, 56, 11);
    f.render_widget(Clear, boxed);
    f.render_widget(Paragraph::new(lines).block(block(app, "", true)), boxed);
    if let Some((accounts, password)) = &app.options.demo {
        let below = Rect {
            y: boxed.y + boxed.height,
            height: area
                .height
                .saturating_sub(boxed.y + boxed.height - area.y)
                .min(4),
            ..boxed
        };
        f.render_widget(
            Paragraph::new(vec![
                Line::from(Span::styled(
                    "Demo store (synthetic data only)",
                    app.theme.style(R::Warning),
                )),
                Line::from(format!("Accounts: {}", accounts.join(", "))),
                Line::from(format!("Password: {password}")),
            ])
            .wrap(Wrap { trim: true }),
            below,
        );
    }
}

fn locked(app: &App, f: &mut Frame, area: Rect, now: SystemTime) {
    let mut lines = vec![
        Line::from(Span::styled("casenotes", app.theme.style(R::Title))),
        Line::from(Span::styled("Screen locked", app.theme.style(R::Warning))),
        Line::default(),
        field(
            app,
            "Password",
            "•".repeat(app.signin.password.chars().count()),
            true,
        ),
        Line::default(),
    ];
    if let Some(b) = &app.busy {
        lines.push(Line::from(format!("{} {b}", spinner(now))));
    } else if let Some(e) = &app.signin.error {
        lines.push(Line::from(Span::styled(
            e.clone(),
            app.theme.style(R::Error),
        )));
    }
    let boxed = centered(area, 50, 9);
    f.render_widget(Paragraph::new(lines).block(block(app, "", true)), boxed);
}

fn highlighted<'a>(app: &App, text: &str, marks: &[usize], base: Style) -> Vec<Span<'a>> {
    if marks.is_empty() {
        return vec![Span::styled(text.to_string(), base)];
    }
    let hit = base.patch(app.theme.style(R::Match));
    text.chars()
        .enumerate()
        .map(|(i, c)| Span::styled(c.to_string(), if marks.contains(&i) { hit } else { base }))
        .collect()
}

fn date(t: Option<domain::Timestamp>) -> String {
    t.map(|t| domain::format_time(t)[..10].to_string())
        .unwrap_or_else(|| "-".into())
}

fn caseload(app: &App, f: &mut Frame, area: Rect) {
    let list = app.list();
    let supervisor = matches!(app.who, Some((_, crate::domain::Role::Supervisor)));
    let title = if app.widened {
        format!(
            " All clients ({}) — others' clients ask for a reason ",
            list.len()
        )
    } else if supervisor {
        format!(" All clients ({}) ", list.len())
    } else {
        format!(" My caseload ({}) ", list.len())
    };
    let outer = block(app, title, true);
    let inner = outer.inner(area);
    f.render_widget(outer, area);
    let show_filter = app.filtering || !app.filter.is_empty();
    let [filter_area, header_area, rows_area] = Layout::vertical([
        Constraint::Length(u16::from(show_filter)),
        Constraint::Length(1),
        Constraint::Min(1),
    ])
    .areas(inner);
    let matches = app.finder.matches();
    if show_filter {
        f.render_widget(
            Paragraph::new(Line::from(vec![
                Span::styled("/ ", app.theme.style(R::Label)),
                Span::styled(
                    format!("{}{}", app.filter, if app.filtering { "▏" } else { "" }),
                    app.theme.style(R::Input),
                ),
                Span::styled(
                    format!("   {} of {}", matches.len(), list.len()),
                    app.theme.style(R::Dim),
                ),
            ])),
            filter_area,
        );
    }
    let adviser_col = app.widened || supervisor;
    let name_w = inner
        .width
        .saturating_sub(if adviser_col { 52 } else { 38 }) as usize;
    let header = format!(
        "{:<10} {:<name_w$} {}{:<12} {:>7} {:>5}",
        "Ref",
        "Name",
        if adviser_col {
            format!("{:<13} ", "Adviser")
        } else {
            String::new()
        },
        "Last contact",
        "Actions",
        "Notes",
    );
    f.render_widget(
        Paragraph::new(header).style(app.theme.style(R::Dim).add_modifier(Modifier::BOLD)),
        header_area,
    );
    if matches.is_empty() {
        let text = if list.is_empty() {
            "No clients yet."
        } else {
            "No client matches the filter."
        };
        f.render_widget(
            Paragraph::new(text).style(app.theme.style(R::Dim)),
            rows_area,
        );
        return;
    }
    let h = rows_area.height as usize;
    let start = app.selected.saturating_sub(h.saturating_sub(1));
    let mut lines = Vec::with_capacity(h);
    for (row, i) in matches.iter().enumerate().skip(start).take(h) {
        let Some(c) = list.get(*i as usize) else {
            continue;
        };
        let selected = row == app.selected;
        let base = if selected {
            app.theme.style(R::Selection)
        } else {
            app.theme.style(R::Base)
        };
        let reference = c.reference.to_string();
        // Match positions index "REF NAME"; split them between the two columns.
        let marks = app.finder.positions(*i);
        let ref_marks: Vec<usize> = marks
            .iter()
            .copied()
            .filter(|m| *m < reference.len())
            .collect();
        let name_marks: Vec<usize> = marks
            .iter()
            .filter(|m| **m > reference.len())
            .map(|m| m - reference.len() - 1)
            .collect();
        let name: String = c.name.chars().take(name_w).collect();
        let pad = name_w.saturating_sub(name.chars().count());
        let mut spans = highlighted(app, &format!("{reference:<10}"), &ref_marks, base);
        spans.push(Span::styled(" ", base));
        spans.extend(highlighted(app, &name, &name_marks, base));
        spans.push(Span::styled(" ".repeat(pad + 1), base));
        if adviser_col {
            let a: String = c.adviser.chars().take(13).collect();
            spans.push(Span::styled(format!("{a:<13} "), base));
        }
        spans.push(Span::styled(
            format!(
                "{:<12} {:>7} {:>5}",
                date(c.last_contact),
                if c.open_actions > 0 {
                    c.open_actions.to_string()
                } else {
                    "-".into()
                },
                c.note_count
            ),
            base,
        ));
        lines.push(Line::from(spans));
    }
    f.render_widget(Paragraph::new(lines), rows_area);
}

fn label_style(app: &App, s: Sensitivity) -> Style {
    app.theme.style(match s {
        Sensitivity::Ordinary => R::Label,
        Sensitivity::Confidential => R::Confidential,
        Sensitivity::Special(_) => R::Special,
    })
}

/// A word and the spaces after it, measured in terminal columns.
#[derive(Debug)]
struct Piece<'a> {
    word: &'a str,
    space: &'a str,
    columns: usize,
}

impl Fragment for Piece<'_> {
    fn width(&self) -> f64 {
        self.columns as f64
    }
    fn whitespace_width(&self) -> f64 {
        self.space.len() as f64
    }
    fn penalty_width(&self) -> f64 {
        0.0
    }
}

/// Columns a character takes. Controls and combining marks, which terminals draw in different
/// ways (or not at all), count as one, so a line never runs past the width whatever the
/// terminal does with them.
fn columns(c: char) -> usize {
    c.width().unwrap_or(0).max(1)
}

/// Splits text into lines no wider than `width` terminal columns (at least 8), at spaces where
/// possible: wide characters (CJK, most emoji) count as two. A word wider than a line is cut.
pub fn wrap(text: &str, width: usize) -> Vec<String> {
    let width = width.max(8);
    let mut out = Vec::new();
    for para in text.split('\n') {
        let mut pieces = Vec::new();
        for w in WordSeparator::AsciiSpace.find_words(para) {
            let (word, space) = (w.word, w.whitespace);
            let mut rest = word;
            loop {
                // Cut the word where it would pass the width.
                let mut used = 0;
                let mut cut = rest.len();
                for (i, c) in rest.char_indices() {
                    if used + columns(c) > width {
                        cut = i;
                        break;
                    }
                    used += columns(c);
                }
                if cut == 0 {
                    // Only if one character were wider than a line: it goes on a line of its own.
                    cut = rest.chars().next().map_or(rest.len(), char::len_utf8);
                    used = rest.chars().next().map_or(0, columns);
                }
                if cut == rest.len() {
                    pieces.push(Piece {
                        word: rest,
                        space,
                        columns: used,
                    });
                    break;
                }
                pieces.push(Piece {
                    word: &rest[..cut],
                    space: "",
                    columns: used,
                });
                rest = &rest[cut..];
            }
        }
        let lines = wrap_first_fit(&pieces, &[width as f64]);
        if lines.is_empty() {
            out.push(String::new());
        }
        for line in lines {
            let mut s = String::new();
            for (i, p) in line.iter().enumerate() {
                s.push_str(p.word);
                if i + 1 < line.len() {
                    s.push_str(p.space);
                }
            }
            out.push(s);
        }
    }
    out
}

fn client(app: &App, f: &mut Frame, area: Rect, now: SystemTime) {
    let Some(cs) = &app.client else { return };
    let v = &cs.view;
    let [head, body] = Layout::vertical([Constraint::Length(3), Constraint::Min(1)]).areas(area);
    let mut header = vec![
        Span::styled(
            format!("{}  ", v.summary.reference),
            app.theme.style(R::Title),
        ),
        Span::styled(
            v.summary.name.clone(),
            app.theme.style(R::Base).add_modifier(Modifier::BOLD),
        ),
        Span::styled(
            format!(
                "   adviser: {}   status: {}   {} notes",
                v.summary.adviser,
                v.summary.status.as_str(),
                v.notes.len()
            ),
            app.theme.style(R::Dim),
        ),
    ];
    if v.break_glass {
        header.push(Span::styled(
            "   opened outside your caseload: logged and flagged",
            app.theme.style(R::Warning),
        ));
    }
    f.render_widget(
        Paragraph::new(Line::from(header)).block(block(app, " Client ", false)),
        head,
    );
    let outer = block(app, " Notes, newest first ", true);
    let inner = outer.inner(body);
    f.render_widget(outer, body);
    let width = inner.width.saturating_sub(4) as usize;
    let sections = cs.sections();
    let selected = sections.get(cs.selected).copied();
    let mut lines: Vec<Line> = Vec::new();
    let mut selected_line = 0;
    if v.notes.is_empty() {
        lines.push(Line::from(Span::styled(
            "No notes yet. Press n to write one.",
            app.theme.style(R::Dim),
        )));
    }
    let reveal_secs = u64::from(app.reveal_secs);
    for (ni, n) in v.notes.iter().enumerate() {
        lines.push(Line::from(Span::styled(
            format!(
                "{}  {}  {}  {}  by {}",
                n.id,
                domain::format_time(n.contact_at),
                n.channel,
                n.status.as_str(),
                n.author
            ),
            app.theme.style(R::Title),
        )));
        for (si, s) in n.sections.iter().enumerate() {
            let is_sel = selected == Some((ni, si));
            if is_sel {
                selected_line = lines.len();
            }
            let head_style = if is_sel {
                app.theme.style(R::Selection)
            } else {
                app.theme.style(R::Base).add_modifier(Modifier::BOLD)
            };
            lines.push(Line::from(vec![
                Span::styled(if is_sel { "› " } else { "  " }, head_style),
                Span::styled(
                    format!("[{}]", s.sensitivity),
                    label_style(app, s.sensitivity),
                ),
                Span::styled(format!(" {}", s.heading), head_style),
            ]));
            match &s.body {
                SectionBody::Shown(t) => {
                    for l in wrap(t, width) {
                        lines.push(Line::from(Span::styled(
                            format!("    {l}"),
                            app.theme.style(R::Base),
                        )));
                    }
                }
                SectionBody::Masked => lines.push(Line::from(Span::styled(
                    "    ░░░ masked — press r to reveal (you will be asked why; logged)",
                    app.theme.style(R::Masked),
                ))),
                SectionBody::Revealed(t) => {
                    let left = cs
                        .revealed
                        .iter()
                        .find(|(id, i, _)| *id == n.id && *i == si)
                        .map(|(_, _, at)| {
                            reveal_secs.saturating_sub(
                                now.duration_since(*at).unwrap_or_default().as_secs(),
                            )
                        })
                        .unwrap_or(0);
                    lines.push(Line::from(Span::styled(
                        format!(
                            "    revealed (logged) — masks again in {}:{:02}",
                            left / 60,
                            left % 60
                        ),
                        app.theme.style(R::Revealed),
                    )));
                    for l in wrap(t, width) {
                        lines.push(Line::from(Span::styled(
                            format!("    {l}"),
                            app.theme.style(R::Revealed),
                        )));
                    }
                }
            }
        }
        lines.push(Line::default());
    }
    let h = inner.height as usize;
    let offset = selected_line.saturating_sub(h / 3);
    let visible: Vec<Line> = lines.into_iter().skip(offset).take(h).collect();
    f.render_widget(Paragraph::new(visible), inner);
}

fn editor_screen(app: &App, f: &mut Frame, area: Rect) {
    let Some(e) = &app.editor else { return };
    let [head, body] = Layout::vertical([Constraint::Length(1), Constraint::Min(1)]).areas(area);
    f.render_widget(
        Paragraph::new(Line::from(vec![
            Span::styled("New note  ", app.theme.style(R::Title)),
            Span::styled(
                format!("{}  {}", e.client, e.client_name),
                app.theme.style(R::Base),
            ),
            Span::styled(
                format!("   contact: {} (Ctrl-O)", e.channel),
                app.theme.style(R::Dim),
            ),
        ])),
        head,
    );
    // The focused section gets the room; the others show their first line.
    let n = e.sections.len();
    let small = 3u16;
    let fits = (body.height / small).max(1) as usize;
    let (first, count) = if n <= fits.saturating_sub(1).max(1) {
        (0, n)
    } else {
        let count = fits.saturating_sub(1).max(1);
        let first = e.focus.saturating_sub(count / 2).min(n - count);
        (first, count)
    };
    let big = body
        .height
        .saturating_sub(small * (count as u16).saturating_sub(1))
        .max(small);
    let constraints: Vec<Constraint> = (first..first + count)
        .map(|i| Constraint::Length(if i == e.focus { big } else { small }))
        .collect();
    let areas = Layout::vertical(constraints).split(body);
    for (slot, i) in (first..first + count).enumerate() {
        let s = &e.sections[i];
        let focus = i == e.focus;
        let title = Line::from(vec![
            Span::styled(format!(" {} ", s.heading), app.theme.style(R::Title)),
            Span::styled(
                format!("[{}] ", s.sensitivity),
                label_style(app, s.sensitivity),
            ),
        ]);
        let b = block(app, title, focus);
        let inner = b.inner(areas[slot]);
        f.render_widget(b, areas[slot]);
        f.render_widget(&s.area, inner);
    }
}

fn popup(app: &App, p: &Popup, f: &mut Frame, area: Rect) {
    let (title, lines, w, h): (String, Vec<Line>, u16, u16) = match p {
        Popup::Help(mode) => {
            let mut lines = Vec::new();
            for m in [*mode, Mode::Global] {
                for b in keymap::help(m) {
                    lines.push(Line::from(vec![
                        Span::styled(format!("{:<12}", b.label), app.theme.style(R::Hint)),
                        Span::raw(format!(" {}", b.help)),
                    ]));
                }
            }
            let h = lines.len() as u16 + 2;
            (" Keys ".into(), lines, 64, h)
        }
        Popup::Reason {
            purpose,
            choice,
            typing,
        } => {
            let title = match purpose {
                ReasonFor::Reveal { .. } => " Why do you need to see this section? (logged) ",
                ReasonFor::BreakGlass { .. } => {
                    " Not on your caseload: why open it? (logged, flagged) "
                }
            };
            let mut lines: Vec<Line> = REASONS
                .iter()
                .enumerate()
                .map(|(i, r)| {
                    let st = if i == *choice {
                        app.theme.style(R::Selection)
                    } else {
                        app.theme.style(R::Base)
                    };
                    Line::from(Span::styled(format!(" {} ", r), st))
                })
                .collect();
            if let Some(t) = typing {
                lines.push(Line::default());
                lines.push(field(app, "Reason", t.clone(), true));
            }
            (title.into(), lines, 64, 10)
        }
        Popup::Picker {
            query,
            selected,
            finder,
        } => {
            let mut lines = vec![field(app, "Client", query.clone(), true), Line::default()];
            for (row, i) in finder.matches().iter().take(10).enumerate() {
                if let Some(c) = app.caseload.get(*i as usize) {
                    let st = if row == *selected {
                        app.theme.style(R::Selection)
                    } else {
                        app.theme.style(R::Base)
                    };
                    lines.push(Line::from(Span::styled(
                        format!(" {}  {} ", c.reference, c.name),
                        st,
                    )));
                }
            }
            (" Quick capture: which client? ".into(), lines, 60, 15)
        }
        Popup::Label { choice } => {
            let lines = editor::all_labels()
                .into_iter()
                .enumerate()
                .map(|(i, l)| {
                    let st = if i == *choice {
                        app.theme.style(R::Selection)
                    } else {
                        label_style(app, l)
                    };
                    Line::from(Span::styled(format!(" {l} "), st))
                })
                .collect::<Vec<_>>();
            (" Label for this section ".into(), lines, 40, 13)
        }
        Popup::AddSection { choice } => {
            let lines = editor::EXTRA
                .iter()
                .enumerate()
                .map(|(i, (h, l))| {
                    let st = if i == *choice {
                        app.theme.style(R::Selection)
                    } else {
                        app.theme.style(R::Base)
                    };
                    Line::from(Span::styled(format!(" {h}  [{l}] "), st))
                })
                .collect::<Vec<_>>();
            (" Add a section ".into(), lines, 50, 7)
        }
        Popup::Confirm(kind) => {
            let (q, one, two, esc) = match kind {
                Confirm::QuitWithDraft => (
                    "This note is not saved.",
                    "keep it as a draft and quit",
                    "discard it and quit",
                    "go back to the note",
                ),
                Confirm::LeaveEditor => (
                    "Leave this note?",
                    "keep it as a draft",
                    "discard it",
                    "go back to the note",
                ),
                Confirm::ResumeDraft => (
                    "You have an unsaved note from before.",
                    "resume it now",
                    "discard it",
                    "later (it stays kept)",
                ),
            };
            let k = |key: &str, what: &str| {
                Line::from(vec![
                    Span::styled(format!(" {key:<4}"), app.theme.style(R::Hint)),
                    Span::raw(what.to_string()),
                ])
            };
            (
                " Confirm ".into(),
                vec![
                    Line::from(Span::styled(q, app.theme.style(R::Warning))),
                    Line::default(),
                    k("1", one),
                    k("2", two),
                    k("Esc", esc),
                ],
                50,
                7,
            )
        }
    };
    let r = centered(area, w, h.max(3));
    f.render_widget(Clear, r);
    f.render_widget(
        Paragraph::new(lines)
            .block(block(app, title, true))
            .style(app.theme.style(R::Base))
            .wrap(Wrap { trim: false }),
        r,
    );
}

fn status_line(app: &App, f: &mut Frame, area: Rect, now: SystemTime) {
    let bar = app.theme.style(R::StatusBar);
    let mut spans = Vec::new();
    match (&app.who, app.session.is_some()) {
        (Some((name, role)), true) => {
            let left = app.secs_to_lock(now);
            spans.push(Span::styled(
                format!(" {name} ({role}) "),
                bar.add_modifier(Modifier::BOLD),
            ));
            let lock_style = if left <= 30 {
                app.theme.style(R::Warning)
            } else {
                bar
            };
            spans.push(Span::styled(
                format!(" locks in {}:{:02} ", left / 60, left % 60),
                lock_style,
            ));
        }
        _ if app.screen == Screen::Locked => spans.push(Span::styled(" locked ", bar)),
        _ => spans.push(Span::styled(" not signed in ", bar)),
    }
    spans.push(Span::styled("│", bar));
    match &app.message {
        Some(m) => spans.push(Span::styled(
            format!(" {}", m.text),
            if m.error {
                app.theme.style(R::Error)
            } else {
                bar
            },
        )),
        None => {
            let mode = app.mode();
            for (key, what) in keymap::hints(mode) {
                spans.push(Span::styled(format!(" {key}"), app.theme.style(R::Hint)));
                spans.push(Span::styled(format!(" {what} "), bar));
            }
        }
    }
    if let Some(b) = &app.busy
        && !matches!(app.screen, Screen::SignIn | Screen::Locked)
    {
        spans.push(Span::styled(format!("  {} {b}", spinner(now)), bar));
    }
    f.render_widget(Paragraph::new(Line::from(spans)).style(bar), area);
}

#[cfg(test)]
mod tests {
    use super::wrap;

    #[test]
    fn wrap_breaks_at_spaces_and_long_words() {
        assert_eq!(wrap("one two three", 8), vec!["one two", "three"]);
        assert_eq!(wrap("abcdefghijkl", 8), vec!["abcdefgh", "ijkl"]);
        assert_eq!(wrap("a\nb", 8), vec!["a", "b"]);
        assert_eq!(wrap("", 8), vec![""]);
        assert_eq!(wrap("a\n", 8), vec!["a", ""]);
    }

    #[test]
    fn wide_characters_take_two_columns() {
        // Ten ideographs are twenty columns: no more than four fit in eight.
        let lines = wrap("日本語のテキストです", 8);
        assert_eq!(lines, vec!["日本語の", "テキスト", "です"]);
        assert_eq!(wrap("über alles", 8), vec!["über", "alles"]);
    }
}
