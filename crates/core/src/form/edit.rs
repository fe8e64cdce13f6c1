//! Editing a definition one step at a time, for the console's form
//! designer. A step that would break the document's shape is refused with
//! a reason a person can read: a core field removed or retyped, an id used
//! twice, a field removed or renamed while a condition, the listing or a
//! sibling still names it. Everything else (an empty label, a code list
//! without codes, a number range upside down) is left to
//! [`FormDef::problems`], so the designer shows it next to the others
//! instead of refusing to let the administrator type.
//!
//! Fields are named by path, as [`super::field_paths`] does: `field` at the
//! top of a section, `group/field` inside a repeated group.

use super::check::kind_name;
use super::code_list::{Code, CodeList};
use super::condition::Condition;
use super::definition::{Constraint, Field, FieldKind, FormDef, Section, Text};

/// Why a step was not taken.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Refusal {
    /// The system relies on this field: it may be relabelled, not removed
    /// or retyped (nor its section removed).
    Core,
    /// These (field paths, `section …`, `listing`) still name the field.
    UsedBy(Vec<String>),
    /// Another field, section or list already has this id.
    IdTaken(String),
    /// No such field or section (the designer's view was stale).
    Missing,
}

impl Refusal {
    /// The reason, in both languages.
    pub fn message(&self) -> Text {
        match self {
            Refusal::Core => Text::new(
                "Isian inti (dipakai sistem): hanya labelnya yang boleh diubah.",
                "A core field (the system relies on it): only its label may change.",
            ),
            Refusal::UsedBy(users) => {
                let users = users.join(", ");
                Text {
                    id: format!("Masih disebut oleh: {users}."),
                    en: format!("Still named by: {users}."),
                }
            }
            Refusal::IdTaken(id) => Text {
                id: format!("Id {id} sudah dipakai."),
                en: format!("The id {id} is already used."),
            },
            Refusal::Missing => Text::new("Tidak ditemukan.", "Not found."),
        }
    }
}

/// A choice question's code list as the designer hands it over.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ListEdit {
    pub list: CodeList,
    /// A list this version does not have yet (rather than one of its
    /// lists, possibly changed).
    pub new: bool,
}

/// Where a new field goes: the end of a section (by index) or of a group's
/// row fields (by the group's id).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Place<'a> {
    Section(usize),
    Group(&'a str),
}

/// A field's path split into its group (if any) and its own id.
fn split(path: &str) -> (Option<&str>, &str) {
    match path.split_once('/') {
        Some((group, id)) => (Some(group), id),
        None => (None, path),
    }
}

/// Whether a field's condition, constraint or NIK siblings name `id`.
fn names(field: &Field, id: &str) -> bool {
    let in_condition = |c: &Condition| c.fields().contains(&id);
    field.relevant.as_ref().is_some_and(in_condition)
        || field
            .constraint
            .as_ref()
            .is_some_and(|c| c.rule.fields().contains(&id) && field.id != id)
        || matches!(&field.kind, FieldKind::Nik { sex_field, birth_date_field }
            if sex_field == id || birth_date_field == id)
}

impl Field {
    /// A new, optional question with empty labels.
    pub fn new(id: &str, kind: FieldKind) -> Field {
        Field {
            id: id.into(),
            label: Text::default(),
            hint: None,
            kind,
            required: false,
            relevant: None,
            personal: false,
            core: false,
            constraint: None,
        }
    }
}

impl FormDef {
    /// The draft of the next version: this one, numbered one higher.
    pub fn next_draft(&self) -> FormDef {
        FormDef {
            version: self.version + 1,
            ..self.clone()
        }
    }

    /// A field by path (`field` or `group/field`).
    pub fn field_by_path(&self, path: &str) -> Option<&Field> {
        match split(path) {
            (None, id) => self.field(id),
            (Some(group), id) => self.field(group)?.row_field(id),
        }
    }

    fn field_by_path_mut(&mut self, path: &str) -> Option<&mut Field> {
        let (group, id) = split(path);
        let top = self
            .sections
            .iter_mut()
            .flat_map(|s| s.fields.iter_mut())
            .find(|f| f.id == group.unwrap_or(id))?;
        if group.is_none() {
            return Some(top);
        }
        match &mut top.kind {
            FieldKind::Group { fields, .. } => fields.iter_mut().find(|f| f.id == id),
            _ => None,
        }
    }

    /// The list a field sits in (a section's or a group's) and its index.
    fn siblings_mut(&mut self, path: &str) -> Option<(&mut Vec<Field>, usize)> {
        let (group, id) = split(path);
        let list = match group {
            None => {
                &mut self
                    .sections
                    .iter_mut()
                    .find(|s| s.fields.iter().any(|f| f.id == id))?
                    .fields
            }
            Some(group) => match &mut self.field_by_path_mut(group)?.kind {
                FieldKind::Group { fields, .. } => fields,
                _ => return None,
            },
        };
        let index = list.iter().position(|f| f.id == id)?;
        Some((list, index))
    }

    /// What names the field at `path` besides itself: conditions and
    /// constraints of other fields and sections, NIK siblings, a group's
    /// title field, the listing.
    pub fn users(&self, path: &str) -> Vec<String> {
        let (group, id) = split(path);
        let mut out = Vec::new();
        if let Some(group) = group {
            let Some(g) = self.field(group) else {
                return out;
            };
            if let FieldKind::Group {
                fields,
                title_field,
                ..
            } = &g.kind
            {
                if title_field == id {
                    out.push(group.to_owned());
                }
                out.extend(
                    fields
                        .iter()
                        .filter(|f| f.id != id && names(f, id))
                        .map(|f| format!("{group}/{}", f.id)),
                );
            }
            return out;
        }
        for section in &self.sections {
            if section
                .relevant
                .as_ref()
                .is_some_and(|c| c.fields().contains(&id))
            {
                out.push(format!("section {}", section.id));
            }
        }
        for (g, field) in self.all_fields() {
            // Inside a group, a row field of the same id is the one meant.
            if g.is_some_and(|g| g.row_field(id).is_some()) || (g.is_none() && field.id == id) {
                continue;
            }
            if names(field, id) {
                out.push(match g {
                    Some(g) => format!("{}/{}", g.id, field.id),
                    None => field.id.clone(),
                });
            }
        }
        let listing = &self.listing;
        if [&listing.title, &listing.detail, &listing.search]
            .into_iter()
            .flatten()
            .any(|f| f == id)
        {
            out.push("listing".to_owned());
        }
        out
    }

    /// Why the field at `path` may not be removed, if it may not.
    pub fn removal_refusal(&self, path: &str) -> Option<Refusal> {
        let field = self.field_by_path(path)?;
        if field.core {
            return Some(Refusal::Core);
        }
        let users = self.users(path);
        (!users.is_empty()).then_some(Refusal::UsedBy(users))
    }

    /// Removes the field at `path` (and, for a group, its row fields).
    pub fn remove_field(&mut self, path: &str) -> Result<Field, Refusal> {
        if let Some(refusal) = self.removal_refusal(path) {
            return Err(refusal);
        }
        let (list, index) = self.siblings_mut(path).ok_or(Refusal::Missing)?;
        Ok(list.remove(index))
    }

    /// Moves a field one place up or down. At the edge of a section a
    /// top-level field moves to the end of the section before (or the start
    /// of the one after); inside a group it stays in the group. Whether it
    /// moved.
    pub fn move_field(&mut self, path: &str, up: bool) -> bool {
        let (group, id) = split(path);
        if group.is_some() {
            let Some((list, index)) = self.siblings_mut(path) else {
                return false;
            };
            return swap(list, index, up);
        }
        let Some(s) = self
            .sections
            .iter()
            .position(|s| s.fields.iter().any(|f| f.id == id))
        else {
            return false;
        };
        let fields = &mut self.sections[s].fields;
        let index = fields.iter().position(|f| f.id == id).expect("found above");
        if swap(fields, index, up) {
            return true;
        }
        let target = if up { s.checked_sub(1) } else { Some(s + 1) };
        let Some(target) = target.filter(|t| *t < self.sections.len()) else {
            return false;
        };
        let field = self.sections[s].fields.remove(index);
        let fields = &mut self.sections[target].fields;
        if up {
            fields.push(field);
        } else {
            fields.insert(0, field);
        }
        true
    }

    /// Whether `id` is free for a new field at `place` (top-level ids are
    /// unique in the form, row field ids within their group).
    fn field_id_free(&self, place: Place, id: &str) -> bool {
        match place {
            Place::Section(_) => self.field(id).is_none(),
            Place::Group(group) => self.field(group).and_then(|g| g.row_field(id)).is_none(),
        }
    }

    /// Adds a field at the end of a section or a group.
    pub fn add_field(&mut self, place: Place, field: Field) -> Result<(), Refusal> {
        if !self.field_id_free(place, &field.id) {
            return Err(Refusal::IdTaken(field.id));
        }
        let list = match place {
            Place::Section(index) => {
                &mut self.sections.get_mut(index).ok_or(Refusal::Missing)?.fields
            }
            Place::Group(group) => match self.field_by_path_mut(group).map(|g| &mut g.kind) {
                Some(FieldKind::Group { fields, .. }) => fields,
                _ => return Err(Refusal::Missing),
            },
        };
        list.push(field);
        Ok(())
    }

    /// Puts `field` in place of the one at `path`. A core field keeps its
    /// id, its type and its core mark; a field that others name keeps its id.
    pub fn replace_field(&mut self, path: &str, field: Field) -> Result<(), Refusal> {
        let old = self.field_by_path(path).ok_or(Refusal::Missing)?;
        if old.core
            && (!field.core || field.id != old.id || kind_name(&field.kind) != kind_name(&old.kind))
        {
            return Err(Refusal::Core);
        }
        if field.id != old.id {
            let users = self.users(path);
            if !users.is_empty() {
                return Err(Refusal::UsedBy(users));
            }
            let place = match split(path).0 {
                Some(group) => Place::Group(group),
                None => Place::Section(0),
            };
            if !self.field_id_free(place, &field.id) {
                return Err(Refusal::IdTaken(field.id));
            }
        }
        *self.field_by_path_mut(path).ok_or(Refusal::Missing)? = field;
        Ok(())
    }

    /// Saves a question as the designer's editor hands it over: in place
    /// of the one at `path`, or new at `place` (read only without `path`).
    /// A hint left empty in both
    /// languages is dropped; a choice question takes `list` with it (a new
    /// list needs a free id and, left unnamed, is named after the question).
    pub fn save_question(
        &mut self,
        path: Option<&str>,
        place: Place,
        mut field: Field,
        list: ListEdit,
    ) -> Result<(), Refusal> {
        field.hint = field
            .hint
            .filter(|h| !(h.id.trim().is_empty() && h.en.trim().is_empty()));
        if let FieldKind::Single { list: id } | FieldKind::Multi { list: id, .. } = &mut field.kind
        {
            let ListEdit { mut list, new } = list;
            if new && list.id.is_empty() {
                list.id.clone_from(&field.id);
            }
            if new && self.list(&list.id).is_some() {
                return Err(Refusal::IdTaken(list.id));
            }
            id.clone_from(&list.id);
            self.put_list(list);
        }
        match path {
            Some(path) => self.replace_field(path, field),
            None => self.add_field(place, field),
        }
    }

    /// Adds a section at the end.
    pub fn add_section(&mut self, section: Section) -> Result<(), Refusal> {
        if self.sections.iter().any(|s| s.id == section.id) {
            return Err(Refusal::IdTaken(section.id));
        }
        self.sections.push(section);
        Ok(())
    }

    /// Why the section at `index` may not be removed with its fields: it
    /// holds a core field, or something outside it names one of them.
    pub fn section_removal_refusal(&self, index: usize) -> Option<Refusal> {
        let section = self.sections.get(index)?;
        if section.fields.iter().any(|f| f.core) {
            return Some(Refusal::Core);
        }
        let inside = |user: &String| {
            let top = user.split('/').next().unwrap_or(user);
            section.fields.iter().any(|f| f.id == top)
        };
        let users: Vec<String> = section
            .fields
            .iter()
            .flat_map(|f| self.users(&f.id))
            .filter(|u| !inside(u))
            .collect();
        (!users.is_empty()).then_some(Refusal::UsedBy(users))
    }

    /// Removes the section at `index` with its fields.
    pub fn remove_section(&mut self, index: usize) -> Result<Section, Refusal> {
        if index >= self.sections.len() {
            return Err(Refusal::Missing);
        }
        if let Some(refusal) = self.section_removal_refusal(index) {
            return Err(refusal);
        }
        Ok(self.sections.remove(index))
    }

    /// Moves a section one place up or down; whether it moved.
    pub fn move_section(&mut self, index: usize, up: bool) -> bool {
        swap(&mut self.sections, index, up)
    }

    /// Adds a code list, or replaces the one with its id.
    pub fn put_list(&mut self, list: CodeList) {
        match self.lists.iter_mut().find(|l| l.id == list.id) {
            Some(old) => *old = list,
            None => self.lists.push(list),
        }
    }

    /// The paths of the choice fields that use a list.
    pub fn list_users(&self, list: &str) -> Vec<String> {
        super::field_paths(self)
            .into_iter()
            .filter(|(_, f)| {
                matches!(&f.kind, FieldKind::Single { list: l } | FieldKind::Multi { list: l, .. } if l == list)
            })
            .map(|(path, _)| path)
            .collect()
    }

    /// The fields a show-if rule of the field at `path` (or of a section,
    /// with `None`) may compare with codes: choice and yes/no fields the
    /// rule can see (the field's own row first, then the top level), not
    /// the field itself. Ids as the rule names them.
    pub fn condition_sources(&self, path: Option<&str>) -> Vec<&Field> {
        let comparable = |f: &&Field| {
            matches!(
                f.kind,
                FieldKind::Single { .. } | FieldKind::Multi { .. } | FieldKind::YesNo
            )
        };
        let (group, id) = path.map(split).unwrap_or((None, ""));
        let row = group
            .and_then(|g| self.field(g))
            .and_then(|g| match &g.kind {
                FieldKind::Group { fields, .. } => Some(fields),
                _ => None,
            });
        let mut out: Vec<&Field> = row
            .into_iter()
            .flatten()
            .filter(comparable)
            .filter(|f| f.id != id)
            .collect();
        let top = self
            .sections
            .iter()
            .flat_map(|s| &s.fields)
            .filter(comparable)
            .filter(|f| (group.is_some() || f.id != id) && out.iter().all(|o| o.id != f.id));
        out.extend(top.collect::<Vec<_>>());
        out
    }

    /// The codes a show-if rule may compare `field` with: its list's codes,
    /// or yes/no.
    pub fn comparable_codes(&self, field: &Field) -> Vec<Code> {
        match &field.kind {
            FieldKind::Single { list } | FieldKind::Multi { list, .. } => {
                self.list(list).map(|l| l.items.clone()).unwrap_or_default()
            }
            FieldKind::YesNo => vec![
                Code {
                    code: "yes".into(),
                    label: Text::new("Ya", "Yes"),
                },
                Code {
                    code: "no".into(),
                    label: Text::new("Tidak", "No"),
                },
            ],
            _ => vec![],
        }
    }
}

/// Swaps `list[index]` with its neighbour; whether there was one.
fn swap<T>(list: &mut [T], index: usize, up: bool) -> bool {
    let other = if up {
        index.checked_sub(1)
    } else {
        Some(index + 1)
    };
    match other.filter(|o| *o < list.len() && index < list.len()) {
        Some(other) => {
            list.swap(index, other);
            true
        }
        None => false,
    }
}

/// A new field's type with plain starting settings, by its JSON name
/// ([`super::FIELD_TYPES`]); a choice starts on `list`.
pub fn starting_kind(name: &str, list: &str) -> Option<FieldKind> {
    Some(match name {
        "text" => FieldKind::Text {
            max_len: 200,
            multiline: false,
        },
        "number" => FieldKind::Number {
            min: 0.0,
            max: 100.0,
            integer: true,
        },
        "date" => FieldKind::Date { past_only: false },
        "single" => FieldKind::Single { list: list.into() },
        "multi" => FieldKind::Multi {
            list: list.into(),
            exclusive: vec![],
        },
        "yes_no" => FieldKind::YesNo,
        "gps" => FieldKind::Gps,
        "photo" => FieldKind::Photo { min: 0, max: 1 },
        "nik" => FieldKind::Nik {
            sex_field: String::new(),
            birth_date_field: String::new(),
        },
        "no_kk" => FieldKind::NoKk,
        "group" => FieldKind::Group {
            fields: vec![],
            min: 0,
            usual_max: 10,
            title_field: String::new(),
        },
        _ => return None,
    })
}

/// A show-if rule from a field and the codes that show: `Is` for one code,
/// `IsAnyOf` for several, none without a field or codes.
pub fn show_if(field: &str, codes: &[String]) -> Option<Condition> {
    match codes {
        _ if field.is_empty() => None,
        [] => None,
        [code] => Some(Condition::Is {
            field: field.into(),
            value: code.clone(),
        }),
        codes => Some(Condition::IsAnyOf {
            field: field.into(),
            values: codes.to_vec(),
        }),
    }
}

/// The field and codes of a rule [`show_if`] can build; `None` for any
/// other rule (the designer keeps those as they are).
pub fn simple_show_if(condition: &Condition) -> Option<(String, Vec<String>)> {
    match condition {
        Condition::Is { field, value } => Some((field.clone(), vec![value.clone()])),
        Condition::IsAnyOf { field, values } => Some((field.clone(), values.clone())),
        _ => None,
    }
}

/// A constraint that a number field's answer lies within `min..=max`.
pub fn number_range(field: &str, min: f64, max: f64, message: Text) -> Constraint {
    Constraint {
        rule: Condition::Between {
            field: field.into(),
            min,
            max,
        },
        message,
    }
}

/// The bounds of a constraint [`number_range`] builds for `field`.
pub fn range_of(constraint: &Constraint, field: &str) -> Option<(f64, f64)> {
    match &constraint.rule {
        Condition::Between { field: f, min, max } if f == field => Some((*min, *max)),
        _ => None,
    }
}

/// A rule in a short, language-neutral notation, for rules the designer
/// shows but does not edit (`visit_result ∈ {1, 2} ∧ consent = yes`).
pub fn notation(condition: &Condition) -> String {
    let join = |list: &[Condition], sep: &str| {
        let parts: Vec<String> = list
            .iter()
            .map(|c| match c {
                Condition::All(_) | Condition::Any(_) => format!("({})", notation(c)),
                _ => notation(c),
            })
            .collect();
        parts.join(sep)
    };
    match condition {
        Condition::Is { field, value } => format!("{field} = {value}"),
        Condition::IsAnyOf { field, values } => format!("{field} ∈ {{{}}}", values.join(", ")),
        Condition::AgeBetween { field, min, max } => format!("{min} ≤ age({field}) ≤ {max}"),
        Condition::Between { field, min, max } => format!("{min} ≤ {field} ≤ {max}"),
        Condition::All(list) => join(list, " ∧ "),
        Condition::Any(list) => join(list, " ∨ "),
        Condition::Not(inner) => format!("¬({})", notation(inner)),
    }
}

#[cfg(test)]
mod tests;
