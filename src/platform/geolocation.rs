//! The device's position, once, with high accuracy.

use rukun_core::form::GpsPoint;
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;

/// Why no position came.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum GeoError {
    Denied,
    Unavailable,
    Timeout,
    Unsupported,
}

/// Asks the browser for the current position (waits at most 20 s).
pub async fn current_position() -> Result<GpsPoint, GeoError> {
    let geolocation = web_sys::window()
        .and_then(|w| w.navigator().geolocation().ok())
        .ok_or(GeoError::Unsupported)?;
    let promise = js_sys::Promise::new(&mut |resolve, reject| {
        let ok = Closure::once_into_js(move |p: web_sys::Position| {
            let _ = resolve.call1(&JsValue::NULL, &p);
        });
        let err = Closure::once_into_js(move |e: web_sys::PositionError| {
            let _ = reject.call1(&JsValue::NULL, &JsValue::from(e.code()));
        });
        let options = web_sys::PositionOptions::new();
        options.set_enable_high_accuracy(true);
        options.set_timeout(20_000);
        options.set_maximum_age(30_000);
        let _ = geolocation.get_current_position_with_error_callback_and_options(
            ok.unchecked_ref(),
            Some(err.unchecked_ref()),
            &options,
        );
    });
    match wasm_bindgen_futures::JsFuture::from(promise).await {
        Ok(position) => {
            let coords = position.unchecked_into::<web_sys::Position>().coords();
            Ok(GpsPoint {
                lat: coords.latitude(),
                lon: coords.longitude(),
                accuracy: coords.accuracy(),
            })
        }
        Err(code) => Err(match code.as_f64().map(|c| c as u16) {
            Some(web_sys::PositionError::PERMISSION_DENIED) => GeoError::Denied,
            Some(web_sys::PositionError::TIMEOUT) => GeoError::Timeout,
            _ => GeoError::Unavailable,
        }),
    }
}
