//! The install action. Chromium-based browsers announce that the app can be installed
//! with `beforeinstallprompt`; the app keeps that event and shows its own "install"
//! button, which replays the browser's prompt. Safari on iPhone and iPad has no such
//! event: there the app shows the Add to Home Screen steps instead. Nothing is shown
//! once the app runs installed.

use leptos::prelude::*;
use wasm_bindgen::{JsCast, JsValue, closure::Closure};
use web_sys::Event;

/// How this browser can install the app.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum InstallWay {
    /// The browser offered its install prompt; the app can replay it.
    Prompt,
    /// iPhone/iPad: the user adds the app from the Share menu.
    IosSteps,
}

/// The install state, shared through context.
#[derive(Clone, Copy)]
pub struct Install {
    way: RwSignal<Option<InstallWay>>,
    prompt: StoredValue<Option<Event>, LocalStorage>,
}

impl Install {
    /// How the app can be installed here, or `None` (installed already, or the browser
    /// has not offered it) (tracked).
    pub fn way(&self) -> Option<InstallWay> {
        self.way.get()
    }

    /// Shows the browser's install prompt. A prompt can be shown once: the button goes
    /// away, and the browser announces again later if the user declined.
    pub fn prompt(&self) {
        let Some(event) = self.prompt.try_update_value(Option::take).flatten() else {
            return;
        };
        self.way.set(None);
        if let Ok(prompt) = js_sys::Reflect::get(&event, &"prompt".into())
            && let Some(prompt) = prompt.dyn_ref::<js_sys::Function>()
        {
            let _ = prompt.call0(&event);
        }
    }
}

/// The install state. Panics only if called outside `App`, a programming error.
pub fn use_install() -> Install {
    expect_context::<Install>()
}

pub(super) fn provide() {
    let install = Install {
        way: RwSignal::new(None),
        prompt: StoredValue::new_local(None),
    };
    provide_context(install);
    let Some(window) = web_sys::window() else {
        return;
    };
    if is_standalone(&window) {
        return;
    }
    if is_ios(&window) {
        install.way.set(Some(InstallWay::IosSteps));
        return;
    }
    let on_offer = Closure::<dyn FnMut(Event)>::new(move |event: Event| {
        // Keeps the browser's own mini-infobar away; the app's button replays the prompt.
        event.prevent_default();
        install.prompt.set_value(Some(event));
        install.way.set(Some(InstallWay::Prompt));
    });
    let on_installed = Closure::<dyn FnMut()>::new(move || {
        install.prompt.set_value(None);
        install.way.set(None);
    });
    let _ = window
        .add_event_listener_with_callback("beforeinstallprompt", on_offer.as_ref().unchecked_ref());
    let _ = window
        .add_event_listener_with_callback("appinstalled", on_installed.as_ref().unchecked_ref());
    // Listeners live as long as the page.
    on_offer.forget();
    on_installed.forget();
    // An offer made before this code arrived, kept by public/boot.js.
    let early = JsValue::from_str(EARLY_OFFER);
    if let Ok(offer) = js_sys::Reflect::get(&window, &early)
        && let Ok(event) = offer.dyn_into::<Event>()
    {
        let _ = js_sys::Reflect::delete_property(&window, &early);
        install.prompt.set_value(Some(event));
        install.way.set(Some(InstallWay::Prompt));
    }
}

/// Where public/boot.js keeps an install offer the browser made before the app had started.
const EARLY_OFFER: &str = "lindungiInstallOffer";

/// Running from the home screen already (any platform; `navigator.standalone` on iOS).
fn is_standalone(window: &web_sys::Window) -> bool {
    let display_mode = window
        .match_media("(display-mode: standalone)")
        .ok()
        .flatten()
        .is_some_and(|m| m.matches());
    let ios_standalone = js_sys::Reflect::get(&window.navigator(), &"standalone".into())
        .ok()
        .and_then(|v| v.as_bool())
        .unwrap_or(false);
    display_mode || ios_standalone
}

/// iPhone, iPod or iPad. iPadOS 13+ says "Macintosh" but, unlike a Mac, has touch.
fn is_ios(window: &web_sys::Window) -> bool {
    let navigator = window.navigator();
    let ua = navigator.user_agent().unwrap_or_default();
    ["iPhone", "iPad", "iPod"].iter().any(|d| ua.contains(d))
        || (ua.contains("Macintosh") && navigator.max_touch_points() > 1)
}
