//! Whether a definition document is sound, and whether it may follow the
//! version before it: every problem found, each said in both languages,
//! so an administrator fixes them all in one go.

use std::collections::{BTreeMap, BTreeSet};

use serde::{Deserialize, Serialize};

use super::condition::Condition;
use super::definition::{Field, FieldKind, FormDef, Text};
use super::CodeList;

/// Limits on one definition (also in the README).
pub const MAX_SECTIONS: usize = 50;
pub const MAX_FIELDS: usize = 500;
pub const MAX_LISTS: usize = 100;
pub const MAX_CODES: usize = 2_000;
pub const MAX_LABEL_CHARS: usize = 500;
pub const MAX_TEXT_LEN: usize = 10_000;
pub const MAX_PHOTOS: u8 = 10;
const MAX_ID_CHARS: usize = 40;

/// The field types a definition may use, as its JSON names them.
pub const FIELD_TYPES: [&str; 11] = [
    "text", "number", "date", "single", "multi", "yes_no", "gps", "photo", "nik", "no_kk", "group",
];

/// One thing wrong with a definition: where (`section visit`, `field
/// members/nik`, `list sex`) and what.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct DefinitionProblem {
    pub at: String,
    pub message: Text,
}

fn problem(at: impl Into<String>, id: String, en: String) -> DefinitionProblem {
    DefinitionProblem {
        at: at.into(),
        message: Text { id, en },
    }
}

/// Reads a definition document, listing every unknown field type and key
/// rather than stopping at the first.
pub fn parse_definition(json: &serde_json::Value) -> Result<FormDef, Vec<DefinitionProblem>> {
    let mut problems = Vec::new();
    unknown_types(json, "", &mut problems);
    if !problems.is_empty() {
        return Err(problems);
    }
    serde_json::from_value(json.clone()).map_err(|error| {
        vec![problem(
            "document",
            format!("Dokumen tidak sesuai bentuk definisi formulir: {error}"),
            format!("The document is not a form definition: {error}"),
        )]
    })
}

fn unknown_types(value: &serde_json::Value, at: &str, out: &mut Vec<DefinitionProblem>) {
    let Some(sections) = value.get("sections").and_then(|s| s.as_array()) else {
        return;
    };
    for field in sections
        .iter()
        .filter_map(|s| s.get("fields")?.as_array())
        .flatten()
    {
        field_types(field, at, out);
    }
}

fn field_types(field: &serde_json::Value, prefix: &str, out: &mut Vec<DefinitionProblem>) {
    let id = field.get("id").and_then(|i| i.as_str()).unwrap_or("?");
    let kind = field.get("kind");
    let name = kind.and_then(|k| k.get("type")).and_then(|t| t.as_str());
    match name {
        Some(name) if FIELD_TYPES.contains(&name) => {}
        _ => {
            let shown = name.unwrap_or("(kosong)");
            out.push(problem(
                format!("field {prefix}{id}"),
                format!("Jenis isian tidak dikenal: {shown}."),
                format!("Unknown field type: {}.", name.unwrap_or("(none)")),
            ));
        }
    }
    if name == Some("group") {
        let inner = kind
            .and_then(|k| k.get("fields"))
            .and_then(|f| f.as_array());
        for row_field in inner.into_iter().flatten() {
            field_types(row_field, &format!("{prefix}{id}/"), out);
        }
    }
}

impl FormDef {
    /// Every problem in this definition on its own.
    pub fn problems(&self) -> Vec<DefinitionProblem> {
        let mut out = Vec::new();
        let mut check = Checker {
            form: self,
            out: &mut out,
        };
        check.whole();
        out
    }
}

/// Every problem with publishing `new` after `previous` (the newest stored
/// version, if any), given the codes stored answers use (by field path,
/// `field` or `group/field`).
pub fn publish_problems(
    new: &FormDef,
    previous: Option<&FormDef>,
    codes_in_use: &BTreeMap<String, BTreeSet<String>>,
) -> Vec<DefinitionProblem> {
    let mut out = new.problems();
    let expected = previous.map_or(1, |p| p.version + 1);
    if new.version != expected {
        out.push(problem(
            "version",
            format!("Versi harus {expected} (versi berikutnya)."),
            format!("The version must be {expected} (the next one)."),
        ));
    }
    if let Some(previous) = previous {
        for (path, old) in field_paths(previous) {
            if !old.core {
                continue;
            }
            match field_paths(new).into_iter().find(|(p, _)| *p == path) {
                None => out.push(problem(
                    format!("field {path}"),
                    "Isian inti tidak boleh dihapus; hanya labelnya yang boleh diubah.".into(),
                    "A core field cannot be removed; only its label may change.".into(),
                )),
                Some((_, now)) if kind_name(&now.kind) != kind_name(&old.kind) || !now.core => out
                    .push(problem(
                        format!("field {path}"),
                        "Jenis isian inti tidak boleh diubah.".into(),
                        "A core field's type cannot change.".into(),
                    )),
                Some(_) => {}
            }
        }
    }
    for (path, field) in field_paths(new) {
        let list = match &field.kind {
            FieldKind::Single { list } | FieldKind::Multi { list, .. } => new.list(list),
            _ => continue,
        };
        let Some(list) = list else { continue };
        for code in codes_in_use.get(&path).into_iter().flatten() {
            if list.get(code).is_none() {
                out.push(problem(
                    format!("list {}", list.id),
                    format!("Kode {code} dipakai jawaban tersimpan pada {path}; kode tidak boleh dihapus."),
                    format!("Code {code} is used by stored answers of {path}; it cannot be removed."),
                ));
            }
        }
    }
    out
}

/// Every field with its path (`field` or `group/field`), depth first.
pub fn field_paths(form: &FormDef) -> Vec<(String, &Field)> {
    form.all_fields()
        .into_iter()
        .map(|(group, field)| match group {
            Some(g) => (format!("{}/{}", g.id, field.id), field),
            None => (field.id.clone(), field),
        })
        .collect()
}

/// The JSON name of a field's type.
pub fn kind_name(kind: &FieldKind) -> &'static str {
    match kind {
        FieldKind::Text { .. } => "text",
        FieldKind::Number { .. } => "number",
        FieldKind::Date { .. } => "date",
        FieldKind::Single { .. } => "single",
        FieldKind::Multi { .. } => "multi",
        FieldKind::YesNo => "yes_no",
        FieldKind::Gps => "gps",
        FieldKind::Photo { .. } => "photo",
        FieldKind::Nik { .. } => "nik",
        FieldKind::NoKk => "no_kk",
        FieldKind::Group { .. } => "group",
    }
}

struct Checker<'a> {
    form: &'a FormDef,
    out: &'a mut Vec<DefinitionProblem>,
}

impl Checker<'_> {
    fn push(&mut self, at: impl Into<String>, id: String, en: String) {
        self.out.push(problem(at, id, en));
    }

    fn whole(&mut self) {
        let form = self.form;
        self.id("form", &form.id);
        self.text("title", &form.title);
        if form.sections.is_empty() || form.sections.len() > MAX_SECTIONS {
            self.push(
                "sections",
                format!("Formulir harus punya 1 sampai {MAX_SECTIONS} bagian."),
                format!("A form needs 1 to {MAX_SECTIONS} sections."),
            );
        }
        if form.all_fields().len() > MAX_FIELDS {
            self.push(
                "fields",
                format!("Paling banyak {MAX_FIELDS} isian."),
                format!("At most {MAX_FIELDS} fields."),
            );
        }
        self.lists();
        let mut section_ids = BTreeSet::new();
        let mut field_ids = BTreeSet::new();
        for section in &form.sections {
            let at = format!("section {}", section.id);
            self.id(&at, &section.id);
            if !section_ids.insert(&section.id) {
                self.twice(&at);
            }
            self.text(&at, &section.title);
            if section.fields.is_empty() {
                self.push(
                    &at,
                    "Bagian tanpa isian.".into(),
                    "A section without fields.".into(),
                );
            }
            if let Some(c) = &section.relevant {
                self.condition(None, c, &at);
            }
            for field in &section.fields {
                if !field_ids.insert(&field.id) {
                    self.twice(&format!("field {}", field.id));
                }
                self.field(None, field);
            }
        }
        self.listing();
    }

    fn lists(&mut self) {
        let form = self.form;
        if form.lists.len() > MAX_LISTS {
            self.push(
                "lists",
                format!("Paling banyak {MAX_LISTS} daftar kode."),
                format!("At most {MAX_LISTS} code lists."),
            );
        }
        let mut ids = BTreeSet::new();
        for list in &form.lists {
            self.list(list, &mut ids);
        }
    }

    fn list<'l>(&mut self, list: &'l CodeList, ids: &mut BTreeSet<&'l str>) {
        let at = format!("list {}", list.id);
        self.id(&at, &list.id);
        if !ids.insert(&list.id) {
            self.twice(&at);
        }
        if list.items.is_empty() || list.items.len() > MAX_CODES {
            self.push(
                &at,
                format!("Daftar kode harus berisi 1 sampai {MAX_CODES} kode."),
                format!("A code list needs 1 to {MAX_CODES} codes."),
            );
        }
        let mut codes = BTreeSet::new();
        for item in &list.items {
            let valid = !item.code.is_empty()
                && item.code.len() <= MAX_ID_CHARS
                && item
                    .code
                    .chars()
                    .all(|c| c.is_ascii_alphanumeric() || c == '_' || c == '-');
            if !valid {
                self.push(
                    &at,
                    format!(
                        "Kode \"{}\" tidak sah: 1-40 huruf, angka, _ atau -.",
                        item.code
                    ),
                    format!(
                        "Code \"{}\" is not valid: 1-40 letters, digits, _ or -.",
                        item.code
                    ),
                );
            }
            if !codes.insert(&item.code) {
                self.twice(&format!("{at} code {}", item.code));
            }
            self.text(&format!("{at} code {}", item.code), &item.label);
        }
    }

    fn field(&mut self, group: Option<&Field>, field: &Field) {
        let at = match group {
            Some(g) => format!("field {}/{}", g.id, field.id),
            None => format!("field {}", field.id),
        };
        self.id(&at, &field.id);
        self.text(&at, &field.label);
        if let Some(hint) = &field.hint {
            self.text(&format!("{at} hint"), hint);
        }
        if let Some(c) = &field.relevant {
            self.condition(group, c, &at);
        }
        if let Some(constraint) = &field.constraint {
            self.condition(group, &constraint.rule, &format!("{at} constraint"));
            self.text(&format!("{at} constraint"), &constraint.message);
        }
        self.kind(group, field, &at);
    }

    fn kind(&mut self, group: Option<&Field>, field: &Field, at: &str) {
        let form = self.form;
        match &field.kind {
            FieldKind::Text { max_len, .. } if *max_len == 0 || *max_len > MAX_TEXT_LEN => self
                .push(
                    at,
                    format!("Panjang teks harus 1 sampai {MAX_TEXT_LEN}."),
                    format!("The text length must be 1 to {MAX_TEXT_LEN}."),
                ),
            FieldKind::Number { min, max, .. }
                if !min.is_finite() || !max.is_finite() || min > max =>
            {
                self.push(
                    at,
                    "Batas bawah harus tidak lebih dari batas atas.".into(),
                    "The minimum must not be above the maximum.".into(),
                )
            }
            FieldKind::Single { list } | FieldKind::Multi { list, .. }
                if form.list(list).is_none() =>
            {
                self.push(
                    at,
                    format!("Daftar kode {list} tidak ada."),
                    format!("Code list {list} does not exist."),
                )
            }
            FieldKind::Multi { list, exclusive } => {
                let list = form.list(list).expect("checked above");
                for code in exclusive.iter().filter(|c| list.get(c).is_none()) {
                    self.push(
                        at,
                        format!("Kode eksklusif {code} tidak ada di daftar {}.", list.id),
                        format!("Exclusive code {code} is not in list {}.", list.id),
                    );
                }
            }
            FieldKind::Photo { min, max } if min > max || *max > MAX_PHOTOS => self.push(
                at,
                format!("Jumlah foto: paling sedikit ≤ paling banyak ≤ {MAX_PHOTOS}."),
                format!("Photo counts: minimum ≤ maximum ≤ {MAX_PHOTOS}."),
            ),
            FieldKind::Nik {
                sex_field,
                birth_date_field,
            } => {
                for sibling in [sex_field, birth_date_field] {
                    if resolve(form, group, sibling).is_none() {
                        self.missing(at, sibling);
                    }
                }
            }
            FieldKind::Group { .. } if group.is_some() => self.push(
                at,
                "Kelompok berulang tidak boleh di dalam kelompok berulang.".into(),
                "A repeat group cannot sit inside another.".into(),
            ),
            FieldKind::Group {
                fields,
                min,
                usual_max,
                title_field,
            } => {
                if min > usual_max {
                    self.push(
                        at,
                        "Jumlah baris paling sedikit melebihi jumlah biasa.".into(),
                        "The minimum rows exceed the usual maximum.".into(),
                    );
                }
                let mut ids = BTreeSet::new();
                for inner in fields {
                    if !ids.insert(&inner.id) {
                        self.twice(&format!("{at}/{}", inner.id));
                    }
                    self.field(Some(field), inner);
                }
                if field.row_field(title_field).is_none() {
                    self.missing(at, title_field);
                }
            }
            _ => {}
        }
    }

    fn condition(&mut self, group: Option<&Field>, c: &Condition, at: &str) {
        let form = self.form;
        for name in c.fields() {
            if resolve(form, group, name).is_none() {
                self.missing(at, name);
            }
        }
        for (name, code) in c.compared_codes() {
            let Some(target) = resolve(form, group, name) else {
                continue;
            };
            let known = match &target.kind {
                FieldKind::Single { list } | FieldKind::Multi { list, .. } => {
                    form.list(list).is_some_and(|l| l.get(code).is_some())
                }
                FieldKind::YesNo => code == "yes" || code == "no",
                _ => false,
            };
            if !known {
                self.push(
                    at,
                    format!("Membandingkan {name} dengan kode yang tidak ada: {code}."),
                    format!("Compares {name} with an unknown code: {code}."),
                );
            }
        }
    }

    fn listing(&mut self) {
        let form = self.form;
        let listing = &form.listing;
        if listing.title.is_empty() {
            self.push(
                "listing",
                "Tentukan isian yang menjadi judul catatan.".into(),
                "Choose the fields that title a record.".into(),
            );
        }
        for name in listing
            .title
            .iter()
            .chain(&listing.detail)
            .chain(&listing.search)
        {
            if form.field(name).is_none() {
                self.missing("listing", name);
            }
        }
    }

    fn id(&mut self, at: &str, id: &str) {
        let mut chars = id.chars();
        let valid = chars.next().is_some_and(|c| c.is_ascii_lowercase())
            && chars.all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '_')
            && id.len() <= MAX_ID_CHARS;
        if !valid {
            self.push(
                at,
                format!("Id \"{id}\" tidak sah: huruf kecil, angka dan _, diawali huruf, paling banyak {MAX_ID_CHARS}."),
                format!("Id \"{id}\" is not valid: lowercase letters, digits and _, starting with a letter, at most {MAX_ID_CHARS}."),
            );
        }
    }

    fn text(&mut self, at: &str, text: &Text) {
        for (lang, value) in [("id", &text.id), ("en", &text.en)] {
            let count = value.trim().chars().count();
            if count == 0 || count > MAX_LABEL_CHARS {
                self.push(
                    at,
                    format!("Teks ({lang}) harus 1 sampai {MAX_LABEL_CHARS} karakter."),
                    format!("The text ({lang}) must be 1 to {MAX_LABEL_CHARS} characters."),
                );
            }
        }
    }

    fn twice(&mut self, at: &str) {
        self.push(
            at,
            "Id ini dipakai dua kali.".into(),
            "This id is used twice.".into(),
        );
    }

    fn missing(&mut self, at: &str, name: &str) {
        self.push(
            at,
            format!("Menyebut isian yang tidak ada: {name}."),
            format!("Names a field that does not exist: {name}."),
        );
    }
}

/// A field id as a condition inside `group` (or at the top) sees it.
fn resolve<'a>(form: &'a FormDef, group: Option<&'a Field>, id: &str) -> Option<&'a Field> {
    group
        .and_then(|g| g.row_field(id))
        .or_else(|| form.field(id))
}
