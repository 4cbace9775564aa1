//! The phone's clock, in the domain's types. The domain crate never reads a clock (it runs
//! on the endpoint too); the app reads it here, once per use.

use domain::{Date, Timestamp};

/// Now, from the phone's clock.
pub fn now() -> Timestamp {
    Timestamp::from_unix_millis(js_sys::Date::now() as i64)
        .expect("the phone's clock is within the supported range")
}

/// Today's date in Mojokerto (WIB, UTC+7), whatever time zone the phone is set to.
pub fn today() -> Date {
    now().date_wib()
}
