//! Strings of the registration form.

use super::Text;
use crate::text;

pub const TITLE_NEW: Text = text!("Pendaftaran", "Registration");
pub const STEP: Text = text!("Langkah", "Step");
pub const OF: Text = text!("dari", "of");
pub const STEP_IDENTITY: Text = text!("Identitas", "Identity");
pub const STEP_ADDRESS: Text = text!("Alamat", "Address");
pub const STEP_BUSINESS: Text = text!("Usaha", "Business");
pub const STEP_COVERAGE: Text = text!("Iuran dan persetujuan", "Contributions and consent");
pub const NEXT: Text = text!("Lanjut", "Next");
pub const BACK: Text = text!("Kembali", "Back");
pub const SAVE: Text = text!("Simpan", "Save");
pub const CHECK_MARKED: Text = text!("Periksa isian yang ditandai.", "Check the marked fields.");
pub const DRAFT_SAVED: Text = text!("Draf tersimpan di ponsel ini", "Draft saved on this phone");
pub const SAVED: Text = text!(
    "Tersimpan di ponsel ini. Akan dikirim saat ada sinyal.",
    "Saved on this phone. It will be sent when there is a signal."
);
pub const SAVE_FULL: Text = text!(
    "Penyimpanan ponsel penuh: pendaftaran ini BELUM disimpan. Kirim data yang menunggu atau buat cadangan, lalu coba lagi. Isian Anda masih di layar.",
    "The phone's storage is full: this registration was NOT saved. Send waiting data or make a backup, then try again. Your entries are still on screen."
);
pub const SAVE_REFUSED: Text = text!(
    "Browser menolak menyimpan (mode penyamaran?). Isian Anda masih di layar.",
    "The browser refused to save (private mode?). Your entries are still on screen."
);
pub const SAVE_LOCKED: Text = text!(
    "Aplikasi terkunci: buka dengan PIN, lalu simpan lagi. Isian Anda masih di layar.",
    "The app is locked: open it with your PIN, then save again. Your entries are still on screen."
);
pub const NOT_EDITABLE: Text = text!(
    "Pendaftaran ini sudah dikirim ke kota; perubahan ini tidak disimpan.",
    "This registration was already sent to the city; this change was not saved."
);
pub const DISCARD: Text = text!("Buang draf", "Discard draft");
pub const DISCARD_CONFIRM: Text = text!(
    "Buang draf ini? Isiannya akan hilang dari ponsel ini.",
    "Discard this draft? Its entries will be gone from this phone."
);
pub const DISCARD_YES: Text = text!("Ya, buang", "Yes, discard");
pub const CANCEL: Text = text!("Batal", "Cancel");
pub const ANOTHER: Text = text!("Daftar baru lagi", "Another registration");
pub const HOME: Text = text!("Ke beranda", "To home");
pub const DUPLICATE: Text = text!(
    "NIK ini sudah ada di ponsel ini:",
    "This NIK is already on this phone:"
);
pub const OPEN_EXISTING: Text = text!("Buka yang sudah ada", "Open the existing one");
pub const SERVER_SAYS: Text = text!(
    "Kota menolak isian ini:",
    "The city did not accept this entry:"
);
pub const OPTIONAL: Text = text!("(tidak wajib)", "(optional)");

// Identity
pub const NIK: Text = text!("NIK", "NIK");
pub const NIK_HINT: Text = text!("16 angka di KTP", "16 digits on the ID card");
pub const NIK_FROM: Text = text!("Dari NIK: lahir", "From the NIK: born");
pub const FULL_NAME: Text = text!("Nama lengkap (sesuai KTP)", "Full name (as on the ID card)");
pub const PLACE_OF_BIRTH: Text = text!("Tempat lahir", "Place of birth");
pub const BIRTH_DATE: Text = text!("Tanggal lahir", "Date of birth");
pub const SEX: Text = text!("Jenis kelamin", "Sex");
pub const MALE: Text = text!("Laki-laki", "Male");
pub const FEMALE: Text = text!("Perempuan", "Female");
pub const MOTHER: Text = text!("Nama ibu kandung", "Mother's maiden name");
pub const PHONE: Text = text!("Nomor HP", "Mobile number");
pub const EMAIL: Text = text!("Email", "Email");

// Address
pub const OUTSIDE_CITY: Text = text!(
    "Tinggal di luar Kota Mojokerto",
    "Lives outside Kota Mojokerto"
);
pub const STREET: Text = text!("Jalan dan nomor rumah", "Street and house number");
pub const FULL_ADDRESS: Text = text!("Alamat lengkap", "Full address");
pub const RT: Text = text!("RT", "RT");
pub const RW: Text = text!("RW", "RW");
pub const KELURAHAN: Text = text!("Kelurahan", "Kelurahan");
pub const CHOOSE_KELURAHAN: Text = text!("Pilih kelurahan", "Choose a kelurahan");
pub const KECAMATAN: Text = text!("Kecamatan", "Kecamatan");
pub const CITY: Text = text!("Kota/Kabupaten", "City/Regency");

// Business
pub const BUSINESS_NAME: Text = text!("Nama usaha", "Business name");
pub const BUSINESS_KIND: Text = text!("Jenis usaha", "Business type");
pub const CHOOSE_KIND: Text = text!("Pilih jenis usaha", "Choose a business type");
pub const OTHER_KIND_OPTION: Text = text!("Lainnya", "Other");
pub const OTHER_KIND: Text = text!("Jenis usaha lainnya", "Other business type");
pub const LOCATION: Text = text!(
    "Lokasi usaha (pasar, los, jalan)",
    "Business location (market, stall, street)"
);
pub const NIB: Text = text!("NIB", "NIB");
pub const EMPLOYEES: Text = text!("Jumlah pekerja", "Number of workers");
pub const MEMBER_NUMBER: Text = text!("Nomor anggota koperasi", "Koperasi member number");
pub const KOPERASI: Text = text!("Koperasi", "Koperasi");
pub const NO_KOPERASI: Text = text!("Tidak lewat koperasi", "Not through a koperasi");
pub const MANAGE_KOPERASI: Text = text!(
    "Daftarkan atau pilih koperasi",
    "Register or choose a koperasi"
);

// Workers
pub const WORKERS: Text = text!("Pekerja", "Workers");
pub const WORKERS_HINT: Text = text!(
    "Pekerja tidak didaftarkan sebagai peserta mandiri: datanya diserahkan ke BPJS agar pemilik usaha mendaftarkan mereka sebagai pekerja penerima upah.",
    "Workers are not registered as self-employed participants: their details go to BPJS so the owner can register them as wage earners."
);
pub const WORKER: Text = text!("Pekerja", "Worker");
pub const WORKER_NAME: Text = text!("Nama lengkap pekerja", "Worker's full name");
pub const WORKER_NIK: Text = text!("NIK pekerja", "Worker's NIK");
pub const WORKER_PHONE: Text = text!("Nomor HP pekerja", "Worker's mobile number");
pub const WORKER_WAGE: Text = text!("Upah per bulan (Rp)", "Monthly wage (Rp)");
pub const ADD_WORKER: Text = text!("Tambah pekerja", "Add a worker");
pub const REMOVE_WORKER: Text = text!("Hapus pekerja", "Remove worker");

// Coverage
pub const INCOME: Text = text!("Penghasilan per bulan (Rp)", "Monthly income (Rp)");
pub const JHT: Text = text!(
    "Tambah JHT (tabungan hari tua)",
    "Add JHT (old-age savings)"
);
pub const PERIOD: Text = text!("Bayar untuk", "Pay for");
pub const MONTHS: Text = text!("bulan", "months");
pub const START_MONTH: Text = text!("Mulai bulan", "Starting month");
pub const PAID_BY_GOVERNMENT: Text = text!(
    "Iuran JKK/JKM dibayar APBN/APBD",
    "JKK/JKM paid by the state or city budget"
);
pub const PREVIEW: Text = text!("Perkiraan iuran", "Contribution estimate");
pub const PREVIEW_NEEDS: Text = text!(
    "Isi penghasilan, lama bayar dan bulan mulai untuk melihat iuran.",
    "Fill in income, period and start month to see the contribution."
);
pub const PER_MONTH: Text = text!("Per bulan", "Per month");
pub const FOR_PERIOD: Text = text!("Total untuk", "Total for");
pub const DISCOUNT: Text = text!(
    "Potongan PP 50/2025 (50% JKK dan JKM)",
    "PP 50/2025 discount (50% of JKK and JKM)"
);
pub const BASIS: Text = text!("Dasar upah", "Income basis");
pub const CONSENT: Text = text!(
    "Peserta setuju data pribadinya diproses",
    "The participant agrees to the processing of their personal data"
);
pub const CONSENT_TEXT: Text = text!(
    "Kami mencatat NIK, nama, tanggal lahir, nama ibu kandung, alamat, nomor HP dan data usaha untuk mendaftarkan Anda ke BPJS Ketenagakerjaan (JKK, JKM, dan JHT bila dipilih) melalui Pemerintah Kota Mojokerto, sesuai UU 27/2022 tentang Pelindungan Data Pribadi. Data hanya dipakai untuk pendaftaran ini dan diserahkan ke BPJS Ketenagakerjaan Cabang Mojokerto.",
    "We record your NIK, name, date of birth, mother's maiden name, address, phone number and business details to register you with BPJS Ketenagakerjaan (JKK, JKM, and JHT if chosen) through the City of Mojokerto, under Law 27/2022 on Personal Data Protection. The data is used only for this registration and handed to the BPJS Ketenagakerjaan Mojokerto branch."
);
pub const HELD_BY_CITY: Text = text!(
    "NIK ini sudah terdaftar di kota: tanda terima",
    "The city already holds a registration of this NIK: receipt"
);
pub const RECEIVED_ON: Text = text!("diterima", "received on");
pub const HELD_BY_CITY_END: Text = text!(
    "Periksa KTP-nya; bila orangnya sama, jangan didaftarkan lagi.",
    "Check the ID card; if it is the same person, do not register them again."
);
