//! The GPS field: the position with its accuracy, a retry, and a way on
//! when the position is denied or unavailable.

use leptos::prelude::*;
use rukun_core::form::{Field, Value};

use super::messages::{field_messages, localized, FieldMessages};
use super::{input_id, FormCtx, GpsState};
use crate::i18n::*;
use crate::platform::geolocation::GeoError;

#[component]
pub fn GpsInput(ctx: FormCtx, field: Field, path: String) -> impl IntoView {
    let i18n = use_i18n();
    let messages = field_messages(ctx, &path);
    let value = {
        let path = path.clone();
        Memo::new(move |_| ctx.answers.with(|a| a.get(&path).cloned()))
    };
    let state = {
        let path = path.clone();
        Memo::new(move |_| {
            ctx.gps
                .with(|g| g.get(&path).copied().unwrap_or(GpsState::Idle))
        })
    };
    let shown = move || match value.get() {
        Some(Value::Gps(p)) => format!(
            "{:.5}, {:.5} ({} ± {:.0} m)",
            p.lat,
            p.lon,
            t_string!(i18n, gps_accuracy),
            p.accuracy
        ),
        Some(Value::Absent) => t_string!(i18n, gps_none).to_owned(),
        _ => String::new(),
    };
    let status = move || match state.get() {
        GpsState::Idle => "",
        GpsState::Locating => t_string!(i18n, gps_locating),
        GpsState::Failed(GeoError::Denied) => t_string!(i18n, gps_denied),
        GpsState::Failed(GeoError::Timeout) => t_string!(i18n, gps_timeout),
        GpsState::Failed(_) => t_string!(i18n, gps_unavailable),
    };
    let button_text = move || match (state.get(), value.get()) {
        (GpsState::Failed(_), _) => t_string!(i18n, gps_retry),
        (_, Some(Value::Gps(_))) => t_string!(i18n, gps_again),
        _ => t_string!(i18n, gps_take),
    };
    let failed = move || matches!(state.get(), GpsState::Failed(_));
    let locate_path = path.clone();
    let skip_path = path.clone();
    view! {
        <fieldset class="field" aria-describedby=format!("{}-msg", input_id(&path))>
            <legend class:required=field.required>{localized(&field.label, ctx)}</legend>
            <p class="gps-value">{shown}</p>
            <p class="hint" role="status">{status}</p>
            <div class="inline-options">
                <button type="button" disabled=move || state.get() == GpsState::Locating
                    on:click=move |_| ctx.locate.run(locate_path.clone())>{button_text}</button>
                <Show when=failed>
                    <button type="button" class="secondary" on:click={
                        let skip_path = skip_path.clone();
                        move |_| ctx.set(&skip_path, Some(Value::Absent))
                    }>{t!(i18n, gps_skip)}</button>
                </Show>
            </div>
            <FieldMessages path=path.clone() messages />
        </fieldset>
    }
}
