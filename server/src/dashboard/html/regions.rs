//! Where: the kecamatan and kelurahan cards (against the roster when one is loaded, else
//! registrations by address), and the roster's business types.

use maud::{Markup, html};

use super::parts::{Row, card, table};
use crate::{
    coverage::Stats,
    dashboard::{
        charts::{self, Bar},
        words::Lang,
    },
};

/// A region as its card shows it.
struct Area {
    name: &'static str,
    /// Roster entries here (0 without a roster).
    on_roster: i64,
    /// Registered: roster entries covered, or registrations by address without a roster.
    registered: i64,
    /// Roster entries not registered yet (0 without a roster).
    not_yet: i64,
}

/// The kecamatan card.
pub(super) fn kecamatan(lang: Lang, stats: &Stats) -> Markup {
    let areas: Vec<Area> = if stats.roster_size > 0 {
        stats.coverage_by_kecamatan.iter().map(covered).collect()
    } else {
        stats.by_kecamatan.iter().map(by_address).collect()
    };
    regions(lang, "kecamatan", lang.words().by_kecamatan, stats, &areas)
}

/// The kelurahan card.
pub(super) fn kelurahan(lang: Lang, stats: &Stats) -> Markup {
    let areas: Vec<Area> = if stats.roster_size > 0 {
        stats.coverage_by_kelurahan.iter().map(covered).collect()
    } else {
        stats.by_kelurahan.iter().map(by_address).collect()
    };
    regions(lang, "kelurahan", lang.words().by_kelurahan, stats, &areas)
}

fn covered(region: &crate::coverage::RegionCoverage) -> Area {
    Area {
        name: region.name,
        on_roster: region.on_roster,
        registered: region.covered,
        not_yet: region.not_covered,
    }
}

fn by_address(region: &crate::coverage::RegionCount) -> Area {
    Area {
        name: region.name,
        on_roster: 0,
        registered: region.count,
        not_yet: 0,
    }
}

/// A region's chart and table: against the roster when one is loaded, else registrations by
/// address.
fn regions(lang: Lang, id: &str, title: &str, stats: &Stats, areas: &[Area]) -> Markup {
    let w = lang.words();
    let chart_id = format!("{id}-chart");
    let content = if stats.roster_size > 0 {
        let bars: Vec<Bar> = areas
            .iter()
            .map(|a| Bar {
                label: a.name.to_owned(),
                value: a.registered,
                total: Some(a.on_roster),
                caption: format!("{}/{}", lang.int(a.registered), lang.int(a.on_roster)),
            })
            .collect();
        let rows: Vec<Row> = areas
            .iter()
            .map(|a| {
                let percent = if a.on_roster > 0 {
                    a.registered as f64 * 100.0 / a.on_roster as f64
                } else {
                    0.0
                };
                Row {
                    header: a.name.to_owned(),
                    cells: vec![
                        lang.int(a.on_roster),
                        lang.int(a.registered),
                        lang.int(a.not_yet),
                        lang.percent(percent),
                    ],
                }
            })
            .collect();
        html! {
            (charts::bars(&chart_id, title, w.chart_roster, &bars))
            (table(title, &[w.area, w.on_roster, w.registered, w.not_yet, "%"], &rows))
        }
    } else {
        let bars: Vec<Bar> = areas
            .iter()
            .map(|a| Bar {
                label: a.name.to_owned(),
                value: a.registered,
                total: None,
                caption: lang.int(a.registered),
            })
            .collect();
        let rows: Vec<Row> = areas
            .iter()
            .map(|a| Row {
                header: a.name.to_owned(),
                cells: vec![lang.int(a.registered)],
            })
            .collect();
        html! {
            (charts::bars(&chart_id, title, w.chart_address, &bars))
            (table(title, &[w.area, w.registrations], &rows))
        }
    };
    card(id, title, content)
}

/// The roster's business types, only when a roster is loaded (registrations by business type
/// are in the JSON figures).
pub(super) fn business_types(lang: Lang, stats: &Stats) -> Markup {
    if stats.roster_size == 0 {
        return html! {};
    }
    let w = lang.words();
    let rows: Vec<Row> = stats
        .coverage_by_business_type
        .iter()
        .map(|t| Row {
            header: t.business_type.clone(),
            cells: vec![
                lang.int(t.on_roster),
                lang.int(t.covered),
                lang.int(t.not_covered),
            ],
        })
        .collect();
    let headers = [w.business_type, w.on_roster, w.registered, w.not_yet];
    card(
        "business-types",
        w.by_type,
        table(w.by_type, &headers, &rows),
    )
}
