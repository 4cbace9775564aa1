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

/// Whether a field holds its default (empty text, `false`, no workers): such fields are left
/// out when serialized. Every struct here is `#[serde(default)]`, so they read back the same;
/// a registration stored on a phone is about a fifth smaller, which is what lets 5,000 of
/// them fit in the browser's storage with room to spare.
fn is_default<T: Default + PartialEq>(value: &T) -> bool {
    *value == T::default()
}

/// Everything the officer fills in for one registration.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(default)]
pub struct RegistrationForm {
    /// The person being registered.
    #[serde(skip_serializing_if = "is_default")]
    pub participant: ParticipantForm,
    /// Where they live.
    #[serde(skip_serializing_if = "is_default")]
    pub address: AddressForm,
    /// Their business.
    #[serde(skip_serializing_if = "is_default")]
    pub business: BusinessForm,
    /// The koperasi (wadah) they register through, if any.
    #[serde(skip_serializing_if = "is_default")]
    pub koperasi: KoperasiForm,
    /// The owner's workers, if any: wage earners handed over to the BPJS branch as a PU list.
    #[serde(skip_serializing_if = "is_default")]
    pub workers: Vec<WorkerForm>,
    /// What they are covered for and pay.
    #[serde(skip_serializing_if = "is_default")]
    pub coverage: CoverageForm,
    /// The participant agreed to the processing of their personal data (UU 27/2022).
    #[serde(skip_serializing_if = "is_default")]
    pub consent: bool,
}

/// The participant's identity and contact.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(default)]
pub struct ParticipantForm {
    /// NIK, 16 digits (spaces, dots, dashes allowed).
    #[serde(skip_serializing_if = "is_default")]
    pub nik: String,
    /// Full name as on the KTP.
    #[serde(skip_serializing_if = "is_default")]
    pub full_name: String,
    /// Place of birth.
    #[serde(skip_serializing_if = "is_default")]
    pub place_of_birth: String,
    /// Date of birth: `YYYY-MM-DD` or `DD-MM-YYYY`.
    #[serde(skip_serializing_if = "is_default")]
    pub birth_date: String,
    /// `L` or `P` (other spellings accepted, see `Sex::parse`).
    #[serde(skip_serializing_if = "is_default")]
    pub sex: String,
    /// Mother's maiden name: optional, recommended (BPJS uses it to check identity).
    #[serde(skip_serializing_if = "is_default")]
    pub mother_maiden_name: String,
    /// Mobile phone.
    #[serde(skip_serializing_if = "is_default")]
    pub phone: String,
    /// Email: optional.
    #[serde(skip_serializing_if = "is_default")]
    pub email: String,
}

/// The participant's address: in Kota Mojokerto (street, RT/RW, kelurahan) or outside it
/// (free text and city/regency).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(default)]
pub struct AddressForm {
    /// Lives outside Kota Mojokerto: `street` is then the whole address and `city` is required;
    /// `rt`, `rw` and `kelurahan` are ignored.
    #[serde(skip_serializing_if = "is_default")]
    pub outside_city: bool,
    /// Street and number (in the city), or the whole address (outside it).
    #[serde(skip_serializing_if = "is_default")]
    pub street: String,
    /// RT, 1–3 digits.
    #[serde(skip_serializing_if = "is_default")]
    pub rt: String,
    /// RW, 1–3 digits.
    #[serde(skip_serializing_if = "is_default")]
    pub rw: String,
    /// Kelurahan code (`35.76.01.1003`) or name.
    #[serde(skip_serializing_if = "is_default")]
    pub kelurahan: String,
    /// City or regency, for an address outside Kota Mojokerto (e.g. `Kab. Mojokerto`).
    #[serde(skip_serializing_if = "is_default")]
    pub city: String,
}

/// The participant's business.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(default)]
pub struct BusinessForm {
    /// Business name.
    #[serde(skip_serializing_if = "is_default")]
    pub name: String,
    /// A KBLI code from the list (`business::KBLI_LIST`), or `other`.
    #[serde(skip_serializing_if = "is_default")]
    pub kind: String,
    /// The business type in words, when `kind` is `other`.
    #[serde(skip_serializing_if = "is_default")]
    pub other_kind: String,
    /// Where it is: market and stall, street.
    #[serde(skip_serializing_if = "is_default")]
    pub location: String,
    /// NIB, 13 digits: optional.
    #[serde(skip_serializing_if = "is_default")]
    pub nib: String,
    /// Number of employees; empty means none.
    #[serde(skip_serializing_if = "is_default")]
    pub employees: String,
}

/// The koperasi (wadah) the participant registers through.
///
/// The app registers a koperasi once (id, name, chair's NIK, kelurahan, legal number) and copies
/// those fields into each member's form, so every registration carries its koperasi whole and the
/// endpoint needs nothing else to count members per koperasi.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(default)]
pub struct KoperasiForm {
    /// Registered through a koperasi: the koperasi's fields are then required (the legal number
    /// and member number stay optional); otherwise every field is ignored.
    #[serde(skip_serializing_if = "is_default")]
    pub via_koperasi: bool,
    /// The koperasi's permanent id: a lowercase UUID made when it was first registered.
    #[serde(skip_serializing_if = "is_default")]
    pub id: String,
    /// Koperasi name.
    #[serde(skip_serializing_if = "is_default")]
    pub name: String,
    /// The chair's NIK.
    #[serde(skip_serializing_if = "is_default")]
    pub chair_nik: String,
    /// Kelurahan code or name where the koperasi is based.
    #[serde(skip_serializing_if = "is_default")]
    pub kelurahan: String,
    /// Legal registration (badan hukum) number: optional, many are still being formalised.
    #[serde(skip_serializing_if = "is_default")]
    pub legal_number: String,
    /// Member number: optional (new members may not have one yet).
    #[serde(skip_serializing_if = "is_default")]
    pub member_number: String,
}

/// One of the owner's workers, as typed.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(default)]
pub struct WorkerForm {
    /// Full name as on the KTP.
    #[serde(skip_serializing_if = "is_default")]
    pub full_name: String,
    /// NIK.
    #[serde(skip_serializing_if = "is_default")]
    pub nik: String,
    /// Mobile phone: optional.
    #[serde(skip_serializing_if = "is_default")]
    pub phone: String,
    /// Monthly wage in rupiah.
    #[serde(skip_serializing_if = "is_default")]
    pub wage: String,
}

/// Programs and payment.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(default)]
pub struct CoverageForm {
    /// Declared monthly income in rupiah (`1.500.000`, `Rp 1.500.000` …).
    #[serde(skip_serializing_if = "is_default")]
    pub income: String,
    /// JHT chosen on top of JKK + JKM.
    #[serde(skip_serializing_if = "is_default")]
    pub jht: bool,
    /// Payment period: `1`, `3`, `6` or `12`.
    #[serde(skip_serializing_if = "is_default")]
    pub period: String,
    /// First contribution month, `YYYY-MM`.
    #[serde(skip_serializing_if = "is_default")]
    pub start_month: String,
    /// JKK/JKM paid by the state or regional budget (APBN/APBD). Defaults to false.
    #[serde(skip_serializing_if = "is_default")]
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
    fn empty_fields_are_left_out_and_read_back_the_same() {
        let mut form = RegistrationForm::default();
        form.participant.nik = "3576014506900001".into();
        let json = serde_json::to_string(&form).unwrap();
        assert_eq!(json, r#"{"participant":{"nik":"3576014506900001"}}"#);
        assert_eq!(
            serde_json::from_str::<RegistrationForm>(&json).unwrap(),
            form
        );
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
