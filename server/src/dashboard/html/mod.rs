//! The dashboard's pages, written with maud: every value is escaped unless marked otherwise,
//! and officers' and koperasi names typed in the field are values like any other. One file per
//! section of the page, the pieces they share in [`parts`]; this one holds the page around
//! them and the sign-in form.

mod activity;
mod audit;
mod field;
mod handover;
mod parts;
mod progress;
mod regions;

use maud::{Markup, PreEscaped, html};

pub use field::{Field, area_refused};

use crate::{
    audit::Entry,
    coverage::Stats,
    dashboard::{paths, words::Lang},
};

/// The page around `body`: language, title, the stylesheet, and the header with the language
/// switch (and sign-out when signed in).
fn page(lang: Lang, signed_in: bool, body: Markup) -> String {
    let w = lang.words();
    let other = match lang {
        Lang::Id => Lang::En,
        Lang::En => Lang::Id,
    };
    html! {
        (PreEscaped("<!doctype html>\n"))
        html lang=(lang.code()) {
            head {
                meta charset="utf-8";
                meta name="viewport" content="width=device-width, initial-scale=1";
                meta name="robots" content="noindex";
                title { (w.title) }
                link rel="stylesheet" href=(paths::CSS_PATH);
            }
            body {
                header {
                    h1 { (w.title) }
                    nav {
                        a href=(format!("{}?lang={}", paths::PAGE_PATH, other.code()))
                            lang=(other.code()) hreflang=(other.code()) { (w.other_language) }
                        @if signed_in {
                            form method="post" action=(paths::SIGN_OUT_PATH) class="sign-out" {
                                button type="submit" { (w.sign_out) }
                            }
                        }
                    }
                }
                main { (body) }
            }
        }
        "\n"
    }
    .into_string()
}

/// Why a sign-in was refused, as the form then says.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Refusal {
    /// The token is unknown or revoked.
    WrongToken,
    /// The token has expired (on this day, UTC).
    Expired(String),
    /// Too many wrong tokens from this address: wait this many minutes.
    Held(u64),
}

/// The sign-in form, with why a token was refused above it, if it was.
pub fn sign_in(lang: Lang, refused: Option<Refusal>) -> String {
    let w = lang.words();
    let error = refused.map(|refusal| match refusal {
        Refusal::WrongToken => w.wrong_token.to_owned(),
        Refusal::Expired(day) => w.token_expired.replace("{day}", &day),
        Refusal::Held(minutes) => w.sign_in_held.replace("{n}", &minutes.to_string()),
    });
    let form = html! {
        section class="card sign-in" {
            h2 { (w.sign_in_heading) }
            @if let Some(error) = error {
                p class="error" role="alert" { (error) }
            }
            form method="post" action=(paths::SIGN_IN_PATH) {
                label for="token" { (w.token_label) }
                input id="token" name="token" type="password" autocomplete="current-password" required;
                button type="submit" { (w.sign_in_button) }
            }
            p class="help" { (w.sign_in_help) }
        }
    };
    page(lang, false, form)
}

/// The dashboard of `stats`, with the officers' phones and areas of `field` and the audit
/// trail's newest entries.
pub fn dashboard(lang: Lang, stats: &Stats, field: &Field, trail: &[Entry]) -> String {
    let body = html! {
        (progress::progress(lang, stats))
        (progress::figures(lang, stats))
        (regions::kecamatan(lang, stats))
        (regions::kelurahan(lang, stats))
        (regions::business_types(lang, stats))
        (activity::trend(lang, stats))
        (activity::officers(lang, stats))
        (activity::koperasi(lang, stats))
        (field::phones(lang, field))
        (field::areas(lang, stats, field))
        (handover::form(lang))
        (audit::trail(lang, trail))
    };
    page(lang, true, body)
}
