//! One account in the Akun table, its action buttons (those the signed-in
//! role may use) and, under it, the panel of the action chosen.

use leptos::prelude::*;
use rukun_core::account::{Account, AccountInfo, RtRef};

use super::powers::Powers;
use super::reset::ResetPanel;
use super::role_label;
use super::rts::RtsPanel;
use super::sessions::SessionsPanel;
use super::toggle::TogglePanel;
use crate::i18n::*;
use crate::state::Regions;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Panel {
    Closed,
    Toggle,
    Reset,
    Rts,
    Sessions,
}

/// "RT 01/RW 02, RT 02/RW 02".
pub fn rt_list(rts: &[RtRef]) -> String {
    rts.iter()
        .map(|r| format!("RT {:02}/RW {:02}", r.rt, r.rw))
        .collect::<Vec<_>>()
        .join(", ")
}

#[component]
pub fn AccountRow(
    username: String,
    accounts: RwSignal<Vec<AccountInfo>>,
    /// The signed-in account.
    actor: Account,
    on_changed: Callback<AccountInfo>,
) -> impl IntoView {
    let i18n = use_i18n();
    let regions = Regions::use_context();
    let info = Memo::new(move |_| {
        accounts.with(|list| {
            list.iter()
                .find(|a| a.account.username == username)
                .cloned()
        })
    });
    let panel = RwSignal::new(Panel::Closed);
    let powers = Memo::new(move |_| {
        info.with(|i| {
            i.as_ref()
                .map(|i| Powers::of(&actor, i))
                .unwrap_or_default()
        })
    });
    let kelurahan = move || {
        let code = info.with(|i| i.as_ref().and_then(|i| i.account.kelurahan))?;
        let name = regions
            .tree
            .with(|t| t.as_ref()?.find_kelurahan(&code).map(|k| k.name.clone()));
        Some(name.unwrap_or_else(|| code.to_string()))
    };
    let field = move |f: fn(&AccountInfo) -> String| move || info.with(|i| i.as_ref().map(f));
    let button = move |which: Panel, label: &'static str| {
        view! {
            <button type="button" class="secondary" aria-expanded=move || (panel.get() == which).to_string()
                on:click=move |_| panel.update(|p| *p = if *p == which { Panel::Closed } else { which })>
                {label}
            </button>
        }
    };
    let close = Callback::new(move |()| panel.set(Panel::Closed));
    view! {
        <tr class=move || if info.with(|i| i.as_ref().is_some_and(|i| !i.active)) { "inactive" } else { "" }>
            <th scope="row">{field(|i| i.account.username.clone())}</th>
            <td>{move || info.with(|i| i.as_ref().map(|i| role_label(i18n, i.account.role)))}</td>
            <td>{kelurahan}</td>
            <td>{field(|i| rt_list(&i.account.rts))}</td>
            <td>
                {move || info.with(|i| match i.as_ref().map(|i| i.active) {
                    Some(true) => t_string!(i18n, accounts_active),
                    Some(false) => t_string!(i18n, accounts_inactive),
                    None => "",
                })}
                <Show when=move || info.with(|i| i.as_ref().is_some_and(|i| i.must_change_password))>
                    " " <span class="badge problem">{t!(i18n, accounts_must_change)}</span>
                </Show>
            </td>
            <td>
                <div class="row-actions">
                    {move || {
                        let p = powers.get();
                        let active = info.with(|i| i.as_ref().is_some_and(|i| i.active));
                        let toggle = if active { t_string!(i18n, accounts_disable) } else { t_string!(i18n, accounts_enable) };
                        view! {
                            {p.toggle.then(|| button(Panel::Toggle, toggle))}
                            {p.reset.then(|| button(Panel::Reset, t_string!(i18n, accounts_reset)))}
                            {p.rts.then(|| button(Panel::Rts, t_string!(i18n, accounts_change_rts)))}
                            {p.sessions.then(|| button(Panel::Sessions, t_string!(i18n, accounts_sessions)))}
                            {(!p.any()).then_some("—")}
                        }
                    }}
                </div>
            </td>
        </tr>
        {move || {
            // Only the panel's choice rebuilds it: a change to the account
            // (after a reset) must not wipe what the panel shows.
            let which = panel.get();
            let info = info.get_untracked()?;
            let content = match which {
                Panel::Closed => return None,
                Panel::Toggle => view! { <TogglePanel info on_changed on_close=close /> }.into_any(),
                Panel::Reset => view! { <ResetPanel info on_changed on_close=close /> }.into_any(),
                Panel::Rts => view! { <RtsPanel info on_changed on_close=close /> }.into_any(),
                Panel::Sessions => view! { <SessionsPanel info on_close=close /> }.into_any(),
            };
            Some(view! { <tr class="account-panel"><td colspan="6">{content}</td></tr> })
        }}
    }
}
