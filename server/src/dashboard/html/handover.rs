//! The hand-over card: one set of filters, one button per list and format (the button chooses
//! the address, so no script is needed).

use domain::Kelurahan;
use maud::{Markup, html};

use super::parts::card;
use crate::{
    dashboard::words::{Lang, Words},
    export::{Format, HandOver, List},
};

/// The button's text for a file.
fn label(w: &Words, file: HandOver) -> &'static str {
    match (file.list, file.format) {
        (List::Bpu, Format::Xlsx) => w.bpu_xlsx,
        (List::Bpu, Format::Csv) => w.bpu_csv,
        (List::Workers, Format::Xlsx) => w.pu_xlsx,
        (List::Workers, Format::Csv) => w.pu_csv,
    }
}

/// The download form: the filters, then a button per file of [`HandOver::ALL`].
pub(super) fn form(lang: Lang) -> Markup {
    let w = lang.words();
    let content = html! {
        p class="help" { (w.handover_help) }
        form method="get" action=(HandOver::ALL[0].path()) class="handover" {
            div class="field" {
                label for="handover-from" { (w.from) }
                input id="handover-from" name="from" type="date";
            }
            div class="field" {
                label for="handover-to" { (w.to) }
                input id="handover-to" name="to" type="date";
            }
            div class="field" {
                label for="handover-kelurahan" { (w.kelurahan) }
                select id="handover-kelurahan" name="kelurahan" {
                    option value="" { (w.all_kelurahan) }
                    @for k in Kelurahan::ALL {
                        option value=(k.code()) { (k.name()) }
                    }
                }
            }
            div class="buttons" {
                @for file in HandOver::ALL {
                    button type="submit" formaction=(file.path()) { (label(w, file)) }
                }
            }
        }
    };
    card("handover", w.handover_heading, content)
}
