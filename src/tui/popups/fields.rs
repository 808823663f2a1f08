//! Labelled fields for the forms of the data-protection records (a disclosure, a breach): lines
//! of text typed in, and choices among a few words changed with the arrow keys. The forms own
//! their checks; this holds what is typed, moves the focus and draws the fields. Typed text is
//! wiped when the fields are dropped.

use ratatui::crossterm::event::{KeyCode, KeyEvent};
use ratatui::text::{Line, Span};
use zeroize::Zeroize;

use crate::domain;
use crate::tui::screens::edit;
use crate::tui::theme::Role as R;
use crate::tui::widgets::View;

/// What a field takes.
pub enum Input {
    /// A line of text, at most `max` characters.
    Text { value: String, max: usize },
    /// One of a few words, by index.
    Choice {
        options: &'static [&'static str],
        at: usize,
    },
}

pub struct Field {
    pub label: &'static str,
    pub input: Input,
    /// Shown after an empty text field, or after a choice ("required for legal and harm").
    pub note: &'static str,
    /// Left out of the form (and skipped by the focus) while false.
    pub shown: bool,
}

impl Field {
    pub fn text(label: &'static str, max: usize, note: &'static str) -> Field {
        Field {
            label,
            input: Input::Text {
                value: String::new(),
                max,
            },
            note,
            shown: true,
        }
    }

    pub fn choice(
        label: &'static str,
        options: &'static [&'static str],
        note: &'static str,
    ) -> Field {
        Field {
            label,
            input: Input::Choice { options, at: 0 },
            note,
            shown: true,
        }
    }
}

/// A form's fields and which has the focus.
pub struct Fields {
    pub fields: Vec<Field>,
    pub focus: usize,
}

impl Fields {
    pub fn new(fields: Vec<Field>) -> Fields {
        let mut f = Fields { fields, focus: 0 };
        if !f.fields.first().is_some_and(|x| x.shown) {
            f.next();
        }
        f
    }

    /// The text typed into field `i` ("" for a choice).
    pub fn text(&self, i: usize) -> &str {
        match self.fields.get(i).map(|f| &f.input) {
            Some(Input::Text { value, .. }) => value,
            _ => "",
        }
    }

    /// The text of field `i`, trimmed, or `None` if empty.
    pub fn given(&self, i: usize) -> Option<String> {
        let t = self.text(i).trim();
        (!t.is_empty()).then(|| t.to_string())
    }

    /// Fills in field `i`.
    pub fn set_text(&mut self, i: usize, text: &str) {
        if let Some(Field {
            input: Input::Text { value, .. },
            ..
        }) = self.fields.get_mut(i)
        {
            value.zeroize();
            *value = text.to_string();
        }
    }

    /// The index chosen in field `i` (0 for text).
    pub fn choice(&self, i: usize) -> usize {
        match self.fields.get(i).map(|f| &f.input) {
            Some(Input::Choice { at, .. }) => *at,
            _ => 0,
        }
    }

    pub fn set_choice(&mut self, i: usize, to: usize) {
        if let Some(Field {
            input: Input::Choice { options, at },
            ..
        }) = self.fields.get_mut(i)
        {
            *at = to.min(options.len().saturating_sub(1));
        }
    }

    pub fn show(&mut self, i: usize, shown: bool) {
        if let Some(f) = self.fields.get_mut(i) {
            f.shown = shown;
        }
    }

    /// Moves the focus to field `i` (if shown).
    pub fn focus_on(&mut self, i: usize) {
        if self.fields.get(i).is_some_and(|f| f.shown) {
            self.focus = i;
        }
    }

    /// The next shown field, wrapping round.
    pub fn next(&mut self) {
        let n = self.fields.len();
        for k in 1..=n {
            let i = (self.focus + k) % n;
            if self.fields[i].shown {
                self.focus = i;
                return;
            }
        }
    }

    /// The previous shown field, wrapping round.
    pub fn prev(&mut self) {
        let n = self.fields.len();
        for k in 1..=n {
            let i = (self.focus + n - k) % n;
            if self.fields[i].shown {
                self.focus = i;
                return;
            }
        }
    }

    /// Whether the focus is on the last shown field.
    pub fn on_last(&self) -> bool {
        !self.fields.iter().skip(self.focus + 1).any(|f| f.shown)
    }

    /// Changes the focused choice by one (forward or back); false on a text field.
    pub fn cycle(&mut self, forward: bool) -> bool {
        let Some(Field {
            input: Input::Choice { options, at },
            ..
        }) = self.fields.get_mut(self.focus)
        else {
            return false;
        };
        let n = options.len().max(1);
        *at = if forward {
            (*at + 1) % n
        } else {
            (*at + n - 1) % n
        };
        true
    }

    /// A key typed into the focused field: text, Backspace, or Space on a choice. Returns
    /// whether anything changed.
    pub fn type_key(&mut self, key: &KeyEvent) -> bool {
        let Some(f) = self.fields.get_mut(self.focus) else {
            return false;
        };
        match &mut f.input {
            Input::Text { value, max } => {
                (value.chars().count() < *max || key.code == KeyCode::Backspace) && edit(value, key)
            }
            Input::Choice { .. } if key.code == KeyCode::Char(' ') => self.cycle(true),
            Input::Choice { .. } => false,
        }
    }

    /// The shown fields as lines `width` wide: labels in a column `label_width` wide, the end
    /// of a long value (so the cursor stays in sight), a cursor on the focused field.
    pub fn lines<'a>(&self, v: &View<'_>, width: usize, label_width: usize) -> Vec<Line<'a>> {
        let mut out = Vec::new();
        for (i, f) in self.fields.iter().enumerate().filter(|(_, f)| f.shown) {
            let focus = i == self.focus;
            let label_style = if focus {
                v.style(R::Title)
            } else {
                v.style(R::Label)
            };
            let mut spans = vec![Span::styled(
                format!("{}{:<label_width$}", if focus { "›" } else { " " }, f.label),
                label_style,
            )];
            let room = width.saturating_sub(label_width + 2);
            match &f.input {
                Input::Text { value, .. } => {
                    let shown = domain::visible_line(value).into_owned();
                    let skip = shown.chars().count().saturating_sub(room.saturating_sub(1));
                    let tail: String = shown.chars().skip(skip).collect();
                    let empty = tail.is_empty();
                    spans.push(Span::styled(
                        format!("{tail}{}", if focus { "▏" } else { " " }),
                        v.style(R::Input),
                    ));
                    if empty && !f.note.is_empty() {
                        spans.push(Span::styled(f.note, v.style(R::Dim)));
                    }
                }
                Input::Choice { options, at } => {
                    for (k, o) in options.iter().enumerate() {
                        let style = if k == *at {
                            v.style(R::Selection)
                        } else {
                            v.style(R::Dim)
                        };
                        spans.push(Span::styled(format!(" {o} "), style));
                    }
                    if !f.note.is_empty() {
                        spans.push(Span::styled(format!(" {}", f.note), v.style(R::Dim)));
                    }
                }
            }
            out.push(Line::from(spans));
        }
        out
    }
}

impl Drop for Fields {
    fn drop(&mut self) {
        for f in &mut self.fields {
            if let Input::Text { value, .. } = &mut f.input {
                value.zeroize();
            }
        }
    }
}
