//! The list's view of a record: title, detail line, search text and NIKs.

use rukun_core::form::{display, row_path, rows, Answers, FieldKind, FormDef, Text, Value};

use crate::storage::{StoredRecord, Summary, SummaryText};

pub fn summarize(record: &StoredRecord, form: &FormDef, answers: &Answers) -> Summary {
    let shown = |id: &str| -> Option<Text> {
        let field = form.field(id)?;
        let value = answers.get(id)?;
        display(&field.kind, value, form).filter(|t| !t.id.trim().is_empty())
    };
    let title = form
        .listing
        .title
        .iter()
        .find_map(|id| shown(id))
        .unwrap_or_else(|| form.title.clone());
    let details: Vec<Text> = form
        .listing
        .detail
        .iter()
        .filter_map(|id| shown(id))
        .collect();
    let join = |pick: fn(&Text) -> &str| details.iter().map(pick).collect::<Vec<_>>().join(" · ");
    let detail = Text {
        id: join(|t| &t.id),
        en: join(|t| &t.en),
    };
    let extra: Vec<String> = form
        .listing
        .search
        .iter()
        .filter_map(|id| shown(id))
        .map(|t| t.id)
        .collect();
    let search = format!("{} {} {}", title.id, detail.id, extra.join(" ")).to_lowercase();
    Summary {
        id: record.id.clone(),
        form_id: record.form_id.clone(),
        area: record.area.clone(),
        status: record.status,
        editing: record.content.completed.is_some() && record.content.draft.is_some(),
        updated_ms: record.updated_ms,
        warnings: record.content.warnings.len() as u32,
        text: SummaryText {
            title,
            detail,
            search,
            niks: niks(form, answers),
            sync_note: record.content.sync_note.clone(),
        },
    }
}

/// The list's view of a record whose form version cannot be read yet: it
/// says so, and which version it needs.
pub fn stand_in(record: &StoredRecord) -> Summary {
    let (form, version) = (&record.form_id, record.form_version);
    let title = Text {
        id: format!("Formulir {form} versi {version}"),
        en: format!("Form {form} version {version}"),
    };
    let detail = Text::new(
        "Belum dapat ditampilkan di aplikasi ini; catatan tetap tersimpan.",
        "This app cannot show it yet; the record is kept.",
    );
    Summary {
        id: record.id.clone(),
        form_id: record.form_id.clone(),
        area: record.area.clone(),
        status: record.status,
        editing: false,
        updated_ms: record.updated_ms,
        warnings: 0,
        text: SummaryText {
            search: title.id.to_lowercase(),
            title,
            detail,
            niks: vec![],
            sync_note: record.content.sync_note.clone(),
        },
    }
}

fn niks(form: &FormDef, answers: &Answers) -> Vec<String> {
    let mut out = Vec::new();
    for (group, field) in form.all_fields() {
        if !matches!(field.kind, FieldKind::Nik { .. }) {
            continue;
        }
        let paths: Vec<String> = match group {
            Some(g) => rows(answers, &g.id)
                .iter()
                .map(|r| row_path(&g.id, r, &field.id))
                .collect(),
            None => vec![field.id.clone()],
        };
        out.extend(paths.iter().filter_map(|p| match answers.get(p) {
            Some(Value::Text(t)) => Some(t.chars().filter(|c| !c.is_whitespace()).collect()),
            _ => None,
        }));
    }
    out
}
