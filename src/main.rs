//! Entry point of the PWA: panic hook, then mount.

fn main() {
    console_error_panic_hook::set_once();
    leptos::mount::mount_to_body(rukun::app::App);
}
