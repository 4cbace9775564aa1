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
