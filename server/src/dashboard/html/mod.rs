//! The dashboard's pages, written with maud: every value is escaped unless marked otherwise,
//! and officers' and koperasi names typed in the field are values like any other. One file per
//! section of the page; this one holds the page around them, the sign-in form and the table
//! every section uses.

mod activity;
mod handover;
mod progress;
mod regions;

use maud::{Markup, PreEscaped, html};

use super::words::Lang;
use crate::coverage::Stats;

/// A row of a [`table`]: its header cell (the area, the day, the officer…) and its other cells,
/// numbers written as the language writes them.
pub(super) struct Row {
    /// The first cell, a `<th scope="row">`.
    pub header: String,
    /// The rest, right-aligned.
    pub cells: Vec<String>,
}

/// A table named `label`, with a header row and rows; numbers are right-aligned by class. On a
/// narrow phone it may scroll sideways inside its wrapper, which is then a named, focusable
/// region so a keyboard can scroll it too.
pub(super) fn table(label: &str, headers: &[&str], rows: &[Row]) -> Markup {
    html! {
        div class="table-wrap" role="region" aria-label=(label) tabindex="0" {
            table {
                caption class="visually-hidden" { (label) }
                thead {
                    tr {
                        @for (i, header) in headers.iter().enumerate() {
                            th scope="col" class=[(i > 0).then_some("num")] { (header) }
                        }
                    }
                }
                tbody {
                    @for row in rows {
                        tr {
                            th scope="row" { (row.header) }
                            @for cell in &row.cells {
                                td class="num" { (cell) }
                            }
                        }
                    }
                }
            }
        }
    }
}

/// A card of the dashboard: a section with its id and heading.
pub(super) fn card(id: &str, heading: &str, content: Markup) -> Markup {
    html! {
        section class="card" id=(id) {
            h2 { (heading) }
            (content)
        }
    }
}

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
                link rel="stylesheet" href=(super::CSS_PATH);
            }
            body {
                header {
                    h1 { (w.title) }
                    nav {
                        a href=(format!("{}?lang={}", super::PAGE_PATH, other.code()))
                            lang=(other.code()) hreflang=(other.code()) { (w.other_language) }
                        @if signed_in {
                            form method="post" action=(super::SIGN_OUT_PATH) class="sign-out" {
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

/// The sign-in form, with `error` shown above it when a token was refused.
pub fn sign_in(lang: Lang, error: bool) -> String {
    let w = lang.words();
    let form = html! {
        section class="card sign-in" {
            h2 { (w.sign_in_heading) }
            @if error {
                p class="error" role="alert" { (w.wrong_token) }
            }
            form method="post" action=(super::SIGN_IN_PATH) {
                label for="token" { (w.token_label) }
                input id="token" name="token" type="password" autocomplete="current-password" required;
                button type="submit" { (w.sign_in_button) }
            }
            p class="help" { (w.sign_in_help) }
        }
    };
    page(lang, false, form)
}

/// The dashboard of `stats`.
pub fn dashboard(lang: Lang, stats: &Stats) -> String {
    let body = html! {
        (progress::progress(lang, stats))
        (progress::figures(lang, stats))
        (regions::kecamatan(lang, stats))
        (regions::kelurahan(lang, stats))
        (regions::business_types(lang, stats))
        (activity::trend(lang, stats))
        (activity::officers(lang, stats))
        (activity::koperasi(lang, stats))
        (handover::form(lang))
    };
    page(lang, true, body)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_character_that_could_open_markup_is_escaped() {
        let html = table(
            "<b>",
            &["\"x\""],
            &[Row {
                header: "<script>alert('x') & \"y\"</script>".to_owned(),
                cells: vec!["<img src=x>".to_owned()],
            }],
        )
        .into_string();
        // An apostrophe needs no escape: maud quotes every attribute with double quotes.
        assert!(html.contains(
            "<th scope=\"row\">&lt;script&gt;alert('x') &amp; &quot;y&quot;&lt;/script&gt;</th>"
        ));
        assert!(html.contains("aria-label=\"&lt;b&gt;\""));
        assert!(html.contains("<td class=\"num\">&lt;img src=x&gt;</td>"));
        assert!(!html.contains("<script") && !html.contains("<img") && !html.contains("<b>"));
    }
}
