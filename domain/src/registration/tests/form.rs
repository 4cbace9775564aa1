//! The whole form: every error at once, one per path, optional fields.

use super::*;

#[test]
fn the_sample_form_is_valid() {
    assert_eq!(form().errors(REFERENCE_TODAY), []);
}

#[test]
fn an_empty_form_reports_every_required_field_at_once() {
    let errors = RegistrationForm::default().errors(REFERENCE_TODAY);
    let paths: Vec<&str> = errors.iter().map(|e| e.path.as_str()).collect();
    assert_eq!(
        paths,
        [
            path::NIK,
            path::FULL_NAME,
            path::PLACE_OF_BIRTH,
            path::BIRTH_DATE,
            path::SEX,
            path::PHONE,
            path::STREET,
            path::RT,
            path::RW,
            path::KELURAHAN,
            path::BUSINESS_NAME,
            path::BUSINESS_KIND,
            path::BUSINESS_LOCATION,
            path::INCOME,
            path::PERIOD,
            path::START_MONTH,
            path::CONSENT,
        ]
    );
    assert!(errors[..16].iter().all(|e| e.code == "required"));
    assert_eq!(errors[16].code, "consent.not_given");
}

#[test]
fn optional_fields_may_stay_empty() {
    let mut form = form();
    form.participant.email.clear();
    form.participant.mother_maiden_name.clear();
    form.business.nib.clear();
    form.business.employees.clear();
    form.koperasi = KoperasiForm::default();
    let details = form.validate(REFERENCE_TODAY).unwrap();
    assert_eq!(details.participant.email(), None);
    assert_eq!(details.business.employees, 0);
    assert_eq!(details.koperasi, None);
}

#[test]
fn optional_fields_that_are_filled_in_are_checked() {
    let mut form = form();
    form.participant.email = "siti@".into();
    form.participant.mother_maiden_name = "Ibu 2".into();
    form.business.nib = "123".into();
    let errors = form.errors(REFERENCE_TODAY);
    assert!(errors.contains(&FieldError::new(path::EMAIL, "email.invalid_domain")));
    assert!(errors.contains(&FieldError::new(
        path::MOTHER_MAIDEN_NAME,
        "person_name.invalid_character"
    )));
    assert!(errors.contains(&FieldError::new(path::NIB, "nib.length")));
}

#[test]
fn check_field_gives_the_error_of_that_field_only() {
    let mut form = form();
    form.participant.phone = "0841234567".into();
    form.participant.full_name.clear();
    assert_eq!(
        form.check_field(path::PHONE, REFERENCE_TODAY),
        Some(FieldError::new(path::PHONE, "phone.not_mobile"))
    );
    assert_eq!(form.check_field(path::NIK, REFERENCE_TODAY), None);
}

#[test]
fn each_path_gets_at_most_one_error() {
    for seed in 0..300 {
        // Break a few fields in combination.
        let mut form = testdata::registration_form(seed);
        form.participant.sex = "L".into();
        form.participant.birth_date = "2030-01-01".into();
        form.coverage.start_month = "1999-01".into();
        let errors = form.errors(REFERENCE_TODAY);
        let mut paths: Vec<_> = errors.iter().map(|e| &e.path).collect();
        paths.dedup();
        assert_eq!(paths.len(), errors.len(), "seed {seed}: {errors:?}");
    }
}
