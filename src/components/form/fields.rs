//! Form controls: each has a visible label tied to its input, and its error right below
//! it in the user's language, tied with `aria-describedby` so a screen reader reads both.

use leptos::prelude::*;

use super::draft::{Draft, Lens, Toggle};
use crate::i18n::{Text, errors, use_i18n};

fn dom_id(path: &str) -> String {
    format!("f-{}", path.replace('.', "-"))
}

/// The error under a field, if any.
#[component]
pub fn FieldError(draft: Draft, path: &'static str) -> impl IntoView {
    let i18n = use_i18n();
    let id = format!("{}-error", dom_id(path));
    view! {
        <p class="field-error" id=id>
            {move || draft.error_at(path).map(|code| {
                errors::message(&code).unwrap_or(errors::UNKNOWN).get(i18n.lang())
            })}
        </p>
    }
}

/// A one-line text input.
#[component]
pub fn TextField(
    /// The draft being edited.
    draft: Draft,
    /// Which field.
    lens: Lens,
    /// The visible label.
    label: Text,
    /// A hint shown under the label.
    #[prop(optional)]
    hint: Option<Text>,
    /// Marks the field as optional in its label.
    #[prop(optional)]
    optional: bool,
    /// The input's `type` (text, tel, email, date, month).
    #[prop(default = "text")]
    kind: &'static str,
    /// The on-screen keyboard to show (numeric, tel, email…).
    #[prop(optional)]
    inputmode: Option<&'static str>,
    /// The browser's autofill hint.
    #[prop(default = "off")]
    autocomplete: &'static str,
) -> impl IntoView {
    let i18n = use_i18n();
    let id = dom_id(lens.path);
    let error_id = format!("{id}-error");
    let hint_id = format!("{id}-hint");
    let described = if hint.is_some() {
        format!("{hint_id} {error_id}")
    } else {
        error_id
    };
    let value = move || draft.sub.with(|s| (lens.get)(s));
    view! {
        <div class="field" class:invalid=move || draft.error_at(lens.path).is_some()>
            <label for=id.clone()>
                {move || i18n.t(&label)}
                {optional.then(|| view! { " " <span class="optional">{move || i18n.t(&crate::i18n::form::OPTIONAL)}</span> })}
            </label>
            {hint.map(|h| view! { <p class="hint" id=hint_id.clone()>{move || i18n.t(&h)}</p> })}
            <input
                id=id
                type=kind
                inputmode=inputmode
                autocomplete=autocomplete
                aria-describedby=described
                aria-invalid=move || draft.error_at(lens.path).is_some().to_string()
                prop:value=value
                on:input=move |ev| {
                    let v = event_target_value(&ev);
                    draft.change(lens.path, |s| (lens.set)(s, v));
                }
                on:blur=move |_| draft.touch(&[lens.path])
            />
            <FieldError draft path=lens.path/>
        </div>
    }
}

/// A checkbox with its label beside it.
#[component]
pub fn CheckField(
    /// The draft being edited.
    draft: Draft,
    /// Which field.
    toggle: Toggle,
    /// The visible label.
    label: Text,
) -> impl IntoView {
    let i18n = use_i18n();
    let id = dom_id(toggle.path);
    view! {
        <div class="field check">
            <input
                id=id.clone()
                type="checkbox"
                prop:checked=move || draft.sub.with(|s| (toggle.get)(s))
                aria-describedby=format!("{id}-error")
                on:change=move |ev| {
                    let v = event_target_checked(&ev);
                    draft.change(toggle.path, |s| (toggle.set)(s, v));
                }
            />
            <label for=id>{move || i18n.t(&label)}</label>
            <FieldError draft path=toggle.path/>
        </div>
    }
}

/// A drop-down list; `options` gives its `<option>`s (and `<optgroup>`s).
#[component]
pub fn SelectField(
    /// The draft being edited.
    draft: Draft,
    /// Which field.
    lens: Lens,
    /// The visible label.
    label: Text,
    /// The options for the current value, built by the caller with `selected` on the
    /// chosen one (rebuilt when the value or the language changes).
    options: Callback<String, AnyView>,
) -> impl IntoView {
    let i18n = use_i18n();
    let id = dom_id(lens.path);
    let error_id = format!("{id}-error");
    view! {
        <div class="field" class:invalid=move || draft.error_at(lens.path).is_some()>
            <label for=id.clone()>{move || i18n.t(&label)}</label>
            <select
                id=id
                aria-describedby=error_id
                aria-invalid=move || draft.error_at(lens.path).is_some().to_string()
                on:change=move |ev| {
                    let v = event_target_value(&ev);
                    draft.change(lens.path, |s| (lens.set)(s, v));
                }
            >
                {move || options.run(draft.sub.with(|s| (lens.get)(s)))}
            </select>
            <FieldError draft path=lens.path/>
        </div>
    }
}
