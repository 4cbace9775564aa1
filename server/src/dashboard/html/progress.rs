//! The first cards: progress toward the target, and the key figures.

use maud::{Markup, html};

use super::parts::card;
use crate::{coverage::Stats, dashboard::words::Lang};

/// How far the city is toward its target, as a sentence and a progress bar.
pub(super) fn progress(lang: Lang, stats: &Stats) -> Markup {
    let w = lang.words();
    let roster = stats.roster_size > 0;
    let note = if roster {
        w.target_roster
    } else {
        w.target_default
    }
    .replace("{n}", &lang.int(i64::from(stats.target)));
    let percent = lang.percent(stats.percent_of_target);
    let max = stats.target.max(1);
    let content = html! {
        p class="big" {
            span id="progress-figure" { (lang.int(stats.progress)) }
            " " (w.progress_of) " " (lang.int(i64::from(stats.target))) " ("
            span id="progress-percent" { (percent) }
            ")"
        }
        label for="progress-bar" class="visually-hidden" { (w.progress_label) }
        progress id="progress-bar" max=(max) value=(stats.progress.min(i64::from(max))) { (percent) }
        p class="help" { (note) }
    };
    card("progress", w.progress_heading, content)
}

/// One key figure: what it counts and how many.
struct Figure {
    label: &'static str,
    count: i64,
}

/// The key figures: received, the roster's split when a roster is loaded, outside the city,
/// workers listed.
pub(super) fn figures(lang: Lang, stats: &Stats) -> Markup {
    let w = lang.words();
    let figure = |label, count| Figure { label, count };
    let mut figures = vec![figure(w.total, stats.total)];
    if stats.roster_size > 0 {
        figures.extend([
            figure(w.covered, stats.covered),
            figure(w.not_covered, stats.not_covered),
            figure(w.not_on_roster, stats.not_on_roster),
        ]);
    }
    figures.extend([
        figure(w.outside_city, stats.outside_city),
        figure(w.workers, stats.workers_listed),
    ]);
    let content = html! {
        dl class="figures" {
            @for f in &figures {
                div {
                    dt { (f.label) }
                    dd { (lang.int(f.count)) }
                }
            }
        }
    };
    card("figures", w.figures_heading, content)
}
