//! Entry point of the app: a readable panic in the console, mount, then the other screens'
//! code in the background (see `pages::lazy`).

fn main() {
    console_error_panic_hook::set_once();
    leptos::mount::mount_to_body(lindungi::App);
    lindungi::pages::lazy::load_the_others();
}
