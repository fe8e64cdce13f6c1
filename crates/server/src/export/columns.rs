//! The tables of an export, laid out from the form definitions: the
//! record's place and review columns, then one column per answer of any
//! version of the form (the newest version's in its order, then those only
//! older versions have, so records of every version share one table), a
//! `_label` column (Bahasa Indonesia) beside every coded answer, and
//! latitude/longitude/accuracy for GPS. Members are their own table keyed
//! by the household's id. NIK and No. KK are masked (region only) unless asked for.

use std::collections::BTreeSet;

use rukun_core::consent;
use rukun_core::console::ListItem;
use rukun_core::form::{Answers, Catalog, Field, FieldKind, FormDef, Value};
use rukun_core::identity::{Nik, NoKk};

/// One cell of a table.
#[derive(Debug, Clone, PartialEq)]
pub enum Cell {
    Empty,
    Text(String),
    Number(f64),
}

/// The tables an export can hold.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Table {
    Households,
    Members,
    Infrastructure,
}

impl Table {
    /// The sheet (XLSX) name.
    pub fn sheet_name(self) -> &'static str {
        match self {
            Table::Households => "Rumah tangga",
            Table::Members => "Anggota",
            Table::Infrastructure => "Prasarana",
        }
    }
}

#[derive(Debug, Clone, Copy)]
enum Meta {
    Id,
    HouseholdId,
    Row,
    Kelurahan,
    Rw,
    Rt,
    Volunteer,
    ReviewState,
    Updated,
    Flags,
    /// The privacy notice version the household consented under.
    NoticeVersion,
    /// When the consent was given or refused (WIB).
    ConsentAt,
}

#[derive(Debug, Clone, Copy)]
enum Part {
    Value,
    Label,
    Lat,
    Lon,
    Accuracy,
    Count,
}

#[derive(Debug, Clone)]
enum Source {
    Meta(Meta),
    Answer {
        field: String,
        part: Part,
        list: Option<String>,
        identity: bool,
    },
}

/// The columns of one table.
pub struct Columns {
    pub table: Table,
    headers: Vec<String>,
    sources: Vec<Source>,
}

/// How identity numbers appear.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Identities {
    Masked,
    Full,
}

impl Columns {
    /// The columns of `table` for every version of its form, newest first
    /// (the household form for members).
    pub fn new(table: Table, versions: &[&FormDef]) -> Self {
        let mut columns = Columns {
            table,
            headers: Vec::new(),
            sources: Vec::new(),
        };
        let meta: &[(&str, Meta)] = match table {
            Table::Members => &[("household_id", Meta::HouseholdId), ("row", Meta::Row)],
            _ => &[
                ("id", Meta::Id),
                ("kelurahan", Meta::Kelurahan),
                ("rw", Meta::Rw),
                ("rt", Meta::Rt),
                ("volunteer", Meta::Volunteer),
                ("review_state", Meta::ReviewState),
                ("updated", Meta::Updated),
                ("flags", Meta::Flags),
            ],
        };
        for (header, m) in meta {
            columns.push(header, Source::Meta(*m));
        }
        // A field keeps the columns of the newest version that has it.
        let mut seen = BTreeSet::new();
        for form in versions {
            for field in table_fields(table, form) {
                if seen.insert(field.id.as_str()) {
                    columns.add_field(field);
                }
            }
        }
        if table == Table::Households {
            columns.push("notice_version", Source::Meta(Meta::NoticeVersion));
            columns.push("consent_at", Source::Meta(Meta::ConsentAt));
        }
        columns
    }

    fn push(&mut self, header: &str, source: Source) {
        self.headers.push(header.to_owned());
        self.sources.push(source);
    }

    fn add_field(&mut self, field: &Field) {
        let answer = |part, list: Option<&String>| Source::Answer {
            field: field.id.clone(),
            part,
            list: list.cloned(),
            identity: matches!(field.kind, FieldKind::Nik { .. } | FieldKind::NoKk),
        };
        let id = field.id.as_str();
        match &field.kind {
            FieldKind::Single { list } | FieldKind::Multi { list, .. } => {
                self.push(id, answer(Part::Value, Some(list)));
                self.push(&format!("{id}_label"), answer(Part::Label, Some(list)));
            }
            FieldKind::YesNo | FieldKind::Nik { .. } => {
                self.push(id, answer(Part::Value, None));
                self.push(&format!("{id}_label"), answer(Part::Label, None));
            }
            FieldKind::Gps => {
                self.push(&format!("{id}_lat"), answer(Part::Lat, None));
                self.push(&format!("{id}_lon"), answer(Part::Lon, None));
                self.push(&format!("{id}_accuracy_m"), answer(Part::Accuracy, None));
            }
            FieldKind::Photo { .. } | FieldKind::Group { .. } => {
                self.push(&format!("{id}_count"), answer(Part::Count, None));
            }
            _ => self.push(id, answer(Part::Value, None)),
        }
    }

    pub fn headers(&self) -> &[String] {
        &self.headers
    }

    /// One row. `row` names the member row for the members table.
    pub fn row(
        &self,
        item: &ListItem,
        answers: &Answers,
        row: Option<&str>,
        catalog: &Catalog,
        identities: Identities,
    ) -> Vec<Cell> {
        let text = |s: &str| Cell::Text(s.to_owned());
        self.sources
            .iter()
            .map(|source| match source {
                Source::Meta(meta) => match meta {
                    Meta::Id | Meta::HouseholdId => text(&item.id),
                    Meta::Row => text(row.unwrap_or_default()),
                    Meta::Kelurahan => text(item.area.split('/').next().unwrap_or_default()),
                    Meta::Rw => Cell::Number(f64::from(item.rw)),
                    Meta::Rt => Cell::Number(f64::from(item.rt)),
                    Meta::Volunteer => text(&item.volunteer),
                    Meta::ReviewState => text(item.review_state.as_str()),
                    Meta::Updated => text(&wib_time(item.updated_ms)),
                    Meta::Flags => text(
                        &item
                            .flags
                            .iter()
                            .map(|f| f.as_str())
                            .collect::<Vec<_>>()
                            .join(" "),
                    ),
                    Meta::NoticeVersion => match answers.get(consent::NOTICE_VERSION) {
                        Some(Value::Number(n)) => Cell::Number(*n),
                        _ => text(""),
                    },
                    Meta::ConsentAt => match answers.get(consent::CONSENT_AT) {
                        Some(Value::Number(ms)) => text(&wib_time(*ms as i64)),
                        _ => text(""),
                    },
                },
                Source::Answer {
                    field,
                    part,
                    list,
                    identity,
                } => {
                    let path = match row {
                        Some(row) => format!("members/{row}/{field}"),
                        None => field.clone(),
                    };
                    let label = |code: &str| {
                        list.as_deref()
                            .and_then(|l| catalog.code(&item.form_id, l, code))
                            .map_or(String::new(), |c| c.label.id.clone())
                    };
                    cell(
                        answers.get(&path),
                        *part,
                        &label,
                        *identity && identities == Identities::Masked,
                    )
                }
            })
            .collect()
    }
}

/// The fields of one version that `table` has a column for.
fn table_fields(table: Table, form: &FormDef) -> Vec<&Field> {
    match table {
        Table::Members => form
            .field("members")
            .and_then(|group| match &group.kind {
                FieldKind::Group { fields, .. } => Some(fields.iter().collect()),
                _ => None,
            })
            .unwrap_or_default(),
        _ => form.sections.iter().flat_map(|s| &s.fields).collect(),
    }
}

fn cell(value: Option<&Value>, part: Part, label: &dyn Fn(&str) -> String, mask: bool) -> Cell {
    let text = |s: String| Cell::Text(s);
    match (value, part) {
        (None, _) => Cell::Empty,
        (Some(Value::Text(s)), Part::Value) if mask => text(masked(s)),
        (Some(Value::Text(s) | Value::Date(s) | Value::Choice(s)), Part::Value) => text(s.clone()),
        (Some(Value::Choice(code)), Part::Label) => text(label(code)),
        (Some(Value::Choices(codes)), Part::Value) => text(codes.join(";")),
        (Some(Value::Choices(codes)), Part::Label) => text(
            codes
                .iter()
                .map(|c| label(c))
                .collect::<Vec<_>>()
                .join("; "),
        ),
        (Some(Value::Number(n)), Part::Value) => Cell::Number(*n),
        (Some(Value::Bool(b)), Part::Value) => Cell::Number(if *b { 1.0 } else { 0.0 }),
        (Some(Value::Bool(b)), Part::Label) => text(if *b { "Ya" } else { "Tidak" }.into()),
        (Some(Value::Absent), Part::Label) => text("Belum punya NIK".into()),
        (Some(Value::Text(_)), Part::Label) => Cell::Empty,
        (Some(Value::Gps(p)), Part::Lat) => Cell::Number(p.lat),
        (Some(Value::Gps(p)), Part::Lon) => Cell::Number(p.lon),
        (Some(Value::Gps(p)), Part::Accuracy) => Cell::Number(p.accuracy),
        (Some(Value::Photos(v) | Value::Rows(v)), Part::Count) => Cell::Number(v.len() as f64),
        _ => Cell::Empty,
    }
}

/// A NIK or No. KK as the app shows them everywhere (the identity types'
/// `Display`: the region, then stars); anything malformed is all stars.
pub fn masked(number: &str) -> String {
    Nik::parse(number)
        .map(|nik| nik.to_string())
        .or_else(|_| NoKk::parse(number).map(|kk| kk.to_string()))
        .unwrap_or_else(|_| "*".repeat(number.chars().count()))
}

/// `2026-11-28 14:05` in WIB (UTC+7).
pub fn wib_time(ms: i64) -> String {
    let format = time::macros::format_description!("[year]-[month]-[day] [hour]:[minute]");
    time::OffsetDateTime::from_unix_timestamp(ms.div_euclid(1000))
        .map(|t| t.to_offset(time::macros::offset!(+7)))
        .ok()
        .and_then(|t| t.format(&format).ok())
        .unwrap_or_default()
}

#[cfg(test)]
mod tests {
    use super::*;
    use rukun_core::fixtures::household_answers;
    use rukun_core::forms::catalog;
    use rukun_core::review::ReviewState;

    fn item() -> ListItem {
        ListItem {
            id: "h1".into(),
            form_id: "household".into(),
            area: "35.76.02.1010/01/03".into(),
            rw: 1,
            rt: 3,
            volunteer: "relawan".into(),
            review_state: ReviewState::Approved,
            updated_ms: 1_764_300_000_000,
            visit_result: Some("1".into()),
            category: None,
            condition: None,
            title: String::new(),
            members: 2,
            flags: vec![],
            point: None,
        }
    }

    fn column<'a>(columns: &Columns, cells: &'a [Cell], header: &str) -> &'a Cell {
        let at = columns.headers().iter().position(|h| h == header).unwrap();
        &cells[at]
    }

    #[test]
    fn households_have_codes_labels_and_masked_identities() {
        let forms = catalog();
        let form = forms.latest("household").unwrap();
        let columns = Columns::new(Table::Households, &[form]);
        let mut answers = household_answers(1, 2);
        answers.insert(consent::NOTICE_VERSION.into(), Value::Number(2.0));
        // 2026-11-28 18:30 UTC is the 29th, 01:30, in Mojokerto.
        answers.insert(
            consent::CONSENT_AT.into(),
            Value::Number(1_795_890_600_000.0),
        );
        let cells = columns.row(&item(), &answers, None, &forms, Identities::Masked);
        assert_eq!(cells.len(), columns.headers().len());
        assert_eq!(
            column(&columns, &cells, "notice_version"),
            &Cell::Number(2.0)
        );
        assert!(matches!(column(&columns, &cells, "consent_at"),
            Cell::Text(t) if t.starts_with("2026-11-29 01:30")));
        let kk = match answers.get("no_kk") {
            Some(Value::Text(kk)) => kk.clone(),
            _ => unreachable!(),
        };
        assert_eq!(
            column(&columns, &cells, "no_kk"),
            &Cell::Text(format!("{}**********", &kk[..6]))
        );
        assert_eq!(masked("12345"), "*****", "malformed: nothing shown");
        assert_eq!(
            column(&columns, &cells, "visit_result"),
            &Cell::Text("1".into())
        );
        assert_eq!(
            column(&columns, &cells, "visit_result_label"),
            &Cell::Text("Terisi lengkap".into())
        );
        assert_eq!(column(&columns, &cells, "gps_lat"), &Cell::Number(-7.4721));
        assert_eq!(
            column(&columns, &cells, "members_count"),
            &Cell::Number(2.0)
        );
        assert_eq!(column(&columns, &cells, "rt"), &Cell::Number(3.0));
        let full = columns.row(&item(), &answers, None, &forms, Identities::Full);
        assert_eq!(column(&columns, &full, "no_kk"), &Cell::Text(kk));
    }

    #[test]
    fn members_are_keyed_by_household() {
        let forms = catalog();
        let form = forms.latest("household").unwrap();
        let columns = Columns::new(Table::Members, &[form]);
        assert_eq!(&columns.headers()[..2], ["household_id", "row"]);
        let answers = household_answers(1, 2);
        let cells = columns.row(&item(), &answers, Some("m1"), &forms, Identities::Masked);
        assert_eq!(
            column(&columns, &cells, "household_id"),
            &Cell::Text("h1".into())
        );
        assert_eq!(
            column(&columns, &cells, "sex_label"),
            &Cell::Text("Perempuan".into())
        );
        match column(&columns, &cells, "nik") {
            Cell::Text(nik) => assert!(nik.ends_with("**********") && nik.len() == 16, "{nik}"),
            other => panic!("{other:?}"),
        }
    }

    #[test]
    fn columns_span_every_version_newest_order_first() {
        let v1 = catalog().latest("household").unwrap().clone();
        let mut v2 = v1.clone();
        v2.version = 2;
        let visit = &mut v2.sections[0].fields;
        let house_number = visit.iter().position(|f| f.id == "house_number").unwrap();
        let mut vehicles = visit.remove(house_number);
        vehicles.id = "vehicles".into();
        visit.insert(0, vehicles);
        let columns = Columns::new(Table::Households, &[&v2, &v1]);
        let headers = columns.headers();
        let at = |h: &str| headers.iter().position(|x| x == h).unwrap();
        // v2's own order: its new question first among the answers...
        assert_eq!(at("vehicles"), at("flags") + 1);
        // ... then what only v1 has, once, before the consent's record.
        assert_eq!(at("house_number") + 1, at("notice_version"));
        assert_eq!(headers.last().map(String::as_str), Some("consent_at"));
        assert_eq!(headers.iter().filter(|h| *h == "house_number").count(), 1);
        let only_v1 = Columns::new(Table::Households, &[&v1]);
        assert_eq!(headers.len(), only_v1.headers().len() + 1);
    }

    #[test]
    fn times_are_written_in_wib() {
        assert_eq!(wib_time(0), "1970-01-01 07:00");
    }
}
