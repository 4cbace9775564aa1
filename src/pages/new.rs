//! `/baru`: makes a new registration id and opens the form for it. Nothing is stored until
//! the first field is typed, so an abandoned tap leaves no empty draft — unless it was started
//! from a worklist entry (`/baru?dari=<roster id>`): that draft is filled in and stored at once.

use leptos::prelude::*;
use leptos_router::{
    NavigateOptions,
    hooks::{use_navigate, use_query_map},
};

use crate::{ids::new_registration_id, routes};

/// Redirects to the form of a brand-new registration.
#[component]
pub fn NewPage() -> impl IntoView {
    let navigate = use_navigate();
    let id = new_registration_id().to_string();
    let from = use_query_map().with_untracked(|q| q.get(routes::FROM_ROSTER));
    Effect::new(move || {
        let mut to = routes::form(&id);
        if let Some(roster_id) = from.as_deref().and_then(|r| r.parse::<u64>().ok()) {
            to = format!("{to}?{}={roster_id}", routes::FROM_ROSTER);
        }
        navigate(
            &to,
            NavigateOptions {
                replace: true,
                ..Default::default()
            },
        )
    });
}
