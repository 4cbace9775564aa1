//! Entry point of the app: a readable panic in the console, then mount.

fn main() {
    console_error_panic_hook::set_once();
    leptos::mount::mount_to_body(lindungi::App);
}
