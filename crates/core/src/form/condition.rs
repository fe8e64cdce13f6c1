//! Show-only-if rules ("skip logic"), evaluated against a record's answers.

use serde::{Deserialize, Serialize};

use super::answers::{row_path, Answers, Value};
use super::dates::{age_on, parse_date};
use super::definition::Field;

/// When a section or field is asked. Field ids inside a group's rows refer
/// to the same row first, then to top-level fields.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case", deny_unknown_fields)]
pub enum Condition {
    /// A choice is this code (or one of several chosen codes is), or a
    /// yes/no field is `"yes"`/`"no"`.
    Is {
        field: String,
        value: String,
    },
    IsAnyOf {
        field: String,
        values: Vec<String>,
    },
    /// The age in whole years on the reference date, from a date of birth.
    AgeBetween {
        field: String,
        min: u16,
        max: u16,
    },
    /// A number answer lies within `min..=max` (for constraints such as
    /// "at most 20 vehicles", and for skip logic).
    Between {
        field: String,
        min: f64,
        max: f64,
    },
    All(Vec<Condition>),
    Any(Vec<Condition>),
    Not(Box<Condition>),
}

/// Where a condition is evaluated: the answers, the row (if inside a group)
/// and the date ages are computed on.
#[derive(Clone, Copy)]
pub struct Scope<'a> {
    pub answers: &'a Answers,
    pub row: Option<(&'a Field, &'a str)>,
    pub today: time::Date,
}

impl Scope<'_> {
    /// The value a field id refers to from this scope.
    pub fn value(&self, field: &str) -> Option<&Value> {
        if let Some((group, row)) = self.row {
            if group.row_field(field).is_some() {
                return self.answers.get(&row_path(&group.id, row, field));
            }
        }
        self.answers.get(field)
    }
}

impl Condition {
    pub fn holds(&self, scope: &Scope) -> bool {
        match self {
            Condition::Is { field, value } => matches(scope.value(field), value),
            Condition::IsAnyOf { field, values } => {
                values.iter().any(|v| matches(scope.value(field), v))
            }
            Condition::AgeBetween { field, min, max } => match scope.value(field) {
                Some(Value::Date(text)) => parse_date(text)
                    .and_then(|birth| age_on(birth, scope.today))
                    .is_some_and(|age| (*min..=*max).contains(&age)),
                _ => false,
            },
            Condition::Between { field, min, max } => match scope.value(field) {
                Some(Value::Number(n)) => (*min..=*max).contains(n),
                _ => false,
            },
            Condition::All(all) => all.iter().all(|c| c.holds(scope)),
            Condition::Any(any) => any.iter().any(|c| c.holds(scope)),
            Condition::Not(not) => !not.holds(scope),
        }
    }

    /// Every field id this condition reads (for checking definitions).
    pub fn fields(&self) -> Vec<&str> {
        match self {
            Condition::Is { field, .. }
            | Condition::IsAnyOf { field, .. }
            | Condition::AgeBetween { field, .. }
            | Condition::Between { field, .. } => vec![field],
            Condition::All(list) | Condition::Any(list) => {
                list.iter().flat_map(|c| c.fields()).collect()
            }
            Condition::Not(inner) => inner.fields(),
        }
    }

    /// Every (field, code) pair this condition compares with.
    pub fn compared_codes(&self) -> Vec<(&str, &str)> {
        match self {
            Condition::Is { field, value } => vec![(field, value)],
            Condition::IsAnyOf { field, values } => values
                .iter()
                .map(|v| (field.as_str(), v.as_str()))
                .collect(),
            Condition::AgeBetween { .. } | Condition::Between { .. } => vec![],
            Condition::All(list) | Condition::Any(list) => {
                list.iter().flat_map(|c| c.compared_codes()).collect()
            }
            Condition::Not(inner) => inner.compared_codes(),
        }
    }
}

fn matches(answer: Option<&Value>, expected: &str) -> bool {
    match answer {
        Some(Value::Choice(code)) => code == expected,
        Some(Value::Choices(codes)) => codes.iter().any(|c| c == expected),
        Some(Value::Bool(yes)) => expected == if *yes { "yes" } else { "no" },
        _ => false,
    }
}
