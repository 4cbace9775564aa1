//! Realistic fake registrations for tests: the app's, the endpoint's and this crate's.
//!
//! Enabled by the `testdata` cargo feature (and always in this crate's own tests). Everything is
//! deterministic from a `seed` through a tiny hand-written PRNG, so a failing test names the seed
//! that reproduces it. Names come from short lists of common given names combined at random —
//! made-up people, never real ones — and inputs are typed in the varied ways officers type them
//! (`0812 3456 7890`, `+62 812-…`, `05-07-1990`, `Rp 1.500.000`), so tests exercise
//! normalisation too.

use crate::business::{KBLI_LIST, parse_employees};
use crate::date::{Date, Timestamp};
use crate::id::RegistrationId;
use crate::region::Kelurahan;
use crate::registration::{
    AddressForm, BusinessForm, CoverageForm, KoperasiForm, ParticipantForm, Registration,
    RegistrationForm, WorkerForm,
};
use crate::sex::Sex;
use crate::wire::Submission;

/// The "today" [`registration_form`], [`submission`] and [`registration`] are valid on.
pub const REFERENCE_TODAY: Date = Date::from_parts_unchecked(2026, 6, 15);

/// SplitMix64: a few lines, good enough statistics for test data, no dependency.
#[derive(Debug, Clone)]
pub struct Rng(u64);

impl Rng {
    /// A generator seeded with `seed`.
    pub fn new(seed: u64) -> Rng {
        Rng(seed)
    }

    /// The next 64 random bits.
    pub fn next_u64(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }

    /// A number in `low..=high` (slightly biased for huge ranges; fine for test data).
    pub fn range(&mut self, low: u64, high: u64) -> u64 {
        low + self.next_u64() % (high - low + 1)
    }

    /// True with probability `percent`/100.
    pub fn chance(&mut self, percent: u64) -> bool {
        self.range(1, 100) <= percent
    }

    /// One element of a non-empty slice.
    pub fn pick<'a, T>(&mut self, items: &'a [T]) -> &'a T {
        &items[self.range(0, items.len() as u64 - 1) as usize]
    }
}

const FEMALE_NAMES: &[&str] = &[
    "Siti", "Sri", "Dewi", "Endang", "Wahyuni", "Lestari", "Ninik", "Yuliati", "Rahayu", "Kasiyani",
];
const MALE_NAMES: &[&str] = &[
    "Budi", "Agus", "Slamet", "Joko", "Bambang", "Heru", "Wahyu", "Suprapto", "Eko", "Hadi",
];
const SECOND_NAMES: &[&str] = &[
    "Aminah",
    "Rahmawati",
    "Santoso",
    "Prasetyo",
    "Susanto",
    "Hartono",
    "Wulandari",
    "Purnomo",
    "Setiawan",
    "Handayani",
];
const STREETS: &[&str] = &[
    "Mawar",
    "Melati",
    "Kenanga",
    "Anggrek",
    "Cempaka",
    "Flamboyan",
];
const MARKETS: &[&str] = &[
    "Pasar Tanjung Anyar",
    "Pasar Kliwon",
    "Pasar Prajurit Kulon",
];
const OUTSIDE_CITIES: &[&str] = &["Kab. Mojokerto", "Kab. Jombang", "Kab. Sidoarjo"];
const OTHER_KINDS: &[&str] = &["jual pulsa keliling", "tukang cukur", "jasa tambal ban"];
const MOBILE_PREFIXES: &[&str] = &[
    "812", "813", "821", "822", "852", "853", "857", "858", "877", "878", "895", "896",
];

/// The 16 NIK digits for a person born on `birth_date` with `sex`, issued in the 6-digit
/// `region` (e.g. `357601`), with `serial` (1–9999).
pub fn nik_for(region: &str, birth_date: Date, sex: Sex, serial: u16) -> String {
    let day = match sex {
        Sex::Male => birth_date.day(),
        Sex::Female => birth_date.day() + 40,
    };
    format!(
        "{region}{day:02}{:02}{:02}{serial:04}",
        birth_date.month(),
        birth_date.year() % 100
    )
}

/// A registration id from `seed`.
pub fn registration_id(seed: u64) -> RegistrationId {
    let mut rng = Rng::new(seed ^ 0x1D);
    let mut bytes = [0u8; 16];
    for chunk in bytes.chunks_mut(8) {
        chunk.copy_from_slice(&rng.next_u64().to_le_bytes()[..chunk.len()]);
    }
    RegistrationId::from_random_bytes(bytes)
}

/// A mobile number typed in one of the usual ways.
pub fn phone_input(rng: &mut Rng) -> String {
    let prefix = rng.pick(MOBILE_PREFIXES);
    let rest: String = (0..rng.range(7, 8))
        .map(|_| char::from(b'0' + rng.range(0, 9) as u8))
        .collect();
    let (a, b) = rest.split_at(4);
    match rng.range(0, 3) {
        0 => format!("0{prefix}{rest}"),
        1 => format!("0{prefix} {a} {b}"),
        2 => format!("+62 {prefix}-{a}-{b}"),
        _ => format!("62{prefix}{rest}"),
    }
}

/// An amount of rupiah typed in one of the usual ways.
fn income_input(rng: &mut Rng) -> String {
    let amount = rng.range(5, 250) * 100_000;
    let grouped = crate::iuran::Rupiah(amount).grouped();
    match rng.range(0, 2) {
        0 => amount.to_string(),
        1 => grouped,
        _ => format!("Rp {grouped}"),
    }
}

/// A valid form (on [`REFERENCE_TODAY`]) generated from `seed`.
pub fn registration_form(seed: u64) -> RegistrationForm {
    registration_form_on(seed, REFERENCE_TODAY)
}

/// A form generated from `seed` that is valid on `today`: age 18–70, start month this month or
/// next, a NIK that agrees with the birth date and sex.
pub fn registration_form_on(seed: u64, today: Date) -> RegistrationForm {
    let mut rng = Rng::new(seed);

    let sex = if rng.chance(50) {
        Sex::Female
    } else {
        Sex::Male
    };
    let age_days = rng.range(18 * 366, 70 * 365) as i64;
    let birth_date =
        Date::from_days_since_unix_epoch(today.days_since_unix_epoch() - age_days).unwrap_or(today);
    let region = if rng.chance(80) {
        format!("35760{}", rng.range(1, 3))
    } else {
        format!("3516{:02}", rng.range(1, 18))
    };
    let nik = nik_for(&region, birth_date, sex, rng.range(1, 9999) as u16);
    let nik = if rng.chance(20) {
        format!(
            "{} {} {} {}",
            &nik[..4],
            &nik[4..8],
            &nik[8..12],
            &nik[12..]
        )
    } else {
        nik
    };
    let given = match sex {
        Sex::Female => rng.pick(FEMALE_NAMES),
        Sex::Male => rng.pick(MALE_NAMES),
    };
    let full_name = if rng.chance(25) {
        given.to_string()
    } else {
        format!("{given} {}", rng.pick(SECOND_NAMES))
    };
    let participant = ParticipantForm {
        nik,
        full_name: if rng.chance(30) {
            full_name.to_uppercase()
        } else {
            full_name
        },
        place_of_birth: (*rng.pick(&["Mojokerto", "Jombang", "Surabaya"])).to_owned(),
        birth_date: if rng.chance(50) {
            birth_date.to_string()
        } else {
            format!(
                "{:02}-{:02}-{}",
                birth_date.day(),
                birth_date.month(),
                birth_date.year()
            )
        },
        sex: match (sex, rng.chance(50)) {
            (Sex::Male, true) => "L".into(),
            (Sex::Male, false) => "Laki-laki".into(),
            (Sex::Female, true) => "P".into(),
            (Sex::Female, false) => "Perempuan".into(),
        },
        mother_maiden_name: if rng.chance(70) {
            format!("{} {}", rng.pick(FEMALE_NAMES), rng.pick(SECOND_NAMES))
        } else {
            String::new()
        },
        phone: phone_input(&mut rng),
        email: if rng.chance(20) {
            format!("{}{}@gmail.com", given.to_lowercase(), rng.range(1, 999))
        } else {
            String::new()
        },
    };

    let street = format!(
        "{} {} No. {}",
        rng.pick(&["Jl.", "Gang"]),
        rng.pick(STREETS),
        rng.range(1, 120)
    );
    let address = if rng.chance(85) {
        let kelurahan = *rng.pick(&Kelurahan::ALL);
        AddressForm {
            outside_city: false,
            street,
            rt: rng.range(1, 12).to_string(),
            rw: format!("{:02}", rng.range(1, 8)),
            kelurahan: if rng.chance(50) {
                kelurahan.code().to_owned()
            } else {
                kelurahan.name().to_owned()
            },
            city: String::new(),
        }
    } else {
        AddressForm {
            outside_city: true,
            street: format!("{street}, Desa Sooko"),
            city: (*rng.pick(OUTSIDE_CITIES)).to_owned(),
            ..AddressForm::default()
        }
    };

    let (kind, other_kind) = if rng.chance(10) {
        ("other".to_owned(), (*rng.pick(OTHER_KINDS)).to_owned())
    } else {
        (rng.pick(KBLI_LIST).code.to_owned(), String::new())
    };
    let business = BusinessForm {
        name: format!(
            "{} {given}",
            rng.pick(&["Warung", "Toko", "Kedai", "Usaha"])
        ),
        kind,
        other_kind,
        location: format!("{}, los {}", rng.pick(MARKETS), rng.range(1, 300)),
        nib: if rng.chance(30) {
            format!("{:013}", rng.range(1_000_000_000_000, 9_999_999_999_999))
        } else {
            String::new()
        },
        employees: if rng.chance(50) {
            String::new()
        } else {
            rng.range(0, 5).to_string()
        },
    };

    let koperasi = if rng.chance(30) {
        KoperasiForm {
            member_number: if rng.chance(50) {
                format!("KMP-{:04}", rng.range(1, 2000))
            } else {
                String::new()
            },
            ..koperasi_form(*rng.pick(&Kelurahan::ALL))
        }
    } else {
        KoperasiForm::default()
    };

    let employees = parse_employees(&business.employees).unwrap_or(0);
    let workers = if employees > 0 && rng.chance(50) {
        (0..rng.range(1, u64::from(employees)))
            .map(|i| worker_form(&mut rng, today, i as u16))
            .collect()
    } else {
        Vec::new()
    };

    let start_month = today
        .year_month()
        .checked_add_months(rng.range(0, 1) as i64)
        .unwrap_or(today.year_month());
    let coverage = CoverageForm {
        income: income_input(&mut rng),
        jht: rng.chance(40),
        period: (*rng.pick(&["1", "3", "6", "12"])).to_owned(),
        start_month: start_month.to_string(),
        paid_by_government: rng.chance(5),
    };

    RegistrationForm {
        participant,
        address,
        business,
        koperasi,
        workers,
        coverage,
        consent: true,
    }
}

/// The generated "Koperasi Kelurahan Merah Putih" of `kelurahan` (`docs/domain.md` §9: one in every
/// kelurahan since 2025): the same id, chair and legal number every time, so generated members of
/// the same kelurahan's koperasi count together.
pub fn koperasi_form(kelurahan: Kelurahan) -> KoperasiForm {
    let index = Kelurahan::ALL
        .iter()
        .position(|k| *k == kelurahan)
        .unwrap_or(0) as u64;
    let chair_birth =
        Date::new(1970, 1 + (index % 12) as u8, 1 + index as u8).unwrap_or(REFERENCE_TODAY);
    KoperasiForm {
        via_koperasi: true,
        id: registration_id(0x0C0B_0000 + index).to_string(),
        name: format!("Koperasi Kelurahan Merah Putih {}", kelurahan.name()),
        chair_nik: nik_for("357601", chair_birth, Sex::Male, 9000 + index as u16),
        kelurahan: kelurahan.code().to_owned(),
        legal_number: if index.is_multiple_of(3) {
            String::new()
        } else {
            format!("AHU-{:07}.AH.01.29.TAHUN 2025", 1200 + index)
        },
        member_number: String::new(),
    }
}

/// A worker of the owner's business, the `serial`-th: NIK from Kota Mojokerto, aged 18–50,
/// wage between Rp1.000.000 and Rp3.500.000.
fn worker_form(rng: &mut Rng, today: Date, serial: u16) -> WorkerForm {
    let sex = if rng.chance(50) {
        Sex::Female
    } else {
        Sex::Male
    };
    let age_days = rng.range(18 * 366, 50 * 365) as i64;
    let birth_date =
        Date::from_days_since_unix_epoch(today.days_since_unix_epoch() - age_days).unwrap_or(today);
    let given = match sex {
        Sex::Female => rng.pick(FEMALE_NAMES),
        Sex::Male => rng.pick(MALE_NAMES),
    };
    WorkerForm {
        full_name: format!("{given} {}", rng.pick(SECOND_NAMES)),
        // A distinct serial per worker keeps their NIKs apart from each other's.
        nik: nik_for(
            "357602",
            birth_date,
            sex,
            5000 + serial * 7 + rng.range(0, 6) as u16,
        ),
        phone: if rng.chance(70) {
            phone_input(rng)
        } else {
            String::new()
        },
        wage: format!("{}.{:03}.000", rng.range(1, 3), rng.range(0, 9) * 100),
    }
}

/// A valid submission (on [`REFERENCE_TODAY`]) generated from `seed`.
pub fn submission(seed: u64) -> Submission {
    submission_on(seed, REFERENCE_TODAY)
}

/// A submission generated from `seed`, valid on `today`: started on `today` during market hours
/// (WIB), consent a few minutes later, last edited a minute after that.
pub fn submission_on(seed: u64, today: Date) -> Submission {
    let mut rng = Rng::new(seed.rotate_left(17) ^ 0xA5);
    const MINUTE: i64 = 60_000;
    // 06:00–15:00 WIB is 23:00 (the day before) – 08:00 UTC.
    let start_of_day_utc = today.days_since_unix_epoch() * 86_400_000 - 7 * 60 * MINUTE;
    let created = start_of_day_utc + (6 * 60 + rng.range(0, 9 * 60) as i64) * MINUTE;
    let timestamp = |millis: i64| {
        Timestamp::from_unix_millis(millis)
            .map(|t| t.to_string())
            .unwrap_or_default()
    };
    Submission {
        id: registration_id(seed).to_string(),
        schema_version: crate::schema::SCHEMA_VERSION,
        form: registration_form_on(seed, today),
        consent_at: timestamp(created + 5 * MINUTE),
        created_at: timestamp(created),
        updated_at: timestamp(created + 6 * MINUTE),
        officer: if rng.chance(80) {
            format!("petugas-{:02}", rng.range(1, 20))
        } else {
            String::new()
        },
    }
}

/// A valid registration generated from `seed`, validated on [`REFERENCE_TODAY`].
pub fn registration(seed: u64) -> Registration {
    match Registration::from_submission(&submission(seed), REFERENCE_TODAY) {
        Ok(registration) => registration,
        Err(errors) => panic!("testdata seed {seed} is invalid: {errors:?}"),
    }
}

/// Business types as a city's aid-programme list writes them: words, or a KBLI code.
const ROSTER_BUSINESS_TYPES: &[&str] = &[
    "Kuliner",
    "Warung makan",
    "Toko kelontong",
    "Jahit",
    "Pedagang pasar",
    "56103",
    "96200",
];

/// The `index`-th row of a generated city roster (the aid programmes' list, `docs/domain.md` §1): a
/// NIK that no other index below 9,999 × 10,000 shares (serial and birth date come from the
/// index), a made-up name, a kelurahan typed as its code or its name, a business type, and most
/// of the time an address and a market.
pub fn roster_row(index: u64) -> crate::roster::RosterRow {
    let mut rng = Rng::new(index ^ 0x0005_7E70);
    let sex = if rng.chance(50) {
        Sex::Female
    } else {
        Sex::Male
    };
    let kelurahan = *rng.pick(&Kelurahan::ALL);
    // Born from 1 Jan 1960 on, one day further every 9,999 entries: (day, serial) is unique.
    let birth_date =
        Date::from_days_since_unix_epoch(-3653 + (index / 9999) as i64).unwrap_or(REFERENCE_TODAY);
    let region = kelurahan.kecamatan().code().replace('.', "");
    let given = match sex {
        Sex::Female => rng.pick(FEMALE_NAMES),
        Sex::Male => rng.pick(MALE_NAMES),
    };
    crate::roster::RosterRow {
        nik: nik_for(&region, birth_date, sex, (index % 9999 + 1) as u16),
        full_name: format!("{given} {}", rng.pick(SECOND_NAMES)),
        kelurahan: if rng.chance(50) {
            kelurahan.code().to_owned()
        } else {
            kelurahan.name().to_owned()
        },
        business_type: (*rng.pick(ROSTER_BUSINESS_TYPES)).to_owned(),
        // Drawn after the fields above, so their values are the same as before these columns.
        address: if rng.chance(70) {
            format!("Jl. {} No. {}", rng.pick(STREETS), rng.range(1, 120))
        } else {
            String::new()
        },
        market: if rng.chance(60) {
            (*rng.pick(MARKETS)).to_owned()
        } else {
            String::new()
        },
    }
}

/// A generated city roster as the CSV `import-roster` reads, for the worklist benchmarks: its
/// first `area` rows in Kauman (an officer's area), the next `others` anywhere else.
pub fn area_roster_csv(area: u64, others: u64) -> String {
    let mut text = String::from("NIK;Nama;Kelurahan;Jenis Usaha;Alamat;Pasar\n");
    for i in 0..area + others {
        let mut row = roster_row(i);
        if i < area {
            row.kelurahan = Kelurahan::Kauman.name().into();
        } else if Kelurahan::parse(&row.kelurahan).ok() == Some(Kelurahan::Kauman) {
            row.kelurahan = Kelurahan::Miji.name().into();
        }
        text.push_str(&format!(
            "{};{};{};{};{};{}\n",
            row.nik, row.full_name, row.kelurahan, row.business_type, row.address, row.market
        ));
    }
    text
}

/// The `index`-th entry of a generated worklist: [`roster_row`]`(index)` as the endpoint sends it
/// to a phone, roster id `index + 1`.
pub fn worklist_entry(index: u64) -> crate::wire::worklist::WorklistEntry {
    let entry = roster_row(index)
        .validate()
        .expect("a generated roster row is valid");
    crate::wire::worklist::WorklistEntry {
        id: index + 1,
        nik: entry.nik,
        name: entry.full_name,
        kelurahan: entry.kelurahan,
        business_type: entry.business_type,
        address: entry.address,
        market: entry.market,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn generated_forms_are_valid_for_many_seeds() {
        for seed in 0..2000 {
            let form = registration_form(seed);
            assert_eq!(form.errors(REFERENCE_TODAY), [], "seed {seed}: {form:?}");
        }
    }

    #[test]
    fn generated_submissions_are_valid_for_many_seeds() {
        for seed in 0..500 {
            assert!(
                Registration::from_submission(&submission(seed), REFERENCE_TODAY).is_ok(),
                "seed {seed}"
            );
        }
    }

    #[test]
    fn the_same_seed_gives_the_same_data() {
        assert_eq!(submission(42), submission(42));
        assert_ne!(submission(42), submission(43));
    }

    #[test]
    fn a_generated_roster_of_the_citys_size_is_valid_and_its_niks_unique() {
        let rows = (0..32_051).map(|i| (i as usize + 2, roster_row(i)));
        assert_eq!(crate::roster::check_roster(rows).unwrap().len(), 32_051);
    }

    #[test]
    fn generated_forms_are_valid_on_other_days() {
        let today = Date::new(2031, 2, 28).unwrap();
        for seed in 0..200 {
            assert_eq!(
                registration_form_on(seed, today).errors(today),
                [],
                "seed {seed}"
            );
        }
    }
}
