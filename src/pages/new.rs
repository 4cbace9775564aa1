//! `/baru`: makes a new registration id and opens the form for it. Nothing is stored until
//! the first field is typed, so an abandoned tap leaves no empty draft.

use leptos::prelude::*;
use leptos_router::{NavigateOptions, hooks::use_navigate};

use crate::{ids::new_registration_id, routes};

/// Redirects to the form of a brand-new registration.
#[component]
pub fn NewPage() -> impl IntoView {
    let navigate = use_navigate();
    let id = new_registration_id().to_string();
    Effect::new(move || {
        navigate(
            &routes::form(&id),
            NavigateOptions {
                replace: true,
                ..Default::default()
            },
        )
    });
}
