//! The form that creates an account.

use leptos::prelude::*;
use leptos::task::spawn_local;
use rukun_core::account::{Account, NewAccount, Role, RtRef};
use rukun_core::RegionCode;

use super::role_label;
use crate::i18n::*;
use crate::platform::http::{self, HttpError};
use crate::state::Regions;
use crate::storage::StoredSession;

#[component]
pub fn NewAccountForm(session: StoredSession, on_created: Callback<()>) -> impl IntoView {
    let i18n = use_i18n();
    let regions = Regions::use_context();
    let admin = session.account.role == Role::Admin;
    let roles: Vec<Role> = if admin {
        vec![Role::Volunteer, Role::Kiosk, Role::Coordinator, Role::Admin]
    } else {
        vec![Role::Volunteer, Role::Kiosk]
    };
    let username = RwSignal::new(String::new());
    let password = RwSignal::new(String::new());
    let role = RwSignal::new(Role::Volunteer);
    let kelurahan = RwSignal::new(
        session
            .account
            .kelurahan
            .map(|k| k.to_string())
            .unwrap_or_default(),
    );
    let rw = RwSignal::new(String::new());
    let rts = RwSignal::new(Vec::<u16>::new());
    let message = RwSignal::new(None::<(bool, String)>);
    let kelurahan_choices = move || {
        regions.tree.with(|t| {
            t.as_ref()
                .map(|t| {
                    t.kecamatan
                        .iter()
                        .flat_map(|k| &k.kelurahan)
                        .map(|k| (k.code.to_string(), k.name.clone()))
                        .collect::<Vec<_>>()
                })
                .unwrap_or_default()
        })
    };
    let rw_list = move || {
        let code = RegionCode::parse(&kelurahan.get()).ok()?;
        regions
            .tree
            .with(|t| t.as_ref()?.find_kelurahan(&code).map(|k| k.rw.clone()))
    };
    let rt_choices = move || {
        let number: u16 = rw.get().parse().ok()?;
        rw_list()?
            .into_iter()
            .find(|r| r.number == number)
            .map(|r| r.rt)
    };
    let token = session.token.clone();
    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let rw_number: u16 = rw.get_untracked().parse().unwrap_or(0);
        let new = NewAccount {
            username: username.get_untracked().trim().to_lowercase(),
            password: password.get_untracked(),
            role: role.get_untracked(),
            kelurahan: RegionCode::parse(&kelurahan.get_untracked())
                .ok()
                .filter(|_| role.get_untracked() != Role::Admin),
            rts: if role.get_untracked() == Role::Volunteer {
                rts.get_untracked()
                    .into_iter()
                    .map(|rt| RtRef { rw: rw_number, rt })
                    .collect()
            } else {
                vec![]
            },
        };
        let token = token.clone();
        spawn_local(async move {
            let created: Result<Account, HttpError> =
                http::request_json("POST", "/api/accounts", Some(&new), Some(&token), 20_000).await;
            match created {
                Ok(_) => {
                    message.set(Some((true, t_string!(i18n, accounts_created).to_owned())));
                    on_created.run(());
                }
                Err(HttpError::Status(_, Some(body))) => message.set(Some((false, body.message))),
                Err(other) => message.set(Some((false, format!("{other:?}")))),
            }
        });
    };
    view! {
        <form class="card" on:submit=submit>
            <h2>{t!(i18n, accounts_new)}</h2>
            <div class="field">
                <label for="account-username">{t!(i18n, login_username)}</label>
                <input id="account-username" type="text" autocapitalize="none" on:input=move |ev| username.set(event_target_value(&ev)) />
            </div>
            <div class="field">
                <label for="account-password">{t!(i18n, login_password)}</label>
                <input id="account-password" type="password" autocomplete="new-password" on:input=move |ev| password.set(event_target_value(&ev)) />
            </div>
            <div class="field">
                <label for="account-role">{t!(i18n, accounts_role)}</label>
                <select id="account-role" on:change=move |ev| {
                    if let Some(r) = Role::parse(&event_target_value(&ev)) { role.set(r) }
                }>
                    {roles.into_iter().map(|r| view! { <option value=r.as_str()>{move || role_label(i18n, r)}</option> }).collect_view()}
                </select>
            </div>
            <Show when=move || role.get() != Role::Admin>
                <div class="field">
                    <label for="account-kelurahan">{t!(i18n, area_kelurahan)}</label>
                    <select id="account-kelurahan" disabled=!admin prop:value=move || kelurahan.get()
                        on:change=move |ev| { kelurahan.set(event_target_value(&ev)); rw.set(String::new()); rts.set(vec![]); }>
                        <option value="">{t!(i18n, choose)}</option>
                        {move || kelurahan_choices().into_iter().map(|(code, name)| {
                            let selected = code == kelurahan.get_untracked();
                            view! { <option value=code selected=selected>{name}</option> }
                        }).collect_view()}
                    </select>
                </div>
            </Show>
            <Show when=move || role.get() == Role::Volunteer>
                <div class="field">
                    <label for="account-rw">{t!(i18n, area_rw)}</label>
                    <select id="account-rw" on:change=move |ev| { rw.set(event_target_value(&ev)); rts.set(vec![]); }>
                        <option value="">{t!(i18n, choose)}</option>
                        {move || rw_list().unwrap_or_default().into_iter().map(|r| {
                            view! { <option value=r.number.to_string()>{format!("RW {:02}", r.number)}</option> }
                        }).collect_view()}
                    </select>
                </div>
                <fieldset class="field choices">
                    <legend>{t!(i18n, accounts_rts)}</legend>
                    {move || rt_choices().unwrap_or_default().into_iter().map(|rt| {
                        let id = format!("account-rt-{rt}");
                        view! {
                            <label class="option" for=id.clone()>
                                <input type="checkbox" id=id.clone() on:change=move |ev| {
                                    let on = event_target_checked(&ev);
                                    rts.update(|list| { list.retain(|r| *r != rt); if on { list.push(rt); } });
                                } />
                                {format!("RT {rt:02}")}
                            </label>
                        }
                    }).collect_view()}
                </fieldset>
            </Show>
            <button type="submit">{t!(i18n, accounts_create)}</button>
            <p role="status" class=move || if message.get().is_some_and(|(ok, _)| !ok) { "error" } else { "" }>
                {move || message.get().map(|(_, text)| text)}
            </p>
        </form>
    }
}
