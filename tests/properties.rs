//! Properties of the crate's pure surfaces, checked on generated inputs.
//!
//! - Sealing: any plaintext round-trips under any real table name and id, and a sealed record
//!   opens only with its own key, table and id, and not after any single bit of it changes.
//!   Arbitrary bytes never open, as raw bytes or as any record type.
//! - Record decoding: whatever plaintext a sealed record holds, opening it as a `Note`, `Client`,
//!   `Draft`, `AuditEvent`, `Policy` or `Action` gives a value or an error, never a panic;
//!   well-formed records round-trip.
//! - `--section` parsing never panics, round-trips every valid `HEADING[:LABEL]=TEXT`, and its
//!   errors never repeat the text after the first `=`.
//! - Sensitivity labels, client references and note ids never panic on any string and
//!   round-trip through their printed form.
//! - Theme files: any text, and TOML shaped like a theme with random roles, colours, modifiers
//!   and fields, gives a theme or a one-line error, never a panic; valid themes set exactly the
//!   styles they name. Loading a broken user theme file falls back with a one-line warning.
//! - `wrap` never panics, never exceeds the width (in terminal columns), and loses no word.
//! - The validators and `Policy::set` never panic, and what they accept meets their rules.

use std::collections::BTreeMap;
use std::str::FromStr;
use std::sync::LazyLock;

use casenotes::cli::parse_section;
use casenotes::domain::{
    Action, AuditEvent, Channel, Client, ClientRef, Draft, Note, NoteId, NoteStatus, Policy,
    Section, Sensitivity, SpecialCategory, UserId, validate_client_name, validate_reason,
    validate_sections, validate_username,
};
use casenotes::store::table;
use casenotes::tui::render::wrap;
use casenotes::tui::theme::{Role, Theme};
use casenotes::vault::{self, Aad, DataKey, MasterKey, SealingKey, VaultError};
use proptest::collection::{btree_map, vec};
use proptest::prelude::*;
use proptest::sample::{Index, select};
use ratatui::style::{Color, Modifier, Style};

const TABLES: [&str; 10] = [
    table::META,
    table::SLOTS,
    table::USERS,
    table::CLIENT_KEYS,
    table::CLIENTS,
    table::NOTES,
    table::AUDIT,
    table::DRAFTS,
    table::GRANTS,
    table::ACTIONS,
];

static KEY: LazyLock<DataKey> = LazyLock::new(|| DataKey::generate().expect("key"));

fn config(cases: u32) -> ProptestConfig {
    ProptestConfig {
        cases,
        failure_persistence: None,
        ..ProptestConfig::default()
    }
}

fn aad<'a>(table: &'static str, id: &'a [u8]) -> Aad<'a> {
    Aad { table, id }
}

fn sensitivity() -> impl Strategy<Value = Sensitivity> {
    prop_oneof![
        Just(Sensitivity::Ordinary),
        Just(Sensitivity::Confidential),
        select(SpecialCategory::ALL.to_vec()).prop_map(Sensitivity::Special),
    ]
}

fn channel() -> impl Strategy<Value = Channel> {
    select(vec![
        Channel::InPerson,
        Channel::Phone,
        Channel::Email,
        Channel::Video,
        Channel::Other,
    ])
}

type SectionParts = (String, Sensitivity, String);

fn section() -> impl Strategy<Value = SectionParts> {
    ("\\PC{0,40}", sensitivity(), any::<String>())
}

fn to_section((heading, sensitivity, text): &SectionParts) -> Section {
    Section {
        heading: heading.clone(),
        sensitivity: *sensitivity,
        text: text.clone(),
    }
}

/// The fields of a [`Note`], which has no `Debug` (it holds case content).
#[derive(Debug, Clone)]
struct NoteParts {
    id: u64,
    client: u64,
    author: [u8; 16],
    contact_at: i64,
    channel: Channel,
    is_final: bool,
    sections: Vec<SectionParts>,
    created_at: i64,
    written_at: u64,
}

impl NoteParts {
    fn to_note(&self) -> Note {
        Note {
            id: NoteId(self.id),
            client: ClientRef(self.client),
            author: UserId(self.author),
            contact_at: self.contact_at,
            channel: self.channel,
            status: if self.is_final {
                NoteStatus::Final
            } else {
                NoteStatus::Draft
            },
            sections: self.sections.iter().map(to_section).collect(),
            created_at: self.created_at,
            written_at: self.written_at,
        }
    }
}

fn note() -> impl Strategy<Value = NoteParts> {
    (
        any::<u64>(),
        any::<u64>(),
        any::<[u8; 16]>(),
        any::<i64>(),
        channel(),
        any::<bool>(),
        vec(section(), 0..6),
        any::<i64>(),
        any::<u64>(),
    )
        .prop_map(
            |(
                id,
                client,
                author,
                contact_at,
                channel,
                is_final,
                sections,
                created_at,
                written_at,
            )| {
                NoteParts {
                    id,
                    client,
                    author,
                    contact_at,
                    channel,
                    is_final,
                    sections,
                    created_at,
                    written_at,
                }
            },
        )
}

fn policy() -> impl Strategy<Value = Policy> {
    any::<[u32; 10]>().prop_map(|v| Policy {
        password_min_length: v[0],
        lock_after_secs: v[1],
        reveal_secs: v[2],
        retention_years: v[3],
        kdf_memory_mib: v[4],
        kdf_passes: v[5],
        no_contact_days: v[6],
        consent_months: v[7],
        client_names: v[8],
        second_factor_required: v[9],
    })
}

fn sections_eq(a: &[Section], b: &[Section]) -> bool {
    a.len() == b.len()
        && a.iter().zip(b).all(|(x, y)| {
            x.heading == y.heading && x.sensitivity == y.sensitivity && x.text == y.text
        })
}

/// Opens `plain`, sealed under [`KEY`], as every record type; each must give a value or
/// [`VaultError::Tampered`].
fn open_as_every_record(plain: &[u8]) -> Result<(), TestCaseError> {
    let a = aad(table::NOTES, b"row");
    let sealed = vault::seal(&*KEY, a, plain).expect("seal");
    fn decoded<T>(r: Result<T, VaultError>) -> Result<(), TestCaseError> {
        match r {
            Ok(_) | Err(VaultError::Tampered) => Ok(()),
            Err(e) => Err(TestCaseError::fail(format!("unexpected error {e:?}"))),
        }
    }
    decoded(vault::open_record::<Note>(&*KEY, a, &sealed))?;
    decoded(vault::open_record::<Client>(&*KEY, a, &sealed))?;
    decoded(vault::open_record::<Draft>(&*KEY, a, &sealed))?;
    decoded(vault::open_record::<AuditEvent>(&*KEY, a, &sealed))?;
    decoded(vault::open_record::<Policy>(&*KEY, a, &sealed))?;
    decoded(vault::open_record::<Action>(&*KEY, a, &sealed))?;
    Ok(())
}

proptest! {
    #![proptest_config(config(512))]

    #[test]
    fn sealed_bytes_open_only_where_they_were_sealed(
        plain in vec(any::<u8>(), 0..4096),
        t in 0..TABLES.len(),
        other_t in 1..TABLES.len(),
        id in vec(any::<u8>(), 0..48),
        other_id in vec(any::<u8>(), 0..48),
        bit in any::<Index>(),
        master in any::<bool>(),
    ) {
        let table = TABLES[t];
        let other_table = TABLES[(t + other_t) % TABLES.len()];
        let other_id = if other_id == id {
            let mut o = id.clone();
            o.push(0);
            o
        } else {
            other_id
        };

        let bit = bit.index((plain.len() + vault::SEAL_OVERHEAD) * 8);
        let binding = Binding {
            table,
            other_table,
            id: &id,
            other_id: &other_id,
            bit,
        };
        if master {
            let (key, other) = (MasterKey::generate().unwrap(), MasterKey::generate().unwrap());
            binding.check(&key, &other, &plain)?;
        } else {
            binding.check(&*KEY, &DataKey::generate().unwrap(), &plain)?;
        }
    }
}

/// Where a record is sealed, and the neighbouring places it must not open.
struct Binding<'a> {
    table: &'static str,
    other_table: &'static str,
    id: &'a [u8],
    other_id: &'a [u8],
    bit: usize,
}

impl Binding<'_> {
    fn check<K: SealingKey>(
        &self,
        key: &K,
        other_key: &K,
        plain: &[u8],
    ) -> Result<(), TestCaseError> {
        let here = aad(self.table, self.id);
        let sealed = vault::seal(key, here, plain).unwrap();
        prop_assert_eq!(sealed.len(), plain.len() + vault::SEAL_OVERHEAD);
        prop_assert_eq!(&vault::open(key, here, &sealed).unwrap()[..], plain);

        prop_assert!(matches!(
            vault::open(other_key, here, &sealed),
            Err(VaultError::Tampered)
        ));
        prop_assert!(vault::open(key, aad(self.table, self.other_id), &sealed).is_err());
        prop_assert!(vault::open(key, aad(self.other_table, self.id), &sealed).is_err());

        let mut flipped = sealed.clone();
        flipped[self.bit / 8] ^= 1 << (self.bit % 8);
        prop_assert!(
            vault::open(key, here, &flipped).is_err(),
            "bit {}",
            self.bit
        );
        prop_assert!(vault::open(key, here, &sealed[..sealed.len() - 1]).is_err());
        let mut longer = sealed;
        longer.push(0);
        prop_assert!(vault::open(key, here, &longer).is_err());
        Ok(())
    }
}

proptest! {
    #![proptest_config(config(48))]

    #[test]
    fn every_single_bit_flip_is_detected(
        plain in vec(any::<u8>(), 0..48),
        t in 0..TABLES.len(),
        id in vec(any::<u8>(), 0..16),
    ) {
        let a = aad(TABLES[t], &id);
        let sealed = vault::seal(&*KEY, a, &plain).unwrap();
        for i in 0..sealed.len() * 8 {
            let mut flipped = sealed.clone();
            flipped[i / 8] ^= 1 << (i % 8);
            prop_assert!(vault::open(&*KEY, a, &flipped).is_err(), "bit {}", i);
        }
    }
}

proptest! {
    #![proptest_config(config(1024))]

    #[test]
    fn arbitrary_bytes_never_open(
        bytes in prop_oneof![vec(any::<u8>(), 0..64), vec(any::<u8>(), 0..1024)],
        t in 0..TABLES.len(),
        id in vec(any::<u8>(), 0..24),
    ) {
        let a = aad(TABLES[t], &id);
        prop_assert!(matches!(vault::open(&*KEY, a, &bytes), Err(VaultError::Tampered)));
        prop_assert!(vault::open_record::<Note>(&*KEY, a, &bytes).is_err());
        prop_assert!(vault::open_record::<AuditEvent>(&*KEY, a, &bytes).is_err());
        prop_assert!(vault::open_record::<Client>(&*KEY, a, &bytes).is_err());
        prop_assert!(vault::open_record::<Draft>(&*KEY, a, &bytes).is_err());
        prop_assert!(vault::open_record::<Policy>(&*KEY, a, &bytes).is_err());
        prop_assert!(vault::open_record::<Action>(&*KEY, a, &bytes).is_err());
    }

    #[test]
    fn any_sealed_plaintext_decodes_or_errs_as_every_record(
        plain in prop_oneof![vec(any::<u8>(), 0..32), vec(any::<u8>(), 0..2048)],
    ) {
        open_as_every_record(&plain)?;
    }
}

proptest! {
    #![proptest_config(config(512))]

    #[test]
    fn mutated_records_decode_or_err_as_every_record(
        n in note(),
        p in policy(),
        which in any::<bool>(),
        edits in vec((any::<Index>(), any::<u8>()), 1..6),
        cut in any::<Index>(),
    ) {
        let a = aad(table::NOTES, b"row");
        let sealed = if which {
            vault::seal_record(&*KEY, a, &n.to_note()).unwrap()
        } else {
            vault::seal_record(&*KEY, a, &p).unwrap()
        };
        let mut plain = vault::open(&*KEY, a, &sealed).unwrap().to_vec();
        if !plain.is_empty() {
            for (at, byte) in &edits {
                let i = at.index(plain.len());
                plain[i] = *byte;
            }
        }
        open_as_every_record(&plain)?;
        let len = cut.index(plain.len() + 1);
        open_as_every_record(&plain[..len])?;
    }

    #[test]
    fn records_round_trip(n in note(), p in policy(), id in vec(any::<u8>(), 0..16)) {
        let n = n.to_note();
        let a = aad(table::NOTES, &id);
        let sealed = vault::seal_record(&*KEY, a, &n).unwrap();
        let back: Note = vault::open_record(&*KEY, a, &sealed).unwrap();
        prop_assert_eq!(back.id, n.id);
        prop_assert_eq!(back.client, n.client);
        prop_assert_eq!(back.author, n.author);
        prop_assert_eq!(back.contact_at, n.contact_at);
        prop_assert_eq!(back.channel, n.channel);
        prop_assert_eq!(back.status, n.status);
        prop_assert_eq!(back.created_at, n.created_at);
        prop_assert_eq!(back.written_at, n.written_at);
        prop_assert!(sections_eq(&back.sections, &n.sections));

        let sealed = vault::seal_record(&*KEY, a, &p).unwrap();
        let back: Policy = vault::open_record(&*KEY, a, &sealed).unwrap();
        prop_assert_eq!(back, p);
    }
}

/// Strings rich in the characters `parse_section` splits on.
fn section_like() -> impl Strategy<Value = String> {
    prop_oneof![
        any::<String>(),
        "[a-zA-Z :=]{0,40}",
        "[ :=]{0,6}(special|ordinary|confidential|health)?[ :=]{0,6}\\PC{0,12}",
    ]
}

proptest! {
    #![proptest_config(config(2048))]

    #[test]
    fn parse_section_never_panics(s in section_like()) {
        match parse_section(&s) {
            Ok(arg) => {
                prop_assert!(s.contains('='));
                prop_assert!(!arg.heading.is_empty());
                prop_assert!(!arg.heading.contains('='));
                prop_assert!(!arg.heading.contains(':'));
                prop_assert_eq!(arg.heading.trim(), arg.heading.as_str());
                prop_assert!(s.ends_with(&arg.text));
            }
            Err(e) => prop_assert!(!e.is_empty()),
        }
    }
}

proptest! {
    #![proptest_config(config(1024))]

    #[test]
    fn parse_section_round_trips_valid_input(
        heading in "[^:=]{0,30}",
        label in proptest::option::of((sensitivity(), "[ \t]{0,2}", "[ \t]{0,2}")),
        text in prop_oneof![any::<String>(), "[a-z :=]{0,30}"],
    ) {
        prop_assume!(!heading.trim().is_empty());
        let input = match &label {
            Some((s, before, after)) => format!("{heading}:{before}{s}{after}={text}"),
            None => format!("{heading}={text}"),
        };
        let arg = parse_section(&input)
            .map_err(|e| TestCaseError::fail(format!("{input:?}: {e}")))?;
        prop_assert_eq!(arg.heading.as_str(), heading.trim());
        prop_assert_eq!(arg.sensitivity, label.map_or(Sensitivity::Ordinary, |(s, _, _)| s));
        prop_assert_eq!(arg.text, text);
    }

    #[test]
    fn parse_section_errors_never_repeat_the_text(
        head in prop_oneof![
            "[^=]{0,20}",
            "[a-zA-Z ]{0,10}:[a-z: ]{0,16}",
            "[a-zA-Z ]{0,10}:special:[a-z]{0,10}",
            "[ \t]{0,3}",
            "[ \t]{0,3}:(ordinary|confidential|special:health)",
        ],
        before in prop_oneof![any::<String>(), "[a-z :=]{0,12}"],
        digits in "[0-9]{4,8}",
        after in prop_oneof![any::<String>(), "[a-z :=]{0,12}"],
    ) {
        let marker = format!("ZQXW{digits}");
        prop_assume!(!head.contains(&marker));
        let input = format!("{head}={before}{marker}{after}");
        let without_text = parse_section(&format!("{head}="));
        match parse_section(&input) {
            Err(e) => {
                prop_assert!(!e.contains(&marker), "{:?} -> {:?}", input, e);
                prop_assert_eq!(Some(e), without_text.err());
            }
            Ok(arg) => {
                prop_assert!(without_text.is_ok());
                prop_assert!(arg.text.contains(&marker));
            }
        }
    }
}

proptest! {
    #![proptest_config(config(2048))]

    #[test]
    fn labels_and_references_never_panic(
        s in prop_oneof![
            any::<String>(),
            "[CcNn]-[+-]?[0-9]{0,24}",
            "[+-]?[0-9]{0,24}",
            "special:\\PC{0,12}",
        ],
    ) {
        if let Ok(x) = s.parse::<Sensitivity>() {
            prop_assert_eq!(x.to_string().parse::<Sensitivity>(), Ok(x));
        }
        if let Ok(r) = s.parse::<ClientRef>() {
            prop_assert!(r.0 > 0);
            prop_assert_eq!(r.to_string().parse::<ClientRef>(), Ok(r));
        }
        if let Ok(n) = s.parse::<NoteId>() {
            prop_assert!(n.0 > 0);
            prop_assert_eq!(n.to_string().parse::<NoteId>(), Ok(n));
        }
    }

    #[test]
    fn printed_forms_parse_back(s in sensitivity(), r in 1..=u64::MAX, n in 1..=u64::MAX) {
        prop_assert_eq!(s.to_string().parse::<Sensitivity>(), Ok(s));
        prop_assert_eq!(ClientRef(r).to_string().parse::<ClientRef>(), Ok(ClientRef(r)));
        prop_assert_eq!(NoteId(n).to_string().parse::<NoteId>(), Ok(NoteId(n)));
        prop_assert_eq!(r.to_string().parse::<ClientRef>(), Ok(ClientRef(r)));
        prop_assert_eq!(format!("n-{n}").parse::<NoteId>(), Ok(NoteId(n)));
    }
}

const COLOURS: [&str; 17] = [
    "black",
    "red",
    "green",
    "yellow",
    "blue",
    "magenta",
    "cyan",
    "gray",
    "darkgray",
    "lightred",
    "lightgreen",
    "lightyellow",
    "lightblue",
    "lightmagenta",
    "lightcyan",
    "white",
    "reset",
];

const MODIFIERS: [(&str, Modifier); 8] = [
    ("bold", Modifier::BOLD),
    ("dim", Modifier::DIM),
    ("italic", Modifier::ITALIC),
    ("underlined", Modifier::UNDERLINED),
    ("reversed", Modifier::REVERSED),
    ("crossed_out", Modifier::CROSSED_OUT),
    ("slow_blink", Modifier::SLOW_BLINK),
    ("rapid_blink", Modifier::RAPID_BLINK),
];

/// A TOML basic string holding `s`.
fn quoted(s: &str) -> String {
    let mut out = String::from("\"");
    for c in s.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            c if c.is_control() => out.push_str(&format!("\\u{:04X}", c as u32)),
            c => out.push(c),
        }
    }
    out.push('"');
    out
}

fn valid_colour() -> impl Strategy<Value = String> {
    prop_oneof![
        select(COLOURS.to_vec()).prop_map(String::from),
        any::<u8>().prop_map(|n| n.to_string()),
        (0u32..0x100_0000).prop_map(|n| format!("#{n:06x}")),
    ]
}

/// A TOML value that might or might not be a colour, or might not even be a string.
fn any_colour_value() -> impl Strategy<Value = String> {
    prop_oneof![
        4 => valid_colour().prop_map(|c| quoted(&c)),
        1 => "\\PC{0,10}".prop_map(|s| quoted(&s)),
        1 => "#[0-9a-gA-G]{0,8}".prop_map(|s| quoted(&s)),
        1 => any::<i64>().prop_map(|n| quoted(&n.to_string())),
        1 => any::<i64>().prop_map(|n| n.to_string()),
        1 => Just("true".to_string()),
        1 => Just("[\"red\"]".to_string()),
        1 => Just("{ fg = \"red\" }".to_string()),
        1 => Just("1.5e300".to_string()),
    ]
}

fn any_modifier_value() -> impl Strategy<Value = String> {
    prop_oneof![
        4 => select(MODIFIERS.iter().map(|(m, _)| *m).collect::<Vec<_>>())
            .prop_map(quoted),
        1 => "[A-Za-z_ -]{0,14}".prop_map(|s| quoted(&s)),
        1 => any::<i32>().prop_map(|n| n.to_string()),
        1 => Just("[]".to_string()),
    ]
}

fn any_role_key() -> impl Strategy<Value = String> {
    prop_oneof![
        4 => select(Role::ALL.to_vec()).prop_map(|r| r.key().to_string()),
        1 => "[a-z_]{1,14}",
        1 => "\\PC{0,8}".prop_map(|s| quoted(&s)),
    ]
}

/// One style entry: `(fields, modifiers-array-or-raw)` rendered as key/value pairs.
fn any_style_body() -> impl Strategy<Value = Vec<(String, String)>> {
    (
        proptest::option::of(any_colour_value()),
        proptest::option::of(any_colour_value()),
        proptest::option::of(prop_oneof![
            4 => vec(any_modifier_value(), 0..4).prop_map(|v| format!("[{}]", v.join(", "))),
            1 => any_modifier_value(),
        ]),
        proptest::option::of(("[a-z]{1,6}", any_colour_value())),
    )
        .prop_map(|(fg, bg, modifiers, extra)| {
            let mut fields = Vec::new();
            if let Some(v) = fg {
                fields.push(("fg".to_string(), v));
            }
            if let Some(v) = bg {
                fields.push(("bg".to_string(), v));
            }
            if let Some(v) = modifiers {
                fields.push(("modifiers".to_string(), v));
            }
            if let Some((k, v)) = extra {
                fields.push((k, v));
            }
            fields
        })
}

/// A document shaped like a theme file: optional name and top-level junk, then roles written
/// as inline tables, sub-tables or dotted keys.
fn theme_like_toml() -> impl Strategy<Value = String> {
    (
        proptest::option::of(prop_oneof![
            "\\PC{0,12}".prop_map(|s| quoted(&s)),
            any::<i32>().prop_map(|n| n.to_string())
        ]),
        proptest::option::of(("[a-z]{1,8}", any_colour_value())),
        vec((any_role_key(), any_style_body(), 0..3u8), 0..8),
        any::<bool>(),
    )
        .prop_map(|(name, junk, entries, styles_header)| {
            let mut doc = String::new();
            if let Some(n) = name {
                doc.push_str(&format!("name = {n}\n"));
            }
            if let Some((k, v)) = junk {
                doc.push_str(&format!("{k} = {v}\n"));
            }
            let mut inline = Vec::new();
            let mut tables = Vec::new();
            for (key, fields, form) in entries {
                let pairs = |sep: &str| {
                    fields
                        .iter()
                        .map(|(k, v)| format!("{k} = {v}"))
                        .collect::<Vec<_>>()
                        .join(sep)
                };
                match form {
                    0 => inline.push(format!("{key} = {{ {} }}\n", pairs(", "))),
                    1 => tables.push(format!("[styles.{key}]\n{}\n", pairs("\n"))),
                    _ => {
                        for (k, v) in &fields {
                            inline.push(format!("{key}.{k} = {v}\n"));
                        }
                    }
                }
            }
            if styles_header || !inline.is_empty() {
                doc.push_str("[styles]\n");
            }
            for l in inline {
                doc.push_str(&l);
            }
            for t in tables {
                doc.push_str(&t);
            }
            doc
        })
}

fn modifier_spelling() -> impl Strategy<Value = (String, Modifier)> {
    (select(MODIFIERS.to_vec()), any::<bool>(), any::<bool>()).prop_map(
        |((name, m), upper, dashes)| {
            let mut s = name.to_string();
            if upper {
                s = s.to_uppercase();
            }
            if dashes {
                s = s.replace('_', "-");
            }
            (s, m)
        },
    )
}

/// Per role index: foreground, background, and modifiers as spelled in the file.
type ThemeSpec = BTreeMap<usize, (Option<String>, Option<String>, Vec<(String, Modifier)>)>;

/// A valid theme: each chosen role with optional colours and modifiers.
fn valid_theme() -> impl Strategy<Value = ThemeSpec> {
    btree_map(
        0..Role::ALL.len(),
        (
            proptest::option::of(valid_colour()),
            proptest::option::of(valid_colour()),
            vec(modifier_spelling(), 0..4),
        ),
        0..Role::ALL.len(),
    )
}

fn assert_one_line_error(text: &str) -> Result<(), TestCaseError> {
    if let Err(e) = Theme::from_toml("fuzzed", text) {
        let msg = e.to_string();
        prop_assert!(!msg.contains('\n'), "{:?}", msg);
        prop_assert!(!msg.is_empty());
    }
    Ok(())
}

proptest! {
    #![proptest_config(config(1024))]

    #[test]
    fn theme_from_arbitrary_text_never_panics(
        text in prop_oneof![
            any::<String>(),
            "[\\[\\]a-z_=\"{}, .#0-9\n]{0,80}",
            "\\[styles\\]\n[a-z_]{1,10} = \\{ ?(fg|bg|modifiers) = [\\[\"a-z0-9#, ]{0,20}\\}?\n?",
        ],
    ) {
        assert_one_line_error(&text)?;
    }

    #[test]
    fn theme_shaped_toml_never_panics(text in theme_like_toml()) {
        assert_one_line_error(&text)?;
    }

    #[test]
    fn valid_themes_set_exactly_their_styles(spec in valid_theme()) {
        let mut text = String::from("name = \"anything\"\n[styles]\n");
        for (i, (fg, bg, mods)) in &spec {
            let mut fields = Vec::new();
            if let Some(c) = fg {
                fields.push(format!("fg = {}", quoted(c)));
            }
            if let Some(c) = bg {
                fields.push(format!("bg = {}", quoted(c)));
            }
            if !mods.is_empty() {
                let names: Vec<_> = mods.iter().map(|(s, _)| quoted(s)).collect();
                fields.push(format!("modifiers = [{}]", names.join(", ")));
            }
            text.push_str(&format!("{} = {{ {} }}\n", Role::ALL[*i].key(), fields.join(", ")));
        }
        let theme = Theme::from_toml("mine", &text)
            .map_err(|e| TestCaseError::fail(format!("{text}\n{e}")))?;
        prop_assert_eq!(theme.name(), "mine");
        let default = Theme::default_theme();
        for (i, role) in Role::ALL.into_iter().enumerate() {
            let expected = match spec.get(&i) {
                Some((fg, bg, mods)) => {
                    let mut s = Style::new();
                    if let Some(c) = fg {
                        s = s.fg(Color::from_str(c).unwrap());
                    }
                    if let Some(c) = bg {
                        s = s.bg(Color::from_str(c).unwrap());
                    }
                    for (_, m) in mods {
                        s = s.add_modifier(*m);
                    }
                    s
                }
                None => default.style(role),
            };
            prop_assert_eq!(theme.style(role), expected, "{:?}", role);
        }
    }
}

proptest! {
    #![proptest_config(config(64))]

    #[test]
    fn broken_user_theme_files_fall_back_with_one_line(
        name in "[a-zA-Z0-9_-]{1,12}",
        text in prop_oneof![any::<String>(), theme_like_toml()],
        no_color in any::<bool>(),
    ) {
        let dir = tempfile::tempdir().unwrap();
        std::fs::create_dir_all(dir.path().join("themes")).unwrap();
        std::fs::write(dir.path().join("themes").join(format!("{name}.toml")), &text).unwrap();
        let (theme, warning) = Theme::load(Some(&name), Some(dir.path()), no_color);
        match (Theme::from_toml(&name, &text), warning) {
            (Ok(_), None) => prop_assert_eq!(theme.name(), name.as_str()),
            (Err(_), Some(w)) => {
                prop_assert!(!w.contains('\n'), "{:?}", w);
                prop_assert_eq!(theme.name(), "default");
            }
            (parsed, warning) => {
                return Err(TestCaseError::fail(format!(
                    "from_toml {:?} but load warned {warning:?}",
                    parsed.map(|_| ())
                )));
            }
        }
    }
}

/// Terminal columns a character takes, as `wrap` counts them: two for a wide one, at least one.
fn columns(c: char) -> usize {
    unicode_width::UnicodeWidthChar::width(c)
        .unwrap_or(0)
        .max(1)
}

/// `word` cut into pieces of at most `width` columns, as `wrap` breaks an over-long word.
fn pieces(word: &str, width: usize) -> Vec<String> {
    let mut out = vec![String::new()];
    let mut used = 0;
    for c in word.chars() {
        if used + columns(c) > width {
            out.push(String::new());
            used = 0;
        }
        out.last_mut().expect("a piece").push(c);
        used += columns(c);
    }
    out
}

proptest! {
    #![proptest_config(config(1024))]

    #[test]
    fn wrapped_lines_fit_and_lose_nothing(
        text in prop_oneof![any::<String>(), "[a-z \n]{0,200}", "[a-z]{0,40}( +[a-z]{0,40}){0,8}"],
        width in prop_oneof![0usize..12, 0usize..200],
    ) {
        let lines = wrap(&text, width);
        let limit = width.max(8);
        prop_assert!(!lines.is_empty());
        for l in &lines {
            prop_assert!(l.chars().map(columns).sum::<usize>() <= limit, "{:?} wider than {}", l, limit);
            prop_assert!(!l.contains('\n'));
        }
        let strip = |s: &str| s.chars().filter(|c| *c != ' ' && *c != '\n').collect::<String>();
        prop_assert_eq!(strip(&lines.concat()), strip(&text));
        prop_assert!(lines.len() > text.matches('\n').count());
    }

    #[test]
    fn wrapping_keeps_the_words(
        words in vec("\\S{1,24}", 0..40),
        gaps in vec(1usize..4, 40),
        lead in 0usize..3,
        width in 0usize..60,
    ) {
        let mut text = " ".repeat(lead);
        for (i, w) in words.iter().enumerate() {
            if i > 0 {
                text.push_str(&" ".repeat(gaps[i]));
            }
            text.push_str(w);
        }
        let limit = width.max(8);
        let lines = wrap(&text, width);
        let got: Vec<&str> = lines
            .iter()
            .flat_map(|l| l.split(' '))
            .filter(|w| !w.is_empty())
            .collect();
        let expected: Vec<String> = words.iter().flat_map(|w| pieces(w, limit)).collect();
        prop_assert_eq!(got, expected);
        if words.iter().all(|w| w.chars().map(columns).sum::<usize>() <= limit) {
            let joined = lines.join(" ");
            prop_assert_eq!(
                joined.split(' ').filter(|w| !w.is_empty()).collect::<Vec<_>>(),
                text.split(' ').filter(|w| !w.is_empty()).collect::<Vec<_>>()
            );
        }
    }
}

fn any_text() -> impl Strategy<Value = String> {
    prop_oneof![
        any::<String>(),
        "[ \t]{0,3}[a-zA-Z0-9._@-]{0,70}[ \t]{0,3}",
        "[a-zA-Z0-9._@-]{1,66}",
        "[\\p{Alphabetic}\\p{Nd}._@-]{1,66}",
        "\\PC{0,600}",
        "[\u{0}-\u{1f} ]{0,8}",
    ]
}

proptest! {
    #![proptest_config(config(1024))]

    #[test]
    fn validators_never_panic_and_hold_their_rules(s in any_text()) {
        if let Ok(r) = validate_reason(&s) {
            let n = r.chars().count();
            prop_assert!((3..=500).contains(&n));
            prop_assert_eq!(r.as_str(), s.trim());
        }
        if let Ok(n) = validate_client_name(&s) {
            prop_assert!(!n.is_empty());
            prop_assert!(n.chars().count() <= 200);
            prop_assert!(!n.chars().any(char::is_control));
            prop_assert_eq!(n.as_str(), s.trim());
        }
        if let Ok(u) = validate_username(&s) {
            prop_assert!(!u.is_empty());
            prop_assert!(u.chars().count() <= 64);
            prop_assert_eq!(validate_username(&u), Ok(u.clone()), "{:?}", s);
            prop_assert_eq!(u.clone(), s.to_lowercase());
            prop_assert!(!u.chars().any(char::is_whitespace));
        }
    }

    #[test]
    fn validate_sections_never_panics(
        sections in vec(section(), 0..40),
        big in proptest::option::of(any::<Index>()),
    ) {
        let mut sections: Vec<Section> = sections.iter().map(to_section).collect();
        if let Some(i) = big
            && !sections.is_empty()
        {
            let at = i.index(sections.len());
            sections[at].text = "x".repeat(64 * 1024 + 1);
        }
        let n_with_text = sections.iter().filter(|s| !s.text.trim().is_empty()).count();
        if let Ok(kept) = validate_sections(sections) {
            prop_assert_eq!(kept.len(), n_with_text);
            prop_assert!((1..=32).contains(&kept.len()));
            for s in &kept {
                prop_assert!(!s.text.trim().is_empty());
                prop_assert!(!s.heading.trim().is_empty());
                prop_assert!(s.heading.trim().chars().count() <= 120);
                prop_assert!(s.text.len() <= 64 * 1024);
            }
        }
    }

    #[test]
    fn policy_set_never_panics_and_stays_in_range(
        key in prop_oneof![
            3 => select(Policy::KEYS.iter().map(|k| k.name).collect::<Vec<_>>())
                .prop_map(String::from),
            1 => any::<String>(),
        ],
        value in prop_oneof![
            any::<u32>().prop_map(|n| n.to_string()),
            (0u32..140).prop_map(|n| n.to_string()),
            (0u32..4000).prop_map(|n| n.to_string()),
            any::<String>(),
            "[+-]?[0-9]{0,12}",
            select(vec!["full", "initials", "code", "Initials", " code "]).prop_map(String::from),
            select(vec!["none", "supervisor,admin", "adviser", " Admin , adviser"]).prop_map(String::from),
        ],
    ) {
        let mut p = Policy::default();
        let before = p.clone();
        match p.set(&key, &value) {
            Ok(()) => {
                let spec = Policy::KEYS.iter().find(|k| k.name == key).unwrap();
                let v = p.get(&key).unwrap();
                if spec.set {
                    // A set of words: shown back as the same set.
                    let shown = spec.value_text(v);
                    let mut again = Policy::default();
                    again.set(&key, &shown).unwrap();
                    prop_assert_eq!(again.get(&key), Some(v));
                    prop_assert!((spec.min..=spec.max).contains(&v));
                    return Ok(());
                }
                // A setting chosen by word takes its word too.
                let word = spec
                    .words
                    .iter()
                    .position(|w| w.eq_ignore_ascii_case(value.trim()))
                    .map(|i| spec.min + i as u32);
                prop_assert_eq!(Ok(v), word.ok_or(()).or_else(|()| value.parse::<u32>().map_err(|_| ())));
                prop_assert!((spec.min..=spec.max).contains(&v));
            }
            Err(e) => {
                prop_assert!(!e.is_empty());
                prop_assert_eq!(p, before);
            }
        }
    }
}
