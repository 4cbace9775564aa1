//! The field cards: each officer's area with the coverage of its roster and a form to change
//! it, and each phone with what waits on it — flagged when something has waited more than three
//! days or the app is not the version this endpoint serves.

use domain::{Kelurahan, Timestamp, wire::worklist::Area};
use maud::{Markup, html};

use super::parts::card;
use crate::{
    areas::OfficerArea,
    coverage::Stats,
    dashboard::{paths, words::Lang},
    devices_health::Phone,
};

/// What the field cards show.
pub struct Field {
    /// Active officers and their areas.
    pub officers: Vec<OfficerArea>,
    /// Active phones with their latest reports.
    pub phones: Vec<Phone>,
    /// The app version this endpoint serves, if known.
    pub served_version: Option<String>,
    /// Now (unix millis).
    pub now: i64,
}

/// The roster of `area`: (entries, of them registered).
fn area_coverage(area: &Area, stats: &Stats) -> Option<(i64, i64)> {
    match area {
        Area::Kelurahan { kelurahan } => Some(
            stats
                .coverage_by_kelurahan
                .iter()
                .filter(|r| kelurahan.iter().any(|k| k.code() == r.code))
                .fold((0, 0), |(n, c), r| (n + r.on_roster, c + r.covered)),
        ),
        Area::WholeCity => Some((stats.roster_size, stats.covered)),
        Area::Unassigned => None,
    }
}

/// An area in words.
fn area_text(lang: Lang, area: &Area) -> String {
    let w = lang.field();
    match area {
        Area::Kelurahan { kelurahan } => kelurahan
            .iter()
            .map(|k| k.name())
            .collect::<Vec<_>>()
            .join(", "),
        Area::WholeCity => w.whole_city.to_owned(),
        Area::Unassigned => w.unassigned.to_owned(),
    }
}

/// Each officer's area, its roster's coverage, and a form to change it.
pub(super) fn areas(lang: Lang, stats: &Stats, field: &Field) -> Markup {
    let w = lang.field();
    let content = html! {
        p class="help" { (w.areas_help) }
        @if field.officers.is_empty() {
            p { (w.no_officers) }
        } @else {
            div class="table-wrap" role="region" aria-label=(w.areas_heading) tabindex="0" {
                table {
                    caption class="visually-hidden" { (w.areas_heading) }
                    thead {
                        tr {
                            th scope="col" { (w.officer) }
                            th scope="col" { (w.area) }
                            th scope="col" class="num" { (w.on_roster) }
                            th scope="col" class="num" { (w.covered) }
                        }
                    }
                    tbody {
                        @for officer in &field.officers {
                            @let coverage = area_coverage(&officer.area, stats);
                            tr id=(format!("officer-{}", officer.id)) {
                                th scope="row" { (officer.name) }
                                td { (area_text(lang, &officer.area)) }
                                @match coverage {
                                    Some((on_roster, covered)) => {
                                        td class="num" { (lang.int(on_roster)) }
                                        td class="num" {
                                            (lang.int(covered))
                                            @if on_roster > 0 {
                                                " (" (lang.percent(covered as f64 * 100.0 / on_roster as f64)) ")"
                                            }
                                        }
                                    }
                                    None => { td class="num" { "—" } td class="num" { "—" } }
                                }
                            }
                        }
                    }
                }
            }
            @for officer in &field.officers {
                (area_form(lang, officer))
            }
        }
    };
    card("areas", w.areas_heading, content)
}

/// The form that replaces one officer's area: a box per kelurahan, and one for the whole city.
fn area_form(lang: Lang, officer: &OfficerArea) -> Markup {
    let w = lang.field();
    let id = officer.id;
    html! {
        details class="area-form" {
            summary { (w.change_area.replace("{name}", &officer.name)) }
            form method="post" action=(paths::AREA_PATH) {
                input type="hidden" name="officer" value=(id);
                fieldset {
                    legend { (w.kelurahan_of.replace("{name}", &officer.name)) }
                    div class="choices" {
                        @for (i, k) in Kelurahan::ALL.iter().enumerate() {
                            @let input_id = format!("area-{id}-{i}");
                            div class="choice" {
                                input type="checkbox" id=(input_id) name="kelurahan" value=(k.code())
                                    checked[officer.area.includes(*k) && officer.area != Area::WholeCity];
                                label for=(input_id) { (k.name()) }
                            }
                        }
                    }
                }
                div class="choice" {
                    input type="checkbox" id=(format!("area-{id}-city")) name="whole_city" value="1"
                        checked[officer.area == Area::WholeCity];
                    label for=(format!("area-{id}-city")) { (w.whole_city_choice) }
                }
                button type="submit" { (w.save_area) }
            }
        }
    }
}

/// A time as Mojokerto reads it: `2026-06-15 12:00 WIB`.
fn wib(millis: i64) -> String {
    const WIB_OFFSET: i64 = 7 * 3_600_000;
    let Ok(at) = Timestamp::from_unix_millis(millis) else {
        return String::new();
    };
    let of_day = (millis + WIB_OFFSET).rem_euclid(86_400_000) / 60_000;
    format!(
        "{} {:02}:{:02} WIB",
        at.date_wib(),
        of_day / 60,
        of_day % 60
    )
}

/// How long, in the largest whole unit that fits.
fn age(lang: Lang, millis: i64) -> String {
    let w = lang.field();
    let minutes = millis.max(0) / 60_000;
    let (text, n) = if minutes < 60 {
        (w.minutes, minutes)
    } else if minutes < 24 * 60 {
        (w.hours, minutes / 60)
    } else {
        (w.days, minutes / (24 * 60))
    };
    text.replace("{n}", &lang.int(n))
}

/// Bytes as megabytes with one decimal, as the language writes them (`1,3 MB`).
fn megabytes(lang: Lang, bytes: i64) -> String {
    let text = format!("{:.1} MB", bytes as f64 / 1_000_000.0);
    match lang {
        Lang::Id => text.replace('.', ","),
        Lang::En => text,
    }
}

/// Each phone: officer, name, last seen, waiting, oldest waiting, app version, storage; flags
/// in words beside the value, never by colour alone.
pub(super) fn phones(lang: Lang, field: &Field) -> Markup {
    let w = lang.field();
    let served = field.served_version.as_deref();
    let content = html! {
        p class="help" { (w.phones_help) }
        @if field.phones.is_empty() {
            p { (w.no_phones) }
        } @else {
            div class="table-wrap" role="region" aria-label=(w.phones_heading) tabindex="0" {
                table {
                    caption class="visually-hidden" { (w.phones_heading) }
                    thead {
                        tr {
                            th scope="col" { (w.officer) }
                            th scope="col" { (w.phone) }
                            th scope="col" { (w.last_seen) }
                            th scope="col" class="num" { (w.waiting) }
                            th scope="col" { (w.oldest_waiting) }
                            th scope="col" { (w.app_version) }
                            th scope="col" class="num" { (w.storage) }
                        }
                    }
                    tbody {
                        @for phone in &field.phones {
                            tr id=(format!("phone-{}", phone.device_id)) {
                                th scope="row" { (phone.officer_name) }
                                td { (phone.device_name) }
                                td { @match phone.seen_at { Some(at) => (wib(at)), None => (w.never) } }
                                td class="num" {
                                    @match phone.waiting { Some(n) => (lang.int(n)), None => (w.unknown) }
                                }
                                td {
                                    @if let Some(since) = phone.oldest_waiting_since.filter(|_| phone.waiting.unwrap_or(0) > 0) {
                                        (age(lang, field.now - since))
                                        @if phone.waits_too_long(field.now) {
                                            " " strong class="flag" { "⚠ " (w.waits_too_long) }
                                        }
                                    } @else { "—" }
                                }
                                td {
                                    @match &phone.app_version {
                                        Some(version) => {
                                            code { (version) }
                                            @if phone.is_outdated(served) {
                                                " " strong class="flag" { "⚠ " (w.outdated) }
                                            }
                                        }
                                        None => (w.unknown),
                                    }
                                }
                                td class="num" {
                                    @match phone.storage_used { Some(b) => (megabytes(lang, b)), None => "—" }
                                }
                            }
                        }
                    }
                }
            }
        }
    };
    card("phones", w.phones_heading, content)
}

/// A page saying why an area was not saved, with the way back.
pub fn area_refused(lang: Lang, reason: &str) -> String {
    let w = lang.field();
    let body = html! {
        section class="card" {
            h2 { (w.areas_heading) }
            p class="error" role="alert" { (reason) }
            p { a href=(format!("{}#areas", paths::PAGE_PATH)) { (w.back) } }
        }
    };
    super::page(lang, true, body)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn times_are_written_in_wib_and_ages_in_their_largest_unit() {
        // 2026-06-15 05:00 UTC is noon in Mojokerto.
        assert_eq!(wib(1_781_499_600_000), "2026-06-15 12:00 WIB");
        assert_eq!(age(Lang::Id, 59 * 60_000), "59 menit");
        assert_eq!(age(Lang::En, 5 * 3_600_000), "5 h");
        assert_eq!(age(Lang::Id, 9 * 86_400_000 + 1), "9 hari");
        assert_eq!(megabytes(Lang::Id, 1_340_000), "1,3 MB");
        assert_eq!(megabytes(Lang::En, 1_340_000), "1.3 MB");
    }
}
