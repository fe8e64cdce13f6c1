//! Setting an RT's household target from the progress page (the server
//! audits it). The card outlives the page's reloads (a sync round reloads
//! the figures): what a coordinator has chosen and typed stays put.

use leptos::prelude::*;
use leptos::task::spawn_local;
use rukun_core::progress::SetTarget;

use crate::console::{call, session_token};
use crate::i18n::*;
use crate::state::Sync;

#[component]
/// `rts`: each RT's area code and its label, as the latest figures list them.
pub fn TargetCard(rts: Memo<Vec<(String, String)>>, on_saved: Callback<()>) -> impl IntoView {
    let i18n = use_i18n();
    let sync = Sync::use_context();
    let area = RwSignal::new(String::new());
    let households = RwSignal::new(String::new());
    let outcome = RwSignal::new(None::<Result<String, String>>);
    let save = move |_| {
        let Ok(target) = households.get_untracked().trim().parse::<u32>() else {
            return outcome.set(Some(Err(t_string!(i18n, target_bad).to_owned())));
        };
        let request = SetTarget {
            area: area.get_untracked(),
            households: target,
        };
        let token = session_token(sync, i18n);
        spawn_local(async move {
            match call::<_, SetTarget>(i18n, token, "PUT", "/api/targets", Some(&request)).await {
                Ok(_) => {
                    outcome.set(Some(Ok(t_string!(i18n, target_saved).to_owned())));
                    on_saved.run(());
                }
                Err(why) => outcome.set(Some(Err(why))),
            }
        });
    };
    let options = move || {
        rts.get()
            .into_iter()
            .map(|(code, label)| view! { <option value=code>{label}</option> })
            .collect_view()
    };
    view! {
        <section class="card" aria-labelledby="target-title">
            <h2 id="target-title">{t!(i18n, target_title)}</h2>
            <div class="field">
                <label for="target-rt">{t!(i18n, area_rt)}</label>
                <select id="target-rt" on:change=move |ev| area.set(event_target_value(&ev))>
                    <option value="">{t!(i18n, area_choose)}</option>
                    {options}
                </select>
            </div>
            <div class="field">
                <label for="target-households">{t!(i18n, target_households)}</label>
                <input id="target-households" type="number" min="0" inputmode="numeric"
                    on:input=move |ev| households.set(event_target_value(&ev)) />
            </div>
            <button type="button" class="secondary" on:click=save>{t!(i18n, target_save)}</button>
            {move || outcome.get().map(|o| match o {
                Ok(text) => view! { <p role="status">{text}</p> }.into_any(),
                Err(text) => view! { <p class="error" role="alert">{text}</p> }.into_any(),
            })}
        </section>
    }
}
