//! What a household record keeps of its consent (issue 16): the answer,
//! the version of the privacy notice read before it, its time and the
//! household's receipt code.

use leptos::prelude::*;
use rukun_core::consent::{CONSENT_AT, CONSENT_FIELD, NOTICE_VERSION, RECEIPT};
use rukun_core::form::{Answers, Value};
use rukun_core::kiosk::display_receipt;

use crate::i18n::*;
use crate::platform::clock::local_date_time;

#[component]
pub fn ConsentCard(answers: Answers) -> impl IntoView {
    let i18n = use_i18n();
    let consent = answers.get(CONSENT_FIELD).cloned();
    let version = match answers.get(NOTICE_VERSION) {
        Some(Value::Number(n)) => Some(format!("{n:.0}")),
        _ => None,
    };
    let at = match answers.get(CONSENT_AT) {
        Some(Value::Number(ms)) => Some(local_date_time(*ms as i64)),
        _ => None,
    };
    let receipt = match answers.get(RECEIPT) {
        Some(Value::Text(code)) => Some(display_receipt(code)),
        _ => None,
    };
    let dash = || "—".to_owned();
    view! {
        <section class="card" aria-labelledby="consent-title">
            <h2 id="consent-title">{rt!(i18n, consent_title)}</h2>
            <dl>
                <dt>{rt!(i18n, consent_answer)}</dt>
                <dd>{move || match &consent {
                    Some(Value::Bool(true)) => i18n.rights().consent_yes.to_owned(),
                    Some(Value::Bool(false)) => i18n.rights().consent_no.to_owned(),
                    _ => dash(),
                }}</dd>
                <dt>{rt!(i18n, notice_version)}</dt>
                <dd>{version.unwrap_or_else(dash)}</dd>
                <dt>{rt!(i18n, consent_at)}</dt>
                <dd>{at.unwrap_or_else(dash)}</dd>
                <dt>{rt!(i18n, household_receipt)}</dt>
                <dd>{receipt.unwrap_or_else(dash)}</dd>
            </dl>
        </section>
    }
}
