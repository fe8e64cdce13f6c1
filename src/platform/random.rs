//! Random bytes from the browser's cryptographic generator.

/// `N` random bytes (all zero only if the browser refuses, which it does not
/// in a secure context).
pub fn bytes<const N: usize>() -> [u8; N] {
    let mut out = [0u8; N];
    if let Some(crypto) = web_sys::window().and_then(|w| w.crypto().ok()) {
        let _ = crypto.get_random_values_with_u8_array(&mut out);
    }
    out
}

/// A short random id in hex (row ids of repeated groups).
pub fn hex_id() -> String {
    bytes::<6>().iter().map(|b| format!("{b:02x}")).collect()
}
