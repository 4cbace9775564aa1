//! "Install the app": replays the browser's install prompt where there is one, and on
//! iPhone/iPad shows the Add to Home Screen steps.

use leptos::prelude::*;

use crate::{
    i18n::{pwa, use_i18n},
    pwa::{InstallWay, use_install},
};

/// The install action, shown only where the app can be installed and is not yet.
#[component]
pub fn InstallButton() -> impl IntoView {
    let i18n = use_i18n();
    let install = use_install();
    let (steps_open, set_steps_open) = signal(false);
    // Re-rendered whole when anything changes (a button and three lines, rarely): one
    // closure costs far less wasm than a reactive closure per text.
    move || {
        let way = install.way()?;
        let ios = way == InstallWay::IosSteps;
        let open = ios && steps_open.get();
        Some(view! {
            <div class="page">
                <aside class="notice" aria-label=i18n.t(&pwa::INSTALL_REGION)>
                    <button
                        type="button"
                        aria-expanded=ios.then_some(if open { "true" } else { "false" })
                        on:click=move |_| {
                            if ios {
                                set_steps_open.update(|o| *o = !*o)
                            } else {
                                install.prompt()
                            }
                        }
                    >
                        {i18n.t(&pwa::INSTALL)}
                    </button>
                    {open
                        .then(|| {
                            view! {
                                <ol aria-label=i18n.t(&pwa::IOS_STEPS)>
                                    <li>{i18n.t(&pwa::IOS_STEP_SHARE)}</li>
                                    <li>{i18n.t(&pwa::IOS_STEP_ADD)}</li>
                                    <li>{i18n.t(&pwa::IOS_STEP_CONFIRM)}</li>
                                </ol>
                            }
                        })}
                </aside>
            </div>
        })
    }
}
