//! Ubah RT: a volunteer's RTs, picked from every RW of their kelurahan in
//! the place tree the device already holds, saved as one new list.

use leptos::prelude::*;
use leptos::task::spawn_local;
use rukun_core::account::{AccountChange, AccountInfo, RtRef};

use crate::console::{accounts, session_token};
use crate::i18n::*;
use crate::state::{Regions, Sync};

#[component]
pub fn RtsPanel(
    info: AccountInfo,
    on_changed: Callback<AccountInfo>,
    on_close: Callback<()>,
) -> impl IntoView {
    let i18n = use_i18n();
    let sync = Sync::use_context();
    let regions = Regions::use_context();
    let chosen = RwSignal::new(info.account.rts.clone());
    let busy = RwSignal::new(false);
    let message = RwSignal::new(None::<(bool, String)>);
    let kelurahan = info.account.kelurahan;
    let rws = move || {
        let code = kelurahan?;
        regions
            .tree
            .with(|t| t.as_ref()?.find_kelurahan(&code).map(|k| k.rw.clone()))
    };
    let id_prefix = format!("rts-{}", info.account.username);
    let username = info.account.username;
    let save = move |_| {
        let rts = chosen.get_untracked();
        if rts.is_empty() {
            return message.set(Some((false, t_string!(i18n, accounts_rts_none).to_owned())));
        }
        let token = session_token(sync, i18n);
        let username = username.clone();
        busy.set(true);
        spawn_local(async move {
            let change = AccountChange {
                rts: Some(rts),
                ..AccountChange::default()
            };
            let result = accounts::change(i18n, token, &username, &change).await;
            busy.set(false);
            match result {
                Ok(changed) => {
                    on_changed.run(changed.account);
                    message.set(Some((true, t_string!(i18n, accounts_rts_saved).to_owned())));
                }
                Err(e) => message.set(Some((false, e))),
            }
        });
    };
    let checkbox = move |rw: u16, rt: u16| {
        let at = RtRef { rw, rt };
        let id = format!("{id_prefix}-{rw}-{rt}");
        view! {
            <label class="option" for=id.clone()>
                <input type="checkbox" id=id.clone() prop:checked=move || chosen.with(|c| c.contains(&at))
                    on:change=move |ev| {
                        let on = event_target_checked(&ev);
                        chosen.update(|list| {
                            list.retain(|r| *r != at);
                            if on {
                                list.push(at);
                                list.sort();
                            }
                        });
                    } />
                {format!("RT {rt:02}")}<span class="visually-hidden">{format!("/RW {rw:02}")}</span>
            </label>
        }
    };
    view! {
        {move || match rws() {
            None => view! { <p class="warning">{t!(i18n, accounts_rts_unknown)}</p> }.into_any(),
            Some(rws) => view! { <div class="rw-grid">{rws.into_iter().map(|rw| view! {
                <fieldset class="field choices">
                    <legend>{format!("RW {:02}", rw.number)}</legend>
                    <div class="inline-options">
                        {rw.rt.iter().map(|&rt| checkbox(rw.number, rt)).collect_view()}
                    </div>
                </fieldset>
            }).collect_view()}</div> }.into_any(),
        }}
        <div class="actions">
            <button type="button" disabled=move || busy.get() on:click=save>{t!(i18n, accounts_save_rts)}</button>
            <button type="button" class="secondary" on:click=move |_| on_close.run(())>{t!(i18n, accounts_close)}</button>
        </div>
        <p role="status" class=move || if message.get().is_some_and(|(ok, _)| !ok) { "error" } else { "" }>
            {move || message.get().map(|(_, text)| text)}
        </p>
    }
}
