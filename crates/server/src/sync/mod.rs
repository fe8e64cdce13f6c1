//! The sync service: protocol and size checks, scope per role, validation
//! against the very form definitions the PWA renders, then the store's merge.

mod scope;

use rukun_core::account::{Account, Role};
use rukun_core::form::{has_errors, validate, Answers, Context, Lang, Severity, Text};
use rukun_core::quality::{facts, RecordFacts};
use rukun_core::sync::{
    answers_shape_problem, is_record_id, record_size_problem, shape_problem, Mutation, PullQuery,
    PullResponse, PushRequest, PushResponse, MAX_BATCH, MAX_PULL, PROTOCOL_VERSION,
};

use crate::auth::now_ms;
use crate::error::AppError;
use crate::store::Checked;
use crate::AppState;

pub use scope::{pull_scope, works_in, write_refusal};

fn check_protocol(protocol: u32) -> Result<(), AppError> {
    if protocol != PROTOCOL_VERSION {
        return Err(AppError::BadRequest(format!(
            "Versi protokol {protocol} tidak didukung (server: {PROTOCOL_VERSION}); perbarui aplikasi. / Protocol {protocol} is not supported (server: {PROTOCOL_VERSION}); update the app."
        )));
    }
    Ok(())
}

/// A kiosk writes no records: it only sends sealed submissions.
pub fn refuse_kiosk(account: &Account) -> Result<(), AppError> {
    if account.role == Role::Kiosk {
        return Err(AppError::Forbidden(
            "Kios hanya mengirim laporan warga yang tersegel. / A kiosk only sends sealed residents' submissions.".into(),
        ));
    }
    Ok(())
}

pub async fn push(
    state: &AppState,
    account: &Account,
    request: PushRequest,
) -> Result<PushResponse, AppError> {
    check_protocol(request.protocol)?;
    if request.client_id.starts_with(crate::kiosk::SERVER_MADE) {
        return Err(AppError::BadRequest(format!(
            "client_id tidak boleh diawali {0:?}. / A client_id may not begin with {0:?}.",
            crate::kiosk::SERVER_MADE
        )));
    }
    if request.client_id.is_empty() || request.client_id.len() > 64 {
        return Err(AppError::BadRequest(
            "client_id: 1-64 karakter. / client_id: 1-64 characters.".into(),
        ));
    }
    if request.mutations.len() > MAX_BATCH {
        return Err(AppError::TooLarge(format!(
            "Paling banyak {MAX_BATCH} perubahan per kiriman. / At most {MAX_BATCH} mutations per push."
        )));
    }
    // One snapshot for the whole batch: a version published meanwhile
    // counts from the next push on.
    let forms = state.forms();
    let mut mutations = request.mutations;
    mutations.sort_by_key(|m| m.seq);
    let batch = mutations
        .into_iter()
        .map(|mutation| {
            let refused =
                write_refusal(account, &mutation).or_else(|| shape_refusal(&forms, &mutation));
            Checked { mutation, refused }
        })
        .collect();
    let validator = |form_id: &str, version: u32, answers: &Answers| {
        check_answers(&forms, form_id, version, answers)
    };
    Ok(crate::records::push(
        &*state.store,
        &request.client_id,
        &account.username,
        batch,
        &validator,
        now_ms(),
    )
    .await?)
}

pub async fn pull(
    state: &AppState,
    account: &Account,
    query: PullQuery,
) -> Result<PullResponse, AppError> {
    check_protocol(query.protocol)?;
    let scope = pull_scope(account)?;
    let limit = query.limit.unwrap_or(MAX_PULL).clamp(1, MAX_PULL);
    Ok(state.store.pull(&scope, query.cursor, limit).await?)
}

/// Why the mutation cannot belong to its form at all (unknown form, unknown
/// answer paths, values of the wrong type or size, photos not named by
/// their hash), or `None`.
fn shape_refusal(forms: &rukun_core::form::Catalog, mutation: &Mutation) -> Option<Text> {
    if !is_record_id(&mutation.record_id)
        || mutation.record_id.starts_with(crate::kiosk::SERVER_MADE)
    {
        return Some(Text::new(
            "Id data harus 1-64 huruf, angka, - atau _ (dan bukan id buatan server).",
            "A record id is 1-64 letters, digits, - or _ (and not one the server makes).",
        ));
    }
    match forms.form(&mutation.form_id, mutation.form_version) {
        None => Some(unknown_form(&mutation.form_id, mutation.form_version)),
        Some(form) => shape_problem(form, &mutation.changes),
    }
}

/// What the PWA would refuse, the server refuses: the record's answers must
/// have no errors under its form. Warnings pass, and become the record's
/// data-quality flags.
pub fn check_answers(
    forms: &rukun_core::form::Catalog,
    form_id: &str,
    version: u32,
    answers: &Answers,
) -> Result<RecordFacts, Text> {
    if let Some(problem) = record_size_problem(answers) {
        return Err(problem);
    }
    let issues = issues_of(forms, form_id, version, answers)?;
    if !has_errors(&issues) {
        let mut facts = facts(answers, &issues);
        if let Some(form) = forms.form(form_id, version) {
            facts.refused = rukun_core::consent::refused_paths(form, answers);
        }
        return Ok(facts);
    }
    let errors = |lang: Lang| {
        issues
            .iter()
            .filter(|i| i.severity == Severity::Error)
            .take(5)
            .map(|i| format!("{}: {}", i.path, i.problem.message(lang)))
            .collect::<Vec<_>>()
            .join("; ")
    };
    Err(Text::new(&errors(Lang::Id), &errors(Lang::En)))
}

/// Like [`check_answers`], but errors (required answers missing) become the
/// record's "incomplete" flag instead of a refusal: for a record the server
/// makes from a resident's kiosk report, which its volunteer completes.
pub fn facts_allowing_gaps(
    forms: &rukun_core::form::Catalog,
    form_id: &str,
    version: u32,
    answers: &Answers,
) -> Result<RecordFacts, Text> {
    let issues = issues_of(forms, form_id, version, answers)?;
    Ok(facts(answers, &issues))
}

fn issues_of(
    forms: &rukun_core::form::Catalog,
    form_id: &str,
    version: u32,
    answers: &Answers,
) -> Result<Vec<rukun_core::form::Issue>, Text> {
    let Some(form) = forms.form(form_id, version) else {
        return Err(unknown_form(form_id, version));
    };
    // Every answer stored, whoever made it (a device, a coordinator's edit,
    // a kiosk report), has a path and a type of the form.
    if let Some(problem) = answers_shape_problem(form, answers) {
        return Err(problem);
    }
    let no_niks = Default::default();
    Ok(validate(
        form,
        answers,
        &Context {
            today: latest_today(),
            other_niks: &no_niks,
        },
    ))
}

fn unknown_form(form_id: &str, version: u32) -> Text {
    Text::new(
        &format!("Formulir {form_id} versi {version} tidak dikenal."),
        &format!("Unknown form {form_id} version {version}."),
    )
}

/// The latest calendar date anywhere on Earth right now (UTC+14): a date a
/// device calls "today" is never after it, whatever the server's zone.
fn latest_today() -> time::Date {
    (time::OffsetDateTime::now_utc() + time::Duration::hours(14)).date()
}
