//! The office board (public, for a screen in the kelurahan office):
//! progress per RW, infrastructure by category and condition, kiosk
//! submissions by state. Aggregates only; it refreshes by itself.
//! `/board?kelurahan=CODE[&refresh=SECONDS]`.

use std::time::Duration;

use leptos::prelude::*;
use leptos::task::spawn_local;
use leptos_router::hooks::use_query_map;
use rukun_core::kiosk::Board;

use super::progress::InfrastructureChart;
use crate::console::with_query;
use crate::i18n::*;
use crate::platform::{clock, http};

const DEFAULT_REFRESH_S: u64 = 60;

#[component]
pub fn BoardPage() -> impl IntoView {
    let i18n = use_i18n();
    let query = use_query_map();
    let kelurahan = query.with_untracked(|q| q.get("kelurahan").unwrap_or_default());
    let refresh_s = query
        .with_untracked(|q| q.get("refresh").and_then(|s| s.parse().ok()))
        .unwrap_or(DEFAULT_REFRESH_S)
        .clamp(10, 3600);
    let board = RwSignal::new(None::<Board>);
    let updated = RwSignal::new(None::<String>);
    let failure = RwSignal::new(None::<String>);
    let path = with_query("/api/board", &[("kelurahan", kelurahan.clone())]);
    let load = move || {
        let path = path.clone();
        spawn_local(async move {
            match http::get_json::<Board>(&path, 15_000).await {
                Ok(fresh) => {
                    board.set(Some(fresh));
                    updated.set(Some(clock::time_of_day(clock::now_ms())));
                    failure.set(None);
                }
                Err(http::HttpError::Status(_, Some(body))) => failure.set(Some(body.message)),
                // Offline: keep showing the last figures, with their time.
                Err(_) => failure.set(Some(i18n.kiosk().board_stale.to_owned())),
            }
        });
    };
    load();
    if let Ok(timer) = set_interval_with_handle(load, Duration::from_secs(refresh_s)) {
        on_cleanup(move || timer.clear());
    }
    view! {
        <div class="board">
            {move || board.get().map(|b| view! {
                <h1>{format!("{} {}", i18n.kiosk().board_title, b.name)}</h1>
                <p class="board-total">
                    {format!("{}: {} / {}", i18n.kiosk().board_households, b.total.households, b.total.target)}
                </p>
                <table class="card">
                    <thead><tr>
                        <th scope="col">"RW"</th>
                        <th scope="col">{kt!(i18n, board_households)}</th>
                        <th scope="col">{kt!(i18n, board_target)}</th>
                        <th scope="col">{kt!(i18n, board_reports)}</th>
                    </tr></thead>
                    <tbody>
                        {b.rws.iter().map(|rw| view! {
                            <tr>
                                <th scope="row">{format!("RW {:02}", rw.rw)}</th>
                                <td>{rw.total.households}</td>
                                <td>{rw.total.target}</td>
                                <td>{rw.total.infrastructure}</td>
                            </tr>
                        }).collect_view()}
                    </tbody>
                </table>
                <InfrastructureChart infrastructure=b.infrastructure.clone() />
                <section class="card">
                    <h2>{kt!(i18n, board_kiosk)}</h2>
                    <p>{format!(
                        "{} {} · {} {} · {} {}",
                        i18n.kiosk().board_received, b.kiosk.received,
                        i18n.kiosk().board_accepted, b.kiosk.accepted,
                        i18n.kiosk().board_declined, b.kiosk.declined,
                    )}</p>
                </section>
            })}
            {move || failure.get().map(|why| view! { <p class="error" role="alert">{why}</p> })}
            <p class="hint" role="status">{move || updated.get().map(|t| format!("{} {t}", i18n.kiosk().board_updated))}</p>
        </div>
    }
}
