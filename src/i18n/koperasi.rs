//! Strings of the koperasi screen.

use super::Text;
use crate::text;

pub const TITLE: Text = text!("Koperasi", "Koperasi");
pub const INTRO: Text = text!(
    "Pilih koperasi, lalu daftarkan anggotanya satu per satu. Koperasi yang dipilih tetap terpilih untuk pendaftaran berikutnya sampai diganti.",
    "Choose a koperasi, then register its members one after another. The chosen koperasi stays chosen for the next registrations until you change it."
);
pub const CHOSEN: Text = text!("Koperasi terpilih", "Chosen koperasi");
pub const NONE_CHOSEN: Text = text!(
    "Belum ada koperasi terpilih: pendaftaran baru tidak lewat koperasi.",
    "No koperasi chosen: new registrations are not through a koperasi."
);
pub const REGISTER_MEMBER: Text = text!("Daftarkan anggota", "Register a member");
pub const UNCHOOSE: Text = text!("Jangan pakai koperasi", "Stop using a koperasi");
pub const ON_PHONE: Text = text!("Koperasi di ponsel ini", "Koperasi on this phone");
pub const EMPTY: Text = text!(
    "Belum ada koperasi. Daftarkan di bawah.",
    "No koperasi yet. Register one below."
);
pub const CHOOSE: Text = text!("Pilih", "Choose");
pub const IS_CHOSEN: Text = text!("Terpilih", "Chosen");
pub const NO_LEGAL_NUMBER: Text = text!("belum berbadan hukum", "not yet a legal entity");
pub const NEW: Text = text!("Daftarkan koperasi baru", "Register a new koperasi");
pub const NAME: Text = text!("Nama koperasi", "Koperasi name");
pub const CHAIR_NIK: Text = text!("NIK ketua koperasi", "NIK of the koperasi's chair");
pub const KELURAHAN: Text = text!("Kelurahan koperasi", "Koperasi's kelurahan");
pub const LEGAL_NUMBER: Text = text!("Nomor badan hukum (AHU)", "Legal registration number (AHU)");
pub const SAVE: Text = text!("Simpan dan pilih koperasi", "Save and choose the koperasi");
pub const SAVED: Text = text!(
    "Koperasi tersimpan dan terpilih. Anggota berikutnya didaftarkan lewat koperasi ini.",
    "Koperasi saved and chosen. The next members are registered through it."
);
pub const CHECK: Text = text!("Periksa isian yang ditandai.", "Check the marked fields.");
pub const FULL: Text = text!(
    "Penyimpanan ponsel penuh: koperasi belum tersimpan. Kirim pendaftaran yang menunggu dulu.",
    "The phone's storage is full: the koperasi was not saved. Send the waiting registrations first."
);
pub const REFUSED: Text = text!(
    "Browser menolak menyimpan: koperasi belum tersimpan.",
    "The browser refused to store: the koperasi was not saved."
);
