//! Every browser-storage key the app uses, in one place. All live under one versioned
//! prefix so a future layout can sit beside this one while it is migrated. The settings
//! among them are read and written only through their typed keys in `crate::settings`.

/// Prefix of every key of this layout.
pub const PREFIX: &str = "lindungi.v1.";
/// Prefix of the keys holding one registration each.
pub const RECORD_PREFIX: &str = "lindungi.v1.reg.";
/// Prefix of the index pages: lists of registration ids in the order they were created.
pub const INDEX_PREFIX: &str = "lindungi.v1.index.";
/// Prefix of entries that could not be read: kept aside, never dropped.
pub const QUARANTINE_PREFIX: &str = "lindungi.v1.quarantine.";
/// The interface language chosen on this phone.
pub const LANGUAGE: &str = "lindungi.v1.language";
/// The browser's answer to `navigator.storage.persist()`.
pub const PERSIST: &str = "lindungi.v1.persist";
/// This phone's device token and officer (see `sync::device`).
pub const DEVICE: &str = "lindungi.v1.device";
/// The cross-tab sync lease, where the Web Locks API is missing (see `sync::lock`).
pub const SYNC_LEASE: &str = "lindungi.v1.sync_lease";
/// The koperasi registered on this phone, as one list (see `koperasi`).
pub const KOPERASI: &str = "lindungi.v1.koperasi";
/// The id of the koperasi chosen for the next registrations.
pub const KOPERASI_CHOSEN: &str = "lindungi.v1.koperasi_chosen";
/// When the city last confirmed a sync from this phone.
pub const LAST_SYNC: &str = "lindungi.v1.last_sync";
/// How far this phone's clock was from the endpoint's at its last answer (see `clock`).
pub const CLOCK_OFFSET: &str = "lindungi.v1.clock_offset";
/// The data key wrapped under the officer's PIN and for the city (see `keyring`).
pub const KEYRING: &str = "lindungi.v1.keyring";
/// Wrong PINs typed in a row and until when the next must wait (see `keyring::lockout`).
pub const PIN_LOCKOUT: &str = "lindungi.v1.pin_lockout";
/// Minutes without a touch after which the screen locks (see `pages::unlock`).
pub const LOCK_AFTER: &str = "lindungi.v1.lock_after";
/// What the last backup file carried, by storage key: digests only (see `backup`).
pub const LAST_BACKUP: &str = "lindungi.v1.last_backup";
/// Written and removed at once before an enrollment code is spent, to know the token will fit
/// (see `sync::device`).
pub const ROOM_PROBE: &str = "lindungi.v1.room_probe";

/// The officer's worklist, sealed: a cache of the city's list for their area (see `worklist`).
/// The one value that gives way when storage is full (`backend::give_way`).
pub const WORKLIST: &str = "lindungi.v1.worklist";
/// Set when the worklist was dropped to make room for something else; removed when a fresh
/// one is stored. No personal data: the text is when it happened (unix milliseconds).
pub const WORKLIST_DROPPED: &str = "lindungi.v1.worklist_dropped";

/// The key holding one registration.
pub fn record(id: &str) -> String {
    format!("{RECORD_PREFIX}{id}")
}

/// The key of index page `n`.
pub fn index_page(n: usize) -> String {
    format!("{INDEX_PREFIX}{n}")
}

/// The key an unreadable entry is moved to.
pub fn quarantine(id: &str) -> String {
    format!("{QUARANTINE_PREFIX}{id}")
}
