//! Which phone holds what (`domain::wire::health`): every batch carries a [`DeviceHealth`]
//! report, and a run that found nothing to send ends with a small heartbeat, so the city's
//! dashboard sees a phone that has held forty registrations for nine days, or runs an old
//! release. Counts and sizes only.
//!
//! The app's version is the build's stamp (`scripts/stamp-sw.mjs` writes the same one into the
//! service worker's `VERSION` and into index.html): exactly what the endpoint compares with the
//! version it serves. A build without a stamp (`trunk serve`) reports nothing rather than a guess.

use std::cell::RefCell;

use domain::{Timestamp, wire::DeviceHealth};

use crate::store::{RecordState, Summary};

/// A heartbeat with the same count as the last one goes at most this often.
pub const HEARTBEAT_EVERY_MS: f64 = 15.0 * 60_000.0;

thread_local! {
    /// The waiting count and time of the last heartbeat sent from this page.
    static LAST_BEAT: RefCell<Option<(u32, f64)>> = const { RefCell::new(None) };
}

/// Whether a registration in `state` waits on the phone for the city: anything not confirmed
/// but a draft (`DeviceHealth::waiting`).
pub fn is_waiting(state: RecordState) -> bool {
    state.is_unsent() && state != RecordState::Draft
}

/// The report of a phone holding `summaries`, at `now_ms` on its own clock, using
/// `used_chars` of the `quota_chars` its storage allows. A waiting registration's age runs
/// from its last change (when it was saved, or last answered).
pub fn report(
    app_version: &str,
    summaries: &[Summary],
    now_ms: i64,
    used_chars: usize,
    quota_chars: usize,
) -> DeviceHealth {
    let waiting: Vec<&Summary> = summaries.iter().filter(|s| is_waiting(s.state)).collect();
    let oldest = waiting
        .iter()
        .filter_map(|s| Timestamp::parse(&s.updated_at).ok())
        .map(Timestamp::unix_millis)
        .min();
    DeviceHealth {
        app_version: app_version.to_owned(),
        waiting: u32::try_from(waiting.len()).unwrap_or(u32::MAX),
        // A record changed "in the future" (a clock set back since) has waited no time.
        oldest_waiting_secs: oldest
            .filter(|_| !waiting.is_empty())
            .map(|at| u64::try_from(now_ms.saturating_sub(at)).unwrap_or(0) / 1000),
        // localStorage holds the app's ASCII JSON: a character is a byte of it.
        storage_used_bytes: Some(used_chars as u64),
        storage_quota_bytes: Some(quota_chars as u64),
    }
}

/// Whether a heartbeat reporting `waiting` is due, after the last one (`last`: its count and
/// time) at `now_ms`: when the count changed, or the same count was last told long ago.
pub fn beat_due(last: Option<(u32, f64)>, waiting: u32, now_ms: f64) -> bool {
    match last {
        None => true,
        Some((count, at)) => count != waiting || now_ms - at >= HEARTBEAT_EVERY_MS,
    }
}

/// The running app's version: the build's stamp on the boot script (`data-version`, written by
/// `scripts/stamp-sw.mjs`, the same as the service worker's `VERSION`); none for an unstamped
/// build (`trunk serve`).
pub fn version() -> Option<String> {
    let script = web_sys::window()?
        .document()?
        .query_selector("script[data-version]")
        .ok()??;
    let version = script.get_attribute("data-version")?;
    (!version.trim().is_empty() && version != "unstamped").then_some(version)
}

/// Remembers that a heartbeat reporting `waiting` went at `now_ms`.
pub fn beat_sent(waiting: u32, now_ms: f64) {
    LAST_BEAT.with(|b| *b.borrow_mut() = Some((waiting, now_ms)));
}

/// Whether a heartbeat reporting `waiting` is due now from this page.
pub fn due(waiting: u32, now_ms: f64) -> bool {
    LAST_BEAT.with(|b| beat_due(*b.borrow(), waiting, now_ms))
}

#[cfg(all(test, not(target_arch = "wasm32")))]
mod tests {
    use super::*;

    fn summary(state: RecordState, updated_at: &str) -> Summary {
        Summary {
            id: updated_at.to_owned(),
            state,
            name: String::new(),
            nik: String::new(),
            nik_last_four: String::new(),
            nik_key: None,
            receipt: None,
            last_error: None,
            updated_at: updated_at.to_owned(),
            size: 0,
        }
    }

    const NOW: &str = "2026-11-30T10:00:00.000Z";

    fn now_ms() -> i64 {
        Timestamp::parse(NOW).unwrap().unix_millis()
    }

    #[test]
    fn drafts_and_sent_registrations_do_not_wait_everything_else_does() {
        use RecordState::*;
        for (state, waits) in [
            (Draft, false),
            (Synced, false),
            (Queued, true),
            (Sending, true),
            (NeedsFix, true),
            (DuplicateElsewhere, true),
            (IdConflict, true),
        ] {
            assert_eq!(is_waiting(state), waits, "{state:?}");
        }
    }

    #[test]
    fn the_report_counts_what_waits_and_how_long_the_oldest_has() {
        let summaries = [
            summary(RecordState::Queued, "2026-11-21T10:00:00.000Z"),
            summary(RecordState::NeedsFix, "2026-11-29T10:00:00.000Z"),
            summary(RecordState::Draft, "2026-11-01T10:00:00.000Z"),
            summary(RecordState::Synced, "2026-10-01T10:00:00.000Z"),
        ];
        let report = report("3f9a1c0e5b7d2a64", &summaries, now_ms(), 120_000, 5_242_880);
        assert_eq!(report.waiting, 2);
        assert_eq!(report.oldest_waiting_secs, Some(9 * 86_400));
        assert_eq!(report.storage_used_bytes, Some(120_000));
        assert_eq!(report.storage_quota_bytes, Some(5_242_880));
        assert_eq!(report.clone().checked(), Ok(report));
    }

    #[test]
    fn nothing_waiting_reports_no_age_and_a_change_in_the_future_no_wait() {
        let idle = report("v", &[summary(RecordState::Draft, NOW)], now_ms(), 0, 1);
        assert_eq!((idle.waiting, idle.oldest_waiting_secs), (0, None));
        assert!(idle.checked().is_ok());
        let ahead = report(
            "v",
            &[summary(RecordState::Queued, "2026-12-05T10:00:00.000Z")],
            now_ms(),
            0,
            1,
        );
        assert_eq!(ahead.oldest_waiting_secs, Some(0));
    }

    #[test]
    fn a_heartbeat_goes_when_the_count_changes_or_the_last_is_old() {
        assert!(beat_due(None, 0, 0.0));
        assert!(!beat_due(Some((2, 0.0)), 2, 60_000.0));
        assert!(beat_due(Some((2, 0.0)), 0, 60_000.0));
        assert!(beat_due(Some((2, 0.0)), 2, HEARTBEAT_EVERY_MS));
    }
}
