//! The business and the koperasi it registers through.

use super::*;

#[test]
fn a_koperasi_is_checked_only_when_registering_through_one() {
    let mut form = form();
    form.koperasi = KoperasiForm {
        via_koperasi: false,
        member_number: "12".into(),
        ..KoperasiForm::default()
    };
    assert_eq!(form.errors(REFERENCE_TODAY), []);
    form.koperasi.via_koperasi = true;
    assert_eq!(
        form.errors(REFERENCE_TODAY),
        [
            FieldError::new(path::KOPERASI_ID, "required"),
            FieldError::new(path::KOPERASI_NAME, "required"),
            FieldError::new(path::KOPERASI_CHAIR_NIK, "required"),
            FieldError::new(path::KOPERASI_KELURAHAN, "required"),
        ]
    );
}

#[test]
fn a_member_carries_the_whole_koperasi_and_gets_it_back_from_the_record() {
    let mut form = form();
    form.koperasi = KoperasiForm {
        member_number: "KMP-0012".into(),
        ..testdata::koperasi_form(crate::Kelurahan::ALL[4])
    };
    let details = form.validate(REFERENCE_TODAY).unwrap();
    let koperasi = details.koperasi.clone().unwrap();
    assert_eq!(koperasi.wadah.kelurahan, crate::Kelurahan::ALL[4]);
    assert_eq!(koperasi.member_number.unwrap().as_str(), "KMP-0012");
    assert_eq!(
        koperasi.wadah.to_form().validate_wadah(),
        Ok(koperasi.wadah)
    );
}

#[test]
fn a_koperasi_on_its_own_reports_its_own_fields_only() {
    let mut koperasi = testdata::koperasi_form(crate::Kelurahan::ALL[0]);
    koperasi.id = "not-a-uuid".into();
    koperasi.chair_nik = "123".into();
    koperasi.legal_number = "x".into();
    koperasi.member_number = "is ignored here".into();
    let codes: Vec<(String, String)> = koperasi
        .validate_wadah()
        .unwrap_err()
        .into_iter()
        .map(|e| (e.path, e.code))
        .collect();
    assert_eq!(
        codes,
        [
            (path::KOPERASI_ID.into(), "id.format".into()),
            (path::KOPERASI_CHAIR_NIK.into(), "nik.length".into()),
            (path::KOPERASI_LEGAL_NUMBER.into(), "text.too_short".into()),
        ]
    );
}

#[test]
fn an_other_business_type_needs_a_description() {
    let mut form = form();
    form.business.kind = "other".into();
    form.business.other_kind.clear();
    assert_eq!(
        form.errors(REFERENCE_TODAY),
        [FieldError::new(path::BUSINESS_OTHER_KIND, "required")]
    );
}

#[test]
fn an_unlisted_business_code_is_unknown() {
    let mut form = form();
    form.business.kind = "12345".into();
    assert_eq!(
        codes_at(&form, path::BUSINESS_KIND),
        ["business_type.unknown"]
    );
}
