//! The registration form as typed: every input a raw `String` or `bool`.
//!
//! This is what the app edits, saves as a draft after every change and sends on the wire. It
//! holds anything, including half-typed values; [`RegistrationForm::validate`] turns it into
//! validated parts or a list of every field error. Every struct is `#[serde(default)]`, so a
//! draft saved before a field existed still loads (the field comes back empty).
//!
//! Field names match the error paths in [`crate::errors::path`]: an error on
//! `participant.nik` belongs to `form.participant.nik`.
//!
//! [`RegistrationForm::validate`]: crate::registration::RegistrationForm::validate

use serde::{Deserialize, Serialize};

/// Everything the officer fills in for one registration.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct RegistrationForm {
    /// The person being registered.
    pub participant: ParticipantForm,
    /// Where they live.
    pub address: AddressForm,
    /// Their business.
    pub business: BusinessForm,
    /// The koperasi (wadah) they register through, if any.
    pub koperasi: KoperasiForm,
    /// The owner's workers, if any: wage earners handed over to the BPJS branch as a PU list.
    pub workers: Vec<WorkerForm>,
    /// What they are covered for and pay.
    pub coverage: CoverageForm,
    /// The participant agreed to the processing of their personal data (UU 27/2022).
    pub consent: bool,
}

/// The participant's identity and contact.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct ParticipantForm {
    /// NIK, 16 digits (spaces, dots, dashes allowed).
    pub nik: String,
    /// Full name as on the KTP.
    pub full_name: String,
    /// Place of birth.
    pub place_of_birth: String,
    /// Date of birth: `YYYY-MM-DD` or `DD-MM-YYYY`.
    pub birth_date: String,
    /// `L` or `P` (other spellings accepted, see [`crate::Sex::parse`]).
    pub sex: String,
    /// Mother's maiden name: optional, recommended (BPJS uses it to check identity).
    pub mother_maiden_name: String,
    /// Mobile phone.
    pub phone: String,
    /// Email: optional.
    pub email: String,
}

/// The participant's address: in Kota Mojokerto (street, RT/RW, kelurahan) or outside it
/// (free text and city/regency).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct AddressForm {
    /// Lives outside Kota Mojokerto: `street` is then the whole address and `city` is required;
    /// `rt`, `rw` and `kelurahan` are ignored.
    pub outside_city: bool,
    /// Street and number (in the city), or the whole address (outside it).
    pub street: String,
    /// RT, 1–3 digits.
    pub rt: String,
    /// RW, 1–3 digits.
    pub rw: String,
    /// Kelurahan code (`35.76.01.1003`) or name.
    pub kelurahan: String,
    /// City or regency, for an address outside Kota Mojokerto (e.g. `Kab. Mojokerto`).
    pub city: String,
}

/// The participant's business.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct BusinessForm {
    /// Business name.
    pub name: String,
    /// A KBLI code from [`crate::business::KBLI_LIST`], or `other`.
    pub kind: String,
    /// The business type in words, when `kind` is `other`.
    pub other_kind: String,
    /// Where it is: market and stall, street.
    pub location: String,
    /// NIB, 13 digits: optional.
    pub nib: String,
    /// Number of employees; empty means none.
    pub employees: String,
}

/// The koperasi (wadah) the participant registers through.
///
/// The app registers a koperasi once (id, name, chair's NIK, kelurahan, legal number) and copies
/// those fields into each member's form, so every registration carries its koperasi whole and the
/// endpoint needs nothing else to count members per koperasi.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct KoperasiForm {
    /// Registered through a koperasi: the koperasi's fields are then required (the legal number
    /// and member number stay optional); otherwise every field is ignored.
    pub via_koperasi: bool,
    /// The koperasi's permanent id: a lowercase UUID made when it was first registered.
    pub id: String,
    /// Koperasi name.
    pub name: String,
    /// The chair's NIK.
    pub chair_nik: String,
    /// Kelurahan code or name where the koperasi is based.
    pub kelurahan: String,
    /// Legal registration (badan hukum) number: optional, many are still being formalised.
    pub legal_number: String,
    /// Member number: optional (new members may not have one yet).
    pub member_number: String,
}

/// One of the owner's workers, as typed.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct WorkerForm {
    /// Full name as on the KTP.
    pub full_name: String,
    /// NIK.
    pub nik: String,
    /// Mobile phone: optional.
    pub phone: String,
    /// Monthly wage in rupiah.
    pub wage: String,
}

/// Programs and payment.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct CoverageForm {
    /// Declared monthly income in rupiah (`1.500.000`, `Rp 1.500.000` …).
    pub income: String,
    /// JHT chosen on top of JKK + JKM.
    pub jht: bool,
    /// Payment period: `1`, `3`, `6` or `12`.
    pub period: String,
    /// First contribution month, `YYYY-MM`.
    pub start_month: String,
    /// JKK/JKM paid by the state or regional budget (APBN/APBD). Defaults to false.
    pub paid_by_government: bool,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_draft_missing_fields_loads_with_them_empty() {
        let form: RegistrationForm =
            serde_json::from_str(r#"{"participant":{"nik":"3576"}}"#).unwrap();
        assert_eq!(form.participant.nik, "3576");
        assert_eq!(form.participant.phone, "");
        assert!(!form.coverage.paid_by_government);
    }

    #[test]
    fn a_form_round_trips_through_json() {
        let mut form = RegistrationForm::default();
        form.participant.full_name = "Siti".into();
        form.address.outside_city = true;
        let json = serde_json::to_string(&form).unwrap();
        assert_eq!(
            serde_json::from_str::<RegistrationForm>(&json).unwrap(),
            form
        );
    }
}
