//! When and who: the daily trend, and the counts per officer and per koperasi.

use maud::{Markup, html};

use super::parts::{Row, card, table};
use crate::{
    coverage::Stats,
    dashboard::{charts, words::Lang},
};

/// Days shown in the trend chart: a month fits a phone's width with bars still visible.
const TREND_DAYS: usize = 30;

/// Registrations per day of receipt over the last [`TREND_DAYS`], as a chart and, folded, as
/// numbers (newest first).
pub(super) fn trend(lang: Lang, stats: &Stats) -> Markup {
    let w = lang.words();
    let days = &stats.by_day[stats.by_day.len().saturating_sub(TREND_DAYS)..];
    let content = if days.is_empty() {
        html! { p { (w.nothing_yet) } }
    } else {
        let rows: Vec<Row> = days
            .iter()
            .rev()
            .map(|d| Row {
                header: d.date.clone(),
                cells: vec![lang.int(d.count)],
            })
            .collect();
        let desc = w.trend_desc.replace("{n}", &days.len().to_string());
        html! {
            (charts::trend("trend-chart", w.trend_heading, &desc, days))
            details {
                summary { (w.daily_numbers) }
                (table(w.daily_numbers, &[w.day, w.registrations], &rows))
            }
        }
    };
    card("trend", w.trend_heading, content)
}

/// Registrations per officer, most first.
pub(super) fn officers(lang: Lang, stats: &Stats) -> Markup {
    let w = lang.words();
    let rows: Vec<Row> = stats
        .by_officer
        .iter()
        .map(|o| Row {
            header: o.name.clone(),
            cells: vec![lang.int(o.count)],
        })
        .collect();
    card(
        "officers",
        w.by_officer,
        table_or_nothing(lang, w.by_officer, &[w.officer, w.registrations], &rows),
    )
}

/// Members registered per koperasi, most first, with the kelurahan it is based in.
pub(super) fn koperasi(lang: Lang, stats: &Stats) -> Markup {
    let w = lang.words();
    let rows: Vec<Row> = stats
        .by_koperasi
        .iter()
        .map(|k| Row {
            header: k.name.clone(),
            cells: vec![k.kelurahan.clone(), lang.int(k.count)],
        })
        .collect();
    let headers = [w.koperasi, w.kelurahan, w.members];
    card(
        "koperasi",
        w.by_koperasi,
        table_or_nothing(lang, w.by_koperasi, &headers, &rows),
    )
}

/// The table, or "no data yet" when it has no rows.
fn table_or_nothing(lang: Lang, label: &str, headers: &[&str], rows: &[Row]) -> Markup {
    if rows.is_empty() {
        html! { p { (lang.words().nothing_yet) } }
    } else {
        table(label, headers, rows)
    }
}
