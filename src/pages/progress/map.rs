//! A map of the kelurahan's households and infrastructure: OpenStreetMap
//! tiles under the points when they load, and the same points on a plain
//! background (no error) when they cannot. All SVG, so it scales to any
//! screen width.

use leptos::prelude::*;
use leptos::task::spawn_local;
use rukun_core::console::MapPoint;
use rukun_core::progress::FLOOD_CATEGORY;

use crate::components::tiles::{
    pixel, Tiles, MAX_ZOOM, VIEW_HEIGHT as HEIGHT, VIEW_WIDTH as WIDTH,
};
use crate::console::{call, session_token, with_query};
use crate::i18n::*;
use crate::state::Sync;

/// The largest zoom at which every point fits, and the top-left pixel of
/// the view centred on them.
fn view_of(points: &[MapPoint]) -> (u32, f64, f64) {
    let (mut south, mut north, mut west, mut east) = (90.0f64, -90.0f64, 180.0f64, -180.0f64);
    for p in points {
        south = south.min(p.lat);
        north = north.max(p.lat);
        west = west.min(p.lon);
        east = east.max(p.lon);
    }
    let mut zoom = MAX_ZOOM;
    while zoom > 1 {
        let (x1, y1) = pixel(north, west, zoom);
        let (x2, y2) = pixel(south, east, zoom);
        if x2 - x1 <= WIDTH * 0.9 && y2 - y1 <= HEIGHT * 0.9 {
            break;
        }
        zoom -= 1;
    }
    let (x1, y1) = pixel(north, west, zoom);
    let (x2, y2) = pixel(south, east, zoom);
    (
        zoom,
        (x1 + x2) / 2.0 - WIDTH / 2.0,
        (y1 + y2) / 2.0 - HEIGHT / 2.0,
    )
}

#[component]
pub fn PointsMap(kelurahan: String) -> impl IntoView {
    let i18n = use_i18n();
    let sync = Sync::use_context();
    let points = RwSignal::new(None::<Result<Vec<MapPoint>, String>>);
    let token = session_token(sync, i18n);
    spawn_local(async move {
        let path = with_query("/api/review/points", &[("kelurahan", kelurahan.clone())]);
        points.set(Some(
            call::<(), Vec<MapPoint>>(i18n, token, "GET", &path, None).await,
        ));
    });
    let drawing = move |points: Vec<MapPoint>| {
        if points.is_empty() {
            return view! { <p class="hint">{t!(i18n, map_empty)}</p> }.into_any();
        }
        let (zoom, left, top) = view_of(&points);
        let households = points.iter().filter(|p| p.form_id == "household").count();
        let reports = points.len() - households;
        let dots = points
            .iter()
            .map(|p| {
                let (x, y) = pixel(p.lat, p.lon, zoom);
                let class = match (p.form_id.as_str(), p.category.as_deref()) {
                    ("household", _) => "dot household",
                    (_, Some(FLOOD_CATEGORY)) => "dot flood",
                    _ => "dot infrastructure",
                };
                view! { <circle class=class cx=x - left cy=y - top r="5" /> }
            })
            .collect_view();
        let summary = format!(
            "{households} {} · {reports} {}",
            t_string!(i18n, progress_households),
            t_string!(i18n, progress_reports)
        );
        view! {
            <svg class="map" viewBox=format!("0 0 {WIDTH} {HEIGHT}") role="img"
                aria-label=format!("{} {}", t_string!(i18n, map_title), summary)>
                <rect width=WIDTH height=HEIGHT class="map-ground" />
                <Tiles zoom=zoom left=left top=top />
                {dots}
            </svg>
            <p class="hint">{summary}" · " {t!(i18n, map_legend)}" · © OpenStreetMap contributors"</p>
        }
        .into_any()
    };
    view! {
        <section class="card" aria-labelledby="map-title">
            <h2 id="map-title">{t!(i18n, map_title)}</h2>
            {move || match points.get() {
                None => view! { <p class="hint">{t!(i18n, form_loading)}</p> }.into_any(),
                Some(Err(why)) => view! { <p class="error" role="alert">{why}</p> }.into_any(),
                Some(Ok(points)) => drawing(points),
            }}
        </section>
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn points_fit_the_view() {
        let point = |lat, lon| MapPoint {
            id: String::new(),
            form_id: "household".into(),
            lat,
            lon,
            category: None,
        };
        let points = [point(-7.47, 112.43), point(-7.48, 112.44)];
        let (zoom, left, top) = view_of(&points);
        assert!((10..=MAX_ZOOM).contains(&zoom));
        for p in &points {
            let (x, y) = pixel(p.lat, p.lon, zoom);
            assert!((0.0..=WIDTH).contains(&(x - left)) && (0.0..=HEIGHT).contains(&(y - top)));
        }
    }
}
