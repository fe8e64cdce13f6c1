//! OpenStreetMap tiles in an SVG view (Web Mercator): the projection both
//! ways and the tiles under a view. Where tiles cannot load (offline) the
//! view shows its plain background and whatever is drawn on it.

use leptos::prelude::*;

pub const VIEW_WIDTH: f64 = 640.0;
pub const VIEW_HEIGHT: f64 = 400.0;
const TILE: f64 = 256.0;
pub const MAX_ZOOM: u32 = 18;

/// Web Mercator pixel position at `zoom`.
pub fn pixel(lat: f64, lon: f64, zoom: u32) -> (f64, f64) {
    let scale = TILE * f64::from(1u32 << zoom);
    let x = (lon + 180.0) / 360.0 * scale;
    let lat = lat.to_radians();
    let y = (1.0 - (lat.tan() + 1.0 / lat.cos()).ln() / std::f64::consts::PI) / 2.0 * scale;
    (x, y)
}

/// The latitude and longitude at a Web Mercator pixel position.
pub fn position(x: f64, y: f64, zoom: u32) -> (f64, f64) {
    let scale = TILE * f64::from(1u32 << zoom);
    let lon = x / scale * 360.0 - 180.0;
    let n = std::f64::consts::PI * (1.0 - 2.0 * y / scale);
    (n.sinh().atan().to_degrees(), lon)
}

/// Metres on the ground per pixel at `lat` and `zoom`.
pub fn metres_per_pixel(lat: f64, zoom: u32) -> f64 {
    40_075_016.686 * lat.to_radians().cos() / (TILE * f64::from(1u32 << zoom))
}

/// The tiles covering a view whose top-left pixel is (`left`, `top`).
#[component]
pub fn Tiles(zoom: u32, left: f64, top: f64) -> impl IntoView {
    (0..=(VIEW_WIDTH / TILE) as i64 + 1)
        .flat_map(|dx| (0..=(VIEW_HEIGHT / TILE) as i64 + 1).map(move |dy| (dx, dy)))
        .map(|(dx, dy)| {
            let (tx, ty) = (
                (left / TILE).floor() as i64 + dx,
                (top / TILE).floor() as i64 + dy,
            );
            let href = format!("https://tile.openstreetmap.org/{zoom}/{tx}/{ty}.png");
            // A tile that cannot load (offline) is hidden rather than
            // drawn as the browser's broken-image sign.
            let failed = RwSignal::new(false);
            view! {
                <image href=href x=tx as f64 * TILE - left y=ty as f64 * TILE - top
                    width=TILE height=TILE visibility=move || if failed.get() { "hidden" } else { "visible" }
                    on:error=move |_| failed.set(true) />
            }
        })
        .collect_view()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_position_survives_the_round_trip() {
        let (x, y) = pixel(-7.4722, 112.4338, 17);
        let (lat, lon) = position(x, y, 17);
        assert!((lat + 7.4722).abs() < 1e-9 && (lon - 112.4338).abs() < 1e-9);
        assert!((1.1..1.3).contains(&metres_per_pixel(-7.47, 17)));
    }
}
