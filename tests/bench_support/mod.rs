//! What the browser benchmarks share: a clock and percentiles.

/// Milliseconds from the page's high-resolution clock.
pub fn now() -> f64 {
    web_sys::window().unwrap().performance().unwrap().now()
}

/// The `p`th percentile (nearest rank) of `samples` (sorted in place).
pub fn percentile(samples: &mut [f64], p: f64) -> f64 {
    samples.sort_by(f64::total_cmp);
    let rank = ((p / 100.0) * samples.len() as f64).ceil() as usize;
    samples[rank.clamp(1, samples.len()) - 1]
}
