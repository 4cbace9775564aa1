//! The installable app's notices: a new version to switch to, and how to install.

mod install_button;
mod update_banner;

use leptos::prelude::*;

pub use install_button::InstallButton;
pub use update_banner::UpdateBanner;

/// Everything the installable app shows, under the header of every screen. Each part
/// shows only when it has something to say.
#[component]
pub fn PwaNotices() -> impl IntoView {
    view! {
        <UpdateBanner/>
        <InstallButton/>
    }
}
