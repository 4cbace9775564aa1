//! How numbers and times are shown.

/// A byte count as KB or MB, the Indonesian way (comma decimals).
pub fn size(bytes: usize) -> String {
    const MB: u64 = 1024 * 1024;
    let bytes = bytes as u64;
    if bytes >= MB {
        // Tenths of a MB, rounded half up, in integers: printing a float (`{:.1}`) would put
        // about 10 KB of float formatting into the first screen's download.
        let tenths = (bytes * 10 + MB / 2) / MB;
        format!("{},{} MB", tenths / 10, tenths % 10)
    } else {
        format!("{} KB", bytes.div_ceil(1024))
    }
}

/// An RFC 3339 time shown in the phone's time zone, e.g. "23/11/2026 14.05".
pub fn local_time(rfc3339: &str) -> String {
    let ms = js_sys::Date::parse(rfc3339);
    if ms.is_nan() {
        return rfc3339.to_owned();
    }
    let d = js_sys::Date::new(&wasm_bindgen::JsValue::from_f64(ms));
    format!(
        "{:02}/{:02}/{} {:02}.{:02}",
        d.get_date(),
        d.get_month() + 1,
        d.get_full_year(),
        d.get_hours(),
        d.get_minutes()
    )
}

/// A day as the phone shows dates, e.g. "15/06/2026".
pub fn day(date: &domain::Date) -> String {
    format!("{:02}/{:02}/{}", date.day(), date.month(), date.year())
}

/// A time in unix milliseconds, shown like [`local_time`].
pub fn local_millis(ms: u64) -> String {
    let d = js_sys::Date::new(&wasm_bindgen::JsValue::from_f64(ms as f64));
    match d.to_iso_string().as_string() {
        Some(iso) => local_time(&iso),
        None => String::new(),
    }
}

#[cfg(test)]
mod tests {
    use super::size;

    #[test]
    fn a_day_reads_day_first() {
        assert_eq!(
            super::day(&domain::Date::parse("2026-06-05").unwrap()),
            "05/06/2026"
        );
    }

    #[test]
    fn sizes_under_a_megabyte_are_whole_kilobytes_rounded_up() {
        assert_eq!(size(0), "0 KB");
        assert_eq!(size(1), "1 KB");
        assert_eq!(size(1024), "1 KB");
        assert_eq!(size(1025), "2 KB");
        assert_eq!(size(1024 * 1024 - 1), "1024 KB");
    }

    #[test]
    fn sizes_from_a_megabyte_have_one_decimal_after_a_comma() {
        assert_eq!(size(1024 * 1024), "1,0 MB");
        assert_eq!(size(1024 * 1024 * 3 / 2), "1,5 MB");
        assert_eq!(size(5 * 1024 * 1024), "5,0 MB");
        // 1.04 MB and 1.06 MB: to the nearest tenth.
        assert_eq!(size(1_090_519), "1,0 MB");
        assert_eq!(size(1_111_490), "1,1 MB");
        assert_eq!(size(10 * 1024 * 1024 - 1), "10,0 MB");
    }
}
