//! Exports for the city: CSV (households; members keyed by household;
//! infrastructure), XLSX (one sheet per table, written in constant memory)
//! and GeoJSON (points, no personal data). Records arrive one at a time
//! from the store and are written as they come.

mod columns;

use std::sync::Arc;

use rukun_core::console::ListItem;
use rukun_core::form::{Answers, Catalog};
use rust_xlsxwriter::{Workbook, XlsxError};
use serde_json::json;

pub use columns::{masked, wib_time, Cell, Columns, Identities, Table};

/// The most rows a worksheet holds (Excel's limit, header included).
const XLSX_MAX_ROWS: u32 = 1_048_576;

/// A file the API offers.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    HouseholdsCsv,
    MembersCsv,
    InfrastructureCsv,
    Xlsx,
    GeoJson,
}

impl Format {
    pub fn parse(file: &str) -> Option<Format> {
        Some(match file {
            "households.csv" => Format::HouseholdsCsv,
            "members.csv" => Format::MembersCsv,
            "infrastructure.csv" => Format::InfrastructureCsv,
            "survey.xlsx" => Format::Xlsx,
            "points.geojson" => Format::GeoJson,
            _ => return None,
        })
    }

    pub fn file_name(self) -> &'static str {
        match self {
            Format::HouseholdsCsv => "households.csv",
            Format::MembersCsv => "members.csv",
            Format::InfrastructureCsv => "infrastructure.csv",
            Format::Xlsx => "survey.xlsx",
            Format::GeoJson => "points.geojson",
        }
    }

    pub fn content_type(self) -> &'static str {
        match self {
            Format::Xlsx => "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
            Format::GeoJson => "application/geo+json",
            _ => "text/csv; charset=utf-8",
        }
    }

    /// The forms whose records go into the file, in order.
    pub fn forms(self) -> &'static [&'static str] {
        match self {
            Format::HouseholdsCsv | Format::MembersCsv => &["household"],
            Format::InfrastructureCsv => &["infrastructure"],
            Format::Xlsx | Format::GeoJson => &["household", "infrastructure"],
        }
    }

    fn tables(self) -> &'static [Table] {
        match self {
            Format::HouseholdsCsv => &[Table::Households],
            Format::MembersCsv => &[Table::Members],
            Format::InfrastructureCsv => &[Table::Infrastructure],
            Format::Xlsx => &[Table::Households, Table::Members, Table::Infrastructure],
            Format::GeoJson => &[],
        }
    }
}

enum Sink {
    Csv(Box<csv::Writer<Vec<u8>>>),
    /// The workbook and the next row of each sheet.
    Xlsx(Box<Workbook>, Vec<u32>),
    GeoJson {
        out: Vec<u8>,
        features: u64,
    },
}

/// Why an export failed.
#[derive(Debug)]
pub enum ExportError {
    /// More rows than the format holds (the message says what to use).
    TooLarge(String),
    Failed(String),
}

impl From<String> for ExportError {
    fn from(message: String) -> Self {
        ExportError::Failed(message)
    }
}

/// Writes one file as records arrive; the first error stops it.
pub struct Exporter {
    catalog: Arc<Catalog>,
    identities: Identities,
    tables: Vec<Columns>,
    sink: Sink,
    records: u64,
    error: Option<ExportError>,
}

impl Exporter {
    /// An export of `format` laid out from every published version of its
    /// forms in `catalog`.
    pub fn new(
        format: Format,
        identities: Identities,
        catalog: Arc<Catalog>,
    ) -> Result<Self, String> {
        let tables: Vec<Columns> = format
            .tables()
            .iter()
            .map(|&table| {
                let form = match table {
                    Table::Infrastructure => "infrastructure",
                    _ => "household",
                };
                let mut versions = catalog.versions(form);
                if versions.is_empty() {
                    return Err(format!("form {form} is not published"));
                }
                versions.reverse();
                Ok(Columns::new(table, &versions))
            })
            .collect::<Result<_, String>>()?;
        let sink = match format {
            Format::Xlsx => {
                let mut workbook = Workbook::new();
                let mut next_rows = Vec::new();
                for columns in &tables {
                    let sheet = workbook.add_worksheet_with_constant_memory();
                    sheet
                        .set_name(columns.table.sheet_name())
                        .map_err(|e| e.to_string())?;
                    for (col, header) in columns.headers().iter().enumerate() {
                        sheet
                            .write_string(0, col as u16, header)
                            .map_err(|e| e.to_string())?;
                    }
                    next_rows.push(1);
                }
                Sink::Xlsx(Box::new(workbook), next_rows)
            }
            Format::GeoJson => Sink::GeoJson {
                out: br#"{"type":"FeatureCollection","features":["#.to_vec(),
                features: 0,
            },
            _ => {
                let mut writer = csv::Writer::from_writer(Vec::new());
                writer
                    .write_record(tables[0].headers())
                    .map_err(|e| e.to_string())?;
                Sink::Csv(Box::new(writer))
            }
        };
        Ok(Exporter {
            catalog,
            identities,
            tables,
            sink,
            records: 0,
            error: None,
        })
    }

    /// Records written so far.
    pub fn records(&self) -> u64 {
        self.records
    }

    /// Adds one record (households also add their members).
    pub fn add(&mut self, item: &ListItem, answers: &Answers) {
        if self.error.is_some() {
            return;
        }
        if let Err(error) = self.write(item, answers) {
            self.error = Some(error);
        }
        self.records += 1;
    }

    fn write(&mut self, item: &ListItem, answers: &Answers) -> Result<(), ExportError> {
        if let Sink::GeoJson { out, features } = &mut self.sink {
            return Ok(write_feature(out, features, item, &self.catalog)?);
        }
        let member_rows = rukun_core::form::rows(answers, "members").to_vec();
        for (index, columns) in self.tables.iter().enumerate() {
            let rows: Vec<Option<&str>> = match (columns.table, item.form_id.as_str()) {
                (Table::Households, "household") | (Table::Infrastructure, "infrastructure") => {
                    vec![None]
                }
                (Table::Members, "household") => {
                    member_rows.iter().map(|r| Some(r.as_str())).collect()
                }
                _ => continue,
            };
            for row in rows {
                let cells = columns.row(item, answers, row, &self.catalog, self.identities);
                match &mut self.sink {
                    Sink::Csv(writer) => writer
                        .write_record(cells.iter().map(cell_text))
                        .map_err(|e| e.to_string())?,
                    Sink::Xlsx(workbook, next_rows) => {
                        let at = next_rows[index];
                        if at >= XLSX_MAX_ROWS {
                            return Err(ExportError::TooLarge(format!(
                                "Lembar {} melebihi {XLSX_MAX_ROWS} baris; pakai CSV. / Sheet {} exceeds {XLSX_MAX_ROWS} rows; use CSV.",
                                columns.table.sheet_name(),
                                columns.table.sheet_name()
                            )));
                        }
                        let sheet = workbook
                            .worksheet_from_index(index)
                            .map_err(|e| e.to_string())?;
                        write_xlsx_row(sheet, at, &cells).map_err(|e| e.to_string())?;
                        next_rows[index] = at + 1;
                    }
                    Sink::GeoJson { .. } => unreachable!("handled above"),
                }
            }
        }
        Ok(())
    }

    /// The file's bytes, or the first error.
    pub fn finish(self) -> Result<Vec<u8>, ExportError> {
        if let Some(error) = self.error {
            return Err(error);
        }
        match self.sink {
            Sink::Csv(writer) => writer
                .into_inner()
                .map_err(|e| ExportError::Failed(e.to_string())),
            Sink::Xlsx(mut workbook, _) => workbook
                .save_to_buffer()
                .map_err(|e| ExportError::Failed(e.to_string())),
            Sink::GeoJson { mut out, .. } => {
                out.extend_from_slice(b"]}");
                Ok(out)
            }
        }
    }
}

fn cell_text(cell: &Cell) -> String {
    match cell {
        Cell::Empty => String::new(),
        Cell::Text(text) => neutralised(text),
        Cell::Number(n) => n.to_string(),
    }
}

/// A text cell a spreadsheet will not run (OWASP's CSV injection rule): one
/// that starts with `=`, `+`, `-`, `@`, a tab or a carriage return and is
/// not a plain number gets a leading `'`, which spreadsheets show as text.
fn neutralised(text: &str) -> String {
    let risky = text.starts_with(['=', '+', '-', '@', '\t', '\r']);
    if risky && text.trim().parse::<f64>().is_err() {
        format!("'{text}")
    } else {
        text.to_owned()
    }
}

fn write_xlsx_row(
    sheet: &mut rust_xlsxwriter::Worksheet,
    row: u32,
    cells: &[Cell],
) -> Result<(), XlsxError> {
    for (col, cell) in cells.iter().enumerate() {
        let col = col as u16;
        match cell {
            Cell::Empty => {}
            // Always a string cell: XLSX never turns it into a formula.
            Cell::Text(text) => {
                sheet.write_string(row, col, text)?;
            }
            Cell::Number(n) => {
                sheet.write_number(row, col, *n)?;
            }
        }
    }
    Ok(())
}

/// A record's point with codes and labels, nothing personal: no names, no
/// identity numbers, no answers beyond what a map needs.
fn write_feature(
    out: &mut Vec<u8>,
    features: &mut u64,
    item: &ListItem,
    catalog: &Catalog,
) -> Result<(), String> {
    let Some([lat, lon]) = item.point else {
        return Ok(());
    };
    let label = |list: &str, code: &Option<String>| {
        code.as_deref()
            .and_then(|c| catalog.code(&item.form_id, list, c))
            .map(|c| c.label.id.clone())
    };
    let feature = json!({
        "type": "Feature",
        "geometry": { "type": "Point", "coordinates": [lon, lat] },
        "properties": {
            "id": item.id,
            "form": item.form_id,
            "kelurahan": item.area.split('/').next(),
            "rw": item.rw,
            "rt": item.rt,
            "review_state": item.review_state.as_str(),
            "visit_result": item.visit_result,
            "visit_result_label": label("visit_result", &item.visit_result),
            "category": item.category,
            "category_label": label("infra_category", &item.category),
            "condition": item.condition,
            "condition_label": label("condition", &item.condition),
            "flags": item.flags.iter().map(|f| f.as_str()).collect::<Vec<_>>(),
        }
    });
    if *features > 0 {
        out.push(b',');
    }
    serde_json::to_writer(&mut *out, &feature).map_err(|e| e.to_string())?;
    *features += 1;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::neutralised;

    #[test]
    fn formulas_are_neutralised_and_numbers_kept() {
        assert_eq!(
            neutralised("=HYPERLINK(\"http://x\",\"klik\")"),
            "'=HYPERLINK(\"http://x\",\"klik\")"
        );
        assert_eq!(neutralised("+1+2"), "'+1+2");
        assert_eq!(neutralised("@SUM(A1)"), "'@SUM(A1)");
        assert_eq!(neutralised("\tcmd"), "'\tcmd");
        assert_eq!(neutralised("\r=1"), "'\r=1");
        assert_eq!(neutralised("-cmd|' /C calc'!A0"), "'-cmd|' /C calc'!A0");
        assert_eq!(neutralised("-7.47"), "-7.47");
        assert_eq!(neutralised("+62"), "+62");
        assert_eq!(neutralised("Jl. Empunala"), "Jl. Empunala");
    }
}
