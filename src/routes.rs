//! The app's addresses, in one place. Indonesian paths: they show in the address bar.

/// Home.
pub const HOME: &str = "/";
/// Starts a new registration (makes its id, then opens the form).
pub const NEW: &str = "/baru";
/// Every registration on this phone.
pub const LIST: &str = "/data";
/// Enrolling this phone with an officer's code.
pub const ENROLL: &str = "/perangkat";
/// The koperasi on this phone: register one, choose the one members are registered for.
pub const KOPERASI: &str = "/koperasi";
/// The officer's worklist: who in their area the city has not covered yet.
pub const WORKLIST: &str = "/belum-terdaftar";
/// The query parameter naming the worklist entry a new registration starts from.
pub const FROM_ROSTER: &str = "dari";

/// Settings: storage, backup.
pub const SETTINGS: &str = "/pengaturan";

/// The form of one registration.
pub fn form(id: &str) -> String {
    format!("/daftar/{id}")
}

/// One registration, read-only (a receipt once sent).
pub fn record(id: &str) -> String {
    format!("/data/{id}")
}

/// A new registration started from worklist entry `roster_id`, filled in with what the
/// roster knows.
pub fn new_from_roster(roster_id: u64) -> String {
    format!("{NEW}?{FROM_ROSTER}={roster_id}")
}
