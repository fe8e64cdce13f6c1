//! Checking a record's answers against its form: the one validator the PWA
//! runs while the volunteer types and the server runs on every submission.

use std::collections::BTreeSet;

use super::answers::{is_answered, Answers, Value};
use super::asked::asked_fields;
use super::condition::Scope;
use super::dates::parse_date;
use super::definition::{Field, FieldKind, FormDef};
use super::problem::{Issue, Problem, Severity};
use crate::identity::{Nik, NoKk, Sex};

/// What validation needs besides the answers.
pub struct Context<'a> {
    /// The reference date for "not in the future" and ages.
    pub today: time::Date,
    /// NIKs recorded in other households on this device (or, on the
    /// server, in the area), for the duplicate warning.
    pub other_niks: &'a BTreeSet<String>,
}

/// Every issue with the answers; empty when the record may be completed
/// without warnings.
pub fn validate(form: &FormDef, answers: &Answers, ctx: &Context) -> Vec<Issue> {
    let mut out = Vec::new();
    // NIKs seen so far in each group, for the "same NIK twice" warning.
    let mut seen_niks = BTreeSet::new();
    for asked in asked_fields(form, answers, ctx.today) {
        check_field(form, asked.field, &asked.path, &asked.scope, ctx, &mut out);
        let (FieldKind::Nik { .. }, Some(Value::Text(text))) =
            (&asked.field.kind, answers.get(&asked.path))
        else {
            continue;
        };
        let Ok(nik) = Nik::parse(text) else { continue };
        let group = asked.scope.row.map(|(g, _)| g.id.as_str());
        if !seen_niks.insert((group, nik.as_str().to_owned())) {
            out.push(warning(&asked.path, Problem::NikRepeatedInHousehold));
        }
        if ctx.other_niks.contains(nik.as_str()) {
            out.push(warning(&asked.path, Problem::NikInOtherHousehold));
        }
    }
    out
}

/// Whether any issue is an error (the record must stay a draft).
pub fn has_errors(issues: &[Issue]) -> bool {
    issues.iter().any(|i| i.severity == Severity::Error)
}

fn error(path: &str, problem: Problem) -> Issue {
    Issue {
        path: path.to_owned(),
        severity: Severity::Error,
        problem,
    }
}

fn warning(path: &str, problem: Problem) -> Issue {
    Issue {
        path: path.to_owned(),
        severity: Severity::Warning,
        problem,
    }
}

fn check_field(
    form: &FormDef,
    field: &Field,
    path: &str,
    scope: &Scope,
    ctx: &Context,
    out: &mut Vec<Issue>,
) {
    let value = scope.answers.get(path);
    if !is_answered(value) {
        match field.kind {
            FieldKind::Group { min, .. } if min > 0 => {
                out.push(error(path, Problem::TooFewRows { min }))
            }
            _ if field.required => out.push(error(path, Problem::Required)),
            _ => {}
        }
        return;
    }
    let value = value.expect("answered");
    if let Some(problem) = check_value(form, field, value, scope) {
        out.push(problem_issue(path, problem));
    } else if let Some(constraint) = &field.constraint {
        if !constraint.rule.holds(scope) {
            let message = constraint.message.clone();
            out.push(error(path, Problem::Constraint { message }));
        }
    }
    for problem in soft_checks(field, value, scope, ctx) {
        out.push(warning(path, problem));
    }
}

/// Warnings are the problems that never block completion.
fn problem_issue(path: &str, problem: Problem) -> Issue {
    match problem {
        Problem::ManyRows { .. } | Problem::NoGps => warning(path, problem),
        _ => error(path, problem),
    }
}

/// The hard rule a value breaks, if any.
fn check_value(form: &FormDef, field: &Field, value: &Value, scope: &Scope) -> Option<Problem> {
    match (&field.kind, value) {
        (FieldKind::Text { max_len, .. }, Value::Text(text)) => {
            (text.chars().count() > *max_len).then_some(Problem::TooLong { max: *max_len })
        }
        (FieldKind::Number { min, max, integer }, Value::Number(n)) => {
            if !n.is_finite() || n < min || n > max {
                Some(Problem::OutOfRange {
                    min: *min,
                    max: *max,
                })
            } else if *integer && n.fract() != 0.0 {
                Some(Problem::NotInteger)
            } else {
                None
            }
        }
        (FieldKind::Number { .. }, Value::Text(_)) => Some(Problem::NotANumber),
        (FieldKind::Date { past_only }, Value::Date(text)) => match parse_date(text) {
            None => Some(Problem::BadDate),
            Some(date) if *past_only && date > scope.today => Some(Problem::FutureDate),
            Some(_) => None,
        },
        (FieldKind::Single { list }, Value::Choice(code)) => {
            let known = form.list(list).is_some_and(|l| l.get(code).is_some());
            (!known).then_some(Problem::UnknownCode)
        }
        (FieldKind::Multi { list, exclusive }, Value::Choices(codes)) => {
            let list = form.list(list);
            if codes
                .iter()
                .any(|c| list.is_none_or(|l| l.get(c).is_none()))
            {
                Some(Problem::UnknownCode)
            } else if codes.len() > 1 && codes.iter().any(|c| exclusive.contains(c)) {
                Some(Problem::ExclusiveCombined)
            } else {
                None
            }
        }
        (FieldKind::YesNo, Value::Bool(_)) => None,
        (FieldKind::Gps, Value::Gps(p)) => {
            let valid = (-90.0..=90.0).contains(&p.lat)
                && (-180.0..=180.0).contains(&p.lon)
                && p.accuracy >= 0.0;
            (!valid).then_some(Problem::WrongType)
        }
        (FieldKind::Gps, Value::Absent) => Some(Problem::NoGps),
        (FieldKind::Photo { min, max }, Value::Photos(ids)) => {
            if ids.len() < usize::from(*min) {
                Some(Problem::TooFewPhotos { min: *min })
            } else if ids.len() > usize::from(*max) {
                Some(Problem::TooManyPhotos { max: *max })
            } else {
                None
            }
        }
        (FieldKind::Nik { .. }, Value::Absent) => None,
        (FieldKind::Nik { .. }, Value::Text(text)) => Nik::parse(text)
            .err()
            .map(|error| Problem::Identity { error }),
        (FieldKind::NoKk, Value::Text(text)) => NoKk::parse(text)
            .err()
            .map(|error| Problem::Identity { error }),
        (FieldKind::Group { min, usual_max, .. }, Value::Rows(rows)) => {
            if rows.len() < usize::from(*min) {
                Some(Problem::TooFewRows { min: *min })
            } else if rows.len() > usize::from(*usual_max) {
                Some(Problem::ManyRows {
                    usual_max: *usual_max,
                })
            } else {
                None
            }
        }
        _ => Some(Problem::WrongType),
    }
}

/// Warnings about a valid value: what the NIK or No. KK implies disagrees
/// with other answers.
fn soft_checks(field: &Field, value: &Value, scope: &Scope, ctx: &Context) -> Vec<Problem> {
    let mut out = Vec::new();
    match (&field.kind, value) {
        (
            FieldKind::Nik {
                sex_field,
                birth_date_field,
            },
            Value::Text(text),
        ) => {
            let Ok(nik) = Nik::parse(text) else {
                return out;
            };
            if let Some(Value::Choice(code)) = scope.value(sex_field) {
                if Sex::from_code(code).is_some_and(|sex| sex != nik.sex()) {
                    out.push(Problem::NikSexDiffers);
                }
            }
            if let Some(Value::Date(text)) = scope.value(birth_date_field) {
                if parse_date(text).is_some_and(|date| !nik.birth_date_matches(date)) {
                    out.push(Problem::NikBirthDateDiffers);
                }
            }
        }
        (FieldKind::NoKk, Value::Text(text))
            if NoKk::parse(text).is_ok_and(|kk| !kk.issued_by(ctx.today)) =>
        {
            out.push(Problem::KkIssuedInFuture);
        }
        _ => {}
    }
    out
}
