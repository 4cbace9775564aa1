//! The submission and the canonical record: round trips, same content, what does not load.

use super::*;

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
fn a_new_draft_starts_empty_at_the_current_schema() {
    let now = Timestamp::parse("2026-06-15T01:00:00Z").unwrap();
    let draft = Submission::new_draft(&testdata::registration_id(1), now);
    assert_eq!(draft.schema_version, crate::SCHEMA_VERSION);
    assert_eq!(draft.form, RegistrationForm::default());
    assert_eq!(draft.created_at, "2026-06-15T01:00:00.000Z");
}
