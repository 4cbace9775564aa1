//! The registration rules, one test each.

use super::*;
use crate::date::{Date, Timestamp};
use crate::errors::{FieldError, path};
use crate::sex::Sex;
use crate::testdata::{self, REFERENCE_TODAY, nik_for};
use crate::wire::Submission;

fn date(s: &str) -> Date {
    Date::parse(s).unwrap()
}

/// A valid form for a woman born 1990-07-05, NIK issued in Prajuritkulon.
fn form() -> RegistrationForm {
    let mut form = testdata::registration_form(7);
    form.participant.nik = nik_for("357601", date("1990-07-05"), Sex::Female, 1);
    form.participant.birth_date = "1990-07-05".into();
    form.participant.sex = "P".into();
    form
}

fn codes_at(form: &RegistrationForm, at: &str) -> Vec<String> {
    form.errors(REFERENCE_TODAY)
        .into_iter()
        .filter(|e| e.path == at)
        .map(|e| e.code)
        .collect()
}

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
fn a_birth_date_that_differs_from_the_nik_is_a_mismatch() {
    let mut form = form();
    form.participant.birth_date = "1990-07-06".into();
    assert_eq!(
        codes_at(&form, path::BIRTH_DATE),
        ["birth_date.nik_mismatch"]
    );
}

#[test]
fn a_birth_year_in_another_century_of_the_nik_is_a_mismatch_only_if_the_digits_differ() {
    let mut form = form();
    form.participant.birth_date = "1991-07-05".into();
    assert_eq!(
        codes_at(&form, path::BIRTH_DATE),
        ["birth_date.nik_mismatch"]
    );
}

#[test]
fn a_sex_that_differs_from_the_nik_is_a_mismatch() {
    let mut form = form();
    form.participant.sex = "L".into();
    assert_eq!(codes_at(&form, path::SEX), ["sex.nik_mismatch"]);
}

#[test]
fn an_invalid_nik_is_not_also_compared_with_the_birth_date_and_sex() {
    let mut form = form();
    form.participant.nik = "3576010007900001".into();
    form.participant.sex = "L".into();
    let errors = form.errors(REFERENCE_TODAY);
    assert_eq!(errors, [FieldError::new(path::NIK, "nik.day_out_of_range")]);
}

#[test]
fn a_birth_date_in_the_future_is_rejected() {
    let mut form = form();
    form.participant.nik = nik_for("357601", date("2026-06-16"), Sex::Female, 1);
    form.participant.birth_date = "2026-06-16".into();
    assert_eq!(codes_at(&form, path::BIRTH_DATE), ["birth_date.in_future"]);
}

fn born(birth: &str) -> RegistrationForm {
    let mut form = form();
    form.participant.nik = nik_for("357601", date(birth), Sex::Female, 1);
    form.participant.birth_date = birth.into();
    form
}

#[test]
fn someone_who_turns_fifteen_today_may_register() {
    assert_eq!(
        codes_at(&born("2011-06-15"), path::BIRTH_DATE),
        Vec::<String>::new()
    );
}

#[test]
fn someone_fifteen_tomorrow_is_too_young() {
    assert_eq!(
        codes_at(&born("2011-06-16"), path::BIRTH_DATE),
        ["birth_date.too_young"]
    );
}

#[test]
fn someone_who_is_a_hundred_may_register() {
    assert_eq!(
        codes_at(&born("1926-01-01"), path::BIRTH_DATE),
        Vec::<String>::new()
    );
}

#[test]
fn someone_who_turned_a_hundred_and_one_is_too_old() {
    assert_eq!(
        codes_at(&born("1925-06-15"), path::BIRTH_DATE),
        ["birth_date.too_old"]
    );
}

#[test]
fn a_start_month_three_months_back_is_accepted_but_four_is_too_early() {
    let mut form = form();
    form.coverage.start_month = "2026-03".into();
    assert_eq!(codes_at(&form, path::START_MONTH), Vec::<String>::new());
    form.coverage.start_month = "2026-02".into();
    assert_eq!(
        codes_at(&form, path::START_MONTH),
        ["start_month.too_early"]
    );
}

#[test]
fn a_start_month_twelve_months_ahead_is_accepted_but_thirteen_is_too_late() {
    let mut form = form();
    form.coverage.start_month = "2027-06".into();
    assert_eq!(codes_at(&form, path::START_MONTH), Vec::<String>::new());
    form.coverage.start_month = "2027-07".into();
    assert_eq!(codes_at(&form, path::START_MONTH), ["start_month.too_late"]);
}

#[test]
fn a_registration_without_consent_is_rejected() {
    let mut form = form();
    form.consent = false;
    assert_eq!(codes_at(&form, path::CONSENT), ["consent.not_given"]);
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
fn an_address_outside_the_city_needs_a_city_and_no_kelurahan() {
    let mut form = form();
    form.address = AddressForm {
        outside_city: true,
        street: "Dusun Sumber, Desa Sooko".into(),
        kelurahan: "nonsense is ignored".into(),
        ..AddressForm::default()
    };
    assert_eq!(
        form.errors(REFERENCE_TODAY),
        [FieldError::new(path::CITY, "required")]
    );
    form.address.city = "Kab. Mojokerto".into();
    let details = form.validate(REFERENCE_TODAY).unwrap();
    assert_eq!(details.address.kelurahan(), None);
}

#[test]
fn an_address_in_the_city_needs_rt_rw_and_a_kelurahan_of_the_city() {
    let mut form = form();
    form.address.outside_city = false;
    form.address.kelurahan = "Sooko".into();
    form.address.rt = "000".into();
    let errors = form.errors(REFERENCE_TODAY);
    assert!(errors.contains(&FieldError::new(path::KELURAHAN, "kelurahan.unknown")));
    assert!(errors.contains(&FieldError::new(path::RT, "rt_rw.zero")));
}

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

fn worker(nik: &str) -> WorkerForm {
    WorkerForm {
        full_name: "Slamet Riyadi".into(),
        nik: nik.into(),
        phone: String::new(),
        wage: "Rp 1.800.000".into(),
    }
}

#[test]
fn workers_are_validated_with_the_owner_and_kept_in_order() {
    let mut form = form();
    form.business.employees = "2".into();
    let first = nik_for("357602", date("1995-03-10"), Sex::Male, 11);
    let second = nik_for("357602", date("1999-11-02"), Sex::Female, 12);
    form.workers = vec![worker(&first), worker(&second)];
    form.workers[1].phone = "0812 3456 7890".into();
    let details = form.validate(REFERENCE_TODAY).unwrap();
    assert_eq!(details.workers.len(), 2);
    assert_eq!(details.workers[0].nik.to_string(), first);
    assert_eq!(details.workers[0].wage.rupiah().amount(), 1_800_000);
    assert_eq!(details.workers[0].phone, None);
    assert!(details.workers[1].phone.is_some());
}

#[test]
fn every_bad_worker_field_is_reported_at_its_own_path() {
    let mut form = form();
    form.business.employees = "3".into();
    let owner = form.participant.nik.clone();
    let other = nik_for("357602", date("1995-03-10"), Sex::Male, 11);
    form.workers = vec![
        WorkerForm {
            full_name: String::new(),
            nik: "12".into(),
            phone: "12".into(),
            wage: "0".into(),
        },
        worker(&owner),
        worker(&other),
    ];
    form.workers.push(worker(&other));
    form.business.employees = "4".into();
    let errors: Vec<(String, String)> = form
        .errors(REFERENCE_TODAY)
        .into_iter()
        .map(|e| (e.path, e.code))
        .collect();
    assert_eq!(
        errors,
        [
            ("workers.0.full_name".into(), "required".into()),
            ("workers.0.nik".into(), "nik.length".into()),
            ("workers.0.phone".into(), "phone.not_mobile".into()),
            ("workers.0.wage".into(), "wage.zero".into()),
            ("workers.1.nik".into(), "worker.is_owner".into()),
            ("workers.3.nik".into(), "worker.duplicate_nik".into()),
        ]
    );
}

#[test]
fn workers_need_enough_employees_and_at_most_the_maximum() {
    let mut form = form();
    form.business.employees = "1".into();
    form.workers = vec![
        worker(&nik_for("357602", date("1995-03-10"), Sex::Male, 11)),
        worker(&nik_for("357602", date("1995-03-10"), Sex::Male, 12)),
    ];
    assert_eq!(
        codes_at(&form, path::EMPLOYEES),
        ["employees.fewer_than_workers"]
    );
    form.business.employees = "30".into();
    form.workers = (1..=crate::worker::MAX_WORKERS as u16 + 1)
        .map(|serial| worker(&nik_for("357602", date("1995-03-10"), Sex::Male, serial)))
        .collect();
    assert_eq!(codes_at(&form, path::WORKERS), ["workers.too_many"]);
}

#[test]
fn a_registration_with_workers_round_trips_through_its_form_and_json() {
    let mut form = form();
    form.business.employees = "1".into();
    let form_nik = nik_for("357602", date("1995-03-10"), Sex::Male, 11);
    form.workers = vec![worker(&form_nik)];
    form.workers[0].phone = "0812-3456-7890".into();
    let mut submission = testdata::submission(7);
    submission.form = form;
    let registration = Registration::from_submission(&submission, REFERENCE_TODAY).unwrap();
    let again =
        Registration::from_submission(&registration.to_submission(), REFERENCE_TODAY).unwrap();
    assert_eq!(again, registration);
    let json = serde_json::to_string(&registration).unwrap();
    assert_eq!(
        serde_json::from_str::<Registration>(&json).unwrap(),
        registration
    );
    let debug = format!("{:?}", registration.workers());
    assert!(
        !debug.contains(&form_nik) && !debug.contains("Slamet"),
        "{debug}"
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

fn submission() -> Submission {
    let mut submission = testdata::submission(3);
    submission.form = form();
    submission
}

fn registration() -> Registration {
    Registration::from_submission(&submission(), REFERENCE_TODAY).unwrap()
}

#[test]
fn a_submission_round_trips_through_the_registration() {
    let registration = registration();
    let again =
        Registration::from_submission(&registration.to_submission(), REFERENCE_TODAY).unwrap();
    assert_eq!(again, registration);
}

#[test]
fn the_same_phone_typed_two_ways_is_the_same_content() {
    let mut a = submission();
    let mut b = submission();
    a.form.participant.phone = "0812 3456 7890".into();
    b.form.participant.phone = "+6281234567890".into();
    let a = Registration::from_submission(&a, REFERENCE_TODAY).unwrap();
    let b = Registration::from_submission(&b, REFERENCE_TODAY).unwrap();
    assert_eq!(a, b);
    assert!(a.same_content(&b));
}

#[test]
fn the_same_registration_with_a_later_edit_time_is_the_same_content() {
    let a = registration();
    let mut later = a.to_submission();
    later.updated_at = "2026-06-20T00:00:00.000Z".into();
    let b = Registration::from_submission(&later, REFERENCE_TODAY).unwrap();
    assert_ne!(a, b);
    assert!(a.same_content(&b));
}

#[test]
fn a_changed_field_is_different_content() {
    let a = registration();
    let mut changed = a.to_submission();
    changed.form.business.location = "Pasar Kliwon".into();
    let b = Registration::from_submission(&changed, REFERENCE_TODAY).unwrap();
    assert!(!a.same_content(&b));
}

#[test]
fn a_submission_with_a_bad_id_is_rejected_at_path_id_with_the_form_errors() {
    let mut bad = submission();
    bad.id = "not-a-uuid".into();
    bad.form.participant.phone = "12".into();
    let errors = Registration::from_submission(&bad, REFERENCE_TODAY).unwrap_err();
    assert_eq!(errors[0], FieldError::new(path::ID, "id.format"));
    assert!(errors.iter().any(|e| e.path == path::PHONE));
}

#[test]
fn a_submission_of_another_schema_version_is_rejected() {
    let mut newer = submission();
    newer.schema_version = 2;
    let errors = Registration::from_submission(&newer, REFERENCE_TODAY).unwrap_err();
    assert_eq!(
        errors,
        [FieldError::new(
            path::SCHEMA_VERSION,
            "schema_version.unsupported"
        )]
    );
}

#[test]
fn a_submission_without_consent_time_is_rejected() {
    let mut draft = submission();
    draft.consent_at.clear();
    let errors = Registration::from_submission(&draft, REFERENCE_TODAY).unwrap_err();
    assert_eq!(errors, [FieldError::new(path::CONSENT_AT, "required")]);
}

#[test]
fn a_submission_edited_before_it_was_created_is_rejected() {
    let mut odd = submission();
    odd.updated_at = "2000-01-01T00:00:00.000Z".into();
    let errors = Registration::from_submission(&odd, REFERENCE_TODAY).unwrap_err();
    assert_eq!(
        errors,
        [FieldError::new(
            path::UPDATED_AT,
            "updated_at.before_created_at"
        )]
    );
}

#[test]
fn an_empty_officer_means_none() {
    let mut own = submission();
    own.officer = "  ".into();
    let registration = Registration::from_submission(&own, REFERENCE_TODAY).unwrap();
    assert_eq!(registration.officer(), None);
}

#[test]
fn debug_output_of_a_registration_hides_personal_data() {
    let registration = registration();
    let debug = format!("{registration:?}");
    assert!(debug.contains(&registration.participant().nik().masked()));
    assert!(!debug.contains(registration.participant().nik().as_str()));
    assert!(!debug.contains(registration.participant().full_name().as_str()));
    assert!(!debug.contains(registration.participant().phone().e164()));
}

#[test]
fn a_registration_round_trips_through_its_canonical_json() {
    let registration = registration();
    let json = serde_json::to_string(&registration).unwrap();
    assert!(json.contains(r#""phone":"+62"#));
    assert!(json.contains(r#""schema_version":1"#));
    assert_eq!(
        serde_json::from_str::<Registration>(&json).unwrap(),
        registration
    );
}

#[test]
fn a_stored_registration_whose_nik_disagrees_with_its_sex_does_not_load() {
    let json = serde_json::to_string(&registration()).unwrap();
    let tampered = json.replace(r#""sex":"P""#, r#""sex":"L""#);
    assert_ne!(json, tampered);
    assert!(serde_json::from_str::<Registration>(&tampered).is_err());
}

#[test]
fn a_stored_registration_with_an_invalid_field_does_not_load() {
    let json = serde_json::to_string(&registration()).unwrap();
    let phone = registration().participant().phone().e164().to_owned();
    let tampered = json.replace(&phone, "+62841234567");
    assert!(serde_json::from_str::<Registration>(&tampered).is_err());
}

#[test]
fn an_ojek_registration_is_discounted_in_the_transport_window() {
    let mut ojek = submission();
    ojek.form.business.kind = "49424".into();
    ojek.form.coverage.paid_by_government = false;
    ojek.form.coverage.income = "1000000".into();
    ojek.form.coverage.jht = false;
    ojek.form.coverage.period = "1".into();
    ojek.form.coverage.start_month = "2026-03".into();
    let registration = Registration::from_submission(&ojek, REFERENCE_TODAY).unwrap();
    assert_eq!(
        registration.contribution_schedule().total(),
        crate::Rupiah(8_400)
    );
}

#[test]
fn a_new_draft_starts_empty_at_the_current_schema() {
    let now = Timestamp::parse("2026-06-15T01:00:00Z").unwrap();
    let draft = Submission::new_draft(&testdata::registration_id(1), now);
    assert_eq!(draft.schema_version, crate::SCHEMA_VERSION);
    assert_eq!(draft.form, RegistrationForm::default());
    assert_eq!(draft.created_at, "2026-06-15T01:00:00.000Z");
}

#[test]
fn a_stored_record_whose_worker_is_the_owner_does_not_read_back() {
    let mut form = form();
    form.business.employees = "1".into();
    form.workers = vec![worker(&nik_for(
        "357602",
        date("1995-03-10"),
        Sex::Male,
        11,
    ))];
    let mut submission = testdata::submission(7);
    submission.form = form;
    let registration = Registration::from_submission(&submission, REFERENCE_TODAY).unwrap();
    let mut json = serde_json::to_value(&registration).unwrap();
    json["workers"][0]["nik"] = json["participant"]["nik"].clone();
    let error = serde_json::from_value::<Registration>(json.clone()).unwrap_err();
    assert!(error.to_string().contains("worker.is_owner"), "{error}");
    json["workers"][0]["nik"] = nik_for("357602", date("1995-03-10"), Sex::Male, 11).into();
    json["business"]["employees"] = 0.into();
    let error = serde_json::from_value::<Registration>(json).unwrap_err();
    assert!(
        error.to_string().contains("employees.fewer_than_workers"),
        "{error}"
    );
}
