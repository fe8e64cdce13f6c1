//! An optional point on the map: the resident taps where the problem is,
//! pans and zooms with big buttons. OpenStreetMap tiles when the office is
//! online; offline the map is blank and the point can be skipped.

use leptos::prelude::*;
use rukun_core::form::GpsPoint;

use crate::components::tiles::{
    metres_per_pixel, pixel, position, Tiles, MAX_ZOOM, VIEW_HEIGHT, VIEW_WIDTH,
};
use crate::i18n::*;
use crate::platform::page;
use crate::state::{Connectivity, ServerStatus};

/// Kota Mojokerto's centre: the whole city fits at the first zoom.
const CITY: (f64, f64) = (-7.4722, 112.4338);
const FIRST_ZOOM: u32 = 15;
/// How far a tap may be off, in pixels, for the point's accuracy.
const TAP_PIXELS: f64 = 10.0;

#[component]
pub fn PointPicker(point: RwSignal<Option<GpsPoint>>) -> impl IntoView {
    let i18n = use_i18n();
    let connectivity = Connectivity::use_context();
    let zoom = RwSignal::new(FIRST_ZOOM);
    let centre = RwSignal::new(point.get_untracked().map_or(CITY, |p| (p.lat, p.lon)));
    // The top-left pixel of the view.
    let corner = move || {
        let (lat, lon) = centre.get();
        let (x, y) = pixel(lat, lon, zoom.get());
        (x - VIEW_WIDTH / 2.0, y - VIEW_HEIGHT / 2.0)
    };
    let tap = move |ev: leptos::ev::MouseEvent| {
        let Some((fx, fy)) = page::pointer_fraction(&ev) else {
            return;
        };
        let (x, y) = (fx * VIEW_WIDTH, fy * VIEW_HEIGHT);
        let (left, top) = corner();
        let zoom = zoom.get_untracked();
        let (lat, lon) = position(left + x, top + y, zoom);
        point.set(Some(GpsPoint {
            lat,
            lon,
            accuracy: (metres_per_pixel(lat, zoom) * TAP_PIXELS).round(),
        }));
    };
    // Pans by a third of the view.
    let pan = move |dx: f64, dy: f64| {
        let (lat, lon) = centre.get_untracked();
        let zoom = zoom.get_untracked();
        let (x, y) = pixel(lat, lon, zoom);
        centre.set(position(
            x + dx * VIEW_WIDTH / 3.0,
            y + dy * VIEW_HEIGHT / 3.0,
            zoom,
        ));
    };
    let marker = move || {
        let p = point.get()?;
        let (left, top) = corner();
        let (x, y) = pixel(p.lat, p.lon, zoom.get());
        Some(view! { <circle class="dot flood" cx=x - left cy=y - top r="12" /> })
    };
    view! {
        <p>{kt!(i18n, point_hint)}</p>
        <svg class="map" viewBox=format!("0 0 {VIEW_WIDTH} {VIEW_HEIGHT}") role="img"
            aria-label=move || i18n.kiosk().point_map on:click=tap>
            <rect width=VIEW_WIDTH height=VIEW_HEIGHT class="map-ground" />
            {move || {
                let (left, top) = corner();
                view! { <Tiles zoom=zoom.get() left=left top=top /> }
            }}
            {marker}
        </svg>
        <p class="hint">
            {move || (connectivity.status.get() == ServerStatus::Offline).then(|| i18n.kiosk().point_offline)}
            " © OpenStreetMap contributors"
        </p>
        <div class="map-controls">
            <button type="button" class="secondary" on:click=move |_| zoom.update(|z| *z = (*z + 1).min(MAX_ZOOM))>{kt!(i18n, point_zoom_in)}</button>
            <button type="button" class="secondary" on:click=move |_| zoom.update(|z| *z = z.saturating_sub(1).max(12))>{kt!(i18n, point_zoom_out)}</button>
            <button type="button" class="secondary" on:click=move |_| pan(0.0, -1.0)>{kt!(i18n, point_north)}</button>
            <button type="button" class="secondary" on:click=move |_| pan(0.0, 1.0)>{kt!(i18n, point_south)}</button>
            <button type="button" class="secondary" on:click=move |_| pan(-1.0, 0.0)>{kt!(i18n, point_west)}</button>
            <button type="button" class="secondary" on:click=move |_| pan(1.0, 0.0)>{kt!(i18n, point_east)}</button>
        </div>
        <p role="status">{move || point.get().map(|_| i18n.kiosk().point_chosen)}</p>
        {move || point.with(Option::is_some).then(|| view! {
            <button type="button" class="secondary" on:click=move |_| point.set(None)>{kt!(i18n, point_remove)}</button>
        })}
    }
}
