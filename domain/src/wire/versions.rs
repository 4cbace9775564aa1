//! Older shapes of a submission, and their migration to the current one.
//!
//! Version 1 is the first that shipped; version 0 is the flat format of the field prototype that
//! preceded it (Indonesian keys, one `alamat` line with RT/RW inside, no schema version). Old
//! entries still on phones are read through [`StoredSubmission`] and migrated with
//! [`StoredSubmission::into_current`]; nothing is guessed silently — what cannot be mapped stays
//! empty, and validation then asks the officer for it.
//!
//! The migration path is a type, not a JSON rewrite, because the crate has no JSON dependency:
//! the app deserializes `StoredSubmission` with its own `serde_json` and calls `into_current`.
//! A new version adds a variant here and a `From<SubmissionVn> for Submission`.

use serde::{Deserialize, Serialize};

use crate::registration::form::{
    AddressForm, BusinessForm, CoverageForm, KoperasiForm, ParticipantForm, RegistrationForm,
};
use crate::schema::{SCHEMA_VERSION, SchemaError};
use crate::text::clean;
use crate::wire::Submission;

/// A registration as found in storage: the current shape or an older one.
///
/// Read in one pass over its keys (see the `Deserialize` impl below): a record with `id`,
/// `schema_version` and `form` is the current [`Submission`] (keys it does not know are
/// ignored, as a newer app may write more); otherwise it is version 0 (flat, with `id`, `nik`
/// and `nama` at the top and nothing unknown). A value that is neither fails to deserialize, so
/// the app can quarantine it instead of misreading it. Written untagged: each shape as itself.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(untagged)]
// Read once and converted at once: boxing the variants would only make matching on it clumsier.
#[allow(clippy::large_enum_variant)]
pub enum StoredSubmission {
    /// Version 1 (or a version number this code may not support; see `into_current`).
    Current(Submission),
    /// The prototype's flat format.
    V0(SubmissionV0),
}

impl StoredSubmission {
    /// The schema version it was written with.
    pub fn version(&self) -> u32 {
        match self {
            StoredSubmission::Current(submission) => submission.schema_version,
            StoredSubmission::V0(_) => 0,
        }
    }

    /// The submission in the current schema, migrating older versions.
    pub fn into_current(self) -> Result<Submission, SchemaError> {
        match self {
            StoredSubmission::Current(submission)
                if submission.schema_version == SCHEMA_VERSION =>
            {
                Ok(submission)
            }
            StoredSubmission::Current(_) => Err(SchemaError::Unsupported),
            StoredSubmission::V0(old) => Ok(old.into()),
        }
    }
}

impl From<Submission> for StoredSubmission {
    fn from(submission: Submission) -> Self {
        StoredSubmission::Current(submission)
    }
}

/// One pass over a stored record's keys, into either shape.
///
/// `#[serde(untagged)]` would read the whole record into serde's buffer first and then try each
/// shape against it: every text allocated twice. At the endpoint that buffering was half of
/// reading a batch (a sixth of its CPU time at batches of 500, BENCHMARKS.md "Where ingest time
/// goes"); on the phone every stored registration is read this way at unlock.
impl<'de> Deserialize<'de> for StoredSubmission {
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        deserializer.deserialize_map(ShapeVisitor)
    }
}

/// Every key either shape has; anything else is [`Key::Unknown`].
#[derive(Deserialize)]
#[serde(field_identifier, rename_all = "snake_case")]
enum Key {
    // Both shapes.
    Id,
    // Today's shape (`Submission`).
    SchemaVersion,
    Form,
    ConsentAt,
    CreatedAt,
    UpdatedAt,
    Officer,
    // Version 0 (`SubmissionV0`).
    Nik,
    Nama,
    TempatLahir,
    TglLahir,
    JenisKelamin,
    Hp,
    Email,
    Alamat,
    Kelurahan,
    NamaUsaha,
    Kbli,
    LokasiUsaha,
    Penghasilan,
    Jht,
    Bulan,
    Mulai,
    Setuju,
    Dibuat,
    Petugas,
    #[serde(other)]
    Unknown,
}

struct ShapeVisitor;

/// Sets `slot` from the map's next value, refusing a key given twice.
fn once<'de, A, T>(map: &mut A, slot: &mut Option<T>, key: &'static str) -> Result<(), A::Error>
where
    A: serde::de::MapAccess<'de>,
    T: Deserialize<'de>,
{
    if slot.is_some() {
        return Err(serde::de::Error::duplicate_field(key));
    }
    *slot = Some(map.next_value()?);
    Ok(())
}

impl<'de> serde::de::Visitor<'de> for ShapeVisitor {
    type Value = StoredSubmission;

    fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
        f.write_str("a registration: today's shape (id, schema_version, form) or version 0")
    }

    fn visit_map<A: serde::de::MapAccess<'de>>(self, mut map: A) -> Result<Self::Value, A::Error> {
        use serde::de::Error;
        let mut id = None;
        let (mut schema_version, mut form) = (None, None);
        let (mut consent_at, mut created_at, mut updated_at, mut officer) =
            (None, None, None, None);
        // Version 0's keys go straight into its struct (`v0_seen` names those read); `unknown`
        // says whether a key of neither shape was seen.
        let mut v0 = SubmissionV0::default();
        let (mut nik, mut nama) = (None, None);
        let mut v0_seen: Vec<&'static str> = Vec::new();
        let mut unknown = false;
        // A version 0 key, read into its field once.
        macro_rules! old {
            ($field:ident) => {{
                let name = stringify!($field);
                if v0_seen.contains(&name) {
                    return Err(A::Error::duplicate_field(name));
                }
                v0_seen.push(name);
                v0.$field = map.next_value()?;
            }};
        }
        while let Some(key) = map.next_key::<Key>()? {
            match key {
                Key::Id => once(&mut map, &mut id, "id")?,
                Key::SchemaVersion => once(&mut map, &mut schema_version, "schema_version")?,
                Key::Form => once(&mut map, &mut form, "form")?,
                Key::ConsentAt => once(&mut map, &mut consent_at, "consent_at")?,
                Key::CreatedAt => once(&mut map, &mut created_at, "created_at")?,
                Key::UpdatedAt => once(&mut map, &mut updated_at, "updated_at")?,
                Key::Officer => once(&mut map, &mut officer, "officer")?,
                Key::Nik => once(&mut map, &mut nik, "nik")?,
                Key::Nama => once(&mut map, &mut nama, "nama")?,
                Key::TempatLahir => old!(tempat_lahir),
                Key::TglLahir => old!(tgl_lahir),
                Key::JenisKelamin => old!(jenis_kelamin),
                Key::Hp => old!(hp),
                Key::Email => old!(email),
                Key::Alamat => old!(alamat),
                Key::Kelurahan => old!(kelurahan),
                Key::NamaUsaha => old!(nama_usaha),
                Key::Kbli => old!(kbli),
                Key::LokasiUsaha => old!(lokasi_usaha),
                Key::Penghasilan => old!(penghasilan),
                Key::Jht => old!(jht),
                Key::Bulan => old!(bulan),
                Key::Mulai => old!(mulai),
                Key::Setuju => old!(setuju),
                Key::Dibuat => old!(dibuat),
                Key::Petugas => old!(petugas),
                Key::Unknown => {
                    unknown = true;
                    map.next_value::<serde::de::IgnoredAny>()?;
                }
            }
        }
        let id: String = id.ok_or_else(|| A::Error::missing_field("id"))?;
        let today_keys = schema_version.is_some()
            || form.is_some()
            || consent_at.is_some()
            || created_at.is_some()
            || updated_at.is_some()
            || officer.is_some();
        if today_keys {
            // Today's shape: its three required keys, the rest defaulting to empty.
            return Ok(StoredSubmission::Current(Submission {
                id,
                schema_version: schema_version
                    .ok_or_else(|| A::Error::missing_field("schema_version"))?,
                form: form.ok_or_else(|| A::Error::missing_field("form"))?,
                consent_at: consent_at.unwrap_or_default(),
                created_at: created_at.unwrap_or_default(),
                updated_at: updated_at.unwrap_or_default(),
                officer: officer.unwrap_or_default(),
            }));
        }
        if unknown {
            return Err(A::Error::custom(
                "a registration of no known shape: neither today's (no schema_version or form) \
                 nor version 0 (a key it does not have)",
            ));
        }
        v0.id = id;
        v0.nik = nik.ok_or_else(|| A::Error::missing_field("nik"))?;
        v0.nama = nama.ok_or_else(|| A::Error::missing_field("nama"))?;
        Ok(StoredSubmission::V0(v0))
    }
}

/// Version 0: the field prototype's flat record.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SubmissionV0 {
    /// The UUID.
    pub id: String,
    /// NIK.
    pub nik: String,
    /// Full name.
    pub nama: String,
    /// Place of birth (added late in the prototype, often missing).
    #[serde(default)]
    pub tempat_lahir: String,
    /// Date of birth.
    #[serde(default)]
    pub tgl_lahir: String,
    /// Sex, L/P.
    #[serde(default)]
    pub jenis_kelamin: String,
    /// Mobile phone.
    #[serde(default)]
    pub hp: String,
    /// Email.
    #[serde(default)]
    pub email: String,
    /// The whole address on one line, RT/RW included ("Jl. Majapahit 12 RT 3 RW 5").
    #[serde(default)]
    pub alamat: String,
    /// Kelurahan name.
    #[serde(default)]
    pub kelurahan: String,
    /// Business name.
    #[serde(default)]
    pub nama_usaha: String,
    /// KBLI code.
    #[serde(default)]
    pub kbli: String,
    /// Where the business is.
    #[serde(default)]
    pub lokasi_usaha: String,
    /// Declared monthly income as typed.
    #[serde(default)]
    pub penghasilan: String,
    /// JHT chosen.
    #[serde(default)]
    pub jht: bool,
    /// Months paid (0 when not chosen).
    #[serde(default)]
    pub bulan: u8,
    /// Start month, `YYYY-MM`.
    #[serde(default)]
    pub mulai: String,
    /// When consent was given; empty when it was not.
    #[serde(default)]
    pub setuju: String,
    /// When the record was created.
    #[serde(default)]
    pub dibuat: String,
    /// The officer.
    #[serde(default)]
    pub petugas: String,
}

impl From<SubmissionV0> for Submission {
    fn from(old: SubmissionV0) -> Submission {
        let (street, rt, rw) = split_rt_rw(&old.alamat);
        let form = RegistrationForm {
            participant: ParticipantForm {
                nik: old.nik,
                full_name: old.nama,
                place_of_birth: old.tempat_lahir,
                birth_date: old.tgl_lahir,
                sex: old.jenis_kelamin,
                mother_maiden_name: String::new(),
                phone: old.hp,
                email: old.email,
            },
            address: AddressForm {
                // The prototype only registered city residents.
                outside_city: false,
                street,
                rt,
                rw,
                kelurahan: old.kelurahan,
                city: String::new(),
            },
            business: BusinessForm {
                name: old.nama_usaha,
                kind: old.kbli,
                other_kind: String::new(),
                location: old.lokasi_usaha,
                nib: String::new(),
                employees: String::new(),
            },
            koperasi: KoperasiForm::default(),
            workers: Vec::new(),
            coverage: CoverageForm {
                income: old.penghasilan,
                jht: old.jht,
                period: if old.bulan == 0 {
                    String::new()
                } else {
                    old.bulan.to_string()
                },
                start_month: old.mulai,
                paid_by_government: false,
            },
            consent: !old.setuju.trim().is_empty(),
        };
        Submission {
            id: old.id,
            schema_version: SCHEMA_VERSION,
            form,
            consent_at: old.setuju,
            created_at: old.dibuat.clone(),
            updated_at: old.dibuat,
            officer: old.petugas,
        }
    }
}

/// A number of 1–3 digits written after a label like `RT` in an address line.
struct Labelled {
    start: usize,
    end: usize,
    digits: String,
}

/// Finds `label` (ASCII, lowercase) as a word in `text`, followed by optional `.`/`:`/spaces and
/// 1–3 digits, e.g. `RT 3`, `Rt.003`, `RW:05`.
fn find_labelled(text: &str, label: &str) -> Option<Labelled> {
    let bytes = text.as_bytes();
    let label = label.as_bytes();
    (0..bytes.len()).find_map(|start| {
        let word_start = start == 0 || !bytes[start - 1].is_ascii_alphanumeric();
        let matches = bytes
            .get(start..start + label.len())
            .is_some_and(|b| b.eq_ignore_ascii_case(label));
        if !word_start || !matches {
            return None;
        }
        let mut at = start + label.len();
        while bytes
            .get(at)
            .is_some_and(|b| matches!(b, b'.' | b':' | b' '))
        {
            at += 1;
        }
        let digits = bytes[at..]
            .iter()
            .take_while(|b| b.is_ascii_digit())
            .count();
        let end = at + digits;
        let word_end = bytes.get(end).is_none_or(|b| !b.is_ascii_alphanumeric());
        ((1..=3).contains(&digits) && word_end).then(|| Labelled {
            start,
            end,
            digits: text[at..end].to_owned(),
        })
    })
}

/// Splits a one-line address into (street, RT, RW), e.g. `Jl. Merak 5, RT.002/RW.007, Kauman`
/// into (`Jl. Merak 5, Kauman`, `002`, `007`). Whatever is not found stays empty for the officer
/// to fill in; the address is never dropped.
fn split_rt_rw(address: &str) -> (String, String, String) {
    let (Some(rt), Some(rw)) = (find_labelled(address, "rt"), find_labelled(address, "rw")) else {
        return (clean(address), String::new(), String::new());
    };
    let (first, second) = if rt.start < rw.start {
        (&rt, &rw)
    } else {
        (&rw, &rt)
    };
    if first.end > second.start {
        return (clean(address), String::new(), String::new());
    }
    let separators: &[char] = &[' ', ',', '/', '-', ';'];
    let pieces = [
        address[..first.start].trim_end_matches(separators),
        address[first.end..second.start].trim_matches(separators),
        address[second.end..].trim_start_matches(separators),
    ];
    let street = pieces
        .iter()
        .filter(|p| !p.trim().is_empty())
        .copied()
        .collect::<Vec<_>>()
        .join(", ");
    (clean(&street), rt.digits, rw.digits)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::date::Date;
    use crate::registration::Registration;

    const V0_SAMPLE: &str = r#"{
        "id": "0b7e6f2a-3c1d-4e5f-9a8b-7c6d5e4f3a2b",
        "nik": "3576014507900001",
        "nama": "SITI AMINAH",
        "tempat_lahir": "Mojokerto",
        "tgl_lahir": "05-07-1990",
        "jenis_kelamin": "P",
        "hp": "0812 3456 7890",
        "alamat": "Jl. Majapahit No. 12 RT 03 RW 05",
        "kelurahan": "Kauman",
        "nama_usaha": "Warung Bu Siti",
        "kbli": "56102",
        "lokasi_usaha": "Pasar Tanjung Anyar, los 12",
        "penghasilan": "1.500.000",
        "jht": true,
        "bulan": 3,
        "mulai": "2026-04",
        "setuju": "2026-03-30T02:00:00.000Z",
        "dibuat": "2026-03-30T01:55:00.000Z",
        "petugas": "petugas-07"
    }"#;

    #[test]
    fn a_version_0_record_migrates_to_a_valid_version_1_registration() {
        let stored: StoredSubmission = serde_json::from_str(V0_SAMPLE).unwrap();
        assert_eq!(stored.version(), 0);
        let submission = stored.into_current().unwrap();
        assert_eq!(submission.schema_version, SCHEMA_VERSION);
        assert_eq!(submission.form.address.street, "Jl. Majapahit No. 12");
        assert_eq!(submission.form.address.rt, "03");
        assert_eq!(submission.form.address.rw, "05");
        assert!(submission.form.consent);

        let today = Date::new(2026, 4, 2).unwrap();
        let registration = Registration::from_submission(&submission, today).unwrap();
        assert_eq!(registration.participant().phone().e164(), "+6281234567890");
        assert_eq!(
            registration.address().kelurahan(),
            Some(crate::Kelurahan::Kauman)
        );
        assert_eq!(
            registration.officer().map(|o| o.as_str()),
            Some("petugas-07")
        );
    }

    #[test]
    fn a_version_1_record_reads_as_current() {
        let v1 = r#"{"id":"0b7e6f2a-3c1d-4e5f-9a8b-7c6d5e4f3a2b","schema_version":1,"form":{}}"#;
        let stored: StoredSubmission = serde_json::from_str(v1).unwrap();
        assert_eq!(stored.version(), 1);
        assert_eq!(
            stored.into_current().unwrap().form,
            RegistrationForm::default()
        );
    }

    #[test]
    fn a_record_from_a_newer_schema_is_unsupported_not_misread() {
        let v2 = r#"{"id":"x","schema_version":2,"form":{}}"#;
        let stored: StoredSubmission = serde_json::from_str(v2).unwrap();
        assert_eq!(stored.into_current(), Err(SchemaError::Unsupported));
    }

    #[test]
    fn a_record_of_no_known_shape_fails_to_read() {
        for json in [
            r#"{"id":"x"}"#,
            r#"{"id":"x","schema_version":1,"form":3}"#,
            "[]",
        ] {
            assert!(
                serde_json::from_str::<StoredSubmission>(json).is_err(),
                "{json}"
            );
        }
    }

    #[test]
    fn either_shape_reads_whatever_the_order_of_its_keys() {
        let current = crate::testdata::submission(7);
        let json = serde_json::to_string(&current).unwrap();
        assert_eq!(
            serde_json::from_str::<StoredSubmission>(&json).unwrap(),
            StoredSubmission::Current(current.clone())
        );
        // The same record with its keys reversed, and with a key a newer app might add.
        let value: serde_json::Map<String, serde_json::Value> =
            serde_json::from_str(&json).unwrap();
        let mut reversed: Vec<_> = value.into_iter().collect();
        reversed.reverse();
        reversed.push(("added_later".into(), serde_json::json!({"x": [1, 2]})));
        let reversed: serde_json::Map<_, _> = reversed.into_iter().collect();
        assert_eq!(
            serde_json::from_value::<StoredSubmission>(serde_json::Value::Object(reversed))
                .unwrap(),
            StoredSubmission::Current(current)
        );
        // Version 0 with `id` last reads as the same record as the sample.
        let sample: SubmissionV0 = serde_json::from_str(V0_SAMPLE).unwrap();
        let moved = V0_SAMPLE.replace(r#""id": "0b7e6f2a-3c1d-4e5f-9a8b-7c6d5e4f3a2b","#, "");
        let moved = moved.replace(
            r#""petugas": "petugas-07""#,
            r#""petugas": "petugas-07", "id": "0b7e6f2a-3c1d-4e5f-9a8b-7c6d5e4f3a2b""#,
        );
        assert_eq!(
            serde_json::from_str::<StoredSubmission>(&moved).unwrap(),
            StoredSubmission::V0(sample)
        );
    }

    #[test]
    fn a_doubled_key_or_an_unknown_key_in_version_0_is_refused() {
        for json in [
            r#"{"id":"x","id":"y","schema_version":1,"form":{}}"#,
            r#"{"id":"x","schema_version":1,"form":{},"form":{}}"#,
            r#"{"id":"x","nik":"1","nama":"A","hp":"1","hp":"2"}"#,
            r#"{"id":"x","nik":"1","nama":"A","extra":1}"#,
            r#"{"id":"x","nik":"1"}"#,
            r#"{"id":"x","nik":"1","nama":"A","jht":"ya"}"#,
            r#"{"id":"x","schema_version":1}"#,
            r#"{"id":"x","form":{}}"#,
            r#""x""#,
        ] {
            assert!(
                serde_json::from_str::<StoredSubmission>(json).is_err(),
                "{json}"
            );
        }
        // The smallest version 0 record: its three required keys.
        let least: StoredSubmission =
            serde_json::from_str(r#"{"id":"x","nik":"1","nama":"A"}"#).unwrap();
        assert_eq!(least.version(), 0);
    }

    #[test]
    fn rt_and_rw_are_found_in_the_usual_spellings() {
        let cases = [
            (
                "Jl. Merak 5, RT.002/RW.007, Kauman",
                ("Jl. Merak 5, Kauman", "002", "007"),
            ),
            ("Dusun Kauman rt 3 rw 5", ("Dusun Kauman", "3", "5")),
            ("RW:05 RT:01 Gang Mawar", ("Gang Mawar", "01", "05")),
            ("Jl. Surtwo 1", ("Jl. Surtwo 1", "", "")),
            ("Jl. Pahlawan RT 3", ("Jl. Pahlawan RT 3", "", "")),
        ];
        for (input, (street, rt, rw)) in cases {
            assert_eq!(
                split_rt_rw(input),
                (street.into(), rt.into(), rw.into()),
                "{input}"
            );
        }
    }

    #[test]
    fn a_current_submission_is_stored_as_itself() {
        let v1 = r#"{"id":"x","schema_version":1,"form":{}}"#;
        let stored: StoredSubmission = serde_json::from_str(v1).unwrap();
        let again = serde_json::to_string(&stored).unwrap();
        assert_eq!(
            serde_json::from_str::<StoredSubmission>(&again).unwrap(),
            stored
        );
    }
}
