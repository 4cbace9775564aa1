//! The clock rule: how a registration's times are written on a phone whose clock may be wrong,
//! and how the endpoint judges them with its own (`docs/domain.md` §13). A leaf: the rules over
//! a record's three times ([`RecordTimes`]); `crate::wire::Submission` applies them to itself.
//!
//! Phones in markets often show a wrong date: set by hand, reset by a flat battery. A
//! registration carries three of the phone's times (`created_at`, `consent_at`, `updated_at`),
//! and the record rule "the last edit is not before the start" ([`crate::registration::rules`])
//! compares two of them. So:
//!
//! - **On the phone**, every time written on a record is
//!   [stamped](crate::wire::Submission::stamp): the phone's "now", or the record's latest time if
//!   the clock has gone back since — never earlier. A record an older release left with its last
//!   edit before its start is [repaired](crate::wire::Submission::repair_times) when it is
//!   opened or sent.
//! - **At the endpoint**, [`judge_times`](crate::wire::Submission::judge_times) repairs the same
//!   order with no rejection, and says whether the phone's clock was absurd by the endpoint's own
//!   ([`PhoneClock`]): a time more than [`CLOCK_TOLERANCE_MILLIS`] ahead of it, or a start more
//!   than [`MAX_MILLIS_BEFORE_ARRIVAL`] before it. A registration is never rejected for the
//!   phone's clock alone. The rules that need "today" (age, start month) already take the
//!   endpoint's date, and the day the city counts a registration on is the day it arrived. The phone's own times are kept as it wrote them: they
//!   are what a retry is compared on, and `consent_at` is the record of the participant's consent.
//! - **Between the two**, the app compares its clock with the endpoint's `Date` header on every
//!   answer and warns the officer when they disagree by more than [`CLOCK_TOLERANCE_MILLIS`]
//!   ([`clocks_disagree`]).

use crate::date::Timestamp;

/// How far two clocks may disagree before one of them is called wrong: one day. A phone's
/// clock a few minutes or hours off (a time zone set wrong, a clock never synchronised) is
/// common and harmless, as the rules work on days; a phone a day or more off dates its
/// registrations on the wrong day. \[I\]
pub const CLOCK_TOLERANCE_MILLIS: i64 = 24 * 60 * 60 * 1000;

/// How long before it reaches the city a registration may plausibly have been started: a year.
/// A phone may stay offline for weeks and a draft may wait longer, but a start further back
/// means the phone's clock was wrong when the draft began. \[I\]
pub const MAX_MILLIS_BEFORE_ARRIVAL: i64 = 366 * 24 * 60 * 60 * 1000;

/// Whether a phone whose clock is `offset_millis` behind the endpoint's (negative: ahead) should
/// be told that its date is wrong.
pub fn clocks_disagree(offset_millis: i64) -> bool {
    offset_millis.abs() > CLOCK_TOLERANCE_MILLIS
}

/// What the endpoint makes of the phone's clock, from the times a submission carries.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PhoneClock {
    /// Every time is plausible by the endpoint's clock.
    Plausible,
    /// A time lies more than [`CLOCK_TOLERANCE_MILLIS`] after the endpoint's "now".
    Ahead,
    /// The registration was started more than [`MAX_MILLIS_BEFORE_ARRIVAL`] before it arrived.
    Behind,
}

/// A record's times as written (RFC 3339, or empty while not set): the start, the consent, the
/// last edit.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct RecordTimes<'a> {
    /// When the draft was started.
    pub created_at: &'a str,
    /// When consent was given.
    pub consent_at: &'a str,
    /// When it was last edited.
    pub updated_at: &'a str,
}

impl RecordTimes<'_> {
    fn parsed(&self) -> impl Iterator<Item = Timestamp> {
        [self.created_at, self.consent_at, self.updated_at]
            .into_iter()
            .filter_map(|t| Timestamp::parse(t).ok())
    }

    /// The latest of them (those that do not parse are ignored).
    pub fn latest(&self) -> Option<Timestamp> {
        self.parsed().max()
    }

    /// The time to write on the record at `now` by the writer's clock: `now`, or the record's
    /// latest time if `now` is before it. A record's times never go backwards, whatever the clock.
    pub fn stamp(&self, now: Timestamp) -> Timestamp {
        self.latest().map_or(now, |latest| latest.max(now))
    }

    /// The last edit a clock set back left before the start, put back in order: the start.
    /// `None` when they are in order (or do not parse).
    pub fn repaired_updated_at(&self) -> Option<Timestamp> {
        match (
            Timestamp::parse(self.created_at),
            Timestamp::parse(self.updated_at),
        ) {
            (Ok(created), Ok(updated)) if updated < created => Some(created),
            _ => None,
        }
    }

    /// What the times say of the phone's clock, judged by the endpoint's clock `now`.
    pub fn phone_clock(&self, now: Timestamp) -> PhoneClock {
        let now = now.unix_millis();
        if self
            .parsed()
            .any(|t| t.unix_millis() - now > CLOCK_TOLERANCE_MILLIS)
        {
            PhoneClock::Ahead
        } else if Timestamp::parse(self.created_at)
            .is_ok_and(|created| now - created.unix_millis() > MAX_MILLIS_BEFORE_ARRIVAL)
        {
            PhoneClock::Behind
        } else {
            PhoneClock::Plausible
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::{Registration, Submission, date::Date, testdata};

    fn at(s: &str) -> Timestamp {
        Timestamp::parse(s).unwrap()
    }

    /// A submission valid on 23 November 2026, started, consented to and last edited at
    /// `created`.
    fn started_at(created: &str) -> Submission {
        let mut s = testdata::submission_on(7, Date::new(2026, 11, 23).unwrap());
        s.created_at = created.into();
        s.consent_at = created.into();
        s.updated_at = created.into();
        s
    }

    #[test]
    fn a_record_is_stamped_with_now_when_the_clock_runs_forward() {
        let s = started_at("2026-11-23T03:00:00.000Z");
        assert_eq!(
            s.stamp(at("2026-11-23T03:05:00Z")),
            at("2026-11-23T03:05:00Z")
        );
    }

    #[test]
    fn a_clock_set_back_never_stamps_a_record_before_its_latest_time() {
        let mut s = started_at("2026-11-23T03:00:00.000Z");
        s.consent_at = "2026-11-23T03:10:00.000Z".into();
        let two_days_back = at("2026-11-21T03:00:00Z");
        assert_eq!(s.stamp(two_days_back), at("2026-11-23T03:10:00Z"));
        s.touch(two_days_back);
        assert_eq!(s.updated_at, "2026-11-23T03:10:00.000Z");
        // So the record rule holds whatever the clock said.
        assert!(Registration::from_submission(&s, Date::new(2026, 11, 23).unwrap()).is_ok());
    }

    #[test]
    fn a_record_with_no_readable_time_is_stamped_with_now() {
        let mut s = started_at("");
        s.updated_at = "yesterday".into();
        assert_eq!(
            s.stamp(at("2026-11-23T03:00:00Z")),
            at("2026-11-23T03:00:00Z")
        );
    }

    #[test]
    fn a_last_edit_before_the_start_is_repaired_to_the_start() {
        let mut s = started_at("2026-11-23T03:00:00.000Z");
        s.updated_at = "2026-11-20T08:00:00.000Z".into();
        let today = Date::new(2026, 11, 23).unwrap();
        assert!(
            Registration::from_submission(&s, today).is_err(),
            "stranded as an older release left it"
        );
        assert!(s.repair_times());
        assert_eq!(s.updated_at, s.created_at);
        assert!(Registration::from_submission(&s, today).is_ok());
        assert!(!s.repair_times(), "nothing left to repair");
    }

    #[test]
    fn the_endpoint_repairs_the_order_and_keeps_the_phones_own_times() {
        let mut s = started_at("2026-11-23T03:00:00.000Z");
        s.updated_at = "2026-11-01T00:00:00.000Z".into();
        let verdict = s.judge_times(at("2026-11-23T05:00:00Z"));
        assert_eq!(verdict, PhoneClock::Plausible);
        assert_eq!(s.updated_at, "2026-11-23T03:00:00.000Z");
        assert_eq!(s.created_at, "2026-11-23T03:00:00.000Z");
        assert_eq!(s.consent_at, "2026-11-23T03:00:00.000Z");
    }

    #[test]
    fn a_consent_time_in_the_future_is_an_absurd_clock_not_a_rejection() {
        let arrival = at("2026-11-23T05:00:00Z");
        let mut s = started_at("2029-01-01T00:00:00.000Z");
        let before = s.clone();
        assert_eq!(s.judge_times(arrival), PhoneClock::Ahead);
        assert_eq!(s, before, "the phone's times are kept as written");
        assert!(Registration::from_submission(&s, arrival.date_wib()).is_ok());
        // A few hours ahead is a clock slightly off, not absurd.
        let mut close = started_at("2026-11-23T20:00:00.000Z");
        assert_eq!(close.judge_times(arrival), PhoneClock::Plausible);
    }

    #[test]
    fn a_start_years_before_arrival_is_an_absurd_clock_not_a_rejection() {
        let arrival = at("2026-11-23T05:00:00Z");
        let mut s = started_at("2019-06-01T00:00:00.000Z");
        s.updated_at = "2026-11-23T04:00:00.000Z".into();
        assert_eq!(s.judge_times(arrival), PhoneClock::Behind);
        assert!(Registration::from_submission(&s, arrival.date_wib()).is_ok());
        let mut weeks = started_at("2026-09-01T00:00:00.000Z");
        assert_eq!(weeks.judge_times(arrival), PhoneClock::Plausible);
    }

    #[test]
    fn judging_twice_gives_the_same_submission_so_a_retry_is_recognised() {
        let mut first = started_at("2026-11-23T03:00:00.000Z");
        first.updated_at = "2026-11-20T00:00:00.000Z".into();
        let mut retry = first.clone();
        first.judge_times(at("2026-11-23T05:00:00Z"));
        retry.judge_times(at("2026-12-20T05:00:00Z"));
        assert_eq!(first, retry);
    }

    #[test]
    fn clocks_more_than_a_day_apart_disagree() {
        assert!(!clocks_disagree(0));
        assert!(!clocks_disagree(CLOCK_TOLERANCE_MILLIS));
        assert!(!clocks_disagree(-CLOCK_TOLERANCE_MILLIS));
        assert!(clocks_disagree(CLOCK_TOLERANCE_MILLIS + 1));
        assert!(clocks_disagree(-2 * CLOCK_TOLERANCE_MILLIS));
    }
}
