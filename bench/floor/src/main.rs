//! A bare Leptos 0.8 app with what the first screen of any app like Lindungi's needs: a router
//! with two routes, a PIN field bound to a signal, a button and a link. Nothing of Lindungi's
//! own: its size is the framework's floor (see Cargo.toml).

use leptos::prelude::*;
use leptos_router::{
    components::{A, Route, Router, Routes},
    path,
};

/// A PIN field and a button that shows what was typed: a signal, an event, a derived view.
#[component]
fn Pin() -> impl IntoView {
    let (pin, set_pin) = signal(String::new());
    let (tries, set_tries) = signal(0u32);
    view! {
        <main>
            <label for="pin">"PIN"</label>
            <input id="pin" type="password" inputmode="numeric"
                prop:value=pin on:input=move |ev| set_pin.set(event_target_value(&ev)) />
            <button on:click=move |_| set_tries.update(|n| *n += 1)>"Buka"</button>
            <p>{move || format!("{} digits, {} tries", pin.get().len(), tries.get())}</p>
            <A href="/other">"Other"</A>
        </main>
    }
}

/// A second screen, so that the router has a choice to make.
#[component]
fn Other() -> impl IntoView {
    view! { <main><h1>"Other"</h1><A href="/">"Back"</A></main> }
}

#[component]
fn App() -> impl IntoView {
    view! {
        <Router>
            <Routes fallback=|| "Not found">
                <Route path=path!("/") view=Pin />
                <Route path=path!("/other") view=Other />
            </Routes>
        </Router>
    }
}

fn main() {
    console_error_panic_hook::set_once();
    leptos::mount::mount_to_body(App);
}
