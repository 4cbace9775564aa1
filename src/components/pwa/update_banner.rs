//! "A new version is available": switches only when the user agrees and no form holds
//! changes that are not stored yet (switching reloads the page).

use leptos::prelude::*;

use crate::{
    i18n::{pwa, use_i18n},
    pwa::{use_unsaved_changes, use_update},
};

/// The offer to switch to a new version, shown once one is installed and waiting.
#[component]
pub fn UpdateBanner() -> impl IntoView {
    let i18n = use_i18n();
    let update = use_update();
    let unsaved = use_unsaved_changes();
    // The user asked while a form held unsaved changes; the reason shows until they
    // are stored.
    let (refused, set_refused) = signal(false);
    let switch = move |_| {
        let refuse = unsaved.get_untracked();
        set_refused.set(refuse);
        if !refuse {
            update.accept();
        }
    };
    // Re-rendered whole when anything it shows changes: rare, and far less wasm than a
    // reactive closure per text. `unsaved` is read only after a refusal.
    move || {
        update.ready().then(|| {
            view! {
                <div class="page">
                    <aside class="notice" aria-label=i18n.t(&pwa::UPDATE_REGION)>
                        <p>{i18n.t(&pwa::UPDATE_AVAILABLE)}</p>
                        <button type="button" on:click=switch disabled=update.accepted()>
                            {i18n.t(if update.accepted() { &pwa::UPDATING } else { &pwa::UPDATE_NOW })}
                        </button>
                        {(refused.get() && unsaved.get())
                            .then(|| view! { <p role="alert">{i18n.t(&pwa::SAVE_FORM_FIRST)}</p> })}
                    </aside>
                </div>
            }
        })
    }
}
