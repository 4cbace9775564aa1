//! The phone's clock, in the domain's types, and how far it is from the city endpoint's. The
//! domain crate never reads a clock (it runs on the endpoint too); the app reads it here, once
//! per use.
//!
//! Phones in markets often show a wrong date. Every answer of the endpoint carries its `Date`
//! header; [`observe_endpoint_date`] keeps how far the phone's clock is behind it (a setting,
//! so the warning survives a reload and reaches every tab), and the officer is warned while the
//! two disagree by more than a day (`domain::clock::clocks_disagree`). The phone's times are not
//! corrected with it: every time written on a record is stamped never before the record's
//! earlier ones (`domain::clock`), which is what keeps a wrong clock from stranding anything.

use domain::{Date, Timestamp};
use leptos::prelude::*;

use crate::settings::Setting;
use crate::store::keys;

/// How many milliseconds the phone's clock was behind the endpoint's at its last answer
/// (negative: ahead).
pub const CLOCK_OFFSET: Setting<i64> = Setting::new(keys::CLOCK_OFFSET);

thread_local! {
    /// The last offset, for the screens (the app lives on the browser's one thread). Reference
    /// counted, not owned by whichever component happened to read it first (an owned signal
    /// would go with that component).
    static OFFSET: ArcRwSignal<Option<i64>> = ArcRwSignal::new(CLOCK_OFFSET.get());
}

/// Now, from the phone's clock.
pub fn now() -> Timestamp {
    Timestamp::from_unix_millis(js_sys::Date::now() as i64)
        .expect("the phone's clock is within the supported range")
}

/// Today's date in Mojokerto (WIB, UTC+7), whatever time zone the phone is set to.
pub fn today() -> Date {
    now().date_wib()
}

/// How far the phone's clock was behind the endpoint's at its last answer (tracked).
pub fn offset() -> Option<i64> {
    OFFSET.with(|o| o.get())
}

/// Today in Mojokerto by the endpoint's clock, as far as the phone knows it (tracked).
pub fn endpoint_today() -> Option<Date> {
    let offset = offset()?;
    Timestamp::from_unix_millis(js_sys::Date::now() as i64 + offset)
        .ok()
        .map(Timestamp::date_wib)
}

/// Takes in an answer's `Date` header (an HTTP date, to the second): how far the phone's clock
/// is from the endpoint's now. A header that does not read is ignored.
pub fn observe_endpoint_date(header: &str) {
    let endpoint = js_sys::Date::parse(header);
    if endpoint.is_nan() {
        return;
    }
    let offset = (endpoint - js_sys::Date::now()) as i64;
    // Remembering is for a reload and for the other tabs; this tab shows it either way.
    let _ = CLOCK_OFFSET.set(&offset);
    OFFSET.with(|o| o.set(Some(offset)));
}

/// Follows the offset other tabs learn.
pub fn provide_clock() {
    CLOCK_OFFSET.follow(|offset| OFFSET.with(|o| o.set(offset)));
}
