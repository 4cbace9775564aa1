//! Strings of the installable app: the update offer and the install action.

use super::Text;
use crate::text;

/// Name of the region that offers a new version.
pub const UPDATE_REGION: Text = text!("Pembaruan aplikasi", "App update");
/// A new version has been downloaded and waits for the user's yes.
pub const UPDATE_AVAILABLE: Text = text!("Versi baru tersedia", "A new version is available");
/// Switches to the new version (the app reloads).
pub const UPDATE_NOW: Text = text!("Perbarui sekarang", "Update now");
/// Shown on the button while the new version takes over.
pub const UPDATING: Text = text!("Memperbarui…", "Updating…");
/// Why the switch was refused: a form holds changes the phone has not stored yet.
pub const SAVE_FORM_FIRST: Text = text!("Simpan formulir dulu", "Save the form first");
/// Name of the region holding the install action.
pub const INSTALL_REGION: Text = text!("Pemasangan aplikasi", "Installing the app");
/// The install action (Android's prompt, or the iPhone steps).
pub const INSTALL: Text = text!("Pasang aplikasi", "Install the app");
/// Name of the list of iPhone/iPad steps.
pub const IOS_STEPS: Text = text!(
    "Cara memasang di iPhone/iPad",
    "How to install on iPhone/iPad"
);
/// iOS step 1.
pub const IOS_STEP_SHARE: Text = text!(
    "Ketuk tombol Bagikan (kotak dengan panah ke atas).",
    "Tap the Share button (the square with an arrow pointing up)."
);
/// iOS step 2.
pub const IOS_STEP_ADD: Text = text!(
    "Pilih “Tambah ke Layar Utama”.",
    "Choose “Add to Home Screen”."
);
/// iOS step 3.
pub const IOS_STEP_CONFIRM: Text = text!("Ketuk “Tambah”.", "Tap “Add”.");
