//! Strings shown on every screen.

use super::Text;
use crate::text;

/// The app's name.
pub const APP_NAME: Text = text!("Lindungi", "Lindungi");
/// Label of the language switch.
pub const LANGUAGE: Text = text!("Bahasa", "Language");
/// Label of the switch's button: names the language it switches *to*.
pub const SWITCH_TO_OTHER: Text = text!("English", "Bahasa Indonesia");
/// The phone's date differs from the city server's by more than a day; the server's date follows.
pub const CLOCK_OFF: Text = text!(
    "Tanggal di ponsel ini berbeda lebih dari sehari dengan server kota. Betulkan tanggal dan jam ponsel. Tanggal menurut server:",
    "This phone's date differs from the city server's by more than a day. Set the phone's date and time right. The server's date:"
);
/// Records a newer release wrote are on this phone; their number comes first.
pub const NEWER_RECORDS: Text = text!(
    "pendaftaran disimpan oleh versi aplikasi yang lebih baru dan tidak diubah di sini. Muat ulang aplikasi untuk membukanya.",
    "registrations were saved by a newer version of the app and are left untouched here. Reload the app to open them."
);
/// This registration was saved by a newer release.
pub const NEWER_RECORD: Text = text!(
    "Pendaftaran ini disimpan oleh versi aplikasi yang lebih baru dan tidak diubah di sini. Muat ulang aplikasi untuk membukanya.",
    "This registration was saved by a newer version of the app and is left untouched here. Reload the app to open it."
);
/// Shown while the code of the screen the app opened on is still arriving (a weak signal).
pub const OPENING: Text = text!("Membuka layar…", "Opening the screen…");
/// Reloads the app (into the newer version, if one waits).
pub const RELOAD: Text = text!("Muat ulang", "Reload");
