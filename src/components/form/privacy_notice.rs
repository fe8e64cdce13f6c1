//! The privacy notice (UU 27/2022), in full and in large type, right above
//! the consent question: the volunteer reads it out from the screen, and
//! the record notes which version was read ([`crate::records::note_consent`]).

use leptos::prelude::*;

use super::FormCtx;
use crate::i18n::*;

#[component]
pub fn PrivacyNotice(ctx: FormCtx) -> impl IntoView {
    let i18n = use_i18n();
    let heading = move || {
        format!(
            "{} ({} {})",
            i18n.rights().notice_heading,
            i18n.rights().notice_version_word,
            ctx.notice.with(|n| n.version)
        )
    };
    let text = move || ctx.notice.with(|n| n.text.get(ctx.lang.get()).to_owned());
    view! {
        <section class="privacy-notice" aria-labelledby="privacy-notice-title">
            <h3 id="privacy-notice-title">{heading}</h3>
            <p class="hint">{rt!(i18n, notice_read_aloud)}</p>
            <p class="notice-text">{text}</p>
        </section>
    }
}
