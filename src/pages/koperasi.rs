//! `/koperasi`: the koperasi on this phone. Register one (name, chair's NIK, kelurahan, legal
//! number), choose the one whose members are being registered, and go straight to the next
//! member. The choice stays until it is changed here or in the form.

use domain::{FieldError, Kelurahan, errors::path, registration::KoperasiForm};
use leptos::prelude::*;

use crate::{
    i18n::{I18n, errors, form as f, koperasi as t, use_i18n},
    ids::new_registration_id,
    koperasi::{KoperasiContext, use_koperasi},
    pages::form::address::kelurahan_options,
    routes,
    store::SaveError,
};

/// The koperasi screen.
#[component]
pub fn KoperasiPage() -> impl IntoView {
    let i18n = use_i18n();
    let book = use_koperasi();
    let chosen = move || book.chosen_koperasi();
    view! {
        <main class="page koperasi">
            <h1>{move || i18n.t(&t::TITLE)}</h1>
            <p>{move || i18n.t(&t::INTRO)}</p>
            <section aria-labelledby="chosen-title" class="chosen">
                <h2 id="chosen-title">{move || i18n.t(&t::CHOSEN)}</h2>
                {move || match chosen() {
                    Some(k) => view! {
                        <p class="chosen-name"><strong>{k.name.clone()}</strong> " — " {kelurahan_name(&k.kelurahan)}</p>
                        <a class="button primary big" href=routes::NEW>{move || i18n.t(&t::REGISTER_MEMBER)}</a>
                        <button type="button" class="link" on:click=move |_| { let _ = book.choose(None); }>
                            {move || i18n.t(&t::UNCHOOSE)}
                        </button>
                    }.into_any(),
                    None => view! { <p>{move || i18n.t(&t::NONE_CHOSEN)}</p> }.into_any(),
                }}
            </section>
            <section aria-labelledby="list-title">
                <h2 id="list-title">{move || i18n.t(&t::ON_PHONE)}</h2>
                <Show
                    when=move || !book.list.with(Vec::is_empty)
                    fallback=move || view! { <p>{move || i18n.t(&t::EMPTY)}</p> }
                >
                    <ul class="records koperasi-list">
                        <For each=move || book.list.get() key=|k| (k.id.clone(), k.name.clone(), k.legal_number.clone()) let:k>
                            <KoperasiItem book koperasi=k/>
                        </For>
                    </ul>
                </Show>
            </section>
            <NewKoperasi book/>
        </main>
    }
}

fn kelurahan_name(code: &str) -> String {
    Kelurahan::parse(code)
        .map(|k| k.name().to_owned())
        .unwrap_or_default()
}

#[component]
fn KoperasiItem(book: KoperasiContext, koperasi: KoperasiForm) -> impl IntoView {
    let i18n = use_i18n();
    let id = koperasi.id.clone();
    let is_chosen = {
        let id = id.clone();
        move || book.chosen.with(|c| c.as_deref() == Some(id.as_str()))
    };
    let legal = koperasi.legal_number.clone();
    view! {
        <li class="koperasi-item">
            <span>
                <strong>{koperasi.name.clone()}</strong><br/>
                {kelurahan_name(&koperasi.kelurahan)} " · "
                {move || if legal.is_empty() { i18n.t(&t::NO_LEGAL_NUMBER).to_owned() } else { legal.clone() }}
            </span>
            <Show
                when=is_chosen.clone()
                fallback=move || {
                    let id = id.clone();
                    let name = koperasi.name.clone();
                    view! {
                        <button type="button" class="secondary"
                            aria-label=move || format!("{} {}", i18n.t(&t::CHOOSE), name)
                            on:click=move |_| { let _ = book.choose(Some(&id)); }>
                            {move || i18n.t(&t::CHOOSE)}
                        </button>
                    }
                }
            >
                <span class="badge">{move || i18n.t(&t::IS_CHOSEN)}</span>
            </Show>
        </li>
    }
}

/// What happened at the last "Simpan".
#[derive(Clone, Debug, PartialEq)]
enum Outcome {
    Invalid,
    Saved,
    Failed(SaveError),
}

fn fresh() -> KoperasiForm {
    KoperasiForm {
        via_koperasi: true,
        id: new_registration_id().to_string(),
        ..KoperasiForm::default()
    }
}

#[component]
fn NewKoperasi(book: KoperasiContext) -> impl IntoView {
    let i18n = use_i18n();
    let form = RwSignal::new(fresh());
    let outcome = RwSignal::new(None::<Outcome>);
    let errors = Memo::new(move |_| form.with(|k| k.validate_wadah().err().unwrap_or_default()));
    let save = move |_| match form.get_untracked().validate_wadah() {
        Err(_) => outcome.set(Some(Outcome::Invalid)),
        Ok(_) => {
            let koperasi = form.get_untracked();
            wasm_bindgen_futures::spawn_local(async move {
                match book.add(&koperasi).await {
                    Ok(()) => {
                        form.try_set(fresh());
                        outcome.try_set(Some(Outcome::Saved));
                    }
                    Err(e) => {
                        outcome.try_set(Some(Outcome::Failed(e)));
                    }
                }
            });
        }
    };
    let show = move || matches!(outcome.get(), Some(Outcome::Invalid));
    let field = move |path: &'static str,
                      label,
                      get: fn(&KoperasiForm) -> &String,
                      set: fn(&mut KoperasiForm, String),
                      inputmode: Option<&'static str>,
                      optional: bool| {
        view! { <WadahField form errors show path label get set inputmode optional i18n/> }
    };
    view! {
        <section aria-labelledby="new-koperasi-title">
            <h2 id="new-koperasi-title">{move || i18n.t(&t::NEW)}</h2>
            <form on:submit=|ev| ev.prevent_default() novalidate>
                {field(path::KOPERASI_NAME, t::NAME, |k| &k.name, |k, v| k.name = v, None, false)}
                {field(path::KOPERASI_CHAIR_NIK, t::CHAIR_NIK, |k| &k.chair_nik, |k, v| k.chair_nik = v, Some("numeric"), false)}
                <div class="field" class:invalid=move || show() && error_code(&errors.get(), path::KOPERASI_KELURAHAN).is_some()>
                    <label for="k-kelurahan">{move || i18n.t(&t::KELURAHAN)}</label>
                    <select id="k-kelurahan" aria-describedby="k-kelurahan-error"
                        on:change=move |ev| { let v = event_target_value(&ev); form.update(|k| k.kelurahan = v); }>
                        {move || kelurahan_options(i18n, &form.with(|k| k.kelurahan.clone()))}
                    </select>
                    <p class="field-error" id="k-kelurahan-error">
                        {move || show().then(|| message(i18n, &errors.get(), path::KOPERASI_KELURAHAN)).flatten()}
                    </p>
                </div>
                {field(path::KOPERASI_LEGAL_NUMBER, t::LEGAL_NUMBER, |k| &k.legal_number, |k, v| k.legal_number = v, None, true)}
                <div class="actions">
                    <button type="button" class="primary" on:click=save>{move || i18n.t(&t::SAVE)}</button>
                </div>
            </form>
            <p class="status" role="status">
                {move || outcome.get().map(|o| i18n.t(match o {
                    Outcome::Invalid => &t::CHECK,
                    Outcome::Saved => &t::SAVED,
                    Outcome::Failed(SaveError::Full) => &t::FULL,
                    // Locked, or changed by other tabs three times over: try again.
                    Outcome::Failed(_) => &t::REFUSED,
                }))}
            </p>
        </section>
    }
}

fn error_code(errors: &[FieldError], path: &str) -> Option<String> {
    errors
        .iter()
        .find(|e| e.path == path)
        .map(|e| e.code.clone())
}

fn message(i18n: I18n, errors: &[FieldError], path: &str) -> Option<&'static str> {
    error_code(errors, path).map(|code| {
        errors::message(&code)
            .unwrap_or(errors::UNKNOWN)
            .get(i18n.lang())
    })
}

/// One text input of the new-koperasi form, with its label and its error (shown once the
/// officer has tried to save).
#[component]
#[allow(clippy::too_many_arguments)] // one per aspect of the field, all plain values
fn WadahField(
    form: RwSignal<KoperasiForm>,
    errors: Memo<Vec<FieldError>>,
    show: impl Fn() -> bool + Copy + Send + Sync + 'static,
    path: &'static str,
    label: crate::i18n::Text,
    get: fn(&KoperasiForm) -> &String,
    set: fn(&mut KoperasiForm, String),
    inputmode: Option<&'static str>,
    optional: bool,
    i18n: I18n,
) -> impl IntoView {
    let id = format!("k-{}", path.replace('.', "-"));
    let error_id = format!("{id}-error");
    let error = move || show().then(|| message(i18n, &errors.get(), path)).flatten();
    view! {
        <div class="field" class:invalid=move || error().is_some()>
            <label for=id.clone()>
                {move || i18n.t(&label)}
                {optional.then(|| view! { " " <span class="optional">{move || i18n.t(&f::OPTIONAL)}</span> })}
            </label>
            <input id=id type="text" inputmode=inputmode autocomplete="off"
                aria-describedby=error_id.clone()
                aria-invalid=move || error().is_some().to_string()
                prop:value=move || form.with(|k| get(k).clone())
                on:input=move |ev| { let v = event_target_value(&ev); form.update(|k| set(k, v)); }
            />
            <p class="field-error" id=error_id>{error}</p>
        </div>
    }
}
