//! The audit trail card: the newest entries as a table, in the page's language.

use maud::{Markup, html};

use super::parts::{Row, card, text_table};
use crate::{
    audit::{Actor, Entry, Event},
    dashboard::words::{Lang, Words},
};

/// Mojokerto's offset from UTC (WIB), in milliseconds: the staff read times in their own.
const WIB_OFFSET_MILLIS: i64 = 7 * 60 * 60 * 1000;

/// The trail's card: what it holds, then the table (or "no data yet").
pub(super) fn trail(lang: Lang, entries: &[Entry]) -> Markup {
    let w = lang.words();
    let rows: Vec<Row> = entries
        .iter()
        .map(|entry| Row {
            header: wib_time(entry.at),
            cells: vec![
                actor(w, &entry.actor),
                event(w, &entry.event),
                entry.address.clone().unwrap_or_default(),
            ],
        })
        .collect();
    let headers = [w.audit_time, w.audit_actor, w.audit_action, w.audit_address];
    let content = html! {
        p class="help" { (w.audit_help) }
        @if rows.is_empty() {
            p { (w.nothing_yet) }
        } @else {
            (text_table(w.audit_heading, &headers, &rows))
        }
    };
    card("audit", w.audit_heading, content)
}

/// `2026-06-15 12:00` in WIB.
fn wib_time(millis: i64) -> String {
    let local = millis + WIB_OFFSET_MILLIS;
    let day = domain::Timestamp::from_unix_millis(millis)
        .map(|t| t.date_wib().to_string())
        .unwrap_or_default();
    let minutes = local.rem_euclid(86_400_000) / 60_000;
    format!("{day} {:02}:{:02}", minutes / 60, minutes % 60)
}

/// The day (WIB) of an instant, for "valid until".
fn wib_day(millis: i64) -> String {
    domain::Timestamp::from_unix_millis(millis)
        .map(|t| t.date_wib().to_string())
        .unwrap_or_default()
}

fn actor(w: &Words, actor: &Actor) -> String {
    match actor {
        Actor::Cli => w.actor_cli.to_owned(),
        Actor::Admin { label } => w.actor_admin.replace("{label}", label),
        Actor::Officer { officer_id } => w.actor_officer.replace("{id}", &officer_id.to_string()),
        Actor::Nobody => w.actor_nobody.to_owned(),
    }
}

fn event(w: &Words, event: &Result<Event, String>) -> String {
    let event = match event {
        Ok(event) => event,
        Err(action) => return w.event_unknown.replace("{action}", action),
    };
    match event {
        Event::OfficerCreated {
            officer_id,
            code_expires_at,
        } => w
            .event_officer_created
            .replace("{id}", &officer_id.to_string())
            .replace("{day}", &wib_day(*code_expires_at)),
        Event::EnrollmentCodeIssued {
            officer_id,
            code_expires_at,
        } => w
            .event_code_issued
            .replace("{id}", &officer_id.to_string())
            .replace("{day}", &wib_day(*code_expires_at)),
        Event::OfficerRevoked { officer_id } => w
            .event_officer_revoked
            .replace("{id}", &officer_id.to_string()),
        Event::DeviceEnrolled {
            device_id,
            officer_id,
        } => w
            .event_device_enrolled
            .replace("{device}", &device_id.to_string())
            .replace("{id}", &officer_id.to_string()),
        Event::DeviceRevoked { device_id } => w
            .event_device_revoked
            .replace("{device}", &device_id.to_string()),
        Event::AdminTokenCreated {
            label, expires_at, ..
        } => w
            .event_token_created
            .replace("{label}", label)
            .replace("{day}", &wib_day(*expires_at)),
        Event::AdminTokenRevoked { label, .. } => w.event_token_revoked.replace("{label}", label),
        Event::SignedIn { .. } => w.event_signed_in.to_owned(),
        Event::SignedOut { .. } => w.event_signed_out.to_owned(),
        Event::HandOverDownloaded {
            file,
            from,
            to,
            kelurahan,
            rows,
        } => {
            let mut filters = Vec::new();
            if from.is_some() || to.is_some() {
                filters.push(
                    w.filter_days
                        .replace("{from}", from.as_deref().unwrap_or("\u{2026}"))
                        .replace("{to}", to.as_deref().unwrap_or("\u{2026}")),
                );
            }
            if let Some(code) = kelurahan {
                let name = domain::Kelurahan::parse(code).map_or(code.as_str(), |k| k.name());
                filters.push(w.filter_kelurahan.replace("{kelurahan}", name));
            }
            let filters = if filters.is_empty() {
                w.filter_none.to_owned()
            } else {
                filters.join(", ")
            };
            w.event_hand_over
                .replace("{file}", file)
                .replace("{filters}", &filters)
                .replace("{rows}", &rows.to_string())
        }
        Event::OfficerAreaAssigned {
            officer_id,
            kelurahan,
            whole_city,
        } => {
            let area = if *whole_city {
                w.area_whole_city.to_owned()
            } else if kelurahan.is_empty() {
                w.area_none.to_owned()
            } else {
                kelurahan
                    .iter()
                    .map(|code| domain::Kelurahan::parse(code).map_or(code.as_str(), |k| k.name()))
                    .collect::<Vec<_>>()
                    .join(", ")
            };
            w.event_area_assigned
                .replace("{id}", &officer_id.to_string())
                .replace("{area}", &area)
        }
        Event::AddressHeld { kind, until } => {
            let what = if kind == "sign_in" {
                w.held_sign_in
            } else {
                w.held_enrollment
            };
            w.event_address_held
                .replace("{what}", what)
                .replace("{time}", &wib_time(*until))
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_time_is_shown_in_mojokerto() {
        // 2026-06-15 05:00 UTC is noon in Mojokerto; 20:30 UTC is the next morning.
        let noon = 20_619 * 86_400_000 + 5 * 3_600_000;
        assert_eq!(wib_time(noon), "2026-06-15 12:00");
        assert_eq!(
            wib_time(noon + 15 * 3_600_000 + 30 * 60_000),
            "2026-06-16 03:30"
        );
    }

    #[test]
    fn a_download_says_which_part_of_the_city_and_how_many_rows() {
        let event = Ok(Event::HandOverDownloaded {
            file: "bpu.xlsx".into(),
            from: Some("2026-06-01".into()),
            to: None,
            kelurahan: Some("35.76.01.1004".into()),
            rows: 12,
        });
        assert_eq!(
            super::event(Lang::En.words(), &event),
            "File bpu.xlsx downloaded (received 2026-06-01 to \u{2026}, kelurahan Kauman): 12 rows"
        );
        let everything = Ok(Event::HandOverDownloaded {
            file: "pekerja.csv".into(),
            from: None,
            to: None,
            kelurahan: None,
            rows: 0,
        });
        assert_eq!(
            super::event(Lang::Id.words(), &everything),
            "Berkas pekerja.csv diunduh (semua): 0 baris"
        );
    }
}
